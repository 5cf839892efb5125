"""The pipeline: find decks, load and validate, render, then compile every deck atomically."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ankigen.compile import DeckBuild, write_package
from ankigen.diagnostics import Diagnostic, has_errors, sorted_diagnostics
from ankigen.project import Deck, load_decks
from ankigen.render import RenderedNote, render_description, render_note
from ankigen.timestamps import modification_times


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


@dataclass(frozen=True)
class BuildResult:
    check: CheckResult
    outputs: tuple[Path, ...]  # empty when the content has errors


def check(paths: list[Path]) -> CheckResult:
    """Load and render everything under ``paths``; every problem is collected, none raised."""
    decks, diagnostics = load_decks(paths)
    checked = []
    for deck in decks:
        rendered_notes = []
        for note in deck.notes:
            rendered, problems = render_note(note, deck.spec)
            diagnostics += problems
            if rendered is not None:
                rendered_notes.append(rendered)
        checked.append(CheckedDeck(deck, tuple(rendered_notes)))
    return CheckResult(tuple(checked), sorted_diagnostics(diagnostics))


def _deck_build(checked: CheckedDeck, times: dict[Path, int]) -> DeckBuild:
    spec = checked.deck.spec
    deck_mod = times[spec.config_path.resolve()]
    # A note shows deck.yaml data (its citation, the deck's tags), so it changes with it too.
    notes = tuple(
        (rendered, max(times[rendered.note.path.resolve()], deck_mod)) for rendered in checked.notes
    )
    return DeckBuild(
        spec.slug, spec.config.name, render_description(spec.config.description), deck_mod, notes
    )


def build(paths: list[Path], out_dir: Path) -> BuildResult:
    """Write ``<out_dir>/<deck>.apkg`` for every deck, or nothing at all if any error exists.

    Packages are written to temporary files first and renamed into place only when all of
    them are complete, so a failed build leaves the previous packages untouched.
    """
    result = check(paths)
    if not result.ok or not result.decks:
        return BuildResult(result, ())
    files = [d.deck.spec.config_path for d in result.decks]
    files += [n.note.path for d in result.decks for n in d.notes]
    times = modification_times(files)
    out_dir.mkdir(parents=True, exist_ok=True)
    finished: list[tuple[Path, Path]] = []
    try:
        for checked in result.decks:
            handle, name = tempfile.mkstemp(
                prefix=f".{checked.deck.slug}.", suffix=".apkg.tmp", dir=out_dir
            )
            os.close(handle)
            temporary = Path(name)
            finished.append((temporary, out_dir / f"{checked.deck.slug}.apkg"))
            write_package(_deck_build(checked, times), temporary)
            with temporary.open("rb") as written:
                os.fsync(written.fileno())
        for temporary, target in finished:
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)
    finally:
        for temporary, _ in finished:
            temporary.unlink(missing_ok=True)
    return BuildResult(result, tuple(target for _, target in finished))
