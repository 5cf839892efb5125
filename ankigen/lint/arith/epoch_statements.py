"""AG102's general pass: the epoch relation read from what a note states.

The numbers of a note carry roles (``epoch_roles``): data set sizes, batch sizes, devices,
accumulation, epochs and claimed iterations per epoch. Each claim that the phrase patterns of
``epochs`` left unjudged is bound to the nearest quantities (its sentence, then its block, its
run of lines, its section, the note), pairing it with the value of its own clause, table
column or rank when a note gives several scenarios; it is reported only when every quantity is
bound without doubt and the claim is neither ⌈N / B⌉ nor ⌊N / B⌋ for any reading of the
devices and accumulation the note states. Notes whose epoch length is a free choice (a
repeated data set, unless the note says an epoch is one pass) or whose trained part is unclear
(a validation split) get no finding.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from ankigen.lint.arith.epoch_roles import (
    ACCUMULATION,
    BATCH,
    CLAIM,
    DEVICE_BATCH,
    DEVICES,
    EPOCHS,
    GLOBAL,
    SAMPLES,
    SENTENCE_END,
    TOTAL_SUBJECT,
    Statement,
    statement_view,
    statements,
    table_statements,
)
from ankigen.lint.arith.epochs import (
    WARM_UP_CLAUSE,
    EpochQuantity,
    ambiguous_batch,
    counts,
    counts_loader_batches,
    each_holds,
    epoch_for,
    fills_full_batches,
    hedge_allows,
    hedge_of,
    held_out_fold,
    last_batch_setting,
    last_batches,
    mentions_epoch,
    names_another_data_set,
    opens_ordered_list,
    with_resumed_runs,
)
from ankigen.lint.arith.inline import epoch_prose, text_blocks
from ankigen.lint.arith.vocabulary import data, shown
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import NUMBER_PATTERN, find_numbers, format_number
from ankigen.lint.prefilter import GatedPattern

# --- binding a claim to the quantities nearest to it ---

_CLAUSE_END = lazy_regex(r"[,;:()\N{RIGHTWARDS ARROW}\n]|[.!?](?=[ \t\n*_)]|$)|\s-+>|=>")
_BLANK_LINE = lazy_regex(r"\n[ \t]*\n")
_HEADING = lazy_regex(r"^[ \t]{0,3}#{1,6}[ \t]", re.MULTILINE)


def _span(view: str, low: int, offset: int, breaks: re.Pattern[str]) -> tuple[int, int]:
    """The stretch around ``offset`` between two matches of ``breaks``."""
    start = low
    for match in breaks.finditer(view, max(low, offset - 400), offset):
        start = match.end()
    following = breaks.search(view, offset)
    return start, following.start() if following else len(view)


def _scopes(document: LintDocument, view: str, offset: int) -> list[tuple[int, int]]:
    """The claim's sentence, block, run of lines, section and note, innermost first."""
    body = document.body_offset
    blocks = document.memo("epoch-statement-blocks", lambda: text_blocks(view, body))
    block = next((b for b in blocks if b[0] <= offset <= b[1]), (body, len(view)))
    run = _span(view, body, offset, _BLANK_LINE)
    headings = [m.start() for m in _HEADING.finditer(view, body, offset + 1)]
    following = _HEADING.search(view, offset + 1)
    section = (headings[-1] if headings else body, following.start() if following else len(view))
    return [_span(view, body, offset, SENTENCE_END), block, run, section, (body, len(view))]


class _Ambiguous(Exception):
    """Several values of a quantity at the nearest scope, none paired with the claim."""


def _bind(
    view: str,
    claim: Statement,
    found: Sequence[Statement],
    roles: set[str],
    scopes: Sequence[tuple[int, int]],
) -> Statement | None:
    """The one statement of ``roles`` nearest to the claim, or None when there is none."""
    candidates = [s for s in found if s.role in roles and s.start != claim.start]
    if claim.column is not None:  # a table's scenario column first
        same = [s for s in candidates if s.column == claim.column]
        if same:
            return _one(same)
    candidates = [s for s in candidates if s.column is None]
    for start, end in scopes:
        inside = [s for s in candidates if start <= s.start < end]
        if not inside:
            continue
        single = _one(inside)
        if single is not None:
            return single
        paired = _clause_pair(view, claim, inside) or _rank_pair(claim, found, inside, start, end)
        if paired is None:
            raise _Ambiguous
        return paired
    return None


def _one(found: Sequence[Statement]) -> Statement | None:
    return found[0] if len({s.value for s in found}) == 1 else None


def _clause_pair(view: str, claim: Statement, inside: Sequence[Statement]) -> Statement | None:
    """ "batch 200 → 400 steps, batch 400 → 250 steps": the value in the claim's clause, or
    in the clause just before it."""
    start, end = _span(view, 0, claim.start, _CLAUSE_END)
    own = [s for s in inside if start <= s.start < end]
    if own:
        return _one(own)
    before = _span(view, 0, max(0, start - 1), _CLAUSE_END)
    previous = [s for s in inside if before[0] <= s.start < start]
    later_claims = re.search(r"\d", view[start : claim.start]) is None
    return _one(previous) if previous and later_claims else None


def _rank_pair(
    claim: Statement, found: Sequence[Statement], inside: Sequence[Statement], start: int, end: int
) -> Statement | None:
    """ "from 64 to 128 … from 500 to 250 steps": the k-th value with the k-th claim."""
    claims = [s for s in found if s.role == CLAIM and start <= s.start < end and s.column is None]
    if len(claims) != len(inside) or len(inside) < 2:
        return None
    if any(s.start > c.start for s, c in zip(inside, claims, strict=True)):
        return None
    return inside[claims.index(claim)] if claim in claims else None


# --- the pass ---

# Notes whose epoch length is a free choice or whose trained part is unclear: no finding.
# A repeated data set has no end: its epoch is steps_per_epoch, a free choice, unless the
# note says that an epoch is to end after one pass ("would never finish an epoch").
_REPEATED = lazy_regex(r"\.repeat\(|\brepeat(?:s|ed)?\b|\binfinite\b", re.IGNORECASE)
_ONE_PASS = lazy_regex(
    r"\b(?:finish(?:es|ed)?|end(?:s|ed)?|stops?|complete[sd]?)[ \t]+(?:an?|each|one|the|every)"
    r"[ \t]+epoch\b|\bwhere[ \t]+(?:each|an|the|one)[ \t]+epoch[ \t]+(?:ends|stops)\b"
    r"|\bone[ \t]+(?:full[ \t]+|complete[ \t]+)?pass[ \t]+(?:over|through)\b",
    re.IGNORECASE,
)
_FREE_EPOCH = lazy_regex(
    r"\bvalidation\b|\bvalidation split\b"
    r"|\bheld[- ]out\b|\bhold(?:s|ing)?[- ]?out\b|\bsplit\b|\btest(?:ing)?[ _-]?set\b"
    r"|\bset aside\b|\bsubsampl|\bsampler\b|\btest\b|\bval\b|\bdev[ \t]+set\b"
    r"|\bsteps_per_epoch\s*=\s*(?:len|math|int|\w+\s*//)",
    re.IGNORECASE,
)
# A batch that may be a device's share of one whose size the note does not give.
_SHARED = lazy_regex(
    r"\bper[- ](?:GPU|TPU|device|replica|worker|core|node)\b|\bdata[- ]parallel|\bmicro-?batch"
    r"|\baccumulat|\bGPUs\b|\bdevices\b|\breplicas\b|\bnodes\b|\bworkers\b|\branks\b"
    r"|\bdistributed\b|\bsharded\b",
    re.IGNORECASE,
)
# "one last batch of 80 samples": the size of the remainder, not the batch size
_LAST_BATCH_WORD = lazy_regex(
    r"\b(?:last|final|remaining|leftover|partial|incomplete|smaller|tail)[ \t]+"
    r"(?:(?:partial|incomplete|smaller)[ \t]+)?(?:mini-?)?batch\w*[ \t]+(?:\w+[ \t]+)?$",
    re.IGNORECASE,
)
_KEYWORDS = lazy_regex(r"epoch|\bpass\b|loader|\bonce\b", re.IGNORECASE)
_EPOCH_CONTEXT = lazy_regex(
    r"epoch|\b(?:per|one|a|each|every|single|full)\s+pass\b|\bonce\b|loader", re.IGNORECASE
)
# A count that is not one epoch's: "every 100 steps", "4,000 steps in total", "per GPU".
_NOT_ONE_EPOCH_BEFORE = lazy_regex(
    r"\b(?:every|each|after|before|first|last|within|than|up to|for the|warm-?up\w*|total|"
    r"overall|over)[ \t\n]+(?:of[ \t]+)?(?:about[ \t]+)?[*_]*$",
    re.IGNORECASE,
)
# "an epoch is complete after 40 updates": its length, not a point in it
_EPOCH_ENDS_AFTER = lazy_regex(
    r"\b(?:complete|completed|ends?|ended|finish\w*|done|over)[ \t]+after[ \t]+[*_]*\Z", re.I
)
_NOT_ONE_EPOCH_AFTER = lazy_regex(
    r"[^.;\n]{0,40}?\b(?:in total|in all|overall|total|per (?:GPU|TPU|device|replica|worker)"
    r"|on (?:each|every) (?:GPU|TPU|device|replica|worker)"
    r"|(?:of|over|during|for|in|across)(?: the)? (?:whole |full |entire )?(?:training|run))\b",
    re.IGNORECASE,
)
# An operator next to a count (a lone "*", never the "**" of bold)
_OPERATOR = r"(?:[/\N{DIVISION SIGN}\N{MULTIPLICATION SIGN}+\N{MINUS SIGN}^]|(?<!\*)\*(?!\*))"
_OPERATOR_AFTER = lazy_regex(rf"[ \t]*(?:{_OPERATOR}|[xX-](?=[ \t]*\d))")
_OPERATOR_BEFORE = lazy_regex(rf"(?:{_OPERATOR}|(?<=\d)[ \t]*[xX])[ \t]*\Z")
_RESULT_OF_CALCULATION = lazy_regex(
    r"[\w)\]][ \t]*(?:\*|//|/|\N{MULTIPLICATION SIGN}|\N{DIVISION SIGN})[ \t]*[\w(\[][^=\n]*="
    r"[ \t*_]*(?:(?:about|approximately|~|\N{ALMOST EQUAL TO})[ \t]*)?\Z"
    r"|\b(?:max|total|overall|num)[ \t]+(?:training[ \t]+)?(?:steps|iterations|updates)\b"
    r"(?![ \t]*(?:per|/|in|each)[ \t]*(?:an?[ \t]+|one[ \t]+)?epoch)",
    re.IGNORECASE,
)
_FOR_STEPS = lazy_regex(r"\bfor[ \t]+(?:(?:about|roughly|around|~)[ \t]+)?[*_]*\Z", re.IGNORECASE)
_ONE_EPOCH = lazy_regex(r"\b(?:each|per|every|one|an|a[ \t]+single|1)[ \t]+epoch\b", re.I)
# "Steps per epoch = 1,000", "iterations/epoch: 782": a label that names one epoch's count
_PER_EPOCH_LABEL = lazy_regex(
    r"\b(?:steps|iterations|iters|updates|batches)[ \t]*(?:per[ \t]+|/[ \t]*)epoch[*_`]*"
    r"[ \t]*(?:=|:|is)[ \t*_`]*\Z",
    re.IGNORECASE,
)
_LIST_CLAUSE_END = lazy_regex(r"[,;\n]|[.!?](?=[ \t\n*_)]|$)")
# "warm-up lasts 500 steps, about half an epoch": a part of an epoch
_PART_OF_EPOCH = lazy_regex(
    r"\bwarm-?up\b|\b(?:half|quarter|third|fraction|part|portion|rest|remainder)[ \t]+"
    r"(?:of[ \t]+)?(?:an?|the|one|each)[ \t]+(?:\w+[ \t]+)?epoch\b",
    re.IGNORECASE,
)
# "each GPU runs 250 steps", "per worker": one device's share of an epoch
_ONE_DEVICE_COUNT = lazy_regex(
    r"\b(?:each|per|every)[ \t]+(?:of[ \t]+the[ \t]+(?:\d+[ \t]+)?)?"
    r"(?:GPU|TPU|device|replica|worker|node|rank|process|shard)s?\b",
    re.IGNORECASE,
)


