"""Counts of one LSTM or GRU layer that no convention gives (AG104).

A note that describes one recurrent layer (``LSTM(256)`` on "300-d GloVe embeddings",
``nn.GRU(128, 64, bidirectional=True)``, ``nn.LSTM(input_size=128, hidden_size=256)``, a
``keras.Input((None, 300))`` before it) with its units h and input width x, and names no other
kind of layer, has every claimed count read against what the layer can have: g gate blocks
(4 for an LSTM, 3 for a GRU), each h·x + h·h weights and b·h biases, where b is 1 in Keras'
LSTM, 2 in PyTorch (``b_ih`` and ``b_hh``), 2 in a Keras GRU with ``reset_after=True`` (TF 2)
and 1 without; ``num_layers`` stacks layers on h (2·h bidirectional) inputs, and a
bidirectional layer counts twice. Every value a derivation may state on its way is explained
too: h·x, h·h, h·(x + h), one gate block with its biases, g times each, the biases, one layer,
one direction, the layers summed. A claimed count (a result after "=", a comment, a summary
row, "the module has N") that is none of these is a slip of the usual kinds: three gates for
an LSTM or four for a GRU, the recurrent kernel left out, one bias vector in a PyTorch note,
the first layer's input reused for the second layer of a stack. The framework is the one the
claim's line names, else the question's, else the note's; a note that names both allows both.

A step's value is no excuse when the words just before a count call it the whole layer's
("whole layer | 620", "total for the layer: 6,208" where that is one gate block). Another kind
of layer named only to compare ("a GRU is the LSTM's leaner cousin", "each gate is like a Dense
layer") is no layer of the note: only a call, or a sentence with a number, makes it one; a
batch-first input shape ``(None, 50, 32)`` gives the input width (the last axis), and
``use_bias=False`` leaves the weights only.

The sizes may be named before their values, as authors write them without a call: "word
vectors of dimension 300", "input size ($64$)", "embedding size = 200", "inputs of width 40",
"features per time step: 16", "hidden size ($512$)". "Keras convention" names no
convolution; the words of an earlier step of a chain ("116,992 per gate => x3 gates =>
350,976") do not make the chain's result a part.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern
from ankigen.lint.rules.layers.slip_claims import claims, note_lines, raw_body

_CALL = GatedPattern(r"(?P<torch>\bnn\.)?\b(?P<kind>LSTM|GRU)\((?P<args>[^()]*)\)")
_BIDIRECTIONAL = lazy_regex(
    r"Bidirectional\(\s*(?:layers\.)?(?:LSTM|GRU)\(|bidirectional\s*=\s*True"
)
_INPUT_WIDTH = (
    lazy_regex(r"\binput_size\s*=\s*(\d+)"),
    lazy_regex(r"\binput_dim\s*=\s*(\d+)"),
    lazy_regex(r"\bInput\(\s*(?:shape\s*=\s*)?\(\s*(?:None|\d+)\s*,\s*(\d+)\s*,?\s*\)"),
    # a batch-first sequence shape: (None, time steps, features), features last
    lazy_regex(r"\(\s*None\s*,\s*(?:None|\d+)\s*,\s*(\d+)\s*\)"),
    lazy_regex(
        r"(?<![\w.,])(\d+)[- ]?(?:d|dim|dims|dimensional)\b[^.\n]{0,25}?"
        r"\b(?:inputs?|embeddings?|vectors?|features?|word vectors?)\b",
        re.IGNORECASE,
    ),
    lazy_regex(r"\bon\s+(\d+)[- ](?:d|dim|dimensional)\b", re.IGNORECASE),
    lazy_regex(r"(?<![\w.,])(\d+)\s+(?:input\s+)?features\b", re.IGNORECASE),
    # the width named before its value: "word vectors of dimension 300", "input size ($64$)",
    # "embedding size = 200", "inputs of width 40", "features per time step: 16"
    lazy_regex(
        r"\b(?:vectors?|embeddings?|inputs?|features?|tokens?)\s+(?:of|with)\s+(?:a\s+)?"
        r"(?:dimension(?:ality)?|size|width|dim)\s*(?:of\s+)?[\s(:=$]*(\d+)\b",
        re.IGNORECASE,
    ),
    lazy_regex(
        r"\b(?:input|embedding|feature)\s*[_ ]?(?:size|dimension(?:ality)?|width|dim)\b"
        r"\s*(?:is\s+|of\s+)?[\s(:=$]*(\d+)\b",
        re.IGNORECASE,
    ),
    lazy_regex(
        r"\bfeatures?\s+per\s+(?:time\s*)?(?:step|frame|token)\s*[\s(:=$]*(\d+)\b",
        re.IGNORECASE,
    ),
)
# the units named before their value, in a note without a call: "hidden size ($512$)"
_UNITS_WORDS = (
    lazy_regex(
        r"\bhidden\s*[_ ]?(?:size|units|dim(?:ension)?|state\s+size)\b\s*(?:is\s+|of\s+)?"
        r"[\s(:=$]*(\d+)\b",
        re.IGNORECASE,
    ),
)
_NO_BIAS = lazy_regex(r"\b(?:use_)?bias\s*=\s*False\b")
_RESET_AFTER = lazy_regex(r"reset_after\s*=\s*(True|False)")
_TORCH = lazy_regex(r"\bnn\.(?:LSTM|GRU)\b|\btorch\b|\bPyTorch\b|\bb_ih\b|\bbias_ih", re.I)
_KERAS = lazy_regex(
    r"\bkeras\b|\bTensorFlow\b|\btf\.|\blayers\.(?:LSTM|GRU)\b|\(None,|"
    r"\b(?:Total|Trainable) params\b|\bParam\s*#",
    re.IGNORECASE,
)
# a stack of recurrent layers whose depth no num_layers gives
_UNKNOWN_STACK = lazy_regex(
    r"\bstack|\bsecond\b|\bpair\b|return_sequences|\btwo\s+(?:LSTM|GRU|recurrent|layers)",
    re.IGNORECASE,
)
_OTHER_LAYER = lazy_regex(
    # "conv2d", "convolutions", never "convention"
    r"\b(?:Dense|Linear|conv(?:olution(?:al|s)?|s|[123]?d\w*)?|nn\.Embedding|Embedding\(|"
    r"embedding layer|"
    r"attention|LayerNorm|BatchNorm\w*|batch norm\w*|dense layer|fully[- ]connected|"
    r"TimeDistributed|SimpleRNN|vocab\w*|head)\b",
    re.IGNORECASE,
)
# a count the line says is of something else than the whole layer
_PER_PART = lazy_regex(
    r"\W{0,3}(?:\w+\W+){0,2}(?:per|for each|for one)\s+"
    r"(?:gate|unit|cell|block|step|direction|layer)\b",
    re.IGNORECASE,
)
# a count its words call the whole layer's: it must be a total, not a step's value
# ("Step 3: total for the layer: 6,208" where 6,208 is one gate block)
_WHOLE_LAYER = lazy_regex(
    r"\b(?:total|in all|altogether|whole (?:layer|module)|for the (?:layer|module)|"
    r"the (?:layer|module) (?:has|holds))\b",
    re.IGNORECASE,
)
_A_PART = lazy_regex(
    r"\b(?:weights?|bias(?:es)?|kernels?|gates?|blocks?|directions?|first|second|"
    r"per|each|one|without|no)\b",
    re.IGNORECASE,
)
_NOT_THE_LAYER = lazy_regex(
    r"\b(?:per|each|one|single)\s+(?:gate|unit|cell|block|step|timestep|time step)\b|"
    r"\bfewer\b|\bmore\b|\bdifference\b|\bextra\b|\bsaves?\b",
    re.IGNORECASE,
)

# "116,992 per gate => x3 gates => 350,976": the words of an earlier step are not the claim's
_CLAUSE_BREAK = lazy_regex(
    r"=>|\N{RIGHTWARDS ARROW}|;|\b(?:so|hence|thus|therefore|giving|gives?)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class _Layer:
    kind: str
    units: int
    inputs: int
    layers: int
    directions: int


def _a_layer_of_the_note(body: str, mention: re.Match[str]) -> bool:
    """Whether a mention of another kind of layer may be a layer of the note: a call, or a
    sentence with a number in it; "an LSTM's leaner cousin" or "each gate is a Dense layer
    looking at [x, h]" only compares. A mention of another recurrent kind than the called one
    is read the same way."""
    if body[mention.end() : mention.end() + 1] == "(":
        return True
    start = max(body.rfind(". ", 0, mention.start()), body.rfind("\n", 0, mention.start())) + 1
    ends = [i for i in (body.find(". ", mention.end()), body.find("\n", mention.end())) if i >= 0]
    sentence = body[start : min(ends) if ends else len(body)]
    return bool(re.search(r"\d", sentence))


def _int_arg(args: list[str], keyword: str, position: int | None) -> int | None:
    for arg in args:
        name, sep, value = arg.partition("=")
        if sep and name.strip() == keyword and value.strip().isdigit():
            return int(value.strip())
    positional = [a.strip() for a in args if "=" not in a]
    if position is not None and position < len(positional) and positional[position].isdigit():
        return int(positional[position])
    return None


def _layer(body: str) -> tuple[_Layer, bool, bool] | None:
    """The one recurrent layer of the note, and whether PyTorch and Keras are named."""
    kinds = {call["kind"] for call in _CALL.finditer(body)} or set(
        re.findall(r"\b(LSTM|GRU|SimpleRNN|RNN)\b", body)
    )
    if len(kinds) != 1 or any(_a_layer_of_the_note(body, m) for m in _OTHER_LAYER.finditer(body)):
        return None
    units: set[int] = set()
    inputs: set[int] = set()
    layers: set[int] = set()
    for call in _CALL.finditer(body):
        args = [a for a in call["args"].split(",") if a.strip()]
        if call["torch"]:
            size = _int_arg(args, "hidden_size", 1)
            width = _int_arg(args, "input_size", 0)
            stack = _int_arg(args, "num_layers", 2)
        else:
            size = _int_arg(args, "units", 0)
            width = None
            stack = None
        if size is not None:
            units.add(size)
        if width is not None:
            inputs.add(width)
        if stack is not None:
            layers.add(stack)
    for pattern in _INPUT_WIDTH:
        inputs.update(int(m.group(1)) for m in pattern.finditer(body))
    for pattern in _UNITS_WORDS:
        units.update(int(m.group(1)) for m in pattern.finditer(body))
    inputs -= units if len(inputs) > 1 else set()
    if len(units) != 1 or len(inputs) != 1 or len(layers) > 1:
        return None
    if not layers and _UNKNOWN_STACK.search(body):
        return None
    kind = next(iter(kinds))
    directions = 2 if _BIDIRECTIONAL.search(body) else 1
    layer = _Layer(kind, units.pop(), inputs.pop(), layers.pop() if layers else 1, directions)
    return layer, bool(_TORCH.search(body)), bool(_KERAS.search(body))


def _bias_vectors(kind: str, torch: bool, keras: bool, body: str) -> set[int]:
    allowed: set[int] = set()
    if torch:
        allowed.add(2)
    if keras:
        if kind == "LSTM":
            allowed.add(1)
        else:
            stated = {m[1] for m in _RESET_AFTER.finditer(body)}
            allowed.update({2 if value == "True" else 1 for value in stated} or {2})
            # TF 1, or reset_after named without a value: either layout
            if not stated and re.search(r"\bTF\s*1|\btensorflow\s*1|reset_after", body, re.I):
                allowed.add(1)
    return allowed


def _explained(layer: _Layer, biases: set[int], parts: set[int]) -> tuple[set[int], set[int]]:
    """Every value a derivation of the layer may state, and the layer's totals."""
    gates = 4 if layer.kind == "LSTM" else 3
    h = layer.units
    widths = [layer.inputs] + [h * layer.directions] * (layer.layers - 1)
    values = {h, layer.inputs, gates, layer.layers, layer.directions}
    totals: set[int] = set()
    for b in biases:
        running = 0
        for width in widths:
            block = h * width + h * h + b * h
            one = gates * block
            running += one * layer.directions
            values |= {block, one, one * layer.directions, running}
        totals.add(running)
        values.add(running)
    for width in {*widths, layer.inputs}:
        values |= {h * width, h * h, h * (width + h), width + h}
        values |= {gates * h * width, gates * h * h, gates * h * (width + h)}
    for b in parts:  # bias sizes of either framework are parts, never totals
        values |= {b * h, gates * b * h, gates * h * b * layer.directions}
        values |= {h * layer.inputs + h * h + b * h}
    return values, totals


