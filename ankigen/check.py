"""Load and render everything: the structural checks that every command runs first.

Each note file is handled on its own (load, render and, when a lint config is given, the
per-note lint rules), so that its outcome can come from the cache when its bytes, its deck.yaml
and ankigen are unchanged. Checks across files always run on the whole set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ankigen.cache import NoteCache, digest
from ankigen.diagnostics import Diagnostic, has_errors, sorted_diagnostics
from ankigen.discover import note_files
from ankigen.load import DeckSpec
from ankigen.note_record import NoteOutcome, decode_outcome, encode_outcome, findings_of
from ankigen.progress import Progress
from ankigen.project import Deck, cross_file_checks, load_deck_specs
from ankigen.render import RenderedNote

if TYPE_CHECKING:
    from ankigen.lint.rule import LintConfig


@dataclass(frozen=True)
class CheckedDeck:
    deck: Deck
    notes: tuple[RenderedNote, ...]


@dataclass(frozen=True)
class CheckResult:
    decks: tuple[CheckedDeck, ...]
    diagnostics: list[Diagnostic]
    # Per-note lint findings (before suppressions) made during the check, by note path.
    findings: dict[Path, tuple[Diagnostic, ...]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def config_key(config: LintConfig | None) -> str:
    return "" if config is None else digest(config.model_dump_json())


def process_note(
    path: Path, raw: bytes | None, spec: DeckSpec, config: LintConfig | None
) -> NoteOutcome:
    """Everything one note file yields on its own: the note, its rendering, its problems."""
    from ankigen.load import load_note
    from ankigen.render import render_note

    note, diagnostics = load_note(path, raw)
    rendered = None
    if note is not None:
        rendered, problems = render_note(note, spec)
        diagnostics += problems
    findings = findings_of(note, raw, spec, config) if note is not None else None
    return NoteOutcome(note, rendered, tuple(diagnostics), findings)


class _Checker:
    def __init__(self, config: LintConfig | None, cache: NoteCache) -> None:
        self.config = config
        self.config_key = config_key(config)
        self.cache = cache

    def outcome(self, path: Path, spec: DeckSpec, deck_bytes: bytes) -> NoteOutcome:
        try:
            raw = path.read_bytes()
        except OSError:
            return process_note(path, None, spec, self.config)  # reports why it cannot be read
        if not self.cache.enabled:
            return process_note(path, raw, spec, self.config)
        key = self.cache.key(deck_bytes, path, raw)
        entry = self.cache.get(spec.folder, key)
        if entry is not None:
            cached = decode_outcome(entry, path, raw, spec, self.config_key)
            if cached is not None:
                outcome, complete = cached
                if not complete:  # rendered before, but not yet linted with this config
                    findings = findings_of(outcome.note, raw, spec, self.config)
                    outcome = NoteOutcome(
                        outcome.note, outcome.rendered, outcome.diagnostics, findings
                    )
                    entry = encode_outcome(outcome, self.config_key, entry) or entry
                self.cache.hits += 1
                self.cache.keep(spec.folder, key, entry, changed=not complete)
                return outcome
        self.cache.misses += 1
        outcome = process_note(path, raw, spec, self.config)
        fresh = encode_outcome(outcome, self.config_key, None)
        if fresh is not None:
            self.cache.keep(spec.folder, key, fresh, changed=True)
        return outcome


def check(
    paths: list[Path],
    progress: Progress | None = None,
    config: LintConfig | None = None,
    cache: NoteCache | None = None,
) -> CheckResult:
    """Load and render everything under ``paths``; every problem is collected, none raised.

    With ``config``, the per-note lint rules run too (``CheckResult.findings``); with
    ``cache``, unchanged notes are taken from it and the cache is saved at the end.
    """
    specs, diagnostics = load_deck_specs(paths)
    checker = _Checker(config, cache or NoteCache(None))
    files = [(spec, stand_in, note_files(spec.folder)) for spec, stand_in in specs]
    total = sum(len(paths_) for _, _, paths_ in files)
    done = 0
    decks: list[Deck] = []
    rendered_by_deck: list[tuple[RenderedNote, ...]] = []
    findings: dict[Path, tuple[Diagnostic, ...]] = {}
    for spec, stand_in, note_paths in files:
        try:
            deck_bytes = spec.config_path.read_bytes()
        except OSError:
            deck_bytes = b""
        notes = []
        rendered_notes = []
        for path in note_paths:
            done += 1
            if progress is not None:
                progress("checking", done, total)
            outcome = checker.outcome(path, spec, deck_bytes)
            diagnostics += outcome.diagnostics
            if outcome.note is not None:
                notes.append(outcome.note)
            if outcome.rendered is not None:
                rendered_notes.append(outcome.rendered)
            if outcome.findings is not None:
                findings[path] = outcome.findings
        decks.append(Deck(spec, tuple(notes), stand_in))
        rendered_by_deck.append(tuple(rendered_notes))
    diagnostics += cross_file_checks(decks)
    checker.cache.save()
    checked = tuple(
        CheckedDeck(deck, notes) for deck, notes in zip(decks, rendered_by_deck, strict=True)
    )
    return CheckResult(checked, sorted_diagnostics(diagnostics), findings)
