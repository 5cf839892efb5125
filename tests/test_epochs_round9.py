"""AG102 round 3 (issue #12, the classes behind sealed batch 9's misses). Each class is a reason
the quantities of a note were not bound, not a phrasing:

- the size of the last batch ("the last batch of 80", "a final, smaller batch of 50", "the
  remaining 200 rows", "the last one holding 40") is neither the batch size nor the data set;
- each size binds from the nearest scope that states it (the data set in the heading, the batch
  in the count's own list item among several);
- "the training split" names the data set and splits nothing off, and neither a batch size
  nor a count of steps is the size of a split;
- code that always drops the last batch in the Extra part after ``***`` is a second setting,
  and a sentence that counts the partial batch keeps it;
- "per pass" names an epoch;
- no phrase runs across a blank line ("# … the batch⏎⏎With 9,600 samples").

Every shape comes twice: with a wrong count, reported on its line, and with the right count,
left alone; the silent notes are correct ones that must stay so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.rule_harness import assert_shape, lint_shapes, wrong_and_right

CODES = ["AG101", "AG102"]

# id, note type, body with {k} where the number goes, wrong value, right value, body line of k
SHAPES: list[tuple[str, str, str, str, str, int]] = [
    # 1. a last batch's size is no batch size and no data set
    (
        "last-batch-of-n",
        "basic",
        "# Steps per epoch for 12,000 spectrograms at batch size 256\n\n"
        "An epoch is {k} steps: 46 full batches and then the last batch of 224 spectrograms.\n",
        "48",
        "47",
        3,
    ),
    (
        "final-smaller-batch-comma",
        "basic",
        "# Loader length\n\nA `DataLoader` over 3,350 sentences with `batch_size=100` yields {k} "
        "batches per epoch, the final, smaller batch of 50 sentences included.\n",
        "33",
        "34",
        3,
    ),
    (
        "remaining-rows",
        "basic",
        "# Epoch over 5,000 table rows at batch size 300\n\n"
        "One epoch is {k} iterations, the last covering only the remaining 200 rows.\n",
        "16",
        "17",
        3,
    ),
    (
        "leftover-clips-in-list",
        "basic",
        "# How many steps per epoch?\n\n- clips: 2,500\n- batch size: 64\n"
        "- steps per epoch: {k} (the 4 leftover clips form a last, short batch)\n",
        "39",
        "40",
        5,
    ),
    (
        "last-one-holding",
        "basic",
        "# Batches per epoch for 1,000 prompts at batch size 48\n\n"
        "The loader returns {k} batches per epoch, the last one holding 40 prompts.\n",
        "20",
        "21",
        3,
    ),
    (
        "partial-batch-of-n",
        "basic",
        "# Steps for 9,000 transcripts\n\nA batch size of 512 gives 17 full batches and one "
        "partial batch of 296 transcripts, so {k} steps per epoch.\n",
        "19",
        "18",
        3,
    ),
    (
        "last-one-size-wrong",
        "basic",
        "# Batches per epoch for 1,000 prompts at batch size 48\n\n"
        "The loader returns 21 batches per epoch, the last one holding {k} prompts.\n",
        "44",
        "40",
        3,
    ),
    (
        "cloze-last-batch-has",
        "cloze",
        "# Steps per epoch\n\nAt `batch_size=64`, 5k utterances take {{{{c1::{k}}}}} steps per "
        "epoch, and the last batch has 8 utterances.\n",
        "78",
        "79",
        3,
    ),
    (
        "bold-remaining-in-last-step",
        "basic",
        "# Epoch length\n\n1.2k sentences at batch size 500: **{k} steps per epoch**, the "
        "remaining 200 sentences in the last step.\n",
        "2",
        "3",
        3,
    ),
    # 2. each size from its nearest scope
    (
        "heading-size-list-batches",
        "basic",
        "# Steps per epoch for 24,050 pages: batch 32 vs batch 100\n\n"
        "- batch size 32: 752 steps per epoch\n- batch size 100: {k} steps per epoch\n",
        "240",
        "241",
        4,
    ),
    (
        "paragraph-size-arrow-items",
        "basic",
        "# Two loader settings\n\nThe corpus holds 18,000 abstracts.\n\n"
        "* `batch_size=128` \N{RIGHTWARDS ARROW} {k} iterations per epoch\n"
        "* `batch_size=256` \N{RIGHTWARDS ARROW} 71 iterations per epoch\n",
        "140",
        "141",
        5,
    ),
    (
        "question-size-numbered-items",
        "basic",
        "# How many updates per epoch over 7,200 claims?\n\n"
        "1. batch of 50: {k} updates\n2. batch of 64: 113 updates\n",
        "145",
        "144",
        3,
    ),
    # 3. a named training split is the data set; batch and count split nothing off
    (
        "training-split-named",
        "basic",
        "# Iterations per epoch on the training split\n\nThe training split holds 45,000 "
        "photos, and with `batch_size=512` the trainer runs {k} iterations per epoch.\n",
        "87",
        "88",
        3,
    ),
    (
        "train-split-floor",
        "basic",
        "# Steps per epoch\n\nOur train split is 10,000 reviews; at a batch size of 64 one epoch "
        "takes {k} steps.\n",
        "156",
        "157",
        3,
    ),
    (
        "held-out-remaining",
        "basic",
        "# Steps with a validation split\n\n50,000 images, 10,000 of them held out for "
        "validation, batch size 100: the remaining 40,000 give {k} steps per epoch.\n",
        "410",
        "400",
        3,
    ),
    # 4. the drop setting of another part, and a sentence that counts the partial batch
    (
        "extra-drop-last",
        "basic",
        "# Batches per epoch for 6,000 captions at batch size 128\n\n"
        "47 batches; the last holds 112 captions.\n\n***\n\n"
        "With `drop_last=True` the loader would give {k} batches per epoch.\n",
        "47",
        "46",
        7,
    ),
    (
        "answer-before-extra-drop",
        "basic",
        "# Batches per epoch for 6,000 captions at batch size 128\n\n"
        "{k} batches; the last holds 112 captions.\n\n***\n\n"
        "With `drop_last=True` the loader would give 46 batches per epoch.\n",
        "46",
        "47",
        3,
    ),
    (
        "sentence-counts-partial",
        "basic",
        "# Steps for 40,000 tweets at batch size 96\n\n"
        "So {k} steps per epoch: 416 full batches and a smaller last batch of 64 tweets. "
        "Setting `drop_remainder=True` would make it 416.\n",
        "416",
        "417",
        3,
    ),
    # 5. "per pass" is an epoch
    (
        "per-pass-code-comment",
        "code",
        "# How many batches does this pipeline yield per pass?\n\n```python\n"
        "ds = ds.batch(250)  # 10,100 images -> {k} batches\n```\n",
        "40",
        "41",
        4,
    ),
    (
        "per-pass-heading",
        "basic",
        "# Batches per pass\n\n3,000 samples, batch size 128: {k} mini-batches, the last one "
        "holding 56 samples.\n",
        "23",
        "24",
        3,
    ),
    (
        "per-pass-prose",
        "basic",
        "# Training loop\n\n1,250 windows at batch size 100 make {k} batches per pass.\n",
        "12",
        "13",
        3,
    ),
    # 6. no phrase across a blank line
    (
        "heading-batch-then-with",
        "basic",
        "# Why halve the batch\n\nWith 9,600 samples, halving the batch size from 128 to 64 "
        "takes an epoch from 75 to {k} steps.\n",
        "140",
        "150",
        3,
    ),
]

SILENT: list[tuple[str, str, str]] = [
    (
        "remaining-above-batch-is-trained-part",
        "basic",
        "# Steps after a hold-out\n\nFrom 12,000 images we hold out 2,000; the remaining "
        "10,000 images at batch size 50 give 200 steps per epoch.\n",
    ),
    (
        "last-one-without-batch",
        "basic",
        "# Epoch length of the second model\n\nWe trained two models; the last one has 3 "
        "layers. Its 6,400 images at batch size 64 give 100 steps per epoch.\n",
    ),
    (
        "keras-last-batch-of-n",
        "basic",
        "# How many steps does one epoch take at batch_size=96 in Keras?\n\n"
        "209. The 20,000 crops make 208 full batches and Keras keeps the last batch of 32 "
        "crops.\n",
    ),
    (
        "both-settings-across-parts",
        "basic",
        "# Loader over 2,000 logs at batch size 300\n\n7 batches, the last one holding 200 "
        "logs.\n\n***\n\n`drop_last=True` gives 6 batches per epoch and skips those 200 logs.\n",
    ),
]


CASES = wrong_and_right(SHAPES, SILENT)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("round9"), CASES, CODES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)


def test_last_batch_of_n_is_no_batch_size(tmp_path: Path) -> None:
    """The message names the real batch, not the last batch's size."""
    body = (
        "# Steps at batch_size=128\n\nThe 50,000 training images give 392 steps per epoch, "
        "and the last batch of 80 images is kept.\n"
    )
    from tests.rule_harness import FixtureNote, lint_rule, write_notes

    write_notes(tmp_path, [FixtureNote("note", body)])
    messages = [diagnostic.message for diagnostic in lint_rule(tmp_path, "AG102")]
    assert len(messages) == 1 and "batch size 128" in messages[0] and "391" in messages[0]
