"""Every edit reaches learners, whatever the git history: judged by importing into real Anki.

Each scenario publishes a package (built and imported into a real collection, one card
reviewed), changes the content in a way that used to give the note a mod time that was not
newer, builds again and imports: the edit must arrive (1 updated) with the review history
kept. Updates Anki cannot apply at all (a new note type, a renamed deck, a note moved to
another deck) must be warned about by the build and by ``ankigen changes``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from ankigen.cli import main
from ankigen.package.timestamps import (
    file_stamps,
    keyed_by_files,
    modification_times,
    written_since,
)
from ankigen.pipeline.build import BuildResult, SourceChangedError, build
from ankigen.source.identity import note_guid
from ankigen.tools.changes import compare, to_markdown
from tests.conftest import SAMPLE, AnkiCollection, git, make_repo, write

T0 = 1_700_000_000  # the first published commit
T1 = T0 + 86_400  # a later published commit
EDITED = "squares-code"
NOTE = f"content/sample/{EDITED}.md"


def _build(repo: Path, out: Path) -> BuildResult:
    result = build([repo / "content"], out)
    assert result.check.ok, result.check.diagnostics
    return result


def _package(repo: Path, out: Path) -> Path:
    (package,) = _build(repo, out).outputs
    return package


def _counts(log: Any) -> tuple[int, int, int, int]:
    """(new, updated, unchanged, conflicting) notes of an import."""
    return (len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting))


def _edit(repo: Path, old: str, new: str, path: str = NOTE) -> None:
    file = repo / path
    text = file.read_text()
    assert old in text
    file.write_text(text.replace(old, new))


def _commit(repo: Path, message: str, date: int) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


def _publish(repo: Path, out: Path, anki: AnkiCollection) -> int:
    """Build and import the current content; review the edited note's card; its card id."""
    anki.import_package(_package(repo, out))
    col = anki.col
    card = col.get_card(anki.notes_by_guid()[note_guid("sample", EDITED)].card_ids()[0])
    card.start_timer()
    col.sched.answerCard(card, 3)
    return int(card.id)


def _assert_edit_arrives(
    repo: Path, out: Path, anki: AnkiCollection, card_id: int, text: str
) -> None:
    log = anki.import_package(_package(repo, out))
    assert _counts(log) == (0, 1, 5, 0)
    note = anki.notes_by_guid()[note_guid("sample", EDITED)]
    assert text in note["Front"]
    card = anki.col.get_card(card_id)
    assert card.reps == 1 and card.type != 0  # the review history is kept
    assert anki.col.db.scalar("select count() from revlog where cid = ?", card_id) == 1


def test_edit_merged_with_no_ff_from_an_older_branch_arrives(
    tmp_path: Path, anki: AnkiCollection
) -> None:
    repo = make_repo(tmp_path, SAMPLE, T0)
    git(repo, "branch", "feature")
    _edit(repo, "in one line", "in a single line")  # main's edit, published
    _commit(repo, "main edit", T0 + 200)
    card = _publish(repo, tmp_path / "out1", anki)

    git(repo, "checkout", "-q", "feature")
    _edit(repo, "in one line", "with one expression")  # written earlier on a branch
    _commit(repo, "branch edit", T0 + 100)
    git(repo, "checkout", "-q", "main")
    with pytest.raises(subprocess.CalledProcessError, match="merge"):
        git(repo, "merge", "--no-ff", "feature")  # a conflict: the branch's version is kept
    git(repo, "checkout", "--theirs", NOTE)
    _commit(repo, "merge feature", T0 + 300)
    _assert_edit_arrives(repo, tmp_path / "out2", anki, card, "with one expression")


def test_edit_committed_with_an_older_date_arrives(tmp_path: Path, anki: AnkiCollection) -> None:
    repo = make_repo(tmp_path, SAMPLE, T0)
    _edit(repo, "in one line", "in a single line")
    _commit(repo, "published edit", T1)
    card = _publish(repo, tmp_path / "out1", anki)
    _edit(repo, "in a single line", "with one expression")
    _commit(repo, "a wrong clock", T0 + 10)  # dated before the published commit
    _assert_edit_arrives(repo, tmp_path / "out2", anki, card, "with one expression")


