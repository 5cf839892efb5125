"""The notations of a stage walk, read into ``walks.Stage`` (issue #12): a thin front end per
notation over the one checker in ``walks``.

* lines (list items, numbered steps, plain lines) that state one layer's settings, an arrow,
  then the size it gives: "3. SparseConv3d k=3, s=2, p=(0, 1, 1) → [6, 200, 176]",
  "- maxpool: 3 x 3, stride 2, padding 1 → 55 x 55 x 64", "conv2: `Conv1d(d, d, 3, stride=2,
  padding=1)` → `(3000 + 2 - 3) // 2 + 1` = 1500 frames"; consecutive lines are one walk, the
  first taking the note's one stated input ("Input: 41 x 1600 x 1408", "(224 x 224 input)");
* a table with an input and an output column, each row one layer (its own settings cell or
  call) or one axis of the note's one layer ("| D, H, W | 96 | 48 |"); a row of channels or
  the batch is no spatial size.

The settings of a line are its layer call (PyTorch, Keras, spconv, Flax argument names) or its
words: "k=3", "kernel 3", "3 x 3", "k=(3, 1, 1)", "s=2", "s2", "stride 2", "p=1", "p1",
"padding 1", "same", "valid", "no padding", "d=2", "dilation 2". A line that describes more
than one layer ("two 3x3 convs", "each", "blocks", "halve it") is no stage and ends the walk.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ankigen.diagnostics import Severity
from ankigen.lint.arith.tables import Table, tables
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker.note_lines import body_lines
from ankigen.lint.linker.walk_code import code_transitions
from ankigen.lint.linker.walk_prose import prose_transitions
from ankigen.lint.linker.walk_shapes import shape_transitions
from ankigen.lint.linker.walk_tables import role_table_transitions
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

_ARROW = lazy_regex(r"\s(?:->|→|=>|⇒|⟶)\s")
_VALUE = (
    r"(?:\(\s*\d+(?:\s*,\s*\d+){0,2}\s*\)|\[\s*\d+(?:\s*,\s*\d+){0,2}\s*\]"
    r"|\d+(?:\s*[\u00d7xX]\s*\d+){1,2}(?![\d.])|\d+)"
)
_KERNEL = lazy_regex(
    rf"\b(?:k|kernel(?:[ _]size)?|window|pool_size)\s*(?:=|:)?\s*(?P<v>{_VALUE})(?![\d.])", re.I
)
_SQUARE = lazy_regex(
    r"(?<![\w.,])(?P<k>\d|1[01])\s*[\u00d7xX]\s*(?P=k)(?:\s*[\u00d7xX]\s*(?P=k))?(?![\d.]|\s*[\u00d7xX]\s*\d)"
)
_STRIDE = lazy_regex(
    rf"\b(?:strides?\s*(?:=|:)?\s*|s\s*=\s*|s(?=\d))(?P<v>{_VALUE})(?![\d.])", re.I
)
_PADDING = lazy_regex(
    rf"\b(?:padding\s*(?:=|:)?\s*|pad\s*(?:=|:)?\s*|p\s*=\s*|p(?=\d))(?P<v>{_VALUE})(?![\d.])",
    re.I,
)
_DILATION = lazy_regex(rf"\b(?:dilation\s*(?:=|:)?\s*|d\s*=\s*)(?P<v>{_VALUE})(?![\d.])", re.I)
_OUTPUT_PADDING = lazy_regex(rf"\boutput[_ ]padding\s*(?:=|:)?\s*(?P<v>{_VALUE})", re.I)
_SAME = lazy_regex(
    r"padding\s*(?:=|:)?\s*[`'\"]*same\b|[`'\"]same[`'\"]|\bsame[- ]padd|(?-i:\bSAME\b)", re.I
)
_VALID = lazy_regex(
    r"padding\s*(?:=|:)?\s*[`'\"]*valid\b|[`'\"]valid[`'\"]|\bvalid[- ](?:padd|conv)|"
    r"(?-i:\bVALID\b)|\b(?:no|without)\s+padding\b|\bunpadded\b",
    re.I,
)
# a stride written after the kernel: "3x3/2"
_GLUED_STRIDE = lazy_regex(r"\s*/\s*(?P<v>\d)\b")
_TRANSPOSED = lazy_regex(r"transpos|deconv|\bup-?conv", re.I)
_POOLING = lazy_regex(r"pool", re.I)
_CONVOLUTION = lazy_regex(r"conv", re.I)
_CEIL_MODE = lazy_regex(r"\bceil[_ ]mode\b(?!\s*=\s*False)", re.I)
# Words of a line that is no single layer (a stack, a block, a rule for several layers), or
# a layer whose size the formulas do not give.
_NOT_ONE = lazy_regex(
    r"\b(?:two|three|four|twice|each|every|all|blocks?|stages?|repeat\w*|residual|bottleneck|"
    r"halve\w*|keeps?|adaptive\w*|global|upsampl\w*|interpolat\w*|flatten\w*|dense|linear|"
    r"groups?|if|would|could|instead|or|then|followed)\b|\bx\s?\d\b|\u00d7\s?\d+\s+(?:blocks|layers)"
    r"|\s\+\s",
    re.I,
)
_CALL = lazy_regex(
    r"(?P<name>\b(?:nn\.|layers\.|spconv\.)?(?:SparseConv[123]d|SubMConv[123]d|"
    r"ConvTranspose[123]d|Conv[123]DTranspose|Conv[123][dD]|Conv|MaxPool[123]d|AvgPool[123]d|"
    r"MaxPooling[123]D|AveragePooling[123]D))\s*\("
)
# A size: a bracketed shape (a batch letter or "None" first), "55 x 55 x 64", or one number.
_SIZE = lazy_regex(
    r"[\[(]\s*(?P<tuple>(?:(?:[A-Za-z_]\w*|None)\s*,\s*)?\d+(?:\s*,\s*\d+){0,4})\s*[\])]"
    r"|(?<![\w.,])(?P<dims>\d{1,5}(?:\s*[\u00d7xX*]\s*\d{1,5}){1,3})(?![\w.]|,\d)"
    r"|(?<![\w.,/])(?P<one>\d{1,5})(?![\w.]|,\d|\s*[\u00d7xX*/%]|\s*[-+])"
)
# What may follow a single number that is a length: nothing, punctuation or an axis word.
_LENGTH_AFTER = lazy_regex(r"\s*(?:$|[.;,)]|frames?\b|positions?\b|pixels?\b|px\b|samples?\b)")
_INPUT = lazy_regex(r"\binput\b|\bin:|_shape\s*=", re.I)
_IN_HEADER = lazy_regex(r"(?:in|input)(?:\s+(?:size|shape|length))?(?:\s*\(.*\))?")
_OUT_HEADER = lazy_regex(r"(?:out|output)(?:\s+(?:size|shape|length))?(?:\s*\(.*\))?")
_NO_SPATIAL_ROW = lazy_regex(
    r"c|ch|channels?|filters?|features?|batch|n|b|depth \(channels\)", re.I
)


def walk_findings(
    document: LintDocument, reported: set[int], right: Sequence[tuple[int, int]]
) -> Iterator[Finding]:
    """A finding for each wrong transition of every walk in the note, on a line no reader
    reported and for a size no other reading found right."""
    for transition in document.memo("linker.walks", lambda: tuple(_transitions(document))):
        stage = transition.stage
        if {stage.line, stage.line - 1} & reported:
            continue
        if any(a < stage.end and stage.start < b for a, b in right):
            continue
        reported.add(stage.line)
        yield Finding(
            stage.start,
            stage.end,
            _message(transition),
            severity=None if transition.sure else Severity.WARNING,
        )


def _message(transition: Transition) -> str:
    claimed = _shown(transition.stage.output)
    source = _shown(transition.input)
    gives = f" (it gives {_shown(transition.expected)})"
    return (
        f"the layer's stated settings on a {source} input do not give the output size {claimed}"
        f"{gives}: correct the output size"
    )


def _shown(size: tuple[int, ...]) -> str:
    return " \N{MULTIPLICATION SIGN} ".join(str(value) for value in size)


def _transitions(document: LintDocument) -> Iterator[Transition]:
    lines = body_lines(document)
    for walk, first, sure in _line_walks(lines):
        yield from wrong_transitions(walk, first, sure)
    yield from _table_transitions(document, lines)
    read = [
        t for t in tables(document.prose, document.body_offset, len(document.text)) if _in_out(t)
    ]
    yield from role_table_transitions(document, read)
    yield from code_transitions(document, _code_calls(document))
    yield from prose_transitions(document, stated_layer)
    yield from shape_transitions(document, stated_layer, stated_layers)


def _code_calls(document: LintDocument) -> list[tuple[int, int, Layer]]:
    """The note's layer calls (file span and layer) when every call states one layer, the
    same one, and it stands in code; else none."""
    found = []
    for call in _CALL.finditer(document.text, document.body_offset):
        layer = _call_layer(document.text, call)
        source = _balanced(document.text, call.end() - 1)
        if layer is None or source is None:
            return []
        found.append((call.start(), call.end() - 1 + len(source), layer))
    if len({layer for _, _, layer in found}) != 1:
        return []
    return found


def _line_walks(
    lines: Sequence[tuple[int, int, str]],
) -> Iterator[tuple[list[Stage], tuple[int, ...] | None, bool]]:
    """Runs of consecutive stage lines; the first may take the note's one input stated before
    it (a later run follows something that is no stage, whose size is not known)."""
    walk: list[Stage] = []
    inputs: list[tuple[int, ...]] = []
    first = True
    for line, offset, text in [*lines, (0, 0, "")]:
        stage = _line_stage(line, offset, text) if text.strip() else None
        if stage is not None:
            walk.append(stage)
            continue
        if walk:
            one = first and len(inputs) == 1
            yield walk, (inputs[0] if one else None), one
            walk, first = [], False
        elif _ARROW.search(text) and _sizes(text):
            first = False  # a step this reader does not read: its size is not the input's
        if text and _INPUT.search(text) and "|" not in text:
            sizes = [size for size, _, _ in _sizes(text)]
            if len(sizes) == 1:
                inputs.append(sizes[0])


def _line_stage(line: int, offset: int, text: str) -> Stage | None:
    arrows = list(_ARROW.finditer(text))
    if len(arrows) != 1:
        return None
    settings, after = text[: arrows[0].start()], text[arrows[0].end() :]
    if _NOT_ONE.search(settings) or "|" in text:
        return None
    layer = stated_layer(settings)
    if layer is None:
        return None
    claim_from = after.rfind("=") + 1
    sizes = _sizes(after[claim_from:])
    if len(sizes) != 1 and not (sizes and "=" in after):
        return None
    size, start, end = sizes[-1]
    at = arrows[0].end() + claim_from
    return Stage(layer, size, offset + at + start, offset + at + end, line)


def _sizes(text: str) -> list[tuple[tuple[int, ...], int, int]]:
    found = []
    for match in _SIZE.finditer(text):
        if match["tuple"]:
            values = [v.strip() for v in match["tuple"].split(",")]
            size = tuple(int(v) for v in values if v.isdigit())
        elif match["dims"]:
            size = tuple(int(v) for v in re.split(r"\s*[\u00d7xX*]\s*", match["dims"]))
        else:
            if not _LENGTH_AFTER.match(text, match.end()):
                continue
            size = (int(match["one"]),)
        found.append((size, match.start(), match.end()))
    return found


def stated_layer(text: str) -> Layer | None:
    """The one layer a line states (its call or its settings words), or ``None``."""
    call = _CALL.search(text)
    layer = _call_layer(text, call) if call is not None else None
    if layer is not None:
        return layer
    kind = _kind(text)
    square = _SQUARE.search(text)
    kernel_match = _KERNEL.search(text)
    kernel = _values(kernel_match["v"]) if kernel_match else None
    rank = None
    stride = _setting(_STRIDE, text)
    if kernel is None and square is not None:
        kernel = (int(square["k"]),)
        rank = len(_values(square.group()))
        glued = _GLUED_STRIDE.match(text, square.end())
        stride = stride or (_values(glued["v"]) if glued else None)
    if kernel is None or kind is None:
        return None
    if len(kernel) > 1:
        rank = len(kernel)
    return Layer(
        kind,
        kernel,
        stride,
        stated_padding(text),
        _setting(_DILATION, text) or (1,),
        _setting(_OUTPUT_PADDING, text),
        rank,
        bool(_CEIL_MODE.search(text)),
    )


def _kind(text: str) -> str | None:
    if _TRANSPOSED.search(text):
        return TRANSPOSED
    if _POOLING.search(text):
        return POOL
    return CONV if _CONVOLUTION.search(text) else None


def stated_padding(text: str) -> tuple[int, ...] | None:
    """The padding a line states: a number per axis, "same" or "valid"."""
    padding = _setting(_PADDING, text)
    if padding is None and _SAME.search(text):
        return (SAME,)
    if padding is None and _VALID.search(text):
        return (0,)
    return padding


def line_settings(text: str, layer: Layer) -> Layer:
    """``layer`` with the settings a line states for itself ("With padding='valid': ...",
    "With k = 3 and output_padding = 1: ...") in place of the note's."""
    kernel = _KERNEL.search(text)
    both = bool(_SAME.search(text) and _VALID.search(text))  # two conventions: either
    return replace(
        layer,
        kind=_kind(text) or layer.kind,
        kernel=_values(kernel["v"]) if kernel else layer.kernel,
        stride=_setting(_STRIDE, text) or layer.stride,
        padding=None if both else stated_padding(text) or layer.padding,
        dilation=_setting(_DILATION, text) or layer.dilation,
        output_padding=_setting(_OUTPUT_PADDING, text) or layer.output_padding,
    )


