"""AG104, AG102 and AG101, round 4 of issue #12: why sealed batch 10's number misses went unread.

Each class is written in several shapes (topic, notation, position), a wrong note with the body
line of its finding and a correct near miss that must get nothing:

- a convolution's input channels stated as another layer's output ("applied to the 32-channel
  output of the stem block"): no carrier word the channel finder knew;
- a dense layer's inputs with describing words between the number and the noun ("on the 196
  engineered tabular features");
- a count followed, in the same sentence, by a clause about another layer (", and the next
  3x3 convolution then …"): the second layer silenced the first one's count;
- a chunked read whose loop count is given as iterations or times ("the loop runs 20
  iterations"), with the chunk size in an assigned call in inline code;
- a calculation whose operand carries a qualifier before the operator ("3 line items on
  average x …");
- a repeated ``tf.data`` pipeline whose note says that an epoch is to end after one pass.
"""

# The notes are written as authors write them, with multiplication signs.
# ruff: noqa: RUF001

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.rule_harness import assert_shape, lint_shapes


def _case(case_id: str, body: str, line: int | None = None, kind: str = "basic") -> dict[str, Any]:
    return {"id": case_id, "body": body, "type": kind, **({"line": line} if line else {})}


OUTPUT_AS_INPUT = [
    _case(
        "stem-output-bad",
        "# What does the second convolution of a small CIFAR net cost?\n\n"
        "It is `Conv2D(128, 3)` applied to the 64-channel output of the stem block, which gives "
        "73,728 parameters with the biases.\n",
        3,
    ),
    _case(
        "stem-output-good",
        "# What does the second convolution of a small CIFAR net cost?\n\n"
        "It is `Conv2D(128, 3)` applied to the 64-channel output of the stem block, which gives "
        "73,856 parameters with the biases.\n",
    ),
    _case(
        "takes-output-bad",
        "# Size of a 5x5 convolution in a digit recogniser\n\n"
        "A 5×5 convolution with 16 filters takes the 6-channel output from the previous layer "
        "and holds 2,400 parameters, biases included.\n",
        3,
    ),
    _case(
        "takes-output-good",
        "# Size of a 5x5 convolution in a digit recogniser\n\n"
        "A 5×5 convolution with 16 filters takes the 6-channel output from the previous layer "
        "and holds 2,416 parameters, biases included.\n",
    ),
    _case(
        "torch-on-output-bad",
        "# How many weights does this PyTorch layer learn?\n\n"
        "- a 3x3 convolution with 32 filters on a 16-channel output: 4,680 parameters\n",
        3,
    ),
    _case(
        "torch-on-output-good",
        "# How many weights does this PyTorch layer learn?\n\n"
        "- a 3x3 convolution with 32 filters on a 16-channel output: 4,640 weights and biases\n",
    ),
]

DESCRIBED_INPUTS = [
    _case(
        "tabular-features-bad",
        "# What does the first layer of a credit-scoring model cost?\n\n"
        "6,600 parameters: that is `Dense(32)` on the 200 one-hot encoded features, with one "
        "bias per unit.\n",
        3,
    ),
    _case(
        "tabular-features-good",
        "# What does the first layer of a credit-scoring model cost?\n\n"
        "6,432 parameters: that is `Dense(32)` on the 200 one-hot encoded features, with one "
        "bias per unit.\n",
    ),
    _case(
        "pooled-units-bad",
        "# Size of a sentence classifier's output layer\n\n"
        "`nn.Linear` maps to 4 labels from the 768 pooled hidden units; it has 3,072 "
        "parameters with bias.\n",
        3,
    ),
    _case(
        "pooled-units-good",
        "# Size of a sentence classifier's output layer\n\n"
        "`nn.Linear` maps to 4 labels from the 768 pooled hidden units; it has 3,076 "
        "parameters with bias.\n",
    ),
    _case(
        "sensor-inputs-bad",
        "# A dense layer on sensor readings\n\n"
        "A `Dense(10)` on 48 raw sensor inputs has 500 parameters.\n",
        3,
    ),
    _case(
        "sensor-inputs-good",
        "# A dense layer on sensor readings\n\n"
        "A `Dense(10)` on 48 raw sensor inputs has 490 parameters, and the next one on 10 "
        "units has 110.\n",
    ),
]

NEXT_CLAUSE = [
    _case(
        "bottleneck-bad",
        "# Why do bottleneck blocks start with a 1×1 convolution?\n\n"
        "A 1×1 convolution from 512 to 128 channels, biases included, has **65,536 "
        "parameters**, and the 3×3 convolution after it then only sees 128 channels.\n",
        3,
    ),
    _case(
        "bottleneck-good",
        "# Why do bottleneck blocks start with a 1×1 convolution?\n\n"
        "A 1×1 convolution from 512 to 128 channels, biases included, has **65,664 "
        "parameters**, and the 3×3 convolution after it then only sees 128 channels.\n",
    ),
    _case(
        "dense-while-bad",
        "# Parameters of a projection layer\n\n"
        "A dense layer from 300 inputs to 100 units has 30,000 parameters with its biases, "
        "while the following layer then has far fewer.\n",
        3,
    ),
    _case(
        "dense-while-good",
        "# Parameters of a projection layer\n\n"
        "A dense layer from 300 inputs to 100 units has 30,100 parameters with its biases, "
        "while the following layer then has far fewer.\n",
    ),
    _case(
        "conv-but-bad",
        "# A 3x3 convolution on RGB photos\n\n"
        "A 3×3 convolution from 3 to 32 channels has 864 parameters with bias — and the "
        "second block then doubles the filters.\n",
        3,
    ),
    _case(
        "conv-but-good",
        "# A 3x3 convolution on RGB photos\n\n"
        "A 3×3 convolution from 3 to 32 channels has 896 parameters with bias — and the "
        "second block then doubles the filters.\n",
    ),
]

