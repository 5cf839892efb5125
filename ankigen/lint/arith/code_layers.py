"""Shapes and parameter counts stated in comments of Keras and PyTorch code.

A code block is parsed with ``ast`` (never run). Layer calls are followed in source order from a
stated input (``keras.Input(shape=…)``, ``input_shape=…``, ``torch.randn(8, 3, 32, 32)``), with
the libraries' own defaults for everything the call leaves out, so a comment on the line that
applies a layer (``# -> (None, 94, 94, 16)``, ``# torch.Size([8, 16, 28, 28])``,
``# 5,130 params``) can be checked exactly. A module built once and applied later
(``self.conv = nn.Conv2d(…)`` … ``x = self.conv(x)``) is applied where it is called. Anything
the tracker does not know (another layer, a variable argument) makes the shape unknown until the
next stated input. Positions are 0-based lines and columns of the code.
"""

from __future__ import annotations

import ast
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from ankigen.lint import stage_trace
from ankigen.lint.arith.code_arithmetic import parse_commented
from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.functional_convs import array_shapes, functional_conv
from ankigen.lint.arith.layers import MINUS, conv_parameters, dense_parameters, output_size
from ankigen.lint.arith.quantities import find
from ankigen.lint.lazy_pattern import lazy_regex

_CONV = lazy_regex(r"Conv(?P<dims>[123])[dD]")
# Transposed convolutions: ``layers.Conv2DTranspose(…)``, ``nn.ConvTranspose2d(…)``.
_TRANSPOSED = lazy_regex(r"Conv(?P<dims>[123])DTranspose|ConvTranspose(?P<torch_dims>[123])d")
# Keras convolutions that filter each channel on its own (and then mix them, if separable).
_DEPTHWISE = lazy_regex(r"(?P<kind>Depthwise|Separable)Conv(?P<dims>[12])D")
# "N": a pooling whose dimensions are those of its input (``keras.ops.max_pool``)
_POOL = lazy_regex(r"(?P<op>Max|Average|Avg)Pool(?:ing)?(?P<dims>[123N])[dD]")
# Pooling written as a function of its input: ``F.max_pool2d(x, 3, 2)``,
# ``tf.nn.max_pool2d(x, ksize=2, strides=2, padding="VALID")``, ``keras.ops.max_pool(x, 2)``.
_FUNCTIONAL_POOL = lazy_regex(r"(?P<op>max|avg|average)_pool(?:ing)?(?P<dims>[123]d)?")
# Explicit zero padding as a layer: ``layers.ZeroPadding2D(3)``, ``nn.ZeroPad2d(1)``.
_ZERO_PADDING = lazy_regex(r"ZeroPadding(?P<dims>[123])D|ZeroPad(?P<torch_dims>[123])d")
_GLOBAL_POOL = lazy_regex(r"Global(?:Max|Average|Avg)Pool(?:ing)?[123]D|AdaptiveAvgPool[123]d")
# Layers that keep the shape of what they are given.
_SHAPE_KEEPING = frozenset(
    {
        *("ReLU", "LeakyReLU", "ELU", "GELU", "Sigmoid", "Tanh", "Softmax", "Activation"),
        *("Dropout", "SpatialDropout2D", "Dropout2d", "BatchNormalization", "BatchNorm1d"),
        *("BatchNorm2d", "BatchNorm3d", "LayerNormalization", "LayerNorm", "Identity"),
    }
)
_TENSOR_MAKERS = frozenset({"randn", "rand", "zeros", "ones", "empty", "normal", "uniform"})
_COUNT = lazy_regex(
    r"(?<![\w.,])(?P<count>\d{1,3}(?:,\d{3})+|\d+)\s*(?:trainable\s+)?(?:params|parameters)\b",
    re.IGNORECASE,
)
_SHAPE_TEXT = lazy_regex(
    r"(?:torch\.Size\(\s*)?[(\[](?P<dims>\s*(?:None|\d+|\?|N|B)\s*(?:,\s*(?:None|\d+|\?)\s*){1,4})"
    r",?\s*[)\]]\)?"
    rf"|(?<![\w.,])(?P<cross>\d+(?:\s*[{TIMES}xX]\s*\d+){{1,3}})(?![\w.])"
)


@dataclass(frozen=True)
class Tensor:
    """What flows between layers: spatial sizes, channels, and the library's layout."""

    spatial: tuple[int, ...]
    channels: int
    torch: bool  # channels first, batch shown; Keras: channels last, batch shown as None
    batch: str = "None"

    def written(self) -> tuple[str, ...]:
        sizes = [str(size) for size in self.spatial]
        if self.torch:
            return (self.batch, str(self.channels), *sizes)
        return (self.batch, *sizes, str(self.channels))

    def shown(self) -> str:
        written = self.written()
        if self.channels == 0:  # depth unknown (a comment stated the sizes only): "C"
            at = 1 if self.torch else len(written) - 1
            written = (*written[:at], "C", *written[at + 1 :])
        if self.torch:
            return f"torch.Size([{', '.join(written)}])"
        return f"({', '.join(written)})"


@dataclass(frozen=True)
class CodeProblem:
    line: int  # 0-based line of the code
    start: int  # columns of the stated shape or count
    end: int
    message: str
    kind: str  # "shape" (AG103) or "count" (AG104)
    # the layer's input was a shape a comment stated on another line, not one the code makes
    carried: bool = False


@dataclass(frozen=True)
class _Layer:
    name: str  # the class name: "Conv2D", "MaxPool2d", "Linear"
    call: ast.Call
    line: int
    torch: bool

    def argument(self, position: int, keyword: str, default: object = None) -> object:
        """A literal argument by position or keyword; ``_UNKNOWN`` when it is not a literal."""
        for item in self.call.keywords:
            if item.arg == keyword:
                return _literal(item.value)
        if position < len(self.call.args):
            return _literal(self.call.args[position])
        return default


_UNKNOWN = object()


def _literal(node: ast.expr) -> object:
    product = _int_arithmetic(node)
    if product is not None:
        return product
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _UNKNOWN


_INT_OPERATIONS = {ast.Mult: int.__mul__, ast.Add: int.__add__, ast.Sub: int.__sub__}


def _int_arithmetic(node: ast.expr, depth: int = 0) -> int | None:
    """``16 * 5 * 5`` or ``28 * 28``: sizes written as small products and sums of integers."""
    if isinstance(node, ast.Constant):
        value = node.value
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if not isinstance(node, ast.BinOp) or depth > 8:
        return None
    operation = _INT_OPERATIONS.get(type(node.op))
    left, right = _int_arithmetic(node.left, depth + 1), _int_arithmetic(node.right, depth + 1)
    if operation is None or left is None or right is None:
        return None
    result = operation(left, right)
    return result if 0 <= result < 10**12 else None


def _per_axis(value: object, dims: int) -> tuple[int, ...] | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value,) * dims
    if (
        isinstance(value, (tuple, list))
        and len(value) == dims
        and all(isinstance(item, int) and not isinstance(item, bool) for item in value)
    ):
        return tuple(value)
    return None


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return node.id if isinstance(node, ast.Name) else ""


# --------------------------------------------------------------------------- the layers' maths


def _conv_output(layer: _Layer, given: Tensor, dims: int) -> tuple[Tensor, str] | None:
    """Output of a convolution and the calculation of its first axis, or None if unknown."""
    stage_trace.note_setup(stage_trace.CONV)
    if layer.torch:
        filters = layer.argument(1, "out_channels")
        kernel = _per_axis(layer.argument(2, "kernel_size"), dims)
        strides = _per_axis(layer.argument(3, "stride", 1), dims)
        padding = layer.argument(4, "padding", 0)
        dilation = _per_axis(layer.argument(5, "dilation", 1), dims)
    else:
        filters = layer.argument(0, "filters")
        kernel = _per_axis(layer.argument(1, "kernel_size"), dims)
        strides = _per_axis(layer.argument(2, "strides", 1), dims)
        padding = layer.argument(3, "padding", "valid")
        dilation = _per_axis(layer.argument(5, "dilation_rate", 1), dims)
    if not isinstance(filters, int) or kernel is None or strides is None or dilation is None:
        return None
    spatial = _sizes(given.spatial, kernel, strides, padding, dilation, ceil_mode=False)
    if spatial is None:
        return None
    return replace(given, spatial=spatial[0], channels=filters), spatial[1]


