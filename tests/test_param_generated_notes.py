"""Notes written from the measured parameter counts (tests/fixtures/framework_facts/param.json),
each in many presentation forms, once with the true count and once with a realistic slip.

A true rendering must get no error-level finding of any code; a slip must get a finding of the
param-count family (AG104, AG101) on its line or the next/previous one. The (form, kind) pairs
whose slips are not all caught yet are listed in GENERATED_OPEN; a listed pair that is now fully
caught fails the test, so the list cannot go stale. The sample of facts is seeded.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tests.conftest import load_script

evaluation: Any = load_script("evaluate_generalisation")
FACTS = Path(__file__).parent / "fixtures" / "framework_facts" / "param.json"
CODES = ("AG104", "AG101")
SEED = 13
PER_KIND = 1


@dataclass(frozen=True)
class Part:
    label: str  # "weights", "biases", "moving statistics"...
    expression: str  # "128 x 64", with the multiplication sign of the note's style
    value: int


@dataclass(frozen=True)
class Slip:
    name: str
    parts: tuple[Part, ...]  # the parts as the slipped author wrote them
    total: int  # the slipped total (the sum of the parts, except for a wrong sum)


@dataclass(frozen=True)
class Layer:
    """One measured fact, described the ways an author would."""

    kind: str
    framework: str  # "PyTorch" or "Keras"
    code: tuple[str, ...]  # code lines that build it (the last one the layer)
    phrase: str  # "a PyTorch `nn.Linear(128, 64)` layer"
    settings: tuple[tuple[str, str], ...]  # (setting, value) for lists and tables
    parts: tuple[Part, ...]
    symbols: str  # the LaTeX formula
    total: int
    slips: tuple[Slip, ...]
    unit: str = "parameters"
    label: str = field(default="")  # "trainable" for a part of the total


def _n(value: int, style: int) -> str:
    return f"{value:,}" if style % 2 == 0 else str(value)


def _sum(parts: tuple[Part, ...]) -> int:
    return sum(part.value for part in parts)


def _wrong_sum(parts: tuple[Part, ...]) -> Slip:
    total = _sum(parts)
    off = 10 ** max(len(str(total)) - 2, 1)
    return Slip("wrong total of right parts", parts, total + off)


# --------------------------------------------------------------------------- describers

TIMES = ("\N{MULTIPLICATION SIGN}", "x", "*", "·")


def _dense(fact: dict[str, Any], times: str) -> Layer:
    code: tuple[str, ...]
    c = fact["config"]
    torch = fact["framework"] == "torch"
    inputs = c["in_features"] if torch else fact["input_shape"][-1]
    units = c["out_features"] if torch else c["units"]
    bias = c.get("bias", True) if torch else c.get("use_bias", True)
    weights = Part("weights", f"{inputs} {times} {units}", inputs * units)
    biases = Part("biases", f"{units}", units)
    parts = (weights, biases) if bias else (weights,)
    if torch:
        call = f"nn.Linear({inputs}, {units}{'' if bias else ', bias=False'})"
        code = ("import torch.nn as nn", f"layer = {call}")
        phrase = f"a PyTorch `{call}` layer"
    else:
        call = f"layers.Dense({units}{'' if bias else ', use_bias=False'})"
        code = (
            "import keras",
            "from keras import layers",
            f"x = keras.Input(shape=({inputs},))",
            f"y = {call}(x)",
        )
        phrase = f"a Keras `{call}` layer on {inputs} input features"
    slips = [_wrong_sum(parts)] if bias else []
    if bias:
        slips.append(Slip("forgotten bias", (weights,), weights.value))
    else:
        slips.append(
            Slip("bias counted though switched off", (weights, biases), _sum((weights, biases)))
        )
    swapped = Part("weights", f"{inputs} {times} {inputs}", inputs * inputs)
    if inputs != units:
        slips.append(Slip("wrong operand", (swapped, *parts[1:]), _sum((swapped, *parts[1:]))))
    settings = (("inputs", str(inputs)), ("units", str(units)), ("bias", "yes" if bias else "no"))
    symbols = r"P = n_{\text{in}} \cdot n_{\text{out}}" + (r" + n_{\text{out}}" if bias else "")
    return Layer(
        "dense",
        "PyTorch" if torch else "Keras",
        code,
        phrase,
        settings,
        parts,
        symbols,
        fact["total"],
        tuple(slips),
    )


def _conv(fact: dict[str, Any], times: str) -> Layer:
    code: tuple[str, ...]
    settings: tuple[tuple[str, str], ...]
    c = fact["config"]
    torch = fact["framework"] == "torch"
    dims = len(fact["input_shape"]) - 2
    channels = c["in_channels"] if torch else fact["input_shape"][-1]
    filters = c["out_channels"] if torch else c["filters"]
    k = c["kernel_size"]
    groups = c.get("groups", 1)
    bias = c.get("bias", True) if torch else c.get("use_bias", True)
    kernel = [str(k)] * dims
    per_filter = channels // groups
    weights = Part(
        "weights",
        f" {times} ".join([*kernel, str(per_filter), str(filters)]),
        k**dims * per_filter * filters,
    )
    biases = Part("biases", str(filters), filters)
    parts = (weights, biases) if bias else (weights,)
    name = fact["class"]
    if torch:
        extra = (f", groups={groups}" if groups > 1 else "") + ("" if bias else ", bias=False")
        call = f"nn.{name}({channels}, {filters}, kernel_size={k}{extra})"
        code = ("import torch.nn as nn", f"conv = {call}")
        phrase = f"a PyTorch `{call}` layer"
    else:
        extra = (f", groups={groups}" if groups > 1 else "") + ("" if bias else ", use_bias=False")
        call = f"layers.{name}({filters}, {k}{extra})"
        shape = ", ".join(str(d) for d in fact["input_shape"][1:])
        code = (
            "import keras",
            "from keras import layers",
            f"x = keras.Input(shape=({shape}))",
            f"y = {call}(x)",
        )
        phrase = f"a Keras `{call}` layer on a {channels}-channel input"
    slips = [_wrong_sum(parts)] if bias else []
    if bias:
        slips.append(Slip("forgotten bias", (weights,), weights.value))
    if k > 1 and dims > 1:
        once = Part(
            "weights",
            f" {times} ".join([str(k), str(per_filter), str(filters)]),
            k * per_filter * filters,
        )
        slips.append(
            Slip("kernel side taken for its area", (once, *parts[1:]), _sum((once, *parts[1:])))
        )
    if groups > 1:
        whole = Part(
            "weights",
            f" {times} ".join([*kernel, str(channels), str(filters)]),
            k**dims * channels * filters,
        )
        slips.append(Slip("groups ignored", (whole, *parts[1:]), _sum((whole, *parts[1:]))))
    settings = (
        ("input channels", str(channels)),
        ("filters", str(filters)),
        ("kernel", "\N{MULTIPLICATION SIGN}".join(kernel)),
        ("bias", "yes" if bias else "no"),
    )
    if groups > 1:
        settings = (*settings, ("groups", str(groups)))
    symbols = (
        rf"P = k^{{{dims}}} \cdot \frac{{C_{{\text{{in}}}}}}{{g}} \cdot C_{{\text{{out}}}}"
        + (r" + C_{\text{out}}" if bias else "")
    )
    kind = "grouped conv" if groups > 1 else ("transposed conv" if "Transpose" in name else "conv")
    return Layer(
        kind,
        "PyTorch" if torch else "Keras",
        code,
        phrase,
        settings,
        parts,
        symbols,
        fact["total"],
        tuple(slips),
    )


def _embedding(fact: dict[str, Any], times: str) -> Layer:
    code: tuple[str, ...]
    c = fact["config"]
    torch = fact["framework"] == "torch"
    vocab = c["num_embeddings"] if torch else c["input_dim"]
    dim = c["embedding_dim"] if torch else c["output_dim"]
    table = Part("embedding table", f"{vocab} {times} {dim}", vocab * dim)
    if torch:
        call = f"nn.Embedding({vocab}, {dim})"
        code = ("import torch.nn as nn", f"emb = {call}")
        phrase = f"a PyTorch `{call}` layer"
    else:
        call = f"layers.Embedding(input_dim={vocab}, output_dim={dim})"
        code = ("import keras", "from keras import layers", f"emb = {call}")
        phrase = f"a Keras `{call}` layer"
    extra = Part("biases", str(dim), dim)
    slips = (
        Slip("a bias the layer does not have", (table, extra), table.value + dim),
        Slip(
            "one row too many",
            (Part("embedding table", f"{vocab + 1} {times} {dim}", (vocab + 1) * dim),),
            (vocab + 1) * dim,
        ),
    )
    return Layer(
        "embedding",
        "PyTorch" if torch else "Keras",
        code,
        phrase,
        (("vocabulary", str(vocab)), ("dimension", str(dim))),
        (table,),
        r"P = V \cdot d",
        fact["total"],
        slips,
    )


def _recurrent(fact: dict[str, Any], times: str) -> Layer:
    code: tuple[str, ...]
    c = fact["config"]
    torch = fact["framework"] == "torch"
    name = fact["class"]
    kind = {"RNN": "rnn", "SimpleRNN": "rnn", "LSTM": "lstm", "GRU": "gru"}[name]
    gates = {"rnn": 1, "gru": 3, "lstm": 4}[kind]
    x = c["input_size"] if torch else fact["input_shape"][-1]
    h = c["hidden_size"] if torch else c["units"]
    bias = c.get("bias", True) if torch else c.get("use_bias", True)
    reset_after = c.get("reset_after", True)
    vectors = (2 if torch or (kind == "gru" and reset_after) else 1) if bias else 0

    def parts_with(g: int, v: int, recurrent: bool = True) -> tuple[Part, ...]:
        found = [Part("input kernels", f"{g} {times} {x} {times} {h}", g * x * h)]
        if recurrent:
            found.append(Part("recurrent kernels", f"{g} {times} {h} {times} {h}", g * h * h))
        if v:
            expression = f"{g} {times} {v} {times} {h}" if v > 1 else f"{g} {times} {h}"
            found.append(Part("biases", expression, g * v * h))
        return tuple(found)

    parts = parts_with(gates, vectors)
    if torch:
        extra = ", batch_first=True" + ("" if bias else ", bias=False")
        call = f"nn.{name}({x}, {h}{extra})"
        code = ("import torch.nn as nn", f"rnn = {call}")
        phrase = f"a one-layer PyTorch `{call}`"
    else:
        extra = ("" if bias else ", use_bias=False") + (
            "" if reset_after else ", reset_after=False"
        )
        call = f"layers.{name}({h}{extra})"
        code = (
            "import keras",
            "from keras import layers",
            f"x = keras.Input(shape=(None, {x}))",
            f"y = {call}(x)",
        )
        phrase = f"a Keras `{call}` layer over {x}-dimensional inputs"
    slips = [_wrong_sum(parts)]
    forgot = parts_with(gates, vectors, recurrent=False)
    slips.append(Slip("recurrent kernel forgotten", forgot, _sum(forgot)))
    if gates > 1:
        fewer = parts_with(gates - 1, vectors)
        slips.append(Slip("one gate too few", fewer, _sum(fewer)))
    if vectors == 2:
        single = parts_with(gates, 1)
        slips.append(Slip("one bias vector per gate (the other framework)", single, _sum(single)))
    settings = (("input size", str(x)), ("hidden units", str(h)), ("gates", str(gates)))
    symbols = r"P = g\,(x h + h^2 + b h)"
    return Layer(
        kind,
        "PyTorch" if torch else "Keras",
        code,
        phrase,
        settings,
        parts,
        symbols,
        fact["total"],
        tuple(slips),
    )


def _norm(fact: dict[str, Any], times: str) -> Layer:
    code: tuple[str, ...]
    slips: tuple[Slip, ...]
    c = fact["config"]
    name = fact["class"]
    channels = fact["input_shape"][-1]
    if name == "BatchNormalization":
        call = "layers.BatchNormalization()"
        code = (
            "import keras",
            "from keras import layers",
            f"x = keras.Input(shape=(8, 8, {channels}))",
            f"y = {call}(x)",
        )
        phrase = f"a Keras `{call}` layer on {channels} channels"
        parts = (
            Part("gamma and beta", f"2 {times} {channels}", 2 * channels),
            Part("moving mean and variance", f"2 {times} {channels}", 2 * channels),
        )
        slips = (
            Slip("moving statistics forgotten", parts[:1], 2 * channels),
            _wrong_sum(parts),
            Slip(
                "three vectors, not four",
                (Part("gamma, beta, mean", f"3 {times} {channels}", 3 * channels),),
                3 * channels,
            ),
        )
        symbols = r"P = 4C"
        kind = "batchnorm"
    else:
        torch = fact["framework"] == "torch"
        features = c["normalized_shape"] if torch else channels
        call = f"nn.LayerNorm({features})" if torch else "layers.LayerNormalization()"
        code = (
            ("import torch.nn as nn", f"norm = {call}")
            if torch
            else (
                "import keras",
                "from keras import layers",
                f"x = keras.Input(shape=(10, {features}))",
                f"y = {call}(x)",
            )
        )
        phrase = f"a {'PyTorch' if torch else 'Keras'} `{call}` layer over {features} features"
        parts = (Part("scale", str(features), features), Part("offset", str(features), features))
        slips = (Slip("offset forgotten", parts[:1], features), _wrong_sum(parts))
        symbols = r"P = 2d"
        kind = "layernorm"
        channels = features
    return Layer(
        kind,
        "PyTorch" if fact["framework"] == "torch" else "Keras",
        code,
        phrase,
        (("features", str(channels)),),
        parts,
        symbols,
        fact["total"],
        slips,
    )


def _attention(fact: dict[str, Any], times: str) -> Layer:
    code: tuple[str, ...]
    c = fact["config"]
    torch = fact["framework"] == "torch"
    e = fact["input_shape"][-1]
    if torch:
        bias = c.get("bias", True)
        heads = c["num_heads"]
        call = f"nn.MultiheadAttention({e}, {heads}{'' if bias else ', bias=False'})"
        code = ("import torch.nn as nn", f"attn = {call}")
        phrase = f"a PyTorch `{call}` layer"
        proj = e
    else:
        bias = c.get("use_bias", True)
        heads, key = c["num_heads"], c["key_dim"]
        no_bias = "" if bias else ", use_bias=False"
        call = f"layers.MultiHeadAttention(num_heads={heads}, key_dim={key}{no_bias})"
        code = (
            "import keras",
            "from keras import layers",
            f"x = keras.Input(shape=(10, {e}))",
            f"y = {call}(x, x)",
        )
        phrase = f"a Keras `{call}` layer with a model dimension of {e}"
        proj = heads * key
    qkv = Part("query, key and value projections", f"3 {times} {e} {times} {proj}", 3 * e * proj)
    qkv_b = Part("their biases", f"3 {times} {proj}", 3 * proj)
    out = Part("output projection", f"{proj} {times} {e}", proj * e)
    out_b = Part("its bias", str(e), e)
    parts = (qkv, qkv_b, out, out_b) if bias else (qkv, out)
    no_out = tuple(p for p in parts if p not in (out, out_b))
    slips = [Slip("output projection forgotten", no_out, _sum(no_out)), _wrong_sum(parts)]
    if heads > 1:
        per_head = Part(
            "query, key and value projections",
            f"3 {times} {e} {times} {proj} {times} {heads}",
            3 * e * proj * heads,
        )
        wrong = (per_head, *parts[1:])
        slips.append(Slip("projections multiplied by the heads", wrong, _sum(wrong)))
    return Layer(
        "attention",
        "PyTorch" if torch else "Keras",
        code,
        phrase,
        (("model width", str(e)), ("heads", str(heads))),
        parts,
        r"P = 4 d^2 + 4d" if bias else r"P = 4 d^2",
        fact["total"],
        tuple(slips),
    )


def _depthwise(fact: dict[str, Any], times: str) -> Layer:
    parts: tuple[Part, ...]
    c = fact["config"]
    channels = fact["input_shape"][-1]
    k, m = c["kernel_size"], c["depth_multiplier"]
    bias = c.get("use_bias", True)
    call = f"layers.DepthwiseConv2D({k}, depth_multiplier={m}{'' if bias else ', use_bias=False'})"
    code = (
        "import keras",
        "from keras import layers",
        f"x = keras.Input(shape=(32, 32, {channels}))",
        f"y = {call}(x)",
    )
    phrase = f"a Keras `{call}` layer on a {channels}-channel input"
    if fact["class"] == "DepthwiseConv2D":
        weights = Part(
            "depthwise weights",
            f"{k} {times} {k} {times} {channels} {times} {m}",
            k * k * channels * m,
        )
        biases = Part("biases", f"{channels} {times} {m}", channels * m)
        parts = (weights, biases) if bias else (weights,)
        full = Part(
            "weights",
            f"{k} {times} {k} {times} {channels} {times} {channels * m}",
            k * k * channels * channels * m,
        )
        slips = [
            Slip("counted as a full convolution", (full, *parts[1:]), _sum((full, *parts[1:])))
        ]
        kind = "depthwise"
        symbols = r"P = k^2 C m + C m"
    else:
        f = c["filters"]
        no_bias = "" if bias else ", use_bias=False"
        call = f"layers.SeparableConv2D({f}, {k}, depth_multiplier={m}{no_bias})"
        code = (
            "import keras",
            "from keras import layers",
            f"x = keras.Input(shape=(32, 32, {channels}))",
            f"y = {call}(x)",
        )
        phrase = f"a Keras `{call}` layer on a {channels}-channel input"
        depth = Part(
            "depthwise kernel",
            f"{k} {times} {k} {times} {channels} {times} {m}",
            k * k * channels * m,
        )
        point = Part("pointwise kernel", f"{channels * m} {times} {f}", channels * m * f)
        biases = Part("biases", str(f), f)
        parts = (depth, point, biases) if bias else (depth, point)
        slips = [
            Slip(
                "pointwise kernel forgotten",
                tuple(p for p in parts if p is not point),
                _sum(parts) - point.value,
            )
        ]
        kind = "separable"
        symbols = r"P = k^2 C m + C m F + F"
    if bias:
        slips.append(_wrong_sum(parts))
    return Layer(
        kind,
        "Keras",
        code,
        phrase,
        (
            ("channels", str(channels)),
            ("kernel", f"{k}\N{MULTIPLICATION SIGN}{k}"),
            ("depth multiplier", str(m)),
        ),
        parts,
        symbols,
        fact["total"],
        tuple(slips),
    )


DESCRIBERS: dict[str, Callable[[dict[str, Any], str], Layer]] = {
    "Linear": _dense,
    "Dense": _dense,
    "Conv1d": _conv,
    "Conv2d": _conv,
    "Conv3d": _conv,
    "ConvTranspose2d": _conv,
    "Conv1D": _conv,
    "Conv2D": _conv,
    "Conv3D": _conv,
    "Conv2DTranspose": _conv,
    "Embedding": _embedding,
    "LSTM": _recurrent,
    "GRU": _recurrent,
    "RNN": _recurrent,
    "SimpleRNN": _recurrent,
    "BatchNormalization": _norm,
    "LayerNorm": _norm,
    "LayerNormalization": _norm,
    "MultiheadAttention": _attention,
    "MultiHeadAttention": _attention,
    "DepthwiseConv2D": _depthwise,
    "SeparableConv2D": _depthwise,
}


def _usable(fact: dict[str, Any]) -> bool:
    c = fact["config"]
    if fact["class"] not in DESCRIBERS or any(isinstance(v, list) for v in c.values()):
        return False
    if fact["class"] in ("LSTM", "GRU", "RNN") and (
        c.get("num_layers", 1) > 1 or c.get("bidirectional") or c.get("proj_size")
    ):
        return False
    if fact["class"] in ("BatchNormalization", "LayerNormalization") and not (
        c.get("center", True) and c.get("scale", True)
    ):
        return False
    if fact["class"] == "LayerNorm" and not (
        c.get("elementwise_affine", True) and c.get("bias", True)
    ):
        return False
    if fact["class"] == "MultiHeadAttention" and (c.get("value_dim") or c.get("output_shape")):
        return False
    if fact["class"] == "MultiheadAttention" and (c.get("kdim") or c.get("add_bias_kv")):
        return False
    return not (fact["class"] == "BatchNormalization" and len(fact["input_shape"]) != 4)


@cache
def sampled_layers() -> tuple[Layer, ...]:
    facts = json.loads(FACTS.read_text(encoding="utf-8"))["layers"]
    chosen = random.Random(SEED)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for fact in facts:
        if _usable(fact):
            groups.setdefault((fact["framework"], fact["class"]), []).append(fact)
    layers = []
    for index, key in enumerate(sorted(groups)):
        for fact in chosen.sample(groups[key], min(PER_KIND, len(groups[key]))):
            layers.append(DESCRIBERS[fact["class"]](fact, TIMES[index % len(TIMES)]))
    return tuple(layers)


# --------------------------------------------------------------------------- forms
# Each form renders (layer, parts, total, style) as body lines and the index of the line that
# states the total (0 = the question heading).

Lines = tuple[list[str], int]


def _question(layer: Layer, style: int) -> str:
    questions = (
        f"# How many parameters does {layer.phrase} have?",
        f"# Parameter count of {layer.phrase}",
        f"# What does {layer.phrase} cost in parameters?",
        f"# Counting the weights of {layer.phrase}",
    )
    return questions[style % len(questions)]


def form_prose(layer: Layer, parts: tuple[Part, ...], total: int, style: int) -> Lines:
    body = [
        _question(layer, style),
        "",
        f"Counting every weight and bias, {layer.phrase} has {_n(total, style)} parameters.",
    ]
    return body, 2


def form_steps(layer: Layer, parts: tuple[Part, ...], total: int, style: int) -> Lines:
    body = [_question(layer, style), ""]
    for number, part in enumerate(parts, 1):
        shown = (
            part.expression
            if part.expression == str(part.value)
            else f"{part.expression} = {_n(part.value, style)}"
        )
        body.append(f"{number}. {part.label.capitalize()}: {shown}")
    if len(parts) > 1:
        sums = " + ".join(_n(part.value, style) for part in parts)
        body.append(f"{len(parts) + 1}. Total: {sums} = {_n(total, style)} parameters")
    else:
        body.append(f"{len(parts) + 1}. Total: {_n(total, style)} parameters")
    return body, len(body) - 1


def _latex(expression: str) -> str:
    for sign, command in (
        ("\N{MULTIPLICATION SIGN}", r"\times"),
        ("·", r"\cdot"),
        ("*", r"\cdot"),
        (" x ", r" \times "),
    ):
        expression = expression.replace(sign, command)
    return expression


def form_latex(layer: Layer, parts: tuple[Part, ...], total: int, style: int) -> Lines:
    plugged = " + ".join(f"({_latex(part.expression)})" for part in parts)
    body = [
        _question(layer, style),
        "",
        "$$",
        layer.symbols,
        "$$",
        "",
        f"With the numbers: ${plugged} = {total}$ parameters.",
    ]
    return body, 6


def form_code_comment(layer: Layer, parts: tuple[Part, ...], total: int, style: int) -> Lines:
    body = [
        _question(layer, style),
        "",
        "```python",
        *layer.code[:-1],
        f"{layer.code[-1]}  # {_n(total, style)} parameters",
        "```",
    ]
    return body, len(body) - 2


def form_code_output(layer: Layer, parts: tuple[Part, ...], total: int, style: int) -> Lines:
    if layer.framework == "PyTorch":
        counter = (
            "print(sum(p.numel() for p in " + layer.code[-1].split(" = ")[0] + ".parameters()))"
        )
    else:
        counter = "print(model.count_params())"
    code = list(layer.code)
    if layer.framework == "Keras" and code[-1].startswith("y = "):
        code.append("model = keras.Model(x, y)")
    elif layer.framework == "Keras":
        code.append("model = keras.Sequential([" + code[-1].split(" = ", 1)[-1] + "])")
    body = [
        _question(layer, style),
        "",
        "```python",
        *code,
        counter,
        "```",
        "",
        "Output:",
        "",
        "```",
        str(total),
        "```",
    ]
    return body, len(body) - 2


def form_table(layer: Layer, parts: tuple[Part, ...], total: int, style: int) -> Lines:
    header = " | ".join(name for name, _ in layer.settings)
    values = " | ".join(value for _, value in layer.settings)
    body = [
        _question(layer, style),
        "",
        f"| {header} | parameters |",
        "|" + "---|" * (len(layer.settings) + 1),
        f"| {values} | {_n(total, style)} |",
    ]
    return body, 4


def form_bullets(layer: Layer, parts: tuple[Part, ...], total: int, style: int) -> Lines:
    body = [_question(layer, style), ""]
    body += [f"- {name}: {value}" for name, value in layer.settings]
    body.append(f"- parameters: {_n(total, style)}")
    return body, len(body) - 1


def form_cloze(layer: Layer, parts: tuple[Part, ...], total: int, style: int) -> Lines:
    body = [
        _question(layer, style),
        "",
        f"{layer.phrase[0].upper()}{layer.phrase[1:]} has {{{{c1::{_n(total, style)}}}}} "
        "parameters in total.",
    ]
    return body, 2


def form_bold(layer: Layer, parts: tuple[Part, ...], total: int, style: int) -> Lines:
    sums = " + ".join(f"{part.expression}" for part in parts)
    body = [
        _question(layer, style),
        "",
        f"**{_n(total, style)}**",
        "",
        f"The count is {sums} for {layer.phrase}.",
    ]
    return body, 2


def form_thousands(layer: Layer, parts: tuple[Part, ...], total: int, style: int) -> Lines:
    if total >= 1_000_000:
        shown = f"{total / 1_000_000:.2f}M"
    elif total >= 10_000:
        shown = f"{total / 1000:.1f}k"
    else:
        shown = f"{total:,}"
    body = [
        _question(layer, style),
        "",
        f"{layer.phrase[0].upper()}{layer.phrase[1:]} holds {shown} parameters.",
    ]
    return body, 2


FORMS: dict[str, Callable[[Layer, tuple[Part, ...], int, int], Lines]] = {
    "prose": form_prose,
    "steps": form_steps,
    "latex": form_latex,
    "code-comment": form_code_comment,
    "code-output": form_code_output,
    "table": form_table,
    "bullets": form_bullets,
    "cloze": form_cloze,
    "bold": form_bold,
    "thousands": form_thousands,
}
PART_FORMS = ("steps", "latex", "bold")  # forms that show the parts, where a wrong sum shows


def _same_in_form(form: str, slip: Slip, layer: Layer) -> bool:
    """A slip invisible in a form: a wrong sum shown without its parts, a slipped total that
    the form rounds to the true one."""
    if form == "thousands":
        return (
            FORMS[form](layer, slip.parts, slip.total, 0)[0]
            == FORMS[form](layer, layer.parts, layer.total, 0)[0]
        )
    return slip.name == "wrong total of right parts" and form not in PART_FORMS


@dataclass(frozen=True)
class Rendered:
    case: Any  # evaluation.Case
    form: str
    kind: str
    slip: str  # "" for a true rendering


@cache
def rendered() -> tuple[Rendered, ...]:
    found = []
    for index, layer in enumerate(sampled_layers()):
        for form, render in FORMS.items():
            style = index + len(form)
            note_type = "cloze" if form == "cloze" else "basic"
            body, _ = render(layer, layer.parts, layer.total, style)
            ident = f"gen-{index}-{form}"
            found.append(
                Rendered(
                    evaluation.Case(
                        "param-count", f"{ident}-true", "\n".join(body) + "\n", note_type
                    ),
                    form,
                    layer.kind,
                    "",
                )
            )
            for number, slip in enumerate(layer.slips):
                if _same_in_form(form, slip, layer):
                    continue
                body, line = render(layer, slip.parts, slip.total, style)
                case = evaluation.Case(
                    "param-count",
                    f"{ident}-slip{number}",
                    "\n".join(body) + "\n",
                    note_type,
                    line + 1,
                )
                found.append(Rendered(case, form, layer.kind, slip.name))
    found.extend(rendered_models())
    return tuple(found)


# --------------------------------------------------------------------------- models


def _layer_code(framework: str, name: str, config: dict[str, Any]) -> str:
    arguments = ", ".join(f"{key}={value!r}" for key, value in config.items())
    return f"{'nn' if framework == 'torch' else 'layers'}.{name}({arguments})"


def _model_rows(model: dict[str, Any], values: list[int]) -> list[tuple[str, str, int]]:
    """(name, output shape or "", count) per layer, with ``values`` as the counts shown."""
    rows = []
    seen: dict[str, int] = {}
    for row, value in zip(model["rows"], values, strict=True):
        number = seen.get(row["class"], 0)
        seen[row["class"]] = number + 1
        name = row["class"].lower() + (f"_{number}" if number else "")
        shape = row.get("output_shape")
        shown = (
            "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")" if shape else ""
        )
        rows.append((f"{name} ({row['class']})", shown, value))
    return rows


def form_summary(model: dict[str, Any], values: list[int], total: int) -> Lines:
    """A Keras model's code and the ``model.summary()`` it prints."""
    shape = ", ".join(str(d) for d in model["input_shape"][1:])
    code = ["import keras", "from keras import layers", "", "model = keras.Sequential(["]
    code.append(f"    keras.Input(shape=({shape},)),")
    code += [f"    {_layer_code('keras', name, config)}," for name, config in model["layers"]]
    code += ["])", "model.summary()"]
    trainable = total - model["non_trainable"]
    body = [
        "# What does `model.summary()` print for this Keras model?",
        "",
        "```python",
        *code,
        "```",
        "",
        "```",
        " Layer (type)                 Output Shape              Param #",
        "=" * 65,
    ]
    for name, shown, value in _model_rows(model, values):
        body.append(f" {name:<29} {shown:<25} {value:,}")
    body += [
        "=" * 65,
        f"Total params: {total:,}",
        f"Trainable params: {trainable:,}",
        f"Non-trainable params: {model['non_trainable']:,}",
        "```",
    ]
    return body, 0


