"""A gated feed-forward block counted as a plain two-matrix MLP (AG104).

A gated MLP (SwiGLU, GeGLU, ReGLU; Llama's ``gate_proj``, ``up_proj`` and ``down_proj``)
computes W_down(act(W_gate x) ⊙ W_up x): three d x d_ff matrices, 3·d·d_ff weights (plus
2·d_ff + d biases where it has them), where the ungated MLP it replaces has two. The slip
writes the ungated count for it: 2·d·d_ff (or 2·d·d_ff + d_ff + d) on a line that works out
the whole block, its factor 2 written as an operand ("2 x 4096 x 11008 = 90,177,536",
"2·d·d_ff = …"). d and d_ff are two numbers the note states, in any notation.

Left alone: a line that names one or two of the three matrices (the gate and up projections
together are 2·d·d_ff), a line that compares with or supposes a plain MLP ("a standard FFN
would have …"), and a note that states the three-matrix count anywhere (its 2·d·d_ff is then
a part or a comparison). The reading rests on the note naming the gate, so the finding is
graded with the other convention slips.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import combinations

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.slip_claims import claims, note_lines, raw_body, value_of

# The note's block is gated: by the variant's name, by Llama's names of the gate, or by the
# words; a bare "GLU" only beside an MLP's name (a Conformer's GLU follows a convolution).
_GATED = lazy_regex(
    r"\b(?:Swi|Ge|Re)GLU\b|\bgated[ \t]+(?:MLP|FFN|feed-?forward)|\bgate_proj\b|\bw_?gate\b"
    r"|\bGLU[ \t]+(?:MLP|FFN|feed-?forward|variant)|\b(?:MLP|FFN)[ \t]+with[ \t]+(?:a[ \t]+)?GLU\b",
    re.IGNORECASE,
)
# Any whole number the note writes ("4096", "11,008", "11{,}008").
_NUMBER = lazy_regex(
    r"(?<![\w.,{}\\])(?:\d{1,3}(?:(?:,|\{,\}|\\,)\d{3})+|\d+)(?![\w%]|[.,]\d|\{,\}\d|\\,\d)"
)
# The factor 2 as an operand: "2 x 4096", "2 * 4096", "2 \cdot d", "2·d", "x 2" (any times sign).
_TWO = lazy_regex(
    r"(?<![\w.,])2[ \t]*"
    r"(?:[\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DOT OPERATOR}*x]|\\times|\\cdot)"
    r"|(?:[\N{MULTIPLICATION SIGN}*]|\\times)[ \t]*2(?![\w.,])"
)
# Names of the three matrices: a line naming some but not all of them counts a part.
_MATRICES = (
    lazy_regex(r"\bgate\w*|\bW_?\{?1\}?(?![\d\w])|\bw_?1\b", re.IGNORECASE),
    lazy_regex(r"\bup(?:[-_ ]?proj\w*|[ \t]+projection)|\bW_?\{?3\}?(?![\d\w])|\bw_?3\b|\bV\b"),
    lazy_regex(r"\bdown\w*|\bW_?\{?2\}?(?![\d\w])|\bw_?2\b", re.IGNORECASE),
)
# A line about the plain MLP, or a supposition: "a standard FFN", "a ReLU MLP", "would need".
_CONTRAST = lazy_regex(
    r"\b(?:standard|vanilla|plain|classic|original|ordinary|usual|non-?gated|ungated|"
    r"two-matrix|same|match\w*|equal\w*|compar\w*|instead|would|if|versus|vs)\b"
    # (the activation alone is no contrast: a GeGLU's gate goes through a GELU)
    r"|\b(?:ReLU|GELU)[ \t]+(?:MLP|FFN|feed-?forward|block)",
    re.IGNORECASE,
)
_SMALLEST_WIDTH = 16
_MOST_NUMBERS = 60  # a note of more numbers is no block's derivation: pairs are not tried


def gated_mlp_findings(document: LintDocument) -> Iterator[Finding]:
    body = raw_body(document)
    if not _GATED.search(body):
        return
    numbers = {value_of(m.group()) for m in _NUMBER.finditer(body)}
    if len(numbers) > _MOST_NUMBERS:
        return
    widths = sorted(n for n in numbers if n >= _SMALLEST_WIDTH)
    # (d, d_ff) pairs whose three-matrix count the note does not state anywhere
    pairs = [
        (d, d_ff)
        for d, d_ff in combinations(widths, 2)
        if 3 * d * d_ff not in numbers and 3 * d * d_ff + 2 * d_ff + d not in numbers
    ]
    if not pairs:
        return
    for line in note_lines(document):
        if _TWO.search(line.text) is None or _CONTRAST.search(line.text):
            continue
        named = sum(1 for pattern in _MATRICES if pattern.search(line.text))
        if 0 < named < len(_MATRICES):
            continue
        for claim in claims(line, minimum=2 * _SMALLEST_WIDTH):
            for d, d_ff in pairs:
                if claim.value == 2 * d * d_ff:
                    right, biases = 3 * d * d_ff, ""
                elif claim.value == 2 * d * d_ff + d_ff + d:
                    right, biases = 3 * d * d_ff + 2 * d_ff + d, f" + 2·{d_ff:,} + {d:,}"
                else:
                    continue
                yield Finding(
                    claim.start,
                    claim.end,
                    f"a gated MLP has three {d:,} x {d_ff:,} matrices (gate, up and down), not "
                    f"the two of a plain MLP: 3·{d:,}·{d_ff:,}{biases} = {right:,} parameters, "
                    f"not {claim.value:,}: correct the count",
                )
                break
