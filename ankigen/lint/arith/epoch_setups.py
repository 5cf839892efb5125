"""Written counts of steps judged against the run's whole set-up (AG102).

One reader for every way a note works out the steps of a run: it gathers the set-up wherever
the note states it (``epoch_solver``'s roles: data set sizes and their trained parts, the
loader's batch, per device or global, the devices (GPUs times nodes), the accumulation factor,
the epochs and the folds of a cross-validation) and reads every written calculation whose
result a label or a noun names as steps ("steps/ep = 50,000 / 16 = 3,125 optimizer steps",
"updates/epoch = G x 5,005 = 40,040", "In total: E·1500 = 10·1500 = 15,000 optimizer
updates", "whole CV run: 4 x 2,500 = 10,000 steps"). The claim must then be one of the counts
the set-up gives under some convention:

- *samples per optimizer step*: the loader's batch b times the devices W (a data-parallel run
  whose loader shards the data: a ``DistributedSampler``, Lightning or an accelerator that
  injects one, Hugging Face's ``per_device_*`` batch, or a note that says a step takes the
  global batch) times the accumulation factor a; a batch the note calls global is already
  b·W; where the batch may be either, both;
- *micro-batches* (forward/backward passes) per epoch: ⌈N / (W·b)⌉, also one rank's
  ⌈⌈N / W⌉ / b⌉; *optimizer updates*: those over a, rounded either way; a count called only
  "steps" may be either (but Hugging Face's Trainer counts updates);
- *totals*: the epochs' multiple; for a count labelled as the whole cross-validation's ("whole
  CV", "all folds"), k runs of the stated epochs over the trained part (N·(k - 1) / k or a
  stated part), plus a refit on the whole set where the note names one;
- ⌊ ⌋ or ⌈ ⌉ everywhere, any stated data set size or part (less a stated share).

The claim is read from the final result of a chain ("= 3,125", "=> 1,600", "≈ 19,073", a
cloze), its kind from the noun after it or the last words of its label (a table column's
header in a table); a division whose dividend is no stated size nor count is another
scenario's, and a batch written out as a product ("an effective batch of 4 x 32 = 128",
"samples per step") is no count.

A claim is reported only when the set-up is complete, its clause states it as the note's own
(not a supposed, naive or "wrong" count, nor one GPU's) and no reading gives it. This is
deliberately the same arithmetic as the narrow readers beside it (``epoch_device_batches``,
``epoch_accumulation``, ``epoch_update_counts``): they explain a slip in their own words, this
one catches the next author's wording of the same slip.

Two set-ups make the stored data set no epoch's samples. A run that holds a stated share out
for validation (a share, a stated count held out, "10,000 reviews held out", or a train and a
validation part that add up to the whole, and words of a hold-out) trains on the rest: a
training count that divides the whole set (not a part the note already worked out) is judged
on the trained part alone. And an epoch that draws
several clips, crops or views of each stored item, where the note works out or states the
epoch's samples ("samples/epoch = 240,000 x 2 = 480,000 clips", "150,000 clips per epoch"),
is judged on those samples when the claim divides the stored items. A label may be a code name
("`total_steps` = 10 x 1,200 = 12,000"), and a count worked out from another that the note
names as optimizer updates counts updates too. A loader that Lightning's
``accumulate_grad_batches`` or a batch called one device's ("per-device micro-batch 16")
shows to be sharded spreads the data over the devices.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from fractions import Fraction

from ankigen.lint.arith.epoch_device_batches import data_parallel, device_counts
from ankigen.lint.arith.epoch_solver import (
    ACCUMULATION,
    BATCH,
    EPOCHS,
    GLOBAL,
    PART,
    PER_DEVICE,
    SAMPLES,
    SHARE,
    stated_numbers,
)
from ankigen.lint.arith.epochs import REFIT, k_folds
from ankigen.lint.arith.inline import epoch_prose
from ankigen.lint.arith.step_divisions import body_lines
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import NUMBER_PATTERN, find_numbers, format_number
from ankigen.lint.prefilter import GatedPattern

# The final result of a written calculation: "= 3,125", "≈ 19,073", "=> 1,600", "→ 24,000"
_RESULT = lazy_regex(
    r"(?:=>|->|=|≈|→|⇒)[ \t]*(?:\*\*|\{\{c\d+::)?[ \t]*(?P<n>" + NUMBER_PATTERN + r")"
)
# ... that no further operation or equality continues
_CONTINUES = lazy_regex(
    r"[ \t]*(?:[\N{MULTIPLICATION SIGN}x*/·÷+\N{MINUS SIGN}^-][ \t]*[\d(]|=|≈|→|=>|->|\\)"
)
_OPERATOR = lazy_regex(
    r"[/÷\N{MULTIPLICATION SIGN}*·]|\d[ \t]+x[ \t]+\d|\)[ \t]*x[ \t]*\(|\bx[ \t]+\d|\d[ \t]+x\b"
)
_CLAUSE_END = lazy_regex(r",(?!\d{3})|[;(\n]|\.(?!\d)|:|\s[-\N{EN DASH}—]\s|\|")
_CLAUSE_START = lazy_regex(r".*(?:;|,(?!\d{3})|\.[ \t])")
# The calculation written before a result: numbers, symbols, operators, brackets, LaTeX words
_EXPRESSION_TAIL = lazy_regex(
    r"(?:[ \t\d.,{}()\[\]⌈⌉⌊⌋\N{MULTIPLICATION SIGN}*/·÷+\N{MINUS SIGN}=≈→⇒>~-]"
    r"|\\[A-Za-z]+|\b[A-Za-z]\b|\bceil|\bfloor)+$"
)
_DIVIDES = lazy_regex(r"[/÷]")
# "samples per step", "micro-batches per update": a rate of a step, no count of them
_PER_STEP = lazy_regex(
    r"\bper[ \t-]+(?:[\w-]+[ \t-]+)?(?:steps?|updates?|iterations?|pass(?:es)?)\b", re.I
)
# A label whose noun is one batch ("global batch per forward pass:", "effective batch size =")
_BATCH_LABEL = lazy_regex(r"\bbatch\b(?![ \t]+(?:count|number)\b)(?!.*\bbatches\b)", re.I)
# What a claimed count counts, by its noun or its label
_MICRO = lazy_regex(r"micro|forward|backward|\bpass(?:es)?\b|\bcalls\b", re.I)
_OPTIMIZER = lazy_regex(
    r"optimi[sz]er|\bupdates?\b|opt(?:imizer)?\.step|global[ _]steps?|\bSGD[ \t]+steps", re.I
)
_STEPS = lazy_regex(r"\bsteps?\b|iterations?|\biters?\b|\bbatches\b|/[ \t]*ep(?:och)?\b", re.I)
_OTHER_NOUN = lazy_regex(
    r"^[ \t*]*(?:[a-z]+[ \t-]+)?(?:images?|samples?|examples?|sequences?|tokens?|sentences?"
    r"|[kMG]?B\b|%|seconds?|s\b|minutes?|hours?|epochs?|params?|parameters?|rows|pixels"
    r"|windows|chunks|patches|files|GPUs?|devices|nodes|ranks|clips|crops|frames|videos|views)",
    re.I,
)
# A count of another setting than the note's own: supposed, naive, wrong, one device's
_OTHER_SETTING = lazy_regex(
    r"\bwould\b|\bif\b|\bwere\b|\binstead\b|\bnaive\w*|\bforg[eo]t\w*|\bignor\w*|\bwithout\b"
    r"|\bsingle\b|\b(?:one|1)[ \t-]+(?:GPU|device|process|node|card)\b|non-?distributed"
    r"|\bcould\b|\bsuppose|\bimagine|\bhad\b",
    re.I,
)
_MISTAKE_LINE = lazy_regex(r"mistak|\bwrong|\bincorrect|\bbug\b|\bpitfall|\berror\b|\bnot\b", re.I)
_HEDGED = lazy_regex(r"≈|~|\babout\b|\bapprox|\broughly\b|\baround\b|\bnearly\b|\balmost\b", re.I)
# Set-ups this reader does not model: token corpora, windows, resampling, capped runs
_UNMODELLED = GatedPattern(
    r"\btokens?\b|\bseq(?:uence)?[ _-]?len|\bcontext[ _-](?:length|window)|\bsliding\b"
    r"|\bstride|\b(?:over|under|re)-?sampl|Weighted\w*Sampler|\baugment|\bsubset|\bbucket"
    r"|\bpacking\b|\bcurriculum|steps_per_execution|\bpipeline[ _]parallel|\brepeat\("
    r"|\bmax_(?:steps|iters?|epochs)\b|\blimit_train_batches|\bwarm-?up"
    r"|\bBPTT\b|\bstreams?\b|\btruncat|\bcycl|\bresum|\binitial_epoch|\bpatience|\bearly[ _-]?stop"
    r"|\bmulti-?crop|\bn_views|\bgradient[ _]checkpoint|\bbatch_sampler",
    re.I,
)
# The loader shards the data over the devices: each replica batches its own share.
_SHARDED = lazy_regex(
    r"Distributed[ _]?Sampler|\bLightning\b|\bTrainer\(|\baccelerate\b|\bshard|per_device_\w*batch"
    # (Lightning's own argument; a batch a note calls one device's: "per-device micro-batch 16")
    r"|\baccumulate_grad_batches\b|\bper[ _-](?:device|GPU)[ _-](?:micro[ _-]?)?batch"
    r"|\b(?:global|effective|total)[ \t]+batch|\beach[ \t]+(?:rank|GPU|process|device|replica)"
    r"[ \t]+(?:sees|gets|receives|reads|processes|takes)",
    re.I,
)
# The loader's batch is one process's under PyTorch's own data parallelism and its wrappers
_TORCH_PARALLEL = lazy_regex(
    r"\bDDP\b|\bddp\b|DistributedDataParallel|Distributed[ _]?Sampler|\btorchrun\b"
    r"|nproc_per_node|\bLightning\b|per_device_train_batch_size",
)
# Hugging Face's Trainer counts (and logs) optimizer steps: its "steps" are updates
_UPDATE_STEPS = lazy_regex(r"\bTrainingArguments\b|\bfrom[ \t]+transformers\b|\bHF[ \t]+Trainer\b")
_MAX_READINGS = 4000
# A share of the data held out for validation: the training run never sees it
_HOLD_OUT = lazy_regex(
    r"\bval(?:idation)?\b|\bval_\w+|\bheld[ \t-]+out\b|\bhold[ \t-]*out\b|\bset[ \t]+aside\b"
    r"|\bkept[ \t]+back\b|\bwithheld\b",
    re.I,
)
# The samples one epoch draws, as the note works them out or states them ("samples/epoch =
# 240,000 x 2 = 480,000 clips", "2,048,000 audio crops per epoch"): several clips, crops or
# views of each stored item, or a held-out part less, make an epoch's samples no stored size
_SAMPLE_NOUN = r"(?:samples|examples|clips|crops|images|items|sequences|views|frames)"
_EPOCH_SAMPLES_LABEL = lazy_regex(
    rf"\b(?:\w+[ \t]+)?{_SAMPLE_NOUN}[ \t]*(?:/|per|each)[ \t]*(?:an[ \t]+)?epoch\b", re.I
)
_EPOCH_SAMPLES_AFTER = GatedPattern(
    rf"(?P<n>{NUMBER_PATTERN})[ \t]+(?:[a-z-]+[ \t]+)?{_SAMPLE_NOUN}"
    r"[ \t]+(?:per|each|an?)[ \t]+epoch\b",
    re.I,
)
# Set-ups that multiply an epoch's samples: a stated count of an epoch's samples models them
_MULTIPLIED = lazy_regex(r"augment|multi-?crop|n_views", re.I)
# A count of the held-out part's, or of the whole set's: "validation batches", "full set"
_NOT_TRAINING = lazy_regex(
    r"\bval\w*|\beval\w*|\btest\w*|\bdev\b|\bhold|\bheld|\b(?:all|full|whole|entire)\b", re.I
)


@dataclass(frozen=True)
class _Claim:
    start: int
    end: int
    value: Fraction
    text: str
    kind: str  # "micro", "optimizer" or "steps"
    hedged: bool
    dividend: Fraction | None  # the data divided, where the calculation divides
    scope: str  # "folds" for a count over every fold of a cross-validation, else ""
    operands: frozenset[Fraction] = frozenset()  # the numbers of its calculation
    words: str = ""  # its label and the noun after it


@dataclass(frozen=True)
class _Setup:
    samples: frozenset[Fraction]
    per_device: frozenset[Fraction]  # a loader's batch, one device's
    either: frozenset[Fraction]  # a batch that may be one device's or the global one
    global_: frozenset[Fraction]
    devices: frozenset[Fraction]
    sharded: bool
    accumulation: frozenset[Fraction]
    epochs: frozenset[Fraction]
    folds: int
    wholes: frozenset[Fraction] = frozenset()  # the data set sizes a part is taken from
    parts: frozenset[Fraction] = frozenset()  # the trained part of each fold
    refit: bool = False  # a final fit on the whole set follows the folds
    main: Fraction = Fraction(0)  # the part a run trains on: a fold's, the split's, the whole


def _label_kind(words: str) -> str | None:
    if _MICRO.search(words):
        return "micro"
    if _OPTIMIZER.search(words):
        return "optimizer"
    if _STEPS.search(words):
        return "steps"
    return None


def _claims(document: LintDocument) -> Iterator[_Claim]:
    """The final results of written calculations that a noun or a label names as steps."""
    lines = list(body_lines(document))
    for index, (line, offsets) in enumerate(lines):
        if _MISTAKE_LINE.search(line):
            continue  # a line that shows a mistake, or denies a count
        for match in _RESULT.finditer(line):
            number = next(find_numbers(line, match.start("n"), match.end("n")), None)
            if number is None or number.value < 2 or number.value.denominator != 1:
                continue
            if _CONTINUES.match(line, match.end("n")):
                continue  # an intermediate value of a longer chain
            head = line[_open_bracket(line, match.start()) : match.start()]
            clause = _CLAUSE_START.match(head)
            before = head[clause.end() :] if clause else head
            stop = _CLAUSE_END.search(line, match.end("n"))
            after = line[match.end("n") : stop.start() if stop else len(line)]
            after = after.replace("}}", "").replace("**", "")
            tail = _EXPRESSION_TAIL.search(before)
            expression = tail.group(0) if tail else ""
            if not _OPERATOR.search(expression):
                continue  # no calculation: a plain statement is the solver's
            # the label: the words just before the calculation ("steps per epoch:", "- Optimizer
            # steps in total:", "updates/epoch ="), or the noun after its result
            label = " ".join(before[: tail.start() if tail else len(before)].split()[-5:])
            if _BATCH_LABEL.search(label) or _PER_STEP.search(f"{label} {after}"):
                continue  # "an effective batch of 4 x 32 = 128": a batch, not a count
            # (a code name as the label: "total_steps =" reads as "total steps")
            named = label.replace("_", " ")
            if after.strip():
                if _OTHER_NOUN.match(after):
                    continue
                # (the noun right after the result: "8,000 batches and the optimizer …")
                kind = _label_kind(" ".join(after.split()[:3])) or _label_kind(named)
            else:
                kind = _label_kind(named) or _label_kind(
                    _column_header(lines, index, match.start())
                )
            if kind is None or _OTHER_SETTING.search(f"{before} {after}"):
                continue
            divides = _DIVIDES.search(expression)
            # the data divided: the number just before the division sign
            dividend = None
            if divides is not None:
                dividend = next(
                    (n.value for n in reversed(list(find_numbers(expression, 0, divides.start())))),
                    None,
                )
            scope = _scope(f"{label} {after}")
            yield _Claim(
                offsets[match.start("n")],
                offsets[match.end("n") - 1] + 1,
                number.value,
                number.text,
                kind,
                _HEDGED.search(match.group(0)[:2]) is not None,
                dividend,
                scope,
                frozenset(n.value for n in find_numbers(expression)),
                f"{label} {after}",
            )


# A count labelled as the whole cross-validation's: "whole CV:", "steps in all folds",
# "the cross-validation takes", "over all 5 folds"
_ALL_FOLDS = lazy_regex(
    r"\b(?:all|every|whole|entire|total)[ \t]+(?:the[ \t]+)?(?:\d+[ \t]+)?(?:folds|runs|CV"
    r"|cross-validation)\b|\bcross-validation\b|\bCV\b",
    re.I,
)
_ONE_FOLD = lazy_regex(r"\b(?:per|each|one|a|every)[ \t]+(?:fold|run)\b", re.I)


def _scope(words: str) -> str:
    return "folds" if _ALL_FOLDS.search(words) and not _ONE_FOLD.search(words) else ""


def _column_header(lines: list[tuple[str, list[int]]], index: int, at: int) -> str:
    """The header of the table column that holds ``at`` of line ``index``, or ""."""
    line = lines[index][0]
    if not line.lstrip().startswith("|"):
        return ""
    first = index
    while first > 0 and lines[first - 1][0].lstrip().startswith("|"):
        first -= 1
    if first == index:
        return ""
    cells = lines[first][0].strip().strip("|").split("|")
    column = line.count("|", 0, at) - 1
    return cells[column] if 0 <= column < len(cells) else ""


def _open_bracket(line: str, end: int) -> int:
    """Where the bracket still open at ``end`` starts its clause ("… 312 full batches (312 x 32
    = 9,984)"), or the line's start; brackets closed before ``end`` group operands."""
    depth = 0
    for index in range(end - 1, -1, -1):
        if line[index] == ")":
            depth += 1
        elif line[index] == "(":
            if depth == 0:
                return index + 1
            depth -= 1
    return 0


