"""AG104, session 6 (issue #12): one layer's parameter count read from what the note states.

Each shape below states a layer's settings and a count somewhere in a note (a sentence, the
question heading, a list, a cloze, bold, the Extra section after ``***``), in several
notations; a wrong case names the body line of its finding, a correct near miss (or a note
that does not state every quantity of one layer) must get nothing. The pieces the reading
rests on (settings collected from text, the counts a layer allows) are tested on their own.
"""

# The notes are written as authors write them, with multiplication signs.
# ruff: noqa: RUF001

from __future__ import annotations

from typing import Any

import pytest

from ankigen.lint.rules.layers.param_statements import (
    LayerSettings,
    allowed_layer_counts,
    read_settings,
)
from tests.rule_harness import assert_shape, lint_shapes


def _case(case_id: str, body: str, line: int | None = None) -> dict[str, Any]:
    kind = "cloze" if "{{c1::" in body else "basic"
    return {"id": case_id, "body": body, "type": kind, **({"line": line} if line else {})}


SHAPES = [
    # --- dense layers -------------------------------------------------------------------------
    _case(
        "dense-ie-bad",
        "# What does the projection cost?\n\n"
        "A linear projection from 768 to 256 dimensions, i.e. 196,600 parameters.\n",
        3,
    ),
    _case(
        "dense-ie-good",
        "# What does the projection cost?\n\n"
        "A linear projection from 768 to 256 dimensions, i.e. 196,864 parameters.\n",
    ),
    _case(
        "dense-heading-bold-bad",
        "# How many parameters has Dense(32) on a 100-feature input?\n\n**3,200**\n",
        3,
    ),
    _case(
        "dense-heading-bold-good",
        "# How many parameters has Dense(32) on a 100-feature input?\n\n**3,232**\n",
    ),
    _case(
        "dense-cloze-bad",
        "A Dense layer with 256 inputs and 128 units has {{c1::32,768}} trainable parameters.\n",
        1,
    ),
    _case(
        "dense-cloze-good",
        "A Dense layer with 256 inputs and 128 units has {{c1::32,896}} trainable parameters.\n",
    ),
    _case(
        "dense-split-total-bad",
        "# How many parameters has a dense layer from 64 inputs to 10 units?\n\n"
        "It has 640 weights and 10 biases, so 660 parameters.\n",
        3,
    ),
    _case(
        "dense-split-total-good",
        "# How many parameters has a dense layer from 64 inputs to 10 units?\n\n"
        "It has 640 weights and 10 biases, so 650 parameters.\n",
    ),
    _case(
        "dense-split-weights-bad",
        "# How many parameters has a dense layer from 64 inputs to 10 units?\n\n"
        "It has 650 weights and 10 biases.\n",
        3,
    ),
    _case(
        "dense-m-suffix-bad",
        "# How big is the layer?\n\nA Dense(1024) on 2048 input features has 1.1M parameters.\n",
        3,
    ),
    _case(
        "dense-m-suffix-good",
        "# How big is the layer?\n\nA Dense(1024) on 2048 input features has 2.1M parameters.\n",
    ),
    _case(
        "dense-result-first-bad",
        "# Cost of a classifier\n\n"
        "It takes 5,120 parameters to map 512 features to 10 classes with one dense layer.\n",
        3,
    ),
    _case(
        "dense-result-first-good",
        "# Cost of a classifier\n\n"
        "It takes 5,130 parameters to map 512 features to 10 classes with one dense layer.\n",
    ),
    _case(
        "dense-neurons-bad",
        "# A hidden layer\n\n"
        "A layer of 100 neurons fully connected to 784 inputs has 78,400 weights and 100 "
        "biases, 78,400 parameters in total.\n",
        3,
    ),
    _case(
        "dense-list-bad",
        "# How many parameters has this layer?\n\n"
        "- input: 20 features\n- layer: Dense with 64 units\n- Param #: 1,280\n",
        5,
    ),
    _case(
        "dense-list-good",
        "# How many parameters has this layer?\n\n"
        "- input: 20 features\n- layer: Dense with 64 units\n- Param #: 1,344\n",
    ),
    _case(
        "dense-extra-bad",
        "# How many parameters has a fully connected layer from 300 inputs to 100 units?\n\n"
        "Weights plus one bias per unit.\n\n***\n\nCount: 30,000 parameters.\n",
        7,
    ),
    _case(
        "dense-weights-good",
        "# How many weights has a dense layer from 300 inputs to 100 units?\n\n"
        "It has 30,000 weights.\n",
    ),
    _case(
        "dense-about-good",
        "# How big is the layer?\n\n"
        "A dense layer from 300 inputs to 100 units has about 29,000 parameters.\n",
    ),
    _case(
        "dense-two-layers-good",
        "# Parameters of a small MLP\n\n"
        "A network with 784 inputs, a hidden layer of 128 units and 10 outputs has 101,700 "
        "parameters.\n",
    ),
    # --- convolutions -------------------------------------------------------------------------
    _case(
        "conv-rgb-bad",
        "# First layer\n\n"
        "The first conv applies 64 filters of 7×7 to the RGB input: 9,400 parameters.\n",
        3,
    ),
    _case(
        "conv-rgb-good",
        "# First layer\n\n"
        "The first conv applies 64 filters of 7×7 to the RGB input: 9,472 parameters.\n",
    ),
    _case(
        "conv-nobias-bad",
        "# Why drop the bias before BatchNorm?\n\n"
        "BatchNorm re-centres the activations. A 5×5 conv from 16 to 32 channels with "
        "bias=False has 12,832 parameters.\n",
        3,
    ),
    _case(
        "conv-nobias-good",
        "# Why drop the bias before BatchNorm?\n\n"
        "BatchNorm re-centres the activations. A 5×5 conv from 16 to 32 channels with "
        "bias=False has 12,800 parameters.\n",
    ),
    _case(
        "conv-by-gray-bad",
        "# How many parameters?\n\n"
        "A 5 by 5 convolution with 20 filters on a grayscale image has 500 parameters.\n",
        3,
    ),
    _case(
        "conv-by-gray-good",
        "# How many parameters?\n\n"
        "A 5 by 5 convolution with 20 filters on a grayscale image has 520 parameters.\n",
    ),
    _case(
        "conv-heading-bad",
        "# Conv2D(16, 3) on 28×28×1 MNIST images: how many parameters?\n\nIt has 144.\n",
        3,
    ),
    _case(
        "conv-heading-good",
        "# Conv2D(16, 3) on 28×28×1 MNIST images: how many parameters?\n\nIt has 160.\n",
    ),
    _case(
        "conv1d-bad",
        "# Size of a temporal conv\n\n"
        "A Conv1D with 64 filters of width 5 over 12 input channels has 3,840 params.\n",
        3,
    ),
    _case(
        "conv3d-good",
        "# Size of a video conv\n\nA 3×3×3 Conv3D from 16 to 32 channels has 13,856 params.\n",
    ),
    _case(
        "conv-split-bad",
        "# What does a 3x3 conv with 32 filters on 16 input channels hold?\n\n"
        "It holds 4,608 weights and 32 biases: 4,608 parameters.\n",
        3,
    ),
    _case(
        "conv-pretrained-good",
        "# How big is ResNet-50?\n\n"
        "ResNet-50 has 25.6M parameters; its first 7×7 conv has 64 filters.\n",
    ),
    _case(
        "conv-frozen-good",
        "# Fine-tuning\n\n"
        "With the backbone frozen, only the new Dense(10) head on 2048 features trains: "
        "20,490 trainable parameters out of 23.6M.\n",
    ),
    # --- other layers -------------------------------------------------------------------------
    _case(
        "embedding-bad",
        "# Embedding size\n\n"
        "An Embedding of a 10,000-word vocabulary into 300 dimensions has 3,000,300 "
        "parameters.\n",
        3,
    ),
    _case(
        "lstm-bad",
        "# LSTM size\n\nAn LSTM with 128 units on 64 input features has 98,304 parameters.\n",
        3,
    ),
    _case(
        "lstm-good",
        "# LSTM size\n\nAn LSTM with 128 units on 64 input features has 98,816 parameters.\n",
    ),
    _case(
        "layernorm-bad",
        "# LayerNorm size\n\nA LayerNorm over 512 features has 256 parameters.\n",
        3,
    ),
    _case(
        "two-scenarios-bad",
        "# Two dense layers\n\n"
        "A dense layer from 10 inputs to 5 units has 55 parameters.\n\n"
        "A dense layer from 20 inputs to 5 units has 100 parameters.\n",
        5,
    ),
    # --- more notations and layouts --------------------------------------------------------
    _case(
        "dense-with-bias-bad",
        "# Cost of a small head\n\nA Dense(10) with bias on 64 inputs has 640 parameters.\n",
        3,
    ),
    _case(
        "dense-arrow-heading-bad",
        "# Parameters of a fully connected layer 4096 → 1000\n\n"
        "The layer holds 4,096,000 parameters.\n",
        3,
    ),
    _case(
        "dense-arrow-heading-good",
        "# Parameters of a fully connected layer 4096 → 1000\n\n"
        "The layer holds 4,097,000 parameters.\n",
    ),
    _case(
        "dense-bold-first-bad",
        "# Classifier head\n\n**5,120 parameters**: a Dense(10) on 512 features.\n",
        3,
    ),
    _case(
        "dense-torch-nobias-bad",
        "# Size of a projection\n\n"
        "`nn.Linear(in_features=512, out_features=64, bias=False)` has 32,832 parameters.\n",
        3,
    ),
    _case(
        "dense-torch-nobias-good",
        "# Size of a projection\n\n"
        "`nn.Linear(in_features=512, out_features=64, bias=False)` has 32,768 parameters.\n",
    ),
    _case(
        "conv-labelled-list-bad",
        "# How many parameters has this convolution?\n\n"
        "- filters: 32\n- kernel: 3×3\n- input channels: 3\n- params: 864\n",
        6,
    ),
    _case(
        "conv-labelled-list-good",
        "# How many parameters has this convolution?\n\n"
        "- filters: 32\n- kernel: 3×3\n- input channels: 3\n- params: 896\n",
    ),
    _case(
        "conv-each-filter-good",
        "# Parameters of the first conv\n\n"
        "Each of the 64 filters of the 3×3 conv on an RGB image has 3×3×3 weights plus a bias, "
        "so the layer has 1,792 params.\n",
    ),
    _case(
        "conv-k-suffix-bad",
        "# Conv cost\n\nA 3×3 conv from 256 to 256 channels has 500k parameters.\n",
        3,
    ),
    _case(
        "conv-k-suffix-good",
        "# Conv cost\n\nA 3×3 conv from 256 to 256 channels has 590k parameters.\n",
    ),
    _case(
        "two-settings-good",
        "# Which is cheaper?\n\n"
        "A dense layer with 64 units costs 8,256 parameters on 128 inputs and 4,160 on 64.\n",
    ),
    _case(
        "several-layers-question-good",
        "# How many parameters has Dense(64) then Dense(10) on 100 features?\n\n"
        "It has 7,114 parameters.\n",
    ),
    # --- round 3: verbs, labels, layouts ----------------------------------------------------
    _case(
        "dense-count-is-bad",
        "# How many parameters has Dense(64, input_dim=20)?\n\nThe count is 1,280.\n",
        3,
    ),
    _case(
        "dense-no-kind-word-bad",
        "# Output neurons\n\n"
        "Each of the 10 output neurons connects to all 84 inputs plus a bias, 840 parameters "
        "in all.\n",
        3,
    ),
    _case(
        "dense-no-kind-word-good",
        "# Output neurons\n\n"
        "Each of the 10 output neurons connects to all 84 inputs plus a bias, 850 parameters "
        "in all.\n",
    ),
    _case(
        "dense-needs-bad",
        "# Tiny layer\n\nA dense layer of 10 neurons receiving 100 inputs needs 1,000 "
        "parameters.\n",
        3,
    ),
    _case(
        "dense-big-good",
        "# AlexNet's FC6\n\n"
        "A fully connected layer with 4,096 neurons on 9,216 inputs: 37,752,832 parameters.\n",
    ),
    _case(
        "conv-arrow-channels-bad",
        "# Cost of a conv\n\nA 3×3 conv, 64 → 128 channels: 73,728 params.\n",
        3,
    ),
    _case(
        "conv-keras-call-bad",
        "# First layer of a LeNet-like net\n\n"
        "`Conv2D(filters=32, kernel_size=(5, 5), input_shape=(28, 28, 1))` has 800 "
        "parameters.\n",
        3,
    ),
    _case(
        "conv-rgb-shape-good",
        "# Small conv\n\n"
        "A Conv2D layer with 16 filters of size 3×3 applied to a 64×64 RGB image has 448 "
        "parameters.\n",
    ),
    _case(
        "conv-reducing-bad",
        "# Bottleneck\n\nA 1×1 convolution reducing 512 channels to 128 has 65,536 parameters.\n",
        3,
    ),
    _case(
        "dense-split-plus-good",
        "# Dense(10) on 64 features\n\n640 weights + 10 biases = 650 parameters.\n",
    ),
    _case(
        "dense-regression-bad",
        "# Linear regression as a layer\n\n"
        "A `Dense(1)` on 10 features, i.e. linear regression, has 10 parameters.\n",
        3,
    ),
    _case(
        "bias-contrast-next-sentence-good",
        "# How many parameters has a dense layer from 128 inputs to 64 units?\n\n"
        "It has 8,256 parameters. Without bias it has 8,192.\n",
    ),
    _case(
        "bias-contrast-semicolon-good",
        "# Dense sizes\n\n"
        "A Dense(64) on 128 inputs has 8,256 parameters; with use_bias=False it has 8,192 "
        "parameters.\n",
    ),
    _case(
        "bias-contrast-semicolon-bad",
        "# Dense sizes\n\n"
        "A Dense(64) on 128 inputs has 8,256 parameters; with use_bias=False it has 8,256 "
        "parameters.\n",
        3,
    ),
    _case(
        "extra-section-good",
        "# How many parameters has a 3×3 conv from 16 to 32 channels?\n\n"
        "4,640 parameters.\n\n***\n\nWithout biases it would be 4,608.\n",
    ),
    _case(
        "key-value-table-bad",
        "# How many parameters has this layer?\n\n"
        "| Setting | Value |\n|---|---|\n| Layer | Dense |\n| Input features | 20 |\n"
        "| Units | 64 |\n| Parameters | 1,280 |\n",
        8,
    ),
    _case(
        "key-value-table-good",
        "# How many parameters has this layer?\n\n"
        "| Setting | Value |\n|---|---|\n| Layer | Dense |\n| Input features | 20 |\n"
        "| Units | 64 |\n| Parameters | 1,344 |\n",
    ),
    _case(
        "bold-label-bad",
        "# A 5×5 Conv2D with 6 filters on 32×32×3 images\n\n**Parameters:** 450\n",
        3,
    ),
    _case(
        "cloze-inputs-bad",
        "A dense layer on {{c1::784}} inputs with {{c2::10}} units has 7,840 parameters.\n",
        1,
    ),
    _case(
        "extra-claim-bad",
        "# Why does a 3×3 conv from 16 to 32 channels learn its own bias per filter?\n\n"
        "Each output channel gets one shared offset.\n\n***\n\n"
        "So the layer holds 4,608 parameters.\n",
        7,
    ),
    _case(
        "result-sentence-before-bad",
        "# Cost of a classifier\n\n5,120 parameters. That is the cost of a Dense(10) on 512 "
        "features.\n",
        3,
    ),
    _case(
        "torch-conv-bad",
        "# PyTorch conv\n\n`nn.Conv2d(3, 16, kernel_size=5)` has 1,200 parameters.\n",
        3,
    ),
    _case(
        "torch-conv-good",
        "# PyTorch conv\n\n`nn.Conv2d(3, 16, kernel_size=5)` has 1,216 parameters.\n",
    ),
    _case(
        "input-shape-words-bad",
        "# Keras layer\n\nA Dense layer with 128 neurons and input shape (784,) has 100,352 "
        "params.\n",
        3,
    ),
    _case(
        "flattened-map-bad",
        "# VGG head\n\nA fully connected layer with 10 outputs on the flattened 7×7×512 "
        "feature map has 250,880 parameters.\n",
        3,
    ),
    _case(
        "flattened-map-good",
        "# VGG head\n\nA fully connected layer with 10 outputs on the flattened 7×7×512 "
        "feature map has 250,890 parameters.\n",
    ),
    _case(
        "keras-input-shape-good",
        "# First conv\n\n`Conv2D(32, (3, 3), input_shape=(64, 64, 3))` has 896 parameters.\n",
    ),
    _case(
        "keras-input-shape-bad",
        "# First conv\n\n`Conv2D(32, (3, 3), input_shape=(64, 64, 3))` has 864 parameters.\n",
        3,
    ),
    _case(
        "conv-previous-maps-bad",
        "# Second conv\n\n`Conv2D(64, 3, padding='same')` on the 32 feature maps from the "
        "previous layer has 18,464 params.\n",
        3,
    ),
    _case(
        "conv-previous-maps-good",
        "# Second conv\n\n`Conv2D(64, 3, padding='same')` on the 32 feature maps from the "
        "previous layer has 18,496 params.\n",
    ),
    # --- other kinds bound to their own sentence ---------------------------------------------
    _case(
        "lstm-with-head-bad",
        "# A small sequence classifier\n\n"
        "An LSTM with 64 units on 32 input features has 24,576 parameters. The Dense(1) head "
        "on its 64 outputs adds 65 parameters.\n",
        3,
    ),
    _case(
        "lstm-with-head-good",
        "# A small sequence classifier\n\n"
        "An LSTM with 64 units on 32 input features has 24,832 parameters. The Dense(1) head "
        "on its 64 outputs adds 65 parameters.\n",
    ),
    _case(
        "embedding-with-head-bad",
        "# A bag-of-embeddings classifier\n\n"
        "The embedding maps a vocabulary of 5,000 words to 64 dimensions: 320,064 "
        "parameters. A Dense(3) on the 64-dimensional average adds 195 parameters.\n",
        3,
    ),
    _case(
        "bidirectional-good",
        "# Bidirectional LSTM\n\n"
        "A bidirectional LSTM with 64 units on 32 input features has 49,664 parameters.\n",
    ),
]


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("params"), SHAPES, ["AG101", "AG104"])


