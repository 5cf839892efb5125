"""Where a text names the authors of a cited work: "Blei et al. (2017)", "Mohamed, Rosca,
Figurnov and Mnih, "Monte Carlo …"", "(Kingma and Ba, 2015)". Such words are surnames, not
slips of a technical name ("Blei" is no BLEU, "Mnih" no MNIST): AG112 leaves them alone."""

from __future__ import annotations

from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

_NAME = r"(?-i:[A-Z])[\w'\u2019-]+"
# A list of surnames, then what makes it a citation: "et al.", a year in brackets or after a
# comma, or a work's title in quotes or italics.
_AUTHOR_LIST = lazy_regex(
    rf"(?<![\w.-]){_NAME}(?:[ \t]*,[ \t]*{_NAME})*(?:[ \t]*,?[ \t]+(?:and|&)[ \t]+{_NAME})?"
    r"(?=[ \t]+et[ \t]+al\b|[ \t]*\([ \t]*(?:19|20)\d\d[a-z]?[ \t]*\)|[ \t]*,[ \t]*(?:19|20)\d\d"
    r"[a-z]?\b|[ \t]*,[ \t]*[\"\u201c*_])"
)


def citation_name_spans(document: LintDocument) -> list[tuple[int, int]]:
    """The spans of the prose that list the authors of a cited work (memoised per note)."""
    return document.memo("citation-name-spans", lambda: _spans(document))


def _spans(document: LintDocument) -> list[tuple[int, int]]:
    prose = document.prose
    return [match.span() for match in _AUTHOR_LIST.finditer(prose, document.body_offset)]


def in_citation(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(begin <= start and end <= stop for begin, stop in spans)
