"""A count restated in rounded form at the wrong magnitude, and an embedding's count (AG104).

Rounded restatements. A line that works a count out exactly ("30,522 x 768 = 23,440,896")
and restates it rounded in the same sentence ("so about 2.3M parameters", "i.e. ~23k")
claims the two are the same number. A rounded value that is not within a factor of two of
the exact one (a decimal point or a unit off: 2.3M for 23.4M) is reported.

Embedding tables. A note that states one vocabulary size V (``vocab_size``, "a vocabulary of
N tokens") and one model width d (``d_model``, ``hidden_size``, ``embedding_dim``) has V·d
parameters in its token embedding; a count on a line about that embedding (not about
positions or segments) must be V·d, or two or three times it for untied input and output
tables. The usual slip: a rounded vocabulary (32,000 for T5's 32,128).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.slip_claims import claims, note_lines, raw_body, value_of

_EXACT_THEN_ROUNDED = lazy_regex(
    r"=\s*\**\s*(?P<exact>\d{1,3}(?:,\d{3})+)\**\s*[,;]?\s*(?:so|i\.e\.|that is|or)?\s*"
    r"(?:about|roughly|around|approximately|~|\N{ALMOST EQUAL TO}|\\approx)\s*"
    r"(?P<rounded>\d+(?:\.\d+)?)\s*(?P<unit>[kKMB]\b|million\b|billion\b|thousand\b)",
)
_UNITS = {"k": 1e3, "K": 1e3, "thousand": 1e3, "M": 1e6, "million": 1e6, "B": 1e9}
_UNITS["billion"] = 1e9
_VOCAB = (
    lazy_regex(r"\bvocab(?:ulary)?_size\W{0,3}\s*[:=]\s*(\d+)"),
    lazy_regex(r"\bvocabulary\s+(?:of\s+)?(\d{1,3}(?:,\d{3})+|\d+)(?:\s+tokens)?\b", re.I),
    lazy_regex(r"\bnum_embeddings\s*=\s*(\d+)"),
)
_WIDTH = (
    lazy_regex(r"\bd_model\W{0,3}\s*[:=]\s*(\d+)"),
    lazy_regex(r"\bhidden_size\W{0,3}\s*[:=]\s*(\d+)"),
    lazy_regex(r"\bembedding_dim\W{0,3}\s*[:=]\s*(\d+)"),
    lazy_regex(r"\bn_embd\W{0,3}\s*[:=]\s*(\d+)"),
)
_EMBEDDING_LINE = lazy_regex(r"\bembedding", re.IGNORECASE)
_OTHER_TABLE = lazy_regex(
    r"\bposition|\bsegment|token[ _]type|\bpatch|\bLayerNorm|\bnorm\b|\brelative|\bbias",
    re.IGNORECASE,
)


def _rounded_findings(document: LintDocument) -> Iterator[Finding]:
    for line in note_lines(document):
        if not re.search(r"param|weight", line.text, re.IGNORECASE):
            continue
        for match in _EXACT_THEN_ROUNDED.finditer(line.text):
            exact = value_of(match["exact"])
            rounded = float(match["rounded"]) * _UNITS[match["unit"]]
            if exact and 0.5 <= rounded / exact <= 2:
                continue
            yield Finding(
                line.start + match.start("rounded"),
                line.start + match.end("unit"),
                f"{exact:,} rounds to about {_short(exact)}, not "
                f"{match['rounded']}{match['unit']}: correct the rounded count",
            )


def _short(value: int) -> str:
    for unit, size in (("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if value >= size:
            return f"{value / size:.1f}{unit}"
    return str(value)


def _one(patterns: tuple[object, ...], text: str) -> int | None:
    values = {value_of(m.group(1)) for p in patterns for m in p.finditer(text)}  # type: ignore[attr-defined]
    return values.pop() if len(values) == 1 else None


def _embedding_findings(document: LintDocument) -> Iterator[Finding]:
    body = raw_body(document)
    vocab, width = _one(_VOCAB, body), _one(_WIDTH, body)
    if vocab is None or width is None:
        return
    table = vocab * width
    allowed = {table, 2 * table, 3 * table, vocab, width}
    question = document.text[slice(*document.question)] if document.question else ""
    counted = re.search(r"param|weight", question, re.IGNORECASE)
    for line in note_lines(document):
        if not _EMBEDDING_LINE.search(line.text) or _OTHER_TABLE.search(line.text):
            continue
        if not (counted or re.search(r"param|weight", line.text, re.IGNORECASE)):
            continue
        for claim in claims(line, minimum=width + 1):
            if claim.value in allowed:
                continue
            yield Finding(
                claim.start,
                claim.end,
                f"a token embedding of {vocab:,} tokens by {width:,} dimensions has "
                f"{vocab:,} x {width:,} = {table:,} parameters, not {claim.value:,}: correct "
                "the count",
            )


def rounded_count_findings(document: LintDocument) -> Iterator[Finding]:
    yield from _rounded_findings(document)
    yield from _embedding_findings(document)
