"""Load and render everything: the structural checks that every command runs first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ankigen.diagnostics import Diagnostic, has_errors, sorted_diagnostics
from ankigen.progress import Progress
from ankigen.project import Deck, load_decks
from ankigen.render import RenderedNote, render_note


@dataclass(frozen=True)
class CheckedDeck:
    deck: Deck
    notes: tuple[RenderedNote, ...]


@dataclass(frozen=True)
class CheckResult:
    decks: tuple[CheckedDeck, ...]
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def check(paths: list[Path], progress: Progress | None = None) -> CheckResult:
    """Load and render everything under ``paths``; every problem is collected, none raised."""
    decks, diagnostics = load_decks(paths)
    checked = []
    total = sum(len(deck.notes) for deck in decks)
    done = 0
    for deck in decks:
        rendered_notes = []
        for note in deck.notes:
            done += 1
            if progress is not None:
                progress("rendering", done, total)
            rendered, problems = render_note(note, deck.spec)
            diagnostics += problems
            if rendered is not None:
                rendered_notes.append(rendered)
        checked.append(CheckedDeck(deck, tuple(rendered_notes)))
    return CheckResult(tuple(checked), sorted_diagnostics(diagnostics))
