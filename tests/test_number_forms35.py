"""The shared reader on numbers as more of the world writes them (session 35, issue #12):
Indian grouping and lakh / crore, thousands grouped by thin or ordinary spaces, decimal commas."""

from __future__ import annotations

from fractions import Fraction

import pytest

from ankigen.lint.numbers import find_numbers


def _read(text: str) -> list[tuple[str, Fraction]]:
    return [(number.text, number.value) for number in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,20,000 rows", 120_000),
        ("12,34,567 tokens", 1_234_567),
        ("1,00,00,000 images", 10**7),
        ("2.5 lakh scans", 250_000),
        ("3 lakhs", 300_000),
        ("1.2 crore tokens", 12_000_000),
        ("4 Cr parameters", 40_000_000),
        ("two lakh", 200_000),
        ("96\u2009000 photos", 96_000),  # thin space
        ("96\u202f000 photos", 96_000),  # narrow no-break space
        ("96\u00a0000 photos", 96_000),  # no-break space
        ("$1\\,048\\,576$", 1_048_576),  # LaTeX's thin space
        ("10 000 rows", 10_000),  # an ordinary space, a group opening with a zero
        ("1 048 576 bytes", 1_048_576),
        ("2,5 GB", Fraction(5, 2)),
        ("0,5 m", Fraction(1, 2)),
    ],
)
def test_one_number(text: str, value: int | Fraction) -> None:
    assert [found for _, found in _read(text)][:1] == [value]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # tuples written without spaces are no Indian-grouped number
        ("x.view(-1,32,256)", None),
        ("shape (1,64,128)", None),
        # lists with ordinary spaces stay apart
        ("kernel sizes 3 5 7", [3, 5, 7]),
        ("widths (32 128 512) and 10 000 rows", [32, 128, 512, 10_000]),
        ("64 128 then 1 000 steps", [64, 128, 1000]),
        ("an input of 3 224 224 and 1 000 classes", [3, 224, 224, 1000]),
        ("(224 224) and 1 000", [224, 224, 1000]),
        ("-> 100 124 and 1 000", [100, 124, 1000]),
        # without evidence of the style a run stays apart, as before
        ("9 286 rows", [9, 286]),
        # the same value written elsewhere in digits is evidence
        ("9 286 rows, 9286 in all", [9286, 9286]),
        # the text's typeset groups show the style
        ("16\u2009000 and 9 286", [16_000, 9286]),
        ("2 lacrosse sticks", [2]),
    ],
)
def test_lists_stay_apart(text: str, values: list[int] | None) -> None:
    found = [value for _, value in _read(text)]
    if values is None:
        assert not any(value > 1000 for value in found), found
    else:
        assert found == values
