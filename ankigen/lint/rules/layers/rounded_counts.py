"""A count restated in rounded form at the wrong magnitude, and an embedding's count (AG104).

Rounded restatements. A line that states a count exactly ("30,522 x 768 = 23,440,896",
"$37{,}752{,}832$", a cloze answer) and restates it rounded beside it claims the two are the
same number, whatever the wording between them: "so about 2.3M parameters", "i.e. ~23k",
"(≈ 1.3M)", "=> ~1.5M", "— some 7.9 million", or the rounded value first with the exact one
in brackets ("about 10.3M weights (102,760,448 exactly)"). Only words that restate may stand
between them (the count's name, "i.e.", "so", arrows, brackets, hedges): an operator, "per",
"of" or a sentence end makes the rounded value another quantity (a total over blocks, the
whole network), and so does a unit of something else after it (FLOPs, bytes, tokens); a
term of a calculation ("4,096 x 4,096 + 4,096 ≈ 16.8M") is not the count restated. A
rounded value that is not within a factor of two of the exact one (a decimal point or a unit
off: 2.3M for 23.4M) is reported.

Embedding tables. A note that states one vocabulary size V (``vocab_size``, "a vocabulary of
N tokens") and one model width d (``d_model``, ``hidden_size``, ``embedding_dim``) has V·d
parameters in its token embedding; a count on a line about that embedding (not about
positions or segments) must be V·d, or two or three times it for untied input and output
tables. The usual slip: a rounded vocabulary (32,000 for T5's 32,128).

Position and segment tables. A learned position table has one row per position
(``max_position_embeddings``, ``n_positions``, ``n_ctx``, ``block_size``, ``max_len``, "a
context length of N") and a segment table one per type (``type_vocab_size``), each of the
model width; a count on a line that names one such table alone (``position_embeddings``,
``wpe``, "learned position embeddings", ``self.pos = nn.Embedding(...)``, ``token_type``), in
a table row, list item, code comment or cloze, must be rows x width. The usual slip: the
width taken for the rows (768 x 768). A line that names several tables, a sum, or a
sinusoidal or rotary encoding is left alone.

A vision transformer's position table. A note that cuts an image into patches and adds a
[CLS] token to them ("196 patches + 1 [CLS] = 197", "14·14 + 1 = 197 tokens") has a learned
position table of one row per token, the [CLS] token's included: a count on a line that names
the position table alone and multiplies the patches alone by a width ("196 x 768 = 150,528")
leaves out the [CLS] row. A note that keeps the class token out of the table
(``no_embed_class``, "patches only") or adds a distillation token is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.slip_claims import claims, note_lines, raw_body, value_of

_EXACT = lazy_regex(
    r"(?<![\w.,{}\\])(?P<exact>\d{1,3}(?:(?:,|\{,\}|\\,)\d{3})+|\d{5,})(?![\w%]|[.,]\d|\{,\}\d)"
)
# a rounded value with its unit: "11.8M", "$\approx 0.2$ M", "13k", "7.9 million"
_ROUNDED = lazy_regex(
    r"(?<![\w.,])(?P<rounded>\d+(?:\.\d+)?)\s*\$?\s*(?:\\,|\\;)?\s*"
    r"(?:\\(?:text|mathrm)\{)?(?P<unit>[kKMB]|million|billion|thousand)\b"
)
# what may stand between a count and its rounded restatement: words naming the count,
# "i.e.", "so", arrows, brackets, hedges; never an operator, "per", "of" or a sentence end
_RESTATES = lazy_regex(
    r"[\s$*()\[\],:=\N{EM DASH}\N{EN DASH}\N{RIGHTWARDS ARROW}>~\N{ALMOST EQUAL TO}-]*"
    r"(?:(?:params|parameters|weights|trainable|in\s+total|total|so|i\.e\.|that\s+is|"
    r"or|which\s+is|\\approx|about|roughly|around|approximately|some|nearly|almost|ca\.|"
    r"exactly|precisely|to\s+be\s+exact)"
    r"[\s$*()\[\],:=\N{EM DASH}\N{EN DASH}\N{RIGHTWARDS ARROW}>~\N{ALMOST EQUAL TO}-]*)*"
)
_OPERAND = lazy_regex(
    r"(?:[+\-*/^\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DOT OPERATOR}\N{MINUS SIGN}]|"
    r"\\times|\\cdot|\d\s*x)\s*\$?\s*$"
)
_OPERAND_AFTER = lazy_regex(
    r"^\s*\$?\s*(?:[+*/^\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DOT OPERATOR}\N{MINUS SIGN}]|"
    r"\\times|\\cdot|-\s*\d|x\s*\d)"
)
# a rounded value of another quantity than the count
_OTHER_UNIT = lazy_regex(
    r"^\s*\$?\s*(?:\w+[- ])?(?:FLOP|MAC|multipl|mult-adds|ops\b|operations|bytes|"
    r"activations|tokens|samples|images|steps)",
    re.IGNORECASE,
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
    question = document.text[slice(*document.question)] if document.question else ""
    counted = re.search(r"param|weight", question, re.IGNORECASE)
    for line in note_lines(document):
        if not (counted or re.search(r"param|weight", line.text, re.IGNORECASE)):
            continue
        exacts = list(_EXACT.finditer(line.text))
        for match in _ROUNDED.finditer(line.text):
            if _OTHER_UNIT.match(line.text[match.end() :]):
                continue
            restated = _restated(line.text, match, exacts)
            rounded = float(match["rounded"]) * _UNITS[match["unit"]]
            # a rounded value between two counts may restate either ("3,072 → ≈ 7.1M
            # (7,087,872)": a sum after its last part): one that fits is enough
            # and one after a list of parts may be their sum ("…; LayerNorms 3,072 → ≈ 7.1M")
            parts = sum(value_of(m["exact"]) for m in exacts if m.end() <= match.start())
            if not restated or any(0.5 <= rounded / n <= 2 for n in [*restated, parts] if n):
                continue
            exact = restated[0]
            yield Finding(
                line.start + match.start("rounded"),
                line.start + match.end("unit"),
                f"{exact:,} rounds to about {_short(exact)}, not "
                f"{match['rounded']}{' ' * (len(match['unit']) > 1)}{match['unit']}: correct the "
                "rounded count",
            )


def _restated(text: str, rounded: re.Match[str], exacts: list[re.Match[str]]) -> list[int]:
    """The exact counts the rounded value may restate: the nearest one before it and the
    nearest one after it, each with nothing but restating words between them."""
    found = []
    # a term of a calculation ("25,088 x 4,096 + 4,096 ≈ 10.3M") restates nothing: the
    # rounded value is the whole expression's
    exacts = [m for m in exacts if not _OPERAND.search(text[: m.start()])]
    exacts = [m for m in exacts if not _OPERAND_AFTER.match(text[m.end() :])]
    before = [m for m in exacts if m.end() <= rounded.start()]
    if before and _RESTATES.fullmatch(text[before[-1].end() : rounded.start()]):
        found.append(value_of(before[-1]["exact"]))
    after = [m for m in exacts if m.start() >= rounded.end()]
    if after and _RESTATES.fullmatch(text[rounded.end() : after[0].start()]):
        found.append(value_of(after[0]["exact"]))
    return [value for value in found if value]


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


# the rows of the other learned tables: one per position, one per segment type
_ROWS = {
    "position": (
        lazy_regex(r"\bmax_position_embeddings\W{0,3}\s*[:=]\s*(\d+)"),
        lazy_regex(r"\b(?:n_positions|n_ctx|block_size|max_seq_len\w*)\W{0,3}\s*[:=]\s*(\d+)"),
        lazy_regex(r"\bcontext\s+(?:length|window|size)\s+(?:of\s+)?(\d+)\b", re.IGNORECASE),
        lazy_regex(r"\bmax_len\w*\s*(?:=|:)\s*(\d+)\b"),
        # "max_len, d_model = 128, 256": the first of a tuple assignment
        lazy_regex(r"\bmax_len\w*\s*,\s*\w+\s*=\s*(\d+)\s*,"),
    ),
    "segment": (lazy_regex(r"\btype_vocab_size\W{0,3}\s*[:=]\s*(\d+)"),),
}
_TUPLE_WIDTH = lazy_regex(r"\b\w+\s*,\s*d_model\s*=\s*\d+\s*,\s*(\d+)")
_TABLE_NAMES = {
    "position": lazy_regex(
        r"\bposition(?:al)?[ _](?:embedding|table|emb)\w*|\bwpe\b|\bpos(?:_\w+)?\s*=\s*"
        r"(?:nn\.)?Embedding|\bposition\s*\|",
        re.IGNORECASE,
    ),
    "segment": lazy_regex(r"\btoken[_ ]type\w*|\bsegment[_ ]?(?:embedding|table)\w*", re.I),
}
_OTHER_TABLES = lazy_regex(
    r"\bword\b|\bvocab\w*|\btoken(?![_ ]type)\w*\b(?!\s*\|)|\+|\bsinusoid\w*|\bsum\b|"
    r"\btotal\b|\brelative\b|\brotary\b",
    re.IGNORECASE,
)


def _table_findings(document: LintDocument) -> Iterator[Finding]:
    """A learned position or segment table counted with other rows than its positions or
    segment types."""
    body = raw_body(document)
    # (the tuple form is only tried on a note that writes ``d_model``, which its every match
    # holds: the pattern starts with a word and so is tried at every word of the note)
    tuple_width = _one((_TUPLE_WIDTH,), body) if "d_model" in body else None
    width = tuple_width or _one(_WIDTH, body)
    if width is None:
        return
    for kind, sources in _ROWS.items():
        rows = _one(sources, body)
        if rows is None:
            continue
        table = rows * width
        for line in note_lines(document):
            written = document.text[line.start : line.start + len(line.text)]
            names = [k for k, name in _TABLE_NAMES.items() if name.search(written)]
            if names != [kind] or _OTHER_TABLES.search(line.text):
                continue
            for claim in claims(line, minimum=max(width, rows) + 1):
                if claim.value == table:
                    continue
                yield Finding(
                    claim.start,
                    claim.end,
                    f"a learned {kind} table has one row per {kind} ({rows:,}) of {width:,} "
                    f"values: {rows:,} x {width:,} = {table:,} parameters, not "
                    f"{claim.value:,}: correct the count",
                )


_CLS = lazy_regex(r"\bCLS\b|\bclass[ _]token\b", re.IGNORECASE)
_CLS_KEPT_OUT = lazy_regex(
    r"no_embed_class|\bpatch(?:es)?\s+only\b|\b(?:without|excluding|except)\s+(?:the\s+)?"
    r"\[?CLS|\bdistil",
    re.IGNORECASE,
)
_NUMBER_TEXT = r"\d{1,3}(?:(?:,|\{,\}|\\,)\d{3})+|\d+"
_TIMES_TEXT = r"(?:\\times|\\cdot|\N{MULTIPLICATION SIGN}|\N{MIDDLE DOT}|\N{DOT OPERATOR}|\*|x)"
# "196 patches + 1 [CLS] = 197": the tokens, the [CLS] token's included
_TOKENS_WITH_CLS = lazy_regex(
    rf"(?<![\w.,])(?P<n>{_NUMBER_TEXT})\s*\$?(?:\s*(?:patch\w*|tokens?)){{0,2}}\s*\+\s*\$?\s*1\b"
    rf"[^=\n]{{0,30}}=\s*\$?\s*(?P<t>{_NUMBER_TEXT})\b",
    re.IGNORECASE,
)
_ROWS_BY_WIDTH = lazy_regex(
    rf"(?<![\w.,])(?P<rows>{_NUMBER_TEXT})\s*{_TIMES_TEXT}\s*(?P<width>{_NUMBER_TEXT})\s*=",
)


def _patch_table_findings(document: LintDocument) -> Iterator[Finding]:
    """A ViT's learned position table counted over the patches without the [CLS] row."""
    body = raw_body(document)
    if not (_CLS.search(body) and re.search(r"\bpatch", body, re.I)) or _CLS_KEPT_OUT.search(body):
        return
    patches: set[int] = set()
    for line in note_lines(document):
        if _CLS.search(line.text):
            for match in _TOKENS_WITH_CLS.finditer(line.text):
                n, t = value_of(match["n"]), value_of(match["t"])
                if t == n + 1:
                    patches.add(n)
    if len(patches) != 1:
        return
    (n,) = patches
    previous = ""
    for line in note_lines(document):
        # a sentence wrapped after its label: the table is named on the line before
        named = line.text if _TABLE_NAMES["position"].search(line.text) else previous
        previous = line.text
        label = _TABLE_NAMES["position"].search(named)
        if label is None:
            continue
        # the clause from the label on: the token line before it may add the [CLS] token
        clause = named[label.start() :] + ("" if named is line.text else " " + line.text)
        if _TABLE_NAMES["segment"].search(named) or _OTHER_TABLES.search(clause):
            continue
        for match in _ROWS_BY_WIDTH.finditer(line.text):
            if value_of(match["rows"]) != n:
                continue
            width = value_of(match["width"])
            for claim in claims(line, minimum=n * width):
                if claim.value != n * width or claim.start - line.start < match.end():
                    continue
                if named is line.text and claim.start - line.start < label.end():
                    continue
                yield Finding(
                    claim.start,
                    claim.end,
                    f"a ViT's learned position table has one row per token, the [CLS] token's "
                    f"included: {n + 1:,} x {width:,} = {(n + 1) * width:,} parameters, not "
                    f"{claim.value:,}: correct the count",
                )
                break


def rounded_count_findings(document: LintDocument) -> Iterator[Finding]:
    yield from _rounded_findings(document)
    yield from _embedding_findings(document)
    yield from _table_findings(document)
    yield from _patch_table_findings(document)
