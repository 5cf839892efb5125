"""Whether the one layer call a note writes gives a claimed shape, by the frameworks' own
formulas (output_formulas.py, proven against the measured facts).

AG103's readers take a note's numbers by role from the words around them; where a shape holds
a channel or batch axis they cannot place ("3x16" before a ``Conv1d``, ``[1, 6, 98]`` in a
comment), or the layer is one they do not model (``Unfold``, ``LPPool1d``, ``PixelShuffle``,
global pooling with ``keepdims``), they may report a right size. When the note names exactly
one size-changing layer call, this reads the call with Python's own parser (its class,
arguments and the framework's defaults) and every shape the note states before the claim,
and tells whether one of them, as the framework lays it out (channels first for PyTorch,
last for Keras, with or without the batch axis), gives the claim.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.output_formulas import Setting, output_shape
from ankigen.lint.rules.layers.setting_reader import note_view, read_span

# class name -> (kind, spatial axes); the PyTorch names end in "d", the Keras ones in "D"
_TORCH_KINDS: dict[str, tuple[str, int]] = {
    **{f"Conv{d}d": ("conv", d) for d in (1, 2, 3)},
    **{f"ConvTranspose{d}d": ("conv_transpose", d) for d in (1, 2, 3)},
    **{f"MaxPool{d}d": ("max_pool", d) for d in (1, 2, 3)},
    **{f"AvgPool{d}d": ("avg_pool", d) for d in (1, 2, 3)},
    **{f"LPPool{d}d": ("lp_pool", d) for d in (1, 2, 3)},
    **{f"AdaptiveAvgPool{d}d": ("adaptive_pool", d) for d in (1, 2, 3)},
    **{f"AdaptiveMaxPool{d}d": ("adaptive_pool", d) for d in (1, 2, 3)},
    **{f"ZeroPad{d}d": ("pad", d) for d in (1, 2, 3)},
    "PixelShuffle": ("pixel_shuffle", 2),
    "PixelUnshuffle": ("pixel_unshuffle", 2),
    "Unfold": ("unfold", 2),
}
_KERAS_KINDS: dict[str, tuple[str, int]] = {
    **{f"Conv{d}D": ("conv", d) for d in (1, 2, 3)},
    **{f"Conv{d}DTranspose": ("conv_transpose", d) for d in (1, 2, 3)},
    **{f"DepthwiseConv{d}D": ("depthwise_conv", d) for d in (1, 2)},
    **{f"SeparableConv{d}D": ("separable_conv", d) for d in (1, 2)},
    **{f"MaxPooling{d}D": ("max_pool", d) for d in (1, 2, 3)},
    **{f"MaxPool{d}D": ("max_pool", d) for d in (1, 2, 3)},
    **{f"AveragePooling{d}D": ("avg_pool", d) for d in (1, 2, 3)},
    **{f"AvgPool{d}D": ("avg_pool", d) for d in (1, 2, 3)},
    **{f"AdaptiveAveragePooling{d}D": ("adaptive_pool", d) for d in (1, 2, 3)},
    **{f"AdaptiveMaxPooling{d}D": ("adaptive_pool", d) for d in (1, 2, 3)},
    **{f"GlobalAveragePooling{d}D": ("global_pool", d) for d in (1, 2, 3)},
    **{f"GlobalMaxPooling{d}D": ("global_pool", d) for d in (1, 2, 3)},
    **{f"UpSampling{d}D": ("upsample", d) for d in (1, 2, 3)},
    **{f"ZeroPadding{d}D": ("pad", d) for d in (1, 2, 3)},
    **{f"Cropping{d}D": ("crop", d) for d in (1, 2, 3)},
}
# positional parameters of each kind, in the framework's order
_TORCH_POSITIONAL = {
    "conv": ("in", "out", "kernel", "stride", "padding", "dilation"),
    "conv_transpose": ("in", "out", "kernel", "stride", "padding", "output_padding"),
    "max_pool": ("kernel", "stride", "padding", "dilation"),
    "avg_pool": ("kernel", "stride", "padding"),
    "lp_pool": ("norm", "kernel", "stride"),
    "adaptive_pool": ("output_size",),
    "pad": ("padding",),
    "pixel_shuffle": ("upscale_factor",),
    "pixel_unshuffle": ("downscale_factor",),
    "unfold": ("kernel", "dilation", "padding", "stride"),
}
_KERAS_POSITIONAL = {
    "conv": ("filters", "kernel", "stride", "padding"),
    "conv_transpose": ("filters", "kernel", "stride", "padding"),
    "depthwise_conv": ("kernel", "stride", "padding"),
    "separable_conv": ("filters", "kernel", "stride", "padding"),
    "max_pool": ("kernel", "stride", "padding"),
    "avg_pool": ("kernel", "stride", "padding"),
    "adaptive_pool": ("output_size",),
    "upsample": ("size",),
    "pad": ("padding",),
    "crop": ("cropping",),
}
# the arguments a call cannot leave out (the framework raises without them)
_REQUIRED: dict[tuple[str, str], tuple[str, ...]] = {
    ("torch", "conv"): ("in", "out", "kernel"),
    ("torch", "conv_transpose"): ("in", "out", "kernel"),
    ("torch", "max_pool"): ("kernel",),
    ("torch", "avg_pool"): ("kernel",),
    ("torch", "lp_pool"): ("norm", "kernel"),
    ("torch", "adaptive_pool"): ("output_size",),
    ("torch", "pad"): ("padding",),
    ("torch", "pixel_shuffle"): ("upscale_factor",),
    ("torch", "pixel_unshuffle"): ("downscale_factor",),
    ("torch", "unfold"): ("kernel",),
    ("keras", "conv"): ("filters", "kernel"),
    ("keras", "conv_transpose"): ("filters", "kernel"),
    ("keras", "separable_conv"): ("filters", "kernel"),
    ("keras", "depthwise_conv"): ("kernel",),
    ("keras", "adaptive_pool"): ("output_size",),
}
_KEYWORDS = {
    "kernel_size": "kernel",
    "pool_size": "kernel",
    "stride": "stride",
    "strides": "stride",
    "dilation": "dilation",
    "dilation_rate": "dilation",
    "in_channels": "in",
    "out_channels": "out",
}
# a call's start: an attribute chain ending in a class name and "("
_CALL = lazy_regex(r"\b(?:[A-Za-z_]\w*\.)*([A-Z]\w*)\(")
# a shape the note states: "3x16", "32 x 32 x 3", "(1, 3, 100)", "[1, 6, 98]", "torch.Size(…)"
_SHAPE = lazy_regex(
    r"\d+(?:\s*[\N{MULTIPLICATION SIGN}xX*]\s*\d+)+"
    r"|[(\[]\s*(?:None|\d+)(?:\s*,\s*(?:None|\d+))+\s*,?\s*[)\]]"
)
_NUMBER = lazy_regex(r"\d+(?:,\d{3})*")


@dataclass(frozen=True)
class _Call:
    framework: str
    kind: str
    dims: int
    settings: dict[str, Setting]
    filters: int | None
    start: int


def explained_by_the_call(document: LintDocument, start: int, end: int) -> bool:
    """Whether the note's one layer call, applied to a shape stated before the claim at
    ``start:end``, gives the claimed numbers (the whole shape, with or without a batch axis,
    or its spatial sizes alone)."""
    calls: list[_Call] = document.memo("layer-call-shapes", lambda: _distinct_calls(document.text))
    if len(calls) != 1:
        return False  # no call, or several: which one the claim follows is not ours to guess
    call = calls[0]
    claimed = [int(n.replace(",", "")) for n in _NUMBER.findall(document.text, start, end)]
    if not claimed:
        return False
    for shape in _stated_shapes(document.text, start, end):
        for result in _results(call, shape):
            if claimed == result:
                return True
    return False


def _distinct_calls(text: str) -> list[_Call]:
    """The note's size-changing calls, one per distinct layer (a call written inline and in
    code is one layer)."""
    found: list[_Call] = []
    for call in _calls(text):
        if not any(
            (c.framework, c.kind, c.dims, c.settings, c.filters)
            == (call.framework, call.kind, call.dims, call.settings, call.filters)
            for c in found
        ):
            found.append(call)
    return found


def _calls(text: str) -> Iterator[_Call]:
    for match in _CALL.finditer(text):
        name = match.group(1)
        prefix = text[match.start() : match.start(1)]
        torch = name in _TORCH_KINDS and "layers" not in prefix
        keras = name in _KERAS_KINDS and "nn." not in prefix
        if not torch and not keras:
            continue
        framework = "torch" if torch else "keras"
        kind, dims = (_TORCH_KINDS if torch else _KERAS_KINDS)[name]
        source = _balanced(text, match.end() - 1)
        if source is None:
            continue
        parsed = _arguments(f"f{source}", framework, kind)
        if parsed is None:
            continue
        settings, filters = parsed
        yield _Call(framework, kind, dims, settings, filters, match.start())


def _balanced(text: str, opening: int) -> str | None:
    depth = 0
    for index in range(opening, min(len(text), opening + 400)):
        if text[index] in "([":
            depth += 1
        elif text[index] in ")]":
            depth -= 1
            if depth == 0:
                return text[opening : index + 1]
    return None


def _arguments(
    source: str, framework: str, kind: str
) -> tuple[dict[str, Setting], int | None] | None:
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        return None
    call = tree.body
    if not isinstance(call, ast.Call):
        return None
    names = (_TORCH_POSITIONAL if framework == "torch" else _KERAS_POSITIONAL).get(kind, ())
    if len(call.args) > len(names):
        return None
    settings: dict[str, Setting] = {}
    pairs = [(name, arg) for name, arg in zip(names, call.args, strict=False)]
    pairs += [(_KEYWORDS.get(k.arg or "", k.arg or ""), k.value) for k in call.keywords]
    for name, node in pairs:
        try:
            value = ast.literal_eval(node)
        except ValueError:
            return None  # a name or an expression: the reader cannot know the value
        settings[name] = _as_setting(value)
    required = _REQUIRED.get((framework, kind), ())
    if any(name not in settings for name in required):
        return None  # "Conv2D(8)": pseudo-code whose kernel the prose states
    filters = settings.pop("out", None) if framework == "torch" else settings.get("filters")
    settings.pop("in", None)
    settings.pop("norm", None)
    if framework == "torch" and kind == "upsample":
        return None
    return settings, filters if isinstance(filters, int) else None


def _as_setting(value: object) -> Setting:
    if isinstance(value, tuple | list):
        return [_as_setting(v) for v in value]  # type: ignore[return-value]
    if isinstance(value, bool | int | str) or value is None:
        return value
    return str(value)


def _stated_shapes(text: str, start: int, end: int) -> Iterator[list[int]]:
    """Every shape stated in the note before the claim (the claim's own excepted)."""
    for match in _SHAPE.finditer(text, 0, start):
        numbers = [int(n) for n in re.findall(r"\d+", match.group())]
        if numbers:
            yield numbers
    del end


def _results(call: _Call, shape: Sequence[int]) -> Iterator[list[int]]:
    """What the call gives from ``shape`` read as its whole input, with or without a batch
    axis: the whole output, the output with the same batch, and its spatial sizes. A note may
    write a shape channels first or last whatever its framework ("a 224x224x3 image" before
    ``nn.Conv2d``), so both layouts are read, in and out."""
    keras = call.framework == "keras"
    for full in (list(shape), list(shape[1:])):
        if len(full) != call.dims + 1 or min(full) < 1:
            continue
        other = [*full[1:], full[0]] if keras else [full[-1], *full[:-1]]
        for given in (full, other):
            try:
                out = output_shape(call.framework, call.kind, call.settings, given, call.filters)
            except (ValueError, TypeError, KeyError, IndexError, AssertionError):
                continue
            turned = [*out[1:], out[0]] if not keras else [out[-1], *out[:-1]]
            for written in (out, turned) if len(out) > 1 else (out,):
                yield written
                if len(full) < len(shape):
                    yield [shape[0], *written]
            if call.kind not in ("flatten", "global_pool", "unfold"):
                yield out[:-1] if keras else out[1:]


# --------------------------------------------------------------------------- the judge

# A word near a shape that makes it a setting, not a result: "a 3x3 kernel", "2x2 pooling".
_SETTING_AFTER = lazy_regex(
    r"\s*[*_`]*\s*(?:-?\s*)?(?:kernels?|filters?|windows?|pool\w*|conv\w*|strides?|patch\w*|"
    r"blocks?|receptive|dilat\w*|padding|crop\w*|upsampl\w*|scale)",
    re.I,
)
_SETTING_BEFORE = lazy_regex(
    r"(?<![.\w])(?:kernel\w*|filter|window|pool_size|stride\w*|padding|cropping|size|scale\w*|"
    r"factor)"
    r"\W{0,4}$",
    re.I,
)
# What makes a shape a stated result: its line or one of the three before it says so.
_RESULT_CUE = lazy_regex(
    r"output|result|gives?\b|yields?|produces?|returns?|becomes?|turns\b|→|->|Size\(|\bout\b|"
    r"\bshape\b|print\(",
    re.I,
)
# what says, just before a shape on its line, that the shape is the output
_OUTPUT_CUE = lazy_regex(
    r"\b(?:outputs?|gives|yields|produces|returns|becomes|results?\s+in)\b[^,;.\n]*$|→\s*$", re.I
)
_INPUT_WORD = lazy_regex(
    r"\binput|\bfor\s+an?\b|zeros\(|randn?\(|ones\(|Input\(|\bfrom\b|\bon\b|\btakes?\b|"
    r"\bfed\b|\bgiven\b",
    re.I,
)
_OUTPUT_WORD = lazy_regex(
    r"\b(?:outputs?|gives|yields|produces|returns|becomes|results?|into)\b|→|->|Size\(", re.I
)


def _said_input(text: str, line_start: int, start: int) -> bool:
    """Whether the nearest cue before a shape on its line names an input, not a result
    ("the input shape is 3x224x224", "for a 12x101 signal", "on 28x28 images")."""
    window = max(line_start, start - 60)
    last_in = max((m.end() for m in _INPUT_WORD.finditer(text, window, start)), default=-1)
    last_out = max((m.end() for m in _OUTPUT_WORD.finditer(text, window, start)), default=-1)
    return last_in > last_out


# a shape written with "*" is a product in a formula, not a result
_CLAIM_SHAPE = lazy_regex(
    r"(?<![\w.+\-\N{MINUS SIGN}/\N{MIDDLE DOT}\N{MULTIPLICATION SIGN}])"
    r"\d+(?:\s*[\N{MULTIPLICATION SIGN}xX]\s*\d+)+"
    r"(?![\w+\-\N{MINUS SIGN}/\N{MIDDLE DOT}\N{MULTIPLICATION SIGN}]|\.\d"
    r"|\s*[\N{MULTIPLICATION SIGN}xX]\s*\d)"
    r"|[(\[]\s*(?:None|\d+)(?:\s*,\s*(?:None|\d+))+\s*,?\s*[)\]]"
)


_TIMES = "\N{MULTIPLICATION SIGN}"
_FLAT = frozenset({"flatten", "global_pool", "unfold"})


@dataclass(frozen=True)
class WrongShape:
    start: int
    end: int
    message: str


def wrong_call_shapes(document: LintDocument) -> list[WrongShape]:
    """Claimed shapes that the note's one layer call cannot give from its one stated input.

    Silent unless the note names exactly one size-changing call whose arguments are all
    literal, states exactly one input for it (the same shape, with or without its batch axis,
    may be written several times), and the claim is a shape after the call on a line that
    speaks of a result, with as many sizes as one of the call's results."""
    calls = document.memo("layer-call-shapes", lambda: _distinct_calls(document.text))
    if len(calls) != 1 or _other_layers(document.text, calls[0]):
        return []
    call = calls[0]
    text = document.text
    body = document.body_offset
    spans = _call_spans(text)
    # the question (the body's first line) states what the layer is given
    heading_end = text.find("\n", body) if "\n" in text[body:] else len(text)
    inputs: dict[tuple[int, ...], int] = {}  # the input, as the layer takes it -> where
    claims: list[tuple[int, int, list[int]]] = []
    for match in _CLAIM_SHAPE.finditer(text):
        if any(a <= match.start() < b for a, b in spans):
            continue
        numbers = [int(n) for n in re.findall(r"\d+", match.group())]
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _setting_shape(text, match, line_start):
            continue
        full = _as_input(call, numbers)
        before_call = match.start() < call.start
        in_question = match.start() < heading_end
        said_input = _said_input(text, line_start, match.start())
        if full is not None and (before_call or in_question or said_input):
            inputs.setdefault(tuple(full), match.start())
            continue
        if _weight_shape(call, numbers) or _WEIGHT_WORD.search(text, line_start, match.start()):
            continue  # "3 x 3 x 1 x 32": the kernel's weights, not an output
        if _window_shape(call, numbers):
            continue  # "each 14 x 14 window covers 14 x 14 = 196 pixels": the window again
        if match.start() > call.start and match.start() >= body:
            # "torch.Size([1, 4, 16, 16])": the batch axis is the input's, not the layer's
            batched = len(numbers) == call.dims + 2 and call.kind not in _FLAT
            claims.append((match.start(), match.end(), numbers[1:] if batched else numbers))
    if len(inputs) != 1:
        return []
    (given,) = inputs
    if not list(_results(call, given)):
        return []
    found = []
    for start, end, numbers in claims:
        if start < inputs[given]:
            continue
        if not _cued(text, start):
            continue
        own = _own_padding(document, start)
        if own is _SEVERAL_PADDINGS:
            continue  # the claim's line compares paddings: which one it follows is unsaid
        # a line naming its own padding ("- `padding="same"`: 16x16") is that scenario's
        results = list(_results(call if own is None else _padded(call, own), given))
        if any(numbers == result for result in results):
            continue
        restated = _as_input(call, numbers) == list(given)
        told = _OUTPUT_CUE.search(text, max(text.rfind("\n", 0, start) + 1, start - 30), start)
        if restated and not told:
            continue  # the input restated, not said to be the output
        if not any(len(numbers) == len(result) for result in results):
            continue
        shown = [_TIMES.join(map(str, r)) for r in results if len(r) == len(numbers)]
        expected = " or ".join(dict.fromkeys(shown))
        found.append(
            WrongShape(
                start,
                end,
                f"{_short(text, call.start)} on an input of {_TIMES.join(map(str, given))} gives "
                f"{expected}, not {text[start:end]}",
            )
        )
    return found


_SEVERAL_PADDINGS = "several"


def _own_padding(document: LintDocument, start: int) -> Setting:
    """The padding the claim's own line (a list item, table row or sentence of its own) names,
    as the frameworks take it; None when it names none, ``_SEVERAL_PADDINGS`` for two."""
    text = document.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    view = document.memo("note-view", lambda: note_view(document))
    named: set[Setting] = set()
    for item in read_span(document, view, line_start, line_end).of("padding"):
        value = item.values
        if value == "default":
            continue
        if isinstance(value, tuple):
            named.add(value[0] if len(set(value)) == 1 else value)
        else:
            named.add(value)
    if len(named) > 1:
        return _SEVERAL_PADDINGS
    return named.pop() if named else None


def _padded(call: _Call, padding: Setting) -> _Call:
    settings = dict(call.settings)
    settings["padding"] = list(padding) if isinstance(padding, tuple) else padding
    return replace(call, settings=settings)


# Layer names and words beside the call: another layer the claim may be the output of.
_LAYER_NAME = lazy_regex(
    r"\b(?:[A-Z]\w*(?:[123][dD]|Pool\w*|Conv\w*)|\w*(?:Dense|Linear|Flatten|Embedding|LSTM|GRU))\b"
)
# calls of classes that build no layer
_NOT_LAYERS = frozenset({"Input", "Model", "Size", "Sequential", "Tensor"})
_CONV_WORD = lazy_regex(r"\bconv|\bdeconv", re.I)
_POOL_WORD = lazy_regex(r"\w*pool", re.I)


def _other_layers(text: str, call: _Call) -> bool:
    """Whether the note names a layer other than its one call (a summary row's type, a
    pooling after a convolution): the claim may then be that layer's."""
    name = _CALL.match(text, call.start)
    own = name.group(1) if name is not None else ""
    if any(match.group() != own for match in _LAYER_NAME.finditer(text)):
        return True
    if any(m.group(1) not in (own, *_NOT_LAYERS) for m in _CALL.finditer(text)):
        return True
    pooled = call.kind.endswith("pool")
    if call.kind in ("conv", "conv_transpose", "depthwise_conv", "separable_conv"):
        return _POOL_WORD.search(text) is not None
    if pooled:
        return _CONV_WORD.search(text) is not None
    return _CONV_WORD.search(text) is not None or _POOL_WORD.search(text) is not None


_WEIGHT_WORD = lazy_regex(r"weight|param|\bkernel\b|\bbias", re.I)


def _weight_shape(call: _Call, numbers: Sequence[int]) -> bool:
    """Whether a shape starts (Keras) or ends (PyTorch) with the call's kernel sizes and holds
    two more axes: a weight tensor's shape."""
    kernel = call.settings.get("kernel")
    if kernel is None or len(numbers) < call.dims + 2:  # kernel axes, in and out channels
        return False
    sizes = [kernel] * call.dims if isinstance(kernel, int) else kernel
    if not isinstance(sizes, list):
        return False
    return list(numbers[: call.dims]) == sizes or list(numbers[-call.dims :]) == sizes


def _window_shape(call: _Call, numbers: Sequence[int]) -> bool:
    """Whether a shape of the call's spatial axes is its kernel: the window, not a result."""
    kernel = call.settings.get("kernel")
    if kernel is None or len(numbers) != call.dims:
        return False
    sizes = [kernel] * call.dims if isinstance(kernel, int) else kernel
    return isinstance(sizes, list) and list(numbers) == sizes


def _call_spans(text: str) -> list[tuple[int, int]]:
    """Where the size-changing layer calls are written (their arguments are no shapes)."""
    spans = []
    for match in _CALL.finditer(text):
        if match.group(1) not in _TORCH_KINDS and match.group(1) not in _KERAS_KINDS:
            continue
        source = _balanced(text, match.end() - 1)
        if source is not None:
            spans.append((match.start(), match.end() - 1 + len(source)))
    return spans


def _setting_shape(text: str, match: re.Match[str], line_start: int) -> bool:
    if _SETTING_AFTER.match(text, match.end()):
        return True
    return (
        _SETTING_BEFORE.search(text, max(line_start, match.start() - 24), match.start()) is not None
    )


def _as_input(call: _Call, numbers: Sequence[int]) -> list[int] | None:
    """A stated shape as the layer's whole input (channels and spatial sizes), None when it
    has neither that many sizes nor one more (a batch axis)."""
    if len(numbers) == call.dims + 1:
        return list(numbers)
    if len(numbers) == call.dims + 2:
        return list(numbers[1:])
    return None


def _cued(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    window_start = line_start
    for _ in range(3):
        if window_start <= 1:
            break
        window_start = text.rfind("\n", 0, window_start - 1) + 1
    return _RESULT_CUE.search(text, window_start, start) is not None or bool(
        _RESULT_CUE.search(
            text, start, text.find("\n", start) if "\n" in text[start:] else len(text)
        )
    )


def _short(text: str, start: int) -> str:
    source = _balanced(text, text.find("(", start))
    name = text[start : text.find("(", start)]
    return f"`{name}{source}`" if source is not None else f"`{name}`"


# A call's label: the variable it is assigned to, or "(the depthwise step)" right after it.
_ASSIGNED_TO = lazy_regex(r"(?:self\.)?(?P<name>[A-Za-z_]\w*)\s*=\s*$")
_LABEL_AFTER = lazy_regex(
    r"`?\s*\((?:as\s+)?the\s+(?P<name>[A-Za-z][\w-]*)(?:\s+(?:step|layer|conv|part))?\)"
)


LabelledCall = tuple[str, str, int, dict[str, Setting]]  # framework, kind, axes, settings


def labelled_calls(text: str, start: int) -> list[tuple[str, LabelledCall]]:
    """The note's layer calls that carry a label, with the label (lower case, words)."""
    found: list[tuple[str, LabelledCall]] = []
    for call in _calls(text[start:]):
        at = start + call.start
        line_start = text.rfind("\n", 0, at) + 1
        assigned = _ASSIGNED_TO.search(text, line_start, at)
        source = _balanced(text, text.index("(", at))
        after = at + len(source) + text[at:].index("(") if source else at
        named = _LABEL_AFTER.match(text, after)
        label = assigned["name"] if assigned else named["name"] if named else None
        if label is None:
            continue
        found.append(
            (label.lower().replace("_", " "), (call.framework, call.kind, call.dims, call.settings))
        )
    return found
