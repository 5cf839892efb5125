"""Tables with one column per quantity of a layer ("| input | kernel | stride | padding | output |",
"| input | output | parameters |"): each row is one layer, checked with the same formulas as
a sentence. A column the table does not have is a quantity the note does not state."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ankigen.lint import stage_trace
from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.layers import (
    Axis,
    allowed_outputs,
    conv_parameters,
    dense_parameters,
    explain_output,
)
from ankigen.lint.arith.quantities import (
    NO_BIAS,
    OTHER_LAYERS,
    Quantity,
    distinct,
    find,
    parse_total,
    parse_values,
)
from ankigen.lint.arith.tables import Cell, Table, tables
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.layer_statements import worded_inputs
from ankigen.lint.rules.layers.scope import spatial_sizes

# Header words of each quantity; a header must name one quantity only.
_HEADERS = {
    "input": lazy_regex(
        r"^(?:input|in|inputs|input\s+(?:size|shape|width|length|units|features|dim\w*)|"
        r"in_features|"
        r"n_?in|w_?in|h_?in|n|w)$"
    ),
    "kernel": lazy_regex(
        r"^(?:kernel|(?:kernel|filter|window)\s+(?:size|width)|window|pool\s+size|k|f)$"
    ),
    "stride": lazy_regex(r"^(?:strides?|s)$"),
    "padding": lazy_regex(r"^(?:padding|pad|p)$"),
    "in_channels": lazy_regex(r"^(?:in(?:put)?\s+channels|channels\s+in|c_?in)$"),
    "filters": lazy_regex(r"^(?:filters|out(?:put)?\s+channels|channels\s+out|c_?out)$"),
    "output": lazy_regex(
        r"^(?:output|out|outputs|output\s+(?:size|shape|width|length|units)|out_features|units|"
        r"neurons|n_?out|w_?out|h_?out|o)$"
    ),
    "params": lazy_regex(r"^(?:param(?:eter)?s|#\s*params|param\s*#|weights|parameter\s+count)$"),
}
_POOL_WORD = lazy_regex(r"pool", re.IGNORECASE)
# The dimensions of the convolution a note names: one kernel size "3" covers 3 (1D), 3x3 or 3x3x3.
_CONV_DIMENSIONS = lazy_regex(
    r"\bConv(?:Transpose)?(?P<dims>[123])[dD]|\b(?P<worded>[123])-?D\s+(?:transposed\s+)?conv",
    re.IGNORECASE,
)
_CONV_OR_POOL = lazy_regex(r"conv|pool", re.IGNORECASE)


@dataclass(frozen=True)
class _Row:
    cells: dict[str, Cell]
    whole: str  # the row's text, for words such as "pool"

    def values(self, kind: str) -> tuple[int, ...] | None:
        cell = self.cells.get(kind)
        if cell is None:
            return None
        text = cell.text.strip("`*_ ")
        if kind == "kernel":
            text = _kernel_and_filters(text)[0]
        if not re.fullmatch(r"[\d,\s\N{MULTIPLICATION SIGN}xX()]+", text):
            return None
        values = parse_values(text)
        return values or None


# A kernel cell that also names the filter count: "11x11, 96 filters", "3x3 (64 filters)",
# "96 filters of 11x11", "64 3x3 filters".
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
_CROSS = "[\N{MULTIPLICATION SIGN}xX]"
_SIZE = rf"(?:{_NUMBER})(?:\s*{_CROSS}\s*(?:{_NUMBER}))*"
_FILTER_WORD = r"(?:filters|kernels|output\s+channels|channels\s+out)"
_KERNEL_WITH_FILTERS = (
    lazy_regex(
        rf"(?P<kernel>{_SIZE})\s*(?:,|;|\(|with|-)\s*(?P<filters>{_NUMBER})\s+{_FILTER_WORD}\)?"
    ),
    lazy_regex(
        rf"(?P<filters>{_NUMBER})\s+{_FILTER_WORD}\s*(?:of|,|:|\()\s*(?P<kernel>{_SIZE})\)?"
    ),
    lazy_regex(rf"(?P<filters>{_NUMBER})\s*{_CROSS}?\s+(?P<kernel>{_SIZE})\s+{_FILTER_WORD}"),
)


def _kernel_and_filters(text: str) -> tuple[str, int | None]:
    """The kernel's text and the filter count a kernel cell also names, if it does."""
    for pattern in _KERNEL_WITH_FILTERS:
        match = pattern.fullmatch(text)
        if match is not None:
            return match.group("kernel"), int(match.group("filters").replace(",", ""))
    return text, None


