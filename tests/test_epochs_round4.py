"""AG101/AG102, round 4 (issue #12): iterations per epoch for any noun that counts the data,
any way of stating the batch size and sizes or counts in the heading; and a function applied
to a calculation ("log10(1000 / 10) = 2") evaluated or skipped, never read as the bare
calculation. Each wrong case is reported on its line, each near miss is left alone."""

from __future__ import annotations

from typing import Any

import pytest

from ankigen.lint.arith.epochs import quantities
from tests.rule_harness import assert_shape, lint_shapes, load_shapes

CODES = ["AG101", "AG102", "AG103", "AG104"]
CASES = load_shapes("epochs_round4.yml")


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("round4"), CASES, CODES)


def test_cases_come_wrong_and_right() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    wrong = [case for case in CASES if case.get("line")]
    assert len(wrong) >= 20 and len(CASES) - len(wrong) >= 30


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("12,800 sliding windows in batches of 64", "samples", ["12,800"]),
        ("3,200 time-series windows", "samples", ["3,200"]),
        ("9,600 product reviews", "samples", ["9,600"]),
        ("4 workers load 2,000 documents", "samples", ["2,000"]),
        ("2,400 architectural floor plans", "loose", ["2,400"]),
        ("10 classes and 8 GPUs", "loose", []),
        ("two full ones", "loose", []),
        ("40 tiles per batch", "batch", ["40"]),
        ("50 plots in each batch", "batch", ["50"]),
        ("examples per batch: 100", "batch", ["100"]),
        ("a batch of 128 at a time", "batch", ["128"]),
    ],
)
def test_quantities_read_any_noun_and_batch_phrasing(
    text: str, kind: str, expected: list[str]
) -> None:
    assert [quantity.text for quantity in quantities(text, 0, len(text), kind)] == expected
