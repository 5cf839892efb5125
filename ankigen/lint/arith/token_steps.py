"""Steps of one pass over a token corpus: steps = T / (tokens per step), where a step takes
either a stated number of tokens or B sequences of L tokens (B · L).

The note-level setting gathers, wherever the note states them (prose, bold, list items, table
cells, LaTeX, keyword arguments), the corpus size T ("a 2B-token corpus", "$2 \\times 10^9$
tokens"), the tokens of one step ("1,048,576 tokens per step"), the sequence length L
("sequences of 2,048 tokens", ``seq_len=2048``) and the batch in sequences B ("a global batch
of 512 sequences", ``batch_size=512``). A claimed count of steps is judged only when the note
states one corpus and every quantity of a reading (a table whose rows state the counts is one
setting per row, the note's prose filling what a row leaves out; where devices or
accumulation multiply a batch, only a batch said to be one optimizer step's is read), and it
is reported only when no reading (one pass or a stated number of epochs) comes near it: the
corpus size is itself rounded, so every claim is read as approximate (5-10 %, the rounding of
the number as written).

Recurrent language models trained with truncated back-propagation through time read the same
way: ``batchify`` cuts the corpus into B columns and a step takes an L-token slice of each
("batch 20, unroll (BPTT) 35", ``bptt = 35``, "35-token slices"), so an epoch is T / (B · L)
steps; one column's length ("20 columns of 46,479 tokens") is no corpus. A corpus may be named
before its size ("a token budget of 100B") or in trillions ("2.0T tokens"), a global batch
counted in tokens is a step's tokens, and a claim may be a calculation's result after its
label ("Steps per epoch: 46,479 / 20 ≈ 2,324").

Authors name the same quantities in many ways: a claim may count batches ("batches per
epoch = 50,000 / 700 ≈ 72", "… = 50,000 batches") or follow a LaTeX ``\\approx`` without a
colon; a batch may be B streams or columns ("B = 20 streams"); a symbol may stand between a
label and its number ("BPTT T = 35", "sequences of $T = 2048$ tokens"); and a number the note
works out from others ("1,000,000 / 20 = 50,000 tokens", "→ 700 tokens") or an interval
("every 35 tokens") is no corpus.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from itertools import product

from ankigen.lint.arith.epochs import hedge_allows, hedge_of
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import Number, find_numbers, format_number

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# "2 \N{MULTIPLICATION SIGN} 10^9", "2 \times 10^{9}", "2 * 10**9", a superscript power: a
# number in scientific notation
_SCIENTIFIC = lazy_regex(
    r"(?P<m>\d+(?:\.\d+)?)[ \t]*(?:\\times|\\cdot|\N{MULTIPLICATION SIGN}|\*|x|\N{MIDDLE DOT})"
    r"[ \t]*10[ \t]*(?:\^[ \t]*\{?[ \t]*(?P<e>\d{1,2})[ \t]*\}?|\*\*[ \t]*(?P<p>\d{1,2})"
    r"|(?P<s>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}))"
)
_TOKEN = r"(?:tokens?|toks?)\b"
# A symbol the note defines in its math or prose between a label and the number:
# "sequences of $T = 2048$", "BPTT T = 35", "batch $B = 20$"
_SYMBOL = r"(?:[A-Za-z](?:_\{?\w+\}?)?[ \t]*=[ \t$]*)?"
# A corpus in trillions, which the shared number reader does not scale ("2.0T tokens",
# "1.4 trillion tokens"): read only before the word tokens, where T cannot be another unit.
_TRILLIONS = lazy_regex(rf"(?<![\w.])(?P<m>\d+(?:\.\d+)?)[ \t]*(?:T|trillion)(?=[ \t]+{_TOKEN})")
# A step's tokens: "1,048,576 tokens per step", "each step consumes 0.5M tokens"
_PER_STEP_AFTER = lazy_regex(
    rf"[ \t$*_`]*(?:-[ \t]*)?{_TOKEN}[ \t$*_`]*(?:\([^)\n]{{0,30}}\)[ \t]*)?"
    r"(?:,[^.\n]{0,30}?)?(?:per|each|every|in[ \t]+(?:each|every|one|a)|a|an)[ \t]+"
    r"(?:optimi[sz]er[ \t]+|training[ \t]+|global[ \t]+)?(?:step|batch|iteration|update)\b",
    re.I,
)
_PER_STEP_BEFORE = lazy_regex(
    # "each step consumes 512 x 2048 = 1,048,576 tokens": a calculation may come between
    r"\b(?:step|batch|iteration|update)[ \t]+(?:consumes|processes|sees|covers|uses|holds"
    r"|contains|takes)[^.\n]{0,40}$"
    r"|(?:\b(?:step|batch|iteration|update)[ \t]+(?:is|of|=)"
    r"|\btokens?[ \t_]+per[ \t_]+(?:step|batch|iteration|update)[ \t]*(?:is|of|=|:)?"
    # (a product worked out first: "tokens per step = 512 x 2048 = 1,048,576 ≈ 1M tokens")
    r"(?:[^.\n]{0,40}?(?:=|\N{ALMOST EQUAL TO}))?"
    # (a global batch counted in tokens: "global batch 4M tokens")
    r"|\b(?:global|effective)[ \t]+batch(?:[ \t]+size)?[ \t]*(?:is|of|=|:)?"
    r"|\bbatch(?:es)?[ \t]+of|\bbatch[ \t]+size[ \t]+of)[^.\n\d,]{0,12}$",
    re.I,
)
# A sequence's tokens: "sequences of 2,048 tokens", "2,048-token sequences", ``seq_len=2048``
_PER_SEQUENCE_BEFORE = lazy_regex(
    r"(?:\b(?:sequences?|samples?|examples?|windows?|chunks?|blocks?|contexts?)[ \t]+of"
    r"|\bpacked[ \t]+(?:in)?to|\bcontext[ \t_-]*(?:length|window|size)[ \t]*(?:of|is|=|:)?"
    r"|\bseq(?:uence)?[ \t_-]*len(?:gth)?[ \t]*(?:of|is|=|:)?|\bmax_(?:seq_)?len(?:gth)?[ \t]*="
    r"|\bblock_size[ \t]*=|\bmax_position[ \t]*=|\bbptt(?:_len)?[ \t]*[=:]"
    # truncated back-propagation through time: "unroll (BPTT) 35", "BPTT length 35"
    r"|\b(?:unroll(?:ed|ing)?|bptt)\b[ \t(A-Za-z)]{0,16}?)[ \t$*_`]*"
    rf"{_SYMBOL}$",
    re.I,
)
_PER_SEQUENCE_AFTER = lazy_regex(
    rf"(?:[ \t]*-[ \t]*{_TOKEN}[ \t]+(?:sequences?|samples?|examples?|windows?|chunks?|contexts?"
    r"|blocks?|slices?|segments?)\b"
    rf"|[ \t$*_`]*{_TOKEN}[ \t]+(?:per|each|in[ \t]+each)[ \t]+(?:sequence|sample|example|row"
    r"|window|chunk|context)\b|[ \t$*_`]*{_TOKEN}[ \t]+(?:each|long)\b)",
    re.I,
)
# A batch counted in sequences: "a global batch of 512 sequences", ``batch_size=512``
_BATCH_BEFORE = lazy_regex(
    r"(?:\bbatch(?:es)?[ \t]+(?:size[ \t]*)?(?:is[ \t]+|of[ \t]+|=[ \t]*|:[ \t]*)?"
    rf"|(?:\b|_)batch_size[ \t]*=[ \t]*)[ \t$*_`]*{_SYMBOL}$",
    re.I,
)
_BATCH_AFTER = lazy_regex(
    r"[ \t$*_`]*(?:(?:parallel[ \t]+)?streams?|columns?|sequences?|samples?|examples?|rows?)"
    r"(?:[ \t]+(?:per|each|in[ \t]+each)[ \t]+"
    r"(?:step|batch|iteration|update))?\b",
    re.I,
)
# A result worked out from other numbers ("1,000,000 / 20 = 50,000 tokens", "→ 700 tokens") or
# an interval ("every 35 tokens"): no corpus
_DERIVED_BEFORE = lazy_regex(
    r"[\d)][ \t]*(?:/|\N{DIVISION SIGN}|\N{MULTIPLICATION SIGN}|\*|x|\\cdot|\\times)[ \t]*[\d(]"
    r"[^=\n]{0,20}(?:=|\N{ALMOST EQUAL TO})[ \t*_`$]*$|(?:\N{RIGHTWARDS ARROW}|->)[ \t*_`$]*$"
    r"|\b(?:every|each|per)[ \t]+$",
    re.I,
)
_CORPUS_AFTER = lazy_regex(rf"[ \t$*_`]*(?:-[ \t]*)?(?:training[ \t]+)?{_TOKEN}", re.I)
# One column's (or row's) stream of a batchified corpus: "20 columns of 46,479 tokens"
_STREAM_BEFORE = lazy_regex(r"\b(?:columns?|rows?|streams?)[ \t]+of[ \t$*_`]*$", re.I)
# A claim written as a calculation's result: "Steps per epoch: 929,589 / 700 ≈ 1,328"
_CLAIM_RESULT = lazy_regex(
    r"\b(?:steps|iterations|updates|batches)(?:[ \t]*(?:per[ \t]+|/[ \t]*)(?:epoch|pass|ep)\b)?"
    r"[ \t*_`]*[:=]?[^\n:]{0,80}?(?:=|\N{ALMOST EQUAL TO}|\\approx)[ \t*_`$]*$",
    re.I,
)
# (an operator followed by its operand: "**" after a number closes bold)
_OPERAND_AFTER = lazy_regex(r"[ \t]*[/*\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}][ \t]*[\d(]")
# A corpus named before its size: "token budget 100B", "a token budget of 300B"
_CORPUS_BEFORE = lazy_regex(
    r"\b(?:token[ \t]+budget|corpus(?:[ \t]+size)?)[ \t]*(?:of|is|=|:)?[ \t$*_`]*$", re.I
)
# A claimed count of steps: "19,000 steps", "**1,907 optimizer steps**", "steps: 1,907"
_CLAIM_AFTER = lazy_regex(
    r"(?:::[^}\n]*)?[ \t$*_`}]*(?:optimi[sz]er[ \t]+|training[ \t]+|gradient[ \t]+|update[ \t]+)?"
    r"(?:steps|iterations|updates|batches)\b",
    re.I,
)
_CLAIM_LABEL = lazy_regex(
    r"\b(?:steps|iterations|updates|batches)(?:[ \t]+(?:per[ \t]+epoch|per[ \t]+pass|in[ \t]+total"
    r"|total))?[ \t*_`]*[:=][ \t*_`$]*$",
    re.I,
)
# A count that is no pass's length: an interval, a warm-up, a schedule's other steps
_NOT_A_PASS = lazy_regex(
    r"\b(?:every|each|per|after|warm[ -]?up|warmup|first|last|log|eval|save|checkpoint|decay"
    r"|cool[ -]?down|until|within|only)\b[^.\n\d]{0,20}$",
    re.I,
)
# Quantities the two readings do not model: a per-device batch times devices, accumulation.
_PARALLEL = lazy_regex(
    r"\b(?:GPUs?|TPUs?|devices?|replicas?|nodes?|ranks?|world[ \t_]size|accumulat\w*"
    r"|micro-?batch\w*|per[ \t-](?:device|gpu|replica))\b",
    re.I,
)
_STEP_BATCH = lazy_regex(
    r"[ \t$*_`]*(?:sequences?|samples?|examples?)[ \t]+(?:per|in[ \t]+each|for[ \t]+each)[ \t]+"
    r"(?:optimi[sz]er[ \t]+|weight[ \t]+)?(?:step|update)\b",
    re.I,
)
_GLOBAL = lazy_regex(r"\b(?:global|effective|total)[ \t]+batch", re.I)
_EPOCHS_AFTER = lazy_regex(r"[ \t]*(?:full[ \t]+)?(?:epochs|passes)\b", re.I)
# Two corpora (a table of models, a comparison) are two scenarios: no reading is the note's.
_MAX_CLAIMS = 4


@dataclass(frozen=True)
class _Quantity:
    start: int
    end: int
    value: Fraction
    text: str


def _normalised(text: str) -> tuple[str, list[int]]:
    """The text with LaTeX thousands groups ("1{,}048") and ``\\,`` spaces read as plain
    digits, and the original offset of each character of the result."""
    out: list[str] = []
    where: list[int] = []
    index = 0
    for match in re.finditer(r"\{,\}|\\,(?=\d)", text):
        out.append(text[index : match.start()])
        where.extend(range(index, match.start()))
        if match[0] == "{,}":
            out.append(",")
            where.append(match.start())
        index = match.end()
    out.append(text[index:])
    where.extend(range(index, len(text) + 1))
    return "".join(out), where


def _numbers(text: str) -> Iterator[_Quantity]:
    """Every number of the text, those in scientific notation as one."""
    taken: list[tuple[int, int]] = []
    for match in _SCIENTIFIC.finditer(text):
        power = match["e"] or match["p"] or (match["s"] or "").translate(_SUPERSCRIPTS)
        value = Fraction(match["m"]) * 10 ** int(power)
        taken.append((match.start(), match.end()))
        yield _Quantity(match.start(), match.end(), value, match[0])
    for match in _TRILLIONS.finditer(text):
        taken.append((match.start(), match.end()))
        yield _Quantity(match.start(), match.end(), Fraction(match["m"]) * 10**12, match[0])
    for number in find_numbers(text):
        if not any(start <= number.start < end for start, end in taken):
            yield _quantity(number)


def _quantity(number: Number) -> _Quantity:
    return _Quantity(number.start, number.end, number.value, number.text)


@dataclass
class _Setting:
    corpus: list[_Quantity]
    per_step: list[_Quantity]
    per_sequence: list[_Quantity]
    batch: list[_Quantity]
    epochs: list[_Quantity]
    claims: list[_Quantity]


_TABLE_ROW = lazy_regex(r"^[ \t]*\|.*\|[ \t]*$")
_HEADER_ROLES = (
    ("per_step", lazy_regex(r"tokens?[ \t]+per[ \t]+(?:step|batch)|batch[^|]*tokens", re.I)),
    (
        "per_sequence",
        lazy_regex(r"seq(?:uence)?[ \t_-]*len|context|block[ \t_]size|max[ \t_]len", re.I),
    ),
    ("batch", lazy_regex(r"batch", re.I)),
    ("claims", lazy_regex(r"\b(?:steps|iterations|updates)\b(?!.*warm)", re.I)),
    ("epochs", lazy_regex(r"\bepochs?\b", re.I)),
    ("corpus", lazy_regex(r"tokens|corpus|data[ \t]?set|budget", re.I)),
)


def _table_cell(text: str, at: int) -> tuple[int, str] | None:
    """(row start, the column header) of a number in a table's data row, or None."""
    row_start = text.rfind("\n", 0, at) + 1
    row_end = text.find("\n", at)
    row = text[row_start : row_end if row_end >= 0 else len(text)]
    if not _TABLE_ROW.match(row):
        return None
    first = row_start
    while first > 0:
        previous = text.rfind("\n", 0, first - 1) + 1
        if not _TABLE_ROW.match(text[previous : first - 1]):
            break
        first = previous
    if first == row_start or re.fullmatch(r"[\s|:-]+", row):
        return None
    header = text[first : text.find("\n", first)].strip().strip("|").split("|")
    column = text.count("|", row_start, at) - 1
    return (row_start, header[column]) if 0 <= column < len(header) else None


