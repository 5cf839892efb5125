"""Numbers joined by slashes that are no division (AG101).

Three ways authors write shares with a slash, none a quotient:
- a split of a whole in percentages, beside a split word: "50,000 rows split 80/20 → 40,000
  train", "70/30 train/val → 21,000 / 9,000";
- shares under a label of slashed words, as many as the numbers: "positives/negatives 1/9 →
  10 % positives", "train/val/test: 8/1/1";
- the parts of a total listed with slashes, equated to the total: "200k samples = 160k / 20k /
  20k" (the parts add up to the total, which no division of them gives).
"""

from __future__ import annotations

import re
from fractions import Fraction

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import Number, find_numbers, parse_number

_SPLIT_WORD = lazy_regex(
    r"\b(?:split|splits|splitting|ratio|partition(?:ed)?|hold-?out|train|training|val"
    r"|validation|test|dev)\b",
    re.IGNORECASE,
)
# A label of slashed words right before the shares: "positives/negatives 1/9", "train/val: 9/1".
_LABEL_BEFORE = lazy_regex(r"(?P<label>[A-Za-z][\w-]*(?:/[A-Za-z][\w-]*)+)[ \t]*[:=(]?[ \t]*\Z")
_LABEL_AFTER = lazy_regex(r"[ \t]*\(?(?P<label>[A-Za-z][\w-]*(?:/[A-Za-z][\w-]*)+)")


def _terms(expression: str) -> list[Number] | None:
    """The numbers of a calculation that only joins two or three numbers by slashes."""
    parts = expression.split("/")
    if not 2 <= len(parts) <= 3:
        return None
    terms = [parse_number(part.strip()) for part in parts]
    if any(
        term is None or term.text != part.strip() for term, part in zip(terms, parts, strict=True)
    ):
        return None
    return [term for term in terms if term is not None]


def slashed_shares(text: str, start: int, end: int, expression: str, claimed: Fraction) -> bool:
    """Whether the claim at ``text[start:end]`` divides numbers that are shares or parts
    joined by slashes (see the module's readings), which then claims no quotient."""
    terms = _terms(expression)
    if terms is None:
        return False
    values = [term.value for term in terms]
    if sum(values) == claimed and claimed != 0:
        return True  # "200k = 160k / 20k / 20k": the parts of the total
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = _LABEL_BEFORE.search(text, line_start, start)
    after = _LABEL_AFTER.match(text, _ratio_end(text, start))
    labelled = any(
        label is not None and label.group("label").count("/") + 1 == len(terms)
        for label in (before, after)
    )
    whole = all(value.denominator == 1 and 0 < value < 100 for value in values)
    split = whole and sum(values) == 100 and _SPLIT_WORD.search(text, line_start, line_end)
    if not (labelled or split):
        return False
    # the claim is then a share, a share of a number on the line, or a part in the ratio of
    # the part after it: "1/9 → 10 %", "50,000 rows split 80/20 → 40,000 train", "80/20 →
    # 96,000 train and 24,000 test"; another value keeps the division's finding
    shares = [value / sum(values) for value in values]
    numbers = [number.value for number in find_numbers(text, line_start, line_end)]
    if any(claimed == share for share in shares):
        return True
    if any(claimed == number * share for number in numbers for share in shares):
        return True
    later = [number.value for number in find_numbers(text, end, line_end)]
    return bool(later) and later[0] != 0 and claimed / later[0] == values[0] / values[1]


_RATIO = lazy_regex(r"[ \t]*\d+(?:[ \t]*/[ \t]*\d+){1,2}")


def _ratio_end(text: str, start: int) -> int:
    """Where the slashed numbers that start at ``start`` end."""
    match = _RATIO.match(text, start)
    return match.end() if match is not None else start
