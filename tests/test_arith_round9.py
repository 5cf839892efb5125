# ruff: noqa: RUF001
"""AG101 on the classes behind sealed batch 9's AG101 miss and false error: a labelled list
whose items each state a calculation is no list of amounts to add up; a chain of equalities
whose step writes one part of the calculation before it as a number ("⌊(100 - 6) / 2⌋ + 1 =
48 + 1"), in LaTeX, in prose and with ``\\left\\lfloor``; and table rows whose calculation cell
is followed by a count column ("parameters", "count", "memory"). Each wrong shape is reported on
its line; each correct near miss gets no finding."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.rule_harness import assert_shape, lint_shapes

CASES: list[dict[str, Any]] = yaml.safe_load(
    r"""
- id: latex-floor-chain-bad
  line: 3
  body: |
    # How long is the output of a strided convolution over 100 positions?

    With a kernel of 6 and stride 2: $\lfloor (100 - 6)/2 \rfloor + 1 = 48 + 1 = 49$.
- id: latex-floor-chain-good
  body: |
    # How long is the output of a strided convolution over 100 positions?

    With a kernel of 6 and stride 2: $\lfloor (100 - 6)/2 \rfloor + 1 = 47 + 1 = 48$.
- id: latex-floor-odd-bad
  line: 3
  body: |
    # How many windows fit?

    $\lfloor (129 - 4)/2 \rfloor + 1 = 63 + 1 = 64$ windows.
- id: latex-floor-odd-good
  body: |
    # How many windows fit?

    $\lfloor (129 - 4)/2 \rfloor + 1 = 62 + 1 = 63$ windows.
- id: prose-floor-chain-bad
  line: 3
  body: |
    # How many frames does the spectrogram have?

    Frames: ⌊(16,000 − 400) / 160⌋ + 1 = 98 + 1 = 99.
- id: prose-floor-chain-good
  body: |
    # How many frames does the spectrogram have?

    Frames: ⌊(16,000 − 400) / 160⌋ + 1 = 97 + 1 = 98.
- id: left-right-floor-bad
  line: 3
  body: |
    # What width comes out of the pooling layer?

    $$W_{out} = \left\lfloor \frac{57 - 3}{4} \right\rfloor + 1 = 14 + 1 = 15$$
- id: left-right-floor-good
  body: |
    # What width comes out of the pooling layer?

    $$W_{out} = \left\lfloor \frac{57 - 3}{4} \right\rfloor + 1 = 13 + 1 = 14$$
- id: prose-ceil-bad
  line: 3
  body: |
    # How many batches does the loader yield?

    ⌈50,000 / 96⌉ = 520 batches, the last one partly filled.
- id: prose-ceil-good
  body: |
    # How many batches does the loader yield?

    ⌈50,000 / 96⌉ = 521 batches, the last one partly filled.
- id: latex-ceil-chain-bad
  line: 3
  body: |
    # How many shards are needed?

    $\left\lceil 1{,}000 / 3 \right\rceil = 333$ shards of at most 3 files.
- id: latex-ceil-chain-good
  body: |
    # How many shards are needed?

    $\left\lceil 1{,}000 / 3 \right\rceil = 334$ shards of at most 3 files.
- id: latex-floor-final-wrong-bad
  line: 3
  body: |
    # How long is the pooled sequence?

    $\lfloor 75 / 2 \rfloor = 37$, plus the kept edge: $\lfloor 75/2 \rfloor + 1 = 37 + 1 = 39$.
- id: table-params-bad
  line: 6
  body: |
    # How many weights do the two projections of the block hold?

    | projection | count | parameters |
    |---|---|---|
    | up 512 → 2048 | 512 × 2048 + 2048 | 1,050,624 |
    | down 2048 → 512 | 2048 × 512 + 512 | 1,050,624 |
- id: table-params-good
  body: |
    # How many weights do the two projections of the block hold?

    | projection | count | parameters |
    |---|---|---|
    | up 512 → 2048 | 512 × 2048 + 2048 | 1,050,624 |
    | down 2048 → 512 | 2048 × 512 + 512 | 1,049,088 |
- id: table-memory-bad
  line: 5
  body: |
    # How many bytes do the caches of one layer take?

    | cache | breakdown | memory |
    |---|---|---|
    | keys | 2 × 32 × 128 | 8,092 |
- id: table-memory-good
  body: |
    # How many bytes do the caches of one layer take?

    | cache | breakdown | memory |
    |---|---|---|
    | keys | 2 × 32 × 128 | 8,192 |
- id: table-kernel-good
  body: |
    # How many parameters does each convolution have?

    | layer | kernel | params |
    |---|---|---|
    | conv1 | 3 × 3 | 896 |
    | conv2 | 5 × 5 | 51,264 |
- id: table-size-unit-good
  body: |
    # How large are the weights?

    | layer | weights | size (MB) |
    |---|---|---|
    | fc | 4,096 × 4,096 + 4,096 | 64 |
- id: table-params-with-bias-bad
  line: 6
  body: |
    # Parameters of the small CNN

    | layer | weights + biases | parameters (with bias) |
    |---|---|---|
    | conv | 5 × 5 × 3 × 6 + 6 | 456 |
    | fc | 400 × 120 + 120 | 48,210 |
