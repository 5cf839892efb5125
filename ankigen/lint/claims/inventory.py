"""Every claim of a note, once, in file order: the prose scan, the tables and the code, a
number claimed by several readings kept under the most specific surface. Computed once per
document (``LintDocument.memo``), like the rules' other shared analyses."""

from __future__ import annotations

from dataclasses import replace

from ankigen.lint import stage_trace
from ankigen.lint.claims.code import code_claims
from ankigen.lint.claims.model import RESULT_KINDS, Claim, Kind, Surface
from ankigen.lint.claims.prose import prose_claims
from ankigen.lint.claims.tables import table_claims, without_code
from ankigen.lint.claims.wording import wording
from ankigen.lint.document import LintDocument
from ankigen.lint.number_gate import writes_a_number

# When one number is claimed twice: the reading that says most about it wins.
_PRECEDENCE = {
    surface: rank
    for rank, surface in enumerate(
        (
            Surface.IDENTIFIER,
            Surface.PRINTED,
            Surface.COMMENT,
            Surface.HEADING,
            Surface.RELATION,
            Surface.TABLE_CELL,
            Surface.LIST_ITEM,
            Surface.BARE,
            Surface.CLOZE,
            Surface.BOLD,
        )
    )
}


def inventory(document: LintDocument) -> tuple[Claim, ...]:
    """The note's claims, sorted by position."""
    return document.memo("claim-inventory", lambda: _inventory(document))


def _inventory(document: LintDocument) -> tuple[Claim, ...]:
    if not writes_a_number(document):
        return ()
    best: dict[tuple[int, int], Claim] = {}
    found = [
        *prose_claims(document),
        *table_claims(document, without_code(document)),
        *code_claims(document),
    ]
    for claim in found:
        key = (claim.start, claim.end)
        held = best.get(key)
        if held is None or _rank(claim) < _rank(held):
            best[key] = claim
    # the wording is read on the file itself: a claim may stand in math, a comment or a log
    text = document.text
    claims = tuple(
        replace(claim, wording=wording(text, claim.start, claim.end))
        for claim in sorted(best.values())
    )
    if stage_trace.on():
        for claim in claims:
            family = _FAMILY.get(claim.kind)
            if family is not None:
                stage_trace.record("claim", family, claim.start, document=document)
    return claims


# The number family a claim's kind belongs to, for the stage trace.
_FAMILY = {
    Kind.STEPS_PER_EPOCH: stage_trace.EPOCHS,
    Kind.TOTAL_STEPS: stage_trace.EPOCHS,
    Kind.PARAMETERS: stage_trace.PARAMS,
    Kind.OUTPUT_SIZE: stage_trace.CONV,
}


def _rank(claim: Claim) -> tuple[int, bool]:
    """Its surface first; on the same surface, a kind its label names beats a header's or
    none ("| 3·3·32·64 = 18,432 |" under "Params")."""
    named = claim.kind in RESULT_KINDS and not claim.kind_from_header
    return _PRECEDENCE[claim.surface], not named