def _setup(document: LintDocument) -> _Setup:
    note = document.text[document.body_offset :]
    stated = stated_numbers(document)
    torch = _TORCH_PARALLEL.search(note) is not None
    samples = {s.value for s in stated if SAMPLES in s.roles and s.value > 1}
    shares = {s.value for s in stated if SHARE in s.roles and 0 < s.value < 1}
    folds = (
        k_folds(epoch_prose(document), document.body_offset)
        or k_folds(document.text, document.body_offset)
        or 1
    )
    wholes = {n for n in samples if not any(n < m for m in samples)}
    # a stated count held out ("10,000 reviews held out"): the run trains on what is left
    held = {s.value for s in stated if PART in s.roles and s.value >= 1}
    kept = {n - h for n in wholes for h in held if h < n}
    parts = {n * (1 - s) for n in wholes for s in shares} | {n * s for n in wholes for s in shares}
    parts |= kept | {h for h in held if kept}
    folds_parts = {n * (folds - 1) / folds for n in wholes} if folds > 1 else set()
    parts |= folds_parts | ({n / folds for n in wholes} if folds > 1 else set())
    samples |= {Fraction(c) for p in parts for c in (math.floor(p), math.ceil(p))}
    trained = {Fraction(c) for p in folds_parts for c in (math.floor(p), math.ceil(p))}
    # a stated part is a fold's, maybe (not one the note's split leaves out)
    trained |= {s.value for s in stated if SAMPLES in s.roles and s.value not in wholes}
    batches = [s for s in stated if BATCH in s.roles and s.value >= 1]
    global_ = {s.value for s in batches if GLOBAL in s.roles}
    per_device = {
        s.value for s in batches if GLOBAL not in s.roles and (PER_DEVICE in s.roles or torch)
    }
    either = {s.value for s in batches if s.value not in global_ | per_device}
    return _Setup(
        frozenset(samples),
        frozenset(per_device),
        frozenset(either),
        frozenset(global_),
        frozenset(d for d in device_counts(document) if d > 1 and d.denominator == 1),
        _SHARDED.search(note) is not None,
        frozenset(s.value for s in stated if ACCUMULATION in s.roles and s.value > 1),
        frozenset(s.value for s in stated if EPOCHS in s.roles and s.value >= 1),
        folds,
        frozenset(wholes),
        frozenset(trained),
        REFIT.search(note) is not None,
        _main_part(wholes, shares, folds, kept),
    )


