"""The structural codes are one enum: each member carries its code, name and summary, and the
pipeline uses the members, not string literals, so a code cannot be mistyped at a call site."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from ankigen.codes import CheckCode, check_label, is_structural
from ankigen.diagnostics import Diagnostic, diagnostic_from_json, diagnostic_to_json
from ankigen.lint.docs import rules_markdown
from ankigen.lint.registry import RULES_BY_CODE

PACKAGE = Path(__file__).parent.parent / "ankigen"


def test_members_are_their_codes() -> None:
    assert [check.value for check in CheckCode] == sorted(check.value for check in CheckCode)
    for check in CheckCode:
        assert re.fullmatch(r"AG0\d\d", check)
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", check.label), check.label
        assert check.summary and not check.summary.endswith(".")
        assert check == check.value and f"{check}" == check.value == str(check)
    assert len({check.label for check in CheckCode}) == len(CheckCode)


def test_structural_and_rule_codes_do_not_overlap() -> None:
    assert not set(RULES_BY_CODE) & {check.value for check in CheckCode}
    assert is_structural("AG020") and is_structural(CheckCode.DUPLICATE_ID)
    assert not is_structural("AG101") and not is_structural("AG999")
    assert check_label("AG020") == "duplicate-id"
    assert check_label("AG101") == ""


def test_a_diagnostic_with_a_member_round_trips_as_plain_text() -> None:
    diagnostic = Diagnostic(Path("a.md"), 3, 1, CheckCode.MISSING_KEY, "id is missing")
    stored = json.dumps(diagnostic_to_json(diagnostic))
    assert '"AG011"' in stored
    decoded = diagnostic_from_json(Path("a.md"), json.loads(stored))
    assert decoded == diagnostic and type(decoded.code) is str
    assert diagnostic.format().count("AG011") == 1 and "CheckCode" not in diagnostic.format()


def test_no_structural_code_is_written_as_a_string_literal() -> None:
    literals = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            if re.fullmatch(r"AG0\d\d", node.value):
                literals.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not literals, "use CheckCode members instead of: " + ", ".join(literals)


def test_the_rules_document_lists_every_check() -> None:
    document = rules_markdown()
    for check in CheckCode:
        assert f"| {check.value} | {check.label} | {check.summary} |" in document
