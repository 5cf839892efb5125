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

Three projections' worth is a count a derivation may state (the input projections only), but
not where the claim counts all four: its own line lists the output projection beside Q, K
and V ("Q, K, V and output projection: 3 x 4,160"), or it is the note's total and a line of
the note says the four are counted ("Q, K, V and output projections are each …").
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


# The four projections named together: "Q, K, V and output projection", "query, key, value
# and output", "W_Q, W_K, W_V, W_O".
_FOUR_PROJECTIONS = lazy_regex(
    r"\b(?:W_?)?(?:Q|quer(?:y|ies))\s*,\s*(?:W_?)?(?:K|keys?)\s*,\s*(?:and\s+)?(?:W_?)?"
    r"(?:V|values?)\s*(?:,\s*)?(?:and|\+|&|,)\s*(?:the\s+)?(?:W_?O\b|O\b|out(?:put)?\b)",
    re.IGNORECASE,
)
_TOTAL = lazy_regex(r"\btotal\b|\ball\s+(?:four|4)\b", re.IGNORECASE)
# A line that counts a part on purpose: "the input projections only", "without W_O".
_A_PART = lazy_regex(
    r"\binput\s+projections?|\bin_proj|\bwithout\b|\bexclud|\bexcept\b|\bonly\b", re.I
)


def _counts_four(line: str, four_in_note: bool) -> bool:
    """Whether a claim on this line counts all four projections."""
    if _A_PART.search(line):
        return False
    return _FOUR_PROJECTIONS.search(line) is not None or (
        four_in_note and _TOTAL.search(line) is not None
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
    three = {3 * d * d, 3 * (d * d + d)}
    four_in_note = _FOUR_PROJECTIONS.search(body) is not None
    for line in note_lines(document):
        for claim in claims(line, minimum=d + 1):
            if claim.value in three and _counts_four(line.text, four_in_note):
                yield Finding(
                    claim.start,
                    claim.end,
                    f"the count takes in the output projection beside Q, K and V: four "
                    f"{d:,} x {d:,} projections, {4 * d * d + 4 * d:,} parameters with biases "
                    f"({4 * d * d:,} without), not the three of {claim.value:,}: correct the count",
                )
                continue
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