def _columns(table: Table) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(table.header):
        # a header may be its symbol in math: "$n$", "$s$", "$o$"
        kinds = [kind for kind, pattern in _HEADERS.items() if pattern.match(name.strip("`*_ $"))]
        if len(kinds) == 1 and kinds[0] not in found:
            found[kinds[0]] = index
    return found


def reads_each_row(table: Table) -> bool:
    """Whether each row names its own input, kernel and output: a row is then checked on its
    own, never with the row above's output as its input."""
    return {"input", "kernel", "output"} <= _columns(table).keys()


def column_table_findings(document: LintDocument, prose: str, kind: str) -> Iterator[Finding]:
    """Findings of one kind, "output" (AG103) or "params" (AG104), in quantity tables."""
    if "|" not in prose[document.body_offset :]:
        return
    if OTHER_LAYERS.search(prose, document.body_offset):
        return
    bias_free = NO_BIAS.search(prose, document.body_offset) is not None
    dimensions = _named_dimensions(prose, document.body_offset)
    for table in tables(prose, document.body_offset, len(prose)):
        table = _math_header(document, table)
        columns = _columns(table)
        if kind not in columns:
            continue
        shared: _Shared | None = None
        above: _Above | None = None
        if (
            kind == "output"
            and "kernel" not in columns
            and {"input", "stride", "output"} <= (columns.keys())
        ):
            # "| time T | 16 | 1 | 8 |" under "kernel 3x3x3 … padding 1 on every axis"
            above = _settings_above(document, prose, table)
            if above is None:
                continue
        if "input" not in columns and "in_channels" not in columns:
            shared = _shared_input(document, prose, table) if kind == "output" else None
            if shared is None:
                continue
        rows = [
            _Row(
                {name: cells[index] for name, index in columns.items()},
                prose[cells[0].start : cells[-1].end],
            )
            for cells in table.rows
            if len(cells) == len(table.header)
        ]
        # A convolution row that counts its biases makes the table's counts include them.
        biased = kind == "params" and any(_counts_conv_biases(row) for row in rows)
        previous: tuple[int, ...] | None = None
        for row in rows:
            if shared is not None:
                # a table of sizes one after another is a chain: a row that follows from the
                # row above is no variant on the shared input
                chained = previous is not None and _output(row, replace(shared, input=previous))
                if previous is not None and chained is None:
                    previous = row.values("output")
                    continue
                previous = row.values("output")
            weights_only = bias_free or table.header[columns.get("params", 0)] == "weights"
            finding = (
                _output(row, shared, above)
                if kind == "output"
                else _parameters(row, weights_only, biased, dimensions)
            )
            if finding is not None:
                yield finding


def _math_header(document: LintDocument, table: Table) -> Table:
    """The table with the header names its prose view blanked ("| $n$ | $s$ | $o$ |": symbols
    in math) read from the note's text."""
    if all(name.strip() for name in table.header) or not table.rows or not table.rows[0]:
        return table
    for raw in tables(document.text, document.body_offset, len(document.text)):
        same_table = raw.rows and raw.rows[0] and raw.rows[0][0].start == table.rows[0][0].start
        if same_table and len(raw.header) == len(table.header):
            return replace(table, header=raw.header)
    return table


def _named_dimensions(prose: str, start: int) -> frozenset[int]:
    """The dimensions of every convolution the note names by class or words (empty: none)."""
    return frozenset(
        int(match["dims"] or match["worded"]) for match in _CONV_DIMENSIONS.finditer(prose, start)
    )


def _kernel_shapes(kernel: tuple[int, ...], dimensions: frozenset[int]) -> list[tuple[int, int]]:
    """The kernel shapes one row's kernel cell allows: a single size "3" is square (3x3) unless
    the note names only 1D or 3D convolutions, when it is 3 or 3x3x3 (one shape per named
    dimension count)."""
    if len(kernel) != 1 or not dimensions or dimensions == {2}:
        return [(kernel[0], kernel[-1]) if len(kernel) <= 2 else (math.prod(kernel), 1)]
    return [(kernel[0] ** (dims - 1), kernel[0]) for dims in sorted(dimensions)]


