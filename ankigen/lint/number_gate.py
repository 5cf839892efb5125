"""The number gate of the number rules (AG101-AG104).

Those rules judge claims, and every claim is a number the note writes: a result, a size, a count,
each compared with what the note's other numbers give. A note whose body writes no number at all
(no digit and no number word, once a cloze's ``{{c1::`` ordinal is set aside) holds no claim, so
the rules skip it whole. The findings are the same; on such a note each rule would otherwise run
a few hundred pattern searches to find nothing (docs/performance.md, "Session 20").
"""

from __future__ import annotations

from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import NUMBER_START

# A cloze's ordinal is the only digit a cloze adds: "{{c2::token}}" writes no number.
_CLOZE_ORDINAL = lazy_regex(r"\{\{c\d+::")


def writes_a_number(document: LintDocument) -> bool:
    """Whether the note's body writes a digit or a number word anywhere (prose, math, code,
    a cloze's answer or hint): the first look of ``numbers.NUMBER_START``, which never misses a
    number. Computed once per note; the four number rules ask."""
    return document.memo("writes-a-number", lambda: _writes_a_number(document.body))


def _writes_a_number(body: str) -> bool:
    return NUMBER_START.search(_CLOZE_ORDINAL.sub("{{c::", body)) is not None
