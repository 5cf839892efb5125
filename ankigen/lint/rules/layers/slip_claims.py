"""The lines of a note and the counts they claim, for the convention-slip checks of AG104.

The checks of ``conv_slips``, ``norm_slips``, ``recurrent_slips``, ``attention_slips`` and
``part_sums`` know one layer each and the values every convention allows for it. They share
this reading of the note: its lines (code lines only by their comments, except in a code
block that is printed output such as a ``model.summary()``), cloze markers blanked, and on
each line the numbers that are claimed rather than used: not an operand of a calculation
(``3 x 142,592``), not inside a call or shape (``Conv2d(256, 256, …)``, ``(None, 128)``), not
hedged ("about", "≈"), not negated or compared ("not", "instead of", "vs"). A number written
with LaTeX separators (``74{,}084``, ``74\\,084``) is one number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.lint.arith.inline import spaced_thousands, underscored_thousands
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

_NUMBER = lazy_regex(
    r"(?<![\w.,{}\\])(?:\d{1,3}(?:(?:,|\{,\}|\\,)\d{3})+|\d+)(?![\w%]|[.,]\d|\{,\}\d|\\,\d)"
)
_CLOZE = lazy_regex(r"\{\{c\d+::|::[^}\n]*\}\}|\}\}")
_OPS = "\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DOT OPERATOR}*+\\-\N{MINUS SIGN}/"
_OPERATOR_BEFORE = lazy_regex(rf"(?:[{_OPS}(^]|\\times|\\cdot|\\frac\{{|\d\s*x|\d\s*X)$")
_OPERATOR_AFTER = lazy_regex(
    rf"^(?:[{_OPS}^²³{{]|\((?=[\d\\(])|\\times|\\cdot|\\,\(|x\s*\d|X\s*\d|\\frac)"
)
_HEDGE = lazy_regex(
    r"(?:\babout|\bapprox\w*|\broughly|\baround|\bnearly|\balmost|~|≈|\\approx|\bunder|"
    r"\bover|\bfewer|\bless|\bmore|\bat most|\bat least|\bup to|\bnot|\binstead of|"
    r"\brather than|\bthan|\bvs\.?|\bversus|\bcompared|\bwould|\bif|\beither)\b[^.;:=]{0,40}$",
    re.IGNORECASE,
)
_CODE_LANGUAGES_READ_WHOLE = {"", "text", "txt", "console", "output", "plain", "plaintext"}


@dataclass(frozen=True)
class NoteLine:
    """One line of the note: its 1-based number, file offset, and the text to read (cloze
    markers and, on code lines, the code before the comment blanked, same length)."""

    number: int
    start: int
    text: str
    code: bool
    heading: bool


@dataclass(frozen=True)
class Claim:
    """A number a line claims: its value and file span."""

    value: int
    start: int
    end: int
    line: NoteLine
    after_equals: bool

    @property
    def before(self) -> str:
        return self.line.text[: self.start - self.line.start]

    @property
    def after(self) -> str:
        return self.line.text[self.end - self.line.start :]


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _comment_start(line: str) -> int | None:
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#" or line.startswith("//", index):
            return index
    return None


def note_lines(document: LintDocument) -> list[NoteLine]:
    """Every line of the note's body, read as ``NoteLine``."""

    def compute() -> list[NoteLine]:
        code_lines: dict[int, bool] = {}  # line -> read whole (printed output)
        for block in document.code_blocks:
            whole = block.language.lower() in _CODE_LANGUAGES_READ_WHOLE
            for index in range(block.code.count("\n")):
                code_lines[block.first_line + index] = whole
        first, _ = document.position(document.body_offset)
        lines = []
        total = len(document.line_starts)
        for number in range(first, total + 1):
            start = document.offset_of_line(number)
            end = document.text.find("\n", start)
            text = document.text[start : end if end >= 0 else len(document.text)]
            for match in _CLOZE.finditer(text):
                text = _blank(text, *match.span())
            # "55 424", "55_424": one number, grouped as SI typesetting or Python writes it
            text = underscored_thousands(spaced_thousands(text))
            code = number in code_lines
            if code and not code_lines[number]:
                comment = _comment_start(text)
                text = " " * len(text) if comment is None else _blank(text, 0, comment)
            heading = not code and text.lstrip().startswith("#")
            lines.append(NoteLine(number, start, text, code, heading))
        return lines

    return document.memo("slip_claims.lines", compute)


def value_of(number: str) -> int:
    return int(re.sub(r"\D", "", number))


def _depth(text: str) -> int:
    depth = 0
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
    return depth


def _unbold(text: str, left: bool) -> str:
    text = text.rstrip(" $\t") if left else text.lstrip(" $\t")
    if left and text.endswith("**"):
        return text[:-2].rstrip(" $")
    if not left and text.startswith("**"):
        return text[2:].lstrip(" $")
    return text


def claims(line: NoteLine, *, minimum: int = 1) -> Iterator[Claim]:
    """The numbers the line claims, at least ``minimum``."""
    if line.heading:
        return
    for match in _NUMBER.finditer(line.text):
        value = value_of(match.group())
        if value < minimum:
            continue
        before = line.text[: match.start()]
        after = line.text[match.end() :]
        left = _unbold(before, left=True)
        right = _unbold(after, left=False)
        if _OPERATOR_BEFORE.search(left) or _OPERATOR_AFTER.search(right) or after[:1] == "(":
            continue
        if _depth(before) > 0 or (right.startswith((".", ",")) and right[1:2].isdigit()):
            continue
        if _HEDGE.search(before[-60:]):
            continue
        yield Claim(
            value,
            line.start + match.start(),
            line.start + match.end(),
            line,
            left.endswith("="),
        )


def body_text(document: LintDocument) -> str:
    """The whole body, cloze markers blanked (code included)."""
    return "\n".join(line.text for line in note_lines(document))


def raw_body(document: LintDocument) -> str:
    """The body as written, cloze markers blanked: calls and code included (once per note:
    five readers ask for it)."""
    return document.memo("slip-claims-raw-body", lambda: _clozes_blanked(document.body))


def _clozes_blanked(text: str) -> str:
    # Joined in one pass: blanking each marker in a copy of the whole text was quadratic in
    # a note of many clozes (10,000 of them: 6 s).
    pieces = []
    last = 0
    for match in _CLOZE.finditer(text):
        start, end = match.span()
        pieces += [text[last:start], " " * (end - start)]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)
