"""A transformer's two blocks for the parameter solver: multi-head attention and the
position-wise feed-forward block.

Multi-head attention (PyTorch's ``nn.MultiheadAttention``, the papers' MHA) holds four d x d
projections, query, key, value and output, each with a bias of d: 4·(d² + d), 4·d² without
biases. Its heads split the d features into d / h slices of the same matrices, so their number
changes nothing. A claim may count one projection (d² + d), or the three input ones together
(PyTorch's fused ``in_proj``: 3·(d² + d)). Variants with
other shapes (grouped-query or multi-query attention, Keras' ``key_dim``, separate key and value
widths) are not modelled: a note that names one is left alone.

The feed-forward block maps d -> d_ff -> d with two Linear layers, each with its bias:
2·d·d_ff + d_ff + d; a claim may count the expansion (d·d_ff + d_ff) or the contraction
(d_ff·d + d) alone. A gated block (GLU, SwiGLU, GEGLU) has a third d x d_ff matrix.
"""

from __future__ import annotations

import re

from ankigen.lint.lazy_pattern import lazy_regex

ATTENTION = lazy_regex(
    r"\b(?:multi-?head(?:ed)?[ \t]+|self-?)attention\b|\bMHA\b|\bMultiheadAttention\b", re.I
)
# An attention layer's projections ("the output projection"), no dense layer of their own.
PROJECTIONS = lazy_regex(
    r"(?:\b(?:query|key|value|output|in|out)[ _-])?\bproj(?:ection)?s?\b", re.I
)
# The words of an attention layer's parts, which name no other layer in an attention note.
ATTENTION_PARTS = lazy_regex(
    rf"{PROJECTIONS.pattern}|\battention\b|\boutput\b(?![ \t]+layer)", re.I
)
# The feed-forward block is a transformer's: elsewhere "feed-forward network" is any MLP.
TRANSFORMER_CONTEXT = lazy_regex(
    r"transformer|attention|\bd_model\b|\bd_ff\b|dim_feedforward|intermediate[ _]size"
    r"|\bBERT\b|\bGPT|\bViT\b|\b(?:encoder|decoder)[ \t]+(?:layer|block)|\bsub-?layer\b",
    re.I,
)
ATTENTION_VARIANT = lazy_regex(
    r"grouped[- ]query|\bGQA\b|\bMQA\b|multi-?query|\bKV[ _-]heads?\b|key_dim|kdim|vdim"
    r"|head_dim|\bd_k\b|\bd_head\b|\bkey[ _]size\b|num_key_value|cross-?attention|\bLoRA\b"
    r"|additive attention|Bahdanau|Luong|attention pooling|relative position",
    re.I,
)
FEED_FORWARD = lazy_regex(r"\bfeed-?forward\b|\bFFN\b|\bposition-?wise[ \t]+MLP\b", re.I)
_GATED = lazy_regex(r"\b(?:Swi|Ge|Re)?GLU\b|\bgated\b", re.I)


def is_gated(text: str) -> bool:
    """Whether a note speaks of a gated feed-forward block (a third matrix)."""
    return _GATED.search(text) is not None


def transformer_counts(
    kind: str, values: dict[str, int], both: tuple[bool, ...], gated: bool
) -> set[int]:
    """The counts of an attention or feed-forward block with the sizes of ``values``: of the
    block and of one of its parts, with biases and/or without (``both``)."""
    out: set[int] = set()
    if kind == "attention":
        d = values["d"]
        for bias in both:
            one = d * d + (d if bias else 0)
            out |= {4 * one, 3 * one, one}  # the layer, its input projections, one of them
        return out
    d, inner = values["in"], values["units"]
    if gated:
        both = (True, False)  # gated blocks (LLaMA's SwiGLU) are mostly bias-free
    for bias in both:
        up, down = d * inner + (inner if bias else 0), inner * d + (d if bias else 0)
        out |= {up + down, up, down}
        if gated:
            out |= {2 * up + down, up}
    return out
