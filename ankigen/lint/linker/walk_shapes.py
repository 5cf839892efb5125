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

import itertools
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
    r"|\btorch\b|PyTorch|\b(?:Conv|ConvTranspose|MaxPool|AvgPool)[123]d\b",
)
_CHANNELS_LAST = lazy_regex(
    r"\bN?(?:HW|L|T|DHW|W)C\b|channels_last|channels[- ]last|,\s*C\s*[\])]|\bH\s*[\u00d7x]\s*W\s*"
    r"[\u00d7x]\s*C\b|\bkeras\b|\bKeras\b|\btf\.|TensorFlow|TFLite"
    r"|\b(?:Conv[123]D|Conv[123]DTranspose|MaxPooling[123]D|AveragePooling[123]D)\b"
    r"|\bnn\.Conv(?:Transpose)?\s*\(|\bflax\b|\bjax\b|\bFlax\b|\bJAX\b",
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
    r"|[\w.]|=\s*)$"
)
_CALCULATED = lazy_regex(r"\s*(?:=|\u2248)")
# the output channels a line states: a PyTorch call's second argument, a Keras call's first,
# "256 ch", "64 filters", "out_channels=64"
_OUT_CHANNELS = lazy_regex(
    r"\b(?:Conv|ConvTranspose)[123]d\s*\(\s*\w+\s*,\s*(?P<a>\d+)"
    r"|\b(?:Conv[123]D|Conv[123]DTranspose)\s*\(\s*(?:filters\s*=\s*)?(?P<b>\d+)"
    r"|\b(?:out_channels|filters|features)\s*=\s*(?P<c>\d+)"
    r"|\b(?P<d>\d+)[ -]?(?:ch|channels|filters)\b"
)
_RANK_NAME = lazy_regex(r"(?:conv|pool\w*)(?P<r>[123])[dD]\b|\b(?P<s>[123])-?D\b", re.I)
_CONV_WORD = lazy_regex(r"conv", re.I)
_KERNEL_SQUARE = lazy_regex(r"(?<![\w.,])(?P<k>\d|1[01])\s*[\u00d7xX]\s*(?P=k)(?![\d.])")
_POOL_WORD = lazy_regex(r"pool", re.I)
_PADDING_WORD = lazy_regex(r"\bpad|\bsame\b|\bvalid\b", re.I)
_SAME_WORD = lazy_regex(r"\bsame\b", re.I)
_ROW = lazy_regex(r"^\s*\|")
# a piece of an arrow line that is only a shape (a label before it allowed: "out (B, 384, 1500)")
_ALONE = lazy_regex(r"(?:[\w -]{0,20}:?\s*)?[(\[][^()\[\]]*[)\]]|[\d \u00d7xX]+")
_RULE_ROW = lazy_regex(r"^\s*\|?\s*:?-{2,}")
_OUTPUT_LABEL = lazy_regex(
    r"^[\s>*_`\-\d.]*(?:output|out)(?:\s+(?:shape|size))?[*_`]*\s*(?:[:=]|\bis\b)", re.I
)
_OUTPUT_LABEL_ANYWHERE = lazy_regex(r"\bout(?:put)?\b", re.I)
_RESULT_VERB = lazy_regex(
    r"\b(?:gives?|giving|yields?|produces?|returns?|outputs?|becomes?|results? in"
    r"|turns? (?:it )?into|comes? out (?:as|at))\s+(?:an?\s+|the\s+)?"
    r"(?:(?:output|feature|activation)\s+)?(?:(?:shape|tensor|map|volume)\s+)?(?:of\s+)?(?:shape\s+)?(?=[(\[]|\d)",
    re.I,
)
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
    bracketed: bool = True  # "[B, 80, 3000]"; "64 x 56 x 56" is not


@dataclass(frozen=True)
class _Stage:
    layer: Layer | None  # the line's own layer, None: the note's
    source: Shape | None  # the line's own input shape
    output: Shape
    channels: int | None  # the output channels the line states ("Conv1d(80, 768, ...)")


