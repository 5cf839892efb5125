"""The last gate between rendered notes and a package, and the test a cached outcome must pass.

A cache entry is JSON anyone with write access to ``build/.cache`` (or to a shared CI cache)
can forge, checksum included. So nothing read from it is trusted on its way into a package:

- ``trusted_cached_note``: a decoded entry is used only if it could be what rendering made
  from this very file: the GUID is the one derived from the deck and the note's id, the id
  (and kept GUID) are the ones the front matter states, every field is HTML exactly as the
  sanitiser writes it with nothing its allow-list refuses (images name the note's own media
  files) and no non-math MathJax command. Anything else is a miss: the note is rendered again
  from its source (through nh3), and a real problem in it becomes a located error. The build
  checks the fields only for a package it writes (``pipeline.check``: a deck whose package
  is kept as it is was written from the same fields by a build that audited them), and a
  hit that fails there is rendered again all the same.
- ``outgoing``: every note, cached or not, leaves with its GUID recomputed from
  ``(deck, id)`` after the same audit; a field that fails it stops the build. The build
  applies the two halves separately (``with_derived_guid`` for every deck, ``audit`` for the
  notes of each package it writes), so a deck whose package is kept as it is, written from
  the same fields by a build that audited them, costs no second audit. (The audit
  admits only what nh3 writes unchanged, at a fifth of nh3's cost, so checking cached notes
  does not undo what the cache saves.)

What no check can tell is forged plain text: that is why release builds never use a restored
cache (see docs/reliability.md).
"""

from __future__ import annotations

from dataclasses import replace

from ankigen.render.mathjax_safety import unsafe_in_field
from ankigen.render.note import RenderedNote
from ankigen.render.sanitize import unsafe_html
from ankigen.source.identity import guid_of, identity_stated, stated_identity
from ankigen.source.load import DeckSpec, Note
from ankigen.source.model import NoteType


class UnsafeOutputError(OSError):
    """A field that is not safe reached the package writer (only a forged cache can do it)."""


def _guid(note: Note, deck_slug: str) -> str:
    return guid_of(deck_slug, note.meta.id, note.meta.guid)


def _cloze_field(note: Note) -> int | None:
    return 0 if note.meta.type is NoteType.CLOZE else None


def field_problems(rendered: RenderedNote) -> list[str]:
    """Why the note's fields could not have come from rendering ([] when they could)."""
    media = frozenset(item.name for item in rendered.media)
    cloze_field = _cloze_field(rendered.note)
    problems: list[str] = []
    for index, html in enumerate(rendered.fields):
        problems += unsafe_html(html, media)
        problems += [f"MathJax \\{name}" for name in unsafe_in_field(html, index == cloze_field)]
    return problems


def identity_matches(note_id: str, kept_guid: str | None, text: str) -> bool:
    """Whether the front matter of ``text`` states this id (and kept GUID, or none)."""
    return identity_stated(note_id, kept_guid, stated_identity(text))


def trusted_cached_note(
    rendered: RenderedNote | None, spec: DeckSpec, text: str, fields: bool = True
) -> bool:
    """Whether a cached rendering may be used for the note file whose text is ``text``.
    ``fields=False`` leaves the fields to a later ``field_problems`` (the build audits them
    only for a package it writes; see ``pipeline.check``)."""
    if rendered is None:
        return False
    note = rendered.note
    return (
        rendered.guid == _guid(note, spec.slug)
        and identity_matches(note.meta.id, note.meta.guid, text)
        and not (fields and field_problems(rendered))
    )


def with_derived_guid(rendered: RenderedNote) -> RenderedNote:
    """The note with its GUID recomputed from ``(deck, id)`` (or the kept one it states)."""
    guid = _guid(rendered.note, rendered.deck_slug)
    return rendered if rendered.guid == guid else replace(rendered, guid=guid)


def audit(rendered: RenderedNote) -> None:
    """Stop the build if a field of a note about to be written could not come from rendering."""
    problems = field_problems(rendered)
    if problems:
        raise UnsafeOutputError(
            f"{rendered.note.path}: {problems[0]} in a field: nothing written; delete the "
            "build cache (build/.cache) and build again"
        )


def outgoing(rendered: RenderedNote) -> RenderedNote:
    """The note as it is written: fields audited again, GUID from ``(deck, id)``."""
    checked = with_derived_guid(rendered)
    audit(checked)
    return checked
