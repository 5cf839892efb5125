"""Rendered notes -> a byte-reproducible .apkg. The only module that imports genanki.

genanki writes one timestamp for a whole package; ankigen needs a per-note modification time
(when the note's source last changed), a fixed mod time per note type, and a zip with fixed
entry dates, order and permissions. The small subclasses below provide exactly that.

genanki writes the schema, the ``col`` row and the deck and note-type JSON. The note and card
rows are the ones genanki's ``Note.write_to_db``/``Card.write_to_db`` would insert (same values,
order and ids), written here without a genanki ``Note`` per row: its validation and card
bookkeeping cost more than the inserts. ``tests/test_compile_writer.py`` checks that the bytes
equal genanki's own per-note writer.
"""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import genanki

from ankigen.source.identity import deck_id

if TYPE_CHECKING:
    from ankigen.render.note import RenderedNote
    from ankigen.render.notetypes import NoteTypeSpec

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ZIP_MODE = 0o644 << 16
ZIP_LEVEL = 1

# The statements of genanki 0.13.1's Note.write_to_db and Card.write_to_db.
_NOTE_ROW = "INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?);"
_CARD_ROW = "INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?);"
# The card columns after id, nid, did, ord, mod: usn -1, then type, queue (0: not suspended),
# due (genanki's Note.due), ivl, factor, reps, lapses, left, odue, odid, flags, data.
_NEW_CARD = (-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "")
# genanki's Note._cloze_cards patterns: cloze fields in the first front template, {{cN::...}}.
_CLOZE_FIELD = re.compile(r"{{[^}]*?cloze:(?:[^}]?:)*(.+?)}}")
_CLOZE_FIELD_OLD = re.compile("<%cloze:(.+?)%>")
_CLOZE_REFERENCE = re.compile(r"{{c(\d+)::.+?}}", re.DOTALL)
# A private in-memory database (no leading "/": not shared between connections). The memdb
# VFS writes the same header as a file; a plain ":memory:" database would not (its change
# counter and SQLite version fields stay 0).
_MEMORY_DATABASE = "file:collection.anki2?vfs=memdb"


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
        self._cloze_fields = self._cloze_field_indexes()
        # genanki's Model._req (rendered with chevron) decides which standard cards exist.
        standard = self.model_type == self.FRONT_BACK
        self._requirements = [
            (card_ord, any if any_or_all == "any" else all, tuple(required))
            for card_ord, any_or_all, required in (self._req if standard else [])
        ]

    def to_json(self, timestamp: float, deck_id: int) -> dict[str, Any]:
        # The note type changes only when its definition does, not with every build.
        data: dict[str, Any] = super().to_json(self._revised, deck_id)
        return data

    def _cloze_field_indexes(self) -> list[int]:
        """The fields genanki searches for cloze numbers, in the order it searches them.

        genanki iterates a set of field names; one built from the same names in the same
        order iterates the same way within a process, so computing it once changes nothing.
        """
        if self.model_type != self.CLOZE:
            return []
        front = self.templates[0]["qfmt"]
        names = set(_CLOZE_FIELD.findall(front) + _CLOZE_FIELD_OLD.findall(front))
        field_names = [field["name"] for field in self.fields]
        return [field_names.index(name) for name in names if name in field_names]

    def card_ords(self, fields: Sequence[str]) -> Iterable[int]:
        """The ``ord`` of every card genanki's ``Note.cards`` gives these fields, in its order."""
        if self.model_type == self.CLOZE:
            # A set filled exactly as genanki fills it, so it iterates in the same order
            # (which for 9+ clozes is not always ascending).
            ords: set[int] = set()
            for index in self._cloze_fields:
                numbers = _CLOZE_REFERENCE.findall(fields[index])
                ords.update(int(number) - 1 for number in numbers if int(number) > 0)
            return ords
        if self.model_type != self.FRONT_BACK:
            raise ValueError("Expected model_type CLOZE or FRONT_BACK")
        return [
            card_ord
            for card_ord, test, required in self._requirements
            if test(fields[index] for index in required)
        ]


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


