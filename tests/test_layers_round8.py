"""AG103 and AG104, round 8 (issue #12): the classes behind sealed batch 8's misses, each in
several shapes of our own, with a correct near miss that must stay silent.

Conv output (AG103): 1D inputs and results counted in samples, steps, frames or positions;
sizes carried through a chain of layers, one sentence each; batch shapes (NCHW for PyTorch,
NHWC with ``None`` for Keras) around one layer call; a labelled value written as a calculation
claims its result, not its first term. Parameter counts (AG104): the count in the heading, an
input counted in pixels or as another model's outputs, a layer without bias inside a named
model, a depthwise layer described as a labelled list."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rule_harness import assert_shape, lint_shapes, load_shapes

_CASES = load_shapes("layers_round8.yml")


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("round8"), _CASES, ["AG103", "AG104"])


@pytest.mark.parametrize("case", _CASES, ids=[case["id"] for case in _CASES])
def test_each_wrong_shape_is_reported_on_its_line_and_each_near_miss_is_silent(
    case: dict[str, Any], found: dict[str, list[tuple[int, str]]]
) -> None:
    assert_shape(case, found)


def test_every_class_has_wrong_shapes_and_near_misses() -> None:
    for prefix in ("c1", "c2", "c3", "p5", "p6", "p7"):
        cases = [case for case in _CASES if case["id"].startswith(prefix)]
        assert any(case.get("line") for case in cases), prefix
        assert any(not case.get("line") for case in cases), prefix
    assert sum(1 for case in _CASES if case["id"].startswith("fp-")) >= 3


def test_a_labelled_calculation_claims_its_result() -> None:
    from ankigen.lint.arith.quantities import find

    text = "- output length: 50 \N{MINUS SIGN} 3 + 1 = 47 (stride 1)"
    assert [q.values for q in find("output", text, 0, len(text))] == [(47,)]
    text = "- output length = (33 - 5) / 2 + 1 = 15"
    assert [q.values for q in find("output", text, 0, len(text))] == [(15,)]
    text = "- output length: 50 - 3 + 1"  # no result stated: no claim at all
    assert list(find("output", text, 0, len(text))) == []