def _main_part(
    wholes: set[Fraction], shares: set[Fraction], folds: int, kept: set[Fraction]
) -> Fraction:
    whole = max(wholes, default=Fraction(0))
    if folds > 1:
        return Fraction(math.floor(whole * (folds - 1) / folds))
    if len(shares) == 1:
        return Fraction(math.floor(whole * (1 - next(iter(shares)))))
    if len(kept) == 1:
        return next(iter(kept))
    return whole


def _rounded(value: Fraction) -> set[int]:
    return {math.floor(value), math.ceil(value)}


def _per_epoch(setup: _Setup, kind: str, samples: frozenset[Fraction]) -> set[int]:
    """Every count of an epoch over one of ``samples`` the set-up gives for a claim of this
    kind."""
    devices = set(setup.devices)
    if not (data_parallel_ok := setup.sharded and devices):
        devices.add(Fraction(1))
    factors = set(setup.accumulation) or {Fraction(1)}
    if kind == "micro":
        factors = {Fraction(1)}
    elif kind == "steps" or not setup.accumulation:
        factors.add(Fraction(1))
    counts: set[int] = set()
    loader: set[tuple[Fraction, Fraction]] = set()  # (per-device batch, devices)
    for batch in setup.per_device:
        loader |= {(batch, w) for w in devices}
    for batch in setup.either:
        loader |= {(batch, w) for w in devices} | {(batch, Fraction(1))}
    for batch in setup.global_:
        loader.add((batch, Fraction(1)))
        if data_parallel_ok:
            # a stated global batch may already count the accumulated micro-batches
            counts |= {c for n in samples for a in factors for c in _rounded(n / batch / a)}
    for n in samples:
        for batch, w in loader:
            micro = _rounded(n / (w * batch)) | _rounded(Fraction(math.ceil(n / w)) / batch)
            for m in micro:
                for a in factors:
                    counts |= _rounded(Fraction(m) / a)
    return counts


