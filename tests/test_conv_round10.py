"""AG103 round 10 (issue #12): the reasons behind sealed batch 10's conv-output misses in
prose, each in several shapes of our own, with a correct near miss that must stay silent.

- q1: a module path (``layers.Conv2D``, ``tf.keras.layers.MaxPooling2D``) was read as the
  word "layers", so the note seemed to describe several layers.
- q2: a hedge anywhere after the claim ("…, which is roughly …", "; about a fifth …") made the
  result approximate; only the claim's own clause can hedge it.
- q3: an input stated as a count that goes through the layer ("8,000 samples pass through",
  "(4,096 time steps) is fed into") or text padded to N tokens was not read as the input.
- q4: "1-D" was read as a size of 1 (a false result), and "the output therefore has
  **31 steps**" was not read as a result.
- q5: a remark after the claim that states no number ("…, and LeNet-5 stacks such layers")
  made the sentence describe several layers; a remark that gives a reason still does.
- q6: two scenarios of one layer (another input in a sentence of its own, or "the same
  convolution" with another setting, also in the Extra section) were read as two layers, and
  "the same convolution" was read as "same" padding.
- q7: the factors of a parameter formula ("5 x 50 x 32 + 32 = 8,032") were read as the
  layer's input (a false error)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rule_harness import assert_reasons_covered, assert_shape, lint_shapes, load_shapes

_CASES = load_shapes("conv_round10.yml")
_REASONS = ("q1", "q2", "q3", "q4", "q5", "q6", "q7")


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("conv10"), _CASES, ["AG103"])


@pytest.mark.parametrize("case", _CASES, ids=[case["id"] for case in _CASES])
def test_each_wrong_shape_is_reported_on_its_line_and_each_near_miss_is_silent(
    case: dict[str, Any], found: dict[str, list[tuple[int, str]]]
) -> None:
    assert_shape(case, found)


def test_every_reason_has_wrong_shapes_and_near_misses() -> None:
    assert_reasons_covered(_CASES, _REASONS)


def test_a_module_path_is_no_stack_of_layers() -> None:
    from ankigen.lint.arith.quantities import SEVERAL_LAYERS

    assert SEVERAL_LAYERS.search("`layers.Conv2D(64, 5)`") is None
    assert SEVERAL_LAYERS.search("`tf.keras.layers.MaxPooling2D()`") is None
    assert SEVERAL_LAYERS.search("the conv layers of the model") is not None


def test_the_same_convolution_is_no_same_padding() -> None:
    from ankigen.lint.arith.quantities import find

    def modes(text: str) -> list[str]:
        return [found.mode for found in find("padding", text, 0, len(text))]

    assert modes("a same convolution on 32x32") == ["same"]
    assert modes("the same convolution with padding 0") == [""]
    assert modes("a 1-D convolution") == []


def test_one_d_is_no_size() -> None:
    from ankigen.lint.arith.quantities import find

    text = "What is the output length of a 1-D convolution?"
    assert list(find("output", text, 0, len(text))) == []
