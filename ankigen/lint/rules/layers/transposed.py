"""AG103 for a transposed convolution described in one sentence of prose with every quantity
stated: "a 4x4 transposed convolution with stride 2 and padding 1 turns 16x16 into 32x32".

Along each axis the output is ``(n - 1)·s - 2p + d·(k - 1) + 1`` (PyTorch's formula; Keras'
"valid" n·s + max(k - s, 0) is the same with p = 0 when k >= s), and ``n·s`` with "same"
padding. An output padding is allowed only where the note names one; upsampling layers that
only repeat or interpolate pixels are left to other checks.
"""

from __future__ import annotations

import re

from ankigen.lint import stage_trace
from ankigen.lint.arith.quantities import Quantity, distinct, find, find_pairs
from ankigen.lint.document import Finding
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.output_formulas import torch_transposed_length
from ankigen.lint.rules.layers.scope import per_axis, spatial_sizes

MINUS = "\N{MINUS SIGN}"
TRANSPOSED = lazy_regex(
    r"\b(?:transposed?\s+conv\w*|transpose[ds]?\s+conv\w*|deconv\w*|fractionally[- ]strided|"
    r"up-?conv\w*|conv[\w-]*?transpose\w*)",
    re.IGNORECASE,
)
_OUTPUT_PADDING = lazy_regex(r"\boutput[ _]padding\b", re.IGNORECASE)


def transposed_output(size: int, kernel: int, stride: int, padding: int, dilation: int = 1) -> int:
    stage_trace.note_setup(stage_trace.CONV)
    return torch_transposed_length(size, kernel, stride, padding, 0, dilation)


def transposed_finding(
    prose: str, sentence: tuple[int, int], note: tuple[int, int]
) -> Finding | None:
    """The wrong output of the one transposed convolution a sentence describes, if any."""
    settings = sentence
    if TRANSPOSED.search(prose, *sentence) is None:
        call = _one_call(prose)
        if call is None or TRANSPOSED.search(prose, *note) is None:
            return None
        # "With these settings a 16x16 map becomes 34x34": the settings of the note's one
        # transposed layer call, the sizes of the sentence
        if any(any(find(kind, prose, *sentence)) for kind in ("kernel", "stride", "padding")):
            return None
        settings = call
    calls = [match.span() for match in _LAYER_CALL.finditer(prose, *sentence)]
    pairs = [pair for pair in find_pairs(prose, *sentence) if not _inside(pair[1], calls)]
    if not pairs and prose[sentence[0] : sentence[1]].rstrip(" *_`").endswith("?"):
        return None  # "Output of a 4x4 transposed conv ... on 16x16?": the output is asked
    inputs = [pair[0] for pair in pairs] or _outside("input", prose, sentence, calls)
    outputs = [pair[1] for pair in pairs] or _outside("output", prose, sentence, calls)
    found = {
        kind: list(find(kind, prose, *settings))
        for kind in ("kernel", "stride", "padding", "dilation")
    }
    size, output = distinct(inputs), distinct(outputs)
    if not pairs and output is not None and _channel_pair(prose, sentence, output):
        return None
    kernel, stride = distinct(found["kernel"]), distinct(found["stride"])
    if None in (size, output, kernel, stride):
        return None
    assert size is not None and output is not None and kernel is not None and stride is not None
    padding = distinct(found["padding"])
    dilation = distinct(found["dilation"])
    if (found["padding"] and padding is None) or (found["dilation"] and dilation is None):
        return None
    extra = _OUTPUT_PADDING.search(prose, *note) is not None
    return _compare(size, kernel, stride, padding, dilation, output, extra)


_ON_SHAPE = lazy_regex(
    r"\b(?:on|over|from)\s+(?:an?\s+)?\d+\s*[x\N{MULTIPLICATION SIGN}]\s*\d+", re.IGNORECASE
)
# A conv layer's call: "ConvTranspose2d(1024 → 512, K = 2)". An arrow among its arguments maps
# channels, never the map's size.
_LAYER_CALL = lazy_regex(r"\b\w*conv\w*\((?:[^()]|\([^()]*\))*\)", re.IGNORECASE)


# a single number mapped to another by an arrow: "256 → 128"
_MAPPED_FROM = lazy_regex(r"\d[ \t]*(?:\N{RIGHTWARDS ARROW}|->)[ \t]*$")


def _channel_pair(prose: str, sentence: tuple[int, int], output: Quantity) -> bool:
    """Whether the output is the second of two channel counts ("ConvTranspose(k=2, s=2),
    256 → 128, on 45 x 90"): one number after an arrow from another, where the layer runs on a
    map of several axes."""
    return (
        len(spatial_sizes(output.values)) == 1
        and _ON_SHAPE.search(prose, *sentence) is not None
        and _MAPPED_FROM.search(prose, max(sentence[0], output.start - 12), output.start)
        is not None
    )


def _inside(quantity: Quantity, spans: list[tuple[int, int]]) -> bool:
    return any(start < quantity.start and quantity.end < end for start, end in spans)


def _outside(
    kind: str, prose: str, sentence: tuple[int, int], calls: list[tuple[int, int]]
) -> list[Quantity]:
    return [quantity for quantity in find(kind, prose, *sentence) if not _inside(quantity, calls)]


_CALL = lazy_regex(r"\b(?:ConvTranspose[123]d|Conv[123]DTranspose)\((?:[^()]|\([^()]*\))*\)")


def _one_call(prose: str) -> tuple[int, int] | None:
    """The span of the note's one transposed layer call, None if it has none or several."""
    calls = {match.group(): match.span() for match in _CALL.finditer(prose)}
    return next(iter(calls.values())) if len(calls) == 1 else None


def _compare(
    size: Quantity,
    kernel: Quantity,
    stride: Quantity,
    padding: Quantity | None,
    dilation: Quantity | None,
    output: Quantity,
    output_padding: bool,
) -> Finding | None:
    inputs, outputs = spatial_sizes(size.values), spatial_sizes(output.values)
    axes = min(len(inputs), len(outputs))
    if axes == 0:
        return None
    kernels, strides = per_axis(kernel, axes), per_axis(stride, axes)
    dilations = per_axis(dilation, axes)
    for axis in range(axes):
        n, k, s = inputs[axis], kernels[axis], strides[axis]
        d = dilations[axis] or 1
        if k is None or s is None or s <= 0:
            return None
        if padding is not None and padding.mode == "same":
            allowed, shown = {n * s}, f"{n}·{s} = {n * s} ('same' padding)"
        else:
            if padding is None or not padding.values:
                return None  # an unstated padding: not every quantity is given
            p = padding.values[min(axis, len(padding.values) - 1)]
            right = transposed_output(n, k, s, p, d)
            span = str(k) if d == 1 else f"{d}·({k} {MINUS} 1) + 1"
            shown = f"({n} {MINUS} 1)·{s} {MINUS} 2·{p} + {span} = {right}"
            allowed = {right + extra for extra in range(s if output_padding else 1)}
        if outputs[axis] not in allowed:
            return Finding(
                output.start,
                output.end,
                f"a transposed convolution gives {shown}, not {outputs[axis]}: correct the "
                "output size",
            )
    return None
