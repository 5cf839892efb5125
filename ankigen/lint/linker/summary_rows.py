"""The parameter side of the stage-walk reading (issue #12): a row of a model summary
(Keras' ``model.summary()``, torchinfo, a hand-written listing of the same shape) states one
layer's parameter count; the note's one call of that layer type states its sizes.

    lstm (LSTM)            (None, 128)        24,704          `LSTM(128)` on (None, 50, 64)
    ├─Conv2d: 1-1          [2, 128, 248, 216] 147,456         `nn.Conv2d(128, 128, 3, padding=1)`

The count is recomputed under every convention the framework allows (a bias as the call
states it or by default; Keras' GRU with and without ``reset_after``; PyTorch's two bias
vectors per recurrent gate) and a count no convention gives is a finding: an error when the
call states every size, a warning when the input width comes from a shape or "N-dim" words.
A note with two calls of the row's type, or a row whose type no call states, is left alone.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.diagnostics import Severity
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker.note_lines import body_lines

# a summary row: the layer's type (alone, after its name in brackets, or before ": 1-1"),
# then an output shape, then the count at the end of the line
_ROW = lazy_regex(
    r"^[\s\W]*(?:[\w.]+\s*\(\s*)?(?P<type>[A-Z][A-Za-z0-9]+)\s*\)?\s*(?::\s*[\d-]+)?\s+"
    r"(?P<shape>[\[(][^\])]*[\])]\]?)\s+(?P<count>\d{1,3}(?:,\d{3})+|\d+)\s*$"
)
_TYPES = {
    "Conv1d": "conv",
    "Conv2d": "conv",
    "Conv3d": "conv",
    "Conv1D": "conv",
    "Conv2D": "conv",
    "Conv3D": "conv",
    "Conv1DTranspose": "conv",
    "Conv2DTranspose": "conv",
    "Conv3DTranspose": "conv",
    "SeparableConv1D": "separable",
    "SeparableConv2D": "separable",
    "Bidirectional": "wrapper",  # its row is read with the recurrent call inside it
    "Linear": "dense",
    "Dense": "dense",
    "LSTM": "lstm",
    "GRU": "gru",
    "SimpleRNN": "rnn",
    "RNN": "rnn",
    "Embedding": "embedding",
    "BatchNorm1d": "norm",
    "BatchNorm2d": "norm",
    "BatchNorm3d": "norm",
    "BatchNormalization": "norm",
}
KINDS = _TYPES
_CALL = lazy_regex(r"\b(?:nn\.|layers\.|keras\.layers\.)?(?P<type>[A-Z][A-Za-z0-9]+)\s*\(")
# the width of the input a Keras layer runs on: "(None, 50, 64)", "80-dim", "input_shape=(50, 64)"
_WIDTH = lazy_regex(
    r"(?:\(\s*None\s*,\s*(?:\d+|None)\s*,\s*(?P<shape>\d+)\s*\))"
    r"|(?P<dim>\d+)-(?:dim|d|channel)\b"
    r"|input_shape\s*=\s*\(\s*(?:\d+|None)\s*,\s*(?P<input>\d+)\s*,?\s*\)"
    r"|input_dim\s*=\s*(?P<dim2>\d+)"
)
# the channels a Keras conv runs on: "on a 64-channel input", "Input: 49 x 10, 1 channel",
# "input_shape=(96, 96, 1)", "keras.Input((28, 28, 3))", "on a (None, 14, 14, 32) map"
# (channels last; a shape the note does not call the input may be the output)
_CONV_INPUT = lazy_regex(
    r"(?P<words>\d+)[- ]channels?\s+input\b"
    r"|\binput\b[^.;\n]{0,40}?\b(?P<after>\d+)[- ]channels?\b"
    r"|(?:input_shape\s*=\s*|\bInput\(\s*(?:shape\s*=\s*)?)\([^()]*?(?P<last>\d+)\s*,?\s*\)"
    r"|\b(?:on|over|to|from|input)\s+(?:an?\s+|the\s+)?`?"
    r"\(\s*None\s*(?:,\s*(?:\d+|None)\s*)+,\s*(?P<shape>\d+)\s*\)",
    re.I,
)
# a recurrent layer run both ways: ``Bidirectional(LSTM(64))``, a row "(Bidirectional)"
_BIDIRECTIONAL = lazy_regex(
    r"\bBidirectional\(\s*(?:tf\.)?(?:keras\.)?(?:layers\.)?(LSTM|GRU|SimpleRNN)\s*\("
)
_BIDIRECTIONAL_WORD = lazy_regex(r"\bbidirectional\b", re.I)
_COPIES = lazy_regex(r"\b(?:bidirectional|stacked|two|three|num_layers\s*=\s*[2-9])\b", re.I)


@dataclass(frozen=True)
class LayerCall:
    """A layer call's sizes: positional and keyword arguments that are whole numbers."""

    type: str
    arguments: tuple[int | None, ...]
    keywords: dict[str, object]


