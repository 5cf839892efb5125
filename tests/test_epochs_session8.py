"""AG102, session 8 of issue #12: steps, iterations and updates whose quantities the role
tagging did not reach. Own-words notes, one class per group, varied topics and positions
(paragraph, list item, table row, bold, cloze, code comment, log line, question heading):

- several devices (DDP, a world size, a global batch) divide the steps;
- gradient accumulation turns batches into optimizer updates;
- ``drop_last`` floors where the default rounds up;
- a validation split is taken off before batching;
- totals over several epochs; a data set written as ``range(N)``; steps in a log line.

Each shape comes twice, with a wrong count (reported on its line) and the right one (silent);
the silent notes are correct near misses: hedged, bounded, partial-batch or total counts.
"""

# The notes are written as authors write them, with multiplication signs.
# ruff: noqa: RUF001

from __future__ import annotations

from typing import Any

import pytest

from tests.rule_harness import assert_shape, lint_shapes, wrong_and_right

CODES = ["AG101", "AG102"]

# id, note type, body with {k} where the count goes, wrong count, right count, body line of k
DEVICES: list[tuple[str, str, str, str, str, int]] = [
    (
        "ddp-per-gpu-batch",
        "basic",
        "# Steps per epoch under DDP\n\n60,000 images are split by a `DistributedSampler` over "
        "4 GPUs, each with a batch of 64, so every GPU runs {k} steps per epoch.\n",
        "938",
        "235",
        3,
    ),
    (
        "world-size-table",
        "basic",
        "# Data-parallel steps for 100,000 reviews\n\n| GPUs | per-GPU batch | steps per epoch |\n"
        "|---|---|---|\n| 8 | 32 | {k} |\n",
        "3,125",
        "391",
        5,
    ),
    (
        "global-batch-list",
        "basic",
        "# Multi-node pretraining epoch\n\n- corpus: 24,000 documents\n- world size: 16\n"
        "- batch per device: 2\n- steps per epoch: {k}\n",
        "12,000",
        "750",
        6,
    ),
]

ACCUMULATION: list[tuple[str, str, str, str, str, int]] = [
    (
        "accumulation-updates",
        "basic",
        "# Optimizer updates with gradient accumulation\n\n12,800 samples at batch size 32 with "
        "gradients accumulated over 4 batches give {k} optimizer updates per epoch.\n",
        "400",
        "100",
        3,
    ),
    (
        "accumulation-bold",
        "basic",
        "# Effective batch of 256 on one GPU\n\nA micro-batch of 64 with "
        "`gradient_accumulation_steps=4` over 25,600 examples: **{k} optimizer steps** per "
        "epoch.\n",
        "400",
        "100",
        3,
    ),
]

ROUNDING: list[tuple[str, str, str, str, str, int]] = [
    (
        "drop-last-floor",
        "basic",
        "# Loader with drop_last\n\n`DataLoader(ds, batch_size=96, drop_last=True)` over 10,000 "
        "samples yields {k} batches per epoch.\n",
        "105",
        "104",
        3,
    ),
    (
        "default-ceil-question",
        "basic",
        "# How many batches does an epoch of 7,500 clips at batch size 32 have?\n\n{k}.\n",
        "230",
        "235",
        3,
    ),
    (
        "thousands-suffix",
        "basic",
        "# Steps for a small corpus\n\n12k sentences at batch size 64 take {k} steps per "
        "epoch, the last batch partial.\n",
        "187",
        "188",
        3,
    ),
    (
        "cloze-steps",
        "cloze",
        "# Steps per epoch\n\nAt batch size 25, 1,000 samples make {{{{c1::{k}}}}} steps per "
        "epoch.\n",
        "50",
        "40",
        3,
    ),
]

