"""A size of memory restated in another unit with no calculation between: "73,728 B = 72 KiB",
"262,144,000 B ≈ 250 MiB", "12.8 GB ≈ 11.92 GiB". AG101's claims need an operator, so such a
restatement was never checked, and a decimal value written with a binary unit ("73,728 B =
73.7 KiB", the kilobytes of 1,000 labelled KiB) went unreported.

The reading is generous where the units are: "KB", "MB", "GB" and "TB" may be 1,000- or
1,024-based (authors write both), only "KiB"… and bytes are exact; both sides may be rounded
to their last written digit, and a hedge ("≈", "~", "about") allows one more unit of it. A
restatement is reported only when no reading of its units makes the two sides meet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import Number, find_numbers, format_number

_SPACE = r"[ \t\N{NO-BREAK SPACE}\N{NARROW NO-BREAK SPACE}\N{THIN SPACE}]*"
_UNIT = lazy_regex(_SPACE + r"(?P<unit>bytes?|B|[kKMGT]i?B)(?![\w/-])")
_RELATION = lazy_regex(
    _SPACE
    + r"(?:,?"
    + _SPACE
    + r"i\.e\.,?"
    + _SPACE
    + r")?(?P<sign>=|\N{ALMOST EQUAL TO}|~|\N{ASYMPTOTICALLY EQUAL TO}|\\approx)"
    + _SPACE
    + r"(?P<hedge>~|\N{ALMOST EQUAL TO}|about|roughly)?"
    + _SPACE
)
_FENCE = lazy_regex(r"^[ \t]*(```|~~~)[^\n]*\n.*?^[ \t]*\1[ \t]*$", re.M | re.S)
_PREFIXES = "kMGT"
# An operator (or an opening bracket) right before a number: it is an operand, also when a
# hedge stands between them ("1.2M images x ~110 KB ≈ 132 GB": about 110 KB each).
_OPERAND = lazy_regex(
    r"(?:[x\N{MULTIPLICATION SIGN}*\N{MIDDLE DOT}\N{DOT OPERATOR}/+\-\N{MINUS SIGN}^(]"
    r"|\\times|\\cdot)"
    + _SPACE
    + r"(?:(?:~|\N{ALMOST EQUAL TO}|\N{TILDE OPERATOR}|about|approx\.?|roughly|ca\.)"
    + _SPACE
    + r")?\Z"
)


# A bracket between a size and its restatement that glosses the unit or the bytes counted:
# "= 12.58 MB (10^6) ≈ 12 MiB", "12,582,912 B (4 B per value) = 12 MiB", "(SI) ≈".
_GLOSS = lazy_regex(
    _SPACE
    + r"\((?=[^()\n]{0,40}\))(?:[^()\n]*?(?:\b(?:10|2|1000|1024)[ \t]*(?:\^|\*\*)[ \t]*\{?\d"
    + r"|\b(?:10|2)[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]|\d[ \t]*(?:B|bytes?)[ \t]+(?:per|each)\b"
    + r"|\b(?:SI|IEC|JEDEC|decimal|binary)\b)[^()\n]*)\)"
)


def _sizes(unit: str) -> set[Fraction]:
    """What one of the unit is worth in bytes, under every reading authors use."""
    if unit.lower().startswith("byte") or unit == "B":
        return {Fraction(1)}
    power = _PREFIXES.index(unit[0].replace("K", "k")) + 1
    binary = Fraction(1024) ** power
    return {binary} if unit[1] == "i" else {Fraction(1000) ** power, binary}


def _plain(number: Number) -> Number:
    """A number without the spaced "B" the number reader takes for billions ("73,728 B")."""
    if number.text.endswith(" B") or number.text.endswith("\tB"):
        billion = Fraction(10**9)
        written = number.text[:-2].rstrip()
        end = number.start + len(written)
        return Number(number.start, end, written, number.value / billion, number.ulp / billion)
    return number


# Thousands grouped by spaces before a number's last group: "2 064 384 B", "38 535 168 bytes".
_GROUP_SPACE = r"[ \N{NARROW NO-BREAK SPACE}\N{THIN SPACE}\N{NO-BREAK SPACE}]"
_SPACED_GROUPS = lazy_regex(
    r"(?<![\d.,])\d{1,3}(?:" + _GROUP_SPACE + r"\d{3})*" + _GROUP_SPACE + r"\Z"
)


def _whole(text: str, number: Number) -> Number:
    """The whole of a number written with spaced thousands, of which ``number`` is the last
    group ("384" of "2 064 384")."""
    groups = _SPACED_GROUPS.search(text, max(0, number.start - 40), number.start)
    if groups is None or len(number.text) != 3 or not number.text.isdigit():
        return number
    written = text[groups.start() : number.end]
    value = Fraction(int("".join(ch for ch in written if ch.isdigit())))
    return Number(groups.start(), number.end, written, value, Fraction(1))


def _meets(first: Number, a: Fraction, second: Number, b: Fraction, hedged: bool) -> bool:
    """Whether the two sizes, each rounded to its last written digit, can be one size."""
    low_a = (first.value - first.ulp / 2) * a
    high_a = (first.value + first.ulp) * a  # "73.7": cut or rounded
    slack = second.ulp * (2 if hedged else 1)
    low_b, high_b = (second.value - slack) * b, (second.value + slack) * b
    return low_a <= high_b and low_b <= high_a


def _code_spans(text: str, start: int) -> list[tuple[int, int]]:
    return [match.span() for match in _FENCE.finditer(text, start)]


def memory_restatements(text: str, start: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, message) of each size of memory that its restatement in another unit
    does not match, in ``text[start:]`` outside fenced code."""
    code = _code_spans(text, start)
    numbers = [_whole(text, _plain(number)) for number in find_numbers(text, start)]
    by_start = {number.start: number for number in numbers}
    for first in numbers:
        if any(low <= first.start < high for low, high in code):
            continue
        unit_a = _UNIT.match(text, first.end)
        if unit_a is None or _OPERAND.search(text, max(0, first.start - 20), first.start):
            continue  # "1e9 x 4 B = 4 GB": the bytes of one value, an operand of a product
        gloss = _GLOSS.match(text, unit_a.end())  # "(10^6)": the unit's size, then the chain
        relation = _RELATION.match(text, unit_a.end() if gloss is None else gloss.end())
        second = by_start.get(relation.end()) if relation is not None else None
        if relation is None or second is None:
            continue
        unit_b = _UNIT.match(text, second.end)
        if unit_b is None or unit_b.group("unit") == unit_a.group("unit"):
            continue
        if "\n" in text[first.start : unit_b.end()]:
            continue
        hedged = relation.group("sign") != "=" or relation.group("hedge") is not None
        sizes_a, sizes_b = _sizes(unit_a.group("unit")), _sizes(unit_b.group("unit"))
        if any(_meets(first, a, second, b, hedged) for a in sizes_a for b in sizes_b):
            continue
        size_a, size_b = min(sizes_a), min(sizes_b)
        shown = format_number(first.value * size_a / size_b, first.grouped)
        name_a, name_b = unit_a.group("unit"), unit_b.group("unit")
        yield (
            first.start,
            unit_b.end(),
            f"{first.text} {name_a} is {shown} {name_b}, not {second.text} {name_b}: correct the "
            "size or its unit",
        )
