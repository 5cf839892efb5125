"""Questions that a page keeps in a quotation or a table, read as ordinary question lines.

Two layouts hide questions from the line shapes of ``article_questions``:

- a block quotation of labelled pairs (``> **Question:** Is …?`` / ``>`` / ``> **Answer:** No.``),
  as requirement pages record a client's clarifications: the quotation marks go, so the pairs
  are read like ``Q:`` / ``A:`` lines, and the record's ``**Date:**`` / ``**Asked at:**`` lines
  go too;
- a table whose header names a question column and an answer column (``| Q | A | Clear? |``,
  also a described answer column such as ``Expected Answer Depth`` or ``Sample answer``, and
  the same words in other languages: ``| Frage | Antwort |``, ``| 问题 | 答案 |``):
  each row becomes one labelled question line with its answer after it
  (``**Q: When …?** Embed for …``), so that a row that asks without a question mark
  ("Explain thrashing", "Difference between X and Y") is a question too; the other columns
  are left out; a question cell written in quotation marks (``"Warum …?"``) loses them.

Line numbers are kept: every line stays a line (a table's header and rule become blank).
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_lines import TEXT

__all__ = ["read_question_tables", "read_quoted_pairs"]

_QUOTE = re.compile(r"^ {0,3}> ?")
_QUOTED_QUESTION = re.compile(r"^ {0,3}>\s*(?:\*\*|__)?(?:q|question)\s*:", re.I)
_WHEN = re.compile(
    r"^\s*(?:\*\*|__)(?:date|time|asked(?:\s+(?:at|on))?|posted(?:\s+(?:at|on))?)\s*:"
    r"\s*(?:\*\*|__)",
    re.I,
)
_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
# The header words of a question column and an answer column, in the languages whose
# articles the importer reads ("Frage | Antwort", "问题 | 答案", "질문 | 답변").
_QUESTION_WORDS = (
    r"q|questions?|fragen?|preguntas?|perguntas?|domand[ae]|вопросы?|питання|"
    r"问题|問題|题目|질문|質問"
)
_ANSWER_WORDS = (
    r"answers?|antwort(?:en)?|réponses?|reponses?|respuestas?|respostas?|rispost[ae]|"
    r"ответы?|відповіді|відповідь|答案|回答|解答|답변|대답|답"
)
_QUESTION_HEADER = re.compile(rf"^(?:{_QUESTION_WORDS})$", re.I)
# An answer column may be described ("Expected Answer Depth", "Sample answer", "Answer (short)"),
# but only by a word of its own: "Answered?" or "Answerer" name no answer.
_ANSWER_HEADER = re.compile(rf"^(?:a|{_ANSWER_WORDS})$|(?:^|\s)(?:{_ANSWER_WORDS})(?:\s|$)", re.I)
# A question cell quoted as it would be asked ('"Warum Claude Haiku?"', „…“, «…»).
_QUOTED_CELL = re.compile(r'^(?:"([^"]+)"|“([^”]+)”|„([^“”]+)[“”]|«\s*([^»]+?)\s*»)$')


def read_quoted_pairs(lines: list[str], kinds: list[str]) -> None:
    """Block quotations that hold a ``**Question:**`` label lose their quotation marks."""
    start = 0
    while start < len(lines):
        if kinds[start] != TEXT or not _QUOTE.match(lines[start]):
            start += 1
            continue
        end = start
        while end < len(lines) and kinds[end] == TEXT and _QUOTE.match(lines[end]):
            end += 1
        if any(_QUOTED_QUESTION.match(line) for line in lines[start:end]):
            for index in range(start, end):
                line = _QUOTE.sub("", lines[index], count=1)
                # "**Date:** 3 May", "**Asked at:** 22:18": when, not part of any answer.
                lines[index] = "" if _WHEN.match(line) else line
        start = end


def read_question_tables(lines: list[str], kinds: list[str]) -> frozenset[int]:
    """Rows of a question/answer table as ``**question** answer`` lines; the rows' indices
    (a row's answer is its cell: text after the table answers none of them)."""
    rows: set[int] = set()
    index = 0
    while index + 1 < len(lines):
        columns = _columns(lines, kinds, index)
        if columns is None:
            index += 1
            continue
        asked, answered = columns
        lines[index] = lines[index + 1] = ""
        row = index + 2
        while row < len(lines) and kinds[row] == TEXT and _ROW.match(lines[row]):
            cells = _cells(lines[row])
            question = cells[asked] if asked < len(cells) else ""
            answer = cells[answered] if answered < len(cells) else ""
            # The column says it asks, whatever its last mark: label the row as a question.
            lines[row] = f"**Q: {_plain(question)}** {answer}".rstrip() if _plain(question) else ""
            rows.add(row)
            row += 1
        index = row
    return frozenset(rows)


def _columns(lines: list[str], kinds: list[str], index: int) -> tuple[int, int] | None:
    """The question and answer columns of a table whose header is at ``index``, if it has both."""
    if kinds[index] != TEXT or kinds[index + 1] != TEXT:
        return None
    if not _ROW.match(lines[index]) or not _RULE.match(lines[index + 1]):
        return None
    header = [_plain(cell) for cell in _cells(lines[index])]
    asked = next((i for i, cell in enumerate(header) if _QUESTION_HEADER.match(cell)), None)
    answered = next((i for i, cell in enumerate(header) if _ANSWER_HEADER.search(cell)), None)
    if asked is None or answered is None or asked > answered:
        return None
    return asked, answered


def _cells(row: str) -> list[str]:
    """A table row's cells (``\\|`` inside a cell is no separator)."""
    inner = row.strip().removeprefix("|").removesuffix("|")
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", inner)]


def _plain(cell: str) -> str:
    text = cell.strip().strip("*_").strip()
    quoted = _QUOTED_CELL.match(text)
    return next(part for part in quoted.groups() if part) if quoted else text
