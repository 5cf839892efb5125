"""AG103 on tables of layers, one layer per row: each row's setting is read from its own cells
(a kernel, stride, padding or dilation column, or the words of its layer cell, "3x3 depthwise
conv, stride 2") and from the table's header ("Layer (all 3x3, padding 1)"); its input is the
row above's output (both the stated one and what the row above should have given, so that one
wrong row gives one finding) or, for the first row, the input the note states before the table.
A table whose rows name no layer lists alternatives for one input: each row takes that input.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ankigen.lint.arith.tables import Cell, Table, tables
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.setting_judge import (
    _axis_outputs,
    _explained,
    _Layer,
    _layer,
    _role_of_size,
)
from ankigen.lint.rules.layers.setting_reader import (
    SIZE,
    TUPLE,
    Setting,
    Stated,
    note_view,
    read_prose,
    values_of,
)

_OUTPUT_HEADER = lazy_regex(
    r"output|after|result|feature[- ]?map|\bmap\b|\bsize\b|shape|resolution"
    # a length's symbol with its subscript: "L_out", "$T_{out}$" (the view may blank the "_")
    r"|^\W*[lt][ _]?\{?out\b",
    re.I,
)
_NOT_OUTPUT = lazy_regex(r"param|channel|filters|depth|#|count|flops|receptive|input", re.I)
_INPUT_HEADER = lazy_regex(r"input|before", re.I)
# A column of one quantity: its header opens with the quantity's name ("Kernel size", "Stride").
_ROLE_HEADERS = (
    # (a column headed "pool" alone holds the pooling window)
    (
        "kernel",
        lazy_regex(r"^\W*(?:kernel|window|filter\s*size|pool\s*size|k\b|pool(?:ing)?\W*$)", re.I),
    ),
    ("stride", lazy_regex(r"^\W*(?:stride|s\b)", re.I)),
    ("padding", lazy_regex(r"^\W*(?:padd?ing|p\b)", re.I)),
    ("dilation", lazy_regex(r"^\W*(?:dilation|d\b)", re.I)),
)
_LAYER_WORD = lazy_regex(r"conv|pool|depthwise|separable|transpose|sub-?sampl|stem", re.I)
_CELL_VALUE = lazy_regex(rf"(?P<v>{TUPLE}|{SIZE}|\d+)")
_HEADER_SIZE = lazy_regex(rf"(?P<v>{SIZE})")


def _header_setting(table: Table, output: int) -> list[Stated]:
    """What the header states for every row: a size in a layer column's header is the kernel
    ("Layer (all 3x3, padding 1)"), and "padding 1", "stride 2" count as written."""
    stated: list[Stated] = []
    for index, name in enumerate(table.header):
        if index == output or any(pattern.search(name) for _, pattern in _ROLE_HEADERS):
            continue
        holder = Setting()
        read_prose(name, 0, len(name), holder)
        settings = ("stride", "padding", "dilation", "kernel")
        stated += [
            Stated(item.role, item.values, -1, -1)
            for item in holder.stated
            if item.role in settings
        ]
        if not holder.of("kernel"):
            for match in _HEADER_SIZE.finditer(name):
                stated.append(Stated("kernel", values_of(match.group("v")), -1, -1))
    return stated


def _spatial_only(claim: Stated, layer: _Layer) -> bool:
    """Whether a claim is spatial sizes only ("15x15"), so that a right verdict covers it all."""
    dims = layer.dims or (len(layer.kernel) if layer.kernel and len(layer.kernel) > 1 else 2)
    return isinstance(claim.values, tuple) and len(claim.values) == dims


def _columns(table: Table) -> tuple[int | None, int | None, dict[int, str]]:
    outputs = [
        index
        for index, name in enumerate(table.header)
        if _OUTPUT_HEADER.search(name)
        and not _NOT_OUTPUT.search(name)
        and not any(pattern.search(name) for _, pattern in _ROLE_HEADERS)
    ]
    inputs = [index for index, name in enumerate(table.header) if _INPUT_HEADER.search(name)]
    roles: dict[int, str] = {}
    for index, name in enumerate(table.header):
        for role, pattern in _ROLE_HEADERS:
            if pattern.search(name) and index not in outputs:
                roles[index] = role
                break
    output = outputs[0] if len(outputs) == 1 else None
    source = inputs[0] if len(inputs) == 1 and inputs[0] != output else None
    return output, source, roles


def _row_setting(
    view: str, row: Sequence[Cell], output: int, roles: dict[int, str], common: list[Stated]
) -> tuple[Setting, bool]:
    """The row's setting and whether its cells name a layer."""
    setting = Setting()
    names_layer = False
    for index, cell in enumerate(row):
        if index == output:
            continue
        role = roles.get(index)
        if role is None:
            read_prose(view, cell.start, cell.end, setting)
            names_layer = names_layer or bool(_LAYER_WORD.search(cell.text))
            continue
        text = cell.text.lower()
        if role == "padding" and text.strip("`'\" ") in ("same", "valid", "none"):
            word = "same" if "same" in text else "valid"
            setting.stated.append(Stated("padding", word, cell.start, cell.end))
            continue
        match = _CELL_VALUE.search(view, cell.start, cell.end)
        if match:
            setting.stated.append(Stated(role, values_of(match.group("v")), *match.span()))
    setting.stated = [item for item in setting.stated if item.role != "size"]
    for item in common:
        if not setting.of(item.role):
            setting.stated.append(item)
    return setting, names_layer


