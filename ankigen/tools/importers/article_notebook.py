"""A Jupyter notebook (``.ipynb``) read as the Markdown document the article importer reads.

Interview and exercise notebooks hold their questions in Markdown cells ("### Q3. What is …?"
over a code cell that answers it) or as the first line of a code cell, a comment that labels the
question ("# Question 4: Write a function that …") over the code that answers it. Read as a text
file the notebook is JSON and nothing in it looks like a question. Here each Markdown cell is
kept as written, each code cell becomes a fenced block in the notebook's language followed by
its printed output, and a labelled question comment that opens a code cell is lifted out of the
block onto a line of its own ("Question 4: Write a function that …"), which the question readers
know. Every line of the result remembers its cell, so that warnings name the cell ("cell 5: …").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ankigen.tools.importers.report import ImportError_

NOTEBOOK_SUFFIX = ".ipynb"

# "# Question 4: Write …", "# Q4. …", "# Exercise 2 - …", "## Problem 3) …", "# 5. …": the label
# and number of a question written as the first comment of a code cell.
_QUESTION_COMMENT = re.compile(
    r"^#+\s*(?P<label>(?:question|q|exercise|problem|task)\s*\.?\s*\d{1,4}|\d{1,4})"
    r"\s*[:.)\-\u2013]\s*(?P<text>\S.*)$",
    re.I,
)
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


@dataclass(frozen=True)
class NotebookText:
    """The notebook as Markdown, and for each of its lines the cell it came from (1-based)."""

    text: str
    cells: tuple[int, ...]


def notebook_markdown(text: str, name: str) -> NotebookText:
    """The Markdown reading of a notebook; a file that is no notebook is a clear error."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportError_(
            f"{name}:{error.lineno}:{error.colno}: not a Jupyter notebook: {error.msg}"
        ) from None
    cells = data.get("cells") if isinstance(data, dict) else None
    if not isinstance(cells, list):
        raise ImportError_(f"{name}: not a Jupyter notebook: it has no list of cells (nbformat 4)")
    language = _language(data)
    lines: list[str] = []
    origin: list[int] = []

    def emit(block: list[str], number: int) -> None:
        if lines:
            lines.append("")
            origin.append(number)
        lines.extend(block)
        origin.extend([number] * len(block))

    # Explanations written between one question's code and the next question ("Fibonacci
    # series" over its formula, before "# Question 17: …") explain the next question: they go
    # under its question line, not on the back of the question above.
    pending: list[tuple[list[str], int]] = []
    asked_before = False
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict):
            raise ImportError_(f"{name}: cell {number} is not a JSON object")
        block = _cell_lines(cell, language)
        if not block:
            continue
        markdown = cell.get("cell_type") == "markdown"
        if markdown and asked_before and not any(_HEADING.match(line) for line in block):
            pending.append((block, number))
            continue
        asks = not markdown and _QUESTION_COMMENT.match(_first_line(cell)) is not None
        if asks and pending:
            emit(block[:1], number)
            for held, at in pending:
                emit(held, at)
            if block[2:]:
                emit(block[2:], number)
        else:
            for held, at in pending:
                emit(held, at)
            emit(block, number)
        pending = []
        asked_before = asked_before or asks
    for held, at in pending:
        emit(held, at)
    return NotebookText("\n".join(lines) + "\n", tuple(origin))


_HEADING = re.compile(r"^ {0,3}#{1,6}\s")


def _first_line(cell: dict[str, Any]) -> str:
    source = _joined(cell.get("source")).replace("\r\n", "\n").strip("\n")
    return source.split("\n", 1)[0].strip()


def _language(data: dict[str, Any]) -> str:
    metadata = data.get("metadata")
    if isinstance(metadata, dict):
        for key in ("language_info", "kernelspec"):
            entry = metadata.get(key)
            name = (
                entry.get("name" if key == "language_info" else "language")
                if isinstance(entry, dict)
                else None
            )
            if isinstance(name, str) and re.fullmatch(r"[A-Za-z][\w+#-]*", name):
                return name.lower()
    return "python"


def _joined(value: object) -> str:
    """A cell's source or an output's text: a string or a list of strings, as nbformat allows."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(part for part in value if isinstance(part, str))
    return ""


def _cell_lines(cell: dict[str, Any], language: str) -> list[str]:
    source = _joined(cell.get("source")).replace("\r\n", "\n").strip("\n")
    kind = cell.get("cell_type")
    if kind == "markdown":
        return source.split("\n") if source.strip() else []
    if kind != "code":
        return []  # raw cells are for the notebook converters, not for readers
    code = source.split("\n") if source.strip() else []
    lines: list[str] = []
    if code and (asked := _QUESTION_COMMENT.match(code[0].strip())):
        label = asked.group("label")
        label = f"Question {label}" if label.isdigit() else label
        lines = [f"{label}: {asked.group('text').strip()}", ""]
        code = code[1:]
        while code and not code[0].strip():
            code = code[1:]
    if code:
        lines += _fenced(code, language)
    printed = _output_text(cell.get("outputs"))
    if printed:
        lines += ["", "Output:", "", *_fenced(printed, "text")]
    return lines


def _output_text(outputs: object) -> list[str]:
    """What the cell printed or returned as text (pictures and HTML tables are left out)."""
    if not isinstance(outputs, list):
        return []
    text = ""
    for output in outputs:
        if not isinstance(output, dict):
            continue
        kind = output.get("output_type")
        if kind == "stream":
            text += _joined(output.get("text"))
        elif kind in ("execute_result", "display_data"):
            data = output.get("data")
            if isinstance(data, dict):
                plain = _joined(data.get("text/plain"))
                text += plain + ("" if plain.endswith("\n") or not plain else "\n")
        elif kind == "error":
            text += f"{output.get('ename', 'Error')}: {output.get('evalue', '')}\n"
    lines = text.rstrip("\n").split("\n") if text.strip() else []
    return [line.rstrip() for line in lines]


def _fenced(lines: list[str], language: str) -> list[str]:
    # A fence longer than any fence inside the cell, so that the block cannot end early.
    longest = max((len(m.group(1)) for line in lines if (m := _FENCE.match(line))), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{language}", *(line.rstrip() for line in lines), fence]
