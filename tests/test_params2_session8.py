"""AG102/AG104, session 8 round 2 of issue #12: classes found by a blind probe
(tests/fixtures/blind_params2). Own-words notes; each shape comes with a wrong count (reported
on its line) and the right one (silent), plus near misses that must stay silent.

- a warm-up's steps are a share of the run, not an epoch's length, also when the clause is
  wrapped at the margin ("a 6 % warm-up is about\\n188 steps");
- a fully connected layer named fc, fc6 or FC7 is a dense layer;
- an interactive session's ``>>> len(loader)`` (or IPython's ``In [n]:``/``Out[n]:``) echoes
  the loader's length on the next line: a count of one epoch's batches;
- a data set spelled with and without its hyphen (CIFAR-10, CIFAR10) is one data set.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.rule_harness import assert_shape, lint_shapes, wrong_and_right

CODES = ["AG101", "AG102", "AG104"]

EPOCH_SHAPES: list[tuple[str, str, str, str, str, int]] = [
    (
        "wrapped-epoch-count",
        "basic",
        "# Epoch length of a speech model\n\nThe 36,000 clips are read in batches of 24, so one "
        "epoch takes\n{k} iterations.\n",
        "1,200",
        "1,500",
        4,
    ),
]
REPL_SHAPES: list[tuple[str, str, str, str, str, int]] = [
    (
        "repl-len-loader",
        "basic",
        '# Batches of the SVHN loader\n\n```python\n>>> svhn = SVHN(root, split="train")  # '
        "73,257 digits\n>>> loader = DataLoader(svhn, batch_size=256)\n>>> len(loader)\n{k}\n```\n",
        "286",
        "287",
        7,
    ),
    (
        "dataset-spelled-twice",
        "basic",
        "# Steps of a CIFAR-10 epoch\n\n```python\n>>> ds = datasets.CIFAR10(root, train=True)"
        "  # 50,000 images\n>>> loader = DataLoader(ds, batch_size=100)\n>>> len(loader)\n{k}\n"
        "```\n",
        "400",
        "500",
        7,
    ),
    (
        "ipython-len-loader",
        "basic",
        "# Loader length in a notebook\n\n```text\nIn [4]: val_loader = DataLoader(val_set, "
        "batch_size=40)  # 9,000 clips\nIn [5]: len(val_loader)\nOut[5]: {k}\n```\n",
        "226",
        "225",
        6,
    ),
]
FC_SHAPES: list[tuple[str, str, str, str, str, int]] = [
    (
        "fc6-sentence",
        "basic",
        "# Where do AlexNet's weights sit?\n\nThe fc6 layer (9216 → 4096) alone has "
        "{k} parameters.\n",
        "37,748,736",
        "37,752,832",
        3,
    ),
    (
        "fc-list-item",
        "basic",
        "# Parameters of a digit classifier\n\n- fc1 maps 784 inputs to 100 units: {k} "
        "parameters\n",
        "78,400",
        "78,500",
        3,
    ),
]
SILENT: list[tuple[str, str, str]] = [
    (
        "warmup-wrapped-share",
        "basic",
        "# Warm-up of a vision run\n\nThree epochs over 12,800 images at batch size 64 make "
        "600 steps, and a 5 % warm-up is\nabout 30 steps.\n",
    ),
    (
        "warmup-list-item",
        "basic",
        "# Schedule of a fine-tuning run\n\n- 8,000 examples, batch size 16, 2 epochs\n"
        "- the linear warm-up covers the first 100 steps\n",
    ),
    (
        "warmup-label",
        "basic",
        "# Learning-rate schedule\n\nAn epoch of 20,000 samples at batch size 50 is 400 steps."
        "\nThe warm-up then lasts\n250 steps, a bit over half an epoch.\n",
    ),
    (
        "repl-len-drop-last",
        "basic",
        "# Loader length with drop_last\n\n```python\n>>> loader = DataLoader(ds, batch_size=256, "
        "drop_last=True)  # 73,257 digits\n>>> len(loader)\n286\n```\n",
    ),
    (
        "repl-len-dataset",
        "basic",
        "# Data set length\n\n```python\n>>> loader = DataLoader(ds, batch_size=256)\n"
        ">>> len(ds)\n73257\n>>> len(loader)\n287\n```\n",
    ),
    (
        "fc-hedged",
        "basic",
        "# How big is VGG-16's fc7?\n\nfc7 (4096 → 4096) holds roughly 16.8 M parameters.\n",
    ),
]
CASES = wrong_and_right(EPOCH_SHAPES + REPL_SHAPES + FC_SHAPES, SILENT)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("params2-s8"), CASES, CODES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)