def _judged(document: LintDocument) -> set[int]:
    """Counts the phrase patterns of ``epochs`` already bound to a data set and batch size."""
    prose = epoch_prose(document)
    judged = set()
    for count in counts(document):
        epoch = epoch_for(document, count.start)
        if epoch is None or ambiguous_batch(prose, epoch.batch, epoch.samples.start):
            continue
        if not counts_loader_batches(prose, document.body_offset, count.start, count.end):
            judged.add(count.start)  # a count of loader batches is judged here, by its noun
    return judged


def statement_findings(
    document: LintDocument, covered: Sequence[tuple[int, int]]
) -> Iterator[Finding]:
    """Claims of iterations per epoch, and of chunks of a chunked read, that the stated
    quantities contradict."""
    yield from _claim_findings(document, covered)
    yield from chunk_findings(document, covered)


def _with_total_labels(document: LintDocument, view: str) -> str:
    """``view`` with a label that names the run's total put back where the prose view blanked
    it as inline code ("the log line `Total optimization steps` reads 4,800")."""
    text = document.text
    if len(text) != len(view):
        return view
    for match in TOTAL_SUBJECT.finditer(text, document.body_offset):
        if "\n" not in match.group():
            view = view[: match.start()] + match.group() + view[match.end() :]
    return view


def _claim_findings(
    document: LintDocument, covered: Sequence[tuple[int, int]]
) -> Iterator[Finding]:
    view = _with_total_labels(document, statement_view(document))
    body = document.body_offset
    if not _KEYWORDS.search(view, body) or _FREE_EPOCH.search(view, body):
        return
    if _REPEATED.search(view, body) and not _ONE_PASS.search(view, body):
        return
    found = sorted(
        {
            s.start: s
            for s in [*statements(view, body, len(view)), *table_statements(view, body, len(view))]
        }.values(),
        key=lambda s: s.start,
    )
    answer = _answer_claim(document, view)
    if answer is not None and all(s.start != answer.start for s in found):
        found = sorted([*found, answer], key=lambda s: s.start)
    last = {quantity.start for quantity in last_batches(document)}  # the remainder, no batch
    found = [
        s
        for s in found
        if s.start not in last and not _LAST_BATCH_WORD.search(view, max(0, s.start - 30), s.start)
    ]
    claims = [s for s in found if s.role == CLAIM]
    if not claims:
        return
    judged = _judged(document)
    for claim in claims:
        if any(low <= claim.start < high for low, high in covered):
            continue
        if _total(view, claim):
            message = _total_contradiction(document, view, claim, found, claim.start in judged)
            if message is not None:
                yield Finding(claim.start, claim.end, message)
            continue
        if claim.start in judged:
            continue
        if not _one_epoch(document, view, claim):
            continue
        try:
            message = _contradiction(document, view, claim, found)
        except _Ambiguous:
            continue
        if message is not None:
            yield Finding(claim.start, claim.end, message)


