"""The stage trace of the number rules and scripts/stage_histogram.py (issue #12, session 26).

Each note below is written for the test and lands in one stage; the trace is off unless a run
asks for it, and a traced run reports exactly what an untraced one does."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.lint import stage_trace
from tests.conftest import load_script

histogram = load_script("stage_histogram")
evaluation = load_script("evaluate_generalisation")

REPO = Path(__file__).resolve().parent.parent

# (family, codes, body, line of the error, expected stage)
NOTES = {
    "no-number-read": (
        "arithmetic",
        ("AG101",),
        "# How is the sum checked?\n\nRead the working below.\n\nThen compare it.\n\n"
        "It reads 3 + 4 = 7.\n",
        3,
    ),
    "gated:one-sided padding": (
        "conv-output",
        ("AG103",),
        "# What length does the causal conv keep?\n\nA 1D conv with kernel 9 and stride 1 over "
        "100 samples gives 90 samples.\n\nWe pad 8 samples on the left only.\n",
        3,
    ),
    "quantities-only": (
        "conv-output",
        ("AG103",),
        "# What fills the crate?\n\nWe pack 30 apples and 12 pears into it.\n",
        3,
    ),
    "setup-no-claim": (
        "param-count",
        ("AG104",),
        "# How is this Dense layer stored?\n\nA Dense layer with 128 inputs and 64 units.\n\n"
        "Its weights sit in a matrix kept in float32 on 2 GPUs.\n",
        5,
    ),
    "claim-unjudged": (
        "conv-output",
        ("AG103",),
        "# Output of the stem\n\nA 7x7 conv with stride 2 and padding 3 on a 224x224 image.\n\n"
        "After it, and after the pool that follows: 55x55.\n",
        5,
    ),
    # the linker (session 27) sees the claim, but no table row or call binds a layer to its line
    "claim-linked:set aside: no layer of its own": (
        "conv-output",
        ("AG103",),
        "# Output of the stem\n\nIt is the first layer of the network.\n\n"
        "A 7x7 conv with stride 2 and padding 3 gives a 55x55 map.\n",
        5,
    ),
    "claim-judged-fine:equal": (
        "arithmetic",
        ("AG101",),
        "# What is the product?\n\nThe product is 3 x 4 = 12 items.\n",
        3,
    ),
    "claim-judged-fine:within rounding": (
        "arithmetic",
        ("AG101",),
        "# How many full boxes?\n\n10 / 4 = 2 boxes, the rest stays out.\n",
        3,
    ),
    "finding-elsewhere": (
        "arithmetic",
        ("AG101",),
        "# Two sums\n\nFirst, 2 + 2 = 4 apples.\n\nThen 3 + 3 = 7 apples.\n",
        3,
    ),
    "finding-dropped": (
        "arithmetic",
        ("AG101",),
        "# A sum\n\n<!-- ankigen: disable-next-line AG101 -->\nWe get 3 + 3 = 7 apples.\n",
        4,
    ),
}


def _trace(key: str) -> object:
    family, codes, body, line = NOTES[key]
    case = evaluation.Case(family=family, id=f"probe-{key.split(':')[0]}", body=body, line=line)
    [trace] = histogram.trace_family(evaluation.Family(family, family, codes, (case,)))
    return trace


@pytest.mark.parametrize("stage", sorted(NOTES))
def test_each_stage(stage: str) -> None:
    trace = _trace(stage)
    assert not histogram._caught(trace)
    assert histogram.stage_of(trace).label == stage


def test_a_caught_positive_counts_its_severity(tmp_path: Path) -> None:
    (tmp_path / "arithmetic.yml").write_text(
        "family: arithmetic\ntitle: wrong calculation\ncodes: [AG101]\ncases:\n"
        "- id: probe-caught\n  line: 3\n  body: |\n    # A sum\n\n    We get 3 + 3 = 7 apples.\n"
        "- id: probe-missed\n  line: 3\n  body: |\n    # A sum\n\n    We get 3 + 3 = 6 apples.\n",
        encoding="utf-8",
    )
    result = histogram.histogram(tmp_path)
    assert result.caught == {("arithmetic", "error"): 1}
    assert result.missed == {("arithmetic", "claim-judged-fine:equal"): 1}
    lines = histogram.report(result, ids=False)
    assert not any("probe-" in line for line in lines)  # counts only
    assert any("probe-missed" in line for line in histogram.report(result, ids=True))


def test_the_trace_is_off_by_default() -> None:
    assert not stage_trace.on()
    with stage_trace.tracing() as recorder:
        assert stage_trace.on()
    assert not stage_trace.on()
    assert recorder.events == {}


def test_findings_are_the_same_with_the_trace_on() -> None:
    for family in evaluation.load_families(REPO / "tests" / "fixtures" / "unseen" / "batch40"):
        off = evaluation.lint_cases(family.cases, family.name)
        with stage_trace.tracing() as recorder:
            on = evaluation.lint_cases(family.cases, family.name, histogram.traced_rules(recorder))
        assert on == off, family.name
        if family.name != "correct":
            assert recorder.events  # the trace saw the number rules run
