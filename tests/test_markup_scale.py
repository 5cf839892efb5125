"""AG170 stays linear on a note full of HTML (a whole web page pasted into one answer).

Before, three steps compared every tag with every other one (nesting of findings, partners
of spaced tags, lines of tags only): 3,000 tags on one line took 14 to 32 seconds. The bound
here is generous for a slow shared machine and far below what a quadratic pass needs.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ankigen.lint.document import Finding
from ankigen.lint.rule import LintConfig
from ankigen.lint.rules.markup import RawHtmlAsText, _inside_another
from ankigen.lint.runner import documents_of
from ankigen.pipeline.check import check
from tests.rule_harness import FixtureNote, write_notes

MANY = 3000
SECONDS = 6.0


@pytest.mark.parametrize(
    ("name", "answer", "expected"),
    [
        ("pairs", " ".join("<b>x</b> &lt;i&gt;y&lt;/i&gt;" for _ in range(MANY)), 3 * MANY),
        ("spaced", " ".join("< b >x< /b >" for _ in range(MANY)), 2 * MANY),
        ("bare", " ".join("<p>x" for _ in range(MANY)), 1),
    ],
)
def test_many_tags_in_one_note_are_checked_quickly(
    tmp_path: Path, name: str, answer: str, expected: int
) -> None:
    write_notes(tmp_path, [FixtureNote(name, f"# What is on the page?\n\n{answer}\n")])
    (document,) = documents_of(check([tmp_path / "content"]))
    started = time.perf_counter()
    findings = list(RawHtmlAsText().check(document, LintConfig()))
    assert time.perf_counter() - started < SECONDS
    assert len(findings) == expected


def _nested_the_slow_way(findings: list[Finding]) -> set[int]:
    return {
        index
        for index, finding in enumerate(findings)
        if any(
            other.start <= finding.start and finding.end <= other.end and other != finding
            for other in findings
        )
    }


def test_the_sweep_finds_the_same_nested_findings_as_comparing_all_pairs() -> None:
    spans = [(0, 10), (0, 10), (0, 4), (2, 4), (3, 12), (5, 5), (11, 12), (11, 12), (20, 21)]
    messages = ["a", "b", "a", "a", "a", "a", "a", "a", "a"]
    findings = sorted(
        (
            Finding(start, end, message)
            for (start, end), message in zip(spans, messages, strict=True)
        ),
        key=lambda finding: (finding.start, finding.end),
    )
    assert _inside_another(findings) == _nested_the_slow_way(findings)
    # Twins with the same message are one finding; with different messages, each is inside.
    assert {findings[i].message for i in _inside_another(findings)} == {"a", "b"}
