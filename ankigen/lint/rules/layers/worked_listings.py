"""The worked listings of a note, each judged under the rule the note itself states: a formula
with its operands substituted, a progression of sizes, a column of sizes, a Flatten row, a
fraction rounded up where the note's layer floors."""

from __future__ import annotations

from collections.abc import Iterator

from ankigen.lint.claims.wording import worded
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.rules.layers.flatten_rows import flatten_findings
from ankigen.lint.rules.layers.formula_substitution import substitution_findings
from ankigen.lint.rules.layers.labelled_claims import labelled_findings
from ankigen.lint.rules.layers.rounded_results import rounded_up_findings
from ankigen.lint.rules.layers.scope import layer_prose
from ankigen.lint.rules.layers.size_progressions import column_findings, halving_findings


def worked_findings(document: LintDocument) -> Iterator[Finding]:
    found = [
        *substitution_findings(document),
        *halving_findings(document),
        *column_findings(document),
        *flatten_findings(document),
        *labelled_findings(document),
    ]
    yield from worded(layer_prose(document), found, strict=True)
    # "rounded up to 8" is the claim's own wording here, never a hedge of it
    yield from rounded_up_findings(document)
