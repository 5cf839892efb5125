"""AG102 precision (issue #12, false errors on correct notes of batch 11). Each class is a reason
a quantity was bound to the wrong role, not a phrasing:

- a sample count in a clause about the full (complete, whole) batches that is a multiple of
  the batch size is the share of those batches ("390 full batches cover 49,920 images"), not
  the data set: the data set is the one the note states elsewhere (its heading);
- a labelled count that opens a calculation ("steps per epoch: 25,600 / 128 = 200", a key/value
  table row alike) is an operand: the count is the calculation's result (a Keras progress
  bar, "781/781", stays a count);
- "accumulating 2 steps" counts the accumulated micro-steps of one update, no epoch.

Every shape comes twice: with a wrong value, reported on its line, and with the right one,
left alone. Each right version got a false error before the fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.rule_harness import FixtureNote, assert_shape, lint_rule, lint_shapes, write_notes

CODES = ["AG101", "AG102"]

# id, body with {k} where the value goes, wrong value, right value, body line of k
SHAPES: list[tuple[str, str, str, str, int]] = [
    # 1. the samples of the full batches are no data set
    (
        "full-batches-take-count",
        "# How many batches per epoch for 10,000 clips at batch size 64?\n\n"
        "{k} batches: 156 full batches take 9,984 clips, and one last batch holds the "
        "remaining 16.\n",
        "158",
        "157",
        3,
    ),
    (
        "full-batches-take-last-size",
        "# How many batches per epoch for 10,000 recordings at batch size 64?\n\n"
        "157 batches: 156 full batches take 9,984 recordings, and one last batch holds the "
        "remaining {k}.\n",
        "20",
        "16",
        3,
    ),
    (
        "complete-batches-account-for",
        "# A loader walks 1,000 rows with batches of 48. How many batches per epoch?\n\n"
        "The 20 complete batches account for 960 rows and the last batch holds 40 rows, so an "
        "epoch has {k} batches.\n",
        "20",
        "21",
        3,
    ),
    (
        "full-batches-use-semicolon",
        "# Batches per epoch for 2,000 reviews at batch size 300?\n\n"
        "Six full batches use 1,800 reviews; the 200 left over form a seventh, so there are "
        "{k} batches per epoch.\n",
        "6",
        "7",
        3,
    ),
    (
        "full-batches-global-batch",
        "# 4 GPUs, a per-GPU batch of 32: how many steps per epoch over 50,000 pictures?\n\n"
        "The global batch is 4 \N{MULTIPLICATION SIGN} 32 = 128. One epoch runs {k} steps: "
        "390 full batches cover 49,920 pictures and a last partial batch the rest.\n",
        "392",
        "391",
        3,
    ),
    # 2. a labelled count that opens a calculation: its result is the count
    (
        "label-opens-division",
        "# How many steps per epoch for 60,000 images at batch size 32?\n\n"
        "Steps per epoch: 60,000 / 32 = {k}.\n",
        "1,785",
        "1,875",
        3,
    ),
    (
        "label-opens-approximate-division",
        "# Steps per epoch for 45,000 images at batch size 256?\n\n"
        "steps per epoch = 45,000 / 256 \N{ALMOST EQUAL TO} {k}\n",
        "186",
        "176",
        3,
    ),
    (
        "table-row-opens-division",
        "# Steps per epoch with 12,800 samples, batch 16 per GPU and 2 GPUs?\n\n"
        "| quantity | value |\n|---|---|\n| global batch | 16 \N{MULTIPLICATION SIGN} 2 = 32 |\n"
        "| steps per epoch | 12,800 / 32 = {k} |\n",
        "410",
        "400",
        6,
    ),
    (
        "table-row-opens-parenthesised-division",
        "# Updates per epoch for 9,600 examples, 8 per GPU on 3 GPUs, accumulating 2 steps?\n\n"
        "| quantity | value |\n|---|---|\n"
        "| effective batch | 8 \N{MULTIPLICATION SIGN} 3 \N{MULTIPLICATION SIGN} 2 = 48 |\n"
        "| updates per epoch | 9,600 / (8 \N{MULTIPLICATION SIGN} 3 \N{MULTIPLICATION SIGN} 2)"
        " = {k} |\n",
        "250",
        "200",
        6,
    ),
]


def _cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for name, body, wrong, right, line in SHAPES:
        cases.append({"id": f"{name}-wrong", "body": body.format(k=wrong), "line": line})
        cases.append({"id": f"{name}-right", "body": body.format(k=right)})
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("precision-epochs"), CASES, CODES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    assert_shape(case, findings)


def test_full_batches_message_names_the_data_set(tmp_path: Path) -> None:
    """A wrong count is measured against the data set of the heading, not the share."""
    body = (
        "# How many steps does one epoch over 20,000 photos take at batch size 256?\n\n"
        "80 steps: 78 full batches cover 19,968 photos, and a final partial batch holds the "
        "remaining 32.\n"
    )
    write_notes(tmp_path, [FixtureNote("note", body)])
    messages = [d.message for d in lint_rule(tmp_path, "AG102")]
    assert messages == [
        "with 20,000 samples at batch size 256 an epoch is ⌈20,000 / 256⌉ = 79 iterations, "
        "the last one partial, not 80: correct the count"
    ]
