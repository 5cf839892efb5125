"""An arrow after a list of givens (AG101): "224x224 image, 16x16 patches → 196 patches".

A line that lists the givens of a problem, comma after comma, then draws an arrow to what they
give, derives the result from all of them; the calculation written last ("16x16") is one given,
not the arrow's whole calculation. Read so only when the result is a product of the givens'
numbers, each taken once, up or down ((224 / 16) x (224 / 16) = 196): any other result keeps the
finding of the calculation before the arrow.

Likewise an arrow after a bracket that explains the number before it ("1,000 steps per epoch
(64,000 / 64) → 4 validations"): the bracket's calculation gives that number, and the arrow
leads on from the statement, not from the bracket.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import find_numbers

_ARROW = lazy_regex(r"\N{RIGHTWARDS ARROW}|\N{RIGHTWARDS DOUBLE ARROW}|=>|-+>")
# A given listed before the calculation: a number, no relation sign, then a comma.
_GIVEN_BEFORE = lazy_regex(
    r"\d[^=\N{RIGHTWARDS ARROW}\N{RIGHTWARDS DOUBLE ARROW}\N{ALMOST EQUAL TO}~>\n]*,[ \t]*\Z"
)
_LIST_MARKER = lazy_regex(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
# Givens tried at most: each is taken up, down or not at all (3^8 products).
_MOST = 8


def derived_from_givens(text: str, start: int, end: int, claimed: Fraction) -> bool:
    """Whether the claim at ``text[start:end]`` is an arrow after a list of givens whose
    numbers give ``claimed`` (see the module)."""
    arrow = _ARROW.search(text, start, end)
    if arrow is None:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    marker = _LIST_MARKER.match(text, line_start)
    first = marker.end() if marker is not None else line_start
    if _GIVEN_BEFORE.search(text[first:start]) is None:
        return False
    givens = [number.value for number in find_numbers(text, first, arrow.start())]
    if not 2 <= len(givens) <= _MOST or 0 in givens:
        return False
    for powers in product((-1, 0, 1), repeat=len(givens)):
        value = Fraction(1)
        for given, power in zip(givens, powers, strict=True):
            value = value * given if power == 1 else value / given if power == -1 else value
        if value == claimed and any(powers):
            return True
    return False


# A number, up to five words, then the bracket that opens the claim: "1,000 steps per epoch (".
_EXPLAINED_BEFORE = lazy_regex(
    r"(?<![\w.,])(?P<number>\d[\d,.]*)[ \t]+(?:[A-Za-z][\w/-]*[ \t]+){0,5}\([ \t]*\Z"
)


def explains_number_before(text: str, start: int, end: int, value: Fraction) -> bool:
    """Whether the claim at ``text[start:end]`` is a bracketed calculation, worth ``value``,
    that gives the number written just before the bracket, followed by an arrow."""
    opening = start if text[start : start + 1] == "(" else start - 1
    if text[opening : opening + 1] != "(" or _ARROW.search(text, start, end) is None:
        return False
    line_start = text.rfind("\n", 0, opening) + 1
    before = _EXPLAINED_BEFORE.search(text, line_start, opening + 1)
    if before is None:
        return False
    number = next(iter(find_numbers(before.group("number"))), None)
    return number is not None and number.value == value
