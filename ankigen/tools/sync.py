"""`ankigen sync`: import built packages into a local Anki collection with the official
``anki`` package, headless, the way File → Import updates a deck.

The collection is opened the way Anki opens it (its Rust backend takes SQLite's exclusive
lock with no busy timeout), so a collection that Anki desktop has open is refused and a
collection being synced cannot be opened by Anki meanwhile. Before anything is written, a
byte copy of the collection is made next to it (its write-ahead log checkpointed first, on
the connection that holds the lock); if any import fails, the collection is put back from
that copy. A dry run imports into a temporary copy instead and reports what would change.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ankigen.source.discover import find_deck_folders
from ankigen.tools.anki_profiles import ProfileError, choose_collection

INSTALL_HINT = "pip install 'ankigen[sync]'"
# Anki's message for SQLITE_BUSY (rslib: DbErrorKind::Locked); it is not translated.
LOCKED_MESSAGE = "Anki already open"
# The import options that File → Import remembers in the collection; an import overwrites
# them, so they are put back to leave the learner's choices as they were.
PRESET_KEYS = (
    "mergeNotetypes",
    "withScheduling",
    "withDeckConfigs",
    "updateNotes",
    "updateNotetypes",
)
BACKUP_SUFFIX = "-before-ankigen-sync"
_ABSENT = object()


class SyncError(Exception):
    """A sync that cannot go ahead; ``usage`` errors are fixed with an option (exit 2)."""

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


@dataclass(frozen=True)
class AnkiApi:
    """The parts of the ``anki`` package that sync uses (one place to import them)."""

    collection: Any
    options: Any
    request: Any
    backend_error: type[Exception]
    if_newer: int


def load_anki() -> AnkiApi:
    """The official ``anki`` package, or a SyncError saying how to install it."""
    try:
        from anki.collection import (
            Collection,
            ImportAnkiPackageOptions,
            ImportAnkiPackageRequest,
        )
        from anki.errors import BackendError
        from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition
    except ImportError:
        raise SyncError(
            f"ankigen sync needs the official anki package: {INSTALL_HINT}", usage=True
        ) from None
    if_newer = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER
    return AnkiApi(
        Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest, BackendError, if_newer
    )


@dataclass(frozen=True)
class IgnoredNotes:
    """Notes of a package that Anki left alone, with why and what to do about it."""

    count: int
    reason: str
    fix: str
    examples: tuple[str, ...]


@dataclass(frozen=True)
class DeckReport:
    deck: str  # the package's name: the deck folder's slug
    new: int
    updated: int
    unchanged: int
    ignored: tuple[IgnoredNotes, ...] = ()


@dataclass(frozen=True)
class SyncResult:
    collection: Path
    backup: Path | None  # None for a dry run
    decks: tuple[DeckReport, ...]
    note_type_copies: tuple[str, ...] = ()  # note types Anki added as copies of existing ones

    @property
    def dry_run(self) -> bool:
        return self.backup is None


def prepare(base: Path | None, profile: str | None, collection: Path | None) -> Path:
    """The collection to sync into, after checking that ``anki`` can be imported (both
    before anything is built, so a sync that cannot happen fails at once)."""
    load_anki()
    try:
        return choose_collection(base, profile, collection)
    except ProfileError as error:
        raise SyncError(str(error), usage=True) from None


def packages_for(targets: list[Path], build_folder: Path) -> list[Path]:
    """The package of every deck under ``targets`` in the build folder, sorted."""
    folders, _ = find_deck_folders(targets)
    packages = [build_folder / f"{folder.name}.apkg" for folder in folders]
    missing = [package for package in packages if not package.is_file()]
    if not packages:
        raise SyncError("no decks found: a deck is a folder with a deck.yaml")
    if missing:
        names = ", ".join(str(package) for package in missing)
        raise SyncError(
            f"no package {names}: run 'ankigen build' first (or sync without --no-build)"
        )
    return packages


def sync_packages(packages: Sequence[Path], collection: Path, dry_run: bool) -> SyncResult:
    """Import ``packages`` into ``collection`` (a temporary copy of it with ``dry_run``)."""
    anki = load_anki()
    if not collection.is_file():
        raise SyncError(f"no collection file at {collection}: check the path", usage=True)
    if dry_run:
        return _dry_run(anki, packages, collection)
    return _write(anki, packages, collection)


def backup_path(collection: Path) -> Path:
    """Where the state before the last sync is kept: next to the collection."""
    return collection.with_name(f"{collection.stem}{BACKUP_SUFFIX}{collection.suffix}")


def _dry_run(anki: AnkiApi, packages: Sequence[Path], collection: Path) -> SyncResult:
    with tempfile.TemporaryDirectory(prefix="ankigen-sync-") as folder:
        copy = Path(folder) / collection.name
        with _opened(anki, collection) as col:
            _snapshot(anki, col, collection, copy)
        with _opened(anki, copy) as col:
            decks, copies = _import_all(anki, col, packages)
    return SyncResult(collection, None, decks, copies)


def _write(anki: AnkiApi, packages: Sequence[Path], collection: Path) -> SyncResult:
    backup = backup_path(collection)
    failure: BaseException | None = None
    with _opened(anki, collection) as col:
        _snapshot(anki, col, collection, backup)
        try:
            decks, copies = _import_all(anki, col, packages)
        except BaseException as error:  # Ctrl-C too: never leave half the decks imported
            failure = error
    if failure is None:
        return SyncResult(collection, backup, decks, copies)
    _restore(backup, collection)
    if isinstance(failure, (anki.backend_error, OSError)):
        raise SyncError(
            f"importing into {collection} failed: {failure}; the collection was put back "
            f"as it was (from {backup})"
        ) from None
    raise failure


@contextlib.contextmanager
def _opened(anki: AnkiApi, path: Path) -> Iterator[Any]:
    """The collection, opened (and locked) by Anki's own backend; closed afterwards."""
    try:
        col = anki.collection(str(path))
    except anki.backend_error as error:
        if LOCKED_MESSAGE in str(error):
            raise SyncError(
                f"{path} is open in Anki (the collection is locked): close Anki, or switch "
                "it to another profile, then run ankigen sync again; nothing was changed"
            ) from None
        raise SyncError(
            f"{path} cannot be opened as an Anki collection ({error}): give the "
            "collection.anki2 file of an Anki profile"
        ) from None
    try:
        yield col
    finally:
        col.close()


