"""AG104, round 3 of issue #12: the reasons sealed batch 9's parameter counts went unread.

Five classes, each in several shapes (topic, notation, position), a wrong note with the body
line of its finding and a correct near miss that must get nothing:

- a dense layer's inputs stated as the data fed into it ("flattened to 3,072 values", "the 40
  features are passed to", "64 x 64 images are flattened");
- a list item that labels a count without a noun ("- ``Dense(16)``: 528", "- with bias: …");
- a list of layers whose first input is stated in a paragraph before the list;
- a count written as the result of LaTeX math (display or inline);
- a table row that names its layer in its own text ("| Dense 512 → 10 | 5,130 |").
"""

# The notes are written as authors write them, with multiplication signs and arrows.
# ruff: noqa: RUF001

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ankigen.lint.rules.layers.counts import item_count
from tests.rule_harness import assert_shape, lint_shapes


def _case(case_id: str, body: str, line: int | None = None) -> dict[str, Any]:
    kind = "cloze" if "{{c1::" in body else "basic"
    return {"id": case_id, "body": body, "type": kind, **({"line": line} if line else {})}


FED_INPUTS = [
    _case(
        "fed-flattened-bad",
        "# What does the first layer of a CIFAR classifier cost?\n\n"
        "Each 32 × 32 × 3 picture is flattened to 3,072 values and fed to `Dense(256)`, "
        "so the layer holds 786,432 parameters.\n",
        3,
    ),
    _case(
        "fed-flattened-good",
        "# What does the first layer of a CIFAR classifier cost?\n\n"
        "Each 32 × 32 × 3 picture is flattened to 3,072 values and fed to `Dense(256)`, "
        "so the layer holds 786,688 parameters.\n",
    ),
    _case(
        "fed-passed-bad",
        "# Size of a tabular model's input layer\n\n"
        "The 40 features are passed to a dense layer of 16 units; that layer has 640 "
        "trainable parameters.\n",
        3,
    ),
    _case(
        "fed-passed-good",
        "# Size of a tabular model's input layer\n\n"
        "The 40 features are passed to a dense layer of 16 units; that layer has 656 "
        "trainable parameters.\n",
    ),
    _case(
        "fed-shape-flattened-bad",
        "# Parameters of a fully connected layer on Fashion-MNIST\n\n"
        "The 28x28 images are flattened and a `Dense(64)` on them has 50,176 parameters.\n",
        3,
    ),
    _case(
        "fed-shape-flattened-good",
        "# Parameters of a fully connected layer on Fashion-MNIST\n\n"
        "The 28x28 images are flattened and a `Dense(64)` on them has 50,240 parameters.\n",
    ),
    _case(
        "fed-feed-into-bad",
        "# A linear layer's size\n\n"
        "We feed 100 values into `nn.Linear(100, 8)`, which gives 800 parameters in total.\n",
        3,
    ),
    _case(
        "fed-feed-into-good",
        "# A linear layer's size\n\n"
        "We feed 100 values into `nn.Linear(100, 8)`, which gives 808 parameters in total.\n",
    ),
]

FED_INPUTS += [
    _case(
        "fed-receives-bad",
        "# Cost of the first layer of a digit classifier\n\n"
        "`Dense(32)` receives the 64 pixel values of an 8 × 8 digit and has 2,048 parameters.\n",
        3,
    ),
    _case(
        "fed-receives-good",
        "# Cost of the first layer of a digit classifier\n\n"
        "`Dense(32)` receives the 64 pixel values of an 8 × 8 digit and has 2,080 parameters.\n",
    ),
]

LABELLED_ITEMS = [
    _case(
        "items-mlp-bad",
        "# Parameter count of a house-price MLP on 12 input features\n\n"
        "- `Dense(64)`: 832\n"
        "- `Dense(32)`: 2,048\n"
        "- `Dense(1)`: 33\n",
        4,
    ),
    _case(
        "items-mlp-good",
        "# Parameter count of a house-price MLP on 12 input features\n\n"
        "- `Dense(64)`: 832\n"
        "- `Dense(32)`: 2,080\n"
        "- `Dense(1)`: 33\n",
    ),
    _case(
        "items-mlp-calc-good",
        "# Parameter count of a house-price MLP on 12 input features\n\n"
        "- `Dense(64)`: 12 × 64 + 64 = 832\n"
        "- `Dense(32)`: 64 × 32 + 32 = 2,080\n"
        "- total: 832 + 2,080 = 2,912\n",
    ),
    _case(
        "items-bias-scenarios-bad",
        "# How many parameters has `Conv2D(32, 5)` on 16 input channels, with and without bias?\n\n"
        "- without bias: 5 × 5 × 16 × 32 = 12,800\n"
        "- with bias: 12,816\n",
        4,
    ),
    _case(
        "items-bias-scenarios-good",
        "# How many parameters has `Conv2D(32, 5)` on 16 input channels, with and without bias?\n\n"
        "- without bias: 5 × 5 × 16 × 32 = 12,800\n"
        "- with bias: 12,832\n",
    ),
    _case(
        "items-torch-numbered-bad",
        "# How many parameters do these PyTorch layers have?\n\n"
        "1. `nn.Linear(300, 50)`: 15,000\n"
        "2. `nn.Linear(50, 2)`: 102\n",
        3,
    ),
    _case(
        "items-torch-numbered-good",
        "# How many parameters do these PyTorch layers have?\n\n"
        "1. `nn.Linear(300, 50)`: 15,050\n"
        "2. `nn.Linear(50, 2)`: 102\n",
    ),
    # a label that names a size is no count: "output channels: 64" under a parameter question
    _case(
        "items-size-label-good",
        "# How many parameters has a 3 × 3 convolution from 32 to 64 channels?\n\n"
        "- output channels: 64\n"
        "- parameters: 3 × 3 × 32 × 64 + 64 = 18,496\n",
    ),
]

