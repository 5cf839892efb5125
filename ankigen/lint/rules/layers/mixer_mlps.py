"""An MLP-Mixer's token- or channel-mixing MLP counted along the wrong axis (AG104).

A Mixer block holds two MLPs of two layers each: the token-mixing MLP acts along the S patches
(tokens) of every channel, S -> D_S -> S, with 2·S·D_S weights and D_S + S biases; the
channel-mixing MLP acts along the C channels of every patch, C -> D_C -> C, with 2·C·D_C
weights and D_C + C biases. A note that states the sizes ("S = 196 patches", "C = 768
channels", "D_S = 384", "token-MLP width 384", in symbols or words) has every count on a line
that names one of the two MLPs alone ("token-mixing MLP", "token MLP", "channel-mixing")
checked against that MLP's count, with or without its biases, or a value on its way (one
layer of it). The usual slip: the token-mixing MLP counted on the channels (768·384 + 384 +
384·768 + 768), or the channel-mixing MLP on the patches. A sum of both on one line, and a
hypothetical ("if it acted on the channels it would need …"), are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.slip_claims import claims, note_lines, raw_body, value_of

_N = r"(\d{1,3}(?:,\d{3})+|\d+)"
_MIXER = lazy_regex(r"\bMixer\b|\b(?:token|channel)[- ]mixing\b", re.IGNORECASE)
_SIZES = {
    "S": (
        lazy_regex(rf"(?<![\w\\])S\s*=\s*\$?\s*{_N}"),
        lazy_regex(rf"(?<![\w.,]){_N}\s+(?:patches|tokens)\b", re.IGNORECASE),
    ),
    "C": (
        lazy_regex(rf"(?<![\w\\])C\s*=\s*\$?\s*{_N}"),
        lazy_regex(rf"(?<![\w.,]){_N}\s+(?:hidden\s+)?channels\b", re.IGNORECASE),
    ),
    "D_S": (
        lazy_regex(rf"\bD_\{{?S\}}?\s*=\s*\$?\s*{_N}"),
        lazy_regex(
            rf"\btoken[- ](?:mixing\s+)?MLP\s+(?:width|dim\w*|hidden\s+size)\s*[:=]?\s*{_N}", re.I
        ),
    ),
    "D_C": (
        lazy_regex(rf"\bD_\{{?C\}}?\s*=\s*\$?\s*{_N}"),
        lazy_regex(
            rf"\bchannel[- ](?:mixing\s+)?MLP\s+(?:width|dim\w*|hidden\s+size)\s*[:=]?\s*{_N}",
            re.I,
        ),
    ),
}
_TOKEN_LINE = lazy_regex(r"\btoken[-_ ](?:mixing[-_ ])?MLP\b|\btoken[-_ ]mixing\b", re.IGNORECASE)
_CHANNEL_LINE = lazy_regex(r"\bchannel[-_ ](?:mixing[-_ ])?MLP\b|\bchannel[-_ ]mixing\b", re.I)


def _size(name: str, body: str) -> int | None:
    for pattern in _SIZES[name]:
        values = {value_of(m.group(1)) for m in pattern.finditer(body)}
        if values:
            return values.pop() if len(values) == 1 else None
    return None


def mixer_mlp_findings(document: LintDocument) -> Iterator[Finding]:
    body = raw_body(document)
    if not _MIXER.search(body):
        return
    sizes = {name: _size(name, body) for name in _SIZES}
    mlps = {
        "token-mixing": (_TOKEN_LINE, sizes["S"], sizes["D_S"], "patches"),
        "channel-mixing": (_CHANNEL_LINE, sizes["C"], sizes["D_C"], "channels"),
    }
    question = document.text[slice(*document.question)] if document.question else ""
    asked = [name for name, (pattern, *_rest) in mlps.items() if pattern.search(question)]
    answer = document.question[1] if document.question else document.body_offset
    for line in note_lines(document):
        written = document.text[line.start : line.start + len(line.text)]
        named = [name for name, (pattern, *_rest) in mlps.items() if pattern.search(written)]
        if not named and line.start >= answer and len(asked) == 1:
            named = asked  # a line of the answer to a question about one of them
        if len(named) != 1:
            continue
        _pattern, axis, hidden, what = mlps[named[0]]
        if axis is None or hidden is None:
            continue
        weights, biases = 2 * axis * hidden, hidden + axis
        allowed = {weights, weights + biases, axis * hidden, axis * hidden + hidden}
        allowed |= {axis * hidden + axis}
        for claim in claims(line, minimum=max(axis, hidden) + 1):
            if claim.value in allowed:
                continue
            yield Finding(
                claim.start,
                claim.end,
                f"the {named[0]} MLP acts along the {axis:,} {what}: {axis:,} -> {hidden:,} -> "
                f"{axis:,}, 2·{axis:,}·{hidden:,} + {hidden:,} + {axis:,} = "
                f"{weights + biases:,} parameters, not {claim.value:,}: correct the count",
            )
