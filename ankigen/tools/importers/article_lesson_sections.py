"""A lesson page with a section of questions: only that section is read for questions.

Course chapters and knowledge-base pages teach in sections ("## 2. Job : une tâche qui se
termine", "## Risiko-Mitigation", "### 实验 1") and close with a section of questions ("## Pour
vérifier votre compréhension", "## 🎤 Questions d'entretien", "## 4. Potenzielle Fragen &
Antworten", "## 常见问题"). Read as a whole, every teaching section became a topic note and the
questions were lost inside one of them. When a page has such a section, its questions are
marked ones (labelled, listed or bulleted lines that ask) and nothing outside it asks except at
most a few headings, the teaching sections are blanked: their text is no answer to anything.

A page whose other sections ask questions too (headings of questions under topic headings, a
second list of questions) is left as it is. Line numbers are kept: blanked lines stay lines.

Interview pages also quote the question in a bullet and point at its answer with an arrow
(``- « Trace vs span ? » → parcours complet …``, ``- "Why X?" -> …``): such a bullet becomes a
labelled question line (``**Q: Trace vs span ?** parcours complet …``) with the answer after it.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_label_words import NUMBER_WORD, QUESTION_WORD
from ankigen.tools.importers.article_lines import TEXT

__all__ = ["blank_lesson_sections", "read_arrow_bullets"]

_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
# Headings that name a section of questions, in the languages the importer reads: "Interview
# Questions", "Practice", "Test Your Understanding", "Pour vérifier votre compréhension",
# "Interviewfragen", "常见问题", "면접 질문", "Вопросы". A word that only names interviews
# ("Java 면접 전략") is not enough.
_QUESTION_SECTION = re.compile(
    r"\bquestions?\b|\bfaqs?\b|\bq\s*&\s*a\b|\bquiz(?:zes)?\b|\bpractice\b|\bexercises?\b|"
    r"\bself[- ]check\b|(?:check|test) your (?:understanding|knowledge)|\btest yourself\b|"
    r"\bknowledge check\b|\bexercices?\b|vérifier votre compréhension|"
    r"fragen\b|\bübungen\b|\bpreguntas\b|\bejercicios\b|\bdomande\b|\besercizi\b|"
    r"\bperguntas\b|\bexercícios\b|вопрос|питання|câu hỏi|问题|面试题|问答|질문|質問|자가\s*평가",
    re.I,
)
_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,4}[.)])\s+")
# A line that asks: it ends with a question mark, perhaps inside bold or quotation marks.
_ASKS = re.compile(r"[?\uff1f]\s*(?:\*\*|__|[»\"”')\]])*\s*$")
# A bold question with its answer after it on the line ("1. **Stride vs padding?** Stride …").
_BOLD_ASKS = re.compile(r"[?\uff1f]\s*(?:\*\*|__)")
_LABELLED = re.compile(r"^\s*(?:\*\*|__)?(?:q|" + QUESTION_WORD + r")\s*[:.]", re.I)
# "- « Trace vs span ? » → parcours complet …": a quoted question, an arrow, its answer.
_ARROW_BULLET = re.compile(
    r"^(?P<indent>\s*)[-*+]\s+(?:«\s*(?P<g>[^»]+?[?\uff1f])\s*»|\"(?P<q>[^\"]+?[?\uff1f])\"|"
    r"“(?P<c>[^”]+?[?\uff1f])”)\s*(?:→|->|=>|⇒)\s*(?P<answer>\S.*)$"
)
_MIN_QUESTIONS = 2
# "### Вопрос 1", "#### Câu 2 (Phân tích)", "### Question 3": a heading that only numbers the
# question written under it; "### Q1. API 3 종?": a numbered question label that asks.
_NUMBER_HEADING = re.compile(
    r"^ {0,3}#{1,6}\s+(?:\*\*|__)?(?:q|" + NUMBER_WORD + r")\s*\d{1,4}\s*[.):]?"
    r"(?:(?:\s*\([^()]{1,40}\))?\s*(?:\*\*|__)?\s*[^\w\s]*\s*$|\s.*[?\uff1f]\s*(?:\*\*|__)?\s*$)",
    re.I,
)


def read_arrow_bullets(lines: list[str], kinds: list[str]) -> None:
    """Bullets of a quoted question pointing at its answer as labelled question lines."""
    for index, line in enumerate(lines):
        found = _ARROW_BULLET.match(line) if kinds[index] == TEXT else None
        if found is None:
            continue
        question = found.group("g") or found.group("q") or found.group("c")
        lines[index] = f"{found.group('indent')}**Q: {question.strip()}** {found.group('answer')}"


def blank_lesson_sections(lines: list[str], kinds: list[str]) -> None:
    """Blank the teaching sections of a page whose questions sit in sections of their own."""
    headings = [
        (index, len(found.group(1)), found.group(2))
        for index, line in enumerate(lines)
        if kinds[index] == TEXT and (found := _HEADING.match(line))
    ]
    sections = [
        (index, level)
        for index, level, text in headings
        if _QUESTION_SECTION.search(text) and not _ASKS.search(text)
    ]
    if not sections:
        return
    heading_lines = {index for index, _, _ in headings}
    # "### Вопрос 1" over its question: a heading that numbers a question marks one too.
    marked = [
        index
        for index, line in enumerate(lines)
        if kinds[index] == TEXT
        and (_NUMBER_HEADING.match(line) if index in heading_lines else _marked_question(line))
    ]
    asking_headings = [index for index, _, text in headings if _ASKS.search(text)]
    inside = [False] * len(lines)
    for start, level in sections:
        end = next(
            (index for index, other, _ in headings if index > start and other <= level),
            len(lines),
        )
        # "### Дополнительный Вопрос" in a worked solution names a question but holds none
        # that is marked or asked: it is part of the teaching, not a section of questions.
        held = [index for index in (*marked, *asking_headings) if start < index < end]
        if not held and len(sections) > 1:
            continue
        for index in range(start, end):
            inside[index] = True
    asked = [index for index in marked if inside[index]]
    if len(asked) < _MIN_QUESTIONS or any(not inside[index] for index in marked):
        return
    # Headings outside that ask ("## 1. Quel workload pour quel besoin ?") are chapter titles
    # when the teaching headings outnumber them and the questions section asks more.
    outside = [(index, text) for index, _, text in headings if not inside[index]]
    asking = [index for index, text in outside if _ASKS.search(text)]
    if 2 * len(asking) >= len(outside) or len(asking) >= len(asked):
        return
    for index, _ in enumerate(lines):
        if not inside[index]:
            lines[index], kinds[index] = "", TEXT


def _marked_question(line: str) -> bool:
    """A labelled question line, or a list item or bold line that asks."""
    if _LABELLED.match(line):
        return True
    text = line.strip()
    listed = _MARKER.match(line) is not None
    bold = text.startswith(("**", "__"))
    return (listed or bold) and (_ASKS.search(text) or _BOLD_ASKS.search(text)) is not None
