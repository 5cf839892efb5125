"""AG104, issue #12: the blind probes of the parameter-count family, written in our own words
before a session's change ("start") and after it ("final"), each set measured once while unseen
(figures in docs/evaluation.md). They stay fully caught and silent on the right notes.

- session 9 (``blind_params14``): start 6 wrong counts and 6 right near misses; final 8 wrong
  counts and 4 right near misses;
- session 11 (``blind_params16``): start 6 wrong and 6 right (1 of 6 caught on the untouched
  rules); final 5 wrong and 3 right (5 of 5 caught, 4 of them by the readings that existed
  before).
- session 12 (``blind_params17``): start 10 wrong and 15 right (8 of 10 caught and 1 error on a
  right note on the untouched rules); final 6 wrong and 8 right (4 of 6 caught, 2 errors on
  right notes: one AG104, fixed since, and one AG103 of the conv-output readings, still open).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import load_script

evaluation: Any = load_script("evaluate_generalisation")
FIXTURES = Path(__file__).parent / "fixtures"
# (folder, set, fewest wrong counts the set holds)
SETS = [
    ("blind_params14", "start", 6),
    ("blind_params14", "final", 6),
    ("blind_params16", "start", 5),
    ("blind_params16", "final", 5),
    ("blind_params17", "start", 9),
    ("blind_params17", "final", 4),
]
# probes still open: a miss, or an error of another family's rule on a right note
OPEN = {
    "p12-pc-linear-m-rounding": "a whole model named in the claim's sentence (VGG-16) silences it",
    "p12f-pc-conv-k-rounding": "'about 3.5k' for 34,944: an approximate claim ten times off",
    "p12f-ok-list-per-layer": "AG103 reads the listed counts as output sizes",
}


def _families(folder: str, name: str) -> dict[str, Any]:
    return {family.name: family for family in evaluation.load_families(FIXTURES / folder / name)}


@pytest.mark.parametrize(("folder", "name", "fewest"), SETS)
def test_every_probe_is_caught(folder: str, name: str, fewest: int) -> None:
    result = evaluation.evaluate_family(_families(folder, name)["param-count"])
    missed = [
        f"{case.id} (line {case.line})" for case, _found in result.missed if case.id not in OPEN
    ]
    assert not missed, f"{folder}/{name}: missed {missed}"
    assert result.positives >= fewest


@pytest.mark.parametrize(("folder", "name", "fewest"), SETS)
def test_no_error_on_the_right_probes(folder: str, name: str, fewest: int) -> None:
    result = evaluation.evaluate_correct(_families(folder, name)[evaluation.CORRECT_FAMILY])
    errors = [f.format() for f in result.errors if f.note not in OPEN]
    assert not errors, errors
