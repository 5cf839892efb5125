"""The parameter counts of the layers PyTorch and Keras offer, as pure functions.

Every formula here is proven against counts measured on the real frameworks
(tests/fixtures/framework_facts/param.json, made by scripts/param_facts.py; the check is
tests/test_param_facts.py). Where the two frameworks differ, a ``framework`` argument says which
("torch" or "keras"): a GRU's second bias vector, PyTorch's two bias vectors per recurrent gate,
batch normalisation's moving statistics (Keras weights that do not train, PyTorch buffers that
are no parameters), PReLU's one slope per element in Keras.

``layer_counts`` reads a framework's class name and constructor arguments (as a note's code
writes them) and gives the counts the framework reports, or ``None`` for a class it does not
know.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ankigen.lint import stage_trace

TORCH = "torch"
KERAS = "keras"
GATES = {"rnn": 1, "gru": 3, "lstm": 4}


@dataclass(frozen=True)
class ParamCounts:
    """What a framework reports for one layer: ``buffers`` are PyTorch's running statistics,
    which are no parameters (Keras keeps them as non-trainable weights instead)."""

    total: int
    trainable: int
    non_trainable: int = 0
    buffers: int = 0


def trained(count: int) -> ParamCounts:
    return ParamCounts(count, count)


# --------------------------------------------------------------------------- dense and conv


def dense(inputs: int, units: int, bias: bool = True) -> int:
    """A dense/linear layer: one weight per input and unit, one bias per unit."""
    return inputs * units + (units if bias else 0)


def bilinear(left: int, right: int, units: int, bias: bool = True) -> int:
    return left * right * units + (units if bias else 0)


def conv(
    in_channels: int, filters: int, kernel_volume: int, groups: int = 1, bias: bool = True
) -> int:
    """A convolution (or transposed convolution): each filter sees in_channels/groups channels."""
    return kernel_volume * (in_channels // groups) * filters + (filters if bias else 0)


def depthwise(channels: int, kernel_volume: int, multiplier: int = 1, bias: bool = True) -> int:
    outputs = channels * multiplier
    return kernel_volume * outputs + (outputs if bias else 0)


def separable(
    channels: int, filters: int, kernel_volume: int, multiplier: int = 1, bias: bool = True
) -> int:
    """Keras SeparableConv: a depthwise kernel, a 1x1 pointwise kernel, one bias per filter."""
    middle = channels * multiplier
    return kernel_volume * middle + middle * filters + (filters if bias else 0)


def embedding(vocabulary: int, dimension: int) -> int:
    return vocabulary * dimension


# --------------------------------------------------------------------------- recurrent


def recurrent_bias_vectors(kind: str, framework: str, reset_after: bool = True) -> int:
    """Bias vectors per gate: PyTorch keeps two (input and hidden); Keras one, except a GRU
    with ``reset_after=True`` (its default), which keeps two."""
    if framework == TORCH:
        return 2
    return 2 if kind == "gru" and reset_after else 1


def recurrent_layer(
    kind: str,
    inputs: int,
    units: int,
    framework: str,
    bias: bool = True,
    reset_after: bool = True,
    projection: int = 0,
) -> int:
    """One direction of one recurrent layer (or a cell): per gate an input kernel, a recurrent
    kernel and the bias vectors; PyTorch's LSTM ``proj_size`` adds a projection matrix."""
    gates = GATES[kind]
    fed_back = projection or units
    vectors = recurrent_bias_vectors(kind, framework, reset_after) if bias else 0
    return gates * (inputs * units + fed_back * units + vectors * units) + projection * units


def recurrent(
    kind: str,
    inputs: int,
    units: int,
    framework: str,
    bias: bool = True,
    layers: int = 1,
    bidirectional: bool = False,
    reset_after: bool = True,
    projection: int = 0,
) -> int:
    """A stack of recurrent layers; the layers above the first read every direction's output."""
    directions = 2 if bidirectional else 1
    total = 0
    width = inputs
    for _ in range(layers):
        one = recurrent_layer(kind, width, units, framework, bias, reset_after, projection)
        total += directions * one
        width = directions * (projection or units)
    return total


def conv_lstm(in_channels: int, filters: int, kernel_volume: int, bias: bool = True) -> int:
    """Keras ConvLSTM: four gates, each with an input and a recurrent convolution."""
    return 4 * (kernel_volume * in_channels * filters + kernel_volume * filters * filters) + (
        4 * filters if bias else 0
    )


# --------------------------------------------------------------------------- normalisation


