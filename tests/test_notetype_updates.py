"""A styling change to a note type reaches learners only when ``revised`` moves forward."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import ankigen.render.notetypes
from ankigen.pipeline.build import build
from ankigen.source.model import NoteType
from tests.conftest import SAMPLE, AnkiCollection, make_repo


def _basic_css(anki: AnkiCollection) -> str:
    anki.col.models._clear_cache()  # the Python side caches note types across imports
    (model,) = [m for m in anki.col.models.all() if m["name"] == "ankigen Basic v1"]
    return str(model["css"])


@pytest.mark.parametrize(("bump", "updated"), [(False, False), (True, True)])
def test_css_change_needs_a_newer_revised(
    tmp_path: Path,
    anki: AnkiCollection,
    monkeypatch: pytest.MonkeyPatch,
    bump: bool,
    updated: bool,
) -> None:
    repo = make_repo(tmp_path, SAMPLE, 1_700_000_000)
    anki.import_package(build([repo / "content"], tmp_path / "a").outputs[0])
    before = _basic_css(anki)

    monkeypatch.setattr(
        ankigen.render.notetypes, "CSS", before + "\n.marker-for-test { color: red; }\n"
    )
    basic = ankigen.render.notetypes.BASIC
    changed = dataclasses.replace(basic, revised=basic.revised + (86_400 if bump else 0))
    # render/note.py looks note types up in this (shared) table.
    monkeypatch.setitem(ankigen.render.notetypes.BY_NOTE_TYPE, NoteType.BASIC, changed)
    anki.import_package(build([repo / "content"], tmp_path / "b").outputs[0])

    assert ("marker-for-test" in _basic_css(anki)) is updated
    names = [m["name"] for m in anki.col.models.all() if m["name"].startswith("ankigen")]
    assert sorted(names) == ["ankigen Basic v1", "ankigen Cloze v1", "ankigen Code v1"]
