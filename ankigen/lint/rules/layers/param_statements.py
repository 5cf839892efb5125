"""AG104, the general pass: one dense or convolution layer read from what the note states.

Each stated count (``N parameters``, ``N weights and M biases``, ``Param #: N``, the answer to
"How many parameters …?") is bound to the settings of the smallest scope around it that
states every quantity of one layer: its sentence, then its paragraph (list, table), then the
paragraph with the question heading, then the whole note. A scope that names several layers
(or a model, a stack, another kind of layer), a quantity with two values, an approximate,
per-unit or frozen/trainable count ends the search without a finding; so does a count that is
any of the layer's correct readings (with biases; without them when the note says so; a count
of "weights" without them).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from ankigen.lint import stage_trace
from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.quantities import NO_BIAS, OTHER_LAYERS, Quantity, find, parse_total
from ankigen.lint.arith.tables import tables
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.copies import copies_in_sentence
from ankigen.lint.rules.layers.counts import (
    PARAMETER_COLUMN,
    answer_totals,
    asks_parameters,
    first_term,
    item_count,
)
from ankigen.lint.rules.layers.one_layer import not_a_layer_total
from ankigen.lint.rules.layers.other_layers import (
    SCOPED_KINDS,
    kind_message,
    scoped_counts,
    scoped_sizes,
)
from ankigen.lint.rules.layers.scope import (
    answer_start,
    layer_blocks,
    outside_of,
    spatial_sizes,
)

_N = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w]|[.,]\d)"
_SENTENCE_END = lazy_regex(r"(?<=[.!?;])\s+(?=\S)")

# Kinds of layer by name. A scope that names more than one kind describes several layers.
_DENSE = lazy_regex(
    r"\b(?:dense|Dense\(|linear|Linear\(|fully[- ]connected|FC\d*|projection|perceptron)\b",
    re.IGNORECASE,
)
_CONV = lazy_regex(r"\bconv(?:olution(?:al)?|\d[dD])?s?\b|\bConv[123][dD]\(", re.IGNORECASE)
# Other kinds of layer: those OTHER_LAYERS names (counted by other formulas; "word
# embeddings" as a conv's input are no layer), and those that sit between two layers.
_BETWEEN = lazy_regex(
    r"\b(?:SimpleRNN|point-?wise|transposed?|deconv\w*|up-?sampl\w*|\w*pool\w*|"
    r"dropout|residual|skip)\b",
    re.IGNORECASE,
)
# Several layers or a whole model: the quantities may belong to different layers.
_SEVERAL = lazy_regex(
    r"\b(?:layers|networks?|models?|MLPs?|stack(?:s|ed|ing)?|blocks|stages|architectures?|"
    r"backbone|encoder|decoder|followed\s+by|then|both|each\s+layer|every\s+layer|"
    r"hidden\s+layer|ResNet\S*|VGG\S*|BERT|GPT\S*|AlexNet|LeNet\S*|Inception\S*|"
    r"MobileNet\S*|EfficientNet\S*|U-?Net|ViT|T5)\b",
    re.IGNORECASE,
)
# A model named as the setting ("in our retrieval model") or as where the input comes from
# ("1,024-dimensional encoder outputs"): no second layer of the count.
_SETTING_BEFORE = lazy_regex(
    r"\b(?:in|of|for|inside|within)\s+(?:our|the|this|a|an|its|my|your)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_SOURCE_AFTER = lazy_regex(
    r"(?:'s)?\s+(?:outputs|features|embeddings|activations|hidden\s+states|vectors)\b",
    re.IGNORECASE,
)
_SETTING_WORDS = frozenset({"model", "network", "backbone", "encoder", "decoder"})
# One layer call written out: ``Dense(256, use_bias=False)``, ``nn.Linear(512, 10)``.
_ONE_CALL = lazy_regex(r"\b(?:Dense|Linear|Conv[123][dD])\(")


def _names_several(prose: str, span: tuple[int, int]) -> bool:
    """Whether the span names several layers or a whole model; a model that is only the
    setting or the input's source of a span with one layer call does not count."""
    one_call = len(_ONE_CALL.findall(prose, *span)) == 1
    for match in _SEVERAL.finditer(prose, *span):
        word = match.group(0).lower()
        if one_call and word in _SETTING_WORDS:
            line_start = max(span[0], match.start() - 60)
            if _SETTING_BEFORE.search(prose[line_start : match.start()]):
                continue
            if _SOURCE_AFTER.match(prose, match.end()):
                continue
        return True
    return False


# Counts that need another reading: frozen parts, trainable shares, comparisons.
_UNSURE = lazy_regex(
    r"\b(?:frozen|freez\w*|non-trainable|fine-?tun\w*|compared?|versus|vs\.?|instead|"
    r"would|saves?|saving|fewer|more\s+than|less\s+than|reduc\w+|out\s+of)\b",
    re.IGNORECASE,
)
_APPROXIMATE = lazy_regex(
    r"(?:\b(?:about|approximately|approx\.?|roughly|around|nearly|almost|some|over|under|"
    r"circa|close\s+to|just\s+(?:over|under)|at\s+least|at\s+most|up\s+to)|"
    r"[~\N{ALMOST EQUAL TO}])"
    r"\s*[*_]*\s*$",
    re.IGNORECASE,
)
_WITH_BIAS = lazy_regex(
    r"\b(?:with|including|plus)(?:\s+an?|\s+the|\s+its)?\s+bias(?:es)?\b(?!\s*=)"
    r"|\b(?:use_)?bias\s*=\s*True\b",
    re.IGNORECASE,
)

