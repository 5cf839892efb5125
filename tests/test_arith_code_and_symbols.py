"""The parts of AG101 to AG104 that read code and formula symbols: results in Python comments
(checked against Python itself), layer shapes in comments (checked against a numpy sliding
window), formula variables, data set sizes and key/value tables."""

from __future__ import annotations

import math
import re
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from ankigen.lint.arith.code_arithmetic import code_claims
from ankigen.lint.arith.code_layers import layer_code_problems
from ankigen.lint.arith.datasets import known_size
from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.inline import _key_value_rows
from ankigen.lint.arith.symbols import is_assignment, substitute, symbol_values

# --------------------------------------------------------------------------- Python comments

_OPERATORS = ["+", "-", "*", "//", "%", "/"]


@st.composite
def _expressions(draw: st.DrawFn, depth: int = 3) -> str:
    """A calculation: at least one operator, with brackets round every operation."""
    if depth < 3 and (depth == 0 or draw(st.booleans())):
        return str(draw(st.integers(min_value=1, max_value=5000)))
    left = draw(_expressions(depth - 1))
    right = draw(_expressions(depth - 1))
    operator = draw(st.sampled_from(_OPERATORS))
    return f"({left} {operator} {right})"


@settings(max_examples=300, deadline=None)
@given(_expressions())
@example("((1 - (1 + 1)) - ((1 + 1) / (1 + 1)))")  # -2.0, where x * 1.5 + 1 == x
def test_a_comment_with_pythons_own_result_is_accepted_and_another_is_not(expression: str) -> None:
    try:
        value = eval(expression)  # the reference: Python itself, in the test only
    except ZeroDivisionError:
        return
    right = f"x = {expression}  # {value!r}\n"
    assert list(code_claims(right)) == []
    # x * 1.5 + 1 equals x at x = -2: then (and for ints) one more is the wrong value
    wrong_value = value * 1.5 + 1 if isinstance(value, float) else value
    if wrong_value == value:
        wrong_value = value + 1
    assume(wrong_value != value)  # a float so large that + 1 is lost
    # a comment may state the exact value too ("1 // (1 / 99)" is 99 exactly, 98.0 in floats)
    try:
        exact = eval(re.sub(r"\d+", lambda m: f"Fraction({m[0]})", expression))
    except ZeroDivisionError:  # "1 // (1 % (1 / 3))": 0 exactly, 0.333… in floats
        exact = None
    assume(Fraction(wrong_value) != exact)
    wrong = f"x = {expression}  # {wrong_value!r}\n"
    claims = list(code_claims(wrong))
    assert len(claims) == 1
    assert claims[0].value == Fraction(value) or math.isclose(float(claims[0].value), value)


def test_names_assigned_before_are_put_in_and_shown() -> None:
    code = "n_examples, batch_size = 10_000, 40\nsteps = n_examples // batch_size  # 225\n"
    (claim,) = code_claims(code)
    assert (claim.line, claim.claimed, claim.value) == (1, "225", Fraction(250))
    assert claim.expression == "10,000 // 40"
    assert code.split("\n")[claim.line][claim.start : claim.end] == "225"


@pytest.mark.parametrize(
    "code",
    [
        "day = 60 * 60 * 24  # 1 day\n",  # another unit
        "total = 0\nfor i in range(3):\n    total += 5\nprint(total * 2)  # 30\n",  # a loop
        "x = np.ones(3) * 2  # 2, 2, 2\n",  # an unknown call
        "x = 3 * (4\n",  # not Python
        "x = size * 2  # 10\n",  # an unknown name
        "x = 4 * 4\n# 17\n",  # a comment on its own line
        "print(math.ceil(1000 / 64))  # 16 steps\n",
    ],
)
def test_comments_that_state_no_checkable_result_give_nothing(code: str) -> None:
    assert list(code_claims(code)) == []


# --------------------------------------------------------------------------- layer shapes


def _windows(size: int, kernel: int, stride: int, padding: int, dilation: int) -> int:
    """How many positions a dilated kernel takes on a zero-padded axis: the real count."""
    padded = np.zeros(size + 2 * padding)
    span = dilation * (kernel - 1) + 1
    if span > padded.size:
        return 0
    views = np.lib.stride_tricks.sliding_window_view(padded, span)
    return int(views[::stride].shape[0])


