"""The temporary package files of a build: held while written, removed when left behind.

A build writes each package to ``.<deck>.<8 random characters>.apkg.tmp`` in the output
folder (``tempfile.mkstemp``'s names) and renames it into place at the end. A build that is
killed leaves these behind; the next build removes them, but only files with exactly that
name pattern, only regular files, and only when no running build holds them: each build keeps
an exclusive ``flock`` on its own temporary files until it is done (where ``fcntl`` does not
exist, nothing is removed).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks, so no file can be shown to be stale
    fcntl = None  # type: ignore[assignment]

TEMPORARY_SUFFIX = ".apkg.tmp"
# '.' + deck slug + '.' + mkstemp's 8 characters + suffix: nothing a person names a file.
_OWN_NAME = re.compile(r"^\.[a-z0-9][a-z0-9-]*\.[a-z0-9_]{8}\.apkg\.tmp$")


def hold(handle: int) -> None:
    """Mark a temporary package as in use for as long as ``handle`` stays open."""
    if fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unused(path: Path) -> bool:
    """Whether a temporary file is a regular file that no running build holds."""
    if fcntl is None:
        return False
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:  # a symlink (O_NOFOLLOW), gone meanwhile, unreadable: not ours
        return False
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):  # a FIFO or a device: not ours
            return False
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held by a build that is still writing
        return False
    finally:
        os.close(handle)
    return True


def remove_stale(out_dir: Path) -> list[Path]:
    """Remove the temporary packages that killed builds left in ``out_dir``; return them."""
    try:
        names = sorted(os.listdir(out_dir))
    except OSError:
        return []
    removed = []
    for name in names:
        path = out_dir / name
        if _OWN_NAME.match(name) and _unused(path):
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed
