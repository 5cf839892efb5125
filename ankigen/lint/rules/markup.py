"""Markup that the card will not show as the author meant: raw HTML and broken math.

Notes are Markdown with raw HTML turned off, so an HTML tag reaches the learner as the text
``<b>``; math is ``$…$`` (inline) or ``$$…$$`` (display), and MathJax shows an error, or the
bare TeX, when its braces or environments do not pair up.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from html.entities import html5 as html5_entities
from typing import ClassVar

from rapidfuzz.distance import OSA

from ankigen.diagnostics import Fix, Severity
from ankigen.lint.data_files import data_lines
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules import html_debris
from ankigen.lint.words import is_dictionary_word
from ankigen.render.backslash_math import backslash_math_end
from ankigen.render.markdown import strip_comment_lines
from ankigen.render.mathjax_safety import ALLOWED
from ankigen.source import cloze
from ankigen.source.model import NoteType


@cache
def html_elements() -> frozenset[str]:
    """Element names of HTML (``data/html_elements.txt``): only these make a tag."""
    return frozenset(data_lines("html_elements.txt"))


# Tags that never close, and tags that no one writes as a placeholder or a comparison: these are
# HTML on their own. Any other opening tag counts only with attributes, a '/>', its closing
# tag or a line to itself, so that "a<b>c", "SELECT * FROM <table>" or "<input>" stay prose.
_ALONE = frozenset({"br", "hr", "img", "wbr"})
_SURE = _ALONE | frozenset(
    {"blockquote", "center", "div", "em", "figcaption", "font", "iframe", "li", "ol", "span"}
    | {"strike", "strong", "sub", "sup", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
    | {f"h{level}" for level in range(1, 7)}
)
_BLOCK_ELEMENTS = frozenset(
    {"p", "pre", "section", "article", "dl", "dt", "dd", "details", "summary", "figure"}
)
_BOOLEAN_ATTRIBUTES = frozenset(
    {"hidden", "disabled", "checked", "controls", "autoplay", "loop", "muted", "open", "selected"}
    | {"nowrap", "border", "async", "defer", "required", "readonly", "multiple", "reversed"}
    | {"allowfullscreen", "playsinline", "novalidate", "autofocus", "ismap", "nomodule"}
)
_ATTRIBUTE = (
    r"[a-zA-Z_:][-a-zA-Z0-9_:.]*\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'=<>`]+)"
    r"|(?:" + "|".join(sorted(_BOOLEAN_ATTRIBUTES)) + r")(?![-\w])"
)
_TAG = lazy_regex(
    r"(?<!\\)<(?P<close>/)?(?P<name>[a-zA-Z][a-zA-Z0-9]*)"
    r"(?P<attributes>(?:\s+(?:" + _ATTRIBUTE + r"))*)"
    r"\s*(?P<self>/)?>"
)
_COMMENT = lazy_regex(r"<!--[\s\S]*?-->")
# "the <br> tag", "a <div> element": the author talks about HTML, the text is what they meant.
_MENTION_AFTER = lazy_regex(r"\s*(?:tags?|elements?|attributes?)\b", re.IGNORECASE)
_MENTION_BEFORE = lazy_regex(r"\b(?:tags?|elements?)\s*(?:like|such as|:)?\s*$", re.IGNORECASE)

_ADVICE = {
    "br": "end the line with '\\' for a line break, or leave a blank line for a new paragraph",
    "b": "write **text** for bold",
    "strong": "write **text** for bold",
    "i": "write *text* for italics",
    "em": "write *text* for italics",
    "cite": "write *text* for italics",
    "dfn": "write *text* for italics",
    "code": "write `text` for code",
    "tt": "write `text` for code",
    "kbd": "write `text` for code",
    "samp": "write `text` for code",
    "pre": "put the code in a fenced block (```)",
    "sup": "write math for a superscript: $x^{2}$",
    "sub": "write math for a subscript: $x_{i}$",
    "img": "write ![description](file.png) for an image",
    "a": "write [text](https://…) for a link",
    "blockquote": "start the quoted lines with '> '",
    "s": "write ~~text~~ for struck-out text",
    "del": "write ~~text~~ for struck-out text",
    "strike": "write ~~text~~ for struck-out text",
    "hr": "remove it",
    "u": "Markdown has no underline: write **text** or *text*",
    "ins": "Markdown has no underline: write **text** or *text*",
    "mark": "Markdown has no highlight: write **text**",
}
_ADVICE.update(
    dict.fromkeys(
        ("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "col", "colgroup"),
        "write a Markdown table ('| a | b |' rows)",
    )
)
_ADVICE.update(
    dict.fromkeys(("ul", "ol", "li", "dl", "dt", "dd"), "write a Markdown list ('- item')")
)
_ADVICE.update(
    dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), "write **bold** text or a '## …' line")
)
# Images that are rendered formulas (GitHub's math renderer, CodeCogs, LaTeX services).
_FORMULA_IMAGE = lazy_regex(r"render/math|latex|codecogs|[?&]math=|\\[a-z]+", re.IGNORECASE)
_DEFAULT_ADVICE = "remove the tag (separate paragraphs with a blank line)"
_EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*", "s": "~~", "del": "~~", "strike": "~~"}
_CODE = frozenset({"code", "tt", "kbd", "samp"})
_SAFE_EMPHASIS_TEXT = lazy_regex(r"\w(?:[^<>*_`\\\n{}]*\w)?")
_SAFE_CODE_TEXT = lazy_regex(r"[^\s`&](?:[^`&\n]*[^\s`&])?")
_BR_RUN = lazy_regex(r"(?:</?br\s*/?>[ \t]*)+", re.IGNORECASE)
_BR_TAG = lazy_regex(r"</?br\s*/?>", re.IGNORECASE)
_BLOCK_START = lazy_regex(r"\s*(?:[-*+#>|]|\d{1,9}[.)]|`{3}|~{3})")
_LIST_INDENT = lazy_regex(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?")


@dataclass(frozen=True)
class _Tag:
    match: re.Match[str]

    @property
    def name(self) -> str:
        return self.match.group("name").lower()

    @property
    def element(self) -> str:
        """The element meant: the name itself, or the one it misspells."""
        return intended_element(self.name) or self.name

    @property
    def closing(self) -> bool:
        return self.match.group("close") is not None

    @property
    def bare(self) -> bool:
        """An opening tag with no attributes and no '/>': HTML only if it is closed later."""
        return not self.match.group("attributes").strip() and not self.match.group("self")


# Elements whose names a copy or a hand-written tag misspells ("<stong>", "</strnog>", "<spna>"),
# and names authors take for HTML that HTML does not have ("<bold>", "<italic>"). Such a tag
# counts as HTML as the others do (closed, closing, with attributes, a line to itself), and
# never when its name is an English word ("<node>…</node>" is XML, not a cut "<code>").
_OFTEN_MISSPELLED = frozenset(
    {"strong", "span", "div", "code", "sup", "sub", "small", "mark", "font", "center", "table"}
    | {"blockquote", "strike", "summary", "details", "abbr", "cite", "kbd", "pre", "img"}
)
_NOT_HTML_FORMATTING = {
    "bold": "b",
    "italic": "i",
    "italics": "i",
    "underline": "u",
    "strikethrough": "s",
    "highlight": "mark",
}


@cache
def intended_element(name: str) -> str | None:
    """The element a tag name stands for: itself, the element it misspells by one edit or
    transposition, or the one a made-up formatting name means (None: no HTML)."""
    name = name.lower()
    if name in html_elements():
        return name
    if name in _NOT_HTML_FORMATTING:
        return _NOT_HTML_FORMATTING[name]
    if len(name) < 3 or is_dictionary_word(name):
        return None
    near = [e for e in _OFTEN_MISSPELLED if OSA.distance(name, e, score_cutoff=1) <= 1]
    return near[0] if len(near) == 1 else None


def _html_tags(text: str, prose: str, start: int) -> list[_Tag]:
    """Tags of the text whose '<' and '>' are prose (attribute values may hold blanked URLs)."""
    tags = []
    comments = [m.span() for m in _COMMENT.finditer(text, start)]
    for match in _TAG.finditer(text, start):
        tag = _Tag(match)
        if intended_element(tag.name) is None or _is_mention(prose, match):
            continue
        if any(begin <= match.start() < end for begin, end in comments):
            continue  # comments are the author's notes to themselves (and suppressions)
        name_end = match.end("name")
        if prose[match.start() : name_end] != text[match.start() : name_end]:
            continue
        if prose[match.end() - 1] != ">":
            continue
        if tag.closing and (match.group("attributes").strip() or match.group("self")):
            continue
        tags.append(tag)
    return tags


def _is_mention(prose: str, match: re.Match[str]) -> bool:
    after = prose[match.end() : match.end() + 20]
    before = prose[max(0, match.start() - 30) : match.start()]
    return bool(_MENTION_AFTER.match(after) or _MENTION_BEFORE.search(before))


def _pair_tags(tags: list[_Tag]) -> dict[int, int]:
    """Index of each opening tag -> index of the closing tag that ends it."""
    open_by_name: dict[str, list[int]] = {}
    pairs: dict[int, int] = {}
    for index, tag in enumerate(tags):
        if tag.closing:
            stack = open_by_name.get(tag.name)
            if stack:
                pairs[stack.pop()] = index
        elif tag.name not in _ALONE and not tag.match.group("self"):
            open_by_name.setdefault(tag.name, []).append(index)
    return pairs


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end < 0 else line_end


def _break_fix(text: str, start: int, end: int) -> Fix | None:
    """A Markdown line break (or blank line, for a run of tags) in place of '<br>' tags."""
    line_start, line_end = _line_bounds(text, start, end)
    before, after = text[line_start:start], text[end:line_end]
    if not before.strip() and not after.strip() and line_start > 0:
        return Fix(line_start, line_end, "")  # a line of its own: a blank line instead
    if not before.strip() or "|" in text[line_start:line_end]:
        return None  # a line of its own, or a table row: no safe Markdown equivalent
    if before.lstrip().startswith(("#", ">")):
        return None  # a heading is one line; a quote needs '>' on every line
    several = len(re.findall("<", text[start:end])) > 1
    marker = _LIST_INDENT.match(before)
    indent = marker.end() if marker else 0
    if several and indent:
        return None
    if not after.strip():
        next_end = text.find("\n", line_end + 1)
        next_line = text[line_end + 1 : len(text) if next_end < 0 else next_end]
        if not next_line.strip() or _BLOCK_START.match(next_line):
            return Fix(start, line_end, "")  # a '\\' before a new block would show as text
        return Fix(start, line_end, "\n" if several else "\\")
    if _BLOCK_START.match(after):
        return None
    spaces = len(after) - len(after.lstrip())
    replacement = "\n\n" if several else "\\\n" + " " * indent
    return Fix(start, end + spaces, replacement)


def _pair_fix(text: str, opening: _Tag, closing: _Tag) -> Fix | None:
    """'**x**', '*x*' or '`x`' in place of a bare <b>, <i> or <code> pair on one line."""
    if not opening.bare:
        return None
    inner = text[opening.match.end() : closing.match.start()]
    start, end = opening.match.start(), closing.match.end()
    if opening.name in _EMPHASIS and _SAFE_EMPHASIS_TEXT.fullmatch(inner):
        mark = _EMPHASIS[opening.name]
        return Fix(start, end, f"{mark}{inner}{mark}")
    if opening.name in _CODE and _SAFE_CODE_TEXT.fullmatch(inner):
        return Fix(start, end, f"`{inner}`")
    return None


def _tag_message(tag: _Tag, text: str) -> str:
    shown = re.sub(r"\s+", " ", text)
    if len(shown) > 40:
        shown = shown[:37] + "…"
    advice = _ADVICE.get(tag.element, _DEFAULT_ADVICE)
    if tag.element == "img" and _FORMULA_IMAGE.search(text):
        advice = "write the formula as math: $…$"
    if tag.element != tag.name:
        advice = f"(a misspelled or made-up <{tag.element}>) {advice}"
    return f"'{shown}' is shown to the learner as text (Markdown notes show no HTML): {advice}"


# A tag written with entities, once or twice escaped: Markdown decodes one level, so the card
# shows "<b>" (or "&lt;b&gt;"). Entities are how copied web pages carry HTML.
_LT = r"&(?:amp;)*(?:lt|#0*60|#[xX]0*3[cC]);"
_GT = r"&(?:amp;)*(?:gt|#0*62|#[xX]0*3[eE]);"
_ESCAPED_TAG = lazy_regex(
    _LT + r"(?P<close>/)?(?P<name>[a-zA-Z][a-zA-Z0-9]*)"
    r"(?P<attributes>(?:\s+[^&<>\n]*?)?)\s*/?" + _GT
)
# A closing tag whose '>' never comes ("</b:", "</sup in"), and an opening tag with an
# attribute that runs into prose ('<div id="x" and'): HTML cut short, shown as written.
_CUT_CLOSING_TAG = lazy_regex(r"(?<![\\`])</(?P<name>[a-zA-Z][a-zA-Z0-9]*)(?![a-zA-Z0-9]|\s*>)")
_CUT_OPENING_TAG = lazy_regex(
    r"(?<![\\`])<(?P<name>[a-zA-Z][a-zA-Z0-9]*)(?:\s+(?:" + _ATTRIBUTE + r"))+"
    r"(?:(?=[ \t]+[^\s/>=]+(?:[ \t]|$))(?![ \t]+[a-zA-Z_:][-\w:.]*\s*=)|(?<=[\"'])(?=\w))",
    re.MULTILINE,
)

# A formatting tag opened in prose and never closed: "sorts the set <b by one column". The tag
# follows a prose word and a space (not "a <b", "j <i": comparisons of one-letter names) and
# runs into a word, with no '>' anywhere after it on the line.
_UNCLOSED_TAG_NAMES = r"b|i|u|s|em|strong|sup|sub|code|span|div|p|br|hr|li|ul|ol|small|mark|kbd"
_UNCLOSED_BARE_TAG = lazy_regex(
    r"(?<=[A-Za-z]{2}[ \t])<(?P<name>" + _UNCLOSED_TAG_NAMES + r")"
    r"(?=[ \t]+[a-z]{2,}\b)(?![^\n]*>)",
    re.IGNORECASE,
)

# A tag of two letters or more cut at the end of its line, glued to a word or a sentence's
# last mark: "elsewhere<br", "done.</di" is _CUT_CLOSING_TAG's; not "if a<b" (one letter).
_CUT_AT_LINE_END = lazy_regex(
    r"(?:(?<=[A-Za-z]{2})|(?<=[.,;:!?)]))<(?P<name>br|hr|sup|sub|div|span|code|strong|em|li|ul|"
    r"ol|td|tr|th|img|small|mark|kbd)[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)


def _in_prose(text: str, prose: str, start: int, end: int) -> bool:
    """Whether the whole span is prose (not code, math, a URL or a comment)."""
    return prose[start:end] == text[start:end]


def _escaped_tag_findings(text: str, prose: str, body_offset: int) -> Iterator[Finding]:
    if "&" not in text:
        return
    for match in _ESCAPED_TAG.finditer(text, body_offset):
        name = match.group("name").lower()
        if name not in html_elements() or not _in_prose(text, prose, *match.span()):
            continue
        if _is_mention(prose, match):
            continue  # "the &lt;div&gt; element": the author shows a tag on purpose
        shown = re.sub(_LT, "<", re.sub(_GT, ">", match.group(0)))
        advice = _ADVICE.get(name, _DEFAULT_ADVICE)
        yield Finding(
            *match.span(),
            f"'{shown}' is an HTML tag escaped as entities: the card shows it as text; {advice}",
        )


def _broken_tag_findings(text: str, prose: str, body_offset: int) -> Iterator[Finding]:
    for pattern in (_CUT_CLOSING_TAG, _CUT_OPENING_TAG, _UNCLOSED_BARE_TAG, _CUT_AT_LINE_END):
        for match in pattern.finditer(text, body_offset):
            name = intended_element(match.group("name"))
            if name is None or not _in_prose(text, prose, *match.span()):
                continue
            yield Finding(
                *match.span(),
                f"'{match.group(0)}' is an HTML tag cut short (its '>' is missing): the card "
                f"shows it as text; {_ADVICE.get(name, _DEFAULT_ADVICE)}",
            )


# Entities escaped twice ("&amp;nbsp;" shows as "&nbsp;"), tags written with spaces or a stray
# slash ("< b >", "<br/ >") and comments missing a dash ("<!- note ->"): the same copied-HTML
# mistake in shapes the tag pattern does not take.
# Session 29: a Markdown backslash before an entity ("the \&quot;items\&quot; property", from
# a generated API doc) escapes the '&', so the card shows the entity as written too.
_DOUBLE_ESCAPED_ENTITY = lazy_regex(
    r"(?:&amp;(?:amp;)*|(?P<slash>\\)&)"
    r"(?:(?P<name>[a-zA-Z][a-zA-Z0-9]{1,31})|#\d{1,7}|#x[0-9a-fA-F]{1,6});"
)
_ENTITY_TALK = lazy_regex(r"\b(?:entit(?:y|ies)|escap\w*)\b", re.IGNORECASE)
_SPACED_TAG_NAMES = r"b|i|u|s|em|strong|sup|sub|code|span|div|p|br|hr"
_SPACED_TAG = lazy_regex(
    r"<(?:\s+/?\s*(?P<a>" + _SPACED_TAG_NAMES + r")\s*/?\s*"
    r"|/\s+(?P<b>" + _SPACED_TAG_NAMES + r")\s*"
    r"|(?P<c>br|hr)\s*/\s+)>",
    re.IGNORECASE,
)
_BROKEN_COMMENT = lazy_regex(r"<!-(?!-)[^\n>]*>?|<!--(?![\s\S]*?-->)[^\n]*")


def _spaced_tag_is_html(prose: str, match: re.Match[str], counts: dict[str, int]) -> bool:
    """A spaced tag is HTML when it is a break or its partner is written too in the prose
    (not a < b > c); ``counts`` keeps each name's number of tags, counted once per note."""
    name = (match.group("a") or match.group("b") or match.group("c")).lower()
    if name in {"br", "hr"}:
        return True
    if name not in counts:
        partner = re.compile(r"<\s*/?\s*" + name + r"\s*>", re.IGNORECASE)
        counts[name] = sum(1 for _ in partner.finditer(prose))
    return counts[name] >= 2


