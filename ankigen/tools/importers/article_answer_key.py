"""An answer key after a quiz: "### Correct Answers" over "1. B) …", "2. C) …", one per question.

A quiz page may give its questions with their options first and the key in a section of its
own at the end. The key's lines are taken out of the article (else they end up on the last
question's back) and each entry goes on the back of the question with its number. A study
guide's key may explain each answer at length: "### Answer Key & Explanations" over entries
that each open with a bold numbered label ("**2. OOV problem:**") and run to the next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ankigen.tools.importers.article_lines import TEXT

__all__ = ["take_answer_key"]

_KEY_TITLE = re.compile(
    r"^(?:#{1,6}\s+)?[*_]*(?:correct\s+answers?|answer\s+key|answers?\s+key|answers|solutions|"
    r"key)(?:\s*(?:&|and|with)\s*explanations?)?[*_]*\s*:?\s*[*_]*$",
    re.I,
)
# The same title as a toggle's label: "<details><summary>Key answers</summary>".
_TOGGLE_TITLE = re.compile(
    r"^(?:<details>\s*)?<summary>\s*(?:<(?:b|strong)>)?\s*(?:key\s+answers|answer\s+key|answers|"
    r"solutions)\s*:?\s*(?:</(?:b|strong)>)?\s*</summary>$",
    re.I,
)
_ITEM = re.compile(r"^ {0,3}(\d{1,4})[.)]\s+(\S.*)$")
# "- Q6: …": an entry labelled with its question's number, in a key that answers only some.
_LABELLED_ITEM = re.compile(r"^ {0,3}(?:[-*+]\s+)?Q\s?(\d{1,4})\s*[.):]\s+(\S.*)$")
_CLOSING_TOGGLE = re.compile(r"^\s*</details>\s*$")
# "**2. OOV problem:**" over its explanation, or "**3.** B, because …": an entry of a key of
# blocks; the label's words only name the question again, so the entry is what follows them.
_BLOCK_LABEL = re.compile(r"^ {0,3}(\*\*|__)\s*(\d{1,4})[.)]\s*(.*?)\s*\1\s*(.*)$")
_HEADING = re.compile(r"^ {0,3}#{1,6}\s")
_MIN_ENTRIES = 3  # fewer numbered lines under "Answers" may be an answer's own list


@dataclass(frozen=True)
class AnswerKey:
    """A key's entries by number, and the line of its title (its questions stand above it)."""

    entries: dict[int, str]
    line: int
    explained: bool = False  # a key of blocks: each entry is a whole answer, not a choice


def take_answer_key(lines: list[str], kinds: list[str]) -> AnswerKey:
    """The entries of an answer key below the questions, by number, with the key's lines
    blanked out of ``lines``; no entries when the article has none.

    A key is a title line ("Correct Answers", "Answer key", "Answers", also a toggle's label)
    over a list numbered 1, 2, 3 … (at least three entries, none asking) after as many numbered
    lines above it; or over entries labelled with their questions' numbers in increasing order
    ("- Q6: …", "- Q7: …", "- Q9: …"), a key that answers only some of the questions; or over
    bold numbered labels 1, 2, 3 … each heading its explanation ("**2. OOV problem:**" over a
    paragraph or a list), a key of blocks, which may be titled "Answer Key & Explanations"."""
    for index, line in enumerate(lines):
        title = line.strip()
        if kinds[index] != TEXT or not (_KEY_TITLE.match(title) or _TOGGLE_TITLE.match(title)):
            continue
        entries, end = _entries(lines, kinds, index + 1, _ITEM)
        labelled = False
        if not entries:
            entries, end = _entries(lines, kinds, index + 1, _LABELLED_ITEM)
            labelled = True
        explained = not entries
        if explained:
            entries, end = _block_entries(lines, kinds, index + 1)
            labelled = False
        numbers = list(entries)
        in_order = (
            numbers == sorted(set(numbers))
            if labelled
            else numbers == list(range(1, len(numbers) + 1))
        )
        if (
            len(numbers) >= _MIN_ENTRIES
            and in_order
            and not any(text.rstrip().endswith("?") for text in entries.values())
            and _numbered_above(lines, kinds, index) >= max(numbers)
        ):
            if end < len(lines) and _CLOSING_TOGGLE.match(lines[end]):
                end += 1  # the toggle's "</details>" goes with it
            for blank in range(index, end):
                lines[blank] = ""
                kinds[blank] = TEXT
            return AnswerKey(entries, index, explained)
    return AnswerKey({}, len(lines))


def _entries(
    lines: list[str], kinds: list[str], start: int, shape: re.Pattern[str]
) -> tuple[dict[int, str], int]:
    """The numbered entries from ``start`` (blank lines and indented continuations allowed),
    and the line after the last one."""
    entries: dict[int, list[str]] = {}
    last: int | None = None
    end = start
    for index in range(start, len(lines)):
        line = lines[index]
        item = shape.match(line) if kinds[index] == TEXT else None
        if item is not None:
            last = int(item.group(1))
            if last in entries:
                break
            entries[last] = [item.group(2).strip()]
        elif not line.strip():
            continue
        elif last is not None and line[:1].isspace():
            entries[last].append(line.strip())
        else:
            break
        end = index + 1
    return {number: " ".join(parts) for number, parts in entries.items()}, end


def _block_entries(lines: list[str], kinds: list[str], start: int) -> tuple[dict[int, str], int]:
    """The entries of a key of blocks from ``start``: each bold numbered label with the lines
    under it (lists, paragraphs, code) up to the next label or heading, and the line after
    the last one. None unless the key opens with a label."""
    labels: dict[int, tuple[str, str]] = {}  # number: (the label's words, text on its line)
    blocks: dict[int, list[str]] = {}
    last: int | None = None
    end = start
    for index in range(start, len(lines)):
        line = lines[index]
        label = _BLOCK_LABEL.match(line) if kinds[index] == TEXT else None
        if label is not None:
            last = int(label.group(2))
            if last in labels:
                break
            labels[last] = (label.group(3), label.group(4).strip())
            blocks[last] = []
        elif last is None:
            if line.strip():
                break
            continue
        elif kinds[index] == TEXT and _HEADING.match(line):
            break
        else:
            blocks[last].append(line.rstrip())
        end = index + 1
    return {number: _block_text(*labels[number], blocks[number]) for number in labels}, end


def _block_text(words: str, same_line: str, block: list[str]) -> str:
    """An entry's text: what follows its label ("**1. Buckets:**" over a block only names the
    question again), else the label's own words ("**1. B**" alone is the answer)."""
    text = "\n".join([same_line, *block] if same_line else block).strip("\n")
    return text if text.strip() else words.rstrip(":").strip()


def _numbered_above(lines: list[str], kinds: list[str], stop: int) -> int:
    return sum(
        1 for index in range(stop) if kinds[index] == TEXT and _ITEM.match(lines[index]) is not None
    )
