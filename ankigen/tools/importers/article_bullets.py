"""Questions written as bullet items, the last resort when an article has no other shape.

Some pages are a plain bulleted list of questions, each answered (or not) by nested bullets::

    - What is bagging?
      - training models on bootstrap samples and averaging them
    - What is boosting?

Bullets are common inside answers too, so they are looked at only when the article has no
numbered, heading, bold, Q/A or <details> questions at all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from ankigen.tools.importers.article_lines import TEXT
from ankigen.tools.importers.article_list_columns import shallow_top_items
from ankigen.tools.importers.article_questions import Candidate, Shape, _make, _prompts

__all__ = ["bullet_questions", "group_titles", "list_labels"]

# A top-level bullet (not nested): "- What is X?", "* Explain Y."
_TOP_BULLET = re.compile(r"^ ?[-*+]\s+(?!\[[ xX]\])(\S.*?)\s*$")
# The same two or three spaces in, where that still starts a top-level item.
_SHALLOW_BULLET = re.compile(r"^ {2,3}[-*+]\s+(?!\[[ xX]\])(\S.*?)\s*$")
_MIN_BULLETS = 2  # one asking bullet is a remark, not a list of questions
# An indented line that is no list item: the text of the bullet above, wrapped.
_WRAPPED = re.compile(r"^\s{2,}(?![-*+]\s|\d{1,4}[.)]\s)\S")


def _wrapped(
    body: str, lines: list[str], kinds: list[str], index: int
) -> tuple[str, tuple[int, ...]]:
    """A bullet whose emphasis opens on its line and closes on an indented line below
    ("- *What is the difference between A and" / "    B?*"): the whole question."""
    mark = body[:1]
    if mark not in ("*", "_") or body.rstrip().endswith(mark):
        return body, ()
    parts = [body]
    following = index + 1
    while following < len(lines) and following - index <= 3 and kinds[following] == TEXT:
        if not _WRAPPED.match(lines[following]):
            return body, ()
        parts.append(lines[following].strip())
        following += 1
        if parts[-1].endswith(mark):
            return " ".join(parts), tuple(range(index + 1, following))
    return body, ()


def bullet_questions(
    lines: list[str], kinds: list[str], known: Mapping[str, str]
) -> dict[int, Candidate]:
    """Top-level bullets that ask or prompt ("- Define recall."), by line index."""
    found: dict[int, Candidate] = {}
    shallow = shallow_top_items(lines, kinds)  # "  - …" after " - …": the list's next item
    for index, line in enumerate(lines):
        match = _TOP_BULLET.match(line) if kinds[index] == TEXT else None
        if match is None and index in shallow:
            match = _SHALLOW_BULLET.match(line)
        if match is None:
            continue
        body, continued = _wrapped(match.group(1), lines, kinds, index)
        candidate = _make(index, line, Shape.LIST, body, known)
        if candidate is not None and (_prompts(candidate.text) or _labelled_prompt(body)):
            found[index] = replace(candidate, continued=continued)
    if len(found) < _MIN_BULLETS:
        return {}
    found.update(_grouped_questions(lines, kinds, known, found))
    found.update(_emphasised_topics(lines, kinds, known, found))
    found.update(_sibling_items(lines, kinds, known, found))
    found.update(_bold_items(lines, kinds, known, found))
    titles = group_titles(lines, kinds, known)
    return {index: candidate for index, candidate in found.items() if index not in titles}


# "**Emphasis:** Describe how …": a bold label of a few words, then the bullet's own text.
_BOLD_LEAD = re.compile(r"^(\*\*|__)[^*_\n]{1,40}?:\1\s*(?P<text>\S.*)$")
_MAX_LABEL_WORDS = 4
# A sentence break: "GitHub supports task lists. Write a simple one …".
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _labelled_prompt(body: str) -> bool:
    """ "**Task Lists:** GitHub supports task lists. Write a simple one.": after a bold label
    naming the topic, the text asks or prompts, in its first sentence or in a later one after
    the scene it sets (an interviewer's checklist)."""
    lead = _BOLD_LEAD.match(body)
    if lead is None or len(body[: lead.start("text")].split()) > _MAX_LABEL_WORDS:
        return False
    return any(_prompts(part.strip()) for part in _SENTENCE_BREAK.split(lead.group("text")))


# A nested bullet: "    * What is a class?" under a group bullet.
_NESTED_BULLET = re.compile(r"^(\s{2,8})[-*+]\s+(\S.*?)\s*$")


def _grouped_questions(
    lines: list[str], kinds: list[str], known: Mapping[str, str], found: dict[int, Candidate]
) -> dict[int, Candidate]:
    """In a list of bullet questions, a bullet that only names a group ("- OOP principles")
    over nested bullets that each ask ("  - What is inheritance?"): the nested bullets are
    questions of the list too, not the answer of the question above."""
    grouped: dict[int, Candidate] = {}
    for top, asking in _groups(lines, kinds, known).items():
        if top not in found:
            grouped.update(asking)
    return grouped


def group_titles(lines: list[str], kinds: list[str], known: Mapping[str, str]) -> frozenset[int]:
    """The lines of the bullets that only name a group of nested bullet questions: no part
    of the answer above them."""
    return frozenset(_groups(lines, kinds, known))


def _groups(
    lines: list[str], kinds: list[str], known: Mapping[str, str]
) -> dict[int, dict[int, Candidate]]:
    """Each top-level bullet that does not ask, over at least two nested bullets that all
    ask: its line, with the nested questions by line."""
    groups: dict[int, dict[int, Candidate]] = {}
    for index, line in enumerate(lines):
        top = _TOP_BULLET.match(line) if kinds[index] == TEXT else None
        if top is None or top.group(1).rstrip().endswith("?"):
            continue
        nested: list[int] = []
        following = index + 1
        while following < len(lines) and kinds[following] == TEXT:
            if _NESTED_BULLET.match(lines[following]):
                nested.append(following)
            elif lines[following].strip():
                break
            following += 1
        asking: dict[int, Candidate] = {}
        for item in nested:
            match = _NESTED_BULLET.match(lines[item])
            if match is None:
                continue
            candidate = _make(item, lines[item], Shape.LIST, match.group(2), known)
            if candidate is not None and candidate.text.endswith("?"):
                asking[item] = candidate
        if len(asking) >= _MIN_BULLETS and len(asking) == len(nested):
            groups[index] = asking
    return groups


# "**Leadership**" at the margin, right above the first item of a list: the list's label.
_BOLD_LABEL = re.compile(r"^(\*\*|__)[^*_\n]+\1:?\s*$")


def list_labels(lines: list[str], kinds: list[str], questions: frozenset[int]) -> frozenset[int]:
    """The bold lines that label the list of questions right below them ("**Teamwork**" over
    "- Describe a project …"), and the plain title lines glued to an item after a blank line
    ("Schwere Aufgaben (kurz begründen)" over "8) Erklären Sie …"): no part of the answer of
    the question above them."""
    bold = {
        index - 1
        for index in questions
        if index > 0 and kinds[index - 1] == TEXT and _BOLD_LABEL.match(lines[index - 1])
    }
    return frozenset(bold.union(*(_plain_titles(lines, kinds, index) for index in questions)))


# "Schwere Aufgaben (kurz begründen)", "Fill-in (one word each):": a line at the margin that
# ends in a bracket or a colon, with no sentence in it, titling the items below it.
_PLAIN_TITLE = re.compile(r"^[^\W\d_][^.!?]{0,78}[):]\s*$")
_MAX_TITLE_LINES = 2


def _plain_titles(lines: list[str], kinds: list[str], index: int) -> set[int]:
    """The title lines (one or two) right above the item at ``index``, when a blank line parts
    them from the text above: a group's title, not the end of the previous answer."""
    titles: set[int] = set()
    at = index - 1
    while at >= 0 and len(titles) < _MAX_TITLE_LINES and kinds[at] == TEXT:
        if not _PLAIN_TITLE.match(lines[at]):
            break
        titles.add(at)
        at -= 1
    return titles if titles and (at < 0 or not lines[at].strip()) else set()


_BOLD_ITEM = re.compile(r"^(\*\*|__)(?:(?!\1).)+\1$")
_MIN_BOLD = 3


def _bold_items(
    lines: list[str], kinds: list[str], known: Mapping[str, str], found: dict[int, Candidate]
) -> dict[int, Candidate]:
    """Where the bullet questions are each one bold item ("- **What is X?**"), mostly, the
    other wholly bold bullets at the margin are items of that list too, across the section
    headings between them ("- **Backpropagation**" over its sub-questions): imported, those
    that do not ask with a warning, not hidden in the answer above."""
    bold = [
        index
        for index, line in enumerate(lines)
        if kinds[index] == TEXT
        and (match := _TOP_BULLET.match(line)) is not None
        and _BOLD_ITEM.match(match.group(1))
    ]
    asking = [index for index in bold if index in found]
    if len(asking) < _MIN_BOLD or len(asking) * 2 < len(bold):
        return {}
    items: dict[int, Candidate] = {}
    for index in bold:
        match = _TOP_BULLET.match(lines[index])
        if index in found or match is None:
            continue
        candidate = _make(index, lines[index], Shape.LIST, match.group(1), known)
        if candidate is not None:
            items[index] = replace(candidate, question_like=False)
    return items


# "Choices: …", "**Type:** …": a labelled field of a question, not an item of the list.
_FIELD = re.compile(r"^[*_]*[A-Za-z][\w ]{0,24}[*_]*:[*_]*(?:\s|$)")


def _bullet_runs(lines: list[str], kinds: list[str]) -> list[list[int]]:
    """The top-level bullets of each list, by line index: a list goes on over blank lines
    and indented lines (nested items, wrapped text) and ends at any other line."""
    runs: list[list[int]] = []
    current: list[int] = []
    for index, line in enumerate(lines):
        if kinds[index] == TEXT and _TOP_BULLET.match(line):
            current.append(index)
        elif not line.strip() or (current and line[:1] in (" ", "\t")):
            continue
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _sibling_items(
    lines: list[str], kinds: list[str], known: Mapping[str, str], found: dict[int, Candidate]
) -> dict[int, Candidate]:
    """In a list whose bullets are mostly questions, the other top-level bullets are items
    of it too ("- Code a beam search", "- Have you shipped one? Describe it."): an answer
    would be nested under its question, never a sibling at the margin."""
    siblings: dict[int, Candidate] = {}
    for run in _bullet_runs(lines, kinds):
        asking = sum(1 for index in run if index in found)
        if asking < _MIN_BULLETS or asking * 2 < len(run):
            continue
        for index in run:
            match = _TOP_BULLET.match(lines[index])
            if index in found or match is None or _FIELD.match(match.group(1)):
                continue  # "- Choices: …" at the margin is a field of the item above
            candidate = _make(index, lines[index], Shape.LIST, match.group(1), known)
            if candidate is not None:
                asks = "?" in candidate.text
                siblings[index] = replace(candidate, question_like=asks)
    return siblings


_EMPHASISED = re.compile(r"^(\*|_)[^*_]+\1$")


def _emphasised_topics(
    lines: list[str], kinds: list[str], known: Mapping[str, str], found: dict[int, Candidate]
) -> dict[int, Candidate]:
    """Where the bullet questions are each one emphasised item ("- *What is X?*") with their
    answer below at the margin, a bullet of that shape that only names a topic
    ("- *Sharding*" over its text) is an item of the list too: imported with a warning to
    reword it, not hidden in the answer above."""
    emphasised = sum(
        1
        for candidate in found.values()
        if (match := _TOP_BULLET.match(candidate.raw)) and _EMPHASISED.match(match.group(1))
    )
    if emphasised * 2 <= len(found):
        return {}
    topics: dict[int, Candidate] = {}
    for index, line in enumerate(lines):
        match = _TOP_BULLET.match(line) if kinds[index] == TEXT else None
        if index in found or match is None or not _EMPHASISED.match(match.group(1)):
            continue
        below = next(
            (i for i in range(index + 1, index + 4) if i < len(lines) and lines[i].strip()), None
        )
        if below is None or kinds[below] != TEXT or lines[below][:1] in (" ", "-", "*", "+"):
            continue  # a list of terms, not a topic with its text at the margin
        candidate = _make(index, line, Shape.LIST, match.group(1), known)
        if candidate is not None:
            topics[index] = replace(candidate, question_like=False)
    return topics