def recurrent_slip_findings(document: LintDocument) -> Iterator[Finding]:
    body = raw_body(document)
    found = _layer(body)
    if found is None:
        return
    layer, torch, keras = found
    question = document.text[slice(*document.question)] if document.question else ""
    note_framework = (torch, keras) if torch or keras else (True, True)
    q_torch, q_keras = bool(_TORCH.search(question)), bool(_KERAS.search(question))
    if q_torch != q_keras:
        note_framework = (q_torch, q_keras)
    minimum = min(layer.units * layer.inputs, layer.units * layer.units)
    for line in note_lines(document):
        for claim in claims(line, minimum=minimum):
            sentence = _sentence(claim.before, claim.after)
            line_torch, line_keras = bool(_TORCH.search(sentence)), bool(_KERAS.search(sentence))
            framework = (line_torch, line_keras) if line_torch != line_keras else note_framework
            biases = _bias_vectors(layer.kind, *framework, body)
            if biases and _NO_BIAS.search(body):
                biases = {0}  # "use_bias=False": weights only
            values, totals = _explained(layer, biases, {1, 2})
            if not biases or claim.value in totals:
                continue
            if claim.value in values and not _claims_whole_layer(claim.before, sentence):
                continue
            clause = _CLAUSE_BREAK.split(claim.before[-60:])[-1]
            if _NOT_THE_LAYER.search(clause) or _PER_PART.match(claim.after):
                continue
            lead = _SENTENCE_END.split(claim.before)[-1]
            if any(kind != layer.kind for kind in _RECURRENT_KIND.findall(lead)):
                continue  # "An LSTM of the same width has 2,480": the other kind's count
            yield Finding(
                claim.start,
                claim.end,
                f"{_describe(layer, framework)} has "
                f"{' or '.join(f'{t:,}' for t in sorted(totals))} parameters "
                f"({4 if layer.kind == 'LSTM' else 3} gate blocks of h·x + h·h weights and "
                f"their biases), and "
                + (
                    f"{claim.value:,} is only a step of counting them, not the whole layer's: "
                    if claim.value in values
                    else f"no step of counting them gives {claim.value:,}: "
                )
                + "correct the count",
            )


def _claims_whole_layer(before: str, sentence: str) -> bool:
    """Whether the words just before a count call it the whole layer's count, in a sentence
    that names no part of the layer."""
    return bool(_WHOLE_LAYER.search(before[-40:])) and not _A_PART.search(sentence)


_SENTENCE_END = lazy_regex(r"[.!?](?:\s|$)")
_RECURRENT_KIND = lazy_regex(r"\b(LSTM|GRU|SimpleRNN|RNN)\b")


def _sentence(before: str, after: str) -> str:
    """The sentence of a claim within its line."""
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    following = _SENTENCE_END.search(after)
    return before[ends[-1] if ends else 0 :] + after[: following.start() if following else None]


def _describe(layer: _Layer, framework: tuple[bool, bool]) -> str:
    names = {(True, False): "PyTorch ", (False, True): "Keras "}.get(framework, "")
    stack = f", {layer.layers} layers" if layer.layers > 1 else ""
    both = ", bidirectional" if layer.directions == 2 else ""
    return (
        f"the {names}{layer.kind} with {layer.units:,} units on {layer.inputs:,} inputs"
        f"{stack}{both}"
    )