def summary_findings(document: LintDocument, reported: set[int]) -> Iterator[Finding]:
    """A finding for each summary row whose count the note's one call of its type does not
    give, on a line no reader reported."""
    lines = body_lines(document, code=True)
    text = "\n".join(written for _, _, written in lines)
    wrapped = _BIDIRECTIONAL.findall(text)
    if _COPIES.search(_BIDIRECTIONAL_WORD.sub(" ", text) if len(wrapped) == 1 else text):
        return  # one Bidirectional wrapper is the note's one layer, read both ways below
    calls: dict[str, list[LayerCall]] = {}
    for _, _, written in lines:
        for call in layer_calls(written):
            calls.setdefault(call.type, []).append(call)
    if len(wrapped) == 1 and len(calls.get(wrapped[0], [])) == 1:
        calls["Bidirectional"] = calls[wrapped[0]]
    widths = widths_of(text)
    before: set[int] | None = None  # the row before's output width: this row's input
    for line, offset, row_text in lines:
        row = _ROW.match(row_text)
        if row is None:
            continue
        width, before = before, _last_width(row["shape"])
        if row["type"] not in _TYPES or line in reported:
            continue
        stated = calls.get(row["type"], [])
        if len(stated) != 1:
            continue
        both = row["type"] == "Bidirectional"  # two directions, concatenated or merged
        if not _fits(stated[0], row["shape"], doubled=both):
            continue  # the call is another layer of the same type
        claimed = int(row["count"].replace(",", ""))
        if keras_conv(stated[0]):  # a row's own shape is an output, never the input
            widths = widths_of(_without_rows(lines), conv=True)
        kind = _TYPES[stated[0].type] if both else _TYPES[row["type"]]
        counts, sure = call_counts(kind, stated[0], width or widths)
        counts = {2 * count for count in counts} if both else counts
        if not counts or claimed in counts:
            continue
        reported.add(line)
        shown = " or ".join(f"{count:,}" for count in sorted(counts)[:3])
        yield Finding(
            offset + row.start("count"),
            offset + row.end("count"),
            f"the {row['type']} row's parameter count {row['count']} is not what the note's "
            f"call gives ({shown}): correct the count",
            severity=None if sure else Severity.WARNING,
        )


def widths_of(text: str, conv: bool = False) -> set[int]:
    """The input widths the note states for a Keras layer ("(None, 50, 64)", "80-dim"); for
    a Keras conv also its input's channels in words or an input shape."""
    widths = {
        int(match["shape"] or match["dim"] or match["input"] or match["dim2"])
        for match in _WIDTH.finditer(text)
    }
    if conv:  # an input stated as the conv's beats a shape that may be its output
        stated = {
            int(match["words"] or match["after"] or match["last"] or match["shape"])
            for match in _CONV_INPUT.finditer(text)
        }
        return stated or widths
    return widths


def keras_conv(call: LayerCall) -> bool:
    """A Keras conv (``Conv2D(64, 3)``, ``SeparableConv2D``, ``Conv2DTranspose``): its input
    channels are not among its arguments."""
    return re.fullmatch(r"(?:Separable)?Conv[123]D(?:Transpose)?", call.type) is not None


def _without_rows(lines: list[tuple[int, int, str]]) -> str:
    return "\n".join(written for _, _, written in lines if _ROW.match(written) is None)


