"""Numbers as people write them in prose: ``10,000``, ``10000``, ``10k``, ``1e4``, ``2.5M``,
``2.5 million``, Python's ``10_000``, and small number words ("ten", "two hundred and fifty").

A parsed number keeps its exact value (a ``Fraction``) and the unit of its last written digit,
so a claim like "≈ 3.33" can be checked to the precision it was written with.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.spaced_groups import CANDIDATE, spaced_runs

_UNITS = [
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SMALL = {word: value for value, word in enumerate(_UNITS)} | {
    word: 10 * (index + 2) for index, word in enumerate(_TENS)
}
_SCALES = {"thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
# South Asian scale words: a lakh is 100,000 and a crore 10,000,000 ("2.5 lakh", "1.2 Cr").
_SOUTH_ASIAN = {"lakh": 10**5, "lac": 10**5, "crore": 10**7}
_SCALES |= _SOUTH_ASIAN | {f"{word}s": value for word, value in _SOUTH_ASIAN.items()}
_SUFFIXES = {"k": 1000, "K": 1000, "M": 10**6, "B": 10**9, "bn": 10**9, "Cr": 10**7} | _SCALES
_SCALE_WORDS = "|".join(sorted(_SCALES, key=len, reverse=True))
# Every scale word after a number, for readers with their own number patterns: "2 lakh", "3 Cr"
SCALE_WORDS_PATTERN = rf"(?:{_SCALE_WORDS}|Cr\b)"

# Indian grouping: pairs of digits above the thousands ("1,20,000", "1,00,00,000")
INDIAN_GROUPS = r"\d{1,2}(?:,\d\d)+,\d{3}"

_WORD = "|".join(sorted([*_SMALL, "hundred", *_SCALES], key=len, reverse=True))
WORDS_PATTERN = rf"\b(?:{_WORD})(?:(?:-|[ \t]+|[ \t]+and[ \t]+)(?:{_WORD}))*\b"
# Digits: grouped thousands or plain, an optional fraction and exponent, then a scale suffix
# ("10k", "2.5M", "2.5 million"). "3x3" is two numbers, so "x" before a digit ends a number,
# and a superscript ("0.5²") is a power, not part of a word like "3D".
DIGITS_PATTERN = (
    r"(?:(?<![^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[.,])|(?<=\d[xX]))"
    # A decimal comma, as much of Europe and Latin America writes it ("0,5", "2,25", "0,143"):
    # a leading "0," or one or two digits after the comma, never a list ("1,2,3") or a group.
    r"(?:(?:0,\d+|\d{1,3},\d{1,2})(?![\d.]|,\d)|"
    # Indian grouping, pairs above the thousands: "1,20,000", "1,00,00,000". A tuple written
    # without spaces ("(1,64,128)", "view(-1,32,256)") is no number, so no bracket may touch it.
    rf"(?<![(\[{{\-]){INDIAN_GROUPS}(?![)\]}}]|,\d)|"
    # Thousands grouped by a thin, narrow no-break or no-break space, or LaTeX's "\,": such a
    # space never separates the items of a list ("96\u2009000", "1\,048\,576").
    r"\d{1,3}(?:(?:[\u00a0\u2009\u202f]|\\,)\d{3})+(?!\d)|"
    # Swiss and Indian-keyboard writers group with an apostrophe: "1'281'167", "25\u2019088"
    r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:_\d{3})+|\d{1,3}(?:['\u2019]\d{3})+(?![\w'\u2019])|\d+)"
    r"(?:\.\d+)?(?:[eE][-+]?\d+)?"
    # "40 M rows": an upper-case scale letter may follow after a space, never a lower-case k
    rf"(?:(?:k|K|M|B|bn)|[ \t]+(?:{_SCALE_WORDS}|(?:M|B|bn|Cr)(?!\w|\.\w)))?"
    # A letter glued to it makes a name ("3D"), but not one of a script written without spaces
    # ("40です", "40개", "40是"); and a number never ends between two digits ("40" is no "4").
    r"(?![^\W\dxX_\N{SUPERSCRIPT ONE}\N{SUPERSCRIPT TWO}\N{SUPERSCRIPT THREE}\u2070-\u2079"
    r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
    r"|[xX](?!\d)|\.\d|,\d{3}|\d)"
)
NUMBER_PATTERN = rf"(?:{DIGITS_PATTERN}|(?i:{WORDS_PATTERN}))"
_NUMBER = lazy_regex(NUMBER_PATTERN)
# Every number starts with a digit or, at a word start, with a whole number word: a cheap
# first look that never misses a number (it may see one where there is none).
NUMBER_START = lazy_regex(rf"\d|\b(?i:{_WORD})\b")


# The largest power of ten a written number may carry ("1e308" is a float's limit); a larger
# one is an identifier, and computing it exactly would not finish.
MAX_EXPONENT = 4096
# The most digits a written number may have: Python's int() refuses strings of more than 4,300.
MAX_DIGITS = 1000


@dataclass(frozen=True)
class Number:
    """A number found in text: where it is, how it was written, and what it is worth."""

    start: int
    end: int
    text: str
    value: Fraction
    ulp: Fraction  # the unit of the last written digit: 1 for "50", 0.01 for "3.33"

    @property
    def grouped(self) -> bool:
        """Written with thousands separators ("10,000")."""
        return bool(_GROUP_MARK.search(self.text)) and not _DECIMAL_COMMA.fullmatch(self.text)


_GROUP_MARK = re.compile(r"\d(?:[,'\u2019 \u00a0\u2009\u202f]|\\,)\d")


_DECIMAL_COMMA = re.compile(r"0,\d+|\d{1,3},\d{1,2}")


def _digits_value(text: str) -> tuple[Fraction, Fraction] | None:
    match = re.fullmatch(
        r"((?:[\d,_'\u2019\u00a0\u2009\u202f]|\\,)+)(?:\.(\d+))?(?:[eE]([-+]?\d+))?[ \t]*"
        rf"(k|K|M|B|bn|Cr|{_SCALE_WORDS})?",
        text,
    )
    if match is None:
        return None
    whole, fraction, exponent, suffix = match.groups()
    if fraction is None and _DECIMAL_COMMA.fullmatch(whole):
        whole, fraction = whole.split(",")  # "0,143" is 0.143, no group of thousands
    if exponent is not None and abs(int(exponent)) > MAX_EXPONENT:
        return None  # "41e523325666" is a commit hash, not a number: 10**523325666 never ends
    digits = re.sub(r"[,_'\u2019\u00a0\u2009\u202f\\]", "", whole) + (fraction or "")
    if len(digits) > MAX_DIGITS:
        return None  # a pasted digest or a run of digits, which int() refuses past 4,300
    scale = Fraction(10) ** (int(exponent or 0) - len(fraction or ""))
    scale *= _SUFFIXES.get(suffix or "", 1)
    return Fraction(int(digits)) * scale, scale


def words_value(text: str) -> int | None:
    """The value of number words ("two hundred and fifty" -> 250); None if not well formed."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    total = current = 0
    last = ""  # the kind of the previous word: unit, teen, ten, hundred, scale
    for word in words:
        if word in _SMALL:
            value = _SMALL[word]
            kind = "ten" if value >= 20 else "teen" if value >= 10 else "unit"
            if last in ("unit", "teen") or (last == "ten" and kind != "unit"):
                return None
            current += value
        elif word == "hundred":
            if last not in ("unit", "teen", "ten") or current >= 100:
                return None
            current *= 100
            kind = "hundred"
        elif word in _SCALES:
            if last in ("", "scale") or current == 0:
                return None
            total += current * _SCALES[word]
            current, kind = 0, "scale"
        else:
            return None
        last = kind
    return total + current if last else None


