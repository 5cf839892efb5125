"""Quiz questions whose parts are headings named between double dashes (freeCodeCamp's
curriculum files, in every language it is translated into)::

    ### --question--

    #### --text--

    Which sentence is in the past tense?

    #### --distractors--

    `She walks.`

    ---

    `She will walk.`

    #### --answer--

    `She walked.`

The wrong choices and the right one are listed apart. Read as a quiz: the text is the
question, the choices (right one among the wrong ones, in alphabetical order, so its place
tells nothing) join it as a task list with the right box ticked, and the right one is the
back. The part headings and the ``---`` between choices go; the page's other dashed headings
(``# --description--``, ``## --quiz--``) are markers of the file format, not sections. Lines
are blanked or rewritten in place, so warnings keep the document's line numbers.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_lines import TEXT

__all__ = ["read_dashed_fields"]

_DASHED = re.compile(r"^(#{1,6})\s+--([a-z][a-z-]*)--\s*$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")


def read_dashed_fields(lines: list[str], kinds: list[str]) -> None:
    """Rewrite, in place, every "--text--" part as a question heading over its choices; blank
    the format's other dashed headings."""
    marks = [
        (index, match)
        for index, line in enumerate(lines)
        if kinds[index] == TEXT and (match := _DASHED.match(line)) is not None
    ]
    if not any(match.group(2) == "text" for _, match in marks):
        return
    for at, (index, match) in enumerate(marks):
        if match.group(2) != "text":
            continue
        following = [later for later, _ in marks[at + 1 :]]
        end = following[0] if following else len(lines)
        body = [i for i in range(index + 1, end) if lines[i].strip()]
        if not body or any(kinds[i] != TEXT for i in body):
            continue
        lines[index] = f"{match.group(1)} {' '.join(lines[i].strip() for i in body)}"
        for blanked in body:
            lines[blanked] = ""
        parts = {found.group(2): later for later, found in marks[at + 1 : at + 3]}
        if "distractors" in parts and "answer" in parts:
            after = next((later for later, _ in marks[at + 3 :]), len(lines))
            _as_task_list(lines, kinds, parts["distractors"], parts["answer"], after)
    for index, match in marks:
        if _DASHED.match(lines[index]) is None:
            continue  # rewritten above
        name = match.group(2)
        # An answer left as its own part (its choices did not fit one line each) stays labelled.
        lines[index] = f"**{name.capitalize()}:**" if name in {"distractors", "answer"} else ""


def _as_task_list(
    lines: list[str], kinds: list[str], distractors: int, answer: int, end: int
) -> None:
    wrong = _one_line_choices(lines, kinds, distractors + 1, answer)
    right = _one_line_choices(lines, kinds, answer + 1, end)
    if not wrong or right is None or len(right) != 1:
        return  # a choice over several lines (code, a list): left as the parts it is
    ordered = sorted([*wrong, right[0]], key=str.casefold)
    for index in range(distractors, end):
        lines[index] = ""
    for offset, choice in enumerate(ordered):
        box = "x" if choice == right[0] else " "
        lines[distractors + 1 + offset] = f"- [{box}] {choice}"


def _one_line_choices(lines: list[str], kinds: list[str], start: int, end: int) -> list[str] | None:
    """The choices between two part headings, each a paragraph of one line, parted by blank
    lines and rules; None when one runs on over lines or is not text."""
    choices: list[str] = []
    previous_blank = True
    for index in range(start, end):
        line = lines[index]
        if not line.strip() or _RULE.match(line):
            previous_blank = True
            continue
        if kinds[index] != TEXT or not previous_blank:
            return None
        choices.append(line.strip())
        previous_blank = False
    return choices
