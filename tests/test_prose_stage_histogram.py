"""The prose stage trace (ankigen/lint/prose_trace.py) and scripts/prose_stage_histogram.py:
off by default, no change to findings when on, and each stage on a note written here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ankigen.lint import prose_trace
from tests.conftest import load_script

histogram: Any = load_script("prose_stage_histogram")
evaluation: Any = load_script("evaluate_generalisation")
BATCH42 = Path(__file__).parent / "fixtures" / "unseen" / "batch42"


def _family(folder: Path, name: str, codes: list[str], cases: list[dict[str, Any]]) -> None:
    data = {"family": name, "title": name, "codes": codes, "cases": cases}
    (folder / f"{name}.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_the_trace_is_off_by_default() -> None:
    assert prose_trace._recorded is None
    with prose_trace.tracing() as recorded:
        assert prose_trace._recorded is recorded
    assert prose_trace._recorded is None


def test_findings_are_the_same_with_the_trace_on() -> None:
    families = [f for f in evaluation.load_families(BATCH42) if histogram.is_prose_family(f)]
    cases = [case for family in families for case in family.cases]
    off = evaluation.lint_cases(cases, "batch42")
    with prose_trace.tracing() as recorded:
        on = evaluation.lint_cases(cases, "batch42")
    assert on == off
    assert recorded, "the guards of batch 42's notes reject some candidates"


# One positive per stage, each on body line 3 (line 1 is the question heading).
_STAGES = [
    # a plain sentence: no boilerplate phrase, no finding of any rule
    (
        "boilerplate",
        "AG131",
        "# What is a GPU?\n\nA chip for parallel arithmetic.\n",
        "no-candidate",
    ),
    # the line holds another rule's finding (a doubled word), none of the family's
    (
        "boilerplate",
        "AG131",
        "# What is a TPU?\n\nA chip built for for tensor arithmetic.\n",
        "no-candidate/other-code:AG134",
    ),
    # a written answer: AG136 proposes the answer and rejects it, content is left
    (
        "link-only",
        "AG136",
        "# What is dropout?\n\nDropout zeroes random activations while a model trains.\n",
        "rejected:AG136:content-left",
    ),
    # the family's rule reports line 7, not line 3
    (
        "cross-card",
        "AG137",
        "# What is a ReLU?\n\nThe function max(0, x).\n\nIt is cheap to compute.\n\n"
        "As explained in the previous card, it keeps gradients alive.\n",
        "finding-elsewhere",
    ),
    # the rule reports line 3 and a suppression drops it
    (
        "doubled-word",
        "AG134",
        "# What is a tensor?\n\n<!-- ankigen: disable-next-line AG134 -->\n"
        "An array with with any number of axes.\n",
        "finding-dropped",
    ),
]


def test_each_stage_of_a_missed_positive(tmp_path: Path) -> None:
    by_family: dict[str, tuple[str, list[dict[str, Any]]]] = {}
    expected = {}
    for index, (family, code, body, stage) in enumerate(_STAGES):
        case_id = f"stage-{index}"
        line = 4 if stage == "finding-dropped" else 3
        by_family.setdefault(family, (code, []))[1].append(
            {"id": case_id, "line": line, "body": body}
        )
        expected[family, case_id] = stage
    for family, (code, cases) in by_family.items():
        _family(tmp_path, family, [code], cases)
    result = histogram.histogram(tmp_path)
    assert {(family, case): stage for family, case, stage in result.missed} == expected
    assert sum(result.stages.values()) == len(_STAGES)


def test_caught_positives_are_counted_by_severity(tmp_path: Path) -> None:
    cases = [
        {"id": "caught", "line": 3, "body": "# What is a GPU?\n\nA chip built for for speed.\n"},
    ]
    _family(tmp_path, "doubled-word", ["AG134"], cases)
    _family(tmp_path, "steps", ["AG102"], cases)  # a number family: not counted
    result = histogram.histogram(tmp_path)
    assert dict(result.severities) == {("doubled-word", "error"): 1}
    assert not result.missed


def test_the_default_report_holds_counts_only(tmp_path: Path) -> None:
    body = "# What is a GPU?\n\nA chip for parallel arithmetic.\n"
    _family(tmp_path, "boilerplate", ["AG131"], [{"id": "secret-id", "line": 3, "body": body}])
    result = histogram.histogram(tmp_path)
    counts = "\n".join(histogram.report(result))
    assert "secret-id" not in counts and "parallel" not in counts
    assert "| boilerplate        | no-candidate" in counts
    assert "boilerplate/secret-id: no-candidate" in "\n".join(histogram.report(result, ids=True))