def form_model_table(model: dict[str, Any], values: list[int], total: int) -> Lines:
    """A table of the model's layers with their counts and a total row."""
    framework = "PyTorch" if model["framework"] == "torch" else "Keras"
    shape = "\N{MULTIPLICATION SIGN}".join(str(d) for d in model["input_shape"][1:])
    body = [
        f"# Parameters per layer of a small {framework} model on {shape} inputs",
        "",
        "| layer | call | parameters |",
        "|---|---|---|",
    ]
    for (name, _, value), (cls, config) in zip(
        _model_rows(model, values), model["layers"], strict=True
    ):
        label, _, kind = name.partition(" ")
        body.append(
            f"| `{label}` {kind} | `{_layer_code(model['framework'], cls, config)}` | {value:,} |"
        )
    body.append(f"| **total** | | **{total:,}** |")
    return body, 0


MODEL_FORMS: dict[str, Callable[[dict[str, Any], list[int], int], Lines]] = {
    "summary": form_summary,
    "model-table": form_model_table,
}


def _model_slips(model: dict[str, Any]) -> Iterator[tuple[str, list[int], int, int]]:
    """(slip, shown counts, shown total, index of the slipped row or -1 for the total)."""
    values = [row["total"] for row in model["rows"]]
    weighted = [i for i, value in enumerate(values) if value]
    off = 10 ** max(len(str(model["total"])) - 2, 1)
    yield "wrong total of right parts", values, model["total"] + off, -1
    if len(weighted) >= 2:
        first, second = weighted[0], weighted[1]
        swapped = list(values)
        swapped[first] = values[second]
        yield "a value from the wrong row", swapped, sum(swapped), first
    last = weighted[-1]
    dropped = list(values)
    dropped[last] = values[last] - (
        model["rows"][last]["config"].get("units")
        or model["rows"][last]["config"].get("out_features")
        or 0
    )
    if dropped[last] != values[last]:
        yield "forgotten bias in one row", dropped, sum(dropped), last


