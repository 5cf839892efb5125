"""Content problems as values: located, coded, sortable."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Fix(NamedTuple):
    """Replace ``text[start:end]`` of the file with ``replacement`` (character offsets)."""

    start: int
    end: int
    replacement: str


class Diagnostic(NamedTuple):
    """One problem in one file. Lines and columns are 1-based, as editors show them.

    ``end_line``/``end_column`` (inclusive start, exclusive end) default to the start.
    """

    path: Path
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    end_line: int = 0
    end_column: int = 0
    rule: str = ""
    fix: Fix | None = None

    def format(self, root: Path | None = None) -> str:
        where = printable(display_path(self.path, root))
        return f"{where}:{self.line}:{self.column}: {self.code} {printable(self.message)}"

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path.as_posix(), self.line, self.column, self.code, self.message)


def printable(text: str) -> str:
    """``text`` with line breaks, controls and invisible format characters escaped (``\\u2028``).

    Messages quote user text; this keeps every diagnostic on one line of plain characters.
    """
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


def display_path(path: Path, root: Path | None = None) -> str:
    """The path relative to ``root`` when it lies below it, in POSIX form."""
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def shared_diagnostics(diagnostics: Iterable[Diagnostic], path: Path) -> tuple[Diagnostic, ...]:
    """``diagnostics`` of the note at ``path``, kept for a whole run: each holds ``path`` itself
    (the caller's object, not an equal copy such as a worker process sends) and interned code,
    rule name and message (a few distinct values among thousands of findings)."""
    return tuple(
        d._replace(
            path=path if d.path == path else d.path,
            code=_interned(d.code),
            message=_interned(d.message),
            rule=_interned(d.rule),
        )
        for d in diagnostics
    )


def _interned(text: str) -> str:
    return sys.intern(text) if type(text) is str else text  # a CheckCode member is one already


def sorted_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diagnostics), key=lambda d: d.sort_key)


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def severity_counts(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings)."""
    items = list(diagnostics)
    errors = sum(d.severity is Severity.ERROR for d in items)
    return errors, len(items) - errors


def diagnostic_to_json(d: Diagnostic) -> list[Any]:
    """A diagnostic without its path as a JSON list (for the cache)."""
    fix = list(d.fix) if d.fix is not None else None
    return [d.line, d.column, d.code, d.message, d.severity.value, d.end_line, d.end_column,
            d.rule, fix]  # fmt: skip


def diagnostic_from_json(path: Path, item: Any) -> Diagnostic:
    """The inverse of ``diagnostic_to_json``; TypeError/ValueError for anything malformed."""
    line, column, code, message, severity, end_line, end_column, rule, fix = item
    decoded_fix = None
    if fix is not None:
        start, end, replacement = fix
        decoded_fix = Fix(json_int(start), json_int(end), json_str(replacement))
    return Diagnostic(
        path, json_int(line), json_int(column), json_str(code), json_str(message),
        Severity(severity), json_int(end_line), json_int(end_column), json_str(rule), decoded_fix,
    )  # fmt: skip


def json_int(value: Any) -> int:
    if type(value) is not int:
        raise TypeError("expected an integer")
    return value


def json_str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value