# "How many steps …?", or a question that names the count: "… steps/epoch?"
_HOW_MANY = lazy_regex(
    r"\bhow many\b[^?]*\b(?:iterations|steps|updates|(?:mini-?)?batches)\b"
    r"|\b(?:iterations|steps|updates|(?:mini-?)?batches)(?:[ \t]*/[ \t]*|[ \t]+(?:per|in[ \t]+"
    r"(?:one|an|each)|each)[ \t]+)epoch[ \t]*\?",
    re.IGNORECASE,
)
_BARE_ANSWER = lazy_regex(
    rf"\s*(?:[*_]*(?:answer|a)[*_]*[ \t]*:[*_]*[ \t]*)?"
    rf"(?:(?:it(?:'s|[ \t]+is|[ \t]+takes)|that(?:'s|[ \t]+is)|one[ \t]+epoch[ \t]+(?:is|takes)"
    rf"|\N{{RIGHTWARDS ARROW}}|=)[ \t]+)?"
    rf"(?:(?:{'|'.join(data()['approximate'])})[ \t]*)?[*_]*(?P<n>{NUMBER_PATTERN})[*_]*"
    rf"(?:[ \t]+(?:{'|'.join(data()['iterations'])}))?[*_]*[ \t]*(?:[.!;]|\n|\Z)",
    re.IGNORECASE,
)


def _answer_claim(document: LintDocument, view: str) -> Statement | None:
    """The bare number that answers "How many steps does one epoch take …?"."""
    question = document.question
    if question is None or not _HOW_MANY.search(view, *question):
        return None
    match = _BARE_ANSWER.match(view, question[1] + 1)
    if match is None or opens_ordered_list(view, question[1]):
        return None  # "1. batch of 50: …" numbers a list item, it answers nothing
    number = next(find_numbers(view, match.start("n"), match.end("n")), None)
    if number is None:
        return None
    return Statement(CLAIM, number.start, number.end, number.value, shown(number), number.grouped)


def _one_epoch(document: LintDocument, view: str, claim: Statement) -> bool:
    """Whether the claim counts the iterations of one epoch (not a schedule or a total)."""
    if claim.value < 1 or claim.value.denominator != 1:
        return False
    before = view[max(0, claim.start - 40) : claim.start]
    if _NOT_ONE_EPOCH_BEFORE.search(before) and not _EPOCH_ENDS_AFTER.search(before):
        return False
    labelled = _PER_EPOCH_LABEL.search(before) is not None
    if _NOT_ONE_EPOCH_AFTER.match(view, claim.end) and not labelled:
        return False
    if _OPERATOR_AFTER.match(view, claim.end) or _OPERATOR_BEFORE.search(
        view, max(0, claim.start - 4), claim.start
    ):
        return False  # a term of a calculation: AG101 checks it
    line_start = view.rfind("\n", 0, claim.start) + 1
    if _RESULT_OF_CALCULATION.search(view, line_start, claim.start):
        return False  # "max_steps = steps_per_epoch * 4  # = 1248": a result, AG101's
    clause = _span(view, document.body_offset, claim.start, _CLAUSE_END)
    if _ONE_DEVICE_COUNT.search(view, clause[0], clause[1]):
        return False
    if _FOR_STEPS.search(before) and not _ONE_EPOCH.search(view, clause[0], clause[1]):
        return False  # "we train for 10,000 steps": the whole run
    sentence = _span(view, document.body_offset, claim.start, SENTENCE_END)
    if labelled:
        # "Steps per epoch = 1,000, total = 4,000, warm-up = 400": labelled as one epoch's,
        # the warm-up of the next clause is another count
        sentence = _span(view, document.body_offset, claim.start, _LIST_CLAUSE_END)
    if _PART_OF_EPOCH.search(view, sentence[0], sentence[1]):
        return False
    if WARM_UP_CLAUSE.search(view, max(0, claim.start - 80), claim.start):
        return False  # a warm-up's steps, its clause wrapped at the margin
    if claim.column is not None:
        return True
    sentence = _span(view, document.body_offset, claim.start, SENTENCE_END)
    near = view[max(sentence[0], claim.start - 80) : min(sentence[1], claim.end + 80)]
    return _EPOCH_CONTEXT.search(near) is not None or mentions_epoch(document, claim.start)


_TIMES = "\N{MULTIPLICATION SIGN}"
# "Total: 1,000 optimizer steps", "come to 3,200 steps in total": a count over the whole run
_TOTAL_BEFORE = lazy_regex(
    r"\b(?:total|overall|altogether|in[ \t]+all)\b[ \t]*(?:[:=][ \t]*|of[ \t]+)?[*_]*\Z"
    r"|\btotal[ \t]+(?:training[ \t]+|optimi[sz](?:er|ation)[ \t]+)?(?:steps|iterations|updates)"
    r"[*_`]*[ \t]*(?:[:=]|is|are|of|reads|shows|prints)[ \t]*[*_]*\Z",
    re.IGNORECASE,
)
_TOTAL_AFTER = lazy_regex(
    r"[*_]*(?:[ \t]+[\w-]+){0,3}?[ \t]+(?:in[ \t]+total|in[ \t]+all|overall|altogether"
    r"|(?:over|during|across|for)[ \t]+(?:the[ \t]+)?(?:whole|full|entire)[ \t]+(?:training|run)"
    # "4,800 for the three epochs", "over all 10 epochs": every epoch of the run
    r"|(?:over|across|for|in)[ \t]+(?:the|all)[ \t]+(?:(?:all[ \t]+)?(?:\d{1,4}|two|three|four"
    r"|five|six|seven|eight|nine|ten|twenty|fifty|hundred)[ \t]+)?epochs)"
    r"\b",
    re.IGNORECASE,
)


def _total(view: str, claim: Statement) -> bool:
    """Whether a claim counts the steps of the whole run rather than of one epoch."""
    if claim.column is not None:
        return False
    before = _TOTAL_BEFORE.search(view, max(0, claim.start - 40), claim.start)
    return before is not None or _TOTAL_AFTER.match(view, claim.end) is not None


