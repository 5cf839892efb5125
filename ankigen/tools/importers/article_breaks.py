"""Hard line breaks: a line that ends in two spaces breaks its paragraph there.

Quizzes write their options one a line ("a) Mean␠␠" / "b) Median␠␠"); "a)" opens no Markdown
list, so without the break the options run together on the card. The importer strips trailing
white space from every line to read it, so the breaks are found in the text as written and
given back as a backslash before the newline (CommonMark's visible form of the same break).
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_answers import Segment
from ankigen.tools.importers.article_lines import TEXT

__all__ = ["hard_breaks", "with_hard_breaks"]

# The next line starts a block of its own: the paragraph ends, a break would show as "\".
# Of HTML, only a block tag, a comment or a declaration does; an inline tag ("<ins>Function</ins>
# returns …") goes on with the paragraph, as CommonMark reads it.
_OWN_BLOCK = re.compile(
    r"^\s*(?:[-*+]\s|\d{1,9}[.)]\s|#{1,6}\s|>|\||```|~~~|<[!?]|<(?!/?(?:"
    r"a|abbr|b|bdi|bdo|big|cite|code|del|dfn|em|font|i|img|ins|kbd|mark|q|s|samp|small|span|"
    r"strike|strong|sub|sup|tt|u|var)\b))"
)


def hard_breaks(text: str) -> frozenset[int]:
    """Indices of the lines (newlines unified) that end in two spaces after some text."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return frozenset(
        index
        for index, line in enumerate(lines)
        if line.endswith("  ") and line.strip() and not line.startswith(("    ", "\t"))
    )


def with_hard_breaks(piece: Segment, breaks: frozenset[int]) -> Segment:
    """The answer with a backslash where a line of a paragraph broke before the next one."""
    if not breaks:
        return piece
    lines = list(piece.lines)
    for at, (kind, line) in enumerate(lines[:-1]):
        following_kind, following = lines[at + 1]
        if (
            piece.indices[at] in breaks
            and kind == TEXT
            and following_kind == TEXT
            and following.strip()
            and not _OWN_BLOCK.match(following)
            and not line.endswith("\\")
        ):
            lines[at] = (kind, line + "\\")
    return Segment(piece.question, lines, list(piece.indices))
