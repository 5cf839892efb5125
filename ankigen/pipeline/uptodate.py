"""Is the stored outcome of the last run still the answer? Decided before anything heavy loads.

A run's inputs are: ankigen's code fingerprint, the command and its options, the
``[tool.ankigen]`` settings, every deck.yaml and note file (names and bytes) under the
targets, and for builds each file's modification time (it becomes the note's mod time) and the
media files the notes used. When all of them are what they were when the outcome was stored,
and the packages the outcome describes are still on disk byte for byte, the stored outcome is
printed instead of running again. Only outcomes without structural errors are stored: such an
error may come from a file outside this set (an image that does not exist yet).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

from ankigen.cache.file_stats import FileStats
from ankigen.cache.files import Digest, code_fingerprint, content_digest
from ankigen.codes import is_structural
from ankigen.diagnostics import Diagnostic, Severity, diagnostic_from_json, diagnostic_to_json
from ankigen.source.discover import DECK_FILE, SourceFiles, find_deck_folders, note_names


def fingerprint(
    command: str,
    targets: list[Path],
    options: dict[str, Any],
    with_times: bool,
    sources: SourceFiles | None = None,
    stats: FileStats | None = None,
) -> str | None:
    """One digest of everything a run of ``command`` over ``targets`` depends on (None when a
    file vanished while it was read: then nothing stored can be trusted to match).

    A file whose stat ``stats`` recorded (and not racily) is not read: its recorded digest
    and stated identity stand for its bytes. Every file read is recorded there.

    Works on path strings and plain system calls: for thousands of files, pathlib's objects
    and buffered file objects cost more than reading the files.
    """
    from ankigen.package.timestamps import FileStamp, stamp_of, times_of_resolved

    known = stats or FileStats(None)

    folders, problems = find_deck_folders(targets)
    parts = Digest()
    parts.add(
        code_fingerprint(),
        command,
        json.dumps(options, sort_keys=True, default=str),
        *(problem.format() for problem in problems),
    )
    mtimes: dict[str, int] = {}
    stamps: dict[str, FileStamp] | None = {}  # None once a file could not be read
    resolved: list[str] = []
    inside = True  # whether every file is in a deck folder (no symlink leads elsewhere)
    for folder in folders:  # resolved already
        base = str(folder)
        names = note_names(base)
        if sources is not None:
            sources.keep_listing(base, names)
        for name, is_link in [(DECK_FILE, False), *names]:
            path = f"{base}{os.sep}{name}"
            try:
                status = os.stat(path)
                recorded = known.known(base, name, status)
                if recorded is None:
                    content, identity, status = _read_new(path, name != DECK_FILE)
                    known.remember(base, name, status, content, identity)
                else:
                    content, identity = recorded
            except OSError:
                parts.add(path, "<unreadable>")
                stamps = None  # the build takes its own
                continue
            mtime, stamp = int(status.st_mtime), stamp_of(status)
            parts.add(path, content)
            real = path
            if is_link or name == DECK_FILE:
                real = os.path.realpath(path)
                inside = inside and os.path.dirname(real) == base
            mtimes[real] = mtime
            if stamps is not None:
                stamps[real] = stamp
            resolved.append(real)
            if sources is not None and name != DECK_FILE:
                # A build checks a deck record's ids against these bytes' front matter.
                sources.keep(path, content, _stated(identity) if with_times else None)
    known.save()
    if sources is not None:
        sources.stamps = stamps
    if with_times:
        try:
            times = times_of_resolved(sorted(set(resolved)), mtimes, folders if inside else None)
        except OSError:
            return None
        if sources is not None:
            sources.times = times
        parts.add(*(f"{path}\0{time}" for path, time in sorted(times.items())))
    return parts.hexdigest()


def _read_new(path: str, note: bool) -> tuple[bytes, Any, os.stat_result]:
    """A file's ``content_digest``, the id and GUID lines a note states (JSON data, None
    when not a note or not text) and its stat, all of the same version of the file."""
    from ankigen.source.identity import stated_identity
    from ankigen.source.text import decoded_text

    data, status = _read(path)
    # Each file's bytes are hashed once: their digest stands for them here, and is what the
    # check keeps of a note to tell that it reads the same bytes again.
    text = decoded_text(data) if note else None
    identity = None if text is None else [list(part) for part in stated_identity(text)]
    return content_digest(data), identity, status


def _stated(identity: Any) -> Any:
    """A recorded identity (``_read_new``'s JSON form) as ``stated_identity`` gives it; None
    when it is not a pair (a record is never trusted to be well formed: a value that is not
    a string only makes ``identity_stated`` false, so the values are not checked one by one)."""
    try:
        ids, guids = identity
        return tuple(ids), tuple(guids)
    except (TypeError, ValueError):
        return None


_READ_ATTEMPTS = 5  # a file rewritten this often while it is read is an error, not a race


def _read(path: str) -> tuple[bytes, os.stat_result]:
    """A file's bytes and stat (taken before the read), of the same version: the stat is
    taken before and after the read, and a file written in between is read again, so new text
    is never paired with the old time."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        for _ in range(_READ_ATTEMPTS):
            before = os.fstat(descriptor)
            os.lseek(descriptor, 0, os.SEEK_SET)
            data = _read_all(descriptor, before.st_size)
            after = os.fstat(descriptor)
            if (before.st_mtime_ns, before.st_size) == (after.st_mtime_ns, after.st_size):
                return data, before
        raise OSError(f"{path} kept changing while it was read: run the command again")
    finally:
        os.close(descriptor)


def _read_all(descriptor: int, size: int) -> bytes:
    """One call when the file is as large as fstat says; a short read or a file that changed
    size meanwhile is read on to its end."""
    data = os.read(descriptor, size + 1)
    if len(data) == size:
        return data
    chunks = [data]
    while chunk := os.read(descriptor, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _sha256(path: Path) -> str | None:
    """The SHA-256 of a regular file, read in chunks; None for anything else. The paths come
    from a stored record, which a forged cache could point at /dev/zero or a FIFO."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        hasher = hashlib.sha256()
        while chunk := os.read(descriptor, 1 << 20):
            hasher.update(chunk)
        return hasher.hexdigest()
    except OSError:
        return None
    finally:
        os.close(descriptor)


def storable(diagnostics: list[Diagnostic]) -> bool:
    """Whether an outcome may be stored: no structural error, which could depend on a file the
    fingerprint does not cover (a missing image, an unreadable folder)."""
    return not any(d.severity is Severity.ERROR and is_structural(d.code) for d in diagnostics)


def encode_diagnostics(diagnostics: list[Diagnostic]) -> list[Any]:
    return [[str(d.path), *diagnostic_to_json(d)] for d in diagnostics]


def decode_diagnostics(items: Any) -> list[Diagnostic] | None:
    try:
        return [diagnostic_from_json(Path(item[0]), item[1:]) for item in items]
    except (TypeError, ValueError, IndexError):
        return None


def file_record(paths: list[Path]) -> list[list[str]]:
    """Each file with the SHA-256 of its bytes, to tell later whether it is still the same."""
    return [[str(path), _sha256(path) or ""] for path in paths]


def files_intact(record: Any) -> bool:
    """Whether every file of a ``file_record`` still has the recorded bytes."""
    try:
        return all(_sha256(Path(path)) == sha for path, sha in record)
    except (TypeError, ValueError):
        return False
