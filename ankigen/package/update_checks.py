"""Updates Anki would not apply: found by comparing a new build with the previous package.

Anki's import updates an existing note (matched by GUID) only when the incoming mod time is
newer and the note type is the same one; it never renames a deck or moves existing cards.
Each such case silently leaves learners with the old card, so the build names it, says what
learners will see, and how to fix it.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ankigen.source.identity import note_guid

if TYPE_CHECKING:  # genanki is loaded only by commands that write packages
    from ankigen.package.compile import DeckBuild


@dataclass(frozen=True)
class PublishedNote:
    note_type: int
    mod: int
    fields: str  # the fields joined by U+001F, as stored
    tags: str  # space-separated, with a space at each end, as stored


@dataclass(frozen=True)
class PublishedPackage:
    deck_name: str | None
    notes: Mapping[str, PublishedNote]  # by GUID


@dataclass(frozen=True, slots=True)
class DeckIdentities:
    """The (GUID, note id) of each note of a deck, as the build keeps them to its end (for
    ``moved_warnings``): the ids (the notes' own strings, which their entries hold anyway)
    and only the GUIDs that are not derived from deck and id (an imported note's). A GUID
    string and a pair a note were about 120 bytes; iterating gives the pairs back."""

    slug: str
    ids: tuple[str, ...]
    kept: Mapping[int, str]  # a note's index -> its GUID, where not ``note_guid(slug, id)``

    @classmethod
    def of(cls, slug: str, identities: Iterable[tuple[str, str]]) -> DeckIdentities:
        ids: list[str] = []
        kept: dict[int, str] = {}
        for index, (guid, note_id) in enumerate(identities):
            ids.append(note_id)
            if guid != note_guid(slug, note_id):
                kept[index] = guid
        return cls(slug, tuple(ids), kept)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for index, note_id in enumerate(self.ids):
            yield self.kept.get(index) or note_guid(self.slug, note_id), note_id


@dataclass(frozen=True, order=True)
class UpdateWarning:
    deck: str
    subject: str  # the note id, or "" for the deck itself
    message: str

    def format(self) -> str:
        where = f"{self.deck}/{self.subject}" if self.subject else self.deck
        return f"warning: {where}: {self.message}"


def renamed_deck_message(old_name: str, new_name: str) -> str:
    return (
        f"deck renamed from {old_name!r} to {new_name!r}: Anki does not rename a deck on "
        f"import, so learners who have it keep their cards in {old_name!r} and get new notes "
        f"in a second deck {new_name!r}; keep the old name, or tell learners to rename the deck "
        "in Anki before they import"
    )


def note_type_message(new_type: str) -> str:
    return (
        f"note type changed to {new_type!r}: Anki reports the note as conflicting and does not "
        "update it, so learners keep the old card; give the note a new id (learners get a new "
        "note, without the old one's review history), or keep the old type, or tell learners to "
        "change the note's type in Anki first (Browse → Notes → Change Note Type)"
    )


def moved_note_message(from_deck: str, old_guid: str) -> str:
    return (
        f"note moved here from deck {from_deck!r}: its GUID comes from the deck folder and the "
        f"id, so Anki adds it as a new note and learners keep the old copy in {from_deck!r} too "
        "(two cards, the review history on the old one); move it back, or keep its GUID with "
        f"'guid: \"{old_guid}\"' in its front matter (Anki then updates the old copy where it is)"
    )


def not_newer_message(mod: int, published_mod: int) -> str:
    return (
        f"content changed but its mod time ({mod}) is not newer than the previous package's "
        f"({published_mod}): Anki keeps learners' old card; commit the change (a commit gets "
        "a newer mod time), or save the file again and build again"
    )


def read_package(path: Path) -> PublishedPackage | None:
    """The deck name and notes of an existing package (None when there is none, or it cannot
    be read: then there is nothing to compare with)."""
    if not path.is_file():
        return None
    try:
        with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory() as folder:
            database = Path(folder) / "collection.anki2"
            database.write_bytes(archive.read("collection.anki2"))
            connection = sqlite3.connect(database)
            try:
                rows = connection.execute("SELECT guid, mid, mod, flds, tags FROM notes").fetchall()
                decks = connection.execute("SELECT decks FROM col").fetchone()
            finally:
                connection.close()
        notes = {str(g): PublishedNote(int(m), int(t), str(f), str(x)) for g, m, t, f, x in rows}
        return PublishedPackage(_deck_name(decks[0] if decks else None), notes)
    except (OSError, KeyError, ValueError, TypeError, zipfile.BadZipFile, sqlite3.Error):
        return None


def _deck_name(decks_json: object) -> str | None:
    """The name of the package's own deck (not Anki's "Default", id 1)."""
    if not isinstance(decks_json, str):
        return None
    decks = json.loads(decks_json)
    if not isinstance(decks, dict):
        return None
    names = [
        deck.get("name") for key, deck in decks.items() if key != "1" and isinstance(deck, dict)
    ]
    return names[0] if len(names) == 1 and isinstance(names[0], str) else None


def _stored(fields: Iterable[str], tags: Iterable[str]) -> tuple[str, str]:
    """Fields and tags as a package stores them (see ``compile._insert_notes``)."""
    return "\x1f".join(fields), " " + " ".join(tags) + " "


def _deck_warnings(build: DeckBuild, previous: PublishedPackage) -> list[UpdateWarning]:
    if previous.deck_name is None or previous.deck_name == build.name:
        return []
    return [UpdateWarning(build.slug, "", renamed_deck_message(previous.deck_name, build.name))]


def _note_warnings(build: DeckBuild, previous: PublishedPackage) -> list[UpdateWarning]:
    warnings = []
    for rendered, mod in build.notes:
        old = previous.notes.get(rendered.guid)
        if old is None:
            continue
        note_id = rendered.note.meta.id
        if old.note_type != rendered.note_type.id:
            message = note_type_message(rendered.note_type.name)
            warnings.append(UpdateWarning(build.slug, note_id, message))
        elif mod <= old.mod and (old.fields, old.tags) != _stored(rendered.fields, rendered.tags):
            warnings.append(UpdateWarning(build.slug, note_id, not_newer_message(mod, old.mod)))
    return warnings


def deck_update_warnings(build: DeckBuild, previous: PublishedPackage) -> list[UpdateWarning]:
    """What Anki would not apply of one deck's build over its previous package."""
    return _deck_warnings(build, previous) + _note_warnings(build, previous)


def deck_notes(build: DeckBuild) -> tuple[tuple[str, str], ...]:
    """(GUID, note id) of each note of a build: all that ``moved_warnings`` needs of it."""
    return tuple((rendered.guid, rendered.note.meta.id) for rendered, _ in build.notes)


def moved_warnings(
    current: Mapping[str, Iterable[tuple[str, str]]], previous: Mapping[str, Set[str]]
) -> list[UpdateWarning]:
    """Notes whose id left one deck's package and arrived in another's: ``current`` holds
    each deck's ``deck_notes`` (by slug, in build order), ``previous`` the GUIDs of each
    deck's previous package."""
    if not previous:  # no deck had a package before: nothing can have moved
        return []
    guids = {slug: {guid for guid, _ in notes} for slug, notes in current.items()}
    warnings = []
    for deck, notes in current.items():
        arrived = previous.get(deck)
        for guid, note_id in notes:
            if arrived is not None and guid in arrived:
                continue
            for slug, package in sorted(previous.items()):
                old_guid = note_guid(slug, note_id)
                if slug == deck or old_guid not in package:
                    continue
                if old_guid in guids.get(slug, set()):
                    continue
                warnings.append(UpdateWarning(deck, note_id, moved_note_message(slug, old_guid)))
    return warnings