@settings(max_examples=200, deadline=None)
@given(
    size=st.integers(min_value=1, max_value=80),
    kernel=st.integers(min_value=1, max_value=7),
    stride=st.integers(min_value=1, max_value=4),
    padding=st.integers(min_value=0, max_value=3),
    dilation=st.integers(min_value=1, max_value=3),
)
def test_pytorch_conv_shapes_match_a_real_sliding_window(
    size: int, kernel: int, stride: int, padding: int, dilation: int
) -> None:
    out = _windows(size, kernel, stride, padding, dilation)
    if out == 0:
        return
    layer = f"nn.Conv2d(1, 4, {kernel}, stride={stride}, padding={padding}, dilation={dilation})"
    head = f"x = torch.randn(2, 1, {size}, {size})\ny = {layer}(x)  # "
    right = head + f"torch.Size([2, 4, {out}, {out}])\n"
    assert list(layer_code_problems(right)) == []
    wrong = head + f"torch.Size([2, 4, {out + 1}, {out}])\n"
    (problem,) = layer_code_problems(wrong)
    assert problem.kind == "shape" and f"torch.Size([2, 4, {out}, {out}])" in problem.message


def test_keras_shapes_follow_the_layers_and_one_mistake_gives_one_finding() -> None:
    code = (
        "inputs = keras.Input(shape=(64, 64, 3))\n"
        'x = layers.Conv2D(32, 3, padding="valid")(inputs)  # (None, 61, 61, 32)\n'
        "x = layers.MaxPooling2D(2)(x)  # (None, 30, 30, 32)\n"
        'x = layers.Conv2D(8, 3, strides=2, padding="same")(x)  # (None, 15, 15, 8)\n'
    )
    (problem,) = layer_code_problems(code)
    assert (problem.line, problem.kind) == (1, "shape")
    assert "(None, 62, 62, 32), not (None, 61, 61, 32)" in problem.message


def test_counts_in_comments_use_the_tracked_input_or_the_comments_words() -> None:
    code = (
        "model = keras.Sequential([\n"
        "    keras.Input(shape=(20,)),\n"
        "    layers.Dense(32),  # 640 params\n"
        "    layers.Dense(1, use_bias=False),  # 32 params\n"
        "])\n"
        "head = layers.Dense(10, use_bias=False)  # on 512 features: 5,130 params\n"
    )
    problems = [(p.line, p.message) for p in layer_code_problems(code)]
    assert problems == [
        (2, f"Dense: 20 {TIMES} 32 + 32 = 672 parameters, not 640"),
        (5, f"Dense: 512 {TIMES} 10 = 5,120 parameters, not 5,130"),
    ]


def test_comments_about_kernels_branches_and_unknown_layouts_are_left_alone() -> None:
    code = (
        "inputs = keras.Input(shape=(32, 32, 3))\n"
        'a = layers.Conv2D(16, 3, padding="same")(inputs)  # 3x3 kernel\n'
        "b = layers.Conv2D(16, 1)(inputs)  # (None, 32, 32, 16)\n"
        "x = layers.Concatenate()([a, b])  # (None, 32, 32, 99)\n"
        'x = layers.Conv2D(8, 3, data_format="channels_first")(x)  # (None, 1, 1, 1)\n'
        "t = nn.MaxPool2d(2, ceil_mode=True)(torch.randn(1, 4, 15, 15))"
        "  # torch.Size([1, 4, 8, 8])\n"
    )
    assert list(layer_code_problems(code)) == []


# --------------------------------------------------------------------------- symbols, sizes, tables


def test_formula_symbols_are_filled_in_only_when_each_has_one_value() -> None:
    values = symbol_values(["W = 32", "F = 3, S = 1", "P = 0", "(W - F + 2P)/S + 1 = 31"])
    assert values == {"W": 32, "F": 3, "S": 1, "P": 0}
    filled = substitute("(W - F + 2P)/S + 1 = 31", values)
    assert filled == f"(32 - 3 + 2 {TIMES} 0)/1 + 1 = 31"
    assert substitute("(W - K)/S + 1 = 30", values) is None  # K has no value
    assert symbol_values(["k = 3", "k = 5"]) == {}
    assert is_assignment("n_(in) = 300") and not is_assignment("n = 28 - 5")


def test_known_data_sets_by_split_and_only_one_at_a_time() -> None:
    text = "an epoch of Fashion-MNIST"
    known = known_size(text, 0, len(text))
    assert known is not None and (known.name, known.size, known.split) == (
        "Fashion-MNIST",
        60_000,
        "training",
    )
    test_split = "the CIFAR-10 test set"
    known = known_size(test_split, 0, len(test_split))
    assert known is not None and known.size == 10_000
    both = "MNIST and CIFAR-100"
    assert known_size(both, 0, len(both)) is None
    assert known_size("ImageNet-21k", 0, 12) is None


def test_key_value_tables_read_as_labelled_lines_of_the_same_length() -> None:
    table = (
        "| quantity | value |\n|---|---|\n| batch size | 64 |\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    rows = _key_value_rows(table)
    assert len(rows) == len(table)
    assert "  batch size : 64 ;" in rows
    assert "| 1 | 2 |" in rows  # not a key/value table: left as it is
