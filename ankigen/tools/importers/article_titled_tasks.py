"""A titled problem whose statement is the question: "### Zero Matrix" over "Write an algorithm
such that …" and the code that solves it.

Exercise pages and notebooks name each problem in a heading and set it in the paragraph under
the heading; the page asks no question in its headings, so each heading is a note. The heading
alone is a poor front ("Zero Matrix" says nothing of the task): when the first paragraph sets a
task or asks, it joins the heading on the front ("Zero Matrix: Write an algorithm …") and the
rest (the solution) is the back. A paragraph that only describes stays on the back.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_answers import Segment
from ankigen.tools.importers.article_lines import HEADING, TEXT
from ankigen.tools.importers.article_questions import prompts
from ankigen.tools.importers.article_stems import Stem

__all__ = ["titled_task"]

# "Given two strings, write a method to …": the prompt verb comes after the givens.
_GIVEN_THEN_PROMPT = re.compile(
    r"^given\b[^.?!]*,\s*(?:write|implement|design|find|return|compute|determine|decide|"
    r"print|count|check|rotate|sort|merge|reverse)\b",
    re.I,
)
_NOT_A_PARAGRAPH = re.compile(r"^\s*(?:[-*+>|]\s|\d+[.)]\s|<|!\[)")


def titled_task(piece: Segment) -> Stem | None:
    """The titled problem's statement as the front's second half, if it sets a task or asks
    and something (the solution) follows it."""
    lines = piece.lines
    start = next((i for i, (_, line) in enumerate(lines) if line.strip()), len(lines))
    end = start
    while end < len(lines) and lines[end][0] == TEXT and lines[end][1].strip():
        line = lines[end][1]
        if HEADING.match(line.lstrip()) or _NOT_A_PARAGRAPH.match(line):
            break
        end += 1
    if end == start:
        return None
    statement = " ".join(line.strip() for _, line in lines[start:end])
    sets_task = prompts(statement) or _GIVEN_THEN_PROMPT.match(statement) is not None
    rest = lines[end:]
    if not sets_task or not any(line.strip() for _, line in rest):
        return None
    front = f"{piece.question.text.rstrip(' :')}: {statement}"
    return Stem(front, rest, frozenset(piece.indices[:end]), None)
