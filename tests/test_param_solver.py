"""AG104's solver (``ankigen.lint.rules.layers.param_solver``, issue #12): a stated parameter
count is checked against every assignment of the note's stated sizes to the layer's formula,
whatever the sentence says around them. The shapes below are written in the project's own
words: careful and sloppy authors, sentences, lists, tables, code and its comments, clozes and
headings, results before their inputs, one or two scenarios, different notations (x, *, k and
million suffixes, keyword arguments, LaTeX). Each comes twice: with a wrong count, reported on
its line, and with the right count, left alone; the silent notes are correct ones (hedged,
hypothetical, per-filter, unmodelled layers, whole-model totals) that must stay so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ankigen.lint.claims.wording import worded
from ankigen.lint.rules.layers.param_solver import solve
from ankigen.lint.rules.layers.scope import layer_prose
from ankigen.lint.runner import documents_of
from ankigen.pipeline.check import check
from tests.rule_harness import (
    FixtureNote,
    assert_shape,
    lint_rule,
    lint_shapes,
    write_notes,
    wrong_and_right,
)

CODES = ["AG101", "AG104"]
FENCE = "```"

# id, note type, body with {k} where the count goes, wrong value, right value, body line of k
SHAPES: list[tuple[str, str, str, str, str, int]] = [
    (
        "keras-conv-rgb-kwarg",
        "basic",
        "# Parameters of a first convolution\n\n`Conv2D(16, kernel_size=5)` applied to RGB "
        "images (3 channels) with a bias per filter has {k} parameters.\n",
        "416",
        "1,216",
        3,
    ),
    (
        "dense-inputs-to-outputs",
        "basic",
        "# Size of a classifier layer\n\nA dense layer mapping 512 inputs to 10 outputs holds "
        "{k} trainable parameters (weights plus biases).\n",
        "5,120",
        "5,130",
        3,
    ),
    (
        "torch-linear-comment",
        "basic",
        f"# A sentiment head\n\n{FENCE}python\nhead = nn.Linear(768, 2)  # {{k}} params\n{FENCE}\n",
        "1,536",
        "1,538",
        4,
    ),
    (
        "conv1d-channels-in-comment",
        "basic",
        f"# An ECG front end\n\n{FENCE}python\nconv = layers.Conv1D(32, 7)  # on 12 channels: "
        f"{{k}} params\n{FENCE}\n",
        "2,688",
        "2,720",
        4,
    ),
    (
        "depthwise-feature-map",
        "basic",
        "# A depthwise layer\n\n`DepthwiseConv2D(3)` on a 64-channel feature map has {k} "
        "parameters.\n",
        "576",
        "640",
        3,
    ),
    (
        "separable-call",
        "basic",
        "# A separable layer\n\n`SeparableConv2D(128, 3)` on 64 input channels has {k} "
        "parameters.\n",
        "73,856",
        "8,896",
        3,
    ),
    (
        "embedding-vocabulary",
        "basic",
        "# Word vectors\n\nAn embedding layer for a 20,000-word vocabulary with 128-dimensional "
        "vectors stores {k} parameters.\n",
        "2,560,128",
        "2,560,000",
        3,
    ),
    (
        "keras-lstm",
        "basic",
        "# A small LSTM\n\nA Keras `LSTM(32)` on 10 input features has {k} parameters.\n",
        "5,376",
        "5,504",
        3,
    ),
    (
        "torch-gru",
        "basic",
        "# A PyTorch GRU\n\nPyTorch's `nn.GRU(16, 32)` has {k} parameters.\n",
        "4,608",
        "4,800",
        3,
    ),
    (
        "simple-rnn",
        "basic",
        "# A tiny RNN\n\nA `SimpleRNN(8)` over 4 features per step holds {k} parameters.\n",
        "96",
        "104",
        3,
    ),
    (
        "batchnorm-channels",
        "basic",
        "# Batch normalisation\n\n`BatchNormalization()` on 64 channels has {k} parameters, "
        "half of them trainable.\n",
        "64",
        "256",
        3,
    ),
    (
        "torch-layernorm",
        "basic",
        "# Layer normalisation\n\n`nn.LayerNorm(512)` has {k} learnable parameters.\n",
        "2,048",
        "1,024",
        3,
    ),
    (
        "cloze-softmax-layer",
        "cloze",
        "# A softmax layer\n\nA `Dense(3)` softmax layer on 20 features has {{{{c1::{k}}}}} "
        "parameters.\n",
        "60",
        "63",
        3,
    ),
    (
        "claim-in-heading",
        "basic",
        "# Why does `Conv2D(32, 3)` on grayscale input have {k} parameters?\n\nEach of the 32 "
        "filters has a 3\N{MULTIPLICATION SIGN}3 kernel over one channel, and a bias.\n",
        "288",
        "320",
        1,
    ),
    (
        "list-label-value",
        "basic",
        "# How many parameters does each layer of this MLP have?\n\n- input: 100 features\n"
        "- `Dense(50)`: {k}\n",
        "5,000",
        "5,050",
        4,
    ),
    (
        "table-params-column",
        "basic",
        "# A parameter table\n\n| layer | input | params |\n|---|---|---|\n"
        "| `Dense(64)` | 32 features | {k} |\n",
        "2,048",
        "2,112",
        5,
    ),
    (
        "millions-suffix-m",
        "basic",
        "# AlexNet's last layer\n\nA fully connected layer from 4096 inputs to 1000 units has "
        "{k} parameters.\n",
        "4.2M",
        "4.1M",
        3,
    ),
    (
        "millions-word",
        "basic",
        "# VGG's first fully connected layer\n\nThe dense layer from 25,088 inputs to 4,096 "
        "units holds {k} parameters.\n",
        "103.2 million",
        "102.8 million",
        3,
    ),
    (
        "lowercase-x-kernel",
        "basic",
        "# LeNet's first layer\n\nA 5x5 convolution from 3 to 6 channels has {k} parameters.\n",
        "450",
        "456",
        3,
    ),
    (
        "asterisk-kernel-sloppy",
        "basic",
        "# conv params\n\na 3*3 conv mapping 16 channels to 32 channels has {k} params\n",
        "4,608",
        "4,640",
        3,
    ),
    (
        "bold-answer-first",
        "basic",
        "# How many parameters does `Dense(1)` on 13 features have?\n\n**{k}**: 13 weights "
        "and one bias.\n",
        "13",
        "14",
        3,
    ),
    (
        "result-before-inputs",
        "basic",
        "# A count first\n\n{k} parameters: that is what a Keras `Conv2D(8, 3)` has on a "
        "3-channel input.\n",
        "216",
        "224",
        3,
    ),
    (
        "two-scenarios-one-sentence",
        "basic",
        "# One head, two widths\n\nA `Dense(10)` head has {k} parameters on 64 features and "
        "1,290 on 128 features.\n",
        "640",
        "650",
        3,
    ),
    (
        "torch-conv-no-bias",
        "basic",
        "# A bias-free convolution\n\n`nn.Conv2d(3, 8, 3, bias=False)` has {k} parameters.\n",
        "224",
        "216",
        3,
    ),
    (
        "logistic-regression-intercept",
        "basic",
        "# Logistic regression\n\nA logistic regression on 30 features has {k} parameters, "
        "intercept included.\n",
        "30",
        "31",
        3,
    ),
    (
        "channels-in-earlier-comment",
        "basic",
        f"# A conv block\n\n{FENCE}python\n# input: 16 channels\nconv = layers.Conv2D(32, 3)"
        f"  # {{k}} params\n{FENCE}\n",
        "4,608",
        "4,640",
        5,
    ),
    (
        "sloppy-params-equals",
        "basic",
        "# conv layer params\n\nConv2D(64,(3,3)) on a 32x32x3 input, so the total number of "
        "params = {k}\n",
        "1,728",
        "1,792",
        3,
    ),
    (
        "conv3d-volume",
        "basic",
        "# A 3D convolution\n\n`Conv3D(16, 3)` on single-channel CT volumes has {k} parameters.\n",
        "160",
        "448",
        3,
    ),
    (
        "torch-embedding-weights",
        "basic",
        "# A PyTorch embedding\n\n`nn.Embedding(50_000, 300)` has {k} weights.\n",
        "15,000,300",
        "15,000,000",
        3,
    ),
    (
        "keras-gru-reset-after",
        "basic",
        "# A Keras GRU\n\nA Keras `GRU(64)` on 32-dimensional inputs has {k} parameters.\n",
        "18,432",
        "18,816",
        3,
    ),
    (
        "projection-arrow",
        "basic",
        "# A projection\n\nThe projection layer (768 → 256, with bias) has {k} parameters.\n",
        "196,608",
        "196,864",
        3,
    ),
    (
        "stack-total-in-code",
        "basic",
        f"# A two-layer MLP\n\n{FENCE}python\nmodel = keras.Sequential([\n"
        f"    keras.Input(shape=(20,)),\n    layers.Dense(8),\n    layers.Dense(1),\n])\n"
        f"{FENCE}\n\nBoth layers together: `Dense(8)` and `Dense(1)` hold {{k}} parameters.\n",
        "176",
        "177",
        11,
    ),
]

SILENT: list[tuple[str, str, str]] = [
    (
        "hypothetical-no-bias",
        "basic",
        "# Without the bias\n\nA `Dense(10)` on 64 features has 650 parameters; if it had no "
        "bias it would have 640 parameters.\n",
    ),
    (
        "per-filter-weights",
        "basic",
        "# One filter\n\nEach 3\N{MULTIPLICATION SIGN}3 filter over 3 channels of a "
        "`Conv2D(8, 3)` has 27 weights.\n",
    ),
    (
        "attention-not-modelled",
        "basic",
        "# Attention\n\nA multi-head attention block with d_model 768 has 2,362,368 parameters.\n",
    ),
    (
        "whole-model-in-words",
        "basic",
        "# A model total\n\nThe whole model, a conv stack and two dense layers, has 1,000 "
        "parameters.\n",
    ),
    (
        "question-without-sizes",
        "basic",
        "# How many parameters does a dense layer have?\n\nIts inputs times its units, plus one "
        "bias per unit: 8,256 for 128 inputs and 64 units.\n",
    ),
]

CASES = wrong_and_right(SHAPES, SILENT)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("param-solver"), CASES, CODES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)


def test_at_least_thirty_shapes() -> None:
    assert len(SHAPES) >= 30


def test_message_gives_the_expected_count(tmp_path: Path) -> None:
    body = "# A layer\n\n`Conv2D(16, kernel_size=5)` on RGB images has 416 parameters.\n"
    write_notes(tmp_path, [FixtureNote("note", body)])
    (found,) = lint_rule(tmp_path, "AG104")
    assert "1,216" in found.message


@pytest.mark.parametrize(
    "claim",
    ["roughly 700", "about 0.7k", "fewer than 1,000", "at most 1,000", "e.g. 700", "not 640"],
)
def test_solver_leaves_hedged_counts_alone(tmp_path: Path, claim: str) -> None:
    # An approximation reaches the wording's judgement, which accepts it at its precision;
    # bounds, examples and negations never leave the solver.
    body = f"# A rough count\n\nA `Dense(10)` on 64 features has {claim} parameters.\n"
    write_notes(tmp_path, [FixtureNote("note", body)])
    (document,) = documents_of(check([tmp_path / "content"]))
    assert list(worded(layer_prose(document), solve(document, set()), strict=True)) == []


@pytest.mark.parametrize("claim", ["roughly 7,000", "about 6.5M", "~65"])
def test_solver_judges_an_approximation_at_its_precision(tmp_path: Path, claim: str) -> None:
    body = f"# A rough count\n\nA `Dense(10)` on 64 features has {claim} parameters.\n"
    write_notes(tmp_path, [FixtureNote("note", body)])
    (document,) = documents_of(check([tmp_path / "content"]))
    (found,) = worded(layer_prose(document), solve(document, set()), strict=True)
    assert "650" in found.message