def _snapshot(anki: AnkiApi, col: Any, source: Path, target: Path) -> None:
    """A byte copy of the open collection ``source`` at ``target``, replaced atomically.

    The write-ahead log is first folded into the file on the connection that holds the
    lock, so the file alone is the whole committed collection and nobody can change it
    while it is copied."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        ((busy, *_),) = col.db.all("pragma wal_checkpoint(truncate)")
        if busy:
            raise OSError("the write-ahead log could not be checkpointed")
        shutil.copyfile(source, temporary)
        with temporary.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, target)
    except (anki.backend_error, OSError) as error:
        temporary.unlink(missing_ok=True)
        raise SyncError(
            f"cannot copy the collection to {target}: {error}; nothing was changed"
        ) from None


def _restore(backup: Path, collection: Path) -> None:
    """Put the collection back from ``backup`` (after it was closed)."""
    temporary = collection.with_name(f".{collection.name}.{os.getpid()}.restore")
    shutil.copyfile(backup, temporary)
    for suffix in ("-wal", "-shm"):  # a stale log must never be applied to the restored file
        Path(f"{collection}{suffix}").unlink(missing_ok=True)
    os.replace(temporary, collection)


def _import_all(
    anki: AnkiApi, col: Any, packages: Sequence[Path]
) -> tuple[tuple[DeckReport, ...], tuple[str, ...]]:
    presets = {key: col.get_config(key, _ABSENT) for key in PRESET_KEYS}
    note_types = {model["id"] for model in col.models.all()}
    reports = tuple(_import_one(anki, col, package) for package in packages)
    _put_back(col, presets)
    return reports, _note_type_copies(col, note_types)


def _import_one(anki: AnkiApi, col: Any, package: Path) -> DeckReport:
    options = anki.options(
        merge_notetypes=False,  # never rewrite a learner's note types
        update_notes=anki.if_newer,  # a note changes only when its source file changed
        update_notetypes=anki.if_newer,  # templates and CSS change only when `revised` is newer
        with_scheduling=False,  # the packages carry no reviews; existing cards are never touched
        with_deck_configs=False,
    )
    request = anki.request(package_path=str(package), options=options)
    return deck_report(package.stem, col.import_anki_package(request).log)


def _put_back(col: Any, presets: dict[str, Any]) -> None:
    for key, value in presets.items():
        if value is _ABSENT:
            col.remove_config(key)
        else:
            col.set_config(key, value)


def _note_type_copies(col: Any, before: set[int]) -> tuple[str, ...]:
    """Note types the import added as copies of ones the collection had (Anki does that
    when a learner changed the fields or card types of an ankigen note type)."""
    return tuple(
        sorted(
            model["name"]
            for model in col.models.all()
            if model["id"] not in before and model.get("originalId") in before
        )
    )


_NOTE_TYPE_FIX = (
    "put the note type back as it was (Tools → Manage Note Types), or import the package "
    "once with File → Import and 'Merge note types' ticked"
)
_IGNORED_KINDS = (
    (
        "conflicting",
        "not updated: in the collection they have another note type, or their note type's "
        "fields or card types were changed",
        _NOTE_TYPE_FIX,
    ),
    ("missing_notetype", "skipped: their note type is missing", "rebuild the package"),
    ("missing_deck", "skipped: their deck is missing", "rebuild the package"),
    ("empty_first_field", "skipped: their first field is empty", "fill in the first field"),
    (
        "first_field_match",
        "matched existing notes by their first field",
        "check those notes in the browser",
    ),
)


def deck_report(deck: str, log: Any) -> DeckReport:
    """A deck's counts from Anki's import log (``ImportResponse.Log``)."""
    ignored = tuple(
        IgnoredNotes(len(notes), reason, fix, tuple(_first_field(note) for note in notes[:3]))
        for kind, reason, fix in _IGNORED_KINDS
        if (notes := list(getattr(log, kind)))
    )
    return DeckReport(deck, len(log.new), len(log.updated), len(log.duplicate), ignored)


def _first_field(note: Any) -> str:
    text = " ".join(str(note.fields[0]).split()) if note.fields else ""
    return text if len(text) <= 60 else text[:59] + "…"


def summary_lines(result: SyncResult) -> list[str]:
    """What happened (or would happen), one line per deck, then where things are."""
    lines = [
        f"{deck.deck}: {deck.new} new, {deck.updated} updated, {deck.unchanged} unchanged"
        for deck in result.decks
    ]
    if result.dry_run:
        lines.append(f"dry run: nothing was written to {result.collection}")
    else:
        lines.append(f"synced into {result.collection}")
        lines.append(f"the collection as it was before is kept in {result.backup}")
    return lines


def warning_lines(result: SyncResult) -> list[str]:
    """Everything Anki ignored or copied, each with what to do about it."""
    lines = []
    for deck in result.decks:
        for ignored in deck.ignored:
            examples = "; ".join(repr(example) for example in ignored.examples)
            lines.append(
                f"warning: {deck.deck}: {ignored.count} note(s) {ignored.reason} "
                f"(e.g. {examples}): {ignored.fix}"
            )
    for name in result.note_type_copies:
        lines.append(
            f"warning: Anki added the note type {name!r} as a copy of an ankigen note type whose "
            f"fields or card types were changed in the collection: {_NOTE_TYPE_FIX}"
        )
    return lines
