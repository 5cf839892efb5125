"""A rule that fails on a note is reported as a warning on that note; nothing else stops."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ankigen.cli import main
from ankigen.lint.document import Finding
from ankigen.lint.registry import ALL_RULES
from ankigen.lint.rules.layers import output_solver
from ankigen.lint.runner import RAISE_RULE_ERRORS
from tests.conftest import write

NOTE = """---
id: conv-table
---
# Which output size does the first layer give?

| layer | kernel / stride / pad | output |
|---|---|---|
| input | - | 32x32x3 |
| conv1 | 5 / 1 / 0 | 28x28x6 |

A 5x5 kernel trims two pixels from each side of teh grid.
"""

DECK = "name: Demo\n"


def _project(tmp_path: Path) -> Path:
    write(tmp_path / "content" / "demo" / "deck.yaml", DECK)
    write(tmp_path / "content" / "demo" / "conv-table.md", NOTE)
    return tmp_path


def _boom(*_: object) -> Iterator[Finding]:
    raise ZeroDivisionError("integer division or modulo by zero")
    yield  # pragma: no cover - makes this a generator like a rule's check


def test_a_failing_rule_becomes_a_warning_and_the_other_rules_still_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(RAISE_RULE_ERRORS, raising=False)
    failing = next(rule for rule in ALL_RULES if rule.code == "AG103")
    monkeypatch.setattr(type(failing), "check", _boom)
    monkeypatch.chdir(_project(tmp_path))
    code = main(["lint", "--no-cache", "--format", "json"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    found = json.loads(out.out)["diagnostics"]
    failed = [d for d in found if d["code"] == "AG103"]
    assert len(failed) == 1
    assert failed[0]["severity"] == "warning"
    assert failed[0]["line"] == 1
    assert "AG103 could not check this note (ZeroDivisionError" in failed[0]["message"]
    assert "please report it" in failed[0]["message"]
    assert "AG111" in {d["code"] for d in found}  # "teh": the other rules still ran
    assert code == 0  # a warning: ankigen's own bug does not block the learner's build
    assert main(["build", "--no-cache"]) == 0
    assert (tmp_path / "build" / "demo.apkg").is_file()


def test_in_the_test_suite_a_failing_rule_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RAISE_RULE_ERRORS, "1")
    failing = next(rule for rule in ALL_RULES if rule.code == "AG103")
    monkeypatch.setattr(type(failing), "check", _boom)
    monkeypatch.chdir(_project(tmp_path))
    with pytest.raises(ZeroDivisionError):
        main(["lint", "--no-cache"])


def test_a_zero_read_as_a_stride_gives_no_output_size() -> None:
    layer = output_solver._Layer(5, 0, 0)
    assert output_solver._output(32, layer) is None
    assert output_solver._output(32, output_solver._Layer(5, 1, 0)) == 28