def parse_number(text: str) -> Number | None:
    """Parse one number written in digits or words (the whole text)."""
    parsed = _digits_value(text)
    if parsed is not None:
        return Number(0, len(text), text, parsed[0], parsed[1])
    value = words_value(text)
    if value is None:
        return None
    return Number(0, len(text), text, Fraction(value), Fraction(1))


def _words_prefix(text: str) -> str | None:
    """The longest well-formed prefix of a run of number words ("ten and twenty" -> "ten")."""
    parts = re.split(r"((?:[\s-]+and)?[\s-]+)", text)
    for end in range(len(parts), 0, -2):
        candidate = "".join(parts[:end])
        if words_value(candidate) is not None:
            return candidate
    return None


def find_numbers(text: str, start: int = 0, end: int | None = None) -> Iterator[Number]:
    """Every number in ``text[start:end]``. A lone "one" is skipped: it is mostly a pronoun."""
    stop = len(text) if end is None else end
    runs = spaced_runs(text) if CANDIDATE.search(text, start, stop) else {}
    skip_to = start
    for match in _NUMBER.finditer(text, start, stop):
        if match.start() < skip_to:
            continue
        run = runs.get(match.start())
        if run is not None and run.end <= stop:
            skip_to = run.end  # "10 000": one number, not 10 and 0
            yield Number(run.start, run.end, text[run.start : run.end], run.value, run.ulp)
            continue
        written = match.group(0)
        if written[0].isdigit():
            number = parse_number(written)
        else:
            prefix = _words_prefix(written)
            if prefix is None or prefix.lower() == "one":
                continue
            number = parse_number(prefix)
        if number is not None:
            yield Number(
                match.start(),
                match.start() + len(number.text),
                number.text,
                number.value,
                number.ulp,
            )


def format_number(value: Fraction, grouped: bool = False) -> str:
    """Write a value for a message: integers exactly, other values to four decimals."""
    if value.denominator == 1:
        return f"{value.numerator:,}" if grouped else str(value.numerator)
    if abs(value) < 1:
        return f"{float(value):.4g}"
    text = f"{float(value):,.4f}" if grouped else f"{float(value):.4f}"
    return text.rstrip("0").rstrip(".")
