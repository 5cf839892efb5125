"""AG102, session 10 of issue #12: classes of the epoch-iterations family that batch 14 showed
unmodelled. Own-words notes, varied topics and positions, each wrong note beside correct near
misses that must stay silent:

- a written calculation of one process's steps that divides the WHOLE data set by the
  per-process batch although a DistributedSampler shards it over W processes (the arithmetic
  is right, so AG101 is silent; the setting is wrong);
- the steps of a pass over a token corpus: T / (tokens per step), a step being a stated number
  of tokens or B sequences of L tokens, gathered wherever the note states them (heading, list
  labels, LaTeX, keyword arguments), and read as approximate (the corpus size is rounded);
- warm-up steps: a ratio of the run's steps (rounded either way) or whole warm-up epochs, over
  any stated total or any reading of the run;
- quantities in inline code calls (``Dataset.range(1000).batch(32)``) and claims in bold
  after keyword arguments (bold markers are no multiplication);
- an input array's shape as the data set (``x_train.shape == (60000, 784)``, its second
  dimension no claim), and a comment's arrowed result of a floored line as its claim;
- a scheduler's length (``total_steps=``, ``num_training_steps=``) is a total over the epochs;
- nodes times devices per node as table columns or list keys ("| Nodes | GPUs per node |");
- optimizer updates whose accumulation counter runs across epochs: ⌊E · ⌈N / b⌉ / A⌋ is a
  correct total as much as E · ⌊⌈N / b⌉ / A⌋ (no false error on either).
"""

# The notes are written as authors write them, with multiplication signs.
# ruff: noqa: RUF001

from __future__ import annotations

from typing import Any

import pytest

from tests.rule_harness import assert_shape, lint_shapes

CODES = ["AG101", "AG102"]

SHARDS: list[dict[str, Any]] = [
    {
        "id": "shard-latex-paragraph",
        "body": "# Steps per rank for a speech corpus on 4 GPUs\n\n"
        "The 96,000 clips are split by `DistributedSampler`, so each of the 4 ranks reads its "
        "own quarter. With 24 clips per rank and step, every rank runs "
        "$\\lceil 96{,}000 / 24 \\rceil = 4{,}000$ steps per epoch.\n",
        "line": 3,
    },
    {
        "id": "shard-list-item",
        "body": "# Data-parallel fine-tuning on 6 GPUs\n\n"
        "- training reviews: 30,000, sharded over the 6 processes\n"
        "- batch per process: 25\n"
        "- steps per process: 30,000 / 25 = 1,200\n",
        "line": 5,
    },
    {
        "id": "shard-bold-sentence",
        "body": "# How long is one epoch for each worker?\n\n"
        "We use 8 workers with a `DistributedSampler` over 64,000 satellite tiles and a "
        "per-worker batch of 16. Each worker therefore runs **64,000 / 16 = 4,000 steps**.\n",
        "line": 3,
    },
    # near misses: the count of one device said as a supposition, the right per-process
    # count, the global count, a note whose processes each read the whole set
    {
        "id": "shard-single-gpu-supposed",
        "body": "# Steps per rank for a speech corpus on 4 GPUs\n\n"
        "The 96,000 clips are split by `DistributedSampler`. On a single GPU the loop would "
        "run 96,000 / 24 = 4,000 steps; each of the 4 ranks runs 1,000.\n",
    },
    {
        "id": "shard-right-per-process",
        "body": "# Data-parallel fine-tuning on 6 GPUs\n\n"
        "- training reviews: 30,000, sharded over the 6 processes\n"
        "- batch per process: 25\n"
        "- steps per process: 30,000 / (6 × 25) = 200\n",
    },
    {
        "id": "shard-global-batch",
        "body": "# How long is one epoch on 8 workers?\n\n"
        "A `DistributedSampler` shards 64,000 tiles over 8 workers with 16 tiles each, a "
        "global batch of 128, so the run takes 64,000 / 128 = 500 steps per epoch.\n",
    },
    {
        "id": "shard-whole-set-each",
        "body": "# A DDP pitfall\n\n"
        "Without a `DistributedSampler`, each of the 4 GPUs iterates over the whole data set "
        "of 20,000 images, so each GPU runs 20,000 / 50 = 400 steps and sees every image.\n",
    },
]

