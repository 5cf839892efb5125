"""AG104, session 8 of issue #12: parameter counts of layers whose quantities the role tagging
did not reach. Own-words notes, one class per group, varied topics and positions (paragraph,
list item, table row, bold, cloze, code comment, Extra part):

- recurrent layers (LSTM, GRU, PyTorch's two bias vectors, ``reset_after``) whose sizes stand
  in their own list item, table row or sentence beside other layers;
- bidirectional wrappers double the wrapped layer;
- embeddings (vocabulary x dimension), with "k"/"M" suffixes;
- normalisation layers (BatchNorm 4·C with 2·C trainable, LayerNorm 2·d);
- depthwise, separable and bias-free convolutions; sums over a few layers; clozes.

Each shape comes twice, with a wrong count (reported on its line) and the right one (silent);
the silent notes are correct near misses: hedged, bounded, compared or hypothetical counts.
"""

# The notes are written as authors write them, with multiplication signs.
# ruff: noqa: RUF001

from __future__ import annotations

from typing import Any

import pytest

from tests.rule_harness import assert_shape, lint_shapes, wrong_and_right

CODES = ["AG101", "AG104"]

# id, note type, body with {k} where the count goes, wrong count, right count, body line of k
RECURRENT: list[tuple[str, str, str, str, str, int]] = [
    (
        "lstm-table-row",
        "basic",
        "# Layer costs of a small tagger\n\nTokens enter as 64-dimensional embeddings.\n\n"
        "| layer | parameters |\n|---|---|\n| LSTM, 128 units | {k} |\n",
        "74,112",
        "98,816",
        7,
    ),
    (
        "gru-list-item",
        "basic",
        "# Parameters per layer of a speech model\n\n"
        "- `GRU(48)` over 24-dim filterbank frames: {k}\n- `Dense(10)`: 490\n",
        "14,208",
        "10,656",
        3,
    ),
    (
        "torch-lstm-sentence",
        "basic",
        "# PyTorch LSTM size\n\n`nn.LSTM(input_size=10, hidden_size=20)` keeps two bias vectors "
        "per gate, so it holds {k} parameters.\n",
        "960",
        "2,560",
        3,
    ),
    (
        "lstm-bold-beside-dense",
        "basic",
        "# Review classifier\n\nThe LSTM has 100 units and reads 300-dimensional word vectors: "
        "**{k} parameters**. A `Dense(1)` head on its last state adds 101.\n",
        "120,400",
        "160,400",
        3,
    ),
    (
        "lstm-cloze",
        "cloze",
        "# Keras LSTM parameters\n\nAn `LSTM(32)` layer on sequences of 16 features has "
        "{{{{c1::{k}}}}} parameters.\n",
        "6,144",
        "6,272",
        3,
    ),
    (
        "bidirectional-doubles",
        "basic",
        "# Bidirectional LSTM cost\n\n`Bidirectional(LSTM(64))` on 100-dimensional inputs has "
        "{k} parameters: one LSTM per direction.\n",
        "42,240",
        "84,480",
        3,
    ),
    (
        "keras-lstm-torch-count",
        "basic",
        "# Keras LSTM\n\nIn Keras, `LSTM(32)` on 16 features per step has {k} parameters.\n",
        "6,400",
        "6,272",
        3,
    ),
    (
        "torch-gru-one-bias",
        "basic",
        "# PyTorch GRU\n\n`nn.GRU(16, 32)` holds {k} parameters.\n",
        "4,704",
        "4,800",
        3,
    ),
    (
        "torch-bidirectional-kwarg",
        "basic",
        "# A bidirectional PyTorch LSTM\n\n`nn.LSTM(input_size=8, hidden_size=16, "
        "bidirectional=True)` has {k} parameters.\n",
        "1,664",
        "3,328",
        3,
    ),
]

