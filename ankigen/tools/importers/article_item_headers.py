"""Item headers that describe the question below them, not the answer above them.

Some question banks open each item with a bold number and metadata on a line of its own, then
ask on the next line::

    **2)** **Topic:** Fundamentals, **Level:** Advanced

    **Q:** Why does …?

The header precedes the question, so segmentation leaves it at the end of the previous answer.
It is taken out of that answer; its level becomes the difficulty of the question it heads.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_answers import Segment
from ankigen.tools.importers.article_markers import level_word

# "**2)** **Topic:** …", "**3.**, **Level:** …": a bold item number, then metadata labels.
_ITEM_HEADER = re.compile(
    r"^\s*(?:\*\*|__)\s*\d{1,4}\s*[.):]?\s*(?:\*\*|__)\s*,?\s*(?:\*\*|__)?\s*"
    r"(?:topic|level|difficulty|category)\s*:",
    re.I,
)
_LEVEL = re.compile(r"\b(?:level|difficulty)\s*:\s*(?:\*\*|__)?\s*:?\s*([A-Za-z]+)", re.I)


def item_header(line: str) -> bool:
    """True for a line such as "**2)** **Topic:** Basics, **Level:** Advanced"."""
    return _ITEM_HEADER.match(line) is not None


def move_item_headers(segments: list[Segment], lines: list[str]) -> dict[int, str]:
    """Drop each item header from the end of the answer before it (in place) and return, per
    question line, the difficulty its header names. The first question's header, above every
    answer, is read from the line before it."""
    levels: dict[int, str] = {}
    for position, piece in enumerate(segments):
        header = _header_above(piece, segments[position - 1] if position else None, lines)
        if header is not None and (level := _level(header)) is not None:
            levels[piece.question.line] = level
    return levels


def _header_above(piece: Segment, previous: Segment | None, lines: list[str]) -> str | None:
    if previous is None:
        above = [line for line in lines[: piece.question.line] if line.strip()]
        return above[-1] if above and item_header(above[-1]) else None
    filled = [at for at, (_, line) in enumerate(previous.lines) if line.strip()]
    if not filled or not item_header(previous.lines[filled[-1]][1]):
        return None
    at = filled[-1]
    header = previous.lines[at][1]
    del previous.lines[at:]
    del previous.indices[at:]
    return header


def _level(header: str) -> str | None:
    found = _LEVEL.search(header.replace("**", "").replace("__", ""))
    return level_word(found.group(1)) if found is not None else None
