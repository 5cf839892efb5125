"""Layer counts and shapes added for sealed batch 5 (issue #12): model summaries (Keras text,
box drawing, torchsummary) row by row, inputs taken from the note or a comment's shape tuple,
embedding/recurrent/transposed layers in code, 1D lengths and 3D kernels in prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.lint.arith.code_counts import (
    first_input,
    may_lack_bias,
    row_problem,
    summary_problems,
)
from ankigen.lint.arith.code_layers import layer_code_problems
from tests.rule_harness import FixtureNote, lint_rule, write_notes

T = "\N{MULTIPLICATION SIGN}"


def _count_problems(code: str, note: str = "", prose: str = "") -> list[tuple[int, str]]:
    """(line, stated count) of every summary row reported."""
    lines = code.split("\n")
    return [(p.line, lines[p.line][p.start : p.end]) for p in summary_problems(code, note, prose)]


def _code_problems(code: str) -> list[tuple[int, str, str]]:
    lines = code.split("\n")
    return [(p.line, lines[p.line][p.start : p.end], p.kind) for p in layer_code_problems(code)]


# --------------------------------------------------------------------------- summary rows


def test_a_dense_row_counts_its_biases_unless_the_note_says_otherwise() -> None:
    assert row_problem("Dense", 128, 64, 8_256, bias_free=False) is None
    message = row_problem("Dense", 128, 64, 8_192, bias_free=False)
    assert message is not None and "8,256" in message
    assert row_problem("Dense", 128, 64, 8_192, bias_free=True) is None


def test_bias_free_rows_need_a_reason() -> None:
    assert may_lack_bias("", ["BatchNormalization"])
    assert may_lack_bias("built with `use_bias=False`", ["Dense"])
    assert may_lack_bias("a layer without biases", [])
    assert not may_lack_bias("a 784-128-64-10 MLP with biases", ["Dense"])


@pytest.mark.parametrize(
    ("kind", "inputs", "width", "right", "wrong"),
    [
        ("BatchNormalization", None, 64, 256, 128),
        ("LayerNormalization", None, 64, 128, 256),
        ("torch.BatchNorm2d", None, 16, 32, 64),  # running statistics are buffers in PyTorch
        ("MaxPooling2D", 32, 32, 0, 9_248),
        ("torch.MaxPool2d", 6, 6, 0, 12),
        ("LSTM", 64, 32, 12_416, 12_288),
        ("SimpleRNN", 8, 4, 52, 48),
        ("Conv2D", 32, 64, 18_496, 18_560),  # 18,560 is no (k·32 + 1)·64
    ],
)
def test_row_counts_by_layer_kind(
    kind: str, inputs: int | None, width: int, right: int, wrong: int
) -> None:
    assert row_problem(kind, inputs, width, right, bias_free=False) is None
    assert row_problem(kind, inputs, width, wrong, bias_free=False) is not None


def test_a_gru_row_may_have_one_or_two_bias_vectors() -> None:
    # reset_after=True (TensorFlow 2's default) and False
    assert row_problem("GRU", 64, 16, 3 * (16 * 80 + 32), bias_free=False) is None
    assert row_problem("GRU", 64, 16, 3 * (16 * 80 + 16), bias_free=False) is None
    assert row_problem("GRU", 64, 16, 3 * 16 * 80, bias_free=False) is not None


def test_unknown_layer_kinds_are_left_alone() -> None:
    assert row_problem("Bidirectional", 64, 64, 1, bias_free=False) is None
    assert row_problem("MultiHeadAttention", 64, 64, 1, bias_free=False) is None


def test_the_first_row_takes_its_inputs_from_a_width_chain_or_input_dim() -> None:
    kinds, widths = ["Dense", "Dense", "Dense"], [128, 64, 10]
    assert first_input("a 784-128-64-10 MLP", kinds, widths) == 784
    assert first_input("layers.Dense(128, input_dim=784)", kinds, widths) == 784
    # a chain of other widths, two different inputs, or a first row that is no Dense layer
    assert first_input("a 784-256-10 MLP", kinds, widths) is None
    assert first_input("input_dim=784 and input_dim=300", kinds, widths) is None
    assert first_input("a 784-128-64-10 MLP", ["Flatten", *kinds[1:]], widths) is None


def test_a_text_summary_is_checked_row_by_row() -> None:
    summary = (
        "Layer (type)          Output Shape        Param #\n"
        "dense (Dense)         (None, 128)         100,480\n"
        "dense_1 (Dense)       (None, 64)          8,192\n"
        "dense_2 (Dense)       (None, 10)          650\n"
    )
    prose = "What does model.summary() report for a 784-128-64-10 MLP with biases?"
    assert _count_problems(summary, prose, prose) == [(2, "8,192")]
    # the same count is right for a layer the note builds without bias
    assert _count_problems(summary, "use_bias=False", prose) == []


def test_a_box_drawn_summary_is_read_like_the_text_one() -> None:
    summary = (
        "│ flatten (Flatten)   │ (None, 784)    │         0 │\n"
        "├─────────────────────┼────────────────┼───────────┤\n"
        "│ dense (Dense)       │ (None, 64)     │    50,176 │\n"
    )
    assert _count_problems(summary) == [(2, "50,176")]


def test_torchsummary_rows_are_channels_first() -> None:
    summary = (
        "        Layer (type)               Output Shape         Param #\n"
        "            Conv2d-1            [-1, 6, 28, 28]             156\n"
        "         MaxPool2d-2            [-1, 6, 14, 14]               0\n"
        "            Conv2d-3           [-1, 16, 10, 10]           2,416\n"
        "       BatchNorm2d-4           [-1, 16, 10, 10]              32\n"
        "         MaxPool2d-5             [-1, 16, 5, 5]               0\n"
        "           Flatten-6                  [-1, 400]               0\n"
        "            Linear-7                  [-1, 120]          48,000\n"
    )
    assert _count_problems(summary) == [(7, "48,000")]


def test_nested_torchinfo_summaries_are_left_alone() -> None:
    # a container's row comes before its children's: the row above need not be the input
    summary = (
        "├─Sequential: 1-1                       [1, 64, 8, 8]             --\n"
        "│    └─Conv2d: 2-1                      [1, 64, 8, 8]             1,792\n"
        "│    └─Linear: 2-2                      [1, 10]                   1\n"
    )
    assert _count_problems(summary) == []


def test_functional_summaries_stay_out() -> None:
    summary = (
        "Layer (type)   Output Shape   Param #   Connected to\n"
        "a (Dense)      (None, 64)     100       []\n"
        "b (Dropout)    (None, 64)     7         ['a[0][0]']\n"
    )
    assert _count_problems(summary) == []


# --------------------------------------------------------------------------- layer code


def test_a_comment_may_state_the_input_shape() -> None:
    code = (
        "conv = layers.Conv1D(filters=32, kernel_size=5)  # on (None, 100, 8): 1,280 params\n"
        "head = layers.Dense(10)  # input (None, 256): 2,570 params\n"
        "up = layers.Conv1D(16, 3)  # -> (None, 48, 16), 192 params\n"
    )
    # the tuple after an arrow is the output: no input is known for the third layer
    assert _code_problems(code) == [(0, "1,280", "count")]


@pytest.mark.parametrize(
    ("line", "right", "wrong"),
    [
        ("layers.LSTM(64)  # on (None, 20, 32): {} params", "24,832", "24,576"),
        ("layers.GRU(64)  # on (None, 20, 32): {} params", "18,816", "18,624"),
        ("layers.GRU(64, reset_after=False)  # on (None, 20, 32): {} params", "18,624", "18,816"),
        ("layers.SimpleRNN(64)  # on (None, 20, 32): {} params", "6,208", "6,144"),
        ("nn.LSTM(32, 64, batch_first=True)  # {} params", "25,088", "24,832"),
        ("nn.GRU(input_size=10, hidden_size=20)  # {} params", "1,920", "1,860"),
        ("nn.RNN(10, 20)  # {} params", "640", "620"),
        ("nn.Embedding(10000, 128, padding_idx=0)  # {} params", "1,280,000", "1,280,128"),
        ("layers.Embedding(10000, 128)  # {} params", "1,280,000", "1,280,128"),
        ("nn.ConvTranspose2d(64, 32, 4)  # {} params", "32,800", "32,768"),
        ("layers.Conv2DTranspose(32, 3)  # on (None, 7, 7, 64): {} params", "18,464", "18,432"),
    ],
)
def test_embedding_recurrent_and_transposed_counts(line: str, right: str, wrong: str) -> None:
    assert _code_problems(line.format(right)) == []
    assert _code_problems(line.format(wrong)) == [(0, wrong, "count")]


@pytest.mark.parametrize(
    ("line", "right", "wrong"),
    [
        (
            "nn.MultiheadAttention(embed_dim=512, num_heads=8)  # {} params",
            "1,050,624",
            "1,048,576",
        ),
        ("nn.MultiheadAttention(512, 8, bias=False)  # {} params", "1,048,576", "1,050,624"),
        (
            "layers.MultiHeadAttention(num_heads=8, key_dim=64)  # on (None, 10, 512): {} params",
            "1,050,624",
            "1,048,576",
        ),
    ],
)
def test_attention_counts(line: str, right: str, wrong: str) -> None:
    assert _code_problems(line.format(right)) == []
    assert _code_problems(line.format(wrong)) == [(0, wrong, "count")]


def test_attention_keeps_the_query_shape_in_keras() -> None:
    code = (
        "inputs = keras.Input(shape=(10, 128))\n"
        "x = layers.MultiHeadAttention(num_heads=4, key_dim=32)(inputs, inputs)  # 66,048 params\n"
        "y = layers.Dense(64)(x)  # (None, 10, 64), 8,200 params\n"
    )
    assert _code_problems(code) == [(2, "8,200", "count")]


def test_keras_measured_summary_has_no_findings() -> None:
    # printed by Keras 3 (JAX backend) for these layers: every count and shape is right
    summary = (
        "embedding (Embedding)      (None, 50, 16)       80000\n"
        "gru (GRU)                  (None, 50, 8)        624\n"
        "gru_1 (GRU)                (None, 8)            408\n"
        "dense (Dense)              (None, 1)            9\n"
        "conv2d (Conv2D)            (None, 26, 26, 32)   320\n"
        "max_pooling2d (MaxPooling2D) (None, 13, 13, 32) 0\n"
        "conv2d_1 (Conv2D)          (None, 11, 11, 64)   18496\n"
        "batch_normalization (BatchNormalization) (None, 11, 11, 64) 256\n"
        "flatten (Flatten)          (None, 7744)         0\n"
        "dense_1 (Dense)            (None, 10)           77450\n"
        "layer_normalization (LayerNormalization) (None, 10) 20\n"
    )
    assert _count_problems(summary) == []


def test_stacked_or_bidirectional_torch_recurrent_layers_are_left_alone() -> None:
    assert _code_problems("nn.LSTM(32, 64, 2)  # 1 params") == []
    assert _code_problems("nn.LSTM(32, 64, bidirectional=True)  # 1 params") == []


def test_sequence_layers_chain_through_a_sequential() -> None:
    code = (
        "model = keras.Sequential([\n"
        "    layers.Embedding(10000, 64, input_length=100),  # (None, 100, 64), 640,000 params\n"
        "    layers.LSTM(32, return_sequences=True),  # (None, 100, 32), 12,416 params\n"
        "    layers.LSTM(16),  # (None, 16), 3,136 params\n"
        "    layers.Dense(1),  # (None, 1), 16 params\n"
        "])\n"
    )
    assert _code_problems(code) == [(4, "16", "count")]


def test_transposed_convolution_shapes() -> None:
    code = (
        "inputs = keras.Input(shape=(7, 7, 64))\n"
        'a = layers.Conv2DTranspose(32, 3, strides=2, padding="same")(inputs)'
        "  # (None, 14, 14, 32)\n"
        "b = layers.Conv2DTranspose(16, 3, strides=2)(a)  # (None, 29, 29, 16)\n"
        "c = layers.Conv2DTranspose(8, 2, strides=3)(b)  # (None, 87, 87, 8)\n"
        "t = torch.randn(1, 64, 16, 16)\n"
        "u = nn.ConvTranspose2d(64, 32, kernel_size=4, stride=2, padding=1)(t)"
        "  # torch.Size([1, 32, 32, 32])\n"
        "v = nn.ConvTranspose2d(32, 3, 3, stride=2, padding=1, output_padding=1)(u)"
        "  # torch.Size([1, 3, 99, 99])\n"
        "w = layers.Conv2DTranspose(8, 3, strides=2)(b)  # (None, 58, 58, 8)\n"
    )
    # a kernel smaller than the stride leaves gaps (29·3); PyTorch's literal output_padding
    # adds to each axis: (32 - 1)·2 - 2·1 + 3 + 1 = 64, not 99
    assert _code_problems(code) == [
        (6, "torch.Size([1, 3, 99, 99])", "shape"),
        (7, "(None, 58, 58, 8)", "shape"),
    ]


# --------------------------------------------------------------------------- prose, end to end


def _lint(tmp_path: Path, code: str, body: str) -> list[tuple[int, str]]:
    note = FixtureNote("note", body)
    write_notes(tmp_path, [note])
    return [(d.line, d.message) for d in lint_rule(tmp_path, code)]


def test_a_1d_length_written_as_words(tmp_path: Path) -> None:
    body = (
        "# What happens to a sequence in 1D max pooling?\n\n"
        "`nn.MaxPool1d(kernel_size=2, stride=2)` applied to a sequence of length 100 "
        "returns a sequence of length {}.\n"
    )
    assert _lint(tmp_path, "AG103", body.format(50)) == []
    found = _lint(tmp_path, "AG103", body.format(49))
    assert len(found) == 1 and "= 50, not 49" in found[0][1]


def test_a_3d_kernel_counts_its_volume(tmp_path: Path) -> None:
    body = (
        "# How many parameters has a 3D convolution?\n\n"
        f"A 3{T}3{T}3 convolution with 64 filters on an RGB video clip has {{}} parameters.\n"
    )
    assert _lint(tmp_path, "AG104", body.format("5,248")) == []
    found = _lint(tmp_path, "AG104", body.format("1,792"))
    assert len(found) == 1 and f"(3 {T} 3 {T} 3 {T} 3 + 1) {T} 64 = 5,248" in found[0][1]


def test_a_dense_layer_on_a_feature_map_takes_every_value(tmp_path: Path) -> None:
    body = (
        "# How many parameters does VGG16's first fully connected layer have?\n\n"
        f"It connects the 7{T}7{T}512 feature map to 4,096 units: {{}} parameters.\n"
    )
    assert _lint(tmp_path, "AG104", body.format("102,764,544")) == []
    found = _lint(tmp_path, "AG104", body.format("102,760,448"))
    assert len(found) == 1 and f"25088 {T} 4096 + 4096" in found[0][1]
    # pooled first: the inputs are the channels, which this sentence does not say
    pooled = body.replace("It connects", "After global average pooling, it connects")
    assert _lint(tmp_path, "AG104", pooled.format("2,101,248")) == []


def test_an_embedding_sized_in_words(tmp_path: Path) -> None:
    body = (
        "# How many parameters does an embedding layer for a 10,000-word vocabulary with 300 "
        "dimensions have?\n\n{} parameters: one vector per word.\n"
    )
    assert _lint(tmp_path, "AG104", body.format("3,000,000")) == []
    assert len(_lint(tmp_path, "AG104", body.format("3,000,300"))) == 1


# Printed by Keras 3 (JAX backend) for a Sequential text model (a long type name wrapped) and
# by torchsummary for a small residual network: real summaries, every count right.
KERAS_SUMMARY = (
    'Model: "sequential_1"\n'
    "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┓\n"
    "┃ Layer (type)                       ┃ Output Shape               ┃        Param # ┃\n"
    "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━┩\n"
    "│ embedding (Embedding)              │ (None, 100, 32)            │        160,000 │\n"
    "├────────────────────────────────────┼────────────────────────────┼────────────────┤\n"
    "│ bidirectional (Bidirectional)      │ (None, 100, 32)            │          6,272 │\n"
    "├────────────────────────────────────┼────────────────────────────┼────────────────┤\n"
    "│ gru (GRU)                          │ (None, 8)                  │          1,008 │\n"
    "├────────────────────────────────────┼────────────────────────────┼────────────────┤\n"
    "│ dense_1 (Dense)                    │ (None, 4)                  │             36 │\n"
    "├────────────────────────────────────┼────────────────────────────┼────────────────┤\n"
    "│ layer_normalization                │ (None, 4)                  │              8 │\n"
    "│ (LayerNormalization)               │                            │                │\n"
    "├────────────────────────────────────┼────────────────────────────┼────────────────┤\n"
    "│ dense_2 (Dense)                    │ (None, 1)                  │              5 │\n"
    "└────────────────────────────────────┴────────────────────────────┴────────────────┘\n"
    " Total params: 167,329 (653.63 KB)\n"
    " Trainable params: 167,329 (653.63 KB)\n"
    " Non-trainable params: 0 (0.00 B)\n"
)

TORCH_RESIDUAL_SUMMARY = (
    "----------------------------------------------------------------\n"
    "        Layer (type)               Output Shape         Param #\n"
    "================================================================\n"
    "            Conv2d-1           [-1, 64, 32, 32]           9,408\n"
    "       BatchNorm2d-2           [-1, 64, 32, 32]             128\n"
    "              ReLU-3           [-1, 64, 32, 32]               0\n"
    "         MaxPool2d-4           [-1, 64, 16, 16]               0\n"
    "            Conv2d-5           [-1, 64, 16, 16]          36,864\n"
    "       BatchNorm2d-6           [-1, 64, 16, 16]             128\n"
    "              ReLU-7           [-1, 64, 16, 16]               0\n"
    "            Conv2d-8           [-1, 64, 16, 16]          36,864\n"
    "       BatchNorm2d-9           [-1, 64, 16, 16]             128\n"
    "             ReLU-10           [-1, 64, 16, 16]               0\n"
    "            Block-11           [-1, 64, 16, 16]               0\n"
    "           Conv2d-12            [-1, 128, 8, 8]          73,728\n"
    "      BatchNorm2d-13            [-1, 128, 8, 8]             256\n"
    "             ReLU-14            [-1, 128, 8, 8]               0\n"
    "           Conv2d-15            [-1, 128, 8, 8]         147,456\n"
    "      BatchNorm2d-16            [-1, 128, 8, 8]             256\n"
    "           Conv2d-17            [-1, 128, 8, 8]           8,192\n"
    "      BatchNorm2d-18            [-1, 128, 8, 8]             256\n"
    "             ReLU-19            [-1, 128, 8, 8]               0\n"
    "            Block-20            [-1, 128, 8, 8]               0\n"
    "           Conv2d-21            [-1, 256, 4, 4]         294,912\n"
    "      BatchNorm2d-22            [-1, 256, 4, 4]             512\n"
    "             ReLU-23            [-1, 256, 4, 4]               0\n"
    "           Conv2d-24            [-1, 256, 4, 4]         589,824\n"
    "      BatchNorm2d-25            [-1, 256, 4, 4]             512\n"
    "           Conv2d-26            [-1, 256, 4, 4]          32,768\n"
    "      BatchNorm2d-27            [-1, 256, 4, 4]             512\n"
    "             ReLU-28            [-1, 256, 4, 4]               0\n"
    "            Block-29            [-1, 256, 4, 4]               0\n"
    "AdaptiveAvgPool2d-30            [-1, 256, 1, 1]               0\n"
    "           Linear-31                   [-1, 10]           2,570\n"
    "================================================================\n"
    "Total params: 1,235,274\n"
    "Trainable params: 1,235,274\n"
    "Non-trainable params: 0\n"
    "----------------------------------------------------------------\n"
    "Input size (MB): 0.05\n"
    "Forward/backward pass size (MB): 3.35\n"
    "Params size (MB): 4.71\n"
    "Estimated Total Size (MB): 8.10\n"
    "----------------------------------------------------------------\n"
)


def test_real_summaries_have_no_findings() -> None:
    assert _count_problems(KERAS_SUMMARY) == []
    assert _count_problems(TORCH_RESIDUAL_SUMMARY) == []


def test_a_wrong_row_of_a_real_summary_is_found() -> None:
    wrong = KERAS_SUMMARY.replace("1,008 │", "1,032 │")
    assert [count for _line, count in _count_problems(wrong)] == ["1,032"]
    # the shortcut convolution of a residual block takes the block's input, not the row above:
    # a PyTorch summary's convolutions are never checked against the row above
    assert "8,192" in TORCH_RESIDUAL_SUMMARY
    # the Linear layer takes the pooled [-1, 256, 1, 1] map's 256 channels
    wrong = TORCH_RESIDUAL_SUMMARY.replace("2,570", "2,560")
    assert [count for _line, count in _count_problems(wrong)] == ["2,560"]
