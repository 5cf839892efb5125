"""Batch 12's AG103/AG104 misses and false error as classes (issue #12), in the project's
own words: each class has wrong notes (reported on their line) and correct near misses
(silent). The batch case a class comes from is named beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.rule_harness import assert_shape, lint_shapes

CODES = ["AG101", "AG103", "AG104"]
FENCE = "```"
TIMES = "\N{MULTIPLICATION SIGN}"


# AG104: a layer after a flatten or reshape takes the flattened size; the outputs of the
# layers before the step, the shapes their comments state and the outputs of the layers after
# it are no input of it (s12-ca-keras-summary-code).
FLATTEN: list[dict[str, Any]] = [
    {
        "id": "flat-keras-comments",
        "body": (
            "# Parameters of a small Keras CNN\n"
            "\n"
            f"{FENCE}python\n"
            "model = keras.Sequential([\n"
            "    keras.Input(shape=(32, 32, 3)),\n"
            '    layers.Conv2D(16, 3, activation="relu"),  # (30, 30, '
            "16), 448 params\n"
            "    layers.MaxPooling2D(2),  # (15, 15, 16)\n"
            "    layers.Flatten(),  # (3600,)\n"
            "    layers.Dense(10),  # 36,010 params\n"
            "])\n"
            f"{FENCE}\n"
        ),
    },
    {
        "id": "flat-torch-view",
        "body": (
            "# Parameters of the classifier of a PyTorch CNN\n"
            "\n"
            f"{FENCE}python\n"
            "self.conv = nn.Conv2d(1, 8, 3)  # 80 params\n"
            "self.fc = nn.Linear(8 * 26 * 26, 10)  # 54,090 params\n"
            "\n"
            "def forward(self, x):\n"
            "    x = self.conv(x)\n"
            "    x = x.view(x.size(0), -1)\n"
            "    return self.fc(x)\n"
            f"{FENCE}\n"
        ),
    },
    {
        "id": "flat-gray-digits",
        "body": (
            "# Parameters of a digit classifier\n"
            "\n"
            f"{FENCE}python\n"
            "model = keras.Sequential([\n"
            "    keras.Input(shape=(28, 28, 1)),\n"
            "    layers.Conv2D(8, 5),  # (24, 24, 8), 208 params\n"
            "    layers.Flatten(),  # (4608,)\n"
            "    layers.Dense(10),  # 46,090 params\n"
            "])\n"
            f"{FENCE}\n"
        ),
    },
    {
        "id": "flat-reshape-step",
        "body": (
            "# Parameters of a reshape head\n"
            "\n"
            f"{FENCE}python\n"
            "model = keras.Sequential([\n"
            "    keras.Input(shape=(8, 8, 64)),\n"
            "    layers.Conv2D(32, 1),  # (8, 8, 32), 2,080 params\n"
            "    layers.Reshape((2048,)),\n"
            "    layers.Dense(5),  # 10,245 params\n"
            "])\n"
            f"{FENCE}\n"
        ),
    },
    {
        "id": "flat-two-dense",
        "body": (
            "# Parameters after a flatten\n"
            "\n"
            f"{FENCE}python\n"
            "model = keras.Sequential([\n"
            "    keras.Input(shape=(12, 12, 4)),\n"
            "    layers.Conv2D(6, 3),  # (10, 10, 6), 222 params\n"
            "    layers.Flatten(),\n"
            "    layers.Dense(20),  # 12,020 params\n"
            "    layers.Dense(3),  # 63 params\n"
            "])\n"
            f"{FENCE}\n"
        ),
    },
    {
        "id": "flat-chain-still-caught",
        "body": (
            "# Parameters of the dense layers after a flatten\n"
            "\n"
            f"{FENCE}python\n"
            "model = keras.Sequential([\n"
            "    keras.Input(shape=(12, 12, 4)),\n"
            "    layers.Conv2D(6, 3),\n"
            "    layers.Flatten(),\n"
            "    layers.Dense(20),\n"
            "    layers.Dense(3),  # 60 params\n"
            "])\n"
            f"{FENCE}\n"
        ),
        "line": 9,
    },
    {
        "id": "conv-chain-no-flatten-caught",
        "body": (
            "# Parameters of a second convolution\n"
            "\n"
            f"{FENCE}python\n"
            "model = keras.Sequential([\n"
            "    keras.Input(shape=(32, 32, 3)),\n"
            "    layers.Conv2D(16, 3),\n"
            "    layers.Conv2D(32, 3),  # 4,608 params\n"
            "])\n"
            f"{FENCE}\n"
        ),
        "line": 7,
    },
]


# AG103: a PyTorch pooling call floors unless the note speaks of rounding up (ceil_mode,
# Caffe) (s12-co-melspec-pool).
POOL_FLOOR: list[dict[str, Any]] = [
    {
        "id": "pool-odd-torch-ceil-claimed",
        "body": (
            f"# What does nn.MaxPool2d(2) make of a 7{TIMES}7 feature map?\n"
            "\n"
            f"It halves each side and gives 4{TIMES}4.\n"
        ),
        "line": 3,
    },
    {
        "id": "pool-odd-torch-floor",
        "body": (
            f"# What does nn.MaxPool2d(2) make of a 7{TIMES}7 feature map?\n"
            "\n"
            f"It halves each side and gives 3{TIMES}3: the last row and column "
            "are dropped.\n"
        ),
    },
    {
        "id": "pool-odd-torch-ceil-mode",
        "body": (
            f"# What does nn.MaxPool2d(2, ceil_mode=True) make of a 7{TIMES}7 "
            "feature map?\n"
            "\n"
            f"It gives 4{TIMES}4: with ceil_mode the window also covers the "
            "last row and column.\n"
        ),
    },
    {
        "id": "pool-odd-caffe-words",
        "body": (
            f"# What does a 2{TIMES}2 max pooling with stride 2 give on a 55{TIMES}55 "
            "map in Caffe, which rounds up?\n"
            "\n"
            "Caffe rounds up, so `nn.MaxPool2d(2)` copied from it would "
            f"be expected to give 28{TIMES}28; PyTorch needs ceil_mode=True for "
            "that.\n"
        ),
    },
    {
        "id": "pool-avg-odd-line",
        "body": (
            "# A 15-step sequence through nn.AvgPool1d(2): how long is "
            "the output?\n"
            "\n"
            "The pooling gives an output of length 8.\n"
        ),
        "line": 3,
    },
    {
        "id": "pool-avg-odd-line-right",
        "body": (
            "# A 15-step sequence through nn.AvgPool1d(2): how long is "
            "the output?\n"
            "\n"
            "The pooling gives an output of length 7.\n"
        ),
    },
]


# AG103: a padding the prose restates from a call's own argument is that call's, not the
# pooling's after it (s12-co-melspec-pool).
RESTATED_PADDING: list[dict[str, Any]] = [
    {
        "id": "pad-restated-pool",
        "body": (
            f"# A 64{TIMES}99 spectrogram goes through nn.Conv2d(1, 16, 3, "
            "padding=1) and nn.MaxPool2d(2). Output size?\n"
            "\n"
            f"The padding of 1 keeps 64{TIMES}99 through the convolution. The "
            f"pooling then gives 32{TIMES}50 with 16 channels.\n"
        ),
        "line": 3,
    },
    {
        "id": "pad-restated-pool-right",
        "body": (
            f"# A 64{TIMES}99 spectrogram goes through nn.Conv2d(1, 16, 3, "
            "padding=1) and nn.MaxPool2d(2). Output size?\n"
            "\n"
            f"The padding of 1 keeps 64{TIMES}99 through the convolution. The "
            f"pooling then gives 32{TIMES}49 with 16 channels.\n"
        ),
    },
    {
        "id": "pad-restated-conv-only",
        "body": (
            f"# What does nn.Conv2d(3, 8, 5, padding=2) give on a 33{TIMES}33 "
            "image?\n"
            "\n"
            f"A padding of 2 on each side keeps the size: 33{TIMES}33 with 8 "
            "channels.\n"
        ),
    },
    {
        "id": "pad-prose-override-kept",
        "body": (
            f"# Output of nn.MaxPool2d(3, stride=2) on a 56{TIMES}56 map, with "
            "a padding of 1 as ResNet uses\n"
            "\n"
            f"With that padding the pooling gives 28{TIMES}28.\n"
        ),
    },
    {
        "id": "pad-restated-1d",
        "body": (
            "# 101 frames of 40 filterbank features through "
            "nn.Conv1d(40, 64, 5, padding=2), then nn.MaxPool1d(2): how "
            "many frames are left?\n"
            "\n"
            "A padding of 2 keeps all 101 frames through the "
            "convolution; the pooling leaves 51.\n"
        ),
        "line": 3,
    },
    {
        "id": "pad-restated-1d-right",
        "body": (
            "# 101 frames of 40 filterbank features through "
            "nn.Conv1d(40, 64, 5, padding=2), then nn.MaxPool1d(2): how "
            "many frames are left?\n"
            "\n"
            "A padding of 2 keeps all 101 frames through the "
            "convolution; the pooling leaves 50.\n"
        ),
    },
]


# AG103: in a table with an effective (dilated) kernel column, that column is working, not
# the kernel a dilation applies to, and the output column's bare lengths are claims
# (s12-co-dilation-table).
EFFECTIVE_KERNEL: list[dict[str, Any]] = [
    {
        "id": "eff-table-wrong",
        "body": (
            "# Output length of a Conv1D with kernel 5 over 64 steps, by "
            "dilation\n"
            "\n"
            "Stride 1, no padding.\n"
            "\n"
            "| dilation | effective kernel | output length |\n"
            "|---|---|---|\n"
            "| 1 | 5 | 60 |\n"
            "| 2 | 9 | 57 |\n"
        ),
        "line": 8,
    },
    {
        "id": "eff-table-right",
        "body": (
            "# Output length of a Conv1D with kernel 5 over 64 steps, by "
            "dilation\n"
            "\n"
            "Stride 1, no padding.\n"
            "\n"
            "| dilation | effective kernel | output length |\n"
            "|---|---|---|\n"
            "| 1 | 5 | 60 |\n"
            "| 2 | 9 | 56 |\n"
        ),
    },
    {
        "id": "eff-table-receptive-right",
        "body": (
            "# Output length of a dilated Conv1D over 50 steps (kernel "
            "3, stride 1, no padding)\n"
            "\n"
            "| dilation | dilated kernel | output |\n"
            "|---|---|---|\n"
            "| 1 | 3 | 48 |\n"
            "| 3 | 7 | 44 |\n"
            "| 5 | 11 | 40 |\n"
        ),
    },
    {
        "id": "eff-table-receptive-wrong",
        "body": (
            "# Output length of a dilated Conv1D over 50 steps (kernel "
            "3, stride 1, no padding)\n"
            "\n"
            "| dilation | dilated kernel | output |\n"
            "|---|---|---|\n"
            "| 1 | 3 | 48 |\n"
            "| 3 | 7 | 44 |\n"
            "| 5 | 11 | 41 |\n"
        ),
        "line": 7,
    },
    {
        "id": "eff-table-stride-right",
        "body": (
            "# Output length of a Conv1D with kernel 3 and stride 2 over "
            "101 steps, no padding, by dilation\n"
            "\n"
            "| dilation | effective kernel | output |\n"
            "|---|---|---|\n"
            "| 1 | 3 | 50 |\n"
            "| 2 | 5 | 49 |\n"
        ),
    },
    {
        "id": "eff-table-stride-wrong",
        "body": (
            "# Output length of a Conv1D with kernel 3 and stride 2 over "
            "101 steps, no padding, by dilation\n"
            "\n"
            "| dilation | effective kernel | output |\n"
            "|---|---|---|\n"
            "| 1 | 3 | 50 |\n"
            "| 2 | 5 | 48 |\n"
        ),
        "line": 6,
    },
]


# AG103: a result written before the layer that gives it ('21x21x32 is what the first layer
# gives', 'comes out of', 'is produced by') (s12-co-dqn-result-first).
RESULT_FIRST: list[dict[str, Any]] = [
    {
        "id": "first-what-gives",
        "body": (
            "# Where does the map after AlexNet's first pooling come "
            "from?\n"
            "\n"
            f"26{TIMES}26 is what the 3{TIMES}3 max pooling with stride 2 and no "
            f"padding gives on the 55{TIMES}55 map of the first convolution.\n"
        ),
        "line": 3,
    },
    {
        "id": "first-what-gives-right",
        "body": (
            "# Where does the map after AlexNet's first pooling come "
            "from?\n"
            "\n"
            f"27{TIMES}27 is what the 3{TIMES}3 max pooling with stride 2 and no "
            f"padding gives on the 55{TIMES}55 map of the first convolution.\n"
        ),
    },
    {
        "id": "first-comes-out-of",
        "body": (
            f"# A 3{TIMES}3 convolution with stride 1 and no padding on a 20{TIMES}20 "
            "input\n"
            "\n"
            f"17{TIMES}17 comes out of it, with one channel per filter.\n"
        ),
        "line": 3,
    },
    {
        "id": "first-comes-out-of-right",
        "body": (
            f"# A 3{TIMES}3 convolution with stride 1 and no padding on a 20{TIMES}20 "
            "input\n"
            "\n"
            f"18{TIMES}18 comes out of it, with one channel per filter.\n"
        ),
    },
    {
        "id": "first-produced-by",
        "body": (
            f"# A 5{TIMES}5 convolution with stride 1 and no padding on a 28{TIMES}28 "
            "digit\n"
            "\n"
            f"A 25{TIMES}25 map is produced by it.\n"
        ),
        "line": 3,
    },
    {
        "id": "first-produced-by-right",
        "body": (
            f"# A 5{TIMES}5 convolution with stride 1 and no padding on a 28{TIMES}28 "
            "digit\n"
            "\n"
            f"A 24{TIMES}24 map is produced by it.\n"
        ),
    },
    {
        "id": "first-input-not-claim",
        "body": (
            f"# A 5{TIMES}5 convolution with stride 1 and no padding\n"
            "\n"
            f"28{TIMES}28 is what the digit images measure; the convolution "
            f"gives 24{TIMES}24.\n"
        ),
    },
]


# AG104: a recurrent layer whose input size the claim's own list item or sentence states,
# among other sizes of the note; a sentence that calculates settles nothing (s12-pc-lstm-list).
RECURRENT_ITEM: list[dict[str, Any]] = [
    {
        "id": "rnn-item-wrong",
        "body": (
            "# Keras text model: how many parameters does each layer "
            "hold?\n"
            "\n"
            "- `Embedding(input_dim=5000, output_dim=32)`: 160,000\n"
            "- `GRU(16)` on the 32-dim embeddings: 2,304\n"
            "- `Dense(1)`: 17\n"
        ),
        "line": 4,
    },
    {
        "id": "rnn-item-right",
        "body": (
            "# Keras text model: how many parameters does each layer "
            "hold?\n"
            "\n"
            "- `Embedding(input_dim=5000, output_dim=32)`: 160,000\n"
            "- `LSTM(16)` on the 32-dim embeddings: 3,136\n"
            "- `Dense(1)`: 17\n"
        ),
    },
    {
        "id": "rnn-item-lstm-wrong",
        "body": (
            "# Keras text model: how many parameters does each layer "
            "hold?\n"
            "\n"
            "- `Embedding(input_dim=20000, output_dim=100)`: 2,000,000\n"
            "- `LSTM(32)` on the 100-dim embeddings: 16,896\n"
            "- `Dense(1)`: 33\n"
        ),
        "line": 4,
    },
    {
        "id": "rnn-calc-sentence-open",
        "body": (
            "# How many parameters does an LSTM with 32 units on "
            "50-dimensional inputs have?\n"
            "\n"
            f"Keras `LSTM(32)`: 4 gates {TIMES} (32 {TIMES} (50 + 32) + 32) = 4 {TIMES} "
            "2,656 = 10,624.\n"
            "\n"
            f"PyTorch adds a second bias per gate: 4 {TIMES} (32 {TIMES} 50 + 32 {TIMES} 32 "
            "+ 32 + 32) = 10,752.\n"
        ),
    },
    {
        "id": "rnn-two-sizes-open",
        "body": (
            "# How many parameters does an LSTM(64) hold?\n"
            "\n"
            "On 300-dimensional word vectors with 200 time steps of 128 "
            "sequences it holds 93,440 parameters.\n"
        ),
    },
]


# AG104: two layers in one sentence, each with its sizes and its count: a count takes the
# sizes of its own clause (s12-pc-bert-ffn-extra).
CLAUSES: list[dict[str, Any]] = [
    {
        "id": "two-clauses-wrong",
        "body": (
            "# The dense layers of an MLP block (d = 512)\n"
            "\n"
            "The first dense layer (512 inputs, 2048 outputs, with bias) "
            "holds 1,050,624 parameters and the second dense layer (2048 "
            "inputs, 512 outputs, with bias) holds 1,048,576 parameters.\n"
        ),
        "line": 3,
    },
    {
        "id": "two-clauses-right",
        "body": (
            "# The dense layers of an MLP block (d = 512)\n"
            "\n"
            "The first dense layer (512 inputs, 2048 outputs, with bias) "
            "holds 1,050,624 parameters and the second dense layer (2048 "
            "inputs, 512 outputs, with bias) holds 1,049,088 parameters.\n"
        ),
    },
    {
        "id": "two-clauses-first-wrong",
        "body": (
            "# The dense layers of a bottleneck (256 to 64 and back)\n"
            "\n"
            "The squeeze layer (256 inputs, 64 outputs, with bias) holds "
            "16,448 parameters and the expansion projection (64 inputs, "
            "256 outputs, with bias) holds 16,448 parameters.\n"
        ),
        "line": 3,
    },
    {
        "id": "two-clauses-both-right",
        "body": (
            "# The dense layers of a bottleneck (256 to 64 and back)\n"
            "\n"
            "The squeeze layer (256 inputs, 64 outputs, with bias) holds "
            "16,448 parameters and the expansion projection (64 inputs, "
            "256 outputs, with bias) holds 16,640 parameters.\n"
        ),
    },
    {
        "id": "two-clauses-one-stated",
        "body": (
            "# A dense layer of a bottleneck\n"
            "\n"
            "The squeeze layer maps 256 features to 64 units and, with "
            "its biases, holds 16,448 parameters.\n"
        ),
    },
    {
        "id": "two-clauses-size-after",
        "body": (
            "# Cost of a hidden dense layer\n"
            "\n"
            "A dense layer with 32 units holds 8,224 parameters on 256 "
            "inputs and 1,056 on 32.\n"
        ),
    },
]


CASES = [
    *FLATTEN,
    *POOL_FLOOR,
    *RESTATED_PADDING,
    *EFFECTIVE_KERNEL,
    *RESULT_FIRST,
    *RECURRENT_ITEM,
    *CLAUSES,
]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    root: Path = tmp_path_factory.mktemp("batch12-layers")
    return lint_shapes(root, CASES, CODES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_shape(case: dict[str, Any], found: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, found)


@pytest.mark.parametrize(
    "group",
    [
        FLATTEN,
        POOL_FLOOR,
        RESTATED_PADDING,
        EFFECTIVE_KERNEL,
        RESULT_FIRST,
        RECURRENT_ITEM,
        CLAUSES,
    ],
    ids=[
        "FLATTEN",
        "POOL_FLOOR",
        "RESTATED_PADDING",
        "EFFECTIVE_KERNEL",
        "RESULT_FIRST",
        "RECURRENT_ITEM",
        "CLAUSES",
    ],
)
def test_class_has_five_shapes_and_near_misses(group: list[dict[str, Any]]) -> None:
    assert len(group) >= 5
    assert any(not case.get("line") for case in group)
