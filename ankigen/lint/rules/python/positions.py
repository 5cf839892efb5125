"""From block positions to file offsets: cloze markers, indentation and prompts undone."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from ankigen.diagnostics import Fix, Severity
from ankigen.lint.document import CodeBlock, Finding, LintDocument
from ankigen.lint.rules.python.problem import Problem
from ankigen.source import cloze
from ankigen.source.model import NoteType


def _clean_with_map(raw: str) -> tuple[str, list[int]]:
    """Code without cloze markers, and each clean character's offset in ``raw``."""
    protected = cloze.protect(raw).text
    pairs: list[tuple[str, int]] = []
    position = 0
    for char in protected:
        pairs.append((char, position))
        if char == cloze.OPEN:
            marker = re.match(r"\{\{c\d+::", raw[position:])
            position += marker.end() if marker else 0
        else:
            position += 2 if char in (cloze.HINT, cloze.CLOSE) else 1
    kept: list[tuple[str, int]] = []
    in_hint = False
    for char, offset in pairs:
        if char == cloze.HINT:
            in_hint = True
        elif char == cloze.CLOSE:
            in_hint = False
        elif char != cloze.OPEN and not in_hint:
            kept.append((char, offset))
    clean = "".join(char for char, _ in kept)
    return clean, [offset for _, offset in kept] + [len(raw)]


@dataclass(frozen=True)
class BlockMap:
    document: LintDocument
    block: CodeBlock
    clean: str
    offsets: tuple[int, ...]  # clean character -> raw character (plus the end)

    @classmethod
    def of(cls, document: LintDocument, block: CodeBlock) -> BlockMap:
        if document.note.meta.type == NoteType.CLOZE:
            clean, offsets = _clean_with_map(block.code)
            if clean == document.clean_code(block):
                return cls(document, block, clean, tuple(offsets))
            clean = document.clean_code(block)  # unexpected: positions become approximate
            return cls(
                document,
                block,
                clean,
                tuple(min(i, len(block.code)) for i in range(len(clean) + 1)),
            )
        return cls(document, block, block.code, tuple(range(len(block.code) + 1)))

    def offset(self, line: int, col: int) -> int:
        """File offset of a clean-code position (1-based line, 0-based column)."""
        starts = [0, *(m.end() for m in re.finditer("\n", self.clean))]
        line = min(max(line, 1), len(starts))
        line_end = self.clean.find("\n", starts[line - 1])
        line_end = len(self.clean) if line_end < 0 else line_end
        raw = self.offsets[min(starts[line - 1] + col, line_end)]
        raw_starts = [0, *(m.end() for m in re.finditer("\n", self.block.code))]
        raw_line = bisect.bisect_right(raw_starts, raw) - 1
        file_line = self.block.first_line + raw_line
        return (
            self.document.offset_of_line(file_line) + self.block.indent + raw - raw_starts[raw_line]
        )

    @cached_property
    def _raw_line_starts(self) -> tuple[int, ...]:
        return (0, *(m.end() for m in re.finditer("\n", self.block.code)))

    def offset_of(self, position: int) -> int:
        """File offset of a character of the clean code (by its offset in ``clean``)."""
        raw = self.offsets[min(max(position, 0), len(self.offsets) - 1)]
        starts = self._raw_line_starts
        raw_line = bisect.bisect_right(starts, raw) - 1
        line_start = self.document.offset_of_line(self.block.first_line + raw_line)
        return line_start + self.block.indent + raw - starts[raw_line]

    def file_line(self, line: int) -> int:
        return self.document.position(self.offset(line, 0))[0]

    def finding(self, problem: Problem, shifts: tuple[int, ...]) -> Finding:
        def shifted(line: int, col: int) -> int:
            shift = shifts[line - 1] if 0 < line <= len(shifts) else 0
            return self.offset(line, col + shift)

        start = shifted(problem.line, problem.col)
        end = max(shifted(problem.end_line, problem.end_col), start)
        message = re.sub(
            r"\{L(\d+)\}", lambda m: str(self.file_line(int(m.group(1)))), problem.message
        )
        fix = None
        same_length = end - start == (problem.end_col - problem.col)
        if problem.fix is not None and problem.line == problem.end_line and same_length:
            fix = Fix(start, end, problem.fix)
        return Finding(start, end, message, fix, Severity.WARNING if problem.warning else None)