def test_two_edits_in_the_same_second_both_arrive(tmp_path: Path, anki: AnkiCollection) -> None:
    repo = make_repo(tmp_path, SAMPLE, T0)
    _edit(repo, "in one line", "in a single line")
    _commit(repo, "first", T1)
    card = _publish(repo, tmp_path / "out1", anki)
    _edit(repo, "in a single line", "with one expression")
    _commit(repo, "second, same second", T1)
    _assert_edit_arrives(repo, tmp_path / "out2", anki, card, "with one expression")


def test_uncommitted_edit_with_an_old_file_time_arrives(
    tmp_path: Path, anki: AnkiCollection
) -> None:
    repo = make_repo(tmp_path, SAMPLE, T0)
    _edit(repo, "in one line", "in a single line")
    _commit(repo, "published edit", T1)
    card = _publish(repo, tmp_path / "out1", anki)
    _edit(repo, "in a single line", "with one expression")
    os.utime(repo / NOTE, (T0, T0))  # e.g. restored from a backup, or a wrong clock
    _assert_edit_arrives(repo, tmp_path / "out2", anki, card, "with one expression")


def test_deck_yaml_change_with_an_older_date_reaches_every_note(
    tmp_path: Path, anki: AnkiCollection
) -> None:
    repo = make_repo(tmp_path, SAMPLE, T0)
    _edit(repo, "in one line", "in a single line")
    _commit(repo, "published edit", T1)
    anki.import_package(_package(repo, tmp_path / "out1"))
    _edit(
        repo,
        "tags: [ankigen-sample]",
        "tags: [ankigen-sample, python-basics]",
        "content/sample/deck.yaml",
    )
    _commit(repo, "deck tags, a wrong clock", T0 + 10)
    log = anki.import_package(_package(repo, tmp_path / "out2"))
    assert _counts(log) == (0, 6, 0, 0)  # the edited note too, though its own commit is newer
    assert all("python-basics" in note.tags for note in anki.notes_by_guid().values())


def test_merge_that_keeps_the_published_text_updates_nothing(
    tmp_path: Path, anki: AnkiCollection
) -> None:
    """Merging main into a branch and fast-forwarding main (``git pull`` style) or merging a
    branch that never touched a note brings no spurious update: learners' own edits stay."""
    repo = make_repo(tmp_path, SAMPLE, T0)
    git(repo, "branch", "feature")
    _edit(repo, "in one line", "in a single line")
    _commit(repo, "main edit", T1)
    anki.import_package(_package(repo, tmp_path / "out1"))
    git(repo, "checkout", "-q", "feature")
    write(repo / "content" / "sample" / "extra.md", "---\nid: extra\n---\n# Extra?\n\nYes.\n")
    _commit(repo, "branch adds a note", T0 + 50)
    git(repo, "merge", "-q", "--no-ff", "main", "-m", "merge main into feature", date=T1 + 100)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "feature")
    assert _counts(anki.import_package(_package(repo, tmp_path / "out2"))) == (1, 0, 6, 0)


def test_history_rule_on_a_merge_graph(tmp_path: Path) -> None:
    """Strictly later for a changed note, unchanged for an unchanged one, on merges too."""
    repo = make_repo(tmp_path, SAMPLE, T0)
    note = repo / NOTE
    other = repo / "content" / "sample" / "diagram.md"

    def times() -> tuple[int, int]:
        found = modification_times([note, other])
        return found[note.resolve()], found[other.resolve()]

    assert times() == (T0, T0)  # a plain history: the commit time, as before
    git(repo, "branch", "feature")
    _edit(repo, "in one line", "in a single line")
    _commit(repo, "main", T1)
    git(repo, "checkout", "-q", "feature")
    _edit(repo, "pipeline?", "pipeline of boxes?", "content/sample/diagram.md")
    _commit(repo, "feature", T0 + 5)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "feature", "-m", "merge", date=T1 + 1)
    # The branch's note arrives with its own (older) commit's time: newer than what main had.
    assert times() == (T1, T0 + 5)
    _edit(repo, "in a single line", "with one expression")
    _commit(repo, "same second", T1)  # the same second as the published edit
    assert times() == (T1 + 1, T0 + 5)


def test_modification_times_keys_are_the_callers_paths(tmp_path: Path) -> None:
    """A build keeps this map to its end: a resolved path is keyed by the caller's own object
    (no second Path a note), a symlinked one by its resolved path, with the same times."""
    repo = make_repo(tmp_path, SAMPLE, T0)
    note = (repo / NOTE).resolve()
    link = tmp_path / "link.md"
    link.symlink_to(note)
    found = modification_times([note, link])
    assert found == {note: T0}
    (key,) = found
    assert key is note
    assert modification_times([link]) == {note: T0}


def test_file_stamps_are_keyed_by_the_notes_own_path_strings(tmp_path: Path) -> None:
    """A build keeps its stamps to its end: each keyed by the string its note's ``Path``
    holds, not by a copy made when the file was listed; a symlink's target keeps its key."""
    repo = make_repo(tmp_path, SAMPLE, T0)
    note = (repo / NOTE).resolve()
    link = tmp_path / "link.md"
    link.symlink_to(note)
    listed = file_stamps([repo / "content"])
    copy = "".join(str(note))  # an equal string, not the Path's own
    listed[copy] = listed.pop(str(note))
    keyed = keyed_by_files(listed, [note, link])
    assert keyed == listed
    (key,) = [name for name in keyed if name == str(note)]
    assert key is str(note) and key is not copy
    assert written_since(keyed, [note, link]) == []


def test_shallow_clone_is_warned_once(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, SAMPLE, T0)
    _edit(repo, "in one line", "in a single line")
    _commit(repo, "second", T1)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    warnings = _build(clone, tmp_path / "out").warnings
    assert len([w for w in warnings if "shallow" in w]) == 1
    assert "fetch-depth: 0" in warnings[0]
    assert not _build(repo, tmp_path / "out-full").warnings


def test_note_type_change_is_warned_by_build_and_changes(
    tmp_path: Path, anki: AnkiCollection
) -> None:
    repo = make_repo(tmp_path, SAMPLE, T0)
    out = tmp_path / "out"
    anki.import_package(_package(repo, out))
    _edit(repo, "type: code", "type: basic")
    result = _build(repo, out)
    (warning,) = result.warnings
    assert warning.startswith(f"warning: sample/{EDITED}: note type changed to 'ankigen Basic v1'")
    assert "new id" in warning and "Change Note Type" in warning
    # Why: real Anki does not update the note, it reports it as conflicting.
    assert _counts(anki.import_package(result.outputs[0])) == (0, 0, 5, 1)
    (reported,) = compare("HEAD", [repo / "content"]).warnings
    assert (reported.deck, reported.subject) == ("sample", EDITED)
    assert "note type changed" in to_markdown(compare("HEAD", [repo / "content"]))

    # The fix "change the note type in Anki first" works: then the import updates the note.
    col = anki.col
    note = anki.notes_by_guid()[note_guid("sample", EDITED)]
    basic = col.models.by_name("ankigen Basic v1")
    info = col.models.change_notetype_info(
        old_notetype_id=note.note_type()["id"], new_notetype_id=basic["id"]
    )
    request = info.input
    request.note_ids.extend([note.id])
    col.models.change_notetype_of_notes(request)  # the note's mod becomes now
    _edit(repo, "in one line", "in a single line")
    _commit(repo, "a later edit", int(time.time()) + 3600)
    assert _counts(anki.import_package(_package(repo, tmp_path / "out2"))) == (0, 1, 5, 0)


def test_deck_rename_is_warned_by_build_and_changes(tmp_path: Path, anki: AnkiCollection) -> None:
    repo = make_repo(tmp_path, SAMPLE, T0)
    out = tmp_path / "out"
    anki.import_package(_package(repo, out))
    _edit(repo, 'name: "ankigen Sample"', 'name: "Python Sample"', "content/sample/deck.yaml")
    result = _build(repo, out)
    (warning,) = result.warnings
    assert warning.startswith("warning: sample: deck renamed from 'ankigen Sample'")
    (reported,) = compare("HEAD", [repo / "content"]).warnings
    assert reported.message == warning.removeprefix("warning: sample: ")
    # Why: Anki keeps the existing cards in the old deck; nothing is renamed.
    anki.import_package(result.outputs[0])
    names = {d.name for d in anki.col.decks.all_names_and_ids()}
    assert "ankigen Sample" in names
    assert len(anki.col.find_cards('"deck:ankigen Sample"')) == 9
    assert anki.col.find_cards('"deck:Python Sample"') == []