def _total_contradiction(
    document: LintDocument, view: str, claim: Statement, found: Sequence[Statement], judged: bool
) -> str | None:
    """A total over the one stated number of epochs that is not epochs times steps per epoch.
    Where the phrase patterns judged the claim already, only a per-epoch count standing for
    the total is left to report (they accept both)."""
    try:
        setting = _setting(document, view, claim, found)
    except _Ambiguous:
        return None
    if setting is None or len(setting.epochs) != 1 or claim.value.denominator != 1:
        return None
    sentence = _span(view, document.body_offset, claim.start, SENTENCE_END)
    if _PART_OF_EPOCH.search(view, sentence[0], sentence[1]):
        return None
    last = last_batch_setting(view, document.body_offset, claim.start, claim.end)
    per_epoch = _allowed(replace(setting, epochs=frozenset()), last)
    epochs = next(iter(setting.epochs))
    totals = {steps * epochs for steps in per_epoch}
    if hedge_allows(hedge_of(view, claim.start, claim.end), claim.value, claim.text, totals):
        return None
    if judged and claim.value not in per_epoch:
        return None  # the phrase patterns report it
    n, b = setting.samples, setting.batch
    per_step, updates = Fraction(1), f"⌈{n.text} / {b.text}⌉"
    if len(setting.factors) == 1 and Fraction(1) not in setting.factors:
        # one reading only: each update takes `per_step` loader batches (devices, accumulation)
        per_step = next(iter(setting.factors))
        updates = f"⌈{n.text} / {b.text}⌉ / {format_number(per_step)}"
    count = math.ceil(math.ceil(n.value / b.value) / per_step)
    steps = format_number(Fraction(count), True)
    total = format_number(Fraction(count * epochs), True)
    return (
        f"the note states {n.text} samples, a batch size of {b.text} and "
        f"{format_number(epochs)} epochs: the whole run is {format_number(epochs)} {_TIMES} "
        f"{updates} = {format_number(epochs)} {_TIMES} {steps} = {total} steps, not "
        f"{claim.text}: correct the total"
    )


@dataclass(frozen=True)
class _Setting:
    samples: Statement
    batch: Statement
    factors: frozenset[Fraction]  # what the batch may be multiplied by (devices, accumulation)
    epochs: frozenset[Fraction]


def _contradiction(
    document: LintDocument, view: str, claim: Statement, found: Sequence[Statement]
) -> str | None:
    setting = _setting(document, view, claim, found)
    if setting is None:
        return None
    last = last_batch_setting(view, document.body_offset, claim.start, claim.end)
    allowed = _allowed(setting, last)
    if hedge_allows(hedge_of(view, claim.start, claim.end), claim.value, claim.text, allowed):
        return None
    if _follows_written_division(view, document.body_offset, claim, setting, found):
        return None
    return _message(setting, claim)


_ROUNDINGS = (math.floor, math.ceil)
# "50,000 / 192 ≈ 260.4 gives the same 261": a division written in the claim's sentence.
_WRITTEN_DIVISION = lazy_regex(
    rf"(?P<a>{NUMBER_PATTERN})[ \t]*(?:/|\N{{DIVISION SIGN}})[ \t]*(?P<b>{NUMBER_PATTERN})"
)


def _follows_written_division(
    view: str, low: int, claim: Statement, setting: _Setting, found: Sequence[Statement]
) -> bool:
    """Whether the claim's sentence divides a sample count by a batch in a pairing the note
    states, and rounds that to the claim: the whole set by the batch the setting multiplies
    out, or one device's share of the set ("each rank gets ⌈50,000 / 8⌉ = 6,250 clips") by one
    device's batch. The note's own reading of which count is the epoch's is then a complete
    one; the whole set divided by one device's batch ("forgot the GPUs") is no such reading."""
    start, _ = _span(view, low, claim.start, SENTENCE_END)
    sizes = {s.value for s in found if s.role == SAMPLES}
    devices = {s.value for s in found if s.role == DEVICES}
    shares = {
        Fraction(rounded(size / d)) for size in sizes for d in devices for rounded in _ROUNDINGS
    }
    device_batches = {s.value for s in found if s.role == DEVICE_BATCH}
    batches = {setting.batch.value * factor for factor in setting.factors}
    for match in _WRITTEN_DIVISION.finditer(view, start, claim.start):
        a = list(find_numbers(match.group("a")))
        b = list(find_numbers(match.group("b")))
        if len(a) != 1 or len(b) != 1:
            continue
        whole = a[0].value in sizes - shares and b[0].value in batches
        share = a[0].value in shares and b[0].value in device_batches
        if not (whole or share):
            continue
        exact = a[0].value / b[0].value
        if claim.value in (math.floor(exact), math.ceil(exact)):
            return True
    return False


