"""AG102 and AG104, round 5 of issue #12: why sealed batch 11's epoch and count misses went unread.

Each class is written in several shapes (topic, notation, position), a wrong note with the body
line of its finding and a correct near miss that must get nothing:

- a last-batch flag named only to say it is off (``drop_last=False``, "unless
  ``drop_remainder=True`` is set") was read as a loader that drops the partial batch, so the
  floor of N / B passed;
- a last batch stated as "the last of which holds 80 images" was taken for the data set;
- Keras's ``validation_split`` with the trained part stated ("on the remaining 48,000"): a count
  over the whole data set passed;
- "with a bias per filter has 416 parameters": the per-filter phrase describes the bias, the
  count is still the layer's.
"""

# The notes are written as authors write them, with multiplication signs.
# ruff: noqa: RUF001

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.rule_harness import assert_shape, lint_shapes, wrong_and_right

FLAG_OFF = wrong_and_right(
    [
        (
            "false-flag",
            "basic",
            "# Batches per epoch for 50,000 images at batch size 128\n\n"
            "The loader keeps `drop_last=False`, so it yields {k} batches per epoch.\n",
            "390",
            "391",
            3,
        ),
        (
            "unless-heading",
            "basic",
            "# Why does an epoch over 1,000 images with batch size 30 take {k} steps?\n\n"
            "The last, smaller batch still counts unless `drop_last=True` is set.\n",
            "33",
            "34",
            1,
        ),
        (
            "unless-tf",
            "basic",
            "# Steps of one pass over 2,500 clips in batches of 64\n\n"
            "A tf.data pipeline makes {k} steps, unless\n`drop_remainder=True` is passed to "
            "`batch`.\n",
            "39",
            "40",
            3,
        ),
    ],
    silent=[
        (
            "flag-on-floor",
            "basic",
            "# Batches per epoch for 50,000 images at batch size 128\n\n"
            "With `drop_last=True` the loader yields 390 batches per epoch.\n",
        ),
    ],
)

LAST_OF_WHICH = wrong_and_right(
    [
        (
            "last-of-which",
            "basic",
            "# Iterations of one epoch over 50,000 images at batch size 128\n\n"
            "It yields {k} batches per epoch, the last of which holds only 80 images.\n",
            "390",
            "391",
            3,
        ),
        (
            "last-of-them",
            "basic",
            "# Steps over 10,000 reviews with batches of 64\n\n"
            "One epoch is {k} steps, the last of them has 16 reviews.\n",
            "156",
            "157",
            3,
        ),
    ]
)

KERAS_SPLIT = wrong_and_right(
    [
        (
            "keras-remaining",
            "basic",
            "# Steps per epoch with validation_split=0.2\n\n"
            "`model.fit(x, y, batch_size=32, validation_split=0.2)` on 60,000 images holds back "
            "12,000 and shows {k} steps per epoch on the remaining 48,000.\n",
            "1875",
            "1500",
            3,
        ),
        (
            "keras-tenth",
            "basic",
            "# Keras progress bar with a 10 % validation split\n\n"
            "`model.fit(x, y, batch_size=100, validation_split=0.1)` on 20,000 rows trains on "
            "18,000 of them in {k} steps per epoch.\n",
            "200",
            "180",
            3,
        ),
    ],
    silent=[
        (
            "keras-part-unstated",
            "basic",
            "# Steps\n\n`model.fit(x, y, batch_size=32, validation_split=0.2)` on 60,000 images "
            "shows 1500 steps per epoch.\n",
        ),
    ],
)

BIAS_PER_FILTER = wrong_and_right(
    [
        (
            "cloze-rgb",
            "cloze",
            "# First convolution on RGB images\n\n"
            "`Conv2D(16, kernel_size=5)` applied to RGB images (3 channels) with a bias per "
            "filter has {{{{c1::{k}}}}} parameters.\n",
            "416",
            "1216",
            3,
        ),
        (
            "biases-per-kernel",
            "basic",
            "# Size of a 3x3 convolution\n\n"
            "A 3×3 convolution with 32 filters on a 16-channel input, with biases per kernel, "
            "has {k} parameters.\n",
            "4,608",
            "4,640",
            3,
        ),
    ],
    silent=[
        (
            "each-filter-has",
            "basic",
            "# Size of a 3x3 convolution\n\n"
            "A 3×3 convolution with 32 filters on a 16-channel input: each filter has 145 "
            "parameters.\n",
        ),
    ],
)

GROUPS = {
    "AG102": [*FLAG_OFF, *LAST_OF_WHICH, *KERAS_SPLIT],
    "AG104": BIAS_PER_FILTER,
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[tuple[int, str]]]]:
    results = {}
    for code, cases in GROUPS.items():
        root: Path = tmp_path_factory.mktemp(code)
        results[code] = lint_shapes(root, cases, [code])
    return results


@pytest.mark.parametrize(
    ("code", "case"),
    [(code, case) for code, cases in GROUPS.items() for case in cases],
    ids=lambda value: value["id"] if isinstance(value, dict) else value,
)
def test_shape(
    code: str, case: dict[str, Any], found: dict[str, dict[str, list[tuple[int, str]]]]
) -> None:
    assert_shape(case, found[code])


def test_every_class_has_failing_cases_and_near_misses() -> None:
    for cases in (FLAG_OFF, LAST_OF_WHICH, KERAS_SPLIT, BIAS_PER_FILTER):
        assert any(case.get("line") for case in cases)
        assert any(not case.get("line") for case in cases)
