"""What the claim inventory's first consumer (``lint.claims.step_counts``) adds to AG102,
measured on the dev material (issue #12, generalisation study §6.6-6.7). Since session 23 it is
wired into the rule (last, on lines no other reader reported); this script lints every note
with it switched off ("before") and on ("after").

Every note is linted by AG101 and AG102 without the consumer, then with it. For every
epoch-iterations positive of the dev batches and the holdout: is its error line (exactly)
reported before, and after; for every correct note: the findings the consumer adds, errors and
warnings apart. No sealed material is read.

Usage::

    PYTHONPATH=. .venv/bin/python scripts/step_consumer.py [-v]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from claim_coverage import FIXTURES, UNSEEN, Note, checked_notes, dev_notes, known_misses


def _notes() -> list[Note]:
    folders = [*sorted(UNSEEN.glob("batch*")), FIXTURES / "holdout"]
    notes = [n for n in dev_notes(folders) if n.family in ("epoch-iterations", "correct")]
    return notes + _rule_notes()


def _rule_notes() -> list[Note]:
    """The AG102 rule fixtures of one note: a case that expects findings is a positive (its
    expected lines), one that expects none a correct look-alike."""
    notes = []
    for path in sorted((FIXTURES / "rules").glob("AG102.*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for index, case in enumerate(data["cases"]):
            if "body" not in case or "notes" in case:
                continue
            expect = case.get("expect") or []
            lines = tuple(sorted({int(e["line"]) for e in expect if "note" not in e}))
            if expect and not lines:
                continue
            family = "epoch-iterations" if lines else "correct"
            body, kind = str(case["body"]), str(case.get("type", "basic"))
            notes.append(Note(family, f"{path.stem}#{index}", body, kind, lines, "rules"))
    return notes


def _view(document: Any, note: Note, shift: int) -> str:
    """What the consumer saw of a positive it missed: the claims on the error line and the
    set-up's quantities."""
    from ankigen.lint.claims import inventory
    from ankigen.lint.claims.quantities import quantities

    claims = [
        f"{c.text}:{c.kind}{'(header)' if c.kind_from_header else ''}:{c.wording.kind}"
        for c in inventory(document)
        if c.line - shift in note.lines
    ]
    stated = [f"{q.value}:{q.role}" for q in quantities(document)]
    return f"claims on the line {claims}; quantities {stated}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    from ankigen.diagnostics import Severity
    from ankigen.lint.claims.step_counts import step_findings
    from ankigen.lint.rule import LintConfig
    from ankigen.lint.rules.arithmetic import EpochIterations, WrongArithmetic

    notes = _notes()
    misses = known_misses()
    config = LintConfig()
    rules = (WrongArithmetic(), EpochIterations())
    counts: Counter[str] = Counter()

    from ankigen.lint.rules import arithmetic

    def findings(document: Any) -> list[Any]:
        return [f for rule in rules for f in rule.check(document, config)]

    def without_consumer(document: Any) -> list[Any]:
        # the rule calls the consumer by its module-level name: switched off for "before"
        setattr(arithmetic, "step_findings", lambda _document: iter(()))  # noqa: B010
        try:
            return findings(document)
        finally:
            setattr(arithmetic, "step_findings", step_findings)  # noqa: B010

    for note, document, shift in checked_notes(notes, "steps"):
        base = without_consumer(document)
        seen = {(f.start, f.message) for f in base}
        added = [f for f in findings(document) if (f.start, f.message) not in seen]

        def lines(found: list[Any], document: Any = document, shift: int = shift) -> set[int]:
            return {document.position(f.start)[0] - shift for f in found}

        if note.lines:
            counts["positives"] += 1
            if lines(base) & set(note.lines):
                counts["caught before"] += 1
                continue
            counts["missed before"] += 1
            counts["missed before, known misses"] += note.id in misses
            if lines(added) & set(note.lines):
                counts["gained by the consumer"] += 1
                counts["gained, known misses"] += note.id in misses
                if args.verbose:
                    print("gained", note.source, note.id)
            elif added:
                counts["consumer on another line of a missed positive"] += 1
            if args.verbose and not lines(added) & set(note.lines):
                print("missed", note.source, note.id, _view(document, note, shift))
        else:
            counts["correct notes"] += 1
            for finding in added:
                grade = "errors" if finding.severity in (None, Severity.ERROR) else "warnings"
                counts[f"consumer {grade} on correct notes"] += 1
                if args.verbose:
                    print(grade, note.source, note.id, finding.message)
    for key, value in counts.items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
