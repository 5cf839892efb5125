"""The build cache under ``<build>/.cache/``: content-addressed, disposable, never trusted.

Two kinds of entries, both plain JSON (nothing in them can run code):

- per note, in one pack file per deck folder: what loading, rendering and the per-note lint
  rules made of the note, keyed by the note file's bytes, its path, its deck.yaml's bytes and
  the code fingerprint (ankigen's own files, the versions of the libraries that shape the
  output, Python's version);
- per deck folder (`decks/`), a record of what the later stages read of each note (its
  identity, findings, project-rule inputs, a digest of what its package holds), keyed by
  every note's key: an unchanged deck is taken from it without decoding its notes;
- per command, the whole outcome of a run (`results/`), keyed by every input's bytes, for the
  up-to-date check that answers a rebuild with nothing changed without loading anything.

Any file that does not parse, has the wrong format number or fails its checksum is ignored
(and rewritten on the next save); an entry is only ever used for exactly the bytes it was made
from. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import ankigen

FORMAT = 2  # 2: front matter stored with the model's own dump
CACHE_DIR = ".cache"
# Libraries whose version changes what a note renders to or which findings it gets.
_SHAPING_DISTRIBUTIONS = (
    "genanki",
    "markdown-it-py",
    "mdit-py-plugins",
    "nh3",
    "pydantic",
    "pyflakes",
    "pygments",
    "pyspellchecker",
    "pyyaml",
    "rapidfuzz",
)
_PACKAGE_SUFFIXES = frozenset({".py", ".yaml", ".txt", ".css", ".json", ".js", ".html"})


def _feed(hasher: Any, parts: tuple[bytes | str, ...]) -> Any:
    chunks: list[bytes] = []
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        chunks += (len(data).to_bytes(8, "big"), data)
    hasher.update(b"".join(chunks))  # one call: thousands of small updates cost more
    return hasher


def content_digest(data: bytes) -> bytes:
    """The SHA-256 of a file's bytes (32 bytes): what a run keeps of a note file between
    reading it for its keys and reading it again to check it, to tell that it is the same."""
    return hashlib.sha256(data).digest()


def digest(*parts: bytes | str) -> str:
    """SHA-256 of the parts, each length-prefixed so that no two sequences collide."""
    return str(_feed(hashlib.sha256(), parts).hexdigest())


class Digest:
    """``digest`` of parts given a few at a time, hashed in batches of a few megabytes (the
    bytes of 100,000 files are not all held at once)."""

    _BATCH = 1 << 22

    def __init__(self) -> None:
        self._hasher = hashlib.sha256()
        self._pending: list[bytes | str] = []
        self._size = 0

    def add(self, *parts: bytes | str) -> None:
        self._pending += parts
        self._size += sum(len(part) for part in parts)
        if self._size >= self._BATCH:
            self._flush()

    def _flush(self) -> None:
        _feed(self._hasher, tuple(self._pending))
        self._pending, self._size = [], 0

    def hexdigest(self) -> str:
        self._flush()
        return str(self._hasher.hexdigest())


@cache
def code_fingerprint() -> str:
    """Changes whenever ankigen's code or data, a shaping library or Python changes."""
    package = Path(ankigen.__file__).parent
    parts: list[bytes | str] = [str(FORMAT), sys.version]
    for path in sorted(package.rglob("*")):
        if path.suffix in _PACKAGE_SUFFIXES and "__pycache__" not in path.parts:
            parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    parts += _installed_distributions()
    return digest(*parts)


def _installed_distributions() -> list[str]:
    """``name-version.dist-info`` of each shaping library (a directory listing is much quicker
    than ``importlib.metadata``, which parses every METADATA file)."""
    wanted = {name.replace("-", "_") for name in _SHAPING_DISTRIBUTIONS}
    found = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info") and name.split("-", 1)[0].lower() in wanted:
                found.add(name)
    return sorted(found)


# A pack holds one deck's notes (about 2 KiB each); a file larger than this is not ours.
MAX_CACHE_FILE_BYTES = 512 * 1024 * 1024
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _in_real_folder(path: Path) -> bool:
    """Whether the folder of a cache file (``notes/``, ``results/``, ``derived/``) is a real
    folder, not a symlink that would lead reads and writes elsewhere."""
    try:
        return stat.S_ISDIR(os.lstat(path.parent).st_mode)
    except OSError:
        return False