EMBEDDINGS: list[tuple[str, str, str, str, str, int]] = [
    (
        "embedding-sentence",
        "basic",
        "# Embedding table size\n\nAn embedding table for a 50,000-word vocabulary with "
        "300-dimensional vectors holds {k} parameters.\n",
        "1,500,000",
        "15,000,000",
        3,
    ),
    (
        "embedding-million-suffix",
        "basic",
        "# How large is the input embedding?\n\n`Embedding(32000, 512)` in a translation model: "
        "{k} parameters.\n",
        "1.6M",
        "16.4M",
        3,
    ),
    (
        "embedding-table-row",
        "basic",
        "# A recommender's item table\n\n| layer | sizes | parameters |\n|---|---|---|\n"
        "| Embedding | 20,000 items, dimension 64 | {k} |\n",
        "128,000",
        "1,280,000",
        5,
    ),
]

NORMALISATION: list[tuple[str, str, str, str, str, int]] = [
    (
        "batchnorm-total",
        "basic",
        "# BatchNormalization after a 64-filter conv\n\nThe `BatchNormalization()` layer over "
        "64 channels has {k} parameters in all, half of them moving statistics.\n",
        "128",
        "256",
        3,
    ),
    (
        "layernorm-list",
        "basic",
        "# Parameters of one BERT-base sublayer norm\n\n- layer: `nn.LayerNorm(768)`\n"
        "- parameters: {k}\n",
        "768",
        "1,536",
        4,
    ),
]

CONVOLUTIONS: list[tuple[str, str, str, str, str, int]] = [
    (
        "no-bias-conv",
        "basic",
        "# Conv followed by batch norm\n\n`Conv2D(64, 3, use_bias=False)` on a 32-channel map "
        "has {k} parameters.\n",
        "18,496",
        "18,432",
        3,
    ),
    (
        "depthwise-sentence",
        "basic",
        "# MobileNet block\n\nA 3x3 depthwise convolution on 32 channels has {k} parameters "
        "with its biases.\n",
        "9,248",
        "320",
        3,
    ),
    (
        "conv-list-input-elsewhere",
        "basic",
        "# First layer of a traffic-sign net\n\nThe input is a 64x64 RGB image.\n\n"
        "- conv1: 16 filters of 5x5: {k} parameters\n",
        "1,200",
        "1,216",
        5,
    ),
    (
        "conv1d-ecg",
        "basic",
        "# 1D convolution on a 12-lead ECG\n\n`Conv1D(filters=64, kernel_size=7)` over the 12 "
        "leads has {k} parameters.\n",
        "5,376",
        "5,440",
        3,
    ),
]

SUMS: list[tuple[str, str, str, str, str, int]] = [
    (
        "two-dense-sum",
        "basic",
        "# MNIST MLP\n\nA `Dense(128)` on the 784 flattened pixels and a `Dense(10)` after it "
        "hold {k} parameters together.\n",
        "101,760",
        "101,770",
        3,
    ),
    (
        "linear-cloze",
        "cloze",
        "# A linear classifier head\n\n`nn.Linear(256, 10)` holds {{{{c1::{k}}}}} parameters.\n",
        "2,560",
        "2,570",
        3,
    ),
    (
        "dense-million-suffix",
        "basic",
        "# Classifier on ResNet features\n\nA `Dense(1000)` on the 2048 pooled features has "
        "{k} parameters.\n",
        "2.5M",
        "2.05M",
        3,
    ),
]

