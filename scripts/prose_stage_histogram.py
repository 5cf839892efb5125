"""Where the prose and markup families lose their missed positives, as counts (issue #12).

For every positive of a prose or markup family (every family of a batch whose codes are not
the number rules' AG101-AG104) that the evaluation misses (no finding of the family's codes
on its line, +-1, the rule of scripts/evaluate_generalisation.py), the furthest stage its
line reached, with the trace of ``ankigen/lint/prose_trace.py`` on:

* ``finding-dropped``: a rule of the family reported the line, and a suppression dropped it;
* ``rejected:<code>:<guard>``: a detector of the family proposed a candidate there and the
  named guard rejected it (several: the first in sorted order);
* ``finding-elsewhere``: nothing of the family at the line, a finding of its codes elsewhere
  in the note;
* ``no-candidate``: nothing of the family anywhere in the note; ``no-candidate/other-code:<codes>``
  when another rule reports the line (its codes joined by ``+``).

Caught positives are counted by family and severity (error if any finding on the line is one).

The default output is COUNTS ONLY, so it may be run on a sealed folder: no note ids, no text,
no line numbers. ``--ids`` lists each missed positive's id and stage: for DEV folders only.

Usage::

    PYTHONPATH=. .venv/bin/python scripts/prose_stage_histogram.py --unseen DIR [--ids]

Deterministic: sorted, no timings, no temporary paths.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaluate_generalisation as evaluation

NUMBER_CODES = frozenset({"AG101", "AG102", "AG103", "AG104"})
FINDING_DROPPED = "finding-dropped"
FINDING_ELSEWHERE = "finding-elsewhere"
NO_CANDIDATE = "no-candidate"


@dataclass(frozen=True)
class Mark:
    """A finding or a rejected candidate of one note, on body lines ``first``..``last``."""

    code: str
    first: int
    last: int
    severity: str = ""
    guard: str = ""

    def on(self, lines: frozenset[int]) -> bool:
        return any(line in lines for line in range(self.first, self.last + 1))


@dataclass
class Traced:
    """What one note got: its final findings, those a suppression dropped, its rejections."""

    findings: list[Mark]
    dropped: list[Mark]
    rejected: list[Mark]


def is_prose_family(family: evaluation.Family) -> bool:
    return family.name != evaluation.CORRECT_FAMILY and not NUMBER_CODES & set(family.codes)


def trace_cases(cases: Sequence[evaluation.Case], deck: str) -> dict[str, Traced]:
    """Every case's findings, dropped findings and rejected candidates, from a temporary
    deck written as the evaluation writes it, linted with the trace on."""
    from ankigen.lint.prose_trace import tracing
    from ankigen.lint.rule import LintConfig
    from ankigen.lint.runner import documents_of, note_lint, run_rules
    from ankigen.lint.suppress import may_suppress
    from ankigen.pipeline.check import check

    config = LintConfig()
    with tempfile.TemporaryDirectory(prefix="ankigen-prose-stages-") as temp:
        folder = Path(temp) / "content" / deck
        folder.mkdir(parents=True)
        (folder / "deck.yaml").write_text(evaluation.DECK_YAML, encoding="utf-8")
        case_of: dict[str, evaluation.Case] = {}
        for case in cases:
            if case.note_id in case_of:
                raise ValueError(f"{case.id} and {case_of[case.note_id].id}: one note id")
            case_of[case.note_id] = case
            (folder / f"{case.note_id}.md").write_text(case.header + case.body, encoding="utf-8")
        result = check([Path(temp) / "content"])
        documents = documents_of(result)
        with tracing() as rejections:
            diagnostics = list(result.diagnostics) + run_rules(documents, config)
        # only a note that may hold a suppression can lose a finding after its rules ran
        before = [
            diagnostic
            for document in documents
            if may_suppress(document.note)
            for diagnostic in note_lint(document, config).findings
        ]
        traced = {case.id: Traced([], [], []) for case in cases}

        def body_line(path: Path | str, line: int) -> tuple[str, int] | None:
            case = case_of.get(Path(path).stem)
            if case is None:  # deck.yaml and the like
                return None
            return case.id, line - case.header.count("\n")

        kept = {(d.path, d.line, d.code, d.message) for d in diagnostics}
        for diagnostic in diagnostics:
            at = body_line(diagnostic.path, diagnostic.line)
            if at is not None:
                end = max(diagnostic.end_line, diagnostic.line) - diagnostic.line + at[1]
                mark = Mark(diagnostic.code, at[1], end, str(diagnostic.severity))
                traced[at[0]].findings.append(mark)
        for diagnostic in before:
            at = body_line(diagnostic.path, diagnostic.line)
            key = (diagnostic.path, diagnostic.line, diagnostic.code, diagnostic.message)
            if at is not None and key not in kept:
                traced[at[0]].dropped.append(Mark(diagnostic.code, at[1], at[1]))
        for rejection in rejections:
            at = body_line(rejection.path, rejection.first)
            if at is not None:
                last = rejection.last - rejection.first + at[1]
                mark = Mark(rejection.code, at[1], last, guard=rejection.guard)
                traced[at[0]].rejected.append(mark)
    return traced


def stage(case: evaluation.Case, codes: frozenset[str], traced: Traced) -> str:
    """The furthest stage a missed positive's line reached (the module's docstring)."""
    lines = case.accepted_lines
    if any(m.code in codes and m.on(lines) for m in traced.dropped):
        return FINDING_DROPPED
    guards = sorted({(m.code, m.guard) for m in traced.rejected if m.code in codes and m.on(lines)})
    if guards:
        return f"rejected:{guards[0][0]}:{guards[0][1]}"
    if any(m.code in codes for m in traced.findings):
        return FINDING_ELSEWHERE
    others = sorted({m.code for m in traced.findings if m.on(lines)})
    return f"{NO_CANDIDATE}/other-code:{'+'.join(others)}" if others else NO_CANDIDATE


@dataclass
class Histogram:
    positives: Counter[str]  # family -> positives
    stages: Counter[tuple[str, str]]  # (family, stage) -> missed positives
    severities: Counter[tuple[str, str]]  # (family, severity) -> caught positives
    missed: list[tuple[str, str, str]]  # (family, case id, stage), for --ids


def histogram(folder: Path) -> Histogram:
    result = Histogram(Counter(), Counter(), Counter(), [])
    for family in evaluation.load_families(folder):
        if not is_prose_family(family):
            continue
        codes = frozenset(family.codes)
        traced = trace_cases(family.cases, family.name)
        for case in family.cases:
            result.positives[family.name] += 1
            hits = [
                m for m in traced[case.id].findings if m.code in codes and m.on(case.accepted_lines)
            ]
            if hits:
                severe = any(m.severity == "error" for m in hits)
                result.severities[family.name, "error" if severe else "warning"] += 1
            else:
                where = stage(case, codes, traced[case.id])
                result.stages[family.name, where] += 1
                result.missed.append((family.name, case.id, where))
    result.missed.sort()
    return result


def report(result: Histogram, ids: bool = False) -> list[str]:
    positives = sum(result.positives.values())
    missed = sum(result.stages.values())
    lines = [
        f"Prose stage histogram: {len(result.positives)} families, {positives} positives, "
        f"{positives - missed} caught, {missed} missed",
        "",
        "Missed positives by family and stage (the furthest stage their line reached):",
        "",
        f"| {'family':<18} | {'stage':<48} | missed |",
        f"|{'-' * 20}|{'-' * 50}|--------|",
    ]
    for (family, where), count in sorted(result.stages.items()):
        lines.append(f"| {family:<18} | {where:<48} | {count:>6} |")
    lines += ["", "Missed positives by stage:", ""]
    by_stage: Counter[str] = Counter()
    for (_, where), count in result.stages.items():
        by_stage[where] += count
    for where, count in sorted(by_stage.items()):
        lines.append(f"  {where}: {count}")
    lines += [
        "",
        "Caught positives by family and severity:",
        "",
        f"| {'family':<18} | positives | error | warning |",
        f"|{'-' * 20}|-----------|-------|---------|",
    ]
    for family in sorted(result.positives):
        error = result.severities[family, "error"]
        warning = result.severities[family, "warning"]
        lines.append(
            f"| {family:<18} | {result.positives[family]:>9} | {error:>5} | {warning:>7} |"
        )
    if ids:
        lines += ["", "Missed positives (--ids: dev folders only):", ""]
        lines += [f"  {family}/{case}: {where}" for family, case, where in result.missed]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--unseen",
        type=Path,
        default=evaluation.UNSEEN,
        help="folder of family files (default: tests/fixtures/unseen); a sealed folder is "
        "fine without --ids: the output is counts only",
    )
    parser.add_argument(
        "--ids",
        action="store_true",
        help="also list each missed positive's id and stage: for DEV folders only, never a "
        "sealed one",
    )
    args = parser.parse_args(argv)
    print("\n".join(report(histogram(args.unseen), args.ids)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
