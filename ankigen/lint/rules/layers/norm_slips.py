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

A layer normalisation over d features learns a scale and a shift, 2·d (d without bias:
``bias=False``, ``elementwise_affine=False`` drops both); a count "of parameters" on a line
that names one layer normalisation ("Per LayerNorm: 768 parameters") must be 2·d, or d when
the note drops the bias.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.slip_claims import claims, note_lines, raw_body, value_of

_N = r"\d{1,3}(?:,\d{3})+|\d+"
_BN_ROW = lazy_regex(
    rf"batch_normalization\w*\b.*?\((?:None|-1)(?:,\s*(?:None|\d+))*,\s*(?P<c>\d+)\)\s+(?P<n>{_N})\s*$"
)
_BN_WORDS = lazy_regex(r"BatchNorm\w*|batch[- ]norm\w*|\bBN\b", re.IGNORECASE)
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
)
_CUSTOM_BN = lazy_regex(
    r"\bcenter\s*=\s*False|\bscale\s*=\s*False|\btrainable\s*=\s*False|"
    r"\bfreez|\bfrozen\b",
    re.IGNORECASE,
)
_FOOTER = lazy_regex(
    rf"\b(?P<kind>Total|Trainable|Non-trainable)\s+params\s*:\s*\**\s*(?P<n>{_N})",
    re.IGNORECASE,
)
_LAYER_CALL = lazy_regex(
    r"\b(?P<kind>Conv[123]D|Dense|BatchNormalization|SeparableConv[12]D|DepthwiseConv2D|"
    r"LSTM|GRU|Embedding|LayerNormalization)\((?P<first>\s*(?:filters\s*=\s*|units\s*=\s*)?\d*)"
)
_LN_WORDS = lazy_regex(r"LayerNorm\w*|layer[- ]norm\w*|\bLN\b", re.IGNORECASE)
_LN_WIDTH = (
    lazy_regex(r"LayerNorm\w*\(\s*(?:normalized_shape\s*=\s*)?(\d+)"),
    lazy_regex(r"d_\{?model\}?\s*=\s*(\d+)"),
    lazy_regex(r"LayerNorm\w*\s+over\s+(\d+)\b"),
)
_LN_NO_BIAS = lazy_regex(
    r"bias\s*=\s*False|elementwise_affine\s*=\s*False|RMSNorm|\bscale[- ]only\b|"
    r"\b(?:no|without(?:\s+a)?)\s+(?:bias|shift|beta|\N{GREEK SMALL LETTER BETA})",
    re.IGNORECASE,
)
_COUNTED = lazy_regex(r"^\**\s*(?:trainable\s+)?(?:parameters|params|weights)\b", re.I)
_OTHER_LAYERS = lazy_regex(
    r"\b(?:attention|MLP|FFN|feed-?forward|Linear|Dense|Embedding|BatchNorm\w*|conv\w*)\b",
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
            if not (stated or _COUNTED.match(claim.after.lstrip(" *"))):
                continue
            shown = bool(_BN_WORDS.search(sentence) and _KERAS_SHOWN.search(sentence))
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
    if not _LN_WORDS.search(body):
        return
    width = _one({int(m.group(1)) for p in _LN_WIDTH for m in p.finditer(body)})
    if width is None:
        return
    per_layer = {width} if _LN_NO_BIAS.search(body) else {2 * width}
    allowed = {value * count for value in per_layer for count in range(1, 5)}
    for line in note_lines(document):
        if not _LN_WORDS.search(line.text) or _OTHER_LAYERS.search(line.text):
            continue
        for claim in claims(line, minimum=2):
            if not _COUNTED.match(claim.after.lstrip(" *")) or claim.value in allowed:
                continue
            right = next(iter(per_layer))
            yield Finding(
                claim.start,
                claim.end,
                f"a layer normalisation over {width:,} features learns a scale and a shift, "
                f"{right:,} parameters each (a multiple of it for several), not "
                f"{claim.value:,}: correct the count",
            )


def norm_slip_findings(document: LintDocument) -> Iterator[Finding]:
    body = raw_body(document)
    yield from _row_findings(document, body)
    yield from _shown_findings(document, body)
    yield from _footer_findings(document, body)
    yield from _layer_norm_findings(document, body)
