"""A quiz's scenario written as a heading of its own, right over the heading that asks about it.

A practice test may state the situation in one heading and ask in the next, at the same level
with only blank lines between them::

    ### 6 . A startup must run load tests on lab machines built from templates.

    ### As the principal consultant, which of the following services would you recommend?

or the other way round (an unnumbered scenario over ``### 5 . Is this assumption valid?``).
The question needs its scenario: the two headings are read as one, the scenario first, under
the number either of them gives. The scenario's line is blanked so later lines keep their
numbers.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_lines import TEXT

_HEADING = re.compile(r"^(#{1,6})\s+(?:(\d{1,4})\s?[.)]\s+)?(\S.*?)\s*#*\s*$")
_MIN_SCENARIO_WORDS = 8  # a sentence that sets a scene, not a section title


def join_scenario_headings(lines: list[str], kinds: list[str]) -> None:
    """Each stating heading right over an asking one of its level becomes part of it."""
    index = 0
    while index < len(lines):
        scenario = _HEADING.match(lines[index]) if kinds[index] == TEXT else None
        below = _next_text(lines, index)
        if scenario is None or below is None or kinds[below] != TEXT:
            index += 1
            continue
        question = _HEADING.match(lines[below])
        if question is None or not _joins(scenario, question):
            index += 1
            continue
        number = scenario.group(2) or question.group(2)
        label = f"{number}. " if number else ""
        text = f"{scenario.group(3)} {question.group(3)}"
        lines[below] = f"{question.group(1)} {label}{text}"
        lines[index] = ""
        index = below + 1


def _next_text(lines: list[str], index: int) -> int | None:
    for later in range(index + 1, min(index + 3, len(lines))):
        if lines[later].strip():
            return later
    return None


def _joins(scenario: re.Match[str], question: re.Match[str]) -> bool:
    """A statement of a scene (a sentence of eight words or more ending in a full stop) over a
    question of the same level; at most one of the two numbered."""
    if scenario.group(1) != question.group(1) or (scenario.group(2) and question.group(2)):
        return False
    stated = scenario.group(3).rstrip()
    return (
        stated.endswith(".")
        and len(stated.split()) >= _MIN_SCENARIO_WORDS
        and question.group(3).rstrip().endswith("?")
    )