def _settings(text: str, body: int) -> list[_Setting]:
    """The note's setting, or one per table row where a table's rows state the counts: each
    row with its own quantities and the note's for those it leaves out."""
    note = _Setting([], [], [], [], [], [])
    rows: dict[int, _Setting] = {}
    for number in _numbers(text):
        if number.start < body:
            continue
        cell = _table_cell(text, number.start)
        if cell is None:
            _classify(text, number, note)
            continue
        row = rows.setdefault(cell[0], _Setting([], [], [], [], [], []))
        for role, pattern in _HEADER_ROLES:
            if pattern.search(cell[1]):
                getattr(row, role).append(number)
                break
    if not any(row.claims for row in rows.values()):
        return [_merged(note, *rows.values())]
    return [_merged(row, note) for row in rows.values() if row.claims]


_ROLES = ("corpus", "per_step", "per_sequence", "batch", "epochs", "claims")


def _merged(first: _Setting, *others: _Setting) -> _Setting:
    """``first`` with each role it states nothing for (claims aside) taken from ``others``."""
    merged = _Setting(*(list(getattr(first, role)) for role in _ROLES))
    for role in _ROLES:
        if role == "claims" or getattr(merged, role):
            continue
        for other in others:
            getattr(merged, role).extend(getattr(other, role))
    return merged


