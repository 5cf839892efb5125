"""Quiz cards written as named sections: a "prompt" heading, then "options", "hint",
"explanation" headings at the same level.

Some quiz tools keep one card per file, each part under a heading that names the part::

    # prompt
    Which of these sorts is stable?

    # options
    - [x] merge sort
    - [ ] heap sort

    # explanation
    Equal keys keep their order in a merge.

The headings are fields, not questions: the paragraph under "prompt" is the question. So that
heading is rewritten to ask the paragraph's words, and the field headings after it become bold
labels inside its answer. Lines are blanked, not removed, so that line numbers in warnings
still point into the article.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_lines import TEXT

__all__ = ["read_field_sections"]

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_PROMPT = re.compile(r"^[*_]*(?:prompt|question|pregunta|pergunta|frage)[*_]*\s*:?$", re.I)
_FIELD = re.compile(
    r"^[*_]*(options|choices|answers?|hints?|explanations?|explaination|solutions?|feedback|"
    r"notes?)[*_]*\s*:?$",
    re.I,
)


def read_field_sections(lines: list[str], kinds: list[str]) -> None:
    """Rewrite, in place, each "prompt" heading followed at its level by field headings
    ("options", "hint", "explanation"): it asks the paragraph under it, and the field
    headings up to the next prompt become bold labels."""
    headings = [
        (index, match)
        for index, line in enumerate(lines)
        if kinds[index] == TEXT and (match := _HEADING.match(line)) is not None
    ]
    for at, (index, heading) in enumerate(headings):
        if not _PROMPT.match(heading.group(2)):
            continue
        level = heading.group(1)
        fields: list[int] = []
        for later, match in headings[at + 1 :]:
            if match.group(1) == level and _PROMPT.match(match.group(2)):
                break
            if match.group(1) == level and _FIELD.match(match.group(2)):
                fields.append(later)
        end = fields[0] if fields else None
        body = [i for i in range(index + 1, end or index + 1) if lines[i].strip()]
        if not fields or not body or any(kinds[i] != TEXT for i in body):
            continue
        question = " ".join(lines[i].strip() for i in body)
        lines[index] = f"{'#' * max(2, len(level))} {question}"
        for blanked in body:
            lines[blanked] = ""
        for field in fields:
            field_heading = _HEADING.match(lines[field])
            assert field_heading is not None
            label = field_heading.group(2).strip("*_: ")
            lines[field] = f"**{label[:1].upper()}{label[1:]}**"
