"""A store of compiled patterns across runs, as CPython's ``__pycache__`` is for code.

Compiling the patterns a cold lint reaches is most of its start-up: re's parser and code
generator take about 1.5 s for the 800 module-level patterns `content/` needs (several of
them word lists of 10,000 to 21,000 characters). What they produce, a list of integers handed to
``_sre.compile``, depends only on the pattern, its flags and the Python that compiled it, so
it is kept in one file per Python and read back on the next run: building a pattern from it
costs ``_sre.compile`` alone (which checks the code it is given, see below).

Where: the user's cache folder (``$XDG_CACHE_HOME/ankigen``, else ``~/.cache/ankigen``), or
the folder named by ``ANKIGEN_PATTERN_STORE`` (``off`` turns the store off). Not the
project's ``build/.cache``: the compiled code belongs to the Python, not to a project, and a
cold lint deletes that folder; not next to the installed package, which is often read-only.

Safety, so that a pattern from the store is the pattern ``re.compile`` gives:
- the file name and its header carry the exact Python (``sys.version``, ``sys.hexversion``,
  the platform, byte order and word size) and re's engine (``_sre.MAGIC``,
  ``_sre.CODESIZE``); a file with another header is ignored;
- the entries carry a CRC-32 checked on load, and each is keyed by the exact pattern text and
  flags;
- ``_sre.compile`` validates the code it is given (``invalid SRE code`` otherwise);
- any error while reading, decoding or building falls back to re's own compiler;
- the file is written whole to a temporary file and renamed over the old one (atomic), at the
  end of a run that compiled patterns the store did not have, merged with what is on disk.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib
import marshal
import os
import re
import sys
import tempfile
import zlib
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

# re's private compiler and engine (stable since Python 3.11; prefilter.py reads the parser too).
_compiler: Any = importlib.import_module("re._compiler")
_parser: Any = importlib.import_module("re._parser")
_sre: Any = importlib.import_module("_sre")

FORMAT = 1
ENV_VARIABLE = "ANKIGEN_PATTERN_STORE"
# A store that grew past this many patterns (older ankigen versions' patterns) starts again
# from the patterns of the run that writes it.
MAX_ENTRIES = 6000

# (pattern, flags asked) -> (flags of the compiled pattern, code as bytes, groups,
# group names with their numbers, name of each group by number)
Entry = tuple[int, bytes, int, tuple[tuple[str, int], ...], tuple[str | None, ...]]
Key = tuple[str, int]
# Other facts read from a pattern (the prefilter's requirements): (kind, pattern, flags), the
# kind naming the code that computed them (with a digest of it), so changed code misses.
FactKey = tuple[str, str, int]
T = TypeVar("T")

_CODE_TYPE = "I" if array("I").itemsize == _sre.CODESIZE else "L"
_HEADER = (
    FORMAT,
    sys.version,
    sys.hexversion,
    sys.platform,
    sys.byteorder,
    sys.maxsize,
    _sre.MAGIC,
    _sre.CODESIZE,
)


class PatternStore:
    """The compiled patterns of one file: those read from it and those compiled in this run."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries, self.facts = read_store(path) if path is not None else ({}, {})
        self.added: dict[Key, Entry] = {}
        self.added_facts: dict[FactKey, object] = {}
        self.used: set[Key] = set()
        self.used_facts: set[FactKey] = set()

    def compile(self, source: str, flags: int) -> Any:
        """``re.compile(source, flags)``, from the store when it holds the pattern."""
        flags = int(flags)  # a RegexFlag would not marshal
        key = (source, flags)
        self.used.add(key)
        entry = self.entries.get(key)
        if entry is not None:
            try:
                return build(source, entry)
            except Exception:  # a bad entry: compiled again below
                del self.entries[key]
        try:
            compiled, entry = compile_fresh(source, flags)
        except Exception:  # re's internals differ on this Python: its public compiler
            return re.compile(source, flags)
        if entry is not None:
            self.entries[key] = self.added[key] = entry
        return compiled

    def remembered(self, key: FactKey, compute: Callable[[], T]) -> T:
        """A fact about a pattern: from the store when it holds it, else computed (and kept
        if marshal can store it)."""
        self.used_facts.add(key)
        if key in self.facts:
            return cast("T", self.facts[key])
        value = compute()
        try:
            marshal.dumps(cast(Any, value))
        except ValueError:
            return value
        self.facts[key] = self.added_facts[key] = value
        return value

    def save(self) -> None:
        """Write the store if this run compiled patterns it did not hold (merged with the file
        as it is now: another process may have written it meanwhile)."""
        if self.path is None or not (self.added or self.added_facts):
            return
        try:
            self._merge_and_write(self.path)
        except Exception:  # at exit: a store not written is compiled again
            return
        self.added, self.added_facts = {}, {}

    def _merge_and_write(self, path: Path) -> None:
        entries, facts = read_store(path)
        if len(entries) + len(self.added) + len(facts) + len(self.added_facts) > MAX_ENTRIES:
            entries = {key: self.entries[key] for key in self.used if key in self.entries}
            facts = {key: self.facts[key] for key in self.used_facts if key in self.facts}
        entries.update(self.added)
        facts.update(self.added_facts)
        write_store(path, entries, facts)


