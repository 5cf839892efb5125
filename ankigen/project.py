"""Find the decks named on the command line and load them with their cross-file checks."""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ankigen.diagnostics import Diagnostic
from ankigen.identity import guid_of
from ankigen.load import DeckSpec, Note, load_deck_config, load_note
from ankigen.model import DeckConfig

DECK_FILE = "deck.yaml"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Settings:
    """``[tool.ankigen]`` of the nearest pyproject.toml, with paths made absolute."""

    root: Path
    content: Path
    build: Path
    lint: dict[str, Any] = field(default_factory=dict)  # [tool.ankigen.lint], unvalidated


def load_settings(start: Path) -> Settings:
    start = start.resolve()
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            with pyproject.open("rb") as handle:
                table = tomllib.load(handle).get("tool", {}).get("ankigen")
            if isinstance(table, dict):
                lint_table = table.get("lint", {})
                return Settings(
                    folder,
                    folder / str(table.get("content", "content")),
                    folder / str(table.get("build", "build")),
                    lint_table if isinstance(lint_table, dict) else {},
                )
    return Settings(start, start / "content", start / "build")


@dataclass(frozen=True)
class Deck:
    spec: DeckSpec
    notes: tuple[Note, ...]

    @property
    def slug(self) -> str:
        return self.spec.slug


def _is_note_file(path: Path) -> bool:
    return path.suffix == ".md" and path.is_file() and not path.name.startswith((".", "_"))


def _is_visible_dir(path: Path) -> bool:
    return path.is_dir() and not path.name.startswith((".", "_"))


def find_deck_folders(paths: list[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Deck folders for the given files, deck folders or content folders; sorted, unique."""
    folders: set[Path] = set()
    diagnostics: list[Diagnostic] = []
    for raw in paths:
        path = raw.resolve()
        if path.is_file():
            folders.add(path.parent)
        elif (path / DECK_FILE).is_file():
            folders.add(path)
        elif path.is_dir():
            for child in sorted(path.iterdir()):
                if not _is_visible_dir(child):
                    continue
                if (child / DECK_FILE).is_file():
                    folders.add(child)
                elif any(_is_note_file(item) for item in child.iterdir()):
                    diagnostics.append(
                        Diagnostic(
                            child,
                            1,
                            1,
                            "AG002",
                            f"folder has notes but no {DECK_FILE}: add one (name, description, "
                            "sources) or move the notes into a deck folder",
                        )
                    )
    for folder in sorted(folders):
        if not (folder / DECK_FILE).is_file():
            diagnostics.append(
                Diagnostic(folder, 1, 1, "AG002", f"deck folder has no {DECK_FILE}: add one")
            )
    return sorted(folder for folder in folders if (folder / DECK_FILE).is_file()), diagnostics


def _check_deck(spec: DeckSpec, notes: list[Note]) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    first_by_id: dict[str, Note] = {}
    for note in notes:
        earlier = first_by_id.setdefault(note.meta.id, note)
        if earlier is not note:
            diagnostics.append(
                Diagnostic(
                    note.path,
                    note.id_position.line,
                    note.id_position.column,
                    "AG020",
                    f"duplicate id '{note.meta.id}': already used by {earlier.path.name}; "
                    "ids must be unique within a deck",
                )
            )
        source = note.meta.source
        if source is not None and source.doc not in spec.config.sources:
            known = sorted(spec.config.sources)
            close = difflib.get_close_matches(source.doc, known, n=1)
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
                    note.source_position.line,
                    note.source_position.column,
                    "AG021",
                    f"source '{source.doc}' is not in {DECK_FILE}: {hint}",
                )
            )
    return diagnostics


def _check_across_decks(decks: list[Deck]) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    by_slug: dict[str, Deck] = {}
    by_name: dict[str, Deck] = {}
    by_guid: dict[str, Note] = {}
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
                        "AG023",
                        f"deck {what} '{key}' is also used by {other.spec.config_path}; "
                        "decks need distinct folder names and Anki names",
                    )
                )
        for note in deck.notes:
            guid = guid_of(spec.slug, note.meta.id, note.meta.guid)
            clash = by_guid.setdefault(guid, note)
            same_id_same_deck = clash.path.parent == note.path.parent and (
                clash.meta.id == note.meta.id
            )  # already reported as a duplicate id (AG020)
            if clash is not note and not same_id_same_deck:
                diagnostics.append(
                    Diagnostic(
                        note.path,
                        note.id_position.line,
                        note.id_position.column,
                        "AG024",
                        f"GUID {guid} collides with {clash.path}: two notes would be one in "
                        "Anki; change the id, or the 'guid' of an imported note",
                    )
                )
    return diagnostics


def load_decks(paths: list[Path]) -> tuple[list[Deck], list[Diagnostic]]:
    """Every deck under ``paths`` with its notes, plus every problem found on the way."""
    folders, diagnostics = find_deck_folders(paths)
    decks: list[Deck] = []
    for folder in folders:
        if not SLUG.match(folder.name):
            diagnostics.append(
                Diagnostic(
                    folder / DECK_FILE,
                    1,
                    1,
                    "AG013",
                    f"deck folder name '{folder.name}' is not a valid slug: use lowercase letters, "
                    "digits and '-' (it is part of every note's identity)",
                )
            )
            continue
        spec, problems = load_deck_config(folder)
        diagnostics += problems
        notes: list[Note] = []
        for path in sorted(filter(_is_note_file, folder.iterdir())):
            note, problems = load_note(path)
            diagnostics += problems
            if note is not None:
                notes.append(note)
        if spec is None:
            # Keep checking the notes against a stand-in deck so one run reports everything;
            # the deck.yaml errors already keep anything from being written.
            stand_in = DeckSpec(
                folder.name, folder, folder / DECK_FILE, DeckConfig(name=folder.name)
            )
            decks.append(Deck(stand_in, tuple(notes)))
            continue
        diagnostics += _check_deck(spec, notes)
        decks.append(Deck(spec, tuple(notes)))
    diagnostics += _check_across_decks(decks)
    return decks, diagnostics