- id: list-of-calculations-good
  body: |
    # How many parameters does a small CNN for 32 × 32 colour images have?

    - conv 3 → 16 with 3 × 3 kernels: 3 × 3 × 3 × 16 + 16 = 448
    - conv 16 → 32 with 3 × 3 kernels: 3 × 3 × 16 × 32 + 32 = 4,640
    - classifier on 32 pooled features: 32 × 10 + 10 = 330
    - total: 448 + 4,640 + 330 = 5,418
- id: list-of-calculations-ascii-good
  body: |
    # Weights of a tiny autoencoder on 64 inputs

    - encoder: 64 x 8 + 8 = 520
    - decoder: 8 x 64 + 64 = 576
    - sum: 1,096 parameters
- id: list-of-unit-calculations-good
  body: |
    # How large is the KV cache of one layer for a 1,024-token context?

    - keys: 1,024 tokens × 64 dims × 2 bytes = 131,072 bytes
    - values: 1,024 tokens × 64 dims × 2 bytes = 131,072 bytes
    - queries: 2 bytes × 64 = 128 bytes
    - total: 262,272 bytes
- id: list-total-of-amounts-bad
  line: 5
  body: |
    # How is the image set split?

    - train: 40,000 images
    - validation: 5,000 images
    - total: 55,000 images
- id: list-total-of-amounts-good
  body: |
    # How is the image set split?

    - train: 40,000 images
    - validation: 5,000 images
    - total: 45,000 images
- id: list-calculated-total-bad
  line: 5
  body: |
    # Weights of a tiny autoencoder on 64 inputs

    - encoder: 64 × 8 + 8 = 520
    - decoder: 8 × 64 + 64 = 576
    - total: 520 + 576 = 1,106
- id: step-substitution-bad
  line: 3
  body: |
    # How many positions does the padded sequence have?

    Two pads on each side of 30 tokens: 2 × (30 + 2) = 2 × 33 = 66 slots.
- id: step-substitution-good
  body: |
    # How many positions does the padded sequence have?

    Two pads on each side of 30 tokens: 2 × (30 + 2) = 2 × 32 = 64 slots.
- id: running-calculation-good
  body: |
    # How many images does the sampler draw?

    8 GPUs, 4 per step on each: 8 × 4 = 32 × 100 = 3,200 images in 100 steps.
- id: conv-formula-steps-good
  body: |
    # What is the output width?

    $(32 - 5 + 2 \cdot 1)/1 + 1 = 29/1 + 1 = 30$
- id: conv-formula-steps-bad
  line: 3
  body: |
    # What is the output width?

    $(32 - 5 + 2 \cdot 1)/1 + 1 = 30/1 + 1 = 31$
- id: running-doubling-good
  body: |
    # How many channels after three doublings?

    Starting from 64 and doubling twice, then once more: 64 × 2 × 2 = 256 × 2 = 512 channels.
- id: running-sum-good
  body: |
    # How many layers does the stack have?

    Blocks of 2, 4 and 4: 2 + 4 + 4 = 10 + 4 = 14 with the four head layers.
- id: table-shape-product-good
  body: |
    # How many parameters do the convolutions have?

    | layer | input shape | parameters |
    |---|---|---|
    | conv1 | 32 × 32 × 3 | 896 |
    | conv2 | 30 × 30 × 32 | 18,496 |
- id: table-count-product-bad
  line: 5
  body: |
    # How many pixels does each crop hold?

    | crop | count | pixels |
    |---|---|---|
    | centre | 224 × 224 | 50,716 |
    | corner | 112 × 112 | 12,544 |
- id: table-other-quantity-sum-good
  body: |
    # How big are the ResNet variants?

    | model | blocks | parameters |
    |---|---|---|
    | ResNet-34 | 3 + 4 + 6 + 3 | 21,797,672 |
    | ResNet-18 | 2 + 2 + 2 + 2 | 11,689,512 |
- id: table-formula-header-bad
  line: 5
  body: |
    # How many parameters does each dense layer have?

    | layer | in × out + bias | params |
    |---|---|---|
    | hidden | 784 × 256 + 256 | 200,906 |
    | output | 256 × 10 + 10 | 2,570 |
- id: rounded-step-good
  body: |
    # How many of the 300 reviews fall in each third?

    A third of them: (1 / 3) × 300 = 0.33 × 300 = 100 reviews per group.
- id: rounded-step-bad
  line: 3
  body: |
    # How many of the 300 reviews fall in each third?

    A third of them: (1 / 3) × 300 = 0.33 × 300 = 90 reviews per group.
- id: floor-call-prose-bad
  line: 3
  body: |
    # How many strided windows?

    floor((128 - 3) / 2) + 1 = 63 + 1 = 64 windows.
- id: floor-call-code-bad
  line: 3
  body: |
    # How many strided windows?

    `math.floor((128 - 3) / 2) + 1 = 63 + 1 = 64` windows.
- id: floor-call-code-good
  body: |
    # How many strided windows?

    `math.floor((128 - 3) / 2) + 1 = 62 + 1 = 63` windows.
- id: ceil-unicode-chain-bad
  line: 3
  body: |
    # How many shards?

    ⌈(1,000 + 10) / 64⌉ × 2 = 17 × 2 = 34 shards.
- id: ceil-unicode-chain-good
  body: |
    # How many shards?

    ⌈(1,000 + 10) / 64⌉ × 2 = 16 × 2 = 32 shards.
"""
)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("round9"), CASES, ["AG101"])


def test_every_class_has_a_wrong_and_a_correct_case() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    wrong = [case for case in CASES if case.get("line")]
    assert len(wrong) >= 12 and len(CASES) - len(wrong) >= 12


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_shape(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)
