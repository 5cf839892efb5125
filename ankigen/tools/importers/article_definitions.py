"""A definition list (a glossary) read as questions: each term asks for its definition.

kramdown, PHP Markdown Extra and pandoc write a definition list as a term on a line of its own
and its definition on the next line after a colon::

    overfitting
    :   A model that fits its training data too closely to generalise.

    holdout set
    : The data kept apart to measure a model on examples it never saw.

A glossary page is a deck of term → definition cards, so each term becomes a labelled question
line (``**Q: overfitting**``) and its definition the text under it, which is the answer (its
continuation lines too). A term whose definition is left empty (``bias`` over a bare ``:``, or
``bias :`` on one line among the terms) still asks: the note says TODO, with a warning. Only a
page with at least two defined terms is read so (one line that opens with a colon is prose);
kramdown's attribute lines (``{:auto_ids}``) around the list are markup and go.

Line numbers are kept: every line stays a line.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_lines import HEADING, TEXT

__all__ = ["read_definition_lists"]

# ":   The definition", ": The definition", ":" alone: a definition line under its term.
_DEFINITION = re.compile(r"^ {0,3}:(?:[ \t]+(?P<text>\S.*?))?\s*$")
# "regression analysis :": a term its author left without a definition, on one line.
_EMPTY_TERM = re.compile(r"^ {0,3}(?P<term>[^\s:|>#*\-+`][^:|]{0,60}?)\s+:\s*$")
# "{:auto_ids}", "{: .glossary}": kramdown attributes, markup around the list.
_ATTRIBUTES = re.compile(r"^\s*\{:[^{}]*\}\s*$")
# A term is a short line of its own: no list item, heading, table row, quotation or fence.
_TERM = re.compile(r"^ {0,3}(?P<term>[^\s:|>#*\-+`<\[!{][^|]{0,80}?)\s*$")
_MIN_TERMS = 2
_MAX_TERM_WORDS = 8


def read_definition_lists(lines: list[str], kinds: list[str]) -> None:
    """Rewrite, in place, each term of a definition list as a labelled question line."""
    if not any(line.lstrip().startswith(":") for line in lines):
        return  # cheap test first: no line opens with a colon, no definition list
    terms: list[tuple[int, int, str]] = []  # term line, definition line, definition text
    for at, line in enumerate(lines):
        found = _DEFINITION.match(line) if kinds[at] == TEXT else None
        term = _term_above(lines, kinds, at) if found is not None else None
        if found is not None and term is not None:
            terms.append((term, at, found.group("text") or ""))
    if sum(1 for _, _, text in terms if text) < _MIN_TERMS:
        return
    first, last = terms[0][0], terms[-1][1]
    for term, definition, text in terms:
        lines[term] = f"**Q: {_plain(lines[term])}**"
        lines[definition] = text
    for index in range(max(first - 3, 0), min(last + 3, len(lines))):
        if kinds[index] != TEXT:
            continue
        empty = _EMPTY_TERM.match(lines[index])
        if first < index < last and empty is not None and _short(empty.group("term")):
            lines[index] = f"**Q: {empty.group('term').strip()}**"
        elif _ATTRIBUTES.match(lines[index]):
            lines[index] = ""


def _term_above(lines: list[str], kinds: list[str], at: int) -> int | None:
    """The term line right above a definition line (pandoc allows one blank line between)."""
    above = at - 1
    if above >= 0 and not lines[above].strip():
        above -= 1
    if above < 0 or kinds[above] != TEXT or HEADING.match(lines[above]):
        return None
    term = _TERM.match(lines[above])
    if term is None or not _short(term.group("term")) or _DEFINITION.match(lines[above]):
        return None
    return above


def _short(term: str) -> bool:
    return len(term.split()) <= _MAX_TERM_WORDS and not term.rstrip().endswith((".", "!"))


def _plain(term: str) -> str:
    return re.sub(r"\s+", " ", term).strip()
