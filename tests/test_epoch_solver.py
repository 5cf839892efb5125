"""AG102's solver (``ankigen.lint.arith.epoch_solver``, issue #12): a claimed count of steps is
checked against every assignment of the note's stated quantities, whatever the sentence says
around them. The shapes below are written in the project's own words: careful and sloppy
authors, sentences, lists, tables, code, clozes and headings, one or two scenarios, different
notations (x, the times sign, k suffixes, keyword arguments). Each comes twice: with a wrong
count, reported on its line, and with the right count, left alone; the silent notes are correct
ones (hedged, hypothetical, endless pipelines, counts of something else) that must stay so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.rule_harness import (
    FixtureNote,
    assert_shape,
    lint_rule,
    lint_shapes,
    write_notes,
    wrong_and_right,
)

CODES = ["AG101", "AG102"]
FENCE = "```"

# id, note type, body with {k} where the count goes, wrong value, right value, body line of k
SHAPES: list[tuple[str, str, str, str, str, int]] = [
    (
        "per-gpu-batch-times-devices",
        "basic",
        "# Steps per epoch on ImageNet with data parallelism\n\nOn 8 GPUs with 32 images per GPU, "
        "one epoch over 1,281,167 images takes {k} steps.\n",
        "40,037",
        "5,005",
        3,
    ),
    (
        "accumulated-micro-batches",
        "basic",
        "# Optimizer updates per epoch\n\nEach optimizer step averages 4 accumulated "
        "micro-batches of 8, so 3,200 sequences give {k} optimizer steps per epoch.\n",
        "400",
        "100",
        3,
    ),
    (
        "keras-validation-split-kwarg",
        "basic",
        "# Steps with a validation split\n\n`model.fit(x, y, batch_size=100, "
        "validation_split=0.2)` on 50,000 samples runs {k} steps per epoch.\n",
        "500",
        "400",
        3,
    ),
    (
        "drop-last-in-code",
        "basic",
        "# Batches of a loader that drops the tail\n\n"
        f"{FENCE}python\nloader = DataLoader(train_set, batch_size=64, drop_last=True)  "
        f"# train_set holds 10,000 clips\n{FENCE}\n\nThe loader yields {{k}} batches per epoch.\n",
        "157",
        "156",
        7,
    ),
    (
        "claim-in-heading",
        "basic",
        "# Why does one epoch take {k} steps?\n\nBecause 60,000 images are split into batches "
        "of 128 and the last, smaller batch is a step too.\n",
        "470",
        "469",
        1,
    ),
    (
        "table-two-rows",
        "basic",
        "# Steps per epoch for two runs\n\n| run | images | batch | steps/epoch |\n"
        "|---|---|---|---|\n| A | 12,000 | 32 | 375 |\n| B | 12,000 | 48 | {k} |\n",
        "375",
        "250",
        6,
    ),
    (
        "k-suffix-compound",
        "basic",
        "# Iterations per epoch\n\nA 50k-sample dataset with a batch of 250 gives {k} "
        "iterations per epoch.\n",
        "250",
        "200",
        3,
    ),
    (
        "product-names-the-global-batch",
        "basic",
        "# Steps with four devices\n\nThe global batch is 4 \N{MULTIPLICATION SIGN} 64 = 256, "
        "so 100,000 rows take "
        "{k} steps per epoch.\n",
        "1,563",
        "391",
        3,
    ),
    (
        "total-over-epochs",
        "basic",
        "# Total steps of a short run\n\nTraining 5 epochs on 12,800 samples at batch size "
        "128 takes {k} steps in total.\n",
        "600",
        "500",
        3,
    ),
    (
        "default-keeps-incomplete-batch",
        "basic",
        "# Loader length\n\nA DataLoader with the default `drop_last=False` keeps the "
        "incomplete final batch.\nIt therefore yields {k} batches per epoch (50,000 images, "
        "batch size 128).\n",
        "390",
        "391",
        4,
    ),
    (
        "list-of-labels",
        "basic",
        "# Training configuration\n\n- Dataset: 24,000 crops\n- Batch: 96\n"
        "- Iterations/epoch: {k}\n",
        "240",
        "250",
        5,
    ),
    (
        "bold-count-first",
        "basic",
        "# Epoch length\n\n**{k} steps** per epoch: 9,600 product photos, batch size 32.\n",
        "320",
        "300",
        3,
    ),
    (
        "per-device-on-devices",
        "basic",
        "# Steps per epoch with data parallelism\n\nWith a per-device batch of 16 on 4 devices, "
        "32,000 examples make {k} steps per epoch.\n",
        "2,000",
        "500",
        3,
    ),
    (
        "print-len-comment",
        "code",
        "# How many batches does the loader yield?\n\n"
        f"{FENCE}python\nloader = DataLoader(ds, batch_size=50)  # ds: 1,234 samples\n"
        f"print(len(loader))  # {{k}}\n{FENCE}\n",
        "24",
        "25",
        5,
    ),
    (
        "tuple-assignment-comment",
        "code",
        "# Steps per epoch in plain Python\n\n"
        f"{FENCE}python\nimport math\n\nn_samples, batch_size = 7_000, 64\n"
        f"steps = math.ceil(n_samples / batch_size)  # {{k}}\n{FENCE}\n",
        "109",
        "110",
        7,
    ),
    (
        "validation-percent",
        "basic",
        "# Iterations on the trained part\n\nWith a 10 % validation split of 20,000 images and "
        "batch size 100, training runs {k} iterations per epoch.\n",
        "200",
        "180",
        3,
    ),
    (
        "stated-held-out-part",
        "basic",
        "# Steps after holding out a test set\n\nOf 12,000 records, 2,000 are held out for "
        "testing; the rest at batch size 50 give {k} steps per epoch.\n",
        "240",
        "200",
        3,
    ),
    (
        "full-batches-floor",
        "basic",
        "# Full batches\n\n10,000 windows at batch size 64 fill {k} full batches.\n",
        "157",
        "156",
        3,
    ),
    (
        "two-scenarios-by-gpu-count",
        "basic",
        "# Do more GPUs change the steps per epoch?\n\nThe data set has 256,000 images and the "
        "per-device batch is 64.\n\n- 1 GPU: the global batch is 64, so 4,000 steps.\n"
        "- 4 GPUs: the global batch is 4 \N{MULTIPLICATION SIGN} 64 = 256, "
        "so {k} steps per epoch.\n",
        "4,000",
        "1,000",
        6,
    ),
    (
        "answer-only-bold",
        "basic",
        "# How many iterations per epoch for 30,000 samples at batch size 64?\n\n**{k}**\n",
        "468",
        "469",
        3,
    ),
    (
        "sloppy-web-abbreviations",
        "basic",
        "# epoch len?\n\nbs=32 on 50k images -> {k} iters per epoch\n",
        "1562",
        "1563",
        3,
    ),
    (
        "about-rounded",
        "basic",
        "# Epoch length on a big corpus\n\nAbout {k} steps per epoch: 1,000,000 sentences at "
        "batch size 512.\n",
        "3,000",
        "2,000",
        3,
    ),
    (
        "tf-data-tensor-rows",
        "basic",
        "# Batches of a tf.data pipeline\n\n"
        f"{FENCE}python\nds = tf.data.Dataset.from_tensor_slices(np.zeros((5000, 8))).batch(128)\n"
        f"{FENCE}\n\nIterating over `ds` once gives {{k}} batches.\n",
        "39",
        "40",
        7,
    ),
    (
        "drop-remainder-updates",
        "basic",
        "# Weight updates with drop_remainder\n\n`ds.batch(256, drop_remainder=True)` over "
        "10,000 examples gives {k} weight updates per epoch.\n",
        "40",
        "39",
        3,
    ),
    (
        "second-paragraph-own-batch",
        "basic",
        "# Doubling the batch\n\nAt batch size 32, 8,000 samples take 250 steps.\n\n"
        "At batch size 64 the same data takes {k} steps per epoch.\n",
        "250",
        "125",
        5,
    ),
    (
        "table-accumulation-column",
        "basic",
        "# How does accumulation change the step count?\n\n"
        "| setting | micro-batch | accumulate | forward passes / epoch "
        "| optimizer steps / epoch |\n"
        "|---|---|---|---|---|\n| A | 32 | 1 | 1,563 | 1,563 |\n| B | 32 | 4 | 1,563 | {k} |\n\n"
        "The data set has 50,000 examples.\n",
        "1,563",
        "391",
        6,
    ),
    (
        "cloze-count",
        "cloze",
        "One epoch over 45,000 images at batch size 90 is {{{{c1::{k}}}}} iterations.\n",
        "5,000",
        "500",
        1,
    ),
    (
        "chunked-read",
        "basic",
        "# How many chunks does pandas read?\n\nReading a 2,600,000-row CSV in chunks of "
        "100,000 rows gives {k} chunks.\n",
        "26,000",
        "26",
        3,
    ),
    (
        "count-then-sizes-by-notation",
        "basic",
        "# Steps for a 3-GPU run\n\n{k} steps per epoch = 90,000 images / (3 GPUs x 100 per "
        "GPU).\n",
        "900",
        "300",
        3,
    ),
    (
        "effective-batch-label",
        "basic",
        "# Fine-tuning schedule\n\n- examples: 48,000\n- micro-batch size: 16\n"
        "- accumulation steps: 4\n- effective batch: 64\n"
        "- optimizer updates per epoch: {k}\n",
        "3,000",
        "750",
        7,
    ),
    (
        "keras-progress-comment",
        "code",
        "# How many steps does Keras show per epoch?\n\n"
        f"{FENCE}python\nmodel.fit(x_train, y_train, batch_size=32, epochs=3)  "
        f"# x_train has 60,000 rows -> {{k}} steps per epoch\n{FENCE}\n",
        "1,800",
        "1,875",
        4,
    ),
    (
        "mnist-named-only",
        "basic",
        "# Steps for one epoch of MNIST\n\nAt batch size 100 an epoch of MNIST is {k} "
        "iterations.\n",
        "6,000",
        "600",
        3,
    ),
]

SILENT: list[tuple[str, str, str]] = [
    (
        "repeat-steps-per-epoch-is-a-choice",
        "code",
        "# steps_per_epoch for a repeated pipeline\n\n"
        f"{FENCE}python\nds = tf.data.Dataset.from_tensor_slices((x, y)).repeat().batch(120)  "
        f"# 60,000 images\nmodel.fit(ds, epochs=5, steps_per_epoch=600)\n{FENCE}\n",
    ),
    (
        "logging-interval",
        "basic",
        "# Logging\n\nWith 50,000 images at batch size 100 we log every 100 steps.\n",
    ),
    (
        "tokens-not-modelled",
        "basic",
        "# Steps over a token budget\n\n1,000,000 tokens in 512-token sequences at batch size 8 "
        "make 245 steps per epoch.\n",
    ),
    (
        "warm-up-steps",
        "basic",
        "# Warm-up\n\nWe train 60,000 images at batch size 128 with a warm-up of 500 steps.\n",
    ),
    (
        "last-batch-of-n",
        "basic",
        "# Steps\n\n50,000 images at batch size 128 take 391 steps, the last batch of 80 "
        "images included.\n",
    ),
    (
        "accumulate-over-steps",
        "basic",
        "# Accumulation\n\n64,000 examples, micro-batch 16, gradients accumulated over 4 steps: "
        "1,000 optimizer updates per epoch.\n",
    ),
    (
        "negated-count",
        "basic",
        "# A common slip\n\n60,000 images at batch size 128 make 469 steps, not 468 steps.\n",
    ),
    (
        "two-settings-in-two-sentences",
        "basic",
        "# Steps per epoch\n\n50,000 / 128 = 390.625, so there are 390 full batches and one "
        "partial batch of 80 images: 391 steps per epoch. With `drop_remainder=True` it is "
        "390.\n",
    ),
    (
        "generator-steps-per-epoch",
        "code",
        "# fit with a generator\n\n"
        f"{FENCE}python\ndef batches():\n    while True:\n        yield next_batch(64)  "
        f"# 10,000 samples\n\nmodel.fit(batches(), steps_per_epoch=200)\n{FENCE}\n",
    ),
    (
        "per-device-vs-global-correct",
        "basic",
        "# Global batch\n\nOn 4 GPUs with 32 images per GPU, 51,200 images take 400 steps per "
        "epoch.\n",
    ),
    # Correct notes that AG102's older readings reported until issue #12's precision round
    # (tests/test_epoch_precision.py): now checked on the whole rule.
    (
        "hypothetical-other-setting",
        "basic",
        "# Steps per epoch\n\n50,000 samples at batch size 128 give 391 steps; with "
        "`drop_last=True` it would be 390.\n",
    ),
    (
        "hedged-roughly",
        "basic",
        "# Rough epoch length\n\n60,000 images at batch size 128 is roughly 500 steps.\n",
    ),
    (
        "effective-batch-beside-loader-batches",
        "basic",
        "# Fine-tuning schedule\n\n- examples: 48,000\n- micro-batch size: 16\n"
        "- accumulation steps: 4\n- effective batch: 64\n"
        "- loader batches per epoch: 3,000\n- optimizer updates per epoch: 750\n",
    ),
]

CASES = wrong_and_right(SHAPES, SILENT)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("epoch-solver"), CASES, CODES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)


def test_at_least_thirty_shapes() -> None:
    assert len(SHAPES) >= 30 and len(SILENT) >= 12


def test_message_gives_the_expected_count(tmp_path: Path) -> None:
    body = (
        "# Steps with four devices\n\nThe global batch is 4 \N{MULTIPLICATION SIGN} 64 = 256, "
        "so 100,000 rows take "
        "1,563 steps per epoch.\n"
    )
    write_notes(tmp_path, [FixtureNote("note", body)])
    messages = [diagnostic.message for diagnostic in lint_rule(tmp_path, "AG102")]
    assert len(messages) == 1 and "391" in messages[0] and "1,563" in messages[0], messages
