"""Layer arithmetic: the output size of a convolution or pooling, and parameter counts.

Output size along one axis, for input n, kernel k, stride s, padding p and dilation d:
``⌊(n + 2p - d(k - 1) - 1) / s⌋ + 1``; "same" padding gives ``⌈n / s⌉``; "valid" is p = 0.
A dense layer of n inputs and m units has ``n·m + m`` parameters (``n·m`` without bias); a
convolution with a k_hxk_w kernel over C input channels and F filters has
``(k_h·k_w·C + 1)·F``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ankigen.lint import stage_trace

MINUS = "\N{MINUS SIGN}"


@dataclass(frozen=True)
class Axis:
    """What is known about one spatial axis of a layer; None where the note does not say."""

    size: int
    kernel: int
    stride: int | None
    padding: int | None
    dilation: int
    same: bool = False
    pooling: bool = False
    # Pooling rounds up only where the note says so (PyTorch ``ceil_mode=True``, Caffe);
    # Keras and PyTorch round down by default, so 7 pooled by 2 with stride 2 is 3.
    rounds_up: bool = False


def output_size(size: int, kernel: int, stride: int, padding: int, dilation: int = 1) -> int | None:
    """The standard (floor) output size, or None when the kernel does not fit."""
    stage_trace.note_setup(stage_trace.CONV)
    span = dilation * (kernel - 1) + 1
    room = size + 2 * padding - span
    if stride <= 0 or room < 0:
        return None
    return room // stride + 1


def _ceil_output(size: int, kernel: int, stride: int, padding: int, dilation: int) -> int | None:
    """Pooling layers may round up (``ceil_mode``)."""
    span = dilation * (kernel - 1) + 1
    room = size + 2 * padding - span
    if stride <= 0 or room < 0:
        return None
    return math.ceil(room / stride) + 1


def allowed_outputs(axis: Axis) -> set[int]:
    """Every output size that some reading of the unstated quantities makes right: a stride
    not stated may be 1, 2 or the kernel size; a padding not stated anything up to k - 1 or
    "same" (for pooling, up to (k - 1) // 2: pooling pads nothing by default); a division
    that does not come out even rounds down unless the note says pooling may round up."""
    stage_trace.note_setup(stage_trace.CONV)
    if axis.same:
        strides = [axis.stride] if axis.stride is not None else [1, 2, axis.kernel]
        return {math.ceil(axis.size / stride) for stride in strides if stride > 0}
    strides = [axis.stride] if axis.stride is not None else sorted({1, 2, axis.kernel})
    paddings = [axis.padding] if axis.padding is not None else list(range(axis.kernel))
    if axis.pooling and axis.padding is None:
        # Pooling pads nothing by default (Keras, PyTorch) and at most half its window
        # (PyTorch's limit; a 3x3 pool with padding 1 halves 112 to 56): a 2x2 pool of 7 is 3.
        paddings = list(range((axis.kernel - 1) // 2 + 1))
    allowed: set[int] = set()
    for stride in strides:
        if axis.padding is None and not axis.pooling:
            allowed.add(math.ceil(axis.size / stride))
        for padding in paddings:
            rounding = (output_size, _ceil_output) if axis.rounds_up else (output_size,)
            for compute in rounding:
                value = compute(axis.size, axis.kernel, stride, padding, axis.dilation)
                if value is not None:
                    allowed.add(value)
    return allowed


def explain_output(axis: Axis) -> str:
    """The calculation a message shows: "(32 + 2·0 - 5) / 1 + 1 = 28"."""
    if axis.same:
        stride = axis.stride or 1
        return f"⌈{axis.size} / {stride}⌉ = {math.ceil(axis.size / stride)} ('same' padding)"
    stride = axis.stride if axis.stride is not None else 1
    padding = axis.padding if axis.padding is not None else 0
    dilated = f"{axis.dilation}·({axis.kernel} {MINUS} 1) {MINUS} 1"
    span = str(axis.kernel) if axis.dilation == 1 else dilated
    value = output_size(axis.size, axis.kernel, stride, padding, axis.dilation)
    room = axis.size + 2 * padding - axis.dilation * (axis.kernel - 1) - 1
    inner = f"({axis.size} + 2·{padding} {MINUS} {span}) / {stride}"
    return f"{inner} + 1 = {value}" if room % stride == 0 else f"⌊{inner}⌋ + 1 = {value}"


def dense_parameters(inputs: int, units: int, bias: bool) -> int:
    stage_trace.note_setup(stage_trace.PARAMS)
    return inputs * units + (units if bias else 0)


def conv_parameters(kernel: tuple[int, int], channels: int, filters: int, bias: bool) -> int:
    stage_trace.note_setup(stage_trace.PARAMS)
    return (kernel[0] * kernel[1] * channels + (1 if bias else 0)) * filters
