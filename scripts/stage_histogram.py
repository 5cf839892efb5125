"""Where the number rules lose a held-out positive: a histogram of stages (issue #12).

Lints the notes of one evaluation folder (``tests/fixtures/unseen/batchNN``, the holdout, or a
sealed batch unpacked to a folder) exactly as ``scripts/evaluate_generalisation.py`` does (the
same families, the same ±1 line rule) with the stage trace on (``ankigen.lint.stage_trace``),
and gives every MISSED positive of the four number families the furthest stage it reached on
its line (±1):

* ``no-number-read``: the number reader reads no number on the line;
* ``gated``: the family's rule set the whole note aside before reading it;
* ``quantities-only``: numbers read, but no set-up of the family anywhere in the note
  (``quantities-only:claim read`` when the claim finders read a claim on the line);
* ``setup-no-claim``: a set-up of the family was read, but no claim of it on the line;
* ``claim-unjudged``: a set-up read and a claim on the line, but no judge recomputed it;
* ``claim-linked:<reason>``: no judge recomputed it, and the set-up-to-claim linker
  (``ankigen.lint.linker``) could not either: the roles its formula needs that the note does
  not state (``roles missing: kernel``), or why it set the claim aside;
* ``claim-judged-fine:<reason>``: a judge recomputed it and found it consistent (equal, within
  rounding, another convention accepted) or set it aside (``set aside: ...``);
* ``finding-elsewhere``: a finding of the family on another line, or of another number code
  on this one;
* ``finding-dropped``: the rule made a finding on the line but did not report it (another
  reading explained it, one per line, a graded duplicate), or it was suppressed.

For caught positives it counts severities (family x severity).

DEFAULT OUTPUT IS COUNTS ONLY: no note ids, no line text, no numbers from the notes; readers are
aggregated per family and stage, so the output may be shown for a sealed batch. ``--ids`` adds
each missed note's id per stage and is for DEV folders only (never a sealed one).

Usage::

    PYTHONPATH=. .venv/bin/python scripts/stage_histogram.py --unseen DIR [--ids]

The output is deterministic: sorted, no timings, no paths.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate_generalisation import (
    CORRECT_FAMILY,
    Case,
    Family,
    Finding,
    lint_cases,
    load_families,
)

from ankigen.lint import stage_trace
from ankigen.lint.claims.inventory import inventory
from ankigen.lint.claims.quantities import quantities
from ankigen.lint.numbers import find_numbers
from ankigen.lint.registry import ALL_RULES
from ankigen.lint.rules.layers.param_setting import read_setting, view_of
from ankigen.lint.rules.layers.setting_reader import note_view, read_span
from ankigen.lint.stage_trace import Event, Recorder

NUMBER_CODES = frozenset(stage_trace.FAMILY_OF_CODE)
FAMILIES = tuple(sorted(set(stage_trace.FAMILY_OF_CODE.values())))
# The stages, nearest the finding last.
STAGES = (
    "no-number-read",
    "gated",
    "quantities-only",
    "setup-no-claim",
    "claim-unjudged",
    "claim-linked",
    "claim-judged-fine",
    "finding-elsewhere",
    "finding-dropped",
)


@dataclass(frozen=True)
class Stage:
    """The furthest stage a missed positive reached: its name, a reason (for a judged claim or
    a gate) and the reader modules that recorded the events behind it."""

    name: str
    reason: str = ""
    readers: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.name}:{self.reason}" if self.reason else self.name


class _TracedRule:
    """A number rule run under the trace: its events and findings belong to its code, and the
    shared claim inventory is read once per note while the rule runs (it is memoised, so no
    finding changes)."""

    def __init__(self, rule: Any, recorder: Recorder) -> None:
        self._rule = rule
        self._recorder = recorder

    def __getattr__(self, name: str) -> Any:
        return getattr(self._rule, name)

    def check(self, document: Any, config: Any) -> Iterator[Any]:
        with self._recorder.rule(self._rule.code, document):
            found = list(self._rule.check(document, config))
            _read_set_ups(self._rule.code, document)
            for finding in found:
                line = document.position(finding.start)[0]
                family = stage_trace.FAMILY_OF_CODE[self._rule.code]
                event = Event(line, family, "emitted", self._rule.code)
                self._recorder.events.setdefault(str(document.path), set()).add(event)
        return iter(found)


def _read_set_ups(code: str, document: Any) -> None:
    """The shared readers of the note's claims and of its family's set-up, run whole on the
    note under the trace (pure or memoised: no finding changes), so that "a set-up was read"
    does not depend on which of its paths a rule took."""
    inventory(document)
    body = document.body_offset
    if code == "AG102":
        quantities(document)
    elif code == "AG103":
        view = note_view(document)
        read_span(document, view, body, len(view))
    elif code == "AG104":
        view = view_of(document)
        read_setting(document.text, view, body, len(view))


def traced_rules(recorder: Recorder) -> list[Any]:
    return [
        _TracedRule(rule, recorder) if rule.code in NUMBER_CODES else rule for rule in ALL_RULES
    ]


@dataclass
class NoteTrace:
    case: Case
    family: Family
    findings: list[Finding]
    events: list[Event]  # lines are body lines (1 = the question heading)


def trace_family(family: Family) -> list[NoteTrace]:
    with stage_trace.tracing() as recorder:
        found = lint_cases(family.cases, family.name, traced_rules(recorder))
        by_stem = {Path(path).stem: events for path, events in recorder.events.items()}
    traces = []
    for case in family.cases:
        header = case.header.count("\n")
        events = [
            Event(e.line - header, e.family, e.stage, e.reason, e.reader)
            for e in sorted(set(by_stem.get(case.note_id, ())))
        ]
        traces.append(NoteTrace(case, family, found[case.id], events))
    return traces


def _numbers_on(body: str, lines: frozenset[int]) -> bool:
    """Whether the number reader reads a number on one of ``lines`` (a cloze's ordinal is
    markup, not a number)."""
    text = body.splitlines()
    for line in lines:
        if 1 <= line <= len(text):
            plain = text[line - 1].replace("{{c", "{{ ")
            if any(True for _ in find_numbers(plain)):
                return True
    return False


def stage_of(trace: NoteTrace) -> Stage:
    """The furthest stage the positive reached: a finding made or reported on its line ±1 (the
    evaluation's rule), else a claim or judgement on its own line, else on the line ±1 (a
    step beside it may be another number, judged right), else a set-up in its note."""
    codes = set(trace.family.codes) & NUMBER_CODES
    families = {stage_trace.FAMILY_OF_CODE[code] for code in codes}
    near = trace.case.accepted_lines
    mine = [e for e in trace.events if e.family in families]
    candidates = [e for e in mine if e.stage == "candidate" and e.line in near]
    if candidates:
        return Stage("finding-dropped", readers=_readers(candidates))
    if any(f.code in codes or (f.code in NUMBER_CODES and f.line in near) for f in trace.findings):
        return Stage("finding-elsewhere")
    own_lines = frozenset((trace.case.line, *trace.case.also))
    for lines in (own_lines, near):
        judged = [e for e in mine if e.stage == "judged" and e.line in lines]
        if judged:
            # a claim judged right by one reader and set aside by another: the judgement first
            right = [e for e in judged if not e.reason.startswith("set aside")] or judged
            reason = sorted({e.reason for e in right})[0]
            return Stage("claim-judged-fine", reason, _readers(right))
        linked = [e for e in mine if e.stage == "linked" and e.line in lines]
        if linked:
            reason = sorted({e.reason for e in linked})[0]
            return Stage("claim-linked", reason, _readers(linked))
        if any(e.stage == "claim" and e.line in lines for e in mine):
            break  # a claim on its own line, unjudged: a judged step beside it is another
    if not _numbers_on(trace.case.body, near):
        return Stage("no-number-read")
    # the family's own gate and set-up (a conv family's AG101 reads calculations, no layer)
    own = stage_trace.FAMILY_OF_CODE[max(codes)]
    gates = [e for e in mine if e.stage == "gate" and e.family == own]
    if gates:
        return Stage("gated", gates[0].reason, _readers(gates))
    setups = [e for e in mine if e.stage == "setup" and e.family == own]  # covers its card
    claims = [e for e in mine if e.stage == "claim" and e.line in own_lines]
    claims = claims or [e for e in mine if e.stage == "claim" and e.line in near]
    if setups and claims:
        return Stage("claim-unjudged", readers=_readers(claims))
    if setups:
        return Stage("setup-no-claim", readers=_readers(setups))
    if claims:  # a result read, but nothing to recompute it from
        return Stage("quantities-only", "claim read", _readers(claims))
    return Stage("quantities-only")


def _readers(events: Sequence[Event]) -> tuple[str, ...]:
    return tuple(sorted({e.reader for e in events if e.reader}))


def _caught(trace: NoteTrace) -> list[Finding]:
    return [
        f
        for f in trace.findings
        if f.code in trace.family.codes and f.line in trace.case.accepted_lines
    ]


@dataclass
class Histogram:
    missed: Counter[tuple[str, str]]  # (family, stage label) -> count
    caught: Counter[tuple[str, str]]  # (family, severity) -> count
    readers: Counter[tuple[str, str, str]]  # (family, stage, reader) -> count
    ids: dict[tuple[str, str], list[str]]  # (family, stage label) -> note ids
    positives: Counter[str]


def histogram(folder: Path) -> Histogram:
    result = Histogram(Counter(), Counter(), Counter(), {}, Counter())
    for family in load_families(folder):
        if family.name == CORRECT_FAMILY or not set(family.codes) & NUMBER_CODES:
            continue
        for trace in trace_family(family):
            result.positives[family.name] += 1
            hits = _caught(trace)
            if hits:
                severity = "error" if any(f.severity == "error" for f in hits) else "warning"
                result.caught[family.name, severity] += 1
                continue
            stage = stage_of(trace)
            result.missed[family.name, stage.label] += 1
            result.ids.setdefault((family.name, stage.label), []).append(trace.case.id)
            for reader in stage.readers:
                result.readers[family.name, stage.name, reader] += 1
    return result


def report(result: Histogram, ids: bool) -> list[str]:
    families = sorted(result.positives)
    lines = ["Missed positives of the number families by the furthest stage reached (line ±1)", ""]
    labels = sorted({label for _family, label in result.missed}, key=_stage_order)
    lines.append("| stage | " + " | ".join(families) + " | all |")
    lines.append("|---" * (len(families) + 2) + "|")
    for label in labels:
        counts = [result.missed[family, label] for family in families]
        lines.append(f"| {label} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")
    missed = [sum(result.missed[f, label] for label in labels) for f in families]
    lines.append("| **missed** | " + " | ".join(map(str, missed)) + f" | {sum(missed)} |")
    positives = [result.positives[f] for f in families]
    lines.append("| positives | " + " | ".join(map(str, positives)) + f" | {sum(positives)} |")
    lines += ["", "Caught positives by severity", ""]
    lines.append("| severity | " + " | ".join(families) + " | all |")
    lines.append("|---" * (len(families) + 2) + "|")
    for severity in ("error", "warning"):
        counts = [result.caught[family, severity] for family in families]
        lines.append(f"| {severity} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")
    if result.readers:
        lines += ["", "Readers behind the missed positives' stages (family, stage, module: count)"]
        lines.append("")
        for (family, stage, reader), count in sorted(result.readers.items()):
            lines.append(f"- {family}, {stage}, {reader}: {count}")
    if ids:
        lines += ["", "Missed positives by stage (DEV folders only)", ""]
        for (family, label), names in sorted(result.ids.items()):
            lines.append(f"- {family}, {label}: {', '.join(sorted(names))}")
    return lines


def _stage_order(label: str) -> tuple[int, str]:
    return STAGES.index(label.split(":")[0]), label


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(
            "Stage histogram of missed number-family positives. Counts only by default; "
            "--ids is for DEV folders only (never a sealed batch)."
        )
    )
    parser.add_argument("--unseen", type=Path, required=True, help="a folder of family files")
    parser.add_argument(
        "--ids", action="store_true", help="list note ids per stage (DEV folders only)"
    )
    args = parser.parse_args(argv)
    print("\n".join(report(histogram(args.unseen), args.ids)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