def _odd_markup_findings(text: str, prose: str, body_offset: int) -> Iterator[Finding]:
    for match in _DOUBLE_ESCAPED_ENTITY.finditer(text, body_offset):
        name = match.group("name")
        if name is not None and f"{name};" not in html5_entities:
            continue  # "&amp;foo;" shows as "&foo;", which is no entity either: plain text
        line_start, line_end = _line_bounds(text, match.start(), match.end())
        if _in_prose(text, prose, *match.span()) and not _ENTITY_TALK.search(
            text, line_start, line_end
        ):
            if match.group("slash"):
                yield Finding(
                    *match.span(),
                    f"'{match.group(0)}' is an entity behind a Markdown backslash: the card shows "
                    f"'{match.group(0)[1:]}' as text; write the character itself",
                )
                continue
            shown = match.group(0).replace("&amp;", "&", 1)
            yield Finding(
                *match.span(),
                f"'{match.group(0)}' is an entity escaped twice: the card shows '{shown}' as "
                "text; write the character itself",
            )
    counts: dict[str, int] = {}
    for match in _SPACED_TAG.finditer(text, body_offset):
        if _in_prose(text, prose, *match.span()) and _spaced_tag_is_html(prose, match, counts):
            yield Finding(
                *match.span(),
                f"'{match.group(0)}' is an HTML tag (written with stray spaces): the card shows "
                "it as text; use the Markdown form (**bold**, *italics*, a blank line)",
            )
    for match in _BROKEN_COMMENT.finditer(text, body_offset):
        if _in_prose(text, prose, match.start(), match.start() + 3):
            yield Finding(
                *match.span(),
                f"'{match.group(0).strip()}' is an HTML comment written wrongly (it needs "
                "'<!--' and '-->'): the card shows it as text; delete it or fix the dashes",
            )


# Entities the Markdown parser does not decode, so the card shows them as written: a common
# one without its ';' ("&nbsp " shows "&nbsp"), or one misspelled ("&nbps;").
_COMMON_ENTITIES = (
    *("nbsp", "amp", "lt", "gt", "quot", "apos", "mdash", "ndash", "hellip", "times", "rarr"),
    *("larr", "rsquo", "lsquo", "rdquo", "ldquo", "deg", "middot", "bull", "copy", "laquo"),
    "raquo",
)
# Any other entity of four letters or more counts too ("&minus", "&alpha", "&infin");
# shorter names ("&and", "&not", "&sub") are too often plain words after an ampersand.
_ENTITY_WITHOUT_SEMICOLON = lazy_regex(
    r"(?<!&)&(?P<name>" + "|".join(_COMMON_ENTITIES) + r"|[a-zA-Z]{4,8})(?![\w;=])"
)
_ENTITY_LIKE = lazy_regex(r"(?<!&)&(?P<name>[a-zA-Z]{3,8});")


def _misspelled_entity(name: str) -> str | None:
    """The common entity ``name`` misspells by one edit or transposition, if it is no entity."""
    if f"{name};" in html5_entities:
        return None
    near = [e for e in _COMMON_ENTITIES if len(e) >= 4 and OSA.distance(name, e) <= 1]
    return near[0] if len(near) == 1 else None


# "a backend store&nbsp;(SQL database)": a no-break space between two words, which a web
# page's editor leaves and no author types. Beside a number or after an abbreviation ("10&nbsp;GB",
# "Fig.&nbsp;3", "PyTorch&nbsp;2") it keeps the two together on purpose. It renders as a
# space, so this is a warning.
# The same after a word's comma or colon ("lasso:&nbsp;drives"): a space after punctuation is
# a plain one (French puts its no-break space before the colon, not after). Not after a
# semicolon: an entity's own ';' ends "&nbsp;&nbsp;".
_COPIED_NBSP = lazy_regex(r"(?:(?<=[^\W\d_]{2})|(?<=[^\W\d_]{2}[,:]))&nbsp;(?=[(\[]?[^\W\d_]{2})")
# Session 31 (a class three authors wrote, batches 39, 42 and 46): any space entity between two
# characters of prose is a web page's markup ("‖x‖₂&nbsp;=&nbsp;5", "loss&thinsp;+&thinsp;"),
# but for the ties a writer sets on purpose: a number and the unit or word after it ("14&nbsp;GB",
# "3&nbsp;epochs") and a label or a name before its number ("Fig.&nbsp;3", "PyTorch&nbsp;2").
_SPACE_ENTITY = lazy_regex(
    r"(?<=\S)&(?:nbsp|ensp|emsp|thinsp|#160|#[xX]0*[aA]0|#8201|#8194|#8195);(?=\S)"
)
_TIE_BEFORE_UNIT = lazy_regex(r"\d[\d.,]*$")
_TIE_BEFORE_NUMBER = lazy_regex(r"[^\W\d_]{2,}[.:]?$")
_ENTITY_RUN = lazy_regex(r"&(?:[a-zA-Z]{2,8}|#\d{2,5}|#[xX][0-9a-fA-F]{2,4});$|^&")


