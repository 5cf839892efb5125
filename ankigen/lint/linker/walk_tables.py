"""Stage walks in tables whose columns name the layer's settings (issue #12): a front end of
``walks`` for the tables ``walk_notations`` does not read (it needs an "in" and an "out"
column and the settings in words).

A column is read by the role its header names: the output ("out", "L_out", "$T_{out}$",
"map length", "output H x W"), the input ("in", "L_in", "T_in"), the kernel ("k", "kernel",
"filter width"), the stride, the padding, the dilation, the output padding, or several of
them in one header split by slashes ("k / s / p", its cells "7 / 2 / 3"). A row is one
layer: its own cells' settings, else the note's one value of the setting stated outside the
table ("k=3, padding=0" in the heading, "no padding" in prose). Its input is its own input
cell, else either the size the row before claims (a walk, "| 3 | 2 | 1599 |") or the note's
one stated input (variants of one layer on one input, "| dilation 4 | 92 |"): the row is
wrong only when neither gives its claim. Sure (an error) only with an input cell and every
setting in the row's own cells; otherwise a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ankigen.lint.arith.tables import Cell, Table, tables
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker import roles as r
from ankigen.lint.linker.quantity import Quantity
from ankigen.lint.linker.roles import stated
from ankigen.lint.linker.walks import (
    CONV,
    POOL,
    SAME,
    TRANSPOSED,
    Layer,
    Stage,
    Transition,
    wrong_transitions,
)

_OUT, _IN = "out", "in"
_KERNEL, _STRIDE, _PADDING, _DILATION, _OUTPUT_PADDING = "k", "s", "p", "d", "op"

# A header's words, markup taken away: "$L_{out}$" -> "l out", "k / s / p" kept split.
_MARKUP = lazy_regex(r"[`*$\\{}]|\\text|\\mathrm")
_SETTING_HEADERS = {
    _KERNEL: lazy_regex(r"k|kernel(?: size)?|kernel_size|filter width(?: k)?|pool(?: size)?"),
    _STRIDE: lazy_regex(r"s|strides?"),
    _PADDING: lazy_regex(r"p|pad|padding"),
    _DILATION: lazy_regex(r"d|dilation(?: rate)?|dilation_rate|rate"),
    _OUTPUT_PADDING: lazy_regex(r"output padding|output_padding|op"),
}
_SIZE_WORDS = r"(?:size|shape|length|len|frames|h\s*[\u00d7x]\s*w|w\s*[\u00d7x]\s*h)"
_OUT_HEADER = lazy_regex(
    r"(?:[lthw]|seq|map|feature map|spatial|length|size|frames|samples|steps)?[ _]?"
    rf"(?:out|output)(?: {_SIZE_WORDS})?"
    rf"|(?:map|output|feature map) {_SIZE_WORDS}"
)
_IN_HEADER = lazy_regex(rf"(?:[lthw]|seq|length|size)?[ _]?(?:in|input)(?: {_SIZE_WORDS})?")
# a row label naming the note's input, not a layer ("| input | - | 224 x 224 |")
_INPUT_LABEL = lazy_regex(r"input|in|image|x")
_NO_VALUE = lazy_regex(r"\s*(?:\u2014|\u2013|-|n/a)?\s*")
_NUMBERS = lazy_regex(r"\d+")
_SIZE = lazy_regex(r"^\D*?(\d+(?:\s*[\u00d7xX*]\s*\d+){0,2})\D*$")
_TRANSPOSED_WORDS = lazy_regex(r"transpos|deconv|\bup-?conv", re.I)
_POOL_WORDS = lazy_regex(r"pool", re.I)
_CONV_WORDS = lazy_regex(r"conv|\bcnn\b|\bfilters?\b|\btcn\b", re.I)
_NOT_ONE = lazy_regex(
    r"\b(?:blocks?|stages?|residual|bottleneck|adaptive\w*|global|upsampl\w*|interpolat\w*|"
    r"flatten\w*|dense|linear|cumulative|total)\b|\bx\s?\d\b|\s\+\s",
    re.I,
)
_CAUSAL_OR_OTHER = lazy_regex(r"causal|reflect|one-sided|left", re.I)
_SAME = lazy_regex(r"\bsame\b", re.I)
_VALID = lazy_regex(r"\bvalid\b|\bno padding\b|\bunpadded\b|\bwithout padding\b", re.I)


def role_table_transitions(document: LintDocument, read: Sequence[Table]) -> Iterator[Transition]:
    """The wrong rows of every table with an output column and a setting column that
    ``walk_notations`` did not read (``read``)."""
    found = list(tables(document.prose, document.body_offset, len(document.text)))
    if not found:
        return
    quantities = stated(document)
    for table in found:
        if table in read:
            continue
        written = _as_written(document, table)
        if written is None:
            continue
        table = written
        columns = _columns(table)
        if columns is None:
            continue
        yield from _rows(document, table, columns, quantities)


def _as_written(document: LintDocument, table: Table) -> Table | None:
    """The table with its cells' text as the note writes it (the prose view masks math and
    code spans, where headers like "$L_{out}$" and cells like "0 (`valid`)" stand)."""

    def raw(cells: tuple[Cell, ...]) -> tuple[Cell, ...] | None:
        if not cells:
            return cells
        start = document.text.rfind("\n", 0, cells[0].start) + 1
        end = document.text.find("\n", cells[0].start)
        line = document.text[start : end if end >= 0 else None]
        pieces = line.strip().strip("|").split("|")
        if len(pieces) != len(cells):
            return None
        found, offset = [], start + line.index("|") + 1
        for piece in pieces:
            lead = len(piece) - len(piece.lstrip())
            found.append(Cell(offset + lead, offset + lead + len(piece.strip()), piece.strip()))
            offset += len(piece) + 1
        return tuple(found)

    header = raw(table.header_cells)
    rows = [raw(row) for row in table.rows]
    if header is None or any(row is None for row in rows):
        return None
    return Table(
        tuple(cell.text.lower() for cell in header),
        tuple(row for row in rows if row is not None),
        header,
    )


def _words(header: str) -> str:
    text = _MARKUP.sub(" ", header.replace("\\_", "_"))
    text = re.sub(r"_\s*", "_", text).strip().lower()
    return re.sub(r"\s+", " ", text.replace("_", " ") if not text.endswith("_size") else text)


def _columns(table: Table) -> dict[str, tuple[int, int]] | None:
    """Each role's column and its place in a slashed cell (0 for a plain one)."""
    columns: dict[str, tuple[int, int]] = {}
    for index, header in enumerate(table.header):
        words = _words(header)
        parts = [part.strip() for part in words.split("/")]
        if len(parts) > 1:
            for place, part in enumerate(parts):
                role = _setting_role(part)
                if role is None or role in columns:
                    return None
                columns[role] = (index, place)
            continue
        role = (
            _OUT
            if _OUT_HEADER.fullmatch(words)
            else _IN
            if _IN_HEADER.fullmatch(words)
            else _setting_role(words)
        )
        if role is None:
            continue
        if role in columns:
            return None  # two columns of one role: not one walk
        columns[role] = (index, 0)
    if _OUT not in columns or not set(columns) - {_OUT, _IN}:
        return None
    return columns