def _setting(
    document: LintDocument, view: str, claim: Statement, found: Sequence[Statement]
) -> _Setting | None:
    scopes = _scopes(document, view, claim.start)
    whole = [(document.body_offset, len(view))]
    # A global or effective batch is the batch of one update; where micro-batches are
    # accumulated, a count of the loader's batches is counted in the per-step batch.
    accumulates = any(s.role == ACCUMULATION for s in found)
    micro = accumulates and _counted(view, document.body_offset, claim) == "micro"
    batch = None if micro else _bind(view, claim, found, {GLOBAL}, whole)
    factors = frozenset({Fraction(1)})
    if batch is None:
        batch = _bind(view, claim, found, {BATCH, DEVICE_BATCH}, scopes)
        if batch is None:
            return None
        factors = _factors(document, view, claim, found, batch)
        if not factors:
            return None
    # "390 full batches cover 49,920 images": the full batches' share is no data set
    found = [
        s
        for s in found
        if s.role != SAMPLES
        or not fills_full_batches(
            view,
            document.body_offset,
            EpochQuantity(s.start, s.end, s.value, s.text, s.grouped),
            batch.value,
        )
    ]
    # "the first 390 batches hold 128 images each": the size of every full batch; "each
    # fold validates on 2,000 rows": the held-out fold
    found = [
        s
        for s in found
        if s.role != SAMPLES
        or not (
            (s.value == batch.value and each_holds(view, s.end))
            or held_out_fold(view, EpochQuantity(s.start, s.end, s.value, s.text, s.grouped))
        )
    ]
    # "each update sees 16 x 2 = 32 examples": a product of the batch is a larger batch
    found = [s for s in found if s.role != SAMPLES or not _batch_product(view, s, batch.value)]
    samples = _bind(view, claim, found, {SAMPLES}, scopes)
    if samples is None or not 0 < batch.value <= samples.value:
        return None
    if names_another_data_set(view, scopes[1], samples.start):
        return None  # the claim's block speaks of a named data set, not of that size
    if _coordinated(view, samples, found) or _coordinated(view, batch, found):
        return None
    if claim.value in (samples.value, batch.value) and claim.column is None:
        return None
    # "each rank sees 50,000 / 4 = 12,500 images": one device's share of a stated data set
    # is divided by that device's batch alone
    sizes = {s.value for s in found if s.role == SAMPLES}
    factors |= {f / g for f in factors for g in factors if g > 1 and samples.value * g in sizes}
    stated = {s.value for s in found if s.role == EPOCHS and s.value > 1}
    epochs = frozenset(with_resumed_runs(stated, document.text, document.body_offset))
    return _Setting(samples, batch, factors, epochs)


_PRODUCT_BEFORE = lazy_regex(
    rf"(?P<a>{NUMBER_PATTERN})[ \t]*[\N{{MULTIPLICATION SIGN}}x*\N{{MIDDLE DOT}}][ \t]*"
    rf"(?P<b>{NUMBER_PATTERN})[ \t]*=[ \t]*[*_]*\Z"
)


def _batch_product(view: str, count: Statement, batch: Fraction) -> bool:
    """Whether ``count`` is the result of a product that has the batch as a factor."""
    line_start = view.rfind("\n", 0, count.start) + 1
    match = _PRODUCT_BEFORE.search(view, max(line_start, count.start - 60), count.start)
    if match is None:
        return False
    factors = [
        number.value
        for group in ("a", "b")
        for number in find_numbers(view, match.start(group), match.end(group))
    ]
    return batch in factors


# "60,000 training and 10,000 test images": one word may name the part of the data
_SPLIT_WORDS = (
    r"(?:training|train|test|testing|validation|val|dev|labell?ed|unlabell?ed|original"
    r"|augmented|clean|raw|new|old)"
)
_JOINED_AFTER = lazy_regex(r"[ \t]*(?:,|or|and|to|/|-|\N{EN DASH})[ \t]*(?=\d)")
_JOINED_BEFORE = lazy_regex(
    rf"(?P<n>{NUMBER_PATTERN})(?:[ \t]+(?:{_SPLIT_WORDS}[ \t]+)?(?:and|or|vs\.?)[ \t]+"
    rf"(?:[\w-]+[ \t]+){{0,2}}"
    rf"|[ \t]*(?:,|or|/|-|\N{{EN DASH}})[ \t]*)$"
)


def _coordinated(view: str, statement: Statement, found: Sequence[Statement]) -> bool:
    """ "a batch size of 32 or 64", "CIFAR-10 has 50,000 and SVHN 73,257": a value joined to
    another number that has no role of its own, or the same role, names no single quantity."""
    roles = {s.start: s.role for s in found}
    after = _JOINED_AFTER.match(view, statement.end)
    if after is not None:
        following = next(find_numbers(view, after.end(), after.end() + 20), None)
        if (
            following is not None
            and following.start == after.end()
            and roles.get(following.start) in (None, statement.role)
        ):
            return True
    low = max(0, statement.start - 50)
    joined = _JOINED_BEFORE.search(view[low : statement.start])
    if joined is None:
        return False
    return roles.get(low + joined.start("n")) in (None, statement.role)