# Round 3: real layers in varied positions, and a label's colon before a factor.
ROUND3: list[tuple[str, str, str, str, str, int]] = [
    (
        "mono-audio-conv1d",
        "basic",
        "# Conv1D on audio\n\nA `Conv1D(32, kernel_size=9)` over raw mono audio has {k} "
        "parameters.\n",
        "288",
        "320",
        3,
    ),
    (
        "gpt2-embedding-suffix",
        "basic",
        "# GPT-2 token embedding\n\nGPT-2 small embeds its 50,257-token vocabulary in 768 "
        "dimensions, so the token embedding table holds {k} parameters.\n",
        "38.6k",
        "38.6M",
        3,
    ),
    (
        "torch-lstm-how-many",
        "basic",
        "# How many parameters does a PyTorch LSTM(128, 256) have?\n\n{k}.\n",
        "393,216",
        "395,264",
        3,
    ),
    (
        "depthwise-bold",
        "basic",
        "# MobileNet depthwise layer\n\n`DepthwiseConv2D(kernel_size=3)` on a 256-channel map "
        "holds **{k}** parameters.\n",
        "2,304",
        "2,560",
        3,
    ),
    (
        "batchnorm1d-learnable",
        "basic",
        "# BatchNorm1d\n\n`nn.BatchNorm1d(512)` has {k} learnable parameters.\n",
        "2,048",
        "1,024",
        3,
    ),
    (
        "simple-rnn",
        "basic",
        "# SimpleRNN\n\n`SimpleRNN(32)` on 10 input features: {k} parameters.\n",
        "1,344",
        "1,376",
        3,
    ),
    (
        "layernorm-cloze",
        "cloze",
        "# LayerNorm in a small transformer\n\nEach `nn.LayerNorm(512)` has {{{{c1::{k}}}}} "
        "parameters.\n",
        "512",
        "1,024",
        3,
    ),
    (
        "depth-multiplier-kwarg",
        "basic",
        "# Depthwise multiplier\n\n`DepthwiseConv2D(3, depth_multiplier=2)` on 32 channels "
        "has {k} parameters.\n",
        "320",
        "640",
        3,
    ),
    (
        "item-total-list",
        "basic",
        "# Parameters of an MNIST MLP\n\n- `Dense(256)` on 784 pixels: 200,960\n- "
        "`Dense(10)`: 2,570\n- total: {k}\n",
        "203,520",
        "203,530",
        5,
    ),
    (
        "dense-use-bias-false",
        "basic",
        "# Dense without bias\n\n`Dense(64, use_bias=False)` on 100 inputs: {k} parameters.\n",
        "6,464",
        "6,400",
        3,
    ),
    (
        "table-cell-linear-call",
        "basic",
        "# Linear projection in PyTorch\n\n| module | parameters |\n|---|---|\n| "
        "`nn.Linear(64, 192)` | {k} |\n",
        "12,288",
        "12,480",
        5,
    ),
    (
        "bold-filters-cloze",
        "cloze",
        "# A conv with 10 filters\n\nThe first layer applies **10 filters of 5×5** to RGB "
        "images, which makes {{{{c1::{k}}}}} parameters.\n",
        "750",
        "760",
        3,
    ),
    (
        "keras-layernorm",
        "basic",
        "# LayerNorm size\n\n`LayerNormalization()` on a 512-dim input holds {k}.\n",
        "512 parameters",
        "1,024 parameters",
        3,
    ),
    (
        "item-total-bold",
        "basic",
        "# Parameter budget of a small CNN\n\n- conv1 (3x3, 3 to 16 channels): 448\n"
        "- conv2 (3x3, 16 to 32 channels): 4,640\n- classifier on 512 features: 5,130\n"
        "- **total**: {k}\n",
        "10,208",
        "10,218",
        6,
    ),
]

