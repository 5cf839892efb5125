"""The blind probes of session 9's epoch/arithmetic work stay caught, and their correct
near misses get no error-level finding (tests/fixtures/probes/s9-epochs: epoch counts from
data set, batch, devices, accumulation and splits; explicit calculations)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import load_script

evaluation: Any = load_script("evaluate_generalisation")
FOLDER = evaluation.REPO / "tests" / "fixtures" / "probes" / "s9-epochs"
FAMILIES = {family.name: family for family in evaluation.load_families(FOLDER)}

# Probes the final measurement missed, each with its reason (the test fails once one is caught).
KNOWN_MISSES = {
    "p14f-ar-words": "a product said in words ('twelve times eight, which is 86') is not read",
    "p14f-ei-scenario-rows": "a table with one run per row and a total-steps column: each row's "
    "samples, batch and epochs are not bound to its own total",
}


@pytest.mark.parametrize("name", sorted(set(FAMILIES) - {evaluation.CORRECT_FAMILY}))
def test_probes_are_caught(name: str) -> None:
    result = evaluation.evaluate_family(FAMILIES[name])
    missed = [case.id for case, _found in result.missed if case.id not in KNOWN_MISSES]
    assert not missed, f"{name} missed: {missed}"
    caught = sorted(case.id for case in result.caught if case.id in KNOWN_MISSES)
    assert not caught, f"now caught, remove from KNOWN_MISSES: {caught}"


def test_near_misses_get_no_error() -> None:
    result = evaluation.evaluate_correct(FAMILIES[evaluation.CORRECT_FAMILY])
    assert not result.errors, "\n".join(finding.format() for finding in result.errors)
