"""What one claim of a note is: a number the note states as a result, where it stands and what
it counts. The inventory (``claims.inventory``) finds them; nothing here reads a note."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from ankigen.lint.claims.wording import EXACT, Wording

_AS_WRITTEN = Wording(EXACT)  # until the inventory reads the words around the number


class Surface(StrEnum):
    """Where a claim sits: the written form that makes the number a stated result."""

    RELATION = "relation"  # after "=", "≈", "→", "\to", "gives", "is", "equals", a label's ":"
    BOLD = "bold"  # **61,035 steps**
    CLOZE = "cloze"  # {{c1::157}}
    HEADING = "heading"  # a heading's "→ 64"
    BARE = "bare"  # a paragraph that is only a number or a shape: "30x30."
    LIST_ITEM = "list-item"  # a bare item under a result header: "- conv2: 12"
    TABLE_CELL = "table-cell"  # a cell under a result header (also a formula header "q x s")
    COMMENT = "comment"  # a code comment: "# 62,500 steps", "len(loader)  # 157"
    PRINTED = "printed"  # what a print or a log shows, on the line below or in an output block
    IDENTIFIER = "identifier"  # a result's name given a literal: "total_steps = 9000"


class Kind(StrEnum):
    """What a claimed number counts, read from its label through ``data/claim_kinds.yaml``."""

    STEPS_PER_EPOCH = "steps-per-epoch"
    TOTAL_STEPS = "total-steps"
    PARAMETERS = "parameters"
    OUTPUT_SIZE = "output-size"
    TOKENS = "tokens"
    SAMPLES = "samples"
    BYTES = "bytes"
    OTHER = "other"  # a label the lexicon does not know ("loss", "mean")
    UNKNOWN = "unknown"  # no label at all


@dataclass(frozen=True)
class Claim:
    """One number a note states as a result. Offsets are the document's; ``line`` is the
    file's 1-based line; ``label`` is the words that say what the number counts, exactly as
    written (a noun after it, the subject or identifier before it, a column's or list's
    header), or None. Claims sort by where they stand."""

    start: int
    end: int
    line: int
    value: Fraction
    text: str  # the number as written ("62,500", "3.2 \times 10^{-4}", "1.2M")
    surface: Surface
    label: str | None
    kind: Kind
    # The label names no kind: ``kind`` is the one the header above names (a list's intro,
    # a table's column, a heading, the question), a reading, not the claim's own words.
    kind_from_header: bool = False
    # What the words around the number let it claim: exact, about, a bound, or nothing to
    # check (negated, compared, hypothetical); ``claims.wording`` reads them.
    wording: Wording = _AS_WRITTEN

    def _key(self) -> tuple[int, int, str]:
        return self.start, self.end, self.surface

    def __lt__(self, other: Claim) -> bool:
        return self._key() < other._key()

    def __le__(self, other: Claim) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: Claim) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: Claim) -> bool:
        return self._key() >= other._key()


# The kinds a count of the number families may carry (a setting or a data size is an input).
RESULT_KINDS = frozenset(
    {
        Kind.STEPS_PER_EPOCH,
        Kind.TOTAL_STEPS,
        Kind.PARAMETERS,
        Kind.OUTPUT_SIZE,
        Kind.TOKENS,
        Kind.BYTES,
    }
)
