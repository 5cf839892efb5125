"""A deck folder's notes as one cache record: what the stages after the check read of each
note (its identity, structural diagnostics, lint findings, project-rule inputs and a digest of
what its package holds), so that an unchanged deck is not decoded note by note.

The record is keyed by every note's cache key and the lint config, so it is only ever used for
exactly the bytes it was made from. Like a note entry it is JSON anyone with write access to
the cache can forge, so it is read field by field (anything malformed is a miss), each note's
id and kept GUID are checked against its file's front matter and its media against their
names. A package is kept from it only if the package store says the file on disk was written
from the same digests; otherwise its notes are decoded (and audited) one by one after all.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ankigen.cache.files import digest
from ankigen.diagnostics import (
    Diagnostic,
    Severity,
    diagnostic_from_json,
    diagnostic_to_json,
    json_int,
    json_str,
)
from ankigen.package.output_gate import with_derived_guid
from ankigen.pipeline.note_record import NoteOutcome, encoded_lint_checker, media_unchanged
from ankigen.render.note import RenderedNote
from ankigen.source.identity import StatedIdentity, guid_of, identity_stated
from ankigen.source.model import NoteType
from ankigen.source.project import NoteEntry

if TYPE_CHECKING:
    from ankigen.source.load import DeckSpec


def rendered_digest(rendered: RenderedNote) -> str:
    """Everything a package holds of a note but its mod time, as one digest (the GUID the one
    derived from deck and id, as the package is written with)."""
    rendered = with_derived_guid(rendered)
    parts = [rendered.guid, str(rendered.note_type.id), *rendered.fields]
    parts += ["\0".join(rendered.tags), "\0".join(m.name for m in rendered.media)]
    parts += [str(m.source) for m in rendered.media]
    return digest(*parts)


def cards_of(rendered: RenderedNote) -> int:
    """A note's cards: a cloze note makes one card per cloze number."""
    cloze = rendered.note.meta.type is NoteType.CLOZE
    return len(rendered.cloze_numbers) if cloze else 1


@dataclass(frozen=True)
class DeckSummary:
    """What the package writer needs of a deck's notes to tell whether its package is kept and
    to report it: each note's path, (GUID, id) and ``rendered_digest``, the cards and media."""

    paths: tuple[Path, ...]
    identities: tuple[tuple[str, str], ...]  # (GUID as written, note id) of each note
    digests: tuple[str, ...]
    cards: int
    media: frozenset[Path]

    @classmethod
    def of(cls, notes: Sequence[RenderedNote], digests: Sequence[str] | None = None) -> DeckSummary:
        """The summary of rendered notes (``digests``: their ``rendered_digest``s, if known)."""
        return cls(
            tuple(n.note.path for n in notes),
            tuple((with_derived_guid(n).guid, n.note.meta.id) for n in notes),
            tuple(digests) if digests is not None else tuple(map(rendered_digest, notes)),
            sum(map(cards_of, notes)),
            frozenset(m.source for n in notes for m in n.media),
        )


def deck_key(config_key: str, keys: Sequence[tuple[Path, str]]) -> str:
    """The record's key: the lint config and every note's path and cache key, in order."""
    return digest("deck", config_key, *(part for path, key in keys for part in (str(path), key)))


@dataclass(frozen=True)
class RecordedNote:
    entry: NoteEntry
    diagnostics: tuple[Diagnostic, ...]
    # Its ``NoteLint.encoded``, as the check keeps every note's lint: findings and project-rule
    # inputs (AG140's question units) are decoded only when the lint stage reads them.
    lint: bytes


@dataclass(frozen=True)
class DeckRecord:
    notes: tuple[RecordedNote, ...]
    summary: DeckSummary


def recordable(outcome: NoteOutcome) -> bool:
    """Whether a note's outcome can go into its deck's record: cached with lint findings and
    holding no suppression (whose note and text the lint stage reads whole)."""
    from ankigen.lint.suppress import may_suppress

    note = outcome.note
    return (
        note is not None
        and outcome.rendered is not None
        and outcome.findings is not None
        and not any(d.severity is Severity.ERROR for d in outcome.diagnostics)
        and not may_suppress(note)
    )


class RecordWriter:
    """A deck's record, made note by note (each ``recordable``) as the check goes, so that
    no note is held for it: only the JSON of what the record keeps."""

    def __init__(self) -> None:
        self.notes: list[list[Any]] = []
        self.media: dict[str, str] = {}

    def add(self, outcome: NoteOutcome, note_digest: str, lint: bytes) -> None:
        """The next note: its outcome, the ``rendered_digest`` of its rendering and its
        findings' ``NoteLint.encoded`` (kept as that text, not as decoded data)."""
        note, rendered = outcome.note, outcome.rendered
        assert note is not None and rendered is not None
        source = note.meta.source
        self.notes.append(
            [
                note.meta.id,
                note.meta.guid,
                None if source is None else source.doc,
                [*note.id_position, *note.source_position],
                [diagnostic_to_json(d) for d in outcome.diagnostics],
                lint.decode("utf-8", "surrogatepass"),
                note_digest,
                cards_of(rendered),
            ]
        )
        self.media.update((str(m.source), m.name) for m in rendered.media)

    def encoded(self) -> dict[str, Any]:
        return {"notes": self.notes, "media": sorted(self.media.items())}


def _optional_str(value: Any) -> str | None:
    return None if value is None else json_str(value)


def decode_record(
    record: dict[str, Any], spec: DeckSpec, stated: Sequence[tuple[Path, StatedIdentity]]
) -> DeckRecord | None:
    """The record of the deck whose note files (in order) state the ids and GUIDs ``stated``
    (``source.identity.stated_identity``); None when it is malformed, names another number of
    notes, states another id or kept GUID than a file, or a media file changed."""
    try:
        stored = record["notes"]
        if not isinstance(stored, list) or len(stored) != len(stated):
            return None
        for source, name in record["media"]:
            if not media_unchanged(Path(json_str(source)), json_str(name), spec.folder.parent):
                return None
        check_lint = encoded_lint_checker()
        notes = []
        identities = []
        digests = []
        cards = 0
        for (path, identity), item in zip(stated, stored, strict=True):
            note_id, kept_guid, source_doc, positions, diagnostics, lint, note_digest, count = item
            note_id, kept_guid = json_str(note_id), _optional_str(kept_guid)
            if not identity_stated(note_id, kept_guid, identity):
                return None
            id_line, id_column, source_line, source_column = map(json_int, positions)
            source_doc = _optional_str(source_doc)
            entry = NoteEntry(
                os.fspath(path),
                note_id,
                kept_guid,
                None if source_doc is None else sys.intern(source_doc),
                id_line,
                id_column,
                source_line,
                source_column,
            )
            decoded = tuple(diagnostic_from_json(path, d) for d in diagnostics)
            notes.append(RecordedNote(entry, decoded, check_lint(lint, path)))
            identities.append((guid_of(spec.slug, note_id, kept_guid), note_id))
            digests.append(json_str(note_digest))
            cards += json_int(count)
        media = frozenset(Path(source) for source, _ in record["media"])
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None
    summary = DeckSummary(
        tuple(path for path, _ in stated), tuple(identities), tuple(digests), cards, media
    )
    return DeckRecord(tuple(notes), summary)
