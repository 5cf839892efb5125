"""Totals of worked parts: lines that each end in the result of a calculation ("- output
projection: 64 · 64 + 64 = 4,160") and, after them, a line that states their total ("Total =
65,536 params"), or a heading that states it ("Why does it have 16,460 params?") when a line
under the parts says they are summed ("sum over the four projections") without a number.

The total must be no sum of any of the parts (a part may be a subtotal of others, a line a
set-up that adds nothing): only a total that no choice of parts gives is a claim. Which lines
are parts is read from the layout, so a finding of this reader is never sure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from fractions import Fraction
from itertools import combinations

from ankigen.lint.arith.totals import TotalClaim
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import NUMBER_PATTERN, parse_number

_OPERATOR = (
    r"(?:[-+*/\N{MULTIPLICATION SIGN}\N{MINUS SIGN}\N{MIDDLE DOT}\N{DOT OPERATOR}]|\\cdot|\\times)"
)
# an operator beside a digit: the line computes ("64 * 64 + 64", "128 + bias", "3 x (")
_COMPUTES = lazy_regex(rf"\d[ \t]*\)?[ \t]*{_OPERATOR}|{_OPERATOR}[ \t]*\(?[ \t]*\d")
# the last result of a line's calculation: "= 4,160", "= **4,160** params", "= $263\,168$"
_RESULT = lazy_regex(
    r"=[ \t]*[*_`$~]*(?:\{\{c\d+::)?[ \t]*(?P<number>"
    + NUMBER_PATTERN
    + r"|\d{1,3}(?:\\,\d{3})+)(?![\d.,]\d)(?P<tail>[^=\n\d]*)$"
)
# a total's own line: "Total = 65,536 params", "**total:** 1,290", "in total 3,000"
_TOTAL = lazy_regex(
    r"^[ \t>*_-]*(?:grand |overall )?(?:total|sum|in total|altogether|in all)\b[ \t*_]*"
    r"(?:[=:]|is|are|comes to)?[ \t]*[*_`$~]*(?:\{\{c\d+::)?[ \t]*(?P<number>"
    + NUMBER_PATTERN
    + r")(?![\d.,]\d)(?P<tail>[^\n]*)$",
    re.IGNORECASE,
)
# a line that says the parts above are summed, with no number of its own
_SUMMED = lazy_regex(r"\b(?:sum(?:med)?|total|add(?:ed)? up|altogether|in all)\b", re.IGNORECASE)
# a heading's count: "have 16,460 params", "has 1,290 parameters"
_HEADING_COUNT = lazy_regex(
    r"(?P<number>" + NUMBER_PATTERN + r")[ \t]+(?:trainable[ \t]+)?(?:param(?:eter)?s|weights)\b",
    re.IGNORECASE,
)
# what makes the total more than a sum: copies, layers, directions, a ratio or a mean
_NOT_A_SUM = lazy_regex(
    r"\b(?:each|per|times|twice|both|copies|average|mean|ratio|share)\b|[x\N{MULTIPLICATION SIGN}]"
    r"[ \t]*\d+[ \t]*(?:layers|blocks|heads)",
    re.IGNORECASE,
)
_MAX_PARTS = 10
_FENCE = lazy_regex(r"^[ \t>]*(?:```|~~~)")


def _value(text: str) -> Fraction | None:
    number = parse_number(text.replace("\\,", ","))
    return None if number is None else number.value


def _part(line: str) -> tuple[str, Fraction] | None:
    """A line's last result when the line computes it."""
    result = _RESULT.search(line)
    if result is None or not _COMPUTES.search(line[: result.start()]):
        return None
    value = _value(result.group("number"))
    return None if value is None else (result.group("number"), value)


def worked_totals(text: str, start: int, end: int) -> Iterator[TotalClaim]:
    """Wrong totals of worked parts in ``text[start:end]`` (the note's body, with its math;
    fenced code is skipped)."""
    lines: list[tuple[int, str]] = []
    offset = start
    for line in text[start:end].split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    heading = lines[0] if lines and lines[0][1].lstrip().startswith("#") else None
    parts: list[tuple[str, Fraction]] = []
    fenced = False
    for line_start, line in lines[1:] if heading else lines:
        if _FENCE.match(line):
            fenced, parts = not fenced, []
            continue
        if fenced or not line.strip():
            continue  # code is the code checks'; a blank line does not end a list of parts
        part = _part(line)
        if part is not None:
            parts.append(part)
            continue
        total = _TOTAL.match(line)
        if total is not None and not _COMPUTES.search(line[: total.start("number")]):
            claim = _check(parts, total.group("number"), line_start + total.start("number"))
            if claim is not None:
                yield claim
            parts = []
            continue
        if heading is not None and _SUMMED.search(line) and not re.search(r"\d", line):
            count = list(_HEADING_COUNT.finditer(heading[1]))
            if len(count) == 1:
                found = count[0]
                claim = _check(parts, found.group("number"), heading[0] + found.start("number"))
                if claim is not None:
                    yield claim
            parts = []
            continue
        if _NOT_A_SUM.search(line) or re.search(r"\d", line):
            parts = []  # a line of another kind between: the run of parts ends


def _check(parts: Sequence[tuple[str, Fraction]], claimed: str, at: int) -> TotalClaim | None:
    if not 2 <= len(parts) <= _MAX_PARTS:
        return None
    stated = _value(claimed)
    if stated is None:
        return None
    values = [value for _, value in parts]
    total = sum(values, Fraction(0))
    if stated < max(values) or not total / 2 <= stated <= total * 2:
        return None  # smaller than a part, or of another scale: a count of another thing
    for size in range(1, len(values) + 1):
        if any(sum(chosen, Fraction(0)) == stated for chosen in combinations(values, size)):
            return None  # some parts add up to it: other lines may be set-ups or subtotals
    parts_text = tuple(text.replace("\\,", ",") for text, _ in parts)
    return TotalClaim(at, at + len(claimed), parts_text, total, claimed, stated)
