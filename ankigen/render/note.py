"""Notes -> HTML fields: structure checks, Markdown, highlighting, sanitising, cloze markers.

No I/O beyond reading referenced images; nothing here knows about genanki.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from markdown_it.token import Token

from ankigen.codes import CheckCode
from ankigen.diagnostics import Diagnostic, Severity
from ankigen.render.cloze_sides import broken_sides
from ankigen.render.highlight import find_lexer
from ankigen.render.markdown import fence_language, markdown, strip_comment_lines
from ankigen.render.mathjax_safety import note_problems as mathjax_problems
from ankigen.render.media import MediaFile, resolve_image
from ankigen.render.notetypes import BY_NOTE_TYPE, NoteTypeSpec
from ankigen.render.sanitize import ALLOWED_URL_SCHEMES, sanitize
from ankigen.source import cloze
from ankigen.source.identity import guid_of
from ankigen.source.load import DeckSpec, Note
from ankigen.source.model import NoteType


@dataclass(frozen=True)
class RenderedNote:
    note: Note
    deck_slug: str
    guid: str
    note_type: NoteTypeSpec
    fields: tuple[str, ...]  # in the note type's field order
    tags: tuple[str, ...]
    media: tuple[MediaFile, ...]
    cloze_numbers: tuple[int, ...]


class _Reporter:
    """Collects diagnostics for one note, turning body lines and offsets into file positions."""

    def __init__(self, note: Note) -> None:
        self.note = note
        self.items: list[Diagnostic] = []

    def at_offset(self, offset: int, code: str, message: str) -> None:
        body = self.note.body
        line = self.note.body_line + body.count("\n", 0, offset)
        column = offset - (body.rfind("\n", 0, offset) + 1) + 1
        self.items.append(Diagnostic(self.note.path, line, column, code, message))

    def at_line(
        self,
        body_line: int,
        code: str,
        message: str,
        *,
        needle: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        lines = self.note.body.split("\n")
        text = lines[body_line] if 0 <= body_line < len(lines) else ""
        column = text.find(needle) + 1 if needle and needle in text else 1
        self.items.append(
            Diagnostic(
                self.note.path,
                self.note.body_line + body_line,
                column,
                code,
                message,
                severity,
            )
        )

    @property
    def first_line(self) -> int:
        """The first non-blank body line (0-based), where structural errors point."""
        for index, text in enumerate(self.note.body.split("\n")):
            if text.strip():
                return index
        return 0


def _line_of(token: Token) -> int:
    return token.map[0] if token.map else 0


def _walk(tokens: Sequence[Token], line: int = 0) -> Iterator[tuple[Token, int]]:
    """Every token with the 0-based body line of its block (inline tokens have no map)."""
    for token in tokens:
        here = token.map[0] if token.map else line
        yield token, here
        if token.children:
            yield from _walk(token.children, here)


def _check_links_and_media(
    tokens: Sequence[Token], report: _Reporter, content_root: Path
) -> list[MediaFile]:
    media: dict[str, MediaFile] = {}
    for token, line in _walk(tokens):
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            scheme = urlsplit(href).scheme.lower()
            if scheme not in ALLOWED_URL_SCHEMES:
                report.at_line(
                    line,
                    CheckCode.BAD_LINK,
                    f"link '{href[:60]}' is not allowed: links must start with "
                    "http://, https:// or mailto:",
                    needle=href,
                )
                token.attrSet("href", "")
        elif token.type == "image":
            src = str(token.attrGet("src") or "")
            found = resolve_image(src, report.note.path.parent, content_root)
            if isinstance(found, str):
                report.at_line(
                    line, CheckCode.BAD_IMAGE, f"image '{src[:60]}': {found}", needle=src
                )
                token.attrSet("src", "")
            else:
                media[found.name] = found
                token.attrSet("src", found.name)
    return [media[name] for name in sorted(media)]


_MATH_TOKENS = frozenset({"math_inline", "math_inline_double", "math_block"})


def _check_code_blocks(tokens: Sequence[Token], report: _Reporter, note_type: NoteType) -> None:
    # A fence without a language (a model summary, a log, shell output) is shown as plain
    # preformatted text; only an unknown language is worth a warning.
    fences = 0
    for token, line in _walk(tokens):
        if token.type != "fence":
            continue
        language = fence_language(token)
        if not language or find_lexer(language):
            fences += 1
        else:
            report.at_line(
                line,
                CheckCode.UNKNOWN_CODE_LANGUAGE,
                f"unknown code language '{language[:40]}': the block is not "
                "highlighted; use a Pygments language name such as 'python'",
                needle=language[:40],
                severity=Severity.WARNING,
            )
    if note_type is NoteType.CODE and fences == 0:
        report.at_line(
            report.first_line,
            CheckCode.CODE_NOTE_WITHOUT_CODE,
            "code note without a fenced code block: add ```python (or another language) "
            "around the code, or use type: basic",
        )


_VERBATIM = frozenset(
    {"code_block", "code_inline", "fence", "math_block", "math_inline", "math_inline_double"}
)


def _check_cloze_boundaries(tokens: Sequence[Token], report: _Reporter, body: str) -> None:
    """A cloze must not start or end inside math or code: Anki would cut it at a stray '}}'.

    Inside math, Anki shows '[...]' for the hidden part and MathJax reads the rest: the hidden
    part must pair its own braces, or the front (and often the back) is broken TeX. A cloze
    followed by '}}}' is cut one brace early wherever it is (also in '$ … $' that Markdown does
    not take as math, or in '\\(…\\)'), so that case is found on the text itself.
    """
    cut_short = _clozes_cut_short(body)
    for span in cut_short:
        report.at_offset(span.start, CheckCode.CLOZE_CROSSES_MATH, _cut_short_message(body, span))
    for span in _clozes_crossing_mathjax(body):
        if span not in cut_short:
            report.at_offset(span.start, CheckCode.CLOZE_CROSSES_MATH, _CROSSES_MATHJAX)
    taking = _clozes_taking_argument_braces(body, tokens)
    for span, taken in taking:
        if span not in cut_short:
            report.at_offset(
                span.start, CheckCode.CLOZE_CROSSES_MATH, _taken_braces_message(body, span, taken)
            )
    explained = set(cut_short) | {span for span, _ in taking}
    for span, glue in clozes_gluing_commands(body, tokens):
        if span not in explained:  # the message above already says the text is glued on
            report.at_offset(
                span.start, CheckCode.CLOZE_CROSSES_MATH, _glued_message(body, span, glue)
            )
    reported = {span.start for span in cut_short}
    for token, line in _walk(tokens):
        content = token.content or ""
        if token.type in _VERBATIM and content.count(cloze.OPEN) != content.count(cloze.CLOSE):
            if reported and cloze.CLOSE + "}" in content:
                continue  # a cloze cut one brace early, reported above
            report.at_line(
                line,
                CheckCode.CLOZE_CROSSES_MATH,
                "a cloze opens or ends inside math or code: Anki ends a cloze at "
                "the first '}}', so write '} }' for braces inside math, or put the "
                "whole cloze inside or outside the math/code",
                needle="}}",
            )
        elif token.type in _MATH_TOKENS:
            for hidden in cloze.clozes_breaking_tex(content):
                where, needle = _cloze_source(body, line, hidden)
                if _offset_of(body, where, needle) in reported:
                    continue
                report.at_line(
                    where,
                    CheckCode.CLOZE_CROSSES_MATH,
                    f"the cloze inside math hides '{hidden[:40]}', which does not pair its "
                    "braces: Anki ends a cloze at the first '}}', so the card shows broken "
                    "math; put a space between closing braces, e.g. {{c1::x^{2} }}",
                    needle=needle,
                )


def _check_cloze_sides(field: str, report: _Reporter, body: str) -> None:
    """AG038 for the first card side whose math the clozes broke, read off the cards as Anki
    renders them (render/cloze_sides.py), where no reading above named the shape."""
    broken = broken_sides(field)
    if not broken:
        return
    side = broken[0]
    spans = [span for span in cloze.spans(body) if span.number == side.ordinal]
    if not spans:
        return
    # the cloze whose own text holds TeX (a command, a brace, '::'), else its first
    telling = [span for span in spans if _TELLING.search(body, span.text_start, span.close)]
    span = (telling or spans)[0]
    if side.question:
        where = (
            f"card {side.ordinal}'s front, where Anki puts '[...]' (or the hint) for the "
            "hidden text,"
        )
        advice = (
            "hide a whole group (both braces, \\left and \\right, \\begin and \\end) or "
            "keep the cloze inside one"
        )
    else:
        where = "the back of every card, where Anki shows each cloze's text without its hint,"
        advice = "keep the cloze inside the math, or the whole math inside the cloze"
    if "::" in body[span.text_start : span.close]:
        advice = (
            "Anki reads the first '::' in a cloze as the start of its hint, so the rest of "
            "the math is cut off; keep '::' out of the cloze, or the cloze inside the math"
        )
    report.at_offset(
        span.start,
        CheckCode.CLOZE_CROSSES_MATH,
        f"{where} shows math with {side.what} ('{side.tex[:40]}'): MathJax shows an error "
        f"or the raw TeX; {advice}",
    )


_TELLING = re.compile(r"\\|[{}]|::")


def _clozes_cut_short(body: str) -> list[cloze.ClozeSpan]:
    """Clozes whose hidden part leaves a '{' (or a '\\') open, followed by '}}}' or between
    math delimiters on their line: Anki ends a cloze at the first '}}', wherever the braces of
    the TeX are, so the formula is cut open (also in '$ … $' that Markdown leaves as text)."""
    return [
        span
        for span in cloze.spans(body)
        if (body[span.close + 2 : span.close + 3] == "}" or _between_math_delimiters(body, span))
        and cloze.breaks_tex(_protected_inner(body[span.start : span.close + 2]))
    ]


_MATHJAX_PAIRS = (("\\\\(", "\\\\)"), ("\\\\[", "\\\\]"))
_CROSSES_MATHJAX = (
    "the cloze opens or ends inside '\\\\(…\\\\)' math: Anki hides only part of the formula, "
    "so MathJax gets an open or a closing delimiter alone; put the whole cloze inside the "
    "math, or the whole math inside the cloze"
)


def _clozes_crossing_mathjax(body: str) -> list[cloze.ClozeSpan]:
    """Clozes whose text holds one delimiter of '\\\\(…\\\\)' or '\\\\[…\\\\]' without the other
    (these reach MathJax as written; '$' math is checked on the parsed tokens)."""
    crossing = []
    for span in cloze.spans(body):
        text = body[span.text_start : span.close]
        if any(text.count(left) != text.count(right) for left, right in _MATHJAX_PAIRS):
            crossing.append(span)
    return crossing


def _display_math_lines(tokens: Sequence[Token]) -> set[int]:
    """The body lines (0-based) inside '$$' display blocks that span several lines."""
    lines: set[int] = set()
    for token, _ in _walk(tokens):
        if token.type == "math_block" and token.map:
            lines.update(range(token.map[0], token.map[1]))
    return lines


def _clozes_taking_argument_braces(
    body: str, tokens: Sequence[Token]
) -> list[tuple[cloze.ClozeSpan, str]]:
    """Clozes in math whose '{{' stands where TeX expects a brace group ('^{{c1::2}}',
    '\\sqrt{{c1::x}}', '\\frac{a}{{c1::b}}'), with the TeX whose braces they took."""
    display = _display_math_lines(tokens)
    found = []
    for span in cloze.spans(body):
        before, _ = _line_around(body, span)
        taken = cloze.taken_argument(before)
        if taken is None:
            continue
        if _between_math_delimiters(body, span) or body.count("\n", 0, span.start) in display:
            found.append((span, taken))
    return found


def clozes_gluing_commands(
    body: str, tokens: Sequence[Token]
) -> list[tuple[cloze.ClozeSpan, cloze.GluedCommand]]:
    """Clozes in math whose marker stands between a control word and a letter, so that the
    answer reads them as one command ('${{c1::\\lambda}}x$' shows '\\lambdax')."""
    display = _display_math_lines(tokens)
    by_start = {span.start: span for span in cloze.spans(body)}
    found = []
    for glue in cloze.glued_commands(body):
        span = by_start.get(glue.cloze_start)
        if span is None:
            continue
        before, after = _line_around(body, span)
        in_math = cloze.between_math_delimiters(before, after)
        if in_math or body.count("\n", 0, span.start) in display:
            found.append((span, glue))
    return found


# What the fix shows after a cloze: the next cloze, or the letters.
_FOLLOWING = re.compile(r"\{\{c\d+::[^}]{0,40}\}\}|[A-Za-z]{1,20}")


def _glued_message(body: str, span: cloze.ClozeSpan, glue: cloze.GluedCommand) -> str:
    written = body[span.start : span.close + 2][:60]
    letters = glue.glued[len(glue.command) :][:20]
    if glue.closing:
        where = f"ends in '{glue.command}' and the text after it starts with '{letters}'"
        following = _FOLLOWING.match(body, span.close + 2)
        fixed = f"{written} {following.group(0) if following else letters}"
    else:
        where = f"starts with '{letters}' right after '{glue.command}'"
        fixed = f"{glue.command} {written}"
    return (
        f"the cloze {written} {where}: the answer shows '{glue.glued[:40]}', one command "
        f"to MathJax (unknown, or another symbol) instead of '{glue.command}' and the "
        f"letters; put a space (or braces) between them: {fixed}"
    )


def _taken_braces_message(body: str, span: cloze.ClozeSpan, taken: str) -> str:
    written = body[span.start : span.close + 2]
    if taken == "\\{":
        return (
            f"the cloze {written[:60]} takes the brace of '\\{{': Anki reads '{{{{c' as the "
            "cloze's opening, so a lone backslash is left before the hidden part and the math "
            "breaks; put a space between them: \\{ " + written[:60]
        )
    what = {"^": "exponent", "_": "subscript"}.get(taken, f"argument of '{taken[:30]}'")
    return (
        f"the cloze {written[:60]} stands where the {what} needs its own braces: Anki reads "
        "'{{' as the cloze's opening, so the TeX loses its brace group (the front raises or "
        "takes only the '[' of '[...]', the back glues the hidden text on); keep the TeX "
        f"braces around the cloze, with spaces: {taken[:30]}{{ {written[:60]} }}"
    )


def _line_around(body: str, span: cloze.ClozeSpan) -> tuple[str, str]:
    """The text of the cloze's line before it and after its '}}'."""
    line_start = body.rfind("\n", 0, span.start) + 1
    line_end = body.find("\n", span.close)
    return body[line_start : span.start], body[
        span.close + 2 : len(body) if line_end < 0 else line_end
    ]


