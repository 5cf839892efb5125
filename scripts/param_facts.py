"""Regenerate tests/fixtures/framework_facts/param.json: parameter counts measured on the real
PyTorch and Keras layers, which ankigen/lint/rules/layers/param_formulas.py must reproduce.

    python scripts/param_facts.py            # rewrite the facts file
    python scripts/param_facts.py --check    # exit 1 if the committed file is out of date

The pinned packages live in the shared throwaway venv of the framework facts (see
scripts/generated_data.py); this script runs itself inside it with ``--measure`` (Keras on its
PyTorch backend), so the project's own environment never imports torch or keras.

The grid is not a list of remembered notes: the measuring step walks every class of
``torch.nn`` (``nn.Module`` subclasses) and ``keras.layers`` (``Layer`` subclasses), probes each
with small arguments to find the ones that hold weights, and fails unless every such class is
either measured here (``torch_grid``/``keras_grid``) or left out with a reason (``LEFT_OUT``).
Each measured class is crossed with the settings it takes (bias on/off, groups, depth
multipliers, stacked/bidirectional recurrent layers, normalisation flags, heads and key
sizes...) and small and typical sizes. A few small models add ``model.summary()``-style rows.
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import generated_data  # next to this script: run as `python scripts/...`

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "tests" / "fixtures" / "framework_facts" / "param.json"
COMMAND = "python scripts/param_facts.py"

Spec = dict[str, Any]

# Classes with weights that the grid leaves out, each with why (the walk fails on any other).
LEFT_OUT: dict[str, str] = {
    "torch.AdaptiveLogSoftmaxWithLoss": "a loss head with cut-offs; no course counts it",
    "torch.Transformer": "whole encoder-decoder stacks; their layers are measured one by one",
    "torch.TransformerDecoder": "a stack of TransformerDecoderLayer",
    "torch.TransformerEncoder": "a stack of TransformerEncoderLayer",
    "torch.TransformerDecoderLayer": "attention twice and a feed-forward: parts measured",
    "torch.LinearCrossEntropyLoss": "a loss with its own projection; no course counts it",
    "torch.RNNCellBase": "the base class of the cells, which are measured",
    "torch.SyncBatchNorm": "BatchNorm for several processes: same counts as BatchNorm",
    "torch.Module": "the base class",
    "torch.Sequential": "a container",
    "torch.ModuleList": "a container",
    "torch.ModuleDict": "a container",
    "torch.ParameterList": "a container",
    "torch.ParameterDict": "a container",
    "torch.Container": "a container",
    "keras.EinsumDense": "an einsum equation sets its shapes; notes count Dense instead",
    "keras.RNN": "wraps a cell: the cells are measured",
    "keras.StackedRNNCells": "a stack of cells",
    "keras.TimeDistributed": "wraps a layer: adds no parameter of its own",
    "keras.SpectralNormalization": "wraps a layer and adds a power-iteration vector",
    "keras.Normalization": "statistics set by adapt(), not a trained layer",
    "keras.ReversibleEmbedding": "an Embedding whose matrix is reused as the output layer",
    "keras.ConvLSTM1D": "ConvLSTM2D is measured; 1D/3D differ only in the kernel volume",
    "keras.ConvLSTM3D": "ConvLSTM2D is measured; 1D/3D differ only in the kernel volume",
    "keras.DepthwiseConv1D": "DepthwiseConv2D is measured; 1D differs only in the kernel volume",
    "keras.SeparableConv1D": "SeparableConv2D is measured; 1D differs only in the kernel volume",
    "keras.SeparableConvolution1D": "an alias of SeparableConv1D",
    "keras.Conv1DTranspose": "Conv2DTranspose is measured; 1D differs only in the kernel volume",
    "keras.Convolution1DTranspose": "an alias of Conv1DTranspose",
    "keras.Conv3DTranspose": "Conv2DTranspose is measured; 3D differs only in the kernel volume",
    "keras.Convolution3DTranspose": "an alias of Conv3DTranspose",
    "keras.Convolution1D": "an alias of Conv1D",
    "keras.Convolution2D": "an alias of Conv2D",
    "keras.Convolution3D": "an alias of Conv3D",
    "keras.Convolution2DTranspose": "an alias of Conv2DTranspose",
    "keras.SeparableConvolution2D": "an alias of SeparableConv2D",
    "keras.Layer": "the base class",
    "keras.Wrapper": "the base class of wrappers",
    "keras.Pipeline": "a container",
    "keras.FlaxLayer": "wraps foreign code",
    "keras.JaxLayer": "wraps foreign code",
    "keras.TorchModuleWrapper": "wraps foreign code",
    "keras.TFSMLayer": "wraps a saved model",
}


def _spec(framework: str, cls: str, kwargs: dict[str, Any], shape: Sequence[int | None]) -> Spec:
    return {"framework": framework, "class": cls, "config": kwargs, "input_shape": list(shape)}


def torch_grid() -> Iterator[Spec]:
    """Every measured torch.nn layer with its settings, crossed with small and typical sizes."""
    for inputs, units, bias in itertools.product((3, 128, 784), (1, 10, 64), (True, False)):
        yield _spec(
            "torch",
            "Linear",
            {"in_features": inputs, "out_features": units, "bias": bias},
            (1, inputs),
        )
    for bias in (True, False):
        yield _spec(
            "torch",
            "Bilinear",
            {"in1_features": 20, "in2_features": 30, "out_features": 40, "bias": bias},
            (1, 20),
        )
    spatial = {1: (1, 3, 32), 2: (1, 3, 32, 32), 3: (1, 3, 8, 16, 16)}
    for dims, transposed in itertools.product((1, 2, 3), (False, True)):
        cls = f"Conv{'Transpose' if transposed else ''}{dims}d"
        for cin, cout, k, bias in itertools.product(
            (1, 3, 64), (16, 64, 128), (1, 3, 5), (True, False)
        ):
            if dims == 3 and (cin, cout) != (3, 64):
                continue
            shape = (1, cin, *spatial[dims][2:])
            yield _spec(
                "torch",
                cls,
                {"in_channels": cin, "out_channels": cout, "kernel_size": k, "bias": bias},
                shape,
            )
        for cin, cout, groups, bias in (
            (64, 64, 64, True),
            (64, 64, 64, False),
            (32, 64, 32, True),
            (64, 128, 4, True),
            (128, 128, 32, False),
            (64, 64, 2, True),
        ):
            shape = (1, cin, *spatial[dims][2:])
            yield _spec(
                "torch",
                cls,
                {
                    "in_channels": cin,
                    "out_channels": cout,
                    "kernel_size": 3,
                    "groups": groups,
                    "bias": bias,
                },
                shape,
            )
    for kernel in ((3, 5), (1, 7)):
        yield _spec(
            "torch",
            "Conv2d",
            {"in_channels": 16, "out_channels": 32, "kernel_size": list(kernel)},
            (1, 16, 32, 32),
        )
    for vocab, dim, padding in itertools.product((1000, 10000, 50257), (16, 128, 300), (None, 0)):
        yield _spec(
            "torch",
            "Embedding",
            {"num_embeddings": vocab, "embedding_dim": dim, "padding_idx": padding},
            (1, 12),
        )
    yield _spec("torch", "EmbeddingBag", {"num_embeddings": 5000, "embedding_dim": 64}, (1, 12))
    for cls in ("RNN", "LSTM", "GRU"):
        for inputs, hidden, layers, bias, bidirectional in itertools.product(
            (1, 32, 300), (16, 128), (1, 2), (True, False), (False, True)
        ):
            yield _spec(
                "torch",
                cls,
                {
                    "input_size": inputs,
                    "hidden_size": hidden,
                    "num_layers": layers,
                    "bias": bias,
                    "bidirectional": bidirectional,
                    "batch_first": True,
                },
                (1, 10, inputs),
            )
        for inputs, hidden, bias in itertools.product((10, 300), (20, 256), (True, False)):
            yield _spec(
                "torch",
                f"{cls}Cell",
                {"input_size": inputs, "hidden_size": hidden, "bias": bias},
                (1, inputs),
            )
    for layers, bidirectional in itertools.product((1, 2), (False, True)):
        yield _spec(
            "torch",
            "LSTM",
            {
                "input_size": 64,
                "hidden_size": 128,
                "proj_size": 32,
                "num_layers": layers,
                "bidirectional": bidirectional,
                "batch_first": True,
            },
            (1, 10, 64),
        )
    for dims in (1, 2, 3):
        for channels, affine, track in itertools.product(
            (16, 64, 256), (True, False), (True, False)
        ):
            shape = (2, channels, *spatial[dims][2:])
            yield _spec(
                "torch",
                f"BatchNorm{dims}d",
                {"num_features": channels, "affine": affine, "track_running_stats": track},
                shape,
            )
        for channels, affine, track in itertools.product((32,), (False, True), (False, True)):
            shape = (2, channels, *spatial[dims][2:])
            yield _spec(
                "torch",
                f"InstanceNorm{dims}d",
                {"num_features": channels, "affine": affine, "track_running_stats": track},
                shape,
            )
    for groups, channels, affine in itertools.product((1, 8, 32), (64, 256), (True, False)):
        yield _spec(
            "torch",
            "GroupNorm",
            {"num_groups": groups, "num_channels": channels, "affine": affine},
            (2, channels, 8, 8),
        )
    for features, affine, bias in itertools.product((64, 512, 768), (True, False), (True, False)):
        yield _spec(
            "torch",
            "LayerNorm",
            {"normalized_shape": features, "elementwise_affine": affine, "bias": bias},
            (2, 10, features),
        )
    yield _spec("torch", "LayerNorm", {"normalized_shape": [10, 64]}, (2, 10, 64))
    for features, affine in itertools.product((64, 4096), (True, False)):
        yield _spec(
            "torch",
            "RMSNorm",
            {"normalized_shape": features, "elementwise_affine": affine},
            (2, 10, features),
        )
    for count in (1, 64):
        yield _spec("torch", "PReLU", {"num_parameters": count}, (2, 64, 8, 8))
    for embed, heads, bias in itertools.product((64, 256, 512, 768), (1, 8), (True, False)):
        yield _spec(
            "torch",
            "MultiheadAttention",
            {"embed_dim": embed, "num_heads": heads, "bias": bias, "batch_first": True},
            (1, 10, embed),
        )
    yield _spec(
        "torch",
        "MultiheadAttention",
        {"embed_dim": 256, "num_heads": 8, "add_bias_kv": True, "batch_first": True},
        (1, 10, 256),
    )
    for kdim, vdim, bias in ((128, 64, True), (128, 128, False), (512, 256, True)):
        yield _spec(
            "torch",
            "MultiheadAttention",
            {
                "embed_dim": 256,
                "num_heads": 4,
                "kdim": kdim,
                "vdim": vdim,
                "bias": bias,
                "batch_first": True,
            },
            (1, 10, 256),
        )
    for d_model, heads, feedforward, bias in (
        (64, 4, 256, True),
        (512, 8, 2048, True),
        (256, 8, 1024, False),
        (768, 12, 3072, True),
    ):
        yield _spec(
            "torch",
            "TransformerEncoderLayer",
            {
                "d_model": d_model,
                "nhead": heads,
                "dim_feedforward": feedforward,
                "bias": bias,
                "batch_first": True,
            },
            (1, 10, d_model),
        )


def keras_grid() -> Iterator[Spec]:
    """Every measured keras.layers layer with its settings, crossed with sizes."""
    for inputs, units, bias in itertools.product((3, 128, 784), (1, 10, 64), (True, False)):
        yield _spec("keras", "Dense", {"units": units, "use_bias": bias}, (None, inputs))
    yield _spec("keras", "Dense", {"units": 32}, (None, 10, 64))  # applied to the last axis
    spatial: dict[int, tuple[int | None, ...]] = {
        1: (None, 32),
        2: (None, 32, 32),
        3: (None, 8, 16, 16),
    }
    for dims, transposed in itertools.product((1, 2, 3), (False, True)):
        if transposed and dims != 2:
            continue
        cls = f"Conv{dims}D{'Transpose' if transposed else ''}"
        for cin, filters, k, bias in itertools.product(
            (1, 3, 64), (16, 64, 128), (1, 3, 5), (True, False)
        ):
            if dims == 3 and (cin, filters) != (3, 64):
                continue
            yield _spec(
                "keras",
                cls,
                {"filters": filters, "kernel_size": k, "use_bias": bias},
                (*spatial[dims], cin),
            )
        if not transposed:
            for cin, filters, groups, bias in (
                (64, 64, 64, True),
                (32, 64, 32, False),
                (64, 128, 4, True),
                (64, 64, 2, True),
            ):
                yield _spec(
                    "keras",
                    cls,
                    {"filters": filters, "kernel_size": 3, "groups": groups, "use_bias": bias},
                    (*spatial[dims], cin),
                )
    for kernel in ((3, 5), (1, 7)):
        yield _spec(
            "keras", "Conv2D", {"filters": 32, "kernel_size": list(kernel)}, (None, 32, 32, 16)
        )
    for cin, k, multiplier, bias in itertools.product((3, 32, 128), (3, 5), (1, 2), (True, False)):
        yield _spec(
            "keras",
            "DepthwiseConv2D",
            {"kernel_size": k, "depth_multiplier": multiplier, "use_bias": bias},
            (None, 32, 32, cin),
        )
    for cin, filters, k, multiplier, bias in itertools.product(
        (3, 32, 128), (64, 256), (3,), (1, 2), (True, False)
    ):
        yield _spec(
            "keras",
            "SeparableConv2D",
            {
                "filters": filters,
                "kernel_size": k,
                "depth_multiplier": multiplier,
                "use_bias": bias,
            },
            (None, 32, 32, cin),
        )
    for vocab, dim in itertools.product((1000, 10000, 50257), (16, 128, 300)):
        yield _spec("keras", "Embedding", {"input_dim": vocab, "output_dim": dim}, (None, 12))
    recurrent = ("SimpleRNN", "LSTM", "GRU")
    for cls in recurrent:
        for inputs, units, bias in itertools.product((1, 32, 300), (16, 128), (True, False)):
            yield _spec("keras", cls, {"units": units, "use_bias": bias}, (None, 10, inputs))
            if cls == "GRU":
                yield _spec(
                    "keras",
                    cls,
                    {"units": units, "use_bias": bias, "reset_after": False},
                    (None, 10, inputs),
                )
        for inputs, units, merge in itertools.product((32, 300), (16, 128), ("concat", "sum")):
            yield _spec(
                "keras",
                "Bidirectional",
                {"layer": {"class": cls, "units": units}, "merge_mode": merge},
                (None, 10, inputs),
            )
        for inputs, units in ((10, 20), (300, 256)):
            yield _spec("keras", f"{cls}Cell", {"units": units}, (None, inputs))
    for cin, filters, k, bias in ((1, 16, 3, True), (3, 64, 3, True), (16, 32, 5, False)):
        yield _spec(
            "keras",
            "ConvLSTM2D",
            {"filters": filters, "kernel_size": k, "use_bias": bias},
            (None, 5, 16, 16, cin),
        )
    flags = ((True, True), (True, False), (False, True), (False, False))
    for channels, (center, scale) in itertools.product((16, 64, 256), flags):
        yield _spec(
            "keras",
            "BatchNormalization",
            {"center": center, "scale": scale},
            (None, 8, 8, channels),
        )
        yield _spec(
            "keras", "LayerNormalization", {"center": center, "scale": scale}, (None, 10, channels)
        )
    yield _spec("keras", "BatchNormalization", {}, (None, 128))
    for groups, channels, (center, scale) in itertools.product((1, 8, 32), (64, 256), flags[:2]):
        yield _spec(
            "keras",
            "GroupNormalization",
            {"groups": groups, "center": center, "scale": scale},
            (None, 8, 8, channels),
        )
    for features in (64, 4096):
        yield _spec("keras", "RMSNormalization", {}, (None, 10, features))
    yield _spec("keras", "PReLU", {}, (None, 8, 8, 64))
    yield _spec("keras", "PReLU", {"shared_axes": [1, 2]}, (None, 8, 8, 64))
    yield _spec("keras", "AdditiveAttention", {"use_scale": True}, (None, 10, 64))
    yield _spec("keras", "Attention", {"use_scale": True}, (None, 10, 64))
    for width, heads, key, bias in itertools.product(
        (64, 256, 512), (1, 4, 8), (16, 64), (True, False)
    ):
        yield _spec(
            "keras",
            "MultiHeadAttention",
            {"num_heads": heads, "key_dim": key, "use_bias": bias},
            (None, 10, width),
        )
    for width, heads, key, value, out in (
        (128, 4, 32, 16, None),
        (256, 8, 32, 64, 128),
        (512, 8, 64, None, 256),
    ):
        yield _spec(
            "keras",
            "MultiHeadAttention",
            {"num_heads": heads, "key_dim": key, "value_dim": value, "output_shape": out},
            (None, 10, width),
        )
    for width, head, query_heads, kv_heads in ((256, 32, 8, 2), (512, 64, 8, 8), (128, 16, 4, 1)):
        yield _spec(
            "keras",
            "GroupQueryAttention",
            {"head_dim": head, "num_query_heads": query_heads, "num_key_value_heads": kv_heads},
            (None, 10, width),
        )


# Small models, written as layer lists both frameworks can build: what model.summary() prints.
MODELS: tuple[Spec, ...] = (
    {
        "name": "keras-mnist-cnn",
        "framework": "keras",
        "input_shape": [None, 28, 28, 1],
        "layers": [
            ["Conv2D", {"filters": 32, "kernel_size": 3, "activation": "relu"}],
            ["MaxPooling2D", {"pool_size": 2}],
            ["Flatten", {}],
            ["Dense", {"units": 10, "activation": "softmax"}],
        ],
    },
    {
        "name": "keras-mlp",
        "framework": "keras",
        "input_shape": [None, 784],
        "layers": [
            ["Dense", {"units": 128, "activation": "relu"}],
            ["Dense", {"units": 64, "activation": "relu"}],
            ["Dense", {"units": 10}],
        ],
    },
    {
        "name": "keras-conv-bn",
        "framework": "keras",
        "input_shape": [None, 32, 32, 3],
        "layers": [
            ["Conv2D", {"filters": 16, "kernel_size": 3, "use_bias": False}],
            ["BatchNormalization", {}],
            ["ReLU", {}],
            ["GlobalAveragePooling2D", {}],
            ["Dense", {"units": 10}],
        ],
    },
    {
        "name": "keras-text-lstm",
        "framework": "keras",
        "input_shape": [None, 100],
        "layers": [
            ["Embedding", {"input_dim": 10000, "output_dim": 64}],
            ["LSTM", {"units": 32}],
            ["Dense", {"units": 1, "activation": "sigmoid"}],
        ],
    },
    {
        "name": "keras-two-conv",
        "framework": "keras",
        "input_shape": [None, 32, 32, 3],
        "layers": [
            ["Conv2D", {"filters": 32, "kernel_size": 3, "padding": "same"}],
            ["MaxPooling2D", {"pool_size": 2}],
            ["Conv2D", {"filters": 64, "kernel_size": 3, "padding": "same"}],
            ["GlobalAveragePooling2D", {}],
            ["Dense", {"units": 10}],
        ],
    },
    {
        "name": "torch-mlp",
        "framework": "torch",
        "input_shape": [1, 784],
        "layers": [
            ["Linear", {"in_features": 784, "out_features": 256}],
            ["ReLU", {}],
            ["Linear", {"in_features": 256, "out_features": 10}],
        ],
    },
    {
        "name": "torch-mnist-cnn",
        "framework": "torch",
        "input_shape": [1, 1, 28, 28],
        "layers": [
            ["Conv2d", {"in_channels": 1, "out_channels": 32, "kernel_size": 3}],
            ["ReLU", {}],
            ["MaxPool2d", {"kernel_size": 2}],
            ["Flatten", {}],
            ["Linear", {"in_features": 5408, "out_features": 10}],
        ],
    },
    {
        "name": "torch-conv-bn",
        "framework": "torch",
        "input_shape": [2, 3, 32, 32],
        "layers": [
            [
                "Conv2d",
                {
                    "in_channels": 3,
                    "out_channels": 64,
                    "kernel_size": 3,
                    "padding": 1,
                    "bias": False,
                },
            ],
            ["BatchNorm2d", {"num_features": 64}],
            ["ReLU", {}],
            ["AdaptiveAvgPool2d", {"output_size": 1}],
            ["Flatten", {}],
            ["Linear", {"in_features": 64, "out_features": 10}],
        ],
    },
    {
        "name": "torch-text-gru",
        "framework": "torch",
        "input_shape": [1, 20],
        "layers": [
            ["Embedding", {"num_embeddings": 5000, "embedding_dim": 100}],
            ["GRU", {"input_size": 100, "hidden_size": 64, "batch_first": True}],
        ],
    },
)


# --------------------------------------------------------------------------- inside the venv


def _framework(name: str) -> Any:
    """torch or keras, imported inside the throwaway venv only (the project never has them)."""
    return importlib.import_module(name)


def _torch_counts(module: Any) -> dict[str, int]:
    trainable = sum(p.numel() for p in module.parameters() if p.requires_grad)
    frozen = sum(p.numel() for p in module.parameters() if not p.requires_grad)
    buffers = sum(b.numel() for b in module.buffers())
    return {
        "total": trainable + frozen,
        "trainable": trainable,
        "non_trainable": frozen,
        "buffers": buffers,
    }


def _keras_counts(layer: Any) -> dict[str, int]:
    trainable = sum(int(w.numpy().size) for w in layer.trainable_weights)
    frozen = sum(int(w.numpy().size) for w in layer.non_trainable_weights)
    return {"total": layer.count_params(), "trainable": trainable, "non_trainable": frozen}


def _build_torch(cls: str, config: dict[str, Any]) -> Any:
    torch = _framework("torch")

    kwargs = {
        k: tuple(v) if isinstance(v, list) and k == "kernel_size" else v for k, v in config.items()
    }
    return getattr(torch.nn, cls)(**kwargs)


def _build_keras(cls: str, config: dict[str, Any], shape: Sequence[int | None]) -> Any:
    keras = _framework("keras")

    if cls == "Bidirectional":
        inner = dict(config["layer"])
        layer_cls = inner.pop("class")
        wrapped = getattr(keras.layers, layer_cls)(**inner)
        layer = keras.layers.Bidirectional(wrapped, merge_mode=config["merge_mode"])
    else:
        layer = getattr(keras.layers, cls)(**config)
    source = keras.Input(shape=tuple(shape[1:]))
    if cls in ("MultiHeadAttention", "GroupQueryAttention"):
        layer(source, source)
    elif cls in ("Attention", "AdditiveAttention"):
        layer([source, source])
    elif cls.endswith("Cell"):
        units = config["units"]
        states = [keras.Input(shape=(units,))] * (2 if cls == "LSTMCell" else 1)
        layer(source, states[0] if cls != "LSTMCell" else states)
    else:
        layer(source)
    return layer


def _measure_one(spec: Spec) -> dict[str, int]:
    if spec["framework"] == "torch":
        return _torch_counts(_build_torch(spec["class"], spec["config"]))
    return _keras_counts(_build_keras(spec["class"], spec["config"], spec["input_shape"]))


def _measure_model(model: Spec) -> Spec:
    rows = []
    if model["framework"] == "torch":
        torch = _framework("torch")

        built = torch.nn.Sequential(*(_build_torch(c, k) for c, k in model["layers"]))
        for (cls, config), module in zip(model["layers"], built, strict=True):
            rows.append({"class": cls, "config": config, **_torch_counts(module)})
        totals = _torch_counts(built)
    else:
        keras = _framework("keras")

        layers = [getattr(keras.layers, c)(**k) for c, k in model["layers"]]
        built = keras.Sequential([keras.Input(shape=tuple(model["input_shape"][1:])), *layers])
        for (cls, config), layer in zip(model["layers"], layers, strict=True):
            shape = [None if d is None else int(d) for d in layer.output.shape]
            rows.append(
                {"class": cls, "config": config, "output_shape": shape, **_keras_counts(layer)}
            )
        totals = {
            "total": built.count_params(),
            "trainable": sum(r["trainable"] for r in rows),
            "non_trainable": sum(r["non_trainable"] for r in rows),
        }
    return {**model, "rows": rows, **totals}


def _probe_weighted(framework: str) -> list[str]:
    """The classes of the framework that hold weights when built with small probe arguments."""
    import inspect

    keras = _framework("keras")
    torch = _framework("torch")

    found = []
    namespace: Any = torch.nn if framework == "torch" else keras.layers
    base: Any = torch.nn.Module if framework == "torch" else keras.layers.Layer
    for name in sorted(dir(namespace)):
        cls: Any = getattr(namespace, name)
        if not (inspect.isclass(cls) and issubclass(cls, base)):
            continue
        if framework == "torch" and name.startswith("Lazy"):
            continue  # a lazy layer is its eager twin once it has seen an input
        try:
            required = [
                p
                for p in inspect.signature(cls.__init__).parameters.values()
                if p.name != "self"
                and p.default is inspect.Parameter.empty
                and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
            ]
        except (TypeError, ValueError):
            required = []
        args: list[Any] = [4] * len(required)
        weighted = name in ("Module",)
        try:
            if framework == "torch":
                module: Any = cls(*args)
                weighted = weighted or any(True for _ in module.parameters())
            else:
                layer: Any = cls(*args)
                for rank in (2, 3, 4, 5):
                    try:
                        layer.build((2, *([8] * (rank - 2)), 4))
                        break
                    except Exception:
                        continue
                weighted = bool(layer.weights)
        except Exception:
            weighted = weighted or name in ("RNN", "Bidirectional", "TimeDistributed", "Wrapper")
        if weighted:
            found.append(name)
    return found


def _measure_here(specs_path: Path, output: Path) -> None:
    """Runs inside the throwaway venv: measure every spec and model, walk both frameworks."""
    import warnings

    warnings.simplefilter("ignore")
    data = json.loads(specs_path.read_text(encoding="utf-8"))
    facts = [{**spec, **_measure_one(spec)} for spec in data["layers"]]
    models = [_measure_model(model) for model in data["models"]]
    weighted = {framework: _probe_weighted(framework) for framework in ("torch", "keras")}
    output.write_text(
        json.dumps({"layers": facts, "models": models, "weighted": weighted}), encoding="utf-8"
    )


# --------------------------------------------------------------------------- outside


def walk_coverage(weighted: dict[str, list[str]], layers: Sequence[Spec]) -> list[Spec]:
    """Each weighted class of the walk: measured, or left out with its reason. Fails on others."""
    measured = {f"{spec['framework']}.{spec['class']}" for spec in layers}
    rows = []
    unexplained = []
    for framework in sorted(weighted):
        for name in weighted[framework]:
            key = f"{framework}.{name}"
            if key in measured:
                rows.append({"class": key, "status": "measured"})
            elif key in LEFT_OUT:
                rows.append({"class": key, "status": "left out: " + LEFT_OUT[key]})
            else:
                unexplained.append(key)
    for key in sorted(measured - {str(row["class"]) for row in rows}):
        rows.append({"class": key, "status": "measured"})  # the probe's arguments missed it
    for key in sorted(LEFT_OUT):
        if not any(row["class"] == key for row in rows):
            rows.append({"class": key, "status": "left out: " + LEFT_OUT[key]})
    if unexplained:
        raise SystemExit(
            "weighted classes neither measured nor left out: " + ", ".join(unexplained)
        )
    return sorted(rows, key=lambda row: str(row["class"]))


def generate() -> str:
    """The facts file's text, measured on the pinned packages."""
    layers = [*torch_grid(), *keras_grid()]
    with tempfile.TemporaryDirectory() as temporary:
        specs = Path(temporary) / "specs.json"
        measured = Path(temporary) / "measured.json"
        specs.write_text(json.dumps({"layers": layers, "models": list(MODELS)}), encoding="utf-8")
        command = [
            str(generated_data.framework_python()),
            str(Path(__file__).resolve()),
            "--measure",
            str(specs),
            str(measured),
        ]
        environment = generated_data.framework_environment()
        run = subprocess.run(
            command, cwd=temporary, env=environment, capture_output=True, text=True, check=False
        )
        if run.returncode != 0:
            sys.stderr.write(run.stderr)
            raise SystemExit("measuring the layers failed inside the framework-facts venv")
        data = json.loads(measured.read_text(encoding="utf-8"))
    pins = ", ".join(generated_data.FRAMEWORK_REQUIREMENTS)
    document = {
        "about": f"Parameter counts measured on {pins} (Keras on the torch backend). "
        f"Generated by `{COMMAND}`; do not edit.",
        "coverage": walk_coverage(data["weighted"], layers),
        "layers": data["layers"],
        "models": data["models"],
    }
    return one_item_a_line(document)


def one_item_a_line(document: dict[str, Any]) -> str:
    """JSON with sorted keys and each list item on its own line: small, stable diffs."""
    parts = []
    for key in sorted(document):
        value = document[key]
        if isinstance(value, list):
            items = ",\n".join("  " + json.dumps(item, sort_keys=True) for item in value)
            parts.append(f" {json.dumps(key)}: [\n{items}\n ]")
        else:
            parts.append(f" {json.dumps(key)}: {json.dumps(value, sort_keys=True)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the facts file")
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--measure", nargs=2, type=Path, help=argparse.SUPPRESS)  # in the venv
    args = parser.parse_args(argv)
    if args.measure is not None:
        _measure_here(*args.measure)
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    return generated_data.write_or_check(args.output, generate(), COMMAND, args.check)


if __name__ == "__main__":
    sys.exit(main())
