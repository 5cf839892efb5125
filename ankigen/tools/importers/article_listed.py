"""Prompts listed under topic headings, numbered again in each section and never answered::

    ## Project
    1. Self-introduction
    2. Differences between a lock and a semaphore

    ## Databases
    1. Redis transaction commands

When no heading asks (each would become a note of its own, its list the answer) and every
section under the headings is such a list, one line an item with nothing written below it,
the items are what the page asks: each is an unanswered question. A topic whose body is
prose, or items with text under them, keeps the list as the topic's answer. An introduction
above the first list and thematic breaks (``---``) between sections are no section body, and
a list numbered ``1.`` on every item (Markdown renumbers it) counts as numbered from 1 on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from ankigen.tools.importers.article_lines import HEADING, TEXT
from ankigen.tools.importers.article_questions import Candidate, Shape, _make

__all__ = ["listed_questions"]

_ITEM = re.compile(r"^(\d{1,3})[.)]\s+(\S.*)$")
_MIN_SECTIONS = 3  # two short lists under headings are as often answers as questions
_LONGEST = 160  # one prompt on a line, not an answer written as an item
_THEMATIC_BREAK = re.compile(r"^ {0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")


def listed_questions(
    lines: list[str], kinds: list[str], known: Mapping[str, str]
) -> dict[int, Candidate]:
    """Each item of the numbered lists that alone fill the sections under headings, when at
    least three sections are such lists and no section holds anything else."""
    lists, other = _sections(lines, kinds)
    if len(lists) < _MIN_SECTIONS or other:
        return {}
    found: dict[int, Candidate] = {}
    for items in lists:
        for index in items:
            match = _ITEM.match(lines[index])
            text = match.group(2) if match else ""
            candidate = _make(index, lines[index], Shape.LIST, text, known)
            if candidate is not None:
                found[index] = replace(candidate, unanswered=True)
    return found


def _sections(lines: list[str], kinds: list[str]) -> tuple[list[list[int]], int]:
    """The item lines of each section under a heading that holds only one-line numbered items
    from 1 on, and how many sections hold anything else (prose, nested text, a fence). A
    heading straight over another one opens no section."""
    lists: list[list[int]] = []
    other = 0
    current: list[int] | None = None
    numbers: list[int] = []
    for index, line in enumerate(lines):
        if kinds[index] == TEXT and HEADING.match(line):
            if current:
                lists.append(current)
            current, numbers = [], []
            continue
        if current is None or not line.strip() or _THEMATIC_BREAK.match(line):
            continue
        match = _ITEM.match(line) if kinds[index] == TEXT else None
        if match is None or not _next_number(int(match.group(1)), numbers) or len(line) > _LONGEST:
            other += 1 if lists or current else 0  # prose above the first list introduces it
            current = None  # the section holds something else: it is no prompt list
            continue
        current.append(index)
        numbers.append(int(match.group(1)))
    if current:
        lists.append(current)
    return lists, other


def _next_number(number: int, before: list[int]) -> bool:
    """Whether an item numbered so follows the numbers before it: 1, 2, 3 … or 1, 1, 1 …"""
    return number == len(before) + 1 or (number == 1 and set(before) == {1})