def _between_math_delimiters(body: str, span: cloze.ClozeSpan) -> bool:
    before, after = _line_around(body, span)
    return cloze.in_tex(before, body[span.text_start : span.close], after)


def _protected_inner(source: str) -> str:
    """The content of one cloze's source text with its own and nested markers protected."""
    return cloze.protect(source).text[1:-1]


def _cut_short_message(body: str, span: cloze.ClozeSpan) -> str:
    inner = _protected_inner(body[span.start : span.close + 2])
    text = cloze.strip_markers(cloze.own_text(inner))
    hidden = f"hides '{text[:40]}'"
    if cloze.whole_tex(text):  # the hint is what was cut short
        hidden = f"has the hint '{cloze.strip_markers(cloze.own_hint(inner))[:40]}'"
    written = body[span.start : span.close + 3]
    meant = _spaced_cloze(body, span)
    fix = f"put a space between closing braces: {meant}"
    if meant is None:
        fix = "hide whole brace groups, with a space between closing braces: {{c1::x^{2} }}"
    harm = "the last '}' is left on the card"
    if body[span.close + 2 : span.close + 3] != "}":
        written = body[span.start : span.close + 2]
        harm = "the formula is cut open and MathJax shows an error"
    elif re.search(r"[\\^_$]", written) or _between_math_delimiters(body, span):
        harm += " and the math is broken"
    advice = ""
    if _in_spaced_dollars(body, span):
        advice = "; and write the dollars next to the formula ($x$, not $ x $), or it is not math"
    return (
        f"the cloze {written[:60]} {hidden}, which does not pair its braces: Anki ends a "
        f"cloze at the first '}}}}', so {harm}; {fix}{advice}"
    )


def _spaced_cloze(body: str, span: cloze.ClozeSpan) -> str | None:
    """The cloze as the author meant it, with a space between closing braces: through part of
    a '}}}' run, or else to the next '}}' on the line (None when no such reading is whole)."""
    _, after = _line_around(body, span)
    run = len(after) - len(after.lstrip("}"))
    if run:
        texts = [body[span.text_start : span.close + extra] for extra in range(1, run + 1)]
    else:
        end = after.find("}}")
        texts = [body[span.text_start : span.close] + "}}" + after[:end]] if end >= 0 else []
    for text in texts:
        while "}}" in text:
            text = text.replace("}}", "} }")
        spaced = (
            f"{body[span.start : span.text_start]}{text}{' }}' if text.endswith('}') else '}}'}"
        )
        if len(spaced) <= 70 and not cloze.breaks_tex(_protected_inner(spaced)):
            return spaced
    return None


def _in_spaced_dollars(body: str, span: cloze.ClozeSpan) -> bool:
    """The cloze is in '$ … $' on one line, which Markdown leaves as text (AG171 keeps quiet
    about these dollars, so this message carries the advice)."""
    before, after = _line_around(body, span)
    return bool(re.search(r"(?<![$\\])\$\s[^$]*$", before)) and "$" in after


def _offset_of(body: str, line: int, needle: str) -> int:
    lines = body.split("\n")
    before = sum(len(text) + 1 for text in lines[:line])
    column = lines[line].find(needle) if 0 <= line < len(lines) else -1
    return before + column if column >= 0 else -1


