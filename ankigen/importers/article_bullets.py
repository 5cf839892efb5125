"""Questions written as bullet items, the last resort when an article has no other shape.

Some pages are a plain bulleted list of questions, each answered (or not) by nested bullets::

    - What is bagging?
      - training models on bootstrap samples and averaging them
    - What is boosting?

Bullets are common inside answers too, so they are looked at only when the article has no
numbered, heading, bold, Q/A or <details> questions at all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ankigen.importers.article_lines import TEXT
from ankigen.importers.article_questions import Candidate, Shape, _make, _prompts

__all__ = ["bullet_questions"]

# A top-level bullet (not nested): "- What is X?", "* Explain Y."
_TOP_BULLET = re.compile(r"^ ?[-*+]\s+(?!\[[ xX]\])(\S.*?)\s*$")
_MIN_BULLETS = 2  # one asking bullet is a remark, not a list of questions


def bullet_questions(
    lines: list[str], kinds: list[str], known: Mapping[str, str]
) -> dict[int, Candidate]:
    """Top-level bullets that ask or prompt ("- Define recall."), by line index."""
    found: dict[int, Candidate] = {}
    for index, line in enumerate(lines):
        match = _TOP_BULLET.match(line) if kinds[index] == TEXT else None
        if match is None:
            continue
        candidate = _make(index, line, Shape.LIST, match.group(1), known)
        if candidate is not None and _prompts(candidate.text):
            found[index] = candidate
    return found if len(found) >= _MIN_BULLETS else {}
