"""The number gate (ankigen/lint/number_gate.py): the number rules skip a note that writes no
number. What it reads as a number, and that skipping never hides a finding: on every fixture
note without a number, the rules run without the gate find nothing either."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from ankigen.lint import number_gate
from ankigen.lint.document import LintDocument
from ankigen.lint.registry import RULES_BY_CODE
from ankigen.lint.rule import LintConfig
from ankigen.lint.runner import documents_of
from ankigen.pipeline.check import check
from tests.conftest import REPO
from tests.rule_harness import FixtureNote, write_notes

NUMBER_RULES = ("AG101", "AG102", "AG103", "AG104")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _documents(root: Path, bodies: list[str]) -> list[LintDocument]:
    notes = [
        FixtureNote(f"n{index:05d}", body, "cloze" if "{{c" in body else "basic")
        for index, body in enumerate(bodies)
    ]
    write_notes(root, notes)
    return documents_of(check([root / "content"]))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("# How many steps?\n\n10,000 / 200 = 50.\n", True),
        ("# How many steps?\n\nTen thousand over two hundred is fifty.\n", True),
        ("# Size?\n\nA {{c1::3}} by 3 kernel.\n", True),  # the answer is a number
        ("# Arabic-Indic digits\n\n\u0663\u0662 filters.\n", True),  # \d is any decimal digit
        ("# Code\n\n```python\nmodel.fit(x, y, epochs=10)\n```\n", True),
        ("# Cloze\n\nThe {{c1::encoder}} feeds the {{c2::decoder::a part}}.\n", False),
        ("# Words only\n\nA kernel slides over the input and sums the products.\n", False),
        ("# Powers\n\nThe loss is $x^{n} + y^{m}$ at most.\n", False),
    ],
)
def test_what_counts_as_writing_a_number(tmp_path: Path, body: str, expected: bool) -> None:
    (document,) = _documents(tmp_path, [body])
    # the front matter's id and fields never count: only the body
    assert number_gate.writes_a_number(document) is expected


def _fixture_bodies(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("body"), str):
            yield node["body"]
        for value in node.values():
            yield from _fixture_bodies(value)
    elif isinstance(node, list):
        for value in node:
            yield from _fixture_bodies(value)


def _number_free_fixture_bodies() -> list[str]:
    """Every note body in the test fixtures (rule fixtures, dev batches, probes; never the
    sealed batches) that writes no number, once each."""
    found: dict[str, str] = {}
    for path in sorted((REPO / "tests" / "fixtures").rglob("*.yml")):
        if "sealed" in path.parts:
            continue
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
        for body in _fixture_bodies(data):
            if not number_gate._writes_a_number(body):
                found.setdefault(hashlib.sha256(body.encode()).hexdigest(), body)
    return [found[key] for key in sorted(found)]


def test_the_gate_hides_no_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bodies = _number_free_fixture_bodies()
    assert len(bodies) > 1000  # the premise is tested on many notes, not a handful
    documents = _documents(tmp_path, bodies)
    assert len(documents) == len(bodies)
    assert not any(number_gate.writes_a_number(document) for document in documents)
    # the rules as they were before the gate: every note read by every reader
    for module in ("arithmetic", "layers.output_size", "layers.param_count"):
        monkeypatch.setattr(f"ankigen.lint.rules.{module}.writes_a_number", lambda document: True)
    config = LintConfig()
    found = [
        (code, document.path.name, finding.message)
        for document in documents
        for code in NUMBER_RULES
        for finding in RULES_BY_CODE[code].check(document, config)
    ]
    assert found == []
