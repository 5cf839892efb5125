"""When did each source file's content last change? The answer becomes the note's mod time.

Anki updates a note on import only when the incoming mod time is newer than its copy, so the
mod time must move exactly when the content does. Committed files get the mod that
``history.replay`` derives from the whole git history (strictly later for every change of a
note or its deck.yaml, whatever the commit dates; the last commit's time in a plain history).
A file with uncommitted changes gets its file time, but never less than its committed mod + 1;
without a git repository, the file time (SOURCE_DATE_EPOCH, when set, stands in for it).
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterable, Mapping
from pathlib import Path

from ankigen.package.history import DECK_FILE, git, is_shallow, replay

_git = git

SHALLOW_WARNING = (
    "the git history is shallow (a shallow clone): notes get the time of the oldest fetched "
    "commit instead of their own, so every note looks changed and learners' local edits are "
    "overwritten; fetch the whole history (actions/checkout: 'fetch-depth: 0', or "
    "'git fetch --unshallow')"
)


def _repository_root(folder: Path) -> Path | None:
    output = _git(["rev-parse", "--show-toplevel"], folder)
    return Path(output.decode().strip()).resolve() if output else None


def _committed_mods(root: Path, folders: list[Path]) -> dict[str, int]:
    """The mod of every file under ``folders`` as committed at HEAD (see ``history``)."""
    specs = [folder.relative_to(root).as_posix() or "." for folder in folders]
    state = replay(root, specs) or {}
    top = str(root)
    # Git records paths as they are in the tree, never through a symlinked folder, so joining
    # them to the resolved root gives resolved paths.
    mods: dict[str, int] = {}
    for folder, files in state.items():
        base = os.path.join(top, *folder.split("/")) if folder else top
        for name, (blob, _deck, mod) in files.items():
            if blob is not None:
                mods[os.path.join(base, name)] = mod
    return mods


def shallow_history_warning(files: Iterable[Path | str]) -> str | None:
    """``SHALLOW_WARNING`` when the files are in a shallow clone, else None."""
    given = next(iter(files), None)
    if given is None:
        return None
    first = Path(given)
    root = _repository_root(first.parent if first.parent.is_dir() else Path.cwd())
    return SHALLOW_WARNING if root is not None and is_shallow(root) else None


def _dirty_files(root: Path, folders: list[Path]) -> set[str]:
    specs = [folder.relative_to(root).as_posix() or "." for folder in folders]
    output = _git(
        ["status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all", "--", *specs],
        root,
    )
    dirty: set[str] = set()
    top = str(root)
    for entry in (output or b"").split(b"\x00"):
        if len(entry) > 3:
            name = entry[3:].decode("utf-8", "surrogateescape").rstrip("/")
            dirty.add(os.path.join(top, *name.split("/")))
    return dirty


def _resolve_all(files: Iterable[Path | str]) -> list[str]:
    """The resolved path of every file, resolving each folder once (thousands of notes share a
    few folders, and a full resolve costs a system call per path component)."""
    folders: dict[str, str] = {}
    resolved = set()
    for path in files:
        parent, name = os.path.split(os.fspath(path))
        folder = folders.get(parent)
        if folder is None:
            folder = folders[parent] = os.path.realpath(parent)
        candidate = os.path.join(folder, name)
        resolved.add(os.path.realpath(candidate) if os.path.islink(candidate) else candidate)
    return sorted(resolved)


def modification_times(
    files: Iterable[Path], stamps: Mapping[str, FileStamp] | None = None
) -> dict[Path, int]:
    """Seconds since the epoch at which each file's content last changed; file times come
    from ``stamps`` (see ``file_stamps``) when they cover a file."""
    # Keyed by the caller's own Path where it is resolved already (nearly every note).
    given = {os.fspath(path): path for path in files}
    times = times_by_name(list(given), stamps)
    return {given.get(name) or Path(name): time for name, time in times.items()}


def times_by_name(
    files: Iterable[str], stamps: Mapping[str, FileStamp] | None = None
) -> dict[str, int]:
    """``modification_times`` by path string: keyed by the caller's own string where it is
    resolved already (nearly every note: a build keeps this map to its end, and a second
    string a note costs about a hundred bytes), else by the resolved path (a symlink)."""
    mtimes = {
        path: _STAMP.unpack(stamp)[0] // 1_000_000_000 for path, stamp in (stamps or {}).items()
    }
    given = {name: name for name in files}
    times = times_of_resolved(_resolve_all(given), mtimes)
    return {given.get(name, name): time for name, time in times.items()}


# What tells that a file was written: mtime and ctime (ns), size, inode, packed into one
# bytes object (a build keeps one per file until its end: 65 bytes, not a tuple of four ints).
FileStamp = bytes
_STAMP = struct.Struct("<qqQQ")


def stamp_of(status: os.stat_result) -> FileStamp:
    return _STAMP.pack(status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino)


def _stamp(path: str) -> FileStamp | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return stamp_of(status)


def file_stamps(paths: list[Path]) -> dict[str, FileStamp]:
    """The stamp of every deck.yaml and note file under ``paths`` (resolved path -> stamp),
    taken before they are read: a file whose stamp differs afterwards was written meanwhile,
    and its time may not belong to the text that was read."""
    from ankigen.source.discover import find_deck_folders, note_names

    stamps: dict[str, FileStamp] = {}
    for folder in find_deck_folders(paths)[0]:  # resolved folders
        base = str(folder)
        try:
            names = note_names(base)
        except OSError:
            names = []  # reported by the check that reads the folder
        for name, is_link in [(DECK_FILE, True), *names]:
            path = os.path.join(base, name)
            real = os.path.realpath(path) if is_link else path
            stamp = _stamp(real)
            if stamp is not None:
                stamps[real] = stamp
    return stamps


def keyed_by_files(
    stamps: dict[str, FileStamp], files: Iterable[Path | str]
) -> dict[str, FileStamp]:
    """``stamps`` keyed by each file's own path string (``str(path)``, which the ``Path``
    keeps once made) where that is the stamp's key, not by an equal copy made when the file
    was listed: a build keeps its stamps to its end, and a second string a note costs about
    a hundred bytes. Stamps of other keys (a symlink's target) are kept as they are."""
    keyed: dict[str, FileStamp] = {}
    for path in files:
        name = os.fspath(path)
        stamp = stamps.get(name)
        if stamp is not None:
            keyed[name] = stamp
    for name, stamp in stamps.items():
        keyed.setdefault(name, stamp)
    return keyed


def written_since(stamps: Mapping[str, FileStamp], files: Iterable[Path | str]) -> list[str]:
    """The files (resolved, sorted) that were written, created or removed since ``stamps``."""
    written = set()
    others = []
    for path in files:
        name = os.fspath(path)
        if name in stamps:  # a resolved path (the stamps' keys are): nothing to resolve
            if _stamp(name) != stamps[name]:
                written.add(name)
        else:
            others.append(path)
    written.update(path for path in _resolve_all(others) if _stamp(path) != stamps.get(path))
    return sorted(written)


def times_of_resolved(
    paths: list[str], mtimes: Mapping[str, int], folders: list[Path] | None = None
) -> dict[str, int]:
    """``modification_times`` of resolved path strings; ``mtimes`` are file times the caller
    has read already (saving a stat each), ``folders`` the folders the paths are in, when the
    caller knows them."""
    if not paths:
        return {}
    if folders is None:
        folders = sorted(Path(folder) for folder in {os.path.dirname(path) for path in paths})
    root = _repository_root(folders[0])
    inside = [folder for folder in folders if root and folder.is_relative_to(root)]
    committed = _committed_mods(root, inside) if root and inside else {}
    dirty = _dirty_files(root, inside) if root and inside else set()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if root is None and epoch and epoch.isdigit():
        return dict.fromkeys(paths, int(epoch))

    def file_time(path: str) -> int:
        return mtimes[path] if path in mtimes else int(os.stat(path).st_mtime)

    def edited_time(path: str) -> int:
        """An uncommitted file's time: its file time, but later than what was committed."""
        return max(file_time(path), committed[path] + 1) if path in committed else file_time(path)

    times: dict[str, int] = {}
    for path in paths:
        deck_edited = False
        if dirty:  # (outside git, or with a clean tree, no deck.yaml is edited)
            deck = os.path.join(os.path.dirname(path), DECK_FILE)
            deck_edited = deck != path and deck in dirty
        if path in committed and path not in dirty and not deck_edited:
            times[path] = committed[path]
            continue
        time = edited_time(path) if path in dirty or path not in committed else committed[path]
        if deck_edited:
            # The note shows the edited deck.yaml: later than both its committed self and it.
            time = max(time, edited_time(deck), committed.get(path, -1) + 1)
        times[path] = time
    return times
