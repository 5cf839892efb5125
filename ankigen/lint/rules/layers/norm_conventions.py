"""A normalisation layer's count against the convention its own note states (AG104).

Two conventions an author writes down and then forgets one line later:

- A batch normalisation counted with its moving statistics: the note says the layer is
  "counted as 4 x units", or the count's own line lists the moving (running) mean and
  variance beside gamma and beta among what it counts ("params = 2 x 256 = 512 (gamma + beta
  + moving stats)"). The layer then holds 4·C, not the 2·C of gamma and beta alone. A count
  labelled as the trainable or non-trainable share is 2·C and left alone.
- An affine group, instance or layer normalisation: the note says it is affine (``affine``,
  "learnable gamma, beta", ``elementwise_affine=True``), so it learns a scale and a shift
  per channel, 2·C; a count of C on its own line gives it one of the two.

C is read on the count's line (the call's channels, "512 ch", "256 units", a table cell
before the count), else once in the note ("a 256-unit layer"). Each line is read once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern
from ankigen.lint.rules.layers.slip_claims import NoteLine, claims, note_lines, raw_body

_BN = GatedPattern(r"BatchNorm\w*|batch[- ]norm\w*|\bBN\b", re.IGNORECASE)
_AFFINE_NORMS = lazy_regex(
    r"\b(?:GroupNorm|InstanceNorm[123]?d?|LayerNorm|group[- ]norm\w*|instance[- ]norm\w*|"
    r"layer[- ]norm\w*)",
    re.IGNORECASE,
)
# "counted as 4 x units", "4·C per layer": the note counts the moving statistics too
_FOUR_PER_UNIT = lazy_regex(
    r"(?<![\w.,])4\s*(?:[x\N{MULTIPLICATION SIGN}*\N{MIDDLE DOT}]|\\times|\\cdot)\s*"
    r"(?:units|channels|features|C)\b",
    re.IGNORECASE,
)
_MOVING = lazy_regex(r"\b(?:moving|running)[ _](?:stat|mean|var)", re.IGNORECASE)
_GAMMA_BETA = lazy_regex(
    r"gamma|\\gamma|\N{GREEK SMALL LETTER GAMMA}|beta|\\beta|\N{GREEK SMALL LETTER BETA}|scale",
    re.IGNORECASE,
)
_SHARE = lazy_regex(r"trainable|buffer", re.IGNORECASE)
# a line that drops the shift ("LayerNorm(768, bias=False)") counts the scale alone
_NO_SHIFT = lazy_regex(r"bias\s*=\s*False|\bno\s+bias|\bwithout\s+(?:a\s+)?bias", re.I)
_AFFINE = lazy_regex(
    r"\baffine\b(?!\s*=\s*False)|elementwise_affine\s*=\s*True|"
    r"\blearn(?:able|ed)\s+(?:\$?\\?gamma|\N{GREEK SMALL LETTER GAMMA}|scale)",
    re.IGNORECASE,
)
_NOT_AFFINE = lazy_regex(r"affine\s*=\s*False|\bnon-?affine\b|\bwithout\s+affine", re.I)
_LINE_CHANNELS = (
    # GroupNorm(groups, channels): the channels are the second argument
    lazy_regex(r"GroupNorm\(\s*\d+\s*,\s*(\d+)"),
    lazy_regex(r"(?:BatchNorm\w*|InstanceNorm\w*|LayerNorm)\(\s*(\d+)"),
    lazy_regex(r"(?<![\w.,])(\d+)\s*(?:ch|channels|units|features)\b", re.IGNORECASE),
)
_NOTE_WIDTH = lazy_regex(r"(?<![\w.,])(\d+)[- ](?:unit|channel|feature)s?\b", re.IGNORECASE)
_CELL_NUMBER = lazy_regex(r"\|\s*(\d{1,3}(?:,\d{3})+|\d+)\s*(?=\|)")


def _one(values: set[int]) -> int | None:
    return values.pop() if len(values) == 1 else None


def _channels(line: NoteLine, claim_at: int, note_width: int | None) -> int | None:
    before = line.text[: claim_at - line.start]
    for pattern in _LINE_CHANNELS:
        found = {int(match[1]) for match in pattern.finditer(before)}
        if found:
            return _one(found)
    if before.lstrip().startswith("|"):  # "| BatchNorm | 1024 | 2,048 |": the output cell
        cells = {int(m[1].replace(",", "")) for m in _CELL_NUMBER.finditer(before)}
        if cells:
            return _one(cells)
    return note_width


def _finding(start: int, end: int, message: str) -> Finding:
    return Finding(start, end, f"{message}: correct the count")


def norm_convention_findings(document: LintDocument) -> Iterator[Finding]:
    body = raw_body(document)
    batch, affine_norm = _BN.search(body), _AFFINE_NORMS.search(body)
    if batch is None and affine_norm is None:
        return
    four_in_note = _FOUR_PER_UNIT.search(body) is not None
    affine = _AFFINE.search(body) is not None and _NOT_AFFINE.search(body) is None
    note_width = _one({int(match[1]) for match in _NOTE_WIDTH.finditer(body)})
    for line in note_lines(document):
        text = line.text
        moving_here = _MOVING.search(text) is not None and _GAMMA_BETA.search(text) is not None
        is_bn = _BN.search(text) is not None or (batch is not None and moving_here)
        is_affine = affine and _AFFINE_NORMS.search(text) is not None and not _NO_SHIFT.search(text)
        if not (is_bn or is_affine) or _SHARE.search(text):
            continue
        row = text.lstrip().startswith("|")
        last_cell = text.rstrip().rstrip("|").rfind("|") + line.start
        for claim in claims(line, minimum=2):
            if row and claim.start < last_cell:
                continue  # a table row's count is its last cell; the others set it up
            channels = _channels(line, claim.start, None if row else note_width)
            if channels is None or channels < 2:
                continue
            if is_bn and (four_in_note or moving_here) and claim.value == 2 * channels:
                yield _finding(
                    claim.start,
                    claim.end,
                    f"the note counts a batch normalisation with its moving statistics: "
                    f"gamma, beta, moving mean and variance over {channels:,} channels are "
                    f"4·{channels:,} = {4 * channels:,}, not {claim.value:,} (2·C is gamma "
                    "and beta alone)",
                )
                break
            if is_affine and claim.value == channels:
                yield _finding(
                    claim.start,
                    claim.end,
                    f"an affine normalisation learns a scale and a shift per channel: "
                    f"2·{channels:,} = {2 * channels:,}, not {claim.value:,}",
                )
                break
