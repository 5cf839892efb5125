"""Inline HTML in an article -> Markdown, with markdownify (already used by the apkg import).

Web articles and GitHub READMEs mix HTML into Markdown: ``<br/>`` between questions,
``<strong>``, ``<sub>``, tables, ``<details>``/``<summary>`` blocks, and formulas drawn by an
image service (``<img src="https://latex.codecogs.com/svg.latex?x^2">``). Anki would show
those tags as text in a note, so every known tag is converted; a formula image becomes
``$…$`` math with the LaTeX taken from its URL (or from its ``alt`` text).
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache
from typing import Any
from urllib.parse import unquote

from bs4 import BeautifulSoup
from markdownify import MarkdownConverter

from ankigen.tools.importers.article_label_words import ANSWER_WORD

_BLOCK_TAGS = "table|ul|ol|pre|div|p|blockquote|dl|center"
_KNOWN_TAGS = (
    "a|abbr|article|aside|b|big|blockquote|br|button|caption|center|cite|code|col|colgroup|dd|"
    "del|details|dfn|div|dl|dt|em|figcaption|figure|font|footer|h[1-6]|header|hr|i|iframe|img|"
    "input|ins|kbd|label|li|main|mark|nav|ol|p|picture|pre|q|s|samp|section|small|source|span|"
    "strike|strong|sub|summary|sup|table|tbody|td|tfoot|th|thead|tr|tt|u|ul|var|video|wbr"
)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
HTML_TAG = re.compile(rf"</?(?:{_KNOWN_TAGS})\b[^<>]*>", re.I)
_BLOCK_OPEN = re.compile(rf"^\s*<({_BLOCK_TAGS})\b[^<>]*>", re.I)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_PLACEHOLDER = "\x00{}\x00"
_PLACEHOLDER_RE = re.compile("\x00(\\d+)\x00")
_LINE_BREAK = re.compile(r"<br\s*/?>", re.I)
# A line of only <br> or <hr>: a break between blocks, never a rule drawn on the card.
_ONLY_BREAKS = re.compile(r"^\s*(?:<[bh]r\s*/?>\s*)+$", re.I)
_DETAILS = re.compile(r"^\s*</?details\b[^<>]*>\s*$", re.I)
# An inline icon drawn as SVG ("<span><svg …><path d=…/></svg></span>"): no words to keep.
_SVG = re.compile(r"<svg\b.*?</svg\s*>", re.I | re.S)
# "</body>", "</html>": a page's frame around its content, never part of an answer.
_PAGE_FRAME = re.compile(r"^\s*(?:</?(?:html|head|body)\b[^<>]*>\s*)+$", re.I)
# Services that draw a formula from the LaTeX in their URL.
_MATH_URL = re.compile(
    r"^https?://(?:latex\.codecogs\.com/[\w.]+\.(?:latex|image)|"
    r"(?:render\.githubusercontent\.com|www\.mathcha\.io)/render/math|"
    r"chart\.googleapis\.com/chart\?cht=tx|i\.upmath\.me/svg/|latex\.artofproblemsolving\.com)"
    r"[?&/]?(?:(?:math|chl)=)?(?P<latex>.*)$",
    re.I,
)
_CODECOGS_PREFIX = re.compile(
    r"^(?:\\(?:dpi\{\d+\}|bg_\w+|bg\{\w+\}|inline|large|small|fn_\w+)\s*)+"
)
_MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
# What a <summary> says when it only opens the answer.
_TOGGLE_LABEL = re.compile(
    r"^[\W_]*(?:show|see|view|click(?:\s+here)?(?:\s+to\s+(?:see|show|expand|reveal))?|reveal|"
    r"expand|toggle)?\s*(?:the\s+)?(?:(?:correct|right|full|model|sample)\s+)?(?:answers?|solutions?|explanation|hints?|details|output|"
    r"result|code|expand)?"
    # "View Answer & Explanation", "Show answer and code"
    r"(?:\s*(?:&|and|\+)\s*(?:answers?|solutions?|explanation|hints?|details|output|code))?"
    r"[\W_]*$"
    # "答案", "参考答案", "查看答案": the same labels in Chinese.
    r"|^[\W_]*(?:点击)?(?:查看|显示|展开)?(?:参考)?(?:答案|解答|解析|题解)[\W_]*$"
    # "Ver respuesta", "✅ RESPOSTA CERTA", "Lösung", "Réponse": Spanish, Portuguese, German
    # and French labels.
    r"|^[\W_]*(?:(?:ver|mostrar|clique\s+para\s+ver|zeige|voir|afficher)\s+)?"
    r"(?:(?:la|a|die|la)\s+)?(?:respuestas?|respostas?|soluci[oó]n|solu[cç][aã]o|antwort|"
    r"l[oö]sung|r[ée]ponse|solution|explicaci[oó]n|explica[cç][aã]o)"
    r"(?:\s+(?:certa|correta|correcta|correcte|richtige))?[\W_]*$"
    # "Ответ", "Показать ответ", "Đáp án", "정답": Russian, Ukrainian, Vietnamese, Korean.
    r"|^[\W_]*(?:(?:показать|посмотреть|показати|xem)\s+)?" + ANSWER_WORD + r"[\W_]*$",
    re.I,
)
_LATEX_HINT = re.compile(r"\\[A-Za-z]+|[\^_{}]")


def is_toggle_label(text: str) -> bool:
    """Whether a toggle's title only opens the answer ("View Answer", "Show solution")."""
    return _TOGGLE_LABEL.match(text.strip()) is not None