def rendered_models() -> Iterator[Rendered]:
    models = json.loads(FACTS.read_text(encoding="utf-8"))["models"]
    for model in models:
        for form, render in MODEL_FORMS.items():
            if form == "summary" and model["framework"] != "keras":
                continue
            values = [row["total"] for row in model["rows"]]
            body, _ = render(model, values, model["total"])
            ident = f"model-{model['name']}-{form}"
            case = evaluation.Case("param-count", f"{ident}-true", "\n".join(body) + "\n", "basic")
            yield Rendered(case, form, "model", "")
            for number, (slip, shown, total, row) in enumerate(_model_slips(model)):
                body, _ = render(model, shown, total)
                if row < 0:
                    target = next(i for i, line in enumerate(body) if "otal" in line)
                else:
                    label = _model_rows(model, shown)[row][0].split()[0]
                    target = next(
                        i
                        for i, line in enumerate(body)
                        if line.startswith((f" {label} ", f"| `{label}` "))
                    )
                case = evaluation.Case(
                    "param-count",
                    f"{ident}-slip{number}",
                    "\n".join(body) + "\n",
                    "basic",
                    target + 1,
                )
                yield Rendered(case, form, "model", slip)


@cache
def findings() -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = evaluation.lint_cases([r.case for r in rendered()], "generated")
    return found


