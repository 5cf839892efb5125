"""AG103 round 11 (issue #12): the reasons behind sealed batch 11's conv-output misses, each in
several shapes of our own, with a correct near miss that must stay silent.

- r1: a size owned by a name ("turns AlexNet's 13x13 map into 7x7") was no input of a change:
  the possessive between the verb and the size hid the pair.
- r2: a 1D input counted in samples or tokens of a waveform, clip or text ("the 16,000-sample
  waveform") was no input: only images, signals, sequences and the like were.
- r3: a later paragraph (or the Extra section) that runs the layer of the first sentence on
  another input was read as a second layer, because the other result's sentence names the
  very kernel the claim borrows.
- r4: a row of a layer table named only by a code ("C3") and its settings ("16 filters, 5x5")
  was no convolution, so the chain of rows skipped it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rule_harness import assert_reasons_covered, assert_shape, lint_shapes

_CASES: list[dict[str, Any]] = [
    # r1: a possessive owner before the input size
    {
        "id": "r1-halves-owner",
        "line": 3,
        "body": "# Pooling in VGG\n\nA 2\u00d72 average pool with stride 2 halves VGG's "
        "56\u00d756 map to 27\u00d727.\n",
    },
    {
        "id": "r1-heading-owner",
        "line": 1,
        "body": "# Why does a 3x3 convolution with stride 1 and no padding turn the encoder's "
        "20x20 map into 17x17?\n\nEach output needs a full window inside the map.\n",
    },
    {
        "id": "r1-curly-apostrophe",
        "line": 3,
        "body": "# Stem downsampling\n\nA 2\u00d72 max pool, stride 2, reduces the stem\u2019s "
        "112\u00d7112 activations to 58\u00d758.\n",
    },
    {
        "id": "r1-near-miss",
        "body": "# Pooling in VGG\n\nA 2\u00d72 average pool with stride 2 halves VGG's "
        "56\u00d756 map to 28\u00d728.\n",
    },
    {
        "id": "r1-near-miss-heading",
        "body": "# Why does a 3x3 convolution with stride 1 and no padding turn the encoder's "
        "20x20 map into 18x18?\n\nEach output needs a full window inside the map.\n",
    },
    # r2: a length in samples or tokens of a waveform, a clip or a text
    {
        "id": "r2-waveform",
        "line": 4,
        "body": "# Frames from raw audio\n\nThe front end slides a window of 400 samples with a "
        "stride of 160 samples, no padding, over the 16,000-sample waveform.\n"
        "That gives 100 frames.\n",
    },
    {
        "id": "r2-text",
        "line": 3,
        "body": "# Conv1D over text\n\nWith kernel size 5, stride 1 and no padding, a Conv1D "
        "over a 200-token text yields 190 positions.\n",
    },
    {
        "id": "r2-clip",
        "line": 3,
        "body": "# Strided Conv1d\n\nA Conv1d with kernel size 80, stride 40 and no padding "
        "on an 8000-sample audio clip produces 201 frames.\n",
    },
    {
        "id": "r2-near-miss",
        "body": "# Frames from raw audio\n\nThe front end slides a window of 400 samples with a "
        "stride of 160 samples, no padding, over the 16,000-sample waveform.\n"
        "That gives 98 frames.\n",
    },
    {
        "id": "r2-near-miss-clip",
        "body": "# Strided Conv1d\n\nA Conv1d with kernel size 80, stride 40 and no padding "
        "on an 8000-sample audio clip produces 199 frames.\n",
    },
    # r3: the first sentence's layer on another input, later in the note
    {
        "id": "r3-extra-patches",
        "line": 7,
        "body": "# Patch embedding\n\n`nn.Conv2d(3, 512, kernel_size=32, stride=32)` splits a "
        "256\u00d7256 picture into an 8\u00d78 grid of patches.\n\n***\n\n"
        "On a 512\u00d7512 picture the same layer gives a 15\u00d715 grid.\n",
    },
    {
        "id": "r3-keras-other-size",
        "line": 5,
        "body": "# A strided Keras stem\n\n`Conv2D(64, 7, strides=2)` on a "
        "224\u00d7224 input gives 109\u00d7109.\n\nFor a 160\u00d7160 input it gives 78\u00d778.\n",
    },
    {
        "id": "r3-conv1d-other-clip",
        "line": 5,
        "body": "# Conv1d on two clip lengths\n\n`nn.Conv1d(1, 64, kernel_size=10, stride=5)` "
        "maps a 1000-sample clip to 199 frames.\n\nOn a 2000-sample clip it yields 397 frames.\n",
    },
    {
        "id": "r3-near-miss",
        "body": "# Patch embedding\n\n`nn.Conv2d(3, 512, kernel_size=32, stride=32)` splits a "
        "256\u00d7256 picture into an 8\u00d78 grid of patches.\n\n***\n\n"
        "On a 512\u00d7512 picture the same layer gives a 16\u00d716 grid.\n",
    },
    {
        "id": "r3-near-miss-keras",
        "body": "# A strided Keras stem\n\n`Conv2D(64, 7, strides=2)` on a "
        "224\u00d7224 input gives 109\u00d7109.\n\nFor a 160\u00d7160 input it gives 77\u00d777.\n",
    },
    {
        "id": "r3-near-miss-padding-unknown",
        "body": "# Patch grid\n\nA 16\u00d716 convolution with stride 16 on a "
        "224\u00d7224 image gives a 14\u00d714 grid.\n\n"
        "On a 384\u00d7384 image it gives a 23\u00d723 grid.\n",
    },
    # r4: a table row that convolves, named only by its filter count
    {
        "id": "r4-second-row",
        "line": 7,
        "body": "# Feature maps for a 28x28 digit\n\n| layer | settings | output |\n|---|---|---|\n"
        "| A | 8 filters, 3x3, stride 1, no padding | 26x26x8 |\n"
        "| B | 2x2 max pooling, stride 2 | 13x13x8 |\n"
        "| C | 16 filters, 3x3, stride 1, no padding | 12x12x16 |\n",
    },
    {
        "id": "r4-first-row",
        "line": 5,
        "body": "# Feature maps for a 64x64 input\n\n| layer | settings | output |\n|---|---|---|\n"
        "| first | 32 kernels of 5x5, stride 2, no padding | 31x31x32 |\n",
    },
    {
        "id": "r4-depth-column",
        "line": 6,
        "body": "# Shapes for a 40x40 input\n\n| layer | settings | output |\n|---|---|---|\n"
        "| L1 | 4 filters, 3x3, stride 1, no padding | 38x38x4 |\n"
        "| L2 | 4 filters, 3x3, stride 2, no padding | 19x19x4 |\n",
    },
    {
        "id": "r4-near-miss",
        "body": "# Feature maps for a 28x28 digit\n\n| layer | settings | output |\n|---|---|---|\n"
        "| A | 8 filters, 3x3, stride 1, no padding | 26x26x8 |\n"
        "| B | 2x2 max pooling, stride 2 | 13x13x8 |\n"
        "| C | 16 filters, 3x3, stride 1, no padding | 11x11x16 |\n",
    },
    {
        "id": "r4-near-miss-padding-unknown",
        "body": "# Shapes for a 40x40 input\n\n| layer | settings | output |\n|---|---|---|\n"
        "| L1 | 4 filters, 3x3, stride 1 | 40x40x4 |\n",
    },
]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("conv11"), _CASES, ["AG103"])


@pytest.mark.parametrize("case", _CASES, ids=[case["id"] for case in _CASES])
def test_each_wrong_shape_is_reported_on_its_line_and_each_near_miss_is_silent(
    case: dict[str, Any], found: dict[str, list[tuple[int, str]]]
) -> None:
    assert_shape(case, found)


def test_every_reason_has_wrong_shapes_and_near_misses() -> None:
    assert_reasons_covered(_CASES, ("r1", "r2", "r3", "r4"), wrong_at_least=3)
