"""Per-axis windows, strides and paddings for the output solver: a 3-D pool of 1x2x2 over a
clip keeps its frames and halves height and width; a CRNN's (2, 1) pool halves frequency and
keeps time; a factorised 1x7 kernel padded (0, 3) keeps a 17x17 grid.

Where a claim's own sentence, list item or row (else the question) states a setting whose
axes differ, the claim is judged axis by axis: each stated shape before it (its last axes,
first axes, or the axes before a trailing channel count) goes through every reading of the
stated per-axis kernel, stride and padding (a scalar applies to every axis; a pooling window
is its own stride by default), and the claim must be one of the results under one of the
same three axis orders. Two layers in one scope, dilation or "same" padding leave it to the
scalar readings.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from ankigen.lint import stage_trace

Axes = tuple[int, ...]


def anisotropic(values: Sequence[int]) -> bool:
    """A setting written per axis with axes that differ ("1x2x2", "(2, 1)")."""
    return len(values) >= 2 and len(set(values)) > 1


def axis_orders(values: Axes, axes: int) -> dict[str, Axes]:
    """The readings of a shape's ``axes`` spatial axes, by axis order: C x D x H x W keeps
    the last ones, D x H x W x C the ones before its channels, and a shape of exactly
    ``axes`` sizes is itself in every order. An input and its output share one order."""
    if len(values) < axes:
        return {}
    if len(values) == axes:
        return dict.fromkeys(("channels first", "channels last"), values)
    first, last = values[-axes:], values[-axes - 1 : -1]
    # height and width are mostly equal: a square at the end is C x (D x) H x W, one before
    # the last size is (D x) H x W x C; with neither, both orders stay open
    square_first, square_last = first[-1] == first[-2], last[-1] == last[-2]
    if square_first != square_last:
        return {"channels first": first} if square_first else {"channels last": last}
    return {"channels first": first, "channels last": last}


def _output(n: int, k: int, s: int, p: int, ceil: bool) -> int | None:
    stage_trace.note_setup(stage_trace.CONV)
    span = n + 2 * p - k
    if span < 0 or s <= 0:
        return None
    return (-(-span // s) if ceil else span // s) + 1


def axis_outputs(
    inputs: Sequence[Axes],
    kernels: Sequence[Axes],
    strides: Sequence[Axes],
    paddings: Sequence[Axes],
    ceil: bool,
) -> set[Axes]:
    """Every output shape of one per-axis layer on the stated inputs."""
    found: set[Axes] = set()
    roundings = (False, True) if ceil else (False,)
    for shape, k, s, p, up in itertools.product(inputs, kernels, strides, paddings, roundings):
        axes = [_output(*axis, up) for axis in zip(shape, k, s, p, strict=True)]
        if all(axis is not None for axis in axes):
            found.add(tuple(axis for axis in axes if axis is not None))
    return found


def open_paddings(kernel: Axes) -> list[Axes]:
    """The paddings a layer may have where the note states none: from 0 to half its window
    on each axis, every combination."""
    return list(itertools.product(*(range(k // 2 + 1) for k in kernel)))
