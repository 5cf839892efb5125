"""The linker's view of a note's lines: markup taken away, every character keeping its file
offset, and the values written on them (a number, a shape ``64x64``, a tuple ``(1, 3, 3)``).

Nothing here knows a role; ``roles`` names the values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from ankigen.lint.document import LintDocument

# markup replaced by what a reader sees (LaTeX operators, emphasis, code ticks, math dollars)
_MARKUP = (
    (re.compile(r"\b(\d)³"), "\\1\u00d7\\1\u00d7\\1"),  # "3³": a cube
    (re.compile(r"\b(\d)²"), "\\1\u00d7\\1"),
    (re.compile(r"\\times|\\cdot|\\ast"), "\u00d7"),
    (re.compile(r"\{,\}"), ","),
    (re.compile(r"\\[,;! ]|\\text\{|\\mathrm\{|\\operatorname\{"), ""),
    # math dollars, code ticks, emphasis (not the underscores of "kernel_size", "30_000")
    (re.compile(r"[$`]+|(?<!\w)[*_]{1,2}(?=\S)|(?<=\S)[*_]{1,2}(?!\w)"), ""),
    (re.compile(r"[{}\\]"), ""),
)
_TIMES = "\u00d7xX*\u00b7\u22c5"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:_\d{3})+(?!\d)|\d+(?:\.\d+)?"
# a shape "64 x 128 x 128" or a tuple "(1, 2, 2)", else one number with its scale
VALUE = re.compile(
    # a tuple may open with a batch placeholder: "[B, 4, 96, 96]", "(None, 25, 5, 64)"
    rf"(?P<tuple>[(\[]\s*(?:(?:[A-Za-z]\w*|None)\s*,\s*)?\d+(?:\s*,\s*\d+)+\s*,?\s*[)\]])"
    rf"|(?P<shape>\d+(?:\s*[{_TIMES}]\s*\d+)+)(?![\d.,]\d)"
    rf"|(?P<number>(?:{_NUMBER})(?:\s?[kKM](?![a-zA-Z]))?)"
)
_SCALE = {"k": 1000, "K": 1000, "M": 1_000_000}


@dataclass(frozen=True)
class Line:
    """One body line as the linker reads it: ``text`` without markup, ``offsets[i]`` the file
    offset of ``text[i]``, ``number`` the file's 1-based line."""

    number: int
    text: str
    offsets: tuple[int, ...]

    def at(self, index: int) -> int:
        return self.offsets[min(index, len(self.offsets) - 1)] if self.offsets else 0


def lines(document: LintDocument) -> tuple[Line, ...]:
    """The note's body lines, read once per document."""
    return document.memo("linker.lines", lambda: _lines(document))


def _lines(document: LintDocument) -> tuple[Line, ...]:
    result = []
    start = document.body_offset
    first = document.position(start)[0]
    for index, raw in enumerate(document.text[start:].split("\n")):
        text, offsets = _clean(raw, start)
        result.append(Line(first + index, text, offsets))
        start += len(raw) + 1
    return tuple(result)


def _clean(raw: str, start: int) -> tuple[str, tuple[int, ...]]:
    chars = list(raw)
    offsets = list(range(start, start + len(raw)))
    for pattern, replacement in _MARKUP:
        text = "".join(chars)
        kept_chars: list[str] = []
        kept_offsets: list[int] = []
        last = 0
        for match in pattern.finditer(text):
            kept_chars += chars[last : match.start()]
            kept_offsets += offsets[last : match.start()]
            replacement_text = match.expand(replacement)
            kept_chars += list(replacement_text)
            kept_offsets += [offsets[match.start()]] * len(replacement_text)
            last = match.end()
        chars, offsets = kept_chars + chars[last:], kept_offsets + offsets[last:]
    return "".join(chars), tuple(offsets)


def values_of(match: re.Match[str]) -> tuple[Fraction, ...]:
    """The sizes a ``VALUE`` match writes: one per axis of a shape or tuple."""
    if match.group("tuple") or match.group("shape"):
        text = re.sub(r"^[(\[]\s*(?:[A-Za-z]\w*|None)\s*,", "(", match.group(0))
        return tuple(Fraction(part) for part in re.findall(r"\d+", text))
    return (number_value(match.group("number")),)


def number_value(text: str) -> Fraction:
    text = text.replace(" ", "")
    scale = _SCALE.get(text[-1], 1)
    if scale != 1:
        text = text[:-1]
    return Fraction(text.replace(",", "").replace("_", "")) * scale
