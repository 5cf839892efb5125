"""A topic heading over an explicit question: the question, not the heading, is the front.

Quiz-style articles title each item with a topic and ask below it::

    ### 7. Leaf size and training time
    **Question:**
    A short scenario that sets the question up.
    **Which choice makes training faster?**
    - A
    - B

The card asks the bold question (or the text after the ``Question:`` label), with the
scenario before it (or, without one, the heading as a prefix) and the answer choices after it
in parentheses; the rest of the item is the back. The heading still names the note's id. A
scenario holding a table or a list cannot be part of a one-line front: it then opens the back,
the front starts with the heading, and the import warns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ankigen.tools.importers.article_answers import Segment
from ankigen.tools.importers.article_lines import HEADING, TEXT
from ankigen.tools.importers.article_markers import metadata_difficulty
from ankigen.tools.importers.article_questions import QUESTION_WORDS, Shape

_LABEL = re.compile(r"^\s*(\*\*|__)?(?:question|q)\s*[:.]\s*\1?\s*(.*)$", re.I)
_BOLD_QUESTION = re.compile(r"^\s*(\*\*|__)(\S.*\?)\1\s*$")
_CHOICE = re.compile(r"^\s{0,3}(?:[-*+]|\(?[A-Ha-h1-9][.)])\s+(\S.*)$")
_TABLE_OR_LIST = re.compile(r"^\s*(?:\||[-*+]\s|\d+[.)]\s)")
_DETAILS = re.compile(r"^\s*<(?:details|summary)\b", re.I)
# "**Q: Key differences**": label and question inside one bold span.
_WHOLE_BOLD_LABEL = re.compile(r"^\s*(\*\*|__)(?:question|q)\s*[:.]\s*(\S.*?)\1\s*$", re.I)
_ANSWER_STARTS = re.compile(r"^\s*(?:\*\*|__)?(?:a|ans|answer)\s*[:.]", re.I)
_MAX_CONTEXT = 12  # lines between the heading and its question, at most
# "### Question" / "### Answer" sub-headings that only label the two parts of an item.
_QUESTION_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(\*\*|__)?question\s*:?\s*\1?\s*$", re.I)
_ANSWER_HEADING = re.compile(
    r"^\s{0,3}#{1,6}\s+(\*\*|__)?(?:answer|solution|explanation)\s*:?\s*\1?\s*$", re.I
)
# "**Topic:** Concept", "**Difficulty:** Basic": an item's metadata above its question.
_METADATA = re.compile(
    r"^\s*(?:[-*+]\s+)?(\*\*|__)(?:topic|difficulty|level|category|tags?)\s*:\s*\1\s*\S.*$|"
    r"^\s*(?:[-*+]\s+)?(\*\*|__)(?:topic|difficulty|level|category|tags?)\s*\2\s*:\s*\S.*$",
    re.I,
)
# "- **Problem**: Write a query …" under "#### Question 1.1: Max Score Filter": the list item
# that states the task is the question; the items after it (hints, solution) are the back.
_ITEM_LABEL = re.compile(
    r"^\s{0,3}[-*+]\s+(\*\*|__)(?:problem(?:\s+statement)?|question|task|prompt|challenge)"
    r"(?:\s*:\s*\1|\1\s*:)\s*(\S.*)$",
    re.I,
)
_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s")
# "### Question: Topic name": a heading labelled as a question that only names its topic.
_HEADING_LABEL = re.compile(r"^\s{0,3}#{1,6}\s+(\*\*|__)?question\s*:\s*\1?\s*\S", re.I)


@dataclass(frozen=True)
class Stem:
    front: str
    back: list[tuple[str, str]]  # the answer's (kind, line) pairs without the question part
    absorbed: frozenset[int]  # article lines that went into the front
    warning: str | None
    difficulty: str | None = None  # from a "**Difficulty:** Basic" line above the question


def explicit_question(piece: Segment) -> Stem | None:
    """The question asked under a topic heading, if the item asks one explicitly."""
    question = piece.question
    if question.shape is not Shape.HEADING or _asks(question.text):
        return None
    lines = piece.lines
    at = _skip_blank(lines, 0)
    labelled = False
    context: list[str] = []
    asked: str | None = None
    metadata: list[str] = []
    while at < len(lines) and lines[at][0] == TEXT and _METADATA.match(lines[at][1]):
        metadata.append(lines[at][1])
        at = _skip_blank(lines, at + 1)
    item = _ITEM_LABEL.match(lines[at][1]) if at < len(lines) and lines[at][0] == TEXT else None
    if item is not None:
        asked, at = _item_text(lines, at, item.group(2))
        difficulty = next(
            (level for line in metadata if (level := metadata_difficulty(_unbulleted(line), {}))),
            None,
        )
        return Stem(asked, lines[at:], frozenset(piece.indices[:at]), None, difficulty)
    if at < len(lines) and lines[at][0] == TEXT and _QUESTION_HEADING.match(lines[at][1]):
        labelled = True  # "### Question" over the question, "### Answer" over the answer
        at = _skip_blank(lines, at + 1)
    elif metadata:
        return None  # metadata without a labelled question: the answer keeps it
    if at < len(lines) and (label := _LABEL.match(lines[at][1])) is not None:
        labelled = True
        whole = _WHOLE_BOLD_LABEL.match(lines[at][1])
        if whole is not None:  # "**Q: Key differences**": the line is the whole question
            asked = whole.group(2).strip()
        elif label.group(2).strip():
            context.append(label.group(2))
        at += 1
    complex_context = False
    while asked is None and at < len(lines) and len(context) <= _MAX_CONTEXT:
        kind, line = lines[at]
        if kind != TEXT or HEADING.match(line.lstrip()) or _DETAILS.match(line):
            break
        if _ANSWER_STARTS.match(line):  # "A: …" opens the answer: the question part is over
            break
        bold = _BOLD_QUESTION.match(line)
        if bold is not None:
            asked, at = bold.group(2).strip(), at + 1
            break
        if not line.strip():
            if not labelled:
                break  # without a label, the question stands in the first paragraph
            following = _skip_blank(lines, at)
            if following >= len(lines) or _CHOICE.match(lines[following][1]):
                break
        elif _TABLE_OR_LIST.match(line):
            if not labelled or not context:
                break
            complex_context = True
        context.append(line)
        at += 1
    if asked is None and _HEADING_LABEL.match(question.raw) and not labelled and context:
        # "### Question: Blue-green deployment" over "What is …? How does …?": the heading
        # names the topic, the paragraph under it asks
        if not _join(context).endswith("?"):
            return None
        asked, context = _join(context), [""]
    if asked is None:
        if not labelled or complex_context or not context:
            return None
        asked, context = _join(context), [""]  # the labelled text is question and scenario
    choices, at = _choices(lines, _skip_blank(lines, at))
    following = _skip_blank(lines, at)
    if following < len(lines) and _ANSWER_HEADING.match(lines[following][1]):
        at = following + 1  # the "### Answer" label goes with the question part
    difficulty = next(
        (level for line in metadata if (level := metadata_difficulty(line, {}))), None
    )
    absorbed = frozenset(piece.indices[:at])
    choice_text = f" ({' / '.join(choices)})" if choices else ""
    if complex_context:
        back = [(TEXT, line) for line in context] + [(TEXT, "")] + lines[at:]
        warning = "its scenario holds a table or a list: it opens the back; move it by hand"
        return Stem(f"{question.text}: {asked}{choice_text}", back, absorbed, warning)
    # Without a scenario, the heading gives the bare question its topic ("Leaf size: Why …?").
    scenario = _join(context) if context else f"{question.text}:"
    front = f"{scenario} {asked}".strip() + choice_text
    return Stem(front, lines[at:], absorbed, None, difficulty)


def _item_text(lines: list[tuple[str, str]], at: int, first: str) -> tuple[str, int]:
    """The labelled item's text with its indented continuation lines, and the line after it."""
    parts = [first]
    at += 1
    while at < len(lines) and lines[at][0] == TEXT and lines[at][1].strip():
        line = lines[at][1]
        if _ITEM.match(line) or not line.startswith(" ") or HEADING.match(line.lstrip()):
            break
        parts.append(line)
        at += 1
    return _join(parts), at


def _unbulleted(line: str) -> str:
    return re.sub(r"^\s*[-*+]\s+", "", line)


def _asks(text: str) -> bool:
    return text.endswith("?") or QUESTION_WORDS.match(text) is not None


def _skip_blank(lines: list[tuple[str, str]], at: int) -> int:
    while at < len(lines) and not lines[at][1].strip():
        at += 1
    return at


def _choices(lines: list[tuple[str, str]], at: int) -> tuple[list[str], int]:
    choices: list[str] = []
    while at < len(lines) and lines[at][0] == TEXT and (item := _CHOICE.match(lines[at][1])):
        choices.append(_plain(item.group(1)))
        at += 1
    return choices, at


def _join(context: list[str]) -> str:
    return " ".join(_plain(line) for line in context if line.strip())


def _plain(text: str) -> str:
    text = text.strip()
    for marker in ("**", "__"):
        if text.startswith(marker) and text.endswith(marker) and len(text) > 2 * len(marker):
            text = text[len(marker) : -len(marker)].strip()
    return re.sub(r"\s+", " ", text)
