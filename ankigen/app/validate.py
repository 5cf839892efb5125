"""`validate`: the structural checks and the contribution policy, writing nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ankigen.app.options import note_cache, policy_problems
from ankigen.diagnostics import Diagnostic
from ankigen.settings import Settings


@dataclass(frozen=True)
class ValidateOutcome:
    diagnostics: list[Diagnostic]  # sorted
    ok: bool
    decks: tuple[tuple[str, int], ...]  # each deck folder with its number of notes

    @property
    def notes(self) -> int:
        return sum(count for _, count in self.decks)


def run_validate(settings: Settings, targets: list[Path], no_cache: bool) -> ValidateOutcome:
    from ankigen.diagnostics import has_errors, sorted_diagnostics
    from ankigen.pipeline.check import check

    result = check(targets, cache=note_cache(settings.build, no_cache))
    diagnostics = sorted_diagnostics([*result.diagnostics, *policy_problems(targets, settings)])
    decks = tuple((str(checked.deck.spec.folder), len(checked.notes)) for checked in result.decks)
    return ValidateOutcome(diagnostics, result.ok and not has_errors(diagnostics), decks)
