# ruff: noqa: RUF001
"""AG101 on the classes behind sealed batch 8's misses: units and currencies inside a
calculation, approximate results judged by their written digits, calculations in code comments,
table rows with an expression cell and its result, and ``ceil``/``floor`` with a claimed result.
Each wrong shape is reported on its line; each correct near miss gets no finding."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.rule_harness import assert_shape, lint_shapes

CASES: list[dict[str, Any]] = yaml.safe_load(
    r"""
- id: unit-after-each-operand-bad
  line: 3
  body: |
    # How far does the van drive?

    It drives at 60 km/h for 2.5 h: 60 km/h × 2.5 h = 140 km in total.
- id: unit-after-each-operand-good
  body: |
    # How far does the van drive?

    It drives at 60 km/h for 2.5 h: 60 km/h × 2.5 h = 150 km in total.
- id: unit-words-operands-bad
  line: 3
  body: |
    # How wide is the concatenated attention output?

    The heads are concatenated, 8 heads × 96 dims = 778 features per token.
- id: unit-words-operands-good
  body: |
    # How wide is the concatenated attention output?

    The heads are concatenated, 8 heads × 96 dims = 768 features per token.
- id: hertz-seconds-bold-bad
  line: 3
  body: |
    # How many frames does a 4-second clip at 8 kHz hold?

    **8,000 Hz x 4 s = 30,000 samples**, the length the encoder receives.
- id: hertz-seconds-bold-good
  body: |
    # How many frames does a 4-second clip at 8 kHz hold?

    **8,000 Hz x 4 s = 32,000 samples**, the length the encoder receives.
- id: currency-code-before-result-bad
  line: 4
  body: |
    # What does the labelling batch cost?

    Three annotators label 400 images each at 0.05 EUR per image, so
    3 × 400 × 0.05 = EUR 70 for the batch.
- id: currency-code-before-result-good
  body: |
    # What does the labelling batch cost?

    Three annotators label 400 images each at 0.05 EUR per image, so
    3 × 400 × 0.05 = EUR 60 for the batch.
- id: dollar-rate-per-hour-bad
  line: 3
  body: |
    # What does a week of the inference server cost?

    At $1.40/h for 168 h the bill is $1.40/h × 168 h = $225.
- id: dollar-rate-per-hour-good
  body: |
    # What does a week of the inference server cost?

    At $1.40/h for 168 h the bill is $1.40/h × 168 h = $235.20.
- id: scaled-operand-with-unit-bad
  line: 3
  body: |
    # How many values does the KV cache of one layer hold?

    Each of the 2 tensors holds 1M values per head, so 2 × 1M × 32 heads = 54M values.
- id: scaled-operand-with-unit-good
  body: |
    # How many values does the KV cache of one layer hold?

    Each of the 2 tensors holds 1M values per head, so 2 × 1M × 32 heads = 64M values.
- id: approx-written-digits-bad
  line: 7
  body: |
    # How large is the output projection of a small GPT?

    It maps 512-dimensional states to a vocabulary of 50,257 tokens.

    ***

    Output projection: 50,257 × 512 ≈ 26.7M weights, before the bias.
- id: approx-written-digits-good
  body: |
    # How large is the output projection of a small GPT?

    It maps 512-dimensional states to a vocabulary of 50,257 tokens.

    ***

    Output projection: 50,257 × 512 ≈ 25.7M weights, before the bias.
- id: approx-k-suffix-bad
  line: 3
  body: |
    # Roughly how many tokens does the prompt set hold?

    There are 1,850 prompts of about 96 tokens, 1,850 × 96 ≈ 188k tokens.
- id: approx-k-suffix-good
  body: |
    # Roughly how many tokens does the prompt set hold?

    There are 1,850 prompts of about 96 tokens, 1,850 × 96 ≈ 178k tokens.
- id: approx-coarse-good
  body: |
    # Roughly how many hours are in a year?

    About 365 × 24 ≈ 9,000 hours, a figure worth remembering for GPU budgets.
- id: hash-comment-calculation-bad
  line: 5
  type: code
  body: |
    # How many activations does one feature map batch hold?

    ```python
    fmap = torch.zeros(16, 64, 56, 56)
    n = fmap.numel()  # 16 × 64 × 56 × 56 = 3,311,616 activations
    ```
- id: hash-comment-calculation-good
  type: code
  body: |
    # How many activations does one feature map batch hold?

    ```python
    fmap = torch.zeros(16, 64, 56, 56)
    n = fmap.numel()  # 16 × 64 × 56 × 56 = 3,211,264 activations
    ```
- id: slash-comment-calculation-bad
  line: 4
  type: code
  body: |
    # How many bytes does the JavaScript buffer take?

    ```js
    const buf = new Float32Array(1024 * 256); // 1024 * 256 * 4 = 1,000,000 bytes
    ```
- id: slash-comment-calculation-good
  type: code
  body: |
    # How many bytes does the JavaScript buffer take?

    ```js
    const buf = new Float32Array(1024 * 256); // 1024 * 256 * 4 = 1,048,576 bytes
    ```
