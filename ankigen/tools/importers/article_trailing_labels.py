"""Lines at the end of an answer that belong to the page's furniture, not to the answer.

Some pages put each question's label on a line of its own right above its heading, often
with an emoji, and end each answer with an arrow back to the table of contents::

    :arrow_up_small:[Вернуться к оглавлению](#content)
    ___
    :white_check_mark: __Q2__
    ### Декораторы

The segmenter ends an answer at the next heading, so the next question's label ("Q2", a bare
check mark) and the arrow link stay at the end of the answer above. A line of emoji and a
question number only, or of emoji only, says nothing of that answer; a link to an anchor of the
same page after an up arrow is the way back to the top, in whatever language its words are.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_label_words import NUMBER_WORD

__all__ = ["up_link", "without_trailing_labels"]

# ":white_check_mark:", ":arrow_up_small:": GitHub's emoji shortcodes; and emoji themselves.
_EMOJI = (
    r"(?::[a-z0-9_+-]+:|"
    r"[\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\ufe0f\U0001f000-\U0001faff])"
)
# "Q2", "__Q4__", "**Question 3**", "Вопрос 5": a question's label with its number, nothing else.
_LABEL = r"(?:\*\*|__)?(?:q|" + NUMBER_WORD + r")\s*\.?\s*\d{1,4}(?:\*\*|__)?"
_LABEL_LINE = re.compile(
    rf"^\s*(?:(?:{_EMOJI}\s*)+(?:{_LABEL})?|{_LABEL})\s*$",
    re.I,
)
# "⬆ [Back](#top)", ":arrow_up_small:[Вернуться к оглавлению](#content)", "**[⬆ Volver al
# índice](#índice)**": an up arrow, before the link or opening its text, and a link to an anchor
# of the page, maybe in bold.
_UP = (
    r"(?::(?:arrow_up\w*|top|up|arrow_heading_up|point_up\w*):"
    r"|[\u2191\u21e7\u2b06\U0001f51d\u23eb]\ufe0f?)"
)
_UP_LINK = re.compile(
    rf"^\s*(?:\*\*|__|\*|_)?\s*(?:{_UP}\s*\[[^\]]+\]|\[\s*{_UP}[^\]]*\])\(#[^)\s]*\)"
    r"\s*(?:\*\*|__|\*|_)?\s*$",
    re.I,
)


def up_link(line: str) -> bool:
    """An up arrow and a link to an anchor of the page: the way back to the top."""
    return _UP_LINK.match(line) is not None


def without_trailing_labels(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The answer's lines without the label lines (and the blank lines) that end it."""
    end = len(lines)
    while end > 0 and (
        not lines[end - 1][1].strip()
        or (lines[end - 1][0] == "text" and _LABEL_LINE.match(lines[end - 1][1]))
    ):
        end -= 1
    if end == len(lines) or not any(
        kind == "text" and _LABEL_LINE.match(line) for kind, line in lines[end:]
    ):
        return lines
    return lines[:end]
