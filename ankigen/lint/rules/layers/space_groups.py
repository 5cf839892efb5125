"""Thousands grouped by a space, as European and SI style write them ("100 480 parameters",
"= 73 728", "| 12 800 |"), rewritten with commas at the same length, so a reader of
comma-grouped numbers does not take "100 480" for the number 480.

A thin or no-break space between digit groups is always a group separator. A plain space is
one only where the digits stand as one count: before a count's unit word ("16 448 trainable
parameters"), or after "=" at the end of the clause or cell, or after a colon, a table bar or
"is/has/gives/of" where the line's label names a count ("Total params: 73 856"), or as a
table cell's whole content under a header that names a count ("| params |" over "| 200 960
|"). Elsewhere a space may separate numbers ("channels 64 128 256"), which stay as they are.
"""

from __future__ import annotations

import re

from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

# (U+00A0 no-break, U+2009 thin, U+202F narrow no-break space)
_THIN_GROUPS = lazy_regex(r"(?<![\w.,])\d{1,3}(?:[\u00a0\u2009\u202f]\d{3})+(?![\w.,]|\s?\d)")
_UNIT = (
    r"(?:trainable\s+|learnable\s+|learned\s+|total\s+)?"
    r"(?:param\w*|weights?|biases|steps?|images?|samples?|examples?|tokens?)\b"
)
_SPACE_GROUPS = lazy_regex(
    r"(?:(?P<equals>(?<=[=\N{ALMOST EQUAL TO}~]))|(?P<bar>(?<=\|))|(?<=:)|(?<=\bis)|(?<=\bhas)"
    r"|(?<=\bgives)|(?<=\bof)|(?<=[A-Za-z])(?=[ \t]))[ \t*]*"
    r"(?P<n>[1-9]\d{0,2}(?: \d{3})+)"
    rf"(?=[ \t*]*(?:(?P<unit>{_UNIT})|(?P<end>$|(?P<cell>\|)|[.;,)](?:\s|$))))",
    re.M,
)
# A line whose label names a count ("| total | 73 856 |", "Total params: 54 410").
_COUNT_LABEL = lazy_regex(r"param|weight|bias|total|count|steps", re.I)
# A table's header row, the one right above its rule ("|---|---|").
_HEADER = lazy_regex(r"^[ \t]*(?P<head>\|[^\n]*)\n[ \t]*\|[ \t:|-]*-[ \t:|-]*$", re.M)
_MAY_GROUP = lazy_regex(r"\d[ \u00a0\u2009\u202f]\d{3}(?!\d)")


def comma_grouped(document: LintDocument) -> LintDocument:
    """The note with its space-grouped thousands written with commas: the same note, at the
    same offsets, for readers of comma-grouped numbers (the AG104 readers)."""
    text = with_comma_groups(document.text)
    if text == document.text:
        return document
    return LintDocument(document.path, text, document.note, document.deck)


def with_comma_groups(text: str) -> str:
    """``text`` with thousands grouped by spaces written with commas (same length)."""
    if not _MAY_GROUP.search(text):
        return text
    text = _THIN_GROUPS.sub(lambda m: re.sub(r"\D", ",", m.group(0)), text)
    return _SPACE_GROUPS.sub(lambda m: _grouped(text, m), text)


def _grouped(text: str, match: re.Match[str]) -> str:
    # after "=" a result ends its clause; elsewhere the digits may be a list of sizes
    # ("sizes: 64 128 256") unless a unit or the line's label says it is a count
    line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
    whole_cell = (
        match["bar"] is not None
        and match["cell"] is not None
        and _COUNT_LABEL.search(_header_above(text, match.start())) is not None
    )
    if (
        match["unit"] is None
        and not whole_cell
        and (match["equals"] is None or match["end"] is None)
        and not _COUNT_LABEL.search(line)
    ):
        return match.group(0)
    return match.group(0)[: match.start("n") - match.start()] + match["n"].replace(" ", ",")


def _header_above(text: str, at: int) -> str:
    """The header row of the last table that starts before ``at`` (empty if none)."""
    headers = list(_HEADER.finditer(text, max(0, at - 2000), at))
    return headers[-1]["head"] if headers else ""
