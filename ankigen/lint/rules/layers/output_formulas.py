"""The output sizes of the layers that change a spatial or temporal size, as PyTorch and Keras
compute them: pure functions, proven against every measured fact of
tests/fixtures/framework_facts/output.json (scripts/output_facts.py runs the frameworks).

A setting a call leaves out takes the framework's default here: a convolution's stride 1,
padding 0 (PyTorch) or 'valid' (Keras) and dilation 1; a pooling layer's stride is its pool size
in both frameworks, a Keras pool's size 2; Keras' ZeroPadding pads 1, its Cropping crops 0;
PyTorch pools floor unless ``ceil_mode``, and a ceil-mode window that would start inside the
right padding is dropped.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from ankigen.lint import stage_trace

Setting = int | str | bool | None | Sequence[int] | Sequence[Sequence[int]]
Settings = Mapping[str, Setting]

CONVOLUTIONS = frozenset({"conv", "depthwise_conv", "separable_conv"})
POOLS = frozenset({"max_pool", "avg_pool", "lp_pool"})


def effective_kernel(kernel: int, dilation: int = 1) -> int:
    """The span a dilated kernel covers: d(k - 1) + 1."""
    return dilation * (kernel - 1) + 1


def conv_length(
    size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1
) -> int:
    """⌊(n + 2p - d(k - 1) - 1) / s⌋ + 1: a convolution's (or a floor-mode pool's) output."""
    return (size + 2 * padding - effective_kernel(kernel, dilation)) // stride + 1


def same_length(size: int, stride: int = 1) -> int:
    """'same' padding: ⌈n / s⌉ (Keras for any stride, PyTorch's 'same' only with stride 1)."""
    return -(-size // stride)


def valid_length(size: int, kernel: int, stride: int = 1, dilation: int = 1) -> int:
    """'valid' padding (no padding): ⌊(n - d(k - 1) - 1) / s⌋ + 1."""
    return conv_length(size, kernel, stride, 0, dilation)


def ceil_pool_length(
    size: int, kernel: int, stride: int, padding: int = 0, dilation: int = 1
) -> int:
    """PyTorch's ``ceil_mode=True``: ⌈(n + 2p - d(k - 1) - 1) / s⌉ + 1, less one when the last
    window would start in the right padding (at or past n + p)."""
    span = size + 2 * padding - effective_kernel(kernel, dilation)
    out = -(-span // stride) + 1
    if (out - 1) * stride >= size + padding:
        out -= 1
    return out


def torch_transposed_length(
    size: int,
    kernel: int,
    stride: int = 1,
    padding: int = 0,
    output_padding: int = 0,
    dilation: int = 1,
) -> int:
    """``ConvTranspose``: (n - 1)s - 2p + d(k - 1) + output_padding + 1."""
    return (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1


def keras_transposed_length(
    size: int,
    kernel: int,
    stride: int = 1,
    padding: str = "valid",
    output_padding: int | None = None,
    dilation: int = 1,
) -> int:
    """Keras ``ConvNDTranspose``: without an output padding, n·s for 'same' and
    n·s + max(k' - s, 0) for 'valid' (k' the dilated kernel); with one,
    (n - 1)s + k' - 2·pad + output_padding, pad being k' // 2 for 'same' and 0 for 'valid'."""
    span = effective_kernel(kernel, dilation)
    if output_padding is None:
        if padding == "same":
            return size * stride
        return size * stride + max(span - stride, 0)
    pad = span // 2 if padding == "same" else 0
    return (size - 1) * stride + span - 2 * pad + output_padding


# --------------------------------------------------------------------------- whole layers


def _axes(value: Setting, dims: int, default: int) -> list[int]:
    if value is None:
        return [default] * dims
    if isinstance(value, (bool, str)):
        raise ValueError(f"not a number per axis: {value!r}")
    if isinstance(value, int):
        return [value] * dims
    return [int(v) for v in value]  # type: ignore[arg-type]


def _pairs(value: Setting, dims: int) -> list[tuple[int, int]]:
    """Keras' padding/cropping: n, (a, b) for 1-D, per axis n or (before, after)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return [(value, value)] * dims
    assert isinstance(value, Sequence) and not isinstance(value, str)
    items: list[object] = list(value)
    if dims == 1 and len(items) == 2 and all(isinstance(v, int) for v in items):
        return [(_number(items[0]), _number(items[1]))]
    found = []
    for item in items:
        if isinstance(item, Sequence):
            found.append((_number(item[0]), _number(item[1])))
        else:
            found.append((_number(item), _number(item)))
    return found


def _number(value: object) -> int:
    if not isinstance(value, int):
        raise ValueError(f"not a number: {value!r}")
    return value


def _torch_pad(value: Setting, dims: int) -> list[tuple[int, int]]:
    """PyTorch's ZeroPad: n, or (left, right, top, bottom, front, back) from the LAST axis."""
    if isinstance(value, int) and not isinstance(value, bool):
        return [(value, value)] * dims
    assert isinstance(value, Sequence) and not isinstance(value, str)
    flat = [int(v) for v in value]  # type: ignore[arg-type]
    pairs = [(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]
    return list(reversed(pairs))


def spatial_output(
    framework: str, kind: str, settings: Settings, spatial: Sequence[int]
) -> list[int]:
    """The spatial sizes after one layer of ``kind`` with the ``settings`` a call states (the
    framework's defaults for the rest)."""
    stage_trace.note_setup(stage_trace.CONV)
    dims = len(spatial)
    keras = framework == "keras"
    if kind in CONVOLUTIONS or kind in POOLS:
        pooled = kind in POOLS
        kernel = _axes(settings.get("kernel"), dims, 2 if keras and pooled else 1)
        stride = (
            _axes(settings.get("stride"), dims, 1)
            if settings.get("stride") is not None
            else (kernel if pooled else [1] * dims)
        )
        dilation = _axes(settings.get("dilation"), dims, 1)
        padding = settings.get("padding", "valid" if keras else 0)
        out = []
        for axis, n in enumerate(spatial):
            k, s, d = kernel[axis], stride[axis], dilation[axis]
            if padding == "same":
                out.append(same_length(n, s))
            elif padding == "valid":
                out.append(valid_length(n, k, s, d))
            else:
                p = _axes(padding, dims, 0)[axis]
                if settings.get("ceil_mode"):
                    out.append(ceil_pool_length(n, k, s, p, d))
                else:
                    out.append(conv_length(n, k, s, p, d))
        return out
    if kind == "conv_transpose":
        kernel = _axes(settings.get("kernel"), dims, 1)
        stride = _axes(settings.get("stride"), dims, 1)
        dilation = _axes(settings.get("dilation"), dims, 1)
        if keras:
            extra = settings.get("output_padding")
            extras = None if extra is None else _axes(extra, dims, 0)
            padding = str(settings.get("padding", "valid"))
            return [
                keras_transposed_length(
                    n,
                    kernel[a],
                    stride[a],
                    padding,
                    None if extras is None else extras[a],
                    dilation[a],
                )
                for a, n in enumerate(spatial)
            ]
        paddings = _axes(settings.get("padding"), dims, 0)
        extras_t = _axes(settings.get("output_padding"), dims, 0)
        return [
            torch_transposed_length(n, kernel[a], stride[a], paddings[a], extras_t[a], dilation[a])
            for a, n in enumerate(spatial)
        ]
    if kind == "adaptive_pool":
        return _axes(settings.get("output_size"), dims, 1)
    if kind == "upsample":
        if settings.get("size") is not None and not keras:
            return _axes(settings.get("size"), dims, 1)
        factor = _axes(settings.get("size" if keras else "scale_factor"), dims, 2 if keras else 1)
        return [n * f for n, f in zip(spatial, factor, strict=True)]
    if kind == "pad":
        # Keras' ZeroPadding pads 1 on every side by default; PyTorch's needs its padding
        padding = settings.get("padding", 1 if keras else None)
        pairs = _pairs(padding, dims) if keras else _torch_pad(padding, dims)
        return [n + a + b for n, (a, b) in zip(spatial, pairs, strict=True)]
    if kind == "crop":
        pairs = _pairs(settings.get("cropping", 0), dims)  # Keras crops nothing by default
        return [n - a - b for n, (a, b) in zip(spatial, pairs, strict=True)]
    if kind == "pixel_shuffle":
        return [n * _axes(settings.get("upscale_factor"), 1, 1)[0] for n in spatial]
    if kind == "pixel_unshuffle":
        return [n // _axes(settings.get("downscale_factor"), 1, 1)[0] for n in spatial]
    raise ValueError(f"no spatial output for {kind}")


def channels_out(kind: str, settings: Settings, channels: int, declared: int | None) -> int:
    """The channels after a layer: a convolution's declared filters (a depthwise one
    multiplies the input's by its depth multiplier), the input's for everything else."""
    if kind == "depthwise_conv":
        multiplier = settings.get("depth_multiplier", 1)
        return channels * (multiplier if isinstance(multiplier, int) else 1)
    if kind == "pixel_shuffle":
        factor = _axes(settings.get("upscale_factor"), 1, 1)[0]
        return channels // (factor * factor)
    if kind == "pixel_unshuffle":
        factor = _axes(settings.get("downscale_factor"), 1, 1)[0]
        return channels * factor * factor
    if declared is not None and kind in ("conv", "separable_conv", "conv_transpose"):
        return declared
    return channels


def output_shape(
    framework: str,
    kind: str,
    settings: Settings,
    input_shape: Sequence[int],
    filters: int | None = None,
) -> list[int]:
    """A layer's whole output shape without the batch axis, in the framework's layout
    (PyTorch channels first, Keras channels last); ``filters`` is a convolution's declared
    output channels."""
    keras = framework == "keras"
    channels = input_shape[-1] if keras else input_shape[0]
    spatial = list(input_shape[:-1] if keras else input_shape[1:])
    if kind == "flatten":
        return [math.prod(input_shape)]
    if kind == "global_pool":
        if settings.get("keepdims"):
            return [1] * len(spatial) + [channels] if keras else [channels] + [1] * len(spatial)
        return [channels]
    if kind == "unfold":
        kernel = _axes(settings.get("kernel"), len(spatial), 1)
        blocks = spatial_output("torch", "conv", settings, spatial)
        return [channels * math.prod(kernel), math.prod(blocks)]
    sizes = spatial_output(framework, kind, settings, spatial)
    out_channels = channels_out(kind, settings, channels, filters)
    return [*sizes, out_channels] if keras else [out_channels, *sizes]