def _pool_output(layer: _Layer, given: Tensor, dims: int) -> tuple[Tensor, str] | None:
    stage_trace.note_setup(stage_trace.CONV)
    if layer.torch:
        kernel = _per_axis(layer.argument(0, "kernel_size"), dims)
        stride = layer.argument(1, "stride", None)
        padding = layer.argument(2, "padding", 0)
        ceil_mode = layer.argument(5 if "Max" in layer.name else 3, "ceil_mode", False)
    else:
        kernel = _per_axis(layer.argument(0, "pool_size", 2), dims)
        stride = layer.argument(1, "strides", None)
        padding = layer.argument(2, "padding", "valid")
        ceil_mode = False
    if kernel is None or not isinstance(ceil_mode, bool):
        return None
    strides = kernel if stride is None else _per_axis(stride, dims)
    if strides is None:
        return None
    spatial = _sizes(given.spatial, kernel, strides, padding, (1,) * dims, ceil_mode)
    return None if spatial is None else (replace(given, spatial=spatial[0]), spatial[1])


def _sizes(
    sizes: tuple[int, ...],
    kernel: tuple[int, ...],
    strides: tuple[int, ...],
    padding: object,
    dilation: tuple[int, ...],
    ceil_mode: bool,
) -> tuple[tuple[int, ...], str] | None:
    """Each axis's output size, and the first axis's calculation for the message."""
    if padding == "same":
        same = tuple(math.ceil(size / s) for size, s in zip(sizes, strides, strict=True))
        return same, f"⌈{sizes[0]} / {strides[0]}⌉ = {same[0]} ('same' padding)"
    pads = (0,) * len(sizes) if padding == "valid" else _per_axis(padding, len(sizes))
    if pads is None or any(stride <= 0 for stride in strides):
        return None
    out: list[int] = []
    for size, k, s, p, d in zip(sizes, kernel, strides, pads, dilation, strict=True):
        value = output_size(size, k, s, p, d)
        if value is None:
            return None
        if ceil_mode:  # PyTorch: round up, unless the last window would start in the padding
            value = math.ceil((size + 2 * p - d * (k - 1) - 1) / s) + 1
            if (value - 1) * s >= size + p:
                value -= 1
        out.append(value)
    span = f"({dilation[0]}·({kernel[0]} {MINUS} 1) + 1)" if dilation[0] != 1 else str(kernel[0])
    inner = f"({sizes[0]} + 2·{pads[0]} {MINUS} {span}) / {strides[0]}"
    exact = (sizes[0] + 2 * pads[0] - dilation[0] * (kernel[0] - 1) - 1) % strides[0] == 0
    if not exact:
        inner = f"⌈{inner}⌉" if ceil_mode else f"⌊{inner}⌋"
    how = f"{inner} + 1 = {out[0]}"
    return tuple(out), how


def _depthwise_settings(layer: _Layer) -> tuple[tuple[int, ...], int, object, object] | None:
    """A Keras depthwise or separable layer's kernel, depth multiplier, filters and bias."""
    match = _DEPTHWISE.fullmatch(layer.name)
    if match is None or layer.torch:
        return None
    dims = int(match.group("dims"))
    if match.group("kind") == "Depthwise":
        kernel = _per_axis(layer.argument(0, "kernel_size"), dims)
        multiplier, filters = layer.argument(3, "depth_multiplier", 1), None
    else:
        kernel = _per_axis(layer.argument(1, "kernel_size"), dims)
        multiplier, filters = layer.argument(6, "depth_multiplier", 1), layer.argument(0, "filters")
    if kernel is None or not isinstance(multiplier, int) or isinstance(multiplier, bool):
        return None
    return kernel, multiplier, filters, layer.argument(99, "use_bias", True)


def _depthwise_parameters(layer: _Layer, given: Tensor | None) -> tuple[int, str] | None:
    """Depthwise: k·k·C·M weights and C·M biases; separable adds C·M·F weights and F biases."""
    settings = _depthwise_settings(layer)
    if settings is None or given is None:
        return None
    kernel, multiplier, filters, bias = settings
    if not isinstance(bias, bool) or (filters is not None and not isinstance(filters, int)):
        return None
    depth = given.channels * multiplier
    shape = f" {TIMES} ".join(map(str, kernel))
    mult = f" {TIMES} {multiplier}" if multiplier != 1 else ""
    weights = math.prod(kernel) * depth
    how = f"{shape} {TIMES} {given.channels}{mult}"
    if not isinstance(filters, int):
        total = weights + (depth if bias else 0)
        return total, f"{how}{f' + {depth}' if bias else ''} = {total:,}"
    total = weights + depth * filters + (filters if bias else 0)
    plus = f" + {filters}" if bias else ""
    return total, f"{how} + {depth} {TIMES} {filters}{plus} = {total:,}"


def _parameters(layer: _Layer, given: Tensor | None, comment: str) -> tuple[int, str] | None:
    """The layer's parameter count and how it is made up, when every size is known."""
    stage_trace.note_setup(stage_trace.PARAMS)
    if _DEPTHWISE.fullmatch(layer.name):
        return _depthwise_parameters(layer, given)
    conv = _CONV.fullmatch(layer.name)
    if conv is not None:
        dims = int(conv.group("dims"))
        if layer.torch:
            channels, filters = layer.argument(0, "in_channels"), layer.argument(1, "out_channels")
            kernel = _per_axis(layer.argument(2, "kernel_size"), dims)
            bias = layer.argument(7, "bias", True)
        else:
            filters, kernel = (
                layer.argument(0, "filters"),
                _per_axis(layer.argument(1, "kernel_size"), dims),
            )
            channels = (
                given.channels if given is not None else _comment_count("in_channels", comment)
            )
            bias = layer.argument(99, "use_bias", True)
        groups = layer.argument(6, "groups", 1) if layer.torch else layer.argument(99, "groups", 1)
        if not all(isinstance(v, int) for v in (channels, filters)) or kernel is None:
            return None
        if not isinstance(bias, bool) or not isinstance(groups, int) or isinstance(groups, bool):
            return None
        assert isinstance(channels, int) and isinstance(filters, int)
        if groups < 1 or channels % groups or filters % groups:
            return None
        volume = math.prod(kernel)
        plus = " + 1" if bias else ""
        shape = f" {TIMES} ".join(map(str, kernel))
        # grouped (depthwise when groups = channels): each filter sees channels / groups inputs
        per_filter = channels // groups
        right = conv_parameters((volume, 1), per_filter, filters, bias)
        seen = f"{channels}/{groups}" if groups != 1 else str(channels)
        return right, f"({shape} {TIMES} {seen}{plus}) {TIMES} {filters} = {right:,}"
    if layer.name in _RECURRENT or layer.name == "Embedding":
        return _sequence_parameters(layer, given, comment)
    if _TRANSPOSED.fullmatch(layer.name):
        return _transposed_parameters(layer, given, comment)
    if layer.name in _ATTENTION:
        return _attention_parameters(layer, given, comment)
    if layer.name in ("Dense", "Linear"):
        if layer.torch:
            inputs, units = layer.argument(0, "in_features"), layer.argument(1, "out_features")
            bias = layer.argument(2, "bias", True)
        else:
            units, bias = layer.argument(0, "units"), layer.argument(99, "use_bias", True)
            inputs = given.channels if given is not None else _comment_count("inputs", comment)
        if not isinstance(inputs, int) or not isinstance(units, int) or not isinstance(bias, bool):
            return None
        right = dense_parameters(inputs, units, bias)
        plus = f" + {units}" if bias else ""
        return right, f"{inputs} {TIMES} {units}{plus} = {right:,}"
    return None


# Gates per recurrent cell: an LSTM has four weight sets, a GRU three, a plain RNN one.
_RECURRENT = {"LSTM": 4, "GRU": 3, "SimpleRNN": 1, "RNN": 1}


def _transposed_parameters(
    layer: _Layer, given: Tensor | None, comment: str
) -> tuple[int, str] | None:
    """A transposed convolution has a convolution's count, k·k·C·F + F (no groups here)."""
    match = _TRANSPOSED.fullmatch(layer.name)
    assert match is not None
    dims = int(match.group("dims") or match.group("torch_dims"))
    if layer.torch:
        channels, filters = layer.argument(0, "in_channels"), layer.argument(1, "out_channels")
        kernel = _per_axis(layer.argument(2, "kernel_size"), dims)
        bias, groups = layer.argument(7, "bias", True), layer.argument(6, "groups", 1)
    else:
        filters, kernel = (
            layer.argument(0, "filters"),
            _per_axis(layer.argument(1, "kernel_size"), dims),
        )
        channels = given.channels if given is not None else _comment_count("in_channels", comment)
        bias, groups = layer.argument(99, "use_bias", True), 1
    if not _is_int(channels) or not _is_int(filters) or kernel is None or groups != 1:
        return None
    if not isinstance(bias, bool):
        return None
    assert isinstance(channels, int) and isinstance(filters, int)
    right = conv_parameters((math.prod(kernel), 1), channels, filters, bias)
    shape = f" {TIMES} ".join(map(str, kernel))
    plus = f" + {filters}" if bias else ""
    return right, f"{shape} {TIMES} {channels} {TIMES} {filters}{plus} = {right:,}"


