"""Findings of the layer rules in code blocks: shapes and counts in comments next to layer calls
(``arith.code_layers``), counts next to a layer that states its own input and the rows of a
``model.summary()`` (``arith.code_counts``), as file offsets."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ankigen.diagnostics import Severity
from ankigen.lint.arith.code_counts import comment_problems, summary_problems
from ankigen.lint.arith.code_layers import layer_code_problems
from ankigen.lint.arith.printed_counts import (
    named_model_problems,
    printed_count_problems,
    summary_comment_problems,
)
from ankigen.lint.document import CodeBlock, Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.output_blocks import output_block_after
from ankigen.lint.rules.layers.scope import layer_prose

# An output block's first line when it is a printed shape: "(None, 9, 9, 8)",
# "torch.Size([1, 8, 15, 15])".
_PRINTED_SHAPE = lazy_regex(r"\s*(?:torch\.Size\(|TensorShape\()?[(\[][\w\s,?\[\]]*[)\]]\)?\s*")
_PRINT_LAST = lazy_regex(r"^\s*print\([^\n]*\)\s*$")


def code_findings(document: LintDocument, kind: str) -> Iterator[Finding]:
    """Findings of one kind, "shape" (AG103) or "count" (AG104), one per position."""
    note = document.text[document.body_offset :]
    prose = layer_prose(document)[document.body_offset :]
    blocks = document.code_blocks
    for index, block in enumerate(blocks):
        problems: dict[tuple[int, int], tuple[int, str]] = {}
        carried: set[tuple[int, int]] = set()  # an input a comment gave on another line
        if kind == "count":  # these first: their messages say more
            summary = summary_problems(block.code, note, prose)
            counts = [*comment_problems(block.code), *summary]
            for counted in counts:
                problems[counted.line, counted.start] = (counted.end, counted.message)
            printed_counts = [
                *printed_count_problems(block.code),
                *summary_comment_problems(block.code),
                *named_model_problems(block.code),
            ]
            for printed_count in printed_counts:
                key = (printed_count.line, printed_count.start)
                problems.setdefault(key, (printed_count.end, printed_count.message))
        printed = _printed_output(document, blocks, index)
        code = block.code if printed is None else f"{block.code.rstrip()}\n# {printed[1]}"
        last_line = block.code.rstrip().count("\n")
        for found in layer_code_problems(code):
            if found.kind == kind:
                problems.setdefault((found.line, found.start), (found.end, found.message))
                if found.carried:
                    carried.add((found.line, found.start))
        for (line, start), (end, message) in sorted(problems.items()):
            what = "shape" if kind == "shape" else "count"
            # a quantity carried from another line: a warning (lint.grounds)
            severity = Severity.WARNING if (line, start) in carried else None
            if printed is not None and line > last_line:  # the output block's first line
                line_start = document.offset_of_line(printed[0].first_line) + printed[0].indent
                start, end = start - 2, end - 2  # the "# " added before it
            else:
                line_start = document.offset_of_line(block.first_line + line) + block.indent
            yield Finding(
                line_start + start,
                line_start + end,
                f"{message}: correct the {what}",
                severity=severity,
            )


def _printed_output(
    document: LintDocument, blocks: Sequence[CodeBlock], index: int
) -> tuple[CodeBlock, str] | None:
    """The output block that follows a code block ending in ``print(…)``, and its first line
    when that is a printed shape: what the print showed."""
    block = blocks[index]
    if not block.code.strip():
        return None
    following = output_block_after(document, blocks, index)
    last = block.code.rstrip().rsplit("\n", 1)[-1]
    if following is None or not _PRINT_LAST.match(last):
        return None
    first = following.code.split("\n", 1)[0]
    if not _PRINTED_SHAPE.fullmatch(first):
        return None
    return following, first.rstrip()
