"""Parameter counts of layers listed one per item or table row (each taking the previous
layer's width), labelled weights/biases/total lines, and whole MLPs given by their sizes."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator

from ankigen.lint.arith.code_counts import first_input, gru_layouts, may_lack_bias, row_problem
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
)
from ankigen.lint.arith.tables import Cell, tables
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.counts import (
    LIST_ITEM,
    PARAMETER_COLUMN,
    allowed_counts,
    answer_totals,
    asks_parameters,
    dense_finding,
    item_count,
    layer_widths,
    stated_count,
)
from ankigen.lint.rules.layers.one_layer import check_total
from ankigen.lint.rules.layers.param_statements import stated_inputs
from ankigen.lint.rules.layers.scope import POOL, answer_start, layer_blocks


def _chain_items(document: LintDocument, prose: str) -> list[tuple[int, int, Quantity | None]]:
    """List items and table rows of the answer, in order, each with its stated count."""
    items: list[tuple[int, int, Quantity | None]] = []
    asked = asks_parameters(document)
    for start, end in layer_blocks(document):
        if LIST_ITEM.match(prose, start):
            totals = list(find("total", prose, start, end))
            if not totals and asked:
                totals = [count] if (count := item_count(prose, start, end)) else []
            items.append((start, end, totals[0] if len(totals) == 1 else None))
    for table in tables(prose, document.body_offset, len(prose)):
        column = table.column(PARAMETER_COLUMN)
        if column is None:
            continue
        for row in table.rows:
            if column >= len(row) or not row:
                continue
            cell = row[column]
            stated = parse_total(cell.text) if cell.text else None
            total = Quantity("total", cell.start, cell.end, (), "parameters", cell.text)
            items.append((row[0].start, row[-1].end, total if stated else None))
    return sorted(items, key=lambda item: item[0])


def _chain_input(document: LintDocument, prose: str, first_item: int) -> int | None:
    """The first listed layer's inputs: the one input size the question or the paragraphs
    before the list state ("on top of an LSTM that returns a 256-dimensional state")."""
    question = document.question
    spans = [question] if question is not None else []
    spans += [
        (start, end)
        for start, end in layer_blocks(document)
        if end <= first_item and not LIST_ITEM.match(prose, start)
    ]
    # "300-d word vectors go into an LSTM(128)": an input named before another kind of layer
    # is that layer's; the list's first input comes after the last such layer
    others = [m.end() for span in spans for m in _FEEDING_LAYER.finditer(prose, *span)]
    after = max(others, default=0)
    found = [q for span in spans for q in find("inputs", prose, *span) if q.start >= after]
    found += [
        Quantity("inputs", start, start, (size,))
        for start, size in stated_inputs(prose, spans)
        if start >= after
    ]
    stated = distinct(found)
    return math.prod(stated.values) if stated is not None else None


_FEEDING_LAYER = lazy_regex(
    r"\b(?:LSTMs?|GRUs?|(?:Simple)?RNNs?|recurrent|(?<!dimensional\s)embeddings?|conv\w*|"
    r"\w*pool\w*|attention|transformers?|(?:batch|layer)[- ]?norm\w*)\b",
    re.IGNORECASE,
)


def chain_counts(document: LintDocument, prose: str) -> Iterator[Finding]:
    """Dense layers listed one per item or row: each takes the previous one's units as its
    inputs ("- Input: 16 features", "- Dense(32): 544 parameters", "- Dense(8): …")."""
    items = _chain_items(document, prose)
    if not items:
        return
    width = _chain_input(document, prose, items[0][0])
    first = width  # a list may also hold alternatives on the same inputs
    for start, end, total in items:
        if OTHER_LAYERS.search(prose, start, end) or any(find("kernel", prose, start, end)):
            width = None
            continue
        inputs = distinct(list(find("inputs", prose, start, end)))
        units = distinct(layer_widths(prose, start, end))
        if units is None or len(units.values) != 1:
            width = math.prod(inputs.values) if inputs is not None and total is None else None
            continue
        n = math.prod(inputs.values) if inputs is not None else width
        width = units.values[0]
        if total is None or n is None:
            continue
        bias_free = NO_BIAS.search(prose, start, end) is not None
        finding = dense_finding(total, n, width, bias_free, prose)
        alternative = first is None or dense_finding(total, first, width, bias_free, prose)
        if finding is not None and alternative:
            yield finding


def conv_chain(document: LintDocument, prose: str) -> tuple[set[int], list[Finding]]:
    """Convolutions listed one per item or row: each takes the previous one's filters as its
    input channels ("1. Conv2D(8, 3): 80", "2. Conv2D(16, 3): 1,168"). Returns the counts
    checked this way (the sentence check would take the question's channels for them)."""
    chained: set[int] = set()
    findings: list[Finding] = []
    depth: int | None = None
    for start, end, total in _chain_items(document, prose):
        kernel = distinct(list(find("kernel", prose, start, end)))
        filters = distinct(list(find("filters", prose, start, end)))
        stated = distinct(list(find("in_channels", prose, start, end)))
        if kernel is None or filters is None or len(filters.values) != 1:
            if not POOL.search(prose, start, end):
                depth = None  # a dense layer or anything else: the chain ends; pooling keeps it
            continue
        previous, depth = depth, filters.values[0]
        if stated is not None or previous is None or total is None:
            continue
        chained.add(total.start)
        finding = _chained_conv(prose, kernel, previous, depth, total)
        if finding is not None:
            findings.append(finding)
    return chained, findings


def _chained_conv(
    prose: str, kernel: Quantity, channels: int, filters: int, total: Quantity
) -> Finding | None:
    stated = stated_count(prose, total)
    if stated is None or len(kernel.values) not in (1, 2):
        return None
    value, unit = stated
    one_d = kernel.mode == "1d"
    shape = (kernel.values[0], 1 if one_d else kernel.values[-1])
    right = conv_parameters(shape, channels, filters, True)
    allowed = allowed_counts(
        {right}, total, False, conv_parameters(shape, channels, filters, False)
    )
    if any(abs(option - value) <= unit // 2 for option in allowed):
        return None
    size = f"{shape[0]}" if one_d else f"{shape[0]}{TIMES}{shape[1]}"
    return Finding(
        total.start,
        total.end,
        f"a {size} convolution on the previous layer's {channels} channels with {filters} "
        f"filters has ({shape[0] * shape[1]} {TIMES} {channels} + 1) {TIMES} {filters} = "
        f"{right:,} parameters, not {total.text}: correct the count",
    )


# "- weights: 3 x 3 x 16 x 32 = 4,608", "- biases: 32", "- total: 4,640": labelled lines
# (list items or not) whose last number is the part's count.
_PART_LINE = lazy_regex(
    r"^[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?[*_]*(?P<label>[A-Za-z][\w ()#-]{0,40}?)[*_]*[ \t]*"
    r"[:=\N{EM DASH}\N{EN DASH}][*_]*[ \t]*(?:[^\n]*?=[ \t]*)?[*_]*"
    r"(?P<value>\d{1,3}(?:,\d{3})+|\d+)[*_]*[ \t]*"
    r"(?:(?:trainable\s+)?(?:parameters|params|weights|biases|values))?[ \t]*[.;]?[ \t]*$",
    re.MULTILINE,
)


_PART_LABELS = {
    "weights": lazy_regex(
        r"(?:kernel|filter|connection|dense|conv\w*|trainable)?\s*weights?"
        r"(?:\s+\(?(?:only|without\s+bias(?:es)?)\)?)?",
        re.I,
    ),
    "biases": lazy_regex(r"bias(?:es)?(?:\s+(?:terms?|parameters|params|vector))?", re.I),
    "total": lazy_regex(
        r"(?:total|overall|sum|all)(?:\s+(?:parameters|params|count|trainable\s+parameters))?"
        r"(?:\s+(?:with|including|incl\.?)\s+(?:the\s+)?bias(?:es)?)?"
        r"|(?:total\s+|trainable\s+)?(?:parameters|params)(?:\s+in\s+total)?"
        # Keras' summary column as a label: "Param # = 64 * (3 * 3 + 1) = 640"
        r"|param(?:eter)?s?\s*\#",
        re.I,
    ),
}


def labelled_sum(document: LintDocument, prose: str) -> Iterator[Finding]:
    """Weights, biases and their total on labelled lines: the total must be their sum."""
    parts: dict[str, list[re.Match[str]]] = {name: [] for name in _PART_LABELS}
    for match in _PART_LINE.finditer(prose, document.body_offset):
        label = match.group("label").strip()
        for name, pattern in _PART_LABELS.items():
            if pattern.fullmatch(label):
                parts[name].append(match)
    if len(parts["total"]) == 1 and not parts["biases"]:
        yield from _labelled_total(document, prose, parts["total"][0])
    if any(len(found) != 1 for found in parts.values()):
        return  # several layers, or not the three parts
    weights, biases, total = (int(parts[n][0].group("value").replace(",", "")) for n in parts)
    stated = parts["total"][0]
    if weights + biases == total or OTHER_LAYERS.search(prose, document.body_offset):
        return
    yield Finding(
        stated.start("value"),
        stated.end("value"),
        f"{weights:,} weights + {biases:,} biases = {weights + biases:,} parameters, not "
        f"{stated.group('value')}: correct the total",
    )


# One list item stating one layer's count at its end: "- `Dense(10)`: 2,570", "- conv2 - 4,640
# parameters". The label may hold sizes; the count is the item's last number.
_COUNT_ITEM = lazy_regex(
    r"^[ \t]*[-*+][ \t]+(?P<label>[^\n]*?)[ \t]*[:=\N{EM DASH}\N{EN DASH}][ \t]*[*_]*"
    r"(?P<value>\d{1,3}(?:,\d{3})+|\d+)[*_]*[ \t]*"
    r"(?:(?:trainable[ \t]+)?(?:parameters|params|weights))?[ \t]*[.;]?[ \t]*$"
)
_ITEM_TOTAL = lazy_regex(r"^[*_`]*(?:grand[ \t]+)?(?:total|sum|all[ \t]+layers|overall)\b", re.I)
# A part of another item or a share of the total: no summand of its own.
_SUB_ITEM = lazy_regex(
    r"of[ \t]+which|includ|incl\.|among|\bpart\b|%|non-trainable|\btrainable\b|bias|weights?\b"
    r"|per\b|each\b|about|approx|~",
    re.I,
)


def item_totals(document: LintDocument, prose: str) -> Iterator[Finding]:
    """A list of layers, each item with its count, closed by a total item: the total must be
    the sum of the counts above it ("- `Dense(256)` on 784 pixels: 200,960", "- `Dense(10)`:
    2,570", "- total: 203,530"). Items that are parts or shares of another leave it alone."""
    lines = prose[document.body_offset :].split("\n")
    offset = document.body_offset
    run: list[re.Match[str]] = []
    for line in lines:
        match = _COUNT_ITEM.match(line)
        if match is None:
            run = []
        elif _ITEM_TOTAL.match(match["label"].strip()):
            finding = _run_total(run, match, offset)
            if finding is not None:
                yield finding
            run = []
        else:
            run.append(match)
        offset += len(line) + 1


def _run_total(run: list[re.Match[str]], total: re.Match[str], offset: int) -> Finding | None:
    if len(run) < 2 or any(_SUB_ITEM.search(item["label"]) for item in run):
        return None
    if _SUB_ITEM.search(total["label"]):
        return None
    parts = [int(item["value"].replace(",", "")) for item in run]
    stated = int(total["value"].replace(",", ""))
    if sum(parts) == stated:
        return None
    return Finding(
        offset + total.start("value"),
        offset + total.end("value"),
        f"{' + '.join(f'{part:,}' for part in parts)} = {sum(parts):,} parameters, not "
        f"{total['value']}: correct the total",
    )


def _labelled_total(document: LintDocument, prose: str, line: re.Match[str]) -> Iterator[Finding]:
    """ "- total with biases: 12,816" under a question that names the layer, the kernel
    perhaps in another item: checked like a sentence whose paragraph is the whole answer."""
    question = document.question
    if question is None or question[0] <= line.start() < question[1]:
        return
    value = line.group("value")
    total = Quantity("total", line.start("value"), line.end("value"), (), "parameters", value)
    answer = (answer_start(prose, question[1]), len(prose))
    finding = check_total(prose, total, line.span(), answer, question)
    if finding is not None:
        yield finding


_SIZE_LIST = r"\d+(?:\s*(?:,\s*(?:and\s+)?|and|->|\N{RIGHTWARDS ARROW}|-|\N{EN DASH})\s*\d+){2,}"


# "an MLP with layer sizes 784, 128 and 10", "a 784-128-10 fully connected network".
_MLP_SIZES = lazy_regex(
    rf"\b(?:layer\s+(?:sizes|widths)|sizes\s+of\s+(?:the\s+)?layers|units\s+per\s+layer)"
    rf"\s*(?:of|are|:|=)?\s*(?:\(|\[)?(?P<sizes>{_SIZE_LIST})"
    rf"|\blayers\s+of\s+(?P<widths>{_SIZE_LIST})\s+(?:units|neurons|nodes)\b"
    rf"|\b(?:MLP|network|net)\s+(?:of\s+|with\s+)?(?P<arrows>\d+(?:\s*(?:->|\N{{RIGHTWARDS ARROW}})"
    r"\s*\d+){2,})"
    rf"|(?<![\w.,])(?P<chain>\d+(?:\s*(?:->|\N{{RIGHTWARDS ARROW}}|-|\N{{EN DASH}})\s*\d+){{2,}})"
    r"\s+(?:(?:fully[- ]connected|dense|Keras)\s+)?(?:MLP|network|net|perceptron)\b",
    re.IGNORECASE,
)


_DENSE_CONTEXT = lazy_regex(
    r"\b(?:MLP|perceptron|dense|fully[- ]connected|Linear|units|neurons)\b", re.I
)


def mlp_totals(document: LintDocument, prose: str) -> Iterator[Finding]:
    """The total count of a plain MLP whose layer sizes are all listed: the sum over its
    layers of n·m + m."""
    question = document.question
    if question is None:
        return
    scope = (question[0], len(prose))
    sizes = [match for match in _MLP_SIZES.finditer(prose, *scope)]
    if len(sizes) != 1 or not _DENSE_CONTEXT.search(prose, *scope):
        return
    if OTHER_LAYERS.search(prose, *scope) or any(find("kernel", prose, *scope)):
        return
    widths = [
        int(n) for n in re.findall(r"\d+", next(group for group in sizes[0].groups() if group))
    ]
    pairs = list(itertools.pairwise(widths))
    right = sum(dense_parameters(n, m, True) for n, m in pairs)
    weights = sum(dense_parameters(n, m, False) for n, m in pairs)
    start = answer_start(prose, question[1])
    for total in answer_totals(document, start, len(prose)):
        stated = stated_count(prose, total)
        if stated is None:
            continue
        value, unit = stated
        allowed = {right, weights} if total.mode == "weights" else {right}
        if any(abs(option - value) <= unit // 2 for option in allowed):
            continue
        terms = " + ".join(f"({n} {TIMES} {m} + {m})" for n, m in pairs)
        yield Finding(
            total.start,
            total.end,
            f"dense layers of {', '.join(map(str, widths))} units have {terms} = {right:,} "
            f"parameters, not {total.text}: correct the count",
        )


_SHAPE_COLUMN = lazy_regex(r"\boutput\b|\bshape\b")
_LAYER_TYPE = lazy_regex(
    r"\(\s*`?(?P<type>[A-Za-z]\w*)`?\s*\)|^[`*_]*(?P<bare>[A-Z][A-Za-z]*\d?D?)\b"
)


def summary_table_counts(document: LintDocument, prose: str) -> Iterator[Finding]:
    """A ``model.summary()`` written as a Markdown table (layer, output shape, parameters):
    each Dense row takes the previous row's last dimension as its inputs."""
    for table in tables(prose, document.body_offset, len(prose)):
        params, shape = table.column(PARAMETER_COLUMN), table.column(_SHAPE_COLUMN)
        if params is None or shape is None or params == shape or 0 in (params, shape):
            continue
        rows = table.rows
        complete = [len(row) > max(params, shape) for row in rows]
        kinds = [
            _row_layer(row[0].text) if whole else ""
            for row, whole in zip(rows, complete, strict=True)
        ]
        widths = [
            _last_dimension(row[shape].text) if whole else None
            for row, whole in zip(rows, complete, strict=True)
        ]
        note = document.text[document.body_offset :]
        previous = first_input(prose[document.body_offset :], kinds, widths, note)
        layouts = gru_layouts(note)  # a summary's GRU rows: the code's reset_after
        for position, row in enumerate(rows):
            width = widths[position]
            if complete[position]:
                bias_free = may_lack_bias(note, kinds[position + 1 : position + 2])
                finding = _summary_row(
                    row[params], kinds[position], (previous, width), (bias_free, layouts)
                )
                if finding is not None:
                    yield finding
            previous = width


def _row_layer(text: str) -> str:
    kind = _LAYER_TYPE.search(text)
    return (kind.group("type") or kind.group("bare")) if kind is not None else ""


def _last_dimension(text: str) -> int | None:
    """ "(None, 128)" -> 128; "(None, 7, 7, 64)" -> 64."""
    parts = [part.strip(" `*_()[]") for part in text.split(",")]
    last = parts[-1].replace("\u202f", "") if parts else ""
    return int(last) if last.isdigit() and len(parts) >= 2 else None


def _summary_row(
    cell: Cell,
    kind: str,
    sizes: tuple[int | None, int | None],
    settings: tuple[bool, frozenset[bool]],
) -> Finding | None:
    stated = parse_total(cell.text.strip("`*_ "))
    if stated is None or stated[1] != 1:
        return None
    wrong = row_problem(kind, sizes[0], sizes[1], stated[0], *settings)
    if wrong is None:
        return None
    return Finding(cell.start, cell.end, f"{wrong}, not {cell.text.strip()}: correct the count")


# A 1-D convolution item ("- Conv1D(128, 5), valid, stride 1: 96 positions x 128") and the
# length it ends with: positions (or steps) by channels, after the item's last colon.
_CONV_1D = lazy_regex(r"\bConv1[dD]\b|\b1-?D\s+conv", re.IGNORECASE)
_ITEM_LENGTH = lazy_regex(
    r":[ \t]*[*_`]*(?P<length>\d{1,3}(?:,\d{3})+|\d+)[ \t]*"
    r"(?:(?:positions|steps|time[ \t]?steps|tokens|outputs)[ \t]*)?"
    r"[\N{MULTIPLICATION SIGN}xX*][ \t]*(?P<width>\d+)[ \t]*"
    r"(?:channels|filters|features|dim\w*)?[*_`]*[ \t.]*$"
)
_SEQUENCE_LENGTH = lazy_regex(
    r"\b(?:padded|truncated|cut)\s+to\s+(?P<length>\d+)\s+(?:tokens|steps|time\s*steps|words)\b",
    re.IGNORECASE,
)


def branch_lengths(document: LintDocument, prose: str) -> Iterator[Finding]:
    """1-D convolutions listed one per item, each ending in the length it outputs: an item
    takes either the previous item's length (a chain) or the input the first one took
    (parallel branches on one sequence, as in a text CNN); a length that neither gives is
    wrong."""
    shared = _question_length(document, prose)
    previous: int | None = shared
    listing = False
    for start, end in layer_blocks(document):
        if not LIST_ITEM.match(prose, start):
            if listing:  # the list ended: the question's length was the list's
                previous, shared = None, None
            continue
        listing = True
        line_end = prose.find("\n", start, end)
        tail = _ITEM_LENGTH.search(prose, start, line_end if line_end >= 0 else end)
        if tail is None:
            previous = None
            continue
        length = int(tail.group("length").replace(",", ""))
        if not _CONV_1D.search(prose, start, tail.start()):
            previous = length  # an embedding or another layer: what the next item takes
            shared = length if shared is None or not POOL.search(prose, start, end) else shared
            continue
        finding = _branch_finding(prose, (start, tail.start()), tail, previous, shared)
        if finding is not None:
            yield finding
            previous = None
        else:
            previous = length


def _question_length(document: LintDocument, prose: str) -> int | None:
    question = document.question
    if question is None:
        return None
    lengths = {int(m.group("length")) for m in _SEQUENCE_LENGTH.finditer(prose, *question)}
    return lengths.pop() if len(lengths) == 1 else None


def _branch_finding(
    prose: str,
    layer: tuple[int, int],
    tail: re.Match[str],
    previous: int | None,
    shared: int | None,
) -> Finding | None:
    kernel = distinct(list(find("kernel", prose, *layer)))
    if kernel is None or len(kernel.values) != 1:
        return None
    strides = [q for q in find("stride", prose, *layer)]
    pads = list(find("padding", prose, *layer)) + [
        Quantity(
            "padding",
            *m.span(),
            (0,) if m.group("mode").lower() != "same" else (),
            m.group("mode").lower(),
        )
        for m in _PADDING_WORDS.finditer(prose, *layer)
    ]
    if len({q.values for q in strides}) > 1 or len({(q.values, q.mode) for q in pads}) > 1:
        return None
    stride = strides[0].values[0] if strides else None
    same = bool(pads) and pads[0].mode == "same"
    padding = pads[0].values[0] if pads and pads[0].values else None
    claimed = int(tail.group("length").replace(",", ""))
    inputs = [size for size in (previous, shared) if size is not None]
    axes = [Axis(size, kernel.values[0], stride, padding, 1, same) for size in inputs]
    allowed = [allowed_outputs(axis) for axis in axes]
    if not axes or any(not options or claimed in options for options in allowed):
        return None
    axis = axes[-1]  # the input every branch takes
    unstated = (
        "" if stride is not None and (same or padding is not None) else " (settings not stated)"
    )
    return Finding(
        tail.start("length"),
        tail.end("length"),
        f"a kernel of {axis.kernel} on the sequence's {axis.size} positions gives "
        f"{explain_output(axis)}{unstated}, not {claimed}: correct the output length",
    )


_PADDING_WORDS = lazy_regex(r"(?<![\w\"'])(?P<mode>valid|same)(?![\w\"'])", re.IGNORECASE)