_ATTENTION = ("MultiheadAttention", "MultiHeadAttention")


def _attention_parameters(
    layer: _Layer, given: Tensor | None, comment: str
) -> tuple[int, str] | None:
    """PyTorch: query, key, value and output projections of E·E weights and E biases each,
    4·E·E + 4·E. Keras: on queries of d features, h heads of key size k (values the same),
    3·(d·h·k + h·k) + h·k·d + d."""
    if layer.torch:
        width, bias = layer.argument(0, "embed_dim"), layer.argument(3, "bias", True)
        extras = ("add_bias_kv", "add_zero_attn", "kdim", "vdim")
        if (
            not _is_int(width)
            or not isinstance(bias, bool)
            or any(_keyword(layer, k) for k in extras)
        ):
            return None
        assert isinstance(width, int)
        right = 4 * width * width + (4 * width if bias else 0)
        plus = f" + 4 {TIMES} {width}" if bias else ""
        return right, f"4 {TIMES} {width} {TIMES} {width}{plus} = {right:,}"
    heads, key, bias = layer.argument(0, "num_heads"), layer.argument(1, "key_dim"), True
    features = given.channels if given is not None else _comment_count("inputs", comment)
    extras = ("value_dim", "output_shape", "use_bias", "attention_axes")
    if not all(_is_int(v) for v in (heads, key, features)) or any(
        _keyword(layer, k) for k in extras
    ):
        return None
    assert isinstance(heads, int) and isinstance(key, int) and isinstance(features, int)
    inner = heads * key
    right = 3 * (features * inner + inner) + inner * features + features
    how = (
        f"3 {TIMES} ({features} {TIMES} {inner} + {inner}) + {inner} {TIMES} {features} + "
        f"{features}"
    )
    return right, f"{how} = {right:,}"


def _keyword(layer: _Layer, name: str) -> bool:
    return any(keyword.arg == name for keyword in layer.call.keywords)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _sequence_parameters(
    layer: _Layer, given: Tensor | None, comment: str
) -> tuple[int, str] | None:
    """An embedding has vocabulary·dimension weights; a recurrent layer with h units on x
    features has gates·(h·(h + x) + h) (Keras; a GRU with ``reset_after=True``, the default,
    and PyTorch's layers have a second bias vector: + 2h)."""
    if layer.name == "Embedding":
        rows = layer.argument(0, "num_embeddings" if layer.torch else "input_dim")
        width = layer.argument(1, "embedding_dim" if layer.torch else "output_dim")
        if not _is_int(rows) or not _is_int(width) or _keyword(layer, "lora_rank"):
            return None  # a low-rank adapter adds weights
        assert isinstance(rows, int) and isinstance(width, int)
        return rows * width, f"{rows} {TIMES} {width} = {rows * width:,}"
    gates = _RECURRENT[layer.name]
    if layer.torch:
        inputs, units, bias = (
            layer.argument(0, "input_size"),
            layer.argument(1, "hidden_size"),
            layer.argument(3, "bias", True),
        )
        if len(layer.call.args) > 2 or any(
            k.arg not in ("input_size", "hidden_size", "batch_first", "bias", "dropout")
            and not _default_shape(k)
            for k in layer.call.keywords
        ):
            return None  # stacked or bidirectional layers: left alone
        biases = 2 if bias is True else 0 if bias is False else -1
    else:
        units = layer.argument(0, "units")
        inputs = given.channels if given is not None else _comment_count("inputs", comment)
        bias = layer.argument(99, "use_bias", True)
        reset_after = layer.argument(99, "reset_after", True)
        if not isinstance(reset_after, bool) or not isinstance(bias, bool):
            return None
        biases = (2 if layer.name == "GRU" and reset_after else 1) if bias else 0
    if not _is_int(inputs) or not _is_int(units) or biases < 0:
        return None
    assert isinstance(inputs, int) and isinstance(units, int)
    right = gates * (units * (units + inputs) + biases * units)
    bias_text = {0: "", 1: f" + {units}", 2: f" + 2 {TIMES} {units}"}[biases]
    how = f"{gates} {TIMES} ({units} {TIMES} ({units} + {inputs}){bias_text})"
    return right, f"{how} = {right:,}"


# The keywords that would stack or mirror a recurrent layer, at the values that keep it one
# layer in one direction: ``num_layers=1`` written out is the default's single layer.
_ONE_LAYER_DEFAULTS: dict[str, object] = {"num_layers": 1, "bidirectional": False, "proj_size": 0}


def _default_shape(keyword: ast.keyword) -> bool:
    """Whether a keyword is a stacking or mirroring setting left at its one-layer default."""
    if keyword.arg not in _ONE_LAYER_DEFAULTS or not isinstance(keyword.value, ast.Constant):
        return False
    value, default = keyword.value.value, _ONE_LAYER_DEFAULTS[keyword.arg]
    return type(value) is type(default) and value == default


def _comment_count(kind: str, comment: str) -> int | None:
    """A size the comment states in words ("# on 512 features", "# RGB input") or as the
    input's shape ("# on (None, 100, 8)": the last axis, channels last as Keras has them)."""
    shaped = _comment_input_width(comment)
    if shaped is not None:
        return shaped
    found = {quantity.values for quantity in find(kind, comment, 0, len(comment))}
    if len(found) != 1:
        return None
    values = found.pop()
    return math.prod(values) if values else None


# "on (None, 100, 8)", "input: (None, 512)": a Keras shape the comment gives as the input.
_INPUT_TUPLE = lazy_regex(
    r"\b(?:on|input(?:\s+shape)?|inputs?|in|from|given|applied\s+to|takes?)\b\s*(?:is\s*)?[:=]?\s*"
    r"\(\s*None\s*(?P<rest>(?:,\s*\d+\s*){1,4}),?\s*\)",
    re.IGNORECASE,
)


def _comment_input_width(comment: str) -> int | None:
    """The last axis of the one input shape a comment states before any arrow."""
    arrow = _ARROW.search(comment)
    before = comment[: arrow.start()] if arrow is not None else comment
    widths = {int(m.group("rest").split(",")[-1]) for m in _INPUT_TUPLE.finditer(before)}
    return widths.pop() if len(widths) == 1 else None


# --------------------------------------------------------------------------- following the code


@dataclass(frozen=True)
class _Step:
    """One thing that happens on a line: an input is stated or a layer is applied."""

    line: int
    column: int
    layer: _Layer | None = None
    tensor: Tensor | None = None  # a stated input
    source: str = ""  # the variable the layer is applied to, if any
    target: str = ""  # the variable the result is assigned to, if any
    shows: bool = False  # ``print(y.shape)``: the comment states the shape of ``source``
    counted_only: bool = False  # a layer built here, applied elsewhere: check its count only


def _stated_tensor(call: ast.Call) -> Tensor | None:
    """``keras.Input(shape=(28, 28, 1))``, ``torch.randn(8, 3, 32, 32)``, ``np.zeros((1, 28,
    28, 1))``: a tensor whose shape the code states."""
    name, dotted = _callee(call), _dotted(call.func)
    if name == "Input":
        node = next((k.value for k in call.keywords if k.arg == "shape"), None)
        if node is None and call.args:
            node = call.args[0]
        return _keras_tensor(_literal(node)) if node is not None else None
    if name not in _TENSOR_MAKERS:
        return None
    nodes: list[ast.expr] = list(call.args)
    if len(nodes) == 1 and isinstance(nodes[0], (ast.Tuple, ast.List)):
        nodes = list(nodes[0].elts)
    # the batch axis may be a name ("jnp.zeros((B, 721, 1440, 82))"): any batch, one shape
    batch = nodes[0].id if nodes and isinstance(nodes[0], ast.Name) else None
    values: object = tuple(_literal(arg) for arg in nodes[1 if batch else 0 :])
    if batch is not None and isinstance(values, tuple):
        values = (0, *values)
    if not isinstance(values, tuple) or not all(isinstance(v, int) for v in values):
        return None
    if batch is not None:  # (channels last: the arrays of NumPy, JAX and TensorFlow)
        if dotted.startswith(("tf.", "np.", "numpy.", "jnp.", "jax.numpy.")) and len(values) >= 3:
            return Tensor(tuple(values[1:-1]), values[-1], False, batch)
        return None
    if dotted.startswith("torch.") and 2 <= len(values) <= 5:
        return Tensor(tuple(values[2:]), values[1], True, str(values[0]))
    if dotted.startswith(("tf.", "np.", "numpy.", "jnp.", "jax.numpy.")) and 3 <= len(values) <= 5:
        return Tensor(tuple(values[1:-1]), values[-1], False, str(values[0]))
    return None


