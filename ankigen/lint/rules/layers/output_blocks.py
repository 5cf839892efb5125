"""The output block that a code block's run printed: the next fenced block, written as plain
text or console output, joined to the code only by blank lines and an optional short label
("Output:"). Both the shape readers (code.py) and the count readers (call_counts.py) judge a
printed value only there."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ankigen.lint.document import CodeBlock, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

OUTPUT_LANGUAGES = frozenset({"", "text", "txt", "output", "console", "plaintext", "none"})
# the closing fence, blank lines, an optional "Output:" line and the opening fence
_BRIDGE = lazy_regex(r"\s*(?:[A-Za-z ]{0,30}:?\s*)?", re.IGNORECASE)


def output_block_after(
    document: LintDocument, blocks: Sequence[CodeBlock], index: int
) -> CodeBlock | None:
    """The output block right after ``blocks[index]``, or None when there is none."""
    if index + 1 >= len(blocks):
        return None
    block, following = blocks[index], blocks[index + 1]
    if following.language.strip().lower() not in OUTPUT_LANGUAGES:
        return None
    end_of_code = document.offset_of_line(block.first_line + block.code.rstrip().count("\n") + 1)
    start_of_output = document.offset_of_line(following.first_line)
    between = document.text[end_of_code:start_of_output]
    middle = "\n".join(line for line in between.split("\n")[1:-2] if line.strip())
    return following if _BRIDGE.fullmatch(middle) else None