def _classify(text: str, number: _Quantity, setting: _Setting) -> None:
    """Adds a number of the prose to the role its words give it, if any."""
    before = text[max(0, number.start - 60) : number.start]
    after = text[number.end : number.end + 80]
    if _STREAM_BEFORE.search(before):
        return  # one column's share of the corpus, neither the corpus nor a step's tokens
    if _PER_SEQUENCE_BEFORE.search(before) or _PER_SEQUENCE_AFTER.match(after):
        setting.per_sequence.append(number)
    elif _PER_STEP_AFTER.match(after) or (
        # ("tokens per step = 200 x 256 x 8 = 409,600": a step's tokens worked out)
        _PER_STEP_BEFORE.search(before)
        and (_CORPUS_AFTER.match(after) or _DERIVED_BEFORE.search(before))
    ):
        setting.per_step.append(number)
    elif (_CORPUS_AFTER.match(after) and not _DERIVED_BEFORE.search(before)) or (
        _CORPUS_BEFORE.search(before)
    ):
        setting.corpus.append(number)
    elif _BATCH_AFTER.match(after) or _BATCH_BEFORE.search(before):
        setting.batch.append(number)
    elif _EPOCHS_AFTER.match(after):
        setting.epochs.append(number)
    elif (
        _CLAIM_AFTER.match(after) or _CLAIM_LABEL.search(before) or _CLAIM_RESULT.search(before)
    ) and not (_NOT_A_PASS.search(before) or _OPERAND_AFTER.match(after)):
        setting.claims.append(number)


