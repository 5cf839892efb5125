"""AG103 round 13 (issue #12): 25 notes written before reading the solver
(tests/fixtures/conv_round13_blind.yml) and the classes they revealed, in our own words
(tests/fixtures/conv_round13.yml), with correct near misses that must stay silent.

- verb: "takes/brings/grows … a map to" a size, for a transposed convolution too.
- counted: a 1-D result counted in its items and written first ("61 values is what …").
- flax: Flax's nn.Conv, "SAME" padding unless told otherwise."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rule_harness import (
    assert_reasons_covered,
    assert_shape,
    lint_shapes,
    load_shapes,
    shape_params,
)

_CASES = load_shapes("conv_round13.yml")
_BLIND = load_shapes("conv_round13_blind.yml")
_REASONS = ("verb", "counted", "flax")
# Blind cases not handled yet (strict: the test fails once one passes).
_OPEN = {
    "b-vit-patch-wrong": "a patch grid of a non-square image is not checked",
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("conv13"), _CASES + _BLIND, ["AG103", "AG101"])


@pytest.mark.parametrize(
    "case",
    shape_params(_CASES + _BLIND, _OPEN),
    ids=[case["id"] for case in _CASES + _BLIND],
)
def test_each_wrong_shape_is_reported_on_its_line_and_each_near_miss_is_silent(
    case: dict[str, Any], found: dict[str, list[tuple[int, str]]]
) -> None:
    assert_shape(case, found)


def test_every_reason_has_wrong_shapes_and_near_misses() -> None:
    assert_reasons_covered(_CASES, _REASONS, wrong_at_least=2)
