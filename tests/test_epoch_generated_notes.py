"""Rule AG102 (and AG101) on notes generated from epoch counts measured on the real frameworks
(tests/fixtures/framework_facts/epoch.json): a seeded sample of facts of every kind, each
written in every form of tests/epoch_note_forms.py, once with the true count (no error-level
finding of any code allowed) and once with a realistic slip (a finding of AG102 or AG101 on
the claim's line, give or take one, required).

Misses that are not closed yet are listed in GENERATED_OPEN by (form, fact kind), each with
its reason; a listed pair whose slips are all caught fails the test, so the list cannot go
stale.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from typing import Any

from tests import epoch_note_forms as forms
from tests.conftest import REPO, load_script

FACTS = REPO / "tests" / "fixtures" / "framework_facts" / "epoch.json"
CODES = ("AG102", "AG101")
SEED = 13
PER_KIND = 3  # facts sampled per kind: 8 kinds x 9 forms x 2 renderings = 432 notes

_SELF_CONSISTENT = (
    "the slip is written as its own calculation (the working names the wrong operands or an "
    "explicit floor), which the readers take as the note's own setting"
)
_OWN_COUNTER = (
    "a count printed from a variable the loop or the note computes itself (optimizer_steps, "
    "decay_steps) names no framework count, so its output block is no claim"
)
_RESUMED = (
    "a resumed fit counted over all E epochs is E times an epoch, which epochs=E also allows "
    "(as the whole schedule's total); initial_epoch only adds the E - i reading"
)
_FOLDS = "k-fold notes whose working or printed length uses the whole data set"
_ALL_FORMS = tuple(forms.FORMS)
GENERATED_OPEN: dict[tuple[str, str], str] = {
    ("printed_output", "warmup_cosine"): _OWN_COUNTER,
    **{(form, "keras_fit"): _RESUMED for form in _ALL_FORMS},
    ("derivation", "k_fold"): _FOLDS,
    ("printed_output", "k_fold"): _FOLDS,
    ("derivation", "one_cycle"): _SELF_CONSISTENT,
    ("printed_output", "accumulation"): _OWN_COUNTER,
}

evaluation: Any = load_script("evaluate_generalisation")


@cache
def _rendered() -> tuple[forms.Rendered, ...]:
    facts = json.loads(FACTS.read_text(encoding="utf-8"))["facts"]
    styles = forms.styles(SEED)
    notes: list[forms.Rendered] = []
    for scenario in forms.scenarios(facts, PER_KIND, SEED):
        for form in forms.FORMS:
            for true in (True, False):
                number = len(notes)
                style = styles[number % len(styles)]
                notes.append(forms.render(scenario, form, true, style, number))
    return tuple(notes)


def _case(note: forms.Rendered) -> Any:
    return evaluation.Case("generated", note.id, note.body, note.type, note.line)


@cache
def _findings() -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = evaluation.lint_cases(
        [_case(note) for note in _rendered()], "generated"
    )
    return found


def _caught(note: forms.Rendered) -> bool:
    lines = _case(note).accepted_lines
    return any(f.code in CODES and f.line in lines for f in _findings()[note.id])


def test_the_sample_covers_every_kind_and_form() -> None:
    notes = _rendered()
    assert len(forms.FORMS) >= 8
    assert {note.kind for note in notes} == set(forms.SCENARIOS)
    for kind in forms.SCENARIOS:
        forms_of_kind = {note.form for note in notes if note.kind == kind}
        assert forms_of_kind == set(forms.FORMS), kind
    assert len({note.body for note in notes}) == len(notes), "two renderings are the same"


def test_no_error_on_the_true_renderings() -> None:
    errors = [
        f"{note.id}: {finding.format()}\n{note.body}"
        for note in _rendered()
        if note.true
        for finding in _findings()[note.id]
        if finding.severity == "error"
    ]
    assert not errors, "error-level findings on true notes:\n" + "\n".join(errors)


def test_every_slip_is_caught_except_the_open_pairs() -> None:
    missed: dict[tuple[str, str], list[str]] = defaultdict(list)
    slips: dict[tuple[str, str], int] = defaultdict(int)
    for note in _rendered():
        if not note.true:
            slips[(note.form, note.kind)] += 1
            if not _caught(note):
                missed[(note.form, note.kind)].append(note.id)
    unlisted = {pair: ids for pair, ids in missed.items() if pair not in GENERATED_OPEN}
    assert not unlisted, "slips missed:\n" + "\n".join(
        f"{pair}: {ids}" for pair, ids in sorted(unlisted.items())
    )
    closed = sorted(pair for pair in GENERATED_OPEN if pair in slips and pair not in missed)
    assert not closed, f"now caught, remove from GENERATED_OPEN: {closed}"
    unknown = sorted(pair for pair in GENERATED_OPEN if pair not in slips)
    assert not unknown, f"GENERATED_OPEN names pairs that are not generated: {unknown}"