def _fits(call: LayerCall, shape: str, doubled: bool = False) -> bool:
    """Whether the row's output shape holds the call's output width (units, channels)."""
    sizes = {int(number) for number in re.findall(r"\d+", shape)}
    if doubled:
        sizes |= {size // 2 for size in sizes if size % 2 == 0}
    outputs = {value for value in call.arguments[:2] if value} | {
        value
        for key, value in call.keywords.items()
        if key
        in (
            "units",
            "out_channels",
            "out_features",
            "hidden_size",
            "output_dim",
            "embedding_dim",
            "filters",
        )
        and isinstance(value, int)
    }
    return bool(outputs & sizes)


def _last_width(shape: str) -> set[int] | None:
    numbers = re.findall(r"\d+", shape)
    return {int(numbers[-1])} if numbers else None


def layer_calls(line: str) -> Iterator[LayerCall]:
    for match in _CALL.finditer(line):
        if match["type"] not in _TYPES:
            continue
        source = _balanced(line, match.end() - 1)
        if source is None:
            continue
        try:
            node = ast.parse("f" + source, mode="eval").body
        except SyntaxError:
            continue
        if not isinstance(node, ast.Call) or any(k.arg is None for k in node.keywords):
            continue
        arguments = tuple(_whole(argument) for argument in node.args)
        keywords = {str(k.arg): _literal(k.value) for k in node.keywords}
        if match["type"][:4] == "Conv" and len(node.args) > 1 and arguments[1] is None:
            keywords.setdefault("kernel_size", _literal(node.args[1]))  # "(10, 4)"
        if any(arguments) or any(isinstance(value, int) for value in keywords.values()):
            yield LayerCall(match["type"], arguments, keywords)  # words in brackets are no call


def call_counts(kind: str, call: LayerCall, widths: set[int]) -> tuple[set[int], bool]:
    """The counts the call allows and whether every size came from the call."""
    keras = call.type in ("Dense", "SimpleRNN") or (
        call.type in ("LSTM", "GRU", "Embedding") and _keras_style(call)
    )
    if kind == "norm":
        channels = _argument(call, 0, "num_features")
        torch = call.type.startswith("BatchNorm") and call.type[-1] == "d"
        return ({2 * channels, 4 * channels}, torch) if channels else (set(), False)
    if kind == "embedding":
        rows = _argument(call, 0, "input_dim", "num_embeddings")
        width = _argument(call, 1, "output_dim", "embedding_dim")
        return ({rows * width}, True) if rows and width else (set(), False)
    if kind in ("conv", "separable") and keras_conv(call):
        return _keras_conv_counts(call, widths)
    if kind == "conv":
        cin, cout = _argument(call, 0, "in_channels"), _argument(call, 1, "out_channels")
        kernel = call.arguments[2] if len(call.arguments) > 2 else None
        value = call.keywords.get("kernel_size", kernel)
        volume = _volume(value, int(call.type[4]))
        if not (cin and cout and volume) or call.keywords.get("groups", 1) != 1:
            return set(), False
        bias = call.keywords.get("bias", True) is not False
        return {volume * cin * cout + (cout if bias else 0)}, True
    if kind == "dense" and not keras:
        cin, cout = _argument(call, 0, "in_features"), _argument(call, 1, "out_features")
        if not (cin and cout):
            return set(), False
        bias = call.keywords.get("bias", True) is not False
        return {cin * cout + (cout if bias else 0)}, True
    if keras:
        units = _argument(call, 0, "units")
        if not units or len(widths) != 1:
            return set(), False
        width = next(iter(widths))
        bias = call.keywords.get("use_bias", True) is not False
        gates = {"dense": 0, "rnn": 1, "lstm": 4, "gru": 3}[kind]
        if kind == "dense":
            return {width * units + (units if bias else 0)}, False
        per_gate = units * (width + units)
        counts = {gates * (per_gate + (units if bias else 0))}
        if kind == "gru" and bias:
            # reset_after (TF 2's default) keeps two bias vectors per gate
            two = {gates * (per_gate + 2 * units)}
            reset_after = call.keywords.get("reset_after")
            counts = two if reset_after is True else counts | two if reset_after is None else counts
        return counts, False
    size, hidden = _argument(call, 0, "input_size"), _argument(call, 1, "hidden_size")
    if not (size and hidden):
        return set(), False
    gates = {"rnn": 1, "lstm": 4, "gru": 3}[kind]
    bias = call.keywords.get("bias", True) is not False
    return {gates * (hidden * (size + hidden) + (2 * hidden if bias else 0))}, True


def _keras_conv_counts(call: LayerCall, widths: set[int]) -> tuple[set[int], bool]:
    """A Keras conv's count: filters and kernel from the call, the input channels from the
    note (never sure: a warning)."""
    filters = _argument(call, 0, "filters")
    kernel = call.arguments[1] if len(call.arguments) > 1 else None
    rank = int(re.sub(r"\D", "", call.type)[0])
    volume = _volume(call.keywords.get("kernel_size", kernel), rank)
    if not (filters and volume) or len(widths) != 1 or call.keywords.get("groups", 1) != 1:
        return set(), False
    channels = next(iter(widths))
    bias = filters if call.keywords.get("use_bias", True) is not False else 0
    if call.type.startswith("Separable"):  # a depthwise kernel per channel, then 1x1
        multiplier = call.keywords.get("depth_multiplier", 1)
        if not isinstance(multiplier, int) or isinstance(multiplier, bool):
            return set(), False
        inner = channels * multiplier
        return {volume * inner + inner * filters + bias}, False
    return {volume * channels * filters + bias}, False


def _keras_style(call: LayerCall) -> bool:
    """A recurrent or embedding call written the Keras way (``LSTM(128)``, ``input_dim=``)."""
    if call.type == "Embedding":
        return "num_embeddings" not in call.keywords
    return len(call.arguments) <= 1 and "input_size" not in call.keywords


def _argument(call: LayerCall, index: int, *names: str) -> int | None:
    for name in names:
        value = call.keywords.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    if index < len(call.arguments):
        return call.arguments[index]
    return None


def _volume(value: object, rank: int) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return int(value**rank)
    if isinstance(value, tuple) and len(value) == rank:
        sides = [side for side in value if isinstance(side, int)]
        return math.prod(sides) if len(sides) == rank else None
    return None


def _whole(node: ast.expr) -> int | None:
    value = _literal(node)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _literal(node: ast.expr) -> object:
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return None


def _balanced(text: str, opening: int) -> str | None:
    depth = 0
    for index in range(opening, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return text[opening : index + 1]
    return None
