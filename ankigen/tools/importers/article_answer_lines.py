"""Questions written as a bare line with a lone answer label on the line right under it.

Pages pasted from a course site or a chat keep no marks at all, only the word that opens each
answer::

    What is Apache Spark?
    Answer:
    Apache Spark is an open-source distributed computing system …

    Explain Partitioning in Spark.
    Answer:

    Partitioning divides the data across nodes …

The label says the line above it asks, whatever that line's words ("Explain …." ends in a full
stop, "Difference between A and B?" names no verb). Each such line becomes a question heading
one level below the page's headings above it, and its label line is blanked (line numbers still
point into the article). One pair may be a remark; two or more make the page's shape.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_label_words import ANSWER_WORD
from ankigen.tools.importers.article_lines import HEADING, TEXT

__all__ = ["read_answer_label_lines"]

# "Answer:", "**Answer:**", "Ans:", "Resposta:", "Ответ:" alone on a line: nothing after it.
_LONE_LABEL = re.compile(
    r"^\s*(?:\*\*|__)?(?:answer|ans|respuesta|resposta|r\u00e9ponse|risposta|antwort|"
    + ANSWER_WORD
    + r")\s*(?:[:\uff1a]\s*(?:\*\*|__)?|(?:\*\*|__)\s*[:\uff1a])\s*$",
    re.I,
)
# A line with a mark of its own (list item, quote, table row, heading, HTML, code, indented
# block, a "Q:" label) is read by the other readers, not here.
_MARKED = re.compile(r"^(?:\s|[-*+>|#<!\[`$]|\d{1,4}[.)]\s|q\s*[:.]|\*\*|__)", re.I)
_LONGEST = 300  # a question on one line, not a paragraph
_MIN_PAIRS = 2


def read_answer_label_lines(lines: list[str], kinds: list[str]) -> None:
    """Rewrite, in place, each bare line over a lone answer label as a question heading."""
    pairs = [
        index
        for index in range(len(lines) - 1)
        if kinds[index] == TEXT
        and kinds[index + 1] == TEXT
        and _LONE_LABEL.match(lines[index + 1])
        and _asks_alone(lines, index)
    ]
    if len(pairs) < _MIN_PAIRS:
        return
    deepest = 1
    for index in range(pairs[0]):
        heading = HEADING.match(lines[index]) if kinds[index] == TEXT else None
        if heading is not None:
            deepest = max(deepest, len(heading.group(1)))
    marks = "#" * min(deepest + 1, 6)
    for index in pairs:
        lines[index] = f"{marks} {lines[index].strip()}"
        lines[index + 1] = ""


def _asks_alone(lines: list[str], index: int) -> bool:
    """A plain line of its own: after a blank line (or a heading), no mark, not too long."""
    line = lines[index]
    above = lines[index - 1] if index else ""
    return (
        bool(line.strip())
        and len(line) <= _LONGEST
        and not _MARKED.match(line)
        and not _LONE_LABEL.match(line)
        and (not above.strip() or HEADING.match(above) is not None)
    )
