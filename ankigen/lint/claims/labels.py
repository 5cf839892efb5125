"""The label of a claimed number in the reader's view: the words after it ("50 iterations per
epoch") or the subject before its connective ("steps per epoch = 50"), as spans of the view."""

from __future__ import annotations

from ankigen.lint.claims import lexicon
from ankigen.lint.claims.model import RESULT_KINDS
from ankigen.lint.lazy_pattern import lazy_regex

# Up to four words after a number (a unit, a noun, "per epoch", "iters/epoch", "Param #"),
# ending at punctuation or at a word that starts a new clause.
_STOP = (
    r"(?!(?:and|or|but|so|which|because|when|if|with|while|as|since|than|not|vs|the|a|an"
    r"|in|at|on|for|from|after|before|by|to|into|here|there|now|then)\b)"
)
_WORD = r"[A-Za-z_#(](?:[\w#'/()-]|\.(?=\w))*"
_AFTER = lazy_regex(rf"[ \t]*(?P<label>%|{_STOP}{_WORD}(?:[ \t]+{_STOP}{_WORD}){{0,3}})")
_TRAILING = lazy_regex(r"[\s.,;:()'-]+$")
# Where the subject before a connective begins: a clause mark, a list marker or a table bar.
_CLAUSE_START = lazy_regex(
    r".*(?:[.;!?|(\[]\s|[,;|]|\bso\b|\bthus\b|\bthen\b|\band\b|^\s*(?:[-*+]|\d+[.)])\s)"
)
# Trailing words with no digit and no operator: "H_out", "steps per epoch", "len(loader)".
_SUBJECT = lazy_regex(
    r"(?<![\w.-])[A-Za-z_][A-Za-z_'()/.#-]*(?:[ \t]+[A-Za-z_][A-Za-z_'()/.#-]*){0,4}"
    r"[ \t:=\u2014\u2013-]*$"
)


# Words that open a phrase but name nothing: "with p", "and the stride".
_LEADING_STOPS = lazy_regex(r"(?:(?:with|and|the|a|an|of|for|at|on|in|so|then|by)[ \t]+)*")


def after(text: str, end: int, stop: int) -> tuple[int, int] | None:
    """The label words right after a number ending at ``end`` (not past ``stop``)."""
    match = _AFTER.match(text, end, stop)
    if match is None:
        return None
    start, finish = match.span("label")
    finish = start + len(_TRAILING.sub("", text[start:finish]))
    return (start, finish) if finish > start else None


def before(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The subject words of ``text[start:end]`` (the text before a connective): the words
    after its last clause mark and after its last number or operator; None when there are
    none ("50,000 / 32" has no subject, "steps per epoch" is one)."""
    segment = text[start:end]
    cut = _CLAUSE_START.match(segment)
    first = start + (cut.end() if cut else 0)
    words = _SUBJECT.search(text, first, end)
    if words is None:
        return None
    start = words.start() + len(_LEADING_STOPS.match(words.group(0)).group(0))  # type: ignore[union-attr]
    finish = words.start() + len(words.group(0).rstrip(" \t:=\u2014\u2013-"))
    return (start, finish) if finish > start else None


# The words that open a clause up to its first relation: "Steps per epoch: 1,280,000 / 256".
_LEADING = lazy_regex(
    r"[ \t]*(?P<words>[A-Za-z_][A-Za-z_'()/.#-]*(?:[ \t]+[A-Za-z_][A-Za-z_'()/.#-]*){0,5})[ \t]*"
    r"(?:==|=|[:\u2248\u2192])"
)


def leading(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The words that open ``text[start:end]`` when a relation follows them directly."""
    match = _LEADING.match(text, start, end + 3)
    if match is None or match.end("words") > end:
        return None
    return match.span("words")


def best(text: str, spans: list[tuple[int, int] | None]) -> tuple[int, int] | None:
    """Of the spans whose words name a result kind, the one the lexicon names first (its
    specific wordings come first: "steps per epoch = … = 1,563 iterations" counts steps per
    epoch); else the first span at all."""
    found = [span for span in spans if span is not None]
    ranked = [
        (lexicon.rank(text[span[0] : span[1]]), index, span)
        for index, span in enumerate(found)
        if lexicon.reading(text[span[0] : span[1]]) in RESULT_KINDS
    ]
    if ranked:
        return min(ranked)[2]
    return found[0] if found else None
