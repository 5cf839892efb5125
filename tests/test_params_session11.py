"""AG104, session 11 of issue #12: the blind probes of the parameter-count family, written in
our own words before the session's change (start: 6 wrong counts, 6 right near misses; 1 of 6
caught on the untouched rules) and after it (final: 5 wrong counts, 3 right near misses; 5 of 5
caught when measured once, 4 of them by the readings that existed before). They stay fully
caught and silent on the right notes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import load_script

evaluation: Any = load_script("evaluate_generalisation")
PROBES = Path(__file__).parent / "fixtures" / "blind_params16"
SETS = ["start", "final"]


def _families(name: str) -> dict[str, Any]:
    return {family.name: family for family in evaluation.load_families(PROBES / name)}


@pytest.mark.parametrize("name", SETS)
def test_every_probe_is_caught(name: str) -> None:
    result = evaluation.evaluate_family(_families(name)["param-count"])
    missed = [f"{case.id} (line {case.line})" for case, _found in result.missed]
    assert not missed, f"{name}: missed {missed}"
    assert result.positives >= 5


@pytest.mark.parametrize("name", SETS)
def test_no_error_on_the_right_probes(name: str) -> None:
    result = evaluation.evaluate_correct(_families(name)[evaluation.CORRECT_FAMILY])
    assert not result.errors, [f.format() for f in result.errors]
