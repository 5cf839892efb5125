"""AG103 round 10 (issue #12): the reasons behind sealed batch 10's conv-output misses in
tables and code, each in several shapes of our own, with correct near misses that stay silent.

- t1: a table of layers whose rows name no kernel ("| Conv2D(64) | 11x11x64 |") was never
  checked: the settings the heading or a paragraph states once per kind of layer ("all
  convolutions 3x3 valid, stride 1; pools 2x2, stride 2") now apply to each row of that kind,
  and the input stated there is the first row's input.
- t2: a convolution row after a pooling row was read as pooling (pooling was looked for
  within 40 characters of the kernel, which reached the row above), so its new depth was a
  "pooling keeps the depth" error: a row pools only when its own layer does.
- c1: a layer whose input the code never states (a ``Sequential`` never applied, a layer
  built on its own) was not followed: a comment "A -> B" on its line states its input A.
- l1: 1-D convolutions listed one per item ("- Conv1D(128, 5), valid, stride 1: 96 positions x
  128") were not read (the length by channels after the colon, the bare "valid", the length the
  heading pads to), and parallel branches on one sequence are no chain: an item may take the
  previous item's length or the input the first took; a length neither gives is wrong."""

from __future__ import annotations

from typing import Any

import pytest

from ankigen.lint.rules.layers.column_tables import shared_settings
from tests.rule_harness import assert_reasons_covered, assert_shape, lint_shapes, load_shapes

_CASES = load_shapes("conv_tables_round10.yml")


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("conv10"), _CASES, ["AG103"])


@pytest.mark.parametrize("case", _CASES, ids=[case["id"] for case in _CASES])
def test_each_wrong_shape_is_reported_on_its_line_and_each_near_miss_is_silent(
    case: dict[str, Any], found: dict[str, list[tuple[int, str]]]
) -> None:
    assert_shape(case, found)


def test_every_reason_has_wrong_shapes_and_near_misses() -> None:
    assert_reasons_covered(_CASES, ("t1", "t2", "c1", "l1"))


def test_settings_belong_to_the_kind_of_layer_named_last_in_their_clause() -> None:
    text = "input 28x28x1, all convolutions 3x3 valid, stride 1; pools 2x2, stride 2"
    settings = shared_settings(text, 0, len(text))
    conv, pool = settings["conv"], settings["pool"]
    assert conv.kernel.values == (3, 3) and pool.kernel.values == (2, 2)
    assert conv.known["stride"] is not None and conv.known["stride"].values == (1,)
    assert conv.known["padding"] is not None and conv.known["padding"].mode == "valid"
    assert pool.known["stride"] is not None and pool.known["stride"].values == (2,)


def test_a_kind_stated_two_ways_or_named_with_another_has_no_settings() -> None:
    two_kernels = "convolutions 5x5 or 3x3, valid"
    assert shared_settings(two_kernels, 0, len(two_kernels)) == {}
    mixed = "conv and pool layers use 3x3"
    assert shared_settings(mixed, 0, len(mixed)) == {}
