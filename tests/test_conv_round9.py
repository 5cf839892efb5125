"""AG103 round 9 (issue #12): the reasons behind sealed batch 9's conv-output misses, each in
several shapes of our own, with a correct near miss that must stay silent.

- r1: one result written twice, once per axis and once as a shape ("11 positions along each
  axis, so the map is 11 x 11 x 8"), was read as two different results, hence two layers.
- r2: a heading that asks for the output without "what" ("Output shape of …?", "Spatial size
  after …?") did not make the answer's opening size the claimed result.
- r3: a list item that names a layer and ends in its size ("- ``MaxPool2d(2)``: 3 x 3") claimed
  nothing; the first item of a list takes the input stated before the list.
- r4: ``ceil_mode=False`` was read as permission to round up.
- r5: a ``Sequential`` applied later was followed on the line that applies it, so the comments
  on its own layer lines ("# 55 x 55") were never read.
- r6: "a 3 x 3, stride-2 convolution" names a kernel (settings before the noun), and "…, so
  64 x 64" concludes a calculation with its result."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rule_harness import assert_reasons_covered, assert_shape, lint_shapes, load_shapes

_CASES = load_shapes("conv_round9.yml")


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("conv9"), _CASES, ["AG103"])


@pytest.mark.parametrize("case", _CASES, ids=[case["id"] for case in _CASES])
def test_each_wrong_shape_is_reported_on_its_line_and_each_near_miss_is_silent(
    case: dict[str, Any], found: dict[str, list[tuple[int, str]]]
) -> None:
    assert_shape(case, found)


def test_every_reason_has_wrong_shapes_and_near_misses() -> None:
    assert_reasons_covered(_CASES, ("r1", "r2", "r3", "r4", "r5", "r6"))


def test_one_result_per_axis_and_as_a_shape_is_one_size() -> None:
    from ankigen.lint.rules.layers.layer_statements import same_size

    assert same_size((27,), (27, 27, 32))
    assert same_size((3, 28, 28), (28, 28))
    assert not same_size((27,), (28, 28, 32))
    assert not same_size((14, 14), (14, 7))
