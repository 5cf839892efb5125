"""Parameter counts of a transformer block's parts (issue #12): the attention projections
under grouped-query attention and the feed-forward network with a gated unit.

    attention: d * (h * k) for Q, 2 * d * (g * k) for K and V, (h * k) * d for the output
    feed-forward: 2 * d * f, or 3 * d * f with a gate (SwiGLU, GeGLU, ``gate_proj``)

for a model width d, h query heads and g key-value heads of width k (g = h without GQA), an
inner width f; a bias adds each projection's outputs. The sizes are read from labelled values
in any notation ("d = 4096", "d_model 4096", "32 Q heads", "8 KV heads", "head dim 128",
"intermediate_size=11008"); the part from the claim's line or, for a bare chain, the heading.
A claim no convention gives (with and without biases unless the note says "no bias") is a
warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.diagnostics import Severity
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker.setups import last_number, number_of
from ankigen.lint.linker.walk_notations import body_lines

_V = r"[=:]?\s*`?(?P<v>\d[\d,_]*)\b"
_WIDTH = lazy_regex(rf"\b(?:d_model|hidden_size|embed_dim|d|model width)\s*{_V}", re.I)
_INNER = lazy_regex(
    rf"\b(?:d_ff|d_ffn|ffn_dim|intermediate_size|inner dim\w*|hidden_dim|ffn dim\w*)\s*{_V}",
    re.I,
)
_HEADS = lazy_regex(
    r"\b(?:n_heads|num_heads|num_attention_heads)\s*[=:]?\s*(?P<a>\d+)"
    r"|\b(?P<b>\d+)\s+(?:Q|query|attention)\s+heads\b",
    re.I,
)
_KV_HEADS = lazy_regex(
    r"\b(?:n_kv_heads|num_key_value_heads)\s*[=:]?\s*(?P<a>\d+)|\b(?P<b>\d+)\s+(?:KV|key-value)"
    r"\s+heads\b",
    re.I,
)
_HEAD_DIM = lazy_regex(r"\bhead[_ ]dim\w*\s*[=:]?\s*(?P<v>\d+)", re.I)
_NO_BIAS = lazy_regex(r"\bno bias|\bbias\s*=\s*False|\bwithout bias", re.I)
_GATED = lazy_regex(r"SwiGLU|GeGLU|ReGLU|gate_proj|gated", re.I)
_ATTENTION = lazy_regex(r"\battention\b|\battn\b|\bq_proj\b", re.I)
_FFN = lazy_regex(r"\bMLP\b|\bFFN\b|feed-?forward", re.I)
_PARAMS = lazy_regex(r"\bparam\w*|\btotal\b", re.I)
# several blocks or layers, a part of a projection, a cache: other counts
_OTHER = lazy_regex(
    r"\bKV cache\b.*\d|\bper head\b|\blayers\b.*[=\u00d7x]\s*\d|\bLoRA\b|\bbytes?\b|\bGB\b",
    re.I,
)


def block_count_findings(document: LintDocument, reported: set[int]) -> Iterator[Finding]:
    lines = body_lines(document, code=True)
    if not lines:
        return
    text = "\n".join(written for _, _, written in lines)
    width = _one(_WIDTH, text)
    if width is None or _OTHER.search(text):
        return
    heading = lines[0][2]
    biases = (False,) if _NO_BIAS.search(text) else (False, True)
    for line, offset, written in lines:
        if line in reported or not _PARAMS.search(written) or written.rstrip().endswith("?"):
            continue  # (a heading that asks states no count)
        part_of = written if (_ATTENTION.search(written) or _FFN.search(written)) else heading
        counts = _counts(part_of, text, width, biases)
        if counts is None:
            continue
        claim = _claimed(written)
        if claim is None or claim[0] in counts or claim[0] <= _largest_size(text):
            continue
        value, (start, end) = claim
        reported.add(line)
        shown = " or ".join(f"{count:,}" for count in sorted(counts)[:2])
        yield Finding(
            offset + start,
            offset + end,
            f"the block's stated sizes give {shown} parameters for this part, not {value:,}: "
            "count every projection (a gated feed-forward has three, grouped-query attention "
            "projects keys and values to the key-value heads only)",
            severity=Severity.WARNING,
        )


def _counts(part_of: str, text: str, width: int, biases: tuple[bool, ...]) -> set[int] | None:
    attention, ffn = bool(_ATTENTION.search(part_of)), bool(_FFN.search(part_of))
    if attention == ffn:
        return None  # neither part, or the whole block
    if ffn:
        inner = _one(_INNER, text)
        if inner is None:
            return None
        matrices = 3 if _GATED.search(text) else 2
        # a gated unit's bias: the gate and the up projection's f each, the down's d
        return {
            matrices * width * inner + ((matrices - 1) * inner + width if bias else 0)
            for bias in biases
        }
    heads, kv_heads = _one(_HEADS, text), _one(_KV_HEADS, text)
    head_dim = _one(_HEAD_DIM, text) or (width // heads if heads else None)
    if heads is None or head_dim is None:
        return None
    kv = kv_heads or heads
    q, k = heads * head_dim, kv * head_dim
    weights = 2 * width * q + 2 * width * k
    return {weights + ((q + 2 * k + width) if bias else 0) for bias in biases}


def _largest_size(text: str) -> int:
    """The largest size the note states (a count is larger than every one of them)."""
    sizes = [_one(pattern, text) or 0 for pattern in (_WIDTH, _INNER, _HEADS, _KV_HEADS, _HEAD_DIM)]
    return max(sizes)


def _one(pattern: re.Pattern[str], text: str) -> int | None:
    values = set()
    for match in pattern.finditer(text):
        raw = next((v for v in match.groupdict().values() if v), None)
        value = number_of(raw) if raw else None
        if value is not None:
            values.add(value)
    return values.pop() if len(values) == 1 else None


def _claimed(written: str) -> tuple[int, tuple[int, int]] | None:
    """The count a line states: after its last "=" or ":", or before "params"."""
    before = re.search(r"(?P<n>\d[\d,_]*\d)\s*(?:trainable\s+)?param", written)
    if before is not None:
        value = number_of(before["n"])
        if value is not None:
            return value, before.span("n")
    link = max((m.end() for m in re.finditer(r"[=:]", written)), default=-1)
    if link < 0:
        return None
    first = re.search(r"\d[\d,_]*(?:\.\d+)?[kKMB]?", written[link:])
    found = last_number(first[0]) if first else None
    if first is None or found is None:
        return None
    found = (found[0], (first.start() + found[1][0], first.start() + found[1][1]))
    value, (start, end) = found
    return value, (link + start, link + end)
