"""Inline suppressions that stay invisible on the card, and the per-file ``lint-ignore`` list.

    <!-- ankigen: disable-next-line AG130 -->      the next line only
    <!-- ankigen: disable AG131, AG132 -->          until the matching enable (or file end)
    <!-- ankigen: enable AG131, AG132 -->
    lint-ignore: [AG150]                            front matter: the whole file

Whole-line HTML comments are removed before rendering, so these never reach a card.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.source.load import Note

_DIRECTIVE = lazy_regex(
    r"<!--\s*ankigen:\s*(?P<kind>disable-next-line|disable|enable)\s+"
    r"(?P<codes>AG\d{3}(?:\s*,\s*AG\d{3})*)\s*-->"
)


@dataclass
class Suppression:
    code: str
    first_line: int
    last_line: int  # inclusive
    offset: int  # where the directive stands, for the unused-suppression report
    end: int
    used: bool = field(default=False)

    def covers(self, code: str, line: int) -> bool:
        return code == self.code and self.first_line <= line <= self.last_line


def may_suppress(note: Note) -> bool:
    """Whether a note can hold a suppression (most cannot: their lines are never indexed)."""
    return bool(note.meta.lint_ignore) or "ankigen:" in note.body


def suppressions(document: LintDocument) -> list[Suppression]:
    if not may_suppress(document.note):
        return []
    found: list[Suppression] = []
    open_ranges: dict[str, Suppression] = {}
    last_line = len(document.line_starts)
    for match in _DIRECTIVE.finditer(document.text, document.body_offset):
        line, _ = document.position(match.start())
        codes = [code.strip() for code in match.group("codes").split(",")]
        kind = match.group("kind")
        for code in codes:
            if kind == "disable-next-line":
                found.append(Suppression(code, line + 1, line + 1, match.start(), match.end()))
            elif kind == "disable":
                item = Suppression(code, line + 1, last_line, match.start(), match.end())
                open_ranges[code] = item
                found.append(item)
            elif code in open_ranges:
                open_ranges.pop(code).last_line = line - 1
    for code in document.note.meta.lint_ignore:
        key = re.search(r"^lint-ignore\s*:", document.text, re.MULTILINE)
        start = key.start() if key else 0
        found.append(Suppression(code, 1, last_line, start, key.end() if key else 1))
    return found