def _note_input(document: LintDocument, view: str, before: int) -> list[Stated]:
    body = document.body_offset
    found = []
    for match in _HEADER_SIZE.finditer(view, body, before):
        item = Stated("size", values_of(match.group("v")), *match.span())
        if _role_of_size(view, item, body) == "input":
            found.append(item)
    if not found:
        # a 1-D input the heading or the set-up names by its length: "a 100-step sequence"
        found = [
            Stated("count", (int(match["v"].replace(",", "")),), *match.span("v"))
            for match in _LENGTH_INPUT.finditer(view, body, before)
        ]
    return found if len({item.values for item in found}) == 1 else []


# A sequence's length stated as its input: "on a 100-step click sequence", "over 256 events".
_LENGTH_INPUT = lazy_regex(
    r"\b(?:on|over)\s+(?:an?\s+|the\s+)?(?:last\s+)?(?P<v>\d{1,3}(?:,\d{3})+|\d+)[- ]"
    r"(?:time[- ]?)?(?:steps?|events?|samples?|frames?|tokens?|positions?)\b",
    re.I,
)


def _computed(layer_setting: Setting, source: Stated, claim: Stated) -> Stated | None:
    """What the row should have given from ``source``, as a size, when all its axes are spatial."""
    layer = _layer(layer_setting)
    if layer is None or not isinstance(source.values, tuple):
        return None
    if not isinstance(claim.values, tuple) or len(source.values) != len(claim.values):
        return None
    dims = len(source.values)
    values = []
    for axis, n in enumerate(source.values):
        found = _axis_outputs(layer, n, axis, dims)
        if not found or len(found) != 1:
            return None
        values.append(next(iter(found)))
    return Stated("size", tuple(values), claim.start, claim.end)


def _before_table(
    view: str, body: int, table_start: int, table: Table, roles: dict[int, str]
) -> Setting:
    """What the note states before a table whose rows name no layer: its one kind, its one
    padding and ceil mode ("MaxPool1D output lengths on a 100-step sequence (padding="valid")"); a
    kernel column headed "pool" names the kind too."""
    found = Setting()
    read_prose(view, body, max(body, table_start), found)
    kept = Setting()
    if len(found.kinds) == 1:
        kept.kinds = set(found.kinds)
    if any(role == "kernel" and _POOL_HEADER.search(table.header[i]) for i, role in roles.items()):
        kept.kinds = {"pool"}
    for role in ("padding", "ceil"):
        items = found.of(role)
        if items and len({item.values for item in items}) == 1:
            kept.stated.append(items[0])
    libraries = set(found.libraries) | {
        "keras" if match["keras"] else "torch"
        for match in _CLASS_NAME.finditer(view, body, max(body, table_start))
    }
    kept.libraries = libraries if len(libraries) == 1 else set()
    return kept


# A layer named by its class without a call: Keras' "MaxPool1D", PyTorch's "MaxPool1d" (the
# library sets the rounding: Keras and PyTorch without ceil_mode floor a pooling's size).
_CLASS_NAME = lazy_regex(
    r"\b(?:(?P<keras>(?:MaxPool(?:ing)?|AveragePooling|Conv)[123]D)|"
    r"(?:MaxPool|AvgPool|Conv)[123]d)\b(?!\s*\()"
)


