"""The up-to-date check's record of each source file's stat (``cache.file_stats``): a file is
not read again only while its stat (size, inode, modification and change times) is the
recorded one and was not racy; any edit, a touch or a replaced file is read again."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from ankigen.cache import file_stats
from ankigen.cache.file_stats import RACY_MARGIN_NS, FileStats
from ankigen.pipeline import uptodate
from ankigen.source.discover import SourceFiles
from tests.conftest import write

SECOND = 1_000_000_000
DIGEST = bytes(range(32))


def _status(mtime: int, ctime: int, size: int = 10, inode: int = 7) -> os.stat_result:
    return cast(
        os.stat_result,
        SimpleNamespace(st_mtime_ns=mtime, st_ctime_ns=ctime, st_size=size, st_ino=inode),
    )


def _recorded(tmp_path: Path, status: os.stat_result, read_ns: int) -> FileStats:
    """A record of one file ``note.md`` in folder ``deck``, read at ``read_ns``, saved and
    read back."""
    stats = FileStats(tmp_path)
    stats.known("deck", "note.md", status)  # nothing recorded yet
    stats.remember("deck", "note.md", status, DIGEST, [["an-id"], []])
    stats._folders["deck"].started_ns = read_ns
    stats.save()
    return FileStats(tmp_path)


def test_an_unchanged_old_file_is_known(tmp_path: Path) -> None:
    status = _status(100 * SECOND, 100 * SECOND)
    stats = _recorded(tmp_path, status, 200 * SECOND)
    assert stats.known("deck", "note.md", status) == (DIGEST, [["an-id"], []])


@pytest.mark.parametrize(
    "changed",
    [
        _status(101 * SECOND, 100 * SECOND),  # modification time
        _status(100 * SECOND, 150 * SECOND),  # change time: a touch, or a time set back
        _status(100 * SECOND, 100 * SECOND, size=11),
        _status(100 * SECOND, 100 * SECOND, inode=8),  # replaced by another file
    ],
)
def test_any_other_stat_is_read_again(tmp_path: Path, changed: os.stat_result) -> None:
    stats = _recorded(tmp_path, _status(100 * SECOND, 100 * SECOND), 200 * SECOND)
    assert stats.known("deck", "note.md", changed) is None


def test_a_file_written_about_when_it_was_read_is_read_again(tmp_path: Path) -> None:
    """Racy: written in the clock tick of its read (or within the margin before it), the
    same stat may hold newer bytes."""
    read_ns = 200 * SECOND
    for written in (read_ns, read_ns - RACY_MARGIN_NS, read_ns - RACY_MARGIN_NS // 2):
        status = _status(written - 5 * SECOND, written)
        assert _recorded(tmp_path, status, read_ns).known("deck", "note.md", status) is None
    status = _status(read_ns - RACY_MARGIN_NS - 1, read_ns - RACY_MARGIN_NS - 1)
    assert _recorded(tmp_path, status, read_ns).known("deck", "note.md", status) is not None


@pytest.mark.parametrize(
    "entry",
    [None, "text", [1, 2, 3], [100 * SECOND, 100 * SECOND, 10, 7, "zz", None]],
)
def test_a_malformed_entry_is_read_again(tmp_path: Path, entry: Any) -> None:
    status = _status(100 * SECOND, 100 * SECOND)
    stats = _recorded(tmp_path, status, 200 * SECOND)
    stats._of("deck").entries["note.md"] = entry
    assert stats.known("deck", "note.md", status) is None


def test_a_record_of_another_folder_is_not_used(tmp_path: Path) -> None:
    status = _status(100 * SECOND, 100 * SECOND)
    _recorded(tmp_path, status, 200 * SECOND)
    path = FileStats(tmp_path)._path("deck")
    path.rename(FileStats(tmp_path)._path("other"))
    assert FileStats(tmp_path).known("other", "note.md", status) is None


# Through the up-to-date check, on real files. The margin is 0 here, so that files written
# before a run count as old for the next one (their change time is before its reading).


@pytest.fixture
def deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(file_stats, "RACY_MARGIN_NS", 0)
    write(tmp_path / "content" / "deck" / "deck.yaml", "name: Deck\n")
    for name in ("one", "two"):
        write(tmp_path / "content" / "deck" / f"{name}.md", f"---\nid: {name}\n---\n# Q {name}?\n")
    return tmp_path


def _fingerprint(root: Path, reads: list[str], with_times: bool = False) -> str | None:
    (root / "cache").mkdir(exist_ok=True)
    sources = SourceFiles()
    found = uptodate.fingerprint(
        "lint", [root / "content"], {}, with_times, sources, FileStats(root / "cache")
    )
    return found


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the up-to-date check reads, by name."""
    read: list[str] = []
    original = uptodate._read

    def counted(path: str) -> Any:
        read.append(os.path.basename(path))
        return original(path)

    monkeypatch.setattr(uptodate, "_read", counted)
    return read


def test_unchanged_files_are_not_read_again(deck: Path, reads: list[str]) -> None:
    first = _fingerprint(deck, reads)
    assert sorted(reads) == ["deck.yaml", "one.md", "two.md"]
    reads.clear()
    assert _fingerprint(deck, reads) == first
    assert reads == []


def test_a_same_size_edit_in_the_same_second_is_read(deck: Path, reads: list[str]) -> None:
    note = deck / "content" / "deck" / "one.md"
    before = os.stat(note)
    first = _fingerprint(deck, reads)
    note.write_text(note.read_text().replace("# Q one?", "# R one?"))
    os.utime(note, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same size and time
    assert os.stat(note).st_size == before.st_size
    reads.clear()
    assert _fingerprint(deck, reads) != first
    assert reads == ["one.md"]


def test_a_touched_unchanged_file_is_read_and_found_the_same(deck: Path, reads: list[str]) -> None:
    note = deck / "content" / "deck" / "two.md"
    first = _fingerprint(deck, reads)
    os.utime(note)
    reads.clear()
    assert _fingerprint(deck, reads) == first  # lint: the bytes are its input, not the time
    assert reads == ["two.md"]
    reads.clear()
    assert _fingerprint(deck, reads) == first
    assert reads == []


def test_a_replaced_file_is_read(deck: Path, reads: list[str]) -> None:
    note = deck / "content" / "deck" / "one.md"
    before = os.stat(note)
    first = _fingerprint(deck, reads)
    replacement = note.with_name("one.tmp")
    replacement.write_text(note.read_text().replace("# Q one?", "# R one?"))
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    replacement.replace(note)  # another inode, the same size and modification time
    reads.clear()
    assert _fingerprint(deck, reads) != first
    assert reads == ["one.md"]


def test_no_cache_folder_is_made_for_the_stats(deck: Path, reads: list[str]) -> None:
    """A run that made no cache (a folder without deck.yaml: nothing is built) leaves no
    build folder behind; the stats are kept from the next run on."""
    stats = FileStats(deck / "build" / ".cache")
    uptodate.fingerprint("lint", [deck / "content"], {}, False, SourceFiles(), stats)
    assert not (deck / "build").exists()


def test_the_identity_of_a_known_note_is_handed_on(deck: Path, reads: list[str]) -> None:
    """A build checks deck records against the id lines of the bytes: known from the stats
    as from a read."""
    (deck / "cache").mkdir()
    for _ in range(2):
        sources = SourceFiles()
        uptodate.fingerprint(
            "build", [deck / "content"], {}, True, sources, FileStats(deck / "cache")
        )
        note = (deck / "content" / "deck" / "one.md").resolve()
        assert sources.identity(note) == (("one",), ())
    assert reads.count("one.md") == 1
