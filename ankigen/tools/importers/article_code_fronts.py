"""A question that asks about the code printed under it ("What is the output of the following
code :" over a fenced block): the code belongs to the front, not to the answer.

A note's front is one heading line, so a block of one short line moves into the front as inline
code (``What is the output of the following code: `print(9 // 2)` ``); a longer block stays
where it is, at the top of the back, and the import says so, because the front alone no longer
shows what it asks about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ankigen.tools.importers.article_answers import Segment
from ankigen.tools.importers.article_lines import FENCE, TEXT

# "the following code", "this snippet", "the code below", "the given program": a pointer.
_POINTS_AT_CODE = re.compile(
    r"\b(?:following|below|given|this|these)\s+(?:\w+\s+)?"
    r"(?:code|program|segment|snippet|script|statements?|expressions?|lines?|loop|function)\b"
    r"|\b(?:code|program|snippet|script)\s+(?:below|here)\b",
    re.I,
)
_MAX_INLINE = 80  # characters of code a front can show inline


@dataclass(frozen=True)
class CodeFront:
    front: str
    piece: Segment  # the answer without the moved code
    warning: str | None


def code_in_front(piece: Segment, front: str) -> CodeFront | None:
    """The front with the code it points at, or a warning when that code cannot move."""
    if not _POINTS_AT_CODE.search(front):
        return None
    lines = piece.lines
    at = next((i for i, (_, line) in enumerate(lines) if line.strip()), None)
    if at is None or lines[at][0] != FENCE:
        return None
    close = next((i for i in range(at + 1, len(lines)) if _closes(lines, at, i)), None)
    if close is None:
        return None
    code = [line for _, line in lines[at + 1 : close] if line.strip()]
    if len(code) == 1 and len(code[0].strip()) <= _MAX_INLINE and "`" not in code[0]:
        inline = f"`{code[0].strip()}`"
        stem = front.rstrip(" :")
        moved = f"{stem[:-1].rstrip()}: {inline}?" if stem.endswith("?") else f"{stem}: {inline}"
        rest = Segment(piece.question, lines[close + 1 :], piece.indices[close + 1 :])
        return CodeFront(moved, rest, None)
    warning = (
        "it asks about the code block below it, which a one-line front cannot hold: the code "
        "opens the back; reword the front or make the note a cloze"
    )
    return CodeFront(front, piece, warning)


def _closes(lines: list[tuple[str, str]], opening: int, index: int) -> bool:
    kind, line = lines[index]
    fence = lines[opening][1].strip()
    marker = fence[: len(fence) - len(fence.lstrip(fence[0]))]
    return (
        kind in (FENCE, TEXT)
        and line.strip().startswith(marker)
        and not line.strip()[len(marker) :].strip()
    )
