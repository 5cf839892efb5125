"""`ankigen sync` into real Anki collection files (official ``anki`` package)."""

from __future__ import annotations

import builtins
import hashlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ankigen.cli import main
from ankigen.source.identity import note_guid
from ankigen.tools.anki_profiles import default_base, find_profiles
from ankigen.tools.sync import backup_path
from tests.conftest import SAMPLE, AnkiCollection, git, make_repo, write

T0 = 1_700_000_000
T1 = T0 + 86_400
EDITED = "list-comprehension"  # a Basic note of the sample deck
LOCAL = "python-types"  # a note the learner edits in Anki


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A deck repository holding the sample deck, committed at T0, as the working folder."""
    folder = make_repo(tmp_path, SAMPLE, T0)
    monkeypatch.chdir(folder)
    return folder


def _new_collection(path: Path) -> Path:
    path.parent.mkdir(parents=True)
    AnkiCollection(path).close()
    return path


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    return _new_collection(tmp_path / "Anki2" / "User 1" / "collection.anki2")


def _sync(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["sync", "--no-cache", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _files(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the SHA-256 of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _edit_and_commit(repo: Path) -> None:
    path = repo / "content" / "sample" / f"{EDITED}.md"
    path.write_text(path.read_text().replace("A new **list**", "A brand-new **list**"))
    git(repo, "commit", "-q", "-am", "edit one note", date=T1)


def _study(collection: Path) -> tuple[int, int, int, int]:
    """Answer the edited note's first card "Easy" and edit another note as a learner would;
    the card's (id, interval, due, reps)."""
    anki = AnkiCollection(collection)
    try:
        notes = anki.notes_by_guid()
        card = anki.col.get_card(notes[note_guid("sample", EDITED)].card_ids()[0])
        card.start_timer()
        anki.col.sched.answerCard(card, 4)
        local = notes[note_guid("sample", LOCAL)]
        local["Extra"] = "my own mnemonic"
        anki.col.update_note(local)
        card = anki.col.get_card(card.id)
        return int(card.id), int(card.ivl), int(card.due), int(card.reps)
    finally:
        anki.close()


