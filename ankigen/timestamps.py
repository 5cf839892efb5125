"""When did each source file's content last change? The answer becomes the note's mod time.

Anki updates a note on import only when the incoming mod time is newer than its copy, so the
mod time must move exactly when the content does: the commit time of the last commit that
touched a clean, committed file; the file's mtime when it has uncommitted changes or there is
no git repository (SOURCE_DATE_EPOCH, when set, stands in for file times without git).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path


def _git(args: list[str], cwd: Path) -> bytes | None:
    try:
        completed = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
            env={**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"},
        )
    except OSError:
        return None
    return completed.stdout if completed.returncode == 0 else None


def _repository_root(folder: Path) -> Path | None:
    output = _git(["rev-parse", "--show-toplevel"], folder)
    return Path(output.decode().strip()).resolve() if output else None


def _commit_times(root: Path, folders: list[Path]) -> dict[str, int]:
    """Last commit time of every file under ``folders``, from one ``git log`` pass."""
    specs = [folder.relative_to(root).as_posix() or "." for folder in folders]
    output = _git(
        ["log", "--format=\x01%ct", "--name-only", "-z", "--no-renames", "--", *specs], root
    )
    times: dict[str, int] = {}
    current = 0
    top = str(root)
    # Records are "\x01<time>", then NUL-separated names (the first one after a newline).
    # Git records paths as they are in the tree, never through a symlinked folder, so joining
    # them to the resolved root gives resolved paths.
    for field in (output or b"").split(b"\x00"):
        entry = field.lstrip(b"\n")
        if entry.startswith(b"\x01"):
            current = int(entry[1:])
        elif entry:
            path = os.path.join(top, *entry.decode("utf-8", "surrogateescape").split("/"))
            times.setdefault(path, current)
    return times


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


def _resolve_all(files: Iterable[Path]) -> list[str]:
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


def modification_times(files: Iterable[Path]) -> dict[Path, int]:
    """Seconds since the epoch at which each file's content last changed."""
    times = times_of_resolved(_resolve_all(files), {})
    return {Path(path): time for path, time in times.items()}


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
    committed = _commit_times(root, inside) if root and inside else {}
    dirty = _dirty_files(root, inside) if root and inside else set()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    times: dict[str, int] = {}
    for path in paths:
        if path in committed and path not in dirty:
            times[path] = committed[path]
        elif root is None and epoch and epoch.isdigit():
            times[path] = int(epoch)
        elif path in mtimes:
            times[path] = mtimes[path]
        else:
            times[path] = int(os.stat(path).st_mtime)
    return times