def caught(item: Rendered) -> bool:
    return any(
        f.code in CODES and f.line in item.case.accepted_lines for f in findings()[item.case.id]
    )


# (form, kind) pairs with a slip not caught yet, measured on this branch's rules.
# Most are a bold or LaTeX answer whose explanation shows the same slipped terms (the readers
# take the note's own calculation for its scenario), a bias the note leaves unsaid (the
# conventions allow weights-only counts), or a sentence counting "every weight" (read as per unit).
GENERATED_OPEN: frozenset[tuple[str, str]] = frozenset(
    {
        ("bold", "attention"),
        ("bold", "conv"),
        ("bold", "dense"),
        ("bold", "embedding"),
        ("bold", "grouped conv"),
        ("bold", "layernorm"),
        ("code-comment", "batchnorm"),
        ("latex", "conv"),
        ("latex", "grouped conv"),
        ("latex", "layernorm"),
        ("latex", "separable"),
        ("model-table", "model"),
        ("prose", "attention"),
        ("prose", "batchnorm"),
    }
)
# True renderings that still get an error-level finding: (form, kind) pairs.
GENERATED_FALSE_OPEN: frozenset[tuple[str, str]] = frozenset()


def summary() -> dict[str, Any]:
    items = rendered()
    slips = [item for item in items if item.slip]
    missed = [item for item in slips if not caught(item)]
    false = [
        item
        for item in items
        if not item.slip and any(f.severity == "error" for f in findings()[item.case.id])
    ]
    return {
        "slips": len(slips),
        "caught": len(slips) - len(missed),
        "missed": missed,
        "true": len(items) - len(slips),
        "false": false,
    }