def batch_norm(
    channels: int,
    framework: str,
    scale: bool = True,
    center: bool = True,
    track_running_stats: bool = True,
) -> ParamCounts:
    """Gamma and beta train; the moving mean and variance are Keras non-trainable weights, or
    PyTorch buffers (with one more: num_batches_tracked). PyTorch's ``affine`` is scale and
    center together; InstanceNorm counts the same way."""
    learned = channels * (int(scale) + int(center))
    if framework == KERAS:
        return ParamCounts(learned + 2 * channels, learned, 2 * channels)
    buffers = 2 * channels + 1 if track_running_stats else 0
    return ParamCounts(learned, learned, 0, buffers)


def layer_norm(features: int, scale: bool = True, center: bool = True) -> int:
    """LayerNorm and GroupNorm: a scale and an offset per feature (channel), each optional."""
    return features * (int(scale) + int(center))


def rms_norm(features: int, scale: bool = True) -> int:
    return features if scale else 0


# --------------------------------------------------------------------------- attention


def torch_attention(
    width: int,
    bias: bool = True,
    key_width: int = 0,
    value_width: int = 0,
    bias_kv: bool = False,
) -> int:
    """torch.nn.MultiheadAttention: query/key/value projections to the model width (keys and
    values may come from other widths), the output projection, optional bias_k/bias_v; the
    head count does not change it."""
    keys = key_width or width
    values = value_width or width
    weights = width * width + keys * width + values * width + width * width
    biases = 4 * width if bias else 0
    return weights + biases + (2 * width if bias_kv else 0)


def keras_attention(
    query_width: int,
    heads: int,
    key_dim: int,
    value_dim: int = 0,
    output_width: int = 0,
    bias: bool = True,
    key_width: int = 0,
    value_width: int = 0,
) -> int:
    """keras.layers.MultiHeadAttention: per head a query and key projection of ``key_dim`` and a
    value projection of ``value_dim`` (default key_dim), then an output projection back to the
    query width (or ``output_shape``)."""
    value_dim = value_dim or key_dim
    output_width = output_width or query_width
    key_width = key_width or query_width
    value_width = value_width or key_width
    projected = heads * key_dim
    count = (query_width + key_width) * projected + value_width * heads * value_dim
    count += heads * value_dim * output_width
    if bias:
        count += 2 * projected + heads * value_dim + output_width
    return count


def grouped_query_attention(
    width: int, head_dim: int, query_heads: int, key_value_heads: int, bias: bool = True
) -> int:
    """keras.layers.GroupQueryAttention: fewer key/value heads than query heads."""
    query = query_heads * head_dim
    key_value = key_value_heads * head_dim
    count = width * query + 2 * width * key_value + query * width
    if bias:
        count += query + 2 * key_value + width
    return count


def transformer_encoder_layer(width: int, feedforward: int, bias: bool = True) -> int:
    """torch.nn.TransformerEncoderLayer: self-attention, two linear layers, two LayerNorms."""
    attention = torch_attention(width, bias)
    mlp = dense(width, feedforward, bias) + dense(feedforward, width, bias)
    return attention + mlp + 2 * layer_norm(width, center=bias)


# --------------------------------------------------------------------------- by class name


def _volume(kernel: Any, dims: int) -> int:
    if isinstance(kernel, int):
        return int(kernel**dims)
    return math.prod(int(k) for k in kernel)


def _dims(name: str) -> int:
    for dims in (1, 2, 3):
        if f"{dims}d" in name.lower():
            return dims
    return 2


def _torch_counts(name: str, c: Mapping[str, Any]) -> ParamCounts | None:
    bias = bool(c.get("bias", True))
    if name == "Linear":
        return trained(dense(c["in_features"], c["out_features"], bias))
    if name == "Bilinear":
        return trained(bilinear(c["in1_features"], c["in2_features"], c["out_features"], bias))
    if name.startswith(("Conv", "ConvTranspose")):
        volume = _volume(c["kernel_size"], _dims(name))
        return trained(conv(c["in_channels"], c["out_channels"], volume, c.get("groups", 1), bias))
    if name in ("Embedding", "EmbeddingBag"):
        return trained(embedding(c["num_embeddings"], c["embedding_dim"]))
    kind = name.removesuffix("Cell").lower()
    if kind in GATES:
        if name.endswith("Cell"):
            return trained(recurrent_layer(kind, c["input_size"], c["hidden_size"], TORCH, bias))
        return trained(
            recurrent(
                kind,
                c["input_size"],
                c["hidden_size"],
                TORCH,
                bias,
                c.get("num_layers", 1),
                bool(c.get("bidirectional", False)),
                projection=c.get("proj_size", 0),
            )
        )
    if name.startswith(("BatchNorm", "InstanceNorm")):
        default = name.startswith("BatchNorm")  # InstanceNorm: neither affine nor tracked
        affine = bool(c.get("affine", default))
        return batch_norm(
            c["num_features"], TORCH, affine, affine, bool(c.get("track_running_stats", default))
        )
    if name == "GroupNorm":
        affine = bool(c.get("affine", True))
        return trained(layer_norm(c["num_channels"], affine, affine and bias))
    if name in ("LayerNorm", "RMSNorm"):
        shape = c["normalized_shape"]
        features = math.prod(shape) if isinstance(shape, list) else int(shape)
        affine = bool(c.get("elementwise_affine", True))
        if name == "RMSNorm":
            return trained(rms_norm(features, affine))
        return trained(layer_norm(features, affine, affine and bias))
    if name == "PReLU":
        return trained(int(c.get("num_parameters", 1)))
    if name == "MultiheadAttention":
        return trained(
            torch_attention(
                c["embed_dim"],
                bias,
                c.get("kdim") or 0,
                c.get("vdim") or 0,
                bool(c.get("add_bias_kv", False)),
            )
        )
    if name == "TransformerEncoderLayer":
        return trained(
            transformer_encoder_layer(c["d_model"], c.get("dim_feedforward", 2048), bias)
        )
    return None