def _read_regular(path: Path) -> bytes | None:
    """The bytes of a regular file of at most ``MAX_CACHE_FILE_BYTES``; None for anything else.

    Symlinks are never followed and a FIFO or device is refused before it is read: a restored
    cache could hold a link to /dev/zero (memory exhausted) or a FIFO (a read that never ends).
    """
    if not _in_real_folder(path):
        return None
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError:  # absent, or a symlink (ELOOP with O_NOFOLLOW)
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_CACHE_FILE_BYTES:
            return None
        chunks = []
        remaining = MAX_CACHE_FILE_BYTES + 1
        while remaining > 0 and (chunk := os.read(descriptor, min(remaining, 1 << 24))):
            chunks.append(chunk)
            remaining -= len(chunk)
        return None if remaining <= 0 else b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _read_checked(path: Path) -> Any:
    """The payload of a cache file, or None when it is absent, damaged, of another format, or
    not a regular file."""
    data = _read_regular(path)
    if data is None:
        return None
    try:
        header, _, body = data.partition(b"\n")
        meta = json.loads(header)
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            return None
        if meta.get("sha256") != hashlib.sha256(body).hexdigest():
            return None
        return json.loads(body)
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _header(sha256: str) -> bytes:
    return json.dumps({"format": FORMAT, "sha256": sha256}).encode("ascii") + b"\n"


def _body_parts(payload: Any) -> Iterator[str]:
    """``json.dumps(payload, separators=(",", ":"), ensure_ascii=False)`` in pieces: a dict's
    entries one at a time, so that a large pack is never held whole as text or bytes."""
    if not (isinstance(payload, dict) and all(type(key) is str for key in payload)):
        yield json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
        return
    yield "{"
    for index, (key, value) in enumerate(payload.items()):
        entry = json.dumps({key: value}, separators=(",", ":"), ensure_ascii=False)
        yield ("," if index else "") + entry[1:-1]
    yield "}"


def _blocks(parts: Iterable[str], size: int = 1 << 20) -> Iterator[bytes]:
    """The parts encoded, in blocks of about ``size`` characters (few writes, little held)."""
    pending: list[str] = []
    length = 0
    for part in parts:
        pending.append(part)
        length += len(part)
        if length >= size:
            yield "".join(pending).encode("utf-8")
            pending, length = [], 0
    yield "".join(pending).encode("utf-8")


def _write_checked(path: Path, payload: Any) -> None:
    """Write atomically (a reader sees the old file or the new one, never half of one). The
    body is encoded and hashed piece by piece behind a header of fixed length, which is
    written again with the body's checksum at the end."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not _in_real_folder(path):
            return  # a symlinked folder would put the file elsewhere
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError:
        return  # a cache that cannot be written only costs time on the next run
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(_header("0" * 64))  # the same length as the real one
            hasher = hashlib.sha256()
            for block in _blocks(_body_parts(payload)):
                hasher.update(block)
                stream.write(block)
            stream.seek(0)
            stream.write(_header(hasher.hexdigest()))
        os.replace(name, path)
    except BaseException as error:
        Path(name).unlink(missing_ok=True)
        if not isinstance(error, OSError):
            raise


class NoteCache:
    """Per-note entries on disk, one pack file per deck folder (a ``stores.NoteStore``)."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._packs: dict[Path, dict[str, Any]] = {}  # deck folder -> entries read
        self._used: dict[Path, dict[str, Any]] = {}  # deck folder -> entries of this run
        self._dirty: set[Path] = set()
        self._prefixes: dict[bytes, Any] = {}

    @property
    def enabled(self) -> bool:
        return True

    def _pack_path(self, deck_folder: Path) -> Path:
        return self._folder / "notes" / f"{digest(str(deck_folder))[:24]}.json"

    def key(self, deck_bytes: bytes, path: Path, content: bytes) -> str:
        """``digest(code fingerprint, deck_bytes, path, content)``, ``content`` being the
        note bytes' ``content_digest`` (a check keeps that while the note waits, not its
        bytes); the common prefix is hashed once per deck."""
        prefix = self._prefixes.get(deck_bytes)
        if prefix is None:
            prefix = _feed(hashlib.sha256(), (code_fingerprint(), deck_bytes))
            self._prefixes[deck_bytes] = prefix
        return str(_feed(prefix.copy(), (str(path), content)).hexdigest())

    def get(self, deck_folder: Path, key: str) -> dict[str, Any] | None:
        if deck_folder not in self._packs:
            payload = _read_checked(self._pack_path(deck_folder))
            self._packs[deck_folder] = payload if isinstance(payload, dict) else {}
        entry = self._packs[deck_folder].get(key)
        return entry if isinstance(entry, dict) else None

    def keep(self, deck_folder: Path, key: str, entry: dict[str, Any], changed: bool) -> None:
        """Record that this run used ``entry``; a pack is rewritten only if it changed."""
        self._used.setdefault(deck_folder, {})[key] = entry
        if changed:
            self._dirty.add(deck_folder)

    def release(self, deck_folder: Path) -> None:
        """Write the pack of a deck folder whose notes are all done if this run changed it,
        holding only the entries this run used (so entries of edited or deleted notes do not
        pile up), and forget the folder: the decoded notes live on, the JSON is not needed."""
        used = self._used.pop(deck_folder, None)
        read = self._packs.pop(deck_folder, {})
        if used is not None and (deck_folder in self._dirty or set(read) != set(used)):
            _write_checked(self._pack_path(deck_folder), used)
        self._dirty.discard(deck_folder)

    def _record_path(self, deck_folder: Path) -> Path:
        return self._folder / "decks" / f"{digest(str(deck_folder))[:24]}.json"

    def deck_record(self, deck_folder: Path, key: str) -> dict[str, Any] | None:
        """The deck folder's record if it was made from ``key`` (one small file per folder,
        read without the folder's pack)."""
        payload = _read_checked(self._record_path(deck_folder))
        if not isinstance(payload, dict) or payload.get("key") != key:
            return None
        record = payload.get("record")
        return record if isinstance(record, dict) else None

    def keep_deck_record(self, deck_folder: Path, key: str, record: dict[str, Any]) -> None:
        _write_checked(self._record_path(deck_folder), {"key": key, "record": record})

    def save(self) -> None:
        """``release`` every deck folder still held."""
        for deck_folder in sorted(self._used):
            self.release(deck_folder)
        self._packs.clear()
        self._dirty.clear()