def _keras_tensor(shape: object) -> Tensor | None:
    if isinstance(shape, int):
        shape = (shape,)
    if not isinstance(shape, (tuple, list)) or not shape:
        return None
    if not all(isinstance(v, int) for v in shape):
        return None
    values = tuple(shape)
    return Tensor(values[:-1], values[-1], False)


def _steps(tree: ast.Module) -> list[_Step]:
    """Stated inputs, layer applications and shown shapes, in the order the code runs them:
    statements by line, and within one the inner calls first (``pool(conv(x))``)."""
    modules: dict[str, list[_Layer]] = {}  # layers built under a name, applied where called
    callees = [_applied(node) for node in ast.walk(tree) if isinstance(node, ast.Call)]
    called = set(callees)
    once = frozenset(name for name, count in Counter(callees).items() if count == 1)
    statements = [
        node for node in ast.walk(tree) if isinstance(node, (ast.Assign, ast.Expr, ast.Return))
    ]
    steps: list[_Step] = []
    arrays = array_shapes(tree)  # kernels of functional convolutions, by name
    for statement in sorted(statements, key=lambda node: (node.lineno, node.col_offset)):
        target = ""
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = _dotted(statement.targets[0])
        value = statement.value
        if target in called and isinstance(value, ast.Call):
            built = _built_layers(value)
            if built:
                modules[target] = built
                # a count in the comment of the line that builds it: sizes from the call
                line = (value.end_lineno or value.lineno) - 1
                steps.extend(_Step(line, 0, layer=layer, counted_only=True) for layer in built)
                continue
        calls = list(_inner_first(value)) if value is not None else []
        constructors = {id(call.func) for call in calls if isinstance(call.func, ast.Call)}
        listed = _listed_calls(value) if value is not None else set()
        for call in calls:
            if id(call) in constructors:  # ``Conv2D(…)(x)`` is applied by the outer call
                continue
            functional = functional_conv(call, arrays) if arrays else None
            if functional is not None:
                kind, constructed, channels_first = functional
                conv = _Layer(kind, constructed, _end_line(call), channels_first)
                steps.append(
                    _Step(
                        _end_line(call), call.col_offset, conv, None, _dotted(call.args[0]), target
                    )
                )
                continue
            layer = _layer(call)
            applied = _functional_pool(call) is not None
            if layer is not None and not (id(call) in listed or _states_input(call) or applied):
                # built on its own and applied nowhere here: only its count can be checked
                steps.append(
                    _Step((call.end_lineno or call.lineno) - 1, 0, layer=layer, counted_only=True)
                )
                continue
            steps.extend(_call_steps(call, target, modules, once))
    return steps


# A comment on a line of its own that states a variable's shape: "# x.shape == (None, 26, 26,
# 32)", "# y.shape: torch.Size([1, 8, 30, 30])", "# x: (None, 13, 13, 8)".
_NAMED_SHAPE = lazy_regex(
    r"^\s*(?P<name>[A-Za-z_][\w.]*?)(?:\.shape|\.size\(\))?\s*(?:==|=|:|->|\N{RIGHTWARDS ARROW})"
    r"\s*(?:torch\.Size\(\s*)?[(\[]"
)
# A comment on the line after a layer that states what it returned: "# -> (None, 26, 26, 32)",
# "# output: 26x26x32", "# out shape (8, 16, 30, 30)".
_RESULT_LINE = lazy_regex(
    r"^\s*(?:->|\N{RIGHTWARDS ARROW}|=>|(?:output|out|result)(?:\s+shape)?\s*[:=]?|shape\s*[:=])",
    re.IGNORECASE,
)


# What a ``print(y.shape)`` printed, as a comment of its own: "# torch.Size([1, 8, 15, 15])",
# "# prints (None, 13, 13, 8)", "# Output: (None, 13, 13, 8)".
_PRINTED = lazy_regex(
    r"^\s*(?:(?:prints?|printed|output|out|shows?)\s*:?\s*)?(?:torch\.Size\(|TensorShape\(|[(\[])",
    re.IGNORECASE,
)


def _with_comment_lines(
    steps: list[_Step], code: str, comments: dict[int, tuple[int, str]]
) -> list[_Step]:
    """The steps with comment-only lines that state a shape read as shown shapes: of the
    variable they name, or of what the line above computed."""
    lines = code.split("\n")
    stepped = {step.line for step in steps}
    printed = {step.line: step.source for step in steps if step.shows}
    added: list[_Step] = []
    for line, (column, text) in sorted(comments.items()):
        if line in stepped or not lines[line].lstrip().startswith("#"):
            continue
        named = _NAMED_SHAPE.match(text)
        follows = line - 1 in stepped and not comments.get(line - 1)
        if named is not None and named.group("name").lower() not in (
            "output",
            "out",
            "result",
            "shape",
        ):
            added.append(_Step(line, column, source=named.group("name"), shows=True))
        elif follows and line - 1 in printed and _PRINTED.match(text):
            # ``print(y.shape)`` and on the next line what it printed
            added.append(_Step(line, column, source=printed[line - 1], shows=True))
        elif follows and _RESULT_LINE.match(text):
            added.append(_Step(line, column, source=_LAST_RESULT, shows=True))
    merged: list[_Step] = []
    for step in steps:  # keep the steps' own order; a comment line goes after those above it
        while added and added[0].line < step.line:
            merged.append(added.pop(0))
        merged.append(step)
    return merged + added


def _listed_calls(node: ast.AST) -> set[int]:
    """Calls that are items of a list or tuple, or arguments of ``Sequential``/``add``: layers
    applied one after the other."""
    listed: set[int] = set()
    for inner in ast.walk(node):
        if isinstance(inner, (ast.List, ast.Tuple)):
            listed.update(id(item) for item in inner.elts)
        elif isinstance(inner, ast.Call) and _callee(inner) in ("Sequential", "add"):
            listed.update(id(argument) for argument in inner.args)
    return listed


def _states_input(call: ast.Call) -> bool:
    return any(
        keyword.arg in ("input_shape", "input_dim")
        or (keyword.arg == "input_length" and _callee(call) == "Embedding")
        for keyword in call.keywords
    )


def _input_length(layer: _Layer) -> str:
    """An embedding's ``input_length`` is the number of token ids it is given: its input."""
    return "input_length" if layer.name == "Embedding" else "input_shape"


def _inner_first(node: ast.AST) -> Iterator[ast.Call]:
    for child in ast.iter_child_nodes(node):
        yield from _inner_first(child)
    if isinstance(node, ast.Call):
        yield node


def _built_layers(call: ast.Call) -> list[_Layer]:
    """The layers a call builds: one layer, or those listed in a ``Sequential``."""
    if _callee(call) != "Sequential":
        layer = _layer(call)
        return [layer] if layer is not None else []
    inner = [node for arg in call.args for node in ast.walk(arg) if isinstance(node, ast.Call)]
    layers = [_layer(node) for node in sorted(inner, key=lambda n: (n.lineno, n.col_offset))]
    return [layer for layer in layers if layer is not None] if all(layers) else []


def _call_steps(
    call: ast.Call,
    target: str,
    modules: dict[str, list[_Layer]],
    once: frozenset[str] = frozenset(),  # modules applied on one line only
) -> Iterator[_Step]:
    line, column = (call.end_lineno or call.lineno) - 1, call.col_offset
    stated = _stated_tensor(call)
    if stated is not None:
        yield _Step(line, column, tensor=stated, target=target)
        return
    source = _dotted(call.args[0]) if call.args else ""
    layer, built = _layer(call), call
    if layer is None and isinstance(call.func, ast.Call):
        layer, built = _layer(call.func), call.func  # ``layers.Conv2D(…)(inputs)``
    elif _functional_pool(call) is not None:
        pass  # ``F.max_pool2d(x, 2)`` is applied to its first argument
    else:
        source = ""  # a layer built in a list or a Sequential takes what came before
    if layer is not None:
        keywords = ("input_shape", "input_dim", _input_length(layer))
        shape = next((k.value for k in built.keywords if k.arg in keywords), None)
        if shape is not None:
            yield _Step(line, column, tensor=_keras_tensor(_literal(shape)))
        yield _Step(line, column, layer=layer, source=source, target=target)
        return
    source = _dotted(call.args[0]) if call.args else ""
    applied = _applied(call)
    if applied != _dotted(call.func):  # ``conv.apply(params, x)``: x is the second argument
        source = _dotted(call.args[1])
    if applied in modules:
        layers = modules[applied]
        own_lines = len(layers) > 1 and applied in once
        for layer in layers:
            # a Sequential applied once: each of its lines' comments states that layer's output
            at = layer.line if own_lines else line
            yield _Step(at, column, layer=layer, source=source, target=target)
            source = ""  # the next layer of a sequence takes the previous one's output
        if own_lines:  # the comment of the line that applies it states the result
            yield _Step(line, column, source=_LAST_RESULT, target=target, shows=True)
    elif _callee(call) == "print" and call.args:
        shown = _shape_of(call.args[0])
        if shown:
            yield _Step(line, column, source=shown, shows=True)