@dataclass(frozen=True)
class _Line:
    stages: tuple[_Stage, ...]  # none: no stage; several: "[..] -> layer -> [..] -> layer -> [..]"
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
    if not (
        _ARROW.search(body)
        or _OUTPUT_LABEL_ANYWHERE.search(body)
        or "|" in body
        or _RESULT_VERB.search(body)
    ):
        return  # (cheap: no arrow, no output line, no table, no verb of a result: no stage)
    lines = [
        _read(line, offset, text, stated_layer) for line, offset, text, _ in fenced_lines(document)
    ]
    if not any(entry.stages for entry in lines):
        return
    found: set[Layer | None] = set()
    inputs: list[Shape] = []
    for entry in lines:
        if not entry.stages and not entry.keeps:
            text = _ACTIVATION_AFTER.sub("", entry.text)
            found |= stated_layers(text)
            if _CONV_WORD.search(text) and _POOL_WORD.search(text):
                found.add(None)  # "all convolutions are 5x5 ..., all pools are 2x2": two kinds
            if len({m["k"] for m in _KERNEL_SQUARE.finditer(text)}) > 1:
                found.add(None)  # "convolutions 5x5 or 3x3": two kernels, no one layer
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
    if noted is not None:
        # its settings may stand on lines of their own ("- pool size: 3x3", "- stride: 2")
        noted = stated_layer(" ; ".join(e.text for e in lines if not e.stages and not e.keeps))
    noted_channels = out_channels(
        "\n".join(e.text for e in lines if not e.stages and not e.keeps and "|" not in e.text)
    )
    layout = _note_layout(document.body)
    pads = bool(_SAME_WORD.search(body))
    previous: Shape | None = None
    started = broken = False
    for entry in lines:
        if not entry.stages:
            if entry.keeps or not entry.text.strip():
                continue
            previous, broken = None, started  # some other step: its size is not known
            continue
        convention = _layout(entry.text, layout)
        for stage in entry.stages:
            layer = stage.layer or _same_kind(noted, entry.text)
            own_pads = _PADDING_WORD.search(entry.text)
            if stage.layer is not None and stage.layer.kind != POOL and pads and not own_pads:
                # a call's default padding is not the note's "same" stated elsewhere
                layer = replace(stage.layer, padding=None)
            channels = stage.channels if stage.layer else stage.channels or noted_channels
            first = inputs[0] if len(inputs) == 1 and not broken else None
            stated = stage.source or previous or first
            previous, started = stage.output, True
            if layer is None or stated is None:
                continue
            yield from _judged(
                layer, stated, stage.output, stage.layer is not None, convention, channels
            )


def _same_kind(layer: Layer | None, text: str) -> Layer | None:
    """The note's layer for a stage line that names no other kind of layer ("| S2 pool |"
    under a note whose one layer is a conv is no stage of it)."""
    if layer is None:
        return None
    conv, pool = bool(_CONV_WORD.search(text)), bool(_POOL_WORD.search(text))
    if (layer.kind == POOL and conv and not pool) or (layer.kind != POOL and pool):
        return None
    return layer


def _read(line: int, offset: int, text: str, stated_layer: Callable[[str], Layer | None]) -> _Line:
    if _KEEPS_SHAPE.match(text) and text.strip():
        return _Line((), True, text, line)
    if _ROW.match(text):
        return _row(line, offset, text, stated_layer)
    arrows = list(_ARROW.finditer(text))
    labelled = _OUTPUT_LABEL.match(text) if not arrows else None
    if not arrows and labelled is None:
        # "..., which gives a (1, 112, 112, 32) tensor": a verb of the result before the shape
        labelled = next(reversed(list(_RESULT_VERB.finditer(text))), None)
    if len(arrows) > 1:
        return _chained(line, offset, text, arrows, stated_layer)
    if not (arrows or labelled):
        return _Line((), False, text, line)
    cut = arrows[0] if arrows else labelled
    assert cut is not None
    before, after = text[: cut.start()], text[cut.end() :]
    outputs = _shapes(after, offset + cut.end(), line)
    if len(outputs) != 1 or not _channelled(outputs[0]):
        return _Line((), False, text, line)
    sources = _shapes(before, offset, line)
    source = sources[-1] if sources else None
    settings = _ACTIVATION_AFTER.sub("", before)
    if source is not None:
        at = source.start - offset
        settings = settings[:at] + settings[source.end - offset :]
    return _staged(line, text, settings, source, outputs[0], stated_layer)


def _chained(
    line: int,
    offset: int,
    text: str,
    arrows: list[re.Match[str]],
    stated_layer: Callable[[str], Layer | None],
) -> _Line:
    """A line of several arrows whose pieces alternate a shape and a layer ("[B, 80, 3000] ->
    Conv1d(80, 384, 3, 2, 1) -> [B, 384, 1500]"): a stage from each shape to the next."""
    bounds = [0, *(m for a in arrows for m in (a.start(), a.end())), len(text)]
    pieces = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    shaped: list[tuple[int, Shape]] = []
    for index, (start, end) in enumerate(pieces):
        shapes = _shapes(text[start:end], offset + start, line)
        piece = text[start:end].strip(" `*_.,;:")
        if len(shapes) == 1 and _channelled(shapes[0]) and _ALONE.fullmatch(piece):
            shaped.append((index, shapes[0]))
    stages = []
    for (before, source), (after, output) in itertools.pairwise(shaped):
        if after - before < 2:
            continue  # two shapes with no layer between
        settings = " ; ".join(text[slice(*pieces[i])] for i in range(before + 1, after))
        staged = _staged(
            line, text, _ACTIVATION_AFTER.sub("", settings), source, output, stated_layer
        )
        if staged.stages and staged.stages[0].layer is not None:
            stages.append(staged.stages[0])
    return _Line(tuple(stages), False, text, line)


