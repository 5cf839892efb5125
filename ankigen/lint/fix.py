"""Apply the safe fixes that rules attach to diagnostics, file by file, atomically."""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from pathlib import Path

from ankigen.diagnostics import Diagnostic, Fix
from ankigen.source.files import read_text


def _apply(text: str, fixes: list[Fix]) -> tuple[str, int]:
    """Apply non-overlapping fixes (later ones that overlap wait for the next round)."""
    chosen: list[Fix] = []
    for fix in sorted(set(fixes)):
        if chosen and fix.start < chosen[-1].end:
            continue
        chosen.append(fix)
    for fix in reversed(chosen):
        text = text[: fix.start] + fix.replacement + text[fix.end :]
    return text, len(chosen)


def _write_atomically(path: Path, text: str) -> None:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(name, path.stat().st_mode & 0o7777)
        os.replace(name, path)
    finally:
        Path(name).unlink(missing_ok=True)


def apply_fixes(diagnostics: list[Diagnostic]) -> dict[Path, int]:
    """Write the fixes into the files; returns how many were applied per file."""
    fixes: dict[Path, list[Fix]] = defaultdict(list)
    for diagnostic in diagnostics:
        if diagnostic.fix is not None:
            fixes[diagnostic.path].append(diagnostic.fix)
    applied: dict[Path, int] = {}
    for path in sorted(fixes):
        text, _ = read_text(path)
        if text is None:
            continue
        new_text, count = _apply(text, fixes[path])
        if count and new_text != text:
            _write_atomically(path, new_text)
            applied[path] = count
    return applied
