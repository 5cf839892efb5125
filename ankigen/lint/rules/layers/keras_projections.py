"""The four projections of one Keras ``MultiHeadAttention`` counted one by one (AG104).

``MultiHeadAttention(num_heads=h, key_dim=k)`` on query vectors of width d builds a query and a
key projection d → h·k, a value projection d → h·v (``value_dim`` v, k unless stated) and an
output projection h·v → d back to the query's width, each with a bias unless
``use_bias=False``: d·h·k + h·k, d·h·v + h·v and h·v·d + d parameters. A note that states one
such call and the query width ("on 64-dimensional token vectors", "query width 64", "d_model =
64", an input shape ending in 64) and labels a count with one projection ("- Output: …",
"| value projection | … |") has that count checked against its projection, with the biases on
or off, or the values a derivation states on its way (h·k, the weights alone). The usual slip:
the output projection given the heads' bias h·v instead of the query width's d, or the heads'
width instead of the model's.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern
from ankigen.lint.rules.layers.call_arguments import literal_value
from ankigen.lint.rules.layers.slip_claims import claims, note_lines, raw_body

_CALL = lazy_regex(r"\bMultiHeadAttention\((?P<args>[^()]*)\)")
_WIDTH = (
    lazy_regex(
        r"(?<![\w.,])(\d+)[- ]dim(?:ensional)?\s+(?:token\s+|input\s+|query\s+|embedding\s+)?"
        r"(?:vectors?|tokens?|inputs?|embeddings?|queries)\b",
        re.I,
    ),
    lazy_regex(
        r"\b(?:query|model|token|embedding)\s+(?:width|size|dim(?:ension)?)\s*(?:=|:|of|is)?\s*(\d+)\b",
        re.I,
    ),
    lazy_regex(r"\bd_?\{?\\?(?:text\{)?model\}?\}?\s*=\s*(\d+)"),
    lazy_regex(r"\bshape\s*=?\s*\(\s*(?:None|\d+)\s*,\s*(?:None|\d+)\s*,\s*(\d+)\s*\)"),
)
# another scenario or input the reading does not model: cross-attention on other widths
_OTHER_INPUTS = GatedPattern(
    r"cross[- ]attention|\bkey_shape\b|\bvalue_shape\b|\bencoder output", re.I
)
_LABEL = lazy_regex(
    r"^[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+|\|[ \t]*)?[*_`]*(?P<part>query|queries|key|keys|value|"
    r"values|output|out)\b(?:[ \t]+(?:projection|proj|dense|layer))?[*_`]*[ \t]*(?:[:|=]|\()",
    re.I,
)


# a line about the projection's output tensor, its cost or its memory, not its parameters
_NOT_A_COUNT = lazy_regex(
    r"\bshape|\btokens?\b|\bsequence|\blength|\bactivations?\b|\bFLOPs?\b|\bMACs?\b"
    r"|\bmemory\b|\bbytes\b|\bscores?\b|\belements\b|\bvalues\b|\bbatch",
    re.I,
)


def _call(body: str) -> tuple[int, int, int, bool] | None:
    """Heads, key_dim, value_dim and bias of the note's one Keras MultiHeadAttention call."""
    calls = {m.group("args") for m in _CALL.finditer(body)}
    if len(calls) != 1:
        return None
    try:
        call = ast.parse(f"f({' '.join(calls.pop().split())})", mode="eval")
    except SyntaxError:
        return None
    node = call.body
    if not isinstance(node, ast.Call):
        return None
    named = {kw.arg: literal_value(kw.value) for kw in node.keywords if kw.arg}
    positional = [literal_value(arg) for arg in node.args]
    heads = named.get("num_heads", positional[0] if positional else None)
    key = named.get("key_dim", positional[1] if len(positional) > 1 else None)
    value = named.get("value_dim", key)
    if "output_shape" in named or not all(type(v) is int for v in (heads, key, value)):
        return None
    assert isinstance(heads, int) and isinstance(key, int) and isinstance(value, int)
    return heads, key, value, named.get("use_bias", True) is not False


def _width(body: str) -> int | None:
    for pattern in _WIDTH:
        values = {int(m.group(1)) for m in pattern.finditer(body)}
        if values:
            return values.pop() if len(values) == 1 else None
    return None


def keras_projection_findings(document: LintDocument) -> Iterator[Finding]:
    body = raw_body(document)
    if _OTHER_INPUTS.search(body):
        return
    call = _call(body)
    d = _width(body)
    if call is None or d is None:
        return
    h, k, v, _bias = call
    by_part = {
        "query": (d * h * k, h * k),
        "key": (d * h * k, h * k),
        "value": (d * h * v, h * v),
        "output": (h * v * d, d),
    }
    for line in note_lines(document):
        label = _LABEL.match(line.text)
        if label is None or line.code or _NOT_A_COUNT.search(line.text, label.end()):
            continue
        part = label.group("part").lower().rstrip("s")
        part = "output" if part == "out" else part
        weights, biases = by_part[part]
        # the weights alone, or with the bias of one value per output the layer gives
        explained = {weights, weights + biases, h * k, h * v, d, h, k, v}
        for claim in claims(line, minimum=max(d, h * k, h * v) + 1):
            if claim.value in explained:
                continue
            shown = " or ".join(f"{value:,}" for value in sorted({weights, weights + biases}))
            yield Finding(
                claim.start,
                claim.end,
                f"the {part} projection of MultiHeadAttention(num_heads={h}, key_dim={k}) on "
                f"width-{d} queries maps {d if part != 'output' else h * v:,} → "
                f"{d if part == 'output' else (h * k if part != 'value' else h * v):,}: "
                f"{shown} parameters (its bias has one value per output, "
                f"{biases:,}), not {claim.value:,}: correct the count",
            )