def _conv_counts(row: _Row) -> tuple[int, int, int, int] | None:
    """A convolution row's stated count, its unit, and its counts with and without biases."""
    cell = row.cells.get("params")
    stated = parse_total(cell.text.strip("`*_ ")) if cell is not None else None
    kernel = row.values("kernel")
    channels, filters = row.values("in_channels"), row.values("filters")
    if stated is None or kernel is None or channels is None or filters is None:
        return None
    if len(channels) != 1 or len(filters) != 1:
        return None
    shape = (kernel[0], kernel[-1]) if len(kernel) <= 2 else (math.prod(kernel), 1)
    with_bias = conv_parameters(shape, channels[0], filters[0], True)
    return (*stated, with_bias, conv_parameters(shape, channels[0], filters[0], False))


def _counts_conv_biases(row: _Row) -> bool:
    counts = _conv_counts(row)
    if counts is None:
        return False
    value, unit, with_bias, without = counts
    return abs(with_bias - value) <= unit // 2 and abs(without - value) > unit // 2


@dataclass(frozen=True)
class _Shared:
    """What the text above a table of one layer's variants states for every row."""

    input: tuple[int, ...]
    stride: tuple[int, ...] | None
    padding: int | None
    same: bool


def _shared_input(document: LintDocument, prose: str, table: Table) -> _Shared | None:
    """The one input, stride and padding stated above a table whose every column is a
    quantity and which has no input column ("| filter width | output length |" under "a
    sentence padded to 100 tokens, stride 1 and no padding"): each row is a variant of one
    layer on that input. A table with a column of layer names is a chain and is read as such."""
    columns = _columns(table)
    if len(columns) != len(table.header) or not {"kernel", "output"} <= columns.keys():
        return None
    if not table.rows or not table.rows[0]:
        return None
    start, end = document.body_offset, table.rows[0][0].start
    size, _ = table_preamble(document, prose, table)
    if size is None:
        size = distinct(worded_inputs(prose, start, end))
    if size is None:
        return None
    strides = [q for q in find("stride", prose, start, end) if "|" not in _line_of(prose, q.start)]
    paddings = [
        q for q in find("padding", prose, start, end) if "|" not in _line_of(prose, q.start)
    ] + [_padding_word(m) for m in _PADDING_WORD.finditer(prose, start, end)]
    if len({q.values for q in strides}) > 1 or len({(q.values, q.mode) for q in paddings}) != 1:
        return None  # a convolution in prose needs its padding stated, and only one
    padding = paddings[0]
    same = padding.mode == "same"
    return _Shared(
        size.values,
        strides[0].values if strides else None,
        None if same else padding.values[0],
        same,
    )


@dataclass(frozen=True)
class _Above:
    """The one kernel and padding stated above a table of inputs, strides and outputs (its rows
    are the axes of one layer, "| time T | 16 | 1 | 16 |")."""

    kernel: tuple[int, ...]
    padding: int
    stride: tuple[int, ...] | None


def _settings_above(document: LintDocument, prose: str, table: Table) -> _Above | None:
    if not table.rows or not table.rows[0]:
        return None
    start, end = document.body_offset, table.rows[0][0].start
    question = document.question
    if question is not None and question[1] < end:
        start = max(start, question[1])  # the heading's sizes are the layer's inputs
    kernels = {q.values for q in find("kernel", prose, start, end)}
    paddings = [q for q in find("padding", prose, start, end) if q.mode != "same"]
    paddings += [_padding_word(m) for m in _PADDING_WORD.finditer(prose, start, end)]
    strides = {q.values for q in find("stride", prose, start, end)}
    padding_values = {q.values for q in paddings}
    if len(kernels) != 1 or len(padding_values) != 1 or any(q.mode == "same" for q in paddings):
        return None
    kernel, padding = kernels.pop(), padding_values.pop()
    if len(set(kernel)) != 1 or not padding or len(set(padding)) != 1:
        return None  # a kernel per axis: which row is which axis is not read
    stride = strides.pop() if len(strides) == 1 else None
    return _Above(kernel[:1], padding[0], stride if stride and len(set(stride)) == 1 else None)


