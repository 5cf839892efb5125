"""The pieces behind the newer AG101/AG102 shapes: totals under their parts, phrase claims
(medians, rounding, percentage points, changes by a percentage) and epochs with a validation
split or a last partial batch."""

from __future__ import annotations

from fractions import Fraction

import pytest

from ankigen.lint.arith.epochs import Epoch, EpochQuantity, last_batch_sizes
from ankigen.lint.arith.phrases import phrase_claims
from ankigen.lint.arith.totals import total_claims


def _totals(text: str) -> list[tuple[str, Fraction, str]]:
    return [
        (claim.expression, claim.value, claim.claimed) for claim in total_claims(text, 0, len(text))
    ]


def test_a_list_total_that_is_not_the_sum_of_its_items() -> None:
    text = "- train: 700 images\n- val: 150 images\n- test: 150 images\n- total: 1,050 images\n"
    assert _totals(text) == [("700 + 150 + 150", Fraction(1000), "1,050")]


def test_list_items_of_other_kinds_or_too_few_bare_numbers_make_no_sum() -> None:
    assert _totals("- train: 700 images\n- val: 15 %\n- total: 1,050 images\n") == []
    assert _totals("- batch: 32\n- GPUs: 4\n- total: 128\n") == []


def test_a_table_total_row_is_checked_per_column_but_not_for_rates() -> None:
    text = (
        "| split | images | accuracy |\n|---|---|---|\n| a | 100 | 90 % |\n| b | 300 | 80 % |\n"
        "| **Total** | **500** | **82.5 %** |\n"
    )
    assert _totals(text) == [("100 + 300", Fraction(400), "500")]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("- a: 33.3 %\n- b: 33.3 %\n- c: 33.3 %\n- total: 100 %\n", False),  # rounding
        ("- a: 33.3 %\n- b: 33.3 %\n- c: 33.3 %\n- total: 99 %\n", True),
        ("- a: 10 runs\n- b: 12 runs\n- c: 13 runs\n- total: 3 runs\n", False),  # counts items
    ],
)
def test_total_tolerance(text: str, wrong: bool) -> None:
    assert bool(_totals(text)) is wrong


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The median of 7, 3, 9 and 4 is 4.", "median(7, 3, 9, 4)", Fraction(11, 2)),
        ("10,000 / 32 = 312.5, rounded up to 312.", "⌈10,000 / 32⌉", Fraction(313)),
        ("10,000 / 32 = 312.5, rounded down to 313.", "⌊10,000 / 32⌋", Fraction(312)),
        ("It went from 70 % to 78 %, a gain of 6 points.", "78 % \N{MINUS SIGN} 70 %", Fraction(8)),
        (
            "We cut the 400 MB model by 25 % to 320 MB.",
            "400 \N{MULTIPLICATION SIGN} (1 \N{MINUS SIGN} 25 %)",
            Fraction(300),
        ),
        ("Two thirds of the 600 images, i.e. 300, are kept.", "Two thirds of 600", Fraction(400)),
    ],
)
def test_wrong_phrases(text: str, expression: str, value: Fraction) -> None:
    claims = list(phrase_claims(text, 0, len(text)))
    assert [(claim.expression, claim.value) for claim in claims] == [(expression, value)]


@pytest.mark.parametrize(
    "text",
    [
        "The median of 7, 3, 9 and 4 is 5.5.",
        "10,000 / 32 = 312.5, rounded up to 313.",
        "It went from 70 % to 78 %, a gain of 8 points.",
        "We cut the 400 MB model by 25 % to 300 MB.",
        "Two thirds of the 600 images, i.e. 400, are kept.",
    ],
)
def test_right_phrases(text: str) -> None:
    assert list(phrase_claims(text, 0, len(text))) == []


def _quantity(value: int) -> EpochQuantity:
    return EpochQuantity(0, 1, Fraction(value), f"{value:,}", value >= 1000)


def test_a_split_lets_the_trained_part_set_the_count() -> None:
    epoch = Epoch(_quantity(50_000), _quantity(100), False)
    split = Epoch(
        _quantity(50_000), _quantity(100), False, split_sizes=frozenset({Fraction(45_000)})
    )
    assert not epoch.accepts(Fraction(450), False, set())
    assert split.accepts(Fraction(450), False, set())
    assert split.accepts(Fraction(500), False, set())
    assert not split.accepts(Fraction(550), False, set())


def test_the_last_batch_holds_the_remainder_or_a_full_batch() -> None:
    assert last_batch_sizes(Epoch(_quantity(10_000), _quantity(32), False)) == {Fraction(16)}
    assert last_batch_sizes(Epoch(_quantity(6_400), _quantity(64), False)) == {Fraction(64)}
