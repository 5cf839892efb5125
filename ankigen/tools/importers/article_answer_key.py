"""An answer key after a quiz: "### Correct Answers" over "1. B) …", "2. C) …", one per question.

A quiz page may give its questions with their options first and the key in a section of its
own at the end. The key's lines are taken out of the article (else they end up on the last
question's back) and each entry goes on the back of the question with its number. A study
guide's key may explain each answer at length: "### Answer Key & Explanations" over entries
that each open with a bold numbered label ("**2. OOV problem:**") and run to the next one.

A quiz in sections may key each section under a subtitle of the key ("## Answer Key" over
"### Multiple Choice Answers:" and "### Short Answer Sample Answers:"), its numbering running
on or restarting; each part then answers the first run of numbered questions (in order) that
holds all its numbers, a run ending where the numbering starts again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ankigen.tools.importers.article_lines import TEXT

__all__ = ["AnswerKey", "KeyEntry", "keyed_entries", "take_answer_key"]

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


# "**Answer:** 1. …" aside, a numbered heading counts as a numbered line above the key too.
_NUMBERED_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(?:Q(?:uestion)?\s*)?\d{1,4}[.):]\s+\S", re.I)
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")


@dataclass(frozen=True)
class KeyPart:
    """One list of a key: its entries by number."""

    entries: dict[int, str]
    explained: bool = False  # a key of blocks: each entry is a whole answer, not a choice


@dataclass(frozen=True)
class AnswerKey:
    """A key's parts (most keys have one), and the line of its title (its questions stand
    above it)."""

    parts: tuple[KeyPart, ...]
    line: int


@dataclass(frozen=True)
class KeyEntry:
    text: str
    explained: bool


def take_answer_key(lines: list[str], kinds: list[str]) -> AnswerKey:
    """The entries of an answer key below the questions, by number, with the key's lines
    blanked out of ``lines``; no entries when the article has none.

    A key is a title line ("Correct Answers", "Answer key", "Answers", also a toggle's label)
    over a list numbered 1, 2, 3 … (at least three entries, none asking) after as many numbered
    lines above it; or over entries labelled with their questions' numbers in increasing order
    ("- Q6: …", "- Q7: …", "- Q9: …"), a key that answers only some of the questions; or over
    bold numbered labels 1, 2, 3 … each heading its explanation ("**2. OOV problem:**" over a
    paragraph or a list), a key of blocks, which may be titled "Answer Key & Explanations";
    or over several such lists, each under a subtitle ("### Multiple Choice Answers:")."""
    for index, line in enumerate(lines):
        title = line.strip()
        if kinds[index] != TEXT or not (_KEY_TITLE.match(title) or _TOGGLE_TITLE.match(title)):
            continue
        parts, end = _parts(lines, kinds, index + 1)
        above = _numbered_above(lines, kinds, index)
        if parts and all(_plausible(part, above, opening=at == 0) for at, part in enumerate(parts)):
            if end < len(lines) and _CLOSING_TOGGLE.match(lines[end]):
                end += 1  # the toggle's "</details>" goes with it
            for blank in range(index, end):
                lines[blank] = ""
                kinds[blank] = TEXT
            return AnswerKey(tuple(part for part, _ in parts), index)
    return AnswerKey((), len(lines))


def _parts(
    lines: list[str], kinds: list[str], start: int
) -> tuple[list[tuple[KeyPart, bool]], int]:
    """The key's parts from ``start`` (each marked whether its entries are labelled with
    their questions' numbers), and the line after the last: one list right under the title,
    or several, each under a subtitle of its own."""
    first = next((i for i in range(start, len(lines)) if lines[i].strip()), len(lines))
    if first == len(lines) or kinds[first] != TEXT or not _HEADING.match(lines[first]):
        part, end = _part(lines, kinds, start)
        return ([part] if part is not None else []), end
    parts: list[tuple[KeyPart, bool]] = []
    end = start
    at = first
    while at < len(lines) and kinds[at] == TEXT and _HEADING.match(lines[at]):
        part, after = _part(lines, kinds, at + 1)
        if part is None:
            break
        parts.append(part)
        end = after
        at = next((i for i in range(after, len(lines)) if lines[i].strip()), len(lines))
    return parts, end


def _part(
    lines: list[str], kinds: list[str], start: int
) -> tuple[tuple[KeyPart, bool] | None, int]:
    entries, end = _entries(lines, kinds, start, _ITEM)
    labelled = False
    if not entries:
        entries, end = _entries(lines, kinds, start, _LABELLED_ITEM)
        labelled = True
    explained = not entries
    if explained:
        entries, end = _block_entries(lines, kinds, start)
        labelled = False
    if not entries:
        return None, start
    return (KeyPart(entries, explained), labelled), end


def _plausible(found: tuple[KeyPart, bool], above: int, opening: bool) -> bool:
    """A list that keys the questions above: three entries or more, in order, none asking."""
    part, labelled = found
    numbers = list(part.entries)
    # The first list counts from 1; a later one may run on ("11." to "17." after "1." to "12.").
    first = 1 if opening else numbers[0]
    in_order = (
        numbers == sorted(set(numbers))
        if labelled
        else numbers == list(range(first, first + len(numbers)))
    )
    return (
        len(numbers) >= _MIN_ENTRIES
        and in_order
        and not any(text.rstrip().endswith("?") for text in part.entries.values())
        and above >= max(numbers)
    )


def keyed_entries(questions: list[tuple[int | None, int]], key: AnswerKey) -> dict[int, KeyEntry]:
    """The key's entry for each question (number, line) it answers, by the question's line.

    A key of one part answers, by number, the last question above the key with that number
    (a page of several numbered lists, "1." to "20." of flashcards then "1." to "10." of a quiz
    over its key, answers the quiz), else the first one below it. A key of several parts
    answers runs of questions in order: each part the first run left that holds its numbers."""
    if len(key.parts) == 1:
        part = key.parts[0]
        keyed: dict[int, int] = {}
        for number, line in questions:
            if number is not None and (line < key.line or number not in keyed):
                keyed[number] = line
        return {
            keyed[number]: KeyEntry(text, part.explained)
            for number, text in part.entries.items()
            if number in keyed
        }
    found: dict[int, KeyEntry] = {}
    runs = _runs([(n, line) for n, line in questions if n is not None and line < key.line])
    at = 0
    for part in key.parts:
        while at < len(runs) and not set(part.entries) <= runs[at].keys():
            at += 1
        if at == len(runs):
            break
        for number, text in part.entries.items():
            found[runs[at][number]] = KeyEntry(text, part.explained)
        at += 1
    return found


def _runs(questions: list[tuple[int, int]]) -> list[dict[int, int]]:
    """The questions in runs of rising numbers: a run ends where the numbering starts again."""
    runs: list[dict[int, int]] = []
    last: int | None = None
    for number, line in questions:
        if last is None or number <= last:
            runs.append({})
        runs[-1][number] = line
        last = number
    return runs


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
    while block and (not block[-1].strip() or _RULE.match(block[-1])):
        block = block[:-1]  # the rule that closes the key is no part of its last entry
    text = "\n".join([same_line, *block] if same_line else block).strip("\n")
    return text if text.strip() else words.rstrip(":").strip()


def _numbered_above(lines: list[str], kinds: list[str], stop: int) -> int:
    return sum(
        1
        for index in range(stop)
        if kinds[index] == TEXT
        and (_ITEM.match(lines[index]) or _NUMBERED_HEADING.match(lines[index]))
    )
