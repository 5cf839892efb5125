"""AG104 for the parts of a transformer block counted one per list item: its multi-head
attention (4·d² + 4·d), its feed-forward network (2·d·d_ff + d_ff + d) and its layer
normalisations (2·d each), each item's count checked against the model width d (and d_ff)
that the note states once."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.claims.wording import CountFinding
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.param_solver import text_with_math

_N = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w]|[.,]\d)"
_MODEL_WIDTH = lazy_regex(
    rf"\bd_?(?:model|\{{model\}})\s*(?:=|of|:|is)?\s*(?P<v>{_N})"
    rf"|\bmodel\s+(?:dimension|width)\s*(?:of|=|:|is)?\s*(?P<w>{_N})"
    rf"|\bembed_dim\s*=\s*(?P<e>{_N})",
    re.I,
)
_FEED_FORWARD_WIDTH = lazy_regex(
    rf"\b(?:d_?(?:ff|\{{ff\}})|dim_feedforward|d_inner|intermediate\s+size"
    rf"|feed-?forward\s+(?:size|dimension|width)|inner\s+(?:size|dimension|width))"
    rf"\s*(?:=|of|:|is)?\s*(?P<v>{_N})",
    re.I,
)
# Variants whose parts these formulas do not count.
_OTHER_DESIGNS = lazy_regex(
    r"grouped-query|multi-query|\bGQA\b|\bMQA\b|kdim|vdim|LoRA|mixture|experts|\bMoE\b|"
    r"SwiGLU|GeGLU|\bGLU\b|gated|RMSNorm|adapter|rotary|relative position|bias\s*=\s*False",
    re.I,
)
_ITEM = lazy_regex(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?P<item>[^\n]+)$", re.M)
_PARTS = {
    "attention": lazy_regex(r"attention|\bQ\s*/\s*K\s*/\s*V\b|\bQKV\b|\bMHA\b", re.I),
    "feed-forward": lazy_regex(r"feed-?forward|\bFFN\b|\bMLP\b|position-?wise", re.I),
    "layer normalisation": lazy_regex(r"layer-?norm|layer\s+normali[sz]ation", re.I),
}
_ONE_PART_OF = lazy_regex(r"\b(?:per|each|one|every)\s+(?:head|projection|matrix)\b", re.I)
_HEDGE = lazy_regex(r"(?:about|around|roughly|approximately|~|\N{ALMOST EQUAL TO}|<|>)\s*$", re.I)
_MULTIPLICITY = {"two": 2, "both": 2, "three": 3, "2": 2, "3": 3}
_HOW_MANY_NORMS = lazy_regex(
    r"\b(?P<k>two|both|three|2|3)\s*(?:[\N{MULTIPLICATION SIGN}x]\s*)?(?:\w+\s+)?"
    r"(?:layer-?norms?|layer\s+normali[sz]ations?)",
    re.I,
)
_EACH = lazy_regex(r"\beach\b|\bper\s+(?:layer-?norm|norm)", re.I)
_PLURAL_NORMS = lazy_regex(r"layer-?norms\b|layer\s+normali[sz]ations\b", re.I)
# The count an item ends with: "…: 2,099,712", "… = 1,024", "… = 1,024 parameters".
_ENDING_COUNT = lazy_regex(
    rf"(?:[:=]|\u2192)\s*[*_$]*\s*(?P<n>{_N})\s*[*_$]*\s*"
    r"(?:(?:trainable\s+)?(?:parameters|params|weights))?\s*[.;]?\s*[*_$]*\s*$"
)
_ARROW = r"\s*(?:\N{RIGHTWARDS ARROW}|->)\s*"
_WIDTH_CHAIN = lazy_regex(rf"(?P<a>\d+){_ARROW}(?P<b>\d+){_ARROW}(?P<c>\d+)")
_WITHOUT_BIAS = lazy_regex(r"\b(?:without|no)\s+(?:the\s+|any\s+)?bias(?:es)?\b", re.I)
_WITH_BIAS = lazy_regex(r"\b(?:with|plus|including)\s+(?:the\s+|their\s+)?bias(?:es)?\b", re.I)


def _one_value(pattern: re.Pattern[str], text: str) -> int | None:
    values = {
        int(next(v for v in match.groups() if v).replace(",", ""))
        for match in pattern.finditer(text)
    }
    return values.pop() if len(values) == 1 else None


def _allowed(part: str, item: str, d: int, d_ff: int | None) -> set[int] | None:
    """The counts the item's part may have, or None when the note leaves one size open."""
    bias = {True, False}
    if _WITH_BIAS.search(item) and not _WITHOUT_BIAS.search(item):
        bias = {True}
    elif _WITHOUT_BIAS.search(item):
        bias = {False}
    if part == "attention":
        return {4 * d * d + (4 * d if b else 0) for b in bias}
    if part == "feed-forward":
        chain = _WIDTH_CHAIN.search(item)
        if d_ff is None and chain is not None and chain.group("a") == chain.group("c") == str(d):
            d_ff = int(chain.group("b"))  # "512 → 2048 → 512"
        if d_ff is None:
            return None
        return {2 * d * d_ff + (d_ff + d if b else 0) for b in bias}
    counted = _HOW_MANY_NORMS.search(item)
    if _EACH.search(item):
        copies = 1  # "each of the two LayerNorms: 1,536"
    elif counted is not None:
        copies = _MULTIPLICITY[counted.group("k").lower()]
    elif _PLURAL_NORMS.search(item):
        return None  # "LayerNorms" without a number: how many is open
    else:
        copies = 1
    # a layer normalisation has its gain and its shift unless the item takes the shift off
    shift = not _WITHOUT_BIAS.search(item)
    return {copies * (2 * d if shift else d)}


def transformer_part_findings(document: LintDocument) -> Iterator[Finding]:
    """Each list item that names one part of a transformer block and ends with a count the
    part's formula does not give, for the model width the note states once."""
    text = text_with_math(document)
    body = text[document.body_offset :]
    if not _PARTS["attention"].search(body) or _OTHER_DESIGNS.search(body):
        return
    d = _one_value(_MODEL_WIDTH, body)
    if d is None:
        return
    d_ff = _one_value(_FEED_FORWARD_WIDTH, body)
    for match in _ITEM.finditer(text, document.body_offset):
        item = match.group("item")
        parts = [name for name, pattern in _PARTS.items() if pattern.search(item)]
        if len(parts) != 1 or _ONE_PART_OF.search(item):
            continue
        ending = _ENDING_COUNT.search(item)
        if ending is None or _HEDGE.search(item, 0, ending.start("n")):
            continue
        allowed = _allowed(parts[0], item, d, d_ff)
        stated = int(ending.group("n").replace(",", ""))
        if not allowed or stated in allowed:
            continue
        start = match.start("item") + ending.start("n")
        right = " or ".join(f"{value:,}" for value in sorted(allowed))
        yield CountFinding(
            start,
            start + len(ending.group("n")),
            f"with a model width of {d}, the {parts[0]} part of a transformer block has "
            f"{right} parameters, not {ending.group('n')}: correct the count",
            expected=tuple(sorted(allowed)),
        )
