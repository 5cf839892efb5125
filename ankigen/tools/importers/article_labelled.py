"""Quizzes that open each item with a bare label line and ask in the paragraph under it.

Quiz exports and course pages mark each item with a line that holds only a bold label, and
put the question itself in a plain paragraph below, often after a sentence of set-up, then
the choices and another label over the key::

    __Practice Question__

    Suppose a model overfits. Which change helps most?

    A. More epochs
    B. More data

    __Suggested Answers__

    - B - Correct

The label names no question, so it cannot be the front. Each label line is rewritten as a
question heading holding the paragraph that asks (the first one ending in "?", else the first
paragraph); that paragraph is blanked, so line numbers still point into the article, and the
rest of the item (set-up, choices, key) becomes the answer. The quiz engine's settings under
their own labels ("__Question Options__" / "shuffle=false") are not content and go.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_lines import CODE, TEXT

__all__ = ["read_labelled_questions"]

# "__Practice Question__", "**Exercise:**": a line that is only the label. A numbered label
# ("**Question 3:**") is read where the other numbered shapes are (article_questions).
_QUESTION_LABEL = re.compile(
    r"^\s*(?:\*\*|__)\s*(?:(?:practice|quiz|review|sample|test)\s+)?"
    r"(?:question|problem|exercise)\s*:?\s*(?:\*\*|__)\s*:?\s*$",
    re.I,
)
# Any line that is only a bold label: it ends the paragraphs that may ask.
_LABEL = re.compile(r"^\s*(?:\*\*|__)[^*_?]{1,40}(?:\*\*|__)\s*:?\s*$")
_SETTINGS_LABEL = re.compile(
    r"^\s*(?:\*\*|__)\s*(?:question\s+)?(?:options|settings|type|explain\s+your\s+answer)"
    r"\s*:?\s*(?:\*\*|__)\s*:?\s*$",
    re.I,
)
# "A. London", "b) Paris", "- [ ] Berlin", "1. Rome": the choices start, the asking is over.
_CHOICE = re.compile(r"^\s*(?:[A-Ha-h][.)]|\d{1,2}[.)]|[-*+]\s+\[[ xX]\]|[-*+])\s+\S")
_EMPHASIS = re.compile(r"^(?:\*\*|__|\*|_)+|(?:\*\*|__|\*|_)+$")
_MIN_LABELS = 2
# A setting's value is a word or two ("any", "true", "shuffle=false"), not a sentence.
_SETTING_WORDS = 3


def read_labelled_questions(lines: list[str], kinds: list[str]) -> None:
    """Rewrite, in place, each bare question label as a heading that asks its paragraph."""
    labels = [
        i
        for i, line in enumerate(lines)
        if kinds[i] == TEXT and _QUESTION_LABEL.match(line) and not _under_heading(lines, i)
    ]
    if len(labels) < _MIN_LABELS:
        return
    for label in labels:
        paragraphs = _asking_paragraphs(lines, kinds, label + 1)
        if not paragraphs:
            continue
        chosen = next((p for p in paragraphs if _text(lines, p).endswith("?")), paragraphs[0])
        lines[label] = "### " + _text(lines, chosen)
        for index in chosen:
            lines[index] = ""
    _drop_settings(lines, kinds, 0)  # "__Type__" / "Multiple Choice" above the first item too


def _under_heading(lines: list[str], index: int) -> bool:
    """A label right under a heading ("### 3. Tree depth" / "**Question:**"): the heading is
    the item's title, and article_stems makes the question under it the front."""
    above = next((line for line in reversed(lines[:index]) if line.strip()), "")
    return above.lstrip().startswith("#")


def _asking_paragraphs(lines: list[str], kinds: list[str], start: int) -> list[list[int]]:
    """The plain paragraphs after a label, up to the choices, a list, a label or a fence."""
    paragraphs: list[list[int]] = []
    current: list[int] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if kinds[index] != TEXT or _LABEL.match(line) or _CHOICE.match(line):
            break
        if not line.strip() or line.lstrip().startswith((">", "!", "<", "|", "#")):
            if current:
                paragraphs.append(current)
                current = []
            continue
        current.append(index)
    if current:
        paragraphs.append(current)
    return paragraphs


def _text(lines: list[str], paragraph: list[int]) -> str:
    joined = " ".join(lines[index].strip() for index in paragraph)
    return _EMPHASIS.sub("", joined).strip()


def _drop_settings(lines: list[str], kinds: list[str], start: int) -> None:
    """Blank each settings label and its one-line value ("__Question Options__" / "any")."""
    for index in range(start, len(lines)):
        if kinds[index] != TEXT or not _SETTINGS_LABEL.match(lines[index]):
            continue
        value = next((i for i in range(index + 1, len(lines)) if lines[i].strip()), None)
        # "shuffle=false" reads as code that lost its fences: a value all the same.
        if value is None or kinds[value] not in (TEXT, CODE):
            continue
        if len(lines[value].split()) <= _SETTING_WORDS and not _LABEL.match(lines[value]):
            lines[index] = ""
            lines[value] = ""
            kinds[value] = TEXT
