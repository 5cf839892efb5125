"""Copied-HTML debris in shapes the tag reader of AG170 (``markup``) does not take.

Each shape is checked with the build's Markdown renderer as ground truth: the card shows it as
written. Office's namespaced tags (``<o:p></o:p>``), tags escaped for JSON (``\\u003cbr\\u003e``)
or with backslashes (``\\<br\\>``), MDX components left on their own lines (``<Tabs>`` …
``</Tabs>``), and, inside code, entities (``x &gt; 0``: a code span or block shows '&gt;') and
``<br>`` tags that stood for line breaks on the page the code was copied from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ankigen.lint.data_files import data_lines
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex


@cache
def _elements() -> frozenset[str]:
    return frozenset(data_lines("html_elements.txt"))


# A note about HTML, entities or escaping shows such text on purpose.
_MARKUP_TALK = lazy_regex(r"\bHTML\b|\bXML\b|\bmarkup\b|\bentit(?:y|ies)\b|\bescap", re.IGNORECASE)
# Languages whose code holds tags and entities on purpose.
_MARKUP_LANGUAGES = frozenset(
    {"", "html", "htm", "xhtml", "xml", "svg", "markdown", "md", "jsx", "tsx", "vue", "php"}
    | {"erb", "jinja", "jinja2", "django", "handlebars", "hbs", "liquid", "text", "txt", "plain"}
    | {"mdx", "astro", "svelte", "rss", "atom", "xslt", "html+jinja", "htmldjango", "console"}
)
_INLINE_CODE = lazy_regex(r"(?<!`)(?P<tick>`+)(?!`)(?P<code>.+?)(?<!`)(?P=tick)(?!`)")
# An entity the page's HTML held for a code character: '&lt;', '&#62;', '&quot;', '&amp;'.
_CODE_ENTITY = lazy_regex(
    r"&(?:lt|gt|amp|quot|apos|nbsp|#0*(?:60|62|38|34|39)|#[xX]0*(?:3[cCeE]|2[67]));"
)
_ESCAPED_TAG = lazy_regex(r"&lt;/?[a-zA-Z]")
_CODE_BREAK = lazy_regex(r"<br\s*/?>", re.IGNORECASE)
_ENTITY_ADVICE = "write the character itself ('<', '>', '&', '\"'): code shows entities as written"
_BREAK_ADVICE = "put each statement on its own line: code shows the tag as written"


def _in_string(line: str, column: int) -> bool:
    """Whether ``column`` of a code line lies inside a quoted string (an odd number of
    unescaped quotes of one kind before it, backticks for JavaScript's templates): an entity
    there may be the program's own text."""
    before = re.sub(r"\\.", "", line[:column])
    return any(before.count(quote) % 2 == 1 for quote in "\"'`")


def _code_line_findings(line: str, offset: int) -> Iterator[tuple[int, int, str]]:
    """Entities and '<br>' tags of one line of code, outside its string literals."""
    for match in _CODE_ENTITY.finditer(line):
        if not _in_string(line, match.start()):
            yield (
                offset + match.start(),
                offset + match.end(),
                (
                    f"'{match.group(0)}' in code is an HTML entity from a copied page: "
                    + _ENTITY_ADVICE
                ),
            )
    for match in _CODE_BREAK.finditer(line):
        if not _in_string(line, match.start()) and match.start() > 0:
            yield (
                offset + match.start(),
                offset + match.end(),
                (
                    f"'{match.group(0)}' in code is a line break from a copied page: "
                    + _BREAK_ADVICE
                ),
            )


def code_debris(document: LintDocument) -> Iterator[Finding]:
    """Entities and '<br>' tags in code spans and in blocks of a language that is no markup."""
    text = document.text
    body = document.body
    if "&" not in body and "<br" not in body.lower() and "<BR" not in body:
        return
    if _MARKUP_TALK.search(document.prose, document.body_offset):
        return
    block_spans: list[tuple[int, int]] = []
    for token in document.tokens:
        if token.type not in ("fence", "code_block") or not token.map:
            continue
        first = document.offset_of_line(document.note.body_line + token.map[0])
        end = document.offset_of_line(document.note.body_line + token.map[1])
        block_spans.append((first, end))
        language = token.info.strip().split()[0].lower() if token.info.strip() else ""
        if token.type == "code_block" or language in _MARKUP_LANGUAGES:
            continue
        inner_start = text.find("\n", first) + 1
        position = inner_start
        for line in text[inner_start:end].split("\n"):
            for start, stop, message in _code_line_findings(line, position):
                yield Finding(start, stop, message)
            position += len(line) + 1
    prose = document.prose
    for match in _INLINE_CODE.finditer(text, document.body_offset):
        if any(begin <= match.start() < stop for begin, stop in block_spans):
            continue
        if prose[match.start()] != " ":
            continue  # not a code span after all (an escaped or lone backtick)
        code = match.group("code")
        if _CODE_ENTITY.fullmatch(code.strip()) or "<" in code or _ESCAPED_TAG.search(code):
            continue  # `&lt;` alone, HTML or a tag's entities in the span: shown on purpose
        yield from (
            Finding(start, stop, message)
            for start, stop, message in _code_line_findings(code, match.start("code"))
        )


# Office's namespaced tags ("<o:p>", "</o:p>", "<w:Sdt>", "<v:shape …>"): a one-letter prefix
# is no autolink scheme (CommonMark wants two letters or more), so the card shows the tag.
# An element and its closing tag are one finding.
_NAMESPACED_TAG = lazy_regex(
    r"<(?P<prefix>[a-z]):(?P<name>[A-Za-z][A-Za-z0-9]*)(?:\s[^<>\n]*)?/?>"
    r"(?:[^<\n]{0,80}</(?P=prefix):(?P=name)>)?"
    r"|</[a-z]:[A-Za-z][A-Za-z0-9]*>"
    # session 30: any prefix with an attribute after the name (a wiki export's
    # '<ac:structured-macro ac:name="warning">'): a space makes it no autolink, and a colon
    # no HTML tag name, so it shows as written
    r"|<[a-z]{2,12}:[A-Za-z][\w-]*\s+[a-z][\w:-]*=[\"'][^<>\n]*>"
)
# A note about XML names its namespaced elements on purpose.
_XML_TALK = lazy_regex(r"\b(?:xml|xsd|xslt?|schemas?|namespaces?|soap|wsdl|svg)\b", re.IGNORECASE)
# Tags escaped for JSON or JavaScript: "\u003cbr\u003e", "\x3cb\x3e".
_UNICODE_TAG = lazy_regex(
    r"\\(?:u003[cC]|x3[cC])/?(?P<name>[a-zA-Z][a-zA-Z0-9]*)[^\\\n]{0,80}?\\(?:u003[eE]|x3[eE])"
)
# A break or rule escaped with backslashes ("\<br\>", "\<br/>", "\<hr>"): Markdown drops the
# backslashes and shows the tag.
_BACKSLASH_TAG = lazy_regex(r"\\<(?P<name>br|hr|wbr)\s*/?\\?>", re.IGNORECASE)
# An MDX or JSX component left on its own line, with its closing line later ("<Tabs>" …
# "</Tabs>", '<TabItem value="py">'): a docs site's markup, shown as text on the card.
_COMPONENT_LINE = lazy_regex(
    r"^[ \t]*<(?P<name>[A-Z][a-z]+(?:[A-Z][a-z0-9]*)*)(?:\s[^<>\n]*)?>[ \t]*$", re.MULTILINE
)


def _shown(text: str) -> str:
    shown = re.sub(r"\s+", " ", text)
    return shown if len(shown) <= 40 else shown[:37] + "…"


def _in_prose(document: LintDocument, start: int, end: int) -> bool:
    return document.prose[start:end] == document.text[start:end]


def _outside_code(document: LintDocument, start: int) -> bool:
    """Whether ``start`` is in no code span or block (prose blanks autolink-shaped tags too,
    so it cannot tell)."""
    line_start = document.text.rfind("\n", 0, start) + 1
    line_end = document.text.find("\n", start)
    line = document.text[line_start : len(document.text) if line_end < 0 else line_end]
    if document.prose[line_start : line_start + len(line)].strip() == "" and line.strip():
        return False  # a line of a code block
    return not any(
        match.start() < start - line_start < match.end() for match in _INLINE_CODE.finditer(line)
    )


def prose_debris(document: LintDocument) -> Iterator[Finding]:
    """Namespaced, JSON-escaped and backslash-escaped tags, and component lines, in prose."""
    text, body_offset = document.text, document.body_offset
    body = document.body
    if ":" in body and "<" in body:
        for match in _NAMESPACED_TAG.finditer(text, body_offset):
            office = re.match(r"</?[a-z]:", match.group(0)) is not None
            if not office and _XML_TALK.search(document.prose, body_offset):
                continue  # '<xs:element name="id"/>' named in a note about XML
            if _outside_code(document, match.start()):
                kind = "an Office tag" if office else "a namespaced tag"
                yield Finding(
                    *match.span(),
                    f"'{_shown(match.group(0))}' is {kind} from a copied document: the "
                    "card shows it as text; delete it",
                )
    if "\\u003" in body or "\\x3" in body:
        for match in _UNICODE_TAG.finditer(text, body_offset):
            if match.group("name").lower() in _elements() and _in_prose(document, *match.span()):
                yield Finding(
                    *match.span(),
                    f"'{_shown(match.group(0))}' is an HTML tag escaped for JSON: the card shows "
                    "it as text; write the Markdown form (a blank line for a break)",
                )
    talks_markup = _MARKUP_TALK.search(document.prose, body_offset) is not None
    if "\\<" in body and not talks_markup:
        for match in _BACKSLASH_TAG.finditer(text, body_offset):
            if _in_prose(document, *match.span()):
                yield Finding(
                    *match.span(),
                    f"'{match.group(0)}' shows as the tag '<{match.group('name')}>' (Markdown "
                    "drops the backslashes): end the line with '\\' for a break, or leave a "
                    "blank line",
                )
    if "</" in body and not talks_markup:
        yield from _component_findings(document)


def _component_findings(document: LintDocument) -> Iterator[Finding]:
    text = document.text
    for match in _COMPONENT_LINE.finditer(text, document.body_offset):
        name = match.group("name")
        if name.lower() in _elements() or not _in_prose(document, *match.span()):
            continue  # '<Table>' is a capitalised element: the tag reader takes it
        closing = re.compile(r"^[ \t]*</" + name + r">[ \t]*$", re.MULTILINE)
        found = closing.search(text, match.end())
        if found is None or not _in_prose(document, *found.span()):
            continue
        yield Finding(
            match.start() + len(match.group(0)) - len(match.group(0).lstrip()),
            match.end(),
            f"'{_shown(match.group(0).strip())}' … '</{name}>' is a component of a docs site "
            "(MDX): the card shows both lines as text; delete them and keep the text between",
        )
