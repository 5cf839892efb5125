"""Numbered section headings of a page whose questions have another shape.

A study page numbers its sections (`## 34. Integration Exercise`, `## 35. Quiz`, `## 37. Final
Mental Model`) while its questions are list items or bold lines. Such a heading asks nothing:
over the list of a quiz it only titles that list, over prose it is the page's own text. It is
a note only when the paragraph under it sets a task ("List what must change …"), with the task
on the front; else it is reported, never imported as a TODO or a prose note.
"""

from __future__ import annotations

from ankigen.tools.importers.article_answers import Segment
from ankigen.tools.importers.article_questions import Rejected, Shape, prompts
from ankigen.tools.importers.article_stems import Stem
from ankigen.tools.importers.article_titled_tasks import titled_task

__all__ = ["page_sections"]


def page_sections(
    segments: list[Segment], shape: Shape
) -> tuple[list[Segment], list[Rejected], dict[int, Stem]]:
    """The segments without the page's numbered section headings, those headings reported,
    and the tasks set under the ones kept, by line."""
    if shape is Shape.HEADING:
        return segments, [], {}
    kept: list[Segment] = []
    dropped: list[Rejected] = []
    tasks: dict[int, Stem] = {}
    for piece in segments:
        question = piece.question
        if question.shape is not Shape.HEADING or question.number is None or prompts(question.text):
            kept.append(piece)
            continue
        task = titled_task(piece)
        if task is not None:
            kept.append(piece)
            tasks[question.line] = task
            continue
        if any(line.strip() for _, line in piece.lines):
            reason = (
                f"a numbered section heading that asks nothing among {shape.value}: "
                "dropped with its text"
            )
        else:
            reason = f"a numbered section heading over {shape.value}: it titles a part of the page"
        dropped.append(Rejected(question.line, question.text, reason))
    return kept, dropped, tasks