class _Converter(MarkdownConverter):
    """markdownify with math images as ``$…$`` and sub/superscripts as ``_i`` / ``^2``."""

    def convert_img(self, el: Any, text: str, parent_tags: set[str]) -> str:
        latex = math_from_image(str(el.get("src") or ""), str(el.get("alt") or ""))
        if latex is not None:
            return f"${latex}$"
        return str(super().convert_img(el, text, parent_tags))  # type: ignore[misc]

    def convert_a(self, el: Any, text: str, parent_tags: set[str]) -> str:
        href = str(el.get("href") or "").strip().lower()
        # '<a href="#" title="The answer">⌘</a>': a link to nowhere drawn as a symbol is a
        # tooltip; what it holds is its title (an empty title holds nothing).
        if el.has_attr("title") and href in ("", "#") and not re.search(r"\w", text):
            return " ".join(str(el.get("title") or "").split())
        # "<a href="javascript:void(0)" onclick=…>Paris</a>": a quiz's button, not a link.
        if href.startswith("javascript:"):
            return text
        return str(super().convert_a(el, text, parent_tags))  # type: ignore[misc]

    def convert_sub(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return f"_{text.strip()}" if text.strip() else ""

    def convert_sup(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return f"^{text.strip()}" if text.strip() else ""

    def convert_summary(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if not text.strip() or _TOGGLE_LABEL.match(text.strip()):
            return ""
        return f"\n\n**{text.strip()}**\n\n"

    def convert_details(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return f"\n\n{text.strip()}\n\n"

    def convert_table(self, el: Any, text: str, parent_tags: set[str]) -> str:
        # A table of one cell only lays out what it holds (a centred figure): no table.
        cells = el.find_all(["td", "th"])
        if len(cells) == 1:
            cells[0].name = "div"  # converted as a block, not as a table cell
            return f"\n\n{self.convert_soup(cells[0]).strip()}\n\n"
        return str(super().convert_table(el, text, parent_tags))  # type: ignore[misc]


@cache
def _converter() -> _Converter:
    return _Converter(
        escape_asterisks=False,
        escape_underscores=False,
        escape_misc=False,
        heading_style="ATX",
        bullets="-",
        table_infer_header=True,
        keep_inline_images_in=["td", "th"],  # else an image in a table cell is lost silently
        newline_style="backslash",
    )


def math_from_image(src: str, alt: str) -> str | None:
    """The LaTeX of a formula image: from a formula service's URL, else from LaTeX alt text."""
    match = _MATH_URL.match(src.strip())
    if match is not None and match.group("latex"):
        latex = html.unescape(unquote(match.group("latex"))).replace("&space;", " ")
        latex = _CODECOGS_PREFIX.sub("", latex.replace("&space;", " ")).strip()
        if latex:
            return _clean_latex(latex)
    if alt.strip() and _LATEX_HINT.search(alt) and not re.search(r"\s{2,}|\.\w{3,4}$", alt):
        return _clean_latex(html.unescape(alt.strip()))
    return None


def _clean_latex(latex: str) -> str:
    return re.sub(r"\s+", " ", latex).strip().strip("$").strip()


def has_html(text: str) -> bool:
    return HTML_TAG.search(_CODE_SPAN.sub("", text)) is not None


def markdown_images_to_math(line: str) -> str:
    """``![f](https://latex.codecogs.com/…?x^2)`` -> ``$x^2$``."""

    def replace(match: re.Match[str]) -> str:
        latex = math_from_image(match.group(2), match.group(1))
        if latex is None or not _MATH_URL.match(match.group(2)):
            return match.group(0)
        return f"${latex}$"

    return _MARKDOWN_IMAGE.sub(replace, line)


def html_to_markdown(fragment: str) -> str:
    """An HTML fragment (which may hold Markdown too) as Markdown; code spans kept as they are."""
    spans: list[str] = []

    def keep(match: re.Match[str]) -> str:
        spans.append(match.group(0))
        return _PLACEHOLDER.format(len(spans) - 1)

    protected = _CODE_SPAN.sub(keep, fragment)
    protected = _CODE_OF_TAGS.sub(_tags_as_code_text, protected)
    protected = _mentions_as_code(protected, spans)
    # "List<String>", "a <= b", "<custom>": only known tags are HTML; any other '<' is text.
    protected = _NOT_A_TAG.sub("&lt;", protected)
    soup = BeautifulSoup(protected, "html.parser")
    converted = str(_converter().convert_soup(soup))
    converted = re.sub(r"[ \t]+\n", "\n", converted)
    # "<p><br /></p>": a paragraph of one line break shows nothing, not a lone "\".
    converted = re.sub(r"(?m)^\\$", "", converted)
    converted = re.sub(r"\n{3,}", "\n\n", converted).strip("\n")
    return _PLACEHOLDER_RE.sub(lambda match: spans[int(match.group(1))], converted)


# Tags that never close: HTML wherever they stand (a "<br>" is a line break, not a mention).
_VOID = frozenset({"br", "hr", "img", "wbr", "input", "col", "source"})
_NOT_A_TAG = re.compile(rf"<(?!/?(?:{_KNOWN_TAGS})\b[^<>]*>|!--)", re.I)
_TAG_PARTS = re.compile(r"<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9]*)(?P<rest>[^<>]*)>")
# What lies between a tag and its closing one when both are only named: nothing, spaces,
# or punctuation set apart by spaces ("tokens like <code>, </code>", "<b> / </b>").
_MENTION_CONTENT = re.compile(r"\s*(?:(?:[^\w\s<>]+|and|or)\s+)?|\s+[^\w\s<>]+\s*", re.I)
# Words that introduce or follow a tag the author talks about.
_MENTION_BEFORE = re.compile(r"(?:\b(?:like|such as|tags?|elements?|e\.g\.|as)|[:(\"'])\s*$", re.I)
_MENTION_AFTER = re.compile(r"\s*(?:tags?|elements?)\b", re.I)


_CODE_OF_TAGS = re.compile(r"<(code|kbd|tt|samp)>((?:(?!</\1>).)*<(?:(?!</\1>).)*)</\1>", re.I)


def _tags_as_code_text(match: re.Match[str]) -> str:
    """``<code><div></code>``: code that holds only tags shows those tags as its text (as
    HTML they would vanish, and the code with them)."""
    inner = match.group(2)
    if HTML_TAG.sub("", inner).strip():
        return match.group(0)  # code with text in it (highlighted code's <span>s): HTML
    escaped = inner.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<{match.group(1)}>{escaped}</{match.group(1)}>"


def _mentions_as_code(text: str, spans: list[str]) -> str:
    """Tags that the text names instead of using, as inline code (``<code>`` → `` `<code>` ``),
    so that converting the rest never loses them: an opening and a closing tag with nothing
    (or only punctuation set apart by spaces) between them, a closing tag without its opening
    one inside a sentence, and an opening tag never closed inside a sentence (``the <thead>
    and <tbody> tags``). Tags with attributes and tags that never close are HTML."""
    tags = [match for match in _TAG_PARTS.finditer(text) if HTML_TAG.fullmatch(match.group(0))]
    if not tags:
        return text
    mentions: set[int] = set()
    opened: dict[str, list[int]] = {}
    pairs: dict[int, int] = {}
    for index, tag in enumerate(tags):
        name = tag.group("name").lower()
        if tag.group("close") is None:
            opened.setdefault(name, []).append(index)
        elif opened.get(name):
            pairs[opened[name].pop()] = index
    closings = set(pairs.values())
    for index, tag in enumerate(tags):
        name = tag.group("name").lower()
        bare = not tag.group("rest").strip() and name not in _VOID
        if not bare:
            continue
        before = text[: tag.start()]
        after = text[tag.end() :]
        # only text makes a sentence: a tag indented under markup alone ("<div …>" over
        # "  <p></p>", an accordion's empty answer) is markup itself
        line_text = HTML_TAG.sub("", before.rsplit("\n", 1)[-1]).strip()
        opens_line = "\n" in before and not line_text
        in_sentence = (bool(before.strip()) and before[-1:].isspace() and not opens_line) or bool(
            _MENTION_BEFORE.search(before)
        )
        if tag.group("close") is None and index in pairs:
            closing = tags[pairs[index]]
            between = text[tag.end() : closing.start()]
            if closing.group("rest").strip() or not _MENTION_CONTENT.fullmatch(between):
                continue
            rest = after[len(between) + len(closing.group(0)) :]
            # at the start of the text, an empty pair is markup ("<p></p>Text"), while one
            # holding spaced punctuation or named as tags is a mention ("<b> / </b> tags")
            if in_sentence or between.strip() or _MENTION_AFTER.match(rest):
                mentions.update((index, pairs[index]))
        elif tag.group("close") is None:
            if in_sentence and re.match(r"[\s,.;:!?)]|$", after):
                mentions.add(index)
        elif index not in closings and in_sentence:
            named = _MENTION_AFTER.match(after) or _MENTION_BEFORE.search(before)
            if named or re.match(r"\s+\w", after):
                mentions.add(index)
    if not mentions:
        return text
    out = []
    position = -1
    for index in sorted(mentions):
        tag = tags[index]
        if tag.start() == position:  # "<b></b>": one code span, not two glued together
            spans[-1] = f"{spans[-1][:-1]}{tag.group(0)}`"
        else:
            spans.append(f"`{tag.group(0)}`")
            out += [text[max(position, 0) : tag.start()], _PLACEHOLDER.format(len(spans) - 1)]
        position = tag.end()
    out.append(text[position:])
    return "".join(out)


# A line that starts an HTML block as CommonMark reads one: a block tag, opened or closed, or a
# line of one whole tag alone ("  <br/>" under a toggle's summary). Deeper than three spaces
# too: the answer's lines reach here as text only when the page did not indent them as code.
_HTML_BLOCK_START = re.compile(
    rf"^\s*(?:</?(?:{_BLOCK_TAGS}|li|details|summary)(?:\s|/?>|$)"
    rf"|</?(?:{_KNOWN_TAGS})\b[^<>]*>\s*$)",
    re.I,
)


def inside_html_block(run: list[str]) -> bool:
    """Whether the lines read so far leave an HTML block open: one started since the last
    blank line runs on to the next one, so an indented line in it is HTML, not code."""
    for line in reversed(run):
        if not line.strip():
            return False
        if _HTML_BLOCK_START.match(line):
            return True
    return False


def is_break_line(line: str) -> bool:
    """A line of only ``<br>`` or ``<hr>``: a break between blocks, no text of its own."""
    return _ONLY_BREAKS.match(line) is not None


def convert_text_lines(lines: list[str]) -> list[str]:
    """Text lines of an answer with their HTML converted; a multi-line block converted whole."""
    out: list[str] = []
    index = 0
    lines = [_SVG.sub("", line) for line in _joined_tags(_without_comments(lines))]
    while index < len(lines):
        line = lines[index]
        index += 1
        line = latex_as_dollar_math(styled_bold_as_markdown(line))
        if _PAGE_FRAME.match(line):
            out.append("")
            continue
        if not has_html(line):
            out.append(markdown_images_to_math(line))
            continue
        if _ONLY_BREAKS.match(line) or _DETAILS.match(line):
            out.append("")
            continue
        opened = _BLOCK_OPEN.match(line)
        if opened is not None:
            block, index = _html_block(lines, index - 1, opened.group(1))
            inner = _markdown_inside(block)
            if inner is not None:  # <div> lines around Markdown: only the Markdown shows
                out += ["", *convert_text_lines(inner), ""]
                continue
            out += ["", *html_to_markdown("\n".join(block)).split("\n"), ""]
            continue
        out += _inline(line)
    return out


# A line that ends inside a tag it opened: '<a href="#" title="' with the title on the next
# lines (a quoted value may hold '>'; a blank line ends any tag, as CommonMark reads it).
_OPEN_TAG_TAIL = re.compile(
    rf"<(?:{_KNOWN_TAGS})(?=\s*$|\s+[\w:-]+\s*=)(?:[^<>\"']|\"[^\"]*\"|'[^']*')*"
    rf"(?:\"[^\"]*|'[^']*)?$",
    re.I,
)


def _joined_tags(lines: list[str]) -> list[str]:
    """Lines with a tag broken over several of them joined into one line."""
    if not any("<" in line for line in lines):
        return lines
    out: list[str] = []
    for line in lines:
        if out and out[-1].strip() and line.strip() and _OPEN_TAG_TAIL.search(out[-1]):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


_WRAPPER_OPEN = re.compile(r"^\s*<(div|section|article|center)\b[^<>]*>\s*$", re.I)


def _markdown_inside(block: list[str]) -> list[str] | None:
    """The lines inside a ``<div …>`` … ``</div>`` pair on lines of their own whose content is
    Markdown (a blank line in it ends the HTML block, as CommonMark reads it); else None."""
    opened = _WRAPPER_OPEN.match(block[0]) if len(block) > 2 else None
    if opened is None:
        return None
    closing = re.compile(rf"^\s*</{opened.group(1)}\s*>\s*$", re.I)
    inner = block[1:-1]
    if not closing.match(block[-1]) or not any(not line.strip() for line in inner):
        return None
    return inner


def _html_block(lines: list[str], start: int, tag: str) -> tuple[list[str], int]:
    """The lines from ``start`` to the one that closes its ``<tag>`` (a nested ``<ul>`` in a
    ``<ul>`` does not close it), and the index after them."""
    opening = re.compile(rf"<{tag}\b[^<>]*>", re.I)
    closing = re.compile(rf"</{tag}\s*>", re.I)
    depth = 0
    index = start
    while index < len(lines):
        depth += len(opening.findall(lines[index])) - len(closing.findall(lines[index]))
        index += 1
        if depth <= 0:
            break
    return lines[start:index], index


# Bold letters of the Mathematical Alphanumeric Symbols block (serif, sans-serif, sans-serif
# italic, digits), which posts use as bold text; runs may hold spaces, hyphens and apostrophes.
_BOLD_LETTER = (
    "\U0001d400-\U0001d433\U0001d5d4-\U0001d607\U0001d63c-\U0001d66f"
    "\U0001d7ce-\U0001d7d7\U0001d7ec-\U0001d7f5"
)
_STYLED_BOLD = re.compile(f"[{_BOLD_LETTER}](?:[{_BOLD_LETTER}\\-' ]*[{_BOLD_LETTER}])?")


def styled_bold_as_markdown(line: str) -> str:
    """Styled bold letters as Markdown bold of plain letters, which search and spelling read."""
    if not _STYLED_BOLD.search(line):
        return line
    return _STYLED_BOLD.sub(
        lambda match: f"**{unicodedata.normalize('NFKC', match.group(0))}**", line
    )


# "\\( x \\)" and "\\[ … \\]" on one line: LaTeX's delimiters, which Markdown reads as escaped
# brackets; the notes' math is written with dollars.
_LATEX_INLINE = re.compile(r"\\\((?P<tex>[^$\n]+?)\\\)")
_LATEX_DISPLAY = re.compile(r"\\\[(?P<tex>[^$\n]+?)\\\]")


def latex_as_dollar_math(line: str) -> str:
    """LaTeX-delimited math of a text line as ``$…$`` / ``$$…$$``; code spans stay as written."""
    if "\\(" not in line and "\\[" not in line:
        return line
    out: list[str] = []
    start = 0
    for span in _CODE_SPAN.finditer(line):
        out += [_dollars(line[start : span.start()]), span.group(0)]
        start = span.end()
    out.append(_dollars(line[start:]))
    return "".join(out)


def _dollars(text: str) -> str:
    text = _LATEX_DISPLAY.sub(lambda match: f"$${match.group('tex').strip()}$$", text)
    return _LATEX_INLINE.sub(lambda match: f"${match.group('tex').strip()}$", text)


def _without_comments(lines: list[str]) -> list[str]:
    """HTML comments (``<!-- toc -->``, also over several lines) removed."""
    if not any("<!--" in line for line in lines):
        return lines
    text = _COMMENT.sub("", "\n".join(lines))
    return [line.rstrip() for line in text.split("\n")]


def _inline(line: str) -> list[str]:
    """One line with inline tags; a ``<br>`` inside it starts a new line of the answer."""
    indent = line[: len(line) - len(line.lstrip())]
    if line.lstrip().startswith("|"):  # a table row: a line break cannot end it
        return [indent + html_to_text(_LINE_BREAK.sub(" ", line.strip()))]
    parts = _LINE_BREAK.split(line.strip())
    out: list[str] = []
    for position, part in enumerate(parts):
        if not part.strip():
            continue
        converted = html_to_markdown(part) if has_html(part) else part.strip()
        if position and out:
            out.append("")
        out += [indent + text if text else "" for text in converted.split("\n")]
    if _LINE_BREAK.search(line.rstrip()[-6:]):  # "…<br>" at the end: the next line is apart
        out.append("")
    elif line.rstrip().endswith("\\") and out and out[-1] and not out[-1].endswith("\\"):
        out[-1] += "\\"  # a hard break after inline tags ("<ins>…</ins> … \\") stays one
    return out or [""]


def html_to_text(fragment: str) -> str:
    """An HTML fragment as one line of Markdown (a question's text)."""
    fragment = _COMMENT.sub("", fragment)
    if not has_html(fragment):
        return markdown_images_to_math(fragment)
    converted = html_to_markdown(_LINE_BREAK.sub(" ", fragment))
    return re.sub(r"\s+", " ", converted).strip()