def _row(line: int, offset: int, text: str, stated_layer: Callable[[str], Layer | None]) -> _Line:
    """A table row whose cells hold the stage's output shape (and its input shape, before
    it); the other cells state its layer ("| MaxPooling1D | pool_size=2 | (None, 37, 32) |")."""
    shapes = [shape for shape in _shapes(text, offset, line) if _channelled(shape)]
    if not shapes or len(shapes) > 2 or _RULE_ROW.match(text):
        return _Line((), False, text, line)
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
        return _Line((), False, text, line)
    own = stated_layer(settings)
    words = re.search(r"[A-Za-z]{3,}", _NUMBERED.sub("", settings.split("#")[0]))
    if own is None and words and not _LAYER_WORD.search(settings):
        # a named step this reader has no layer for ("flatten", "x = embed(x)")
        return _Line((), False, text, line)
    if own is not None and own.kind == POOL and not own.ceil and _FRAMEWORK_POOL.search(settings):
        # a framework's pooling class rounds down and pads nothing by default
        own = replace(own, floor=True, padding=own.padding or (0,))
    if own is not None and own.rank is None:
        own = replace(own, rank=_rank(own, settings))
    return _Line((_Stage(own, source, output, out_channels(settings)),), False, text, line)


def out_channels(text: str) -> int | None:
    """The one output channel count a text states, if one."""
    found = {int(next(v for v in m.groups() if v)) for m in _OUT_CHANNELS.finditer(text)}
    return found.pop() if len(found) == 1 else None


def _rank(layer: Layer, text: str) -> int | None:
    """A layer's spatial axes: its name's ("SparseConv3d", "3-D") or its per-axis settings'."""
    named = {int(m["r"] or m["s"]) for m in _RANK_NAME.finditer(text)}
    if len(named) == 1:
        return named.pop()
    lengths = {
        len(values)
        for values in (layer.kernel, layer.stride, layer.padding, layer.dilation)
        if values is not None and len(values) > 1
    }
    return lengths.pop() if len(lengths) == 1 else None


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
            if _CALCULATED.match(text, match.end()):
                continue  # "3 x 32 x 25 = 2,400": a product worked out, no shape
        found.append(
            Shape(items, offset + match.start(), offset + match.end(), line, bool(match["items"]))
        )
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
    layer: Layer,
    source: Shape,
    output: Shape,
    own: bool,
    convention: str | None,
    channels: int | None,
) -> Iterator[Transition]:
    """The transition when every admissible reading of the axes finds the output wrong.

    The layout is read from the shapes first (the end holding the layer's stated output
    channels, the end a pooling keeps, the end written as a name), then from the framework's
    or the note's convention for a bracketed tensor shape; sure only where both agree or the
    shapes alone settle it under no contrary convention."""
    fits = {end: _spatial(source, output, layer, end) for end in (FIRST, LAST)}
    fitting = {end for end, axes in fits.items() if axes is not None}
    evidence = {
        end
        for end, axes in fits.items()
        if axes is not None and _channel_evidence(source, output, layer, channels, axes[3])
    }
    named = _named_end(output)
    if named in fitting:
        evidence = {named}
    if len(evidence) == 1:
        # (a name at one end is read, not stated: sure only under the same convention)
        ends, sure = evidence, convention in (*evidence, None if named is None else named)
    elif output.bracketed and convention in fitting:
        ends, sure = {convention}, True
    else:
        ends, sure = fitting, False
    wrong = []
    for end in (FIRST, LAST):
        axes = fits[end]
        if end not in ends or axes is None:
            continue
        sizes_in, sizes_out, positions, _ = axes
        stage = Stage(
            replace(layer, rank=len(positions)),
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
    if wrong:
        yield replace(wrong[0], sure=wrong[0].sure and sure)


def _channel_evidence(
    source: Shape, output: Shape, layer: Layer, channels: int | None, index: int
) -> bool:
    """Whether the channel axis at ``index`` holds what the layer makes of it: its stated
    output channels, or a pooling's unchanged count."""
    if layer.kind == POOL:
        return source.items[index] == output.items[index]
    return channels is not None and output.items[index] == str(channels)


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
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], int] | None:
    """The spatial sizes of input and output under a layout (channels at ``end``), the
    positions they take and the channel axis; ``None`` when the shapes do not fit the layer
    that way."""
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
    return tuple(sizes_in), tuple(sizes_out), positions, channel