# "from 768 to 256 dimensions", "maps 512 features to 10 classes": a dense layer's widths.
_FROM_TO = lazy_regex(
    rf"\b(?:from|maps?|mapping|projects?|projecting|takes?|taking|turns?|turning|connects?|"
    rf"connecting)\s+(?:an?\s+|the\s+)?(?P<inputs>{_N})(?:[- ](?:dim(?:ension(?:al)?)?s?|d))?"
    rf"(?:\s+(?!to\b|into\b)[\w-]+){{0,3}}?\s+(?:in)?to\s+(?:an?\s+|the\s+)?(?P<units>{_N})"
    r"(?:[- ](?:dim(?:ension(?:al)?)?s?|d))?\s*(?:units|neurons|nodes|outputs|dimensions|dims|"
    r"features|classes|logits|labels|categories|values)?\b",
    re.IGNORECASE,
)
# "4096 → 1000": a dense layer's widths in a heading or a diagram.
_ARROW_SIGN = r"(?:->|\N{RIGHTWARDS ARROW})"
_SHAPE_SIGN = r"[\N{MULTIPLICATION SIGN}xX*]"
# "7x7x512 → 4096": a dense layer after a flatten takes the whole shape, 25,088 inputs.
_ARROW = lazy_regex(
    r"(?<![>\N{RIGHTWARDS ARROW}])(?<![>\N{RIGHTWARDS ARROW}]\s)"
    rf"(?P<inputs>(?<![\w.,\N{{MULTIPLICATION SIGN}}*])(?:\d+[ \t]*{_SHAPE_SIGN}[ \t]*)+\d+"
    rf"(?![\w]|[.,]\d)|{_N})\s*{_ARROW_SIGN}\s*(?P<units>{_N})"
    rf"(?!\s*(?:{_ARROW_SIGN}|[\N{{MULTIPLICATION SIGN}}*]))"
)
# "the input has 784 features", "the flattened image has 784 values": a dense layer's inputs.
_HAS_INPUTS = lazy_regex(
    r"\b(?:input|inputs|image|vector|sample|example)\s+(?:has|have|holds?|contains?|gives|is)\s+"
    rf"(?P<n>{_N})\s+(?:input\s+)?(?:features|values|inputs|dimensions|pixels)\b"
    # "input shape (784,)": a flat input of one size
    rf"|\binput[ _]shape\s*(?:=|:|of|is)?\s*[(\[]\s*(?:None\s*,\s*)?(?P<n2>{_N})\s*,?\s*[)\]]",
    re.IGNORECASE,
)
# "flattened to 784 values", "784 features are fed to", "28 x 28 images are flattened": a
# dense layer's inputs stated as the data that goes into it.
_INTO = r"(?:values|features|inputs|numbers|pixels|elements|entries)"
_OF_INPUT = r"(?:(?:input|pixel)\s+)?"
_SHAPE = r"\d+(?:\s*[xX*\N{MULTIPLICATION SIGN}]\s*\d+){1,3}"
_FED_INPUTS = lazy_regex(
    rf"\bflatten(?:s|ed|ing)?\s+(?:in)?to\s+(?:an?\s+|the\s+|one\s+)?(?:vector\s+of\s+)?"
    rf"(?P<n>{_N})\s+{_OF_INPUT}{_INTO}\b"
    rf"|(?P<m>{_N})\s+{_OF_INPUT}{_INTO}\s+(?:(?:are|is|get|gets)\s+)?(?:then\s+)?"
    r"(?:fed|passed|sent|go|goes)\s+(?:in)?to\b"
    r"|\b(?:feeds?|feeding|pass(?:es)?|passing)\s+(?:the\s+|its\s+|all\s+|these\s+)?"
    rf"(?P<k>{_N})\s+{_OF_INPUT}{_INTO}\s+(?:in)?to\b"
    r"|\b(?:receives?|receiving|reads?|reading)\s+(?:the\s+|its\s+|all\s+|these\s+)?"
    rf"(?P<r>{_N})\s+{_OF_INPUT}{_INTO}\b"
    rf"|(?<![\w.,])(?P<shape>{_SHAPE})\s+(?:[\w-]+\s+)?(?:images?|pictures?|inputs?|grids?|arrays?|"
    r"maps?)\s+(?:are|is|get|gets)\s+(?:first\s+)?flattened\b",
    re.IGNORECASE,
)


def _fed_inputs(prose: str, spans: Sequence[tuple[int, int]]) -> set[tuple[int, ...]]:
    """The inputs stated as what is fed into the layer, each as one size."""
    return {(size,) for _start, size in stated_inputs(prose, spans, has=False)}


