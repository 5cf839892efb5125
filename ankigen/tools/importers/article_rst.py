"""reStructuredText and wiki markup in a Markdown article, read as their Markdown equivalents.

FAQ pages converted from Sphinx or a wiki keep markup that Markdown shows as text:

- ``.. rubric:: How do I …?``: a heading that is not a section, the usual way a Sphinx FAQ
  asks; it becomes a level-3 heading;
- ``== Advanced topics ==``: a wiki heading, as many ``#`` as ``=``;
- ``.. code-block:: python`` over an indented block: a fenced block in that language.

Inline markup stays as written: an FAQ about reStructuredText quotes its link syntax as the
answer ("use `Link text <https://…>`_"), which a conversion would turn into a wrong one.

Lines inside fenced blocks are left alone (a page may show reStructuredText as an example).
Every line stays a line (the fence that closes a block takes the blank line after it; only a
block with none after it gets a line added), so line numbers in warnings still point into the
article.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_lines import FENCE_OPEN

__all__ = ["from_rst_markup"]

_RUBRIC = re.compile(r"^\.\.\s+rubric::\s*(?P<text>\S.*?)\s*$")
_WIKI_HEADING = re.compile(r"^(?P<marks>={1,6})\s*(?P<text>[^=].*?)\s*(?P=marks)\s*$")
_CODE_BLOCK = re.compile(r"^\.\.\s+(?:code-block|code|sourcecode)::\s*(?P<language>[\w+-]*)\s*$")
_INDENTED = re.compile(r"^(?: {2,}|\t)\S")


def from_rst_markup(lines: list[str]) -> list[str]:
    """The lines with rubrics, wiki headings and code-block directives in Markdown."""
    out = list(lines)
    fence: str | None = None
    index = 0
    while index < len(out):
        line = out[index]
        if (opening := FENCE_OPEN.match(line)) is not None:
            marks = opening.group(2)
            fence = marks if fence is None else (None if marks.startswith(fence) else fence)
        elif fence is not None:
            pass
        elif (rubric := _RUBRIC.match(line)) is not None:
            out[index] = "### " + rubric.group("text")
        elif (heading := _WIKI_HEADING.match(line)) is not None:
            out[index] = "#" * len(heading.group("marks")) + " " + heading.group("text")
        elif (block := _CODE_BLOCK.match(line)) is not None:
            index = _fence(out, index, block.group("language"))
        index += 1
    return out


def _fence(lines: list[str], directive: int, language: str) -> int:
    """Fence the indented block under a code-block directive; the index of its last line."""
    body = directive + 1
    while body < len(lines) and not lines[body].strip():
        body += 1
    end = body
    while end < len(lines) and (
        _INDENTED.match(lines[end])
        or (not lines[end].strip() and end + 1 < len(lines) and _INDENTED.match(lines[end + 1]))
    ):
        end += 1
    if end == body:
        return directive  # no indented block: not a code block after all
    # The fence opens right above the code: the blank line under the directive is no code.
    lines[directive] = ""
    lines[body - 1] = "```" + language
    indent = min(len(line) - len(line.lstrip()) for line in lines[body:end] if line.strip())
    for index in range(body, end):
        lines[index] = lines[index][indent:]
    if end < len(lines) and not lines[end].strip():
        lines[end] = "```"
    else:
        lines.insert(end, "```")
    return end
