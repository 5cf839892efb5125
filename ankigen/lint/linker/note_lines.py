"""A note's body line by line, with where fenced code is: the line readers of the linker."""

from __future__ import annotations

from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

_FENCE = lazy_regex(r"^\s*(?:```|~~~)")


def fenced_lines(document: LintDocument) -> list[tuple[int, int, str, bool]]:
    """(file line, offset, text, inside a fence) of every body line but the fences."""
    result = []
    fenced = False
    first = document.position(document.body_offset)[0]
    for index, text in enumerate(document.body.split("\n")):
        line = first + index
        if _FENCE.match(text):
            fenced = not fenced
            continue
        result.append((line, document.offset_of_line(line), text, fenced))
    return result


def body_lines(document: LintDocument, code: bool = False) -> list[tuple[int, int, str]]:
    """(file line, offset, text) of every body line outside fenced code (with ``code``, of
    the code's lines too)."""
    return [
        (line, offset, text)
        for line, offset, text, fenced in fenced_lines(document)
        if code or not fenced
    ]