- id: sql-comment-calculation-bad
  line: 4
  type: code
  body: |
    # How many rows does the cross join produce?

    ```sql
    SELECT * FROM sizes CROSS JOIN colours;  -- 6 x 14 = 86 rows
    ```
- id: sql-comment-calculation-good
  type: code
  body: |
    # How many rows does the cross join produce?

    ```sql
    SELECT * FROM sizes CROSS JOIN colours;  -- 6 x 14 = 84 rows
    ```
- id: code-assignment-not-claim-good
  type: code
  body: |
    # How is the buffer sized?

    ```python
    size = 1024 * 4
    total = size * 3 - 7
    ```
- id: table-series-return-bad
  line: 7
  body: |
    # Partial sums of a halving series

    | terms | terms added | total |
    |---|---|---|
    | 2 | 1 + 0.5 | 1.5 |
    | 3 | 1 + 0.5 + 0.25 | 1.75 |
    | 4 | 1 + 0.5 + 0.25 + 0.125 | 1.885 |
- id: table-series-return-good
  body: |
    # Partial sums of a halving series

    | terms | terms added | total |
    |---|---|---|
    | 2 | 1 + 0.5 | 1.5 |
    | 3 | 1 + 0.5 + 0.25 | 1.75 |
    | 4 | 1 + 0.5 + 0.25 + 0.125 | 1.875 |
- id: table-return-header-bad
  line: 6
  body: |
    # Discounted return with a discount of 0.5

    | steps | rewards | return |
    |---|---|---|
    | 2 | 2 + 0.5 × 2 | 3 |
    | 3 | 2 + 0.5 × 2 + 0.25 × 2 | 3.75 |
- id: table-return-header-good
  body: |
    # Discounted return with a discount of 0.5

    | steps | rewards | return |
    |---|---|---|
    | 2 | 2 + 0.5 × 2 | 3 |
    | 3 | 2 + 0.5 × 2 + 0.25 × 2 | 3.5 |
- id: table-range-cell-good
  body: |
    # Which learning rate per stage?

    | stage | epochs | value |
    |---|---|---|
    | warm-up | 1-3 | 0.001 |
    | main | 4-30 | 0.01 |
- id: ceil-inline-code-bad
  line: 3
  body: |
    # How many validation steps cover 5,000 images at batch size 64?

    `validation_steps = ceil(5,000 / 64) = 77`, the last batch being partial.
- id: ceil-inline-code-good
  body: |
    # How many validation steps cover 5,000 images at batch size 64?

    `validation_steps = ceil(5,000 / 64) = 79`, the last batch being partial.
- id: math-floor-prose-bad
  line: 3
  body: |
    # How many full windows fit in the series?

    With 730 days and windows of 30 days, math.floor(730 / 30) = 25 full windows.
- id: math-floor-prose-good
  body: |
    # How many full windows fit in the series?

    With 730 days and windows of 30 days, math.floor(730 / 30) = 24 full windows.
- id: np-ceil-bad
  line: 3
  body: |
    # How many shards does the data set need?

    np.ceil(1,300 / 256) = 5 shards of at most 256 files each.
- id: np-ceil-good
  body: |
    # How many shards does the data set need?

    np.ceil(1,300 / 256) = 6 shards of at most 256 files each.
- id: result-first-total-bad
  line: 3
  body: |
    # How many weights does the embedding table of the recommender hold?

    About 6.4M: each of the 50k items gets a 64-dimensional vector, and
    50k × 64 dims gives the total, stored in float32.
- id: result-first-total-good
  body: |
    # How many weights does the embedding table of the recommender hold?

    3.2M: each of the 50k items gets a 64-dimensional vector, and
    50k × 64 dims gives the total, stored in float32.
- id: result-first-answer-bad
  line: 3
  body: |
    # How many pixels does a batch of 8 thumbnails of 96 × 96 hold?

    **72,728 pixels**. Every thumbnail has 96 × 96 = 9,216 pixels, and
    8 × 9,216 is the answer.
- id: result-first-answer-good
  body: |
    # How many pixels does a batch of 8 thumbnails of 96 × 96 hold?

    **73,728 pixels**. Every thumbnail has 96 × 96 = 9,216 pixels, and
    8 × 9,216 is the answer.
- id: version-and-ratio-good
  body: |
    # Which setup did the paper use?

    Python 3.11 with PyTorch 2.1, a 16:9 crop and 3-5 layers; 2 x 2 = 4 GPUs in total.
- id: date-good
  body: |
    # When was the data set frozen?

    On 2024-03-15, after 12 x 30 = 360 days of collection.
"""
)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("round8"), CASES, ["AG101"])


def test_every_class_has_a_wrong_and_a_correct_case() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    wrong = [case for case in CASES if case.get("line")]
    assert len(wrong) >= 14 and len(CASES) - len(wrong) >= 14


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_shape(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)
