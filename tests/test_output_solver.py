"""AG103's solver (``layers/output_solver.py``): a claimed conv/pool output that no reading of
the note's stated numbers explains. Each shape has a wrong note (the body line of the claim)
and a correct near-miss that must stay silent. Written in the project's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.lint.rules.layers.output_solver import solver_findings
from ankigen.lint.runner import documents_of
from ankigen.pipeline.check import check
from tests.rule_harness import FixtureNote, body_position, lint_rule, write_notes

_TIMES_SIGN = (
    "# Stride 4\n\nAn 8\N{MULTIPLICATION SIGN}8 kernel with stride 4 and padding 0 maps "
    "84\N{MULTIPLICATION SIGN}84 to {out}\N{MULTIPLICATION SIGN}{out}.\n"
)
_AUDIO = (
    "# How many frames does a strided Conv1d front end give for 1 s of 16 kHz audio?\n\n"
    "The layer uses a kernel of 400 samples (25 ms) and a stride of 160 samples (10 ms),\n"
    "with no padding, on the 16,000-sample waveform.\nIt outputs {out} frames, one every 10 ms.\n"
)

# (name, wrong note, line of the wrong claim, correct near-miss)
SHAPES: list[tuple[str, str, int, str]] = [
    ("audio-frames", _AUDIO.format(out=100), 5, _AUDIO.format(out=98)),
    (
        "by-notation",
        "# Valid convolution\n\nA 5 by 5 kernel with stride 1 and no padding on a 64 by 64 image "
        "gives a 62 by 62 map.\n",
        3,
        "# Valid convolution\n\nA 5 by 5 kernel with stride 1 and no padding on a 64 by 64 image "
        "gives a 60 by 60 map.\n",
    ),
    (
        "result-first",
        "# Pooling\n\nYou get 25x25: a 2x2 max pooling window with stride 2 over a 52x52 map.\n",
        3,
        "# Pooling\n\nYou get 26x26: a 2x2 max pooling window with stride 2 over a 52x52 map.\n",
    ),
    (
        "keras-call-same",
        '# Strided same convolution\n\n`Conv2D(32, 3, strides=2, padding="same")` on a 99x99 '
        "input gives 49x49.\n",
        3,
        '# Strided same convolution\n\n`Conv2D(32, 3, strides=2, padding="same")` on a 99x99 '
        "input gives 50x50.\n",
    ),
    (
        "torch-call-pool-default-stride",
        "# Pooling in PyTorch\n\n`nn.MaxPool2d(3)` applied to a 30x30 map returns 28x28.\n",
        3,
        "# Pooling in PyTorch\n\n`nn.MaxPool2d(3)` applied to a 30x30 map returns 10x10.\n",
    ),
    (
        "cloze",
        "# Conv arithmetic\n\nA 7x7 kernel, stride 1, padding 0, on a 40x40 input gives a "
        "{{c1::35x35}} feature map.\n",
        3,
        "# Conv arithmetic\n\nA 7x7 kernel, stride 1, padding 0, on a 40x40 input gives a "
        "{{c1::34x34}} feature map.\n",
    ),
    (
        "heading-claim",
        "# Why does a 3x3 convolution with stride 1 and no padding turn a 50x50 image into 49x49?"
        "\n\nThe window needs a full neighbourhood, so border pixels are lost.\n",
        1,
        "# Why does a 3x3 convolution with stride 1 and no padding turn a 50x50 image into 48x48?"
        "\n\nThe window needs a full neighbourhood, so border pixels are lost.\n",
    ),
    (
        "labelled-list",
        "# Overlapping pooling\n\n- input: 27x27x96\n- pool size: 3x3\n- stride: 2\n"
        "- padding: 'valid'\n- output: 14x14x96\n",
        7,
        "# Overlapping pooling\n\n- input: 27x27x96\n- pool size: 3x3\n- stride: 2\n"
        "- padding: 'valid'\n- output: 13x13x96\n",
    ),
    (
        "answer-opens",
        '# What is the output shape of `Conv2D(16, 5, padding="valid")` on 20x20x3?\n\n'
        "**17x17x16**, one map per filter.\n",
        3,
        '# What is the output shape of `Conv2D(16, 5, padding="valid")` on 20x20x3?\n\n'
        "**16x16x16**, one map per filter.\n",
    ),
    (
        "torch-tuple",
        "# What shape does `nn.Conv2d(3, 8, kernel_size=3, stride=2, padding=1)` give for a "
        "batch of shape (4, 3, 64, 64)?\n\n`(4, 8, 31, 31)`: eight maps per image.\n",
        4,
        "# What shape does `nn.Conv2d(3, 8, kernel_size=3, stride=2, padding=1)` give for a "
        "batch of shape (4, 3, 64, 64)?\n\n`(4, 8, 32, 32)`: eight maps per image.\n",
    ),
    (
        "vit-patches",
        "# Patch embedding\n\nA convolution with kernel size 14, stride 14 and no padding turns "
        "a 224x224 image into a 15x15 grid of patches.\n",
        3,
        "# Patch embedding\n\nA convolution with kernel size 14, stride 14 and no padding turns "
        "a 224x224 image into a 16x16 grid of patches.\n",
    ),
    (
        "non-square",
        "# A wide input\n\nA 3x3 convolution with stride 1 and no padding on a 32x64 input "
        "gives 30x61.\n",
        3,
        "# A wide input\n\nA 3x3 convolution with stride 1 and no padding on a 32x64 input "
        "gives 30x62.\n",
    ),
    (
        "arrow",
        "# Max pooling\n\n2x2 max pooling, stride 2: 64x64 -> 31x31.\n",
        3,
        "# Max pooling\n\n2x2 max pooling, stride 2: 64x64 -> 32x32.\n",
    ),
    (
        "table-output-column",
        "# Shapes\n\n| layer | settings | output |\n|---|---|---|\n| input | - | 48x48x1 |\n"
        "| Conv2D | 8 filters, 5x5, stride 1, 'valid' | 43x43x8 |\n",
        6,
        "# Shapes\n\n| layer | settings | output |\n|---|---|---|\n| input | - | 48x48x1 |\n"
        "| Conv2D | 8 filters, 5x5, stride 1, 'valid' | 44x44x8 |\n",
    ),
    (
        "text-cnn-1d",
        "# Text CNN\n\n`Conv1D(100, 3)` (stride 1, no padding) over 50 tokens returns 49 steps.\n",
        3,
        "# Text CNN\n\n`Conv1D(100, 3)` (stride 1, no padding) over 50 tokens returns 48 steps.\n",
    ),
    (
        "dilation",
        "# Dilated convolution\n\nA 3x3 kernel with dilation 2, stride 1 and no padding on a "
        "20x20 map gives 18x18.\n",
        3,
        "# Dilated convolution\n\nA 3x3 kernel with dilation 2, stride 1 and no padding on a "
        "20x20 map gives 16x16.\n",
    ),
    (
        "ceil-mode",
        "# Rounding up\n\n`nn.MaxPool2d(2, ceil_mode=True)` on a 7x7 map gives 3x3.\n",
        3,
        "# Rounding up\n\n`nn.MaxPool2d(2, ceil_mode=True)` on a 7x7 map gives 4x4.\n",
    ),
    (
        "avgpool-stride",
        "# Average pooling\n\nA 3x3 average pooling window with stride 3 on a 33x33 map "
        "produces 12x12.\n",
        3,
        "# Average pooling\n\nA 3x3 average pooling window with stride 3 on a 33x33 map "
        "produces 11x11.\n",
    ),
    (
        "code-call-prose-claim",
        "# A Keras layer\n\n```python\nlayer = layers.Conv2D(8, kernel_size=7, strides=3)\n```\n\n"
        "On a 100x100 input the layer yields 33x33.\n",
        7,
        "# A Keras layer\n\n```python\nlayer = layers.Conv2D(8, kernel_size=7, strides=3)\n```\n\n"
        "On a 100x100 input the layer yields 32x32.\n",
    ),
    (
        "extra-section",
        '# What does `Conv2D(8, 3, padding="same")` give on 40x40x3?\n\n40x40x8.\n\n***\n\n'
        "A 2x2 max pooling with stride 2 after it shrinks the map to 21x21.\n",
        7,
        '# What does `Conv2D(8, 3, padding="same")` give on 40x40x3?\n\n40x40x8.\n\n***\n\n'
        "A 2x2 max pooling with stride 2 after it shrinks the map to 20x20.\n",
    ),
    (
        "times-sign",
        _TIMES_SIGN.format(out=21),
        3,
        _TIMES_SIGN.format(out=20),
    ),
]

# Correct notes the solver must leave alone: other formulas, hedges, counts.
SILENT: list[tuple[str, str]] = [
    ("hedged", "# Pooling\n\nA 3x3 pool with stride 2 on 55x55 gives roughly 20x20.\n"),
    ("negated", "# Pooling\n\n2x2 max pooling with stride 2 on 9x9 gives 4x4, not 5x5.\n"),
    (
        "transposed",
        "# Upsampling\n\nA transposed 3x3 convolution with stride 2 turns 16x16 into 33x33.\n",
    ),
    (
        "params",
        "# How many parameters does `Conv2D(32, (3, 3))` have on RGB input?\n\n896: 3 x 3 x 3 "
        "x 32 + 32.\n",
    ),
    ("calculation", "# Length\n\n- output length: 100 - 5 + 1 = 96 (stride 1, no padding)\n"),
    (
        "unstated-padding",
        "# ResNet block\n\nA 3x3 convolution with 64 filters keeps the 56x56 map at 56x56.\n",
    ),
    (
        "two-layers",
        "# Two convolutions\n\nTwo 3x3 convolutions with stride 1 and no padding turn 32x32 "
        "into 28x28.\n",
    ),
    (
        "yes-no-question",
        "# Does a 3x3 convolution with stride 1 and no padding turn 10x10 into 9x9?\n\nNo: it "
        "gives 8x8.\n",
    ),
    (
        "summary-table",
        "# Summary\n\n| Layer (type) | Output Shape | Param # |\n|---|---|---|\n"
        "| conv2d (Conv2D) | (None, 26, 26, 32) | 320 |\n| dense (Dense) | (None, 10) | 650 |\n",
    ),
    (
        "resized",
        "# Preprocessing\n\nImages are resized to 227x227 before the 11x11 convolution with "
        "stride 4.\n",
    ),
]


def _findings(tmp_path: Path, body: str) -> list[tuple[int, int]]:
    note = FixtureNote("note", body)
    write_notes(tmp_path, [note])
    return [body_position(note, d) for d in lint_rule(tmp_path, "AG103")]


def _solved(tmp_path: Path, body: str) -> list[int]:
    """Body lines of the solver's own findings (the rule's readings left out)."""
    note = FixtureNote("note", body)
    write_notes(tmp_path, [note])
    documents = list(documents_of(check([tmp_path / "content"])))
    header = note.header.count("\n")
    return [
        document.position(finding.start)[0] - header
        for document in documents
        for finding in solver_findings(document)
    ]


@pytest.mark.parametrize(("name", "wrong", "line", "right"), SHAPES, ids=[s[0] for s in SHAPES])
def test_wrong_claim_is_reported(
    tmp_path: Path, name: str, wrong: str, line: int, right: str
) -> None:
    lines = [found for found, _ in _findings(tmp_path, wrong)]
    assert any(abs(found - line) <= 1 for found in lines), (name, lines)


@pytest.mark.parametrize(("name", "wrong", "line", "right"), SHAPES, ids=[s[0] for s in SHAPES])
def test_near_miss_is_silent(tmp_path: Path, name: str, wrong: str, line: int, right: str) -> None:
    assert _findings(tmp_path, right) == [], name
    assert _solved(tmp_path, right) == [], name


@pytest.mark.parametrize(("name", "wrong", "line", "right"), SHAPES, ids=[s[0] for s in SHAPES])
def test_solver_alone(tmp_path: Path, name: str, wrong: str, line: int, right: str) -> None:
    assert any(abs(found - line) <= 1 for found in _solved(tmp_path, wrong)), name


@pytest.mark.parametrize(("name", "body"), SILENT, ids=[s[0] for s in SILENT])
def test_silent(tmp_path: Path, name: str, body: str) -> None:
    assert _solved(tmp_path, body) == [], name
