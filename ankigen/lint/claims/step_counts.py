"""The inventory's first consumer (generalisation study §6.5 step 5): a claim of steps per epoch
or of total steps checked against the training set-up the note states as ``Quantity`` nodes.

Every reading the set-up allows is tried: the last batch kept or dropped, the batch per device
or global where devices are named, micro-batches or optimizer steps where accumulation is, each
stated data size and batch. A claim is reported only when the set-up is complete for its kind
(a data size and a batch; and epochs for a total) and no reading gives it, as its wording
allows (``claims.wording``: "about 390" is judged at its precision, "not 390" never). It is an
error only where each quantity has one stated value, no devices or accumulation leave a choice,
and the claim's own label names its kind; otherwise a warning (``lint.grounds``).

Not wired into AG102: measured as a fallback (on a note neither AG101 nor AG102 reports) by
``scripts/step_consumer.py``, it gained no dev positive and added no finding on a correct note
(docs/generalisation-study.md §6.6), so it stays off until the quantities it reads are complete.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from fractions import Fraction

from ankigen.lint import stage_trace
from ankigen.lint.arith.epoch_repeats import repeat_factors, repeated_counts
from ankigen.lint.claims.inventory import inventory
from ankigen.lint.claims.last_batch import LastBatch, in_supposed_sentence, last_batch
from ankigen.lint.claims.model import Claim, Kind
from ankigen.lint.claims.quantities import Quantity, Role, quantities
from ankigen.lint.claims.wording import ABOUT, EXACT, SILENT, fits, precision
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.grounds import Ground, severity_of
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import format_number

_STEP_KINDS = (Kind.STEPS_PER_EPOCH, Kind.TOTAL_STEPS)


def step_findings(document: LintDocument) -> Iterator[Finding]:
    claims = [c for c in inventory(document) if c.kind in _STEP_KINDS and not c.kind_from_header]
    if not claims:
        return
    stated = quantities(document)
    if _UNMODELLED.search(document.text, document.body_offset):
        return  # a resumed fit, a schedule's phases, alternatives: readings not modelled
    read_lines = {q.line for q in stated}
    for row in _SETTING_ROW.finditer(document.text, document.body_offset):
        if document.position(row.start())[0] not in read_lines:
            return  # a table row names a setting no role reads: the set-up is incomplete
    convention = last_batch(document)
    inputs = {q.value for q in stated}
    for claim in claims:
        if claim.value in inputs or not _judged(claim) or _calculated(document, claim):
            continue
        line_start = document.offset_of_line(claim.line)
        if _HEDGED_AFTER.match(document.text, claim.end) or _HEDGED_BEFORE.search(
            document.text, line_start, claim.start
        ):
            continue  # "3,900 steps, give or take": a hedge after the count, left to AG102's
            # phrase readers, which judge it at its precision
        if _OTHER_UNIT.match(document.text, claim.end) or _SPACED.search(claim.text):
            continue
        if _OTHER_COUNT.match(document.text, claim.end):
            continue  # "4 evaluations per epoch", "6,250 reviews per epoch": no steps
        if _EVERY.search(document.text, document.offset_of_line(claim.line), claim.start):
            continue  # "checkpoint every 500 steps": an interval
        line_start = document.offset_of_line(claim.line)
        cell = _FIRST_CELL.match(document.text, line_start)
        # (an aside after the count is no part of its label: "30,517 steps (last batch kept)")
        labels = [(claim.label or "").split("(")[0], cell["cell"] if cell else ""]
        if any(_SIZE_LABEL.search(label) for label in labels):
            continue  # "global batch = G·B = 192", "clips per update: 32": a size, no count
        if _LEFTOVER_OR_SHAPE.search(document.text, line_start, claim.start):
            continue  # the size of the last batch, or a dimension of a batch's shape
        scoped = _in_scope(document, stated, claim)
        own = None if in_supposed_sentence(document, claim.start) else convention
        own = _own_rounding(document, claim) or own
        finding = None if scoped is None else _judge(document, claim, scoped, own)
        if finding is not None:
            yield finding


def _judge(
    document: LintDocument,
    claim: Claim,
    stated: tuple[Quantity, ...],
    convention: LastBatch | None,
) -> Finding | None:
    """The claim against every reading of the set-up in its scope, or None where one gives
    it or the set-up is incomplete."""
    values = {role: sorted({q.value for q in stated if q.role is role}) for role in Role}
    if not values[Role.DATA] or not values[Role.BATCH]:
        return None  # the set-up is incomplete: nothing to judge
    stage_trace.record("setup", stage_trace.EPOCHS, claim.start)
    if any(_rounded(document, q) for q in stated if q.role is Role.DATA):
        return None  # "1.28M images": a rounded size gives no exact count of steps
    if _UNREAD_SPLIT.search(document.text, document.body_offset) and not (
        values[Role.SHARE] or values[Role.FOLDS] or len(values[Role.DATA]) > 1
    ):
        return None  # the note splits its data in words no role reads: its part is unknown
    updates = bool(values[Role.ACCUMULATION]) and _counts_updates(document, claim)
    if any(
        _EFFECTIVE.search(document.text, max(0, q.start - 32), q.start)
        for q in stated
        if q.role is Role.BATCH
    ):
        updates = False  # "Effective batch: 96 = 24 x 4": the accumulation is in the batch
    local = bool(values[Role.DEVICES]) and _per_device(document, stated)
    # where no part is held out in words, one size less another is no trained part ("2,400
    # clips and 3 noisy copies of each: 4 x 2,400 = 9,600 clips" trains on 9,600, not 7,200)
    held = _UNREAD_SPLIT.search(document.text, document.body_offset) is not None
    per_epoch = _per_epoch(values, convention, updates, local, held)
    if not per_epoch:
        return None  # no data size above a batch: the roles were misread
    epochs = set(values[Role.EPOCHS])
    epochs |= {a - b for a in epochs for b in epochs if b < a}  # a schedule's phases
    totals = {int(steps * run) for steps in per_epoch for run in epochs}
    # an accumulation counter that runs across epochs: the run's micro-batches over the factor
    totals |= {
        rounding(run * math.ceil(data / batch) / factor)
        for data in _trained_parts(values, held)
        for batch in _global_batches(values, local)
        for factor in values[Role.ACCUMULATION]
        for run in epochs
        for rounding in (math.floor, math.ceil)
        if factor > 1 and data > batch
    }
    # a k-fold run trains k models: its steps may be counted over all folds
    totals |= {int(steps * folds) for steps in totals for folds in values[Role.FOLDS]}
    # "600 iterations", "16 steps": a count's noun does not always say whether it counts one
    # epoch or the run, so either stands
    if _fits(claim, per_epoch | totals):
        stage_trace.judged(stage_trace.EPOCHS, claim.start, "another convention accepted")
        return None
    if _fits(claim, _repeated(document, values, epochs)):
        stage_trace.judged(stage_trace.EPOCHS, claim.start, "another convention accepted")
        return None  # "repeat: 2": the loader passes over the data twice an epoch
    full = convention is not None and _FULL.match(document.text, claim.end) is not None
    if full and _fits(claim, per_epoch | totals | _per_epoch(values, None, updates, local, held)):
        stage_trace.judged(stage_trace.EPOCHS, claim.start, "another convention accepted")
        return None  # "390 full batches" counts the full ones whatever the last batch does
    return Finding(
        claim.start,
        claim.end,
        f"{_set_up(stated)} give {_listed(per_epoch)} steps per epoch"
        f"{f' and {_listed(totals)} in all' if totals else ''}, not {_shown(claim)}: "
        "correct the count",
        severity=severity_of(_grounds(claim, values, stated, updates, local)),
    )


def _repeated(
    document: LintDocument, values: dict[Role, list[Fraction]], epochs: set[Fraction]
) -> set[int]:
    """The whole step counts of one epoch or the run over the data repeated by a stated
    factor (``arith.epoch_repeats``); empty where the note states none."""
    factors = repeat_factors(document.text[document.body_offset :])
    return {
        int(count)
        for data in values[Role.DATA]
        for batch in values[Role.BATCH]
        for run in {Fraction(1), *epochs}
        for count in repeated_counts(data, batch, factors, run)
        if count.denominator == 1
    }


# A claim that names optimizer updates: under accumulation it counts the updates, never the
# micro-batches ("# 4394 optimizer updates per epoch", "scheduler total_steps = 60_000").
_UPDATES = lazy_regex(
    r"\b(?:optimi[sz]er|scheduler|updates?|total_steps|stepping_batches|num_training_steps)\b",
    re.I,
)
# (the words after the claim on its line, up to a clause mark: "# 24,415 optimizer steps")
_WORDS_AFTER = lazy_regex(r"[^.;,()\n]{0,40}")


def _own_rounding(document: LintDocument, claim: Claim) -> LastBatch | None:
    """The rounding the claim's own formula names before it on its line ("steps =
    ceil(N / B) = 334", "``math.ceil(N / micro_batch)  # 24,415``"): one of ceil or floor."""
    before = document.text[document.offset_of_line(claim.line) : claim.start]
    ceil, floor = _CEIL.search(before), _FLOOR.search(before)
    if (ceil is None) == (floor is None):
        return None
    return LastBatch.KEPT if ceil else LastBatch.DROPPED


