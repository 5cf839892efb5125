"""AG102 round 2 (issue #12, sealed batch 8's classes): the drop-last setting of a count's own
clause, a division in the count's own sentence, gradient accumulation, totals over the stated
epochs and chunked reading. Every shape comes twice: with a wrong count, reported on its line,
and with the right count, left alone; the silent notes are correct ones that must stay so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.rule_harness import assert_shape, lint_shapes, wrong_and_right

CODES = ["AG101", "AG102"]

# id, note type, body with {k} where the count goes, wrong count, right count, body line of k
SHAPES: list[tuple[str, str, str, str, str, int]] = [
    # 1. the last partial batch kept in the count's own sentence: only the ceiling is right
    (
        "kept-after-semicolon",
        "basic",
        "# Epoch length of the leaf-disease classifier\n\n"
        "The set holds 30,000 leaf photos and batches of 64 are used, so an epoch is {k} steps; "
        "the short final batch is kept since `drop_last` stays at its default.\n",
        "468",
        "469",
        3,
    ),
    (
        "kept-default-false",
        "basic",
        "# Loader length\n\n10,000 sensor windows in batches of 96 with `drop_last=False` make "
        "{k} batches per epoch, while the other loader uses `drop_last=True`.\n",
        "104",
        "105",
        3,
    ),
    (
        "dropped-in-own-clause",
        "basic",
        "# Two loaders over 5,000 receipts at batch size 48\n\n"
        "The training loader runs {k} iterations per epoch with `drop_last=True`, "
        "but the scoring loader keeps its last partial batch.\n",
        "105",
        "104",
        3,
    ),
    # 2. an explicit division in the count's own sentence defines its batch
    (
        "own-division-then-effective",
        "basic",
        "# Updates per epoch, plain and accumulated (36,000 sentences, micro-batch 24)\n\n"
        "Plain training updates after every micro-batch: 36,000 / 24 = 1,500 updates per epoch.\n\n"
        "Accumulating 3 micro-batches gives an effective batch of "
        "3 \N{MULTIPLICATION SIGN} 24 = 72, so the optimizer "
        "steps {k} times per epoch.\n",
        "600",
        "500",
        5,
    ),
    (
        "own-division-other-paragraph",
        "basic",
        "# Steps per epoch over 10,000 photos at two batch sizes\n\n"
        "At batch 25: 10,000 / 25 = 400 steps per epoch."
        "\n\nThe tuned run uses a batch size of 80, so one epoch there is {k} steps.\n",
        "120",
        "125",
        5,
    ),
    # 3. gradient accumulation: updates = ceil(N / B) / accumulation
    (
        "accumulation-config-keys",
        "basic",
        "# Trainer settings\n\nOn one GPU with `per_device_train_batch_size=4` and "
        "`gradient_accumulation_steps=8`, the 32,000 training examples give {k} optimizer "
        "updates per epoch.\n",
        "8,000",
        "1,000",
        3,
    ),
    (
        "accumulation-optimizer-steps",
        "basic",
        "# Optimizer updates per epoch with gradient accumulation\n\n"
        "A summarizer is tuned on 96,000 articles with a micro-batch of 8 and gradients "
        "accumulated over 6 micro-batches. The loader yields 12,000 micro-batches per epoch, "
        "and the optimizer steps {k} times per epoch.\n",
        "1,500",
        "2,000",
        3,
    ),
    (
        "accumulation-list",
        "basic",
        "# Config of the speech fine-tune\n\n- utterances: 20,480\n- micro-batch size: 16\n"
        "- gradient accumulation steps: 4\n- optimizer updates per epoch: {k}\n",
        "1,280",
        "320",
        6,
    ),
    # 4. totals over the stated epochs
    (
        "total-label",
        "basic",
        "# Scheduler length for the churn model\n\n"
        "We train on 18,000 customer rows for 12 epochs at batch size 90.\n\n"
        "Total: {k} optimizer steps, the value passed to the scheduler.\n",
        "200",
        "2,400",
        5,
    ),
    (
        "in-total-phrase",
        "basic",
        "# How long is the run?\n\n"
        "8 epochs over 12,800 tiles in batches of 32 come to {k} steps in total.\n",
        "400",
        "3,200",
        3,
    ),
    (
        "whole-run-phrase",
        "basic",
        "# Length of the fine-tune\n\nFine-tuning for 3 epochs on 9,000 question pairs at batch "
        "size 30 takes {k} steps over the whole run.\n",
        "300",
        "900",
        3,
    ),
    # 5. chunked reading: ceil(rows / chunk) pieces
    (
        "read-csv-chunks",
        "basic",
        "# How many DataFrames does `pd.read_csv('log.csv', chunksize=4_000)` yield for a "
        "file of 50,000 rows?\n\n"
        "It yields {k} DataFrames, the last one holding the 2,000 leftover rows.\n",
        "12",
        "13",
        3,
    ),
    (
        "shards-of-files",
        "basic",
        "# Sharding the image archive\n\n"
        "The 45,500 images are written to shards of 1,000 files, so the archive has {k} "
        "shards, the last one partial.\n",
        "45",
        "46",
        3,
    ),
    (
        "pages-of-results",
        "basic",
        "# Paging through the search API\n\n"
        "A query matching 1,230 documents returns pages of 50 results, so a client fetches "
        "{k} pages to see them all.\n",
        "24",
        "25",
        3,
    ),
]

# correct notes that must stay free of AG102 findings
SILENT: list[tuple[str, str, str]] = [
    (
        "both-settings-per-clause",
        "basic",
        "# Steps per epoch for 20,000 clips at batch size 128\n\n"
        "20,000 / 128 = 156.25, so an epoch is 157 steps if the partial batch is kept, "
        "or 156 steps with `drop_last=True`.\n",
    ),
    (
        "both-settings-reversed",
        "basic",
        "# Batches for 7,000 tweets at batch size 64\n\n"
        "With `drop_remainder=True` the dataset gives 109 batches; without it, 110.\n",
    ),
    (
        "division-before-effective",
        "basic",
        "# Steps with and without accumulation (64,000 pairs, micro-batch 16)\n\n"
        "Unaccumulated: 64,000 / 16 = 4,000 steps per epoch.\n\n"
        "With 8 accumulated micro-batches the effective batch is "
        "8 \N{MULTIPLICATION SIGN} 16 = 128, so 500 "
        "optimizer steps per epoch.\n",
    ),
    (
        "accumulation-micro-batches-counted",
        "basic",
        "# What does the progress bar count?\n\n"
        "50,000 examples at a micro-batch of 25 with accumulation over 4: the loader "
        "yields 2,000 micro-batches per epoch and the optimizer steps 500 times.\n",
    ),
    (
        "total-and-per-epoch",
        "basic",
        "# Run length\n\n24,000 rows, batch size 80, 5 epochs: 300 steps per epoch and "
        "1,500 steps in total.\n",
    ),
]


# a rounded-up division with a wrong result is AG101's: reported once, never by both rules
CEILING = (
    "# Evaluation steps\n\nThe 7,500 held-back images at batch size 64 need "
    "`eval_steps = ceil(7,500 / 64) = 117` so that each image is scored once.\n"
)


def test_wrong_ceiling_is_reported_once(tmp_path: Path) -> None:
    found = lint_shapes(tmp_path, [{"id": "ceiling", "body": CEILING}], CODES)
    assert found["ceiling"] == [(3, "AG101")]


CASES = wrong_and_right(SHAPES, SILENT)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("round8"), CASES, CODES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)
