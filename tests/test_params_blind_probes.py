"""AG104, issue #12: the blind probes of the parameter-count family, written in our own words
before a session's change ("start") and after it ("final"), each set measured once while unseen
(figures in docs/evaluation.md). They stay fully caught and silent on the right notes.

- session 9 (``blind_params14``): start 6 wrong counts and 6 right near misses; final 8 wrong
  counts and 4 right near misses;
- session 11 (``blind_params16``): start 6 wrong and 6 right (1 of 6 caught on the untouched
  rules); final 5 wrong and 3 right (5 of 5 caught, 4 of them by the readings that existed
  before).
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
]


def _families(folder: str, name: str) -> dict[str, Any]:
    return {family.name: family for family in evaluation.load_families(FIXTURES / folder / name)}


@pytest.mark.parametrize(("folder", "name", "fewest"), SETS)
def test_every_probe_is_caught(folder: str, name: str, fewest: int) -> None:
    result = evaluation.evaluate_family(_families(folder, name)["param-count"])
    missed = [f"{case.id} (line {case.line})" for case, _found in result.missed]
    assert not missed, f"{folder}/{name}: missed {missed}"
    assert result.positives >= fewest


@pytest.mark.parametrize(("folder", "name", "fewest"), SETS)
def test_no_error_on_the_right_probes(folder: str, name: str, fewest: int) -> None:
    result = evaluation.evaluate_correct(_families(folder, name)[evaluation.CORRECT_FAMILY])
    assert not result.errors, [f.format() for f in result.errors]
