"""Markdown tables in the prose view, as header words and cells with file offsets, so that the
arithmetic rules can read a quantity by its column ("batch size", "output shape", "params")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.lint.lazy_pattern import lazy_regex

_ROW = lazy_regex(r"^[ \t]*\|(?P<cells>.*)\|[ \t]*$", re.MULTILINE)
_RULE_CELL = lazy_regex(r"\s*:?-{2,}:?\s*")


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]  # lower-cased header texts
    rows: tuple[tuple[Cell, ...], ...]
    header_cells: tuple[Cell, ...] = ()  # the header as written, with offsets

    def column(self, pattern: re.Pattern[str]) -> int | None:
        """The only column whose header matches ``pattern``, or None."""
        found = [index for index, name in enumerate(self.header) if pattern.search(name)]
        return found[0] if len(found) == 1 else None


def _cells(line: re.Match[str]) -> tuple[Cell, ...]:
    cells, start = [], line.start("cells")
    for piece in line.group("cells").split("|"):
        stripped = piece.strip()
        offset = start + (len(piece) - len(piece.lstrip()))
        cells.append(Cell(offset, offset + len(stripped), stripped))
        start += len(piece) + 1
    return tuple(cells)


def tables(prose: str, start: int, end: int) -> Iterator[Table]:
    """Every table (a header row, a rule row, data rows) in ``prose[start:end]``."""
    lines = list(_ROW.finditer(prose, start, end))
    index = 0
    while index + 1 < len(lines):
        header, rule = _cells(lines[index]), _cells(lines[index + 1])
        adjacent = lines[index].end() + 1 == lines[index + 1].start()
        if not adjacent or not all(_RULE_CELL.fullmatch(cell.text + " ") for cell in rule):
            index += 1
            continue
        rows, position = [], index + 2
        while position < len(lines) and lines[position - 1].end() + 1 == lines[position].start():
            rows.append(_cells(lines[position]))
            position += 1
        yield Table(tuple(cell.text.lower() for cell in header), tuple(rows), header)
        index = position
