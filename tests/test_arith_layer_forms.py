"""Forms of layer and arithmetic claims added for sealed batch 4 (issue #12): pooling written as
functions, depthwise/separable/grouped convolutions, kernel cells that name the filters, an
explicit padding step, halfway rounding, formulas named by a symbol, and epoch sizes in code."""

from __future__ import annotations

from fractions import Fraction

import pytest

from ankigen.lint.arith.code_layers import layer_code_problems
from ankigen.lint.arith.inline import _code_as_prose
from ankigen.lint.arith.quantities import distinct, find
from ankigen.lint.arith.symbols import substitute
from ankigen.lint.rules.arithmetic import _close
from ankigen.lint.rules.layers.column_tables import _kernel_and_filters
from ankigen.lint.rules.layers.depthwise import _Layer

T = "\N{MULTIPLICATION SIGN}"
MINUS = "\N{MINUS SIGN}"


def _problems(code: str) -> list[tuple[int, str, str]]:
    """(line, stated text, message) of every problem, in order."""
    lines = code.split("\n")
    return [(p.line, lines[p.line][p.start : p.end], p.message) for p in layer_code_problems(code)]


def test_torch_pooling_functions_follow_their_first_argument() -> None:
    code = (
        "x = torch.randn(1, 64, 56, 56)\n"
        "y = F.max_pool2d(x, kernel_size=3, stride=2, padding=1)  # 56x56 -> 27x27\n"
        "z = F.avg_pool2d(y, 2)  # -> (1, 64, 14, 14)\n"
    )
    found = _problems(code)
    # the shape after the arrow is the claim; the next line builds on the right shape (28)
    assert found == [
        (
            1,
            "27x27",
            "MaxPool2d on torch.Size([1, 64, 56, 56]) outputs torch.Size([1, 64, 28, 28]), "
            f"not 27x27: ⌊(56 + 2·1 {MINUS} 3) / 2⌋ + 1 = 28",
        )
    ]


def test_tf_nn_and_keras_ops_pooling() -> None:
    code = (
        "x = tf.zeros((8, 32, 32, 3))\n"
        'y = tf.nn.max_pool2d(x, ksize=[1, 2, 2, 1], strides=2, padding="VALID")'
        "  # (8, 16, 16, 3)\n"
        'z = tf.nn.avg_pool2d(y, 3, 2, "SAME")  # (8, 9, 9, 3)\n'
        "w = keras.ops.max_pool(y, 3, strides=2)  # (8, 7, 7, 3)\n"
    )
    found = _problems(code)
    assert [(line, stated) for line, stated, _message in found] == [(2, "(8, 9, 9, 3)")]
    assert "⌈16 / 2⌉ = 8 ('same' padding)" in found[0][2]


def test_pooling_functions_with_unknown_arguments_are_left_alone() -> None:
    code = (
        "x = torch.randn(1, 3, 32, 32)\n"
        "y = F.max_pool2d(x, 2, 2, 0, 1, True)  # (1, 3, 99, 99)\n"
        'z = tf.nn.max_pool2d(tf.zeros((1, 8, 8, 1)), 2, 2, "VALID", "NCHW")  # (1, 9, 9, 1)\n'
    )
    assert _problems(code) == []


def test_depthwise_separable_and_grouped_counts_in_code() -> None:
    code = (
        "inputs = keras.Input(shape=(32, 32, 16))\n"
        'x = layers.DepthwiseConv2D(3, padding="same")(inputs)  # (None, 32, 32, 16), 150 params\n'
        "y = layers.SeparableConv2D(32, 3)(x)  # (None, 30, 30, 32), 688 params\n"
        "z = layers.DepthwiseConv2D(3, depth_multiplier=2)(y)  # (None, 28, 28, 64)\n"
        "g = nn.Conv2d(32, 64, 1, groups=4)  # 576 params\n"
        "d = nn.Conv2d(32, 32, 3, groups=32)  # 9248 params\n"
    )
    found = _problems(code)
    assert [(line, stated) for line, stated, _message in found] == [(1, "150"), (5, "9248")]
    assert f"3 {T} 3 {T} 16 + 16 = 160" in found[0][2]
    assert f"(3 {T} 3 {T} 32/32 + 1) {T} 32 = 320" in found[1][2]


