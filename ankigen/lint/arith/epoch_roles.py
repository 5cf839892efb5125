"""The roles of a note's numbers for AG102's general pass (``epoch_statements``).

Every number gets a role from its label or its noun, wherever it stands: a sentence, a list
item ("training examples: 24,000"), a row of a table whose first cell names the quantity
("| batch size | 32 | 64 |", one scenario per column), a config or code line
(``steps_per_epoch: 150``), the heading, the Extra section. The roles: a data set size, a
batch size (global, or per device), a device count, an accumulation factor, a number of
epochs, or a claimed count of iterations per epoch. The phrase patterns of ``epochs`` are read
first; a label or a unit noun next to the number overrides them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from ankigen.lint.arith.epochs import MEASURE_AFTER, NOT_SAMPLES, quantities
from ankigen.lint.arith.inline import epoch_prose
from ankigen.lint.arith.vocabulary import shown
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import NUMBER_PATTERN, find_numbers

SENTENCE_END = lazy_regex(r"[.!?](?=[ \t\n*_)]|$)|\n")
SAMPLES, BATCH, GLOBAL, DEVICE_BATCH = "samples", "batch", "global", "device-batch"
DEVICES, ACCUMULATION, EPOCHS, CLAIM = "devices", "accumulation", "epochs", "claim"


@dataclass(frozen=True)
class Statement:
    """A number of the note and the role the note gives it."""

    role: str
    start: int
    end: int
    value: Fraction
    text: str
    grouped: bool
    column: int | None = None  # the scenario column of a table whose rows name quantities


# --- roles from labels: the words just before a number ("batch size: 64", "N = 6,400") ---

# The run of label words before a number, and what joins them to it ("is", "=", ":", "of"); a
# JSON key's quotes are the label's own: ``"batch_size": 64``.
_LABEL = lazy_regex(
    r"(?<![A-Za-z0-9])(?P<label>[A-Za-z][A-Za-z_ \t/-]*?)[ \t]*[*_`\"]*[ \t]*"
    r"(?:\([A-Za-z]+\)[ \t]*)?"
    r"(?:(?:of|is|was|are|=|:|equals?|set[ \t]+to|to|at)[ \t]*)?[*_`]*[ \t]*"
    r"(?:(?:about|approximately|roughly|around|~|\N{ALMOST EQUAL TO})[ \t]*)?$"
)
_EPOCH = r"(?:[ _-]?(?:per|/|each|every|in[ \t]+(?:one|an|each))[ _-]?|_)epoch"
_LABEL_ROLES = (
    (CLAIM, rf"(?:steps|iterations|iters?|its?|batches|updates|mini-?batches){_EPOCH}"),
    (CLAIM, r"(?:(?:per|one)[ -])?epoch[ \t]+(?:steps|iterations|batches|updates|length)"),
    (CLAIM, r"(?:steps|iterations|batches|updates)[ \t]+in[ \t]+(?:an|one|each|a)[ \t]+epoch"),
    (CLAIM, r"^len|(?:data[ \t]?)?loader[ \t]+len(?:gth)?"),
    (CLAIM, r"(?:number|num|n)[ \t]+(?:of[ \t]+)?(?:steps|iterations|batches|updates)" + _EPOCH),
    (GLOBAL, r"(?:global|effective|total)[ \t]+(?:mini-?)?batch(?:[ _-]?size)?"),
    (
        DEVICE_BATCH,
        r"(?:per[ -](?:device|gpu|tpu|replica|worker|core)[ \t]+(?:(?:train(?:ing)?|eval)[ \t]+)?"
        r"(?:mini-?)?batch(?:[ _-]?size)?"
        r"|micro-?batch(?:[ _-]?size)?|(?:mini-?)?batch(?:[ _-]?size)?[ \t]+per[ \t]+"
        r"(?:device|gpu|tpu|replica|worker))",
    ),
    (BATCH, r"(?:mini-?)?batch(?:[ _-]?size)?|bs|(?-i:B)"),
    (DEVICES, r"(?:number[ \t]+of[ \t]+|num[ \t]+)?(?:devices|gpus|tpus|replicas|world[ \t]size)"),
    (
        ACCUMULATION,
        r"(?:gradient[ \t]+)?accum(?:ulation)?(?:[ \t]+steps)?|grad[ \t]+accum\w*"
        # Lightning's ``accumulate_grad_batches=2``
        r"|accumulate[ \t]+grad(?:ient)?s?[ \t]+batches",
    ),
    (EPOCHS, r"(?:number[ \t]+of[ \t]+|num[ \t]+)?epochs"),
    (
        SAMPLES,
        r"(?:(?:number|num|n)[ \t]+(?:of[ \t]+)?)?(?:training|train|total)?[ \t]*"
        r"(?:samples|examples|images|rows|records|sequences|sentences|documents|items"
        r"|data[ \t]?set[ \t]+size|data[ \t]?set|training[ \t]+set[ \t]+size|size)"
        r"|n[ \t]+(?:train|samples|examples)|(?-i:N)",
    ),
)


@cache
def _label_roles() -> list[tuple[str, re.Pattern[str]]]:
    return [(role, lazy_regex(rf"(?:^|\b)(?:{source})$", re.I)) for role, source in _LABEL_ROLES]


def label_role(label: str) -> str | None:
    """The role a label names ("training examples" a data set size), or None."""
    named = _label_match(label)
    return named[0] if named else None


def _leading(label: str) -> int:
    """Where a label's own words start, after "with", "and", "the" …"""
    match = _LEADING_WORDS.match(label)
    return match.end() if match else 0