def _applied(call: ast.Call) -> str:
    """The module a call applies: ``conv`` for ``conv(x)`` and for Flax's ``conv.apply(params,
    x)``."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "apply" and len(call.args) == 2:
        return _dotted(func.value)
    return _dotted(func)


_LAST_RESULT = "<last result>"  # ``print(net(x).shape)``: what the line computed last


def _shape_of(node: ast.expr) -> str:
    """``y.shape`` or ``y.size()``: the variable whose shape is shown."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        node = node.func if node.func.attr == "size" and not node.args else node
    if isinstance(node, ast.Attribute) and node.attr in ("shape", "size", "output_shape"):
        return _LAST_RESULT if isinstance(node.value, ast.Call) else _dotted(node.value)
    return ""


def _functional_pool(call: ast.Call) -> _Layer | None:
    """A pooling function as the layer class it computes, its input argument left out."""
    match = _FUNCTIONAL_POOL.fullmatch(_callee(call))
    dotted = _dotted(call.func)
    if match is None or not call.args or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    op = "Max" if match.group("op") == "max" else "Average"
    dims = match.group("dims")
    arguments = call.args[1:]
    if dotted.startswith(("F.", "torch.", "nn.functional.")) and dims is not None:
        if op == "Max" and len(arguments) > 3:  # ceil_mode's position differs from the class's
            return None
        name = f"{'MaxPool' if op == 'Max' else 'AvgPool'}{dims}"
        built = ast.Call(func=ast.Name(id=name), args=arguments, keywords=call.keywords)
        return _Layer(name, ast.copy_location(built, call), _end_line(call), True)
    renamed = {"ksize": "pool_size", "pool_size": "pool_size", "strides": "strides"}
    keywords = [
        ast.keyword(arg=renamed.get(k.arg or "", k.arg), value=_lowered(k.value))
        for k in call.keywords
    ]
    if dotted.startswith("tf.nn.") and dims is not None:
        if len(arguments) > 3 or not all(
            k.arg in ("pool_size", "strides", "padding") for k in keywords
        ):
            return None  # a data_format or a name: leave it
        arguments = [_middle(a) if i < 2 else _lowered(a) for i, a in enumerate(arguments)]
        keywords = [
            ast.keyword(arg=k.arg, value=_middle(k.value) if k.arg != "padding" else k.value)
            for k in keywords
        ]
    elif dims is None and dotted.startswith(("nn.", "linen.")):
        return _flax_pool(call, op)
    elif not (dotted.startswith(("keras.ops.", "ops.")) and dims is None):
        return None
    name = f"{op}Pooling{dims[0] if dims else 'N'}D"
    built = ast.Call(func=ast.Name(id=name), args=arguments, keywords=keywords)
    return _Layer(name, ast.copy_location(built, call), _end_line(call), False)


def _flax_pool(call: ast.Call, op: str) -> _Layer | None:
    """Flax's ``nn.max_pool(x, window_shape, strides, padding)``: stride 1 (not the window)
    and "VALID" padding unless told."""
    names = ("window_shape", "strides", "padding")
    arguments: dict[str, ast.expr] = dict(zip(names, call.args[1:], strict=False))
    arguments.update({k.arg: k.value for k in call.keywords if k.arg is not None})
    window = _literal(arguments["window_shape"]) if "window_shape" in arguments else None
    if not isinstance(window, tuple) or not 1 <= len(window) <= 3 or set(arguments) - {*names}:
        return None
    ones = ast.Tuple(elts=[ast.Constant(value=1)] * len(window), ctx=ast.Load())
    keywords = [
        ast.keyword(arg="pool_size", value=arguments["window_shape"]),
        ast.keyword(arg="strides", value=arguments.get("strides", ones)),
        ast.keyword(
            arg="padding", value=_lowered(arguments.get("padding", ast.Constant(value="valid")))
        ),
    ]
    name = f"{op}Pooling{len(window)}D"
    built = ast.Call(func=ast.Name(id=name), args=[], keywords=keywords)
    return _Layer(name, ast.copy_location(built, call), _end_line(call), False)


def _end_line(call: ast.Call) -> int:
    return (call.end_lineno or call.lineno) - 1


def _lowered(node: ast.expr) -> ast.expr:
    """``padding="SAME"`` of ``tf.nn`` as Keras writes it."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return ast.Constant(value=node.value.lower())
    return node


def _middle(node: ast.expr) -> ast.expr:
    """``ksize=[1, 2, 2, 1]``: the spatial sizes of a window given for every axis."""
    if isinstance(node, (ast.List, ast.Tuple)) and len(node.elts) == 4:
        return ast.Tuple(elts=node.elts[1:3], ctx=ast.Load())
    return node


def _flax_conv(call: ast.Call) -> _Layer | None:
    """Flax's ``nn.Conv(features, kernel_size, strides, padding)`` as the Keras convolution it
    computes: channels last, "SAME" padding and stride 1 unless told, as many spatial axes as
    the kernel has (an int kernel is one axis); ``kernel_dilation`` is Keras' dilation rate."""
    if _callee(call) != "Conv" or not _dotted(call.func).startswith(("nn.", "linen.")):
        return None
    names = ("features", "kernel_size", "strides", "padding")
    arguments: dict[str, ast.expr] = dict(zip(names, call.args, strict=False))
    arguments.update({k.arg: k.value for k in call.keywords if k.arg is not None})
    if "features" not in arguments or "kernel_size" not in arguments:
        return None
    if set(arguments) - {*names, "kernel_dilation", "use_bias", "name"}:
        return None  # input dilation, feature groups, a precision: left alone
    kernel = _literal(arguments["kernel_size"])
    dims = 1 if isinstance(kernel, int) else len(kernel) if isinstance(kernel, tuple) else 0
    if dims not in (1, 2, 3):
        return None
    keywords = [
        ast.keyword(arg="filters", value=arguments["features"]),
        ast.keyword(arg="kernel_size", value=arguments["kernel_size"]),
        ast.keyword(arg="strides", value=arguments.get("strides", ast.Constant(value=1))),
        ast.keyword(
            arg="padding", value=_lowered(arguments.get("padding", ast.Constant(value="same")))
        ),
    ]
    if "kernel_dilation" in arguments:
        keywords.append(ast.keyword(arg="dilation_rate", value=arguments["kernel_dilation"]))
    name = f"Conv{dims}D"
    built = ast.Call(func=ast.Name(id=name), args=[], keywords=keywords)
    return _Layer(name, ast.copy_location(built, call), _end_line(call), False)


def _layer(call: ast.Call) -> _Layer | None:
    name = _callee(call)
    functional = _functional_pool(call)
    if functional is not None:
        return functional
    flax = _flax_conv(call)
    if flax is not None:
        return flax
    if name in ("Sequential", "Model", "Module", "ModuleList", "ModuleDict"):
        return None
    known = (
        _CONV.fullmatch(name)
        or _DEPTHWISE.fullmatch(name)
        or _ZERO_PADDING.fullmatch(name)
        or _POOL.fullmatch(name)
        or _GLOBAL_POOL.fullmatch(name)
        or name in ("Dense", "Linear", "Flatten", "Embedding", *_ATTENTION)
        or name in _RECURRENT
        or name in _SHAPE_KEEPING
    )
    if not known and not (name[:1].isupper() and _dotted(call.func).startswith(("nn.", "layers."))):
        return None
    torch = _dotted(call.func).startswith(("nn.", "torch.")) or name[-1:] == "d"
    return _Layer(name, call, (call.end_lineno or call.lineno) - 1, torch)


def _depthwise_output(layer: _Layer, given: Tensor) -> tuple[Tensor, str] | None:
    """A depthwise layer outputs C·M channels, a separable one F; sizes as a convolution's."""
    settings = _depthwise_settings(layer)
    if settings is None or given.torch or len(given.spatial) != len(settings[0]):
        return None
    kernel, multiplier, filters, _bias = settings
    separable = filters is not None
    offset = 1 if separable else 0  # SeparableConv2D(filters, kernel_size, strides, padding)
    strides = _per_axis(layer.argument(1 + offset, "strides", 1), len(kernel))
    padding = layer.argument(2 + offset, "padding", "valid")
    dilation = _per_axis(layer.argument(99, "dilation_rate", 1), len(kernel))
    channels = filters if separable else given.channels * multiplier
    if strides is None or dilation is None or not isinstance(channels, int):
        return None
    spatial = _sizes(given.spatial, kernel, strides, padding, dilation, ceil_mode=False)
    return (
        None
        if spatial is None
        else (replace(given, spatial=spatial[0], channels=channels), spatial[1])
    )