def _output(
    row: _Row, shared: _Shared | None = None, above: _Above | None = None
) -> Finding | None:
    stage_trace.note_setup(stage_trace.CONV)
    size, kernel, output = row.values("input"), row.values("kernel"), row.values("output")
    if size is None and shared is not None:
        size = shared.input
    if above is not None:
        kernel = above.kernel

    if size is None or kernel is None or output is None or "params" in row.cells:
        return None
    stride, padding_cell = row.values("stride"), row.cells.get("padding")
    padding: int | None = None
    same = False
    if shared is not None:
        stride = stride or shared.stride
        padding, same = shared.padding, shared.same
    if above is not None:
        stride = stride or above.stride
        padding = above.padding
    if padding_cell is not None:
        text = padding_cell.text.strip("`*_'\" ").lower()
        same, valid = text == "same", text in ("valid", "none", "no", "0")
        numbers = row.values("padding")
        padding = 0 if valid else numbers[0] if numbers is not None and len(numbers) == 1 else None
        if padding is None and not same:
            return None
    sizes, claimed = spatial_sizes(size), spatial_sizes(output)
    pooling = _POOL_WORD.search(row.whole) is not None
    for axis in range(min(len(sizes), len(claimed))):
        state = Axis(
            sizes[axis],
            kernel[min(axis, len(kernel) - 1)],
            stride[min(axis, len(stride) - 1)] if stride is not None else None,
            padding,
            1,
            same,
            pooling,
        )
        allowed = allowed_outputs(state)
        if allowed and claimed[axis] not in allowed:
            cell = row.cells["output"]
            stated = (
                "stride" in row.cells or (shared is not None and shared.stride is not None)
            ) and ("padding" in row.cells or shared is not None or above is not None)
            how = explain_output(state) if stated else "no usual stride and padding gives it"
            return Finding(
                cell.start,
                cell.end,
                f"an input of {sizes[axis]} with a kernel of {state.kernel}: {how}, not "
                f"{claimed[axis]}: correct the output size",
            )
    return None if pooling or "kernel" not in row.cells else _filter_depth(row, output)


def _filter_depth(row: _Row, output: tuple[int, ...]) -> Finding | None:
    """A convolution outputs one channel per filter: "96 filters" give "55x55x96"."""
    filters = _kernel_and_filters(row.cells["kernel"].text.strip("`*_ "))[1]
    if filters is None and row.values("filters") is not None:
        filters = (row.values("filters") or (0,))[0]
    if filters is None or len(output) != 3 or spatial_sizes(output) != output[:2]:
        return None
    if output[2] == filters:
        return None
    cell = row.cells["output"]
    return Finding(
        cell.start,
        cell.end,
        f"a convolution with {filters} filters outputs {filters} channels, not {output[2]}: "
        "correct the output shape",
    )


