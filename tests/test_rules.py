"""Every lint rule: its fixture cases (fail, pass, fix), its docs, and the catalog itself.

Fixtures live in tests/fixtures/rules/<CODE>.yml (and <CODE>.<topic>.yml for more of them):

    rule: AG130
    cases:
      - name: what the case shows
        type: basic                 # or cloze / code; default basic
        body: |                     # the note body (front matter is added)
          # Question?
          Lorem ipsum.
        expect:                     # [] for a passing case
          - {line: 2, column: 1, message: "Lorem"}   # body line; message is a substring
        fixed: |                    # optional: the body after --fix
          ...
      - name: several notes (cross-file rules)
        notes:
          - {id: a, body: "...", deck: one}
          - {id: b, body: "...", deck: two}
        expect:
          - {note: b, line: 1, column: 3}
        config: {max-answer-words: 10}   # optional [tool.ankigen.lint] settings
        files: {"img/a.png": "..."}      # optional extra files in the deck folder
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from ankigen.lint.docs import rules_markdown
from ankigen.lint.registry import ALL_RULES, RULES_BY_CODE
from ankigen.lint.rule import ProjectRule
from tests.conftest import REPO
from tests.rule_harness import (
    FixtureNote,
    body_position,
    fix_until_stable,
    lint_rule,
    notes_of,
    write_notes,
)

FIXTURES = REPO / "tests" / "fixtures" / "rules"


# libyaml's loader when PyYAML has it (the same data for every fixture file, 8x faster).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _fixture_file(path: Path) -> dict[str, Any]:
    """A fixture file, parsed once for the cases and the docs test (which only read it)."""
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    return data


def _load(code: str) -> list[dict[str, Any]]:
    path = FIXTURES / f"{code}.yml"
    data = _fixture_file(path)
    assert data["rule"] == code, f"{path} names rule {data['rule']}"
    cases: list[dict[str, Any]] = data["cases"]
    return cases


def _cases() -> list[Any]:
    params = []
    for path in sorted(FIXTURES.glob("*.yml")):
        # <CODE>.yml, and more fixtures of the same rule in <CODE>.<topic>.yml
        code, _, _topic = path.stem.partition(".")
        data = _fixture_file(path)
        assert data["rule"] == code, f"{path} names rule {data['rule']}"
        for index, case in enumerate(data["cases"]):
            params.append(pytest.param(code, case, id=f"{path.stem}-{index}-{case['name']}"))
    return params


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_fixture(tmp_path: Path, code: str, case: dict[str, Any]) -> None:
    notes = notes_of(case)
    write_notes(tmp_path, notes, case.get("files"))
    by_id = {note.id: note for note in notes}
    found = lint_rule(tmp_path, code, case.get("config"))
    got: list[dict[str, Any]] = []
    for diagnostic in found:
        note = by_id[diagnostic.path.stem]
        line, column = body_position(note, diagnostic)
        got.append(
            {
                "note": note.id,
                "line": line,
                "column": column,
                "message": diagnostic.message,
                "severity": str(diagnostic.severity),
            }
        )
    expected = case.get("expect") or []
    assert [(g["note"], g["line"], g["column"]) for g in got] == [
        (e.get("note", notes[0].id), e["line"], e["column"]) for e in expected
    ], got
    for want, have in zip(expected, got, strict=True):
        assert want.get("message", "") in have["message"]
        assert want.get("severity", have["severity"]) == have["severity"], have
    if "fixed" in case:
        fix_until_stable(tmp_path, code, case.get("config"))
        path = tmp_path / "content" / notes[0].deck / f"{notes[0].id}.md"
        assert path.read_text(encoding="utf-8") == notes[0].header + case["fixed"]


def test_codes_are_unique_and_well_formed() -> None:
    codes = [rule.code for rule in ALL_RULES]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"AG1\d\d", code) for code in codes)
    names = [rule.name for rule in ALL_RULES]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z][a-z0-9-]+", name) for name in names)


@pytest.mark.parametrize("code", sorted(RULES_BY_CODE))
def test_every_rule_has_docs_and_fixtures(code: str) -> None:
    rule = RULES_BY_CODE[code]
    assert (rule.__doc__ or "").strip() and rule.summary and rule.bad and rule.good
    assert (FIXTURES / f"{code}.yml").is_file(), f"add tests/fixtures/rules/{code}.yml"
    cases = _load(code)
    assert any(case.get("expect") for case in cases), "needs a failing case"
    assert any(not case.get("expect") for case in cases), "needs a passing case"
    if rule.fixable:
        assert any("fixed" in case for case in cases), "a fixable rule needs a fix case"


@pytest.mark.parametrize("code", sorted(RULES_BY_CODE))
def test_documented_examples_behave_as_documented(tmp_path: Path, code: str) -> None:
    rule = RULES_BY_CODE[code]
    if code == "AG190" or isinstance(rule, ProjectRule):
        # An unused suppression needs the runner's bookkeeping, and a rule across notes needs
        # more than one note: both are proved by their fixtures instead.
        pytest.skip("covered by its fixture")
    write_notes(tmp_path / "bad", [FixtureNote("bad", rule.bad)])
    write_notes(tmp_path / "good", [FixtureNote("good", rule.good)])
    assert lint_rule(tmp_path / "bad", code), "the 'bad' example is not reported"
    assert not lint_rule(tmp_path / "good", code), "the 'good' example is reported"


def test_rules_doc_is_current() -> None:
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), (
        "run: ankigen rules --format markdown > docs/rules.md"
    )
