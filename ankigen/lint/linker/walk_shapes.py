"""Shapes that carry a channel axis (issue #12): a front end of ``walks`` that reads which
axes of a written shape are spatial before the layer's formula is applied to them:

    Input log-mel [B, 80, 3000]
    conv1: Conv1d(80, 768, kernel_size=3, stride=1, padding=1) + GELU -> [B, 768, 3000]
    conv2: Conv1d(768, 768, kernel_size=3, stride=2, padding=1) + GELU -> [B, 768, 1500]

A stage is a line (prose, a list item or a code line with its comment) with one arrow to a
shape of three to five axes, or of two where one axis is written as a name. Its layer is the
line's own (a call or settings words; an activation after a "+" is no second layer), else the
note's one layer stated on a line of its own ("Two Conv2d(256 ch, k=3, s=2, padding=0):" over
a list of arrows). Its input is a shape before the arrow on its line, else the stage before
(lines that only name an activation or a norm keep the shape), else the note's one shape
labelled the input ("Input [B, 1, 1000, 80]", "on [B, 512, 100]").

The axes: a batch axis first (a name, ``None``, or a first axis beyond the layer's rank and a
channel), then one channel axis first or last around the layer's spatial axes. Which end holds
the channels is the layout: the framework's (PyTorch calls channels first, Keras and Flax
last), a layout the note names (NCHW, "[B, C, T]", NHWC, "channels_last"), else the end where
the shape writes a name ("(B, d, 1499)"), else the end holding the layer's stated output
channels. A stage whose layout stays open is judged under both and is wrong only when both
are. It is an error only where the layout is the framework's or the note's, the layer's
settings are the line's own with a padding, and the input is stated; else a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker.note_lines import fenced_lines
from ankigen.lint.linker.walks import POOL, Layer, Stage, Transition, wrong_transitions

FIRST, LAST = "first", "last"

_ARROW = lazy_regex(r"(?:^|\s)(?:->|\u2192|=>|\u27f6)\s")
_SHAPE = lazy_regex(
    r"[(\[]\s*(?P<items>(?:[A-Za-z_]\w*|\d+)(?:\s*,\s*(?:[A-Za-z_]\w*|\d+)){1,4})\s*,?\s*[)\]]"
    r"|(?<![\w.,])(?P<dims>\d{1,6}(?:\s*[\u00d7xX]\s*\d{1,6}){2,3})(?![\w.]|,\d)"
)
_BATCH_NAMES = frozenset({"B", "N", "None", "batch", "bs", "batch_size", "b", "n"})
_INPUT_LABEL = lazy_regex(r"\binput\b|\bin:|\bon\s*`?[(\[]", re.I)
# a line that only applies an activation, a norm or dropout: the shape goes on unchanged
_KEEPS_SHAPE = lazy_regex(
    r"^[\s>*_`\-\d.)]*(?:(?:\w+\s*[:=]\s*)?(?:nn\.)?(?:GELU|ReLU\d*|SiLU|Swish|Tanh|Sigmoid|ELU"
    r"|LeakyReLU|Mish|Dropout\w*|BatchNorm\w*|LayerNorm|GroupNorm|BN|LN|activation)\b[^\d\n]*)$",
    re.I,
)
# an activation or norm written after the layer on its line: "Conv1d(...) + GELU"
_ACTIVATION_AFTER = lazy_regex(
    r"\s\+\s*(?:nn\.)?(?:GELU|ReLU\d*|SiLU|Swish|Tanh|Sigmoid|ELU|LeakyReLU|Mish|BN|BatchNorm\w*"
    r"|LayerNorm|GroupNorm|Dropout\w*)\b(?:\s*\([^)]*\))?",
    re.I,
)
_CHANNELS_FIRST = lazy_regex(
    r"\bN?C(?:HW|L|T|DHW|W)\b|channels_first|channels[- ]first|[\[(]\s*B\s*,\s*C\s*,"
    r"|\bnn\.|\btorch\b|PyTorch|\b(?:Conv|ConvTranspose|MaxPool|AvgPool)[123]d\b",
)
_CHANNELS_LAST = lazy_regex(
    r"\bN?(?:HW|L|T|DHW|W)C\b|channels_last|channels[- ]last|,\s*C\s*[\])]|\bH\s*[\u00d7x]\s*W\s*"
    r"[\u00d7x]\s*C\b|\bkeras\b|\bKeras\b|\btf\.|TensorFlow|TFLite"
    r"|\b(?:Conv[123]D|Conv[123]DTranspose|MaxPooling[123]D|AveragePooling[123]D)\b",
)
_TORCH_CALL = lazy_regex(r"\b(?:Conv|ConvTranspose|MaxPool|AvgPool)[123]d\s*\(")
_KERAS_CALL = lazy_regex(
    r"\b(?:Conv[123]D|Conv[123]DTranspose|MaxPooling[123]D|AveragePooling[123]D)\s*\("
)
# several layers in one line: no one stage
_SEVERAL = lazy_regex(r"\b(?:two|three|four|twice|each|every|blocks?|stages?|repeat\w*)\b", re.I)
# the name a bracket opens a call of; a tensor made with its shape is a shape
_CALLED = lazy_regex(
    r"(?:(?P<maker>\b(?:randn|rand|zeros|ones|empty|full|Input|Size)(?:\s*\(\s*(?:shape\s*=\s*)?)?)"
    r"|[\w.])$"
)
_ROW = lazy_regex(r"^\s*\|")
_RULE_ROW = lazy_regex(r"^\s*\|?\s*:?-{2,}")
_OUTPUT_LABEL = lazy_regex(
    r"^[\s>*_`\-\d.]*(?:output|out)(?:\s+(?:shape|size))?[*_`]*\s*(?:[:=]|\bis\b)", re.I
)
_OUTPUT_LABEL_ANYWHERE = lazy_regex(r"\bout(?:put)?\b", re.I)
_LAYER_WORD = lazy_regex(r"conv|pool", re.I)
# a framework's pooling class named without ceil_mode: PyTorch's and Keras' round down
_FRAMEWORK_POOL = lazy_regex(
    r"\b(?:MaxPool|AvgPool)[123]d\b(?![^\n]*ceil_mode\s*=\s*True)|\b(?:MaxPooling|AveragePooling)[123]D\b"
)
_LENGTH = lazy_regex(r"(?<![\w.,])(?P<n>\d{2,7})\s+(?:samples|frames)\b", re.I)
_THOUSANDS = lazy_regex(r"(?<=\d)(?:\\,|\{,\}|,|\u202f|\u2009|\s)(?=\d{3}(?!\d))")
_NUMBERED = lazy_regex(r"^\s*(?:[-*+]|\d+[.)])\s+")


@dataclass(frozen=True)
class Shape:
    """A written shape: each axis as written (digits or a name), its file span and line."""

    items: tuple[str, ...]
    start: int
    end: int
    line: int


@dataclass(frozen=True)
class _Line:
    stage: tuple[Layer | None, Shape | None, Shape] | None  # (own layer, own input, output)
    keeps: bool  # an activation or norm alone: the walk goes on
    text: str
    line: int


def shape_transitions(
    document: LintDocument,
    stated_layer: Callable[[str], Layer | None],
    stated_layers: Callable[[str], set[Layer | None]],
) -> Iterator[Transition]:
    """Each stage of a walk of shapes whose spatial axes its input and layer do not give."""
    body = document.body
    if not (_ARROW.search(body) or _OUTPUT_LABEL_ANYWHERE.search(body) or "|" in body):
        return  # (cheap: no arrow, no output line, no table: no stage)
    lines = [
        _read(line, offset, text, stated_layer) for line, offset, text, _ in fenced_lines(document)
    ]
    if not any(entry.stage for entry in lines):
        return
    found: set[Layer | None] = set()
    inputs: list[Shape] = []
    for entry in lines:
        if entry.stage is None and not entry.keeps:
            found |= stated_layers(_ACTIVATION_AFTER.sub("", entry.text))
            offset = document.offset_of_line(entry.line)
            labelled = _INPUT_LABEL.search(entry.text)
            shapes = _shapes(entry.text, offset, entry.line)
            if labelled and len(shapes) == 1:
                inputs.append(shapes[0])
    if not inputs:
        # a 1-D input stated as a length alone ("a 10 s clip = 160 000 samples")
        lengths = {_number(m["n"]) for m in _LENGTH.finditer(_THOUSANDS.sub("", body))}
        if len(lengths) == 1:
            inputs.append(Shape((str(lengths.pop()),), 0, 0, 0))
    noted = next(iter(found)) if len(found) == 1 else None
    layout = _note_layout(document.body)
    previous: Shape | None = None
    started = broken = False
    for entry in lines:
        if entry.stage is None:
            if entry.keeps or not entry.text.strip():
                continue
            previous, broken = None, started  # some other step: its size is not known
            continue
        own, source, output = entry.stage
        layer = own or noted
        first = inputs[0] if len(inputs) == 1 and not broken else None
        stated = source or previous or first
        previous, started = output, True
        if layer is None or stated is None:
            continue
        yield from _judged(layer, stated, output, own is not None, _layout(entry.text, layout))


def _read(line: int, offset: int, text: str, stated_layer: Callable[[str], Layer | None]) -> _Line:
    if _KEEPS_SHAPE.match(text) and text.strip():
        return _Line(None, True, text, line)
    if _ROW.match(text):
        return _row(line, offset, text, stated_layer)
    arrows = list(_ARROW.finditer(text))
    labelled = _OUTPUT_LABEL.match(text) if not arrows else None
    if len(arrows) != 1 and labelled is None:
        return _Line(None, False, text, line)
    cut = arrows[0] if arrows else labelled
    assert cut is not None
    before, after = text[: cut.start()], text[cut.end() :]
    outputs = _shapes(after, offset + cut.end(), line)
    if len(outputs) != 1 or not _channelled(outputs[0]):
        return _Line(None, False, text, line)
    sources = _shapes(before, offset, line)
    source = sources[-1] if sources else None
    settings = _ACTIVATION_AFTER.sub("", before)
    if source is not None:
        at = source.start - offset
        settings = settings[:at] + settings[source.end - offset :]
    return _staged(line, text, settings, source, outputs[0], stated_layer)


def _row(line: int, offset: int, text: str, stated_layer: Callable[[str], Layer | None]) -> _Line:
    """A table row whose cells hold the stage's output shape (and its input shape, before
    it); the other cells state its layer ("| MaxPooling1D | pool_size=2 | (None, 37, 32) |")."""
    shapes = [shape for shape in _shapes(text, offset, line) if _channelled(shape)]
    if not shapes or len(shapes) > 2 or _RULE_ROW.match(text):
        return _Line(None, False, text, line)
    output = shapes[-1]
    source = shapes[0] if len(shapes) == 2 else None
    settings = text
    for shape in reversed(shapes):
        settings = settings[: shape.start - offset] + settings[shape.end - offset :]
    return _staged(line, text, settings.replace("|", " ; "), source, output, stated_layer)


def _staged(
    line: int,
    text: str,
    settings: str,
    source: Shape | None,
    output: Shape,
    stated_layer: Callable[[str], Layer | None],
) -> _Line:
    """A stage of ``settings``'s own layer (or of the note's, where it names none)."""
    if _SEVERAL.search(settings):
        return _Line(None, False, text, line)
    own = stated_layer(settings)
    words = re.search(r"[A-Za-z]{3,}", _NUMBERED.sub("", settings.split("#")[0]))
    if own is None and words and not _LAYER_WORD.search(settings):
        # a named step this reader has no layer for ("flatten", "x = embed(x)")
        return _Line(None, False, text, line)
    if own is not None and own.kind == POOL and not own.ceil and _FRAMEWORK_POOL.search(settings):
        # a framework's pooling class rounds down and pads nothing by default
        own = replace(own, floor=True, padding=own.padding or (0,))
    return _Line((own, source, output), False, text, line)


def _shapes(text: str, offset: int, line: int) -> list[Shape]:
    found = []
    for match in _SHAPE.finditer(text):
        called = _CALLED.search(text, 0, match.start())
        if called and not called["maker"]:
            continue  # a call's arguments ("Conv2d(1, 256, 3, 2)"), no shape (a tensor made
            # with its shape is one: "torch.randn(B, 1, 80, 300)")
        if match["items"]:
            items = tuple(item.strip() for item in match["items"].split(","))
        else:
            items = tuple(re.split(r"\s*[\u00d7xX]\s*", match["dims"]))
        found.append(Shape(items, offset + match.start(), offset + match.end(), line))
    return found


def _number(text: str) -> int:
    return int(text)


def _channelled(shape: Shape) -> bool:
    """Whether a shape may carry a channel axis beside its sizes: three axes or more, or two
    of which one is a name (``(d, 1499)``), and at least one size."""
    digits = sum(item.isdigit() for item in shape.items)
    return digits >= 1 and (len(shape.items) >= 3 or digits == 1)


def _note_layout(body: str) -> str | None:
    first, last = bool(_CHANNELS_FIRST.search(body)), bool(_CHANNELS_LAST.search(body))
    return FIRST if first and not last else LAST if last and not first else None


def _layout(text: str, note: str | None) -> str | None:
    """The line's own framework first (a PyTorch or a Keras call), else the note's."""
    if _TORCH_CALL.search(text) and not _KERAS_CALL.search(text):
        return FIRST
    if _KERAS_CALL.search(text) and not _TORCH_CALL.search(text):
        return LAST
    return note


def _judged(
    layer: Layer, source: Shape, output: Shape, own: bool, layout: str | None
) -> Iterator[Transition]:
    """The transition when every admissible reading of the axes finds the output wrong."""
    known = layout is not None
    if layout is None:
        layout = _named_end(output)
    readings = []
    for end in [layout] if layout else [FIRST, LAST]:
        axes = _spatial(source, output, layer, end)
        if axes is not None:
            readings.append(axes)
    if not readings:
        return
    wrong = []
    for sizes_in, sizes_out, positions in readings:
        rank = len(positions)
        stage = Stage(
            replace(layer, rank=rank),
            sizes_out,
            output.start,
            output.end,
            output.line,
            input=sizes_in,
            own_settings=own,
        )
        transitions = list(wrong_transitions([stage], None))
        if not transitions:
            return  # one reading of the axes gives the claim
        wrong.append(transitions[0])
    first = wrong[0]
    yield replace(first, sure=first.sure and known)


def _named_end(output: Shape) -> str | None:
    """The end of the output whose axis is a name other than the batch's ("(B, d, 1499)")."""
    items = output.items[1:] if output.items[0] in _BATCH_NAMES else output.items
    first = not items[0].isdigit()
    last = not items[-1].isdigit()
    if first != last:
        return FIRST if first else LAST
    return None