_CEIL = lazy_regex(r"\bceil\b|\u2308|\\lceil\b")
_FLOOR = lazy_regex(r"\bfloor\b|\u230a|\\lfloor\b|//")


def _per_device(document: LintDocument, stated: Iterable[Quantity]) -> bool:
    """Whether every stated batch is named one device's (``per_device``, "per-GPU batch 2048",
    "``batch_size=512`` per GPU"): the devices then multiply it, it is never the global one."""
    if any(
        _DEVICE_SHARE.search(document.text, max(0, q.start - 60), q.start)
        for q in stated
        if q.role is Role.DATA
    ):
        return False  # "each worker processes 2,500 clips": the data is one device's already
    batches = [q for q in stated if q.role is Role.BATCH]
    return bool(batches) and all(
        _PER_DEVICE.search(q.label)
        or _PER_DEVICE_AFTER.match(document.text, q.end)
        or _PER_DEVICE_BEFORE.search(document.text, max(0, q.start - 48), q.start)
        for q in batches
    )


_DEVICE_SHARE = lazy_regex(
    r"\b(?:each|every|per|one)[ \t]+(?:worker|GPU|device|rank|replica|process|core|node)\b"
    r"[^.;\n]*$",
    re.I,
)
_PER_DEVICE = lazy_regex(r"\bper[ \t_-]*(?:device|gpu|rank|replica|worker|core)", re.I)
_PER_DEVICE_BEFORE = lazy_regex(
    r"\bper[ \t_-]*(?:device|GPU|rank|replica|worker|core)[ \t]+(?:(?:micro|mini)-?)?batch"
    r"(?:[ \t_-]*size)?[ \t]*(?:of|is|=|:)?[ \t]*$",
    re.I,
)
_PER_DEVICE_AFTER = lazy_regex(
    r"[`'\"]?[ \t]*(?:per|on[ \t]+each|on[ \t]+every)[ \t_-]*"
    r"(?:device|GPU|rank|replica|worker|core)\b",
    re.I,
)