_POOL_HEADER = lazy_regex(r"pool", re.I)


def _take_note_setting(setting: Setting, before: Setting) -> None:
    """A row that names no layer takes the kind, padding, ceil mode and library the note
    states once."""
    setting.kinds |= before.kinds
    for role in ("padding", "ceil"):
        if not setting.of(role):
            setting.stated += before.of(role)
    if not setting.libraries:
        setting.libraries |= before.libraries


def table_judgements(document: LintDocument) -> tuple[list[tuple[int, int]], list[Finding]]:
    """The claims of table rows this reading found right (its layer and input fully read),
    and its findings: the other table readings leave those rows to it."""
    verified: list[tuple[int, int]] = []
    findings: list[Finding] = []
    view = note_view(document)
    for table in tables(view, document.body_offset, len(view)):
        right, found = _judge_table(document, view, table)
        verified += right
        findings += found
    return verified, findings


_NETWORK = lazy_regex(r"\b(?:network|net|CNN|model|encoder|decoder|backbone|stem|stack\w*)\b", re.I)


def _judge_table(
    document: LintDocument, view: str, table: Table
) -> tuple[list[tuple[int, int]], list[Finding]]:
    right: list[tuple[int, int]] = []
    reported: list[Finding] = []
    output, source_column, roles = _columns(table)
    if output is None or not table.rows:
        return [], []
    first = table.rows[0]
    table_start = view.rfind("\n", 0, view.rfind("\n", 0, first[0].start))
    note_input = _note_input(document, view, max(table_start, document.body_offset))
    common = _header_setting(table, output)
    chained = any(_LAYER_WORD.search(" ".join(c.text for c in row)) for row in table.rows)
    inputs: list[Stated] = list(note_input)
    # a network's table, or one that starts from an "Input" row, is a chain of layers;
    # otherwise its rows may also be alternatives on the note's one input
    chain_only = any("input" in row[0].text.lower() for row in table.rows) or bool(
        _NETWORK.search(view, document.body_offset, table.rows[0][0].start)
    )
    before = _before_table(view, document.body_offset, table_start, table, roles)
    for row in table.rows:
        if len(row) != len(table.header):
            inputs = []
            continue
        cell = row[output]
        match = _CELL_VALUE.search(view, cell.start, cell.end)
        if match is None:
            inputs = []
            continue
        claim = Stated("size", values_of(match.group("v")), *match.span())
        if source_column is not None:
            given = _CELL_VALUE.search(view, row[source_column].start, row[source_column].end)
            row_inputs = (
                [Stated("size", values_of(given.group("v")), *given.span())] if given else []
            )
        else:
            # the rows may also be alternatives on the note's one input ("these layers on
            # a 32x32 input"): either reading explains a row
            row_inputs = (
                (inputs if chain_only else [*inputs, *note_input]) if chained else list(note_input)
            )
        if len(claim.values) == 1 and any(source.role == "count" for source in row_inputs):
            claim = Stated("count", claim.values, claim.start, claim.end)  # a length
        setting, names_layer = _row_setting(view, row, output, roles, common)
        if not names_layer and not setting.kinds:
            _take_note_setting(setting, before)
        layer = _layer(setting)
        if "input" in row[0].text.lower() and not setting.of("kernel"):
            inputs = [claim]  # an "Input" row states the first layer's input
            continue
        verdicts = {
            _explained(layer, source, claim, document.text, equal_judged=True)[0]
            for source in row_inputs
            if layer is not None and len(source.values) == len(claim.values)
        }
        if True in verdicts and layer is not None and _spatial_only(claim, layer):
            right.append((claim.start, claim.end))
        if False in verdicts and True not in verdicts and None not in verdicts:
            shown = _explained(layer, row_inputs[0], claim, document.text)[1] if layer else ""
            reported.append(
                Finding(
                    claim.start,
                    claim.end,
                    f"this row's layer does not give {match.group('v')}: it gives {shown} (a "
                    "row's layer is read from its cells and takes the row above's output)",
                )
            )
        computed = [
            found
            for source in row_inputs
            if (found := _computed(setting, source, claim)) is not None
        ]
        inputs = [claim, *computed] if names_layer or not chained else [claim]
    return right, reported
