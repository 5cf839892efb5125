"""A bracket after a unit that says how big the unit is: "= 40.96 MB (10⁶)", "≈ 12.6 MiB
(2^20)", "1.4 million (10^6 = 1,000,000)". The power in it is the unit's size, a gloss on
which convention the author means (decimal or binary megabytes), not a calculation of the
number before it nor the first operand of the chain after it. AG101 would otherwise read
"(10⁶)" as a calculation that explains 40.96, or "(10^6) ≈ 12.6" as a step of the chain.

The reading needs the power to be the size of the unit it follows (10⁶ or 2²⁰ for "MB", only
2²⁰ for "MiB", 10⁶ for "million"): "40.96 MB (2^21)" names no size of a megabyte and stays a
calculation, as does a bracket after a plain number ("1,048,576 (2^21)").
"""

from __future__ import annotations

from fractions import Fraction

from ankigen.lint.lazy_pattern import lazy_regex

_SPACE = r"[ \t\N{NO-BREAK SPACE}\N{NARROW NO-BREAK SPACE}\N{THIN SPACE}]*"
_SUPERSCRIPTS = "\N{SUPERSCRIPT ZERO}\N{SUPERSCRIPT ONE}\N{SUPERSCRIPT TWO}\N{SUPERSCRIPT THREE}"
_SUPERSCRIPTS += "".join(chr(code) for code in range(0x2074, 0x207A))
_SUPERSCRIPT_DIGITS = str.maketrans(_SUPERSCRIPTS, "0123456789")
# A prefixed unit (byte, bit, FLOP, hertz, parameter) or a scale word, right after a number.
_UNIT = (
    r"(?P<prefix>[kKMGTP])(?P<binary>i)?(?:B|b|bit|bits|bytes|FLOPs?|FLOP/s|Hz|params?)?"
    r"|(?P<word>thousand|million|billion|trillion)"
)
_POWER = (
    r"(?P<base>10|2|1000|1024)"
    + _SPACE
    + rf"(?:\^{_SPACE}\{{?(?P<caret>\d{{1,2}})\}}?|\*\*(?P<stars>\d{{1,2}})"
    + rf"|(?P<sup>[{_SUPERSCRIPTS}]{{1,2}}))"
)
# "40.96 MB (10⁶)", "12.6 MiB (2^20 B)", "(= 2²⁰ = 1,048,576 bytes)", "$\,(10^6)$".
_GLOSS = lazy_regex(
    r"\d(?:\\,|\\text\{|\\mathrm\{|"
    + _SPACE
    + r")*(?:"
    + _UNIT
    + r")\}?(?![\w-])"
    + _SPACE
    + r"(?:\\left)?\("
    + _SPACE
    + r"(?:="
    + _SPACE
    + r")?(?P<power>"
    + _POWER
    + r")"
    + _SPACE
    + r"(?:B|bytes?|bits?)?"
    + _SPACE
    + r"(?:="
    + _SPACE
    + r"[\d][\d,.' \N{NARROW NO-BREAK SPACE}\N{THIN SPACE}]*(?:B|bytes?)?"
    + _SPACE
    + r")?"
    + r"(?:\\right)?\)"
)
_DECIMAL = {"k": 10**3, "K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12, "P": 10**15}
_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def _sizes(prefix: str | None, binary: bool, word: str | None) -> set[Fraction]:
    """What one of the unit may be worth: a decimal and a binary size for "MB", only the
    binary one for "MiB", the word's for "million"."""
    if word is not None:
        return {Fraction(_WORDS[word])}
    assert prefix is not None
    binary_size = Fraction(1024) ** ("KMGTP".index(prefix.upper()) + 1)
    return {binary_size} if binary else {Fraction(_DECIMAL[prefix]), binary_size}


def _power_value(base: str, exponent: str) -> Fraction:
    return Fraction(int(base)) ** int(exponent)


def unit_gloss(text: str, start: int, end: int, value: Fraction) -> bool:
    """Whether the calculation AG101 read in ``text[start:end]`` (worth ``value``) is the
    power in a bracket that glosses the size of the unit before it."""
    line_start = text.rfind("\n", 0, start) + 1
    for match in _GLOSS.finditer(text, line_start, min(len(text), end + 40)):
        power_start, power_end = match.span("power")
        if power_end <= start or power_start >= end:
            continue  # another bracket of the line, outside what was read
        exponent = match.group("caret") or match.group("stars")
        if exponent is None:
            exponent = match.group("sup").translate(_SUPERSCRIPT_DIGITS)
        power = _power_value(match.group("base"), exponent)
        sizes = _sizes(match.group("prefix"), bool(match.group("binary")), match.group("word"))
        if power == value and power in sizes:
            return True
    return False