def stated_inputs(
    prose: str, spans: Sequence[tuple[int, int]], has: bool = True
) -> list[tuple[int, int]]:
    """(offset, size) of each dense input stated as the data fed in ("flattened to 784
    values"), and with ``has`` as what the input has ("the input has 20 features")."""
    found: list[tuple[int, int]] = []
    patterns = (_FED_INPUTS, _HAS_INPUTS) if has else (_FED_INPUTS,)
    for span in spans:
        for pattern in patterns:
            for match in pattern.finditer(prose, *span):
                groups = match.groupdict()
                text = next((groups[g] for g in ("n", "m", "k", "r", "n2") if groups.get(g)), None)
                if text is not None:
                    found.append((match.start(), int(text.replace(",", ""))))
                else:
                    sides = re.findall(r"\d+", match.group("shape"))
                    found.append((match.start(), math.prod(int(v) for v in sides)))
    return found


# "650 weights and 10 biases": a count split into its two parts.
_SPLIT = lazy_regex(
    rf"(?P<weights>{_N})\s+(?:trainable\s+|learnable\s+)?weights?\s*(?:,\s*)?(?:and|plus|\+)\s+"
    rf"(?P<biases>{_N})\s+bias(?:es|\s+terms|\s+values)?\b",
    re.IGNORECASE,
)
_OPERATOR_BEFORE = lazy_regex(r"[*xX\N{MULTIPLICATION SIGN}\N{DOT OPERATOR}\N{MIDDLE DOT}+=]\s*$")
# "Param #: 1,280", "parameter count = 5,130": a labelled count.
_LABELLED = lazy_regex(
    rf"\b(?:param(?:eter)?s?\s*#|#\s*params|param(?:eter)?\s+count|number\s+of\s+"
    rf"param(?:eter)?s)\s*(?:[:=|]|is|of)\s*[*_]*(?P<n>{_N}(?:\.\d+\s*[kKM]|\s*[kKM])?)(?![\w])",
    re.IGNORECASE,
)
# an operator and a number right after a labelled number: it opens a calculation
_OPERAND_AFTER = lazy_regex(
    r"\s*(?:[*+/^\N{MULTIPLICATION SIGN}\N{DOT OPERATOR}\N{MIDDLE DOT}-]|[xX](?=\s*\d)"
    r"|\\(?:times|cdot)\b)\s*\(?\s*\d"
)
_HOW_MANY = lazy_regex(
    r"\b(?:how\s+many|number\s+of|count\s+of)\s+(?:the\s+)?(?:trainable\s+|learnable\s+)?"
    r"(?P<word>parameters|params|weights)\b|\b(?:parameter|param)\s+count\b",
    re.IGNORECASE,
)
# "It has 144.", "There are 5,130 in total.": the answer's count without a noun.
_BARE_ANSWER = lazy_regex(
    rf"[\s*_]*(?:it|this(?:\s+layer)?|the\s+layer|that|there|the\s+(?:count|total|answer|number)|"
    rf"in\s+total(?:\s+it)?)\s+(?:has|holds|have|are|is|needs|"
    rf"uses|comes\s+to|contains)\s+(?:a\s+total\s+of\s+)?[*_]*(?P<n>{_N})[*_]*"
    r"(?=\s*(?:[.;!(]|in\s+total\b|$))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Claim:
    """A stated count: parameters (weights and biases), weights only, or biases only."""

    start: int
    end: int
    text: str
    what: str  # "parameters", "weights" (may leave biases out), "only-weights", "biases"


@dataclass(frozen=True)
class LayerSettings:
    """What one scope states of one layer; None where it does not say."""

    kind: str  # "dense", "conv", or another kind's name ("LSTM", "embedding", …)
    inputs: int | None = None  # dense inputs, or conv input channels
    outputs: int | None = None  # dense units, or conv filters
    kernel: tuple[int, ...] | None = None
    bias: bool | None = None  # False when the note drops it, True when it insists on it
    # another kind: its sizes so far, and its allowed counts once every size is stated
    sizes: tuple[tuple[str, int], ...] = ()
    counts: tuple[int, ...] = ()


def allowed_layer_counts(layer: LayerSettings, what: str) -> set[int]:
    """Every count of ``what`` that a correct reading of the layer gives."""
    stage_trace.note_setup(stage_trace.PARAMS)
    if layer.counts:
        return set(layer.counts) if what == "parameters" else set()
    if layer.inputs is None or layer.outputs is None:
        return set()
    fan_in = layer.inputs * (math.prod(layer.kernel) if layer.kernel else 1)
    weights = fan_in * layer.outputs
    if what == "biases":
        return {layer.outputs} if layer.bias is not False else {0}
    if what == "only-weights":
        return {weights}
    if layer.bias is False:
        return {weights}
    with_bias = weights + layer.outputs
    return {with_bias, weights} if what == "weights" and layer.bias is None else {with_bias}


def _message(layer: LayerSettings, claim: Claim) -> str:
    if layer.counts:
        kind = next(k for k in SCOPED_KINDS if k.name == layer.kind)
        return kind_message(kind, dict(layer.sizes), layer.counts, claim.text)
    return f"{_formula(layer, claim.what)}, not {claim.text}: correct the count"


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


def _formula(layer: LayerSettings, what: str) -> str:
    inputs, outputs = layer.inputs or 0, layer.outputs or 0
    if layer.kind == "dense":
        name = f"a dense layer with {inputs} inputs and {outputs} unit{_plural(outputs)}"
        product = f"{inputs} {TIMES} {outputs}"
    else:
        kernel = layer.kernel or ()
        sides = TIMES.join(map(str, kernel))
        shape = f"{sides}" if len(kernel) > 1 else f"1D (width {sides})"
        name = (
            f"a {shape} convolution over {inputs} channel{_plural(inputs)} with {outputs} "
            f"filter{_plural(outputs)}"
        )
        product = f"{f' {TIMES} '.join(map(str, (*kernel, inputs)))} {TIMES} {outputs}"
    right = min(allowed_layer_counts(layer, what) or {0})
    if what == "biases":
        return f"{name} has {right:,} biases"
    if what == "only-weights" or layer.bias is False:
        return f"{name} has {product} = {right:,} weights" + (
            "" if what == "only-weights" else " (no bias)"
        )
    with_bias = (layer.inputs or 0) * math.prod(layer.kernel or (1,)) * outputs + outputs
    return f"{name} has {product} + {outputs} = {with_bias:,} parameters"


def read_settings(
    prose: str, spans: Sequence[tuple[int, int]], taken: Sequence[Quantity]
) -> LayerSettings | None:
    """The one layer ``spans`` state (kind "" when they name none), or None when they name
    several or a value twice. Quantities it does not state are None."""
    if any(_names_several(prose, span) for span in spans):
        return None
    dense = any(_DENSE.search(prose, *span) for span in spans)
    if any(_other_layer(prose, span) for span in spans):
        return None if dense or _complex_or_between(prose, spans) else _other(prose, spans)
    # "filters: 32" is a count of filters, not a kernel of 32
    sizes, counts = _kernels_and_filters(prose, spans)
    kernels = _kernel(prose, spans, [*taken, *counts])
    conv = any(_CONV.search(prose, *span) for span in spans) or bool(kernels)
    if dense and conv:
        return None
    if not dense and not conv:
        return LayerSettings("")
    bias = _bias(prose, spans)
    if dense:
        return _dense_settings(prose, spans, taken, bias)
    return _conv_settings(prose, spans, [*taken, *sizes], kernels, bias)


_COMPLEX = lazy_regex(
    r"\b(?:bidirectional|attention|heads?|gates?|per\s+(?:gate|head|direction|cell)|"
    r"depthwise|separable|grouped|groups|transformers?|peepholes?|proj_size|highway)\b",
    re.IGNORECASE,
)


def _complex_or_between(prose: str, spans: Sequence[tuple[int, int]]) -> bool:
    return any(
        _BETWEEN.search(prose, *span) or _COMPLEX.search(prose, *span) or _CONV.search(prose, *span)
        for span in spans
    )


def _other(prose: str, spans: Sequence[tuple[int, int]]) -> LayerSettings | None:
    """An LSTM, GRU, embedding or normalisation layer: its sizes, and its counts once all
    are stated. None when the spans name two such kinds or a size twice."""
    kinds = [k for k in SCOPED_KINDS if any(k.named.search(prose, *span) for span in spans)]
    if len(kinds) != 1:
        return None
    kind = kinds[0]
    sizes = scoped_sizes(kind, prose, tuple(spans))
    if sizes is None:
        return None
    complete = len(sizes) == len(kind.sizes)
    text = " ".join(prose[start:end] for start, end in spans)
    counts = scoped_counts(kind, sizes, text) if complete else ()
    return LayerSettings(kind.name, sizes=tuple(sizes.items()), counts=counts)


def _bias(prose: str, spans: Sequence[tuple[int, int]]) -> bool | None:
    said_none = any(NO_BIAS.search(prose, *span) for span in spans)
    said_with = any(_WITH_BIAS.search(prose, *span) for span in spans)
    if said_none and said_with:
        return None
    return False if said_none else (True if said_with else None)


_AMBIGUOUS = (-1,)


def _values(
    kind: str, prose: str, spans: Sequence[tuple[int, int]], taken: Sequence[Quantity]
) -> tuple[int, ...] | None:
    """The one value of ``kind`` stated, _AMBIGUOUS when two differ, None when none."""
    found = outside_of([q for span in spans for q in find(kind, prose, *span)], taken)
    return _one({q.values for q in found if q.values})


_ONE_D = lazy_regex(
    r"\bConv1[dD]\b|\b(?:1-?D|one-dimensional|temporal)\b|\btime[- ]?steps?\b|\bsequences?\b|"
    r"\bsignals?\b|\b(?:word|token)\s+(?:vectors?|embeddings?)\b|\btext\b|\baudio\b|\bwaveforms?\b",
    re.IGNORECASE,
)
_TWO_D = lazy_regex(
    r"\bConv2[dD]\b|\b(?:2-?D|two-dimensional)\b|\bimages?\b|\bRGB\b|\bgr[ae]yscale\b|"
    r"\bpixels?\b|\bphotos?\b",
    re.IGNORECASE,
)


_KERNEL_LABEL = lazy_regex(r"(?:kernel|window|size|width|length)\W{0,4}$", re.IGNORECASE)


def _kernels_and_filters(
    prose: str, spans: Sequence[tuple[int, int]]
) -> tuple[list[Quantity], list[Quantity]]:
    """Numbers read both as a kernel and as a count of filters, split by their label: "kernel
    size 3 and 16 filters" has a kernel of 3, "filters: 32" 32 filters."""
    kernels = {(q.start, q.end) for span in spans for q in find("kernel", prose, *span)}
    sizes: list[Quantity] = []
    counts: list[Quantity] = []
    for span in spans:
        for quantity in find("filters", prose, *span):
            if (quantity.start, quantity.end) not in kernels:
                continue
            before = prose[max(0, quantity.start - 16) : quantity.start]
            (sizes if _KERNEL_LABEL.search(before) else counts).append(quantity)
    return sizes, counts


def _kernel(
    prose: str, spans: Sequence[tuple[int, int]], taken: Sequence[Quantity]
) -> tuple[int, ...] | None:
    """The kernel's sides: "3x3", ``Conv2D(32, 3)``; a single size is 1D or 2D as the note
    says (``Conv1D``, a sequence; ``Conv2D``, an image), else unclear (_AMBIGUOUS)."""
    found = outside_of([q for span in spans for q in find("kernel", prose, *span)], taken)
    sides = _one({q.values for q in found if q.values})
    if sides is None or sides == _AMBIGUOUS or len(sides) == 2:
        return sides
    if len(sides) == 3:
        return _AMBIGUOUS  # a 3D kernel or one with its depth: other passes know which
    one_d = any(q.mode == "1d" for q in found) or any(_ONE_D.search(prose, *s) for s in spans)
    two_d = any(_TWO_D.search(prose, *span) for span in spans)
    if one_d == two_d:
        return None  # a wider scope may say which
    return sides if one_d else sides * 2


def _one(values: set[tuple[int, ...]]) -> tuple[int, ...] | None:
    if not values:
        return None
    return values.pop() if len(values) == 1 else _AMBIGUOUS


def _width(text: str) -> int:
    """A dense layer's inputs written as a number or as the shape it flattens ("7x7x512")."""
    return math.prod(int(side.replace(",", "")) for side in re.split(_SHAPE_SIGN, text))


def _dense_settings(
    prose: str, spans: Sequence[tuple[int, int]], taken: Sequence[Quantity], bias: bool | None
) -> LayerSettings | None:
    pairs = {
        (_width(m.group("inputs")), int(m.group("units").replace(",", "")))
        for span in spans
        for pattern in (_FROM_TO, _ARROW)
        for m in pattern.finditer(prose, *span)
    }
    inputs_found = outside_of([q for span in spans for q in find("inputs", prose, *span)], taken)
    units_found = outside_of(
        [q for span in spans for q in find("units", prose, *span)], [*taken, *inputs_found]
    )
    # "flattened 28x28 images" and "784 values" are the same 784 inputs
    inputs: set[tuple[int, ...]] = {(math.prod(q.values),) for q in inputs_found if q.values}
    units: set[tuple[int, ...]] = {q.values for q in units_found if len(q.values) == 1}
    inputs |= {(pair[0],) for pair in pairs}
    inputs |= {
        (int((m.group("n") or m.group("n2")).replace(",", "")),)
        for span in spans
        for m in _HAS_INPUTS.finditer(prose, *span)
    }
    units |= {(pair[1],) for pair in pairs}
    inputs |= _fed_inputs(prose, spans)
    one_input, one_unit = _one(inputs), _one(units)
    if one_input == _AMBIGUOUS or one_unit == _AMBIGUOUS:
        return None
    return LayerSettings(
        "dense",
        math.prod(one_input) if one_input else None,
        one_unit[0] if one_unit else None,
        None,
        bias,
    )


# "the 32 feature maps from the previous layer": the input channels, not this layer's filters.
_INCOMING = lazy_regex(
    rf"(?P<n>{_N})\s+(?:feature[- ]maps|channels|maps)\s+(?:from|of|produced\s+by|coming\s+from|"
    r"output\s+by)\s+(?:the\s+|its\s+)?(?:previous|preceding|prior|earlier|last|first|"
    r"former|layer\s+before)\b",
    re.IGNORECASE,
)


def _conv_settings(
    prose: str,
    spans: Sequence[tuple[int, int]],
    taken: Sequence[Quantity],
    kernel: tuple[int, ...] | None,
    bias: bool | None,
) -> LayerSettings | None:
    incoming = [
        Quantity("in_channels", *m.span("n"), (int(m.group("n").replace(",", "")),))
        for span in spans
        for m in _INCOMING.finditer(prose, *span)
    ]
    filters = _values("filters", prose, spans, [*taken, *incoming])
    found = outside_of([q for span in spans for q in find("in_channels", prose, *span)], taken)
    channels = _one({q.values for q in [*found, *incoming]})
    if _AMBIGUOUS in (kernel, filters, channels):
        return None
    if channels is None:
        shape = _values("input", prose, spans, taken)
        if shape == _AMBIGUOUS:
            return None
        if shape is not None and len(shape) == 3:
            channels = (shape[2],) if spatial_sizes(shape) == shape[:2] else (shape[0],)
    return LayerSettings(
        "conv",
        channels[0] if channels and len(channels) == 1 else None,
        filters[0] if filters and len(filters) == 1 else None,
        kernel,
        bias,
    )


def _complete(layer: LayerSettings) -> bool:
    if not layer.kind:
        return False
    if layer.kind not in ("dense", "conv"):
        return bool(layer.counts)
    stated = layer.inputs is not None and layer.outputs is not None
    return stated and (layer.kind == "dense" or layer.kernel is not None)


# --- claims and scopes ---------------------------------------------------------------------


_MARKER_ONLY = lazy_regex(r"\s*\d+[.)]")


def _sentences(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    sentences = []
    for match in _SENTENCE_END.finditer(prose, start, end):
        if _MARKER_ONLY.fullmatch(prose, start, match.start()):
            continue  # "1. ``Dense(64)``: …": a numbered item's marker ends no sentence
        sentences.append((start, match.start()))
        start = match.end()
    sentences.append((start, end))
    return sentences


def _claims(document: LintDocument, prose: str, start: int, end: int) -> list[Claim]:
    claims: list[Claim] = []
    for match in _SPLIT.finditer(prose, start, end):
        if _OPERATOR_BEFORE.search(prose, max(0, match.start() - 3), match.start()):
            continue  # "128 * 64 weights and 64 biases": a calculation's terms
        claims.append(Claim(*match.span("weights"), match.group("weights"), "only-weights"))
        claims.append(Claim(*match.span("biases"), match.group("biases"), "biases"))
    for match in _LABELLED.finditer(prose, start, end):
        if _OPERAND_AFTER.match(prose, match.end("n")):
            continue  # "parameter count: 64 x 64 x 3 + 64 = …": the calculation's first term
        claims.append(Claim(*match.span("n"), match.group("n"), "parameters"))
    for total in find("total", prose, start, end):
        if first_term(prose, total):
            continue
        what = "weights" if total.mode.startswith("weight") else "parameters"
        claims.append(Claim(total.start, total.end, total.text, what))
    claims += _answer_claims(document, prose, start, end)
    if asks_parameters(document):
        count = item_count(prose, start, end)
        if count is not None:
            claims.append(Claim(count.start, count.end, count.text, "parameters"))
    return _without_overlaps(claims)


# Math whose last step gives a number: "$$5 \times 5 \times 16 \times 32 + 32 = 12{,}832$$".
_MATH = lazy_regex(
    r"\$\$(?P<display>.+?)\$\$|\\\[(?P<bracket>.+?)\\\]|(?<![\\$])\$(?P<inline>[^$\n]+)\$", re.S
)
_LAST_RESULT = lazy_regex(
    r"=\s*(?P<n>\d{1,3}(?:(?:\{,\}|\\,|,)\d{3})+|\d+)\s*(?:\\(?:text|mathrm)\{[^{}]*\}\s*)?[.,]?"
    r"(?:\s*\\\\|\s*\\end\{\w+\*?\})*\s*$"
)
_COUNT_AFTER = lazy_regex(
    r"[\s*_]*(?:trainable\s+|learnable\s+)?(?P<word>parameters|params|weights)\b", re.IGNORECASE
)


def _math_claims(
    document: LintDocument, prose: str
) -> list[tuple[Claim, tuple[int, int], tuple[int, int]]]:
    """The result a math span ends with, as a count: an inline span followed by "parameters",
    or the last display span of the answer to "How many parameters …?", which may show the
    weights alone. Each with the sentence and paragraph it stands in."""
    text = document.text
    if "$" not in text[document.body_offset :] and "\\[" not in text[document.body_offset :]:
        return []
    question = document.question
    answer = question[1] if question is not None else len(prose)  # masked math looks blank
    asked = asks_parameters(document)
    found: list[Claim] = []
    last_display: tuple[Claim, int] | None = None
    for match in _MATH.finditer(text, document.body_offset):
        body = match.group("inline") or match.group("display") or match.group("bracket") or ""
        result = _LAST_RESULT.search(body)
        if result is None:
            continue
        offset = match.start() + (match.group(0).index(body))
        number = result.group("n")
        claim_text = re.sub(r"\{,\}|\\,", ",", number)
        start = offset + result.start("n")
        claim = Claim(start, start + len(number), claim_text, "parameters")
        # "$3 \times 3 \times 64 = 576$ weights per filter" is a step, not the layer's count
        if not_a_layer_total(prose, Quantity("total", match.start(), match.end(), (), "")):
            continue
        if match.group("inline") is not None:
            after = _COUNT_AFTER.match(prose, match.end())
            if after is not None:
                what = "weights" if after.group("word").lower() == "weights" else "parameters"
                found.append(replace(claim, what=what))
        elif asked and match.start() >= answer:
            last_display = (replace(claim, what="weights"), match.end())
    if last_display is not None and not _DIGIT.search(_rest_of_answer(prose, last_display[1])):
        found.append(last_display[0])  # the answer's last number: its count
    return [(claim, *_sentence_of(document, prose, claim.start)) for claim in found]


_DIGIT = lazy_regex(r"\d")
_EXTRA = lazy_regex(r"^[ \t]*(?:\*\*\*|---|___)[ \t]*$", re.MULTILINE)


def _rest_of_answer(prose: str, start: int) -> str:
    """The answer after ``start``, up to the Extra section (``***``)."""
    extra = _EXTRA.search(prose, start)
    return prose[start : extra.start() if extra is not None else len(prose)]


def _sentence_of(
    document: LintDocument, prose: str, offset: int
) -> tuple[tuple[int, int], tuple[int, int]]:
    for block in layer_blocks(document):
        if block[0] <= offset < block[1]:
            for sentence in _sentences(prose, *block):
                if sentence[0] <= offset < sentence[1]:
                    return sentence, block
            return block, block
    return (offset, offset), (offset, offset)


def _answer_claims(document: LintDocument, prose: str, start: int, end: int) -> list[Claim]:
    """The answer's count to "How many parameters …?", with or without a noun."""
    question = document.question
    if question is None or start != answer_start(prose, question[1]):
        return []
    asked = _HOW_MANY.search(prose, *question)
    if asked is None:
        return []
    what = "weights" if (asked.group("word") or "").lower() == "weights" else "parameters"
    found = [Claim(q.start, q.end, q.text, what) for q in answer_totals(document, start, end)]
    bare = _BARE_ANSWER.match(prose, start, end)
    if bare is not None:
        found.append(Claim(*bare.span("n"), bare.group("n"), what))
    return found


def _without_overlaps(claims: list[Claim]) -> list[Claim]:
    kept: list[Claim] = []
    for claim in claims:  # earlier finders win: a split before the plain "N weights"
        if not any(k.start < claim.end and claim.start < k.end for k in kept):
            kept.append(claim)
    return sorted(kept, key=lambda claim: claim.start)


def _unsure(prose: str, claim: Claim, sentence: tuple[int, int], result: bool = False) -> bool:
    if _APPROXIMATE.search(prose[max(sentence[0], claim.start - 24) : claim.start]):
        return True
    if _UNSURE.search(prose, *sentence):
        return True
    if result:
        return False
    total = Quantity("total", claim.start, claim.end, (), "", claim.text)
    before = prose[max(0, claim.start - 3) : claim.start]
    return not_a_layer_total(prose, total) or "=" in before


def _other_layer(prose: str, span: tuple[int, int]) -> bool:
    return bool(OTHER_LAYERS.search(prose, *span) or _BETWEEN.search(prose, *span))


def _names_a_layer(prose: str, span: tuple[int, int]) -> bool:
    return bool(_DENSE.search(prose, *span) or _CONV.search(prose, *span)) or _other_layer(
        prose, span
    )


def _one_layer_note(document: LintDocument, prose: str) -> bool:
    """Whether at most one paragraph of the answer names a layer: otherwise (a list of layers,
    one per item) a count is read only with its own sentence and paragraph."""
    question = document.question
    naming = [
        span
        for span in layer_blocks(document)
        if _names_a_layer(prose, span) and not (question and span[0] <= question[0] < span[1])
    ]
    return len(naming) <= 1


def _scopes(
    document: LintDocument,
    prose: str,
    where: tuple[tuple[int, int], tuple[int, int]],
    widen: bool,
) -> list[list[tuple[int, int]]]:
    """Sentence, paragraph, then (when ``widen``) paragraph and question, and the whole note:
    each a list of spans."""
    sentence, block = where
    scopes = [[sentence], [block]]
    question = document.question
    if not widen:
        return scopes
    if question is not None and not question[0] <= block[0] < question[1]:
        scopes.append([block, question])
    scopes.append([(document.body_offset, len(prose))])
    return scopes


def statement_findings(document: LintDocument, prose: str) -> Iterator[Finding]:
    """Counts that no correct reading of the one layer their scope states gives."""
    stated = [
        (claim, sentence, block)
        for block in layer_blocks(document)
        for sentence in _sentences(prose, *block)
        for claim in _claims(document, prose, *sentence)
    ]
    math = [
        found
        for found in _math_claims(document, prose)
        if not any(c.start < found[0].end and found[0].start < c.end for c, _s, _b in stated)
    ]
    stated += math
    results = {claim.start for claim, _s, _b in math}  # a math result follows its "="
    rows = _row_claims(document, prose)
    if not stated and not rows:
        return
    taken = [Quantity("total", c.start, c.end, (), "", c.text) for c, _s, _b in [*stated, *rows]]
    widen = _one_layer_note(document, prose)
    settings = _SettingsReader(prose, taken)
    for claim, sentence, block in stated:
        # "…, while the next layer has fewer": a later clause qualifies another count
        clause = _claim_clause(prose, claim, sentence)
        if _unsure(prose, claim, clause, claim.start in results):
            continue
        if copies_in_sentence(prose, sentence[0], claim.start, claim.end) is not None:
            continue  # "two of them hold 73,856": copies of the layer (the solver counts them)
        finding = _check_claim(document, claim, (sentence, block), (taken, widen), settings)
        if finding is not None:
            yield finding
    # a table row is one layer: read alone, never with the question (the rows differ)
    for claim, row, _row in rows:
        if _APPROXIMATE.search(prose[max(row[0], claim.start - 24) : claim.start]):
            continue
        finding = _check_claim(document, claim, (row, row), (taken, False), settings)
        if finding is not None:
            yield finding


def _row_claims(
    document: LintDocument, prose: str
) -> list[tuple[Claim, tuple[int, int], tuple[int, int]]]:
    """The cell of each table row under a parameter column: "| Dense 3072 → 768 | 2,360,064 |"."""
    if "|" not in prose[document.body_offset :]:
        return []
    found = []
    for table in tables(prose, document.body_offset, len(prose)):
        column = table.column(PARAMETER_COLUMN)
        if column is None:
            continue
        for row in table.rows:
            if column >= len(row) or parse_total(row[column].text) is None:
                continue
            cell = row[column]
            span = (row[0].start, row[-1].end)
            found.append((Claim(cell.start, cell.end, cell.text, "parameters"), span, span))
    return found


def _alone(claim: Claim, spans: Sequence[tuple[int, int]], taken: Sequence[Quantity]) -> bool:
    """Whether the claim is the only whole count in the scope (parts of a split are alone)."""
    if claim.what in ("only-weights", "biases"):
        return True
    inside = {q.start for q in taken for start, end in spans if start <= q.start < end}
    return len(inside) <= 1


_NUMBER = lazy_regex(_N)


def _written_elsewhere(
    prose: str, claim: Claim, layer: LayerSettings, sentence: tuple[int, int]
) -> bool:
    """Whether the note writes the bias-free count outside the claim's sentence while the claim
    gives the count with biases: "It has 8,256. Without bias it has 8,192." contrasts them."""
    free = allowed_layer_counts(layer, "only-weights")
    biased = allowed_layer_counts(replace(layer, bias=None), "parameters")
    stated = parse_total(claim.text)
    if stated is None or stated[0] not in biased:
        return False
    numbers = (
        int(m.group().replace(",", ""))
        for m in _NUMBER.finditer(prose)
        if not sentence[0] <= m.start() < sentence[1]
    )  # a note is short, and this runs only for a count next to "without bias"
    return any(number in free for number in numbers)


def _contrasted(
    prose: str,
    claim: Claim,
    layer: LayerSettings,
    scopes: tuple[tuple[int, int], Sequence[tuple[int, int]]],
    taken: Sequence[Quantity],
) -> bool:
    """Whether a "without bias" may be about another count than this one: it is not in the
    claim's own sentence next to it alone, and the scope has another count or the note
    writes the bias-free count elsewhere."""
    sentence, spans = scopes
    if _bias(prose, [sentence]) is False and _alone(claim, [sentence], taken):
        return False
    return not _alone(claim, spans, taken) or _written_elsewhere(prose, claim, layer, sentence)


# ", and the following 3x3 convolution …": a new clause after the count, about another layer.
_NEXT_CLAUSE = lazy_regex(
    r"(?:,|\s\N{EM DASH})\s+(?:and|but|while|whereas)\s+(?:then\s+)?"
    r"(?=(?:the|a|an|this|that|its|each|every|another|then)\b"
    # ", and `Dense(256, use_bias=False)` has …": another layer's call opens the clause
    r"|`?(?:nn\.|layers\.|keras\.layers\.)?(?-i:[A-Z])\w*\()",
    re.IGNORECASE,
)


def _claim_clause(prose: str, claim: Claim, sentence: tuple[int, int]) -> tuple[int, int]:
    """The sentence up to the end of the claim's clause: a clause that follows the count and
    starts anew ("…, and the following convolution works on 64 channels") is not its layer's."""
    following = _NEXT_CLAUSE.search(prose, claim.end, sentence[1])
    return (sentence[0], following.start()) if following else sentence


class _SettingsReader:
    """``read_settings`` of the note's prose and counts, each scope read once: every claim of
    a note may fall back to the whole note, which read per claim costs quadratic time."""

    def __init__(self, prose: str, taken: Sequence[Quantity]) -> None:
        self.prose = prose
        self._taken = taken
        self._read: dict[tuple[tuple[int, int], ...], LayerSettings | None] = {}

    def __call__(self, spans: Sequence[tuple[int, int]]) -> LayerSettings | None:
        key = tuple(spans)
        if key not in self._read:
            self._read[key] = read_settings(self.prose, spans, self._taken)
        return self._read[key]


def _check_claim(
    document: LintDocument,
    claim: Claim,
    where: tuple[tuple[int, int], tuple[int, int]],
    note: tuple[Sequence[Quantity], bool],
    settings: _SettingsReader,
) -> Finding | None:
    """The first scope that states the whole layer judges the claim. "Without bias" in a
    scope with two counts may say which one leaves the biases out: either reading is right.
    ``note``: every count of the note, and whether a count may be read with the whole note."""
    stated = parse_total(claim.text)
    if stated is None:
        return None
    value, unit = stated
    taken, widen = note
    prose = settings.prose
    where = (_claim_clause(prose, claim, where[0]), where[1])
    for spans in _scopes(document, prose, where, widen):
        layer = settings(spans)
        if layer is None:
            return None
        if not _complete(layer):
            continue
        # "without bias" in the claim's own sentence is about this count; elsewhere, in a
        # scope with another count, it may be about that one
        if layer.bias is False and _contrasted(prose, claim, layer, (where[0], spans), taken):
            layer = replace(layer, bias=None)
            claim = replace(claim, what="weights")
        allowed = allowed_layer_counts(layer, claim.what)
        if not allowed or any(abs(count - value) <= unit // 2 for count in allowed):
            return None
        return Finding(claim.start, claim.end, _message(layer, claim))
    return None
