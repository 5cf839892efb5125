"""Spanish questions without their label among labelled ones.

A test written in Spanish may label most of its questions (``P01. ¿Qué …?``, ``3. ¿Cuál …?``)
and leave some bare: a line that opens with the inverted mark and ends with the question mark,
a paragraph of its own, over the same kind of choices or code::

    P04. ¿Cómo se declara una variable?
    ...
    ¿Cuál es el resultado de la siguiente expresión?
    ...
    P ¿Qué devuelve len("")?

Both are questions: the mark that opens the line says so as surely as the label does. So when
the chosen questions ask in Spanish, such a bare line is a question too, in the same family
(it would otherwise sit unseen in the answer above it).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ankigen.tools.importers.article_lines import TEXT
from ankigen.tools.importers.article_questions import Candidate, Selection

__all__ = ["with_opened_questions"]

# "¿Cuál es la salida de este código?", maybe in bold: the whole line one question; also after
# the label without its number ("P ¿Cuál …?", "Pregunta: ¿…?"), which the numbered labels'
# reading cannot take (it needs the number).
_OPENED = re.compile(
    r"^(?:(?:P|Pregunta)\s*[.:]?\s+)?(?:\*\*|__)?(\u00bf[^?\n]*\?)(?:\*\*|__)?\s*$"
)
_LABEL = re.compile(r"^\S*?\d*[.):]?\s*(?:\*\*|__)?\u00bf")
_MIN_SPANISH = 2  # labelled questions opening with "¿" before bare ones count as their kin


def with_opened_questions(selection: Selection, lines: list[str], kinds: list[str]) -> Selection:
    """The selection plus the bare "¿…?" lines at the margin, each a paragraph's first line."""
    chosen = {question.line for question in selection.questions}
    spanish = sum(1 for q in selection.questions if q.text.lstrip("*_ ").startswith("\u00bf"))
    if spanish < _MIN_SPANISH:
        return selection
    shape, level = selection.family
    bare = [
        Candidate(index, shape, None, found.group(1), level=level, raw=lines[index])
        for index, line in enumerate(lines)
        if index not in chosen
        and kinds[index] == TEXT
        and (index == 0 or not lines[index - 1].strip())
        and (found := _OPENED.match(line)) is not None
    ]
    if not bare:
        return selection
    questions = tuple(sorted((*selection.questions, *bare), key=lambda q: q.line))
    return replace(selection, questions=questions)
