"""A claim found in the reader's view, placed in the file: its offsets, line, written text and
label as written."""

from __future__ import annotations

from ankigen.lint.claims import lexicon
from ankigen.lint.claims.flat import Flat
from ankigen.lint.claims.model import RESULT_KINDS, Claim, Kind, Surface
from ankigen.lint.claims.relations import Found
from ankigen.lint.document import LintDocument


def placed(
    document: LintDocument,
    flat: Flat,
    found: Found,
    surface: Surface,
    label_text: str | None = None,
    header: str | None = None,
    bound: bool = False,
) -> Claim:
    """``found`` as a ``Claim``; ``label_text`` is a label taken from elsewhere (a header)
    when the view holds none. A claim whose label names no kind takes the result kind the
    ``header`` it stands under names (a heading, the question), marked so; a ``bound`` header
    is the claim's own (the line its list hangs under, as a column's header for a cell): its
    kind is the label's, unmarked."""
    start, end = flat.file_span(found.start, found.end)
    while end < flat.end and document.text[end] == "}" and _open_braces(document.text[start:end]):
        end += 1  # "10^{-4}": the exponent's brace belongs to the number as written
    label = label_text
    if found.label is not None:
        first, last = flat.file_span(*found.label)
        label = document.text[first:last]
    kind, from_header = found.kind, False
    if kind in (Kind.OTHER, Kind.UNKNOWN) and header:
        named = lexicon.header_kind(header)
        if named in RESULT_KINDS:
            kind, from_header = named, not bound
            label = label or header
    return Claim(
        start,
        end,
        document.position(start)[0],
        found.value,
        document.text[start:end],
        surface,
        label,
        kind,
        from_header,
    )


def _open_braces(written: str) -> bool:
    return written.count("{") > written.count("}")