def _readings(setup: _Setup, kind: str, scope: str = "") -> set[int]:
    """Every count the set-up gives: an epoch's or a run's, or, for a count over every fold,
    the k runs over the trained parts (and a refit on the whole set after them)."""
    per_epoch = _per_epoch(setup, kind, setup.samples)
    runs = set(setup.epochs) | {Fraction(1)}
    found = {int(c * e) for c in per_epoch for e in runs}
    if setup.folds > 1:
        # (every fold runs the stated epochs, where the note states some)
        fold_runs = set(setup.epochs) or runs
        parts = _per_epoch(setup, kind, setup.parts)
        folds = {int(c * e) * setup.folds for c in parts for e in fold_runs}
        whole = {int(c * e) for c in _per_epoch(setup, kind, setup.wholes) for e in fold_runs}
        refit = {f + w for f in folds for w in whole} if setup.refit else set()
        found = folds | refit if scope == "folds" else found | folds | refit
    return found


def _explained(claim: _Claim, readings: set[int]) -> bool:
    if claim.value in readings:
        return True
    if claim.hedged:
        return any(abs(claim.value - r) <= max(1, r // 50) for r in readings)
    return False


def _complete(setup: _Setup) -> bool:
    batches = len(setup.per_device | setup.either | setup.global_)
    sizes = len(setup.per_device | setup.either | setup.global_) * len(setup.samples)
    return bool(setup.samples) and batches > 0 and sizes * 4 < _MAX_READINGS


def setup_step_findings(document: LintDocument) -> Iterator[Finding]:
    """Written counts of steps that no reading of the note's set-up gives."""
    note = document.text[document.body_offset :]
    epoch_samples = _epoch_samples(document)
    unmodelled = _UNMODELLED.search(note)
    if unmodelled is not None and not (epoch_samples and _MULTIPLIED.match(unmodelled[0])):
        return
    claims = list(_claims(document))
    if not claims:
        return
    setup = _setup(document)
    if not _complete(setup):
        return
    if setup.devices and not (setup.sharded or data_parallel(document)):
        return  # devices of another kind of parallelism
    counts = _readings(setup, "steps")
    updates = _UPDATE_STEPS.search(note) is not None
    # a run that holds a stated share out for validation trains on the rest, never the whole
    held_out = (
        setup.folds == 1
        and _split(setup)
        and not setup.refit
        and _HOLD_OUT.search(note) is not None
    )
    # a count worked out from another the note names ("total_steps = 10 x 1,200" after
    # "optimizer steps per epoch: … = 1,200") counts what that one counts
    named = {c.value: c.kind for c in claims if c.kind != "steps"}
    for claim in claims:
        if updates and claim.kind == "steps":
            claim = replace(claim, kind="optimizer")
        inherited = {named[v] for v in claim.operands if v in named}
        if claim.kind == "steps" and len(inherited) == 1 and claim.dividend is None:
            claim = replace(claim, kind=inherited.pop())
        if claim.dividend is not None and claim.dividend not in setup.samples | counts:
            continue  # a division of another scenario's data
        judged = setup
        # (an epoch draws several clips, crops or views of each stored item the note divides)
        drawn = {
            e
            for e in epoch_samples
            if claim.dividend and e > claim.dividend and (e / claim.dividend).denominator == 1
        }
        if drawn and claim.dividend in setup.samples and not _NOT_TRAINING.search(claim.words):
            rest = (setup.samples - {claim.dividend}) | drawn
            judged = replace(setup, samples=rest, main=max(drawn))
        elif (
            held_out
            and claim.dividend in setup.wholes - _worked_out(document)
            and not _NOT_TRAINING.search(claim.words)
        ):
            rest = setup.samples - setup.wholes
            judged = replace(setup, samples=rest, main=max(rest, default=setup.main))
        readings = _readings(judged, claim.kind, claim.scope)
        if _explained(claim, readings):
            continue
        # (the words before the claim on its line name the batch it speaks of)
        line = document.text[document.text.rfind("\n", 0, claim.start) + 1 : claim.start]
        yield Finding(claim.start, claim.end, _message(judged, claim, line))


def _epoch_samples(document: LintDocument) -> frozenset[Fraction]:
    """The samples of one epoch the note states or works out, if it does."""
    found: set[Fraction] = set()
    for line, _ in body_lines(document):
        label = _EPOCH_SAMPLES_LABEL.search(line)
        if label is not None:
            results = list(_RESULT.finditer(line, label.end()))
            if results:  # the chain's final result
                found.add(_value(line, results[-1]))
        found |= {_value(line, m) for m in _EPOCH_SAMPLES_AFTER.finditer(line)}
    return frozenset(v for v in found if v > 1 and v.denominator == 1)


def _value(line: str, match: re.Match[str]) -> Fraction:
    number = next(find_numbers(line, match.start("n"), match.end("n")), None)
    return number.value if number is not None else Fraction(0)


def _worked_out(document: LintDocument) -> set[Fraction]:
    """The results of the note's written calculations ("50,000 x 0.75 = 37,500"): a part the
    note already split off is no whole to split again."""
    found: set[Fraction] = set()
    for line, _ in body_lines(document):
        found |= {
            _value(line, m)
            for m in _RESULT.finditer(line)
            if not _CONTINUES.match(line, m.end("n"))
        }
    return found


def _split(setup: _Setup) -> bool:
    """Whether the note splits its whole set: by a stated share, or into two stated parts."""
    if setup.main < max(setup.wholes, default=Fraction(0)):
        return True
    return any(p + q in setup.wholes for p in setup.parts for q in setup.parts)


def _message(setup: _Setup, claim: _Claim, line: str) -> str:
    """The note's main reading: its trained part (or largest data set), its smallest batch on
    all its devices, its accumulation, over its epochs and folds."""
    n = setup.main
    devices = max(setup.devices, default=Fraction(1))
    accumulation = Fraction(1)
    if setup.accumulation and claim.kind != "micro":
        # (not a product of the batch and the devices the note works out beside it)
        products = {b * w for b in setup.per_device | setup.either for w in setup.devices}
        accumulation = max(setup.accumulation - products or setup.accumulation)
    # (the batch the claim's own line states, if it states one)
    named = [n.value for n in find_numbers(line) if n.value not in claim.operands]
    if setup.per_device:
        batch = next((b for b in reversed(named) if b in setup.per_device), min(setup.per_device))
        shown = (
            f"{_n(batch)} per device \N{MULTIPLICATION SIGN} {_n(devices)} devices"
            if devices > 1
            else _n(batch)
        )
        batch *= devices
    else:
        batches = setup.global_ | setup.either
        batch = next((b for b in reversed(named) if b in batches), min(batches))
        shown = _n(batch)
    if accumulation > 1:
        shown += f" \N{MULTIPLICATION SIGN} {_n(accumulation)} accumulated micro-batches"
    divisor = batch * accumulation
    steps = math.ceil(n / divisor)
    counted = "micro-batches" if claim.kind == "micro" else "optimizer steps"
    text = (
        f"{claim.text} steps fit no reading of the note's set-up: {_n(n)} samples at {shown}"
        f"{f' = {_n(divisor)}' if divisor != batch or devices > 1 else ''} per step make "
        f"⌈{_n(n)} / {_n(divisor)}⌉ = {_n(Fraction(steps))} {counted} an epoch"
    )
    if setup.epochs:
        epochs = max(setup.epochs)
        text += f", {_n(steps * epochs)} over {_n(epochs)} epochs"
        if setup.folds > 1:
            text += f" and {_n(steps * epochs * setup.folds)} over the {setup.folds} folds"
    return f"{text}, not {claim.text}: correct the count"


def _n(value: Fraction | int) -> str:
    return format_number(Fraction(value), value >= 1_000)
