"""Re-importing a new build into real Anki updates exactly the changed notes and keeps history."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ankigen.pipeline.build import build
from ankigen.source.identity import note_guid
from tests.conftest import SAMPLE, AnkiCollection, git, make_repo, write

T0 = 1_700_000_000  # 2023-11-14: the first published commit
T1 = T0 + 86_400


def _build(repo: Path, out: Path) -> Path:
    result = build([repo / "content"], out)
    assert result.check.ok, result.check.diagnostics
    (package,) = result.outputs
    return package


def _counts(log: Any) -> tuple[int, int, int, int]:
    return (len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting))


def _review_first_card(anki: AnkiCollection, guid: str) -> int:
    col = anki.col
    note = anki.notes_by_guid()[guid]
    card = col.get_card(note.card_ids()[0])
    card.start_timer()
    col.sched.answerCard(card, 3)  # "Good"
    return int(card.id)


def test_rebuild_edit_add_cycle(tmp_path: Path, anki: AnkiCollection) -> None:
    repo = make_repo(tmp_path, SAMPLE, T0)
    first = _build(repo, tmp_path / "out1")
    assert _counts(anki.import_package(first)) == (6, 0, 0, 0)

    # Rebuilding the same commit gives the same bytes, and re-importing changes nothing.
    again = _build(repo, tmp_path / "out2")
    assert (
        hashlib.sha256(again.read_bytes()).digest() == hashlib.sha256(first.read_bytes()).digest()
    )
    assert _counts(anki.import_package(again)) == (0, 0, 6, 0)

    # The learner studies a card, and edits an unchanged note locally.
    edited_guid = note_guid("sample", "list-comprehension")
    local_guid = note_guid("sample", "python-types")
    reviewed_card = _review_first_card(anki, edited_guid)
    local = anki.notes_by_guid()[local_guid]
    local["Extra"] = "my own mnemonic"
    anki.col.update_note(local)

    # The maintainer edits one note in a later commit.
    path = repo / "content" / "sample" / "list-comprehension.md"
    path.write_text(path.read_text().replace("A new **list**", "A brand-new **list**"))
    git(repo, "commit", "-q", "-am", "edit one note", date=T1)
    log = anki.import_package(_build(repo, tmp_path / "out3"))
    assert _counts(log) == (0, 1, 5, 0)
    assert log.updated[0].id.nid == anki.notes_by_guid()[edited_guid].id

    notes = anki.notes_by_guid()
    assert "A brand-new <strong>list</strong>" in notes[edited_guid]["Back"]
    assert notes[local_guid]["Extra"] == "my own mnemonic"  # the learner's edit survives
    card = anki.col.get_card(reviewed_card)
    assert card.reps == 1 and card.type != 0  # review history and scheduling kept
    assert anki.col.db.scalar("select count() from revlog where cid = ?", reviewed_card) == 1

    # Adding a note adds exactly one.
    write(repo / "content" / "sample" / "new-note.md", "---\nid: new-note\n---\n# New?\n\nYes.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "add a note", date=T1 + 60)
    assert _counts(anki.import_package(_build(repo, tmp_path / "out4"))) == (1, 0, 6, 0)

    names = sorted(m["name"] for m in anki.col.models.all() if m["name"].startswith("ankigen"))
    assert names == ["ankigen Basic v1", "ankigen Cloze v1", "ankigen Code v1"]  # no "+" forks


def test_uncommitted_edit_uses_file_time(tmp_path: Path, anki: AnkiCollection) -> None:
    repo = make_repo(tmp_path, SAMPLE, T0)
    anki.import_package(_build(repo, tmp_path / "out1"))
    path = repo / "content" / "sample" / "squares-code.md"
    path.write_text(path.read_text().replace("in one line", "with one expression"))
    log = anki.import_package(_build(repo, tmp_path / "out2"))
    assert _counts(log) == (0, 1, 5, 0)


def test_both_content_decks_import_into_one_collection(
    tmp_path: Path, anki: AnkiCollection
) -> None:
    """Two packages built separately must not clash in one collection (ids, note types)."""
    repo = make_repo(tmp_path, SAMPLE, T0)
    other = repo / "content" / "other"
    write(other / "deck.yaml", "name: Other\n")
    write(other / "a.md", "---\nid: list-comprehension\n---\n# Same id, other deck\n\nFine.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "second deck", date=T0)
    result = build([repo / "content"], tmp_path / "out")
    assert result.check.ok
    logs = [anki.import_package(package) for package in result.outputs]
    assert [_counts(log) for log in logs] == [(1, 0, 0, 0), (6, 0, 0, 0)]
    assert anki.col.note_count() == 7


def test_deleting_a_note_is_reported_not_silent(tmp_path: Path, anki: AnkiCollection) -> None:
    repo = make_repo(tmp_path, SAMPLE, T0)
    out = tmp_path / "out"
    first = build([repo / "content"], out)
    assert first.removed == ()
    anki.import_package(first.outputs[0])

    git(repo, "rm", "-q", "content/sample/diagram.md")
    git(repo, "commit", "-q", "-m", "remove a note", date=T1)
    second = build([repo / "content"], out)
    assert [(r.deck, r.guid, r.text) for r in second.removed] == [
        ("sample", note_guid("sample", "diagram"), "Which way does data flow in a pipeline?")
    ]
    # Anki keeps the learner's copy: the import neither deletes nor duplicates anything.
    assert _counts(anki.import_package(second.outputs[0])) == (0, 0, 5, 0)
    assert anki.col.note_count() == 6
