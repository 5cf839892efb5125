"""Table-of-contents entries that lead nowhere, and topic names without generic words.

A linked list at the top of an article ("- [What is X?](#what-is-x)") promises a section per
question. An entry whose section is missing is no note, but it is a candidate: the importer
reports it (line and text) instead of dropping it without a word.

Section headings become ``topic::`` tags; words that only say "these are questions"
("Data Pipeline Q&A", "SQL Interview Questions") are no part of the topic.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_lines import HEADING, TEXT
from ankigen.tools.importers.article_questions import QUESTION_WORDS, Rejected, comparable

__all__ = ["missing_contents_entries", "without_generic_words"]

# "- [What is X?](#what-is-x)", "1. [What is X?](#x)", "* **[What is X?](#x)**".
_ENTRY = re.compile(
    r"^\s*(?:[-*+]|\d{1,4}[.)])\s+(?:\*\*|__)?\[([^\]]+)\]\(\s*#([^)\s]*)\s*\)(?:\*\*|__)?\s*$"
)
# Anchors an article sets by hand: <a name="q1"></a>, <h3 id="q1">.
_HTML_ANCHOR = re.compile(r"""\b(?:name|id)\s*=\s*["']([^"']+)["']""", re.I)


def missing_contents_entries(
    lines: list[str], kinds: list[str], first_question: int, questions: list[str]
) -> list[Rejected]:
    """Question entries of a table of contents (before the first question) whose anchor and
    words match no heading, no hand-set anchor and no imported question."""
    entries = [
        (index, match.group(1).strip(), match.group(2))
        for index in range(first_question)
        if kinds[index] == TEXT and (match := _ENTRY.match(lines[index]))
    ]
    if len(entries) < 2:  # one link is a reference, not a table of contents
        return []
    anchors, texts = _targets(lines, kinds)
    texts.update(comparable(question) for question in questions)
    return [
        Rejected(
            index,
            label,
            f"a table-of-contents entry whose section (#{anchor}) is not in the article: "
            "no note made; add the question and its answer by hand",
        )
        for index, label, anchor in entries
        if _asks(label)
        and anchor.lower() not in anchors
        and comparable(label) not in texts
        and comparable(_ENTRY_NUMBER.sub("", label, count=1)) not in texts
    ]


# "Qn 01: What …?" in the contents, "### 1. Qn 01: What …?" over the question: the imported
# question has neither number.
_ENTRY_NUMBER = re.compile(
    r"^(?:Q(?:uestion|ues|n)?\.?\s*(?:No\.?\s*)?|#)?\s*\d{1,4}\s*[.):\-\u2013\u2014]\s*(?=\S)", re.I
)


def _targets(lines: list[str], kinds: list[str]) -> tuple[set[str], set[str]]:
    """The anchors the article defines (heading slugs, HTML ids) and its headings' words."""
    anchors: set[str] = set()
    texts: set[str] = set()
    for index, line in enumerate(lines):
        anchors.update(name.lower() for name in _HTML_ANCHOR.findall(line))
        heading = HEADING.match(line) if kinds[index] == TEXT else None
        if heading is not None:
            anchors.add(_github_slug(heading.group(2)))
            texts.add(comparable(heading.group(2)))
    return anchors, texts


def _github_slug(text: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation gone, spaces as hyphens."""
    plain = re.sub(r"<[^>]+>|[*_`]", "", text).strip().lower()
    return re.sub(r"[^\w\- ]", "", plain).replace(" ", "-")


def _asks(label: str) -> bool:
    plain = re.sub(r"[*_`]", "", label).strip()
    return plain.endswith("?") or QUESTION_WORDS.match(plain) is not None


# Words that say "questions" and nothing about the topic, at either end of a heading. An end is
# cut only when it holds one of the core words, so "Common Table Expressions" stays whole.
_CORE_WORD = re.compile(
    r"\b(?:interviews?|questions?|answers?|q\s*&\s*a|q\s*and\s*a|qna|faqs?)\b", re.I
)
_GENERIC_WORD = (
    r"(?:interviews?|questions?|answers?|q\s*&\s*a|q\s*and\s*a|qna|faqs?|top|\d+\+?|common|"
    r"commonly|asked|frequently|most|important|must[\s-]know|and|&|with|on|about|for|of|by|the)"
)
_GENERIC_HEAD = re.compile(rf"^(?:{_GENERIC_WORD}(?!\w)\W*)+", re.I)
_GENERIC_TAIL = re.compile(rf"(?:\W+{_GENERIC_WORD})+\W*$", re.I)


def without_generic_words(heading: str) -> str:
    """The heading without generic words at its ends: "Data Pipeline Q&A" -> "Data Pipeline",
    "Questions on Joins" -> "Joins". Empty when nothing else is left (the tag is dropped)."""
    text = " " + heading.strip()
    tail = _GENERIC_TAIL.search(text)
    cut = tail is not None and _CORE_WORD.search(tail.group(0)) is not None
    if tail is not None and cut:
        text = text[: tail.start()]
    text = text.strip()
    head = _GENERIC_HEAD.match(text)  # "Top 10" goes too once "Interview Questions" went
    if head is not None and (cut or _CORE_WORD.search(head.group(0))):
        text = text[head.end() :]
    return text.strip(" \t-:\u2013\u2014&,")
