"""Thousands grouped by an ordinary space ("10 000 rows", "1 048 576"), read as one number
only where the text shows it is one.

An ordinary space also separates the items of a list ("kernel sizes 3 5 7", "(32 128 512)"),
so a run of three-digit groups is one number only on evidence:

* a group opens with a zero ("10 000", "2 048"): nobody lists a "000" or an "048" on its own;
* or the text groups thousands with spaces elsewhere (a run with such a group, or a thin or
  no-break space), or writes the same value elsewhere in digits ("9286", "9,286");

and never where a list is likelier: a run that fills a bracket ("(224 224)"), that a number
precedes or follows across a space, whose parts are all powers of two ("64 128 512": layer
widths) or repeat a size ("3 224 224"), or that a program printed ("-> 100 124",
"[ 12 800]"). Without evidence the digits stay separate numbers, as on the code before.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from ankigen.lint.lazy_pattern import lazy_regex

# A head of one to three digits, then groups of exactly three after one space each; no number
# glued before it or across a space before it, none after it across a space.
_RUN = lazy_regex(
    r"(?<![\w.,\\-])(?<!\d[ \t])(?P<head>[1-9]\d{0,2})(?P<groups>(?: \d{3})+)"
    r"(?P<fraction>\.\d+)?(?!\w|[.,]\d|[ \t]+\d)"
)
CANDIDATE = lazy_regex(r"\d \d{3}")
# Thousands grouped the typeset way: the author's style, which an ordinary space then follows.
_TYPESET_GROUP = lazy_regex(r"\d(?:[\u00a0\u2009\u202f]|\\,)\d{3}(?!\d)")
_PLAIN_NUMBER = lazy_regex(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d{4,})(?!\w|[.,]\d)")
# What a program printed, which a space separates: after an output marker on the line, or an
# array's opening bracket.
_PRINTED_BEFORE = lazy_regex(
    r"(?:->|\N{RIGHTWARDS ARROW}|=>|>>>|Out(?:\[\d*\])?:|(?:prints?|outputs?)[ \t]*:?)[ \t]*$",
    re.I,
)


@dataclass(frozen=True)
class SpacedRun:
    """One number grouped by ordinary spaces: where it is and what it is worth."""

    start: int
    end: int
    value: Fraction
    ulp: Fraction


def _power_of_two(value: int) -> bool:
    return value > 0 and value & (value - 1) == 0


def _listed(text: str, match: re.Match[str]) -> bool:
    """Whether the digits read better as a list: in a bracket of their own, all powers of two,
    or values a program printed."""
    before = text[: match.start()].rstrip(" \t")
    after = text[match.end() :].lstrip(" \t")
    if before.endswith(("(", "[")) and after.startswith((")", "]")):
        return True
    parts = [match["head"], *match["groups"].split()]
    if all(_power_of_two(int(part)) for part in parts):
        return True
    # a shape repeats a size ("3 224 224"); a repeated group of a number opens with a zero
    if any(a == b and not b.startswith("0") for a, b in itertools.pairwise(parts)):
        return True
    line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
    return line.count("[") > line.count("]") or _PRINTED_BEFORE.search(line) is not None


def _value(match: re.Match[str]) -> tuple[Fraction, Fraction]:
    digits = match["head"] + match["groups"].replace(" ", "")
    fraction = (match["fraction"] or ".")[1:]
    ulp = Fraction(1, 10 ** len(fraction))
    return Fraction(int(digits + fraction)) * ulp, ulp


@lru_cache(maxsize=32)
def spaced_runs(text: str) -> dict[int, SpacedRun]:
    """Every run of ``text`` read as one number, by its start."""
    matches = [m for m in _RUN.finditer(text) if not _listed(text, m)]
    zero_led = [m for m in matches if " 0" in m["groups"]]
    styled = bool(zero_led) or _TYPESET_GROUP.search(text) is not None
    plain: set[Fraction] = set()
    if not styled:
        plain = {Fraction(int(m.group().replace(",", ""))) for m in _PLAIN_NUMBER.finditer(text)}
    runs = {}
    for match in matches:
        value, ulp = _value(match)
        if styled or value in plain:
            runs[match.start()] = SpacedRun(match.start(), match.end(), value, ulp)
    return runs