def _setting(pattern: re.Pattern[str], text: str) -> tuple[int, ...] | None:
    found = [_values(match["v"]) for match in pattern.finditer(text)]
    distinct = set(found)
    return found[0] if len(distinct) == 1 else None


def _values(text: str) -> tuple[int, ...]:
    return tuple(int(value) for value in re.findall(r"\d+", text))


_TORCH = {
    CONV: ("in", "out", "kernel_size", "stride", "padding", "dilation"),
    TRANSPOSED: ("in", "out", "kernel_size", "stride", "padding", "output_padding"),
    POOL: ("kernel_size", "stride", "padding", "dilation"),
}
_KERAS = {
    CONV: ("filters", "kernel_size", "strides", "padding"),
    TRANSPOSED: ("filters", "kernel_size", "strides", "padding"),
    POOL: ("pool_size", "strides", "padding"),
}
_NAMES = {
    "kernel_size": "kernel",
    "pool_size": "kernel",
    "stride": "stride",
    "strides": "stride",
    "padding": "padding",
    "dilation": "dilation",
    "dilation_rate": "dilation",
    "kernel_dilation": "dilation",
    "output_padding": "output_padding",
}


def _call_layer(text: str, call: re.Match[str]) -> Layer | None:
    """The layer a call sets up, with its library's defaults (a name left as a name: none)."""
    name = call["name"].split(".")[-1]
    source = _balanced(text, call.end() - 1)
    if source is None:
        return None
    try:
        node = ast.parse("f" + source, mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(node, ast.Call):
        return None
    kind = TRANSPOSED if "Transpose" in name else POOL if "Pool" in name else CONV
    keras = name.endswith("D") or name.endswith("DTranspose")
    flax = name == "Conv"
    order = ("features",) if flax else (_KERAS if keras else _TORCH)[kind]
    arguments: dict[str, object] = {}
    for index, argument in enumerate(node.args):
        if index >= len(order):
            return None
        arguments[order[index]] = _literal(argument)
    for keyword in node.keywords:
        if keyword.arg is None:
            return None
        arguments[keyword.arg] = _literal(keyword.value)
    settings: dict[str, tuple[int, ...] | None] = {}
    for key, value in arguments.items():
        if key in _NAMES:
            settings[_NAMES[key]] = _axes(value)
            if settings[_NAMES[key]] is None and not (key == "padding" and isinstance(value, str)):
                return None  # a setting left as a name
    kernel = settings.get("kernel")
    if kernel is None:
        if not (keras and kind == POOL):
            return None
        kernel = (2,)
    digits = re.sub(r"\D", "", name)
    rank = int(digits) if digits else (len(kernel) if len(kernel) > 1 else None)
    # (Flax's default padding is "SAME", Keras' "valid", PyTorch's 0)
    padding_value = arguments.get("padding", "same" if flax else "valid" if keras else 0)
    if isinstance(padding_value, str):
        if padding_value.lower() not in ("same", "valid"):
            return None
        padding: tuple[int, ...] | None = (SAME,) if padding_value.lower() == "same" else (0,)
    else:
        padding = _axes(padding_value)
    if padding is None:
        return None
    output_padding = settings.get("output_padding", (0,)) if not keras else (0,)
    return Layer(
        kind,
        kernel,
        settings.get("stride"),
        padding,
        settings.get("dilation") or (1,),
        output_padding,
        rank,
        arguments.get("ceil_mode") is True,
        # a pooling call rounds down unless it says ceil_mode=True (PyTorch's default, and
        # Keras' "valid"; its "same" is the padding above)
        kind == POOL and arguments.get("ceil_mode") is not True,
    )


def _balanced(text: str, opening: int) -> str | None:
    depth = 0
    for index in range(opening, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return text[opening : index + 1]
    return None


def _literal(node: ast.expr) -> object:
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return None


def _axes(value: object) -> tuple[int, ...] | None:
    """Per-axis integers of a setting: 3, (3, 1, 1), Flax's ((2, 2), (2, 2)) pads per side."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value,)
    if isinstance(value, (tuple, list)) and value:
        if all(isinstance(item, int) and not isinstance(item, bool) for item in value):
            return tuple(int(item) for item in value)
        if all(
            isinstance(item, (tuple, list)) and len(item) == 2 and item[0] == item[1]
            for item in value
        ):
            return tuple(int(item[0]) for item in value)
    return None


def _table_transitions(
    document: LintDocument, lines: Sequence[tuple[int, int, str]]
) -> Iterator[Transition]:
    """Tables with an input and an output column: each row one layer, or one axis of the
    note's one layer."""
    for table in tables(document.prose, document.body_offset, len(document.text)):
        if not _in_out(table):
            continue
        ins = [i for i, header in enumerate(table.header) if _IN_HEADER.fullmatch(header)]
        outs = [i for i, header in enumerate(table.header) if _OUT_HEADER.fullmatch(header)]
        first_row = table.rows[0][0].start if table.rows and table.rows[0] else 0
        last_row = table.rows[-1][-1].end if table.rows and table.rows[-1] else 0
        noted = _note_layer(lines, first_row, last_row)
        stages = []
        for row in table.rows:
            if len(row) <= max(ins[0], outs[0]):
                continue
            others = " ".join(
                cell.text for index, cell in enumerate(row) if index not in (ins[0], outs[0])
            )
            label = row[0].text.strip("` *").lower() if 0 not in (ins[0], outs[0]) else ""
            if _NO_SPATIAL_ROW.fullmatch(label) or _NOT_ONE.search(others):
                continue
            own = stated_layer(others)
            layer = own or noted
            source, claim = _sizes(row[ins[0]].text), _sizes(row[outs[0]].text)
            if layer is None or len(source) != 1 or len(claim) != 1:
                continue
            cell = row[outs[0]]
            stages.append(
                Stage(
                    layer,
                    claim[0][0],
                    cell.start + claim[0][1],
                    cell.start + claim[0][2],
                    document.position(cell.start)[0],
                    input=source[0][0],
                )
            )
        for stage in stages:
            yield from wrong_transitions([stage], None)


def _in_out(table: Table) -> bool:
    """Whether a table has one input and one output column (this module reads it)."""
    ins = [header for header in table.header if _IN_HEADER.fullmatch(header)]
    outs = [header for header in table.header if _OUT_HEADER.fullmatch(header)]
    return len(ins) == 1 and len(outs) == 1


def _note_layer(lines: Sequence[tuple[int, int, str]], start: int, end: int) -> Layer | None:
    """The note's one layer outside a table: every line that states a layer states the same."""
    found: set[Layer | None] = set()
    for _, offset, text in lines:
        if not start <= offset <= end and "|" not in text:
            found |= stated_layers(text)
    return note_layer(found)


def stated_layers(text: str) -> set[Layer | None]:
    """Every layer a line states: each call (``None`` for a call the reader cannot set up,
    which leaves the note's layer open) or else its words."""
    calls = list(_CALL.finditer(text))
    if len(calls) > 1:
        return {_call_layer(text, call) for call in calls} | {None}
    layer = stated_layer(text)
    return {layer} if layer is not None else set()


def note_layer(found: set[Layer | None]) -> Layer | None:
    """The layer when a note states one (``None`` in ``found``: a layer not read)."""
    return next(iter(found)) if len(found) == 1 else None