def test_moved_note_is_warned_and_its_fix_updates_the_old_copy(
    tmp_path: Path, anki: AnkiCollection
) -> None:
    repo = make_repo(tmp_path, SAMPLE, T0)
    write(repo / "content" / "other" / "deck.yaml", "name: Other\n")
    write(repo / "content" / "other" / "a.md", "---\nid: a\n---\n# A?\n\nYes.\n")
    _commit(repo, "second deck", T0)
    out = tmp_path / "out"
    for package in _build(repo, out).outputs:
        anki.import_package(package)
    git(repo, "mv", NOTE, f"content/other/{EDITED}.md")
    result = _build(repo, out)
    old_guid = note_guid("sample", EDITED)
    (warning,) = result.warnings
    assert warning.startswith(f"warning: other/{EDITED}: note moved here from deck 'sample'")
    assert f'guid: "{old_guid}"' in warning
    (reported,) = compare("HEAD", [repo / "content"]).warnings
    assert (reported.deck, reported.subject) == ("other", EDITED)

    # The suggested fix keeps the GUID: Anki updates the learner's copy instead of adding one.
    _edit(
        repo, f"id: {EDITED}\n", f'id: {EDITED}\nguid: "{old_guid}"\n', f"content/other/{EDITED}.md"
    )
    _edit(repo, "in one line", "in a single line", f"content/other/{EDITED}.md")
    fixed = _build(repo, tmp_path / "out2")
    assert fixed.warnings == ()
    logs = [anki.import_package(package) for package in fixed.outputs]
    assert sum(len(log.new) for log in logs) == 0
    assert sum(len(log.updated) for log in logs) == 1


@pytest.mark.parametrize(
    "amended",
    [("in a single line", "with one expression"), ("tags: [python]", "tags: [python, squares]")],
    ids=["field", "tag"],
)
def test_amend_in_the_same_second_is_warned(tmp_path: Path, amended: tuple[str, str]) -> None:
    """An amended commit replaces the published one: no history can tell, the package can."""
    repo = make_repo(tmp_path, SAMPLE, T0)
    _edit(repo, "in one line", "in a single line")
    _commit(repo, "published", T1)
    out = tmp_path / "out"
    _build(repo, out)
    _edit(repo, *amended)
    git(repo, "commit", "-q", "-a", "--amend", "--no-edit", date=T1)
    (warning,) = _build(repo, out).warnings
    assert f"sample/{EDITED}: content changed but its mod time ({T1}) is not newer" in warning


def test_file_written_during_a_build_is_refused(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, SAMPLE, T0)
    out = tmp_path / "out"
    first = _package(repo, out).read_bytes()
    _edit(repo, "in one line", "in a single line")

    def edit_while_writing(stage: str, done: int, total: int) -> None:
        if stage == "writing":  # after the note was read, before the package is in place
            _edit(repo, "in a single line", "with one expression")

    with pytest.raises(SourceChangedError, match=rf"{EDITED}\.md was written while the build"):
        build([repo / "content"], out, progress=edit_while_writing)
    assert (out / "sample.apkg").read_bytes() == first  # the previous package is untouched
    assert sorted(p.name for p in out.iterdir()) == ["sample.apkg"]


@pytest.fixture(autouse=True)
def _no_git_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Merges and clones must not depend on the machine's git configuration."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    assert shutil.which("git")


def test_cli_build_prints_the_warning_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path, SAMPLE, T0)
    monkeypatch.chdir(repo)
    assert main(["build", "--no-cache", "content"]) == 0
    _edit(repo, "type: code", "type: basic")
    capsys.readouterr()
    assert main(["build", "--no-cache", "content"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "wrote build/sample.apkg: 6 notes, 9 cards\n"
    assert captured.err.startswith(f"warning: sample/{EDITED}: note type changed to ")
