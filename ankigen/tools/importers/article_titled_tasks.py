"""A titled problem whose statement is the question: "### Zero Matrix" over "Write an algorithm
such that …" and the code that solves it.

Exercise pages and notebooks name each problem in a heading and set it in the paragraph under
the heading; the page asks no question in its headings, so each heading is a note. The heading
alone is a poor front ("Zero Matrix" says nothing of the task): when the first paragraph sets a
task or asks, it joins the heading on the front ("Zero Matrix: Write an algorithm …") and the
rest (the solution) is the back. A paragraph that only describes stays on the back; when a
long one comes first and the next paragraph sets the task, that task is the front's second
half and the description opens the back.
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
    and something (the solution) follows it. A short scenario may come first, in a paragraph
    of its own ("You want to enable X." over "List what must change.")."""
    lines = piece.lines
    first = _paragraph(lines, _next_text(lines, 0))
    if first is None:
        return None
    start, end = first
    statement = _joined(lines, start, end)
    sets_task = _sets_task(statement)
    if not sets_task and len(statement) > _MAX_SCENARIO:
        return _task_after_background(piece, first)
    if not sets_task and len(statement) <= _MAX_SCENARIO:
        second = _paragraph(lines, _next_text(lines, end))
        if second is not None and _sets_task(_joined(lines, *second)):
            statement, sets_task = f"{statement} {_joined(lines, *second)}", True
            end = second[1]
    rest = lines[end:]
    if not sets_task or not any(line.strip() for _, line in rest):
        return None
    front = f"{piece.question.text.rstrip(' :')}: {statement}"
    return Stem(front, rest, frozenset(piece.indices[:end]), None)


_MAX_SCENARIO = 160  # characters of a scenario that may open the front before the task


def _task_after_background(piece: Segment, first: tuple[int, int]) -> Stem | None:
    """A long paragraph of background, then the one that sets the task ("The Dutch National
    Flag" explains the partition at length, then "Write a program that …"): the task joins
    the title on the front, the background opens the back above the solution."""
    lines = piece.lines
    second = _paragraph(lines, _next_text(lines, first[1]))
    if second is None:
        return None
    task = _joined(lines, *second)
    after = lines[second[1] :]
    if not _sets_task(task) or not any(line.strip() for _, line in after):
        return None
    back = [*lines[first[0] : first[1]], (TEXT, ""), *after]
    front = f"{piece.question.text.rstrip(' :')}: {task}"
    return Stem(front, back, frozenset(piece.indices[second[0] : second[1]]), None)


def _sets_task(statement: str) -> bool:
    return prompts(statement) or _GIVEN_THEN_PROMPT.match(statement) is not None


def _next_text(lines: list[tuple[str, str]], at: int) -> int:
    while at < len(lines) and not lines[at][1].strip():
        at += 1
    return at


def _paragraph(lines: list[tuple[str, str]], start: int) -> tuple[int, int] | None:
    """The plain paragraph from ``start`` (no list, table, heading or code), as a range."""
    end = start
    while end < len(lines) and lines[end][0] == TEXT and lines[end][1].strip():
        line = lines[end][1]
        if HEADING.match(line.lstrip()) or _NOT_A_PARAGRAPH.match(line):
            break
        end += 1
    return (start, end) if end > start else None


def _joined(lines: list[tuple[str, str]], start: int, end: int) -> str:
    return " ".join(line.strip() for _, line in lines[start:end])