def _cloze_source(body: str, line: int, hidden: str) -> tuple[int, str]:
    """The body line and text of the cloze opening that hides ``hidden`` (for its column)."""
    lines = body.split("\n")
    pattern = re.compile(r"\{\{c\d+::" + re.escape(hidden[:20]))
    for index in range(line, len(lines)):
        found = pattern.search(lines[index])
        if found:
            return index, found.group(0)
    return line, "{{c"


def _is_h1(token: Token) -> bool:
    return token.type == "heading_open" and token.tag == "h1" and token.level == 0


def _render_blocks(tokens: Sequence[Token]) -> str:
    md = markdown()
    return sanitize(md.renderer.render(tokens, md.options, {})).strip()


def _render_inline(token: Token) -> str:
    md = markdown()
    return sanitize(md.renderer.render(token.children or [], md.options, {})).strip()


def _has_placeholder(tokens: Sequence[Token]) -> bool:
    return any(cloze.OPEN in (token.content or "") for token, _ in _walk(tokens))


def _citation(note: Note, deck: DeckSpec) -> str:
    ref = note.meta.source
    if ref is None or ref.doc not in deck.config.sources:
        return ""
    source = deck.config.sources[ref.doc]
    title = escape(source.title)
    if source.url:
        title = f'<a href="{escape(source.url)}">{title}</a>'
    details = [escape(part) for part in (source.author, source.publisher) if part]
    if source.date:
        details.append(source.date.isoformat())
    parts = ", ".join([title, *details])
    # The pages the answer itself names as its sources ("Source: …" in the imported article).
    seen = "".join(f' · see <a href="{escape(url)}">{escape(_host(url))}</a>' for url in ref.see)
    return f"{parts} · question {ref.question}{seen}"


