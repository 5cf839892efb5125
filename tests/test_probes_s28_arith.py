"""Session 28's hard correct calculations (tests/fixtures/probes/s28-arith): results rounded
to the digits shown, chains through other units (bytes to MiB, pixels to MP, s to h, kbit to
MB, MACs to FLOPs), k/M/B and binary scale letters, dotted and spaced thousands, scientific
notation, percentage points and signed changes, ceil/floor/modulo, powers, roots, logs,
ranges, fractions, bases written as subscripts and totals of rounded parts, in audio, video,
recommender, medical imaging, genomics, LLM pre-training, memory and FLOP estimates, finance
and statistics notes. None may get an error-level arithmetic finding."""

from __future__ import annotations

from typing import Any

from tests.conftest import load_script

evaluation: Any = load_script("evaluate_generalisation")
FOLDER = evaluation.REPO / "tests" / "fixtures" / "probes" / "s28-arith"
NUMBER_CODES = frozenset({"AG101", "AG102", "AG103", "AG104"})


def test_hard_correct_calculations_get_no_arithmetic_error() -> None:
    (family,) = evaluation.load_families(FOLDER)
    result = evaluation.evaluate_correct(family)
    errors = [finding for finding in result.errors if finding.code in NUMBER_CODES]
    assert len(family.cases) >= 300
    assert not errors, "\n".join(finding.format() for finding in errors)
