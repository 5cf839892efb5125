"""The learned prose-line classifier at lint time (issue #12): warnings where the rules of
the open-ended prose families have no finding on a line.

The regex and vocabulary detectors of AG130, AG131, AG132, AG136 and AG137 propose nothing
for a wording they were not written for. One-vs-rest logistic regressions over the hashed
words, character 4-grams and context of each body line (``line_features.py``), trained by
``scripts/train_line_classifier.py`` on the development batches and frozen in
``data/line_classifier.txt``, say which family a line belongs to; a line scored at or above
the file's threshold for a code whose rule reported nothing on that line gets a warning of
that code, for the codes the file reports and the rules that set ``learned_lines``. Off
today: no rule sets it and the file reports no code (docs/generalisation-study.md, section
8, says why). Pure Python: no numpy at lint time (import cost, issue #14); the weights load on
first use.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

from ankigen.diagnostics import Severity
from ankigen.lint.data_files import LineClassifierWeights, data_line_classifier
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.line_features import BUCKETS, body_lines, line_features

WEIGHTS_FILE = "line_classifier.txt"


@cache
def _weights() -> LineClassifierWeights:
    weights = data_line_classifier(WEIGHTS_FILE)
    if weights["buckets"] != BUCKETS:
        raise ValueError(f"{WEIGHTS_FILE} was trained on another feature space: retrain it")
    return weights


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


def classify(lines: Sequence[str], index: int, in_code: bool) -> tuple[str, float]:
    """The most likely code of line ``index`` and its probability."""
    model = _weights()
    totals = [0.0] * len(model["codes"])
    for bucket in line_features(lines, index, in_code):
        row = model["weights"].get(bucket)
        if row is not None:
            for k, weight in enumerate(row):
                totals[k] += weight
    best = max(range(len(totals)), key=lambda k: totals[k])
    return model["codes"][best], _sigmoid(totals[best])


def _classified(document: LintDocument, reported: frozenset[str]) -> dict[int, str]:
    """File line -> the code of ``reported`` its body line is classified as, at or above the
    threshold."""
    threshold = _weights()["threshold"]
    lines, in_code = body_lines(document.text[document.body_offset :])
    first = document.position(document.body_offset)[0]
    found = {}
    for index, text in enumerate(lines):
        if text.strip():
            code, probability = classify(lines, index, in_code[index])
            if probability >= threshold and code in reported:
                found[first + index] = code
    return found


def learned_findings(
    document: LintDocument,
    code: str,
    found: Sequence[Finding],
    reported: frozenset[str] | None = None,
) -> list[Finding]:
    """Warnings of ``code`` on the lines classified as ``code`` that none of ``found`` (the
    rule's own findings) is on. ``reported``: the codes that may be reported, by default the
    weights file's."""
    codes = _weights()["reported"] if reported is None else reported
    if code not in codes:
        return []
    classified = document.memo(
        f"line-classifier:{' '.join(sorted(codes))}", lambda: _classified(document, codes)
    )
    lines = [line for line, label in classified.items() if label == code]
    if not lines:
        return []
    ruled = {document.position(f.start)[0] for f in found}
    extra = []
    for line in sorted(set(lines) - ruled):
        start = document.offset_of_line(line)
        end = document.text.find("\n", start)
        end = len(document.text) if end < 0 else end
        text = document.text[start:end]
        start += len(text) - len(text.lstrip())
        extra.append(
            Finding(
                start,
                end,
                "this line reads like one of this rule's family (a learned classifier, not a "
                "pattern): check it and remove or rewrite it if so",
                severity=Severity.WARNING,
            )
        )
    return extra
