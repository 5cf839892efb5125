"""The parameter counts one layer allows under every convention that may apply: with or without
biases (where the note does not say), Keras or PyTorch (where it names neither), each part a
label may claim ("trainable", "non-trainable", "weights").

Counts by label: ``total`` (every parameter the framework counts), ``weights`` (the weights
alone), ``trainable`` and ``non_trainable``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

from ankigen.lint import stage_trace
from ankigen.lint.rules.layers import param_formulas as formulas
from ankigen.lint.rules.layers.param_formulas import keras_attention

TOTAL = "total"
WEIGHTS = "weights"
TRAINABLE = "trainable"
NON_TRAINABLE = "non_trainable"


@dataclass(frozen=True)
class Layer:
    """One layer with every size its count needs (``None``: not stated)."""

    kind: str
    frameworks: frozenset[str]  # {"torch"}, {"keras"}, both when the note names neither
    biases: frozenset[bool]  # {True}, {False} or both
    sizes: dict[str, int] = field(default_factory=dict)
    kernel_volumes: frozenset[int] = frozenset()
    hidden: tuple[int, ...] = ()
    bidirectional: bool = False
    reset_after: frozenset[bool] = frozenset({True, False})
    called: bool = False  # named by a framework's call, whose bias default is known
    call_bias: bool = True  # that call's own bias setting


def _add(counts: dict[str, set[int]], label: str, value: int) -> None:
    counts.setdefault(label, set()).add(value)


def _recurrent(layer: Layer, framework: str, x: int, h: int) -> set[int]:
    kind = layer.kind
    resets = layer.reset_after if framework == "keras" and kind == "gru" else frozenset({True})
    return {
        formulas.recurrent(
            kind, x, h, framework, bias, layer.sizes.get("stacked", 1), layer.bidirectional, reset
        )
        for reset in resets
        for bias in layer.biases
    }


def counts(layer: Layer) -> dict[str, set[int]]:
    """The counts each label allows, or an empty dict when a size is missing."""
    stage_trace.note_setup(stage_trace.PARAMS)
    s = layer.sizes
    found: dict[str, set[int]] = {}
    try:
        if layer.kind == "dense":
            for bias in layer.biases:
                _add(found, TOTAL, formulas.dense(s["inputs"], s["units"], bias))
            _add(found, WEIGHTS, formulas.dense(s["inputs"], s["units"], bias=False))
        elif layer.kind in ("conv", "transposed"):
            c, f, g = s["in_channels"], s["filters"], s.get("groups", 1)
            if c % g or f % g:
                return {}
            for volume in layer.kernel_volumes:
                _add(found, WEIGHTS, formulas.conv(c, f, volume, g, bias=False))
                for bias in layer.biases:
                    _add(found, TOTAL, formulas.conv(c, f, volume, g, bias))
        elif layer.kind == "convlstm":
            # one convolution over [x, h] (C + H channels) to the four gates (4·H channels);
            # Keras' ConvLSTM2D splits it into a kernel and a recurrent kernel, same count
            c, h = s["in_channels"], s["units"]
            for volume in layer.kernel_volumes:
                _add(found, WEIGHTS, volume * (c + h) * 4 * h)
                for bias in layer.biases:
                    _add(found, TOTAL, volume * (c + h) * 4 * h + (4 * h if bias else 0))
        elif layer.kind == "depthwise":
            c, m = s["in_channels"], s.get("multiplier", 1)
            for volume in layer.kernel_volumes:
                _add(found, WEIGHTS, formulas.depthwise(c, volume, m, bias=False))
                for bias in layer.biases:
                    _add(found, TOTAL, formulas.depthwise(c, volume, m, bias))
        elif layer.kind == "separable":
            c, f, m = s["in_channels"], s["filters"], s.get("multiplier", 1)
            for volume in layer.kernel_volumes:
                weights = volume * c * m + c * m * f
                _add(found, WEIGHTS, weights)
                for bias in layer.biases:
                    _add(found, TOTAL, weights + (f if bias else 0))
                    # two PyTorch convolutions, each with its bias
                    _add(found, TOTAL, weights + (f + c * m if bias else 0))
        elif layer.kind == "embedding":
            _add(found, TOTAL, formulas.embedding(s["vocab"], s["dim"]))
            _add(found, WEIGHTS, formulas.embedding(s["vocab"], s["dim"]))
        elif layer.kind in ("lstm", "gru", "rnn"):
            for framework in layer.frameworks:
                for value in _recurrent(layer, framework, s["inputs"], s["units"]):
                    _add(found, TOTAL, value)
                # a count of the weights may leave the biases out, as a dense layer's may
                kernels = replace(layer, biases=frozenset({False}))
                for value in _recurrent(kernels, framework, s["inputs"], s["units"]):
                    _add(found, WEIGHTS, value)
        elif layer.kind == "batchnorm":
            c = s["channels"]
            if "keras" in layer.frameworks:
                _add(found, TOTAL, 4 * c)
                _add(found, NON_TRAINABLE, 2 * c)
            if "torch" in layer.frameworks:
                _add(found, TOTAL, 2 * c)
                _add(found, NON_TRAINABLE, 2 * c)
                _add(found, NON_TRAINABLE, 2 * c + 1)  # num_batches_tracked
            _add(found, TRAINABLE, 2 * c)
        elif layer.kind in ("layernorm", "groupnorm"):
            d = s["features"] if layer.kind == "layernorm" else s["channels"]
            for bias in layer.biases:
                _add(found, TOTAL, 2 * d if bias else d)
            _add(found, TRAINABLE, 2 * d)
            _add(found, NON_TRAINABLE, 0)
        elif layer.kind == "mha" and "key_dim" in s:
            # Keras: each of the heads projects to key_dim (param_formulas.keras_attention)
            e, heads, key = s["width"], s["heads"], s["key_dim"]
            for bias in layer.biases:
                _add(found, TOTAL, keras_attention(e, heads, key, bias=bias))
            _add(found, WEIGHTS, keras_attention(e, heads, key, bias=False))
        elif layer.kind == "mha":
            e = s["width"]
            for bias in layer.biases:
                _add(found, TOTAL, 4 * e * e + (4 * e if bias else 0))
            _add(found, WEIGHTS, 4 * e * e)
        elif layer.kind == "mlp":
            widths = [s["inputs"], *layer.hidden]
            outputs = {s["outputs"]} if "outputs" in s else set()
            if "classes" in s:
                classes = s["classes"]
                outputs |= {1} if classes == 2 else {classes}
            for out in outputs:
                chain = [*widths, out]
                pairs = list(itertools.pairwise(chain))
                _add(found, TOTAL, sum(a * b + b for a, b in pairs))
                _add(found, WEIGHTS, sum(a * b for a, b in pairs))
    except KeyError:
        return {}
    if TOTAL in found and layer.kind not in ("batchnorm",):
        found.setdefault(TRAINABLE, set()).update(found[TOTAL])
        found.setdefault(NON_TRAINABLE, set()).add(0)
    return found
