"""AG102 read from what a note states (issue #12): the data set size, the batch size, the
devices and the claimed iterations per epoch, wherever the note puts them (labelled lists,
key/value tables, the heading, the Extra section, clozes, bold, code comments, arrows, one or
two scenarios). Every shape comes twice: with a wrong count, reported on its line, and with
the right count, left alone. Notes whose epoch length is a free choice stay silent."""

from __future__ import annotations

from typing import Any

import pytest

from ankigen.lint.arith.epoch_roles import statements
from tests.rule_harness import assert_shape, lint_shapes, wrong_and_right

CODES = ["AG101", "AG102"]

# id, note type, body with {k} where the count goes, wrong count, right count, body line of k
SHAPES: list[tuple[str, str, str, str, str, int]] = [
    (
        "labelled-list-one-device",
        "basic",
        "# How long is one epoch of the fine-tuning run?\n\n- training examples: 24,000\n"
        "- per-device batch: 32\n- devices: 1\n- batches per epoch: {k}\n",
        "800",
        "750",
        6,
    ),
    (
        "extra-two-scenarios",
        "basic",
        "# Why do larger batches make epochs shorter?\n\nEach step uses more samples.\n\n***\n"
        "For 80,000 samples: batch 200 → 400 steps per epoch, batch 400 → {k} steps.\n",
        "250",
        "200",
        6,
    ),
    (
        "cloze-reviews",
        "cloze",
        "# Iterations per epoch\n\nTraining on 36,000 reviews with batch size 72 takes "
        "{{{{c1::{k}}}}} iterations per epoch.\n",
        "450",
        "500",
        3,
    ),
    (
        "bold-clips",
        "basic",
        "# What is an epoch in steps?\n\nOne full pass. For 10,000 audio clips in batches of 40,\n"
        "that is **{k} iterations per epoch**.\n",
        "25",
        "250",
        4,
    ),
    (
        "heading-claim",
        "basic",
        "# Why does one epoch over 3,200 windows with batch_size=16 take {k} steps?\n\n"
        "Because the windows are split into equal batches.\n",
        "250",
        "200",
        1,
    ),
    (
        "yields-batches",
        "basic",
        "# Loader length\n\n3,200 time-series windows with batch_size=16 yields {k} batches "
        "in one epoch.\n",
        "250",
        "200",
        3,
    ),
    (
        "key-value-table",
        "basic",
        "# Steps of one epoch\n\n| quantity | value |\n|---|---|\n| dataset size | 50,000 |\n"
        "| batch size | 128 |\n| steps per epoch | {k} |\n",
        "400",
        "391",
        7,
    ),
    (
        "labels-one-line",
        "basic",
        "# Epoch length\n\nDataset size: 12k. Batch size: 64. Steps per epoch: {k}.\n",
        "180",
        "188",
        3,
    ),
    (
        "result-first",
        "basic",
        "# Epoch length of the parser\n\nAn epoch takes {k} steps here: the corpus holds "
        "48,000 sentences\nand each batch has 128 of them.\n",
        "300",
        "375",
        3,
    ),
    (
        "symbols",
        "basic",
        "# Epoch in symbols\n\nWith N = 6,400 and B = 64, one epoch is {k} iterations.\n",
        "80",
        "100",
        3,
    ),
    (
        "arrow",
        "basic",
        "# Quick epoch sums\n\n20,000 samples, batch size 50 → {k} steps per epoch.\n",
        "500",
        "400",
        3,
    ),
    (
        "epoch-takes-updates",
        "basic",
        "# Clinical model\n\nWith 9,000 patients and a batch of 30 rows, an epoch takes "
        "{k} updates.\n",
        "250",
        "300",
        3,
    ),
    (
        "code-comment-label",
        "code",
        "# Steps of this loop\n\n```python\nbatch_size = 256\nn_train = 51_200\n"
        "# steps per epoch: {k}\n```\n",
        "220",
        "200",
        6,
    ),
    (
        "devices-global",
        "basic",
        "# Data-parallel epoch\n\nWe train on 8 GPUs with 32 images per GPU, so the global "
        "batch is 256.\nThe 256,000 images then take {k} steps per epoch.\n",
        "1,200",
        "1,000",
        4,
    ),
    (
        "k-suffix",
        "basic",
        "# Epoch length\n\n50k images, batch size 500, {k} steps per epoch.\n",
        "120",
        "100",
        3,
    ),
    (
        "m-suffix",
        "basic",
        "# Epoch on a large corpus\n\n1.2M examples at batch size 1,024 take {k} steps per "
        "epoch.\n",
        "1,000",
        "1,172",
        3,
    ),
    (
        "number-words",
        "basic",
        "# Epoch in words\n\nTen thousand images with a batch size of one hundred give {k} "
        "iterations per epoch.\n",
        "200",
        "100",
        3,
    ),
    (
        "drop-last",
        "basic",
        "# Full batches only\n\nWith drop_last=True, 1,000 samples at batch size 48 give "
        "{k} batches per epoch.\n",
        "21",
        "20",
        3,
    ),
    (
        "minibatches-equals",
        "basic",
        "# Tweets\n\nOur training set of 40,000 tweets is cut into mini-batches of 64.\n"
        "Each epoch = {k} mini-batches.\n",
        "500",
        "625",
        4,
    ),
    (
        "question-inputs-bold-answer",
        "basic",
        "# 7,680 images, batch size 48: how many steps make one epoch?\n\n**{k}**.\n",
        "150",
        "160",
        3,
    ),
    (
        "number-of-batches-label",
        "basic",
        "# Loader\n\nA dataset of 4,500 rows with batch size 90.\n\n"
        "Number of batches per epoch = {k}\n",
        "45",
        "50",
        5,
    ),
    (
        "web-article",
        "basic",
        "# Epochs and iterations\n\nIf you have 2000 training examples and batch size 500, "
        "then it will take {k} iterations to complete 1 epoch.\n",
        "5",
        "4",
        3,
    ),
    (
        "dashes-order",
        "basic",
        "# Order of words\n\nOne epoch ({k} iterations) goes over 128,000 samples in "
        "batches of 256.\n",
        "1,000",
        "500",
        3,
    ),
    (
        "list-scenarios",
        "basic",
        "# Batch size and epoch length\n\nCIFAR-style data set of 50,000 images:\n\n"
        "- batch 32: 1,563 steps per epoch\n- batch 64: {k} steps per epoch\n",
        "780",
        "782",
        6,
    ),
    (
        "bold-labels",
        "basic",
        "# Epoch\n\n**Training examples:** 9,000  \n**Batch size:** 128  \n"
        "**Steps per epoch:** {k}\n",
        "90",
        "71",
        5,
    ),
    (
        "loader-len",
        "basic",
        "# DataLoader length\n\nWith 10,000 samples and batch_size=32, len(train_loader) is {k}.\n",
        "320",
        "313",
        3,
    ),
    (
        "columns-table",
        "basic",
        "# Step counts\n\n| samples | batch | steps/epoch |\n|---|---|---|\n"
        "| 60,000 | 100 | 600 |\n| 60,000 | 256 | {k} |\n",
        "230",
        "235",
        6,
    ),
    (
        "times-notation",
        "basic",
        "# Tiles\n\n300 \N{MULTIPLICATION SIGN} 40 = 12,000 tiles, batch size 96: "
        "one epoch is {k} steps.\n",
        "120",
        "125",
        3,
    ),
    (
        "accumulation",
        "basic",
        "# Accumulated steps\n\nOn one GPU: 64,000 samples, micro-batch 16 and 4 accumulation "
        "steps,\nso a global batch of 64 and {k} optimizer steps per epoch.\n",
        "1,200",
        "1,000",
        4,
    ),
    (
        "colon-heading-answer-sentence",
        "basic",
        "# Steps per epoch for 15,000 records at batch size 60?\n\nIt is {k} steps.\n",
        "200",
        "250",
        3,
    ),
    (
        "steps-per-epoch-kwarg",
        "code",
        "# Keras fit\n\n```python\n# 32,000 training samples\nmodel.fit(x, y, batch_size=64, "
        "steps_per_epoch={k})\n```\n",
        "400",
        "500",
        5,
    ),
    (
        "gives-steps",
        "basic",
        "# Epoch\n\nA batch of 25 over 1,000 items gives {k} steps each epoch.\n",
        "50",
        "40",
        3,
    ),
    (
        "table-label-rows",
        "basic",
        "# Setup\n\n| setting | value |\n|---|---|\n| training images | 14,000 |\n"
        "| batch size | 100 |\n| epochs | 5 |\n| iterations per epoch | {k} |\n",
        "700",
        "140",
        8,
    ),
    (
        "scenario-columns",
        "basic",
        "# Two runs\n\n| | run A | run B |\n|---|---|---|\n| samples | 10,000 | 10,000 |\n"
        "| batch size | 32 | 64 |\n| steps per epoch | 313 | {k} |\n",
        "160",
        "157",
        7,
    ),
    (
        "it-per-epoch",
        "basic",
        "# Shorthand\n\nN=60000, B=32 → {k} it/epoch.\n",
        "1785",
        "1875",
        3,
    ),
    (
        "yaml-config",
        "code",
        "# Config\n\n```yaml\nbatch_size: 64\nnum_train_samples: 12800\n"
        "steps_per_epoch: {k}\n```\n",
        "150",
        "200",
        6,
    ),
    (
        "per-pass",
        "basic",
        "# Updates\n\nA run with batch size 16 over a 4,800-example dataset performs {k} "
        "gradient updates per pass.\n",
        "280",
        "300",
        3,
    ),
    (
        "bs-abbreviation",
        "basic",
        "# Short labels\n\ntrain size 45k, bs=128, {k} steps/epoch.\n",
        "350",
        "352",
        3,
    ),
    (
        "from-to-respectively",
        "basic",
        "# Doubling the batch\n\nWith 32,000 samples, doubling the batch size from 64 to 128 "
        "cuts an epoch from 500 to {k} steps.\n",
        "200",
        "250",
        3,
    ),
    (
        "parenthetical",
        "basic",
        "# Epoch\n\nSteps per epoch = {k} (batch 25, 1,000 samples).\n",
        "50",
        "40",
        3,
    ),
    (
        "bare-list",
        "basic",
        "# Setup\n\n- 20,000 images\n- batch size 100\n- {k} steps per epoch\n",
        "250",
        "200",
        5,
    ),
    (
        "answer-label",
        "basic",
        "# Batch size 50 and 2,000 examples: steps in one epoch?\n\n**Answer:** {k} iterations.\n",
        "50",
        "40",
        3,
    ),
    (
        "json-config",
        "code",
        '# Config\n\n```json\n{{"train_size": 12800, "batch_size": 64, '
        '"steps_per_epoch": {k}}}\n```\n',
        "150",
        "200",
        4,
    ),
    (
        "sees-batches-before",
        "basic",
        "# Epoch end\n\nWith 6,000 images and batch size 50, the model sees {k} batches "
        "before the epoch ends.\n",
        "100",
        "120",
        3,
    ),
    (
        "extra-labels",
        "basic",
        "# How is steps per epoch computed?\n\nDivide the sample count by the batch size and "
        "round up.\n\n***\n\nExample: samples 7,000, batch 64, steps per epoch {k}.\n",
        "100",
        "110",
        7,
    ),
    (
        "about-answer",
        "basic",
        "# A table has 1,000,000 rows. At batch size 4096, how many steps make one epoch?\n\n"
        "About {k}.\n",
        "200",
        "245",
        3,
    ),
    (
        "heading-slash-arrow",
        "basic",
        "# 25,600 images, batch 256: one epoch?\n\n→ {k} iterations.\n",
        "110",
        "100",
        3,
    ),
    (
        "list-then-prose",
        "basic",
        "# Epoch length\n\n- Dataset: 7,500 samples\n- Batch size: 25\n\n"
        "So one epoch runs {k} iterations.\n",
        "350",
        "300",
        6,
    ),
    (
        "loader-comment-arrow",
        "code",
        "# Loader\n\n```python\ntrain_loader = DataLoader(train_set, batch_size=128)  "
        "# 50,000 images -> {k} iterations per epoch\n```\n",
        "400",
        "391",
        4,
    ),
    (
        "bs-at",
        "basic",
        "# Lightning log\n\nThe trainer logs {k} steps/epoch for 50k images at bs 32.\n",
        "1,536",
        "1,563",
        3,
    ),
    (
        "corpus-hyphen",
        "basic",
        "# Epoch\n\nAt batch size 32, one epoch over the 8,000-sentence corpus equals {k} steps.\n",
        "300",
        "250",
        3,
    ),
    (
        "equals-sloppy",
        "basic",
        "# Epoch\n\nepoch = {k} iterations when dataset = 32000 and batch = 64\n",
        "1000",
        "500",
        3,
    ),
    (
        "devices-each",
        "basic",
        "# Four GPUs\n\nWe use 4 GPUs with batch size 64 each; 100,000 samples → {k} steps "
        "per epoch.\n",
        "400",
        "391",
        3,
    ),
    (
        "roughly-paragraph",
        "basic",
        "# Corpus epoch\n\nOur corpus has 2.4 million sentences. We train with batches of "
        "4,096 sentences.\nThat gives roughly {k} steps per epoch.\n",
        "500",
        "600",
        4,
    ),
    (
        "two-sentences-scenarios",
        "basic",
        "# Batch size and steps\n\nWith batch size 32, an epoch over 10,000 samples is 313 "
        "steps.\nWith batch size 64, it is {k} steps.\n",
        "150",
        "157",
        4,
    ),
    (
        "extra-equals",
        "basic",
        "# What is an epoch?\n\nOne pass over the training data.\n\n***\n\n"
        "For example 5,000 samples at batch 50 = {k} steps.\n",
        "90",
        "100",
        7,
    ),
    (
        "cloze-inputs",
        "cloze",
        "# Epoch\n\nAn epoch over {{{{c1::20,000}}}} images at batch size {{{{c2::50}}}} takes "
        "{{{{c3::{k}}}}} steps.\n",
        "500",
        "400",
        3,
    ),
    (
        "constant-comment",
        "code",
        "# Schedule constants\n\n```python\nEPOCH_STEPS = {k}  # 44,800 samples / batch 64\n```\n",
        "720",
        "700",
        4,
    ),
    (
        "once-through",
        "basic",
        "# One pass\n\nIt takes {k} iterations to get through 76,800 examples once with "
        "mini-batches of 64.\n",
        "1,100",
        "1,200",
        3,
    ),
    (
        "symbols-in-heading",
        "basic",
        "# How many weight updates happen in one epoch (N = 9,000, B = 32)?\n\n{k}.\n",
        "290",
        "282",
        3,
    ),
    (
        "epoch-length-label",
        "basic",
        "# Run card\n\n- Epoch length: {k} steps\n- Data: 15,000 images\n- Batch: 64\n",
        "300",
        "235",
        3,
    ),
    (
        "global-in-brackets",
        "basic",
        "# Eight GPUs\n\nWith a batch size of 512 (global, across 8 GPUs) and 1,024,000 samples, "
        "one epoch is {k} steps.\n",
        "250",
        "2,000",
        3,
    ),
    (
        "short-labels-sentences",
        "basic",
        "# Clips\n\nTraining set: 3,000 clips. Batch size: 24. Steps/epoch: {k}.\n",
        "120",
        "125",
        3,
    ),
    (
        "stepped-times",
        "basic",
        "# Optimizer calls\n\nPer epoch the optimizer is stepped {k} times for 51,200 samples "
        "at batch 64.\n",
        "900",
        "800",
        3,
    ),
    (
        "len-equals",
        "basic",
        "# Loader\n\nDataloader: len = {k} for 10,000 samples, batch_size 128.\n",
        "80",
        "79",
        3,
    ),
    (
        "dataset-columns",
        "basic",
        "# Two data sets\n\n| | MNIST | CIFAR-10 |\n|---|---|---|\n"
        "| train images | 60,000 | 50,000 |\n| batch | 128 | 128 |\n"
        "| steps/epoch | 469 | {k} |\n",
        "400",
        "391",
        7,
    ),
    (
        "dataset-in-brackets",
        "basic",
        "# Epoch\n\nAn epoch = {k} steps (batch size 16, dataset 40k).\n",
        "2,000",
        "2,500",
        3,
    ),
    (
        "approx-label-symbols",
        "basic",
        "# Epoch\n\nBatches/epoch \N{ALMOST EQUAL TO} {k} (N=128k, bs=128).\n",
        "900",
        "1,000",
        3,
    ),
    (
        "acronym-label",
        "basic",
        "# SPE\n\nN = 5,000 examples, B = 200. Steps per epoch (SPE) = {k}.\n",
        "20",
        "25",
        3,
    ),
    (
        "k-sample-iters",
        "basic",
        "# Small data\n\nA 1.5k-sample dataset at batch 30 → {k} iters/epoch.\n",
        "60",
        "50",
        3,
    ),
    (
        "bold-key-value",
        "basic",
        "# Run\n\n| Item | Value |\n|---|---|\n| **Training images** | **19,200** |\n"
        "| **Batch size** | **64** |\n| **Steps per epoch** | **{k}** |\n",
        "320",
        "300",
        7,
    ),
    (
        "per-minibatch",
        "basic",
        "# Updates\n\nAn epoch is complete after {k} mini-batch updates (2,000 samples, 64 per "
        "mini-batch).\n",
        "40",
        "32",
        3,
    ),
    (
        "heading-claim-list-inputs",
        "basic",
        "# Why is an epoch {k} steps here?\n\n- 12,000 rows\n- batch size 128\n",
        "100",
        "94",
        1,
    ),
    (
        "per-step-batch",
        "basic",
        "# Coverage\n\nTo cover 90,000 samples once, at 300 samples per step, you need {k} "
        "steps.\n",
        "350",
        "300",
        3,
    ),
    (
        "several-epochs-wrong",
        "basic",
        "# Three epochs\n\n30,000 samples, batch size 100: 3 epochs take {k} steps.\n",
        "1,000",
        "900",
        3,
    ),
    (
        "utterances-per-step",
        "basic",
        "# Speech corpus\n\nOur speech corpus: 4,000 hours cut into 1,440,000 utterances; we "
        "batch 480 utterances per step. Steps per epoch: {k}.\n",
        "3,200",
        "3,000",
        3,
    ),
    (
        "inline-pipes",
        "basic",
        "# Card\n\nImages: 2.56 million | Batch: 1,024 | Steps/epoch: {k}\n",
        "2,600",
        "2,500",
        3,
    ),
    (
        "loop-comment",
        "code",
        "# Loop\n\n```python\nfor epoch in range(10):  # {k} iterations each (10k samples, "
        "bs 32)\n    train_one_epoch()\n```\n",
        "320",
        "313",
        4,
    ),
    (
        "training-points",
        "basic",
        "# Gradient steps\n\nIf batch_size=50 and there are 1,000 training points, an epoch "
        "requires {k} gradient steps.\n",
        "25",
        "20",
        3,
    ),
    (
        "it-is-subject",
        "basic",
        "# Iterations\n\nThe number of iterations in one epoch is the dataset size divided by the "
        "batch size: for 3,000 examples and a batch of 25, it is {k}.\n",
        "150",
        "120",
        3,
    ),
    (
        "spaced-thousands",
        "basic",
        "# Epoch\n\nEpoch = {k} steps for 400 000 samples and bs = 32.\n",
        "12 000",
        "12 500",
        3,
    ),
    (
        "tpu-cores",
        "basic",
        "# TPU\n\nOn a TPU v3-8 (8 cores) with per-core batch 128, ImageNet's 1,281,167 images "
        "take {k} steps per epoch.\n",
        "1,000",
        "1,251",
        3,
    ),
    (
        "trainer-per-device",
        "basic",
        "# Trainer\n\nThe Trainer reports num_update_steps_per_epoch = {k} for 4,000 examples "
        "with per_device_train_batch_size=16 on 2 GPUs.\n",
        "250",
        "125",
        3,
    ),
    (
        "bullet-separators",
        "basic",
        "# Run\n\nimages per batch: 50 \N{BULLET} total images: 12,500 \N{BULLET} "
        "iterations/epoch: {k}\n",
        "260",
        "250",
        3,
    ),
    (
        "updates-in-one-pass",
        "basic",
        "# One pass\n\nWith a mini-batch size of 10 and 1,000 examples we make {k} parameter "
        "updates in one pass over the data.\n",
        "110",
        "100",
        3,
    ),
    (
        "terse-question",
        "basic",
        "# 48k samples, batch 96: steps/epoch?\n\n**{k}**\n",
        "480",
        "500",
        3,
    ),
]

# Notes whose epoch length is not fixed by what they state: never reported.
SILENT: list[tuple[str, str, str]] = [
    (
        "total-over-training",
        "basic",
        "# Budget\n\n50,000 samples at batch size 100, trained for 4,000 steps in total.\n",
    ),
    (
        "repeated-dataset",
        "code",
        "# Repeat\n\n```python\n# 60,000 images\nds = ds.repeat().batch(120)\n"
        "model.fit(ds, epochs=5, steps_per_epoch=300)\n```\n",
    ),
    (
        "validation-split",
        "basic",
        "# Split\n\n50,000 images, 10,000 of them held out for validation, batch 100:\n"
        "400 steps per epoch.\n",
    ),
    (
        "two-datasets",
        "basic",
        "# Two sets\n\nCIFAR-10 has 50,000 and SVHN 73,257 training images; at batch 256 an "
        "epoch takes 200 steps.\n",
    ),
    (
        "two-batches-or",
        "basic",
        "# Choice\n\nWith 64,000 samples and a batch size of 32 or 64, an epoch takes 1,000 "
        "steps.\n",
    ),
    (
        "schedule",
        "basic",
        "# Logging\n\n10,000 images, batch size 50; we log every 100 steps per epoch.\n",
    ),
    (
        "several-devices-no-global",
        "basic",
        "# Per GPU\n\n4 GPUs, batch size 32, 64,000 images: 2,000 steps per epoch on each GPU.\n",
    ),
    (
        "parameters-not-samples",
        "basic",
        "# Steps\n\nThe model has 10,000 parameters and a batch size of 100; training for 50 "
        "epochs takes 3,000 steps.\n",
    ),
    (
        "warmup-steps",
        "basic",
        "# Warm-up\n\nOf the 60,000 images, 128 per batch, the first 100 steps of each epoch "
        "are warm-up.\n",
    ),
    (
        "tokens-not-samples",
        "basic",
        "# Tokens\n\n1M tokens, sequence length 512, batch 32 → 61 steps per epoch.\n",
    ),
    (
        "two-devices-halves",
        "basic",
        "# GPUs\n\n50,000 images at batch 100 take 500 steps per epoch; on 2 GPUs with batch 100 "
        "each, 250 steps per epoch.\n",
    ),
    (
        "train-and-test-sizes",
        "basic",
        "# MNIST\n\nMNIST has 60,000 training and 10,000 test images; at batch 100 one epoch "
        "is 600 steps.\n",
    ),
    (
        "batch-raised-to",
        "basic",
        "# Doubling\n\nWith 640 samples at batch size 64 an epoch is 10 steps; doubling the "
        "batch to 128 halves it to 5 steps.\n",
    ),
    (
        "batches-of-from",
        "basic",
        "# Loader\n\nOne epoch: the loader yields 157 batches of 64 from 10,000 samples.\n",
    ),
    (
        "per-worker",
        "basic",
        "# Workers\n\n64,000 samples at batch 64 make an epoch of 1,000 steps; each of the 4 "
        "workers processes 250 batches per epoch.\n",
    ),
    (
        "two-datasets-listed",
        "basic",
        "# Two data sets\n\n- MNIST: 60,000 images, batch 100 → 600 steps per epoch\n"
        "- CIFAR-10: 50,000 images, batch 100 → 500 steps per epoch\n",
    ),
    (
        "ten-epochs-total",
        "basic",
        "# Epochs\n\nAn epoch over 50,000 images at batch 256 takes 196 steps; 10 epochs take "
        "1,960 steps.\n",
    ),
    (
        "approx-steps",
        "basic",
        "# Approximate\n\nWith 50k samples and batch size 64 an epoch is ~780 steps.\n",
    ),
    (
        "packed-sequences",
        "basic",
        "# Packing\n\n10,000 documents packed into 2,000 sequences of 512 tokens; at batch 8 an "
        "epoch is 250 steps.\n",
    ),
    (
        "calculation-terms",
        "basic",
        "# Total steps\n\n50,000 samples at batch 100 give 500 steps per epoch, and "
        "10 \N{MULTIPLICATION SIGN} 500 "
        "steps per epoch = 5,000 steps over training.\n",
    ),
    (
        "schedule-and-epoch",
        "basic",
        "# Decay\n\nThe scheduler decays the rate every 1,000 steps; an epoch of 50,000 images at "
        "batch 50 is 1,000 steps.\n",
    ),
    (
        "warmup-half-epoch",
        "basic",
        "# Warm-up\n\nWarm-up lasts 500 steps, about half an epoch (60,000 samples, batch 64).\n",
    ),
    (
        "first-epoch-part",
        "basic",
        "# Progress\n\n60,000 samples at batch 64: after 300 steps of the first epoch the loss "
        "drops.\n",
    ),
    (
        "train-for-steps",
        "basic",
        "# Budget\n\nWe train for 10,000 steps with batch 64 on 50,000 images (about 13 epochs).\n",
    ),
    (
        "epochs-times-iterations",
        "basic",
        "# Epochs and iterations\n\nWith 1,000 samples and batch 100, 10 iterations make an "
        "epoch; 5 epochs = 50 iterations.\n",
    ),
    (
        "epoch-minutes",
        "basic",
        "# Time\n\n50,000 images at batch 100: an epoch takes 12 minutes at 500 steps.\n",
    ),
    (
        "bold-total-steps",
        "basic",
        "# Run card\n\n**Samples:** 10,000  \n**Batch size:** 32  \n**Epochs:** 10  \n"
        "**Steps:** 3,130 (10 epochs of 313)\n",
    ),
    (
        "bold-schedule",
        "basic",
        "# Logging\n\n20,000 images, batch 50. Each epoch logs the loss every **100** steps.\n",
    ),
]


CASES = wrong_and_right(SHAPES, SILENT)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("statements"), CASES, CODES)


def test_shapes_are_many_and_distinct() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids)) and len(SHAPES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)


def test_statements_read_labels_and_roles() -> None:
    text = "- training examples: 24,000\n- per-device batch: 32\n- batches per epoch: 800\n"
    found = {(statement.role, statement.text) for statement in statements(text, 0, len(text))}
    assert {("samples", "24,000"), ("device-batch", "32"), ("claim", "800")} <= found
