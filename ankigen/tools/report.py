"""Diagnostics as text for people, JSON for tools, GitHub annotations, and SARIF 2.1.0."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ankigen import __version__
from ankigen.codes import check_label
from ankigen.diagnostics import Diagnostic, Severity, display_path

_COLOURS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m"}
_BOLD, _BLUE, _RESET = "\x1b[1m", "\x1b[1;34m", "\x1b[0m"


def _source_line(path: Path, line: int, cache: dict[Path, list[str]]) -> str | None:
    if path not in cache:
        try:
            cache[path] = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            cache[path] = []
    lines = cache[path]
    return lines[line - 1] if 0 < line <= len(lines) else None


def format_concise(diagnostics: Sequence[Diagnostic], root: Path, colour: bool = False) -> str:
    return "".join(f"{d.format(root)}\n" for d in diagnostics)


def format_text(diagnostics: Sequence[Diagnostic], root: Path, colour: bool = False) -> str:
    """``path:line:col: CODE message`` with the source line and a caret under the span."""
    cache: dict[Path, list[str]] = {}
    out: list[str] = []
    for d in diagnostics:
        head = d.format(root)
        if colour:
            where, _, rest = head.partition(f" {d.code} ")
            head = f"{_BOLD}{where}{_RESET} {_COLOURS[d.severity]}{d.code}{_RESET} {rest}"
        out.append(head)
        text = _source_line(d.path, d.line, cache)
        if text is not None and text.strip():
            width = 1
            if d.end_line == d.line and d.end_column > d.column:
                width = d.end_column - d.column
            gutter = f"{d.line:>4} | "
            caret = " " * (len(gutter) - 2) + "| " + " " * (d.column - 1) + "^" * width
            out.append(f"{_BLUE}{gutter}{_RESET}{text}" if colour else f"{gutter}{text}")
            out.append(f"{_COLOURS[d.severity]}{caret}{_RESET}" if colour else caret)
    return "\n".join(out) + ("\n" if out else "")


def summary(diagnostics: Sequence[Diagnostic]) -> dict[str, Any]:
    counts = Counter(d.severity for d in diagnostics)
    return {
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "files": len({d.path for d in diagnostics}),
        "by_code": dict(sorted(Counter(d.code for d in diagnostics).items())),
    }


def format_json(diagnostics: Sequence[Diagnostic], root: Path, colour: bool = False) -> str:
    items = [
        {
            "path": display_path(d.path, root),
            "line": d.line,
            "column": d.column,
            "end_line": d.end_line or d.line,
            "end_column": d.end_column or d.column,
            "code": d.code,
            "rule": d.rule or _rule_name(d.code),
            "severity": d.severity.value,
            "message": d.message,
            "fix": None
            if d.fix is None
            else {"start": d.fix.start, "end": d.fix.end, "replacement": d.fix.replacement},
        }
        for d in diagnostics
    ]
    document = {"diagnostics": items, "summary": summary(diagnostics)}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic], root: Path, colour: bool = False) -> str:
    """GitHub Actions workflow commands: annotations on the changed lines of a pull request."""
    lines = []
    for d in diagnostics:
        level = "error" if d.severity is Severity.ERROR else "warning"
        props = [
            f"file={_escape_property(display_path(d.path, root))}",
            f"line={d.line}",
            f"col={d.column}",
        ]
        if d.end_line:
            props += [f"endLine={d.end_line}", f"endColumn={d.end_column}"]
        title = f"{d.code} {d.rule or _rule_name(d.code)}".strip()
        props.append(f"title={_escape_property(title)}")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(d.message)}\n")
    return "".join(lines)


def _rule_name(code: str) -> str:
    from ankigen.lint.registry import RULES_BY_CODE  # the rule catalog only for SARIF

    rule = RULES_BY_CODE.get(code)
    if rule is not None:
        return rule.name
    return check_label(code)


def format_sarif(diagnostics: Sequence[Diagnostic], root: Path, colour: bool = False) -> str:
    """SARIF 2.1.0, as GitHub code scanning accepts it."""
    from ankigen.lint.registry import RULES_BY_CODE

    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": " ".join((rule.__doc__ or rule.summary).split())},
            "defaultConfiguration": {"level": rule.severity.value},
        }
        for rule in RULES_BY_CODE.values()
    ]
    results = [
        {
            "ruleId": d.code,
            "level": "error" if d.severity is Severity.ERROR else "warning",
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": display_path(d.path, root),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {
                            "startLine": d.line,
                            "startColumn": d.column,
                            "endLine": d.end_line or d.line,
                            "endColumn": max(d.end_column or d.column, d.column),
                        },
                    }
                }
            ],
        }
        for d in diagnostics
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ankigen",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


Formatter = Callable[[Sequence[Diagnostic], Path, bool], str]
FORMATTERS: dict[str, Formatter] = {
    "concise": format_concise,
    "github": format_github,
    "json": format_json,
    "sarif": format_sarif,
    "text": format_text,
}