def test_the_sample_covers_every_form_and_kind() -> None:
    items = rendered()
    assert len(FORMS) >= 8
    kinds = {item.kind for item in items}
    assert {
        "dense",
        "conv",
        "grouped conv",
        "embedding",
        "lstm",
        "gru",
        "batchnorm",
        "attention",
        "depthwise",
        "separable",
    } <= kinds
    assert len({item.case.id for item in items}) == len(items)


def test_true_renderings_get_no_error() -> None:
    false = summary()["false"]
    pairs = {(item.form, item.kind) for item in false}
    details = [
        f"{item.case.id} ({item.form}, {item.kind}): "
        + ", ".join(f.format() for f in findings()[item.case.id] if f.severity == "error")
        for item in false
    ]
    assert pairs <= GENERATED_FALSE_OPEN, "false errors:\n" + "\n".join(details)
    assert not GENERATED_FALSE_OPEN - pairs, f"no longer reported: {GENERATED_FALSE_OPEN - pairs}"


def test_slips_are_caught() -> None:
    missed = summary()["missed"]
    pairs = {(item.form, item.kind) for item in missed}
    details = [
        f"{item.case.id} ({item.form}, {item.kind}, {item.slip}) line {item.case.line}: "
        + (", ".join(f"{f.code}@{f.line}" for f in findings()[item.case.id]) or "nothing")
        for item in missed
        if (item.form, item.kind) not in GENERATED_OPEN
    ]
    assert pairs <= GENERATED_OPEN, "missed:\n" + "\n".join(details)
    assert not GENERATED_OPEN - pairs, f"now caught, remove: {sorted(GENERATED_OPEN - pairs)}"


def iter_report() -> Iterator[str]:
    result = summary()
    yield (
        f"slips caught {result['caught']}/{result['slips']}; true renderings {result['true']}, "
        f"with an error {len(result['false'])}"
    )
    for item in result["false"]:
        yield f"FALSE {item.case.id} ({item.form}, {item.kind}): " + ", ".join(
            f.format() for f in findings()[item.case.id] if f.severity == "error"
        )
    for item in result["missed"]:
        yield (
            f"MISS {item.case.id} ({item.form}, {item.kind}, {item.slip}) line {item.case.line}: "
            + (", ".join(f"{f.code}@{f.line}" for f in findings()[item.case.id]) or "nothing")
        )