def _tied(text: str, match: re.Match[str]) -> bool:
    """A tie set on purpose: a number before a word ("14&nbsp;GB"), a word or a label before
    a number ("Fig.&nbsp;3", "PyTorch&nbsp;2", "Default:&nbsp;0.001"); a run of entities
    ("Batch,&nbsp;&nbsp;&nbsp;channels") is spacing laid out on purpose."""
    before = text[max(0, match.start() - 20) : match.start()]
    after = text[match.end() : match.end() + 2]
    if _ENTITY_RUN.search(before) or _ENTITY_RUN.search(after):
        return True
    if _TIE_BEFORE_UNIT.search(before) and after[:1].isalpha():
        return True
    return _TIE_BEFORE_NUMBER.search(before) is not None and after[:1].isdigit()


# Session 32 (batches 48 and 50, two authors): a named character entity in prose ("p &lt;
# 0.05", "MAP &rarr; MLE") is the HTML source of a page, pasted where the author of a Markdown
# note types the character. The renderer decodes it, so the card reads right: a warning, once
# a line, and none in a note that speaks of entities or escaping. Space entities are read above.
_NAMED_ENTITY = lazy_regex(r"&(?P<name>[a-zA-Z][a-zA-Z0-9]{1,31});")
_SPACE_NAMES = frozenset({"nbsp", "ensp", "emsp", "thinsp"})
_GLOSSED = lazy_regex(r"[ \t]+(?:is|are|means|stands|renders|writes|gives|a|an|the)\b")


def _named_entities(text: str, prose: str, body_offset: int) -> Iterator[Finding]:
    if _ENTITY_TALK.search(prose, body_offset):
        return
    lines: set[int] = set()
    for match in _NAMED_ENTITY.finditer(text, body_offset):
        name = match.group("name")
        if name in _SPACE_NAMES or f"{name};" not in html5_entities:
            continue
        if _GLOSSED.match(text, match.end(), match.end() + 16):
            continue  # "&lt; a less-than sign", "&rarr; is an arrow": the entity is named
        line = text.count("\n", 0, match.start())
        if line not in lines and _in_prose(text, prose, *match.span()):
            lines.add(line)
            shown = html5_entities[f"{name};"]
            yield Finding(
                *match.span(),
                f"'{match.group(0)}' is HTML source pasted into a Markdown note: the card shows "
                f"'{shown}', but write the character itself",
                severity=Severity.WARNING,
            )


def _entity_findings(text: str, prose: str, body_offset: int) -> Iterator[Finding]:
    if "&" not in prose:
        return
    for match in _ENTITY_WITHOUT_SEMICOLON.finditer(text, body_offset):
        name = match.group("name")
        if name not in _COMMON_ENTITIES and f"{name};" not in html5_entities:
            continue  # "R&Drive", "salt&pepper": no entity
        if _in_prose(text, prose, *match.span()):
            yield Finding(
                *match.span(),
                f"'{match.group(0)}' is an HTML entity without its ';': the card shows it as "
                "text; write the character itself",
            )
    for match in _COPIED_NBSP.finditer(text, body_offset):
        if _in_prose(text, prose, *match.span()):
            yield Finding(
                *match.span(),
                "'&nbsp;' between two words, where a plain space belongs: markup copied from a "
                "web page; write a space",
                severity=Severity.WARNING,
            )
    copied = {match.start() for match in _COPIED_NBSP.finditer(text, body_offset)}
    lines: set[int] = set()  # one finding a line: "x&nbsp;=&nbsp;5" is one copied formula
    for match in _SPACE_ENTITY.finditer(text, body_offset):
        if match.start() in copied or _tied(text, match):
            continue
        line = text.count("\n", 0, match.start())
        if line not in lines and _in_prose(text, prose, *match.span()):
            lines.add(line)
            yield Finding(
                *match.span(),
                f"'{match.group(0)}' between '{text[match.start() - 1]}' and "
                f"'{text[match.end()]}': a space entity copied from a web page's markup, where "
                "a plain space (or none) belongs; write it as you mean it",
                severity=Severity.WARNING,
            )
    yield from _named_entities(text, prose, body_offset)
    for match in _ENTITY_LIKE.finditer(text, body_offset):
        meant = _misspelled_entity(match.group("name"))
        if meant is not None and _in_prose(text, prose, *match.span()):
            yield Finding(
                *match.span(),
                f"'{match.group(0)}' is a misspelled HTML entity (&{meant};?): the card shows it "
                "as text; write the character itself",
            )


# A comment the renderer does not remove: one that shares its line with text, or that runs
# over several lines. Only a comment alone on one line is dropped; any other shows on the card.
_MULTILINE_COMMENT = lazy_regex(r"<!--[\s\S]*?-->")


def _comment_findings(document: LintDocument, prose: str) -> Iterator[Finding]:
    text, body_offset = document.text, document.body_offset
    if "<!--" not in text[body_offset:]:
        return
    comments = [c for c in document.html_comments if "\n" not in text[c[0] : c[1]]]
    comments += [
        m.span()
        for m in _MULTILINE_COMMENT.finditer(text, body_offset)
        if "\n" in m.group(0) and prose[m.start() : m.start() + 4] == "<!--"
    ]
    if not comments:
        return
    kept_lines = strip_comment_lines(document.body).split("\n")
    body_line_starts = [0] + [i + 1 for i, c in enumerate(document.body) if c == "\n"]
    for start, end in sorted(comments):
        if "\n" not in text[start:end]:
            line = bisect_right(body_line_starts, start - body_offset) - 1
            if not kept_lines[line].strip():
                continue  # alone on its line: the renderer drops it
        yield Finding(
            start,
            end,
            f"'{_shortened(text[start:end])}' is an HTML comment that is not alone on one line: "
            "the card shows it as text; put it on a line of its own, or delete it",
        )


def _shortened(text: str) -> str:
    shown = re.sub(r"\s+", " ", text)
    return shown if len(shown) <= 40 else shown[:37] + "…"


# "\<b>bold\</b>": escaping both '<' shows the tags on purpose, which only a note about HTML
# means to do; elsewhere the card shows the tags around the words.
_ESCAPED_PAIR = lazy_regex(r"\\<(?P<name>[a-zA-Z][a-zA-Z0-9]*)>[^<>\n]*?\\</(?P=name)>")


def _backslash_pair_findings(text: str, prose: str, body_offset: int) -> Iterator[Finding]:
    if "\\<" not in prose or _HTML_TALK.search(prose, body_offset):
        return
    for match in _ESCAPED_PAIR.finditer(text, body_offset):
        name = match.group("name").lower()
        if name in _INLINE_FORMATTING | _SURE and _in_prose(text, prose, *match.span()):
            yield Finding(
                *match.span(),
                f"'{_shortened(match.group(0))}' shows its tags as text (the '\\' keeps them): "
                f"{_ADVICE.get(name, _DEFAULT_ADVICE)}",
            )


class RawHtmlAsText(Rule):
    """An HTML tag in the text: Anki shows it to the learner as it is written.

    Notes are Markdown and raw HTML is switched off (so that a card cannot carry scripts or
    broken layout); ``<br>``, ``<b>…</b>``, ``<sup>2</sup>`` or ``<img src=…>`` therefore
    reach the card as literal text. Copied web pages are the usual source. Write the Markdown
    form instead: ``**bold**``, ``*italics*``, `` `code` ``, a line ending in ``\\`` or a blank
    line, ``$x^{2}$``, ``![description](file.png)``, ``[text](https://…)``. HTML inside code
    spans, code blocks and math is not reported, nor a comment alone on one line (the
    renderer drops it; ``<!-- … -->`` after text on its line, in a table cell or over several
    lines reaches the card as text and is reported), comparisons
    such as ``a<b``, or placeholders such as ``<your-name>``; to show a tag on purpose, put it
    in backticks; in a note about HTML itself, an element named alone (``<strong> marks
    importance``) is taken as meant. Tags in a cloze's hint are reported too: the front shows
    the hint as text. Two more shapes of the same mistake are reported: tags escaped as
    entities by a copy from a web page (``&lt;b&gt;``, ``&#60;b&#62;`` and ``&amp;lt;b&amp;gt;``
    show as ``<b>`` and ``&lt;b&gt;``), and tags cut short (``</b:``, ``n<sup>2</sup in``,
    ``<div id="x" and``, ``<b class="x"word``, ``sorts rows <b by key`` with no '>' after it
    on the line), which show as the text they are. An inline formatting tag (``<code>``,
    ``<b>``, ``<i>``, ``<kbd>``…) opened straight before a word and never closed ("use
    <code>HAVING to filter") is such a fragment too; Markdown shows it as written (checked
    with the build's renderer); ``a<b>c`` and ``x <b> y`` stay comparisons. Also from
    copied pages: entities escaped twice (``&amp;nbsp;`` shows as ``&nbsp;``; not on a line
    that talks about entities; a single ``&nbsp;`` renders as a space, which only between two
    words, where a plain space belongs, is reported, as a warning: ``store&nbsp;(SQL``; not
    ``14&nbsp;GB`` or ``Fig.&nbsp;2``), tags
    written with stray spaces (``< b >…< /b >``, ``<br/ >``; a spaced tag other than a break
    only when its partner is there too, so ``a < b > c`` is left alone) and comments missing
    a dash (``<!- note ->``). Tag names misspelled by one edit or a transposition
    (``<stong>``, ``</strnog>``, ``</stron``) or made up (``<bold>``, ``<italic>``) count as
    the tag meant, unless the name is an English word (``<node>`` in an XML example); a
    formatting tag left open at the end of a line after a word (``… fool it <b>``) or glued to
    the end of a sentence (``… positions.<p>``), and a tag cut at the end of its line
    (``elsewhere<br``), are cut fragments; entities without their ';' (``&nbsp``, ``&minus``) or
    misspelled (``&nbps;``) show as written, and so does any entity escaped twice
    (``&amp;divide;``); tags escaped with backslashes (``\\<b>…\\</b>``) show their tags, which
    only a note about HTML means. A pair whose tags stand apart from the words between them
    (``<s> the text </s>``: sentence tokens, or tags named in a note about HTML) is left alone.

    The same no-break space after a word's comma or colon ("lasso:&nbsp;drives weights to
    zero") is reported as well: French puts its no-break space before the colon, not after.

    Debris of other copies, which the card shows as written too: Office's namespaced tags
    (``<o:p></o:p>``), tags escaped for JSON (``\\u003cbr\\u003e``) or with backslashes
    (``\\<br\\>``), a docs site's MDX component on lines of its own (``<Tabs>`` …
    ``</Tabs>``), and, inside code spans and blocks, entities (``x &gt; 0``,
    ``df[&quot;a&quot;]``) and ``<br>`` tags that stood for the page's line breaks. Code in
    a markup language (HTML, XML, JSX, Markdown…), code with no language, entities inside a
    string literal (``escape("<") == "&lt;"``), a span that is only an entity or shows an
    escaped tag, and notes about HTML, entities or escaping are left alone. A tag pair or a
    break inside math (``$x<sup>2</sup>$``) reaches MathJax as TeX, which shows it letter by
    letter; a comparison there (``$0<p<1$``, ``$<x, y>$``) has no closing tag and is left
    alone.

    Session 29: an entity behind a Markdown backslash (``the \\&quot;hits\\&quot; field``, from
    a generated API document) shows as written, the backslash escaping its ``&``; a numeric
    entity in prose (``&#39;``) is decoded by Markdown and is no error.

    Session 30 (a class of the opened batch 44): a namespaced tag with an attribute, any
    prefix (a wiki export's ``<ac:structured-macro ac:name="info">``), shows as written too;
    in a note about XML (``<xs:element name="id"/>``) it is named on purpose.

    Session 31 (a class three authors wrote, batches 39, 42 and 46): any space entity
    (``&nbsp;``, ``&thinsp;``, ``&ensp;``, ``&emsp;``, ``&#160;``) between two characters of
    prose is a web page's markup copied with the text (``‖x‖₂&nbsp;=&nbsp;5``), reported as a
    warning once a line; the ties a writer sets on purpose are not: a number and the word
    after it (``14&nbsp;GB``) and a word or label before its number (``Fig.&nbsp;3``,
    ``PyTorch&nbsp;2``, ``Default:&nbsp;0.001``), nor a run of them (spacing laid out on
    purpose) or one alone on a line.

    Session 32 (two authors of batches 48 and 50): any other named character entity typed in
    prose where the character belongs (``p &lt; 0.05``, ``MAP &rarr; MLE``,
    ``&mdash;``) is the source of a web page pasted into a Markdown note: the renderer decodes
    it, so it is a warning, once a line; not in a note that speaks of entities or escaping, nor
    where the entity itself is named (``&lt; a less-than sign``, ``&rarr; is an arrow``).
    """

    code = "AG170"
    name = "raw-html-as-text"
    summary = "HTML tag that the card shows as literal text"
    bad = "# What does ReLU return?\n\nThe input if it is <b>positive</b>,<br/>else zero.\n"
    good = "# What does ReLU return?\n\nThe input if it is **positive**,\\\nelse zero.\n"
    fixable: ClassVar[bool] = True

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        prose = _with_cloze_hints(document.text, document.prose, document.body_offset)
        body = document.body
        if "<" not in body and "&" not in body and "\\" not in body:
            return
        findings = list(_tag_findings(document.text, prose, document.body_offset))
        findings += _escaped_tag_findings(document.text, prose, document.body_offset)
        findings += _broken_tag_findings(document.text, prose, document.body_offset)
        findings += _odd_markup_findings(document.text, prose, document.body_offset)
        findings += _entity_findings(document.text, prose, document.body_offset)
        findings += _comment_findings(document, prose)
        findings += _backslash_pair_findings(document.text, prose, document.body_offset)
        findings += html_debris.prose_debris(document)
        findings += _tags_in_math(document)
        findings += html_debris.code_debris(document)
        findings.sort(key=lambda finding: (finding.start, finding.end))
        # One finding per HTML fragment: a tag inside a reported element is reported with it,
        # unless it can be fixed on its own.
        inside = _inside_another(findings)
        for index, finding in enumerate(findings):
            if index not in inside or finding.fix is not None:
                yield finding


