"""package/compile.py's own note/card rows give the same bytes as genanki's per-note writer."""

from __future__ import annotations

import itertools
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import genanki
import pytest

import ankigen.package.compile as compile_module
from ankigen.package.compile import DeckBuild, _NoteType, _TimedDeck
from ankigen.render.note import RenderedNote
from ankigen.render.notetypes import BASIC, CLOZE, CODE, Kind, NoteTypeSpec, Template
from ankigen.source.identity import deck_id

# Two templates, the second one needing any of two fields: genanki's "any" requirement.
TWO_WAY = NoteTypeSpec(
    id=1607392399,
    name="test Two-way",
    kind=Kind.STANDARD,
    fields=("Front", "Back", "Source"),
    templates=(
        Template("Forward", "{{Front}}", "{{Back}}"),
        Template("Backward", "{{Back}}{{Source}}", "{{Front}}"),
    ),
    revised=1_700_000_000,
)


def _note(
    number: int, spec: NoteTypeSpec, fields: tuple[str, ...], tags: tuple[str, ...] = ()
) -> RenderedNote:
    return RenderedNote(
        note=cast(Any, None),  # package/compile.py never reads the source note
        deck_slug="writer",
        guid=f"guid{number}",
        note_type=spec,
        fields=fields,
        tags=tags,
        media=(),
        cloze_numbers=(),
    )


def _build() -> DeckBuild:
    notes = [
        _note(1, BASIC, ("<p>Q</p>", "<p>A</p>", ""), ("ankigen", "writer::a")),
        _note(2, CODE, ("<p>code?</p>", "<pre>x</pre>", "<a href='https://x'>x</a>")),
        # genanki iterates a set of cloze ords: c1, c9, c2 come out as 0, 8, 1, not sorted.
        _note(3, CLOZE, ("{{c1::a}} {{c9::b}} {{c2::c}} {{c1::d}} {{c0::e}}", "", "T", "")),
        _note(4, CLOZE, (" ".join(f"{{{{c{n}::w{n}}}}}" for n in (12, 3, 10, 1, 7)), "x", "", "")),
        _note(5, CLOZE, ("{{c2::multi\nline}}", "", "", "")),
        _note(6, TWO_WAY, ("front", "back", "")),
        _note(7, TWO_WAY, ("", "", "source only")),  # no forward card, a backward one
        _note(8, TWO_WAY, ("front only", "", "")),
        _note(9, BASIC, ("42", "sort field that looks like a number", "")),
    ]
    # Enough rows for many pages per table: page order then depends on the insert order.
    filler = "<p>" + "text " * 60 + "</p>"
    notes += [
        _note(n, CLOZE, (f"{{{{c1::{n}}}}} {{{{c2::{filler}}}}}", "", "", ""))
        if n % 3 == 0
        else _note(n, BASIC, (f"Q{n} {filler}", filler, ""), ("bulk",))
        for n in range(10, 250)
    ]
    timed = tuple((rendered, 1_700_000_000 + 37 * index) for index, rendered in enumerate(notes))
    return DeckBuild("writer", "Writer", "<p>deck</p>", 1_700_000_100, timed)


class _GenankiNote(genanki.Note):  # type: ignore[misc]
    """The former writer: one genanki Note per note, with its own mod time."""

    def __init__(self, rendered: RenderedNote, model: _NoteType, mod: int) -> None:
        super().__init__(
            model=model, fields=list(rendered.fields), tags=list(rendered.tags), guid=rendered.guid
        )
        self._mod = mod

    def write_to_db(
        self, cursor: sqlite3.Cursor, timestamp: float, deck_id: int, id_gen: Iterator[int]
    ) -> None:
        super().write_to_db(cursor, self._mod, deck_id, id_gen)


def _genanki_bytes(build: DeckBuild) -> bytes:
    specs = sorted({rendered.note_type for rendered, _ in build.notes}, key=lambda s: s.id)
    models = {spec.id: _NoteType(spec) for spec in specs}
    deck = _TimedDeck(deck_id(build.slug), build.name, build.description_html, build.deck_mod)
    for model in models.values():
        deck.add_model(model)
    for rendered, mod in build.notes:
        deck.add_note(_GenankiNote(rendered, models[rendered.note_type.id], mod))
    stamp = max([build.deck_mod, *(mod for _, mod in build.notes)])
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            genanki.Package(deck).write_to_db(
                connection.cursor(), stamp, itertools.count(stamp * 1000)
            )
            connection.commit()
        finally:
            connection.close()
        return database.read_bytes()


def _cards(data: bytes) -> list[tuple[str, int]]:
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(data)
        rows = connection.execute(
            "SELECT notes.guid, cards.ord FROM cards JOIN notes ON notes.id = cards.nid"
            " ORDER BY cards.id"
        ).fetchall()
    finally:
        connection.close()
    return [(str(guid), int(card_ord)) for guid, card_ord in rows]


def test_same_bytes_as_genanki_note_writer() -> None:
    build = _build()
    expected = _genanki_bytes(build)
    assert compile_module._collection_bytes(build) == expected
    cards = _cards(expected)
    # The cases above are really exercised: unsorted cloze ords, skipped and "any" cards.
    assert [o for guid, o in cards if guid == "guid3"] == [0, 8, 1]
    assert [o for guid, o in cards if guid == "guid7"] == [1]
    assert [o for guid, o in cards if guid == "guid8"] == [0]


def test_file_fallback_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    build = _build()
    in_memory = compile_module._collection_bytes(build)
    monkeypatch.setattr(compile_module, "_memory_connection", lambda: None)
    assert compile_module._collection_bytes(build) == in_memory


def test_empty_deck_matches_genanki() -> None:
    build = DeckBuild("empty", "Empty", "", 1_700_000_000, ())
    assert compile_module._collection_bytes(build) == _genanki_bytes(build)


def test_tag_with_space_is_refused(tmp_path: Path) -> None:
    build = DeckBuild(
        "writer", "Writer", "", 1, ((_note(1, BASIC, ("q", "a", ""), ("two words",)), 1),)
    )
    with pytest.raises(ValueError, match="space"):
        compile_module.write_package(build, tmp_path / "x.apkg")
