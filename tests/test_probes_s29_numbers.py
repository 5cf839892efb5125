"""Session 29's hard correct number notes (tests/fixtures/probes/s29-numbers): KV-cache and
token memory, time-series windows, edge quantisation and MACs, video tubelets, graph networks
and RL rollouts, written with GB against GiB, thin-space and apostrophe thousands, `x` as a
product sign, `@`, ranges, ≈ and ~, rounding said in words, model.summary() lines, $$
displays, tables and code comments. None may get an error-level finding."""

from __future__ import annotations

from typing import Any

from tests.conftest import load_script

evaluation: Any = load_script("evaluate_generalisation")
FOLDER = evaluation.REPO / "tests" / "fixtures" / "probes" / "s29-numbers"


def test_hard_correct_number_notes_get_no_error() -> None:
    (family,) = evaluation.load_families(FOLDER)
    result = evaluation.evaluate_correct(family)
    assert len(family.cases) >= 100
    assert not result.errors, "\n".join(finding.format() for finding in result.errors)
