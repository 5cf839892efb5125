"""What an importer reports back: files written, files skipped, things it could not map."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class ImportError_(Exception):
    """An import that cannot start (unreadable file, no questions found): shown to the user."""


@dataclass
class ImportReport:
    written: list[Path] = field(default_factory=list)
    # Notes left alone because they were edited since the last import (without --force).
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    # Anything the user must know: unmapped note types, missing media, guessed languages.
    warnings: list[str] = field(default_factory=list)
    # Lines shown before the rest ("found 67 questions, imported 66, rejected 1").
    summary: list[str] = field(default_factory=list)
