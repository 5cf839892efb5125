"""How much of the number families' error lines the claim inventory covers (issue #12, the
generalisation study's §6).

For every dev positive of the four number families (``tests/fixtures/unseen/batch*``,
``tests/fixtures/holdout``, the top-level ``tests/fixtures/unseen/<family>.yml`` and the
AG101-AG104 rule fixtures that expect a finding) it counts the positives whose error line
(``line`` or an ``also`` line) holds a claim, and a claim of the family's kind; the same for
the positives ``tests/test_dev_batches.py`` lists as known misses; and the claims per correct
note (the batches' ``correct.yml``). No sealed material is read.

Usage::

    PYTHONPATH=. .venv/bin/python scripts/claim_coverage.py [-v]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
UNSEEN = FIXTURES / "unseen"
RULES = FIXTURES / "rules"
FAMILY_OF_CODE = {
    "AG101": "arithmetic",
    "AG102": "epoch-iterations",
    "AG103": "conv-output",
    "AG104": "param-count",
}
FAMILIES = tuple(FAMILY_OF_CODE.values())
# The kinds a claim of each family counts; arithmetic claims may count anything.
FAMILY_KINDS: dict[str, frozenset[str] | None] = {
    "arithmetic": None,
    "epoch-iterations": frozenset({"steps-per-epoch", "total-steps"}),
    "conv-output": frozenset({"output-size"}),
    "param-count": frozenset({"parameters"}),
}


def _evaluation() -> Any:
    spec = importlib.util.spec_from_file_location(
        "evaluate_generalisation", REPO / "scripts" / "evaluate_generalisation.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("evaluate_generalisation", module)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Note:
    """One note to take the inventory of: its family, id, body and error lines (body lines,
    1 = the question heading; none for a correct note)."""

    family: str
    id: str
    body: str
    type: str
    lines: tuple[int, ...]
    source: str


def dev_notes(folders: Iterable[Path]) -> list[Note]:
    """The positives of the four families and the correct notes, with the evaluator's loader."""
    evaluation = _evaluation()
    notes = []
    for folder in folders:
        for family in evaluation.load_families(folder):
            if family.name not in (*FAMILIES, evaluation.CORRECT_FAMILY):
                continue
            for case in family.cases:
                lines = (case.line, *case.also) if case.line else ()
                notes.append(Note(family.name, case.id, case.body, case.type, lines, folder.name))
    return notes


def rule_notes(paths: Iterable[Path]) -> list[Note]:
    """The AG101-AG104 rule fixtures of one note that expect a finding: their expected lines."""
    notes = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        family = FAMILY_OF_CODE[str(data["rule"])]
        for index, case in enumerate(data["cases"]):
            expect = case.get("expect") or []
            if "body" not in case or not expect or "notes" in case:
                continue
            lines = tuple(sorted({int(e["line"]) for e in expect if "note" not in e}))
            if lines:
                case_id = f"{path.stem}#{index}"
                body = str(case["body"])
                notes.append(
                    Note(family, case_id, body, str(case.get("type", "basic")), lines, "rules")
                )
    return notes


Claims = dict[str, list[tuple[int, str, bool]]]


def checked_notes(notes: Sequence[Note], name: str) -> Iterator[tuple[Note, Any, int]]:
    """Each note with its checked document and the number of lines before its body, from a
    temporary deck ``name`` of all the notes (removed once the iteration ends)."""
    from ankigen.lint.runner import documents_of
    from ankigen.pipeline.check import check

    evaluation = _evaluation()
    letter = name[0]
    with tempfile.TemporaryDirectory(prefix=f"ankigen-{name}-") as temp:
        folder = Path(temp) / "content" / name
        folder.mkdir(parents=True)
        (folder / "deck.yaml").write_text(evaluation.DECK_YAML, encoding="utf-8")
        for index, note in enumerate(notes):
            header = f"---\nid: {letter}{index:05d}\ntype: {note.type}\n---\n"
            (folder / f"{letter}{index:05d}.md").write_text(header + note.body, encoding="utf-8")
        for document in documents_of(check([Path(temp) / "content"])):
            yield notes[int(document.path.stem[1:])], document, document.note.body_line - 1