def _label_match(label: str) -> tuple[str, bool] | None:
    """The role a label names and whether the naming words are all of it."""
    label = label.replace("_", " ").strip()  # ``steps_per_epoch`` in prose
    label = label[_leading(label) :]
    if label in ("N", "B"):  # the usual symbols of a data set size and a batch size
        return (SAMPLES if label == "N" else BATCH), True
    label = label.lower()
    for role, pattern in _label_roles():
        match = pattern.search(label)
        if match:
            return role, match.start() == 0
    return None


# --- roles from nouns: the words just after a number ("4 accumulation steps", "8 GPUs") ---

_NOUN_ROLES = (
    # "a batch size of 512 (global, across 8 GPUs)"
    (GLOBAL, r"[ \t]*\(?[ \t]*(?:global|effective|in[ \t]+total)\b"),
    (ACCUMULATION, r"[ \t]+(?:gradient[ \t]+)?accumulation[ \t]+steps\b"),
    (
        DEVICES,
        r"[ \t]+(?:GPUs|TPUs|devices|replicas|workers|nodes|ranks|processes|cores|chips)\b"
        r"(?![ \t]+(?:each|per)\b)",
    ),
    # "a 20-epoch run": the run's length too
    (EPOCHS, r"[ \t]+epochs\b|-epochs?\b"),
    # "300 samples per step": the batch
    (
        BATCH,
        r"[ \t]+(?:(?:training[ \t]+)?(?:samples|examples|images|sequences|rows|items)[ \t]+)?"
        r"(?:per|each|every|in[ \t]+each)[ \t]+(?:optimi[sz]er[ \t]+)?(?:step|iteration|update)\b",
    ),
    (
        CLAIM,
        r"[*_]*[ \t]*(?:(?:optimi[sz]er|gradient|training|weight|parameter)[ \t]+)?"
        r"(?:it|its|iters?|steps?|iterations?|updates?|(?:mini-?|micro-?)?batch(?:es)?)"
        r"(?:[ \t]*/[ \t]*epoch|[ \t]+(?:per|each|every|in[ \t]+(?:one|an|each|the))[ \t]+"
        r"(?:epoch|pass)\b)",
    ),
)


@cache
def _noun_roles() -> list[tuple[str, re.Pattern[str]]]:
    # "1,000 training points": a plural after "training" counts the data unless it counts
    # something else (steps, tokens, classes)
    samples = (
        SAMPLES,
        rf"[ \t]+(?:training|labell?ed|annotated)[ \t]+(?:points\b|(?!{NOT_SAMPLES})[a-z]+s\b)"
        r"(?![ \t]+(?:per|each|in[ \t]+each|in[ \t]+a)[ \t]+(?:mini-?)?batch)",
    )
    return [(role, lazy_regex(source, re.I)) for role, source in (*_NOUN_ROLES, samples)]


# "batch size from 64 to 128", "from 500 to 250 steps per epoch": two numbers, one role.
_RANGE = lazy_regex(rf"\bfrom[ \t]+(?P<a>{NUMBER_PATTERN})[ \t]+to[ \t]+(?P<b>{NUMBER_PATTERN})")