def compile_fresh(source: str, flags: int) -> tuple[Any, Entry | None]:
    """What ``re._compiler.compile`` does, keeping the code it hands to ``_sre.compile``."""
    if flags & _compiler.SRE_FLAG_DEBUG:
        return _compiler.compile(source, flags), None  # prints the code: not from a store
    parsed = _parser.parse(source, flags)
    code: list[int] = _compiler._code(parsed, flags)
    state = parsed.state
    names: list[str | None] = [None] * state.groups
    for name, number in state.groupdict.items():
        names[number] = name
    entry: Entry = (
        flags | state.flags,
        array(_CODE_TYPE, code).tobytes(),
        state.groups - 1,
        tuple(state.groupdict.items()),
        tuple(names),
    )
    compiled = _sre.compile(source, entry[0], code, entry[2], dict(entry[3]), entry[4])
    return compiled, entry


def build(source: str, entry: Entry) -> Any:
    """The compiled pattern of a stored entry (``_sre.compile`` validates the code)."""
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(
        source, flags, array(_CODE_TYPE, code).tolist(), groups, dict(groupindex), indexgroup
    )


def read_store(path: Path) -> tuple[dict[Key, Entry], dict[FactKey, object]]:
    """The compiled patterns and facts of a store file; none if it is missing, of another
    Python or damaged."""
    try:
        header, checksum, payload = marshal.loads(path.read_bytes())
        if header != _HEADER or zlib.crc32(payload) != checksum:
            return {}, {}
        entries, facts = marshal.loads(payload)
    except Exception:  # missing, truncated or foreign: start empty
        return {}, {}
    if not (isinstance(entries, dict) and isinstance(facts, dict)):
        return {}, {}
    return entries, facts


def read_entries(path: Path) -> dict[Key, Entry]:
    """The compiled patterns of a store file."""
    return read_store(path)[0]


def write_store(path: Path, entries: dict[Key, Entry], facts: dict[FactKey, object]) -> None:
    """Write the store to ``path`` atomically (a temporary file renamed over it)."""
    payload = marshal.dumps((entries, facts))
    data = marshal.dumps((_HEADER, zlib.crc32(payload), payload))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def store_path(environ: dict[str, str] | os._Environ[str] = os.environ) -> Path | None:
    """The store file of this Python, or None when the store is turned off."""
    folder_name = environ.get(ENV_VARIABLE, "")
    if folder_name.lower() in {"off", "0", "no", "false"}:
        return None
    if folder_name:
        folder = Path(folder_name)
    else:
        cache_home = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(cache_home) / "ankigen"
    tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return folder / f"patterns-{tag}.bin"


_store: PatternStore | None = None


_store_pid = 0  # the process that registered the store's saving


def _run_store() -> PatternStore:
    """This run's store, opened on first use and saved when the process ends."""
    global _store, _store_pid
    if _store is None:
        try:
            path = store_path()
        except (RuntimeError, OSError):  # no home folder
            path = None
        _store = PatternStore(path)
        atexit.register(_store.save)
        _store_pid = os.getpid()
    elif _store_pid != os.getpid():
        # A worker forked by the build's process pool: it ends through os._exit, which runs
        # no atexit handler, only multiprocessing's finalisers.
        _store_pid = os.getpid()
        util: Any = sys.modules.get("multiprocessing.util")
        if util is not None:
            util.Finalize(_store, _store.save, exitpriority=0)
    return _store


def compile_pattern(source: str, flags: int) -> Any:
    """``re.compile(source, flags)`` through this run's store."""
    return _run_store().compile(source, flags)


def remembered(kind: str, source: str, flags: int, compute: Callable[[], T]) -> T:
    """A fact of ``kind`` about a pattern through this run's store (``compute`` gives it)."""
    return _run_store().remembered((kind, source, int(flags)), compute)


def code_digest(path: str) -> str:
    """A digest of a module's source file, for the kind of the facts its code computes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