def _transposed_settings(layer: _Layer, dims: int) -> tuple[object, ...] | None:
    """Filters, kernel, strides, padding, dilation and output padding of a transposed
    convolution, or None when an ``output_padding`` (Keras's, or a non-literal) makes its
    output size a choice. PyTorch's literal one adds its value to each axis."""
    extras: tuple[int, ...] | None = (0,) * dims
    if layer.torch:
        filters = layer.argument(1, "out_channels")
        kernel = _per_axis(layer.argument(2, "kernel_size"), dims)
        strides = _per_axis(layer.argument(3, "stride", 1), dims)
        padding, extra = layer.argument(4, "padding", 0), layer.argument(5, "output_padding", 0)
        dilation = _per_axis(layer.argument(8, "dilation", 1), dims)
    else:
        filters = layer.argument(0, "filters")
        kernel = _per_axis(layer.argument(1, "kernel_size"), dims)
        strides = _per_axis(layer.argument(2, "strides", 1), dims)
        padding, extra = layer.argument(3, "padding", "valid"), layer.argument(4, "output_padding")
        dilation = _per_axis(layer.argument(6, "dilation_rate", 1), dims)
    if extra not in (None, 0):
        extras = _per_axis(extra, dims) if layer.torch else None
    if extras is None or not _is_int(filters) or None in (kernel, strides, dilation):
        return None
    return filters, kernel, strides, padding, dilation, extras


def _transposed_output(layer: _Layer, given: Tensor) -> tuple[Tensor, str] | None:
    """Keras: "valid" gives n·s + max(k - s, 0), "same" n·s; PyTorch (n - 1)·s - 2p + d·(k - 1)
    + 1 (k is the dilated kernel d·(k - 1) + 1 in Keras)."""
    dims = len(given.spatial)
    if layer.torch != given.torch or dims == 0:
        return None
    settings = _transposed_settings(layer, dims)
    if settings is None:
        return None
    filters, kernel, strides, padding, dilation, extras = settings
    assert isinstance(filters, int) and isinstance(kernel, tuple)
    assert isinstance(strides, tuple) and isinstance(dilation, tuple)
    assert isinstance(extras, tuple)
    if padding == "same" and not layer.torch:
        spatial = tuple(n * s for n, s in zip(given.spatial, strides, strict=True))
        how = f"{given.spatial[0]} {TIMES} {strides[0]} = {spatial[0]} ('same' padding)"
        return replace(given, spatial=spatial, channels=filters), how
    if padding == "valid" and not layer.torch:
        spans = tuple(d * (k - 1) + 1 for d, k in zip(dilation, kernel, strict=True))
        spatial = tuple(
            n * s + max(k - s, 0) for n, s, k in zip(given.spatial, strides, spans, strict=True)
        )
        how = f"{given.spatial[0]} {TIMES} {strides[0]} + max({spans[0]} {MINUS} {strides[0]}, 0)"
        return replace(given, spatial=spatial, channels=filters), f"{how} = {spatial[0]}"
    pads = _per_axis(padding, dims) if layer.torch else None
    if pads is None:
        return None
    axes = zip(given.spatial, strides, pads, dilation, kernel, extras, strict=True)
    spatial = tuple((n - 1) * s - 2 * p + d * (k - 1) + e + 1 for n, s, p, d, k, e in axes)
    if min(spatial) <= 0:
        return None
    span = str(kernel[0]) if dilation[0] == 1 else f"{dilation[0]}·({kernel[0]} {MINUS} 1) + 1"
    extra = f" + {extras[0]}" if any(extras) else ""
    how = (
        f"({given.spatial[0]} {MINUS} 1)·{strides[0]} {MINUS} 2·{pads[0]} + {span}{extra} "
        f"= {spatial[0]}"
    )
    return replace(given, spatial=spatial, channels=filters), how


def _padding_amounts(layer: _Layer, dims: int) -> list[tuple[int, int]] | None:
    """(before, after) zeros per spatial axis, in the axis order of the tensor."""
    value = layer.argument(0, "padding", 1)
    if isinstance(value, int) and not isinstance(value, bool):
        return [(value, value)] * dims
    if not isinstance(value, (tuple, list)) or not all(
        isinstance(v, (int, tuple, list)) for v in value
    ):
        return None
    if layer.torch:  # (left, right, top, bottom, …): the last axis first
        if len(value) != 2 * dims or not all(isinstance(v, int) for v in value):
            return None
        pairs = [(int(value[i]), int(value[i + 1])) for i in range(0, len(value), 2)]
        return pairs[::-1]
    if len(value) != dims:
        return None
    if all(isinstance(v, int) for v in value):  # symmetric per axis
        return [(int(v), int(v)) for v in value]
    pairs = [tuple(v) for v in value if isinstance(v, (tuple, list)) and len(v) == 2]
    if len(pairs) != dims or not all(isinstance(x, int) for pair in pairs for x in pair):
        return None
    return [(int(pair[0]), int(pair[1])) for pair in pairs]


def _padded(layer: _Layer, given: Tensor) -> tuple[Tensor, str] | None:
    """Zero padding adds its zeros to each side: 224 padded by 3 is 230."""
    if layer.torch != given.torch or not given.spatial:
        return None
    amounts = _padding_amounts(layer, len(given.spatial))
    if amounts is None or any(a < 0 or b < 0 for a, b in amounts):
        return None
    spatial = tuple(size + a + b for size, (a, b) in zip(given.spatial, amounts, strict=True))
    first = amounts[0]
    how = f"{given.spatial[0]} + {first[0]} + {first[1]} = {spatial[0]}"
    return replace(given, spatial=spatial), how


def _apply(layer: _Layer, given: Tensor) -> tuple[Tensor, str] | None:
    """What the layer outputs for ``given``, with the calculation; None if unknown."""
    if any(keyword.arg == "data_format" for keyword in layer.call.keywords):
        return None  # channels first in Keras, or a layout named by a variable
    depthwise = _depthwise_output(layer, given)
    if depthwise is not None:
        return depthwise
    if _ZERO_PADDING.fullmatch(layer.name):
        return _padded(layer, given)
    if _TRANSPOSED.fullmatch(layer.name):
        return _transposed_output(layer, given)
    conv, pool = _CONV.fullmatch(layer.name), _POOL.fullmatch(layer.name)
    match = conv or pool
    if match is not None:
        dims = len(given.spatial) if match.group("dims") == "N" else int(match.group("dims"))
        if len(given.spatial) != dims or layer.torch != given.torch:
            return None
        return _conv_output(layer, given, dims) if conv else _pool_output(layer, given, dims)
    if _GLOBAL_POOL.fullmatch(layer.name):
        return _global_pool_output(layer, given)
    if layer.name == "Flatten":
        width = math.prod(given.spatial) * given.channels
        return replace(given, spatial=(), channels=width), f"flattened to {width:,}"
    if layer.name in ("Dense", "Linear"):
        if layer.torch and given.spatial:
            return None  # nn.Linear acts on the last axis, which is no channel axis here
        units = layer.argument(1 if layer.torch else 0, "out_features" if layer.torch else "units")
        return (replace(given, channels=units), "") if isinstance(units, int) else None
    if layer.name in _SHAPE_KEEPING:
        return given, ""
    if layer.name == "MultiHeadAttention" and not layer.torch:
        return None if _keyword(layer, "output_shape") else (given, "")
    return _sequence_output(layer, given)


def _global_pool_output(layer: _Layer, given: Tensor) -> tuple[Tensor, str] | None:
    """Keras' global pooling drops the spatial axes (kept as 1s with ``keepdims=True``);
    PyTorch's adaptive pooling outputs the size it is given (``AdaptiveAvgPool2d(1)``)."""
    if layer.name.startswith("Adaptive"):
        sizes = _per_axis(layer.argument(0, "output_size"), len(given.spatial))
        if sizes is None or not given.torch:
            return None
        return replace(given, spatial=sizes), "adaptive pooling outputs the size it is given"
    keep = layer.argument(99, "keepdims", False)
    if not isinstance(keep, bool):
        return None
    if keep:
        return replace(given, spatial=(1,) * len(given.spatial)), "keepdims keeps 1s"
    return replace(given, spatial=()), "global pooling keeps only the channels"


