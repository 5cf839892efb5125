"""AG101-AG104, round 3 (issue #12): the shapes of tests/fixtures/numbers_round3.yml, each
wrong case reported on its line and each near-miss left alone, plus the pieces they rest on:
roots in the exact evaluator, thousands grouped with spaces, the transposed-convolution
formula, metrics of a confusion matrix and the clause-level rate/version filter."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from ankigen.lint.arith.expression import evaluate_items, is_irrational
from ankigen.lint.arith.inline import spaced_thousands
from ankigen.lint.arith.phrases import phrase_claims
from ankigen.lint.arith.rates import confusion_counts, metric_claims, rate_claims
from ankigen.lint.rules.layers.transposed import transposed_output
from tests.rule_harness import assert_shape, lint_shapes, load_shapes

CASES = load_shapes("numbers_round3.yml")
CODES = ["AG101", "AG102", "AG103", "AG104"]


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("round3"), CASES, CODES)


def test_the_shapes_come_in_wrong_and_correct_cases() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    wrong = [case for case in CASES if case.get("line")]
    assert len(wrong) >= 30 and len(CASES) - len(wrong) >= 45


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_shape(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)


# --------------------------------------------------------------------------------- pieces


def test_roots_are_exact_when_rational_and_marked_when_not() -> None:
    half = Fraction(1, 2)
    assert evaluate_items([Fraction(16), "^", half]) == 4
    assert evaluate_items([Fraction(8), "^", Fraction(2, 3)]) == 4
    root_two = evaluate_items([Fraction(2), "^", half])
    assert isinstance(root_two, Fraction) and abs(root_two - Fraction(14142136, 10**7)) < 1e-7
    assert is_irrational([Fraction(2), "^", half])
    assert not is_irrational([Fraction(9), "^", half])
    assert evaluate_items([Fraction(-4), "^", half]) is None  # no complex roots


def test_spaced_thousands_keep_the_length_and_leave_lists_alone() -> None:
    assert spaced_thousands("of 60 000 images") == "of 60,000 images"
    assert spaced_thousands("1 281 167 images") == "1,281,167 images"
    assert spaced_thousands("widths 64 128") == "widths 64 128"
    assert spaced_thousands("sizes 32 64 128 here") == "sizes 32 64 128 here"
    assert spaced_thousands("in 2019 000") == "in 2019 000"
    text = "From 70 000 - 10 000 we get 60 000."
    assert len(spaced_thousands(text)) == len(text)


def test_spaced_thousands_leave_printed_values_apart() -> None:
    # what a program printed: a space separates two values ("print(b, n)  # -> 100 124")
    for printed in (
        "→ 100 124",
        "  # -> 100 124",
        "Out: 256 391",
        ">>> 100 124",
        "prints: 128 469",
        "[100 124]",
        "x = [ 12 800]",
        "[[  3 412]\n [ 17 980]]",
    ):
        assert spaced_thousands(printed) == printed
    # real spaced thousands stay one number, an arrow between them too
    assert spaced_thousands("a set of 12 800 clips") == "a set of 12,800 clips"
    assert spaced_thousands("1 000 000 tokens") == "1,000,000 tokens"
    assert spaced_thousands("60 000 → 48 000 kept") == "60,000 → 48,000 kept"
    assert spaced_thousands("epoch 3: 12 800 samples") == "epoch 3: 12,800 samples"


@pytest.mark.parametrize(
    ("size", "kernel", "stride", "padding", "output"),
    [(16, 4, 2, 1, 32), (7, 2, 2, 0, 14), (14, 3, 1, 1, 14), (5, 3, 2, 0, 11)],
)
def test_transposed_output_matches_pytorch(
    size: int, kernel: int, stride: int, padding: int, output: int
) -> None:
    # (n - 1)·s - 2p + k, as nn.ConvTranspose2d computes it without output_padding
    assert transposed_output(size, kernel, stride, padding) == output


def test_confusion_counts_in_several_notations() -> None:
    text = "TP = 40, FP: 10, 20 false negatives, true negatives: 930"
    counts = confusion_counts(text, 0, len(text))
    assert counts == {
        "TP": Fraction(40),
        "FP": Fraction(10),
        "FN": Fraction(20),
        "TN": Fraction(930),
    }
    clash = "TP = 40 here and TP = 30 there"
    assert confusion_counts(clash, 0, len(clash)) is None


def test_each_metric_against_its_formula() -> None:
    counts = "TP = 40, FP = 10, FN = 20, TN = 30. "
    right = {"precision": "0.8", "recall": "0.67", "specificity": "0.75", "F1": "0.73"}
    for metric, value in right.items():
        text = f"{counts}The {metric} is {value}."
        assert list(metric_claims(text, 0, len(text))) == [], metric
    text = f"{counts}Accuracy is 80 %."  # 70 / 100
    claims = list(metric_claims(text, 0, len(text)))
    assert [claim.value for claim in claims] == [Fraction(7, 10)]


def test_a_rate_clause_no_longer_hides_its_neighbours() -> None:
    text = "It gave a 2x speed-up, and accuracy rose from 80 % to 88 %, a relative gain of 8 %."
    assert [claim.claimed for claim in phrase_claims(text, 0, len(text))] == ["8"]
    rate = "Latency fell from 200 ms to 150 ms, a 33 % speed-up."
    assert list(phrase_claims(rate, 0, len(rate))) == []


def test_rate_claims_read_one_paragraph() -> None:
    text = "A batch of 8 sequences of 128 tokens holds 1,000 tokens."
    assert [claim.value for claim in rate_claims(text, 0, len(text))] == [1024]
