"""AG101 and AG102 on the shapes of tests/fixtures/arith_shapes.yml: each wrong calculation or
count is reported on its line, and each correct near-miss gets no finding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ankigen.check import check
from ankigen.lint.rule import LintConfig
from ankigen.lint.runner import documents_of, run_rules
from tests.rule_harness import FixtureNote, write_notes

SHAPES = Path(__file__).parent / "fixtures" / "arith_shapes.yml"
CASES: list[dict[str, Any]] = yaml.safe_load(SHAPES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    """Every case linted once, in one deck: (body line, code) per note id."""
    root = tmp_path_factory.mktemp("shapes")
    notes = [FixtureNote(case["id"], case["body"], case.get("type", "basic")) for case in CASES]
    write_notes(root, notes)
    result = check([root / "content"])
    assert result.ok, [diagnostic.format() for diagnostic in result.diagnostics]
    config = LintConfig.model_validate({"select": ["AG101", "AG102"]})
    header_lines = {note.id: note.header.count("\n") for note in notes}
    found: dict[str, list[tuple[int, str]]] = {note.id: [] for note in notes}
    for diagnostic in run_rules(documents_of(result), config):
        note_id = Path(diagnostic.path).stem
        found[note_id].append((diagnostic.line - header_lines[note_id], diagnostic.code))
    return found


def test_every_shape_has_a_wrong_and_a_correct_case() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    wrong = [case for case in CASES if case.get("line")]
    assert len(wrong) >= 40 and len(CASES) - len(wrong) >= 40


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_shape(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    got = findings[case["id"]]
    if case.get("line"):
        assert {line for line, _code in got} == {case["line"]}, got
    else:
        assert got == []
