"""Claims in table cells: a cell holding one number or one shape under a header that names a
result ("Params", "Output", "Total", a formula such as "q x s"), or the value cell of a row
whose first cell names one ("| steps per epoch | 157 |"). Tables come from ``arith.tables``;
a cell's calculation ("50,000 / 32 = 1,563") is a relation claim of the prose scan."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ankigen.lint.arith.tables import Cell, tables
from ankigen.lint.claims import lexicon, relations
from ankigen.lint.claims.flat import flatten, numbers
from ankigen.lint.claims.model import RESULT_KINDS, Claim, Kind, Surface
from ankigen.lint.claims.place import placed
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

# A header that is a formula: an operator between two names ("q x s", "H·W·C", "n/b").
_FORMULA = lazy_regex(r"\w[ \t]*(?:[\u00d7*\u00b7/]|\\times|\\cdot)[ \t]*\\?\w")
_ASIDE = lazy_regex(r"\([^()]*\)")  # "563 (last batch partial)"
_SHAPE_GAP = lazy_regex(r"[ \t]*[\u00d7xX,][ \t]*")
_VALUE = lazy_regex(r"[ \t(\[]*(?:[A-Za-z]{1,4}[ \t]*,[ \t]*)?")


def _result_column(header: str) -> Kind | None:
    """The kind of a column whose header names a result, else None."""
    if _FORMULA.search(header):
        return lexicon.header_kind(header)  # "q x s": its symbols are no settings
    named = lexicon.reading(header)
    if named in RESULT_KINDS:
        return Kind(named)
    if lexicon.names_input(header):
        return None
    return lexicon.header_kind(header) if lexicon.names_result(header) else None


def table_claims(document: LintDocument, text: str) -> Iterator[Claim]:
    """``text`` is the document's text with code blocks blanked."""
    for table in tables(text, document.body_offset, len(text)):
        kinds = [_result_column(cell.text) for cell in table.header_cells]
        for row in table.rows:
            # "| steps per epoch | 313 | 160 |": a row's first cell may name what it holds
            row_kind = _result_column(row[0].text) if row else None
            for column, cell in enumerate(row):
                kind = kinds[column] if column < len(kinds) else None
                label = table.header_cells[column].text if kind is not None else None
                if column > 0 and row_kind in RESULT_KINDS and kind not in RESULT_KINDS:
                    kind, label = row_kind, row[0].text
                if kind is not None:
                    yield from _cell(document, cell, kind, label)
                if kind in RESULT_KINDS and label is not None:
                    yield from _cell_relations(document, cell, kind, label)


def _cell(document: LintDocument, cell: Cell, kind: Kind, label: str | None) -> Iterator[Claim]:
    """A cell that is one number or one shape, with at most a unit after it."""
    flat = flatten(document.text, cell.start, cell.end)
    tokens = numbers(flat)
    if not tokens:
        return
    text = flat.text
    gaps = [text[a.end : b.start] for a, b in itertools.pairwise(tokens)]
    if not all(_SHAPE_GAP.fullmatch(gap) for gap in gaps):
        return
    if not _VALUE.fullmatch(text, 0, tokens[0].start) or relations.goes_on(text, tokens[-1].end):
        return
    rest = _ASIDE.sub("", text[tokens[-1].end :]).strip(" \t)]")
    if len(rest.split()) > 2:
        return  # a sentence in a cell
    if len(tokens) > 1 and kind in (Kind.OTHER, Kind.UNKNOWN):
        kind = Kind.OUTPUT_SIZE
    for token in tokens:
        found = relations.Found(token.start, token.end, token.value, None, kind)
        yield placed(document, flat, found, Surface.TABLE_CELL, label)


def _cell_relations(document: LintDocument, cell: Cell, kind: Kind, label: str) -> Iterator[Claim]:
    """A calculation's result in a cell ("| 3·3·32·64 = 18,432 |") whose own words name no
    kind: labelled by its column's header (or its row's), like a bare cell."""
    flat = flatten(document.text, cell.start, cell.end)
    for found in relations.claims(flat.text, numbers(flat), 0, len(flat.text)):
        if found.kind in (Kind.OTHER, Kind.UNKNOWN):
            found = relations.Found(found.start, found.end, found.value, None, kind)
            yield placed(document, flat, found, Surface.RELATION, label)


def without_code(document: LintDocument) -> str:
    """The text with every code block's lines blanked (same length)."""
    text = document.text
    pieces, position = [], 0
    for token in document.tokens:
        if token.type in ("fence", "code_block") and token.map:
            start = document.offset_of_line(document.note.body_line + token.map[0])
            end = document.offset_of_line(document.note.body_line + token.map[1])
            pieces += [text[position:start], re.sub(r"[^\n]", " ", text[start:end])]
            position = end
    pieces.append(text[position:])
    return "".join(pieces)