def test_depthwise_counts_with_and_without_biases() -> None:
    plain = _Layer((3, 3), 32, 1, None, None)
    assert [count for count, _how in plain.counts()] == [320, 288]
    biased = _Layer((3, 3), 32, 2, None, True)
    assert [count for count, _how in biased.counts()] == [640]
    separable = _Layer((3, 3), 16, 1, 64, None)
    # Keras (pointwise bias only), both convolutions biased, no biases
    assert [count for count, _how in separable.counts()] == [1232, 1248, 1168]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (f"11{T}11, 96 filters", (f"11{T}11", 96)),
        ("3x3 (64 filters)", ("3x3", 64)),
        (f"96 filters of 11{T}11", (f"11{T}11", 96)),
        ("64 3x3 filters", ("3x3", 64)),
        (f"5{T}5", (f"5{T}5", None)),
    ],
)
def test_kernel_cells_that_name_the_filters(cell: str, expected: tuple[str, int | None]) -> None:
    assert _kernel_and_filters(cell) == expected


def test_valid_and_no_padding_are_one_padding() -> None:
    text = "Conv2D(8, 3, padding='valid') adds no padding"
    found = list(find("padding", text, 0, len(text)))
    assert len(found) == 2
    padding = distinct(found)
    assert padding is not None and padding.values == (0,) and padding.mode == "valid"


@pytest.mark.parametrize(
    ("value", "claimed", "approx", "accepted"),
    [
        (Fraction(85, 100), Fraction(8, 10), False, False),  # a digit dropped, rounded down
        (Fraction(85, 100), Fraction(9, 10), False, True),  # rounded half away from zero
        (Fraction(85, 100), Fraction(8, 10), True, True),  # "≈ 0.8" rounds either way
        (Fraction(-85, 100), Fraction(-9, 10), False, True),
        (Fraction(2, 3), Fraction(67, 100), False, True),
    ],
)
def test_halfway_results(value: Fraction, claimed: Fraction, approx: bool, accepted: bool) -> None:
    ulp = Fraction(1, 10) if claimed.denominator <= 10 else Fraction(1, 100)
    assert _close(value, claimed, ulp, str(float(claimed)), approx) is accepted


def test_a_symbol_that_names_a_computed_value_is_not_substituted() -> None:
    values = {"G": Fraction(0), "p": Fraction(1, 2)}
    assert substitute("G = 1 - (0.5^2 + 0.5^2) = 0.5", values) is None
    assert substitute("G = 1 - 2p^2 = 0.5", values) == f"0 = 1 - 2 {T} 0.5^2 = 0.5"


def test_epoch_code_lines_read_as_prose() -> None:
    line = (
        "ds = TensorDataset(torch.randn(1000, 8)); "
        "dl = DataLoader(ds, batch_size=40, drop_last=True)"
    )
    plain = _code_as_prose(line)
    assert len(plain) == len(line)
    assert "dataset of" in plain and "1000, 8" in plain
    assert "batch size=40" in plain and "drop_last=True" in plain


def test_zero_padding_layers_add_their_zeros() -> None:
    code = (
        "inputs = keras.Input(shape=(224, 224, 3))\n"
        "x = layers.ZeroPadding2D(((3, 3), (2, 2)))(inputs)  # (None, 230, 228, 3)\n"
        "t = torch.randn(1, 3, 32, 32)\n"
        "u = nn.ZeroPad2d((1, 1, 2, 2))(t)  # torch.Size([1, 3, 36, 36])\n"
    )
    found = _problems(code)
    # PyTorch lists the last axis first: (left, right, top, bottom) pads the width by 1 + 1
    assert [(line, stated) for line, stated, _message in found] == [
        (3, "torch.Size([1, 3, 36, 36])")
    ]
    assert "torch.Size([1, 3, 36, 34])" in found[0][2]