SILENT: list[tuple[str, str, str]] = [
    (
        "item-total-with-sub-items",
        "basic",
        "# Parameters of a dense layer\n\n- `Dense(64)` on 100 inputs: 6,464\n- of which "
        "biases: 64\n- total: 6,464\n",
    ),
    (
        "item-total-trainable-split",
        "basic",
        "# Parameters of a BatchNorm layer\n\n- trainable: 128\n- non-trainable: 128\n- "
        "total: 256\n",
    ),
    (
        "item-total-right",
        "basic",
        "# Parameters of a two-layer MLP\n\n- `Dense(32)` on 10 features: 352\n- `Dense(1)`: "
        "33\n- total: 385\n",
    ),
    (
        "round4-silent-c1",
        "basic",
        "# Seq2seq encoder\n\nThe encoder embeds tokens into 512-dim vectors and runs an "
        "LSTM with 256 units: the LSTM holds 787,456 parameters, the embedding 10,000 × 512 "
        "= 5,120,000.\n",
    ),
    (
        "round4-silent-c2",
        "basic",
        "# Keras GRU summary\n\n```text\nLayer (type)        Output Shape      Param "
        "#\n=================================================\ngru (GRU)           (None, "
        "128)       74496\n=================================================\nTotal params: "
        "74,496\n```\n\nThe input has 64 features per step.\n",
    ),
    (
        "round4-silent-c3",
        "basic",
        "# Llama embedding\n\nA 32,000-token vocabulary at d_model 4096 gives an embedding "
        "of 131,072,000 parameters (about 131M).\n",
    ),
    (
        "round4-silent-c4",
        "basic",
        "# Pointwise conv\n\nA 1×1 convolution from 256 to 64 channels has 16,448 "
        "parameters, far fewer than a 3×3 one.\n",
    ),
    (
        "round4-silent-c5",
        "basic",
        "# Fused QKV projection\n\nIn a transformer with d_model = 768, the fused QKV "
        "projection `nn.Linear(768, 2304)` has 1,771,776 parameters.\n",
    ),
    (
        "round4-silent-c7",
        "basic",
        "# First conv of VGG16\n\nconv1_1: 64 filters, 3×3, on RGB input → 1,792 parameters.\n",
    ),
    (
        "round4-silent-c8",
        "basic",
        "# BiGRU\n\n`Bidirectional(GRU(64))` on 32 features in Keras (reset_after=True) has "
        "2 × 3 × (64 × 96 + 128) = 37,632 parameters.\n",
    ),
    (
        "round4-silent-c9",
        "basic",
        "# Embedding and LSTM\n\n- Embedding(20000, 100): 2,000,000 parameters\n- LSTM(128): "
        "117,248 parameters\n- Dense(1): 129 parameters\n",
    ),
    (
        "round4-silent-c10",
        "basic",
        "# Weight count without biases\n\n`Dense(10)` on 64 inputs has 640 weights plus 10 "
        "biases.\n",
    ),
    (
        "round4-silent-c11",
        "basic",
        "# Conv without bias before BN\n\n```python\nnn.Conv2d(64, 128, 3, bias=False)  # "
        "73,728 params\nnn.BatchNorm2d(128)  # 256 params\n```\n",
    ),
    (
        "round4-silent-c12",
        "basic",
        "# LayerNorm per token\n\nLayerNorm over d = 1024 features has 2,048 learnable "
        "parameters, shared across all tokens.\n",
    ),
    (
        "round4-silent-c13",
        "basic",
        "# Head of a BiLSTM tagger\n\nThe BiLSTM (64 units each way) feeds 128 features per "
        "token to `Dense(9)`: 1,161 parameters.\n",
    ),
    (
        "round4-silent-c14",
        "basic",
        "# Parameters of a PyTorch RNN\n\n`nn.RNN(10, 20)` has 20 × (10 + 20) + 2 × 20 = 640 "
        "parameters.\n",
    ),
    (
        "round4-silent-c15",
        "basic",
        "# Total of a small CNN\n\nConv2D(16, 3) on 28×28×1 (160 params) then Conv2D(32, 3) "
        "(4,640 params): 4,800 parameters in total.\n",
    ),
    (
        "round3-silent-g1",
        "basic",
        "# LSTM size\n\n- sequence length: 100\n- LSTM units: 64\n- input features: 10\n- "
        "parameters: 19,200\n",
    ),
    (
        "round3-silent-g2",
        "basic",
        "# BiLSTM\n\nA BiLSTM with 128 units per direction on 300-dim GloVe vectors has 2 × 4 "
        "× (128 · (128 + 300) + 128) = 439,296 parameters.\n",
    ),
    (
        "round3-silent-g3",
        "basic",
        "# BERT feed-forward\n\nThe feed-forward sublayer is two linear layers, 768 → 3072 → "
        "768, with 4,722,432 parameters.\n",
    ),
    (
        "round3-silent-g4",
        "basic",
        "# Output projection\n\nThe transformer decoder ends with a linear layer from 768 to "
        "the 30,522-token vocabulary: 23,471,418 parameters.\n",
    ),
    (
        "round3-silent-g5",
        "basic",
        "# Transformer size\n\nA transformer encoder layer with d_model = 512 has about 3.1M "
        "parameters.\n",
    ),
    (
        "round3-silent-g7",
        "basic",
        "# BatchNorm in a summary\n\n```text\nbatch_normalization (BatchNormalization)  (None, "
        "32, 32, 64)  256\n```\n\nOf those 256 parameters, 128 are trainable.\n",
    ),
    (
        "round3-silent-g10",
        "basic",
        "# GRU layouts\n\nA Keras `GRU(16)` on 8 features has 1,248 parameters with "
        "reset_after=True and 1,200 with reset_after=False.\n",
    ),
    (
        "round3-silent-g11",
        "basic",
        "# Trainable part of BatchNorm\n\nA `BatchNormalization` over 128 channels has 256 "
        "trainable parameters and 256 non-trainable ones.\n",
    ),
    (
        "round3-silent-g13",
        "basic",
        "# Encoder\n\nA bidirectional LSTM with 32 units reads 8 features per step; its "
        "forward half has 5,248 parameters.\n",
    ),
    (
        "round3-silent-g8",
        "basic",
        "# Keras LSTM defaults\n\nIn TensorFlow Keras, `LSTM(10)` on 5 features has 640 "
        "parameters: 4 gates × (10 × (10 + 5) + 10).\n",
    ),
    (
        "conv-stack-in-words",
        "basic",
        "# Conv stack\n\nA 3x3 conv from 3 to 32 channels followed by a 3x3 conv from 32 to 64 "
        "channels: 19,392 parameters in total.\n",
    ),
    (
        "ffn-second-layer",
        "basic",
        "# The FFN's projection back\n\nWith d_model = 768 and an inner size of 3072, the "
        "second linear layer (3072 → 768) holds 2,360,064 parameters.\n",
    ),
    (
        "ffn-two-layers",
        "basic",
        "# Whole FFN\n\nWith d_model = 512 and d_ff = 2048, the two linear layers of the FFN "
        "hold 2,099,712 parameters.\n",
    ),
    (
        "keras-batchnorm-in-all",
        "basic",
        "# Keras BatchNormalization\n\n`BatchNormalization()` over 32 channels: 128 parameters "
        "in all, 64 of them trainable.\n",
    ),
    (
        "torch-batchnorm-in-all",
        "basic",
        "# PyTorch BatchNorm\n\n`nn.BatchNorm2d(64)` has 128 parameters in all; its running "
        "statistics are buffers.\n",
    ),
    (
        "bidirectional-per-direction",
        "basic",
        "# Per direction\n\n`Bidirectional(LSTM(64))` on 100-dimensional inputs: 42,240 "
        "parameters per direction.\n",
    ),
    (
        "dense-after-bidirectional",
        "basic",
        "# Head on a BiLSTM\n\n```python\nmodel = keras.Sequential([\n"
        "    layers.Input((50, 20)),\n    layers.Bidirectional(layers.LSTM(32)),\n"
        "    layers.Dense(1),  # 65 params\n])\n```\n",
    ),
    (
        "prose-bidirectional-gru",
        "basic",
        "# A bidirectional GRU\n\nThe GRU has 32 units on 16 input features; bidirectional, "
        "it has 9,600 parameters.\n",
    ),
    (
        "layernorm-no-bias",
        "basic",
        "# LayerNorm without bias\n\n`nn.LayerNorm(512, bias=False)` has 512 parameters.\n",
    ),
    (
        "lstm-list-right",
        "basic",
        "# How many weights does each layer of this tagger hold?\n\n"
        "- `Embedding(5000, 50)`: 250,000\n- `LSTM(20)` on the 50-dim embeddings: 5,680\n"
        "- `Dense(9)`: 189\n",
    ),
    (
        "hedged-dense",
        "basic",
        "# MNIST hidden layer\n\n`Dense(128)` on 784 inputs has roughly 100k parameters.\n",
    ),
    (
        "bounded-head",
        "basic",
        "# Tiny head\n\n`Dense(10)` on 64 features stays under 1,000 parameters.\n",
    ),
    (
        "torch-lstm-right",
        "basic",
        "# PyTorch LSTM\n\n`nn.LSTM(10, 20)` has 2,560 parameters, 80 more than Keras' 2,480 "
        "because of its second bias vector.\n",
    ),
    (
        "gru-reset-after-false",
        "basic",
        "# GRU without reset_after\n\n`GRU(48, reset_after=False)` on 24 features has 10,512 "
        "parameters.\n",
    ),
    (
        "batchnorm-trainable",
        "basic",
        "# BatchNorm over 128 channels\n\nIt stores 512 numbers, of which 256 are trainable "
        "parameters.\n",
    ),
    (
        "hypothetical-doubled",
        "basic",
        "# Widening a layer\n\n`Dense(64)` on 100 inputs has 6,464 parameters; with twice the "
        "units it would have 12,928.\n",
    ),
    (
        "comparison-rnn",
        "basic",
        "# LSTM vs simple RNN\n\nAn LSTM has four times the parameters of a SimpleRNN of the same "
        "size: 4 sets of weights instead of 1.\n",
    ),
    (
        "separable-right",
        "basic",
        "# Separable conv\n\n`SeparableConv2D(64, 3)` on 32 channels has 2,400 parameters: 288 "
        "depthwise, 2,048 pointwise and 64 biases.\n",
    ),
    (
        "transformer-ffn-extra",
        "basic",
        "# Transformer feed-forward block\n\nd_model = 512 and d_ff = 2048.\n\n***\n\n"
        "Its two linear layers hold 2,099,712 parameters with biases.\n",
    ),
    (
        "mha-torch-right",
        "basic",
        "# Attention projections\n\n`nn.MultiheadAttention(embed_dim=512, num_heads=8)` has "
        "1,050,624 parameters.\n",
    ),
]

