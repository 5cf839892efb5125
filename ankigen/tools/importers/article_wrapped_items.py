"""Numbered items whose question goes on below their own line, without indentation.

Pages pasted from a PDF or a chat wrap a list item's text at the margin::

    6. Difference between a data mart, a warehouse and
    a lake house
    7. Explain Z-ordering.

and a labelled prompt ("2. Coding question: Python:") holds its task on the lines below it, up
to the next item. Markdown reads such lines as part of the item (lazy continuation), so they
belong to the question, not to an answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from ankigen.tools.importers.article_lines import HEADING, TEXT
from ankigen.tools.importers.article_questions import _LIST_ITEM, Candidate, Shape, _make

__all__ = ["with_wrapped_items"]

# The text of an item that ends its sentence or its label: nothing wraps after it.
_ENDED = re.compile(r"[.?!:;\u3002\uff1f\uff01]\s*$")
# A word that cannot end a phrase: the line was cut after it.
_CONNECTOR = re.compile(
    r"\b(?:and|or|of|the|a|an|to|in|on|with|for|between|from|by|versus|vs\.?|than)\s*,?$|,$",
    re.I,
)
# A line that starts something of its own: a list, a quote, a table, code, HTML, a label.
_OWN_BLOCK = re.compile(
    r"^\s*(?:[-*+>|<#`~]|\d{1,4}[.)\u3001]|[A-Za-z]{1,6}\s*:|\*\*|__|!\[|\[)", re.I
)
_CJK_END = re.compile(r"[\u4e00-\u9fff]$")
_CJK_START = re.compile(r"^\s{1,4}[\u4e00-\u9fff]")
_LONGEST_WRAP = 6  # words on the wrapped part of a line: more is a sentence of its own
_LONGEST_LOWER_WRAP = 20  # words on a wrapped part that goes on in lower case
# "Coding question: PySpark:", "Task 2:", "Problem:": the item announces the prompt below it.
_PROMPT_LABEL = re.compile(r"\b(?:questions?|tasks?|problems?|exercises?|challenges?)\b", re.I)
_LONGEST_PROMPT = 30  # lines a labelled prompt may run to before the next item


def with_wrapped_items(
    candidates: dict[int, Candidate],
    lines: list[str],
    kinds: list[str],
    known: Mapping[str, str],
) -> dict[int, Candidate]:
    """The candidates, each numbered item with the lines that continue its question."""
    result = dict(candidates)
    for index, candidate in candidates.items():
        if candidate.shape is not Shape.LIST or candidate.continued:
            continue
        item = _LIST_ITEM.match(lines[index])
        if item is None or candidate.number is None:
            continue
        own = item.group(2).strip()
        continued = _labelled_prompt(own, candidate.number, index, lines, kinds) or _wrap(
            own, index, lines, kinds
        )
        if not continued:
            continue
        body = " ".join([own, *(lines[i].strip() for i in continued)])
        whole = _make(index, lines[index], Shape.LIST, body, known, number=candidate.number)
        if whole is not None:
            labelled = _PROMPT_LABEL.search(candidate.text) is not None
            result[index] = replace(
                whole, continued=continued, weak=candidate.weak and not labelled
            )
    return result


def _wrap(text: str, index: int, lines: list[str], kinds: list[str]) -> tuple[int, ...]:
    """The one short line that finishes an item cut at the margin ("… Warehouse and" /
    "Lakehouse"), when the next line is the next item or a blank line."""
    following = index + 1
    if _ENDED.search(text) or following >= len(lines) or kinds[following] != TEXT:
        return ()
    part = lines[following]
    if not part.strip() or _OWN_BLOCK.match(part) or HEADING.match(part):
        return ()
    # Chinese text filled at a column goes on, indented under its item, on the next line.
    if part[:1].isspace() and not (_CJK_END.search(text) and _CJK_START.match(part)):
        return ()
    words = part.split()
    # A line that goes on in lower case finishes the cut sentence, however long ("… Use the
    # type() function to" / "check the data type of your variable.").
    longest = _LONGEST_LOWER_WRAP if part.strip()[0].islower() else _LONGEST_WRAP
    if len(words) > longest or part.rstrip().endswith((":", ";")):
        return ()
    # "… methods in Python" / "lists.": the cut sentence ends on the wrapped line.
    finishes = _CONNECTOR.search(text) or part.strip()[0].islower()
    if part.rstrip().endswith(".") and not finishes:
        return ()
    # An unpunctuated short line under a term ("1. Bagging" / "Reduces variance") may be its
    # definition: only a cut phrase, a lower-case continuation or a single word is a wrap.
    if not (finishes or len(words) == 1 or _CJK_START.match(part)):
        return ()
    after = following + 1
    if after < len(lines) and lines[after].strip() and not _LIST_ITEM.match(lines[after]):
        return ()
    return (following,)


def _labelled_prompt(
    text: str, number: int, index: int, lines: list[str], kinds: list[str]
) -> tuple[int, ...]:
    """ "1. Coding question: PySpark:" over the task's lines, up to the next item ("2. …")."""
    label = _PROMPT_LABEL.search(text)
    if label is None or ":" not in text[label.end() :]:
        return ()
    if not text.endswith(":") and len(text.split()) > _LONGEST_WRAP:
        return ()  # "Task 2: write a parser that …": the prompt is on the item's own line
    following = index + 1
    while following < len(lines) and following - index <= _LONGEST_PROMPT:
        line = lines[following]
        item = _LIST_ITEM.match(line) if kinds[following] == TEXT else None
        if item is not None and int(item.group(1)) == number + 1:
            return tuple(i for i in range(index + 1, following) if lines[i].strip())
        if kinds[following] != TEXT or HEADING.match(line) or not line.strip():
            return ()
        following += 1
    return ()