def test_first_sync_adds_every_note_and_keeps_the_previous_state(
    repo: Path, collection: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _sync(capsys, "--collection", str(collection))
    assert code == 0
    assert "sample: 6 new, 0 updated, 0 unchanged" in out
    backup = backup_path(collection)
    assert backup.name == "collection-before-ankigen-sync.anki2"
    assert f"kept in {backup}" in out
    anki = AnkiCollection(collection)
    try:
        assert anki.col.note_count() == 6 and anki.col.card_count() == 9
        # the learner's remembered File -> Import choices are left as they were
        assert anki.col.get_config("updateNotes", None) is None
    finally:
        anki.close()
    before = AnkiCollection(backup)
    try:
        assert before.col.note_count() == 0  # the backup is the state before the sync
    finally:
        before.close()


def test_second_sync_leaves_every_note_unchanged(
    repo: Path, collection: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _sync(capsys, "--collection", str(collection))[0] == 0
    code, out, err = _sync(capsys, "--collection", str(collection))
    assert code == 0 and "sample: 0 new, 0 updated, 6 unchanged" in out
    assert "warning" not in err


def test_an_edited_note_is_updated_and_its_review_history_kept(
    repo: Path, collection: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _sync(capsys, "--collection", str(collection))[0] == 0
    card_id, interval, due, reps = _study(collection)
    assert interval > 0 and reps == 1  # "Easy" on a new card graduates it to review

    _edit_and_commit(repo)
    code, out, _ = _sync(capsys, "--collection", str(collection))
    assert code == 0 and "sample: 0 new, 1 updated, 5 unchanged" in out

    anki = AnkiCollection(collection)
    try:
        note = anki.notes_by_guid()[note_guid("sample", EDITED)]
        assert "A brand-new <strong>list</strong>" in note["Back"]
        assert anki.notes_by_guid()[note_guid("sample", LOCAL)]["Extra"] == "my own mnemonic"
        card = anki.col.get_card(card_id)
        assert (card.ivl, card.due, card.reps) == (interval, due, reps)
        assert anki.col.db.scalar("select count() from revlog where cid = ?", card_id) == 1
    finally:
        anki.close()


@pytest.fixture
def held_elsewhere(collection: Path) -> Iterator[Path]:
    """The collection held open by another process, as Anki desktop holds it."""
    script = (
        "import sys\nfrom anki.collection import Collection\n"
        f"col = Collection({str(collection)!r})\nprint('open', flush=True)\n"
        "sys.stdin.read()\ncol.close()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline() == "open\n"
    yield collection
    assert holder.stdin is not None
    holder.stdin.close()
    assert holder.wait(timeout=60) == 0


def test_a_collection_open_in_another_process_is_refused(
    repo: Path, held_elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = held_elsewhere.parent
    before = _files(folder)
    code, _, err = _sync(capsys, "--collection", str(held_elsewhere))
    assert code == 1
    assert "is open in Anki" in err and "close Anki" in err and "nothing was changed" in err
    assert _files(folder) == before  # no backup, no change


def test_a_collection_open_in_this_process_is_refused(
    repo: Path, collection: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = AnkiCollection(collection)
    try:
        code, _, err = _sync(capsys, "--collection", str(collection), "--dry-run")
        assert code == 1 and "close Anki" in err
        assert holder.col.note_count() == 0
    finally:
        holder.close()


def test_without_the_anki_package_the_message_says_how_to_install_it(
    repo: Path,
    collection: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_import = builtins.__import__

    def no_anki(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "anki" or name.startswith("anki."):
            raise ModuleNotFoundError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_anki)
    code, _, err = _sync(capsys, "--collection", str(collection))
    assert code == 2
    assert "pip install 'ankigen[sync]'" in err
    assert not (repo / "build").exists()  # checked before anything is built


def test_several_profiles_are_listed_and_one_must_be_chosen(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = tmp_path / "Anki2"
    first = _new_collection(base / "User 1" / "collection.anki2")
    second = _new_collection(base / "work" / "collection.anki2")
    (base / "addons21").mkdir()  # not a profile: no collection in it
    before = _files(base)
    code, _, err = _sync(capsys, "--base", str(base))
    assert code == 2
    assert "2 Anki profiles" in err and "'User 1', 'work'" in err and "--profile" in err
    assert _files(base) == before

    code, out, _ = _sync(capsys, "--base", str(base), "--profile", "work")
    assert code == 0 and "sample: 6 new" in out
    assert (
        hashlib.sha256(first.read_bytes()).digest() != hashlib.sha256(second.read_bytes()).digest()
    )
    assert _files(base / "User 1") == {
        k[7:]: v for k, v in before.items() if k.startswith("User 1/")
    }

    code, _, err = _sync(capsys, "--base", str(base), "--profile", "nobody")
    assert code == 2 and "no profile named 'nobody'" in err


def test_a_single_profile_is_found_through_anki_base(
    repo: Path,
    collection: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ANKI_BASE", str(collection.parent.parent))
    code, out, _ = _sync(capsys)
    assert code == 0 and f"synced into {collection}" in out


def test_dry_run_reports_the_changes_and_writes_nothing(
    repo: Path, collection: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _sync(capsys, "--collection", str(collection))[0] == 0
    _edit_and_commit(repo)
    folder = collection.parent
    before = _files(folder)
    code, out, _ = _sync(capsys, "--collection", str(collection), "--dry-run")
    assert code == 0
    assert "sample: 0 new, 1 updated, 5 unchanged" in out
    assert "dry run: nothing was written" in out
    assert _files(folder) == before
    # and the real sync then does what the dry run said
    assert (
        "sample: 0 new, 1 updated, 5 unchanged" in _sync(capsys, "--collection", str(collection))[1]
    )


def test_a_failed_import_puts_the_collection_back(
    repo: Path, collection: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo / "content" / "zz-second" / "deck.yaml", "name: Second\n")
    write(repo / "content" / "zz-second" / "a.md", "---\nid: a\n---\n# Q?\n\nA.\n")
    assert main(["build", "--no-cache"]) == 0
    (repo / "build" / "zz-second.apkg").write_bytes(b"not a zip file")  # fails after 'sample'
    before = hashlib.sha256(collection.read_bytes()).digest()
    code, _, err = _sync(capsys, "--collection", str(collection), "--no-build")
    assert code == 1 and "was put back as it was" in err
    assert hashlib.sha256(collection.read_bytes()).digest() == before
    anki = AnkiCollection(collection)
    try:
        assert anki.col.note_count() == 0  # the first deck's import was undone too
    finally:
        anki.close()


def test_no_build_needs_the_packages(
    repo: Path, collection: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _sync(capsys, "--collection", str(collection), "--no-build")
    assert code == 1 and "run 'ankigen build' first" in err


def test_a_changed_note_type_is_a_warning_with_the_fix(
    repo: Path, collection: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _sync(capsys, "--collection", str(collection))[0] == 0
    anki = AnkiCollection(collection)
    try:  # the learner adds a field to the Basic note type
        models = anki.col.models
        basic = models.by_name("ankigen Basic v1")
        models.add_field(basic, models.new_field("My notes"))
        models.update_dict(basic)
    finally:
        anki.close()
    _edit_and_commit(repo)
    code, out, err = _sync(capsys, "--collection", str(collection))
    assert code == 0
    assert "0 updated" in out
    assert "note(s) not updated" in err and "Merge note types" in err
    assert "as a copy of an ankigen note type" in err


def test_profile_folders_per_system(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert default_base({}, "linux", home) == home / ".local" / "share" / "Anki2"
    assert default_base({"XDG_DATA_HOME": "/data"}, "linux", home) == Path("/data/Anki2")
    assert default_base({}, "darwin", home) == home / "Library" / "Application Support" / "Anki2"
    assert default_base({"APPDATA": "C:/Users/a/AppData/Roaming"}, "win32", home) == Path(
        "C:/Users/a/AppData/Roaming/Anki2"
    )
    assert default_base({"ANKI_BASE": str(tmp_path)}, "darwin", home) == tmp_path
    assert find_profiles(tmp_path / "missing") == []