# Round 2: the layer's sizes in labels, keyword names and a transformer's words.
LABELS_AND_NAMES: list[tuple[str, str, str, str, str, int]] = [
    (
        "ffn-inner-size",
        "basic",
        "# Transformer feed-forward expansion\n\nWith d_model = 768 and an inner size of 3072, "
        "the first linear layer of the FFN holds {k} parameters.\n",
        "2,359,296",
        "2,362,368",
        3,
    ),
    (
        "gru-labelled-items",
        "basic",
        "# GRU encoder\n\n- input: 40 mel bands per frame\n- GRU units: 128\n- parameters: {k}\n",
        "49,152",
        "65,280",
        5,
    ),
    (
        "torch-lstm-keyword-names",
        "basic",
        "# PyTorch LSTM encoder\n\nThe encoder is an `nn.LSTM` with input_size=32 and "
        "hidden_size=64.\n\nParameter count: {k}.\n",
        "24,832",
        "25,088",
        5,
    ),
    (
        "mlp-head-table",
        "basic",
        "# Parameters of a 2-layer MLP head\n\n| layer | in | out | parameters |\n"
        "|---|---|---|---|\n| fc1 | 300 | 256 | 77,056 |\n| fc2 | 256 | 5 | {k} |\n",
        "1,280",
        "1,285",
        6,
    ),
    (
        "attention-in-extra",
        "basic",
        "# Attention projections in PyTorch\n\n"
        "`nn.MultiheadAttention(embed_dim=512, num_heads=8)`\n\n***\n\nIt holds {k} "
        "parameters.\n",
        "787,968",
        "1,050,624",
        7,
    ),
    (
        "gru-dims-in-list-cloze",
        "cloze",
        "# A GRU over sensor readings\n\n- features per step: 6\n- hidden units: 24\n"
        "- a Keras `GRU` with `reset_after=False` has {{{{c1::{k}}}}} parameters\n",
        "2,304",
        "2,232",
        5,
    ),
]

GROUPS = {
    "recurrent": RECURRENT,
    "embeddings": EMBEDDINGS,
    "normalisation": NORMALISATION,
    "convolutions": CONVOLUTIONS,
    "sums": SUMS,
    "labels and names": LABELS_AND_NAMES,
    "round 3": ROUND3,
}
CASES = wrong_and_right([shape for group in GROUPS.values() for shape in group], SILENT)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("params-s8"), CASES, CODES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)