PREAMBLE_INPUTS = [
    _case(
        "preamble-gru-bad",
        "# How many parameters has the head on top of a `GRU(128)`?\n\n"
        "The GRU hands over a 128-dimensional hidden state. The head is:\n\n"
        "- `Dense(32)`: 4,096 parameters\n"
        "- `Dense(3)`: 99 parameters\n",
        5,
    ),
    _case(
        "preamble-gru-good",
        "# How many parameters has the head on top of a `GRU(128)`?\n\n"
        "The GRU hands over a 128-dimensional hidden state. The head is:\n\n"
        "- `Dense(32)`: 4,128 parameters\n"
        "- `Dense(3)`: 99 parameters\n",
    ),
    _case(
        "preamble-input-line-bad",
        "# Parameters of a small sensor classifier\n\n"
        "The input has 24 features.\n\n"
        "1. `Dense(16)`: 400 parameters\n"
        "2. `Dense(4)`: 80 parameters\n",
        6,
    ),
    _case(
        "preamble-input-line-good",
        "# Parameters of a small sensor classifier\n\n"
        "The input has 24 features.\n\n"
        "1. `Dense(16)`: 400 parameters\n"
        "2. `Dense(4)`: 68 parameters\n",
    ),
    _case(
        "preamble-encoder-bad",
        "# Parameters of a retrieval projection\n\n"
        "It is applied to 768-dimensional encoder outputs.\n\n"
        "- `Dense(256)`: 196,608 parameters\n"
        "- `Dense(64)`: 16,448 parameters\n",
        5,
    ),
    _case(
        "preamble-encoder-good",
        "# Parameters of a retrieval projection\n\n"
        "It is applied to 768-dimensional encoder outputs.\n\n"
        "- `Dense(256)`: 196,864 parameters\n"
        "- `Dense(64)`: 16,448 parameters\n",
    ),
]

PREAMBLE_INPUTS += [
    # the 300-d vectors are the LSTM's input; the head's input is the LSTM's, not stated here
    _case(
        "preamble-other-layer-first-good",
        "# How many parameters has the head of a sentiment model?\n\n"
        "300-dimensional word vectors go into an `LSTM(128)`, and its last state into the head:"
        "\n\n"
        "- `Dense(32)`: 4,128 parameters\n"
        "- `Dense(2)`: 66 parameters\n",
    ),
]

MATH_RESULTS = [
    _case(
        "math-display-bad",
        "# How many parameters has a 3 × 3 convolution from 64 to 128 channels?\n\n"
        "Every filter has its own bias:\n\n"
        "$$3 \\times 3 \\times 64 \\times 128 + 64 = 73{,}792$$\n",
        5,
    ),
    _case(
        "math-display-good",
        "# How many parameters has a 3 × 3 convolution from 64 to 128 channels?\n\n"
        "Every filter has its own bias:\n\n"
        "$$3 \\times 3 \\times 64 \\times 128 + 128 = 73{,}856$$\n",
    ),
    _case(
        "math-bracket-dense-bad",
        "# How many parameters does a dense layer from 512 inputs to 10 units have?\n\n"
        "\\[ 512 \\times 10 + 512 = 5632 \\]\n",
        3,
    ),
    _case(
        "math-bracket-dense-good",
        "# How many parameters does a dense layer from 512 inputs to 10 units have?\n\n"
        "\\[ 512 \\times 10 + 10 = 5130 \\]\n",
    ),
    _case(
        "math-inline-bad",
        "# Counting a dense layer\n\n"
        "A dense layer with 256 inputs and 32 units has $256 \\times 32 + 256 = 8{,}448$ "
        "parameters.\n",
        3,
    ),
    _case(
        "math-inline-good",
        "# Counting a dense layer\n\n"
        "A dense layer with 256 inputs and 32 units has $256 \\times 32 + 32 = 8{,}224$ "
        "parameters.\n",
    ),
    # a step of the calculation, then the count in prose: the step is no count of the layer
    _case(
        "math-step-good",
        "# How many parameters has a 3 × 3 convolution from 64 to 128 channels?\n\n"
        "$$3 \\times 3 \\times 64 + 1 = 577$$\n\n"
        "per filter, and 577 × 128 = 73,856 in all.\n",
    ),
    # the weights alone, written as the answer's math: a count of weights may leave biases out
    _case(
        "math-weights-only-good",
        "# How many parameters has a 3 × 3 convolution from 64 to 128 channels?\n\n"
        "The weights alone:\n\n"
        "$$3 \\times 3 \\times 64 \\times 128 = 73{,}728$$\n",
    ),
]