def _factors(
    document: LintDocument,
    view: str,
    claim: Statement,
    found: Sequence[Statement],
    batch: Statement,
) -> frozenset[Fraction]:
    """What the bound batch may be multiplied by: the stated devices and accumulation, each
    used or not; empty when the batch may be shared by devices the note does not count."""
    devices = {s.value for s in found if s.role == DEVICES}
    accumulation = {s.value for s in found if s.role == ACCUMULATION}
    if len(devices) > 1 or len(accumulation) > 1:
        return frozenset()
    shared = _SHARED.search(view, document.body_offset) is not None
    if shared and not devices and not accumulation:
        one = re.search(r"\b(?:1|one|a single)\s+(?:GPU|TPU|device)\b", view, re.I)
        return frozenset({Fraction(1)}) if one else frozenset()
    d = next(iter(devices), Fraction(1))
    a = next(iter(accumulation), Fraction(1))
    counted = _counted(view, document.body_offset, claim) if accumulation else None
    if counted == "micro":  # the loader's micro-batches: no accumulation divides them
        return frozenset({d} if batch.role == DEVICE_BATCH and devices else {Fraction(1), d})
    if counted == "updates":  # the optimizer steps once per a micro-batches
        return frozenset({d * a} if batch.role == DEVICE_BATCH and devices else {a, d * a})
    if batch.role == DEVICE_BATCH and devices:  # one device's batch: the global is d times it
        return frozenset({d, d * a})
    return frozenset({Fraction(1), d, a, d * a})


# What a count counts where micro-batches are accumulated: the optimizer's updates or the
# loader's micro-batches; the nearest such word after the number, else before it.
_UPDATE_WORDS = r"optimi[sz](?:er|ation)|(?:weight|parameter)[ \t]+updates?|updates?"
_MICRO_WORDS = r"micro-?batch(?:es)?|(?:data[ \t]?)?loader|forward(?:[ \t]+passes)?"
# (right after the count, "batches" are the loader's: "the bar still counts 500 batches")
_COUNTED_AFTER = lazy_regex(
    rf"[*_]*[ \t]+(?:\w+[ \t]+)?(?P<kind>{_UPDATE_WORDS}|{_MICRO_WORDS}|batches)\b",
    re.IGNORECASE,
)
_COUNTED = lazy_regex(rf"\b(?:(?P<updates>{_UPDATE_WORDS})|(?P<micro>{_MICRO_WORDS}))\b", re.I)
_NO_ACCUMULATION = lazy_regex(
    r"\b(?:without|no|before)[ \t]+(?:gradient[ \t]+)?accumulat|\bunaccumulated\b", re.I
)


def _counted(view: str, low: int, claim: Statement) -> str | None:
    """ "updates" or "micro" for a count in a note that accumulates micro-batches, or None."""
    sentence = _span(view, low, claim.start, SENTENCE_END)
    if _NO_ACCUMULATION.search(view, sentence[0], sentence[1]):
        return "micro"  # "without accumulation every micro-batch is an update"
    after = _COUNTED_AFTER.match(view, claim.end)
    if after is not None:
        kind = after.group("kind")
        return "micro" if re.match(rf"{_MICRO_WORDS}|batches", kind, re.I) else "updates"
    clause = _span(view, low, claim.start, _CLAUSE_END)
    found = list(_COUNTED.finditer(view, clause[0], claim.start)) or list(
        _COUNTED.finditer(view, sentence[0], claim.start)
    )
    if not found:
        return None
    return "updates" if found[-1].group("updates") else "micro"


def _allowed(setting: _Setting, last: bool | None = None) -> set[Fraction]:
    """⌈N / B⌉ and ⌊N / B⌋ (only one of them where the claim's clause keeps or drops the last
    batch) for every reading of the batch; with accumulation over a micro-batches also the
    loader's count divided by a, rounded either way."""
    allowed: set[Fraction] = set()
    for factor in setting.factors:
        batches = setting.samples.value / setting.batch.value
        for exact in (batches / factor, Fraction(math.ceil(batches)) / factor):
            if last is not True:
                allowed.add(Fraction(math.ceil(exact)))
            if last is not False:
                allowed.add(Fraction(math.floor(exact)))
    allowed |= {steps * epochs for steps in set(allowed) for epochs in setting.epochs}
    return {steps for steps in allowed if steps > 0}


def _message(setting: _Setting, claim: Statement) -> str:
    n, b = setting.samples, setting.batch
    grouped = n.grouped or claim.grouped
    # (where the batch must be multiplied, by the smallest factor the note allows)
    factor = min(setting.factors)
    divisor = b.text if factor == 1 else format_number(b.value * factor, grouped)
    exact = n.value / (b.value * factor)
    steps = format_number(Fraction(math.ceil(exact)), grouped)
    if exact.denominator == 1:
        calculation = f"{n.text} / {divisor} = {steps}"
    else:
        floor = format_number(Fraction(math.floor(exact)), grouped)
        calculation = f"⌈{n.text} / {divisor}⌉ = {steps} (or {floor} with the last batch dropped)"
    scaled = sorted(f for f in setting.factors if f != 1)
    devices = (
        f", or its multiples by {', '.join(format_number(f) for f in scaled)}" if scaled else ""
    )
    totals = "".join(
        f" ({format_number(math.ceil(exact) * count, True)} over {format_number(count)} epochs)"
        for count in sorted(setting.epochs)
    )
    return (
        f"the note states {n.text} samples and a batch size of {b.text}{devices}: an epoch is "
        f"{calculation} iterations{totals}, not {claim.text}: correct the count"
    )


# --- chunked reading: N items in pieces of C make ⌈N / C⌉ pieces ---

