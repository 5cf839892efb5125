"""Whether a note's loader keeps or drops the last partial batch (issue #12, generalisation
study §6.5 step 4: a convention of the set-up as a node of its own).

A note says it by a flag (``drop_last=True``, ``drop_remainder=False``) or in words ("the last
partial batch is kept", "drops the incomplete batch", "without ``drop_remainder``"). The
convention is the note's only when every way it says it agrees: a note that names both
("469 with ``drop_last=False``, 468 with ``drop_last=True``") sets none, and each count may then
take either rounding. A sentence that supposes the other setting ("With ``drop_last=True`` it
is 390", "it would be 390 if the last batch were dropped") is a scenario of its own, no
convention of the note.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from enum import StrEnum

from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex


class LastBatch(StrEnum):
    KEPT = "kept"  # the partial batch still runs: ceil(N / B) batches
    DROPPED = "dropped"  # floor(N / B)


_KEEPS = lazy_regex(
    r"\b(?:drop_last|drop_remainder)[\"'`]?[ \t]*[=:][ \t]*[\"'`]?False\b"
    r"|\bwithout[ \t]+(?:a[ \t]+|the[ \t]+)?`?(?:drop_last|drop_remainder)\b"
    r"|\b(?:last|final|partial|incomplete|smaller|ragged)[ \t]+(?:(?:partial|last)[ \t]+)?"
    r"(?:mini-?)?batch(?:[ \t]+(?:is|gets|still|then))?[ \t]+"
    r"(?:kept|retained|counted|counts|still[ \t]+runs|runs)\b"
    # a partial last batch stated with its size runs: "the last one holding 200 logs"
    r"|\b(?:last|final)[ \t]+(?:one|(?:partial[ \t]+)?batch)[ \t]+(?:holding|holds|has|with"
    r"|contains|containing)[ \t]+(?:only[ \t]+|just[ \t]+)?\d"
    r"|\bkeeps?[ \t]+the[ \t]+(?:last|final|partial|incomplete)[ \t]+"
    r"(?:(?:partial|last)[ \t]+)?batch",
    re.I,
)
_DROPS = lazy_regex(
    r"\b(?:drop_last|drop_remainder)[\"'`]?[ \t]*[=:][ \t]*[\"'`]?True\b"
    # ("drop remainder?" heading a table column asks, per row)
    r"|\bdrop(?:s|ping)?[ \t]+(?:the[ \t]+)?remainder\b(?![ \t]*[?|])"
    r"|\b(?:drops?|discards?|skips?)[ \t]+the[ \t]+(?:last|final|partial|incomplete|remaining)"
    r"[ \t]+(?:(?:partial|last)[ \t]+)?(?:mini-?)?batch"
    r"|\b(?:last|final|partial|incomplete)[ \t]+(?:(?:partial|last)[ \t]+)?(?:mini-?)?batch"
    r"(?:[ \t]+(?:is|gets))?[ \t]+(?:dropped|discarded|skipped)\b",
    re.I,
)
# a flag named without a value: "with drop_last", "``drop_remainder``" (not "drop_last=False")
_BARE_FLAG = lazy_regex(r"\b(?:drop_last|drop_remainder)\b(?![\"'`]?[ \t]*[=:])", re.I)
# A sentence: up to a full stop before a space, or a line's end (a list item, a table row).
_SENTENCE = lazy_regex(r"[^\n]*?(?:\.(?=\s)|\n|$)")
# A supposed setting: a sentence that opens with its condition, or speaks in the conditional.
_SUPPOSED = lazy_regex(
    r"^[ \t>*_-]*(?:with|if|had|when|setting|using|under)\b"
    r"|\b(?:would|could|otherwise|instead|were|alternatively|imagine|assum\w*|suppos\w*|unless)\b"
    r"|'d\b",
    re.I,
)
_ALTERNATIVE = lazy_regex(
    r"[,;][ \t]*(?:or|and|but|vs\.?|versus)[ \t]+\d[\d,]*[ \t]+(?:\w+[ \t]+)?with[ \t]+`?$",
    re.I,
)
_HEADING = lazy_regex(r"[ \t]{0,3}#{1,6}[ \t]")
_WITHOUT = lazy_regex(r"\bwithout[ \t]+(?:a[ \t]+|the[ \t]+)?`?$", re.I)


def last_batch(document: LintDocument) -> LastBatch | None:
    """The note's one convention for the last partial batch, or None (unstated or both)."""

    def read() -> LastBatch | None:
        from ankigen.lint.arith.epochs import supposed_setting

        keeps = drops = False
        note = document.text
        for sentence in _SENTENCE.finditer(note, document.body_offset):
            text = sentence[0]
            if _SUPPOSED.search(text):
                continue

            def stated(match: re.Match[str], at: int = sentence.start()) -> bool:
                # a clause that supposes it: "(312 if we passed drop_last=True)", or offers
                # the other setting's count: "105 batches, or 104 with drop_last=True"
                flag = at + match.start()
                if _ALTERNATIVE.search(note, max(at, flag - 80), flag):
                    return False
                return not supposed_setting(note, at + match.start(), at + match.end())

            keeps = keeps or any(stated(m) for m in _KEEPS.finditer(text))
            drops = (
                drops
                or any(stated(m) for m in _DROPS.finditer(text))
                or any(
                    _WITHOUT.search(text, 0, bare.start()) is None and stated(bare)
                    for bare in _BARE_FLAG.finditer(text)
                    if not _HEADING.match(text)  # "# drop_last": the card's topic, no setting
                )
            )
        if keeps == drops:
            return None
        return LastBatch.KEPT if keeps else LastBatch.DROPPED

    return document.memo("claims-last-batch", read)


def in_supposed_sentence(document: LintDocument, offset: int) -> bool:
    """Whether the sentence holding ``offset`` supposes a setting ("With ``drop_last=True``
    the loader gives 46 batches"): its count is that scenario's, whatever the note's own
    convention."""

    def sentences() -> tuple[list[int], list[tuple[int, bool]]]:
        found = [
            (sentence.start(), sentence.end(), _SUPPOSED.search(sentence[0]) is not None)
            for sentence in _SENTENCE.finditer(document.text, document.body_offset)
        ]
        return [start for start, _, _ in found], [(end, supposed) for _, end, supposed in found]

    starts, ends = document.memo("claims-sentences", sentences)
    index = bisect_right(starts, offset) - 1
    return index >= 0 and offset < ends[index][0] and ends[index][1]
