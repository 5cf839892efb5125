"""AG170 stays linear on a note full of HTML (a whole web page pasted into one answer).

Before, three steps compared every tag with every other one (nesting of findings, partners
of spaced tags, lines of tags only): 3,000 tags on one line took 14 to 32 seconds. The work
is counted, not timed (tests/work_count.py): the calls made and the text the rule's patterns
are given grow about four times from a quarter of the tags to all of them, sixteen times for
a pass over every pair.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from ankigen.lint.document import Finding
from ankigen.lint.rule import LintConfig
from ankigen.lint.rules import html_debris, markup
from ankigen.lint.rules.markup import RawHtmlAsText, _inside_another
from ankigen.lint.runner import documents_of
from ankigen.pipeline.check import check
from tests.rule_harness import FixtureNote, write_notes
from tests.work_count import calls_made, meter_patterns

MANY = 3000
LINEAR = 5.0  # growth allowed for four times the tags: 4 when linear, 16 when pairwise


_ANSWERS = {
    "pairs": ("<b>x</b> &lt;i&gt;y&lt;/i&gt;", 3),
    "spaced": ("< b >x< /b >", 2),
    "bare": ("<p>x", 0),
}
_PATTERN_MODULES: tuple[ModuleType, ...] = (markup, html_debris)


def _work(tmp_path: Path, name: str, count: int, meter: list[int]) -> tuple[int, int, int]:
    """The findings, the calls made and the text the patterns were given, for ``count`` tags."""
    piece, _ = _ANSWERS[name]
    folder = tmp_path / str(count)
    answer = " ".join(piece for _ in range(count))
    write_notes(folder, [FixtureNote(name, f"# What is on the page?\n\n{answer}\n")])
    (document,) = documents_of(check([folder / "content"]))
    scanned = meter[0]
    findings, calls = calls_made(lambda: list(RawHtmlAsText().check(document, LintConfig())))
    return len(findings), calls, meter[0] - scanned


@pytest.mark.parametrize("name", sorted(_ANSWERS))
def test_many_tags_in_one_note_are_checked_in_linear_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    meter = meter_patterns(monkeypatch, *_PATTERN_MODULES)
    _work(tmp_path / "warm", name, 10, meter)  # data lists and patterns loaded outside the count
    found_few, calls_few, scanned_few = _work(tmp_path, name, MANY // 4, meter)
    found, calls, scanned = _work(tmp_path, name, MANY, meter)
    assert found == (_ANSWERS[name][1] * MANY or 1)
    assert found_few == (_ANSWERS[name][1] * MANY // 4 or 1)
    assert calls < LINEAR * calls_few, (calls_few, calls)
    assert scanned < LINEAR * scanned_few, (scanned_few, scanned)


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
