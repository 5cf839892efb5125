"""Numbers a line states as results in the reader's view (``flat``): the number after "=",
"≈", "→", "gives", "is", "equals", a label's ":", that ends its operand ("= 50 iterations",
not "= 50 x 4"), and shapes written after one ("→ 30x30x64", "→ (N, 64, 196)").

Whether the connective makes the number a result depends on its label: "=" after a
calculation always does, "W = 32" (a setting) or "x = 5" (a name without a kind) does not;
"is", "has" and ":" need a label of a result kind ("has 1.2M parameters", "Steps per epoch:
157"), so "the batch size is 32" and "the data set has 50,000 images" stay inputs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from ankigen.lint.claims import labels, lexicon
from ankigen.lint.claims.flat import Token
from ankigen.lint.claims.model import RESULT_KINDS, Kind
from ankigen.lint.lazy_pattern import lazy_regex

_SYMBOLS = (
    "=",
    "==",
    "\N{ALMOST EQUAL TO}",
    "\N{ASYMPTOTICALLY EQUAL TO}",
    "\N{APPROXIMATELY EQUAL TO}",
)
_ARROW = "\N{RIGHTWARDS ARROW}"
# Verbs that state a result whatever their subject; "to" and "into" end "maps … to", "turns …
# into", "goes from 32 to 16" (never "2 to 4": a range).
_VERBS = (
    r"gives?|giving|yields?|equals?|comes?[ \t]+to|results?[ \t]+in|produces?|returns?|leaves?"
    r"|comes?[ \t]+out(?:[ \t]+(?:as|at|with))?|ends?[ \t]+(?:up[ \t]+)?(?:at|as|with)"
    r"|outputs?|stays?|remains?|into|to"
)
# Verbs that state a count only of a result kind ("has 1.2M parameters", "needs 50 iterations";
# not "has 50,000 images", "uses 4 GPUs").
_COPULAS = (
    r"is|are|was|were|has|have|gets?|prints?|shows?|reports?|becomes?|needs?|takes?|makes?"
    r"|runs?|holds?|stores?|contains?|counts?|uses?|requires?|adds?|brings?|costs?|totals?"
    r"|trains?|means?|consists?[ \t]+of|amounts?[ \t]+to|sums?[ \t]+to"
)
_CONNECTIVE = lazy_regex(
    r"(?P<connective>==|(?<![=!<>])=|[\u2248\u2243\u2245\u2192:]"
    rf"|\b(?:{_VERBS})\b|\b(?:{_COPULAS})\b)"
    r"[ \t]*(?:(?:about|roughly|around|approximately|approx\.?|exactly|only|just|nearly|almost"
    r"|~|\u2248|a[ \t]+total[ \t]+of|in[ \t]+total|total|overall|of|over|under|now|then|still"
    r"|same|another"
    r"|an?|the|shape|size|output|outputs|final|length|width|height|depth|feature|map"
    r"|sequence|vector|tensor)[ \t]*)*"
    r"(?:torch\.Size\(|np\.array\(|array\()?"
    r"(?:[(\[][ \t]*(?:(?:None|[A-Za-z]\w{0,5})[ \t]*,[ \t]*)*)?$"
)
_RELATION = lazy_regex(r"==|(?<![=!<>])=(?!=)|[\u2248\u2243\u2245\u2192:]")
# A calculation on the left: an operator between numbers or names, a rounding bracket, a root.
_COMPUTATION = lazy_regex(
    r"\d[ \t]*[\u00d7x*/+\u00f7\u00b7^-][ \t]*[\d(]"
    r"|[\w)][ \t]+[\u00d7*/+\u00f7\u00b7\u2212-][ \t]+[\w(]"
    r"|[\w)][\u00d7*/\u00f7\u00b7][\w(]|[\u230a\u2308\u221a]|\b(?:floor|ceil|sqrt|round)\b"
)
# The number goes on as an operand, a range, a list, or the label of what follows.
_GOES_ON = lazy_regex(
    r"[ \t]*(?:[\u00d7*/+\u00f7\u00b7^]|x[ \t]*\d|-[ \t]*[\d(]|mod\b"
    r"|(?:\u2013|\u2014|-|to|or)[ \t]*\d|:[ \t]*\d|\.\.)"
)
_RELATION_NEXT = lazy_regex(r"[ \t]*(?:==|=|\u2248)")
_SHAPE_JOIN = lazy_regex(r"[ \t]*[\u00d7xX][ \t]*")
_TUPLE_JOIN = lazy_regex(r"[ \t]*,[ \t]*")
_TUPLE_END = lazy_regex(r"[ \t]*,?[ \t]*[)\]]")
# A word in a calculation that is not one of its functions.
_WORD_BETWEEN = lazy_regex(r"\b(?!(?:floor|ceil|sqrt|round|min|max|log|exp)\b)[A-Za-z]{3,}")
_KEYWORD = lazy_regex(r"[(,][ \t]*[A-Za-z_]\w*[ \t]*$")
_NUMBER_BEFORE = lazy_regex(r"\d[\d,.]*[ \t]*$")
# A count that is no size: a shape's "x" between such numbers is a calculation left unworked.
_COUNT_KINDS = frozenset(
    {Kind.PARAMETERS, Kind.STEPS_PER_EPOCH, Kind.TOTAL_STEPS, Kind.BYTES, Kind.TOKENS, Kind.SAMPLES}
)


@dataclass(frozen=True)
class Found:
    """A claim in view offsets, before it is placed in the file."""

    start: int
    end: int
    value: Fraction
    label: tuple[int, int] | None
    kind: Kind


def _runs(text: str, tokens: list[Token]) -> Iterator[list[int]]:
    """Token indices grouped into shapes ("30x30x64", "(8, 64, 196)") and single numbers."""
    index = 0
    while index < len(tokens):
        run = [index]
        for join, end in ((_SHAPE_JOIN, None), (_TUPLE_JOIN, _TUPLE_END)):
            while run[-1] + 1 < len(tokens):
                gap = join.fullmatch(text, tokens[run[-1]].end, tokens[run[-1] + 1].start)
                if gap is None:
                    break
                run.append(run[-1] + 1)
            if len(run) > 1:
                if end is not None and not end.match(text, tokens[run[-1]].end):
                    run = run[:1]  # a list of numbers, not a shape
                break
        yield run
        index = run[-1] + 1


def claims(
    text: str,
    tokens: list[Token],
    lo: int,
    hi: int,
    question: bool = False,
    loose: bool = False,
) -> Iterator[Found]:
    """The claims of ``text[lo:hi]`` (a line or a cell), given the view's number tokens;
    ``question``: the text is the note's question, whose ":" states givens; ``loose``: a code
    comment, where "n == 73,856" or "y: (8, 96, 99)" states a name's value whatever the name
    (its code decides)."""
    inside = [token for token in tokens if lo <= token.start and token.end <= hi]
    for run in _runs(text, inside):
        first, last = inside[run[0]], inside[run[-1]]
        previous_end = inside[run[0] - 1].end if run[0] > 0 else lo
        following = inside[run[-1] + 1].start if run[-1] + 1 < len(inside) else hi
        connective = _CONNECTIVE.search(text, previous_end, first.start)
        if connective is None or _GOES_ON.match(text, last.end, hi):
            continue
        if _RELATION_NEXT.match(text, last.end, hi) and (
            len(run) > 1 or connective.group("connective") not in _SYMBOLS
        ):
            continue  # "has 28 x 28 = 784 features": the operands of the next relation
        span = (first.start, last.end)
        shape = len(run) > 1
        found = _judged(text, lo, connective, span, following, hi, (question, shape, loose))
        if found is None:
            continue
        label, kind = found
        if len(run) > 1:
            if kind in _COUNT_KINDS:
                continue  # "params = 3 x 3 x 64": a calculation left unworked, not a shape
            kind = Kind.OUTPUT_SIZE
        for index in run:
            token = inside[index]
            yield Found(token.start, token.end, token.value, label, kind)


def _judged(
    text: str,
    lo: int,
    connective: re.Match[str],
    number: tuple[int, int],
    following: int,
    hi: int,
    flags: tuple[bool, bool, bool],
) -> tuple[tuple[int, int] | None, Kind] | None:
    """The label and kind of a number after ``connective``, or None when the connective does
    not make it a result."""
    question, shape, loose = flags
    word = connective.group("connective")
    if word in ("to", "into") and _NUMBER_BEFORE.search(text, lo, connective.start()):
        return None  # "2 to 4": a range
    clause = _clause_start(text, lo, connective.start())
    left = text[clause : connective.start()]
    opened = text[lo : connective.start()]
    if word == "=" and opened.count("(") > opened.count(")") and _KEYWORD.search(opened):
        return None  # "Conv2d(3, 64, kernel_size=3)": a call's keyword argument
    after = labels.after(text, number[1], min(following, hi))
    before = labels.before(text, clause, connective.start())
    if before is not None and _NUMBER_BEFORE.search(text, max(0, before[0] - 64), before[0]):
        before = None  # "a 227x227 input into": the unit of an operand, not a subject
    label = labels.best(text, [after, _chain_subject(text, clause, connective.start()), before])
    label_text = text[label[0] : label[1]] if label else None
    named = lexicon.reading(label_text)
    computed = bool(_COMPUTATION.search(left))
    if question and word == ":":
        return None  # "# TextCNN: 50 tokens, 300-d embeddings": a question lists its givens
    if word in _SYMBOLS and not loose and _sets_input(text, before, after):
        return None  # "5x5 convs with p = 0": a setting given its value
    if word in _SYMBOLS or word == ":":
        keep = computed or named in RESULT_KINDS or _names_result(text, label)
        keep = keep or loose
    elif word == _ARROW or re.fullmatch(_VERBS, word):
        keep = not (after and lexicon.names_input(text[after[0] : after[1]]))
        if word in ("to", "into") and before and lexicon.names_input(text[before[0] : before[1]]):
            keep = False  # "set the batch size to 16": a setting
    else:  # is, has, prints …
        keep = (
            named in RESULT_KINDS
            or ((computed or shape) and not lexicon.names_input(label_text))
            or _names_result(text, label)
        )
    if not keep:
        return None
    kind = lexicon.kind_of(label_text) if label else Kind.UNKNOWN
    if kind == Kind.UNKNOWN and word == _ARROW and _NUMBER_BEFORE.search(left):
        kind = Kind.OUTPUT_SIZE  # "96 → 92 → 46": a chain of sizes
    if kind == Kind.UNKNOWN and word in ("output", "outputs"):
        kind = Kind.OUTPUT_SIZE
    return label, kind


def _sets_input(text: str, before: tuple[int, int] | None, after: tuple[int, int] | None) -> bool:
    """The subject right before "=" names a setting ("p = 0", "batch size = 64"), is no unit
    of an operand ("4 GPUs = …") and no result follows the value ("epoch ≈ 5,714 iterations")."""
    if before is None or not lexicon.names_input(text[before[0] : before[1]]):
        return False
    return not (after and lexicon.reading(text[after[0] : after[1]]) in RESULT_KINDS)


def _chain_subject(text: str, clause: int, end: int) -> tuple[int, int] | None:
    """The words opening a chain of relations that ends at ``end``: "Steps per epoch" of
    "Steps per epoch: 1,280,000 / 256 = 5,000", when only calculation stands between."""
    first = _RELATION.search(text, clause, end)
    if first is None or first.start() == end:
        return None
    colon = text.rfind(": ", first.start(), end)
    if colon >= 0 and _WORD_BETWEEN.search(text, first.end(), end):
        # a colon that introduces the chain: "Keras keeps the last batch: steps = ceil(N / B)
        # = 334", "with `batch_size=64`: steps = …" (read once more from after the last one,
        # so the cost stays linear in the line)
        clause = colon + 1
        first = _RELATION.search(text, clause, end)
        if first is None or first.start() == end:
            return None
    if _WORD_BETWEEN.search(text, first.end(), end):
        return None  # another statement stands between: "dilation=2) gives L_out ="
    return labels.leading(text, clause, first.start())


def _names_result(text: str, label: tuple[int, int] | None) -> bool:
    return label is not None and lexicon.names_result(text[label[0] : label[1]])


# Where a clause begins; a comma only before a space ("50,000" is one number).
_CLAUSE_MARK = lazy_regex(r"[.;!?]\s|,\s|[;|]|\b(?:so|thus|then|and|hence|therefore)\b")


def _clause_start(text: str, lo: int, end: int) -> int:
    """The end of the last clause mark in ``text[lo:end]``, or ``lo``. Looked for in windows
    growing back from ``end`` (a mark is a few characters and found the same from any point
    before it), so a long paragraph is not read from its start for every number."""
    reach = 128
    while True:
        first = max(lo, end - reach)
        start = None
        for mark in _CLAUSE_MARK.finditer(text, first, end):
            start = mark.end()
        if start is not None or first == lo:
            return lo if start is None else start
        reach *= 4


def goes_on(text: str, end: int) -> bool:
    """The number ending at ``end`` is an operand, a range's start or a label."""
    return _GOES_ON.match(text, end) is not None
