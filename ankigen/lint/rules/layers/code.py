"""Findings of the layer rules in code blocks: shapes and counts in comments next to layer calls
(``arith.code_layers``), counts next to a layer that states its own input and the rows of a
``model.summary()`` (``arith.code_counts``), as file offsets."""

from __future__ import annotations

from collections.abc import Iterator

from ankigen.lint.arith.code_counts import comment_problems, summary_problems
from ankigen.lint.arith.code_layers import layer_code_problems
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.rules.layers.scope import layer_prose


def code_findings(document: LintDocument, kind: str) -> Iterator[Finding]:
    """Findings of one kind, "shape" (AG103) or "count" (AG104), one per position."""
    note = document.text[document.body_offset :]
    prose = layer_prose(document)[document.body_offset :]
    for block in document.code_blocks:
        problems: dict[tuple[int, int], tuple[int, str]] = {}
        if kind == "count":  # these first: their messages say more
            summary = summary_problems(block.code, note, prose)
            counts = [*comment_problems(block.code), *summary]
            for counted in counts:
                problems[counted.line, counted.start] = (counted.end, counted.message)
        for found in layer_code_problems(block.code):
            if found.kind == kind:
                problems.setdefault((found.line, found.start), (found.end, found.message))
        for (line, start), (end, message) in sorted(problems.items()):
            line_start = document.offset_of_line(block.first_line + line) + block.indent
            what = "shape" if kind == "shape" else "count"
            yield Finding(line_start + start, line_start + end, f"{message}: correct the {what}")