def test_the_shapes_come_in_wrong_and_correct_cases() -> None:
    ids = [case["id"] for case in SHAPES]
    assert len(ids) == len(set(ids))
    wrong = [case for case in SHAPES if case.get("line")]
    assert len(wrong) >= 15 and len(SHAPES) - len(wrong) >= 15


@pytest.mark.parametrize("case", SHAPES, ids=[case["id"] for case in SHAPES])
def test_shape(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)


def _read(text: str) -> LayerSettings | None:
    return read_settings(text, [(0, len(text))], [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a linear projection from 768 to 256 dimensions", LayerSettings("dense", 768, 256)),
        ("Dense(32) on a 100-feature input", LayerSettings("dense", 100, 32)),
        ("a dense layer 4096 → 1000", LayerSettings("dense", 4096, 1000)),
        (
            "the flattened 28×28 image has 784 values; the layer is Dense(128)",
            LayerSettings("dense", 784, 128),
        ),
        (
            "a 5 by 5 convolution with 20 filters on a grayscale image",
            LayerSettings("conv", 1, 20, (5, 5)),
        ),
        ("Conv2D(16, 3) on 28×28×1 images", LayerSettings("conv", 1, 16, (3, 3))),
        ("a Conv1D(64, 5) over 12 input channels", LayerSettings("conv", 12, 64, (5,))),
        (
            "a 3×3 conv from 32 to 64 channels with use_bias=False",
            LayerSettings("conv", 32, 64, (3, 3), False),
        ),
        ("- filters: 32\n- kernel: 3×3\n- input channels: 3", LayerSettings("conv", 3, 32, (3, 3))),
        ("a dense layer with 64 units and a bias per unit", LayerSettings("dense", None, 64)),
        ("the answer says it has 640", LayerSettings("")),
    ],
)
def test_one_layer_is_read_from_its_stated_settings(text: str, expected: LayerSettings) -> None:
    got = _read(text)
    assert got is not None
    assert (got.kind, got.inputs, got.outputs, got.kernel) == (
        expected.kind,
        expected.inputs,
        expected.outputs,
        expected.kernel,
    )
    if expected.bias is False:
        assert got.bias is False


