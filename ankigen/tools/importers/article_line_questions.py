"""Questions written one a line with no mark at all, the shape of a web page pasted as text::

    Sample Questions

    What is the difference between a t-test and a z-test?
    Explain the central limit theorem and its significance.
    How do you interpret a p-value?

Such a run of lines is a list of unanswered questions: each line that asks or prompts is a
question of its own. A paragraph is such a run only when most of its lines ask, each from a
capital letter, so hard-wrapped prose ("is a method that …" on a line of its own) is never one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from ankigen.tools.importers.article_lines import TEXT
from ankigen.tools.importers.article_questions import Candidate, Shape, _make, _prompts

__all__ = ["line_questions"]

_MIN_LINES = 3  # two asking lines in a paragraph are prose as often as a list
_LONGEST = 240  # a question on one line, not a paragraph
# A line that is no plain text: a list item, quote, table row, heading, HTML or indented block.
_MARKED = re.compile(r"^(?:\s|[-*+>|#<!\[`$]|\d{1,4}[.)]\s)")
# "3- How …?", "12 - Explain …": a number the page kept before the question.
_PAGE_NUMBER = re.compile(r"^\d{1,3}\s?[-\u2013\u2014]\s?(?=\S)")


def _asking_line(line: str) -> str | None:
    """The question of a line that asks on its own, else None."""
    text = _PAGE_NUMBER.sub("", line.strip(), count=1)
    if _MARKED.match(line) or len(text) > _LONGEST or not text[:1].isupper():
        return None
    return text if _prompts(text) else None


def _paragraphs(lines: list[str], kinds: list[str]) -> list[list[int]]:
    """Runs of consecutive non-blank text lines, by line index."""
    runs: list[list[int]] = []
    current: list[int] = []
    for index, line in enumerate(lines):
        if kinds[index] == TEXT and line.strip():
            current.append(index)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def line_questions(
    lines: list[str], kinds: list[str], known: Mapping[str, str]
) -> dict[int, Candidate]:
    """Each asking line of the paragraphs whose lines mostly ask, by line index."""
    found: dict[int, Candidate] = {}
    for paragraph in _paragraphs(lines, kinds):
        asking = {index: text for index in paragraph if (text := _asking_line(lines[index]))}
        if len(asking) < _MIN_LINES or len(asking) * 2 < len(paragraph):
            continue
        for index, text in asking.items():
            candidate = _make(index, lines[index], Shape.LIST, text, known)
            if candidate is not None:
                found[index] = replace(candidate, unanswered=True)
    return found