def _spatial(
    source: Shape, output: Shape, layer: Layer, end: str
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]] | None:
    """The spatial sizes of input and output under a layout (channels at ``end``), and the
    positions they take; ``None`` when the shapes do not fit the layer that way."""
    length = len(output.items)
    batched = 1 if output.items[0] in _BATCH_NAMES else 0
    if len(source.items) == 1 and (layer.rank or 1) == 1 and length - batched == 2:
        # a length alone: the input of a 1-D layer's one spatial axis, the others the output's
        place = length - 1 if end == FIRST else length - 2
        source = replace(
            source, items=(*output.items[:place], source.items[0], *output.items[place + 1 :])
        )
    if len(source.items) != len(output.items):
        return None
    batch = 1 if output.items[0] in _BATCH_NAMES or source.items[0] in _BATCH_NAMES else 0
    rank = layer.rank or (len(layer.kernel) if len(layer.kernel) > 1 else None)
    if rank is None:
        rank = length - batch - 1
    if batch == 0 and length == rank + 2:
        batch = 1  # "(1, 112, 112, 32)": a first axis beyond the rank and the channels
    if length != batch + rank + 1 or rank < 1:
        return None
    positions = tuple(range(batch + 1, length)) if end == FIRST else tuple(range(batch, length - 1))
    channel = batch if end == FIRST else length - 1
    if batch and source.items[0] != output.items[0]:
        return None  # a batch axis changes under no conv
    sizes_in, sizes_out = [], []
    for position in positions:
        a, b = source.items[position], output.items[position]
        if not (a.isdigit() and b.isdigit()):
            return None  # a spatial axis written as a name: nothing to check
        sizes_in.append(int(a))
        sizes_out.append(int(b))
    if layer.kind == POOL and source.items[channel] != output.items[channel]:
        return None  # a pooling keeps its channels: the axes are read wrong
    return tuple(sizes_in), tuple(sizes_out), positions
