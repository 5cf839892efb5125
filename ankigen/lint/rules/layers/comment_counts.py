"""Bare-number comments on the lines that build a layer, in a note that counts parameters.

``self.fc2 = nn.Linear(120, 84)  # 10,080`` states the layer's count without saying
"params": read as one only when the note asks about or talks of parameter counts, and only in
a block whose comments state no shapes (where a bare number may be a size).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.arith.code_counts import bare_comment_problems
from ankigen.lint.claims.wording import CountFinding
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

_COUNTS_PARAMETERS = lazy_regex(r"\bparam(?:eter)?s?\b|\bweights\b|\blearnable\b", re.I)
# comments that write shapes or sizes: the block's bare numbers may be sizes too
_SHAPE_COMMENT = lazy_regex(
    r"#[^\n]*(?:\(\s*(?:None|\d+)\s*,|\[\s*\d+\s*,|\d\s*[x\N{MULTIPLICATION SIGN}]\s*\d"
    r"|\bshape\b|\bsize\b|\boutput\b|\bpixels?\b|\bactivations?\b|\bFLOPs?\b|\bMACs?\b)",
    re.I,
)


def comment_count_findings(document: LintDocument) -> Iterator[CountFinding]:
    heading = document.question
    start = min(heading[0], document.body_offset) if heading else document.body_offset
    if not _COUNTS_PARAMETERS.search(document.text, start):
        return
    for block in document.code_blocks:
        if _SHAPE_COMMENT.search(block.code):
            continue
        for problem in bare_comment_problems(block.code):
            line_start = document.offset_of_line(block.first_line + problem.line) + block.indent
            yield CountFinding(
                line_start + problem.start,
                line_start + problem.end,
                f"{problem.message}: correct the count",
            )
