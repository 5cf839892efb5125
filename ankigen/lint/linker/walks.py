"""The core of the stage-walk reading (issue #12): a walk is a sequence of stages, each one
layer with its settings and the size the note says it outputs; a stage's input is its own
stated input, else the size the stage before it claims, else the note's stated input. Every
notation (list items with arrows, tables of in/out columns, shapes in code comments) is read
into this one form by ``walk_notations``; this module only checks transitions, so a new
author's table or arrow chain is judged by the same formulas.

A transition is wrong when no alignment of the layer's spatial axes with the stated shapes
and no admissible convention (floor, and ceil for a pooling; every padding a row leaves open)
gives the claimed size. It is sure (an error) only when the kernel, stride and padding are
stated for the stage (on its own line, row or call, or once for every layer of the note) and
its input is stated, not carried from the note's set-up; otherwise a warning.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import product

SAME = -1  # a padding that keeps the size ("same")

# Kinds of stage whose output the formulas give.
CONV, POOL, TRANSPOSED = "conv", "pool", "transposed"


@dataclass(frozen=True)
class Layer:
    """One stage's layer: per-axis settings (one value broadcasts over every axis)."""

    kind: str
    kernel: tuple[int, ...]
    stride: tuple[int, ...] | None  # None: the default (1; a pooling's window)
    padding: tuple[int, ...] | None  # None: unstated, any padding a careful author means
    dilation: tuple[int, ...] = (1,)
    output_padding: tuple[int, ...] | None = None  # a transposed layer's, None: unstated
    rank: int | None = None  # the layer's spatial axes (Conv2d: 2), None: unknown
    ceil: bool = False  # ceil_mode stated
    floor: bool = False  # a pooling's ceil_mode stated False: floor only


@dataclass(frozen=True)
class Stage:
    """A layer and the size the note claims it outputs (the claim's file span and line)."""

    layer: Layer
    output: tuple[int, ...]
    start: int
    end: int
    line: int
    input: tuple[int, ...] | None = None  # the stage's own stated input
    own_settings: bool = True  # settings stated on its line/row/call or once for all layers


@dataclass(frozen=True)
class Transition:
    """A stage whose claimed size no reading gives: the input it was read from, the size the
    first reading gives, and whether every quantity was stated (an error) or not."""

    stage: Stage
    input: tuple[int, ...]
    expected: tuple[int, ...]
    sure: bool


def wrong_transitions(
    stages: Sequence[Stage], first_input: tuple[int, ...] | None, first_sure: bool = False
) -> Iterator[Transition]:
    """Each stage of one walk, in order, whose claim its input and layer do not give; a wrong
    stage's claim is still the next stage's input (one wrong row, one finding). The walk's
    first stage may take ``first_input``, the note's stated input (sure with ``first_sure``)."""
    previous: tuple[int, ...] | None = None
    for stage in stages:
        source = stage.input or previous
        input_sure = source is not None or first_sure
        source = source or first_input
        previous = stage.output
        if source is None:
            continue
        outcome = _wrong(stage.layer, source, stage.output)
        if outcome is None:
            continue
        layer = stage.layer
        sure = (
            stage.own_settings
            and input_sure
            and layer.padding is not None
            and (layer.kind != TRANSPOSED or layer.output_padding is not None)
        )
        yield Transition(stage, source, outcome, sure)


def _wrong(
    layer: Layer, source: tuple[int, ...], claimed: tuple[int, ...]
) -> tuple[int, ...] | None:
    """The size the first alignment's first reading gives when no alignment and convention
    gives ``claimed`` from ``source``; ``None`` when one does, or when no alignment gives a
    size on every axis (no verdict)."""
    if len(source) != len(claimed):
        return None  # a flattened or re-shaped size: not this walk's
    first: tuple[int, ...] | None = None
    for block in _alignments(layer, len(source)):
        per_axis = [
            axis_sizes(layer, axis, source[position]) for axis, position in enumerate(block)
        ]
        if all(claimed[position] in sizes for position, sizes in zip(block, per_axis, strict=True)):
            return None
        if first is None and all(per_axis):
            shown = list(claimed)
            for position, sizes in zip(block, per_axis, strict=True):
                shown[position] = min(sizes)
            first = tuple(shown)
    return first


def _alignments(layer: Layer, length: int) -> Iterator[range]:
    """The positions the layer's spatial axes may take in a shape of ``length`` axes: a
    contiguous block (channels first or last, a batch axis before them), the whole shape
    first; one size stands for every axis of a layer whose settings are alike on all axes."""
    if length == 1 and all(
        len(set(values)) == 1
        for values in (layer.kernel, layer.stride or (1,), layer.padding or (0,), layer.dilation)
    ):
        yield range(0, 1)
        return
    if layer.rank:
        ranks = [layer.rank]
    elif len(layer.kernel) > 1:
        ranks = [len(layer.kernel)]
    else:
        ranks = list(range(length, 0, -1))
    for rank in ranks:
        for start in range(0, length - rank + 1):
            if length - rank - start > 1 or start > 2:
                continue  # at most one channel axis after, a batch and a channel axis before
            yield range(start, start + rank)


def _setting(values: tuple[int, ...] | None, axis: int) -> int | None:
    if values is None:
        return None
    return values[axis] if axis < len(values) else values[-1] if len(values) == 1 else None


def axis_sizes(layer: Layer, axis: int, size: int) -> frozenset[int]:
    kernel = _setting(layer.kernel, axis)
    if kernel is None:
        return frozenset()
    stride = _setting(layer.stride, axis)
    if stride is None:
        stride = kernel if layer.kind == POOL else 1
    dilation = _setting(layer.dilation, axis) or 1
    stated = _setting(layer.padding, axis)
    paddings = {stated} if stated is not None else {0, kernel // 2, (kernel - 1) // 2, SAME}
    extras = (
        {_setting(layer.output_padding, axis) or 0}
        if layer.output_padding is not None
        else set(range(stride))
    )
    found: set[int] = set()
    for padding, extra in product(paddings, extras):
        found |= _once(layer, size, kernel, stride, padding, dilation, extra)
    return frozenset(found)


def _once(
    layer: Layer, size: int, kernel: int, stride: int, padding: int, dilation: int, extra: int
) -> set[int]:
    if stride <= 0:
        return set()
    span = dilation * (kernel - 1) + 1
    if layer.kind == TRANSPOSED:
        if padding == SAME:
            return {size * stride}
        return {(size - 1) * stride - 2 * padding + span + extra}
    if padding == SAME:
        return {math.ceil(size / stride)}
    room = size + 2 * padding - span
    if room < 0:
        return set()
    sizes = {room // stride + 1}
    if (layer.kind == POOL and not layer.floor) or layer.ceil:
        sizes.add(math.ceil(room / stride) + 1)
    return sizes