def _sequence_output(layer: _Layer, given: Tensor) -> tuple[Tensor, str] | None:
    """Keras only: an embedding adds a feature axis of its dimension to the token ids; a
    recurrent layer keeps the time axis only with ``return_sequences=True``."""
    if layer.torch or given.torch:
        return None
    if layer.name == "Embedding":
        width = layer.argument(1, "output_dim")
        if given.spatial or not _is_int(width):
            return None
        assert isinstance(width, int)
        return Tensor((given.channels,), width, False, given.batch), ""
    units = layer.argument(0, "units")
    sequences = layer.argument(99, "return_sequences", False)
    if layer.name not in _RECURRENT or not _is_int(units) or not isinstance(sequences, bool):
        return None
    if len(given.spatial) != 1 or _keyword(layer, "return_state"):
        return None
    assert isinstance(units, int)
    return replace(given, spatial=given.spatial if sequences else (), channels=units), ""


# Words that make a comment's size something other than the layer's output.
_NOT_OUTPUT = lazy_regex(
    r"\b(?:kernel|filter|window|stride|weights?|bias|pool\s+size|receptive)", re.I
)
_OUTPUT_CUE = lazy_regex(
    r"->|\N{RIGHTWARDS ARROW}|=>|\bout(?:put)?\b|\bshape\b|\bmaps?\b|\bbecomes\b"
)


# "56x56 -> 28x28", "32x32 becomes 16x16", "16x16 stays 16x16": the shape after is the claim.
_ARROW = lazy_regex(
    r"->|\N{RIGHTWARDS ARROW}|=>|\b(?:becomes|turns\s+into|shrinks\s+to|stays|remains)\b"
)


def _claimed_shape(
    comment: str, expected: Tensor, changes_rank: bool = False
) -> tuple[int, int, tuple[str, ...]] | None:
    """The shape a comment states, as written dimensions, when it is shaped like ``expected``:
    a tuple with the batch the code has (``None`` in Keras), or "26x26x32" without it. After a
    layer that changes the number of axes (Flatten, global pooling) a tuple with the batch may
    have any number of axes: "(None, 1, 1, 16)" after global pooling is a wrong shape."""
    # "56x56 -> 27x27": the shape after the last arrow that has one ("(4, 64, 16, 56, 56) ->
    # time kept" says something of the shape before it)
    arrows = [m for m in _ARROW.finditer(comment) if _SHAPE_TEXT.search(comment, m.end())]
    match = _SHAPE_TEXT.search(comment, arrows[-1].end() if arrows else 0)
    if match is None or _NOT_OUTPUT.search(comment):
        return None
    written = expected.written()
    if match.group("dims") is not None:
        parts = tuple(part.strip() for part in match.group("dims").split(","))
        batch_ok = parts[0] == expected.batch or not parts[0].isdigit()
        if len(parts) == len(written) and batch_ok:
            return match.start(), match.end(), parts
        if changes_rank and parts[0] == expected.batch:
            return match.start(), match.end(), parts
        return None
    parts = tuple(re.split(rf"\s*[{TIMES}xX]\s*", match.group("cross")))
    if len(parts) == len(written) - 1:
        return match.start(), match.end(), parts
    if len(parts) == len(expected.spatial) and _OUTPUT_CUE.search(comment):
        return match.start(), match.end(), parts
    if len(parts) == len(expected.spatial) and comment.strip() == match.group(0):
        return match.start(), match.end(), parts  # a comment that is only a size: "# 56 x 56"
    return None


_LAYER_DIMS = lazy_regex(r"(?P<dims>[123])[dD]")


def _comment_input(comment: str, layer: _Layer) -> Tensor | None:
    """The input a layer line's comment states before its one arrow ("# 112x112 -> 56x56",
    "# 64x64x32 => 32x32x32"), for a layer whose input the code never states."""
    arrows = list(_ARROW.finditer(comment))
    dims = _LAYER_DIMS.search(layer.name)
    if len(arrows) != 1 or dims is None or _NOT_OUTPUT.search(comment):
        return None
    before = [m for m in _SHAPE_TEXT.finditer(comment, 0, arrows[0].start()) if m.group("cross")]
    if len(before) != 1:
        return None
    sizes = tuple(int(part) for part in re.split(rf"\s*[{TIMES}xX]\s*", before[0].group("cross")))
    count = int(dims.group("dims"))
    torch_conv = layer.torch and _CONV.search(layer.name) is not None
    channels = layer.argument(0, "in_channels") if torch_conv else None
    if len(sizes) == count:
        spatial, depth = sizes, channels if isinstance(channels, int) else 0
    elif len(sizes) == count + 1 and len(set(sizes[:count])) == 1 != len(set(sizes[1:])):
        spatial, depth = sizes[:count], sizes[-1]  # "56x56x64": channels last
    elif len(sizes) == count + 1 and len(set(sizes[1:])) == 1 != len(set(sizes[:count])):
        spatial, depth = sizes[1:], sizes[0]  # "64x56x56": channels first
    else:
        return None
    after = _SHAPE_TEXT.search(comment, arrows[0].end())
    claims_depth = (
        after is None or len(re.split(rf"\s*[{TIMES}xX]\s*", after.group("cross") or "")) != count
    )
    if depth == 0 and claims_depth:
        return None  # the depth is unknown: only a size per axis can be checked
    return Tensor(spatial, depth, layer.torch, "N" if layer.torch else "None")


def _shape_agrees(parts: Sequence[str], expected: Tensor) -> bool:
    """Whether a written shape is the expected one; without the batch, channels may be written
    first or last ("16x30x30" or "30x30x16")."""
    written = expected.written()
    if len(parts) == len(written):
        return tuple(parts[1:]) == written[1:]  # the batch may be written any way
    sizes = tuple(map(str, expected.spatial))
    channels = str(expected.channels)
    if len(parts) == len(written) - 1:
        return tuple(parts) in ((*sizes, channels), (channels, *sizes))
    return tuple(parts) == sizes


def layer_output(call: str, given: Tensor) -> tuple[Tensor, str] | None:
    """What one layer call written as source (``nn.MaxPool2d(2)``) outputs for ``given``, with
    the calculation of its first axis; None when the tracker does not know the layer."""
    try:
        node = ast.parse(call.strip(), mode="eval").body
    except SyntaxError:
        return None
    layer = _layer(node) if isinstance(node, ast.Call) else None
    return None if layer is None else _apply(layer, given)


def shape_agrees(parts: Sequence[str], expected: Tensor) -> bool:
    """Whether a written shape ("None", "30", "30", "32" or, without the batch, channels first
    or last) is ``expected``."""
    return _shape_agrees(parts, expected)


# An interactive session: ">>> " and "... " prompts before code, what it printed without.
_PROMPT = lazy_regex(r"^(?:>>>|\.\.\.)(?: |$)")


def _unprompted(code: str) -> tuple[str, list[int]] | None:
    """A transcript of the Python prompt as a script: the prompts taken off the code, and each
    printed line made the comment it shows (``torch.Size([1, 32, 99])`` after ``print(…)``);
    with each line's column shift. None when ``code`` is no transcript."""
    lines = code.split("\n")
    if not any(line.startswith(">>>") for line in lines):
        return None
    script, shifts = [], []
    for line in lines:
        prompt = _PROMPT.match(line)
        if prompt is not None:
            script.append(line[prompt.end() :])
            shifts.append(-prompt.end())
        elif line.strip():
            script.append(f"# {line}")
            shifts.append(2)
        else:
            script.append(line)
            shifts.append(0)
    return "\n".join(script), shifts


def layer_code_problems(code: str) -> Iterator[CodeProblem]:
    """Shapes and parameter counts in comments that the layer calls before them contradict."""
    transcript = _unprompted(code)
    if transcript is None:
        yield from _script_problems(code)
        return
    script, shifts = transcript
    for problem in _script_problems(script):
        shift = shifts[problem.line]
        yield replace(problem, start=problem.start - shift, end=problem.end - shift)


