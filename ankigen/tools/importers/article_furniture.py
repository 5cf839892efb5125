"""Page furniture of an article: scripts, styles, a page ``<head>``, ad units, page links.

A blog post may carry its ad snippets (``<script async src=…></script>``, ``<ins
class="adsbygoogle" …></ins>``) between its questions, and a quiz page its ``<script>``
functions and ``<style>`` rules after them; a note of a wiki or a course site ends with links
to its previous and next pages ("← [[…|Previous]] · [[…|Next]] →"); a quiz ends with a
scoring guide ("## Scoring Guide" over "- **14-15 correct:** Excellent"). No reader sees the code,
and the links are no part of an answer, so each such block is blanked in place before the
lines are read; fenced code is never touched (a question about HTML may show a ``<script>``
tag).
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_lines import TEXT

# A line that opens a block no reader sees; the block ends at its closing tag.
_OPENS = re.compile(r"^\s*<(script|style|head|ins|noscript|template)\b[^>]*?(/?)>?", re.I)
# "<ins>" with no attributes marks inserted (underlined) text; an ad unit's "<ins" carries its
# class and data attributes ("<ins class="adsbygoogle" …>").
_INSERTED_TEXT = re.compile(r"^\s*<ins>", re.I)
# A lone tag of the page's head ("<meta charset=…>", "<link rel=…>", "<title>…</title>").
_HEAD_TAG = re.compile(
    r"^\s*(?:<(?:meta|link|base)\b[^>]*>|<title>[^<]*</title>|</head>)\s*$", re.I
)


# "← [[72 Retries|Anterior]] · [[74 Budgets|Siguiente]] →", "« [Prev](a.md) | [Next](b.md) »":
# a line of links to the neighbouring pages, with arrows and separators only between them.
_LINK = re.compile(r"\[\[[^\]]*\]\]|\[[^\]]*\]\([^)]*\)")
_ARROW = re.compile(r"[\u2190\u2192\u00ab\u00bb\u2039\u203a]")
_NAV_REST = re.compile(r"^[\s\u2190\u2192\u00ab\u00bb\u2039\u203a\u00b7|\u2022\-\u2013\u2014]*$")


def _navigation(line: str) -> bool:
    """Whether the line only links the previous and next pages, with an arrow."""
    links = _LINK.findall(line)
    rest = _LINK.sub("", line)
    return bool(links) and _ARROW.search(rest) is not None and _NAV_REST.match(rest) is not None


def blank_page_furniture(lines: list[str], kinds: list[str]) -> None:
    """Blank, in place, every text line of a script, style, head or ad-unit block, lone head
    tags and lines of links to the previous and next pages. An unclosed ``<head>`` or
    ``<script>`` runs to the end of the text."""
    index = 0
    while index < len(lines):
        opened = _OPENS.match(lines[index]) if kinds[index] == TEXT else None
        if opened is not None and _INSERTED_TEXT.match(lines[index]):
            opened = None  # "<ins>Function</ins> returns …": text marked inserted, no ad unit
        if opened is None:
            furniture = _HEAD_TAG.match(lines[index]) or _navigation(lines[index])
            if kinds[index] == TEXT and furniture:
                lines[index] = ""
            index += 1
            continue
        tag = opened.group(1).lower()
        # A head left open ends where the page's body starts.
        closing = re.compile(rf"</{tag}\s*>" + (r"|<body\b" if tag == "head" else ""), re.I)
        end = index
        if not (opened.group(2) and closing.search(lines[index]) is None):
            while end < len(lines) - 1 and closing.search(lines[end]) is None:
                end += 1
        for blanked in range(index, end + 1):  # an indented script line is no code block
            lines[blanked], kinds[blanked] = "", TEXT
        index = end + 1


# "## Scoring Guide", "### Score Yourself", "## Your score": the bands of a quiz's score.
_SCORING_TITLE = re.compile(
    r"^ {0,3}(#{1,6})\s+[*_]*(?:scoring(?:\s+guide)?|score\s+yourself|your\s+score|"
    r"self[-\s]scoring|grading(?:\s+scale)?)[*_]*\s*:?\s*$",
    re.I,
)
_ANY_HEADING = re.compile(r"^ {0,3}(#{1,6})\s")


def blank_scoring_guides(lines: list[str], kinds: list[str]) -> None:
    """Blank, in place, a quiz's scoring guide: its heading and the lines under it up to the
    next heading of its level or above. Its bold bands ("**12-13 correct:**") are no questions;
    a section of that title with a line that asks is left as it is."""
    index = 0
    while index < len(lines):
        title = _SCORING_TITLE.match(lines[index]) if kinds[index] == TEXT else None
        if title is None:
            index += 1
            continue
        level = len(title.group(1))
        end = index + 1
        while end < len(lines):
            heading = _ANY_HEADING.match(lines[end]) if kinds[end] == TEXT else None
            if heading is not None and len(heading.group(1)) <= level:
                break
            end += 1
        # "## Scoring" over "### How would you rank results?": a section of questions, kept.
        if not any("?" in line or "\uff1f" in line for line in lines[index + 1 : end]):
            for blanked in range(index, end):
                lines[blanked], kinds[blanked] = "", TEXT
        index = end
