"""AG140's ``valid_input`` (run on every note of a deck taken from its record) accepts exactly
what its note inputs look like and refuses what a forged record could hold instead."""

from __future__ import annotations

from typing import Any

import pytest

from ankigen.lint.rules.duplicates import NearDuplicate

GOOD: dict[str, Any] = {
    "front": [1, 3, 1, 40],
    "body": "0123456789abcdef0123",
    "units": [["question", "dropout\nwhat"], ["title", "x"]],
}


@pytest.mark.parametrize(
    "data",
    [GOOD, {**GOOD, "units": []}, {**GOOD, "units": [("question", "a")]}],
)
def test_inputs_as_notes_make_them_are_valid(data: Any) -> None:
    assert NearDuplicate().valid_input(data)


@pytest.mark.parametrize(
    "data",
    [
        {},
        [],
        "text",
        {**GOOD, "extra": 1},
        {k: v for k, v in GOOD.items() if k != "body"},
        {**GOOD, "front": [1, 3, 1]},
        {**GOOD, "front": [1, 3, 1, "40"]},
        {**GOOD, "front": [1, 3, 1, True]},
        {**GOOD, "front": [1, 3, 1, 4.0]},
        {**GOOD, "front": 5},
        {**GOOD, "body": 5},
        {**GOOD, "units": 5},
        {**GOOD, "units": [5]},
        {**GOOD, "units": [["question"]]},
        {**GOOD, "units": [["question", "a", "b"]]},
        {**GOOD, "units": [["question", 5]]},
        {**GOOD, "units": [[None, "a"]]},
        {**GOOD, "units": [["question", ["a"]]]},
    ],
)
def test_malformed_inputs_are_refused(data: Any) -> None:
    assert not NearDuplicate().valid_input(data)