RUN_ACCUMULATION: list[dict[str, Any]] = [
    {
        "id": "run-accum-micro-batches-as-updates",
        "body": "# Optimizer steps of a summarisation fine-tune\n\n"
        "| Quantity | Value |\n|---|---|\n| Articles | 9,000 |\n| Micro-batch | 12 |\n"
        "| Accumulation steps | 4 |\n| Epochs | 2 |\n\nTotal optimizer steps: 1,500\n",
        "line": 10,
    },
    {
        "id": "run-accum-global-counter",
        "body": "# Optimizer steps of a summarisation fine-tune\n\n"
        "| Quantity | Value |\n|---|---|\n| Articles | 9,100 |\n| Micro-batch | 12 |\n"
        "| Accumulation steps | 4 |\n| Epochs | 2 |\n\nTotal optimizer steps: 379\n",
    },
    {
        "id": "run-accum-per-epoch-flush",
        "body": "# Optimizer steps of a summarisation fine-tune\n\n"
        "| Quantity | Value |\n|---|---|\n| Articles | 9,100 |\n| Micro-batch | 12 |\n"
        "| Accumulation steps | 4 |\n| Epochs | 2 |\n\nTotal optimizer steps: 380\n",
    },
]

TOKENS: list[dict[str, Any]] = [
    {
        "id": "tokens-latex-tenfold",
        "body": "# Steps of one pass over 4B tokens at 256 sequences of 4,096 tokens\n\n"
        "A step holds $256 \\times 4096 = 1{,}048{,}576$ tokens. The pass over "
        "$4 \\times 10^9$ tokens takes about **38,000 steps**.\n",
        "line": 3,
    },
    {
        "id": "tokens-list-labels",
        "body": "# Pre-training schedule of a small decoder\n\n- corpus: 300B tokens\n"
        "- context length: 4,096\n- global batch size: 1,024 sequences\n- steps: 7,153\n",
        "line": 6,
    },
    {
        "id": "tokens-keyword-arguments",
        "body": "# One epoch of the 10B-token web crawl\n\n```python\n"
        "loader = make_loader(seq_len=1024, batch_size=256)\n```\n\n"
        "One epoch over the crawl is 3,815 steps.\n",
        "line": 7,
    },
    {
        "id": "tokens-per-batch-cloze",
        "type": "cloze",
        "body": "# How long is a 100B-token run?\n\n"
        "With 0.5M tokens per batch, the run lasts {{c1::20,000}} steps.\n",
        "line": 3,
    },
    {
        "id": "tokens-table-row",
        "body": "# Token budget\n\n"
        "| Corpus | Sequence length | Global batch (sequences) | Steps |\n"
        "|---|---|---|---|\n| 3B tokens | 2,048 | 128 | 114,441 |\n",
        "line": 5,
    },
    {
        "id": "tokens-train-batch-size",
        "body": "# Fine-tuning on 80M tokens\n\nWith `max_seq_length=256` and "
        "`train_batch_size=64`, one epoch is about 48,800 steps.\n",
        "line": 3,
    },
    {
        "id": "tokens-step-batch-under-devices",
        "body": "# Steps with accumulation\n\nWe pack 2,048-token sequences; 4 GPUs with 8 "
        "accumulation steps give 128 sequences per optimizer step, so 5 billion tokens take "
        "1,907 optimizer steps.\n",
        "line": 3,
    },
    # near misses: the right counts, rounded or hedged; devices that multiply a per-device
    # batch; stated epochs; two corpora (two scenarios); a warm-up and an interval
    {
        "id": "tokens-latex-right",
        "body": "# Steps of one pass over 4B tokens at 256 sequences of 4,096 tokens\n\n"
        "A step holds $256 \\times 4096 = 1{,}048{,}576$ tokens. The pass over "
        "$4 \\times 10^9$ tokens takes about **3,800 steps**.\n",
    },
    {
        "id": "tokens-list-right",
        "body": "# Pre-training schedule of a small decoder\n\n- corpus: 300B tokens\n"
        "- context length: 4,096\n- global batch size: 1,024 sequences\n- steps: 71,526\n",
    },
    {
        "id": "tokens-table-rows-right",
        "body": "# Token budget\n\n"
        "| Corpus | Sequence length | Global batch (sequences) | Steps |\n"
        "|---|---|---|---|\n| 3B tokens | 2,048 | 128 | 11,444 |\n"
        "| 6B tokens | 4,096 | 256 | 5,722 |\n",
    },
    {
        "id": "tokens-train-batch-size-right",
        "body": "# Fine-tuning on 80M tokens\n\nWith `max_seq_length=256` and "
        "`train_batch_size=64`, one epoch is about 4,900 steps.\n",
    },
    {
        "id": "tokens-step-batch-under-devices-right",
        "body": "# Steps with accumulation\n\nWe pack 2,048-token sequences; 4 GPUs with 8 "
        "accumulation steps give 128 sequences per optimizer step, so 5 billion tokens take "
        "19,074 optimizer steps.\n",
    },
    {
        "id": "tokens-devices",
        "body": "# Steps on 8 GPUs\n\nEach of the 8 GPUs takes `batch_size=16` sequences of 1,024 "
        "tokens, so one pass over 1B tokens is 7,630 steps.\n",
    },
    {
        "id": "tokens-epochs",
        "body": "# Three epochs\n\nThree epochs over a 1B-token corpus at 1M tokens per step "
        "take 3,000 steps.\n",
    },
    {
        "id": "tokens-two-corpora",
        "body": "# Two corpora\n\nA 1B-token corpus at 1M tokens per step takes 1,000 steps; a "
        "5B-token corpus takes 5,000 steps.\n",
    },
    {
        "id": "tokens-warm-up",
        "body": "# Warm-up\n\nA 2B-token pass at 1M tokens per step is about 2,000 steps, with a "
        "warm-up of 375 steps and evaluation every 500 steps.\n",
    },
]