class ResultCache:
    """The stored outcome of a whole command for one set of inputs."""

    def __init__(self, folder: Path | None) -> None:
        self._folder = folder

    def _path(self, name: str) -> Path:
        assert self._folder is not None
        return self._folder / "results" / f"{digest(name)[:24]}.json"

    def get(self, name: str, fingerprint: str) -> dict[str, Any] | None:
        if self._folder is None:
            return None
        payload = _read_checked(self._path(name))
        if not isinstance(payload, dict) or payload.get("fingerprint") != fingerprint:
            return None
        result = payload.get("result")
        return result if isinstance(result, dict) else None

    def put(self, name: str, fingerprint: str, result: dict[str, Any]) -> None:
        if self._folder is not None:
            _write_checked(self._path(name), {"fingerprint": fingerprint, "result": result})

    # As a ``stores.PackageStore``: a package is an outcome named by its path.
    def written_from(self, target: Path, key: str) -> str | None:
        record = self.get(f"package {target.resolve()}", key)
        sha256 = None if record is None else record.get("sha256")
        return sha256 if isinstance(sha256, str) else None

    def record(self, target: Path, key: str, sha256: str) -> None:
        self.put(f"package {target.resolve()}", key, {"sha256": sha256})


# Where derived data (such as the spelling dictionary's word list) is kept between runs; set by
# the CLI to its cache folder. None: compute it every run.
_derived_folder: Path | None = None


def keep_derived_data_in(folder: Path | None) -> None:
    global _derived_folder
    _derived_folder = folder


def keeps_derived_data() -> bool:
    """Whether derived data is kept between runs (a cache folder is set): without one, a
    key for ``derived_data`` is never worth making."""
    return _derived_folder is not None


def derived_words(name: str, version: str, compute: Callable[[], Iterable[str]]) -> frozenset[str]:
    """A set of words that takes long to compute but depends only on ``version``: read from
    the cache folder when it holds a valid copy, else computed (and stored)."""
    folder = _derived_folder
    path = None if folder is None else folder / "derived" / f"{name}-{digest(version)[:24]}.json"
    if path is None:
        return frozenset(compute())  # nothing to write: no order to make
    stored = _read_checked(path)
    if isinstance(stored, list) and set(map(type, stored)) <= {str}:  # (one pass in C)
        return frozenset(stored)
    # Deduplicated in the computed order, then sorted: the dictionary's words come nearly
    # sorted, so this costs a few milliseconds where sorting the frozenset's order cost 60.
    ordered = sorted(dict.fromkeys(compute()))
    _write_checked(path, ordered)
    return frozenset(ordered)


def derived_data(name: str, key: str) -> Any:
    """The data last kept under ``name`` (``keep_derived_data``) if it was kept for ``key``,
    else None (also with no cache folder). One file a name: a new key replaces the old."""
    folder = _derived_folder
    if folder is None:
        return None
    stored = _read_checked(folder / "derived" / f"{name}.json")
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    return stored.get("data")


def keep_derived_data(name: str, key: str, data: Any) -> None:
    """Keep ``data`` (JSON) as what ``key`` gives, for ``derived_data`` in a later run; ``key``
    must be a digest of everything ``data`` depends on, the code included. Only into a cache
    folder that exists: a run that cached nothing else (nothing to build) leaves none behind."""
    folder = _derived_folder
    if folder is not None and folder.is_dir():
        _write_checked(folder / "derived" / f"{name}.json", {"key": key, "data": data})
