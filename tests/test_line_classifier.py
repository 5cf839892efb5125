"""The learned prose-line classifier (issue #12): its frozen weights are what the training
script writes, it adds a warning of a family's code only where the family's rule has no
finding on the line, linting imports no numerical library, and it is off (no rule asks for
it: docs/generalisation-study.md, section 8)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ankigen.lint.data_files import DataFileError, data_line_classifier
from ankigen.lint.line_classifier import learned_findings
from ankigen.lint.line_features import BUCKETS, body_lines, line_features
from ankigen.lint.registry import RULES_BY_CODE
from ankigen.lint.rule import LintConfig
from ankigen.lint.runner import documents_of
from ankigen.pipeline.check import check
from tests.conftest import REPO
from tests.rule_harness import FixtureNote, write_notes

FAMILIES = ("AG130", "AG131", "AG132", "AG136", "AG137")
MEASURED = frozenset({"AG131", "AG136", "AG137"})  # what the sealed measurement reported


def _lint(tmp_path: Path, body: str) -> list[tuple[int, str, str]]:
    """What the five families' rules and the classifier (as if the file reported the codes
    of the sealed measurement) find on one note: (body line, code, severity)."""
    note = FixtureNote("note", body)
    write_notes(tmp_path, [note])
    result = check([tmp_path / "content"])
    (document,) = documents_of(result)
    header = note.header.count("\n")
    found = []
    for code in FAMILIES:
        own = list(RULES_BY_CODE[code].check(document, LintConfig()))
        extra = learned_findings(document, code, own, MEASURED)
        for finding in own + extra:
            line = document.position(finding.start)[0] - header
            found.append((line, code, str(finding.severity or RULES_BY_CODE[code].severity)))
    return found


def test_the_committed_file_is_what_the_script_makes() -> None:
    """Retrains from the fixtures (about half a minute) and compares byte for byte."""
    command = [sys.executable, str(REPO / "scripts" / "train_line_classifier.py"), "--check"]
    run = subprocess.run(
        command, capture_output=True, text=True, timeout=900, check=False, cwd=REPO
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_file_loads_with_its_header() -> None:
    weights = data_line_classifier("line_classifier.txt")
    assert weights["buckets"] == BUCKETS
    assert weights["codes"] == ("AG130", "AG131", "AG132", "AG136", "AG137")
    assert weights["reported"] <= set(weights["codes"])
    assert not weights["reported"]  # off: docs/generalisation-study.md, section 8
    assert 0.5 < weights["threshold"] < 1
    assert all(len(row) == len(weights["codes"]) for row in weights["weights"].values())


def test_features_are_stable_and_see_the_context() -> None:
    lines, in_code = body_lines("# Q?\n\nOne line of answer.\n")
    alone = line_features(lines, 2, in_code[2])
    assert alone == line_features(lines, 2, in_code[2])
    assert all(0 <= bucket < BUCKETS for bucket in alone)
    longer, in_code = body_lines("# Q?\n\nOne line of answer.\nAnd a second one.\n")
    # the same words, but no longer the whole answer nor its last line
    assert line_features(longer, 2, in_code[2]) != alone


def test_a_newsletter_pitch_in_new_words_is_a_warning(tmp_path: Path) -> None:
    """No AG131 pattern names a weekly mailing like this; the classifier reads it as one."""
    body = (
        "# What is teacher forcing?\n\n"
        "Feeding the ground-truth previous token to the decoder while training.\n\n"
        "More cards like this one every Friday, straight to your mailbox.\n"
    )
    assert _lint(tmp_path, body) == [(5, "AG131", "warning")]


def test_no_second_finding_where_the_rule_reports_the_line(tmp_path: Path) -> None:
    body = (
        "# What does a warm-up of the learning rate do?\n\n"
        "It raises the rate from near zero over the first steps.\n\n"
        "Hit the bell icon so you never miss an upload from the channel!\n"
    )
    assert _lint(tmp_path, body) == [(5, "AG131", "error")]


def test_an_ordinary_answer_gets_nothing(tmp_path: Path) -> None:
    body = (
        "# What does a residual connection add?\n\n"
        "The block's input to its output, so gradients reach early layers through the "
        "identity path.\n"
    )
    assert _lint(tmp_path, body) == []


def test_linting_imports_no_numerical_library() -> None:
    code = (
        "import sys\n"
        "from ankigen.lint.line_classifier import classify\n"
        "from ankigen.lint.line_features import body_lines\n"
        "lines, code = body_lines('# Q?\\n\\nA.\\n')\n"
        "classify(lines, 2, code[2])\n"
        "print(sorted(m for m in ('numpy', 'sklearn', 'scipy') if m in sys.modules))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert run.stdout.strip() == "[]"


def test_a_malformed_weights_file_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from ankigen.lint import data_files

    monkeypatch.setattr(
        data_files, "package_data_text", lambda package, name: "buckets 16\n1 0.5\n"
    )
    with pytest.raises(DataFileError, match=r"line_classifier\.txt is malformed"):
        data_line_classifier("line_classifier.txt")


def test_off_by_default(tmp_path: Path) -> None:
    """No rule asks for it and the file reports no code: linting gives the rules' findings."""
    assert not any(rule.learned_lines for rule in RULES_BY_CODE.values())
    note = FixtureNote("note", "# What is teacher forcing?\n\nFeeding the true token.\n")
    write_notes(tmp_path, [note])
    (document,) = documents_of(check([tmp_path / "content"]))
    assert learned_findings(document, "AG131", []) == []