WARM_UP: list[dict[str, Any]] = [
    {
        "id": "warmup-ratio-epoch-count",
        "body": "# Warm-up for a sentiment fine-tune\n\nWe train on 24,000 reviews with batch "
        "size 32 for 4 epochs and `warmup_ratio=0.05`, i.e. 750 warm-up steps.\n",
        "line": 3,
    },
    {
        "id": "warmup-ratio-right",
        "body": "# Warm-up for a sentiment fine-tune\n\nWe train on 24,000 reviews with batch "
        "size 32 for 4 epochs and `warmup_ratio=0.05`, i.e. 150 warm-up steps.\n",
    },
    {
        "id": "warmup-percent-list",
        "body": "# A 6% warm-up\n\n- examples: 50,000\n- batch size: 16\n- epochs: 2\n"
        "- warmup_steps: 3,750\n",
        "line": 6,
    },
    {
        "id": "warmup-percent-list-right",
        "body": "# A 6% warm-up\n\n- examples: 50,000\n- batch size: 16\n- epochs: 2\n"
        "- warmup_steps: 375\n",
    },
    {
        "id": "warmup-epochs-prose",
        "body": "# Warm-up of two epochs\n\nWe fine-tune on 12,800 images at batch size 64 for "
        "30 epochs and warm up for the first 2 epochs, a warm-up of 200 steps.\n",
        "line": 3,
    },
    {
        "id": "warmup-epochs-right",
        "body": "# Warm-up of two epochs\n\nWe fine-tune on 12,800 images at batch size 64 for "
        "30 epochs and warm up for the first 2 epochs, a warm-up of 400 steps.\n",
    },
    {
        "id": "warmup-stated-total-right",
        "body": "# Linear schedule\n\nThe scheduler sees 6,250 total steps and a 10% warm-up, so "
        "`num_warmup_steps=625`.\n",
    },
    {
        "id": "warmup-hedged",
        "body": "# Warm-up for a sentiment fine-tune\n\nWe train on 24,000 reviews with batch "
        "size 32 for 4 epochs and `warmup_ratio=0.05`, roughly 150 warm-up steps.\n",
    },
]

