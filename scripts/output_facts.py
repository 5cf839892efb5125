"""Regenerate tests/fixtures/framework_facts/output.json: input shape -> output shape of every
layer kind of ``torch.nn`` and ``keras.layers`` that changes a spatial or temporal size, measured
by running the pinned frameworks (the facts AG103's formulas are proven against).

    python scripts/output_facts.py            # rewrite the facts file
    python scripts/output_facts.py --check    # exit 1 if the committed file is out of date

The frameworks are installed into the shared throwaway venv of the framework facts (see
scripts/generated_data.py); this script then runs itself inside it with ``--measure`` and
``KERAS_BACKEND=torch``, so the project's own environment never imports torch or keras.

The grid is systematic, not remembered: the classes are found by walking ``torch.nn`` and
``keras.layers`` (every public class whose name says it convolves, pools, resamples, pads, crops,
folds or flattens); each one found must belong to a kind below or to ``NOT_MEASURED`` with its
reason, else the walk fails. Each kind's settings (kernel, stride, padding numbers and the
'same'/'valid' words, dilation, output_padding, ceil_mode, pool sizes with their default
strides, per-axis tuples) are crossed with small and typical input sizes, square and not. A
setting the framework refuses (or an output below one) is skipped. A few chains of layers
(named stems, small CNNs) give the shape after each layer.
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import generated_data  # next to this script: run as `python scripts/...`

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "tests" / "fixtures" / "framework_facts" / "output.json"
COMMAND = "python scripts/output_facts.py"

# Which public class names the walk looks at (the rest of the frameworks keeps sizes).
SIZED_NAME = re.compile(r"Conv|Pool|Upsampl|UpSampl|Pad|Crop|Flatten|[Ff]old|[Ss]huffle")
# Found by the walk but not measured, with the reason.
NOT_MEASURED: dict[str, str] = {
    "torch.ChannelShuffle": "permutes channels; sizes unchanged",
    "torch.CircularPad1d": "same sizes as ZeroPad (only the values differ)",
    "torch.CircularPad2d": "same sizes as ZeroPad (only the values differ)",
    "torch.CircularPad3d": "same sizes as ZeroPad (only the values differ)",
    "torch.ReflectionPad1d": "same sizes as ZeroPad (only the values differ)",
    "torch.ReflectionPad2d": "same sizes as ZeroPad (only the values differ)",
    "torch.ReflectionPad3d": "same sizes as ZeroPad (only the values differ)",
    "torch.ReplicationPad1d": "same sizes as ZeroPad (only the values differ)",
    "torch.ReplicationPad2d": "same sizes as ZeroPad (only the values differ)",
    "torch.ReplicationPad3d": "same sizes as ZeroPad (only the values differ)",
    "torch.ConstantPad1d": "same sizes as ZeroPad (only the values differ)",
    "torch.ConstantPad2d": "same sizes as ZeroPad (only the values differ)",
    "torch.ConstantPad3d": "same sizes as ZeroPad (only the values differ)",
    "torch.FractionalMaxPool2d": "random pooling regions; the output size is a setting",
    "torch.FractionalMaxPool3d": "random pooling regions; the output size is a setting",
    "torch.Fold": "the inverse of Unfold; its output size is a setting",
    "torch.LazyConv1d": "Conv1d with in_channels inferred: the same sizes",
    "torch.LazyConv2d": "Conv2d with in_channels inferred: the same sizes",
    "torch.LazyConv3d": "Conv3d with in_channels inferred: the same sizes",
    "torch.LazyConvTranspose1d": "ConvTranspose1d with in_channels inferred: the same sizes",
    "torch.LazyConvTranspose2d": "ConvTranspose2d with in_channels inferred: the same sizes",
    "torch.LazyConvTranspose3d": "ConvTranspose3d with in_channels inferred: the same sizes",
    "torch.UpsamplingBilinear2d": "deprecated alias of Upsample(mode='bilinear')",
    "torch.UpsamplingNearest2d": "deprecated alias of Upsample(mode='nearest')",
    "keras.CenterCrop": "preprocessing: the output size is its height and width settings",
    "keras.RandomCrop": "preprocessing: the output size is its height and width settings",
    "keras.ConvLSTM1D": "recurrent; its spatial sizes follow Conv1D's",
    "keras.ConvLSTM2D": "recurrent; its spatial sizes follow Conv2D's",
    "keras.ConvLSTM3D": "recurrent; its spatial sizes follow Conv3D's",
}

# Input sizes per number of spatial axes: small and typical, square and not.
SIZES: dict[int, tuple[tuple[int, ...], ...]] = {
    1: ((7,), (16,), (100,), (128,)),
    2: ((7, 7), (28, 28), (32, 32), (224, 224), (15, 20)),
    3: ((8, 16, 16), (16, 112, 112)),
}
CHANNELS = 3  # input channels of every measured layer (outputs: 4 where a layer sets them)
FILTERS = 4


# --------------------------------------------------------------------------- settings grids


def _grid(**axes: Sequence[Any]) -> Iterator[dict[str, Any]]:
    names = sorted(axes)
    for values in itertools.product(*(axes[name] for name in names)):
        yield {n: v for n, v in zip(names, values, strict=True) if v is not None}


def _tuple_variants(dims: int) -> list[dict[str, Any]]:
    """Per-axis settings: a different number per axis (only for 2-D and 3-D)."""
    if dims == 1:
        return []
    if dims == 2:
        return [
            {"kernel": (3, 5), "stride": (2, 1), "padding": (1, 2)},
            {"kernel": (1, 7), "stride": (1, 1), "padding": (0, 3)},
            {"kernel": (3, 3), "stride": (2, 3), "padding": (0, 1), "dilation": (1, 2)},
        ]
    return [{"kernel": (3, 5, 5), "stride": (1, 2, 2), "padding": (1, 2, 2)}]


def conv_settings(framework: str, dims: int) -> list[dict[str, Any]]:
    paddings: tuple[Any, ...] = (
        (0, 1, 3, "same", "valid")
        if framework == "torch"
        else (
            "same",
            "valid",
        )
    )
    kernels = (1, 3, 5, 7) if dims < 3 else (1, 3)
    strides = (1, 2, 3) if dims < 3 else (1, 2)
    found = [
        settings
        for settings in _grid(kernel=kernels, stride=strides, padding=paddings, dilation=(1, 2))
        if settings["dilation"] == 1 or settings["kernel"] == 3  # a dilation needs a kernel > 1
    ]
    if framework == "torch":
        found += _tuple_variants(dims)
    return found


def transposed_settings(framework: str, dims: int) -> list[dict[str, Any]]:
    kernels = (2, 3, 4) if dims < 3 else (2, 3)
    if framework == "torch":
        found = [
            settings
            for settings in _grid(
                kernel=kernels,
                stride=(1, 2),
                padding=(0, 1),
                output_padding=(0, 1),
                dilation=(1, 2),
            )
            if settings["dilation"] == 1 or settings["kernel"] == 3
        ]
        found += [{k: v for k, v in s.items() if k != "dilation"} for s in _tuple_variants(dims)]
    else:
        found = list(
            _grid(kernel=kernels, stride=(1, 2, 3), padding=("same", "valid"), dilation=(1,))
        )
        found += list(
            _grid(kernel=(3,), stride=(2,), padding=("same", "valid"), output_padding=(0, 1))
        )
    return found


def pool_settings(framework: str, dims: int) -> list[dict[str, Any]]:
    kernels = (2, 3) if dims < 3 else (2,)
    if framework == "torch":
        found = list(
            _grid(kernel=kernels, stride=(None, 1, 2), padding=(0, 1), ceil_mode=(False, True))
        )
        found += [{"kernel": 3, "stride": 2, "padding": 1, "dilation": 2}]
    else:
        found = list(_grid(kernel=kernels, stride=(None, 1, 2), padding=("valid", "same")))
    return found


# --------------------------------------------------------------------------- measuring


def _per_axis(value: Any, dims: int) -> list[Any]:
    return list(value) if isinstance(value, tuple) else [value] * dims


def _as_json(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _call_text(module: str, name: str, positional: Sequence[Any], keywords: dict[str, Any]) -> str:
    parts = [repr(p) for p in positional]
    parts += [f"{key}={value!r}" for key, value in keywords.items()]
    return f"{module}.{name}({', '.join(parts)})"


class Measurer:
    """Builds each layer, runs it on a zero tensor and records the shapes (batch left out)."""

    def __init__(self) -> None:
        # imported by name: only the venv has them (the project's mypy sees no stubs)
        self.torch: Any = importlib.import_module("torch")
        self.keras: Any = importlib.import_module("keras")
        self.facts: list[dict[str, Any]] = []

    def torch_layer(
        self,
        name: str,
        kind: str,
        dims: int,
        settings: dict[str, Any],
        size: tuple[int, ...],
        positional: Sequence[Any],
        keywords: dict[str, Any],
        channels: int = CHANNELS,
    ) -> None:
        layer = getattr(self.torch.nn, name)(*positional, **keywords)
        shape = (channels, *size)
        try:
            with self.torch.no_grad():
                out = layer(self.torch.zeros((1, *shape)))
        except (RuntimeError, ValueError):
            return
        filters = positional[1] if kind in ("conv", "conv_transpose") else None
        self._record(
            "torch",
            name,
            kind,
            dims,
            settings,
            shape,
            tuple(out.shape[1:]),
            _call_text("nn", name, positional, keywords),
            filters,
        )

    def keras_layer(
        self,
        name: str,
        kind: str,
        dims: int,
        settings: dict[str, Any],
        size: tuple[int, ...],
        keywords: dict[str, Any],
        positional: Sequence[Any] = (),
        channels: int = CHANNELS,
    ) -> None:
        shape = (*size, channels)
        try:
            layer = getattr(self.keras.layers, name)(*positional, **keywords)
            out = layer(self.keras.ops.zeros((1, *shape)))
        except (RuntimeError, ValueError):
            return
        self._record(
            "keras",
            name,
            kind,
            dims,
            settings,
            shape,
            tuple(out.shape[1:]),
            _call_text("layers", name, positional, keywords),
            keywords.get("filters"),
        )

    def _record(
        self,
        framework: str,
        name: str,
        kind: str,
        dims: int,
        settings: dict[str, Any],
        shape: tuple[int, ...],
        out: tuple[int, ...],
        call: str,
        filters: int | None,
    ) -> None:
        if any(int(n) < 1 for n in out):
            return
        self.facts.append(
            {
                "framework": framework,
                "layer": name,
                "kind": kind,
                "dims": dims,
                "filters": filters,
                "settings": {key: _as_json(value) for key, value in settings.items()},
                "input_shape": list(shape),
                "output_shape": [int(n) for n in out],
                "call": call,
            }
        )


def _torch_keywords(settings: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    return {names.get(key, key): value for key, value in settings.items()}


TORCH_NAMES = {"kernel": "kernel_size"}
KERAS_NAMES = {"kernel": "kernel_size", "stride": "strides", "dilation": "dilation_rate"}
KERAS_POOL_NAMES = {"kernel": "pool_size", "stride": "strides"}


def measure_torch(m: Measurer, dims: int) -> None:
    d = f"{dims}d"
    for settings in conv_settings("torch", dims):
        if settings["padding"] == "same" and settings["stride"] != 1:
            continue  # torch refuses it (checked: ValueError); not a size to learn
        for size in SIZES[dims]:
            keywords = _torch_keywords(settings, TORCH_NAMES)
            m.torch_layer(f"Conv{d}", "conv", dims, settings, size, (CHANNELS, FILTERS), keywords)
            if settings.get("stride") == 1 and settings.get("kernel") == 3:
                depthwise = {**keywords, "groups": CHANNELS}
                m.torch_layer(
                    f"Conv{d}",
                    "conv",
                    dims,
                    {**settings, "groups": CHANNELS},
                    size,
                    (CHANNELS, CHANNELS * 2),
                    depthwise,
                )
    for settings in transposed_settings("torch", dims):
        for size in SIZES[dims]:
            m.torch_layer(
                f"ConvTranspose{d}",
                "conv_transpose",
                dims,
                settings,
                size,
                (CHANNELS, FILTERS),
                _torch_keywords(settings, TORCH_NAMES),
            )
    for settings in pool_settings("torch", dims):
        for size in SIZES[dims]:
            keywords = _torch_keywords(settings, TORCH_NAMES)
            m.torch_layer(f"MaxPool{d}", "max_pool", dims, settings, size, (), keywords)
            if "dilation" not in settings:
                m.torch_layer(f"AvgPool{d}", "avg_pool", dims, settings, size, (), keywords)
            if "dilation" not in settings and settings.get("padding") == 0:
                lp = {k: v for k, v in keywords.items() if k != "padding"}
                m.torch_layer(
                    f"LPPool{d}",
                    "lp_pool",
                    dims,
                    {k: v for k, v in settings.items() if k != "padding"},
                    size,
                    (2,),
                    lp,
                )
    for target in ((1,) * dims, (2,) * dims, (7,) * dims):
        for size in SIZES[dims]:
            for name in (f"AdaptiveAvgPool{d}", f"AdaptiveMaxPool{d}"):
                out = target if dims > 1 else target[0]
                m.torch_layer(
                    name, "adaptive_pool", dims, {"output_size": _as_json(target)}, size, (out,), {}
                )
    for scale in (2, 3):
        for size in SIZES[dims]:
            m.torch_layer(
                "Upsample",
                "upsample",
                dims,
                {"scale_factor": scale},
                size,
                (),
                {"scale_factor": scale},
            )
    for pad in (1, 2):
        if dims < 3 or pad == 1:
            for size in SIZES[dims]:
                m.torch_layer(f"ZeroPad{d}", "pad", dims, {"padding": pad}, size, (pad,), {})
    for size in SIZES[dims]:
        m.torch_layer("Flatten", "flatten", dims, {}, size, (), {})
    if dims == 2:
        m.torch_layer(
            "ZeroPad2d", "pad", 2, {"padding": (1, 2, 0, 3)}, (28, 28), ((1, 2, 0, 3),), {}
        )
        for size in SIZES[2]:
            m.torch_layer(
                "Upsample", "upsample", 2, {"size": (56, 56)}, size, (), {"size": (56, 56)}
            )
            m.torch_layer(
                "PixelShuffle",
                "pixel_shuffle",
                2,
                {"upscale_factor": 2},
                size,
                (2,),
                {},
                channels=CHANNELS * 4,
            )
            if size[0] % 2 == 0 and size[1] % 2 == 0:
                m.torch_layer(
                    "PixelUnshuffle", "pixel_unshuffle", 2, {"downscale_factor": 2}, size, (2,), {}
                )
            for settings in (
                {"kernel": 3},
                {"kernel": 2, "stride": 2},
                {"kernel": 3, "stride": 1, "padding": 1},
            ):
                m.torch_layer(
                    "Unfold",
                    "unfold",
                    2,
                    settings,
                    size,
                    (),
                    _torch_keywords(settings, TORCH_NAMES),
                )


def measure_keras(m: Measurer, dims: int) -> None:
    d = f"{dims}D"
    for settings in conv_settings("keras", dims):
        if settings["stride"] != 1 and settings["dilation"] != 1:
            continue  # keras refuses strides > 1 with a dilation rate > 1
        keywords = _torch_keywords(settings, KERAS_NAMES)
        for size in SIZES[dims]:
            m.keras_layer(
                f"Conv{d}", "conv", dims, settings, size, {"filters": FILTERS, **keywords}
            )
            if dims < 3 and settings["kernel"] in (3, 5):
                m.keras_layer(f"DepthwiseConv{d}", "depthwise_conv", dims, settings, size, keywords)
                m.keras_layer(
                    f"SeparableConv{d}",
                    "separable_conv",
                    dims,
                    settings,
                    size,
                    {"filters": FILTERS, **keywords},
                )
    for settings in transposed_settings("keras", dims):
        keywords = _torch_keywords(settings, KERAS_NAMES)
        for size in SIZES[dims]:
            m.keras_layer(
                f"Conv{d}Transpose",
                "conv_transpose",
                dims,
                settings,
                size,
                {"filters": FILTERS, **keywords},
            )
    for settings in pool_settings("keras", dims):
        keywords = _torch_keywords(settings, KERAS_POOL_NAMES)
        for size in SIZES[dims]:
            m.keras_layer(f"MaxPooling{d}", "max_pool", dims, settings, size, keywords)
            m.keras_layer(f"AveragePooling{d}", "avg_pool", dims, settings, size, keywords)
    for target in (1, 2, 7):
        for size in SIZES[dims]:
            for name in (f"AdaptiveAveragePooling{d}", f"AdaptiveMaxPooling{d}"):
                m.keras_layer(
                    name, "adaptive_pool", dims, {"output_size": target}, size, {}, (target,)
                )
    for keepdims in (False, True):
        for size in SIZES[dims]:
            for name in (f"GlobalAveragePooling{d}", f"GlobalMaxPooling{d}"):
                m.keras_layer(
                    name, "global_pool", dims, {"keepdims": keepdims}, size, {"keepdims": keepdims}
                )
    for factor in (2, 3):
        for size in SIZES[dims]:
            key = "size"
            m.keras_layer(f"UpSampling{d}", "upsample", dims, {"size": factor}, size, {key: factor})
    for amount in (1, 2):
        for size in SIZES[dims]:
            if dims < 3 or amount == 1:
                m.keras_layer(
                    f"ZeroPadding{d}", "pad", dims, {"padding": amount}, size, {"padding": amount}
                )
                m.keras_layer(
                    f"Cropping{d}", "crop", dims, {"cropping": amount}, size, {"cropping": amount}
                )
    if dims == 2:
        for size in ((28, 28), (15, 20)):
            m.keras_layer(
                "ZeroPadding2D",
                "pad",
                2,
                {"padding": ((1, 2), (0, 3))},
                size,
                {"padding": ((1, 2), (0, 3))},
            )
            m.keras_layer(
                "Cropping2D",
                "crop",
                2,
                {"cropping": ((2, 1), (3, 0))},
                size,
                {"cropping": ((2, 1), (3, 0))},
            )
            m.keras_layer(
                "MaxPooling2D",
                "max_pool",
                2,
                {"kernel": (2, 3), "stride": (2, 1)},
                size,
                {"pool_size": (2, 3), "strides": (2, 1)},
            )
            m.keras_layer(
                "Conv2D",
                "conv",
                2,
                {"kernel": (3, 5), "stride": (2, 1), "padding": "valid"},
                size,
                {"filters": FILTERS, "kernel_size": (3, 5), "strides": (2, 1)},
            )
    for size in SIZES[dims]:
        m.keras_layer("Flatten", "flatten", dims, {}, size, {})


# --------------------------------------------------------------------------- chains


def _chain_torch(m: Measurer, name: str, shape: tuple[int, ...], layers: list[Any]) -> Any:
    torch = m.torch
    x = torch.zeros((1, *shape))
    steps = []
    for layer_name, kind, settings, positional, keywords in layers:
        layer = getattr(torch.nn, layer_name)(*positional, **keywords)
        with torch.no_grad():
            x = layer(x)
        steps.append(
            {
                "layer": layer_name,
                "kind": kind,
                "settings": settings,
                "filters": positional[1] if kind == "conv" else None,
                "call": _call_text("nn", layer_name, positional, keywords),
                "output_shape": [int(n) for n in x.shape[1:]],
            }
        )
    return {"name": name, "framework": "torch", "input_shape": list(shape), "steps": steps}


def _chain_keras(m: Measurer, name: str, shape: tuple[int, ...], layers: list[Any]) -> Any:
    x = m.keras.ops.zeros((1, *shape))
    steps = []
    for layer_name, kind, settings, keywords in layers:
        x = getattr(m.keras.layers, layer_name)(**keywords)(x)
        steps.append(
            {
                "layer": layer_name,
                "kind": kind,
                "settings": settings,
                "filters": keywords.get("filters"),
                "call": _call_text("layers", layer_name, (), keywords),
                "output_shape": [int(n) for n in x.shape[1:]],
            }
        )
    return {"name": name, "framework": "keras", "input_shape": list(shape), "steps": steps}


def chains(m: Measurer) -> list[Any]:
    def conv(cin: int, cout: int, k: int, s: int = 1, p: int = 0) -> Any:
        settings = {"kernel": k, "stride": s, "padding": p}
        return (
            "Conv2d",
            "conv",
            settings,
            (cin, cout),
            {"kernel_size": k, "stride": s, "padding": p},
        )

    def pool(name: str, kind: str, k: int, s: int, p: int = 0) -> Any:
        return (
            name,
            kind,
            {"kernel": k, "stride": s, "padding": p},
            (),
            {"kernel_size": k, "stride": s, "padding": p},
        )

    def kconv(filters: int, k: int, s: int = 1, padding: str = "valid") -> Any:
        return (
            "Conv2D",
            "conv",
            {"kernel": k, "stride": s, "padding": padding},
            {"filters": filters, "kernel_size": k, "strides": s, "padding": padding},
        )

    def kpool(name: str, kind: str, k: int, s: int | None = None) -> Any:
        settings: dict[str, Any] = {"kernel": k}
        keywords: dict[str, Any] = {"pool_size": k}
        if s is not None:
            settings["stride"] = s
            keywords["strides"] = s
        return (name, kind, settings, keywords)

    flatten_t: Any = ("Flatten", "flatten", {}, (), {})
    return [
        _chain_torch(
            m,
            "ResNet stem",
            (3, 224, 224),
            [conv(3, 64, 7, 2, 3), pool("MaxPool2d", "max_pool", 3, 2, 1)],
        ),
        _chain_torch(
            m,
            "AlexNet features",
            (3, 224, 224),
            [
                conv(3, 64, 11, 4, 2),
                pool("MaxPool2d", "max_pool", 3, 2),
                conv(64, 192, 5, 1, 2),
                pool("MaxPool2d", "max_pool", 3, 2),
                conv(192, 384, 3, 1, 1),
                conv(384, 256, 3, 1, 1),
                conv(256, 256, 3, 1, 1),
                pool("MaxPool2d", "max_pool", 3, 2),
            ],
        ),
        _chain_torch(
            m,
            "VGG block",
            (64, 112, 112),
            [conv(64, 128, 3, 1, 1), conv(128, 128, 3, 1, 1), pool("MaxPool2d", "max_pool", 2, 2)],
        ),
        _chain_torch(
            m,
            "small CNN on CIFAR-10",
            (3, 32, 32),
            [
                conv(3, 16, 5),
                pool("MaxPool2d", "max_pool", 2, 2),
                conv(16, 32, 5),
                pool("MaxPool2d", "max_pool", 2, 2),
                flatten_t,
            ],
        ),
        _chain_keras(
            m,
            "LeNet-5",
            (32, 32, 1),
            [
                kconv(6, 5),
                kpool("AveragePooling2D", "avg_pool", 2),
                kconv(16, 5),
                kpool("AveragePooling2D", "avg_pool", 2),
                ("Flatten", "flatten", {}, {}),
            ],
        ),
        _chain_keras(
            m,
            "small CNN on MNIST",
            (28, 28, 1),
            [
                kconv(32, 3),
                kpool("MaxPooling2D", "max_pool", 2),
                kconv(64, 3),
                kpool("MaxPooling2D", "max_pool", 2),
                ("Flatten", "flatten", {}, {}),
            ],
        ),
        _chain_keras(
            m,
            "same-padded CNN",
            (64, 64, 3),
            [
                kconv(32, 3, 1, "same"),
                kpool("MaxPooling2D", "max_pool", 2),
                kconv(64, 3, 2, "same"),
                kpool("MaxPooling2D", "max_pool", 3, 2),
            ],
        ),
    ]


# --------------------------------------------------------------------------- the walk


def walked_classes(m: Measurer) -> list[str]:
    """Every public class of the two layer namespaces whose name says it changes sizes."""
    import inspect

    found = set()
    for prefix, module in (("torch", m.torch.nn), ("keras", m.keras.layers)):
        for name in dir(module):
            value = getattr(module, name)
            if not name.startswith("_") and inspect.isclass(value) and SIZED_NAME.search(name):
                found.add(f"{prefix}.{value.__name__}")
    return sorted(found)


def fact_id(fact: dict[str, Any]) -> str:
    """A fact's name: its framework, call and input shape (unique in the file)."""
    shape = "x".join(map(str, fact["input_shape"]))
    return f"{fact['framework']}: {fact['call']} on {shape}"


