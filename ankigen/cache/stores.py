"""What the pipeline asks of a cache, as two interfaces it is handed; the null stores (the
defaults) remember nothing, so the pipeline works the same with or without a cache.

``ankigen.cache.files`` implements both on disk (``NoteCache``, ``ResultCache``); the application
layer chooses which to hand over (``--no-cache`` hands the null ones).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol


class NoteStore(Protocol):
    """Per-note outcomes by a key of everything the outcome depends on."""

    @property
    def enabled(self) -> bool: ...

    def key(self, deck_bytes: bytes, path: Path, content: bytes) -> str:
        """The note's cache key; ``content`` is ``cache.files.content_digest`` of its bytes."""

    def get(self, deck_folder: Path, key: str) -> dict[str, Any] | None: ...

    def keep(self, deck_folder: Path, key: str, entry: dict[str, Any], changed: bool) -> None:
        """Record that this run used ``entry`` (``changed``: it is new or updated)."""

    def release(self, deck_folder: Path) -> None:
        """Persist what this run used of one deck folder, whose notes are all done, and
        forget it (so that the entries of every deck are not held at once)."""

    def save(self) -> None:
        """Persist what this run used; entries it did not use may be dropped."""

    def deck_record(self, deck_folder: Path, key: str) -> dict[str, Any] | None:
        """The record kept for a deck folder's notes as a whole, if it was made from ``key``
        (a digest of every note's key): what later stages read of each note, so that an
        unchanged deck is not decoded note by note."""

    def keep_deck_record(self, deck_folder: Path, key: str, record: dict[str, Any]) -> None:
        """Replace the deck folder's record."""


class PackageStore(Protocol):
    """Which package bytes a build wrote from which inputs, to keep an unchanged package."""

    def written_from(self, target: Path, key: str) -> str | None:
        """The SHA-256 of the package written to ``target`` from inputs ``key``, if any."""

    def record(self, target: Path, key: str, sha256: str) -> None: ...


class NullNoteStore:
    """Remembers nothing: every note is processed."""

    @property
    def enabled(self) -> bool:
        return False

    def key(self, deck_bytes: bytes, path: Path, content: bytes) -> str:
        return ""

    def get(self, deck_folder: Path, key: str) -> dict[str, Any] | None:
        return None

    def keep(self, deck_folder: Path, key: str, entry: dict[str, Any], changed: bool) -> None:
        return None

    def release(self, deck_folder: Path) -> None:
        return None

    def save(self) -> None:
        return None

    def deck_record(self, deck_folder: Path, key: str) -> dict[str, Any] | None:
        return None

    def keep_deck_record(self, deck_folder: Path, key: str, record: dict[str, Any]) -> None:
        return None


class NullPackageStore:
    """Remembers nothing: every package is written."""

    def written_from(self, target: Path, key: str) -> str | None:
        return None

    def record(self, target: Path, key: str, sha256: str) -> None:
        return None
