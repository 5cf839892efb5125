"""The trainable and non-trainable shares of one batch normalisation layer.

A batch normalisation layer over C channels learns gamma and beta (2·C trainable) and keeps
the moving mean and variance (2·C non-trainable): "512 are trainable and 256 non-trainable"
over 256 channels states a wrong share even where the layer's total is right.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.other_layers import SCOPED_KINDS, scoped_sizes

_N = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w]|[.,]\d)"
_BATCH_NORM = next(kind for kind in SCOPED_KINDS if kind.name == "batch normalisation")
# "512 are trainable", "256 non-trainable", "the 768 non-trainable ones"
_SHARE = lazy_regex(
    rf"(?P<n>{_N})\s+(?:(?:of\s+(?:them|these|which)\s+)?(?:are|is)\s+)?"
    r"(?P<non>non-?)?trainable\b",
    re.IGNORECASE,
)
# The same with its label before it: "trainable (gamma, beta): 256", "non-trainable params = 128"
_LABELLED_SHARE = lazy_regex(
    r"(?<![\w-])(?P<non>non-?)?trainable(?:\s+(?:params|parameters|weights|values|numbers))?"
    rf"\s*(?:\([^()\n]{{0,40}}\)\s*)?[:=]\s*[*_]*(?P<n>{_N})"
    # (not the first operand of the share's calculation, "trainable: 2 x 64 = 128", nor the
    # first group of a spaced number, "trainable: 1 152")
    r"(?![*_]*[ \t]*(?:[*xX+/^\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DOT OPERATOR}-]"
    r"|\\times|\\cdot)|[ \u00a0\u202f]\d{3}\b)",
    re.IGNORECASE,
)
# Another layer, several layers or a whole model in the count's sentence: its shares are not
# the one normalisation layer's. ("model.summary()" names the call, not the model's count.)
_OTHER_SCOPE = lazy_regex(
    r"\b(?:model|network|net|layers|total|frozen|freez\w*|backbone|LSTM|GRU|RNN|Dense|Conv\w*|"
    r"conv\w*|linear|embedding|attention|LayerNorm|layer[- ]norm\w*|both|each|every)\b(?!\.\w)",
    re.IGNORECASE,
)
# A share that is a term of a calculation, hedged, or supposed.
_NOT_A_SHARE = lazy_regex(
    r"(?:[*xX\N{MULTIPLICATION SIGN}\N{DOT OPERATOR}\N{MIDDLE DOT}+/-]|\\times|\\cdot"
    r"|\b(?:about|roughly|around|approximately|nearly|almost|if|would|could|only))\s*$",
    re.IGNORECASE,
)
_BULLET = lazy_regex(r"(?:^|\n)[ \t]*[-*+][ \t]*$")  # a list item's marker, no minus
# (a list item is a statement of its own: "- total: 4 * 64 = 256" names no other item's scope)
_SENTENCE_END = lazy_regex(r"(?<!\d)[.!?](?=\s)|\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+[.)])[ \t])")


def _sentence(prose: str, low: int, start: int, end: int) -> str:
    begin = max((m.end() for m in _SENTENCE_END.finditer(prose, low, start)), default=low)
    after = _SENTENCE_END.search(prose, end)
    return prose[begin : after.start() if after else len(prose)]


# "1,024 parameters in total, of which …": the layer's own total before its share
_TOTAL_OF_WHICH = lazy_regex(
    rf"(?P<n>{_N})\s+(?:parameters|params|values)?\s*(?:in\s+)?total\s*,?\s*"
    r"of\s+(?:which|them|these)\b",
    re.IGNORECASE,
)


def _without_layer_total(sentence: str, total: int) -> str:
    """The sentence without a total that is the layer's own 4·C and goes on to split it."""
    return _TOTAL_OF_WHICH.sub(
        lambda m: " " if int(m["n"].replace(",", "")) == total else m.group(0), sentence
    )


def norm_split_findings(document: LintDocument, prose: str) -> Iterator[Finding]:
    """Each trainable or non-trainable share of a lone batch normalisation layer that is not
    2·C, C its one stated channel count."""
    low = document.body_offset
    if not _BATCH_NORM.named.search(prose, low):
        return
    sizes = scoped_sizes(_BATCH_NORM, prose, ((low, len(prose)),))
    if not sizes or "channels" not in sizes:
        return
    right = 2 * sizes["channels"]
    shares = sorted(
        [*_SHARE.finditer(prose, low), *_LABELLED_SHARE.finditer(prose, low)],
        key=lambda match: match.start("n"),
    )
    for match in shares:
        if int(match["n"].replace(",", "")) == right:
            continue
        before = prose[max(low, match.start() - 20) : match.start()].rstrip("*_ ")  # **bold**
        if _NOT_A_SHARE.search(before) and not _BULLET.search(before):
            continue
        sentence = _sentence(prose, low, match.start(), match.end())
        if _OTHER_SCOPE.search(_without_layer_total(sentence, 4 * sizes["channels"])):
            continue
        which = "non-trainable (moving mean and variance)" if match["non"] else "trainable"
        yield Finding(
            match.start("n"),
            match.end("n"),
            f"a batch normalisation layer over {sizes['channels']:,} channels has 2·C = "
            f"{right:,} {which} parameters, not {match['n']}: correct the count",
        )