def _steps_of(text: str, setting: _Setting, parallel: bool) -> set[Fraction] | None:
    """The tokens of one step each reading gives; None when the note states none completely.
    Where devices or accumulation multiply a batch, only a batch said to be one optimizer
    step's ("256 sequences per optimizer step") gives a reading."""
    per_step = {q.value for q in setting.per_step}
    batches = [
        b for b in setting.batch if not parallel or _STEP_BATCH.match(text, b.end, b.end + 60)
    ]
    if setting.per_sequence and batches:
        per_step |= {s.value * b.value for s, b in product(setting.per_sequence, batches)}
    return {value for value in per_step if value >= 1} or None


def token_step_findings(document: LintDocument) -> Iterator[Finding]:
    """Claimed steps of a pass over a token corpus that no reading of the note's setting
    gives."""
    text, where = _normalised(document.text)
    body = next((i for i, at in enumerate(where) if at >= document.body_offset), len(text))
    if not re.search(_TOKEN, text[body:], re.I):
        return
    for setting in _settings(text, body):
        for start, end, message in _judged(text, body, setting):
            yield Finding(where[start], where[end], message)


def _judged(text: str, body: int, setting: _Setting) -> Iterator[tuple[int, int, str]]:
    """(start, end, message) of each claim of a setting that no reading of it gives."""
    corpora = {q.value for q in setting.corpus}
    if len(corpora) != 1 or not setting.claims or len(setting.claims) > _MAX_CLAIMS:
        return
    corpus = next(iter(corpora))
    parallel = _PARALLEL.search(text, body) is not None and not _GLOBAL.search(text, body)
    steps = _steps_of(text, setting, parallel)
    if steps is None or any(step * 20 > corpus for step in steps):
        return
    epochs = {Fraction(1)} | {q.value for q in setting.epochs if q.value == int(q.value)}
    readings = {corpus * epoch / step for step, epoch in product(steps, epochs)}
    rounded = readings | {Fraction(math.ceil(r)) for r in readings}
    rounded |= {Fraction(math.floor(r)) for r in readings}
    for claim in setting.claims:
        if claim.value < 2 or claim.value in steps or claim.value in corpora:
            continue
        hedge = hedge_of(text, claim.start, claim.end) or "about"
        if hedge_allows(hedge, claim.value, claim.text, rounded):
            continue
        right = min(readings, key=lambda r: abs(r - claim.value))
        step = min(steps, key=lambda s: abs(corpus / s - right))
        yield (
            claim.start,
            claim.end,
            f"{claim.text} steps do not fit the stated sizes: {_n(corpus)} tokens / "
            f"{_n(step)} tokens per step = {_n(Fraction(round(corpus / step)))} steps per pass"
            f" ({_n(Fraction(round(right)))} for the closest reading): correct the count",
        )


def _n(value: Fraction) -> str:
    return format_number(value, value >= 10_000)