def _host(url: str) -> str:
    """ "https://www.rfc-editor.org/rfc/rfc768" -> "rfc-editor.org": a link's short label."""
    host = url.split("://", 1)[-1].split("/", 1)[0]
    return host.removeprefix("www.")


def _split_question(tokens: list[Token], report: _Reporter) -> tuple[str, str] | None:
    heading = next((i for i, token in enumerate(tokens) if _is_h1(token)), None)
    if heading is None:
        report.at_line(
            report.first_line,
            CheckCode.MISSING_QUESTION,
            "no question: the body must start with a level-1 heading "
            "'# Question?' (the front of the card)",
        )
        return None
    if heading > 0:
        report.at_line(
            report.first_line,
            CheckCode.TEXT_BEFORE_QUESTION,
            "text before the question heading: move it below the '# …' line",
        )
    front = _render_inline(tokens[heading + 1])
    back_tokens = tokens[heading + 3 :]
    if not front:
        report.at_line(
            _line_of(tokens[heading]),
            CheckCode.EMPTY_SIDE,
            "empty question: write the question after '# '",
        )
    if not back_tokens:
        report.at_line(
            _line_of(tokens[heading]),
            CheckCode.EMPTY_SIDE,
            "empty answer: write the answer below the question heading",
        )
    return front, _render_blocks(back_tokens)