SPLITS_AND_TOTALS: list[tuple[str, str, str, str, str, int]] = [
    (
        "validation-split",
        "basic",
        "# Keras steps with a validation split\n\n`model.fit(x, y, batch_size=100, "
        "validation_split=0.1)` on 50,000 images shows {k} steps per epoch.\n",
        "500",
        "450",
        3,
    ),
    (
        "epochs-total",
        "basic",
        "# Length of a training run\n\n20 epochs over 8,000 samples at batch size 50 are {k} "
        "iterations in total.\n",
        "3,000",
        "3,200",
        3,
    ),
    (
        "total-list-item",
        "basic",
        "# Schedule length for a warm-up\n\n- 9,000 training pairs\n- batch size 30\n"
        "- 12 epochs\n- total steps: {k}\n",
        "3,000",
        "3,600",
        6,
    ),
    (
        "range-dataset-code",
        "basic",
        "# Length of a loader over a range\n\n```python\nloader = DataLoader(range(1000), "
        "batch_size=64)\nprint(len(loader))  # {k}\n```\n",
        "15",
        "16",
        5,
    ),
    (
        "log-line",
        "basic",
        "# Keras progress bar\n\n`model.fit(x_train, y_train, batch_size=32)` with 6,000 "
        "training rows prints\n\n```text\nEpoch 1/5\n{k}/{k} [==============================] "
        "- 2s - loss: 0.41\n```\n",
        "187",
        "188",
        7,
    ),
    (
        "tqdm-bar",
        "basic",
        "# Lightning epoch over 50,000 images\n\nWith `batch_size=128` the bar ends at\n\n"
        "```text\nEpoch 0: 100%|██████████| {k}/{k} [00:41<00:00, 9.4it/s]\n```\n",
        "390",
        "391",
        6,
    ),
]

# Round 2: the batch as a verb, totals in a key/value table, the array that fit() splits.
ROUND2: list[tuple[str, str, str, str, str, int]] = [
    (
        "batched-by-after-held-out",
        "basic",
        "# Steps per epoch with a 10 % validation split\n\nOf the 60,000 images, 10 % are held "
        "out for validation; the rest are batched by 64, which gives {k} steps per epoch.\n",
        "938",
        "844",
        3,
    ),
    (
        "key-value-total",
        "basic",
        "# Trainer steps\n\n| setting | value |\n|---|---|\n| training examples | 25,000 |\n"
        "| batch size | 100 |\n| epochs | 3 |\n| total optimisation steps | {k} |\n",
        "250",
        "750",
        8,
    ),
    (
        "fit-splits-x-train",
        "basic",
        "# Keras fit with validation_split\n\n```python\nmodel.fit(x_train, y_train, epochs=5, "
        "batch_size=500, validation_split=0.15)\n# x_train holds 100,000 rows -> {k} steps per "
        "epoch\n```\n",
        "200",
        "170",
        5,
    ),
    (
        "svhn-cloze",
        "cloze",
        "# SVHN epoch\n\nThe 73,257 SVHN training digits at batch size 128 take {{{{c1::{k}}}}} "
        "iterations per epoch.\n",
        "572",
        "573",
        3,
    ),
    (
        "per-worker-share",
        "basic",
        "# Two workers\n\n5,000 clips, a batch of 16 on each of the 2 workers: {k} steps per "
        "epoch per worker.\n",
        "313",
        "157",
        3,
    ),
]

# Round 3: a split written as a ratio, epochs as a setting, run totals in words.
ROUND3: list[tuple[str, str, str, str, str, int]] = [
    (
        "ratio-split",
        "basic",
        "# Hold-out split\n\n70,000 images are split 80/20 into train and test; at batch "
        "size 32 an epoch over the training part is {k} steps.\n",
        "2,188",
        "1,750",
        3,
    ),
    (
        "trainer-max-epochs-total",
        "basic",
        "# Lightning trainer\n\n`Trainer(max_epochs=10)` on 10,000 samples with "
        "`batch_size=100` runs {k} training steps in total.\n",
        "120",
        "1,000",
        3,
    ),
    (
        "lightning-accumulate",
        "basic",
        "# Accumulation factor\n\nWith `accumulate_grad_batches=4` and 50,000 images at "
        "batch size 64, Lightning makes {k} optimizer steps per epoch.\n",
        "782",
        "196",
        3,
    ),
    (
        "mnist-bold",
        "basic",
        "# An epoch of MNIST at batch 32\n\nMNIST has 60,000 training images, so the loop "
        "runs **{k}** iterations per epoch.\n",
        "1,874",
        "1,875",
        3,
    ),
    (
        "rounded-data-set-size",
        "basic",
        "# ImageNet steps\n\nResNet-50 on ImageNet (1.28M images) with a global batch of "
        "1,024 over 32 TPU cores runs {k} steps per epoch.\n",
        "1,300",
        "1,251",
        3,
    ),
    (
        "devices-and-accumulation-columns",
        "basic",
        "# Accumulation and GPUs\n\n| GPUs | per-GPU batch | accumulation | samples | "
        "optimizer steps per epoch |\n|---|---|---|---|---|\n| 4 | 16 | 2 | 80,000 | {k} |\n",
        "1,250",
        "625",
        5,
    ),
]

