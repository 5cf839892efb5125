"""Which folders are decks and which files are notes: plain file-system rules, no parsing.

Kept free of heavy imports so that the up-to-date check of a build can use it too.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ankigen.diagnostics import Diagnostic

DECK_FILE = "deck.yaml"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def is_note_file(path: Path) -> bool:
    return path.suffix == ".md" and path.is_file() and not path.name.startswith((".", "_"))


def _is_visible_dir(path: Path) -> bool:
    return path.is_dir() and not path.name.startswith((".", "_"))


def note_names(folder: str) -> list[tuple[str, bool]]:
    """(name, is a symlink) of each note file in a deck folder, sorted by name (the same as
    ``is_note_file`` over its entries, with one directory read instead of a stat per file)."""
    with os.scandir(folder) as entries:
        found = [
            (entry.name, entry.is_symlink())
            for entry in entries
            if entry.name.endswith(".md")
            and not entry.name.startswith((".", "_"))
            and entry.is_file()
        ]
    return sorted(found)


def note_files(folder: Path) -> list[Path]:
    """The note files of a deck folder, sorted."""
    return [folder / name for name, _ in note_names(str(folder))]


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
                elif any(is_note_file(item) for item in child.iterdir()):
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


class SourceFiles:
    """What one run has read of its source files, handed from the up-to-date check to the
    build: each note's bytes (given out once, so memory does not grow with the run) and the
    files' modification times."""

    def __init__(self) -> None:
        self._bytes: dict[str, bytes] = {}
        self.times: dict[str, int] | None = None  # resolved path -> time, when computed

    def keep(self, path: str, data: bytes) -> None:
        self._bytes[path] = data

    def read(self, path: Path) -> bytes:
        data = self._bytes.pop(str(path), None)
        return data if data is not None else path.read_bytes()
