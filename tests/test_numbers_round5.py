"""AG101-AG104, round 5 (issue #12, after sealed batch 7): the shapes of
tests/fixtures/numbers_round5.yml, each wrong case reported on its line and each near miss left
alone, plus the pieces they rest on: a plus-or-minus sign read as an interval, not a number's
neighbour, and a per-device batch that is the whole batch on one device."""

from __future__ import annotations

from typing import Any

import pytest

from ankigen.lint.arith.epochs import _shares_batch
from ankigen.lint.arith.latex import plain_latex
from tests.rule_harness import assert_shape, lint_shapes, load_shapes

CASES = load_shapes("numbers_round5.yml")
CODES = ["AG101", "AG102", "AG103", "AG104"]


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("round5"), CASES, CODES)


def test_the_shapes_come_in_wrong_and_correct_cases() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    wrong = [case for case in CASES if case.get("line")]
    assert len(wrong) >= 7 and len(CASES) - len(wrong) >= 10


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_shape(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)


def test_latex_plus_minus_becomes_the_sign() -> None:
    assert plain_latex(r"50 \pm 3.92") == "50  \N{PLUS-MINUS SIGN}  3.92"
    assert "\N{MINUS-OR-PLUS SIGN}" in plain_latex(r"7 \mp 2")
    assert plain_latex(r"\pmb{x}") == r"\pmb(x)"  # a longer command is left alone


@pytest.mark.parametrize(
    ("prose", "shared"),
    [
        ("per-device batch: 32, devices: 1", False),
        ("a per-GPU batch of 32 on a single GPU", False),
        ("a per-GPU batch of 32 on 4 GPUs", True),
        ("per-device batch: 32, devices: 8", True),
        ("per-device batch: 32 on one device with gradient accumulation", True),
        ("a per-device batch of 32", True),
        ("a batch of 32", False),
    ],
)
def test_a_per_device_batch_is_shared_unless_one_device(prose: str, shared: bool) -> None:
    assert _shares_batch(prose, 0) is shared