SILENT: list[tuple[str, str, str]] = [
    (
        "round5-silent-g1",
        "basic",
        "# torchrun steps\n\n```bash\ntorchrun --nproc_per_node=8 train.py --batch-size "
        "32\n```\n\nWith 100,000 training examples each process runs 391 steps per epoch.\n",
    ),
    (
        "round5-silent-g2",
        "basic",
        "# DDP in code\n\n```python\nworld_size = 2\nsampler = DistributedSampler(train_set) "
        " # train_set has 50,000 images\nloader = DataLoader(train_set, batch_size=128, "
        "sampler=sampler)\nprint(len(loader))  # 196\n```\n",
    ),
    (
        "round5-silent-g4",
        "basic",
        "# Steps per epoch\n\n- training images: 45,000 (after taking 5,000 off for "
        "validation)\n- batch size: 100\n- steps per epoch: 450\n",
    ),
    (
        "round4-silent-c1",
        "basic",
        "# DistributedSampler padding\n\n10,001 samples over 4 GPUs: DistributedSampler pads "
        "to 2,501 per replica, so with a per-GPU batch of 50 each rank runs 51 steps per "
        "epoch.\n",
    ),
    (
        "round4-silent-c2",
        "basic",
        "# WeightedRandomSampler\n\nA `WeightedRandomSampler(weights, num_samples=5000)` "
        "over 50,000 images at batch size 100 gives 50 batches per epoch.\n",
    ),
    (
        "round4-silent-c3",
        "basic",
        "# Old Keras log\n\n```text\nEpoch 1/10\n60000/60000 "
        "[==============================] - 9s 150us/sample - loss: 0.29\n```\n\nKeras 2.2 "
        "counted samples: 60,000 images at batch size 32.\n",
    ),
    (
        "round4-silent-c4",
        "basic",
        "# Evaluation bar\n\n```text\n313/313 [==============================] - 1s 2ms/step "
        "- loss: 0.07 - accuracy: 0.98\n```\n\n`model.evaluate` on the 10,000 test images at "
        "the default batch size of 32; training used batch size 64 on 60,000 images.\n",
    ),
    (
        "round4-silent-c5",
        "basic",
        "# Steps vs samples\n\nEach of the 8 GPUs takes a batch of 32, so the global batch "
        "is 256 and 1.28M images take about 5,000 steps per epoch.\n",
    ),
    (
        "round4-silent-c6",
        "basic",
        "# Total with warm-up\n\n- dataset: 100,000 examples\n- batch size: 50\n- epochs: "
        "3\n- total steps: 6,000\n- warm-up steps: 600\n",
    ),
    (
        "round4-silent-c7",
        "basic",
        "# Per-epoch and total\n\n20,000 images, batch 100, 5 epochs: 200 steps per epoch, "
        "1,000 steps in total.\n",
    ),
    (
        "round4-silent-c8",
        "basic",
        "# tqdm during training\n\n```text\nEpoch 1: 100%|██████████| 782/782 [00:20<00:00, "
        "38.1it/s, loss=0.9]\n```\n\nCIFAR-10 (50,000 images) at batch size 64.\n",
    ),
    (
        "round4-silent-c9",
        "basic",
        "# Mixed setups\n\nOn 1 GPU with batch 128, 50,000 images take 391 steps; on 4 GPUs, "
        "each with a batch of 128, they take 98.\n",
    ),
    (
        "round4-silent-c11",
        "basic",
        "# Loader in a loop\n\n```python\nloader = DataLoader(range(1000), batch_size=64, "
        "drop_last=True)\nprint(len(loader))  # 15\n```\n",
    ),
    (
        "round4-silent-c12",
        "basic",
        "# Gradient accumulation total\n\n40,000 samples at micro-batch 16, accumulating 8 "
        "micro-batches per update, for 2 epochs: 626 updates in total.\n",
    ),
    (
        "round4-silent-c13",
        "basic",
        "# 70/30 split\n\n10,000 rows are split 70/30; the 7,000 training rows at batch size "
        "100 give 70 steps per epoch.\n",
    ),
    (
        "round4-silent-c14",
        "basic",
        "# Epochs in code\n\n```python\nmodel.fit(x, y, epochs=3, batch_size=250)  # x has "
        "10,000 rows: 40 steps per epoch, 120 in total\n```\n",
    ),
    (
        "round3-silent-g1",
        "basic",
        "# Steps in code\n\n```python\nsteps_per_epoch = math.ceil(50_000 / 256)  # 196\nfor "
        "epoch in range(3):\n    for step in range(steps_per_epoch):\n        ...\n```\n",
    ),
    (
        "round3-silent-g2",
        "basic",
        "# Lightning trainer\n\n`Trainer(max_epochs=10)` on 10,000 samples with "
        "`batch_size=100` runs 1,000 training steps in total.\n",
    ),
    (
        "round3-silent-g3",
        "basic",
        "# Progress\n\n```text\nEpoch 3/10\n1563/1563 [==============================] - 12s "
        "8ms/step - loss: 0.25\n```\n\n50,000 images at batch size 32.\n",
    ),
    (
        "round3-silent-g4",
        "basic",
        "# Validation loader\n\n10,000 validation images at batch size 256 take 40 steps; "
        "the 50,000 training images take 196.\n",
    ),
    (
        "round3-silent-g5",
        "basic",
        "# Data parallel, global batch\n\nA global batch of 256 split over 8 GPUs (32 each) "
        "makes 196 steps per epoch over 50,000 images.\n",
    ),
    (
        "round3-silent-g6",
        "basic",
        "# Total run\n\n- data: 12,000 rows\n- batch size: 100\n- total steps: 1,200 (10 epochs)\n",
    ),
    (
        "round3-silent-g7",
        "basic",
        "# Gradient accumulation\n\n50,000 images at batch size 64: the loader yields 782 "
        "batches per epoch, and with accumulation over 4 batches the optimizer steps 196 "
        "times.\n",
    ),
    (
        "round3-silent-g8",
        "basic",
        "# tqdm over a validation set\n\n```text\nValidating: 100%|██████████| 40/40 "
        "[00:03<00:00]\n```\n\n10,000 images at batch size 256; the training set of 50,000 "
        "images takes 196 steps.\n",
    ),
    (
        "warm-up-part",
        "basic",
        "# Warm-up\n\n50,000 images at batch size 100: 500 steps per epoch, of which the first "
        "100 are warm-up.\n",
    ),
    (
        "rough-estimate",
        "basic",
        "# Rough estimate\n\nA corpus of ~1M sentences at batch size 32 is roughly 31k steps per "
        "epoch.\n",
    ),
    (
        "old-keras-bar-counts-samples",
        "basic",
        "# Keras 1 progress bar\n\n`model.fit(x, y, batch_size=32)` on 6,000 rows printed\n\n"
        "```text\n6000/6000 [==============================] - 1s\n```\n",
    ),
    (
        "total-without-epochs",
        "basic",
        "# Warm-up length\n\n- 9,000 training pairs\n- batch size 30\n- total steps: 4,500\n",
    ),
    (
        "ddp-each-with-right",
        "basic",
        "# DDP\n\n60,000 images over 4 GPUs, each with a batch of 64: 235 steps per epoch.\n",
    ),
    (
        "approximate",
        "basic",
        "# CIFAR-10 epoch\n\n50,000 images at batch size 128 are about 390 steps per epoch.\n",
    ),
    (
        "partial-batch-right",
        "basic",
        "# CIFAR-10 epoch\n\n50,000 images at batch size 128: 391 batches, the last holding 80 "
        "images.\n",
    ),
    (
        "total-right",
        "basic",
        "# Run length\n\n50,000 images at batch size 128 for 10 epochs: 10 × 391 = 3,910 steps.\n",
    ),
    (
        "bounded",
        "basic",
        "# Small epoch\n\n5,000 rows at batch size 64 need at most 100 steps per epoch.\n",
    ),
    (
        "accumulation-right",
        "basic",
        "# Accumulating gradients\n\n12,800 samples at batch size 32: 400 forward passes per "
        "epoch but only 100 optimizer updates, with gradients accumulated over 4 batches.\n",
    ),
    (
        "ddp-right",
        "basic",
        "# DDP epoch\n\nWith 4 GPUs and a per-GPU batch of 64, the 60,000 images take 235 steps "
        "per epoch on each GPU; a single GPU would need 938.\n",
    ),
    (
        "drop-last-right",
        "basic",
        "# drop_last\n\n10,000 samples at batch size 96 give 105 batches, or 104 with "
        "`drop_last=True`.\n",
    ),
    (
        "validation-right",
        "basic",
        "# validation_split\n\n`validation_split=0.2` on 60,000 images at batch size 32 leaves "
        "48,000 for training: 1,500 steps per epoch.\n",
    ),
]

GROUPS = {
    "devices": DEVICES,
    "accumulation": ACCUMULATION,
    "rounding": ROUNDING,
    "splits and totals": SPLITS_AND_TOTALS,
    "round 2": ROUND2,
    "round 3": ROUND3,
}
CASES = wrong_and_right([shape for group in GROUPS.values() for shape in group], SILENT)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("epochs-s8"), CASES, CODES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)