INLINE_CALLS: list[dict[str, Any]] = [
    {
        "id": "inline-tf-data-remainder",
        "body": "# tf.data remainder\n\n`ds = tf.data.Dataset.range(1000).batch(32, "
        "drop_remainder=True)` yields 32 batches.\n",
        "line": 3,
    },
    {
        "id": "inline-tf-data-remainder-right",
        "body": "# tf.data remainder\n\n`ds = tf.data.Dataset.range(1000).batch(32, "
        "drop_remainder=True)` yields 31 batches.\n",
    },
    {
        "id": "bold-after-keywords",
        "body": "# Lightning: optimizer steps per epoch\n\n`Trainer(devices=4, "
        "accumulate_grad_batches=2)` with a per-device `batch_size=32` over 100,000 samples "
        "performs **782** optimizer steps per epoch.\n",
        "line": 3,
    },
    {
        "id": "bold-after-keywords-right",
        "body": "# Lightning: optimizer steps per epoch\n\n`Trainer(devices=4, "
        "accumulate_grad_batches=2)` with a per-device `batch_size=32` over 100,000 samples "
        "performs **391** optimizer steps per epoch.\n",
    },
]

SHAPES: list[dict[str, Any]] = [
    {
        "id": "shape-floored-comment",
        "body": "# Steps per epoch from the array shape\n\n```python\n"
        "# features.shape == (24000, 128)\n"
        "steps_per_epoch = len(features) // batch_size  # batch_size = 50 -> 481\n```\n",
        "line": 5,
    },
    {
        "id": "shape-floored-comment-right",
        "body": "# Steps per epoch from the array shape\n\n```python\n"
        "# features.shape == (24000, 128)\n"
        "steps_per_epoch = len(features) // batch_size  # batch_size = 50 -> 480\n```\n",
    },
    {
        "id": "shape-inline-prose",
        "body": "# How many batches per epoch?\n\nWith `x_train.shape == (9000, 32, 32, 3)` and "
        "`batch_size=64`, Keras runs 140 steps per epoch.\n",
        "line": 3,
    },
    {
        "id": "shape-inline-prose-right",
        "body": "# How many batches per epoch?\n\nWith `x_train.shape == (9000, 32, 32, 3)` and "
        "`batch_size=64`, Keras runs 141 steps per epoch.\n",
    },
]

SCHEDULERS: list[dict[str, Any]] = [
    {
        "id": "scheduler-total-steps",
        "body": "# OneCycleLR for a speech model\n\n```python\n"
        "loader = DataLoader(clips, batch_size=40)  # 12,000 clips\nepochs = 8\n"
        "sched = OneCycleLR(opt, max_lr=3e-3, total_steps=300)\n```\n",
        "line": 6,
    },
    {
        "id": "scheduler-total-steps-right",
        "body": "# OneCycleLR for a speech model\n\n```python\n"
        "loader = DataLoader(clips, batch_size=40)  # 12,000 clips\nepochs = 8\n"
        "sched = OneCycleLR(opt, max_lr=3e-3, total_steps=2400)\n```\n",
    },
    {
        "id": "scheduler-no-epochs",
        "body": "# OneCycleLR for a speech model\n\n```python\n"
        "loader = DataLoader(clips, batch_size=40)  # 12,000 clips\n"
        "sched = OneCycleLR(opt, max_lr=3e-3, total_steps=5000)\n```\n",
    },
]

NODES: list[dict[str, Any]] = [
    {
        "id": "nodes-list-keys",
        "body": "# Cluster run\n\n- samples: 512,000\n- nodes: 4\n- GPUs per node: 8\n"
        "- per-GPU batch: 16\n- steps per epoch: 4,000\n",
        "line": 7,
    },
    {
        "id": "nodes-list-keys-right",
        "body": "# Cluster run\n\n- samples: 512,000\n- nodes: 4\n- GPUs per node: 8\n"
        "- per-GPU batch: 16\n- steps per epoch: 1,000\n",
    },
    {
        "id": "nodes-table-right",
        "body": "# Steps across machines\n\nEach of the 960,000 clips is seen once per epoch; "
        "every "
        "GPU takes 30 clips per step.\n\n| Machines | GPUs per machine | Steps per epoch |\n"
        "|---|---|---|\n| 4 | 8 | 1,000 |\n| 2 | 8 | 2,000 |\n",
    },
]

CASES = SHARDS + RUN_ACCUMULATION + TOKENS + WARM_UP + INLINE_CALLS + SHAPES + SCHEDULERS + NODES


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("epochs-s10"), CASES, CODES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)