# A tag pair or a break inside math ("$x<sup>2</sup>$"): MathJax reads the tags as TeX and
# shows "x < s u p > 2 …". A comparison ("$0<p<1$", "$<x, y>$") has no closing tag.
_TAG_IN_MATH = lazy_regex(
    r"<(?P<name>[a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?>[^<>]*</(?P=name)>|<br\s*/?>"
)


def _tags_in_math(document: LintDocument) -> Iterator[Finding]:
    body = document.body
    if "$" not in body or ("</" not in body and "<br" not in body):
        return
    scan = document.memo("markup.math", lambda: _scan_math(document))
    for math in scan.maths:
        for match in _TAG_IN_MATH.finditer(math.content):
            name = (match.group("name") or "br").lower()
            if name not in html_elements():
                continue
            start = math.file_offset(match.start())
            yield Finding(
                start,
                math.file_offset(match.end() - 1) + 1,
                f"'{_shortened(match.group(0))}' inside math is HTML, which MathJax reads as "
                f"TeX and shows letter by letter: {_MATH_ADVICE.get(name, 'remove the tags')}",
            )


_MATH_ADVICE = {
    "sup": "write x^{2}",
    "sub": "write x_{i}",
    "b": "write \\mathbf{x}",
    "strong": "write \\mathbf{x}",
    "i": "write \\mathit{x}",
    "em": "write \\mathit{x}",
    "br": "close the math and start a new line, or use \\\\ inside an aligned block",
}


# A cloze hint: the prose view blanks it with the cloze syntax, but the front shows it as text.
_CLOZE_HINT = lazy_regex(r"\{\{c\d+::[^{}\n]*?::(?P<hint>[^{}\n$`\\]*)\}\}")
# A note about HTML itself names elements on purpose ("<strong> marks importance").
_HTML_TALK = lazy_regex(r"\bHTML\b|\bmarkup\b")


def _with_cloze_hints(text: str, prose: str, body_offset: int) -> str:
    """The prose view with the plain text of cloze hints put back (no math or code in them)."""
    if "::" not in prose and "{{c" not in text:
        return prose
    pieces = []
    last = 0
    for match in _CLOZE_HINT.finditer(text, body_offset):
        start, end = match.span("hint")
        if prose[start:end].strip():
            continue  # already prose
        pieces += [prose[last:start], text[start:end]]
        last = end
    return "".join([*pieces, prose[last:]])


def _inside_another(findings: list[Finding]) -> set[int]:
    """Indexes of the findings whose span lies within another finding's span (one sweep in
    order of start, longest first, so that many tags in one note stay linear)."""
    order = sorted(range(len(findings)), key=lambda i: (findings[i].start, -findings[i].end))
    inside: set[int] = set()
    reach = -1  # the furthest end of the spans before the current one in that order
    position = 0
    while position < len(order):
        span = (findings[order[position]].start, findings[order[position]].end)
        group = [order[position]]
        while position + len(group) < len(order):
            following = findings[order[position + len(group)]]
            if (following.start, following.end) != span:
                break
            group.append(order[position + len(group)])
        for index in group:
            twin = any(findings[other] != findings[index] for other in group)
            if reach >= span[1] or twin:
                inside.add(index)
        reach = max(reach, span[1])
        position += len(group)
    return inside


def _tag_findings(text: str, prose: str, body_offset: int) -> Iterator[Finding]:
    tags = _html_tags(text, prose, body_offset)
    talks_html = _HTML_TALK.search(prose, body_offset) is not None
    pairs = _pair_tags(tags)
    closed = set(pairs.values())
    breaks_seen: set[int] = set()
    tag_lines: dict[tuple[int, int], bool] = {}
    for index, tag in enumerate(tags):
        start, end = tag.match.span()
        if tag.name == "br":
            if start not in breaks_seen:
                run_end = _break_run_end(text, start)
                breaks_seen.update(m.start() for m in _BR_TAG.finditer(text, start, run_end))
                message = _tag_message(tag, text[start:end])
                yield Finding(start, run_end, message, _break_fix(text, start, run_end))
        elif tag.closing:
            if index not in closed:
                yield Finding(start, end, _tag_message(tag, text[start:end]))
        elif index in pairs:
            closing = tags[pairs[index]]
            if _named_apart(text, tag, closing) and (talks_html or tag.name == "s"):
                continue  # "write <code> before it and </code> after it"; "<s> … </s>" tokens
            shown = text[start : closing.match.end()]
            fix = _pair_fix(text, tag, closing) if "\n" not in shown else None
            yield Finding(start, closing.match.end(), _tag_message(tag, shown), fix)
        elif _opens_formatted_word(text, tag):
            # "then <b>read each href": a fragment even in a note about HTML, since an
            # element named on purpose stands apart from the words around it
            yield Finding(start, end, _tag_message(tag, text[start:end]))
        elif talks_html and tag.bare and tag.name not in _ALONE:
            continue  # an element named, unpaired, in a note about HTML
        elif (
            not tag.bare
            or tag.name in _SURE
            or _starts_a_block(text, tag, tag_lines)
            or _ends_a_line_unclosed(text, tag)
            or _ends_a_sentence_unclosed(text, tag)
        ):
            yield Finding(start, end, _tag_message(tag, text[start:end]))


# Inline formatting tags: one opened before a word and never closed ("Use <code>HAVING to")
# is the start of a copied fragment, not a placeholder; Markdown shows it as text.
_INLINE_FORMATTING = frozenset(
    {"b", "i", "u", "code", "tt", "kbd", "samp", "mark", "small", "cite", "dfn", "del", "ins"}
    | {"var", "big"}
)


def _opens_formatted_word(text: str, tag: _Tag) -> bool:
    """A bare formatting tag that stands after a space or punctuation (not "a<b>c") and runs
    straight into a word or a code span."""
    start, end = tag.match.span()
    before = text[start - 1 : start]
    after = text[end : end + 1]
    return (
        tag.name in _INLINE_FORMATTING
        and not (before.isalnum() or before in "_<")
        and (after.isalnum() or after == "`")
    )


def _named_apart(text: str, opening: _Tag, closing: _Tag) -> bool:
    """Both tags of a pair stand apart from the words they enclose ("<s> the text </s>"): how
    tags are named, as an NLP model's sentence tokens or in a note about HTML, not how they
    format (both bare, on one line)."""
    inner = text[opening.match.end() : closing.match.start()]
    return (
        opening.bare
        and "\n" not in inner
        and inner[:1] in (" ", "\t")
        and inner[-1:] in (" ", "\t")
    )


def _ends_a_line_unclosed(text: str, tag: _Tag) -> bool:
    """A bare formatting tag after a word and a space, last on its line ("so the generator
    learns to fool it <b>"): the rest of a copied fragment was cut; "a<b>" stays a
    comparison, and a one-letter word before it ("j <b>") may be one too."""
    start, end = tag.match.span()
    line_end = text.find("\n", end)
    rest = text[end : len(text) if line_end < 0 else line_end]
    return (
        tag.name in _INLINE_FORMATTING
        and not rest.strip()
        and re.search(r"[^\W\d_]{2}[.,;:!?]?[ \t]+$", text[max(0, start - 40) : start]) is not None
    )


def _ends_a_sentence_unclosed(text: str, tag: _Tag) -> bool:
    """A bare block or formatting tag glued to the mark that ends a sentence, last on its line
    ("... across positions.<p>"): a copied page's markup, no placeholder, which stands apart
    ("<p> is a variable") or replaces a word ("the <name> argument")."""
    start, end = tag.match.span()
    line_end = text.find("\n", end)
    rest = text[end : len(text) if line_end < 0 else line_end]
    return (
        tag.bare
        and tag.name in _BLOCK_ELEMENTS | _INLINE_FORMATTING
        and not rest.strip()
        and re.search(r"[^\W\d_][.!?:;)]$", text[max(0, start - 2) : start]) is not None
    )


def _starts_a_block(text: str, tag: _Tag, tag_lines: dict[tuple[int, int], bool]) -> bool:
    """A line of tags only, or a block tag such as ``<p>`` opening a line: surely HTML.
    ``tag_lines`` remembers, by the lines' bounds, whether lines hold only tags."""
    start, end = tag.match.span()
    bounds = _line_bounds(text, start, end)
    if bounds not in tag_lines:
        tag_lines[bounds] = not _TAG.sub("", text[slice(*bounds)]).strip()
    if tag_lines[bounds]:
        return True
    line_start, _ = bounds
    opens_text = not text[end : end + 1].isspace()  # "<p>Text", not "<p> is a variable"
    return tag.name in _BLOCK_ELEMENTS and opens_text and not text[line_start:start].strip()


def _break_run_end(text: str, start: int) -> int:
    """End of the '<br>' tags that follow each other from ``start`` (spaces between)."""
    run = _BR_RUN.match(text, start)
    end = run.end() if run else start
    return start + len(text[start:end].rstrip(" \t"))


# ---------------------------------------------------------------------------------------------
# Math


@dataclass(frozen=True)
class _Segment:
    """One block's inline text (paragraph, heading, table cell) and where its lines start."""

    content: str
    line_offsets: tuple[tuple[int, int], ...]  # (content offset, file offset) of each line

    def file_offset(self, offset: int) -> int:
        base_content, base_file = self.line_offsets[0]
        for content_start, file_start in self.line_offsets:
            if content_start > offset:
                break
            base_content, base_file = content_start, file_start
        return base_file + offset - base_content


@dataclass(frozen=True)
class _Math:
    start: int  # file offset of the opening delimiter
    content: str
    base: int  # where the content starts: a segment offset, or a file offset without segment
    segment: _Segment | None = None

    def file_offset(self, offset: int) -> int:
        if self.segment is None:
            return self.base + offset
        return self.segment.file_offset(self.base + offset)


