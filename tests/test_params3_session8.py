"""AG102/AG104, session 8 round 3 of issue #12: classes left open by the round-2 blind probe
(tests/fixtures/blind_params2). Own-words notes; each shape comes with a wrong count (reported
on its line) and the right one (silent), plus near misses that must stay silent.
"""

# ruff: noqa: RUF001

from __future__ import annotations

from typing import Any

import pytest

from tests.rule_harness import assert_shape, lint_shapes, wrong_and_right

CODES = ["AG101", "AG102", "AG104"]

EPOCH_SHAPES: list[tuple[str, str, str, str, str, int]] = [
    (
        "fit-log-validation-split",
        "basic",
        "# Progress bar of a tabular model\n\nThe 20,000 rows go to `fit`:\n\n```python\n"
        "model.fit(features, labels, batch_size=50, epochs=3, validation_split=0.25)\n"
        "# Epoch 1/3\n# {k}/{k} [==============================] - 2s - loss: 0.52\n```\n",
        "400",
        "300",
        8,
    ),
    (
        "lightning-accumulate",
        "basic",
        "# Scheduler length with gradient accumulation\n\nA `Trainer(max_epochs=10, "
        "accumulate_grad_batches=8)` reads 12,800 clips in batches of 32, so the cosine "
        "schedule runs for {k} optimizer steps.\n",
        "4,000",
        "500",
        3,
    ),
    (
        "llm-tokens-per-step",
        "basic",
        "# Length of a pretraining run\n\nEach step processes 1,000 sequences of 2,000 tokens; "
        "training on 50 billion tokens takes {k} steps.\n",
        "12,500",
        "25,000",
        3,
    ),
    (
        "warmup-share-of-run",
        "basic",
        "# Warm-up of a text classifier\n\nFour epochs of 500 steps each, with a 5 % warm-up: "
        "the warm-up lasts {k} steps.\n",
        "25",
        "100",
        3,
    ),
    (
        "kfold-training-part",
        "basic",
        "# Batches per epoch under cross-validation\n\nA 4-fold cross-validation over 6,000 "
        "samples with batch size 50 gives {k} iterations per epoch in each run.\n",
        "120",
        "90",
        3,
    ),
    (
        "kfold-list-item",
        "basic",
        "# Stratified 10-fold CV of a churn model\n\n- 20,000 customers, 10-fold cross-"
        "validation\n- batch size 100\n- each fold's training run: {k} steps per epoch\n",
        "200",
        "180",
        5,
    ),
    (
        "kfold-cloze",
        "cloze",
        "# Cross-validation epochs\n\nSplit into 5 folds, 2,500 recordings with a batch size "
        "of 25 give {{{{c1::{k}}}}} iterations per epoch of each training run.\n",
        "100",
        "80",
        3,
    ),
]
PARAM_SHAPES: list[tuple[str, str, str, str, str, int]] = [
    (
        "ffn-from-config",
        "basic",
        "# Feed-forward block of a large encoder\n\nThe config sets `hidden_size: 1024` and "
        "`intermediate_size: 4096`; the two linear layers with biases (1024 → 4096 → 1024) "
        "hold {k} parameters per layer.\n",
        "8,388,608",
        "8,393,728",
        3,
    ),
    (
        "attention-projections-list",
        "basic",
        "# Attention parameters (d_model = 256)\n\n- four projections (query, key, value, "
        "output), each a 256 × 256 matrix plus a bias\n- together {k} parameters\n",
        "262,144",
        "263,168",
        4,
    ),
    (
        "flatten-dense-table-row",
        "basic",
        "# Parameters of AlexNet's classifier\n\n| layer | shape | parameters |\n|---|---|---|\n"
        "| fc6 | 6×6×256 → 4096 | {k} |\n",
        "37,748,736",
        "37,752,832",
        5,
    ),
    (
        "flatten-dense-sentence",
        "basic",
        "# A small CNN's head\n\nThe dense layer (4×4×64 → 128) holds {k} parameters.\n",
        "8,320",
        "131,200",
        3,
    ),
    (
        "flatten-dense-list-x",
        "basic",
        "# Classifier of a toy VGG\n\n- dense: 2x2x32 -> 10, {k} parameters\n",
        "330",
        "1,290",
        3,
    ),
]
SILENT: list[tuple[str, str, str]] = [
    (
        "kfold-refit-whole",
        "basic",
        "# After cross-validation\n\nThe 4-fold cross-validation over 6,000 samples picks the "
        "learning rate; the final model is then retrained on all 6,000 samples at batch size 50, "
        "120 iterations per epoch.\n",
    ),
    (
        "kfold-speedup-not-folds",
        "basic",
        "# Faster epochs\n\nWith 6,000 samples at batch size 50 an epoch has 120 iterations, "
        "and mixed precision gives a 3-fold speed-up.\n",
    ),
    (
        "flatten-dense-hedged",
        "basic",
        "# VGG-16's first dense layer\n\n| layer | shape | parameters |\n|---|---|---|\n"
        "| fc6 | 7×7×512 → 4096 | about 102.8 M |\n",
    ),
    (
        "conv-shape-arrow",
        "basic",
        "# A 3×3 convolution\n\n| layer | shape | parameters |\n|---|---|---|\n"
        "| conv3 | 3×3×128 → 256 | 295,168 |\n",
    ),
]
# Still open (the wrong count is not yet reported): their right counts must stay silent.
OPEN = {
    "fit-log-validation-split",
    "lightning-accumulate",
    "llm-tokens-per-step",
    "warmup-share-of-run",
    "ffn-from-config",
    "attention-projections-list",
}
CASES = wrong_and_right(
    [shape for shape in EPOCH_SHAPES + PARAM_SHAPES if shape[0] not in OPEN],
    SILENT
    + [
        (f"{name}-right", kind, body.format(k=right))
        for name, kind, body, _wrong, right, _line in EPOCH_SHAPES + PARAM_SHAPES
        if name in OPEN
    ],
)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("params3-s8"), CASES, CODES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)
