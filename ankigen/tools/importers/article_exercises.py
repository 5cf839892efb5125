"""Exercises labelled by number in a page whose questions have another shape.

A study page may mix shapes: flashcards in a numbered list, then `### Exercise 1` over a
paragraph that asks and an `**Answer:**` line. The page's questions are the list items, so the
exercise's question stands in no answer; rather than report it as dropped, it is read as what
its label says it is: a question (the paragraph) with the text under it, up to the next
heading, as its answer.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_answers import Segment
from ankigen.tools.importers.article_lines import HEADING, TEXT
from ankigen.tools.importers.article_questions import Candidate, Rejected, Shape

__all__ = ["labelled_exercises"]

# "### Exercise 3", "#### Problem 2:", "### **Question 7**": a label and a number, nothing else.
_LABEL_HEADING = re.compile(
    r"^ {0,3}(?P<marks>#{1,6})\s+(?:\*\*|__)?(?:exercise|question|problem|task|drill|"
    r"ejercicio|exerc[ií]cio|exercice|esercizio|aufgabe)\s+(?P<number>\d{1,4})\s*[:.)]?\s*"
    r"(?:\*\*|__)?\s*$",
    re.I,
)


def labelled_exercises(
    lines: list[str], kinds: list[str], dropped: list[Rejected]
) -> tuple[list[Segment], list[Rejected]]:
    """The dropped asking lines right under a label heading, as questions with their answers,
    and the dropped lines that remain."""
    found: list[Segment] = []
    remaining: list[Rejected] = []
    for entry in dropped:
        above = entry.line - 1
        while above >= 0 and not lines[above].strip():
            above -= 1
        label = _LABEL_HEADING.match(lines[above]) if above >= 0 and kinds[above] == TEXT else None
        if label is None:
            remaining.append(entry)
            continue
        text = lines[entry.line].strip()
        question = Candidate(
            line=entry.line,
            shape=Shape.HEADING,
            number=int(label.group("number")),
            text=text,
            level=len(label.group("marks")),
            raw=lines[entry.line],
        )
        end = entry.line + 1
        while end < len(lines) and not (kinds[end] == TEXT and HEADING.match(lines[end])):
            end += 1
        indices = list(range(entry.line + 1, end))
        found.append(Segment(question, [(kinds[i], lines[i]) for i in indices], indices))
    return found, remaining
