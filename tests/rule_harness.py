"""Run one rule over notes written to a temporary deck: shared by the rule tests."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import pytest
import yaml

from ankigen.diagnostics import Diagnostic
from ankigen.lint.fix import apply_fixes
from ankigen.lint.rule import LintConfig
from ankigen.lint.runner import documents_of, run_rules
from ankigen.pipeline.check import check
from tests.conftest import REPO

DECK_YAML = "name: Rule Fixtures\nsources:\n  src:\n    title: A source\n    publisher: P\n"


@dataclass(frozen=True)
class FixtureNote:
    id: str
    body: str
    type: str = "basic"
    deck: str = "deck"
    front_matter: str = ""  # extra front matter lines

    @property
    def header(self) -> str:
        return f"---\nid: {self.id}\ntype: {self.type}\n{self.front_matter}---\n"


def notes_of(case: dict[str, Any]) -> list[FixtureNote]:
    if "body" in case:
        return [
            FixtureNote(
                "note", case["body"], case.get("type", "basic"), front_matter=case.get("front", "")
            )
        ]
    return [
        FixtureNote(
            n["id"], n["body"], n.get("type", "basic"), n.get("deck", "deck"), n.get("front", "")
        )
        for n in case["notes"]
    ]


def write_notes(
    root: Path, notes: list[FixtureNote], files: dict[str, str] | None = None
) -> dict[str, Path]:
    """Write the notes (and any extra files, relative to the first deck folder)."""
    paths = {}
    for name, text in (files or {}).items():
        extra = root / "content" / (notes[0].deck if notes else "deck") / name
        extra.parent.mkdir(parents=True, exist_ok=True)
        extra.write_text(text, encoding="utf-8")
    for note in notes:
        folder = root / "content" / note.deck
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "deck.yaml").write_text(DECK_YAML.replace("Rule Fixtures", note.deck))
        path = folder / f"{note.id}.md"
        path.write_text(note.header + note.body, encoding="utf-8")
        paths[note.id] = path
    return paths


def lint_rule(root: Path, code: str, config: dict[str, Any] | None = None) -> list[Diagnostic]:
    result = check([root / "content"])
    assert result.ok, [d.format() for d in result.diagnostics]
    settings = {"select": [code], **(config or {})}
    lint_config = LintConfig.model_validate(settings)
    found = run_rules(documents_of(result), lint_config)
    return sorted((d for d in found if d.code == code), key=lambda d: d.sort_key)


def body_position(note: FixtureNote, diagnostic: Diagnostic) -> tuple[int, int]:
    """(line, column) counted from the first body line, as fixtures write them."""
    header_lines = note.header.count("\n")
    return diagnostic.line - header_lines, diagnostic.column


def fix_until_stable(root: Path, code: str, config: dict[str, Any] | None = None) -> None:
    for _ in range(10):
        if not apply_fixes(lint_rule(root, code, config)):
            return


# --- shape files: one YAML list of notes, each wrong one with the body line of its error ---


def load_shapes(name: str) -> list[dict[str, Any]]:
    """The cases of ``tests/fixtures/<name>``: id, body, optional type and ``line``."""
    path = Path(__file__).parent / "fixtures" / name
    cases: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return cases


def lint_shapes(
    root: Path, cases: list[dict[str, Any]], codes: list[str]
) -> dict[str, list[tuple[int, str]]]:
    """Every case linted once, in one deck, with ``codes`` selected: (body line, code) per id."""
    notes = [FixtureNote(case["id"], case["body"], case.get("type", "basic")) for case in cases]
    write_notes(root, notes)
    result = check([root / "content"])
    assert result.ok, [diagnostic.format() for diagnostic in result.diagnostics]
    config = LintConfig.model_validate({"select": codes})
    header_lines = {note.id: note.header.count("\n") for note in notes}
    found: dict[str, list[tuple[int, str]]] = {note.id: [] for note in notes}
    for diagnostic in run_rules(documents_of(result), config):
        note_id = Path(diagnostic.path).stem
        found[note_id].append((diagnostic.line - header_lines[note_id], diagnostic.code))
    return found


def _findings_of_notes(notes: list[FixtureNote]) -> dict[str, list[tuple[int, Diagnostic]]]:
    """(body line, diagnostic) of every finding (structural checks and lint rules), per note
    id, the notes linted once in one deck."""
    with TemporaryDirectory() as temp:
        root = Path(temp)
        write_notes(root, notes)
        result = check([root / "content"])
        diagnostics = run_rules(documents_of(result), LintConfig())
        headers = {note.id: note.header.count("\n") for note in notes}
        found: dict[str, list[tuple[int, Diagnostic]]] = {note.id: [] for note in notes}
        for diagnostic in [*result.diagnostics, *diagnostics]:
            name = diagnostic.path.stem
            if name in found:
                found[name].append((diagnostic.line - headers[name], diagnostic))
    return found


def findings_by_note(
    notes: list[FixtureNote], keep: Callable[[Diagnostic], bool]
) -> dict[str, list[tuple[int, str, str]]]:
    """(body line, code, message) of every finding ``keep`` accepts (structural checks and
    lint rules), per note id, the notes linted once in one deck."""
    return {
        name: [(line, found.code, found.message) for line, found in findings if keep(found)]
        for name, findings in _findings_of_notes(notes).items()
    }


def graded_findings_by_note(notes: list[FixtureNote]) -> dict[str, list[tuple[int, str, str, str]]]:
    """(body line, code, severity, message) of every error, then every warning, per note id,
    the notes linted once in one deck."""
    graded: dict[str, list[tuple[int, str, str, str]]] = {}
    for name, findings in _findings_of_notes(notes).items():
        graded[name] = [
            (line, found.code, level, found.message)
            for level in ("error", "warning")
            for line, found in findings
            if str(found.severity) == level
        ]
    return graded


# A graded false-error case: (name, code, body, body line, "silent" or the one severity
# expected there).
GradedCase = tuple[str, str, str, int, str]


def graded_cases_test(cases: Sequence[GradedCase]) -> Callable[..., None]:
    """The parametrized test of a table of graded false-error cases (tests/test_precision3*.py):
    the notes are linted once, in one deck; a "silent" case has no finding of its code, any
    other has exactly one finding of its code on its line, of the expected severity."""

    @cache
    def findings() -> dict[str, list[tuple[int, str, str, str]]]:
        return graded_findings_by_note([FixtureNote(name, body) for name, _, body, _, _ in cases])

    @pytest.mark.parametrize(
        ("name", "code", "body", "line", "expected"), cases, ids=[c[0] for c in cases]
    )
    def test(name: str, code: str, body: str, line: int, expected: str) -> None:
        found = [(at, level) for at, found_code, level, _ in findings()[name] if found_code == code]
        if expected == "silent":
            assert found == []
        else:
            assert [level for at, level in found if at == line] == [expected], found

    return test


def shape_params(cases: list[dict[str, Any]], open_cases: dict[str, str]) -> list[Any]:
    """The cases as test parameters, each open one (id -> reason) a strict xfail, so the
    list cannot go stale: the test fails once an open case passes."""
    return [
        pytest.param(case, marks=pytest.mark.xfail(reason=open_cases[case["id"]], strict=True))
        if case["id"] in open_cases
        else pytest.param(case)
        for case in cases
    ]


def assert_shape(case: dict[str, Any], found: dict[str, list[tuple[int, str]]]) -> None:
    """A wrong case is reported on its line and nowhere else; a near miss gets nothing."""
    got = found[case["id"]]
    if case.get("line"):
        assert {line for line, _code in got} == {case["line"]}, got
    else:
        assert got == []


def wrong_and_right(
    shapes: Sequence[tuple[str, str, str, str, str, int]],
    silent: Sequence[tuple[str, str, str]] = (),
) -> list[dict[str, Any]]:
    """Shape cases from templates: each ``(name, type, body, wrong, right, line)`` gives a note
    with the wrong value (reported on ``line``) and one with the right value (silent), where
    ``body`` holds ``{k}``; each ``(name, type, body)`` of ``silent`` must stay silent."""
    cases: list[dict[str, Any]] = []
    for name, kind, body, wrong, right, line in shapes:
        cases.append({"id": f"{name}-wrong", "type": kind, "body": body.format(k=wrong)})
        cases[-1]["line"] = line
        cases.append({"id": f"{name}-right", "type": kind, "body": body.format(k=right)})
    cases += [{"id": name, "type": kind, "body": body} for name, kind, body in silent]
    return cases


def assert_reasons_covered(
    cases: Sequence[dict[str, Any]], prefixes: Sequence[str], wrong_at_least: int = 2
) -> None:
    """Each reason (a case id prefix) has ``wrong_at_least`` wrong shapes and a near miss."""
    for prefix in prefixes:
        of_reason = [case for case in cases if case["id"].startswith(prefix)]
        assert sum(1 for case in of_reason if case.get("line")) >= wrong_at_least, prefix
        assert any(not case.get("line") for case in of_reason), prefix


def lint_in_subprocess(root: Path) -> subprocess.CompletedProcess[str]:
    """``ankigen lint`` of the notes under ``root`` in a fresh process: a hang or a crash of
    one note fails only that test (the timeout turns a hang into a failure)."""
    return subprocess.run(
        [sys.executable, "-m", "ankigen", "lint", "--no-cache", "--format", "concise"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
