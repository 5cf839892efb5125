"""Flashcards written out as Markdown: a heading per card over "Front:" and "Back:" lines.

Generated flashcard sets name each card ("### Card 3 [DEFINITION]") and put the card's two
sides below it as labelled lines ("**Front:** What is X?" / "**Back:** …"). The heading only
counts the cards; the front is the question. So the heading's text becomes the front's text
and the labels go: the card reads like any question heading over its answer. The front line
is blanked, not removed, so that line numbers in warnings still point into the article.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_lines import TEXT

__all__ = ["read_front_back_cards"]

_HEADING = re.compile(r"^(#{1,6})\s+\S")
# "**Front:** …", "Front: …", "__Front__: …", "- **Front**: …"
_LABEL = r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?{name}(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(?P<text>.*)$"
_FRONT = re.compile(_LABEL.format(name="front"), re.I)
_BACK = re.compile(_LABEL.format(name="back"), re.I)


def read_front_back_cards(lines: list[str], kinds: list[str]) -> None:
    """Rewrite, in place, each heading whose section opens with a "Front:" line and holds a
    "Back:" line: the heading asks the front's text, the back's label goes."""
    headings = [i for i, line in enumerate(lines) if kinds[i] == TEXT and _HEADING.match(line)]
    for at, heading in enumerate(headings):
        end = headings[at + 1] if at + 1 < len(headings) else len(lines)
        body = [i for i in range(heading + 1, end) if kinds[i] == TEXT and lines[i].strip()]
        if not body:
            continue
        front = _FRONT.match(lines[body[0]])
        backs = [i for i in body[1:] if _BACK.match(lines[i])]
        if front is None or not front.group("text").strip() or len(backs) != 1:
            continue
        level = _HEADING.match(lines[heading])
        assert level is not None
        lines[heading] = f"{level.group(1)} {front.group('text').strip()}"
        lines[body[0]] = ""
        back = _BACK.match(lines[backs[0]])
        assert back is not None
        lines[backs[0]] = back.group("text")