def _insert_notes(
    cursor: sqlite3.Cursor,
    notes: Iterable[tuple[RenderedNote, int]],
    note_types: dict[int, _NoteType],
    deck: int,
    ids: Iterator[int],
) -> None:
    """The rows genanki's Note/Card.write_to_db insert, in the same order with the same ids.

    One note row, then its cards: the notes and cards tables grow in the same page order as
    genanki's, so the file is byte for byte the same. (Batching all notes, then all cards,
    with executemany allocates pages in another order and changes the file; it is not
    measurably faster either, the time goes to SQLite's b-tree inserts.)
    """
    execute = cursor.execute
    for rendered, mod in notes:
        note_type = note_types[rendered.note_type.id]
        fields = rendered.fields
        tags = rendered.tags
        # genanki's two checks that fail loudly; its invalid-HTML check only warns, and the
        # fields are sanitised HTML already.
        if len(fields) != len(note_type.fields):
            raise ValueError(f"note {rendered.guid}: {len(fields)} fields for {note_type.name}")
        if " " in "".join(tags):
            raise ValueError(f"note {rendered.guid}: a tag contains a space: {tags}")
        note_id = next(ids)
        changed = int(mod)
        # id, guid, mid, mod, usn, tags, flds, sfld (sort field 0), csum, flags, data
        execute(
            _NOTE_ROW,
            (
                note_id,
                rendered.guid,
                note_type.model_id,
                changed,
                -1,
                " " + " ".join(tags) + " ",
                "\x1f".join(fields),
                fields[0],
                0,
                0,
                "",
            ),
        )
        for card_ord in note_type.card_ords(fields):
            execute(_CARD_ROW, (next(ids), note_id, deck, card_ord, changed, *_NEW_CARD))


def _write_collection(connection: sqlite3.Connection, build: DeckBuild) -> None:
    # Keyed by id: hashing whole note-type specs per note costs more than the rest of a row.
    specs = {rendered.note_type.id: rendered.note_type for rendered, _ in build.notes}
    note_types = {spec_id: _NoteType(specs[spec_id]) for spec_id in sorted(specs)}
    deck = _TimedDeck(deck_id(build.slug), build.name, build.description_html, build.deck_mod)
    for note_type in note_types.values():
        deck.add_model(note_type)
    stamp = max([build.deck_mod, *(mod for _, mod in build.notes)])
    ids = itertools.count(stamp * 1000)
    cursor = connection.cursor()
    # Schema, col row, deck and note-type JSON; the deck has no genanki notes to write. The
    # last UPDATE opens the transaction the rows below share, as genanki's own rows would.
    genanki.Package(deck).write_to_db(cursor, stamp, ids)
    _insert_notes(cursor, build.notes, note_types, deck.deck_id, ids)
    connection.commit()


def _memory_connection() -> sqlite3.Connection | None:
    """An in-memory database that serialises to a file's bytes, if this SQLite has one."""
    if not hasattr(sqlite3.Connection, "serialize"):  # Python built without sqlite3_serialize
        return None
    try:
        return sqlite3.connect(_MEMORY_DATABASE, uri=True)
    except sqlite3.OperationalError:  # no memdb VFS (SQLite < 3.36)
        return None


def _collection_bytes(build: DeckBuild) -> bytes:
    connection = _memory_connection()
    if connection is not None:
        try:
            _write_collection(connection, build)
            return connection.serialize()
        finally:
            connection.close()
    with tempfile.TemporaryDirectory(prefix="ankigen-") as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            # A scratch file: no rollback journal on disk and no fsync. Neither is part of
            # the database file, so the bytes are the same.
            connection.execute("PRAGMA journal_mode=MEMORY")
            connection.execute("PRAGMA synchronous=OFF")
            _write_collection(connection, build)
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
