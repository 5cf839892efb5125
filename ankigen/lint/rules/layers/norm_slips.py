"""Counts of batch and layer normalisations that no framework's convention gives (AG104).

Keras' ``BatchNormalization`` over C channels holds 4·C weights: gamma and beta (2·C
trainable) and the moving mean and variance (2·C non-trainable), and ``model.summary()`` and
``count_params()`` show all 4·C on its row; PyTorch's ``parameters()`` holds 2·C and keeps the
running statistics as buffers. Three readings of that:

- a Keras summary row of a batch normalisation (``batch_normalization (None, 128) 256``, the
  class name possibly wrapped onto the next line) must show 4·C, C its output shape's last
  axis;
- a count whose sentence, up to the count, names Keras' summary, row, ``Param #`` or
  ``count_params`` of the batch normalisation ("In Keras the BatchNormalization row for 64
  channels shows 2 x 64 = 128"), or the answer to a question that asks for it, must be 4·C
  unless those words say it is the trainable or non-trainable share (then 2·C);
- a summary footer (as printed, or copied into a list) whose total is not trainable +
  non-trainable, in a Keras model whose only non-trainable weights are its batch
  normalisations' moving statistics, is reported on the non-trainable line when 2·C summed over
  those layers (C the filters or units of the layer each follows) makes it add up.

- a count labelled as the trainable or the non-trainable share of the batch normalisation,
  the label after the count as often as before it ("→ adds 1,024 to 'Trainable params'",
  "contributes 256 trainable parameters", "puts 128 weights into Trainable params",
  "# +384 trainable", "trainable (BN layer): 800"), on a line that names the layer, its
  gamma/beta/moving statistics, or (in a note that asks about it) what it adds, must be 2·C;
  a count of the whole model ("the model has 41,000 trainable") is not the layer's.

A layer normalisation over d features learns a scale and a shift, 2·d (d without bias:
``bias=False``, ``elementwise_affine=False`` drops both); a count "of parameters" on a line
that names one layer normalisation ("Per LayerNorm: 768 parameters") must be 2·d, or d when
the note drops the bias. In a note about one layer normalisation (its question names it, no
other layer is counted), a result on a line about its scale and shift ("gamma and beta are learned
per feature and per position: 2·512·128 = 131,072", "gamma + beta per sample -> … -> 32,768",
a table's last cell) is read too. Several norms may be counted (a few, or a stated number of
them, up to four per block: 12·2·2·768), but never a multiple of the sequence length, the
tokens or the batch: the usual slip counts the scale and shift per position. A norm over
several axes (``LayerNorm([64, 256])``) is left alone. The width may be written
``d_\\text{model}``, "hidden size 768", or the units of the Dense the norm follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern
from ankigen.lint.rules.layers.slip_claims import (
    NoteLine,
    claims,
    note_lines,
    raw_body,
    value_of,
)

_N = r"\d{1,3}(?:,\d{3})+|\d+"
_BN_ROW = lazy_regex(
    rf"batch_normalization\w*\b.*?\((?:None|-1)(?:,\s*(?:None|\d+))*,\s*(?P<c>\d+)\)\s+(?P<n>{_N})\s*$"
)
_BN_WORDS = GatedPattern(r"BatchNorm\w*|batch[- ]norm\w*|\bBN\b", re.IGNORECASE)
_KERAS_SHOWN = lazy_regex(
    r"\bKeras\b.*\b(?:row|summary|shows?|lists?|reports?)\b|\bsummary\(\)|\bParam\s*#|"
    r"\bcount_params\b|\bsummary\b.*\b(?:row|shows?|lists?)\b",
    re.IGNORECASE,
)
_SHARE_WORDS = lazy_regex(
    r"trainable|\bgamma\b|\bbeta\b|\N{GREEK SMALL LETTER GAMMA}|\N{GREEK SMALL LETTER BETA}|"
    r"\\gamma|\\beta|\bscale\b|\bshift\b|\bmoving\b|"
    r"\brunning\b|\bmean\b|\bvariance\b|PyTorch|\btorch\b|parameters\(\)|\bbuffers?\b|\bper\b",
    re.IGNORECASE,
)
_CHANNEL_SOURCES = (
    lazy_regex(r"BatchNorm\w*\(\s*(?:num_features\s*=\s*)?(\d+)"),
    lazy_regex(r"\bafter\s+`?(?:layers\.)?Conv[123]D\(\s*(?:filters\s*=\s*)?(\d+)"),
    lazy_regex(r"\bafter\s+`?(?:layers\.)?Dense\(\s*(?:units\s*=\s*)?(\d+)"),
    lazy_regex(r"(?<![\w.,])(\d+)\s+(?:feature\s+)?channels\b", re.IGNORECASE),
    # "after a 128-channel pointwise conv": the width written as an adjective
    lazy_regex(r"(?<![\w.,])(\d+)-channel\b", re.IGNORECASE),
    # "after a Conv2D with 256 filters", "the conv before it has 96 filters"
    lazy_regex(r"\bconv\w*\b[^.\n]{0,30}?\b(\d+)\s+filters\b", re.IGNORECASE),
    # "BatchNormalization on 32 features": the width the norm runs over
    lazy_regex(r"\b(?:on|over)\s+(\d+)\s+features\b", re.IGNORECASE),
    lazy_regex(r"\bConv[123]D\(\s*(?:filters\s*=\s*)?(\d+)"),
)
_CUSTOM_BN = GatedPattern(
    r"\bcenter\s*=\s*False|\bscale\s*=\s*False|\btrainable\s*=\s*False|"
    r"\bfreez|\bfrozen\b",
    re.IGNORECASE,
)
_FOOTER = lazy_regex(
    rf"\b(?P<kind>Total|Trainable|Non-trainable)\s+params\s*:\s*\**\s*(?P<n>{_N})",
    re.IGNORECASE,
)
# the share a count is labelled with, just after it ("512 trainable", "512 to 'Trainable
# params'", "128 weights into Trainable params") or just before it ("trainable (BN): 800")
_SHARE_AFTER = lazy_regex(
    r"^\s*(?:\*\*)?\s*(?:(?:weights?|parameters|params|values)\s+)?(?:to|into|in|as)?\s*"
    r"(?:the\s+)?[\"'`*]*(?P<share>non-trainable|trainable)\b",
    re.IGNORECASE,
)
_SHARE_BEFORE = lazy_regex(
    r"(?P<share>non-trainable|trainable)\b(?:\s+(?:params|parameters|weights))?\s*"
    r"(?:\([^()]*\))?\s*[:=]\s*(?:\*\*)?\s*$",
    re.IGNORECASE,
)
_INCREMENT = lazy_regex(
    r"(?:^|(?<=[#(\[:])|(?<=[#(\[:]\s)|(?<=^\s))\+\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)\b"
)
_SHARE_CLAUSE = lazy_regex(r";|,\s|\band\b|\.\s")
_WHOLE_WORDS = lazy_regex(r"\bmean\b|\bvar\w*|\bmoving\b|\brunning\b|\band\s+non", re.I)
_MODEL_WORDS = lazy_regex(r"\b(?:model|network|net|whole|total|overall|all\s+layers)\b", re.I)
_AFFINE_OR_MOVING = lazy_regex(
    r"\bgamma\b|\bbeta\b|\bmoving_\w+|\bmoving\s+(?:mean|average|variance)", re.IGNORECASE
)
_CONTRIBUTES = lazy_regex(
    r"\b(?:adds?|contributes?|puts?|brings?|accounts?\s+for|grows?\s+by)\b", re.IGNORECASE
)
_LAYER_CALL = lazy_regex(
    r"\b(?P<kind>Conv[123]D|Dense|BatchNormalization|SeparableConv[12]D|DepthwiseConv2D|"
    r"LSTM|GRU|Embedding|LayerNormalization)\((?P<first>\s*(?:filters\s*=\s*|units\s*=\s*)?\d*)"
)
_LN_WORDS = lazy_regex(r"LayerNorm\w*|layer[- ]norm\w*|\bLN\b", re.IGNORECASE)
_LN_WIDTH = (
    lazy_regex(r"LayerNorm\w*\(\s*(?:normalized_shape\s*=\s*)?(\d+)"),
    lazy_regex(r"d_(?:\{?model\}?|\\text\{model\}|\{\\(?:text|mathrm)\{model\}\})\s*=\s*(\d+)"),
    lazy_regex(r"\bhidden[_ ]size\s*[:=]?\s*(\d+)", re.IGNORECASE),
    lazy_regex(r"\bafter\s+`?(?:layers\.)?Dense\(\s*(?:units\s*=\s*)?(\d+)"),
    lazy_regex(r"LayerNorm\w*\s+over\s+(\d+)\b"),
)
_LN_NO_BIAS = lazy_regex(
    r"bias\s*=\s*False|elementwise_affine\s*=\s*False|RMSNorm|\bscale[- ]only\b|"
    r"\b(?:no|without(?:\s+a)?)\s+(?:bias|shift|beta|\N{GREEK SMALL LETTER BETA})",
    re.IGNORECASE,
)
# a norm whose shape spans several axes (``LayerNorm([64, 256])``) has that many weights
_LN_SHAPED = lazy_regex(r"LayerNorm\w*\(\s*(?:normalized_shape\s*=\s*)?[\[(]")
# the sizes a layer normalisation's parameters never grow with
_POSITIONS = (
    lazy_regex(
        r"\b(?:sequence\s+length|seq_len\w*|context\s+length|max_len\w*|batch(?:\s+size|_size)?)"
        r"\s*(?:\(?\$?\s*[A-Za-z]\s*\)?\s*)?[:=]?\s*\$?\s*(?:[A-Za-z]\s*=\s*)?(\d{1,3}(?:,\d{3})+|\d+)",
        re.IGNORECASE,
    ),
    lazy_regex(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)[- ](?:tokens?|positions?|samples?)\b", re.I),
    lazy_regex(r"\bon\s+sequences\s+of\s+(\d+)\b", re.IGNORECASE),
)
_AFTER_LAYER = lazy_regex(r"\bafter\s+(?:an?\s+)?`?(?:layers\.|nn\.)?\w+\([^()\n]*\)`?")
_STATED = lazy_regex(r"(?<![\w.,])\d+(?![\w.,])")
_AFFINE_WORDS = lazy_regex(
    r"\bgamma\b|\bbeta\b|\N{GREEK SMALL LETTER GAMMA}|\N{GREEK SMALL LETTER BETA}|\\gamma|"
    r"\\beta|\bscale\b|\bshift\b|\bparam|\btrainable\b",
    re.IGNORECASE,
)
# The name of one of the two learned vectors: a row or a clause about it alone counts C.
_ONE_PART = lazy_regex(
    r"\bgamma\b|\bbeta\b|\N{GREEK SMALL LETTER GAMMA}|\N{GREEK SMALL LETTER BETA}|\\gamma|"
    r"\\beta|\bscale\b|\bshift\b|\bweight\b|\bbias\b",
    re.IGNORECASE,
)
_NOT_PARAMETERS = lazy_regex(
    r"\boutput|\bactivation|\bvalues\b|\bmemory\b|\bbytes\b|\bFLOPs?\b|\bstatistics\b|"
    r"\bmeans?\b|\bvariances?\b",
    re.IGNORECASE,
)
_COUNT_NAMED = lazy_regex(r"\bparam|\bcount|\btotal\b|\bweights\b|\bsummary\b|\brow\b", re.I)
_COPULA_BEFORE = lazy_regex(r"\b(?:is|are|shows?|reads?)\s*[*_`$]*(?:\{\{c\d+::)?\s*$", re.I)
_RESULT_BEFORE = lazy_regex(r"(?:=|->|=>|\N{RIGHTWARDS ARROW})\s*\$?\s*(?:\*\*)?\s*$")
# A sentence about another layer or the whole model: its summary count is not the norm's.
_NOT_THE_NORM = lazy_regex(
    r"\b(?:attention|MLPs?|FFNs?|feed-?forward|Linear|Dense|Embeddings?|conv\w*|LSTM|GRU|RNN"
    r"|layers|network|whole|entire|all|total\s+params|layer\s*norm\w*)\b|\bmodel\b(?!\.summary)",
    re.IGNORECASE,
)
_COUNTED = lazy_regex(r"^\**\s*(?:trainable\s+)?(?:parameters|params|weights)\b", re.I)
# (in the plural too: "| embeddings: … + 2 · 768 (LN) | … |" counts the embeddings with their norm)
_OTHER_LAYERS = lazy_regex(
    r"\b(?:attention|MLPs?|FFNs?|feed-?forward|Linear|Dense|Embeddings?|BatchNorm\w*|conv\w*)\b",
    re.IGNORECASE,
)


def _one(values: set[int]) -> int | None:
    return values.pop() if len(values) == 1 else None


def _row_findings(document: LintDocument, body: str) -> Iterator[Finding]:
    if _CUSTOM_BN.search(body):
        return
    for line in note_lines(document):
        row = _BN_ROW.search(line.text)
        if row is None or not line.code:
            continue
        channels, shown = int(row["c"]), value_of(row["n"])
        if shown != 4 * channels:
            yield Finding(
                line.start + row.start("n"),
                line.start + row.end("n"),
                f"Keras' summary row of a BatchNormalization over {channels:,} channels shows "
                f"4·C = {4 * channels:,} (gamma, beta and the moving mean and variance), not "
                f"{shown:,}: correct the row",
            )


def _channels(body: str) -> int | None:
    return _one({int(m.group(1)) for p in _CHANNEL_SOURCES for m in p.finditer(body)})


def _shown_findings(document: LintDocument, body: str) -> Iterator[Finding]:
    if not _BN_WORDS.search(body) or _CUSTOM_BN.search(body):
        return
    channels = _channels(body)
    if channels is None:
        return
    question = document.text[slice(*document.question)] if document.question else ""
    asks_shown = bool(_BN_WORDS.search(question) and _KERAS_SHOWN.search(question))
    asks_shown = asks_shown and not _SHARE_WORDS.search(question)
    for line in note_lines(document):
        for claim in claims(line, minimum=channels + 1):
            sentence = re.split(r"(?<!\d)[.!?](?:\s|$)", claim.before)[-1]
            stated = claim.after_equals or claim.before.rstrip().endswith("**")
            # "the BN row shows: 128", "Total in model.summary(): 128": a label's value
            stated = stated or claim.before.rstrip(" *$").endswith(":")
            # "the layer's Param # is {{c1::128}}": a copula before the count, or a cloze's
            # (where the sentence names what is counted: no "each image is 150 pixels")
            stated = stated or bool(
                _COPULA_BEFORE.search(claim.before) and _COUNT_NAMED.search(sentence)
            )
            if not (stated or _COUNTED.match(claim.after.lstrip(" *"))):
                continue
            # "what model.summary() shows for it" under a question about the BatchNormalization
            # is that layer's row, when the sentence names no other layer or the whole model
            named = _BN_WORDS.search(sentence) or (
                _BN_WORDS.search(question) and not _NOT_THE_NORM.search(sentence)
            )
            shown = bool(named and _KERAS_SHOWN.search(sentence))
            if not (shown or asks_shown) or _SHARE_WORDS.search(sentence):
                continue
            if line.code or not (shown or claim.start >= _answer_start(document)):
                continue
            if claim.value in {4 * channels, channels}:
                continue
            yield Finding(
                claim.start,
                claim.end,
                f"Keras' model.summary() shows a BatchNormalization over {channels:,} channels "
                f"as 4·C = {4 * channels:,} parameters (gamma and beta trainable, the moving "
                f"mean and variance non-trainable), not {claim.value:,}: correct the count",
            )


def _share_findings(document: LintDocument, body: str) -> Iterator[Finding]:
    """A count labelled as the trainable or the non-trainable share of one batch
    normalisation, the label before or after it: 2·C either way."""
    if not _BN_WORDS.search(body) or _CUSTOM_BN.search(body):
        return
    channels = _channels(body)
    if channels is None:
        return
    question = document.text[slice(*document.question)] if document.question else ""
    for line in note_lines(document):
        about = _BN_WORDS.search(line.text) or _AFFINE_OR_MOVING.search(line.text)
        if not (about or (_BN_WORDS.search(question) and _CONTRIBUTES.search(line.text))):
            continue
        for value, start, end in _claims_and_increments(line, channels + 1):
            before = line.text[: start - line.start]
            after = line.text[end - line.start :]
            clause_before = _SHARE_CLAUSE.split(before)[-1]
            clause_after = _SHARE_CLAUSE.split(after)[0]
            label = _SHARE_AFTER.match(clause_after) or _SHARE_BEFORE.search(clause_before)
            if label is None or _WHOLE_WORDS.search(clause_after[:40]):
                continue
            if _MODEL_WORDS.search(clause_before):  # "the whole model has 41,000 trainable"
                continue
            if value == 2 * channels:
                continue
            yield Finding(
                start,
                end,
                f"a batch normalisation over {channels:,} channels has 2·C = {2 * channels:,} "
                f"{label.group('share').lower()} weights (gamma and beta trainable, the moving "
                f"mean and variance non-trainable; 4·C = {4 * channels:,} in all), not "
                f"{value:,}: correct the count",
            )


def _claims_and_increments(line: NoteLine, minimum: int) -> Iterator[tuple[int, int, int]]:
    """The line's claims, and the counts it writes as an increment ("# +384 trainable"): a
    plus sign with no term before it."""
    for claim in claims(line, minimum=minimum):
        yield claim.value, claim.start, claim.end
    for match in _INCREMENT.finditer(line.text):
        value = value_of(match["n"])
        if value >= minimum:
            yield value, line.start + match.start("n"), line.start + match.end("n")


def _answer_start(document: LintDocument) -> int:
    return document.question[1] if document.question else document.body_offset


def _moving_statistics(body: str) -> int | None:
    """2·C summed over the Keras batch normalisations of the code, each over the filters or
    units of the layer it follows; None if any is unknown or another layer is not counted."""
    width: int | None = None
    total = 0
    seen = False
    for call in _LAYER_CALL.finditer(body):
        kind, first = call["kind"], call["first"].split("=")[-1].strip()
        if kind == "BatchNormalization":
            if width is None:
                return None
            total += 2 * width
            seen = True
        elif (
            kind in ("Conv1D", "Conv2D", "Conv3D", "Dense", "SeparableConv1D", "SeparableConv2D")
            and first.isdigit()
        ):
            width = int(first)
        elif kind != "DepthwiseConv2D":
            width = None
    return total if seen else None


def _footer_findings(document: LintDocument, body: str) -> Iterator[Finding]:
    if _CUSTOM_BN.search(body) or "BatchNormalization" not in body:
        return
    footer: dict[str, tuple[int, int, int]] = {}
    for line in note_lines(document):
        for match in _FOOTER.finditer(line.text):
            kind = match["kind"].lower()
            if kind in footer:
                return
            footer[kind] = (
                value_of(match["n"]),
                line.start + match.start("n"),
                line.start + match.end("n"),
            )
    if len(footer) != 3:
        return
    total, trainable, frozen = (footer[k][0] for k in ("total", "trainable", "non-trainable"))
    expected = _moving_statistics(body)
    if total == trainable + frozen or expected is None or trainable + expected != total:
        return
    _, start, end = footer["non-trainable"]
    yield Finding(
        start,
        end,
        f"the non-trainable weights of this Keras model are its batch normalisations' moving "
        f"means and variances, 2·C each: {expected:,}, which makes trainable {trainable:,} + "
        f"{expected:,} the total {total:,}; not {frozen:,}: correct the footer",
    )


def _layer_norm_findings(document: LintDocument, body: str) -> Iterator[Finding]:
    if not _LN_WORDS.search(body) or _LN_SHAPED.search(body):
        return
    width = _one({int(m.group(1)) for p in _LN_WIDTH for m in p.finditer(body)})
    if width is None:
        return
    per_layer = width if _LN_NO_BIAS.search(body) else 2 * width
    positions = {value_of(m.group(1)) for p in _POSITIONS for m in p.finditer(body)}
    stated = {value_of(m.group()) for m in _STATED.finditer(body)} - positions
    question = document.text[slice(*document.question)] if document.question else ""
    # "LayerNormalization() after Dense(512)": a layer named as the norm's input is no other
    # layer of the note
    others = _OTHER_LAYERS.search(_AFTER_LAYER.sub(" ", body))
    about_norm = bool(_LN_WORDS.search(question)) and not others
    for line in note_lines(document):
        if _OTHER_LAYERS.search(line.text) or _NOT_PARAMETERS.search(line.text):
            continue
        named = bool(_LN_WORDS.search(line.text))
        if not (named or (about_norm and _AFFINE_WORDS.search(line.text))):
            continue
        for claim in claims(line, minimum=2):
            counted = _COUNTED.match(claim.after.lstrip(" *")) or _last_cell(claim.after)
            if not (counted or (not named and _RESULT_BEFORE.search(claim.before))):
                continue
            if _allowed_norm_count(claim.value, per_layer, stated, positions):
                continue
            if claim.value == width and len(_ONE_PART.findall(line.text)) == 1:
                continue  # "| gamma | 512 |": one of the two vectors, counted alone
            yield Finding(
                claim.start,
                claim.end,
                f"a layer normalisation over {width:,} features learns a scale and a shift, "
                f"{per_layer:,} parameters each (a multiple of it for several), shared by every "
                f"position and sample, not {claim.value:,}: correct the count",
            )


def _last_cell(after: str) -> bool:
    """Whether a claim is the last cell of a table row ("| … | 786,432 |")."""
    return bool(re.fullmatch(r"\s*(?:\*\*)?\s*\|\s*", after))


def _allowed_norm_count(value: int, per_layer: int, stated: set[int], positions: set[int]) -> bool:
    """One norm's count, or several norms' (a few, or a stated number of them, possibly two
    to four per block); never a count that grows with the positions or the batch."""
    if value % per_layer:
        return False
    norms = value // per_layer
    if any(norms % p == 0 for p in positions if p > 4):
        return False
    return norms <= 4 or any(norms == k * n for n in stated for k in (1, 2, 3, 4))


def norm_slip_findings(document: LintDocument) -> Iterator[Finding]:
    body = raw_body(document)
    yield from _row_findings(document, body)
    yield from _shown_findings(document, body)
    yield from _share_findings(document, body)
    yield from _footer_findings(document, body)
    yield from _layer_norm_findings(document, body)
