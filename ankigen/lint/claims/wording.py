"""What the wording around a stated count or size lets it claim: AG103, AG104 and the claim
inventory (``Claim.wording``) read it.

The readings of both rules find a claimed number and the value (or values) the layer's sizes
give; this module decides whether the sentence claims that number exactly. A claim may be:

- exact ("has 650 parameters"): the readings' own comparison stands;
- approximate ("about", "roughly", "around", "approximately", "some", "close to", "~", "≈",
  "or so"): right when the value rounds to it at the precision its digits show ("about 700"
  allows 650 to 750, "~0.8M" 750,000 to 850,000; an unrounded "about 112" allows 111 to 113);
  "nearly", "almost", "just under" allow that precision below it, "just over" above it, and
  "on the order of" a factor of about three either way;
- a bound ("fewer than", "less than", "under", "below", "at most", "up to", "no more than",
  "or fewer"; "more than", "over", "above", "at least", "or more"): right when the value lies
  on its side;
- hypothetical, counterfactual, negated or compared ("would have", "if it had", "not 700",
  "instead of", "rather than", "vs", "twice as many as", "10 more than the other layer"):
  another scenario with settings of its own, or a difference; left alone.

``judge`` gives the verdict on one claim, and ``worded`` filters a reading's findings: a
finding whose claim is not exact stands only when it carries the values its layer allows
(a ``CountFinding``) and none of them fits the wording.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ankigen.lint.arith.quantities import NO_BIAS, parse_total
from ankigen.lint.document import Finding
from ankigen.lint.lazy_pattern import lazy_regex

EXACT = "exact"
ABOUT = "about"
NEAR_BELOW = "near-below"  # nearly, almost, just under
NEAR_ABOVE = "near-above"  # just over, a little more than
ORDER = "order"  # on the order of
BELOW = "below"  # fewer than, under
AT_MOST = "at-most"  # at most, up to, no more than
ABOVE = "above"  # more than, over
AT_LEAST = "at-least"  # at least, no fewer than
SILENT = "silent"  # hypothetical, negated, compared

# Markup that may sit between the wording and the number: emphasis, a cloze's opening.
_MARKUP = r"(?:\*\*|__|[*_`]|\{\{c\d+::)*"
_ARTICLE = r"(?:(?:a|an|the|only|just)\s+)?"

# Wording just before the number, longest first; each ends where the number starts.
_BEFORE: tuple[tuple[str, str], ...] = (
    (
        NEAR_BELOW,
        r"just\s+(?:under|below|short\s+of)|a\s+(?:little|bit|touch)\s+(?:under|below|"
        r"less\s+than|fewer\s+than)|slightly\s+(?:under|below|less\s+than|fewer\s+than)"
        r"|nearly|almost|not\s+quite|close\s+to\s+but\s+under",
    ),
    (
        NEAR_ABOVE,
        r"just\s+(?:over|above|north\s+of)|a\s+(?:little|bit|touch)\s+(?:over|above|"
        r"more\s+than)|slightly\s+(?:over|above|more\s+than)",
    ),
    (ORDER, r"(?:on|of)\s+the\s+order\s+of|in\s+the\s+order\s+of|order\s+of"),
    (
        AT_MOST,
        r"at\s+most|up\s+to|no\s+more\s+than|not\s+more\s+than|no\s+greater\s+than"
        r"|a\s+maximum\s+of|at\s+the\s+most|\N{LESS-THAN OR EQUAL TO}|<=",
    ),
    (
        AT_LEAST,
        r"at\s+least|no\s+(?:fewer|less)\s+than|not\s+(?:fewer|less)\s+than"
        r"|a\s+minimum\s+of|\N{GREATER-THAN OR EQUAL TO}|>=",
    ),
    (
        BELOW,
        r"(?:well\s+|far\s+|much\s+)?(?:fewer\s+than|less\s+than|under|below|smaller\s+than"
        r"|lower\s+than)|(?<![-=<])<(?![-=])",
    ),
    (
        ABOVE,
        r"(?:well\s+|far\s+|much\s+)?(?:more\s+than|over|above|greater\s+than|larger\s+than"
        r"|bigger\s+than|higher\s+than|in\s+excess\s+of|upwards\s+of|north\s+of)|(?<![-=>])>",
    ),
    (
        ABOUT,
        r"about|around|roughly|approximately|approx\.?|circa|ca\.|some|close\s+to"
        r"|in\s+the\s+region\s+of|something\s+like|\N{ALMOST EQUAL TO}|~|\N{TILDE OPERATOR}",
    ),
)
_BEFORE_PATTERNS = tuple(
    (kind, lazy_regex(rf"(?<![\w-])(?:{words})\s*{_MARKUP}\s*{_ARTICLE}{_MARKUP}\s*$", re.I))
    for kind, words in _BEFORE
)

# Wording just after the number and its noun: "1,000 parameters at most", "700 or so".
_NOUN = r"(?:[\w-]+\s+){0,2}?"
_AFTER: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        ABOUT,
        lazy_regex(rf"^{_MARKUP}(?:-?ish\b|\s*{_NOUN}or\s+so\b|\s*{_NOUN}or\s+thereabouts)", re.I),
    ),
    (
        AT_MOST,
        lazy_regex(
            rf"^{_MARKUP}\s*{_NOUN}(?:or\s+(?:fewer|less|below|under|lower|smaller)"
            r"|at\s+(?:the\s+)?most|tops|max(?:imum)?\b)",
            re.I,
        ),
    ),
    (
        AT_LEAST,
        lazy_regex(
            rf"^{_MARKUP}\s*{_NOUN}(?:or\s+(?:more|above|over|higher|larger|greater)"
            r"|at\s+(?:the\s+)?least|minimum\b|\+)",
            re.I,
        ),
    ),
)

# A difference or a ratio, not a count: "10 more parameters than", "twice as many as", "3x
# fewer", "40% of"; and a comparison's other side: "not 700", "instead of 640".
_COMPARED_AFTER = lazy_regex(
    rf"^{_MARKUP}\s*(?:%|percent|times\b|x\s+(?:more|fewer|less|as)\b|{_NOUN}"
    r"(?:more|fewer|less|extra|additional|larger|smaller|bigger|higher|lower)\b"
    r"(?:[^.;:\n]{0,40}?\bthan\b|\s+(?:than|for|in|on|with|because|due|from|if)\b))",
    re.I,
)
_COMPARED_BEFORE = lazy_regex(
    r"(?:\b(?:twice|thrice|half|double|triple|(?:\w+\s+)?times)\s+(?:as\s+(?:many|much|large|big)"
    r"\s+as\s+)?|\bby\s+|\bsaves?\s+|\bsaving\s+|\b(?:the|its|a|each|every|one)\s+(?:\w+\s+)?(?:bias(?:es)?|intercepts?|offsets?)\s+adds?\s+|\bextra\s+|\badditional\s+"
    r"|\banother\s+|\bdifference\s+of\s+|\bdelta\s+of\s+|[+\N{PLUS-MINUS SIGN}]\s*)"
    rf"{_MARKUP}\s*{_ARTICLE}$",
    re.I,
)
_NEGATED_BEFORE = lazy_regex(
    r"(?:\b(?:not|never|nor|instead\s+of|rather\s+than|in\s+place\s+of|as\s+opposed\s+to"
    r"|compared\s+(?:with|to)|versus|vs\.?|unlike|no\s+longer)|n't)"
    rf"\s+(?:(?:the|a|an|have|has|had|be|is|are|give|gives|yield|yields|get|gets|contain|"
    rf"contains|hold|holds|just|only|exactly)\s+){{0,2}}{_MARKUP}\s*$",
    re.I,
)
# Another scenario earlier in the claim's sentence: "would have", "if it had", "without bias
# it would be"; or after it: "… 640 parameters if it had no bias".
_HYPOTHETICAL_BEFORE = lazy_regex(
    r"\b(?:would|could|might|if|unless|suppose|supposing|imagine|assuming|hypothetical\w*"
    r"|were\s+(?:it|we|you|the)|had\s+(?:it|we|you|the)|otherwise|instead)\b|'d\b",
    re.I,
)
# A belief the note goes on to correct: "I thought 'same' kept it at 75x75, but …", "you might
# expect 1,000 parameters": the number is the mistaken belief, not the note's claim (a contrast
# word between the belief and the number ends it: "… but it gives 38" is the claim again).
_BELIEF_BEFORE = lazy_regex(
    r"\b(?:(?:I|we|you|one|people|many|most\s+people|beginners|students)\s+"
    r"(?:(?:might|may|would|could|often|usually|first|initially|naively|wrongly)\s+)?"
    r"(?:thought|assumed?|expected?|believed?|guessed?|think|suppose)"
    r"|(?:it\s+is|it's)\s+tempting\s+to|a\s+common\s+(?:mistake|misconception|error)"
    r"|misconception)\b"
    r"(?![^\n]*?\b(?:but|however|yet|actually|in\s+fact|instead|whereas)\b)",
    re.I,
)
EXPLANATION = lazy_regex(
    r"[*_ \t]*(?P<colon>:)[ \t]+(?:the|this|that|it|because|since|as|each|every)\b", re.I
)
_HYPOTHETICAL_AFTER = lazy_regex(
    r"^[^.;!?\n]*?\b(?:if|unless|were\s+it|had\s+it|would|could|might|instead)\b", re.I
)
# A sentence that sets the claim against another scenario: its sizes may be the other one's
# ("650 parameters, 10 more than without bias", "half as many as a `Dense(20)`").
_OTHER_SCENARIO = lazy_regex(
    r"\b(?:than|as\s+opposed\s+to|compared\s+(?:with|to)|versus|vs\.?|unlike|rather\s+than"
    r"|instead\s+of|(?:half|twice|\w+\s+times)\s+as\s+(?:many|much|large)"
    r"|(?:half|(?:a|one)\s+(?:third|quarter|fifth|tenth|fraction))\s+of"
    r"(?!\s+(?:them|these|those|which|it|its)\b))\b",
    re.I,
)
_OTHER_SCENARIO_BEFORE = lazy_regex(
    r"\b(?:as\s+opposed\s+to|compared\s+(?:with|to)|versus|vs\.?|unlike|rather\s+than"
    r"|instead\s+of|(?:doubl|tripl)ing|going\s+from)\b",
    re.I,
)
# What the other side of a comparison after the claim states, so that the sentence's sizes may
# be its scenario's: a number, a setting, a bias or a call ("10 more than without bias", "half
# as many as a `Dense(20)`"). A side that states none ("1,860 parameters, fewer than an LSTM of
# the same width") leaves the claim the note's own, judged as stated.
_STATES_SCENARIO = lazy_regex(
    r"\d|\b(?:padding|padded|strides?|dilat\w*|bias(?:es)?|intercepts?|groups?|ceil\w*"
    r"|floor\w*)\b|\w\(|" + NO_BIAS.pattern,
    re.I,
)
# A setting stated in the claim's own sentence: a hypothetical that states its scenario's
# settings is judged like any claim ("with padding=1 the same layer would give 18x18").
_SETTING = lazy_regex(rf"\d|\b(?:padding|padded|valid|same|strides?)\b|{NO_BIAS.pattern}", re.I)
# A hypothetical that leaves out one of the layer's settings ("forgetting the dilation you
# would get 98"): the other scenario, whatever numbers its sentence writes.
_SETTING_LEFT_OUT = lazy_regex(
    r"\b(?:forg[eo]t\w*|ignor\w*|omit\w*|dropp?\w*|leav\w*\s+out)\s+(?:the\s+)?"
    r"(?:dilation|padding|stride|ceil\w*)\b",
    re.I,
)
# A bias scenario the readings do not read ("if the bias is dropped"): NO_BIAS is what they read.
_BIAS_WORD = lazy_regex(r"\b(?:bias|biases|intercept)\b", re.I)
# Clause breaks inside a sentence.
_CLAUSE_BREAK = lazy_regex(r"[,:\N{EM DASH}]\s")

# "over", "under", "above", "below" after a verb of movement or place are no bounds.
_PREPOSITION = lazy_regex(r"(?:over|under|above|below)\b", re.I)
_MOVING = lazy_regex(
    r"\b(?:slid\w*|runs?|running|ran|mov\w*|iterat\w*|sweep\w*|steps?|stepping|spans?|spread"
    r"|comput\w*|taken|applied|averag\w*|summ?\w*|pool\w*|go|goes|going|pass\w*|loops?"
    r"|looping|convolv\w*|scan\w*|walk\w*|shift\w*|placed|laid|stacked|sits?|lies|counted"
    r"|distributed|repeated|positioned)\s*$",
    re.I,
)


# Where a sentence (or a list item or cell) ends before the claim.
_SENTENCE_BREAK = lazy_regex(r"[.!?;](?=\s)|\n\s*\n|\n\s*(?:[-*+]|\d+[.)])\s|\||\n#")


@dataclass(frozen=True)
class Wording:
    """How a claim is worded: its kind (``EXACT``, ``ABOUT``, a bound, ``SILENT``) and the
    words that made it so."""

    kind: str
    words: str = ""
    # another scenario whose settings its sentence states ("with padding=1 it would give …")
    hypothetical: bool = False

    @property
    def exact(self) -> bool:
        return self.kind == EXACT


def _sentence_start(prose: str, start: int) -> int:
    begin = max(0, start - 300)
    last = begin
    for match in _SENTENCE_BREAK.finditer(prose, begin, start):
        last = match.end()
    return last


def _sentence_end(prose: str, end: int) -> int:
    match = _SENTENCE_BREAK.search(prose, end, min(len(prose), end + 300))
    return match.start() if match is not None else min(len(prose), end + 300)


def wording(prose: str, start: int, end: int) -> Wording:
    """How the text around ``prose[start:end]`` (a claimed number) words the claim."""
    sentence_start = _sentence_start(prose, start)
    before = prose[max(sentence_start, start - 60) : start]
    after = prose[end : min(_sentence_end(prose, end), end + 60)]
    # an explanation after a colon ("13x13: the window that would hang over the edge is kept
    # instead of dropped") words nothing of the claim before it
    explanation = EXPLANATION.match(after)
    after = after[: explanation.start("colon")] if explanation else after
    if _NEGATED_BEFORE.search(before):
        return Wording(SILENT, "negated")
    if _COMPARED_BEFORE.search(before) or _COMPARED_AFTER.match(after):
        return Wording(SILENT, "compared")
    lead = next(
        (
            (kind, match)
            for kind, pattern in _BEFORE_PATTERNS
            if (match := pattern.search(before)) is not None
        ),
        None,
    )
    own = start - (len(lead[1].group(0)) if lead is not None else 0)
    moving = _MOVING.search(prose, sentence_start, own) is not None
    if lead is not None and moving and _PREPOSITION.match(lead[1].group(0)):
        lead, own = None, start  # "slides over 97 positions": a place, not a bound
    clause_start = sentence_start
    for match in _CLAUSE_BREAK.finditer(prose, sentence_start, own):
        clause_start = match.end()
    compared = _OTHER_SCENARIO.search(after)
    if (
        compared is not None
        and _STATES_SCENARIO.search(prose, end + compared.end(), _sentence_end(prose, end))
    ) or _OTHER_SCENARIO_BEFORE.search(prose, clause_start, own):
        return Wording(SILENT, "compared")
    if _BELIEF_BEFORE.search(prose, sentence_start, start):
        return Wording(SILENT, "belief")
    hypothetical = _HYPOTHETICAL_BEFORE.search(prose, sentence_start, start) is not None
    hypothetical = hypothetical or _HYPOTHETICAL_AFTER.match(after) is not None
    rest = prose[sentence_start:own] + " " + after
    if hypothetical and (
        not _SETTING.search(rest)
        or (_BIAS_WORD.search(rest) and not NO_BIAS.search(rest))
        or _SETTING_LEFT_OUT.search(rest)
    ):
        return Wording(SILENT, "hypothetical")
    if lead is not None:
        return Wording(lead[0], lead[1].group(0).strip(), hypothetical)
    for kind, pattern in _AFTER:
        match = pattern.match(after)
        if match is not None:
            return Wording(kind, match.group(0).strip(), hypothetical)
    return Wording(EXACT, "", hypothetical)


def precision(text: str) -> tuple[int, int] | None:
    """A stated number and the rounding unit its digits show: "700" -> (700, 100), "74k" ->
    (74000, 1000), "0.8M" -> (800000, 100000), "650" -> (650, 10), "73,856" -> (73856, 1)."""
    stated = parse_total(text.strip("`*_ "))
    if stated is None:
        return None
    value, unit = stated
    if value == 0:
        return value, unit
    while value % (unit * 10) == 0:
        unit *= 10
    return value, unit


def fits(kind: str, value: int, unit: int, actual: int) -> bool:
    """Whether ``actual`` is what a claim of ``value`` worded as ``kind`` allows."""
    if kind == EXACT:
        return abs(actual - value) * 2 <= unit if unit > 1 else actual == value
    if kind == ABOUT:
        return abs(actual - value) <= max(unit / 2, 1)
    if kind == NEAR_BELOW:
        return value - unit <= actual <= value
    if kind == NEAR_ABOVE:
        return value <= actual <= value + unit
    if kind == ORDER:
        return actual > 0 and abs(math.log10(actual / value)) <= 0.5 if value > 0 else False
    if kind == BELOW:
        return actual < value
    if kind == AT_MOST:
        return actual <= value
    if kind == ABOVE:
        return actual > value
    if kind == AT_LEAST:
        return actual >= value
    return True


def judge(prose: str, start: int, end: int, expected: Iterable[int]) -> bool | None:
    """True when the claim in ``prose[start:end]`` fits one of the expected values as worded,
    False when it fits none, None when its wording makes no claim to check (hypothetical,
    negated, compared) or it is no number."""
    said = wording(prose, start, end)
    if said.kind == SILENT:
        return None
    stated = precision(prose[start:end])
    if stated is None:
        return None
    value, unit = stated
    return any(fits(said.kind, value, unit, actual) for actual in expected)


@dataclass(frozen=True)
class CountFinding(Finding):
    """A reading's finding that carries the values the layer allows, so that a claim worded as
    a bound or an approximation can be judged as one."""

    expected: tuple[int, ...] = ()


def worded(prose: str, findings: Iterable[Finding], strict: bool = False) -> Iterator[Finding]:
    """The findings that still stand once each claim's wording is read: exact claims as the
    readings judged them, bounds and approximations by what they allow, the others never.
    ``strict`` (for the solvers, which read no sentence grammar) leaves every hypothetical
    claim alone, even one whose sentence states its settings."""
    for finding in findings:
        said = wording(prose, finding.start, finding.end)
        if strict and said.hypothetical:
            continue
        if said.exact or (
            isinstance(finding, CountFinding)
            and finding.expected
            and said.kind != SILENT
            and judge(prose, finding.start, finding.end, finding.expected) is False
        ):
            yield finding