_BATCH_AFTER = lazy_regex(
    r"(?:[ \t]+[\w-]+){0,2}[ \t]+(?:per|in each|in every|each|in a|a)[ \t]+(?:mini-?)?batch"
    r"|-[\w-]+[ \t]+(?:mini-?)?batch",
    re.I,
)
_TO_EXISTING_ROLE = {"samples": SAMPLES, "batch": BATCH, "iterations": CLAIM}


def statements(view: str, start: int, end: int) -> list[Statement]:
    """Every number of ``view[start:end]`` with a role, once each, in text order."""
    roles: dict[int, Statement] = {}
    for kind, role in _TO_EXISTING_ROLE.items():  # the phrase patterns' readings first
        for quantity in quantities(view, start, end, kind):
            if (
                role == BATCH
                and quantity.start in roles
                and not _BATCH_AFTER.match(view, quantity.end)
            ):
                continue  # "10,000 samples": no batch unless "… per batch" follows
            roles[quantity.start] = Statement(
                role, quantity.start, quantity.end, quantity.value, quantity.text, quantity.grouped
            )
    for number in find_numbers(view, start, end):
        named = _role_of(view, number.start, number.end)
        if named is not None:  # a label or a unit noun is more precise than a phrase
            roles[number.start] = Statement(
                named, number.start, number.end, number.value, shown(number), number.grouped
            )
    for match in _RANGE.finditer(view, start, end):
        shared = _range_role(view, match)
        if shared is None:  # the role the phrase patterns gave the second number
            second = roles.get(match.start("b"))
            shared = second.role if second is not None else None
        for name in ("a", "b"):
            bound = next(find_numbers(view, match.start(name), match.end(name)), None)
            if shared is not None and bound is not None:
                roles[bound.start] = Statement(
                    shared, bound.start, bound.end, bound.value, shown(bound), bound.grouped
                )
    for key in [
        k for k, s in roles.items() if s.role in _SIZES and _COUNTS_UNITS.match(view, s.end)
    ]:
        del roles[key]  # "sequences of 1,024 tokens": a length, not a data set or a batch
    for claim in _subject_claims(view, start, end):
        roles.setdefault(claim.start, claim)
    for statement in [s for s in roles.values() if s.role == GLOBAL]:
        product = _global_product(view, statement)
        if product is not None:  # "an effective batch of 4 x 32 = 128": the result is it
            del roles[statement.start]
            roles[product.start] = product
    return [roles[key] for key in sorted(roles) if not _list_ordinal(view, roles[key])]


# "3. total: …": the number that opens an ordered list item is its place in the list, never
# the value of the label that ends the line above (whose value may be blanked math)
_ORDINAL_AFTER = lazy_regex(r"[.)][ \t]")
_LINE_OPENING = lazy_regex(r"(?:^|\n)[ \t>]*$")


def _list_ordinal(view: str, statement: Statement) -> bool:
    return (
        _ORDINAL_AFTER.match(view, statement.end) is not None
        and _LINE_OPENING.search(view, max(0, statement.start - 12), statement.start) is not None
    )


_SIZES = (SAMPLES, BATCH, DEVICE_BATCH, GLOBAL)
# Units a sample or batch count is never in: tokens, characters, pixels, bytes, time.
_COUNTS_UNITS = lazy_regex(
    r"[*_]*[ \t]+(?:tokens?|sub-?words?|characters|chars|pixels|bytes|bits|dimensions"
    r"|features|channels|parameters|seconds|minutes|hours|ms)\b",
    re.IGNORECASE,
)
_PRODUCT_RESULT = lazy_regex(
    rf"(?:[ \t]*[\N{{MULTIPLICATION SIGN}}xX*\N{{MIDDLE DOT}}][ \t]*{NUMBER_PATTERN})+[ \t]*=[ \t]*"
    rf"[*_]*(?P<result>{NUMBER_PATTERN})"
)


def _global_product(view: str, statement: Statement) -> Statement | None:
    """The result of a product that a global batch starts ("4 x 32 = 128"), if any."""
    match = _PRODUCT_RESULT.match(view, statement.end)
    if match is None:
        return None
    number = next(find_numbers(view, match.start("result"), match.end("result")), None)
    if number is None:
        return None
    return Statement(GLOBAL, number.start, number.end, number.value, shown(number), number.grouped)


# "The number of iterations in one epoch is … : for 3,000 examples and a batch of 25, it is 120."
_COUNT_SUBJECT = lazy_regex(
    r"\b(?:number|count)[ \t]+of[ \t]+(?:training[ \t]+)?(?:iterations|steps|updates"
    r"|(?:mini-?)?batches)[ \t]+(?:in|per|for|of)[ \t]+(?:(?:one|an|a|each|every|the|a[ \t]+single)"
    r"[ \t]+)?epoch\b",
    re.IGNORECASE,
)
_SENTENCE_LAST = lazy_regex(r"[*_]*[ \t]*(?:[.!]|\Z|\n)")
# "the log line `Total optimization steps` reads 4,800": the run's total, named by its label
TOTAL_SUBJECT = lazy_regex(
    r"\btotal[ \t]+(?:optimi[sz](?:er|ation)[ \t]+|training[ \t]+)?(?:steps|iterations|updates)"
    r"[`*_]*[ \t]+(?:reads|shows|prints|comes[ \t]+to)[ \t]+[`*_]*(?=\d)",
    re.IGNORECASE,
)


def _subject_claims(view: str, start: int, end: int) -> Iterator[Statement]:
    """The number that ends a sentence whose subject is the count of an epoch's iterations."""
    for subject in _COUNT_SUBJECT.finditer(view, start, end):
        stop = SENTENCE_END.search(view, subject.end(), end)
        sentence_end = stop.start() if stop else end
        numbers = list(find_numbers(view, subject.end(), sentence_end))
        if numbers and _SENTENCE_LAST.match(view, numbers[-1].end):
            last = numbers[-1]
            yield Statement(CLAIM, last.start, last.end, last.value, shown(last), last.grouped)
    for subject in TOTAL_SUBJECT.finditer(view, start, end):
        number = next(find_numbers(view, subject.end(), min(end, subject.end() + 20)), None)
        if number is not None and number.start == subject.end():
            yield Statement(
                CLAIM, number.start, number.end, number.value, shown(number), number.grouped
            )


def _role_of(view: str, start: int, end: int) -> str | None:
    after = view[end : end + 40]
    if _ACCUMULATED_OVER.search(view, max(0, start - 50), start) and _MICRO_NOUN.match(after):
        return ACCUMULATION  # "gradients accumulated over 4 micro-batches"
    if _GRADIENTS_OF.search(view, max(0, start - 30), start) and _MICRO_NOUN.match(after):
        return ACCUMULATION  # "adds up the gradients of 4 batches" before one update
    if _TIMES.match(after) and _STEPPED.search(view, max(0, start - 30), start):
        return CLAIM  # "the optimizer is stepped 800 times"
    for role, pattern in _noun_roles():
        if pattern.match(after):
            if role == GLOBAL and _label_role_before(view, start) not in _BATCHES:
                return None
            return role
    if _STEP_NOUN.match(after):  # "… is 313 steps": the count, whatever stands before
        # unless its label names the accumulation: "**Accumulation:** 3 steps"
        return ACCUMULATION if _label_role_before(view, start) == ACCUMULATION else None
    low = max(0, start - 50)
    label = _LABEL.search(view[low:start])
    named = _label_match(label.group("label")) if label else None
    if label is None or named is None:
        return None
    head = low + label.start() + _leading(label.group("label"))
    if named[1] and _NUMBER_BEFORE.search(view[max(0, head - 12) : head]):
        return None  # "10,000 samples is 313": the noun is the other number's
    if named[0] == CLAIM and MEASURE_AFTER.match(after):
        return None  # "Steps/epoch: 10 yr of hourly data": the number measures the data
    return named[0]