def inventories(notes: Sequence[Note]) -> Claims:
    """Each note's claims as (body line, kind, kind read from a header), from a temporary deck
    of all the notes."""
    from ankigen.lint.claims import inventory

    return {
        f"{note.source}/{note.id}": [
            (claim.line - shift, str(claim.kind), claim.kind_from_header)
            for claim in inventory(document)
        ]
        for note, document, shift in checked_notes(notes, "claims")
    }


@dataclass(frozen=True)
class Row:
    name: str
    positives: int
    with_claim: int
    with_kind: int
    by_label: int  # of the family's kind by the claim's own label, not a header's

    def cells(self) -> str:
        def share(part: int) -> str:
            if not self.positives:
                return "-"
            return f"{part}/{self.positives} ({100 * part / self.positives:.0f} %)"

        shares = " | ".join(share(n) for n in (self.with_claim, self.with_kind, self.by_label))
        return f"| {self.name} | {self.positives} | {shares} |"


def row(name: str, notes: Sequence[Note], claims: Claims) -> Row:
    with_claim = with_kind = by_label = 0
    for note in notes:
        on_line = [c for c in claims[f"{note.source}/{note.id}"] if c[0] in note.lines]
        kinds = FAMILY_KINDS[note.family]
        of_kind = [c for c in on_line if kinds is None or c[1] in kinds]
        with_claim += bool(on_line)
        with_kind += bool(of_kind)
        by_label += any(kinds is None or not from_header for _, _, from_header in of_kind)
    return Row(name, len(notes), with_claim, with_kind, by_label)


def known_misses() -> set[str]:
    sys.path.insert(0, str(REPO))
    from tests.test_dev_batches import KNOWN_MISSES

    return set(KNOWN_MISSES)


def report(notes: Sequence[Note], misses: set[str], verbose: bool = False) -> list[str]:
    claims = inventories(notes)
    positives = [note for note in notes if note.lines]
    correct = [note for note in notes if not note.lines]
    out = [
        "| positives | n | a claim on the error line | of the family's kind | kind by own label |",
        "|---|---|---|---|---|",
    ]
    for family in FAMILIES:
        mine = [note for note in positives if note.family == family]
        out.append(row(family, mine, claims).cells())
    out.append(row("**all**", positives, claims).cells())
    open_ones = [note for note in positives if note.id in misses]
    for family in FAMILIES:
        mine = [note for note in open_ones if note.family == family]
        out.append(row(f"known misses: {family}", mine, claims).cells())
    out.append(row("**known misses, all**", open_ones, claims).cells())
    batch33 = [note for note in open_ones if note.id.startswith("s33")]
    out.append(row("known misses of batch 33", batch33, claims).cells())
    total = sum(len(claims[f"{note.source}/{note.id}"]) for note in correct)
    lines = {
        (note.source, note.id, claim[0])
        for note in correct
        for claim in claims[f"{note.source}/{note.id}"]
    }
    if correct:
        out.append("")
        out.append(
            f"correct notes: {len(correct)}, claims {total} ({total / len(correct):.1f} per note), "
            f"on {len(lines)} lines ({len(lines) / len(correct):.1f} per note)"
        )
    if verbose:
        out.append("")
        for note in positives:
            on_line = [c for c in claims[f"{note.source}/{note.id}"] if c[0] in note.lines]
            if not on_line:
                out.append(f"no claim: {note.source}/{note.id} line {list(note.lines)}")
    return out


def all_notes() -> list[Note]:
    folders = [FIXTURES / "holdout", *sorted(UNSEEN.glob("batch*")), UNSEEN]
    rules = sorted(path for path in RULES.glob("AG10[1-4]*.yml"))
    return dev_notes(folders) + rule_notes(rules)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list positives without a claim"
    )
    args = parser.parse_args(argv)
    print("\n".join(report(all_notes(), known_misses(), args.verbose)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
