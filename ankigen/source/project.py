"""Find the decks named on the command line and load them with their cross-file checks."""

from __future__ import annotations

import difflib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ankigen.codes import CheckCode
from ankigen.diagnostics import Diagnostic
from ankigen.source.discover import DECK_FILE, SLUG, find_deck_folders, note_files
from ankigen.source.files import Position
from ankigen.source.identity import guid_of
from ankigen.source.load import DeckSpec, Note, load_deck_config, load_note
from ankigen.source.model import DeckConfig


@dataclass(frozen=True, slots=True)
class NoteEntry:
    """What is kept of a loaded note for the rest of a run: what the checks across files and
    the later stages read (its identity, its source and where they stand), not its front
    matter model or its body, so that a run over many notes holds a few small objects each.
    A stage that needs the whole note reads it again (``load_note``)."""

    # The note's path as a string (the ``Path``'s own, which the build's file stamps and
    # times are keyed by too), not the ``Path``: a run keeps an entry for every note, and a
    # ``Path`` with its parts list and file name cost about 270 bytes more. ``path`` makes one.
    file: str
    id: str
    guid: str | None  # the front matter's own 'guid' (an imported note), else None
    source: str | None  # the 'doc' of its source reference
    # The positions as plain ints (small ones are shared objects), not two Position tuples.
    id_line: int
    id_column: int
    source_line: int
    source_column: int

    @classmethod
    def of(cls, note: Note, path: Path | None = None) -> NoteEntry:
        """The entry of ``note``; ``path`` (the same path) to share the caller's string."""
        source = note.meta.source
        return cls(
            os.fspath(note.path if path is None else path),
            note.meta.id,
            note.meta.guid,
            None if source is None else sys.intern(source.doc),  # a few per deck
            *note.id_position,
            *note.source_position,
        )

    @property
    def path(self) -> Path:
        """The note's path (a new ``Path`` each time: the entry keeps its string)."""
        return Path(self.file)

    @property
    def id_position(self) -> Position:
        return Position((self.id_line, self.id_column))

    @property
    def source_position(self) -> Position:
        return Position((self.source_line, self.source_column))


@dataclass(frozen=True)
class Deck:
    spec: DeckSpec
    notes: tuple[NoteEntry, ...]
    stand_in: bool = False  # deck.yaml is invalid: the spec is a placeholder named after the folder

    @property
    def slug(self) -> str:
        return self.spec.slug


def _check_deck(spec: DeckSpec, notes: list[NoteEntry]) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    first_by_id: dict[str, NoteEntry] = {}
    for note in notes:
        earlier = first_by_id.setdefault(note.id, note)
        if earlier is not note:
            diagnostics.append(
                Diagnostic(
                    note.path,
                    note.id_line,
                    note.id_column,
                    CheckCode.DUPLICATE_ID,
                    f"duplicate id '{note.id}': already used by {earlier.path.name}; "
                    "ids must be unique within a deck",
                )
            )
        source = note.source
        if source is not None and source not in spec.config.sources:
            known = sorted(spec.config.sources)
            close = difflib.get_close_matches(source, known, n=1)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else (
                    f"known sources: {', '.join(known)}"
                    if known
                    else f"add it under 'sources' in {DECK_FILE}"
                )
            )
            diagnostics.append(
                Diagnostic(
                    note.path,
                    note.source_line,
                    note.source_column,
                    CheckCode.UNKNOWN_SOURCE,
                    f"source '{source}' is not in {DECK_FILE}: {hint}",
                )
            )
    return diagnostics


def _check_across_decks(decks: list[Deck]) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    by_slug: dict[str, Deck] = {}
    by_name: dict[str, Deck] = {}
    by_guid: dict[str, NoteEntry] = {}
    for deck in decks:
        spec = deck.spec
        for table, key, what in (
            (by_slug, spec.slug, "folder name"),
            (by_name, spec.config.name, "name"),
        ):
            other = table.setdefault(key, deck)
            if other is not deck:
                diagnostics.append(
                    Diagnostic(
                        spec.config_path,
                        1,
                        1,
                        CheckCode.DUPLICATE_DECK,
                        f"deck {what} '{key}' is also used by {other.spec.config_path}; "
                        "decks need distinct folder names and Anki names",
                    )
                )
        for note in deck.notes:
            guid = guid_of(spec.slug, note.id, note.guid)
            clash = by_guid.setdefault(guid, note)
            if clash is note:
                continue
            same_id_same_deck = clash.id == note.id and (
                clash.path.parent == note.path.parent
            )  # already reported as a duplicate id (AG020)
            if not same_id_same_deck:
                diagnostics.append(
                    Diagnostic(
                        note.path,
                        note.id_line,
                        note.id_column,
                        CheckCode.GUID_COLLISION,
                        f"GUID {guid} collides with {clash.path}: two notes would be one in "
                        "Anki; change the id, or the 'guid' of an imported note",
                    )
                )
    return diagnostics


def load_deck_specs(paths: list[Path]) -> tuple[list[tuple[DeckSpec, bool]], list[Diagnostic]]:
    """Each deck folder under ``paths`` with its spec, and whether that spec is a stand-in.

    A deck whose deck.yaml is invalid gets a stand-in spec named after its folder, so that its
    notes are still checked and one run reports everything; the deck.yaml errors already keep
    anything from being written.
    """
    folders, diagnostics = find_deck_folders(paths)
    specs: list[tuple[DeckSpec, bool]] = []
    for folder in folders:
        if not SLUG.match(folder.name):
            diagnostics.append(
                Diagnostic(
                    folder / DECK_FILE,
                    1,
                    1,
                    CheckCode.INVALID_DECK_SLUG,
                    f"deck folder name '{folder.name}' is not a valid slug: use lowercase letters, "
                    "digits and '-' (it is part of every note's identity)",
                )
            )
            continue
        spec, problems = load_deck_config(folder)
        diagnostics += problems
        if spec is None:
            stand_in = DeckSpec(
                folder.name, folder, folder / DECK_FILE, DeckConfig(name=folder.name)
            )
            specs.append((stand_in, True))
        else:
            specs.append((spec, False))
    return specs, diagnostics


def cross_file_checks(decks: list[Deck]) -> list[Diagnostic]:
    """Problems no single file shows: duplicate ids and unknown sources in a deck, deck and
    GUID clashes across decks."""
    diagnostics: list[Diagnostic] = []
    for deck in decks:
        if not deck.stand_in:
            diagnostics += _check_deck(deck.spec, list(deck.notes))
    return diagnostics + _check_across_decks(decks)


def load_decks(paths: list[Path]) -> tuple[list[Deck], list[Diagnostic]]:
    """Every deck under ``paths`` with its notes, plus every problem found on the way."""
    specs, diagnostics = load_deck_specs(paths)
    decks: list[Deck] = []
    for spec, stand_in in specs:
        notes: list[NoteEntry] = []
        for path in note_files(spec.folder):
            note, problems = load_note(path)
            diagnostics += problems
            if note is not None:
                notes.append(NoteEntry.of(note))
        decks.append(Deck(spec, tuple(notes), stand_in))
    return decks, diagnostics + cross_file_checks(decks)
