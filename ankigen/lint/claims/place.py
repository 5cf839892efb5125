"""A claim found in the reader's view, placed in the file: its offsets, line, written text and
label as written."""

from __future__ import annotations

from ankigen.lint.claims.flat import Flat
from ankigen.lint.claims.model import Claim, Surface
from ankigen.lint.claims.relations import Found
from ankigen.lint.document import LintDocument


def placed(
    document: LintDocument,
    flat: Flat,
    found: Found,
    surface: Surface,
    label_text: str | None = None,
) -> Claim:
    """``found`` as a ``Claim``; ``label_text`` is a label taken from elsewhere (a header)
    when the view holds none."""
    start, end = flat.file_span(found.start, found.end)
    while end < flat.end and document.text[end] == "}" and _open_braces(document.text[start:end]):
        end += 1  # "10^{-4}": the exponent's brace belongs to the number as written
    label = label_text
    if found.label is not None:
        first, last = flat.file_span(*found.label)
        label = document.text[first:last]
    return Claim(
        start,
        end,
        document.position(start)[0],
        found.value,
        document.text[start:end],
        surface,
        label,
        found.kind,
    )


def _open_braces(written: str) -> bool:
    return written.count("{") > written.count("}")
