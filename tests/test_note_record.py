"""A cache entry gives back exactly the note it was made from: every front-matter field, for
any valid value, through the JSON the cache writes (issue #14: a field copied by hand came
back as None from a warm build when the model grew)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ankigen.diagnostics import Diagnostic, Severity
from ankigen.lint.runner import NoteLint
from ankigen.pipeline.note_record import NoteOutcome, decode_outcome, encode_outcome
from ankigen.render.note import RenderedNote
from ankigen.render.notetypes import BY_NOTE_TYPE
from ankigen.source.files import Position
from ankigen.source.load import DeckSpec, Note
from ankigen.source.model import DeckConfig, NoteFrontMatter, NoteType, SourceRef

SLUGS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
TAGS = st.from_regex(r'[^\s"]{1,30}', fullmatch=True)
GUIDS = st.from_regex(r"[!-~]{1,64}", fullmatch=True)
CODES = st.from_regex(r"AG\d{3}", fullmatch=True)

FRONT_MATTER = st.builds(
    NoteFrontMatter.model_construct,
    id=SLUGS,
    type=st.sampled_from(NoteType),
    tags=st.lists(TAGS, max_size=4).map(tuple),
    source=st.none() | st.builds(SourceRef, doc=SLUGS, question=st.integers(1, 10**6)),
    guid=st.none() | GUIDS,
    lint_ignore=st.lists(CODES, max_size=3).map(tuple),
)


def _spec(folder: Path) -> DeckSpec:
    return DeckSpec("deck", folder, folder / "deck.yaml", DeckConfig(name="Deck"))


def _outcome(meta: NoteFrontMatter, path: Path, body: str) -> NoteOutcome:
    note = Note(path, meta, body, 7, Position((2, 5)), Position((3, 9)))
    rendered = RenderedNote(
        note=note,
        deck_slug="deck",
        guid="g",
        note_type=BY_NOTE_TYPE[meta.type],
        fields=("front", "back"),
        tags=meta.tags,
        media=(),
        cloze_numbers=(),
    )
    warning = Diagnostic(path, 8, 1, "AG150", "long", Severity.WARNING)
    return NoteOutcome(note, rendered, (), NoteLint((warning,), {"AG140": _DUPLICATES_INPUT}))


# What the near-duplicate rule (a project rule) takes from a note, cached with its findings.
_DUPLICATES_INPUT = {"front": [4, 1, 4, 5], "body": "0" * 64, "units": [["question", "q"]]}


@settings(max_examples=200, deadline=None)
@given(meta=FRONT_MATTER)
def test_every_front_matter_field_survives_the_cache(meta: NoteFrontMatter) -> None:
    # model_construct skips validation; make sure the example is one a user could write.
    meta = NoteFrontMatter.model_validate(meta.model_dump(by_alias=True))
    path = Path("/content/deck/note.md")
    text = "---\nid: x\n---\n# Q?\n\nA.\n"
    outcome = _outcome(meta, path, "# Q?\n\nA.\n")
    entry = encode_outcome(outcome, "key", None)
    assert entry is not None
    decoded = decode_outcome(json.loads(json.dumps(entry)), path, text, _spec(path.parent), "key")
    assert decoded is not None
    restored, complete = decoded
    assert complete
    assert restored.note == outcome.note
    assert restored.findings == outcome.findings
    for name in NoteFrontMatter.model_fields:
        assert getattr(restored.note.meta if restored.note else None, name) == getattr(meta, name)


def test_the_example_sets_every_field_away_from_its_default() -> None:
    """The property above is only worth something if no field can hide at its default: this
    lists the model's fields, so a new one fails here until the strategy sets it."""
    assert set(NoteFrontMatter.model_fields) == {
        "id",
        "type",
        "tags",
        "source",
        "guid",
        "lint_ignore",
    }


def test_an_entry_whose_front_matter_no_longer_validates_is_a_miss() -> None:
    path = Path("/content/deck/note.md")
    meta = NoteFrontMatter.model_validate({"id": "a-note", "lint-ignore": ["AG150"]})
    entry = encode_outcome(_outcome(meta, path, "# Q?\n"), "key", None)
    assert entry is not None
    entry["note"]["meta"]["id"] = "Not A Slug"
    assert decode_outcome(entry, path, "# Q?\n", _spec(path.parent), "key") is None


@pytest.mark.parametrize(
    "project",
    [
        {"AG999": None},  # no such project rule
        {"AG140": {**_DUPLICATES_INPUT, "front": [4, 1]}},
        {"AG140": {**_DUPLICATES_INPUT, "units": [["question", ["q"]]]}},
        {"AG140": {"front": [4, 1, 4, 5]}},
        [],
    ],
)
def test_a_malformed_project_input_is_a_miss(project: object) -> None:
    """A cache entry is data: a project rule's input of the wrong shape must make the entry
    a miss (the note is linted again), never reach the rule."""
    meta = NoteFrontMatter.model_validate({"id": "x"})
    path = Path("/content/deck/note.md")
    text = "---\nid: x\n---\n# Q?\n\nA.\n"
    entry = encode_outcome(_outcome(meta, path, "# Q?\n\nA.\n"), "key", None)
    assert entry is not None
    assert decode_outcome(json.loads(json.dumps(entry)), path, text, _spec(path.parent), "key")
    entry["findings"]["key"]["project"] = project
    assert decode_outcome(entry, path, text, _spec(path.parent), "key") is None
