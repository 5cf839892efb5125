"""AG101 and AG102 (issue #12, the classes behind sealed batch 12's false errors and misses).
Each class is a reason a quantity was read in the wrong role, not a phrasing:

- a variable named right before a relation ("at step 50,000 ε = 1.0 - 0.9 x 0.5 = 0.55") is
  what the calculation computes, no unit of the number before it (AG101);
- a batch smaller than the others, added to the full ones ("390 full batches plus one smaller
  batch of 80", "leaves 143 images for a final short batch"), is the last batch: neither the
  batch size nor the data set; "a smaller batch of 64" said alone is still a batch size;
- a part held out of a data set whose size the note states too ("holding out 5,000 of the
  60,000 images") leaves the rest to train on, never the whole;
- with data parallelism and no global batch, each device's share of the data and its own
  batch make each device's epoch ("every GPU gets 6,250 reviews … per-GPU batch size of 32");
- code that builds the data from a range (``list(range(1000))``) and slices it in a loop
  (``range(0, len(rows), 64)``) states the data set and the batch size, and a question that
  asks how many batches makes its answer's counts of batches an epoch's;
- a count said "without it" speaks of the setting other than the note's drop.

Every shape comes twice: with a wrong count, reported on its line, and with the right count,
left alone; the silent notes are correct near misses that must stay so."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rule_harness import assert_reasons_covered, assert_shape, lint_shapes, wrong_and_right

CODES = ["AG101", "AG102"]

# id, note type, body with {k} where the number goes, wrong value, right value, body line of k
SHAPES: list[tuple[str, str, str, str, str, int]] = [
    # 1. a variable named before a relation is no unit (AG101)
    (
        "variable-greek-epsilon",
        "basic",
        "# DQN exploration\n\nThe schedule decays linearly from 1.0 to 0.1 over 100,000 steps, "
        "so at step 50,000 ε = 1.0 \N{MINUS SIGN} 0.9 \N{MULTIPLICATION SIGN} 0.5 = {k}.\n",
        "0.45",
        "0.55",
        3,
    ),
    (
        "variable-greek-eta",
        "basic",
        "# Step decay\n\nThe rate halves every 10 epochs: after 30 epochs "
        "η = 0.1 \N{MULTIPLICATION SIGN} 0.5 \N{MULTIPLICATION SIGN} 0.5 "
        "\N{MULTIPLICATION SIGN} 0.5 = {k}.\n",
        "0.125",
        "0.0125",
        3,
    ),
    (
        "variable-underscore-name",
        "basic",
        "# Exponential decay\n\nWith a factor of 0.9 per 1,000 iterations, at iteration 2,000 "
        "lr_t = 0.01 \N{MULTIPLICATION SIGN} 0.9 \N{MULTIPLICATION SIGN} 0.9 = {k}.\n",
        "0.009",
        "0.0081",
        3,
    ),
    (
        "variable-greek-name",
        "basic",
        "# Discounting\n\nTwo steps ahead with a discount of 0.99, after 2 steps gamma = "
        "0.99 \N{MULTIPLICATION SIGN} 0.99 = {k}.\n",
        "0.97",
        "0.9801",
        3,
    ),
    (
        "variable-greek-subscript",
        "basic",
        "# Adam bias correction\n\nAfter 2 steps "
        "β_2 = 1 \N{MINUS SIGN} 0.001 \N{MULTIPLICATION SIGN} 2 = {k} is the correction "
        "factor's approximation.\n",
        "0.98",
        "0.998",
        3,
    ),
    # 2. a smaller batch added to the full ones is the last batch
    (
        "last-plus-one-smaller-batch",
        "basic",
        "# How many steps does one epoch take with 50,000 images and a batch size of 128?\n\n"
        "50,000 / 128 = 390.625, so there are 390 full batches plus one smaller batch of 80 "
        "images: {k} steps.\n",
        "392",
        "391",
        3,
    ),
    (
        "last-and-a-short-batch",
        "basic",
        "# Epoch over 10,000 clips at batch size 96\n\nThe loader yields 104 full batches and a "
        "short batch of 16 clips, {k} iterations per epoch.\n",
        "106",
        "105",
        3,
    ),
    (
        "last-leaves-for-final-short-batch",
        "basic",
        "# ImageNet-1k steps at batch size 256\n\nOne epoch of 1,281,167 images takes {k} "
        "steps, because 5,004 \N{MULTIPLICATION SIGN} 256 = 1,281,024 leaves 143 images "
        "for a final short batch.\n",
        "5,010",
        "5,005",
        3,
    ),
    (
        "last-leftover-go-into-final-batch",
        "basic",
        "# Reviews per epoch\n\nThe 2,500 reviews at batch size 64 fill 39 full batches; the 4 "
        "leftover reviews go into a final, smaller batch, so an epoch has {k} steps.\n",
        "39",
        "40",
        3,
    ),
    (
        "last-then-one-extra-batch",
        "basic",
        "# Table rows per epoch\n\n3,000 rows at batch size 108 make 27 full batches, then one "
        "extra batch of 84 rows: {k} batches per epoch.\n",
        "29",
        "28",
        3,
    ),
    (
        "last-near-miss-smaller-batch-alone",
        "basic",
        "# Smaller batches\n\nSwitching to a smaller batch of 64 for the 50,000 images gives "
        "{k} steps per epoch.\n",
        "700",
        "782",
        3,
    ),
    # 3. a part held out of a stated whole leaves the rest to train on
    (
        "held-out-of-cloze",
        "cloze",
        "# MNIST iterations per epoch\n\nAfter holding out 5,000 of the 60,000 MNIST training "
        "images for validation, training with batch size 50 takes {{{{c1::{k}}}}} iterations "
        "per epoch.\n",
        "1,200",
        "1,100",
        3,
    ),
    (
        "held-setting-aside-of",
        "basic",
        "# Test split\n\nAfter setting aside 10,000 of the 50,000 reviews as a test set, "
        "training at batch size 100 runs {k} steps per epoch.\n",
        "500",
        "400",
        3,
    ),
    (
        "held-passive-of",
        "basic",
        "# Validation\n\n5,000 of the 45,000 images are held out for validation; with a batch "
        "size of 64 each epoch has {k} iterations.\n",
        "704",
        "625",
        3,
    ),
    (
        "held-reserving-of",
        "basic",
        "# Clips per epoch\n\nReserving 2,000 of the 12,000 clips for validation and training "
        "in batches of 250 gives {k} steps per epoch.\n",
        "48",
        "40",
        3,
    ),
    (
        "held-we-hold-out-of",
        "basic",
        "# Tickets\n\nWe hold out 6,000 of the 30,000 tickets for testing.\n\n"
        "With batch size 48 an epoch is {k} steps.\n",
        "625",
        "500",
        5,
    ),
    # 4. each device's share and its own batch make each device's epoch
    (
        "device-every-gpu-gets",
        "basic",
        "# Steps per epoch for IMDb sentiment training with DDP on 4 GPUs\n\n"
        "The 25,000 training reviews are sharded by a `DistributedSampler`, so every GPU\n"
        "gets 6,250 reviews per epoch. With a per-GPU batch size of 32, each process runs\n"
        "{k} steps per epoch.\n",
        "782",
        "196",
        5,
    ),
    (
        "device-each-gpu-sees",
        "basic",
        "# DDP on 8 GPUs\n\nThe 80,000 images are split so that each GPU sees 10,000 images "
        "per epoch. At a batch size of 50 per GPU, every process takes {k} steps per epoch.\n",
        "1,600",
        "200",
        3,
    ),
    (
        "device-each-replica-receives",
        "basic",
        "# Data parallel training on 8 replicas\n\nEach replica receives 3,125 samples per "
        "epoch, and the per-replica batch size is 25, so an epoch is {k} steps.\n",
        "1,000",
        "125",
        3,
    ),
    (
        "device-each-worker-processes",
        "basic",
        "# 4 workers\n\nEach worker processes 2,500 clips in an epoch with a per-worker batch "
        "of 20: {k} steps per epoch.\n",
        "500",
        "125",
        3,
    ),
    (
        "device-per-gpu-per-epoch",
        "basic",
        "# Two GPUs\n\nThe sampler hands out 1,000 documents per GPU per epoch; with a batch "
        "size of 16 per GPU each epoch has {k} steps.\n",
        "125",
        "63",
        3,
    ),
    # 5. data and batches built in code, and a question about how many batches
    (
        "code-list-range",
        "code",
        "# How many batches does a manual batching loop produce?\n\n```python\n"
        "rows = list(range(1000))\n"
        "batches = [rows[i:i + 64] for i in range(0, len(rows), 64)]\n"
        "print(len(batches))  # {k} batches, the last one shorter\n```\n",
        "15",
        "16",
        6,
    ),
    (
        "code-range-chunks",
        "code",
        "# How many batches does this loop make?\n\n```python\n"
        "data = list(range(250))\n"
        "chunks = [data[i:i + 40] for i in range(0, len(data), 40)]\n"
        "print(len(chunks))  # {k} batches\n```\n",
        "6",
        "7",
        6,
    ),
    (
        "code-np-arange",
        "code",
        "# How many batches come out of the loop?\n\n```python\n"
        "x = np.arange(1000)\n"
        "batches = [x[s:s + 128] for s in range(0, len(x), 128)]\n"
        "print(len(batches))  # {k} batches\n```\n",
        "7",
        "8",
        6,
    ),
    (
        "code-torch-arange",
        "code",
        "# How many mini-batches does the loop give?\n\n```python\n"
        "ids = torch.arange(300)\n"
        "for start in range(0, len(ids), 100):\n"
        "    step(ids[start:start + 100])\n"
        "# {k} batches in all\n```\n",
        "4",
        "3",
        7,
    ),
    (
        "code-answer-in-prose",
        "code",
        "# How many batches does the loop yield?\n\nIt yields {k} batches, the last one "
        "holding 10 rows.\n\n```python\nrows = list(range(100))\n"
        "parts = [rows[i:i + 30] for i in range(0, len(rows), 30)]\n```\n",
        "3",
        "4",
        3,
    ),
    # 6. "without it" speaks of the other setting than the note's drop
    (
        "without-it-other-setting",
        "basic",
        "# How many batches does `ds.batch(100)` yield for 7,350 images, with and without "
        "`drop_remainder=True`?\n\nWithout it: {k} batches, namely 73 full batches of 100 and "
        "one of 50. With `drop_remainder=True`:\n\n73 batches.\n",
        "75",
        "74",
        3,
    ),
]

SILENT: list[tuple[str, str, str]] = [
    (
        "variable-near-miss-units-still-read",
        "basic",
        "# Attention width\n\n12 heads \N{MULTIPLICATION SIGN} 64 dims = 768 dims, "
        "the model width.\n",
    ),
    (
        "last-near-miss-extra-section",
        "basic",
        "# How many steps does one epoch of CIFAR-10 take at batch size 256, with and without "
        "`drop_last`?\n\nCIFAR-10 has 50,000 training images and 50,000 / 256 = 195.3125.\n\n"
        "- `drop_last=False` (the PyTorch default): 196 steps, the last batch holds 80 images.\n"
        "- `drop_last=True`: 195 steps, the 80 leftover images are skipped in that epoch.\n\n"
        "***\n\nThe same logic on ImageNet-1k (1,281,167 images, batch 256) gives 5,005 steps, "
        "because 5,004 \N{MULTIPLICATION SIGN} 256 = 1,281,024 leaves 143 images "
        "for a final short batch.\n",
    ),
    (
        "held-near-miss-validation-pass",
        "basic",
        "# Validation steps\n\nHolding out 10,000 of the 60,000 images, the validation pass at "
        "batch size 500 takes 20 steps per epoch.\n",
    ),
    (
        "device-near-miss-single-gpu",
        "basic",
        "# Steps with and without DDP\n\nOn a single GPU the 25,000 reviews at batch size 32 "
        "take 782 steps per epoch; with DDP on 4 GPUs every GPU gets 6,250 reviews per epoch "
        "at a per-GPU batch size of 32.\n",
    ),
    (
        "code-near-miss-no-batches-question",
        "code",
        "# What does the loop print?\n\n```python\nrows = list(range(1000))\n"
        "for i in range(0, len(rows), 64):\n    print(i)  # 0, 64, 128 and so on\n```\n",
    ),
]


CASES = wrong_and_right(SHAPES, SILENT)


def test_every_reason_has_shapes_and_near_misses() -> None:
    prefixes = ["variable-", "last-", "held-", "device-", "code-"]
    assert_reasons_covered(CASES, prefixes, wrong_at_least=5)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("batch12-epochs"), CASES, CODES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)