def _keras_counts(
    name: str, c: Mapping[str, Any], shape: Sequence[int | None]
) -> ParamCounts | None:
    bias = bool(c.get("use_bias", True))
    last = int(shape[-1] or 0) if shape else 0
    if name == "Dense":
        return trained(dense(last, c["units"], bias))
    if name.startswith("Conv") and name.endswith(("D", "DTranspose")) and "LSTM" not in name:
        volume = _volume(c["kernel_size"], len(shape) - 2)
        return trained(conv(last, c["filters"], volume, c.get("groups", 1), bias))
    if name.startswith("DepthwiseConv"):
        volume = _volume(c["kernel_size"], len(shape) - 2)
        return trained(depthwise(last, volume, c.get("depth_multiplier", 1), bias))
    if name.startswith("SeparableConv"):
        volume = _volume(c["kernel_size"], len(shape) - 2)
        return trained(separable(last, c["filters"], volume, c.get("depth_multiplier", 1), bias))
    if name.startswith("ConvLSTM"):
        volume = _volume(c["kernel_size"], len(shape) - 3)
        return trained(conv_lstm(last, c["filters"], volume, bias))
    if name == "Embedding":
        return trained(embedding(c["input_dim"], c["output_dim"]))
    kind = {"SimpleRNN": "rnn", "LSTM": "lstm", "GRU": "gru"}.get(name.removesuffix("Cell"))
    if kind is not None:
        reset_after = bool(c.get("reset_after", True))
        return trained(recurrent_layer(kind, last, c["units"], KERAS, bias, reset_after))
    if name == "Bidirectional":
        inner = dict(c["layer"])
        wrapped = _keras_counts(str(inner.pop("class")), inner, shape)
        return None if wrapped is None else trained(2 * wrapped.total)
    scale, center = bool(c.get("scale", True)), bool(c.get("center", True))
    if name == "BatchNormalization":
        return batch_norm(last, KERAS, scale, center)
    if name in ("LayerNormalization", "GroupNormalization"):
        return trained(layer_norm(last, scale, center))
    if name == "RMSNormalization":
        return trained(rms_norm(last))
    if name == "PReLU":
        shared = set(c.get("shared_axes") or ())
        return trained(math.prod(int(d or 1) for i, d in enumerate(shape) if i and i not in shared))
    if name == "Attention":
        return trained(1 if c.get("use_scale") else 0)
    if name == "AdditiveAttention":
        return trained(last if c.get("use_scale", True) else 0)
    if name == "MultiHeadAttention":
        return trained(
            keras_attention(
                last,
                c["num_heads"],
                c["key_dim"],
                c.get("value_dim") or 0,
                c.get("output_shape") or 0,
                bias,
            )
        )
    if name == "GroupQueryAttention":
        return trained(
            grouped_query_attention(
                last, c["head_dim"], c["num_query_heads"], c["num_key_value_heads"], bias
            )
        )
    if name in ("ReLU", "Flatten", "Dropout", "Activation", "Reshape") or "Pool" in name:
        return trained(0)
    return None


def layer_counts(
    framework: str, name: str, config: Mapping[str, Any], input_shape: Sequence[int | None]
) -> ParamCounts | None:
    """The counts ``framework`` reports for its class ``name`` built with ``config`` on an input
    of ``input_shape`` (batch first; Keras channels last), or ``None`` for an unknown class."""
    stage_trace.note_setup(stage_trace.PARAMS)
    if framework == TORCH:
        if name in ("ReLU", "Flatten", "Dropout", "Identity") or "Pool" in name:
            return trained(0)
        return _torch_counts(name, config)
    return _keras_counts(name, config, input_shape)
