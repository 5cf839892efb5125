"""Rendered notes -> a byte-reproducible .apkg. The only module that imports genanki.

genanki writes one timestamp for a whole package; ankigen needs a per-note modification time
(when the note's source last changed), a fixed mod time per note type, and a zip with fixed
entry dates, order and permissions. The small subclasses below provide exactly that.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki

from ankigen.identity import deck_id
from ankigen.notetypes import NoteTypeSpec
from ankigen.render import RenderedNote

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ZIP_MODE = 0o644 << 16
ZIP_LEVEL = 1


class _NoteType(genanki.Model):  # type: ignore[misc]
    def __init__(self, spec: NoteTypeSpec) -> None:
        super().__init__(
            model_id=spec.id,
            name=spec.name,
            fields=[{"name": name} for name in spec.fields],
            templates=[{"name": t.name, "qfmt": t.front, "afmt": t.back} for t in spec.templates],
            css=spec.css,
            model_type=spec.kind.value,
            sort_field_index=0,
        )
        self._revised = spec.revised

    def to_json(self, timestamp: float, deck_id: int) -> dict[str, Any]:
        # The note type changes only when its definition does, not with every build.
        data: dict[str, Any] = super().to_json(self._revised, deck_id)
        return data


class _TimedNote(genanki.Note):  # type: ignore[misc]
    def __init__(self, rendered: RenderedNote, note_type: _NoteType, mod: int) -> None:
        super().__init__(
            model=note_type,
            fields=list(rendered.fields),
            tags=list(rendered.tags),
            guid=rendered.guid,
        )
        self._mod = mod

    def write_to_db(
        self, cursor: sqlite3.Cursor, timestamp: float, deck_id: int, id_gen: Iterator[int]
    ) -> None:
        super().write_to_db(cursor, self._mod, deck_id, id_gen)


class _TimedDeck(genanki.Deck):  # type: ignore[misc]
    def __init__(self, deck_id: int, name: str, description: str, mod: int) -> None:
        super().__init__(deck_id=deck_id, name=name, description=description)
        self._mod = mod

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = super().to_json()
        data["mod"] = self._mod
        return data


@dataclass(frozen=True)
class DeckBuild:
    """Everything one .apkg is made of."""

    slug: str
    name: str
    description_html: str
    deck_mod: int
    notes: tuple[tuple[RenderedNote, int], ...]  # each rendered note with its mod time


def _collection_bytes(build: DeckBuild) -> bytes:
    note_types = {
        spec.id: _NoteType(spec)
        for spec in sorted(
            {rendered.note_type for rendered, _ in build.notes}, key=lambda spec: spec.id
        )
    }
    deck = _TimedDeck(deck_id(build.slug), build.name, build.description_html, build.deck_mod)
    for note_type in note_types.values():
        deck.add_model(note_type)
    for rendered, mod in build.notes:
        deck.add_note(_TimedNote(rendered, note_types[rendered.note_type.id], mod))
    stamp = max([build.deck_mod, *(mod for _, mod in build.notes)])
    package = genanki.Package(deck)
    with tempfile.TemporaryDirectory(prefix="ankigen-") as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            package.write_to_db(connection.cursor(), stamp, itertools.count(stamp * 1000))
            connection.commit()
        finally:
            connection.close()
        return database.read_bytes()


def package_notes(path: Path) -> dict[str, str]:
    """GUID -> sort field of every note in an existing package ({} if it cannot be read)."""
    try:
        with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory() as folder:
            database = Path(folder) / "collection.anki2"
            database.write_bytes(archive.read("collection.anki2"))
            connection = sqlite3.connect(database)
            try:
                rows = connection.execute("SELECT guid, sfld FROM notes").fetchall()
            finally:
                connection.close()
    except (OSError, KeyError, zipfile.BadZipFile, sqlite3.Error):
        return {}
    return {str(guid): str(text) for guid, text in rows}


def _zip_entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = ZIP_MODE
    info.create_system = 3  # Unix, whatever machine builds it
    return info


def write_package(build: DeckBuild, target: Path) -> None:
    """Write the .apkg for ``build`` to ``target`` (a temporary path; the caller renames it)."""
    media = sorted(
        {m.name: m for rendered, _ in build.notes for m in rendered.media}.values(),
        key=lambda m: m.name,
    )
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(
            _zip_entry("collection.anki2"), _collection_bytes(build), compresslevel=ZIP_LEVEL
        )
        index = {str(number): item.name for number, item in enumerate(media)}
        archive.writestr(
            _zip_entry("media"), json.dumps(index, sort_keys=True), compresslevel=ZIP_LEVEL
        )
        for number, item in enumerate(media):
            archive.writestr(
                _zip_entry(str(number)), item.source.read_bytes(), compresslevel=ZIP_LEVEL
            )
