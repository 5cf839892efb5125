"""A number alone on its line over the question it numbers: "1." then "¿Qué es …?".

Quiz answers copied out of a course platform keep each number on a line of its own, with the
question on the next line and the answer under it. Markdown renders the number as an empty
list item, so the question would lose its number and the page would read as loose paragraphs.
The number and the line under it are joined into one numbered line ("1. ¿Qué es …?"), the line
below left blank, so warnings keep the document's line numbers.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_lines import HEADING, TEXT

__all__ = ["join_bare_numbers"]

_BARE_NUMBER = re.compile(r"^(\d{1,4})[.)]\s*$")
# The line under the number: words, not another item, a heading, a fence or a toggle.
_ITEM_OR_MARKUP = re.compile(r"^\s*(?:[-*+>|]|\d{1,4}[.)]|<|`{3}|~{3})")
_MIN_PAIRS = 2  # one bare number may be a slip; a page written so has several


def join_bare_numbers(lines: list[str], kinds: list[str]) -> None:
    """Join each bare number with the line of words right under it, if the page has at least
    two such pairs."""
    pairs = [
        index
        for index in range(len(lines) - 1)
        if kinds[index] == TEXT
        and kinds[index + 1] == TEXT
        and _BARE_NUMBER.match(lines[index])
        and lines[index + 1].strip()
        and not lines[index + 1][:1].isspace()
        and not _ITEM_OR_MARKUP.match(lines[index + 1])
        and not HEADING.match(lines[index + 1])
    ]
    if len(pairs) < _MIN_PAIRS:
        return
    for index in pairs:
        lines[index] = f"{lines[index].strip()} {lines[index + 1].strip()}"
        lines[index + 1] = ""
