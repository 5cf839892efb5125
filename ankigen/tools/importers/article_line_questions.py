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
from ankigen.tools.importers.article_questions import (
    QUESTION_MARKS,
    Candidate,
    Shape,
    _make,
    _prompts,
)

__all__ = ["line_questions"]

_MIN_LINES = 3  # two asking lines in a paragraph are prose as often as a list
_LONGEST = 240  # a question on one line, not a paragraph
# A line that is no plain text: a list item, quote, table row, heading, HTML or indented block.
_MARKED = re.compile(r"^(?:\s|[-*+>|#<!\[`$]|\d{1,4}[.)]\s)")
# "---", "***", "___": a thematic break ends a paragraph ("---" over "🟢 Beginner Level").
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# "2) Networking": a short numbered title over the section's numbered lines ("2.1 …").
_SECTION_ITEM = re.compile(r"^\d{1,2}[.)]\s+[^\s?]+(?:\s+[^\s?]+){0,4}$")
# "3- How …?", "12 - Explain …": a number the page kept before the question; "2.1 Explain …"
# numbers it inside section 2.
_PAGE_NUMBER = re.compile(r"^\d{1,3}\s?[-\u2013\u2014]\s?(?=\S)|^\d{1,3}(?:\.\d{1,3})+\s+(?=\S)")


# "Why correct: the scheduler …", "Why B is wrong: …": a short label, a colon and a statement
# explain an answer; they ask nothing.
_LABELLED_STATEMENT = re.compile(r"^[^:?]{1,30}:\s+\S.*[^?\s]$")


def _asking_line(line: str) -> str | None:
    """The question of a line that asks on its own, else None."""
    text = _PAGE_NUMBER.sub("", line.strip(), count=1)
    if _MARKED.match(line) or len(text) > _LONGEST or not text.lstrip("\u00bf\u00a1")[:1].isupper():
        return None
    if _LABELLED_STATEMENT.match(text) and not text.endswith(QUESTION_MARKS):
        return None
    if text.startswith("\u00bf"):  # "¿" opens a Spanish question, wrapped or not
        return text
    return text if _prompts(text) else None


def _paragraphs(lines: list[str], kinds: list[str]) -> list[list[int]]:
    """Runs of consecutive non-blank text lines, by line index."""
    runs: list[list[int]] = []
    current: list[int] = []
    for index, line in enumerate(lines):
        if kinds[index] == TEXT and line.strip() and not _RULE.match(line):
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
    # The same list with a blank line after each question: a run of one- or two-line
    # paragraphs nearly all of whose lines ask (answers between them would halve the share).
    for run in _short_paragraph_runs(_paragraphs(lines, kinds), lines):
        run = [p for p in run if not (len(p) == 1 and _SECTION_ITEM.match(lines[p[0]]))]
        by_paragraph = [_asking_in(paragraph, lines) for paragraph in run]
        if sum(1 for found_here in by_paragraph if found_here) * 3 < len(run) * 2:
            continue
        asking = {index: text for found_here in by_paragraph for index, text in found_here}
        if len(asking) < _MIN_LINES:
            continue
        for index, text in asking.items():
            candidate = _make(index, lines[index], Shape.LIST, text, known)
            if candidate is not None:
                found[index] = replace(candidate, unanswered=True)
    return found


def _asking_in(paragraph: list[int], lines: list[str]) -> list[tuple[int, str]]:
    """The questions of a paragraph of one or two lines. A second line that asks nothing, or
    is indented, finishes the first one's question (a question wrapped at the margin); under
    a line that asks nothing ("Level two") it may ask on its own."""
    first = _asking_line(lines[paragraph[0]])
    if len(paragraph) == 1:
        return [(paragraph[0], first)] if first else []
    second_line = lines[paragraph[1]]
    second = _asking_line(second_line)
    if first and (second is None or second_line[:1].isspace()):
        return [(paragraph[0], f"{first} {second_line.strip()}")]
    return [(i, text) for i, text in zip(paragraph, (first, second), strict=True) if text]


def _short_paragraph_runs(paragraphs: list[list[int]], lines: list[str]) -> list[list[list[int]]]:
    """Each run of paragraphs of at most two lines with only blank lines between them."""
    runs: list[list[list[int]]] = []
    current: list[list[int]] = []
    for paragraph in paragraphs:
        between = lines[current[-1][-1] + 1 : paragraph[0]] if current else []
        if current and any(line.strip() for line in between):
            runs.append(current)
            current = []
        if len(paragraph) <= 2:
            current.append(paragraph)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs
