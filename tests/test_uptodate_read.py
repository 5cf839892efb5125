"""The up-to-date check reads a file's bytes and time as one version (issue #13, item 1).

A note edited between the check's ``fstat`` and its read would otherwise pair the new text
with the old time, and Anki ignores an update whose time is not newer.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ankigen.package.timestamps import stamp_of
from ankigen.pipeline import uptodate

OLD_TIME = 1_700_000_000
NEW_TIME = 1_700_000_100


def test_a_file_written_during_the_read_is_read_again_with_its_new_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = tmp_path / "note.md"
    note.write_bytes(b"old text\n")
    os.utime(note, (OLD_TIME, OLD_TIME))
    real_read_all = uptodate._read_all
    edits: list[bool] = []

    def edited_while_read(descriptor: int, size: int) -> bytes:
        if not edits:  # an editor saves the note just after the first fstat
            note.write_bytes(b"new text, longer\n")
            os.utime(note, (NEW_TIME, NEW_TIME))
            edits.append(True)
        return real_read_all(descriptor, size)

    monkeypatch.setattr(uptodate, "_read_all", edited_while_read)
    data, status = uptodate._read(str(note))
    assert (data, int(status.st_mtime)) == (b"new text, longer\n", NEW_TIME)
    # the stat of the version read: the build's stamp, and what the file's stats record
    assert stamp_of(status) == stamp_of(os.stat(note))


def test_a_file_that_never_stops_changing_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = tmp_path / "note.md"
    note.write_bytes(b"text\n")
    times = iter(range(OLD_TIME, OLD_TIME + 100))

    def always_edited(descriptor: int, size: int) -> bytes:
        stamp = next(times)
        os.utime(note, (stamp, stamp))
        return b"text\n"

    monkeypatch.setattr(uptodate, "_read_all", always_edited)
    with pytest.raises(OSError, match="kept changing"):
        uptodate._read(str(note))