MATH_RESULTS += [
    _case(
        "math-aligned-bad",
        "# How many parameters does `Conv1D(64, 5)` on 12 input channels have?\n\n"
        "$$\\begin{aligned} P &= (5 \\cdot 12 + 1) \\cdot 32 \\\\ &= 61 \\cdot 32 = 1{,}952 "
        "\\end{aligned}$$\n",
        3,
    ),
    _case(
        "math-aligned-good",
        "# How many parameters does `Conv1D(64, 5)` on 12 input channels have?\n\n"
        "$$\\begin{aligned} P &= (5 \\cdot 12 + 1) \\cdot 64 \\\\ &= 61 \\cdot 64 = 3{,}904 "
        "\\end{aligned}$$\n",
    ),
]

TABLE_ROWS = [
    _case(
        "rows-arrow-bad",
        "# Parameters of an autoencoder's dense layers\n\n"
        "| layer | parameters |\n"
        "|---|---|\n"
        "| Dense 784 → 64 | 50,240 |\n"
        "| Dense 64 → 784 | 50,240 |\n",
        6,
    ),
    _case(
        "rows-arrow-good",
        "# Parameters of an autoencoder's dense layers\n\n"
        "| layer | parameters |\n"
        "|---|---|\n"
        "| Dense 784 → 64 | 50,240 |\n"
        "| Dense 64 → 784 | 50,960 |\n",
    ),
    _case(
        "rows-torch-call-bad",
        "# What do the classifier's linear layers cost?\n\n"
        "| module | params |\n"
        "|---|---|\n"
        "| `nn.Linear(2048, 512)` | 1,048,576 |\n"
        "| `nn.Linear(512, 20)` | 10,260 |\n",
        5,
    ),
    _case(
        "rows-torch-call-good",
        "# What do the classifier's linear layers cost?\n\n"
        "| module | params |\n"
        "|---|---|\n"
        "| `nn.Linear(2048, 512)` | 1,049,088 |\n"
        "| `nn.Linear(512, 20)` | 10,260 |\n",
    ),
    _case(
        "rows-conv-words-bad",
        "# Parameters of two convolutions\n\n"
        "| layer | parameters |\n"
        "|---|---|\n"
        "| 3 × 3 conv, 3 input channels, 16 filters | 448 |\n"
        "| 3 × 3 conv, 16 input channels, 32 filters | 4,608 |\n",
        6,
    ),
    _case(
        "rows-conv-words-good",
        "# Parameters of two convolutions\n\n"
        "| layer | parameters |\n"
        "|---|---|\n"
        "| 3 × 3 conv, 3 input channels, 16 filters | 448 |\n"
        "| 3 × 3 conv, 16 input channels, 32 filters | 4,640 |\n",
    ),
    # a row that does not state its input is left alone, even when the heading gives one
    _case(
        "rows-no-input-good",
        "# Parameter counts of a CNN on 64 × 64 × 3 images\n\n"
        "| layer | parameters |\n"
        "|---|---|\n"
        "| Conv2D, 32 filters 3 × 3 | 896 |\n"
        "| Conv2D, 64 filters 3 × 3 | 18,496 |\n",
    ),
]

SHAPES = FED_INPUTS + LABELLED_ITEMS + PREAMBLE_INPUTS + MATH_RESULTS + TABLE_ROWS


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    root: Path = tmp_path_factory.mktemp("params9")
    return lint_shapes(root, SHAPES, ["AG104"])


@pytest.mark.parametrize("case", SHAPES, ids=[case["id"] for case in SHAPES])
def test_shape(case: dict[str, Any], found: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, found)


def test_every_class_has_a_failing_case_and_a_near_miss() -> None:
    for group in (FED_INPUTS, LABELLED_ITEMS, PREAMBLE_INPUTS, MATH_RESULTS, TABLE_ROWS):
        assert len([case for case in group if case.get("line")]) >= 3
        assert len([case for case in group if not case.get("line")]) >= 3


@pytest.mark.parametrize(
    ("item", "count"),
    [
        ("- `Dense(16, activation='relu')`: 528", "528"),
        ("1. with bias: 295,168 parameters", "295,168"),
        ("- conv2: 3 x 3 x 16 x 32 + 32 = 4,640", "4,640"),
        ("- total: 1,217", "1,217"),
        ("- `Linear(64, 8)` \N{EM DASH} 520", "520"),
        ("- output channels: 64", None),  # a size
        ("- input: 20", None),  # names no layer and no count
        ("- `Dense(16)`: 528 (a quarter of the model)", None),  # the count does not end it
    ],
)
def test_a_labelled_item_states_its_count(item: str, count: str | None) -> None:
    found = item_count(item, 0, len(item))
    assert (found.text if found is not None else None) == count