def _measure_here(output: Path) -> None:
    import warnings

    warnings.filterwarnings("ignore")
    m = Measurer()
    m.torch.manual_seed(0)
    for dims in (1, 2, 3):
        measure_torch(m, dims)
        measure_keras(m, dims)
    measured = {f"{f['framework']}.{f['layer']}" for f in m.facts}
    unhandled = [
        name for name in walked_classes(m) if name not in measured and name not in NOT_MEASURED
    ]
    data = {
        "classes_walked": walked_classes(m),
        "not_measured": NOT_MEASURED,
        "unhandled": unhandled,
        "facts": sorted(m.facts, key=fact_id),
        "chains": chains(m),
    }
    output.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")


def render(data: dict[str, Any]) -> str:
    """One fact or chain per line, keys sorted: stable and readable in a diff."""
    lines = ["{"]
    for key in ("chains", "classes_walked", "facts", "not_measured", "unhandled"):
        value = data[key]
        if isinstance(value, list) and value and isinstance(value[0], dict):
            items = ",\n".join(
                "  " + json.dumps(item, sort_keys=True, separators=(",", ":")) for item in value
            )
            lines.append(f' "{key}": [\n{items}\n ],')
        else:
            lines.append(f' "{key}": {json.dumps(value, sort_keys=True)},')
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines) + "\n"


def generate() -> str:
    python = generated_data.framework_python()
    with tempfile.TemporaryDirectory() as temporary:
        raw = Path(temporary) / "facts.json"
        command = [str(python), str(Path(__file__).resolve()), "--measure", str(raw)]
        env = generated_data.framework_environment()
        run = subprocess.run(command, cwd=temporary, env=env, capture_output=True, text=True)
        if run.returncode != 0:
            sys.stderr.write(run.stderr)
            raise SystemExit("measuring the layers failed")
        data = json.loads(raw.read_text(encoding="utf-8"))
    if data["unhandled"]:
        raise SystemExit(f"classes neither measured nor listed: {data['unhandled']}")
    return render(data)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the facts file")
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # inside the venv only
    args = parser.parse_args(argv)
    if args.measure is not None:
        _measure_here(args.measure)
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    return generated_data.write_or_check(args.output, generate(), COMMAND, args.check)


if __name__ == "__main__":
    sys.exit(main())
