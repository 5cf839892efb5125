"""pyspellchecker's English word frequencies, kept across runs beside the compiled patterns.

Building the dictionary from pyspellchecker's own file (gzip'd JSON of 160,000 words) costs
about 0.16 s of every cold lint: AG112 and the spelling suggestions need its frequencies, so
even a stored word list does not avoid it. The same table read back with ``marshal`` costs a
third of that. It lives in the pattern store's folder (the user's cache folder, or
``ANKIGEN_PATTERN_STORE``; ``off`` turns both off), not in the project's ``build/.cache``,
which a cold lint deletes; in one file per Python and pyspellchecker version, with the
pattern store's header and CRC-32 (``pattern_store.read_store``): a file of another Python, a
damaged file or a table of the wrong shape is ignored, and the dictionary is built as before.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import spellchecker

from ankigen.lint.pattern_store import read_store, store_path, write_store

_KEY = ("pyspellchecker-en", "", 0)


@cache
def _path() -> Path | None:
    try:
        patterns = store_path()
    except (RuntimeError, OSError):  # no home folder
        return None
    if patterns is None:
        return None
    version = getattr(spellchecker, "__version__", "unknown")
    return patterns.with_name(f"{patterns.stem.replace('patterns', 'words')}-{version}.bin")


def read() -> dict[str, int] | None:
    """The stored table (word -> count), or None when there is none that can be used."""
    path = _path()
    if path is None:
        return None
    table = read_store(path)[1].get(_KEY)
    if not isinstance(table, dict) or not table:
        return None
    # One pass in C each: every word a string, every count an integer.
    if not (set(map(type, table)) <= {str} and set(map(type, table.values())) <= {int}):
        return None
    return table


def write(table: dict[str, int]) -> None:
    """Keep ``table`` for later runs (a store that cannot be written only costs time)."""
    path = _path()
    if path is None:
        return
    try:
        write_store(path, {}, {_KEY: table})
    except OSError:
        return
