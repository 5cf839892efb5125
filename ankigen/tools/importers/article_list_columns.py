"""Which bullets indented by two or three spaces still start items of the top-level list.

Markdown (CommonMark) nests a bullet under the item above only when it is indented as far as
that item's text begins; a bullet indented less starts a new item of the same list, and up to
three spaces are allowed before any top-level marker. Pages typed by hand drift by a space or
two from item to item::

    - Question: Which data structure is (1,2,3,4)
        - Type: Multiple Choice
     - Question: Which of the following are mutable?
        - Type: Multiple Choice
      - Question: What is the first element of "a b".split()

The third bullet (two spaces) is indented less than the second one's text (three spaces in), so
it is the list's next item, not a sub-item of the second one's answer.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_lines import TEXT

__all__ = ["shallow_top_items"]

_BULLET = re.compile(r"^( {0,3})[-*+]( +)(?!\[[ xX]\])\S")
_MAX_GAP = 4  # more spaces after the marker: the text starts one space in (indented code)


def shallow_top_items(lines: list[str], kinds: list[str]) -> frozenset[int]:
    """The bullets indented two or three spaces that start top-level items."""
    found: set[int] = set()
    column: int | None = None  # where the text of the last top-level item begins
    for index, line in enumerate(lines):
        if kinds[index] != TEXT or not line.strip():
            continue
        bullet = _BULLET.match(line)
        if bullet is not None and (column is None or len(bullet.group(1)) < column):
            indent, gap = len(bullet.group(1)), len(bullet.group(2))
            column = indent + 1 + (gap if gap <= _MAX_GAP else 1)
            if indent >= 2:
                found.add(index)
        elif not line.startswith(" "):
            column = None  # text at the margin ends the list
    return frozenset(found)