_BATCHES = (BATCH, DEVICE_BATCH, GLOBAL)
_TIMES = lazy_regex(r"[ \t]+times\b")
_STEPPED = lazy_regex(
    r"(?:\b(?:stepped|updated|called|invoked|run|executed|performed|applied)"
    # "the optimizer (only) steps 800 times"
    r"|\boptimi[sz]er[ \t]+(?:\w+[ \t]+)?(?:steps|updates))[ \t]+"
    r"(?:(?:only|about|roughly|around)[ \t]+)?\Z",
    re.IGNORECASE,
)
# "accumulate gradients over 4 micro-batches", "accumulating 3 micro-batches"
_ACCUMULATED_OVER = lazy_regex(
    r"\baccumulat\w*(?:[ \t\n]+(?:the[ \t\n]+)?(?:gradients?|losses|them|it))?"
    r"(?:[ \t\n]+(?:over|across|for|of|from|every))?[ \t\n]+\Z",
    re.IGNORECASE,
)
# "the gradients of 4 batches", "gradients from 8 micro-batches": the batches one update sums
_GRADIENTS_OF = lazy_regex(
    r"\bgradients[ \t\n]+(?:of|from|over|across)[ \t\n]+(?:the[ \t\n]+)?\Z", re.IGNORECASE
)
_MICRO_NOUN = lazy_regex(r"[ \t\n]+(?:micro-?|mini-?)?(?:batches|steps)\b", re.IGNORECASE)


def _label_role_before(view: str, start: int) -> str | None:
    label = _LABEL.search(view[max(0, start - 50) : start])
    return label_role(label.group("label")) if label else None


_STEP_NOUN = lazy_regex(
    r"[*_]*[ \t]+(?:(?:optimi[sz]er|gradient|training|weight)[ \t]+)?"
    r"(?:steps?|iterations?|updates?|(?:mini-?)?batch(?:es)?)\b",
    re.I,
)
_NUMBER_BEFORE = lazy_regex(r"\d(?:[kKM]|[ \t]+(?:thousand|million|billion))?[*_]*[ \t]*\Z")
_LEADING_WORDS = lazy_regex(r"(?:(?i:with|and|so|a|an|the|our|at|for|if|we use|using)[ \t]+)*")


def _range_role(view: str, match: re.Match[str]) -> str | None:
    label = _LABEL.search(view[max(0, match.start() - 40) : match.start()])
    if label is not None and label_role(label.group("label")) is not None:
        return label_role(label.group("label"))
    return _role_of(view, match.start("b"), match.end("b"))


# --- tables whose rows name the quantity: "| batch size | 32 | 64 |" ---

_TABLE_ROW = lazy_regex(r"^[ \t]*\|(?P<cells>.*)\|[ \t]*$", re.MULTILINE)


def table_statements(view: str, start: int, end: int) -> list[Statement]:
    """Numbers of table rows whose first cell is a label, with their column as scenario."""
    found = []
    for row in _TABLE_ROW.finditer(view, start, end):
        cells = row.group("cells").split("|")
        role = label_role(cells[0].strip(" *_`")) if len(cells) >= 2 else None
        if role is None:
            continue
        position = row.start("cells") + len(cells[0]) + 1
        for column, cell in enumerate(cells[1:], start=1):
            numbers = list(find_numbers(view, position, position + len(cell)))
            if len(numbers) == 1 and cell.strip(" *_`") == numbers[0].text:
                number = numbers[0]
                found.append(
                    Statement(
                        role,
                        number.start,
                        number.end,
                        number.value,
                        shown(number),
                        number.grouped,
                        column,
                    )
                )
            position += len(cell) + 1
    return found


# --- the view: the epoch prose with every code line read as labelled values ---

_CODE_PUNCTUATION = lazy_regex(r"[\"'{}\[\]#]|(?<=[A-Za-z])_(?=[A-Za-z])")
_CODE_THOUSANDS = lazy_regex(r"(?<=\d)_(?=\d{3}(?!\d))")


def _code_as_labels(line: str) -> str:
    """``"steps_per_epoch": 150`` as `` steps per epoch : 150`` (same length)."""
    return _CODE_THOUSANDS.sub(",", _CODE_PUNCTUATION.sub(" ", line))


def statement_view(document: LintDocument) -> str:
    """``epoch_prose`` with every line of a code block put back as labelled values."""

    def build() -> str:
        prose, text = epoch_prose(document), document.text
        pieces, position = [], 0
        for block in document.code_blocks:
            for number, line in enumerate(block.code.split("\n")):
                start = document.offset_of_line(block.first_line + number) + block.indent
                if start < position or text[start : start + len(line)] != line:
                    continue
                pieces += [prose[position:start], _code_as_labels(line)]
                position = start + len(line)
        pieces.append(prose[position:])
        return "".join(pieces)

    return document.memo("epoch-statement-view", build)