def _setting_role(words: str) -> str | None:
    for role, pattern in _SETTING_HEADERS.items():
        if pattern.fullmatch(words):
            return role
    return None


def _cell_value(row: Sequence[Cell], place: tuple[int, int]) -> tuple[int, ...] | str | None:
    """A setting cell's value per axis, ``None`` when the row leaves it out ("—"), or "?" for
    a cell this reader cannot read (a name, a word)."""
    index, part = place
    if index >= len(row):
        return "?"
    pieces = row[index].text.split("/")
    if len(pieces) > 1 and part >= len(pieces):
        return "?"
    text = pieces[part] if len(pieces) > 1 else row[index].text
    text = re.sub(r"\(?`?'?(?:valid|same)'?`?\)?", "", text, flags=re.I).strip("`* ")
    if _NO_VALUE.fullmatch(text):
        return None
    if not re.fullmatch(r"\(?\s*\d+(?:\s*[,\u00d7xX]\s*\d+){0,2}\s*\)?", text):
        return "?"
    return tuple(int(v) for v in _NUMBERS.findall(text))


def _size(cell: Cell) -> tuple[tuple[int, ...], int, int] | None:
    text = cell.text
    match = _SIZE.match(text)
    if match is None or len(_NUMBERS.findall(text)) != len(_NUMBERS.findall(match[1])):
        return None
    size = tuple(int(v) for v in _NUMBERS.findall(match[1]))
    return size, cell.start + match.start(1), cell.start + match.end(1)


def _rows(
    document: LintDocument,
    table: Table,
    columns: dict[str, tuple[int, int]],
    quantities: Sequence[Quantity],
) -> Iterator[Transition]:
    first_row = table.rows[0][0].start if table.rows and table.rows[0] else 0
    last_row = table.rows[-1][-1].end if table.rows and table.rows[-1] else 0
    outside = [q for q in quantities if not first_row <= q.start <= last_row and q.source != "cell"]
    text = document.text[document.body_offset : first_row] + document.text[last_row:]
    if _CAUSAL_OR_OTHER.search(text) and _PADDING not in columns:
        return  # a padding the formulas here do not model
    kind = (
        TRANSPOSED
        if _TRANSPOSED_WORDS.search(document.text)
        else CONV
        if _CONV_WORDS.search(document.text)
        else None
    )
    noted = {
        _KERNEL: _one(outside, r.KERNEL),
        _STRIDE: _one(outside, r.STRIDE),
        _PADDING: _one(outside, r.PADDING),
        _DILATION: _one(outside, r.DILATION),
        _OUTPUT_PADDING: _one(outside, r.OUTPUT_PADDING),
    }
    if noted[_PADDING] is None and not _SAME.search(text) and _VALID.search(text):
        noted[_PADDING] = (0,)
    note_input = _note_input(document, first_row, quantities)
    judged = list(_judged(document, table, columns, kind, noted, note_input))
    # a table of variants of one layer on the note's input, or a walk from row to row: the
    # message names the input of the kind the table's right rows show
    variants = sum(1 for _, results in judged if results[-1:] == [[]] and results[0])
    walked = sum(1 for _, results in judged if results[:1] == [[]] and any(results[1:]))
    for sure, results in judged:
        if not results or not all(results):
            continue
        transition = results[-1 if variants > walked else 0][0]
        yield Transition(transition.stage, transition.input, transition.expected, sure)


