"""AG103 for a walk through a network's stages, one row or list item per layer, each stating
its own settings and the size it outputs.

    | layer | config          | out     |        - conv1 (3x3, s1, p1): 512x512
    | conv1 | 3x3, s1, p1     | 512x512 |        - pool1 (2x2, s2): 256x256
    | conv3 | 3x3, s2, p1     | 126x126 |        - conv3 (3x3, s2, p1): 126x126

Authors write these walks in many ways (tests/fixtures/rules/AG103.stages17.yml): a table with
a settings column ("3x3, s2, p1", "5x5, stride 1, padding 0", a layer call ``Conv2d(32, 64, 3,
stride=2)``), a table with one column per setting, or a list whose items name the layer, its
settings, then the size after a colon or an arrow. Each row is one layer: a convolution or a
pooling (its words or its call say which), its kernel (a square "3x3", "k=3", the kernel
column, the call's ``kernel_size``), its stride ("s2", "stride 2", "/2", default: 1 for a
convolution, the window for a pooling) and its padding ("p1", "same", "valid"; unstated: none,
k // 2 or (k - 1) // 2, or "same"). Its input is the size its row states as input, else the
size the row above claims (one wrong row, one finding), else for the first row a size the note
states before the walk. A claim is reported only when no convention gives it: floor, ceil for a
pooling (Caffe rounds up), every padding the row leaves open. A row that is no single layer (a
block, a stage, a repeated or residual unit, a transposed or upsampling layer, anything
global, adaptive, flattened or fully connected) ends the walk; a row of an activation,
normalisation or dropout keeps the size; a hedged row is left alone.

A row that names only its layer takes the settings the note states once for its kind ("All
convolutions are 5x5, stride 1, no padding; subsampling is 2x2 with stride 2"; LeNet's C1/S2
names where both kinds are set up). A stage or block row that states only its stride ("- conv5_x
(s=2): 7x7x512") is a stack of padded layers: it gives n / s rounded down or up (never in a
note whose layers do not pad). A table with one row per axis ("| frames | 16 | 1 | 16 |") is
judged under the note's one layer call, with the stride its row states. The note's stated input
is a candidate input of every row (a table may vary one layer's settings on one input), but the
walk goes on only from the rows' own sizes. A header cell that states settings ("| Layer (5x5,
padding 2) | Stride | Map |") holds for every row, and a row's own stride or padding overrides
the settings stated once for its kind.

Under the convolution (and pooling) the note sets up once, two more forms are walks (U-Net,
tests/fixtures/rules/AG103.chains17.yml): list items of sizes joined by arrows, each arrow one
convolution unless a word names the step's layer ("- 140 -> 138 -> 136 -> pool -> 68"), and a
table with a column per step ("| level | input | after two convs | after pooling |"), each
column applying its header's layer as many times as it says to the column before it. A line of
sizes joined by arrows under the note's one list of layers in order ("conv 3x3/2 V, conv 3x3 S,
pool 3x3/2 V", V for valid, S for same) is a walk when it has one size per listed layer after
its input.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from ankigen.lint import stage_trace
from ankigen.lint.arith.tables import Cell, Table, tables
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern
from ankigen.lint.rules.layers.scope import layer_prose
from ankigen.lint.rules.layers.worked_instances import Layer, call_layer

# A spatial size: "512", "512x512", "56 x 56 x 64", "512 \times 512", or a shape tuple.
_CROSS = r"(?:\s*(?:[xX\N{MULTIPLICATION SIGN}*]|\\times)\s*)"
_SIZE = lazy_regex(
    rf"(?<![\w.,/=])(?P<dims>\d{{1,5}}(?:{_CROSS}\d{{1,5}}){{0,2}})(?![\w%]|[.,]\d)"
    r"|\((?P<tuple>\s*(?:N|None|B|\d+)(?:\s*,\s*\d+){1,4}\s*)\)"
)
_ANY_CALL = lazy_regex(
    r"\b(?P<name>Conv[123][dD]|MaxPool[123]d|AvgPool[123]d|MaxPooling[123]D|"
    r"AveragePooling[123]D)\s*\("
)
_CALL = lazy_regex(
    r"\b(?P<name>Conv[12][dD]|MaxPool[12]d|AvgPool[12]d|MaxPooling[12]D|AveragePooling[12]D)\s*\("
)
# A layer's own name in a row that names no kind: "layer3", "c4", "block_2" (not "s2", "p1").
_ROW_NAME = lazy_regex(r"\b(?![spkd]\d+\b)[A-Za-z]{1,10}[_-]?\d{1,2}[a-z]?\b")
_AXES_NAMED = lazy_regex(
    r"\b(?:W\s*[xX\N{MULTIPLICATION SIGN}]\s*H|H\s*[xX\N{MULTIPLICATION SIGN}]\s*W)\b"
)
_SQUARE = lazy_regex(rf"(?<![\w.])(?P<k>\d{{1,2}}){_CROSS}(?P=k)(?![\d.]|{_CROSS}\d)")
# (a kernel's letter may stand glued to its value, as "s2" and "p1" do: "k3 s2 p1")
_KERNEL = lazy_regex(
    r"\b(?:(?:kernel(?:[ _]size)?|window|pool_size)\s*(?:=|:|of)?|k\s*[=:]|k(?=\d))\s*"
    r"(?P<v>\d{1,2})\b",
    re.I,
)
_STRIDE = lazy_regex(r"\b(?:strides?|s)\s*(?:=|:)?\s*(?P<v>\d)\b|(?<=\d)/(?P<w>\d)\b", re.I)
_GLUED_STRIDE = lazy_regex(rf"\d{_CROSS}\d{{1,2}}/\d\b")
_PADDING = lazy_regex(r"\b(?:padding|pad|p)\s*(?:=|:)?\s*(?P<v>\d)\b", re.I)
_SAME = lazy_regex(r"\bsame\b", re.I)
_VALID = lazy_regex(r"\bvalid\b|\b(?:no|without)\s+padding\b|\bunpadded\b", re.I)
_DILATION = lazy_regex(r"dilat|atrous|groups?\b", re.I)
# A row's one dilation value: "dilation 2", "dilation=2", "dilated by 2", "d=2".
# An atrous rate is a dilation too ("rate 2", "atrous rate 2" in a conv's row; DeepLab's word).
_DILATION_VALUE = lazy_regex(
    r"\bdilat\w*(?:\s+(?:rate|of|by))?\s*[=:]?\s*(?P<v>\d)\b|\bd\s*=\s*(?P<w>\d)\b"
    r"|(?<!dropout )(?<!learning )\b(?:atrous\s+)?rate\s*[=:]?\s*(?P<r>\d)\b(?![.,]\d)",
    re.I,
)
# A row whose pooling rounds up on its own ("ceil_mode=True", "ceil mode"): no floor reading.
_CEIL_MODE = lazy_regex(r"\bceil[_ ]mode\b(?!\s*=\s*False)", re.I)
# A framework's pooling class (a call or its name in a row): its default rounds down.
_FRAMEWORK_POOL = lazy_regex(
    r"\b(?:MaxPool|AvgPool)[123]d\b|\b(?:MaxPooling|AveragePooling)[123]D\b"
)
# A transposed convolution, whose output grows: (n - 1)·s - 2p + k + output padding.
_TRANSPOSED = lazy_regex(r"\btranspose\w*|\bdeconv\w*|\bConvTranspose", re.I)
_OUTPUT_PADDING = lazy_regex(r"\boutput[_ ]padding\s*[=:]?\s*(?P<v>\d)\b", re.I)
_POOL = lazy_regex(r"pool|sub-?sampl", re.I)
_CONV = lazy_regex(r"conv", re.I)
# Rows that keep the size.
_KEEPS = lazy_regex(
    r"^\W*(?:relu|gelu|silu|tanh|sigmoid|activation|batch\s*norm\w*|bn|layer\s*norm|dropout)\W*$",
    re.I,
)
# Rows that are no single conv/pool layer: the walk ends there.
_NOT_ONE_LAYER = lazy_regex(
    r"\b(?:blocks?|stages?|levels?|units?|bottleneck|residual|inception|dense|linear|fc\d*|"
    r"fully|flatten\w*|global\w*|adaptive\w*|transpose\w*|upsampl\w*|deconv\w*|unpool\w*|"
    r"concat\w*|attention|lstm|gru|rnn|embedding|patch\w*|repeat\w*|two|three|twice)\b"
    r"|[x\N{MULTIPLICATION SIGN}]\s*\d+\s*$|_x\b|\bconv\d_x",
    re.I,
)
_HEDGED = lazy_regex(
    r"\b(?:about|roughly|approx\w*|around|nearly|almost|e\.g|if|would|wrong\w*|mistak\w*|not)\b"
    r"|~|\N{ALMOST EQUAL TO}|\\approx",
    re.I,
)
# (a symbol's subscript counts as a word of its own: "L_out", "H_{out}", "n_in")
_OUT_HEADER = lazy_regex(
    r"(?<![^\W_])(?:out\w*|size|shape|result|after|length|map|"
    r"h\s*[x\N{MULTIPLICATION SIGN}]\s*w)\b"
    # a length column headed by its bare symbol: "| layer | k / s / p | L |"
    r"|^\s*[*_]*[lt][*_]*\s*$",
    re.I,
)
_COUNT_HEADER = lazy_regex(
    r"param|weight|count|flops|macs?\b|memory|bytes|#|mult|ops\b|time|latency", re.I
)
_IN_HEADER = lazy_regex(r"(?<![^\W_])(?:in|input)(?![^\W_])", re.I)
_KERNEL_HEADER = lazy_regex(r"\b(?:kernel|filter\s+size|window|k)\b", re.I)
_STRIDE_HEADER = lazy_regex(r"\b(?:stride|s)\b", re.I)
_PADDING_HEADER = lazy_regex(r"\b(?:padding|pad|p)\b", re.I)
# A list item: label and settings, then the size after a colon or an arrow.
_ITEM = lazy_regex(
    r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?P<head>[^\n]*?)\s*"
    r"(?P<sep>:|->|\N{RIGHTWARDS ARROW}|=>)\s*[*_`]*(?P<size>[^\n]*\d[^\n]*)$",
    re.M,
)
_CROSS_ONLY = lazy_regex(rf"{_CROSS}")
# The input a walk starts from, stated before it: "on 512x512 input", "input 32x32".
_INPUT_WORDS = lazy_regex(
    r"\b(?:input|image|tile|img[-_ ]size|resolution|picture|grid|volume|voxel)s?\b", re.I
)
# A note about volumes: a size of three values is depth, height and width, not HxWxC.
_VOLUMES = GatedPattern(r"\b3-?D\b|\bvox\w*|\bvolum\w*|\b\w*(?:Conv|Pool)3[dD]\b", re.I)
# An item naming one of the note's code layers by its place: "conv #2", "pool 1", "conv2".
_CODE_REFERENCE = lazy_regex(r"\b(?P<kind>conv|pool)\w*\s*(?:#|no\.\s*)?(?P<n>[1-9])\b", re.I)
_MAX_KERNEL = 11
_DIGIT = lazy_regex(r"\d")
_AFTER_HEADER = lazy_regex(r"\bafter\s+(?:the\s+)?(?P<count>two|three|2|3)?\b", re.I)
_REPEATS = {"two": 2, "2": 2, "three": 3, "3": 3}
_STAGE = lazy_regex(r"\b(?:stages?|blocks?|conv\d_x|layer\d|res\d)\b|_x\b", re.I)
# a row of several layers: "two 3x3 convs", "x3"
_MANY = lazy_regex(
    r"\b(?:two|three|four|twice|thrice)\b|[x\N{MULTIPLICATION SIGN}]\s*\d+\s*$|\(\s*\d+\s*blocks?",
    re.I,
)
_UNPADDED = GatedPattern(r"\b(?:no|without)\s+padding\b|\bunpadded\b|\bvalid\b", re.I)
_LENET_NAME = lazy_regex(r"^\W*(?P<kind>[CS])\d+\b")
# (a comma before another layer's window also ends one: "valid 3x3 convs, 2x2 max-pool")
_CLAUSE = lazy_regex(
    r"[.;!?](?:\s|$)|\n|,?\s+then\b"
    r"|,(?=[ \t]*\d+[ \t]*[x\N{MULTIPLICATION SIGN}][ \t]*\d+[ \t]*(?:max|avg|average|mean)?"
    r"[ \t-]*(?:pool|conv))"
)
_TABLE_OR_ITEM = lazy_regex(r"^[ \t]*(?:\||[-*+][ \t]|\d+[.)][ \t]).*$", re.M)
# A note that says how its sizes round: down (floor) or up (ceil mode, Caffe).
_FLOORS = GatedPattern(r"\bround(?:s|ed|ing)?\s+down\b|\bfloor(?:s|ed)?\b|\N{LEFT FLOOR}", re.I)
_CEILS = lazy_regex(r"\bround(?:s|ed|ing)?\s+up\b|\bceil|\N{LEFT CEILING}|\bcaffe\b", re.I)
# A note that says its layers pad: a call without its padding may follow it.
_PADS = GatedPattern(r"\bsame\b|\bpadd(?:ing|ed)\b(?!\s*=)", re.I)


@dataclass(frozen=True)
class _Layer:
    kernel: int
    stride: int
    paddings: tuple[int | str, ...]
    pooling: bool
    stage: bool = False  # a stage of padded layers that strides by ``stride`` overall
    repeat: int = 1  # "after two convs": the layer applied this many times
    floor_only: bool = False  # a pooling of a note that says its sizes round down
    # (kernel, stride) of each axis, for a layer set per axis ("k=(1,2), s=(1,2)")
    per_axis: tuple[tuple[int, int], ...] = ()
    unnamed: bool = False  # a row that names no kind, judged as either (floor or ceil)
    ceil_only: bool = False  # a pooling whose row sets ceil mode
    dilation: int = 1
    transposed: bool = False
    output_padding: int = 0


@dataclass(frozen=True)
class _Context:
    """What the note states once for every row: that its layers pad, that none pads, and
    the settings of its convolutions and of its poolings ("all convolutions are 5x5, stride 1,
    no padding; subsampling is 2x2 with stride 2")."""

    pads: bool
    unpadded: bool
    defaults: dict[str, _Layer]
    floors: bool  # the note says its poolings round down, and never up
    # the note's one layer, whose axes a table may list row by row ("| frames | 16 | 1 | 16 |")
    call: Layer | None = None
    # the note names its two spatial axes ("(WxH)", "H x W"): a size of two unequal values
    # is a map's width and height, not a length and its channels
    axes_named: bool = False


@dataclass(frozen=True)
class _Row:
    label: str  # every text of the row but its output (and its input)
    settings: _Layer | None
    kind: str  # "layer", "keep", "stop"
    output: tuple[int, ...] | None  # spatial sizes claimed
    out_span: tuple[int, int]
    given_input: tuple[int, ...] | None
    # a row of the code's layers in order ("after conv #2"): fed by the row above only
    chained: bool = False


def stage_walk_findings(document: LintDocument) -> Iterator[Finding]:
    """Rows of a stage walk whose stated output their layer does not give from the row above."""
    for judged in stage_walk_judgements(document):
        if isinstance(judged, Finding):
            yield judged


def stage_walk_judgements(document: LintDocument) -> Iterator[Finding | tuple[int, int]]:
    """Every judged row of the note's walks: a finding, or the span of an output its layer
    gives from the row above (a size the walk explains, which a one-layer reading of the
    note, blind to the row above, must not report)."""
    prose = layer_prose(document)
    body = document.body_offset
    walks = [
        *_table_walks(_with_setting_code(document, _with_header_symbols(document, prose)), body),
        *_list_walks(_with_tuple_settings(document, prose), body, _code_layers(document)),
        *_arrow_walks(_with_setting_code(document, prose), body),
        *_zipped_walks(prose, body),
    ]
    for rows, start in walks:
        yield from _walk(prose, body, rows, start)


# An inline code span that only sets keywords ("Both convs use `kernel_size=3, padding=1`") or
# is one conv or pooling call ("two `Conv2D(256, 3, strides=2, padding='valid')`").
_SETTING_CODE = lazy_regex(
    r"`(?P<code>[ \t]*[a-z_]+[ \t]*=[ \t]*[\w'\"]+(?:[ \t]*,[ \t]*[a-z_]+[ \t]*=[ \t]*[\w'\"]+)*"
    r"[ \t]*"
    r"|[ \t]*(?:(?:nn|layers)\.)?(?:Conv|MaxPool|AvgPool|MaxPooling|AveragePooling)[123][dD]"
    r"\([^`()\n]*\)[ \t]*)`"
)


def _with_setting_code(document: LintDocument, prose: str) -> str:
    """The prose view with code spans that only set keywords put back as text (same length):
    they state the settings of the layers a table then lists by name."""
    if "`" not in document.text:
        return prose
    pieces, last = [], 0
    for match in _SETTING_CODE.finditer(document.text, document.body_offset):
        start, end = match.span()
        pieces += [prose[last:start], " ", match["code"], " "]
        last = end
    return "".join([*pieces, prose[last:]]) if pieces else prose


# A table cell that holds one symbol in inline math names its column: "| $k$ | $L_{out}$ |".
_CELL_SYMBOL = lazy_regex(
    r"(?<=\|)[ \t]*\$(?P<symbol>[A-Za-z](?:_\{?(?:\\(?:text|mathrm)\{)?[A-Za-z]+\}*)?)\$"
    r"[ \t]*(?=\|)"
)


def _with_header_symbols(document: LintDocument, prose: str) -> str:
    """The prose view with the symbols that name table columns put back (same length)."""
    if "$" not in document.text:
        return prose
    for match in _CELL_SYMBOL.finditer(document.text, document.body_offset):
        symbol = re.sub(r"\\(?:text|mathrm)|[{}]", "", match["symbol"])
        start, end = match.span()
        prose = prose[:start] + f" {symbol}".ljust(end - start) + prose[end:]
    return prose


# Inline math that sets a symbol to a tuple: "$k=(1,2)$", "$s = (1, 2)$".
_TUPLE_SETTING = lazy_regex(r"\$(?P<v>\s*[A-Za-z]\s*=\s*\(\s*\d+(?:\s*,\s*\d+)+\s*\)\s*)\$")


def _with_tuple_settings(document: LintDocument, prose: str) -> str:
    """The prose view with settings written per axis in inline math put back (same length)."""
    if "$" not in document.text:
        return prose
    for match in _TUPLE_SETTING.finditer(document.text, document.body_offset):
        start, end = match.span()
        prose = prose[:start] + f" {match['v']}".ljust(end - start) + prose[end:]
    return prose


def _walk(
    prose: str, body: int, rows: Sequence[_Row], start: int
) -> Iterator[Finding | tuple[int, int]]:
    layered = [row for row in rows if row.kind == "layer" and row.settings is not None]
    if len(layered) < 2:
        return  # one layer is the phrase readings' to judge; a walk has several
    stated = _stated_input(prose, body, start)
    inputs = {stated} if stated is not None else set()
    # what the row above claims, and what its layer gives: one mistake, one finding
    previous = set(inputs)
    for index, row in enumerate(rows):
        if row.kind == "stop" and index == 0 and _INPUT_ROW.fullmatch(row.label.strip("|`*_: ")):
            # "- input: $500 \times 20$" (length x one-hot channels): an input the walk cannot
            # read as sizes starts it without one, as if the item were left out
            continue
        if row.kind == "stop":
            return
        # the note's input too: a table of rows may vary one layer's settings on one input
        given = {row.given_input} if row.given_input is not None else previous | inputs
        if row.chained and row.given_input is None and previous:
            given = set(previous)
        if row.kind == "keep" or row.settings is None:
            previous = {row.output} if row.output else (given if row.kind == "keep" else set())
            continue
        if row.output is None:
            previous = set()
            continue
        layer = row.settings
        gives = {
            tuple(sorted(_outputs(n, layer, i))[0] for i, n in enumerate(size))
            for size in given
            if len(size) == len(row.output)
            and all(_outputs(n, layer, i) for i, n in enumerate(size))
        }
        explained = any(
            len(size) == len(row.output)
            and all(
                c in _outputs(n, layer, i)
                for i, (c, n) in enumerate(zip(row.output, size, strict=True))
            )
            for size in given
        )
        if _settles(prose, row, given if row.given_input is not None else previous or inputs):
            yield row.out_span
        if gives and not explained and not _HEDGED.search(row.label):
            source = "its input" if row.given_input is not None else "the size before it"
            above = previous if row.given_input is None and previous else given
            # (shown from the row above where it has a size: the note's input may be another)
            size = sorted(
                [s for s in above if len(s) == len(row.output)]
                or [s for s in above | given if len(s) == len(row.output)]
            )[0]
            wanted = "x".join(
                "/".join(map(str, sorted(_outputs(n, layer, i)))) for i, n in enumerate(size)
            )
            yield Finding(
                *row.out_span,
                f"this row's layer ({_describe(layer)}) gives {wanted} from "
                f"{'x'.join(map(str, size))}, {source}, not "
                f"{prose[row.out_span[0] : row.out_span[1]]}: correct the output size",
            )
        # (the note's input is a candidate of this row only: a walk goes on from the row)
        above = {row.given_input} if row.given_input is not None else previous
        previous = {row.output} | {
            tuple(min(_outputs(n, layer, i)) for i, n in enumerate(size))
            for size in above
            if len(size) == len(row.output)
            and all(_outputs(n, layer, i) for i, n in enumerate(size))
        }


_INPUT_ROW = lazy_regex(r"(?:the\s+)?(?:input|inputs)", re.I)


def _settles(prose: str, row: _Row, above: set[tuple[int, ...]]) -> bool:
    """Whether a row's output is settled by the walk for every reader: its layer, with its one
    padding, gives it from the size right above (not only from the note's input), and the size
    is written without channels (which the walk does not judge)."""
    layer, output = row.settings, row.output
    if layer is None or output is None:
        return False
    # (a stride written after its kernel, "11x11/4", only the walk reads: the one-layer
    # readings, blind to it, must not judge the size the row's layer gives with one padding)
    if len(layer.paddings) != 1 and not _GLUED_STRIDE.search(row.label):
        return False
    if len(re.findall(r"\d+", prose[row.out_span[0] : row.out_span[1]])) != len(output):
        return False
    return any(
        len(size) == len(output)
        and all(
            c in _outputs(n, layer, i) for i, (c, n) in enumerate(zip(output, size, strict=True))
        )
        for size in above
    )


def _outputs(n: int, layer: _Layer, axis: int = -1) -> set[int]:
    stage_trace.note_setup(stage_trace.CONV)
    if layer.per_axis:
        if not 0 <= axis < len(layer.per_axis):
            return set()
        kernel, stride = layer.per_axis[axis]
        layer = replace(layer, kernel=kernel, stride=stride, per_axis=())
    sizes = {n}
    for _ in range(layer.repeat):
        sizes = {out for size in sizes for out in _once(size, layer)}
    return sizes


def _once(n: int, layer: _Layer) -> set[int]:
    if layer.stage:
        return {n // layer.stride, -(-n // layer.stride)}
    found: set[int] = set()
    if layer.transposed:
        for padding in layer.paddings:
            if padding == "same":
                found.add(n * layer.stride)
            else:
                grown = (n - 1) * layer.stride - 2 * int(padding) + layer.kernel
                found.add(grown + layer.output_padding)
        return found
    reach = layer.dilation * (layer.kernel - 1) + 1
    for padding in layer.paddings:
        if padding == "same":
            found.add(-(-n // layer.stride))
            continue
        span = n + 2 * int(padding) - reach
        if span < 0:
            continue
        if not layer.ceil_only:
            found.add(span // layer.stride + 1)
        if layer.pooling and not layer.floor_only:
            ceil = -(-span // layer.stride) + 1
            found.add(ceil)
            if layer.ceil_only and (ceil - 1) * layer.stride >= n + int(padding):
                found.add(ceil - 1)  # PyTorch drops a last window that starts in the padding
    return found


def _describe(layer: _Layer) -> str:
    if layer.per_axis:
        kind = "pooling" if layer.pooling else "conv"
        kernel = "x".join(str(k) for k, _ in layer.per_axis)
        stride = "x".join(str(s) for _, s in layer.per_axis)
        return f"{kind} {kernel}, stride {stride}, padding 0"
    if layer.stage:
        return f"a stage with stride {layer.stride}"
    padding = layer.paddings[0] if len(layer.paddings) == 1 else "unstated"
    kind = "layer" if layer.unnamed else "pooling" if layer.pooling else "conv"
    if layer.transposed:
        kind = "transposed conv"
    extra = f", dilation {layer.dilation}" if layer.dilation != 1 else ""
    extra += ", ceil mode" if layer.ceil_only else ""
    return f"{kind} {layer.kernel}x{layer.kernel}, stride {layer.stride}, padding {padding}{extra}"


# ----------------------------------------------------------------------------- sizes


def _spatial(
    written: re.Match[str], axes_named: bool = False, volumes: bool = False
) -> tuple[int, ...] | None:
    """The spatial sizes of a size or shape: HxW or HxWxC, (N, C, H, W), (None, H, W, C); an
    unequal HxW only where the note names its two axes (``axes_named``); DxHxW in a note
    about volumes (``volumes``: 3-D layers, voxels)."""
    if written["tuple"] is not None:
        parts = [part.strip() for part in written["tuple"].split(",")]
        if not parts[0].isdigit():
            parts = parts[1:]  # the batch axis: "N", "None", "B"
        values = tuple(int(part) for part in parts)
        if len(values) == 3 and values[1] == values[2]:
            return values[1:]  # (C, H, W)
        if len(values) == 3 and values[0] == values[1]:
            return values[:2]  # (H, W, C)
        return None  # flattened, or axes that cannot be told apart
    values = tuple(int(v) for v in re.findall(r"\d+", written["dims"]))
    if len(values) == 3 and volumes:
        return values
    if len(values) == 3:
        return values[:2] if values[0] == values[1] else None
    if len(values) == 2:
        return values if values[0] == values[1] or axes_named else None
    return values


def _stated_input(prose: str, body: int, start: int) -> tuple[int, ...] | None:
    """The size the note states as its input before the walk (the last such, square)."""
    before = prose[body:start]
    volumes = _VOLUMES.search(prose, body) is not None
    candidates = []
    for match in _SIZE.finditer(before):
        around = before[max(0, match.start() - 40) : match.end() + 25]
        if _INPUT_WORDS.search(around) and match["dims"] is not None:
            spatial = _spatial(match, volumes=volumes)
            if spatial is not None and max(spatial) > _MAX_KERNEL:
                candidates.append(spatial)
    return candidates[-1] if candidates else None


# ----------------------------------------------------------------------------- layers


def _layer(text: str, note_pads: bool) -> _Layer | None:
    """The one conv or pooling layer a row's text states, with its settings."""
    dilation = 1
    # (a dilation written as its symbol alone, "d = 2", is one too)
    if _DILATION.search(text) or _DILATION_VALUE.search(text):
        values = list(_DILATION_VALUE.finditer(text))
        dilations = {int(m["v"] or m["w"] or m["r"]) for m in values}
        # ("atrous" with no rate read, or groups, is a setting the walk cannot apply)
        atrous = re.search(r"atrous", text, re.I) and not any(m["r"] for m in values)
        if len(dilations) != 1 or atrous or re.search(r"groups?\b", text, re.I) or 0 in dilations:
            return None  # a dilation named but not read would be taken as none
        dilation = dilations.pop()
        text = _DILATION_VALUE.sub(lambda m: " " * len(m.group(0)), text)
    layer = _plain_layer(text, note_pads)
    if layer is None:
        return None
    if dilation != 1:
        if layer.pooling or layer.per_axis:
            return None
        layer = replace(layer, dilation=dilation)
    if layer.pooling and _CEIL_MODE.search(text):
        layer = replace(layer, ceil_only=True)
    elif layer.pooling and _FRAMEWORK_POOL.search(text):
        layer = replace(layer, floor_only=True)  # PyTorch's and Keras' poolings round down
    return layer


def _plain_layer(text: str, note_pads: bool) -> _Layer | None:
    calls = list(_CALL.finditer(text))
    if len(calls) > 1:
        return None
    if calls:
        return _call(text, calls[0], note_pads)
    pooling = _POOL.search(text) is not None
    unnamed = False
    if pooling and _CONV.search(text):
        return None  # both: no one layer
    if not pooling and not _CONV.search(text):
        # no kind named: a row that states its stride and padding ("layer3 | 3x3 s2 p1") is
        # one layer whichever it is, judged leniently as a pooling (floor or ceil)
        if not (_STRIDE.search(text) and _PADDING.search(text) and _ROW_NAME.search(text)):
            return None  # (a row of bare settings is an alternative on one input, no layer)
        unnamed = True
    per_axis = _per_axis_layer(text, pooling)
    if per_axis is not None:
        return per_axis
    squares = {int(m["k"]) for m in _SQUARE.finditer(text)}
    squares |= {int(m["v"]) for m in _KERNEL.finditer(text)}
    if len(squares) != 1:
        return None
    kernel = squares.pop()
    strides = {int(m["v"] or m["w"]) for m in _STRIDE.finditer(text)}
    if len(strides) > 1 or not 1 <= kernel <= _MAX_KERNEL or strides & {0}:
        return None
    stride = strides.pop() if strides else (kernel if pooling else 1)
    paddings_stated = {int(m["v"]) for m in _PADDING.finditer(text)}
    paddings: tuple[int | str, ...]
    if len(paddings_stated) > 1:
        return None
    if paddings_stated:
        paddings = (paddings_stated.pop(),)
    elif _SAME.search(text):
        paddings = ("same",)
    elif _VALID.search(text) or pooling:
        paddings = (0,)
    else:
        paddings = (0, kernel // 2, (kernel - 1) // 2, "same")
    return _Layer(kernel, stride, paddings, pooling or unnamed, unnamed=unnamed)


# A kernel or stride written per axis: "k=(1,2)", "kernel (4, 1)", "s=(1, 2)".
_KERNEL_AXES = lazy_regex(
    r"\b(?:k|kernel(?:[ _]size)?)\s*[=:]?\s*\((?P<v>\s*\d{1,2}\s*,\s*\d{1,2}\s*)\)"
)
_STRIDE_AXES = lazy_regex(r"\b(?:s|strides?)\s*[=:]?\s*\((?P<v>\s*\d\s*,\s*\d\s*)\)")


def _per_axis_layer(text: str, pooling: bool) -> _Layer | None:
    """A layer whose kernel differs per axis ("Conv2d k=(4,1), s=1"), unpadded unless its
    text says otherwise; None where the text sets no per-axis kernel."""
    kernels = {tuple(int(v) for v in m["v"].split(",")) for m in _KERNEL_AXES.finditer(text)}
    if len(kernels) != 1:
        return None
    kernel = kernels.pop()
    strides_axes = {tuple(int(v) for v in m["v"].split(",")) for m in _STRIDE_AXES.finditer(text)}
    scalars = {int(m["v"] or m["w"]) for m in _STRIDE.finditer(text)}
    if len(strides_axes) > 1 or (strides_axes and scalars) or len(scalars) > 1 or 0 in scalars:
        return None
    if strides_axes:
        stride = strides_axes.pop()
    elif scalars:
        stride = (scalars.pop(),) * len(kernel)
    else:
        stride = kernel if pooling else (1,) * len(kernel)
    if len(stride) != len(kernel) or _SAME.search(text):
        return None
    if re.search(r"\bpad", text, re.I) and not _VALID.search(text):
        return None  # a per-axis padding is not read: left to the note's other readers
    axes = tuple(zip(kernel, stride, strict=True))
    return _Layer(max(kernel), max(stride), (0,), pooling, per_axis=axes)


def _closing(text: str, open_at: int) -> int | None:
    depth = 0
    for index in range(open_at, min(len(text), open_at + 400)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return None


def _parsed_call(text: str, match: re.Match[str]) -> tuple[ast.Call, int] | None:
    """The layer call ``match`` opens, parsed, and the offset of its closing bracket."""
    close = _closing(text, match.end() - 1)
    if close is None:
        return None
    try:
        node = ast.parse(match["name"] + text[match.end() - 1 : close + 1], mode="eval").body
    except SyntaxError:
        return None
    return (node, close) if isinstance(node, ast.Call) else None


def _call(text: str, match: re.Match[str], note_pads: bool) -> _Layer | None:
    parsed = _parsed_call(text, match)
    if parsed is None:
        return None
    node, close = parsed
    layer = call_layer(match["name"], node)
    if layer is None or len(set(layer.kernels)) != 1 or len(set(layer.strides)) != 1:
        return None
    if any(d != 1 for d in layer.dilations) or len(set(layer.paddings)) != 1:
        return None
    paddings: tuple[int | str, ...] = (layer.paddings[0],)
    keras = match["name"].endswith("D")
    padding_at = (2 if layer.pooling else 3) if keras else (2 if layer.pooling else 4)
    if "padding" not in text[match.end() : close] and len(node.args) <= padding_at:
        # the library's default, unless the note says its layers pad ("same" padding stated
        # once for every call)
        kernel = layer.kernels[0]
        if note_pads:
            paddings = (*paddings, "same", kernel // 2, (kernel - 1) // 2)
    return _Layer(layer.kernels[0], layer.strides[0], paddings, layer.pooling)


def _row(
    label: str,
    output: tuple[tuple[int, ...] | None, tuple[int, int]] | None,
    given: tuple[int, ...] | None,
    settings_text: str,
    context: _Context,
) -> _Row:
    kind = "layer"
    settings = None
    if _KEEPS.match(label.strip("|` ")):
        kind = "keep"
    elif output is None or output[0] is None:
        kind = "stop"
    elif (transposed := _transposed_layer(label, settings_text)) is not None:
        settings = transposed
    elif _NOT_ONE_LAYER.search(label):
        kind = "stop"
        stage = _STAGE.search(label)
        strides = {int(m["v"] or m["w"]) for m in _STRIDE.finditer(settings_text)}
        if stage and len(strides) == 1 and not context.unpadded and not _MANY.search(label):
            # "- conv5_x (s=2): 7x7x512": a stage of padded layers strides by its stride
            kind, settings = "layer", _Layer(0, strides.pop(), (0,), False, True)
    if kind == "layer" and settings is None:
        settings = _layer(settings_text, context.pads)
        named = _named_kind(label, context)
        if settings is None and named is not None:
            # a row without its own kernel: the settings the note states once for its kind,
            # with the stride and padding the row states
            settings = _overridden(context.defaults[named], settings_text)
        elif settings is None and given is not None and context.call is not None:
            settings = _axis_layer(context.call, settings_text)
    if (
        settings is not None
        and settings.per_axis
        and not (context.unpadded or _VALID.search(settings_text))
    ):
        settings = None  # a layer set per axis is judged where the note says nothing pads
    if settings is not None and settings.pooling and context.floors:
        settings = replace(settings, floor_only=True)
    if output is None:
        return _Row(label, settings, kind, None, (0, 0), given)
    return _Row(label, settings, kind, output[0], output[1], given)


def _transposed_layer(label: str, text: str) -> _Layer | None:
    """A row of one transposed convolution with its kernel and stride stated ("4x4 transposed
    convolution, stride 2, padding 1"); None for any other row."""
    if not _TRANSPOSED.search(label) or _POOL.search(label):
        return None
    others = [m for m in _NOT_ONE_LAYER.finditer(label) if not _TRANSPOSED.match(m.group(0))]
    if others or _DILATION.search(text) or _DILATION_VALUE.search(text):
        return None
    plain = _TRANSPOSED.sub(lambda m: "conv".ljust(len(m.group(0))), text)
    plain = _OUTPUT_PADDING.sub(lambda m: " " * len(m.group(0)), plain)
    layer = _plain_layer(plain, False)
    extra = {int(m["v"]) for m in _OUTPUT_PADDING.finditer(text)}
    if layer is None or layer.pooling or len(extra) > 1 or not _STRIDE.search(plain):
        return None
    return replace(layer, transposed=True, output_padding=extra.pop() if extra else 0)


def _overridden(layer: _Layer, text: str) -> _Layer | None:
    strides = {int(m["v"] or m["w"]) for m in _STRIDE.finditer(text)}
    paddings = {int(m["v"]) for m in _PADDING.finditer(text)}
    if len(strides) > 1 or len(paddings) > 1 or 0 in strides:
        return None
    if strides:
        layer = replace(layer, stride=strides.pop())
    if paddings:
        layer = replace(layer, paddings=(paddings.pop(),))
    return layer


def _named_kind(label: str, context: _Context) -> str | None:
    """The kind of layer a row's label names: its words, or LeNet's C1/S2 names where the
    note sets up both kinds."""
    pool, conv = _POOL.search(label), _CONV.search(label)
    if pool and not conv:
        kind = "pool"
    elif conv and not pool:
        kind = "conv"
    elif (lenet := _LENET_NAME.match(label)) and {"conv", "pool"} <= set(context.defaults):
        kind = "conv" if lenet["kind"] == "C" else "pool"
    else:
        return None
    return kind if kind in context.defaults else None


def _context(prose: str, body: int) -> _Context:
    found: dict[str, set[_Layer]] = {}
    text = prose[body:]
    pads = _PADS.search(prose, body) is not None
    for clause in _CLAUSE.split(_TABLE_OR_ITEM.sub("\n", text)):
        pool, conv = _POOL.search(clause), _CONV.search(clause)
        # (a 1-D layer's window is set by its label: "both convs use kernel_size=3")
        if bool(pool) == bool(conv) or not (_SQUARE.search(clause) or _KERNEL.search(clause)):
            continue
        kind = "pool" if pool else "conv"
        layer = _layer(f"{kind} {clause}", pads)
        if layer is not None:
            found.setdefault(kind, set()).add(layer)
    # a kind set up once (or several times alike)
    defaults = {kind: layers.pop() for kind, layers in found.items() if len(layers) == 1}
    calls = list(_ANY_CALL.finditer(prose, body))
    call = _call_of(prose, calls[0]) if len(calls) == 1 else None
    floors = bool(_FLOORS.search(prose, body)) and not _CEILS.search(prose, body)
    axes_named = _AXES_NAMED.search(prose, body) is not None
    return _Context(
        pads, _UNPADDED.search(prose, body) is not None, defaults, floors, call, axes_named
    )


def _call_of(text: str, match: re.Match[str]) -> Layer | None:
    parsed = _parsed_call(text, match)
    return call_layer(match["name"], parsed[0]) if parsed is not None else None


def _axis_layer(call: Layer, settings_text: str) -> _Layer | None:
    """The note's one layer on the axis a row lists, with the stride its row states."""
    strides = {int(m["v"]) for m in _STRIDE.finditer(settings_text) if m["v"]}
    if len(set(call.kernels)) != 1 or len(set(call.paddings)) != 1 or len(strides) != 1:
        return None
    if any(d != 1 for d in call.dilations) or 0 in strides:
        return None
    return _Layer(call.kernels[0], strides.pop(), (call.paddings[0],), call.pooling)


# ----------------------------------------------------------------------------- walks


def _cell_size(cell: Cell, axes_named: bool = False) -> tuple[int, ...] | None:
    found = list(_SIZE.finditer(cell.text))
    return _spatial(found[-1], axes_named) if len(found) == 1 else None


def _table_walks(prose: str, body: int) -> Iterator[tuple[list[_Row], int]]:
    context = _context(prose, body)
    for table in tables(prose, body, len(prose)):
        walk = _after_rows(table, context) or _table_rows(table, context)
        if walk:
            yield walk, table.rows[0][0].start


def _table_rows(table: Table, context: _Context) -> list[_Row]:
    header = table.header
    if not table.rows or any(len(row) != len(header) for row in table.rows):
        return []
    counts = {i for i, name in enumerate(header) if _COUNT_HEADER.search(name)}
    outputs = [i for i, name in enumerate(header) if _OUT_HEADER.search(name)]
    inputs = [i for i, name in enumerate(header) if _IN_HEADER.search(name)]
    outputs = [i for i in outputs if i not in inputs]
    if len(outputs) != 1 or len(inputs) > 1:
        return []
    out, given_at = outputs[0], (inputs[0] if inputs else None)
    named = {
        "kernel": _column(header, _KERNEL_HEADER),
        "stride": _column(header, _STRIDE_HEADER),
        "padding": _column(header, _PADDING_HEADER),
    }
    # a header that states settings for every row: "| Layer (5x5, padding 2) | Stride | Map |"
    shared = " ".join(
        name for i, name in enumerate(header) if i not in (out, given_at) and _DIGIT.search(name)
    )
    combined = {i: names for i, name in enumerate(header) if (names := _setting_names(name))}
    rows = []
    for cells in table.rows:
        label = " ".join(
            c.text for i, c in enumerate(cells) if i not in (out, given_at) and i not in counts
        )
        settings = f"{label} {shared}" if shared and not _SQUARE.search(label) else label
        for name, index in named.items():
            if index is not None and re.fullmatch(r"\d{1,2}", cells[index].text):
                settings = f"{settings} {name}={cells[index].text}"
        for index, names in combined.items():
            values = _SETTING_SEPARATOR.split(cells[index].text.strip())
            if len(values) == len(names) and all(re.fullmatch(r"\d{1,2}", v) for v in values):
                settings += "".join(f" {n}={v}" for n, v in zip(names, values, strict=True))
        cell = cells[out]
        found = list(_SIZE.finditer(cell.text))
        output = (
            (
                _spatial(found[-1], context.axes_named),
                (cell.start + found[-1].start(), cell.start + found[-1].end()),
            )
            if len(found) == 1
            else None
        )
        given = _cell_size(cells[given_at], context.axes_named) if given_at is not None else None
        rows.append(_row(label, output, given, settings, context))
    return rows


def _after_rows(table: Table, context: _Context) -> list[_Row]:
    """A table with a column per step of each row ("| level | input | after two convs | after
    pooling |"): each column applies the layer its header names (the note's setting of that
    kind), as many times as it says, to the column before it."""
    steps = []
    for index, name in enumerate(table.header):
        after = _AFTER_HEADER.search(name)
        if after is None:
            continue
        kind = "pool" if _POOL.search(name) else "conv" if _CONV.search(name) else ""
        if kind not in context.defaults:
            return []
        repeat = _REPEATS.get((after["count"] or "").lower(), 1)
        steps.append((index, replace(context.defaults[kind], repeat=repeat)))
    given_at = _column(table.header, _IN_HEADER)
    if len(steps) < 2 or given_at is None or given_at > steps[0][0]:
        return []
    rows: list[_Row] = []
    for cells in table.rows:
        if len(cells) != len(table.header):
            return []
        label = cells[0].text
        given = _cell_size(cells[given_at])
        rows.append(_Row(label, None, "keep", given, (0, 0), given))
        for index, layer in steps:
            cell = cells[index]
            found = list(_SIZE.finditer(cell.text))
            size = _spatial(found[0]) if len(found) == 1 else None
            span = (cell.start + found[0].start(), cell.start + found[0].end()) if found else (0, 0)
            rows.append(_Row(label, layer, "layer", size, span, None))
    return rows


# One header cell for several settings, its cells holding their values in the same order:
# "| k, s, p |" over "| 7, 2, 3 |", "| kernel / stride |" over "| 3 / 2 |".
_SETTING_SEPARATOR = lazy_regex(r"\s*[,/]\s*")
_SETTING_NAMES = (
    ("kernel", _KERNEL_HEADER),
    ("stride", _STRIDE_HEADER),
    ("padding", _PADDING_HEADER),
)


def _setting_names(header: str) -> list[str]:
    """The settings a header cell names in order, when it names two or more and nothing else."""
    names = []
    for part in _SETTING_SEPARATOR.split(header.strip()):
        found = [name for name, pattern in _SETTING_NAMES if pattern.fullmatch(part.strip())]
        if len(found) != 1:
            return []
        names.append(found[0])
    return names if len(names) >= 2 and len(set(names)) == len(names) else []


def _column(header: Sequence[str], pattern: re.Pattern[str]) -> int | None:
    found = [i for i, name in enumerate(header) if pattern.search(name)]
    return found[0] if len(found) == 1 else None


def _code_layers(document: LintDocument) -> dict[str, tuple[_Layer, ...]]:
    """The conv and pooling layers the note's code calls, per kind, in the order written: an
    item "after conv #2" names the second convolution."""
    found: dict[str, list[_Layer]] = {"conv": [], "pool": []}
    for block in document.code_blocks:
        for match in _ANY_CALL.finditer(block.code):
            parsed = _parsed_call(block.code, match)
            layer = call_layer(match["name"], parsed[0]) if parsed is not None else None
            kind = "pool" if "pool" in match["name"].lower() else "conv"
            if (
                layer is None
                or len(set(layer.kernels)) != 1
                or len(set(layer.strides)) != 1
                or len(set(layer.paddings)) != 1
                or any(d != 1 for d in layer.dilations)
            ):
                return {}  # a layer the walk cannot follow: no place is certain
            found[kind].append(
                _Layer(layer.kernels[0], layer.strides[0], (layer.paddings[0],), layer.pooling)
            )
    return {kind: tuple(layers) for kind, layers in found.items() if layers}


def _referenced(label: str, code: dict[str, tuple[_Layer, ...]]) -> _Layer | None:
    """The code layer an item names by its place ("after conv #2"), or None."""
    references = list(_CODE_REFERENCE.finditer(label))
    if len(references) != 1:
        return None
    kind = references[0]["kind"].lower()
    layers = code.get(kind, ())
    place = int(references[0]["n"])
    return layers[place - 1] if place <= len(layers) else None


def _list_walks(
    prose: str, body: int, code: dict[str, tuple[_Layer, ...]] | None = None
) -> Iterator[tuple[list[_Row], int]]:
    context = _context(prose, body)
    volumes = _VOLUMES.search(prose, body) is not None
    rows: list[_Row] = []
    first = 0
    last_end = -1
    for match in _ITEM.finditer(prose, body):
        if rows and prose[last_end : match.start()].strip():
            yield rows, first
            rows = []
        if not rows:
            first = match.start()
        last_end = match.end() + 1
        head = match["head"]
        if _KERNEL_AXES.search(head):
            # a layer set per axis claims a size per axis: "100 x 20" is no channel count
            claim = _item_claim(match, square=False)
            rows.append(_row(head, claim, None, head, context))
            continue
        change = _item_change(match)
        if change is not None:  # "- block2_pool: 75 -> 37": the item's own input and output
            given, output = change
            rows.append(_row(head, output, given, head, context))
            continue
        row = _row(head, _item_claim(match, volumes=volumes), None, head, context)
        if row.kind == "layer" and row.settings is None and code:
            named = _referenced(head, code)
            row = replace(row, settings=named, chained=True) if named is not None else row
        rows.append(row)
    if rows:
        yield rows, first


# An item's size written as the change its layer makes: "150 -> 75", "9 → 5", "56x56 -> 28x28".
_CHANGE = lazy_regex(
    rf"^\s*(?P<a>\d{{1,5}}(?:{_CROSS}\d{{1,5}}){{0,2}})\s*(?:->|\N{{RIGHTWARDS ARROW}}|=>)\s*"
    rf"[*_`]*(?P<b>\d{{1,5}}(?:{_CROSS}\d{{1,5}}){{0,2}})[*_`]*\s*(?:[.;]\s*)?$"
)


def _item_change(
    match: re.Match[str],
) -> tuple[tuple[int, ...], tuple[tuple[int, ...] | None, tuple[int, int]]] | None:
    """(input, (output, span)) of an item whose size is written as its layer's change alone."""
    change = _CHANGE.match(match["size"])
    if change is None:
        return None
    given = _spatial(_SIZE.fullmatch(change["a"]))  # type: ignore[arg-type]
    output = _SIZE.fullmatch(change["b"])
    if given is None or output is None:
        return None
    offset = match.start("size")
    return given, (_spatial(output), (offset + change.start("b"), offset + change.end("b")))


# An item's head that ends in a setting's value, not a size: "… with stride 2 -> 56x56".
_SETTING_LAST = lazy_regex(
    r"\b(?:strides?|padding|pad|dilation|kernel(?:[ _]size)?|[skpd])\s*[=:]?\s*\d{1,2}\s*$"
    # "conv 11x11/4 -> 55x55": a kernel and its stride written together
    r"|(?<![\w.])(?P<k>\d{1,2})\s*[x\N{MULTIPLICATION SIGN}]\s*(?P=k)\s*/\s*\d\s*$"
    r"|#\s*\d{1,2}\s*$",  # "conv #2 -> 15x15": a layer's place, no count of channels
    re.I,
)


def _item_claim(
    match: re.Match[str], square: bool = True, volumes: bool = False
) -> tuple[tuple[int, ...] | None, tuple[int, int]] | None:
    """The size an item claims after its colon or arrow: its one shape (a square or a tuple,
    after any worked formula), else its one number; None for a chain of sizes."""
    if (
        match["sep"] != ":"
        and re.search(r"\d\s*$", match["head"])
        and not _SETTING_LAST.search(match["head"])
    ):
        return None  # "1x1 conv, 256 -> 64: …": a count of channels, or a chain of sizes
    text, offset = match["size"], match.start("size")
    found = list(_SIZE.finditer(text))
    shapes = [m for m in found if m["tuple"] is not None or _CROSS_ONLY.search(m["dims"])]
    distinct = {m.group(0) for m in shapes}
    if len(distinct) > 1:
        return None  # "572 -> 570x570 -> 568x568": a chain, the arrow readers'
    chosen = shapes[-1] if shapes else (found[0] if len(found) == 1 else None)
    if chosen is None:
        return None
    if not square and chosen["dims"] is not None:
        values = tuple(int(v) for v in re.findall(r"\d+", chosen["dims"]))
        return (values if len(values) == 2 else None), (
            offset + chosen.start(),
            offset + chosen.end(),
        )
    return _spatial(chosen, volumes=volumes), (offset + chosen.start(), offset + chosen.end())


# "- 572 -> 570 -> 568 -> pool -> 284": sizes joined by arrows, a word naming the layer of a step
_ARROW_ITEM = lazy_regex(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?P<chain>[^\n]*)$", re.M)
_CHAIN_TOKEN = lazy_regex(
    rf"(?P<size>(?<![\w.])\d{{1,5}}(?:{_CROSS}\d{{1,5}})?(?![\w.]))"
    r"|(?P<arrow>->|\N{RIGHTWARDS ARROW}|=>)|(?P<word>[A-Za-z][\w-]*)|(?P<space>[\s*_`]+)"
)


# A level's label before its chain: "enc1:", "bottleneck:", "level 2:".
_CHAIN_LABEL = lazy_regex(r"[ \t*_`]*[A-Za-z][\w -]{0,24}:(?=[ \t*_`]*\d)")
_NOT_A_SIZE_LABEL = lazy_regex(r"channel|filter|feature|dim|width|unit|param", re.I)
# A comma that joins the next step by its layer's word: "568, pool -> 284".
_COMMA_STEP = lazy_regex(
    r"(?<=\d),(?=[ \t]*[A-Za-z][\w-]*[ \t]*(?:->|\N{RIGHTWARDS ARROW}|=>)[ \t]*\d)"
)


def _arrow_walks(prose: str, body: int) -> Iterator[tuple[list[_Row], int]]:
    """Items of sizes joined by arrows, each step the note's convolution, or its pooling where
    the step names it; only where the note sets up its convolution once."""
    context = _context(prose, body)
    defaults = dict(context.defaults)
    if "conv" not in defaults and (own := _one_call_layer(context.call)) is not None:
        defaults["pool" if own.pooling else "conv"] = own  # the note's one call sets it up
    if "conv" not in defaults:
        return
    rows: list[_Row] = []
    first, last_end = 0, -1
    for match in _ARROW_ITEM.finditer(prose, body):
        label = _CHAIN_LABEL.match(match["chain"])
        if label is not None and _NOT_A_SIZE_LABEL.search(label.group()):
            steps = None  # "- channels: 3 → 64 → 128": widths, no sizes
        else:
            steps = _chain_steps(match["chain"], match.start("chain"))
        if rows and (steps is None or prose[last_end : match.start()].strip()):
            yield rows, first
            rows = []
        if steps is None:
            continue
        if not rows:
            first = match.start()
        last_end = match.end() + 1
        for index, (word, size, span) in enumerate(steps):
            if index == 0:
                rows.append(_Row(word, None, "keep", size, span, None))
                continue
            conv = not word or _CONV.search(word) is not None
            kind = "pool" if _POOL.search(word) else "conv" if conv else ""
            layer = defaults.get(kind) if kind else None
            rows.append(_Row(word, layer, "layer" if layer else "stop", size, span, None))
    if rows:
        yield rows, first


def _one_call_layer(call: Layer | None) -> _Layer | None:
    """The note's one layer call as a walk's layer, when every axis has the same settings."""
    if call is None or any(d != 1 for d in call.dilations):
        return None
    if len(set(call.kernels)) != 1 or len(set(call.strides)) != 1 or len(set(call.paddings)) != 1:
        return None
    return _Layer(call.kernels[0], call.strides[0], (call.paddings[0],), call.pooling)


def _chain_steps(
    chain: str, offset: int
) -> list[tuple[str, tuple[int, ...], tuple[int, int]]] | None:
    """(word before, size, span) of each size of a chain of two or more arrows; None if the
    item is no such chain."""
    steps: list[tuple[str, tuple[int, ...], tuple[int, int]]] = []
    word, arrows, expect_size = "", 0, True
    # "enc1: 572 -> 570": a label before the chain names the level, no step
    label = _CHAIN_LABEL.match(chain)
    if label is not None:
        chain = " " * label.end() + chain[label.end() :]
    # "568, pool -> 284": a comma before a step's layer word joins it like an arrow
    chain = _COMMA_STEP.sub("\N{RIGHTWARDS ARROW}", chain)
    for token in _CHAIN_TOKEN.finditer(chain):
        if token["space"]:
            continue
        if token["size"]:
            if not expect_size:
                break
            values = tuple(int(v) for v in re.findall(r"\d+", token["size"]))
            if len(values) == 2 and values[0] != values[1]:
                return None
            span = (offset + token.start(), offset + token.end())
            steps.append((word, values[:1], span))
            word, expect_size = "", False
        elif token["arrow"]:
            if expect_size and not word:
                return None
            arrows += 1
            expect_size = True
        elif token["word"] and expect_size and steps and not word:
            word = token["word"]  # "-> pool ->"
        else:
            break
    return steps if arrows >= 2 and len(steps) >= 3 else None


# "conv 3x3/2 V, conv 3x3 V, pool 3x3/2 V": a list of layers in order (kernel, /stride, valid
# or same), and a line of sizes joined by arrows, one size per layer after the input.
_LIST_ENTRY = lazy_regex(
    rf"\b(?P<kind>conv\w*|(?:max|avg|average)?[- ]?pool\w*)\s+(?P<k>\d{{1,2}}){_CROSS}(?P=k)"
    r"(?:\s*/\s*(?P<s>\d))?(?:\s*(?P<pad>V|S|valid|same)\b)?",
    re.I,
)
_SIZE_LINE = lazy_regex(
    rf"^[ \t]*(?P<chain>\d{{1,4}}(?:{_CROSS}\d{{1,4}})?"
    rf"(?:\s*(?:->|\N{{RIGHTWARDS ARROW}})\s*\d{{1,4}}(?:{_CROSS}\d{{1,4}})?){{2,}})[ \t]*$",
    re.M,
)


def _zipped_walks(prose: str, body: int) -> Iterator[tuple[list[_Row], int]]:
    """A line of sizes joined by arrows under a list of as many layers as it has steps."""
    lines = [
        entries
        for line in prose[body:].split("\n")
        if len(entries := list(_LIST_ENTRY.finditer(line))) >= 3
    ]
    if len(lines) != 1:
        return
    layers = [_listed_layer(entry) for entry in lines[0]]
    for match in _SIZE_LINE.finditer(prose, body):
        steps = _chain_steps(match["chain"], match.start("chain"))
        if steps is None or len(steps) != len(layers) + 1:
            continue
        rows = [_Row("", None, "keep", steps[0][1], steps[0][2], None)]
        for layer, (_word, size, span) in zip(layers, steps[1:], strict=True):
            rows.append(_Row("", layer, "layer", size, span, None))
        yield rows, match.start()


def _listed_layer(entry: re.Match[str]) -> _Layer:
    kernel = int(entry["k"])
    pooling = _POOL.search(entry["kind"]) is not None
    stride = int(entry["s"]) if entry["s"] else (kernel if pooling else 1)
    pad = (entry["pad"] or "").lower()
    paddings: tuple[int | str, ...]
    if pad in ("v", "valid"):
        paddings = (0,)
    elif pad in ("s", "same"):
        paddings = ("same",)
    else:
        paddings = (0, kernel // 2, (kernel - 1) // 2, "same")
    return _Layer(kernel, stride, paddings, pooling)
