"""What the up-to-date check learnt of each source file, by the file's stat: a file whose stat
is the recorded one is taken to hold the bytes it held then, so it is not read and hashed again
(git's index does the same).

A file's stat here is its size, inode, modification and change times (nanoseconds). Any write
moves the change time to the kernel's clock at that moment (a tool can set the modification
time back, never the change time), and a replaced file has another inode. What a stat cannot
tell is a write in the same clock tick as the read it was recorded at: git's "racy" files. So
each folder's record keeps when its reading started, and an entry is used only for a file whose
modification and change times are older than that by ``RACY_MARGIN_NS`` (coarse clocks of some
file systems included); a file written any later is read and hashed again, every run.

One small record per deck folder under ``<build>/.cache/stats/``, JSON checked like every
cache file (anything malformed is no record), rewritten only when an entry of it changed.
Like all of the cache it is disposable: ``--no-cache`` does not read it, and deleting it only
costs the next run a read of every file.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from ankigen.cache.files import _read_checked, _write_checked, digest

# A file written less than this before its recorded read is read again: it covers file systems
# that keep times in whole seconds (two for FAT) and the kernel's coarse clock.
RACY_MARGIN_NS = 3_000_000_000

# An entry: mtime_ns, ctime_ns, size, inode, digest (hex), then what the reader derived of the
# bytes (the id and GUID lines a note states: JSON data, opaque here; None for deck.yaml).
_Entry = list[Any]


def _stat_key(status: os.stat_result) -> tuple[int, int, int, int]:
    return status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino


class _Folder:
    def __init__(self, payload: Any) -> None:
        self.read_ns = 0  # when the recorded reading started; 0: no entry is usable
        self.entries: dict[str, _Entry] = {}
        if isinstance(payload, dict):
            read_ns, entries = payload.get("read_ns"), payload.get("files")
            if isinstance(read_ns, int) and isinstance(entries, dict):
                self.read_ns, self.entries = read_ns, entries
        self.fresh: dict[str, _Entry] = {}  # what this run recorded, every file it listed
        self.changed = False
        self.started_ns = time.time_ns()


class FileStats:
    """The recorded stats of the files under one cache folder (None: remember nothing)."""

    def __init__(self, folder: Path | None) -> None:
        self._folder = folder
        self._folders: dict[str, _Folder] = {}

    def _path(self, folder: str) -> Path:
        assert self._folder is not None
        return self._folder / "stats" / f"{digest(folder)[:24]}.json"

    def _of(self, folder: str) -> _Folder:
        record = self._folders.get(folder)
        if record is None:
            payload = None if self._folder is None else _read_checked(self._path(folder))
            if isinstance(payload, dict) and payload.get("folder") != folder:
                payload = None
            record = self._folders[folder] = _Folder(payload)
        return record

    def known(self, folder: str, name: str, status: os.stat_result) -> tuple[bytes, Any] | None:
        """The digest of the bytes of ``folder/name`` and what was derived of them, when its
        stat ``status`` is the recorded one and was not racy; None: read the file."""
        record = self._of(folder)
        entry = record.entries.get(name)
        try:
            if entry is None or len(entry) != 6 or tuple(entry[:4]) != _stat_key(status):
                return None
            if max(status.st_mtime_ns, status.st_ctime_ns) >= record.read_ns - RACY_MARGIN_NS:
                record.changed = True  # read again now: recorded with this run's time
                return None  # written about when it was read: the bytes may be newer
            content = bytes.fromhex(entry[4])
        except (TypeError, ValueError):
            return None
        if len(content) != 32:
            return None
        record.fresh[name] = entry
        return content, entry[5]

    def remember(
        self, folder: str, name: str, status: os.stat_result, content: bytes, derived: Any
    ) -> None:
        """Record that ``folder/name``, of stat ``status`` (taken before its bytes were read,
        and the same after), held bytes of digest ``content``."""
        record = self._of(folder)
        entry = [*_stat_key(status), content.hex(), derived]
        record.fresh[name] = entry
        record.changed = record.changed or record.entries.get(name) != entry

    def save(self) -> None:
        """Rewrite the record of every folder whose files changed (or were added or removed)
        since it was written, into a cache folder that exists already (a first run's is made
        by the stores after this). A folder's reading time is the start of this run's reading of
        it, so that files written during this run count as racy next time."""
        if self._folder is None or not self._folder.is_dir():
            return  # a run that made no cache (nothing to build) leaves no folder behind
        for folder, record in self._folders.items():
            if record.changed or record.fresh.keys() != record.entries.keys():
                payload = {"folder": folder, "read_ns": record.started_ns, "files": record.fresh}
                _write_checked(self._path(folder), payload)
        self._folders.clear()
