"""Counts that are a part of a layer, or another layer's, worded as such: AG104 leaves them alone.

Every reading of AG104 judges a claimed count against a whole layer. Authors also state counts
that are not the layer's total, in any position and with any layer:

- a count per unit, filter or output ("each output feature gets 300 weights", "each of the 512
  units has 1,024 weights", "1,024 weights per unit");
- one tensor's share ("the recurrent kernel alone is 3,072 weights", "the bias vectors add
  192", "gamma and beta hold 512");
- another layer's count set against the judged one ("against 19,200 for a standard conv",
  "as against 1,792 with a bias").

A claim whose own clause words it so is no layer total, unless the clause also says it is the
whole layer's ("in total", "the layer has").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ankigen.lint.document import Finding
from ankigen.lint.lazy_pattern import lazy_regex

# Where a clause starts: a sentence end, a list item, a cell, or a conjunction that opens a
# new claim ("…, so the layer has 524,800").
_CLAUSE_START = lazy_regex(
    r"[.!?;](?=\s)|\N{RIGHTWARDS ARROW}|\n\s*\n|\n\s*(?:[-*+]|\d+[.)])\s|\||\n|:\s"
    r"|,?\s+(?:so|thus|hence|therefore|which\s+(?:gives|makes|means)|giving|making|and\s+so"
    r"|i\.e\.|that\s+is|for\s+a\s+total\s+of)\b"
    r"|,\s+(?:and\s+)?(?:the|a|an|its|this|that)\s+(?:whole|entire|full|complete|layer|module"
    r"|block|model)\b",
    re.I,
)
_CLAUSE_END = lazy_regex(r"[.!?;](?=\s|$)|\n|\||,\s+(?:so|and|which|giving|making|but)\b", re.I)

# A count per unit, its subject "each (of the 512 output) units" and a verb right before the
# count: "each output feature gets 300", "every one of the 10 logits reads 2,048". "Each
# `LayerNorm(512)` has 1,024" counts each layer, and "a bias per filter has 416" the layer.
_UNIT_NOUN = (
    r"(?:unit|neuron|node|filter|kernel|channel|output|feature|logit|gate|head|class|token"
    r"|row|column)s?"
)
_PER_UNIT_BEFORE = lazy_regex(
    rf"\b(?:each|every)\b[^.;:\n]{{0,50}}?\b{_UNIT_NOUN}\b(?:\s+[\w-]+){{0,2}}?\s+"
    r"(?:has|have|gets?|holds?|reads?|needs?|uses?|sees?|carries|carry|takes?|keeps?|learns?"
    r"|owns?|contributes?|adds?|is\s+connected\s+to|connects\s+to)\s+"
    r"(?:its\s+own\s+|exactly\s+|just\s+|only\s+)?[*_`]*$",
    re.I,
)
_PER_UNIT_AFTER = lazy_regex(
    r"^[*_`]*\s*(?:[\w-]+\s+){0,2}?(?:per|for\s+(?:each|every)|in\s+each|of\s+each)\s+"
    r"(?:[\w-]+\s+)?(?:unit|neuron|node|filter|kernel|channel|output|feature|gate|head|class"
    r"|token|row|column)s?\b",
    re.I,
)
# One tensor's share of the layer.
_PART = lazy_regex(
    # a tensor alone ("the hidden-to-hidden matrix alone"); "the fc6 layer alone" is a layer
    r"\b(?:kernel|matri(?:x|ces)|weights|biases|bias\s+vectors?|projections?|tensors?)\s+"
    r"(?:alone|on\s+(?:its|their)\s+own)\b"
    r"|\b(?:hidden|input)-to-hidden\b"
    r"|\b(?:recurrent|input|hidden)\s+(?:kernel|weights?|matri(?:x|ces))\b"
    r"|\bweight_(?:ih|hh)\w*|\bbias_(?:ih|hh)\w*|\bin_proj\w*|\bout_proj\w*"
    r"|\b(?:the|its|their|both|two|three|four)\s+(?:bias|biases|bias\s+vectors?|bias\s+terms?)\s+(?:add|adds|contribute|contributes"
    r"|account\s+for|make\s+up|are|is)\b"
    r"|\b(?:gamma|beta|moving[_ ](?:mean|variance)|running[_ ](?:mean|var)\w*)\b",
    re.I,
)
# The other side of a comparison with another layer.
_AGAINST = lazy_regex(
    r"\b(?:(?:as\s+)?against|compared\s+(?:with|to)|versus|vs\.?|next\s+to|whereas)\s+"
    r"(?:[\w-]+\s+){0,2}[*_`]*$",
    re.I,
)
_OTHER_LAYER_AFTER = lazy_regex(
    r"^[*_`]*\s*(?:[\w-]+\s+){0,2}?(?:for|in|of|with)\s+(?:a|an|the)\s+(?:standard|regular"
    r"|ordinary|plain|normal|full|dense|vanilla|usual|conventional|non-\w+|ungrouped)\b",
    re.I,
)
# The clause says it counts the whole layer.
_WHOLE = lazy_regex(
    r"\b(?:in\s+total|in\s+all|altogether|overall|total|whole|entire|the\s+(?:layer|module)"
    r"\s+(?:has|holds|contains|is))\b",
    re.I,
)


def _clause(prose: str, start: int, end: int) -> tuple[int, int]:
    begin = max(0, start - 200)
    clause_start = begin
    for match in _CLAUSE_START.finditer(prose, begin, start):
        clause_start = match.end()
    found = _CLAUSE_END.search(prose, end, min(len(prose), end + 200))
    return clause_start, found.start() if found is not None else min(len(prose), end + 200)


# A line or list item labelled as one part ("- weights: 2,048", "Biases: 32", "**kernel
# weights:** 216"): the label before the colon is the count's subject.
_PART_LABEL = lazy_regex(
    r"(?:^|\n)[ \t]*(?:[-*+]|\d+[.)])?[ \t]*[*_`]*(?P<label>[^:\n|]{0,40}?)[*_`]*:[*_`]*[ \t]*"
    r"[*_`]*(?:[\d\s\N{MULTIPLICATION SIGN}*x\N{MIDDLE DOT}+=()]*=\s*)?$",
    re.I,
)
_PART_LABEL_WORDS = lazy_regex(
    r"^(?:(?:the|its|kernel|recurrent|input|weight|bias)\s+)?(?:weights?|weight\s+matri(?:x|ces)"
    r"|kernel|biases|bias(?:\s+(?:terms?|vectors?))?)$",
    re.I,
)


def _part_label(prose: str, start: int) -> bool:
    line_start = prose.rfind("\n", 0, start)
    found = _PART_LABEL.search(prose, max(0, line_start), start)
    return found is not None and bool(_PART_LABEL_WORDS.match(found.group("label").strip()))


def part_claim(prose: str, start: int, end: int) -> str | None:
    """Why the count in ``prose[start:end]`` is no layer total, or None when it may be one."""
    if _part_label(prose, start):
        return "a part"
    clause_start, clause_end = _clause(prose, start, end)
    before = prose[clause_start:start]
    after = prose[end:clause_end]
    if _AGAINST.search(prose, max(clause_start, start - 60), start):
        return "compared"
    if _OTHER_LAYER_AFTER.match(after):
        return "another layer"
    if _PER_UNIT_AFTER.match(after):
        return "per unit"  # "32 parameters per token, 160,096 in all": the first is one unit's
    if _WHOLE.search(before) or _WHOLE.search(after):
        return None
    if _PER_UNIT_BEFORE.search(before) or _PER_UNIT_AFTER.match(after):
        return "per unit"
    # the part is the claim's subject, or the noun right after it ("6,400 recurrent weights"),
    # never the reason given after a comma ("…, since only gamma and beta count")
    noun = re.split(r"[,;(]", after, maxsplit=1)[0][:40]
    if _PART.search(before) or _PART.search(noun):
        return "a part"
    return None


def layer_totals(prose: str, findings: Iterable[Finding]) -> Iterator[Finding]:
    """The findings whose claim may be a whole layer's count."""
    for finding in findings:
        if part_claim(prose, finding.start, finding.end) is None:
            yield finding