def _parameters(
    row: _Row, weights_only: bool, biased: bool = False, dimensions: frozenset[int] = frozenset()
) -> Finding | None:
    stage_trace.note_setup(stage_trace.PARAMS)
    cell = row.cells.get("params")
    stated = parse_total(cell.text.strip("`*_ ")) if cell is not None else None
    if cell is None or stated is None:
        return None
    kernel = row.values("kernel")
    if kernel is not None:
        channels, filters = row.values("in_channels"), row.values("filters")
        if channels is None or filters is None or len(channels) != 1 or len(filters) != 1:
            return None
        shapes = _kernel_shapes(kernel, dimensions)
        right = conv_parameters(shapes[0], channels[0], filters[0], True)
        options = set()
        for shape in shapes:
            options.add(conv_parameters(shape, channels[0], filters[0], True))
            if not biased:
                options.add(conv_parameters(shape, channels[0], filters[0], False))
        how = f"({TIMES.join(map(str, kernel))} {TIMES} {channels[0]} + 1) {TIMES} {filters[0]}"
    else:
        inputs, units = row.values("input"), row.values("output")
        if inputs is None or units is None or len(units) != 1 or len(inputs) != 1:
            return None  # shapes: a convolution or pooling, whose kernel the table leaves out
        if _CONV_OR_POOL.search(row.whole):
            return None
        n, m = math.prod(inputs), units[0]
        right = dense_parameters(n, m, True)
        options = {right, dense_parameters(n, m, False)} if weights_only else {right}
        how = f"{n} {TIMES} {m} + {m}"
    value, unit = stated
    if any(abs(option - value) <= unit // 2 for option in options):
        return None
    return Finding(
        cell.start, cell.end, f"{how} = {right:,} parameters, not {cell.text}: correct the count"
    )


@dataclass(frozen=True)
class KindSettings:
    """The kernel, stride and padding a note states once for every layer of one kind."""

    kernel: Quantity
    known: dict[str, Quantity | None]


# Words that name one kind of layer in a note's shared settings ("all convolutions …",
# "pools 2x2 …"); "ConvNet" or "convergence" name none.
_KIND_WORDS = {
    "pool": lazy_regex(r"\b(?:max|average|avg)?[- ]?pool(?:s|ing)?\b", re.IGNORECASE),
    "conv": lazy_regex(r"\bconv(?:olutions?|olutional|s|[123]d)?\b", re.IGNORECASE),
}
_SEGMENT = lazy_regex(r"(?:[^;()\n.]|\.(?=\d))+")
_SMALL_SQUARE = lazy_regex(
    rf"(?<![\w.,*{_CROSS[1:-1]}])(?P<a>\d{{1,2}})\s*{_CROSS}\s*(?P<b>\d{{1,2}})"
    rf"(?![\w.]|\s*{_CROSS}\s*\d)"
)
_PADDING_WORD = lazy_regex(r"\b(?P<mode>valid|same)\b|\bno\s+padding\b", re.IGNORECASE)


def shared_settings(prose: str, start: int, end: int) -> dict[str, KindSettings]:
    """Settings stated once per kind of layer before a table or list ("input 28x28x1, all
    convolutions 3x3 valid, stride 1; pools 2x2, stride 2"): each comma-separated piece
    belongs to the last kind of layer named in its clause. A kind stated two ways has none."""
    pieces: dict[str, list[tuple[int, int]]] = {}
    for segment in _SEGMENT.finditer(prose, start, end):
        if "|" in segment.group():
            continue  # a table row, not a statement of settings
        kind: str | None = None
        offset = segment.start()
        for piece in segment.group().split(","):
            span = (offset, offset + len(piece))
            offset = span[1] + 1
            named = {name for name, word in _KIND_WORDS.items() if word.search(prose, *span)}
            if len(named) > 1:
                kind = None
                continue
            kind = named.pop() if named else kind
            if kind is not None:
                pieces.setdefault(kind, []).append(span)
    found = {kind: _kind_settings(prose, spans) for kind, spans in pieces.items()}
    return {kind: settings for kind, settings in found.items() if settings is not None}


def _kind_settings(prose: str, spans: list[tuple[int, int]]) -> KindSettings | None:
    inputs = [q for span in spans for q in find("input", prose, *span)]
    kernels = [q for span in spans for q in find("kernel", prose, *span)]
    kernels += [
        Quantity("kernel", *m.span(), parse_values(m.group()), text=m.group())
        for span in spans
        for m in _SMALL_SQUARE.finditer(prose, *span)
        if m.group("a") == m.group("b") and not any(q.start <= m.start() < q.end for q in inputs)
    ]
    if len({q.values for q in kernels}) != 1:
        return None
    known: dict[str, Quantity | None] = {"dilation": None}
    for kind in ("stride", "padding"):
        stated = [q for span in spans for q in find(kind, prose, *span)]
        if kind == "padding":
            stated += [
                _padding_word(m) for span in spans for m in _PADDING_WORD.finditer(prose, *span)
            ]
        if len({(q.values, q.mode) for q in stated}) > 1:
            return None
        known[kind] = stated[0] if stated else None
    return KindSettings(kernels[0], known)


def _padding_word(match: re.Match[str]) -> Quantity:
    same = (match.group("mode") or "").lower() == "same"
    return Quantity("padding", *match.span(), () if same else (0,), "same" if same else "valid")


def table_preamble(
    document: LintDocument, prose: str, table: Table
) -> tuple[Quantity | None, dict[str, KindSettings]]:
    """What the heading and the text above a table of layers state for all of them: the one
    input size (the first row's input) and the settings of each kind of layer."""
    if not table.rows or not table.rows[0]:
        return None, {}
    start, end = document.body_offset, table.rows[0][0].start
    inputs = [q for q in find("input", prose, start, end) if "|" not in _line_of(prose, q.start)]
    stated = distinct(inputs)
    return stated, shared_settings(prose, start, end)


def _line_of(prose: str, offset: int) -> str:
    begin = prose.rfind("\n", 0, offset) + 1
    finish = prose.find("\n", offset)
    return prose[begin : finish if finish >= 0 else len(prose)]
