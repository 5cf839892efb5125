"""Counts of one multi-head attention layer that no convention gives (AG104).

Multi-head attention over a model width d has four d x d projections (queries, keys, values,
output), 4·d² weights and 4·d biases, whatever the number of heads h: the heads split each
projection into h slices of d/h columns, they do not each get a full-size copy. A note that
describes one attention layer (``nn.MultiheadAttention(embed_dim=512, num_heads=8)``,
"d_model = 512, 8 heads") and no other block (no feed-forward, normalisation or embedding)
has every claimed count read against the values a derivation may state: d², d² + d, the
three input projections, all four (biases on or off), and a head's d·d/h slices. A count
that is none of these, such as h x (4·d² + 4·d) from giving every head its own full
projections, is reported. Keras' ``MultiHeadAttention`` with a ``key_dim`` other than d/h is
left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.slip_claims import claims, note_lines, raw_body

_ATTENTION = lazy_regex(r"\battention\b|MultiheadAttention|MultiHeadAttention", re.IGNORECASE)
_WIDTH = (
    lazy_regex(r"\bembed_dim\s*=\s*(\d+)"),
    lazy_regex(r"d_\{?\\?(?:text\{)?model\}?\}?\s*=\s*(\d+)"),
    lazy_regex(r"\bd_model\s+(?:of\s+)?(\d+)\b"),
    lazy_regex(r"MultiheadAttention\(\s*(\d+)"),
)
_HEADS = (
    lazy_regex(r"\bnum_heads\s*=\s*(\d+)"),
    lazy_regex(r"(?<![\w.,])(\d+)\s+(?:attention\s+)?heads\b", re.IGNORECASE),
    lazy_regex(r"MultiheadAttention\(\s*\d+\s*,\s*(\d+)"),
)
_OTHER_BLOCKS = lazy_regex(
    r"feed-?forward|\bFFN\b|\bMLP\b|d_ff|\bLayerNorm|layer[- ]norm|\bembedding|\bvocab|"
    r"\bencoder layer|\bdecoder|\bblocks\b|\blayers\b|\bkey_dim\b|\bkdim\b|\bvdim\b|"
    r"\bcross-attention|\bLoRA\b|\bGQA\b|grouped[- ]query|multi-query|\bkv_heads\b",
    re.IGNORECASE,
)


def _one(patterns: tuple[object, ...], text: str) -> int | None:
    values = {int(m.group(1)) for p in patterns for m in p.finditer(text)}  # type: ignore[attr-defined]
    return values.pop() if len(values) == 1 else None


def attention_slip_findings(document: LintDocument) -> Iterator[Finding]:
    body = raw_body(document)
    if not _ATTENTION.search(body) or _OTHER_BLOCKS.search(body):
        return
    d, h = _one(_WIDTH, body), _one(_HEADS, body)
    if d is None or h is None or h < 2 or d % h:
        return
    head = d // h
    explained = {d, h, head, 2 * d, 3 * d, 4 * d, d * head, d * head + head}
    for projections in (1, 2, 3, 4):
        explained |= {projections * d * d, projections * (d * d + d)}
        explained |= {projections * d * head, projections * (d * head + head)}
    for line in note_lines(document):
        for claim in claims(line, minimum=d + 1):
            if claim.value in explained:
                continue
            yield Finding(
                claim.start,
                claim.end,
                f"multi-head attention over d = {d:,} has 4·d² + 4·d = {4 * d * d + 4 * d:,} "
                f"parameters ({4 * d * d:,} without biases) whatever the number of heads: "
                f"the {h} heads split each projection into slices of d/h = {head} columns; "
                f"no step of counting them gives {claim.value:,}: correct the count",
            )