CHUNKED_LOOPS = [
    _case(
        "csv-iterations-bad",
        "# How often does a chunked CSV loop run?\n\n"
        '`reader = pd.read_csv("clicks.csv", chunksize=50_000)` on a log of 1,200,000 rows '
        "gives DataFrames lazily, so the loop runs 20 iterations.\n",
        3,
    ),
    _case(
        "csv-iterations-good",
        "# How often does a chunked CSV loop run?\n\n"
        '`reader = pd.read_csv("clicks.csv", chunksize=50_000)` on a log of 1,200,000 rows '
        "gives DataFrames lazily, so the loop runs 24 iterations.\n",
    ),
    _case(
        "pages-times-bad",
        "# How many requests does paging through the API take?\n\n"
        "The endpoint returns pages of 100 results and the query matches 2,350 results, so the "
        "client loop repeats 23 times.\n",
        3,
    ),
    _case(
        "pages-times-good",
        "# How many requests does paging through the API take?\n\n"
        "The endpoint returns pages of 100 results and the query matches 2,350 results, so the "
        "client loop repeats 24 times.\n",
    ),
    _case(
        "shards-passes-bad",
        "# Writing records into shards\n\n"
        "- shard_size = 10,000\n"
        "- the corpus has 95,000 records\n"
        "- the writer loop therefore iterates 9 times\n",
        5,
    ),
    _case(
        "shards-passes-good",
        "# Writing records into shards\n\n"
        "- shard_size = 10,000\n"
        "- the corpus has 95,000 records\n"
        "- the writer loop therefore iterates 10 times, 2 times faster than before\n",
    ),
]

QUALIFIED_OPERANDS = [
    _case(
        "join-average-bad",
        "# Why does the joined table grow?\n\n"
        "- 800 customers × 4 addresses on average = 3,600 rows after the join\n",
        3,
    ),
    _case(
        "join-average-good",
        "# Why does the joined table grow?\n\n"
        "- 800 customers × 4 addresses on average = 3,200 rows after the join\n",
    ),
    _case(
        "racks-each-bad",
        "# How many GPUs does the cluster have?\n\nIt has 12 nodes × 8 GPUs each = 86 GPUs.\n",
        3,
    ),
    _case(
        "racks-each-good",
        "# How many GPUs does the cluster have?\n\nIt has 12 nodes × 8 GPUs each = 96 GPUs.\n",
    ),
    _case(
        "tokens-line-items-bad",
        "# Token budget of a prompt batch\n\n"
        "The batch holds 32 prompts x 512 context tokens in total = 15,384 tokens.\n",
        3,
    ),
    _case(
        "tokens-line-items-good",
        "# Token budget of a prompt batch\n\n"
        "The batch holds 32 prompts x 512 context tokens in total = 16,384 tokens.\n",
    ),
]

_PIPELINE = (
    "# How long is an epoch of a repeated pipeline?\n\n"
    "```python\n"
    "# ds yields the 40,000 training images; batch size 64\n"
    "train = ds.shuffle(40_000).batch(64).repeat()\n"
    "model.fit(train, epochs=10, steps_per_epoch={steps})\n"
    "```\n\n"
    "{prose}\n"
)
ONE_PASS = [
    _case(
        "finish-epoch-bad",
        _PIPELINE.format(
            steps=600,
            prose="A repeated dataset never ends, so `fit` could "
            "never finish an epoch without the step count.",
        ),
        6,
        "code",
    ),
    _case(
        "finish-epoch-good",
        _PIPELINE.format(
            steps=625,
            prose="A repeated dataset never ends, so `fit` could "
            "never finish an epoch without the step count.",
        ),
        kind="code",
    ),
    _case(
        "one-pass-bad",
        _PIPELINE.format(
            steps=640, prose="The step count makes each epoch one full pass over the images."
        ),
        6,
        "code",
    ),
    _case(
        "free-choice-good",
        _PIPELINE.format(
            steps=640,
            prose="With a repeated dataset the epoch length is a "
            "free choice: here the interval between two evaluations.",
        ),
        kind="code",
    ),
    _case(
        "where-epoch-ends-bad",
        _PIPELINE.format(
            steps=700,
            prose="`steps_per_epoch` tells Keras where each epoch ends on the infinite stream.",
        ),
        6,
        "code",
    ),
    _case(
        "where-epoch-ends-good",
        _PIPELINE.format(
            steps=625,
            prose="`steps_per_epoch` tells Keras where each epoch ends on the infinite stream.",
        ),
        kind="code",
    ),
]

GROUPS = {
    "AG104": [OUTPUT_AS_INPUT, DESCRIBED_INPUTS, NEXT_CLAUSE],
    "AG102": [CHUNKED_LOOPS, ONE_PASS],
    "AG101": [QUALIFIED_OPERANDS],
}
CASES = [
    pytest.param(code, case, id=case["id"])
    for code, groups in GROUPS.items()
    for group in groups
    for case in group
]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[tuple[int, str]]]]:
    results = {}
    for code, groups in GROUPS.items():
        root: Path = tmp_path_factory.mktemp(code)
        results[code] = lint_shapes(root, [case for group in groups for case in group], [code])
    return results


@pytest.mark.parametrize(("code", "case"), CASES)
def test_shape(
    code: str, case: dict[str, Any], found: dict[str, dict[str, list[tuple[int, str]]]]
) -> None:
    assert_shape(case, found[code])


def test_every_class_has_failing_cases_and_near_misses() -> None:
    for groups in GROUPS.values():
        for group in groups:
            assert len([case for case in group if case.get("line")]) >= 3
            assert len([case for case in group if not case.get("line")]) >= 3