def _judged(
    document: LintDocument,
    table: Table,
    columns: dict[str, tuple[int, int]],
    kind: str | None,
    noted: dict[str, tuple[int, ...] | None],
    note_input: tuple[int, ...] | None,
) -> Iterator[tuple[bool, list[list[Transition]]]]:
    """Each row's wrong transitions from each of its inputs (its own cell; else the row
    before's claim, then the note's input) and whether a wrong row would be sure."""
    previous: tuple[int, ...] | None = None
    out_index = columns[_OUT][0]
    for row in table.rows:
        if out_index >= len(row):
            previous = None
            continue
        label = " ".join(
            cell.text for i, cell in enumerate(row) if i not in {c for c, _ in columns.values()}
        )
        claim = _size(row[out_index])
        if claim is None:
            previous = None
            continue
        if _INPUT_LABEL.fullmatch(label.strip("`* ").lower()):
            previous = claim[0]  # the table's own input row
            continue
        row_kind = TRANSPOSED if _TRANSPOSED_WORDS.search(label) else kind
        row_kind = POOL if _POOL_WORDS.search(label) else row_kind
        settings: dict[str, tuple[int, ...] | None] = {}
        own = True
        readable = True
        for role in noted:
            if role in columns:
                value = _cell_value(row, columns[role])
                if value == "?":
                    readable = False
                    break
                settings[role] = value if isinstance(value, tuple) else None
                if settings[role] is None:
                    own = False
                    settings[role] = noted[role]
            else:
                settings[role] = noted[role]
                own = own and role in (_DILATION, _OUTPUT_PADDING)
        cell_input = _size(row[columns[_IN][0]]) if _IN in columns else None
        candidates = [cell_input[0]] if cell_input else [s for s in (previous, note_input) if s]
        output, start, end = claim
        previous = output
        kernel = settings.get(_KERNEL)
        if not readable or row_kind is None or kernel is None or _NOT_ONE.search(label):
            continue
        padding = settings[_PADDING]
        if padding is None and _SAME.search(label):
            padding = (SAME,)
        layer = Layer(
            row_kind,
            kernel,
            settings[_STRIDE],
            padding,
            settings[_DILATION] or (1,),
            settings[_OUTPUT_PADDING],
            None,
        )
        stage = Stage(layer, output, start, end, document.position(start)[0])
        sure = (
            cell_input is not None
            and own
            and padding is not None
            and (row_kind != TRANSPOSED or settings[_OUTPUT_PADDING] is not None)
        )
        yield sure, [list(wrong_transitions([stage], source, True)) for source in candidates]


# the input's length in the words before the table: "T_in = 100", "L = 50", "on 16 000
# samples", "for 100 mel frames"
_LENGTH = lazy_regex(
    r"\b(?:[LTN]|[LTN]_?\{?in\}?)\s*=\s*(?P<a>\d{1,3}(?:[ ,\u202f]\d{3})+|\d+)"
    r"(?![\d.]|\s*[*\u00d7\u00b7])"
    r"|(?<![\d.,])(?P<b>\d{1,3}(?:[ ,\u202f]\d{3})+|\d+)\s+(?:[a-z-]+\s+)?"
    r"(?:samples|frames|time steps|tokens)\b"
)


def _note_input(
    document: LintDocument, table_start: int, quantities: Sequence[Quantity]
) -> tuple[int, ...] | None:
    """The one input size the note states before the table (its heading or the lines above)."""
    before = [q for q in quantities if q.end <= table_start and q.source != "cell"]
    values = {
        tuple(int(v) for v in q.values)
        for q in before
        if q.role == r.INPUT and all(v.denominator == 1 for v in q.values)
    }
    text = document.text[document.body_offset : table_start]
    for match in _LENGTH.finditer(text):
        values.add((int(re.sub(r"\D", "", match["a"] or match["b"])),))
    return next(iter(values)) if len(values) == 1 else None


def _one(quantities: Sequence[Quantity], role: str) -> tuple[int, ...] | None:
    """The note's one value of ``role`` (whole numbers per axis), or ``None``."""
    values = {q.values for q in quantities if q.role == role}
    if len(values) != 1:
        return None
    (value,) = values
    if any(v.denominator != 1 or v < 0 for v in value):
        return None
    return tuple(int(v) for v in value) or None
