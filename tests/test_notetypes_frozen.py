"""Note types are a public contract with every learner's collection: this test guards it.

Anki matches a note type by id. Changing the fields or template names under an existing id
makes every imported note "conflicting" and forks a copy of the note type in the learner's
collection. Template markup and CSS may change, but then ``revised`` must move forward so
Anki takes the new version. To record an intended template/CSS change after bumping
``revised``, run: ANKIGEN_UPDATE_SNAPSHOT=1 pytest tests/test_notetypes_frozen.py
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

import pytest

from ankigen.render.notetypes import ALL_NOTE_TYPES, NoteTypeSpec
from tests.conftest import REPO

SNAPSHOT = REPO / "tests" / "snapshots" / "notetypes.json"


def _describe(spec: NoteTypeSpec) -> dict[str, Any]:
    return {
        "name": spec.name,
        "kind": spec.kind.value,
        "fields": list(spec.fields),
        "templates": [{"name": t.name, "front": t.front, "back": t.back} for t in spec.templates],
        "css_sha256": hashlib.sha256(spec.css.encode()).hexdigest(),
        "revised": spec.revised,
    }


def _current() -> dict[str, dict[str, Any]]:
    return {str(spec.id): _describe(spec) for spec in ALL_NOTE_TYPES}


if os.environ.get("ANKIGEN_UPDATE_SNAPSHOT"):
    SNAPSHOT.write_text(json.dumps(_current(), indent=2, sort_keys=True) + "\n")

FROZEN: dict[str, dict[str, Any]] = json.loads(SNAPSHOT.read_text())


@pytest.mark.parametrize("note_type_id", sorted(FROZEN))
def test_published_note_type_keeps_its_schema(note_type_id: str) -> None:
    frozen = FROZEN[note_type_id]
    current = _current().get(note_type_id)
    assert current is not None, (
        f"note type {frozen['name']} (id {note_type_id}) was removed; learners' notes still use "
        "it: keep it, and add new note types with new ids"
    )
    for key in ("name", "kind", "fields"):
        assert current[key] == frozen[key], (
            f"note type id {note_type_id}: '{key}' changed from {frozen[key]!r} to "
            f"{current[key]!r}. This would make every learner's notes conflict on import. "
            "Create a new note type with a NEW id (and a new name, e.g. 'v2') instead."
        )
    names = [t["name"] for t in current["templates"]]
    assert names == [t["name"] for t in frozen["templates"]], (
        f"note type id {note_type_id}: template names changed; create a new note type with a "
        "new id instead"
    )


@pytest.mark.parametrize("note_type_id", sorted(FROZEN))
def test_template_or_css_change_bumps_revised(note_type_id: str) -> None:
    frozen, current = FROZEN[note_type_id], _current()[note_type_id]
    if (current["templates"], current["css_sha256"]) == (frozen["templates"], frozen["css_sha256"]):
        assert current["revised"] == frozen["revised"]
        return
    assert current["revised"] > frozen["revised"], (
        f"note type id {note_type_id}: templates or CSS changed but 'revised' did not move "
        "forward, so Anki would keep the old version. Bump 'revised' in "
        "ankigen/render/notetypes.py, then record the change with ANKIGEN_UPDATE_SNAPSHOT=1."
    )
    pytest.fail(f"note type id {note_type_id} changed: record it with ANKIGEN_UPDATE_SNAPSHOT=1")


def test_every_current_note_type_is_in_the_snapshot() -> None:
    assert sorted(_current()) == sorted(FROZEN), (
        "record new note types with ANKIGEN_UPDATE_SNAPSHOT=1"
    )
    assert len({spec.name for spec in ALL_NOTE_TYPES}) == len(ALL_NOTE_TYPES)
    assert not {"Basic", "Cloze"} & {spec.name for spec in ALL_NOTE_TYPES}
