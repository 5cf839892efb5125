"""Parameter counts stated next to layer code: a comment on the line that builds the layer
(``Dense(64, input_dim=128)  # 8,256 params``) and rows of a Keras ``model.summary()``.

Functions here work on the text of one code block and return line-relative positions; the
rule turns them into file offsets.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.layers import conv_parameters, dense_parameters
from ankigen.lint.lazy_pattern import lazy_regex

_N = r"\d+"
_COUNT = lazy_regex(
    r"#[^\n]*?(?<![\w.,])(?P<count>\d{1,3}(?:,\d{3})+|\d+)\s*(?:trainable\s+)?(?:params|parameters)\b",
    re.IGNORECASE,
)
_NO_BIAS = lazy_regex(r"\b(?:use_)?bias\s*=\s*False\b")
_KERNEL = rf"(?:kernel_size\s*=\s*)?(?:\(\s*(?P<kh>{_N})\s*,\s*(?P<kw>{_N})\s*\)|(?P<k>{_N}))"
_LAYERS = (
    lazy_regex(
        rf"\bDense\(\s*(?:units\s*=\s*)?(?P<units>{_N})\b[^#\n]*?\binput_(?:dim\s*=\s*"
        rf"(?P<dim>{_N})|shape\s*=\s*\(\s*(?P<shape>{_N})\s*,?\s*\))"
    ),
    lazy_regex(
        rf"\bnn\.Linear\(\s*(?:in_features\s*=\s*)?(?P<dim>{_N})\s*,\s*"
        rf"(?:out_features\s*=\s*)?(?P<units>{_N})\b"
    ),
    lazy_regex(
        rf"\bConv2D\(\s*(?:filters\s*=\s*)?(?P<filters>{_N})\s*,\s*{_KERNEL}[^#\n]*?"
        rf"\binput_shape\s*=\s*\(\s*{_N}\s*,\s*{_N}\s*,\s*(?P<channels>{_N})\s*\)"
    ),
    lazy_regex(
        rf"\bnn\.Conv2d\(\s*(?:in_channels\s*=\s*)?(?P<channels>{_N})\s*,\s*"
        rf"(?:out_channels\s*=\s*)?(?P<filters>{_N})\s*,\s*{_KERNEL}"
    ),
)
_ROW = lazy_regex(
    r"^[\s\N{BOX DRAWINGS LIGHT VERTICAL}|]*(?P<name>[\w.]+)\s*\((?P<type>\w+)\)\s*"
    r"[\N{BOX DRAWINGS LIGHT VERTICAL}|]?\s*\((?P<shape>[^()\n]*)\)\s*"
    r"[\N{BOX DRAWINGS LIGHT VERTICAL}|]?\s*(?P<params>\d{1,3}(?:,\d{3})+|\d+)\b"
)


@dataclass(frozen=True)
class CountProblem:
    line: int  # 0-based line of the code
    start: int  # columns of the stated count
    end: int
    message: str


def _count(text: str) -> int:
    return int(text.replace(",", ""))


def comment_problems(code: str) -> Iterator[CountProblem]:
    """Wrong counts in comments on lines that build a dense or convolution layer."""
    for index, line in enumerate(code.split("\n")):
        stated = _COUNT.search(line)
        if stated is None:
            continue
        for pattern in _LAYERS:
            layer = pattern.search(line)
            if layer is None or layer.end() > stated.start():
                continue
            problem = _layer_problem(layer, _count(stated.group("count")), line)
            if problem is not None:
                start, end = stated.span("count")
                yield CountProblem(index, start, end, f"{problem}, not {stated.group('count')}")
            break


# A comment that is only a number, or a worked formula ending in one: "# 10,164",
# "# -> 10,164", "# 120*84 + 84 = 10,164".
_BARE_COUNT = lazy_regex(
    r"#\s*(?:(?:->|\N{RIGHTWARDS ARROW}|=|:)\s*|[^#\n]*?[\d)]\s*=\s*)?"
    r"(?P<count>\d{1,3}(?:,\d{3})+|\d+)\s*$"
)


def bare_comment_problems(code: str) -> Iterator[CountProblem]:
    """Wrong counts written as a bare number (or a formula's result) in the comment of a line
    that builds a dense or convolution layer. The caller decides whether the note counts
    parameters at all: a bare number may also be a size."""
    for index, line in enumerate(code.split("\n")):
        stated = _BARE_COUNT.search(line)
        if stated is None or _COUNT.search(line):
            continue  # "# 8,256 params" is ``comment_problems``'
        for pattern in _LAYERS:
            layer = pattern.search(line)
            if layer is None or layer.end() > stated.start():
                continue
            sizes = {int(value) for value in layer.groupdict().values() if value}
            value = _count(stated.group("count"))
            if value in sizes or value <= max(sizes, default=0):
                break  # an output width or another size, not a count
            problem = _layer_problem(layer, value, line)
            if problem is not None:
                start, end = stated.span("count")
                yield CountProblem(index, start, end, f"{problem}, not {stated.group('count')}")
            break


def _layer_problem(layer: re.Match[str], stated: int, line: str) -> str | None:
    groups = layer.groupdict()
    allowed = set()
    bias_free = _NO_BIAS.search(line) is not None
    if groups.get("units") is not None:
        units = int(groups["units"])
        inputs = int(groups.get("dim") or groups.get("shape") or 0)
        if inputs == 0:
            return None
        right = dense_parameters(inputs, units, not bias_free)
        if stated == right:
            return None
        bias = f" + {units}" if not bias_free else ""
        return f"{inputs} {TIMES} {units}{bias} = {right:,} parameters"
    if re.search(r"\bgroups\s*=", line):
        return None  # a grouped convolution: counted by ``code_layers``, groups and all
    filters, channels = int(groups["filters"]), int(groups["channels"])
    size = groups.get("k")
    kernel = (int(size), int(size)) if size else (int(groups["kh"]), int(groups["kw"]))
    right = conv_parameters(kernel, channels, filters, not bias_free)
    allowed.add(right)
    if stated in allowed:
        return None
    bias = " + 1" if not bias_free else ""
    return (
        f"({kernel[0]} {TIMES} {kernel[1]} {TIMES} {channels}{bias}) {TIMES} {filters} = "
        f"{right:,} parameters"
    )


def summary_problems(code: str, note: str = "", prose: str = "") -> Iterator[CountProblem]:
    """Rows of a sequential ``model.summary()`` whose count does not follow from the previous
    row's output width and their own; the first row's inputs may come from the note's
    ``prose`` ("a 784-128-10 MLP", ``input_dim=784``), and the whole ``note`` may say that a
    layer has no bias."""
    if "Connected to" in code:  # a functional model: the previous row need not be the input
        return
    rows = _summary_rows(code)
    kinds = [row.kind for row in rows]
    widths = [row.width for row in rows]
    previous = first_input(prose, kinds, widths, note)
    kernels = _conv_kernels(note, rows)
    layouts = gru_layouts(note)
    for position, row in enumerate(rows):
        bias_free = may_lack_bias(note, kinds[position + 1 : position + 2])
        inputs = previous if row.chained else None
        if row.kind == "Embedding":
            inputs = _vocabulary(note, row.width)
        stated = _count(row.params)
        kernel = kernels.get(position)
        if kernel is not None and inputs is not None and row.width is not None:
            wrong = _kernel_problem(row.kind, kernel, inputs, row.width, stated, bias_free)
        elif row.kind == "DepthwiseConv2D":
            wrong = _depthwise_problem(note, row.width, stated, bias_free)
        elif row.kind == "Bidirectional":
            wrong = _bidirectional_problem(note, inputs, row.width, stated, layouts)
        else:
            wrong = row_problem(row.kind, inputs, row.width, stated, bias_free, layouts)
        if wrong is not None:
            yield CountProblem(row.line, row.start, row.end, f"{wrong}, not {row.params}")
        previous = row.width


# ``layers.Conv2D(32, 3)``, ``Conv2D(filters=64, kernel_size=(5, 5))``: filters and kernel
_KERAS_CONV = lazy_regex(
    r"\bConv(?P<dims>[123])D\(\s*(?:filters\s*=\s*)?(?P<filters>\d+)\s*,\s*"
    r"(?:kernel_size\s*=\s*)?(?:(?P<k>\d+)|[(\[](?P<axes>\s*\d+\s*(?:,\s*\d+\s*)*)[)\]])"
)


def _conv_kernels(note: str, rows: Sequence[_SummaryRow]) -> dict[int, int]:
    """The kernel volume of each Conv row, when the note's code builds exactly as many Keras
    convolutions as the summary lists, with the same filters in the same order."""
    calls = list(_KERAS_CONV.finditer(note))
    positions = [i for i, row in enumerate(rows) if re.fullmatch(r"Conv[123]D", row.kind)]
    if not calls or len(calls) != len(positions):
        return {}
    volumes: dict[int, int] = {}
    for position, call in zip(positions, calls, strict=True):
        if rows[position].width != int(call.group("filters")):
            return {}
        if call.group("k") is not None:
            volume = int(call.group("k")) ** int(call.group("dims"))
        else:
            volume = 1
            for axis in call.group("axes").split(","):
                volume *= int(axis)
        volumes[position] = volume
    return volumes


def _kernel_problem(
    kind: str, kernel: int, channels: int, filters: int, stated: int, bias_free: bool
) -> str | None:
    """A Conv row whose code gives its kernel: (k·C + 1)·F, or k·C·F where a bias may lack."""
    right = (kernel * channels + 1) * filters
    if stated == right or (bias_free and stated == kernel * channels * filters):
        return None
    return (
        f"a {kind} with a kernel of {kernel} cells from {channels} to {filters} channels has "
        f"({kernel} {TIMES} {channels} + 1) {TIMES} {filters} = {right:,} parameters"
    )


# PyTorch's summaries: torchsummary ("Conv2d-1   [-1, 6, 28, 28]   156") and torchinfo at
# depth 1 ("├─Linear: 1-3   [1, 10]   1,290"); channels first, the batch as -1 or a number.
_TORCH_ROW = lazy_regex(
    r"^[\s\N{BOX DRAWINGS LIGHT VERTICAL AND RIGHT}\N{BOX DRAWINGS LIGHT UP AND RIGHT}"
    r"\N{BOX DRAWINGS LIGHT HORIZONTAL}\N{BOX DRAWINGS LIGHT VERTICAL}|]*"
    r"(?P<type>[A-Za-z]\w*)(?:-\d+|:\s*(?P<depth>\d+)-\d+)\s+"
    r"\[(?P<shape>[^\]\n]*)\]\s+(?P<params>\d{1,3}(?:,\d{3})+|\d+|--)\s*$"
)
# PyTorch's layer names as Keras' (whose formulas ``row_problem`` knows).
_TORCH_KINDS = {"Linear": "Dense", "Conv1d": "Conv1D", "Conv2d": "Conv2D", "Conv3d": "Conv3D"}


@dataclass(frozen=True)
class _SummaryRow:
    line: int
    kind: str  # Keras' class name; PyTorch's translated where the count is the same
    width: int | None  # channels or units of the output
    params: str
    start: int
    end: int
    chained: bool = True  # whether the row above's width is this row's input
    flat: bool = False  # a PyTorch row of shape [batch, features]

    @property
    def flat_source(self) -> bool:
        """A flat PyTorch output whose features a Linear layer below may take as inputs."""
        return self.flat and (
            self.kind in ("Dense", "torch.Flatten") or _WEIGHTLESS.fullmatch(self.kind) is not None
        )


# A line with an output shape that no row pattern reads (a type name cut short, a shape in
# brackets): the next row's input is unknown.
_UNREAD_ROW = lazy_regex(r"\(\s*None\s*,|\[\s*-1\s*,|\[\(None,")


# Keras 3 wraps a long class name onto the row's next line: "│ global_average_pooling1d │
# (None, 16) │ 0 │" then "│ (GlobalAveragePooling1D) │ │ │".
_TYPE_CONTINUED = lazy_regex(
    r"^[\s\N{BOX DRAWINGS LIGHT VERTICAL}|]*\((?P<type>\w+)\)\s*[\N{BOX DRAWINGS LIGHT VERTICAL}|]"
)
_NAME_CELL = lazy_regex(r"^(?P<lead>[\s\N{BOX DRAWINGS LIGHT VERTICAL}|]*[\w.]+)\s{2,}")


def _joined_type(lines: list[str], index: int) -> str:
    """The row with the class name of its next line put after its layer name, when Keras
    wrapped it there; else the row as it is."""
    line = lines[index]
    if index + 1 >= len(lines) or _ROW.match(line):
        return line
    wrapped = _TYPE_CONTINUED.match(lines[index + 1])
    name = _NAME_CELL.match(line)
    if wrapped is None or name is None:
        return line
    return f"{name.group('lead')} ({wrapped.group('type')}){line[name.end('lead') :]}"


def _summary_rows(code: str) -> list[_SummaryRow]:
    """The rows of a Keras or a flat PyTorch summary, in order."""
    rows: list[_SummaryRow] = []
    lines = code.split("\n")
    containers = _torchinfo_containers(lines)
    for index in range(len(lines)):
        line = _joined_type(lines, index)
        shift = len(line) - len(lines[index])  # the class name put into a wrapped row
        keras, torch = _ROW.match(line), _TORCH_ROW.match(line)
        if keras is not None:
            width = _last_dimension(keras.group("shape"))
            start, end = (column - shift for column in keras.span("params"))
            params = keras.group("params")
            rows.append(_SummaryRow(index, keras.group("type"), width, params, start, end))
        elif torch is not None:
            if index in containers:
                continue  # a module of modules: its children's rows follow, in their order
            rows.append(_torch_row(index, torch, rows[-1] if rows else None))
        elif _UNREAD_ROW.search(line):
            rows.append(_SummaryRow(index, "", None, "0", 0, 0, chained=False))
    return rows


def _torchinfo_containers(lines: Sequence[str]) -> set[int]:
    """The lines of torchinfo's nested rows that hold other modules: each is followed by a
    row one level deeper ("├─Sequential: 1-1" before "│    └─Conv2d: 2-1")."""
    depths = [
        (index, int(match.group("depth") or 1))
        for index, line in enumerate(lines)
        if (match := _TORCH_ROW.match(line)) is not None
    ]
    return {
        index for (index, depth), (_next, deeper) in itertools.pairwise(depths) if deeper > depth
    }


def _torch_row(index: int, row: re.Match[str], above: _SummaryRow | None) -> _SummaryRow:
    """A torchsummary row. Its layers need not run in the order listed (a residual branch, a
    downsampling shortcut), so only the checks that need no input are made, and a Linear layer
    on the flat output of a Linear, Flatten or activation row above it."""
    kind = _TORCH_KINDS.get(row.group("type"), f"torch.{row.group('type')}")
    sizes = [part.strip() for part in row.group("shape").split(",")]
    flat = len(sizes) == 2 or (len(sizes) > 2 and all(size == "1" for size in sizes[2:]))
    width = _last_dimension(", ".join(sizes[:2]))
    chained = kind == "Dense" and flat and above is not None and above.flat_source
    start, end = row.span("params")
    params = row.group("params")
    if params == "--":  # torchinfo: nothing to count here (a layer without weights, a container)
        if _WEIGHTLESS.fullmatch(kind) is None:
            return _SummaryRow(index, "", None, "0", start, end, chained=False)
        params = "0"
    return _SummaryRow(index, kind, width, params, start, end, chained, flat)


# Layers without weights: a summary row of one of them counts 0.
_WEIGHTLESS = lazy_regex(
    r"(?:torch\.)?(?:Input|Flatten|Reshape|Permute|RepeatVector|Activation|ReLU\d?|LeakyReLU|"
    r"Softmax|Sigmoid|Tanh|GELU|SiLU|Identity|(?:Spatial|Gaussian|Alpha)?Dropout\w*|"
    r"(?:Global|Adaptive)?(?:Max|Average|Avg)Pool(?:ing)?\d?[dD]?|ZeroPadding\dD|ZeroPad\dd|"
    r"Cropping\dD|UpSampling\dD|Upsample|Concatenate|Add|Multiply|Average|Maximum)(?:Layer)?"
)
# Weight sets of a recurrent layer (Keras): 4·(h·(h + x) + h) for an LSTM; a GRU has a second
# bias vector with ``reset_after=True`` (the default since TensorFlow 2) and none without.
_GATES = {"LSTM": 4, "GRU": 3, "SimpleRNN": 1}


# ``GRU(64)``, ``layers.GRU(32, reset_after=False)``: a GRU call and its arguments
_GRU_CALL = lazy_regex(r"\bGRU\((?P<args>[^()]*(?:\([^()]*\)[^()]*)*)\)")
_RESET_SETTING = lazy_regex(r"\breset_after\s*=\s*(?P<value>True|False)\b")


def gru_layouts(note: str) -> frozenset[bool]:
    """The ``reset_after`` settings a summary's GRU rows may have been printed with: a
    summary is the framework's own count, so the GRU calls of the note's code pin it (Keras'
    default ``reset_after=True``, PyTorch's two bias vectors count the same); without a call,
    only a note that states one setting pins it."""
    calls = [match.group("args") for match in _GRU_CALL.finditer(note)]
    if calls:
        settings = [_RESET_SETTING.search(args) for args in calls]
        return frozenset(found is None or found.group("value") == "True" for found in settings)
    stated = {match.group("value") == "True" for match in _RESET_SETTING.finditer(note)}
    return frozenset(stated) if len(stated) == 1 else frozenset({True, False})


def row_problem(
    kind: str,
    inputs: int | None,
    width: int | None,
    stated: int,
    bias_free: bool,
    gru_layout: frozenset[bool] = frozenset({True, False}),
) -> str | None:
    """What a summary row of layer ``kind`` should count, when its stated count cannot be
    right: a Dense layer n·m + m (n·m without bias), a convolution F·(k·C + 1) for a whole
    kernel volume k, a batch normalisation 4·C, a layer without weights 0."""
    if _WEIGHTLESS.fullmatch(kind):
        return None if stated == 0 else f"a {kind} layer has no weights: 0 parameters"
    if width is None:
        return None
    # Keras counts a batch normalisation's moving mean and variance; PyTorch keeps them as
    # buffers, not parameters.
    factors = {"BatchNormalization": 4, "LayerNormalization": 2}
    factors.update({f"torch.BatchNorm{d}d": 2 for d in (1, 2, 3)})
    if kind in factors:
        factor = factors[kind]
        right = factor * width
        return (
            None
            if stated == right
            else f"{kind} over {width} features has {factor} {TIMES} {width} = {right:,} parameters"
        )
    if inputs is None:
        return None
    if kind == "Dense":
        right = dense_parameters(inputs, width, True)
        if stated == right or (bias_free and stated == inputs * width):
            return None
        return (
            f"a Dense layer from {inputs} to {width} units has {inputs} {TIMES} {width} + "
            f"{width} = {right:,} parameters"
        )
    if kind in _GATES:
        return _recurrent_problem(kind, inputs, width, stated, gru_layout)
    if kind == "Embedding":  # ``inputs``: the vocabulary
        right = inputs * width
        if stated == right:
            return None
        return (
            f"an Embedding of {inputs:,} tokens in {width} dimensions has {inputs:,} {TIMES} "
            f"{width} = {right:,} parameters (no bias)"
        )
    if re.fullmatch(r"Conv[123]D", kind) and not _conv_count_possible(
        stated, inputs, width, bias_free
    ):
        return (
            f"no kernel size fits: a {kind} from {inputs} to {width} channels has "
            f"({inputs} {TIMES} k + 1) {TIMES} {width} parameters (k cells per kernel)"
        )
    return None


# ``Embedding(10000, 16)``, ``Embedding(input_dim=10000, output_dim=16)``
_EMBEDDING_CALL = lazy_regex(
    r"\bEmbedding\(\s*(?:input_dim\s*=\s*)?(?P<vocab>\d+)\s*,\s*(?:output_dim\s*=\s*)?"
    r"(?P<dim>\d+)\s*[,)]"
)


def _vocabulary(note: str, width: int | None) -> int | None:
    """The vocabulary of the one embedding the note builds with the row's width."""
    vocabularies = {
        int(match.group("vocab"))
        for match in _EMBEDDING_CALL.finditer(note)
        if width is not None and int(match.group("dim")) == width
    }
    return vocabularies.pop() if len(vocabularies) == 1 else None


def _recurrent_problem(
    kind: str, inputs: int, units: int, stated: int, gru_layout: frozenset[bool]
) -> str | None:
    gates = _GATES[kind]
    right = gates * (units * (units + inputs) + units)
    allowed = {right} if kind != "GRU" else {right + gates * units * after for after in gru_layout}
    if stated in allowed:
        return None
    if kind == "GRU" and False in gru_layout and True not in gru_layout:
        how = f"3 {TIMES} ({units} {TIMES} ({units} + {inputs}) + {units}) with reset_after=False"
    elif kind == "GRU":
        right += gates * units
        how = f"3 {TIMES} ({units} {TIMES} ({units} + {inputs}) + 2 {TIMES} {units})"
    else:
        how = f"{gates} {TIMES} ({units} {TIMES} ({units} + {inputs}) + {units})"
    article = "an" if kind == "LSTM" else "a"
    return (
        f"{article} {kind} with {units} units on {inputs} features has {how} = {right:,} parameters"
    )


# ``DepthwiseConv2D(3, padding="same")``, ``DepthwiseConv2D(kernel_size=(5, 5),
# depth_multiplier=2)``: its kernel, multiplier and bias setting
_DEPTHWISE_CALL = lazy_regex(r"\bDepthwiseConv2D\((?P<args>[^()]*(?:\([^()]*\)[^()]*)*)\)")
_KERNEL_ARG = lazy_regex(
    r"^\s*(?:kernel_size\s*=\s*)?(?:(?P<k>\d+)|[(\[]\s*(?P<h>\d+)\s*,\s*(?P<w>\d+)\s*[)\]])\s*(?:,|$)"
)
_MULTIPLIER_ARG = lazy_regex(r"\bdepth_multiplier\s*=\s*(?P<m>\d+)")


def _depthwise_problem(note: str, width: int | None, stated: int, bias_free: bool) -> str | None:
    """A ``DepthwiseConv2D`` row whose kernel the note's one such call gives: k_h·k_w·C·M
    weights and C·M biases, C·M being the row's width."""
    settings = set()
    for call in _DEPTHWISE_CALL.finditer(note):
        kernel = _KERNEL_ARG.match(call.group("args"))
        if kernel is None:
            return None
        volume = int(kernel["k"]) ** 2 if kernel["k"] else int(kernel["h"]) * int(kernel["w"])
        bias = re.search(r"\buse_bias\s*=\s*False\b", call.group("args")) is None
        settings.add((volume, bias))
    if len(settings) != 1 or width is None:
        return None
    volume, bias = settings.pop()
    right = volume * width + (width if bias else 0)
    if stated == right or ((bias_free or not bias) and stated == volume * width):
        return None
    plus = f" + {width}" if bias else ""
    return (
        f"a DepthwiseConv2D with a {volume}-cell kernel and {width} output channels has "
        f"{volume} {TIMES} {width}{plus} = {right:,} parameters"
    )


# ``Bidirectional(LSTM(64))``, ``layers.Bidirectional(layers.GRU(32, ...))``: the wrapped kind
_WRAPPED = lazy_regex(
    r"\bBidirectional\(\s*(?:(?:tf\.)?(?:keras\.)?layers\.)?(?P<kind>LSTM|GRU|SimpleRNN)\("
)
_MERGE_MODE = lazy_regex(r"\bmerge_mode\s*=")


def _bidirectional_problem(
    note: str, inputs: int | None, width: int | None, stated: int, layouts: frozenset[bool]
) -> str | None:
    """A ``Bidirectional`` row: twice the wrapped recurrent layer, whose units are half the
    row's width (the two directions' states are concatenated, Keras' default merge)."""
    kinds = {match.group("kind") for match in _WRAPPED.finditer(note)}
    if len(kinds) != 1 or _MERGE_MODE.search(note) or inputs is None or width is None:
        return None
    if width % 2:
        return None
    kind, units = kinds.pop(), width // 2
    one_way = (
        _recurrent_problem(kind, inputs, units, stated // 2, layouts) if stated % 2 == 0 else ""
    )
    if one_way is None:
        return None
    gates = _GATES[kind]
    biases = (2 if True in layouts else 1) if kind == "GRU" else 1
    right = 2 * gates * (units * (units + inputs) + biases * units)
    return (
        f"a Bidirectional {kind} with {units} units per direction on {inputs} features has "
        f"2 {TIMES} {gates} {TIMES} ({units} {TIMES} ({units} + {inputs}) + "
        f"{'2 ' + TIMES + ' ' if biases == 2 else ''}{units}) = {right:,} parameters"
    )


def _conv_count_possible(stated: int, channels: int, filters: int, bias_free: bool) -> bool:
    """Whether some kernel volume k ≥ 1 makes F·(k·C + 1) (or F·k·C without bias) the count."""
    if stated <= 0 or stated % filters:
        return False
    per_filter = stated // filters
    with_bias = per_filter > 1 and (per_filter - 1) % channels == 0
    return with_bias or (bias_free and per_filter % channels == 0)


# The note says some layer has no bias: ``use_bias=False``, "without bias", "bias-free".
_SAYS_NO_BIAS = lazy_regex(
    r"\b(?:use_)?bias\s*=\s*False\b|\b(?:no|without|drops?|omits?|removes?)\s+(?:the\s+|a\s+|any\s+)?"
    r"bias(?:es)?\b|\bbias-?free\b",
    re.IGNORECASE,
)
_NORMALISATION = lazy_regex(r"(?:Batch|Layer|Group)Norm", re.IGNORECASE)


def may_lack_bias(note: str, following: Sequence[str]) -> bool:
    """A summary's Dense row counts with its biases (Keras' default) unless the note says a
    layer has none or a normalisation follows it (whose shift makes a bias useless)."""
    if following and _NORMALISATION.search(following[0]):
        return True
    return _SAYS_NO_BIAS.search(note) is not None


# "a 784-128-64-10 MLP", "784 → 128 → 10": the widths of a network, its input first.
_WIDTH_CHAIN = lazy_regex(
    r"(?<![\w.,])\d+(?:\s*(?:-|\N{EN DASH}|->|\N{RIGHTWARDS ARROW})\s*\d+){2,}(?![\w.,])"
)
_INPUT_WIDTH = lazy_regex(
    r"\binput_dim\s*=\s*(?P<dim>\d+)|\binput_shape\s*=\s*[(\[]\s*(?P<shape>\d+)\s*,?\s*[)\]]"
)
# ``keras.Input(shape=(784,))``: a Dense layer right after it works on the shape's last axis.
_INPUT_LAYER = lazy_regex(
    r"\bInput\(\s*(?:shape\s*=\s*)?[(\[](?:\s*(?:None|\d+)\s*,)*\s*(?P<dim>\d+)\s*,?\s*[)\]]"
)


def first_input(
    note: str, kinds: Sequence[str], widths: Sequence[int | None], code: str = ""
) -> int | None:
    """The inputs of a summary's first row when it is Dense and the note states them once: a
    width chain whose later widths are those of the summary, ``input_dim``, or the last axis
    of the ``Input`` layer that the note's ``code`` builds."""
    if not kinds:
        return None
    found: set[int] = set()
    if "channels_first" in code:
        return None  # the Input's last axis is a spatial one
    if kinds[0] in _GATES or re.fullmatch(r"Conv[123]D", kinds[0]):
        # a recurrent or convolution layer on the Input's last axis (features, channels)
        found = {int(match.group("dim")) for match in _INPUT_LAYER.finditer(code)}
        return found.pop() if len(found) == 1 else None
    if kinds[0] != "Dense":
        return None
    for match in _WIDTH_CHAIN.finditer(note):
        numbers = [int(n) for n in re.findall(r"\d+", match.group(0))]
        dense = [width for kind, width in zip(kinds, widths, strict=True) if kind == "Dense"]
        if numbers[1:] == dense:
            found.add(numbers[0])
    for match in _INPUT_WIDTH.finditer(note):
        found.add(int(match.group("dim") or match.group("shape")))
    for match in _INPUT_LAYER.finditer(code):
        found.add(int(match.group("dim")))
    return found.pop() if len(found) == 1 else None


def _last_dimension(shape: str) -> int | None:
    parts = [part.strip() for part in shape.split(",") if part.strip()]
    if not parts or not parts[-1].isdigit():
        return None
    return int(parts[-1])