_PIECES = r"(?:data[ \t]?frames?|DataFrames?|chunks?|shards?|pages?|pieces?|parts?|blocks?)"
# "chunksize=5_000", "shards of 1,000 files", "pages of 50 results", "200 rows per chunk"
_PIECE_SIZE = GatedPattern(
    rf"\b(?:chunk_?size|page_?size|shard_?size|per_page)`?[ \t]*(?:=|:|of|is)[ \t]*`?"
    rf"(?P<a>{NUMBER_PATTERN})"
    rf"|\b{_PIECES}[ \t]+of[ \t]+(?:up[ \t]+to[ \t]+|at[ \t]+most[ \t]+)?(?P<b>{NUMBER_PATTERN})"
    rf"(?=[ \t]+[a-z])"
    rf"|(?P<c>{NUMBER_PATTERN})[ \t]+[a-z]+[ \t]+(?:per|each|in[ \t]+each|a)[ \t]+"
    rf"(?:chunk|shard|page|piece|part|block|file)\b",
    re.IGNORECASE,
)
# "it yields 24 DataFrames", "the archive has 46 shards"; "24 full chunks" counts whole ones
_PIECE_COUNT = lazy_regex(
    rf"(?P<n>{NUMBER_PATTERN})[*_]*[ \t]+(?P<full>(?:full|complete|whole)[ \t]+)?"
    rf"(?:[\w-]+[ \t]+)?{_PIECES}\b(?![ \t]+of\b)",
    re.IGNORECASE,
)
# "the loop runs 20 iterations", "it iterates 20 times": the loop over the pieces, one each.
# "it takes 20 loop iterations": the word "loop" with the count itself.
_LOOP_COUNT = lazy_regex(
    rf"(?:\b(?:loop|iterat\w*|runs?|repeats?|goes)\b[^.;:\n]{{0,40}}?(?<![\w.,])"
    rf"|(?<![\w.,])(?={NUMBER_PATTERN}[*_]*[ \t]+loop[ \t]))"
    rf"(?P<n>{NUMBER_PATTERN})[*_]*[ \t]+(?:loop[ \t]+)?(?:iterations|times|passes|rounds|loops)\b"
    r"(?![ \t]+(?:per|each|of|in|a|an|faster|slower|more|less|larger|smaller|as|over)\b)",
    re.IGNORECASE,
)
_ITEMS = lazy_regex(
    rf"(?P<n>{NUMBER_PATTERN})[*_]*[ \t]+(?:[\w-]+[ \t]+)?(?:rows|records|lines|results|documents"
    rf"|files|images|items|entries|samples|examples|transactions|messages|reviews|events)\b",
    re.IGNORECASE,
)
_REMAINDER_WORDS = lazy_regex(
    r"\b(?:last|leftover|left[ \t]+over|remaining|rest|final|partial|other|extra|first|next"
    r"|previous|every|each)[ \t]+"
    r"(?:one[ \t]+)?(?:\w+[ \t]+)?\Z"
    r"|\b(?:holding|holds|keeps|containing|contains)[ \t]+(?:the[ \t]+)?(?:\w+[ \t]+)?\Z",
    re.IGNORECASE,
)


def _values(view: str, matches: Iterator[re.Match[str]], groups: Sequence[str]) -> list[Statement]:
    found = []
    for match in matches:
        group = next((g for g in groups if match.group(g) is not None), None)
        if group is None:
            continue
        number = next(find_numbers(view, match.start(group), match.end(group)), None)
        if number is not None and number.start == match.start(group) and number.value > 0:
            found.append(
                Statement(SAMPLES, number.start, number.end, number.value, shown(number), True)
            )
    return found


def chunk_findings(document: LintDocument, covered: Sequence[tuple[int, int]]) -> Iterator[Finding]:
    """A count of the pieces a chunked read or a paged listing yields that is not ⌈N / C⌉, for
    the one item count N and the one piece size C that the note states."""
    view = statement_view(document)
    body = document.body_offset
    sizes = _values(view, _PIECE_SIZE.finditer(view, body), ("a", "b", "c"))
    if len({size.value for size in sizes}) != 1:
        return
    size = sizes[0]
    taken = {s.start for s in sizes}
    items = [
        item
        for item in _values(view, _ITEMS.finditer(view, body), ("n",))
        if item.start not in taken
        and not _REMAINDER_WORDS.search(view, max(0, item.start - 30), item.start)
    ]
    if len({item.value for item in items}) != 1 or items[0].value <= size.value:
        return
    total = items[0]
    exact = total.value / size.value
    counts = [*_PIECE_COUNT.finditer(view, body), *_LOOP_COUNT.finditer(view, body)]
    for match in counts:
        number = next(find_numbers(view, match.start("n"), match.end("n")), None)
        if number is None or number.start != match.start("n") or number.start in taken:
            continue
        if number.start == total.start or any(lo <= number.start < hi for lo, hi in covered):
            continue
        if _OPERATOR_BEFORE.search(view, max(0, number.start - 4), number.start):
            continue  # the result of a calculation: AG101's
        if _REMAINDER_WORDS.search(view, max(0, number.start - 30), number.start):
            continue
        full = match.groupdict().get("full")
        allowed = {math.floor(exact)} if full else {math.ceil(exact)}
        hedge = hedge_of(view, number.start, number.end)
        if hedge_allows(hedge, number.value, number.text, {Fraction(n) for n in allowed}):
            continue
        whole = format_number(Fraction(math.ceil(exact)), True)
        piece = format_number(size.value, True)
        yield Finding(
            number.start,
            number.end,
            f"the note reads {total.text} items in pieces of {piece}: that makes "
            f"⌈{total.text} / {piece}⌉ = {whole} pieces, the last one partial where the "
            f"division leaves a remainder, not {shown(number)}: correct the count",
        )