@pytest.mark.parametrize(
    "text",
    [
        "a dense layer with 128 inputs and 64 units, then a conv with 3x3 kernels",
        "an MLP with 784 inputs and 128 hidden units",
        "a dense layer with 64 units on 128 inputs or on 256 inputs",
        "an LSTM with 128 units on 64 features, then a GRU",
        "a bidirectional LSTM with 128 units on 64 features",
        "a 3x3 conv after a 2x2 max pooling",
        "ResNet-50 has a 7x7 conv with 64 filters",
    ],
)
def test_several_layers_or_values_are_no_one_layer(text: str) -> None:
    assert _read(text) is None


def test_a_kernel_of_one_size_needs_to_know_its_dimensions() -> None:
    unclear = _read("a convolution with 16 filters, kernel size 3 and 8 input channels")
    assert unclear is not None and unclear.kernel is None
    image = _read("a convolution with kernel size 3 and 16 filters on 8-channel images")
    assert image is not None and image.kernel == (3, 3)


def test_the_counts_a_layer_allows() -> None:
    dense = LayerSettings("dense", 128, 64)
    assert allowed_layer_counts(dense, "parameters") == {8256}
    assert allowed_layer_counts(dense, "weights") == {8256, 8192}  # "weights" may mean no bias
    assert allowed_layer_counts(dense, "only-weights") == {8192}
    assert allowed_layer_counts(dense, "biases") == {64}
    no_bias = LayerSettings("dense", 128, 64, None, False)
    assert allowed_layer_counts(no_bias, "parameters") == {8192}
    assert allowed_layer_counts(no_bias, "biases") == {0}
    conv = LayerSettings("conv", 64, 128, (3, 3))
    assert allowed_layer_counts(conv, "parameters") == {73856}
    assert allowed_layer_counts(LayerSettings("conv", 12, 64, (5,)), "parameters") == {3904}


def test_another_kind_of_layer_is_read_with_its_own_formula() -> None:
    lstm = _read("an LSTM with 128 units on 64 input features")
    assert lstm is not None and lstm.kind == "LSTM"
    assert 4 * (128 * (128 + 64) + 128) in allowed_layer_counts(lstm, "parameters")
    partial = _read("an LSTM with 128 units")
    assert partial is not None and partial.counts == ()  # its inputs are elsewhere, or nowhere