def _script_problems(code: str) -> Iterator[CodeProblem]:
    if not re.search(
        r"\b(?:Conv|Dense|Linear|Input|rand)|Pool|_pool|LSTM|GRU|RNN|Embedding|Attention"
        r"|\bconv(?:_general_dilated|[123]d)\(",
        code,
    ):
        return
    parsed = parse_commented(code)
    if parsed is None:
        return
    tree, comments = parsed
    steps = _with_comment_lines(_steps(tree), code, comments)
    # Several layers applied on one line (``pool(conv(x))``): the comment is the last one's.
    last_on_line = {
        step.line: index for index, step in enumerate(steps) if step.layer or step.shows
    }
    # The shapes a variable may have: the computed one and, after a wrong comment, the one the
    # comment states, so that one mistake gives one finding whichever the author followed.
    variables: dict[str, list[Tensor]] = {}
    current: list[Tensor] = []
    applied_lines = {step.line for step in steps if step.layer and not step.counted_only}
    commented = _commented_shapes(tree, comments)
    # the variables (and the last result) whose shape follows from a shape a comment gave,
    # not one the code makes: their findings rest on a quantity carried from another line
    carried: set[str] = set()
    current_carried = False
    for index, step in enumerate(steps):
        comment = comments.get(step.line, (0, ""))
        if last_on_line.get(step.line, index) != index:
            comment = (0, "")
        if step.counted_only:
            problem = _count_problem(step, None, comment)
            if problem is None and step.line not in applied_lines:
                problem = _stated_io_problem(step, comment)  # "# 57x57 => 28x28", never applied
            if problem is not None:
                yield problem
            continue
        if step.shows:
            shown = current if step.source == _LAST_RESULT else variables.get(step.source, [])
            if shown and comment[1]:
                problem, kept = _shape_problem(step, [(t, "") for t in shown], shown[0], comment)
                if problem is not None:
                    from_comment = (
                        current_carried if step.source == _LAST_RESULT else step.source in carried
                    )
                    yield replace(problem, carried=from_comment)
                # after a wrong shape, the next lines may build on either
                if step.source == _LAST_RESULT:
                    current = kept
                else:
                    variables[step.source] = kept
            continue
        if step.tensor is not None or step.layer is None:
            if step.tensor is not None:
                current, current_carried = [step.tensor], False
            elif step.source in variables:
                current, current_carried = variables[step.source], step.source in carried
            if step.target:
                variables[step.target] = current
                _mark(carried, step.target, current_carried)
            continue
        if step.source and step.source in variables:
            given, from_comment = variables[step.source], step.source in carried
        elif step.source and current_carried:
            given, from_comment = [], False  # a chain a comment started is no other name's
        else:
            given, from_comment = current, current_carried
        if not given:  # "# 224x224 -> 112x112": the comment states the layer's input too
            stated = _comment_input(comment[1], step.layer)
            given = [stated] if stated is not None else []
        if not given and step.source:
            # "x = x.transpose(1, 2)  # (N, 64, 200)": the shape a comment gave its variable
            stated = _assigned_shape(commented, step.source, step.line, step.layer)
            given, from_comment = ([stated], True) if stated is not None else ([], False)
        problem = _count_problem(step, given[0] if given else None, comment)
        if problem is not None:
            yield replace(problem, carried=from_comment)
        results = [r for r in (_apply(step.layer, tensor) for tensor in given) if r is not None]
        if len(results) != len(given):
            results = []
        current, current_carried = [tensor for tensor, _how in results], from_comment
        if results and comment[1]:
            problem, current = _shape_problem(step, results, given[0], comment)
            if problem is not None:
                yield replace(problem, carried=from_comment)
        if step.target:
            variables[step.target] = current
            _mark(carried, step.target, current_carried)


def _mark(names: set[str], name: str, present: bool) -> None:
    if present:
        names.add(name)
    else:
        names.discard(name)


def _commented_shapes(
    tree: ast.Module, comments: dict[int, tuple[int, str]]
) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    """The shapes comments give variables where they are assigned by code the tracker does not
    follow ("x = item_emb(ids)  # (N, 200, 64)", "x = x.transpose(1, 2)  # (N, 64, 200)"): by
    name, each with its 0-based line and its written dimensions (a tuple with its batch)."""
    found: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        target = node.targets[0]
        line = (node.end_lineno or node.lineno) - 1
        comment = comments.get(line)
        if not isinstance(target, ast.Name) or comment is None or _ARROW.search(comment[1]):
            continue
        if isinstance(node.value, ast.Call) and (
            _callee(node.value) in _TENSOR_MAKERS or _callee(node.value) == "Input"
        ):
            continue  # a tensor the code makes: its own readers take its shape, or leave it
        match = _SHAPE_TEXT.match(comment[1].strip())
        if match is not None and match.group("dims") is not None:
            parts = tuple(part.strip() for part in match.group("dims").split(","))
            found.setdefault(target.id, []).append((line, parts))
    return found


def _assigned_shape(
    commented: dict[str, list[tuple[int, tuple[str, ...]]]], name: str, line: int, layer: _Layer
) -> Tensor | None:
    """The input of ``layer`` applied to ``name`` on ``line``: the shape a comment gave the
    variable last before that line, read in the layer's own layout (channels first in
    PyTorch, last in Keras), when it has the batch, channels and the layer's spatial axes."""
    earlier = [parts for at, parts in commented.get(name, ()) if at < line]
    dims = _LAYER_DIMS.search(layer.name)
    if not earlier or dims is None:
        return None
    parts = earlier[-1]
    if len(parts) != int(dims.group("dims")) + 2 or not all(p.isdigit() for p in parts[1:]):
        return None
    sizes = tuple(int(part) for part in parts[1:])
    if layer.torch:
        return Tensor(sizes[1:], sizes[0], True, parts[0])
    return Tensor(sizes[:-1], sizes[-1], False, parts[0])


def _stated_io_problem(step: _Step, comment: tuple[int, str]) -> CodeProblem | None:
    """A layer built but applied nowhere, whose comment states its input and its output."""
    assert step.layer is not None
    given = _comment_input(comment[1], step.layer)
    result = _apply(step.layer, given) if given is not None else None
    if given is None or result is None:
        return None
    return _shape_problem(step, [result], given, comment)[0]


def _count_problem(
    step: _Step, given: Tensor | None, comment: tuple[int, str]
) -> CodeProblem | None:
    assert step.layer is not None
    stated = _COUNT.search(comment[1])
    if stated is None:
        return None
    counted = _parameters(step.layer, given, comment[1])
    if counted is None:
        return None
    right, how = counted
    value = int(stated.group("count").replace(",", ""))
    if value == right:
        return None
    start, end = (comment[0] + offset for offset in stated.span("count"))
    message = f"{step.layer.name}: {how} parameters, not {stated.group('count')}"
    return CodeProblem(step.line, start, end, message, "count")


def _shape_problem(
    step: _Step, results: Sequence[tuple[Tensor, str]], given: Tensor, comment: tuple[int, str]
) -> tuple[CodeProblem | None, list[Tensor]]:
    """A stated shape against the computed ones (the first is the right one); what the next
    lines may build on."""
    expected, how = results[0]
    layer = step.layer
    changes_rank = layer is not None and (
        layer.name == "Flatten" or _GLOBAL_POOL.fullmatch(layer.name) is not None
    )
    claimed = _claimed_shape(comment[1], expected, changes_rank)
    if claimed is None:
        return None, [tensor for tensor, _how in results]
    start, end, parts = claimed
    if layer is not None and _names_kernel(layer, parts):
        return None, [tensor for tensor, _how in results]
    agreeing = [tensor for tensor, _how in results if _shape_agrees(parts, tensor)]
    if agreeing:
        return None, agreeing[:1]
    stated = comment[1][start:end].strip()
    if step.layer is None:
        shown = "it" if step.source == _LAST_RESULT else step.source
        message = f"the layers above make {shown} {expected.shown()}, not {stated}"
    else:
        why = f": {how}" if how else ""
        message = (
            f"{step.layer.name} on {given.shown()} outputs {expected.shown()}, not {stated}{why}"
        )
    problem = CodeProblem(step.line, comment[0] + start, comment[0] + end, message, "shape")
    return problem, [expected, _follow(parts, expected)]


def _names_kernel(layer: _Layer, parts: Sequence[str]) -> bool:
    """A comment "3x3" on a layer with a 3x3 kernel names its kernel, not its output."""
    if "pool" in layer.name.lower():
        keyword, position = ("kernel_size", 0) if layer.torch else ("pool_size", 0)
    else:
        keyword, position = "kernel_size", 2 if layer.torch else 1
    kernel = _per_axis(layer.argument(position, keyword, _UNKNOWN), len(parts))
    return tuple(int(part) for part in parts if part.isdigit()) == kernel


def _follow(parts: Sequence[str], expected: Tensor) -> Tensor:
    numbers = [int(part) for part in parts if part.isdigit()]
    written = [int(part) for part in expected.written() if part.isdigit()]
    if len(numbers) != len(written):
        return expected
    if len(parts) == len(expected.written()) and not parts[0].isdigit():
        numbers = [int(expected.batch) if expected.batch.isdigit() else 0, *numbers]
    values = numbers[-len(expected.spatial) - 1 :] if expected.spatial else numbers[-1:]
    if expected.torch:
        return replace(expected, channels=values[0], spatial=tuple(values[1:]))
    return replace(expected, spatial=tuple(values[:-1]), channels=values[-1])


# The layer type, for modules that build on these checks.
Layer = _Layer


def built_layer(call: ast.Call) -> _Layer | None:
    """The layer a call builds, if it is one these checks know."""
    return _layer(call)


def layer_parameters(layer: _Layer, given: Tensor | None, comment: str) -> tuple[int, str] | None:
    """The layer's parameter count and how it is made up, when every size is known."""
    return _parameters(layer, given, comment)