def _segments(document: LintDocument) -> list[_Segment]:
    segments = []
    cursor: dict[int, int] = {}  # file line -> offset searched from (table cells share a row)
    for token in document.tokens:
        if token.type != "inline" or not token.map:
            continue
        first_line = document.note.body_line + token.map[0]
        offsets = []
        content_offset = 0
        for index, line in enumerate(token.content.split("\n")):
            file_line = first_line + index
            line_start = document.offset_of_line(file_line)
            line_end = document.text.find("\n", line_start)
            source = document.text[line_start : len(document.text) if line_end < 0 else line_end]
            found = source.find(line, cursor.get(file_line, 0) - line_start) if line else -1
            if found < 0:
                found = max(0, len(source) - len(line))
            offsets.append((content_offset, line_start + found))
            cursor[file_line] = line_start + found + len(line)
            content_offset += len(line) + 1
        segments.append(_Segment(token.content, tuple(offsets)))
    return segments


_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _escaped(text: str, position: int) -> bool:
    """The plugin's rule: an odd number of backslashes before ``position`` escapes it."""
    count = 0
    while position - count - 1 >= 0 and text[position - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _dollar_math_at(text: str, position: int) -> tuple[int, int] | None:
    """The (start, end) of ``$…$`` / ``$$…$$`` at ``position``, by the exact rule of
    mdit_py_plugins' dollarmath with ankigen's settings (no space inside the delimiters,
    no digit before the opening or after the closing one, double dollars inline allowed)."""
    size = len(text)
    if position + 1 >= size or text[position + 1].isspace():
        return None
    if position > 0 and text[position - 1].isdigit():
        return None
    if _escaped(text, position):
        return None
    double = text[position + 1] == "$"
    search = position + 1 + double
    while True:
        end = text.find("$", search)
        if end < 0:
            return None
        if _escaped(text, end):
            search = end + 1
            continue
        if double:
            if end + 1 >= size:
                return None
            if text[end + 1] != "$":
                search = end + 1
                continue
            end += 1
        break
    if text[end - 1].isspace() or (end + 1 < size and text[end + 1].isdigit()):
        return None
    content = text[position + 2 : end - 1] if double else text[position + 1 : end]
    return (position, end + 1) if content else None


@dataclass(frozen=True)
class _InlineScan:
    math: list[tuple[int, int, int]]  # (start, end, delimiter length)
    literal_dollars: list[int]
    # offsets of '\(' or '\[' that Markdown turns into ( or [: those around no TeX
    escaped_delimiters: list[int]
    mathjax: list[tuple[int, int]]  # '\\(…\\)' / '\\[…\\]' spans that reach MathJax as written
    code: list[tuple[int, int]] = field(default_factory=list)  # code spans (and lone backticks)
    # '\(…\)' / '\[…\]' with one backslash read as math (render/backslash_math.py)
    backslash_math: list[int] = field(default_factory=list)


def _backtick_span_end(text: str, position: int) -> int:
    run = len(text) - len(text[position:].lstrip("`")) - position
    closing = re.compile(r"(?<!`)" + "`" * run + r"(?!`)")
    found = closing.search(text, position + run)
    return found.end() if found else position + run


def _scan_inline(text: str) -> _InlineScan:
    """Walk one block's inline text as markdown-it does for code spans, escapes and math."""
    scan = _InlineScan([], [], [], [])
    position = 0
    size = len(text)
    while position < size:
        char = text[position]
        if char == "`":
            end = _backtick_span_end(text, position)
            scan.code.append((position, end))
            position = end
        elif char == "\\":
            following = text[position + 1] if position + 1 < size else ""
            if following == "\\" and text[position + 2 : position + 3] in ("(", "["):
                closer = "\\\\" + (")" if text[position + 2] == "(" else "]")
                end = text.find(closer, position + 3)
                scan.mathjax.append((position, -1 if end < 0 else end + len(closer)))
                position = position + 3 if end < 0 else end + len(closer)
            elif following in ("(", "[") and (
                math_end := backslash_math_end(_without_cloze_syntax(text), position)
            ):
                scan.math.append((position, math_end, 2))  # TeX in Anki's delimiters: math
                scan.backslash_math.append(position)
                position = math_end
            elif following in ("(", "["):
                scan.escaped_delimiters.append(position)
                position += 2
            else:
                position += 2 if following in _ESCAPABLE else 1
        elif char == "$":
            span = _dollar_math_at(text, position)
            if span is None:
                scan.literal_dollars.append(position)
                position += 1
            else:
                delimiter = 2 if text[position + 1] == "$" else 1
                scan.math.append((span[0], span[1], delimiter))
                position = span[1]
        else:
            position += 1
    return scan


_CLOZE_MARKER = lazy_regex(r"\{\{c\d+::|::[^{}]*(?=\}\})|\}\}")


def _without_cloze_syntax(content: str) -> str:
    """Cloze markers blanked (same length), so that only the math's own braces count."""
    pieces = list(content)
    depth = 0
    for match in _CLOZE_MARKER.finditer(content):
        token = match.group(0)
        if token.startswith("{{"):
            depth += 1
        elif token == "}}":
            if not depth:
                continue
            depth -= 1
        elif not depth:
            continue
        pieces[match.start() : match.end()] = " " * (match.end() - match.start())
    return "".join(pieces)


_COMMAND = lazy_regex(r"\\(?:[A-Za-z]+|[\s\S])?")  # a lone '\\' at the end is a command too


# What may follow \\left, \\middle or \\right: a delimiter character or command, or '.'.
_DELIMITER = lazy_regex(
    r"\s*(?:[()\[\]|./<>]|\\[{}|]|\\(?:[lr](?:angle|vert|Vert|floor|ceil|group|moustache)"
    r"|[uU]parrow|[dD]ownarrow|[uU]pdownarrow|vert|Vert|backslash|langle|rangle)(?![A-Za-z]))"
)


def _structure_problem(content: str) -> tuple[int, str] | None:
    """The first unpaired brace, \\left/\\right or \\begin/\\end in TeX, with a message."""
    braces: list[int] = []
    sizes: list[int] = []
    environments: list[tuple[int, str]] = []
    position = 0
    while position < len(content):
        char = content[position]
        if char == "\\":
            command = _COMMAND.match(content, position)
            assert command is not None
            word = command.group(0)
            if word in ("\\left", "\\right", "\\middle") and not _DELIMITER.match(
                content, command.end()
            ):
                return position, f"'{word}' without a delimiter after it"
            if word == "\\sqrt" and _unclosed_option(content, command.end()):
                return position, "'\\sqrt[' without the ']' that ends its index"
            if word == "\\left":
                sizes.append(position)
            elif word == "\\right":
                if not sizes:
                    return position, "'\\right' without a '\\left' before it"
                sizes.pop()
            elif word in ("\\begin", "\\end"):
                name = re.match(r"\s*\{([^{}]*)\}", content[command.end() :])
                if name is not None:
                    problem = _environment(environments, word, name.group(1), position)
                    if problem:
                        return problem
            position = command.end()
            continue
        if char == "{":
            braces.append(position)
        elif char == "}":
            if not braces:
                return position, "'}' closes no '{'"
            braces.pop()
        position += 1
    if braces:
        return braces[-1], "'{' is never closed"
    if sizes:
        return sizes[-1], "'\\left' without a '\\right' after it"
    if environments:
        offset, environment = environments[-1]
        return offset, f"'\\begin{{{environment}}}' without '\\end{{{environment}}}'"
    return None


_SCRIPT_TOKEN = lazy_regex(r"\\(?:[A-Za-z]+|[\s\S])|[\s\S]")


def _script_problem(content: str) -> tuple[int, str] | None:
    """A second superscript or subscript on one base ('x^2^3', 'a_i_j', 'x^{a}^{b}': a
    brace group lost) or a script with nothing after it ('e^' at the end, 'x_}'), which
    MathJax reports as an error (checked with MathJax 3). Text arguments are letters only."""
    if "^" not in content and "_" not in content:
        return None
    masked = _TEXT_ARGUMENT.sub(lambda match: "X" * len(match.group(0)), content)
    used: set[str] = set()
    position = 0
    while position < len(masked):
        token = _SCRIPT_TOKEN.match(masked, position)
        assert token is not None
        word = token.group(0)
        if word in ("^", "_"):
            if word in used:
                what, example = ("exponent", "'x^2^3'") if word == "^" else ("subscript", "'a_i_j'")
                return position, f"two {what}s on one base ({example}; a brace group lost?)"
            used.add(word)
            argument = _script_argument(masked, token.end())
            if argument is None:
                return position, f"'{word}' with nothing after it to raise or lower"
            position = argument
            continue
        if not word.isspace() and word != "'":
            used = set()  # a new atom: its scripts are its own
        position = token.end()
    return None


def _script_argument(content: str, start: int) -> int | None:
    """Where the argument of a '^' or '_' at ``start`` ends (None: it has none)."""
    position = start
    while position < len(content) and content[position].isspace():
        position += 1
    if position >= len(content) or content[position] in "}^_&":
        return None
    if content[position] == "{":
        depth = 0
        for match in re.finditer(r"\\[\s\S]|[{}]", content[position:]):
            depth += {"{": 1, "}": -1}.get(match.group(0), 0)
            if depth == 0:
                return position + match.end()
        return None
    token = _SCRIPT_TOKEN.match(content, position)
    assert token is not None
    return token.end()


def _unclosed_option(content: str, start: int) -> bool:
    """Whether an optional argument '[…' opens at ``start`` and no ']' outside braces ends it
    (MathJax then reports a missing close bracket)."""
    opening = re.match(r"\s*\[", content[start : start + 40])
    if opening is None:
        return False
    depth = 0
    for match in re.finditer(r"\\.|[{}\]]", content[start + opening.end() :]):
        token = match.group(0)
        if token == "]" and depth == 0:
            return False
        depth += {"{": 1, "}": -1}.get(token, 0)
        if depth < 0:
            return True
    return True


def _environment(
    stack: list[tuple[int, str]], word: str, name: str, position: int
) -> tuple[int, str] | None:
    if word == "\\begin":
        stack.append((position, name))
        return None
    if not stack:
        return position, f"'\\end{{{name}}}' without '\\begin{{{name}}}'"
    opened = stack.pop()[1]
    if opened != name:
        return position, f"'\\end{{{name}}}' closes '\\begin{{{opened}}}'"
    return None


# Signs that text after a '$' is TeX, not a price or a shell variable.
_TEX_SIGN = lazy_regex(r"\\[A-Za-z]{2,}|\^|[{}]|_(?:\{|[A-Za-z0-9](?![A-Za-z0-9]))")
_TEX_COMMAND = lazy_regex(r"\\[A-Za-z]{2,}")
# "$1/\lambda^2", "$1 - \beta_1^t": a number that an operator (spaced or not) joins to TeX on
# the same line is a formula's first term, no price ("$5 per hour", "$1/hour", "$3-5" and
# "$5 - $10" hold no TeX)
_NUMBER_IN_TEX = lazy_regex(
    r"\d[\d.]*(?:[ \t]*[/^_+*-][ \t]*|\\[A-Za-z]{2,})[^\n$]*?(?:\\[A-Za-z]{2,}|\^|_\{)"
    # session 30: a number and a TeX operator ("$0.001 \times 43\,200 = …"): no amount of
    # money goes on with \times
    r"|\d[\d.]*[ \t]*\\(?:times|cdot|div|approx|leq?|geq?|neq|pm|mp)\b"
)
# A shell variable ($HOME, $MY_VAR) is not math; "$D_{KL}" or "$A_1" is: a subscript.
_NOT_MATH_AFTER_DOLLAR = lazy_regex(
    r"[\d\s.{]|[A-Z](?:[A-Z0-9]+(?:_[A-Z0-9]{2,})*|(?:_[A-Z0-9]{2,})+)\b(?![{^])|\((?:[\"'`]|this\b|document\b|window\b|function\b)|$"
)


def _block_maths(document: LintDocument) -> Iterator[_Math]:
    text = document.text
    for token in document.tokens:
        if token.type != "math_block" or not token.map:
            continue
        first = document.offset_of_line(document.note.body_line + token.map[0])
        last = document.offset_of_line(document.note.body_line + token.map[1])
        opening = text.find("$$", first, last)
        closing = text.rfind("$$", opening + 2, last)
        if opening < 0 or closing < 0:
            continue
        yield _Math(opening, text[opening + 2 : closing], opening + 2)


@dataclass(frozen=True)
class _MathScan:
    maths: list[_Math]
    problems: list[tuple[int, int, str]]  # delimiter problems: (start, end, message)


def _scan_math(document: LintDocument) -> _MathScan:
    maths = list(_block_maths(document))
    problems: list[tuple[int, int, str]] = []
    for segment in _segments(document):
        content = segment.content
        if "$" not in content and "\\" not in content:
            continue
        scan = _scan_inline(content)
        for start, end, delimiter in scan.math:
            inner = content[start + delimiter : end - delimiter]
            maths.append(_Math(segment.file_offset(start), inner, start + delimiter, segment))
        for start, end in scan.mathjax:
            if end < 0:
                where = segment.file_offset(start)
                opening = content[start : start + 3]
                closing = "\\\\)" if opening.endswith("(") else "\\\\]"
                message = (
                    f"'{opening}' opens MathJax math that is never closed, so the TeX shows as "
                    f"text: add '{closing}' after the formula, or write $…$"
                )
                problems.append((where, where + 3, message))
            else:
                inner_start = start + 3
                inner = content[inner_start : end - 3]
                maths.append(_Math(segment.file_offset(start), inner, inner_start, segment))
        masked = _masked(content, [(start, end) for start, end, _ in scan.math] + scan.code)
        problems.extend(_dollar_problems(masked, scan.literal_dollars, segment, bool(scan.math)))
        problems.extend(_mismatched_delimiters(content, scan, segment))
        problems.extend(_escaped_delimiter_problems(content, scan.escaped_delimiters, segment))
        for offset in scan.backslash_math:
            start = segment.file_offset(offset)
            problems.append((start, start + 2, f"'\\{content[offset + 1]}'" + _ANKI_ONLY))
    return _MathScan(sorted(maths, key=lambda math: math.start), problems)


def _masked(content: str, spans: list[tuple[int, int]]) -> str:
    """``content`` with the spans (math, code) blanked: what is left is what shows as text."""
    pieces = list(content)
    for start, end in spans:
        pieces[start:end] = " " * (end - start)
    return "".join(pieces)


def _closes(content: str, offset: int) -> bool:
    """A '$' shaped like a closing one: nothing, a space or punctuation after it."""
    following = content[offset + 1 : offset + 2]
    return not following or following.isspace() or following in ".,;:!?)]"


_SPACED_TEX = lazy_regex(r"\\[A-Za-z]{2,}|\^|_\{")
_SPACED_DOLLARS = (
    "'$ … $' with a space inside the dollars is not math, so the TeX shows as text, dollars "
    "and all: write $x^2$, with no space after the opening or before the closing '$'"
)


def _spaced_opening(content: str, previous_end: int, offset: int) -> int | None:
    """The opening '$' with a space after it that the '$' at ``offset`` closes."""
    if previous_end == 0 or content[previous_end - 1] != "$":
        return None
    if (
        "\n" in content[previous_end:offset]
        or not content[previous_end : previous_end + 1].isspace()
    ):
        return None
    if content[previous_end - 2 : previous_end] == "$$":
        return None  # '$$ x $$' is math: spaces are allowed inside double dollars
    return previous_end - 1


# Text that starts a formula without TeX in it: "$O(n)", "$x = 3", "$f(x)", and a symbol
# that ends a question ("for a logit vector $z?").
_FORMULA_START = lazy_regex(r"[A-Za-z](?:[(_^'=<>+\-*/,.)]|\?(?=\s|$)|\s|$)|[A-Za-z]{2,3}\(")
_FUNCTION_CALL = lazy_regex(r"[A-Za-z]{1,3}\([^()\n$]{1,30}\)")


def _opens_formula(tail: str, has_math: bool) -> bool:
    """Whether the text after a lone '$' is a formula: TeX, or, in a paragraph that writes
    its math in dollars, a formula's first symbol ("$O(n) memory" after "$O(\\log n)$");
    elsewhere a function of a symbol ("$O(n)")."""
    if _TEX_SIGN.search(tail):
        return True
    if has_math:
        return _FORMULA_START.match(tail) is not None
    return _FUNCTION_CALL.match(tail) is not None


def _dollar_problems(
    content: str, dollars: list[int], segment: _Segment, has_math: bool = False
) -> Iterator[tuple[int, int, str]]:
    """Literal '$' that open TeX: the formula shows as text, dollars and all. ``has_math``:
    the paragraph has dollar math, so a lone '$' before a symbol is one left unclosed."""
    used: set[int] = set()
    previous_end = 0
    display_open: int | None = None  # a '$$' alone on its line, not closed yet
    for index, offset in enumerate(dollars):
        if offset in used:
            continue
        width = 2 if content[offset + 1 : offset + 2] == "$" else 1
        used.update(range(offset, offset + width))
        lone = width == 2 and _alone_on_line(content, offset)
        # A lone '$$' after TeX closes math that was never opened: reported below.
        if lone and not (
            display_open is None and _TEX_COMMAND.search(content, previous_end, offset)
        ):
            display_open = offset if display_open is None else None
            previous_end = offset + width
            continue
        if width == 2 and _opens_unclosed_display(content, offset, previous_end, dollars[index:]):
            start = segment.file_offset(offset)
            yield (start, start + 2, _UNCLOSED_DISPLAY)
            previous_end = offset + width
            continue
        if _closes(content, offset + width - 1):
            previous_start = previous_end
            before = content[previous_end:offset]
            spaced = _spaced_opening(content, previous_end, offset)
            previous_end = offset + width
            if spaced is not None and _SPACED_TEX.search(before):
                if _prose_line(before) is not None:
                    continue  # "$ at the end, as in ^\d+$": a sentence, no formula, between
                if _holds_broken_cloze(before):
                    continue  # AG038 reports the cloze and these dollars together
                start = segment.file_offset(spaced)
                yield (start, start + width, _SPACED_DOLLARS)
            elif _TEX_COMMAND.search(before) or _bare_formula_before(
                content, previous_start, offset
            ):
                start = segment.file_offset(offset)
                yield (
                    start,
                    start + width,
                    f"'{'$' * width}' closes math that was never opened, so the TeX before it "
                    "shows as text: add the opening dollars",
                )
            continue
        previous_end = offset + width
        if _NOT_MATH_AFTER_DOLLAR.match(content, offset + width) and not _NUMBER_IN_TEX.match(
            content, offset + width
        ):
            continue
        line_end = content.find("\n", offset)
        line_end = len(content) if line_end < 0 else line_end
        later = [d for d in dollars[index + 1 :] if offset + width <= d < line_end]
        tail = content[offset + width : later[0] if later else line_end]
        if not _opens_formula(tail, has_math and width == 1):
            continue
        if later and content[later[0] - 1].isspace() and _closes(content, later[0]):
            used.add(later[0])  # the closing '$' the author meant
            reason = "its closing '$' has a space before it"
        elif later and content[later[0] + 1 : later[0] + 2].isdigit():
            used.add(later[0])
            reason = "its closing '$' has a digit right after it"
        else:
            reason = "it is never closed"
        start = segment.file_offset(offset)
        yield (
            start,
            start + width,
            f"'{'$' * width}' opens math that does not render ({reason}), so the TeX shows "
            "as text: write $x^2$, with no space inside the dollars",
        )
    if display_open is not None and _TEX_SIGN.search(content, display_open + 2):
        start = segment.file_offset(display_open)
        yield (start, start + 2, _UNCLOSED_DISPLAY)


_PIPE_IN_TABLE_MATH = (
    "'|' inside math in a table row: the table splits its cells at every '|', so the formula "
    "is cut and shows as text; write \\lvert x \\rvert (or \\vert, \\mid) for the bar"
)


def _table_pipe_problems(document: LintDocument) -> Iterator[tuple[int, int, Finding]]:
    """Math in a table row that holds an unescaped '|' ('| L1 | $|x|$ |'): GitHub tables cut
    the row there before any math is read (checked with the build's renderer)."""
    text = document.text
    for token in document.tokens:
        if token.type != "table_open" or not token.map:
            continue
        for line_number in range(token.map[0], token.map[1]):
            start = document.offset_of_line(document.note.body_line + line_number)
            end = text.find("\n", start)
            row = text[start : len(text) if end < 0 else end]
            if row.count("$") < 2:
                continue
            scan = _scan_inline(row)
            for math_start, math_end, _ in scan.math:
                inner = row[math_start:math_end]
                bar = re.search(r"(?<!\\)\|", inner)
                if bar is not None:
                    where = start + math_start + bar.start()
                    yield start, start + len(row), Finding(where, where + 1, _PIPE_IN_TABLE_MATH)


def _bare_formula_before(content: str, previous_end: int, offset: int) -> bool:
    """A closing-shaped '$' glued to a formula of TeX signs, with no opening on its line:
    "the norm x_1^2 + x_2^2$ is" (a regex's "^[a-z]+$" holds one sign, not two)."""
    line_start = max(previous_end, content.rfind("\n", 0, offset) + 1)
    before = content[line_start:offset]
    glued = re.search(r"\S+$", before)
    if glued is None or _TEX_SIGN.search(glued.group(0)) is None:
        return False
    return len(_TEX_SIGN.findall(before)) >= 2


_UNCLOSED_DISPLAY = (
    "'$$' opens display math that is never closed, so the TeX shows as text: end the formula "
    "with '$$' (in a list item, indent the closing line like the item's text)"
)


def _opens_unclosed_display(
    content: str, offset: int, previous_end: int, dollars: list[int]
) -> bool:
    """A '$$' that starts a formula on its line ('$$ x^2 …', spaces allowed after it) and that
    no later '$$' of the block closes: no TeX before it, TeX after it."""
    line_start = content.rfind("\n", 0, offset) + 1
    if content[line_start:offset].strip() and not content[offset - 1 : offset].isspace():
        return False  # glued to a word: 'x$$' is not an opening
    if _alone_on_line(content, offset) or _TEX_COMMAND.search(content, previous_end, offset):
        return False  # a lone '$$' line, or a closing '$$' after TeX: handled by the caller
    later = [d for d in dollars if d > offset + 1]
    if any(content[d + 1 : d + 2] == "$" or content[d - 1 : d] == "$" for d in later):
        return False
    line_end = content.find("\n", offset)
    tail = content[offset + 2 : len(content) if line_end < 0 else line_end]
    return _TEX_COMMAND.search(tail) is not None or len(_TEX_SIGN.findall(tail)) >= 2


def _alone_on_line(content: str, offset: int) -> bool:
    """Whether the '$$' at ``offset`` is all its line holds (a display block's delimiter)."""
    line_start = content.rfind("\n", 0, offset) + 1
    line_end = content.find("\n", offset)
    line = content[line_start : len(content) if line_end < 0 else line_end]
    return line.strip() == "$$"


def _mismatched_delimiters(
    content: str, scan: _InlineScan, segment: _Segment
) -> Iterator[tuple[int, int, str]]:
    """A '$' glued to inline math: '$$x$' or '$x$$' opens with two and closes with one, so a
    stray dollar shows next to the formula."""
    starts = {start for start, _, _ in scan.math}
    ends = {end for _, end, _ in scan.math}
    for offset in scan.literal_dollars:
        if offset + 1 in starts or offset in ends:
            start = segment.file_offset(offset)
            yield (start, start + 1, _MISMATCHED)


_MISMATCHED = (
    "math opens and closes with a different number of dollars ('$$…$' or '$…$$'), so a "
    "stray '$' shows next to the formula: use $…$ or $$…$$"
)


def _escaped_delimiter_problems(
    content: str, offsets: list[int], segment: _Segment
) -> Iterator[tuple[int, int, str]]:
    for offset in offsets:
        bracket = content[offset + 1]
        closer = "\\)" if bracket == "(" else "\\]"
        end = content.find(closer, offset + 2)
        inner = content[offset + 2 : end if end >= 0 else len(content)]
        if end < 0 and bracket == "[":
            continue  # '\[' alone is an escaped bracket
        # '\(x\)' is nothing but math; '\[1\]' may be an escaped citation, so it needs TeX.
        paired_parenthesis = bracket == "(" and 0 <= end - offset <= 80
        if not paired_parenthesis and not _TEX_SIGN.search(inner[:200]):
            continue
        if paired_parenthesis and _words_in_parentheses(inner):
            continue  # '\(for training\)': an exporter's escaped '(', shown as the author meant
        start = segment.file_offset(offset)
        if end >= 0:
            # no TeX and no operator ('\(x\)', '\(x, y\)'): the card shows it in plain
            # brackets, which an exported list label ('\(b\)') means; a warning
            shown = f"{bracket}{_shortened(inner)}{closer[1]}"
            yield (start, start + 2, f"'\\{shown[:-1]}\\{shown[-1]}' shows as '{shown}'" + _PLAIN)
            continue
        yield (
            start,
            start + 2,
            f"'\\{bracket}' is Markdown for a plain '{bracket}', so this math never reaches "
            "MathJax: write $…$ (or $$…$$ for display math)",
        )


def _severity_of(message: str) -> Severity | None:
    return Severity.WARNING if message.endswith((_PLAIN, _ANKI_ONLY)) else None


# The build typesets Anki's delimiters with one backslash when they hold a formula, but the
# reading is a guess (an exporter escapes prose brackets the same way), and other Markdown
# tools show plain brackets: a warning, with the portable form.
_ANKI_ONLY = (
    " with one backslash is read as math here, as Anki writes it, but Markdown elsewhere "
    "shows it as a plain bracket: write $…$ (or $$…$$) to be sure"
)


_PLAIN = (
    ": with no TeX and no operator inside, Markdown reads the backslashes as escaped "
    "brackets (an exported label such as '\\(b\\)' means that); if it is math, write $…$"
)


# Words in escaped parentheses ("offline \(for training\)", "\(this\)"): Notion and Google
# Docs exports escape every '(' and ')', and Markdown shows plain parentheses, as meant. A formula
# has a sign of math or TeX in it, a lone letter (a variable), or a function's or Greek name.
_NO_FORMULA = lazy_regex(r"[^=+*/^_\\{}<>|]*")
_PROSE_WORD = lazy_regex(r"[A-Za-z][A-Za-z'\u2019-]+")
_LONE_LETTER = lazy_regex(r"(?<![\w'\u2019.-])(?![aAI]\b)[A-Za-z](?![\w'\u2019.-])")
_MATH_NAMES = frozenset(
    {"sin", "cos", "tan", "log", "exp", "max", "min", "arg", "det", "lim", "sup", "inf", "mod"}
    | {"softmax", "sigmoid", "tanh", "relu", "argmax", "argmin", "var", "cov", "std"}
)


def _words_in_parentheses(inner: str) -> bool:
    """Whether the text of an escaped '\\(…\\)' is prose: no sign of math, no lone letter
    but 'a' or 'I', and an English word of three letters or more that names no function or
    Greek letter ("for 10 epochs", "e.g. Adam"; not "n items", "sin x" or "beta")."""
    if not _NO_FORMULA.fullmatch(inner) or _LONE_LETTER.search(inner):
        return False
    return any(
        len(word) >= 3
        and word.lower() not in _MATH_NAMES
        and word.lower() not in _GREEK_LOWER
        and is_dictionary_word(word)
        for word in _PROSE_WORD.findall(inner)
    )


# Text commands hold words on purpose; what is left of a line should be TeX, not a sentence.
_TEXT_COMMAND = lazy_regex(
    r"\\(?:text\w*|math(?:rm|it|bf|sf|tt)|operatorname\*?|[mh]box)\s*\{[^{}]*\}"
)
_SENTENCE = lazy_regex(
    r"(?<![\\A-Za-z])[A-Za-z]{3,}(?:[ ,]+[A-Za-z]{2,}){3,}"
    r"|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
)
_SWALLOWED_PROSE = (
    "math holds a sentence: MathJax drops its spaces and typesets the words as variables; "
    "close the math before the sentence (a lost closing '$$'?), or put words in \\text{…}"
)


def _prose_line(content: str) -> int | None:
    """Offset of the first sentence in ``content`` (TeX, not prose, is expected there)."""
    offset = 0
    for line in content.split("\n"):
        found = _SENTENCE.search(_TEXT_COMMAND.sub(lambda m: " " * len(m.group(0)), line))
        if found:
            return offset + found.start() if offset == 0 else offset
        offset += len(line) + 1
    return None


def _holds_broken_cloze(text: str) -> bool:
    return any(broken for _, _, broken in _cloze_edges(text))


def _cloze_edges(text: str) -> list[tuple[int, int, bool]]:
    """(start, offset of '}}', cuts its TeX open) of each cloze, as Anki reads them."""
    edges = []
    for span in cloze.spans(text):
        inner = cloze.protect(text[span.start : span.close + 2]).text[1:-1]
        edges.append((span.start, span.close, cloze.breaks_tex(inner)))
    return edges


def _cut_by_cloze(math: _Math, clozes: list[tuple[int, int, bool]]) -> bool:
    """A cloze crosses the math's edge, or cuts its TeX open inside it: AG038 reports that."""
    start, end = math.file_offset(0), math.file_offset(len(math.content))
    for opening, closing, broken in clozes:
        opens_inside, closes_inside = start <= opening < end, start <= closing < end
        if opens_inside != closes_inside or (broken and opens_inside):
            return True
    return False


# A backslash and the letter after it read as a string escape (\\a \\b \\f \\n \\r \\t \\v) by
# the code that wrote the note leave the rest of a TeX command as letters: "$ightarrow$",
# "$\\sigma(rac{1}{2})$".
_ESCAPE_LETTERS = "abfnrtv"
# Arguments that hold text, names or options, not math: their letters are no TeX commands.
_TEXT_ARGUMENT = lazy_regex(
    r"\\(?:text\w*|math(?:rm|it|bf|sf|tt|normal)|operatorname\*?|mbox|hbox|begin|end|label"
    r"|tag|color|textcolor)\s*\{[^{}]*\}"
)
_LETTER_RUN = lazy_regex(r"(?<![A-Za-z\\])[A-Za-z]+(?![A-Za-z])")
# Greek letters of three letters or more: "pi" or "xi" may be two variables side by side.
_GREEK = frozenset(
    {"alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta"}
    | {"vartheta", "iota", "kappa", "lambda", "rho", "sigma", "tau", "upsilon", "phi", "varphi"}
    | {"chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Sigma", "Phi", "Psi", "Omega"}
)
_GREEK_LOWER = frozenset(name.lower() for name in _GREEK)


@cache
def _cut_commands() -> dict[str, str]:
    """Letters left of a TeX command whose backslash and first letter were eaten as a string
    escape ("ightarrow": "\\rightarrow"), where no English word and no other command reads so
    (and, in a Greek letter's case, the bare name: "eta" is \\beta or \\eta, both TeX)."""
    commands = {name for name in ALLOWED if name.isalpha()}
    found: dict[str, str] = {}
    for command in sorted(commands):
        rest = command[1:]
        if command[0] not in _ESCAPE_LETTERS or len(rest) < 3 or rest in commands:
            continue
        if is_dictionary_word(rest) or is_dictionary_word(rest.lower()):
            continue
        found[rest] = command
    return found


def _lost_backslashes(content: str) -> Iterator[tuple[int, int, str]]:
    """(offset, length, message) of each letter run in TeX that is a command without its
    backslash (a Greek letter's name) or without its backslash and first letter; also "um"
    before a limit ('um_{i}'), the rest of \\sum."""
    if not any(char.isalpha() for char in content):
        return
    masked = _TEXT_ARGUMENT.sub(lambda match: " " * len(match.group(0)), content)
    cut = _cut_commands()
    for match in _LETTER_RUN.finditer(masked):
        word = match.group(0)
        if word in cut:
            command = cut[word]
            message = (
                f"'{word}' in math is '\\{command}' without its backslash and first letter "
                f"(a '\\{command[0]}' read as an escape?): MathJax shows the letters; write "
                f"'\\{command}'"
            )
        elif word in _GREEK:
            meant = [f"'\\{word}'"] + [
                f"'\\{letter}{word}'" for letter in _ESCAPE_LETTERS if letter + word in ALLOWED
            ]
            message = (
                f"'{word}' in math is TeX without its backslash: MathJax shows the letters; "
                f"write {' or '.join(meant)}"
            )
        elif word == "um" and masked[match.end() : match.end() + 1] in ("_", "^"):
            message = "'um' in math is '\\sum' without its backslash and 's': write '\\sum'"
        else:
            continue
        yield match.start(), len(word), message


class UnbalancedMath(Rule):
    """Math whose braces, ``\\left``/``\\right``, environments or delimiters do not pair up.

    MathJax cannot typeset ``$\\frac{1}{2$`` or ``\\left( x`` without its ``\\right``: the
    card shows an error or the raw TeX. A ``$`` that opens math but is never closed (or is
    closed by a ``$`` with a space before it) leaves the formula as plain text (a lone
    ``$O(n)`` after closed math on the same paragraph is such a ``$``); so does a
    ``$$`` block whose closing line was lost (the next sentence is then typeset as a formula),
    and so does a ``\\(`` opening TeX that is never closed. Balance
    every ``{`` with ``}`` (write ``\\{`` for a literal brace), pair ``\\begin{…}`` with
    ``\\end{…}``, close a root's index (``\\sqrt[3]{x}``), and write math as ``$…$`` or
    ``$$…$$`` (``$ x $``, with spaces inside single dollars, stays text). Prices such as "$5
    and $10" or "$1/hour" are not math and are not reported; a number that an operator, spaced
    or not, joins to TeX ("- Variance: $1/\\lambda^2", "$1 - \\beta_1^t") starts a formula left
    open. A cloze that cuts a
    formula open (``$x + {{c1::\\hat{y}}}$``) or takes a TeX argument's braces
    (``$\\sigma^{{c1::2}}$``) is reported by AG038 alone.

    Words in escaped parentheses (``\\(for training\\)``, ``\\(e.g. Adam\\)``: Notion and
    Google Docs exports escape every parenthesis) are prose, shown as plain parentheses as
    meant; a formula there (a sign of math, a lone letter, a function's or a Greek letter's
    name) is still reported. Two more shapes are reported: a formula of TeX signs closed by a
    ``$`` that was never opened (``x_1^2 + x_2^2$ is``; a regex's ``^[0-9]+$`` holds one sign
    and is left alone, and so is a sentence between a spaced ``$`` and a closing one, as in
    "``$`` at the end, as in ``^\\d+$``"), and a ``|`` inside math in a table row
    (``| L1 | $|x|$ |``): the table cuts its cells at every ``|`` before math is read; write
    ``\\lvert x \\rvert``. So is a second exponent or subscript on one base (``x^{2}^{3}``,
    ``a_i_j``: a brace group lost) and a ``^`` or ``_`` with nothing after it, which MathJax
    rejects ("Double exponent", "Missing superscript or subscript argument").

    TeX that lost its backslash is reported too: a Greek letter's name bare in math
    (``$eta = 0.9$``) and the letters a command leaves when its backslash and first letter
    were read as a string escape (``\\r``, ``\\f``, ``\\t``, ``\\a``, ``\\b``, ``\\n``, ``\\v``
    by the code that wrote the note): ``$A ightarrow B$``, ``$rac{1}{2}$``, ``$lpha$``,
    ``$heta$``, and ``um_{i}`` for ``\\sum``. Only leftovers that are no English word and no
    command of their own count, and letters inside ``\\text{…}``, ``\\mathrm{…}``,
    ``\\operatorname{…}`` or an environment's name are text.

    Session 30 (a class of the opened batch 44): a lone '$' before a number and a TeX
    operator (``$0.001 \\times 43\\,200 = 43.2 minutes``) opens math that is never closed;
    an amount of money ("$12 on spot instances") goes on with no operator.
    Session 32 (authors of two held-out batches wrote it, as Anki itself does): Anki's
    delimiters with one backslash are math when they hold TeX (``\\(\\sigma^2\\)``,
    ``\\[\\frac{a}{b}\\]``) or, in round brackets, a variable joined to terms by an
    operator with no word of prose (``\\(p = 0.5\\)``, ``\\(n - 1\\)``): the build typesets
    them and this rule checks them like ``$…$``; whether the author meant math is still a
    guess (an exporter escapes prose brackets the same way) and other Markdown tools show
    plain brackets, so each such formula gets a warning that names the portable ``$…$``.
    A short one with neither (``\\(x\\)``,
    ``\\(2x\\)``) shows in plain brackets, which an exported label (``\\(b\\)``) means: a
    warning.
    """

    code = "AG171"
    name = "unbalanced-math"
    summary = "math with unpaired braces, \\left/\\right, environments or delimiters"
    bad = "# What is the sigmoid?\n\n$\\sigma(x) = \\frac{1}{1 + e^{-x}$\n"
    good = "# What is the sigmoid?\n\n$\\sigma(x) = \\frac{1}{1 + e^{-x}}$\n"

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        body = document.body
        if "$" not in body and "\\(" not in body and "\\[" not in body:
            return
        scan = document.memo("markup.math", lambda: _scan_math(document))
        cloze_note = document.note.meta.type is NoteType.CLOZE
        findings = [
            Finding(start, end, message, severity=_severity_of(message))
            for start, end, message in scan.problems
        ]
        for row_start, row_end, finding in _table_pipe_problems(document):
            if not any(row_start <= other.start < row_end for other in findings):
                findings.append(finding)  # else the '$' left open is reported already
        clozes = _cloze_edges(document.text) if cloze_note else []
        for math in scan.maths:
            if _cut_by_cloze(math, clozes):
                continue  # a cloze cuts this math open: AG038 (cloze-crosses-math) says so
            content = _without_cloze_syntax(math.content) if cloze_note else math.content
            prose_line = _prose_line(content)
            if prose_line is not None:
                start = math.file_offset(prose_line)
                findings.append(Finding(start, start + 1, _SWALLOWED_PROSE))
                continue
            for offset, length, message in _lost_backslashes(content):
                start = math.file_offset(offset)
                findings.append(Finding(start, start + length, message))
            problem = _structure_problem(content) or _script_problem(content)
            if problem is None:
                continue
            offset, what = problem
            start = math.file_offset(offset)
            message = f"unbalanced math: {what}; MathJax shows an error instead of the formula"
            findings.append(Finding(start, start + 1, message))
        yield from sorted(findings, key=lambda finding: (finding.start, finding.message))


# A line that could open or close a fence (CommonMark: up to three spaces, then three or more
# backticks or tildes; the info string of a backtick fence holds no backtick).
_FENCE_LINE = lazy_regex(r"^(?P<indent>[ \t]*)(?P<run>`{3,}|~{3,})(?P<info>.*)$")


@dataclass(frozen=True)
class _FenceLine:
    line: int  # 1-based file line
    run: str  # the backticks or tildes
    info: str  # what follows them, stripped
    text: str  # the line without its indentation

    def closes(self, run: str) -> bool:
        """Whether this line closes a block opened by ``run``: the same character, at least
        as many of it, nothing after."""
        return self.run[0] == run[0] and len(self.run) >= len(run) and not self.info

    def opens_like(self, run: str) -> bool:
        """Whether this line can only open a block like the one ``run`` opens: the same
        character, at least as many, and an info string (which no closing line has)."""
        return self.run[0] == run[0] and len(self.run) >= len(run) and bool(self.info)


def _fence_line(text: str, line: int, max_indent: int = 3) -> _FenceLine | None:
    match = _FENCE_LINE.match(text)
    if match is None or len(match.group("indent").expandtabs(4)) > max_indent:
        return None
    run, info = match.group("run"), match.group("info").strip()
    if run[0] == "`" and "`" in info:
        return None  # ```code``` is a code span, not a fence
    return _FenceLine(line, run, info, text.strip())


def _why_not_closing(line: _FenceLine, run: str) -> str:
    name = "backticks" if run[0] == "`" else "tildes"
    if line.run[0] != run[0]:
        return f"a block opened with {name} closes only with {name}"
    if len(line.run) < len(run):
        return f"a closing fence needs at least as many {name} as the opening one ({len(run)})"
    return "a closing fence has nothing after its " + name


@dataclass(frozen=True)
class _Fence:
    opener: _FenceLine
    inside: tuple[_FenceLine, ...]  # fence-shaped lines of the content
    closed: bool
    last_line: int  # 1-based file line of the block's last line (its closing fence if any)
    to_note_end: bool  # nothing but blank lines after it

    def where(self) -> str:
        if self.closed:
            return f"lines {self.opener.line + 1} to {self.last_line - 1} show as code on the card"
        if self.to_note_end:
            return "the rest of the note shows as code on the card"
        return "the rest of the list item or quote that holds it shows as code on the card"

    def missed_close(self, line: _FenceLine, then: str = "") -> tuple[_FenceLine, str]:
        run = self.opener.run
        after = f"; {then}" if then else ""
        return line, (
            f"'{line.text}' on line {line.line} does not close the code block opened by "
            f"'{self.opener.text}' on line {self.opener.line} "
            f"({_why_not_closing(line, run)}){after}: {self.where()}; write '{run}' on line "
            f"{line.line} to close it there"
        )

    def problem(self) -> tuple[_FenceLine, str] | None:
        """The line to report and the message, or None when the fence lines inside are a
        deliberate example: shorter (or other) fences that open and close in pairs."""
        run = self.opener.run
        inner: _FenceLine | None = None  # a fence opened inside, as in a Markdown example
        for line in self.inside:
            if inner is None:
                if line.opens_like(run):
                    return line, (
                        f"'{line.text}' on line {line.line} opens a code block inside the "
                        f"one opened by '{self.opener.text}' on line {self.opener.line}, "
                        f"which was never closed: {self.where()}; close that block with "
                        f"'{run}' before line {line.line}"
                    )
                inner = line
            elif line.closes(inner.run):
                inner = None
            elif line.opens_like(inner.run) or line.opens_like(run):
                # An opening line while the inner block is open: that "inner block" was the
                # author's closing line, and this one opens their next block.
                then = f"'{line.text}' on line {line.line} opens the next block"
                return self.missed_close(inner, then)
        if inner is not None and not self.closed:
            # An odd fence line out: the author's closing line. Their next blocks come in
            # pairs after it, so it is the first line unless that one opens (an info string).
            first = self.inside[0]
            return self.missed_close(inner if first.info else first)
        return None


def _fences(document: LintDocument) -> Iterator[tuple[_Fence, _FenceLine | None]]:
    """Every fenced block of the body, with the first line after it when that is a fence
    line (however far it is indented)."""
    body_lines = document.body.split("\n")
    first = document.note.body_line
    for token in document.tokens:
        if token.type != "fence" or not token.map:
            continue
        begin, end = token.map
        opener = _fence_line(body_lines[begin].lstrip(" \t>-*+0123456789.)"), first + begin)
        if opener is None or not opener.run.startswith(token.markup[:1]):
            continue
        content = token.content.split("\n")[:-1]
        closed = end - begin == len(content) + 2
        inside = [
            found
            for index, text in enumerate(content)
            if (found := _fence_line(text, first + begin + 1 + index)) is not None
        ]
        to_end = not any(text.strip() for text in body_lines[end:])
        fence = _Fence(opener, tuple(inside), closed, first + end - 1, to_end)
        following = next(
            (index for index in range(end, len(body_lines)) if body_lines[index].strip()), None
        )
        yield (
            fence,
            (
                None
                if following is None
                else _fence_line(body_lines[following], first + following, max_indent=99)
            ),
        )


class UnclosedFence(Rule):
    """A code fence that does not close where its author meant it to.

    CommonMark closes a fenced block only with a line of the *same* character (backticks or
    tildes), *at least as many* of them as the opening line, and nothing after them. A block
    opened with ```` ```` ```` is not closed by ```` ``` ````, one opened with ``~~~`` is not
    closed by ```` ``` ````, and ```` ```python ```` never closes anything (it can only open a
    block). The block then runs on, and the prose after it (and the next code block's fence
    lines) shows on the card as code. Reported:

    - a block that runs to the end of the note (or of the list item or quote that holds it)
      with a fence line inside it that fails to close it: too few characters, the other
      character, or an info string on what was meant as the closing line (the message names
      that line and the opening one, and says what to write);
    - a block that does close, later, but holds a line that can only open a block like it
      (```` ````sql ```` inside a ```` ````sql ```` block, after a ```` ``` ```` that was
      meant to close it): what lies between shows as code;
    - a fence in a list item whose closing line is indented less than the fence: the list
      item ends before that line, which opens a new block instead.

    Accepted, because the card shows what the author meant:

    - a fence that closes, with no fence line inside;
    - a longer fence that holds shorter ones on purpose, opened and closed in pairs (a
      Markdown example with a ```` ```python ```` block inside a ```` ```` ```` fence, or a
      prompt string with a ```` ```json ```` block inside Python code), whether or not the
      outer fence is closed later;
    - a fence left open as the last block of the note, with no fence line inside it: the
      end of the note ends it, and the card is the same as with a closing line (add one
      anyway if more text is to follow).

    The article import keeps fences as the page wrote them, so an imported note that has
    such a fence is reported here.
    """

    code = "AG172"
    name = "unclosed-fence"
    summary = "a code fence whose closing line does not close it (too short, other character)"
    bad = (
        "# How do you count rows?\n\n~~~sql\nSELECT COUNT(*) FROM t;\n```\n\n"
        "`COUNT(*)` counts rows with NULLs too.\n"
    )
    good = (
        "# How do you count rows?\n\n~~~sql\nSELECT COUNT(*) FROM t;\n~~~\n\n"
        "`COUNT(*)` counts rows with NULLs too.\n"
    )

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        if "```" not in document.body and "~~~" not in document.body:
            return
        reported: set[int] = set()
        for fence, after in _fences(document):
            if fence.opener.line in reported:
                continue  # opened by a closing line reported as indented too little
            found = fence.problem()
            if found is None and not fence.closed and after is not None:
                found = _outdented_close(fence, after)
                if found is not None:
                    reported.add(found[0].line)
            if found is None:
                continue
            line, message = found
            start = document.offset_of_line(line.line)
            text = document.text[start:].split("\n", 1)[0]
            column = text.find(line.run)
            yield Finding(start + column, start + column + len(line.run), message)


def _outdented_close(fence: _Fence, line: _FenceLine) -> tuple[_FenceLine, str] | None:
    """A closing line right after a fence's list item (or quote) that is indented less than
    the fence: the item ended before it, so it opens a block instead of closing this one."""
    if fence.to_note_end or not line.closes(fence.opener.run):
        return None
    return line, (
        f"'{line.text}' on line {line.line} was meant to close the code block opened by "
        f"'{fence.opener.text}' on line {fence.opener.line}, but it is outside the list "
        "item or quote that holds that fence (indented less, or without '>'), so it opens a "
        "new code block instead: the text after it shows as code on the card; indent it (or "
        f"quote it) like line {fence.opener.line}"
    )


RULES: tuple[Rule, ...] = (RawHtmlAsText(), UnbalancedMath(), UnclosedFence())