def _split_cloze(
    tokens: list[Token], report: _Reporter, numbers: tuple[int, ...]
) -> tuple[str, str, str] | None:
    title_html = ""
    rest = tokens
    if tokens and _is_h1(tokens[0]):
        if _has_placeholder(tokens[:3]):
            report.at_line(
                _line_of(tokens[0]),
                CheckCode.CLOZE_OUTSIDE_TEXT,
                "cloze inside the title heading: Anki never hides it there; move it into the text",
            )
        title_html = _render_inline(tokens[1])
        rest = tokens[3:]
    rule = next(
        (i for i, token in enumerate(rest) if token.type == "hr" and token.level == 0), None
    )
    text_tokens, extra_tokens = (rest, []) if rule is None else (rest[:rule], rest[rule + 1 :])
    if _has_placeholder(extra_tokens):
        first = next((t.map[0] for t in extra_tokens if t.map), 0)
        report.at_line(
            first,
            CheckCode.CLOZE_OUTSIDE_TEXT,
            "cloze after the '***' line: the Extra field is never hidden; "
            "move the cloze above the line",
        )
    if any(d.code == CheckCode.CLOZE_OUTSIDE_TEXT for d in report.items):
        return None
    if not numbers:
        report.at_line(
            report.first_line,
            CheckCode.CLOZE_MALFORMED,
            "cloze note without a cloze: mark hidden text as {{c1::text}}, or "
            "use type: basic (Anki would make no card from this note)",
        )
        return None
    text_html = cloze.restore(_render_blocks(text_tokens), numbers)
    if text_html is None:
        report.at_line(
            report.first_line,
            CheckCode.CLOZE_MARKER_LOST,
            "a cloze marker was lost in rendering: do not put {{c…:: or }} inside "
            "a link URL or image path",
        )
        return None
    return text_html, title_html, _render_blocks(extra_tokens)


def render_note(note: Note, deck: DeckSpec) -> tuple[RenderedNote | None, list[Diagnostic]]:
    report = _Reporter(note)
    note_type = note.meta.type
    body = note.body
    for placeholder in cloze.PLACEHOLDERS:
        offset = body.find(placeholder)
        if offset >= 0:
            report.at_offset(
                offset,
                CheckCode.RESERVED_CHARACTER,
                f"reserved character U+{ord(placeholder):04X}: remove it",
            )
    if report.items:
        return None, report.items

    body = stripped = strip_comment_lines(body)
    numbers: tuple[int, ...] = ()
    if note_type is NoteType.CLOZE:
        protected = cloze.protect(body)
        for problem in protected.problems:
            report.at_offset(problem.offset, CheckCode.CLOZE_MALFORMED, problem.message)
        if report.items:
            return None, report.items
        body, numbers = protected.text, protected.numbers

    tokens = markdown().parse(body, {})
    media = _check_links_and_media(tokens, report, deck.folder.parent)
    _check_code_blocks(tokens, report, note_type)
    if note_type is NoteType.CLOZE:
        _check_cloze_boundaries(tokens, report, stripped)

    citation = _citation(note, deck)
    fields: tuple[str, ...] | None = None
    if note_type is NoteType.CLOZE:
        parts = _split_cloze(tokens, report, numbers)
        if parts is not None:
            text_html, title_html, extra_html = parts
            fields = (text_html, extra_html, title_html, citation)
    else:
        split = _split_question(tokens, report)
        if split is not None:
            fields = (split[0], split[1], citation)

    if fields is not None:
        # Whatever the delimiter: checked on the HTML that Anki's MathJax will read.
        cloze_field = 0 if note_type is NoteType.CLOZE else None
        glued: frozenset[str] = frozenset()
        if note_type is NoteType.CLOZE:  # AG038 names these commands and their cause
            glued = frozenset(g.glued[1:] for _, g in clozes_gluing_commands(stripped, tokens))
        report.items += mathjax_problems(note, fields, cloze_field, glued)
        if note_type is NoteType.CLOZE and not any(
            item.code == CheckCode.CLOZE_CROSSES_MATH for item in report.items
        ):
            _check_cloze_sides(fields[0], report, stripped)
    if fields is None or any(d.severity is Severity.ERROR for d in report.items):
        return None, report.items
    tags = tuple(sorted({*deck.config.tags, *note.meta.tags}))
    rendered = RenderedNote(
        note=note,
        deck_slug=deck.slug,
        guid=guid_of(deck.slug, note.meta.id, note.meta.guid),
        note_type=BY_NOTE_TYPE[note_type],
        fields=fields,
        tags=tags,
        media=tuple(media),
        cloze_numbers=tuple(sorted(set(numbers))),
    )
    return rendered, report.items


def render_description(text: str) -> str:
    """A deck description (Markdown) as sanitised HTML for Anki's deck overview."""
    return _render_blocks(markdown().parse(text, {}))
