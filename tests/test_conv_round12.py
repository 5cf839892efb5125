"""AG103 round 12 (issue #12): conv/pool output classes the role tagging did not reach, each in
several shapes of our own (tests/fixtures/conv_round12.yml), with correct near misses that must
stay silent.

- dil: dilation in a table column or as "dilation rate d" (effective kernel d·(k - 1) + 1).
- first: a result written before its layer and inputs ("30x30 is what you get from …").
- audio: pooling over frames, mel bins and spectrograms; PyTorch pooling floors odd axes.
- dims: Conv1D and Conv3D.
- tconv: transposed convolutions, (n - 1)·s - 2p + k (+ output_padding).
- dw: depthwise and separable convolutions.
- same: 'same' padding with a stride above 1 gives ⌈n / s⌉.
- ceil: PyTorch pooling rounds down unless ``ceil_mode=True`` or the note says it rounds up.
- glob: global and adaptive pooling, and hedged sizes, stay silent.
- asym: asymmetric kernels and non-square inputs.
- tuple: shapes written as (N, C, H, W) or (None, H, W, C).
- chain: layers in a table, a list or code comments.
- label: labelled lines, clozes and padded pooling."""

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

_CASES = load_shapes("conv_round12.yml")
_REASONS = ("dil", "first", "audio", "dims", "tconv", "dw", "same", "ceil", "asym", "tuple")
_REASONS_MORE = ("chain", "pad")
# Cases not handled yet (strict: the test fails once one passes, so the list cannot go stale).
_OPEN: dict[str, str] = {}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("conv12"), _CASES, ["AG103", "AG101"])


@pytest.mark.parametrize(
    "case",
    shape_params(_CASES, _OPEN),
    ids=[case["id"] for case in _CASES],
)
def test_each_wrong_shape_is_reported_on_its_line_and_each_near_miss_is_silent(
    case: dict[str, Any], found: dict[str, list[tuple[int, str]]]
) -> None:
    assert_shape(case, found)


def test_every_reason_has_wrong_shapes_and_near_misses() -> None:
    assert_reasons_covered(_CASES, _REASONS, wrong_at_least=2)
    assert_reasons_covered(_CASES, _REASONS_MORE, wrong_at_least=1)