_EFFECTIVE = lazy_regex(r"\beffective[ \t]+(?:global[ \t]+)?batch(?:[ \t_-]*size)?\b[^\n]*$", re.I)


def _counts_updates(document: LintDocument, claim: Claim) -> bool:
    """Whether the claim's own words name optimizer updates, not micro-batches."""
    after = _WORDS_AFTER.match(document.text, claim.end)
    start = document.offset_of_line(claim.line)
    end = document.text.find("\n", start)
    own_line = document.text[start : end if end >= 0 else len(document.text)]
    # (a label the view joined from the next line names the next count, not this one)
    label = claim.label if claim.label and claim.label in own_line else ""
    words = [label, after[0] if after else ""]
    if any(_MICRO.search(text) for text in words):
        return False  # "micro-batches per optimizer step": the other count
    return any(_UPDATES.search(text) for text in words)


_MICRO = lazy_regex(
    r"\b(?:micro-?|mini-?)?batches\b|\bforward|\bbackward|\bper[ \t]+(?:optimi[sz]er|update)", re.I
)


def _rounded(document: LintDocument, quantity: Quantity) -> bool:
    """A data size written with a scale word or letter ("1.28M", "50k", "1.2 million") that
    the note does not also write out in full ("4B impressions", then "4,000,000,000 / 65,536":
    the note takes it as exact)."""
    scaled = _SCALED.match(document.text, quantity.start)
    if scaled is None or quantity.value.denominator != 1:
        return False
    if scaled[0].replace(" ", "") in _scaled_dividends(document):
        return False  # the note divides it as written ("2B / 65,536 = 30,517.6"): exact to it
    whole = int(quantity.value)
    written = re.compile(rf"(?<![\d,.])(?:{whole:,}|{whole})(?![\d,])")
    return written.search(document.text, document.body_offset) is None


def _scaled_dividends(document: LintDocument) -> set[str]:
    """Sizes written with a scale that the note divides as they stand ("2B / 65,536"), found
    in one pass over the note."""

    def read() -> set[str]:
        return {
            match["size"].replace(" ", "")
            for match in _SCALED_DIVIDEND.finditer(document.text, document.body_offset)
        }

    return document.memo("claims-step-scaled-dividends", read)


_SCALED_DIVIDEND = lazy_regex(
    r"(?<![\w.,])(?P<size>\d[\d.,]*[ \t]*(?:[kKMB]|bn))\b[ \t]*(?:/|\u00f7)[ \t]*\d"
)


def _in_scope(
    document: LintDocument, stated: tuple[Quantity, ...], claim: Claim
) -> tuple[Quantity, ...] | None:
    """The set-up a claim is judged on, nearest scope first: for each role, the values its
    own line states, else its block (its paragraph, list, table or code block, up to blank
    lines), else the note's. None where the note's values of a data size or a batch come
    from several blocks the claim does not stand in (scenarios of their own)."""
    first, last = _block(document, claim.line)
    heading = _block(document, document.position(document.body_offset)[0])
    # blocks that each state a whole scenario of their own: a data size and a batch
    data_blocks = {_block(document, q.line) for q in stated if q.role is Role.DATA}
    batch_blocks = {_block(document, q.line) for q in stated if q.role is Role.BATCH}
    scenarios = (data_blocks & batch_blocks) - {heading}
    # (a line is a scope of its own only as a list item or a table row; a paragraph's lines
    # wrap one sentence)
    line_start = document.offset_of_line(claim.line)
    own_line = _ITEM_OR_ROW.match(document.text, line_start) is not None
    scoped: list[Quantity] = []
    for role in Role:
        # (a value under a table's column header is its own row's, no setting of the note)
        of_role = [q for q in stated if q.role is role and (not q.column or q.line == claim.line)]
        on_line = [q for q in of_role if q.line == claim.line and own_line]
        in_block = [q for q in of_role if first <= q.line <= last]
        chosen = on_line or in_block
        if not chosen and role in (Role.DATA, Role.BATCH) and len(scenarios) > 1:
            return None  # each of several paragraphs states its own set-up
        scoped += chosen or of_role
    if any(q.column for q in scoped) and len({q.value for q in scoped if q.role is Role.DATA}) > 1:
        return None  # a row's own batch over one of several sizes stated outside the table
    return tuple(sorted(scoped, key=lambda q: (q.start, q.end)))


# A table row whose first cell names a setting of the run and whose value is a number.
_SETTING_ROW = lazy_regex(
    r"^[ \t]*\|[^|\n]*(?:accum|GPU|device|replica|node|fold|split|valid|held|warm|world"
    r"|shard|drop)[^|\n]*\|[ \t*_`]*\d",
    re.I | re.M,
)
_FIRST_CELL = lazy_regex(r"[ \t]*\|(?P<cell>[^|\n]*)\|")
_ITEM_OR_ROW = lazy_regex(r"[ \t>]*(?:[-*+]|\d{1,3}[.)]|\|)[ \t]")


def _block(document: LintDocument, line: int) -> tuple[int, int]:
    """The lines of the block around ``line``: up to a blank line either side."""
    runs = document.memo("claims-step-blocks", lambda: _runs(document.text.split("\n")))
    firsts, lasts = runs
    first = firsts[line - 1] if 1 < line <= len(firsts) + 1 else line
    last = lasts[line + 1] if 0 < line < len(lasts) - 2 else line
    return first, last


def _runs(lines: list[str]) -> tuple[list[int], list[int]]:
    """In one pass each way: ``firsts[n]`` is where the run of non-blank lines ending at line
    n (1-based) begins, n + 1 after a blank line; ``lasts[n]`` where the run from line n ends,
    n - 1 at a blank line."""
    firsts = [1] * (len(lines) + 1)
    for number in range(1, len(lines) + 1):
        blank = not lines[number - 1].strip()
        firsts[number] = number + 1 if blank else firsts[number - 1] if number > 1 else 1
    lasts = [0] * (len(lines) + 2)
    for number in range(len(lines), 0, -1):
        blank = not lines[number - 1].strip()
        below = lasts[number + 1] if number < len(lines) else number
        lasts[number] = number - 1 if blank else below
    return firsts, lasts


# Readings the consumer does not model: a fit resumed from a later epoch, alternatives
# offered for one setting ("a batch size of 32 or 64").
_UNMODELLED = lazy_regex(
    r"\binitial_epoch\b|\bresum(?:e|ed|es|ing)\b|\bwarm[ -]?up\b"
    # a cap on an epoch's batches (Lightning's share or count): the linker reads it
    r"|\blimit_train_batches\b"
    r"|\bbatch(?:[ \t_-]*size)?[^\n.;:]{0,12}?\d+[ \t]+or[ \t]+\d"
    # two data sets named side by side: "CIFAR-10 has 50,000 and SVHN 73,257 images"
    r"|\d[ \t]+(?:and|or|vs\.?)[ \t]+(?-i:[A-Z][\w-]*)[ \t]+(?:has[ \t]+|with[ \t]+)?\d",
    re.I,
)


def _per_epoch(
    values: dict[Role, list[Fraction]],
    convention: LastBatch | None,
    updates: bool = False,
    local: bool = False,
    held: bool = True,
) -> set[int]:
    """Steps of one epoch under every reading of the set-up: the last partial batch kept or
    dropped as the note's one convention says (either where it names none or both); a count
    of optimizer ``updates`` under accumulation is never the micro-batches', and a batch named
    one device's (``local``) is never the global one."""
    devices = [*([] if local else [Fraction(1)]), *values[Role.DEVICES]]
    accumulation = [*([] if updates else [Fraction(1)]), *values[Role.ACCUMULATION]]
    roundings = [
        rounding
        for rounding, excluded in ((math.ceil, LastBatch.DROPPED), (math.floor, LastBatch.KEPT))
        if convention is not excluded
    ]
    found: set[int] = set()
    for data in _trained_parts(values, held):
        for batch in values[Role.BATCH]:
            for shared in devices:  # the batch per device (times the devices) or global
                # a sampler that shards the data gives each device ceil(N / devices) samples
                pairs = {(data, batch * shared), (_shard(data, shared), batch)}
                for part, size in pairs if local else pairs | {(data, batch)}:
                    if part <= size:
                        continue  # "a last batch of 2 slices" is no data set
                    loader = {rounding(part / size) for rounding in roundings}
                    for micro in accumulation:  # optimizer steps over micro-batches
                        found |= {math.ceil(n / micro) for n in loader}
                        found |= {math.floor(n / micro) for n in loader}
    return {steps for steps in found if steps > 0}


def _global_batches(values: dict[Role, list[Fraction]], local: bool) -> list[Fraction]:
    """The batches one step takes from the data: a batch named one device's times the
    devices."""
    if not local:
        return values[Role.BATCH]
    return [batch * devices for batch in values[Role.BATCH] for devices in values[Role.DEVICES]]


def _shard(data: Fraction, devices: Fraction) -> Fraction:
    """One device's share of the data under a padding sampler (``DistributedSampler``)."""
    return Fraction(math.ceil(data / devices))


# Words of a split whose parts may be stated as counts no role reads ("2,000 are kept for
# validation", "trains on the rest"): without a share, a fold or a second size the trained
# part is unknown and nothing is judged.
_UNREAD_SPLIT = lazy_regex(
    r"\b(?:validation|validat(?:e|es|ing)|held[ -]out|hold(?:s|ing)?[ -]out|test(?:ing)?[ \t]+"
    r"(?:set|split|part)|for[ \t]+testing|reserved|the[ \t]+rest|remaining"
    # ("drop remainder" is the last batch's convention, no part of a split)
    r"|(?<!drop[ \t_])(?<!drops[ \t_])(?<!dropping[ \t_])remainder|folds?"
    r"|dev[ \t]+set|kept[ \t]+(?:back|aside))\b",
    re.I,
)


# A written calculation before the claim on its line: "1,600,000 / 64 = 25,000",
# "0.06 x 20,000 = 1,200", "$\\frac{8000}{32} = 250$".
# (a formula of symbols only, "$\\lceil N / B \\rceil = 156$", is no calculation AG101 can
# judge: the set-up judges its result)
_CALCULATION_BEFORE = lazy_regex(
    r"(?:\d[ \t]*(?:[/*\u00d7\u00f7\u00b7x]|\\times|\\cdot|\\div)"
    # a name times a number: "max_steps = steps_per_epoch * 4  # = 1248" (not "1.5B / 2048")
    r"|(?<![\d.])\b[A-Za-z_]\w*[ \t]*(?:[*\u00d7\u00b7]|\\times|\\cdot)[ \t]*\d"
    r"|(?:\\[dt]?frac[ \t]*\{|\\lceil|\\lfloor|\\left|[\u2308\u230a])[ \t{(]*\d)"
    r"[^\n]*(?:=|\u2248|\u2192|->)[^=\u2248\u2192\n]*$"
)


def _calculated(document: LintDocument, claim: Claim) -> bool:
    """The claim ends a calculation written on its line: AG101 judges its arithmetic and
    AG102's readers its operands' roles; the fallback judges only counts stated without one
    (a cloze, a bold answer, a table cell, a printed line, a sentence). A count after another
    calculation's result ("⌈10,001 / 4⌉ = 2,501 samples and runs 78 steps") is no result of
    it, and a division rounded by an arrow ("84,843 / 100 → 848", "421.875 → 421") writes the
    rounding the set-up decides, which AG101 leaves alone."""
    line_start = document.offset_of_line(claim.line)
    found = _CALCULATION_BEFORE.search(document.text, line_start, claim.start)
    if found is None:
        return False
    relation = _last_relation(document.text, line_start, claim.start)
    if relation is None or _DIGIT.search(relation[2]):
        return False  # the calculation gave another number before this claim
    arrow = relation[1] != "="
    return not (arrow and _ROUNDED.search(relation[0]))


def _last_relation(text: str, start: int, end: int) -> tuple[str, str, str] | None:
    """The last relation mark of ``text[start:end]`` with the text since the one before it
    and the text after it, found in one pass (a pattern anchored at the end, searched from
    every start, cost the square of the line's length)."""
    previous, last = start, None
    for mark in _RELATION_MARK.finditer(text, start, end):
        previous = last.end() if last is not None else start
        last = mark
    if last is None:
        return None
    return text[previous : last.start()], last[0], text[last.end() : end]


_RELATION_MARK = lazy_regex(r"->|=|\u2248|\u2192")


_DIGIT = lazy_regex(r"\d")
# What an arrow rounds: a plain division ("84,843 / 100 →") or a decimal ("421.875 →"),
# with no rounding bracket of its own
_ROUNDED = lazy_regex(
    r"(?:^|[=:(\s])[ \t*]*(?:\d[\d,]*[ \t]*/[ \t]*\d[\d,]*|\d[\d,]*\.\d+)[ \t*]*$"
)


def _trained_parts(values: dict[Role, list[Fraction]], held: bool = True) -> set[Fraction]:
    """The data an epoch may pass over: each stated size, what is left of one after another
    (a held-out part, "9,000 images, 900 for validation"), after a stated share, and the
    training part and one fold of a k-fold split."""
    sizes = set(values[Role.DATA])
    # sliding windows over one long series: floor((T - W) / H) + 1 windows of a length T
    sizes |= {
        Fraction((length - window) // hop + 1)
        for length in values[Role.DATA]
        for window in values[Role.WINDOW]
        for hop in values[Role.HOP]
        if length > window and hop <= window
    }
    parts = set(sizes)
    if held:
        parts |= {whole - part for whole in sizes for part in sizes if part < whole}
    for share in values[Role.SHARE]:
        fraction = share / 100 if share >= 1 else share
        if 0 < fraction < 1:
            for size in sizes:
                parts |= {size * fraction, size * (1 - fraction)}
    for folds in values[Role.FOLDS]:
        if folds.denominator == 1 and folds > 1:
            # a size that is already one fold's part of another ("trains on 8,000 of the
            # 10,000") is no whole to split again
            wholes = {
                size
                for size in sizes
                if not any(size in (other / folds, other * (folds - 1) / folds) for other in sizes)
            }
            for size in wholes:
                parts |= {size / folds, size * (folds - 1) / folds}
                # folds of whole samples: the sizes round either way
                parts |= {Fraction(math.floor(size / folds)), Fraction(math.ceil(size / folds))}
                parts |= {size - math.floor(size / folds), size - math.ceil(size / folds)}
    return {part for part in parts if part > 0}


# "last batch: 16", "the final batch holds 40", "x: (16, C, H, W)"
_LEFTOVER_OR_SHAPE = lazy_regex(
    r"(?:\b(?:last|final|partial|remaining|leftover|smaller)[ \t]+(?:partial[ \t]+)?batch\b"
    r"[^\n]{0,24}|\([ \t]*)$",
    re.I,
)
_SIZE_LABEL = lazy_regex(
    r"\bbatch(?:[ _-]?size)?[ \t:=]*$"
    r"|\bper[ \t]+(?:optimi[sz]er[ \t]+)?(?:update|step|batch|iteration)\b",
    re.I,
)
# A plural noun after the claim that counts something other than steps.
_OTHER_COUNT = lazy_regex(
    r"[ \t*_$]*(?:[A-Za-z-]+[ \t]+)?(?!(?:steps|iterations|iters|updates|batches|passes"
    r"|micro-?batches|mini-?batches|minibatches|microbatches)\b)[a-z]+s\b(?![ \t]*(?:/|per)"
    r"[ \t]*(?:step|iteration|update|batch))",
    re.I,
)
# A hedge written after the count: "3,900 steps, give or take", "800 or so", "~1k-ish".
_HEDGED_AFTER = lazy_regex(
    r"[^.;:\n]{0,40}?\b(?:give[ \t]+or[ \t]+take|or[ \t]+so|more[ \t]+or[ \t]+less"
    r"|or[ \t]+thereabouts|roughly|approximately|ish)\b",
    re.I,
)
# (the wording judges "about", "roughly", "~" at the count's precision; an abbreviation it
# does not read leaves the count alone)
_HEDGED_BEFORE = lazy_regex(r"\b(?:approx\.|circa|ca\.)[ \t*_]*$", re.I)
# (the interval may be in bold or a cloze: "every **100** steps")
_EVERY = lazy_regex(r"\bevery[ \t]+(?:\*\*|__|\{\{c\d+::)?$", re.I)
_FULL = lazy_regex(r"[ \t*_]+full\b", re.I)


# A label longer than this is a sentence or a question, not the claim's own noun.
_OWN_LABEL_WORDS = 6


def _judged(claim: Claim) -> bool:
    """A whole count worded as a claim, labelled by its own words: not negated, compared or
    hypothetical."""
    if claim.label is not None and len(claim.label.split()) > _OWN_LABEL_WORDS:
        return False
    return claim.wording.kind != SILENT and claim.value.denominator == 1 and claim.value > 0


def _fits(claim: Claim, allowed: Iterable[int]) -> bool:
    """Whether a reading gives the claim as worded: a count written out in full ("130") must
    be exact; one written with a scale ("12.3k", "3.7M") or worded "about" is rounded to its
    digits; a bound holds on its side."""
    kind = claim.wording.kind
    if kind == EXACT and not _SCALED.search(claim.text):
        return claim.value in set(allowed)
    stated = precision(claim.text)
    if stated is None:
        return True  # a number the wording cannot be read against: left alone
    value, unit = stated
    return any(fits(ABOUT if kind == EXACT else kind, value, unit, actual) for actual in allowed)


# The claim's own unit is no count of steps: "iterations: 72 hours of logs", "4 GB".
_OTHER_UNIT = lazy_regex(
    r"[ \t]*(?:hours?|h\b|minutes?|min\b|seconds?|s\b|days?|weeks?|[kmgt]i?b\b|bytes?|%"
    r"|epochs?\b|samples?\b|images?\b|tokens?\b)",
    re.I,
)
# Digits grouped by a plain space: thousands, or two printed values ("100 124") the inventory
# joined; the value is not sure enough to judge.
_SPACED = lazy_regex(r"\d \d")
_SCALED = lazy_regex(r"[\d.,]*\d[ \t]*(?:[kKMB]|bn|thousand|million|billion)\b")


def _grounds(
    claim: Claim,
    values: dict[Role, list[Fraction]],
    stated: Iterable[Quantity],
    updates: bool = False,
    local: bool = False,
) -> list[Ground]:
    needed = [Role.DATA, Role.BATCH] + ([Role.EPOCHS] if claim.kind is Kind.TOTAL_STEPS else [])
    grounds = []
    if values[Role.FOLDS] or values[Role.SHARE] or any(len(values[role]) > 1 for role in needed):
        grounds.append(Ground.CHOICE)  # several data sizes, batches, epochs, or a split
    if (values[Role.DEVICES] and not local) or (values[Role.ACCUMULATION] and not updates):
        grounds.append(Ground.CHOICE)  # per device or global, micro-batches or updates
        # (a batch named per device, a claim that names optimizer updates leave no choice)
    if not claim.label:
        grounds.append(Ground.LABEL)
    if any(quantity.guessed for quantity in stated):
        grounds.append(Ground.ROLE)  # a role from a symbol's letter or a loose noun
    if values[Role.WINDOW] and values[Role.HOP]:
        grounds.append(Ground.CHOICE)  # the series or its windows as the data
    return grounds


def _set_up(stated: Iterable[Quantity]) -> str:
    shown: list[str] = []
    for quantity in stated:
        text = f"{format_number(quantity.value)} ({quantity.role})"
        if text not in shown:
            shown.append(text)
    return ", ".join(shown)


def _shown(claim: Claim) -> str:
    """The claim as written, or its value where LaTeX spaces it ("6\\,750")."""
    return (
        format_number(claim.value, True) if "\\" in claim.text or "{" in claim.text else claim.text
    )


def _listed(allowed: Iterable[int]) -> str:
    ordered = sorted(allowed)
    shown = [format_number(Fraction(n), True) for n in ordered[:4]]
    return " or ".join(shown) + (" (or others)" if len(ordered) > 4 else "")
