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
from pathlib import Path
from typing import Any

from ankigen.cache import code_fingerprint, digest
from ankigen.diagnostics import Diagnostic, Severity, diagnostic_from_json, diagnostic_to_json
from ankigen.discover import DECK_FILE, find_deck_folders, note_files


def fingerprint(
    command: str, targets: list[Path], options: dict[str, Any], with_times: bool
) -> str | None:
    """One digest of everything a run of ``command`` over ``targets`` depends on (None when a
    file vanished while it was read: then nothing stored can be trusted to match)."""
    from ankigen.timestamps import modification_times_by_name

    folders, problems = find_deck_folders(targets)
    parts: list[bytes | str] = [
        code_fingerprint(),
        command,
        json.dumps(options, sort_keys=True, default=str),
        *(problem.format() for problem in problems),
    ]
    files: list[Path] = []
    for folder in folders:
        files.append(folder / DECK_FILE)
        files += note_files(folder)
    for path in files:
        try:
            parts += [str(path), path.read_bytes()]
        except OSError:
            parts += [str(path), "<unreadable>"]
    if with_times:
        try:
            times = modification_times_by_name(files)
        except OSError:
            return None
        parts += [f"{path}\0{time}" for path, time in sorted(times.items())]
    return digest(*parts)


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def storable(diagnostics: list[Diagnostic]) -> bool:
    """Whether an outcome may be stored: no structural error, which could depend on a file the
    fingerprint does not cover (a missing image, an unreadable folder)."""
    return not any(d.severity is Severity.ERROR and d.code.startswith("AG0") for d in diagnostics)


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
