"""The epoch relation of AG102: one epoch over N samples at batch size B takes ceil(N / B)
iterations. Finds the data set size, the batch size and the stated iteration counts of a note.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cache

from ankigen.lint import stage_trace
from ankigen.lint.arith.datasets import known_size
from ankigen.lint.arith.epoch_formulas import epochs_run
from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.inline import epoch_prose, text_blocks
from ankigen.lint.arith.vocabulary import data, shown, words
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import NUMBER_PATTERN, Number, find_numbers, format_number
from ankigen.lint.prefilter import GatedPattern

EN_DASH = "\N{EN DASH}"


# Nouns that count a data set beyond the shared list: "12,800 sliding windows".
SAMPLE_NOUNS = (
    "windows?",
    "segments?",
    "chunks?",
    "snippets?",
    "transcripts?",
    "crops?",
    "spectrograms?",
    "waveforms?",
    "sessions?",
    "events?",
    "logs?",
    "captions?",
    "dialog(?:ue)?s?",
    "conversations?",
    "prompts?",
    "responses?",
    "triples?",
    "triplets?",
    "volumes?",
    "structures?",
    "proteins?",
    "emails?",
    "posts?",
    "comments?",
    "tickets?",
    "claims?",
    "profiles?",
    "receipts?",
    "invoices?",
    "abstracts?",
    "paragraphs?",
    "trajectories",
    "episodes?",
    "games?",
    "audio files?",
    "x-rays?",  # medical images, which a data set of scans counts in
    "radiographs?",
    "mammograms?",
    "MRIs",
)
# A word that may qualify the noun of a data set size ("audio", "time-series", "labelled"): no
# function word, number or plural ("4 workers load images" counts no images).
MODIFIER = (
    r"(?!(?:of|per|in|on|at|by|for|with|and|or|to|from|into|the|a|an|each|every|is|are|was"
    r"|were|be|has|have|had|this|that|these|those|its|their|our|your|more|fewer|than|over"
    r"|through|about|batch|mini-?batch|batches|epoch|epochs|step|steps|iteration|iterations"
    r")(?![\w-]))(?:[a-z][a-z]*-[a-z-]*[a-z]|[a-z]*[a-rt-z]|[a-z]*ss)(?![\w-])"
)


# A plural noun ("floor plans"), and the plurals that count something other than a data set.
LOOSE_NOUN = r"(?:[a-z]+-)?[a-z]+[a-rt-z]s(?![\w-])"  # "reviews", "X-rays"
NOT_SAMPLES = (
    r"(?:epochs|steps|iterations|updates|(?:mini-?)?batches|gpus|tpus|devices|replicas|workers"
    r"|nodes|cores|machines|processes|threads|classes|labels|categories|features|layers|params"
    r"|parameters|weights|units|neurons|channels|filters|kernels|heads|dimensions|dims|pixels"
    r"|tokens|words|characters|chars|bytes|bits|seconds|minutes|hours|days|weeks|months|years"
    r"|times|folds|runs|trials|experiments|models|columns|outputs|inputs|logits|blocks|stages"
    r"|passes|calls|percent|points|gigabytes|megabytes|bits|batches|elements|values|numbers"
    r"|digits|decimals|lines|cells|rows|fields|attributes|variables|targets|shards|files|chunks"
    r"|seeds|warmup|checkpoints|evaluations|validations|gradients|accumulations|micro-?batches"
    r"|microbatches|nets|networks|trees|estimators|learners|agents|users|people|persons|ones"
    r"|others)"
    r"(?![\w-])"
)


@cache
def _epoch_pattern(kind: str) -> re.Pattern[str]:
    """One of the patterns, compiled when first needed: most notes need few of them, and
    compiling all costs about 0.1 s."""
    return lazy_regex(_epoch_sources()[kind], re.IGNORECASE)


@cache
def _epoch_sources() -> dict[str, str]:
    lists = data()
    names = iter(range(100))

    def num() -> str:  # every alternative names its number: n0, n1, …
        return rf"(?P<n{next(names)}>{NUMBER_PATTERN})"

    samples = words([*lists["samples"], *SAMPLE_NOUNS])
    # a data set's name may stand between N and its noun: "60,000 MNIST training images"
    name = r"(?-i:[A-Z][A-Za-z]*[A-Z0-9][\w-]*)"
    adjectives = rf"(?:(?:{words(lists['sample_adjectives'])}|{name}|{MODIFIER})[ \t\n]+){{0,3}}"
    steps = words(lists["iterations"])
    step_adjectives = rf"(?:(?:{words(lists['iteration_adjectives'])})[ \t\n]+){{0,2}}"
    batch = r"(?:mini-?)?batch"
    per_batch = (
        rf"[ \t\n]+(?:(?:{samples}|{MODIFIER}|{LOOSE_NOUN})[ \t\n]+){{0,2}}"
        rf"(?:per|in each|in every|each|in a|a)[ \t\n]+{batch}\b"
    )
    # "64 images per GPU" is a device's share, not the data set
    per_device = (
        r"(?![ \t\n]+(?:per|on each|on every|for each)[ \t\n]+(?:GPU|TPU|device|replica|worker"
        r"|core|node|step|batch|mini-?batch|iteration|update|second)\b)"
    )
    progress = next(names)
    sources = {
        "batch": (
            rf"\b{batch}[ _-]?size[*_]*[ \t\n]*(?:of|is|=|:|equal to|set to|equals)?[*_]*[ \t\n]*"
            rf"[*_]*{num()}"
            rf"|\b{batch}(?:es)?[ \t\n]+of[ \t\n]+(?:size[ \t\n]+)?{num()}"
            # "doubling the batch to 128", "the batch size raised to 256"
            rf"|\b{batch}(?:[ _-]?size)?[ \t]+(?:(?:raised|increased|doubled|halved|reduced"
            rf"|lowered|changed|set|grown|cut)[ \t]+)?to[ \t]+{num()}(?![ \t]*%)"
            # "each mini-batch holds 32 (examples)"
            rf"|\beach[ \t\n]+{batch}[ \t\n]+(?:holds?|contains?|has|carries|takes)[ \t\n]+{num()}"
            # "batches holding 64 (samples)", "mini-batches containing 32"
            rf"|\b{batch}(?:es)?[ \t\n]+(?:holding|containing|carrying|with)[ \t\n]+{num()}"
            rf"(?=[ \t\n]+(?:{samples}|{MODIFIER}|{LOOSE_NOUN})\b|[ \t]*[,.;)])"
            rf"|{num()}{per_batch}|{num()}-(?:{samples})[ \t\n]+{batch}"
            # a label: "examples per batch: 100", "batch: 64"
            rf"|\b(?:(?:\w+[ \t]+)?per[ \t]+)?{batch}[*_]*[ \t]*[:=][*_]*[ \t]*[*_]*{num()}(?!\s*%)"
            # an arrow to its result: "batch 400 → 200 steps per epoch"
            rf"|\b{batch}[ \t]+{num()}(?=[ \t]*(?:\N{{RIGHTWARDS ARROW}}|-+>|=>"
            rf"|\N{{RIGHTWARDS DOUBLE ARROW}}|\b(?:gives|yields|means)\b))"
            # code: ``dataset.batch(32)``, ``DataLoader(data, 32)`` is too unsure to read
            rf"|\.batch\([ \t]*(?:batch_size[ \t]*=[ \t]*)?{num()}\b"
        ),
        "samples": (
            # ("one batch per 100 images": 100 is a batch's share, not the data set)
            rf"(?<!batch per )(?<!step per )(?<!update per )(?<!iteration per )"
            rf"{num()}[*_]*[ \t\n]+{adjectives}(?:{samples}){per_device}"
            rf"|\b(?:data ?set|training set|corpus)[ \t\n]+(?:of|with)[ \t\n]+{num()}(?!\s*%)"
            # "x_train has shape (60000, 784)": the rows of the training array
            rf"|\b[xX]_?train\w*(?:\.shape)?[ \t`]*(?:has[ \t]+(?:the[ \t]+|a[ \t]+)?shape"
            rf"|(?:is|of)[ \t]+shape|=|:|is)?[ \t`]*\([ \t]*{num()}[ \t]*,"
            # "a 3.5M-photo corpus", "a 50k-row table"
            rf"|{num()}-(?:{samples})\b(?![ \t\n]+{batch})"
            # a label: "Samples: 7,500", "**Dataset size:** 50k"
            rf"|\b(?:(?:training[ \t]+|number[ \t]+of[ \t]+)?(?:{samples})"
            rf"|(?:data ?set|training set)(?:[ \t]+size)?)[*_]*[ \t]*[:=][*_]*[ \t]*"
            rf"[*_]*{num()}(?!\s*%)"
        ),
        "iterations": (
            rf"{num()}[*_]*[ \t\n]+{step_adjectives}(?:{steps})"
            # "the weights get updated 50 times"
            rf"|\bupdated[ \t\n]+{num()}[ \t\n]+times\b"
            # a Keras progress bar: "782/782" steps of an epoch
            rf"|(?<![\w/.,])(?P<n{progress}>\d{{2,7}})/(?P=n{progress})(?![\w/.,])"
            rf"|\bsteps_per_epoch[ \t]*=[ \t]*{num()}"
            rf"|\blen\([ \t]*\w*loader[ \t]*\)[ \t]*(?:is|=|==|returns|gives)[ \t]*{num()}"
            # ``print(len(loader))  # 16``: the comment states the length, on its line or as
            # the printed output on the next one
            rf"|\bprint\([ \t]*len\([ \t]*\w*loader[ \t]*\)[ \t]*\)(?:[ \t]*\n)?[ \t]+{num()}"
            rf"(?=[ \t]*(?:\n|$))"
            rf"|\b(?:{steps})(?:[ \t\n]+(?:per|each|every|in[ \t]+"
            rf"(?:one|an|a|each|every|a[ \t]+single))[ \t\n]+|[ \t]*/[ \t]*)epoch[*_]*[ \t\n]*"
            rf"(?:is|=|:|equals|of)?[*_]*[ \t\n]*"
            rf"[*_]*(?:(?:{words(lists['approximate'])})[ \t\n]*)?[*_]*{num()}"
        ),
        # "10 epochs", and a keyword setting: ``epochs=5``, ``max_epochs=10``
        # ("a 12-epoch run", "the 3-epoch fine-tune")
        "epochs": rf"{num()}(?:[ \t\n]+epochs|-epoch)\b"
        rf"|\b(?:max[ _]|num[ _]|n[ _]|train[ _])?epochs[ \t]*=[ \t]*{num()}",
        # any plural noun a count may qualify: read only where no known noun counts the data
        "loose": rf"(?<!batch per )(?<!step per )(?<!update per )(?<!iteration per )"
        rf"(?=\d){num()}[*_]*[ \t\n]+(?:{MODIFIER}[ \t\n]+){{0,2}}"
        rf"(?!{NOT_SAMPLES}){LOOSE_NOUN}{per_device}(?![ \t\n]+(?:of|per)\b)",
    }
    return sources


@cache
def _epoch_keywords() -> dict[str, re.Pattern[str]]:
    """For each pattern of ``_epoch_pattern``, words that every match of it contains: a
    search for them is much faster than the pattern, and most prose has none."""
    lists = data()
    sources = {
        "batch": "batch",
        "samples": "|".join(
            [*lists["samples"], *SAMPLE_NOUNS, "data ?set|training set|corpus", "[xX]_?train"]
        ),
        "iterations": "|".join(
            [*lists["iterations"], "steps_per_epoch", r"loader\s*\)", r"\d/\d", r"updated"]
        ),
        "epochs": r"epochs\b|-epoch\b",
        "loose": r"\d[*_]*[ \t\n]+(?:[\w-]+[ \t\n]+){0,2}[a-z]+s\b",
    }
    return {name: lazy_regex(source, re.IGNORECASE) for name, source in sources.items()}


@dataclass(frozen=True)
class EpochQuantity:
    start: int
    end: int
    value: Fraction
    text: str
    grouped: bool


_BLOCK_BREAK = lazy_regex(r"\n[ \t]*(?:\n|[-*+#|>][ \t]|\d+[.)][ \t])")


# A unit after a number: a span of time, a size in bytes, a share; such a number measures the
# data ("Steps/epoch: 10 yr of hourly data"), it is no count a steps label could name
MEASURE_AFTER = lazy_regex(
    r"[ \t]*(?:yrs?|years?|months?|weeks?|days?|hours?|hrs?|min(?:ute)?s?|sec(?:ond)?s?|ms"
    r"|[kMGT]i?B|%)(?![\w-])"
)


def quantities(prose: str, start: int, end: int, kind: str) -> list[EpochQuantity]:
    if not _epoch_keywords()[kind].search(prose, start, end):
        return []
    found = []
    for match in _epoch_pattern(kind).finditer(prose, start, end):
        if _BLOCK_BREAK.search(prose, match.start(), match.end()):
            continue  # "# Doubling the batch⏎⏎With 32,000 samples": no phrase spans two blocks
        if kind == "batch" and _LEFTOVER_BEFORE.search(
            prose, max(start, match.start() - 24), match.start()
        ):
            continue  # "last batch: 1,671 rows": the leftover of an epoch, not its batch size
        group = next(name for name, value in match.groupdict().items() if value is not None)
        numbers = list(find_numbers(prose, match.start(group), match.end(group)))
        # "a 224x224x3 image" is one image, whatever its shape.
        before = prose[max(0, match.start(group) - 5) : match.start(group)]
        shape = re.search(rf"(?:{TIMES}|(?<!\*)\*(?!\*)|\d\s*[xX])\s*$", before)  # not **bold**
        if shape is None and numbers and numbers[0].start == match.start(group):
            number = numbers[0]
            if kind == "iterations" and MEASURE_AFTER.match(prose, number.end):
                continue
            text = shown(number)
            found.append(
                EpochQuantity(number.start, number.end, number.value, text, number.grouped)
            )
    return found


# The word before a "batch" label that makes it the epoch's leftover ("last batch: 16").
_LEFTOVER_BEFORE = lazy_regex(
    r"\b(?:last|final|partial|remaining|leftover|incomplete)[ \t]+(?:partial[ \t]+)?$", re.I
)
# A number of steps that is a schedule, not the length of an epoch: "every 100 steps".
_NOT_EPOCH_LENGTH = lazy_regex(
    r"\b(?:every|each|after|before|first|last|within|than|up to|per|for the)[ \t\n]+$"
    # "gradients are accumulated over 4 steps": the micro-steps of one update
    r"|\baccumulat\w*(?:[ \t\n]+\w+){0,2}[ \t\n]+(?:over|across|for|of)[ \t\n]+$"
    # "accumulating 2 steps": the accumulation factor
    r"|\baccumulat\w*[ \t\n]+$",
    re.I,
)
# A count in the clause of a warm-up counts the warm-up's steps ("a 6 % warm-up is about 188
# steps", "warm-up: 75 steps"); the solver judges those against a share of the run.
WARM_UP_CLAUSE = lazy_regex(
    # (a decimal point ends no clause: "warm-up 6% → 0.06 x 20,000 = 1,200 steps")
    r"\bwarm[ -]?ups?\b(?:[^.;!?\n]|(?<=\d)\.(?=\d)|\n(?![ \t]*(?:\n|[-*+|#]|\d+\.)))*\Z",
    re.I,
)
# "keeps only full batches", "uses only complete batches": the partial one is let go
ONLY_FULL_BATCHES = (
    r"\bonly[ \t\n]+(?:the[ \t\n]+)?(?:full|complete|whole)[ \t\n]+(?:mini-?)?batches\b"
)
# The drop flag set to a value, in code ("drop_last=True"), as a list label ("drop_last: True")
# or as a table row ("| drop_last | True |"): follow it by the value.
DROP_FLAG_IS = r"\bdrop[_ ](?:last|remainder)`?[ \t]*[=:|][ \t]*`?"
# Keras's ``initial_epoch``: a resumed ``model.fit`` runs only the epochs after it
# ("initial_epoch=2", "initial_epoch: 2", "| initial_epoch | 2 |", "resuming at epoch 2").
_INITIAL_EPOCH = lazy_regex(
    r"\binitial_epoch`?[ \t]*[=:|][ \t]*`?(?P<a>\d{1,4})\b"
    r"|\b(?:resum\w*|restart\w*|continu\w*)[ \t]+(?:training[ \t]+)?(?:at|from)[ \t]+epoch[ \t]+"
    r"(?P<b>\d{1,4})\b",
    re.IGNORECASE,
)


def with_resumed_runs(epochs: Iterable[Fraction], text: str, start: int = 0) -> set[Fraction]:
    """The stated epoch counts E, plus the E - i epochs a fit resumed at a stated initial
    epoch i runs (``epochs=5, initial_epoch=2`` trains 3 epochs)."""
    stated = set(epochs)
    initials = {int(match["a"] or match["b"]) for match in _INITIAL_EPOCH.finditer(text, start)}
    return stated | {Fraction(epochs_run(int(e), i)) for e in stated for i in initials if 0 < i < e}


# Whether the note lets the last, partial batch go (then ⌊N / B⌋ is right too).
_DROPS_LAST = lazy_regex(
    r"drop[_ ](?:last|remainder)"
    r"|\b(?:drop|discard|skip)\w*\b[^.]{0,40}\b(?:batch|remainder|rest)"
    r"|\b(?:last|partial|incomplete|smaller)\b[^.]{0,40}\b(?:dropped|discarded|skipped)\b"
    rf"|{ONLY_FULL_BATCHES}",
    re.IGNORECASE,
)
# Code that drops the last batch for certain: then only ⌊N / B⌋ is right.
_DROPS_LAST_ONLY = lazy_regex(rf"\bdrop[_ ](?:last|remainder)\s*=\s*True\b|{DROP_FLAG_IS}True\b")
# The flag set off: "`drop_last=False` by default", "drop_remainder = False"
_FLAG_OFF = lazy_regex(rf"{DROP_FLAG_IS}False\b")
# "unless `drop_last=True` is set", "`drop_last=False`": a flag named only to say it is off
_UNLESS_BEFORE = lazy_regex(r"\bunless\b[^.;:!?]{0,60}\Z", re.IGNORECASE)
_SET_FALSE_AFTER = lazy_regex(r"`?[ \t]*=[ \t]*`?False\b")


# A clause that supposes another setting than the note's: "with `drop_last=True` it would be
# 390", "if we passed drop_remainder=True", "(390 had we set drop_last=True)", "or 390 with …".
_SUPPOSED = lazy_regex(
    r"\b(?:would|could|might|were|if|had|suppose[sd]?|supposing|imagine|assuming|assume"
    r"|otherwise|instead|alternatively|hypothetical\w*|or|unless)\b|'d\b",
    re.IGNORECASE,
)
_SUPPOSED_CLAUSE_END = lazy_regex(r"[.;!?()\n]|\bbut\b|\bwhereas\b|\bwhile\b", re.IGNORECASE)


def supposed_setting(prose: str, start: int, end: int) -> bool:
    """Whether the flag at ``start:end`` stands in a clause that supposes it rather than
    states the note's own setting: the count of that clause is its own scenario."""
    low = max(
        (m.end() for m in _SUPPOSED_CLAUSE_END.finditer(prose, max(0, start - 120), start)),
        default=max(0, start - 120),
    )
    following = _SUPPOSED_CLAUSE_END.search(prose, end, end + 120)
    high = following.start() if following else min(len(prose), end + 120)
    if _ADDED_SCENARIO.search(prose[max(0, start - 40) : start]):
        return True  # "… 157 batches; with drop_last=True 156": the other setting's count
    if _OPENING_SCENARIO.search(prose[max(0, start - 40) : start]) and _DIGIT.search(
        prose, end, high
    ):
        return True  # "… 391 steps. With drop_last=True it is 390.": a sentence of its own
    return _SUPPOSED.search(prose, low, high) is not None


# A sentence after a count that opens with the other setting and states its own count:
# "50,000 images give 391 steps. With `drop_last=True` it is 390."
_OPENING_SCENARIO = lazy_regex(r"\d[^\n]*[.!?][ \t]+with[ \t]+`?\Z", re.I)
_DIGIT = lazy_regex(r"\d")


# A clause added after a count that names the other setting: "…, so 157 batches; with
# drop_last=True 156", "…, and with `drop_remainder=True` 390".
_ADDED_SCENARIO = lazy_regex(r"\d[^\n]*[,;][ \t]*(?:and[ \t]+|or[ \t]+)?with[ \t]+`?\Z", re.I)


# "does not drop the remainder", "are never thrown away", "the last batch is not dropped": a
# drop named only to deny it, which pins the partial batch as kept.
_DENIED_BEFORE = lazy_regex(r"(?:\b(?:not|never)|n't)[ \t]+(?:\w+[ \t]+){0,2}\Z", re.IGNORECASE)
_DENIED_WITHIN = lazy_regex(r"(?:\b(?:not|never)|n't)[ \t]+(?:\w+[ \t]+)?\w+\Z", re.IGNORECASE)


def denied_drop(prose: str, match: re.Match[str]) -> bool:
    """Whether the drop ``match`` found in ``prose`` is denied ("does not drop the rest")."""
    before = prose[max(0, match.start() - 30) : match.start()]
    return bool(_DENIED_BEFORE.search(before) or _DENIED_WITHIN.search(match.group()))


def _says_drop(
    pattern: re.Pattern[str],
    prose: str,
    start: int,
    end: int | None = None,
    stated_only: bool = False,
) -> bool:
    """Whether ``pattern`` finds a last-batch drop in ``prose[start:end]`` that the note does not
    name only to switch it off ("drop_last=False", "unless drop_last=True is set"); with
    ``stated_only``, nor only to suppose it ("with drop_last=True it would be 390")."""
    for match in pattern.finditer(prose, start, len(prose) if end is None else end):
        if _SET_FALSE_AFTER.match(prose, match.end()) or denied_drop(prose, match):
            continue
        if _UNLESS_BEFORE.search(prose[max(start, match.start() - 80) : match.start()]):
            continue
        if stated_only and supposed_setting(prose, match.start(), match.end()):
            continue
        return True
    return False


def always_drops(prose: str, start: int, end: int | None = None) -> bool:
    """Whether ``prose[start:end]`` sets the last batch to be dropped for certain. A note that
    names the flag both off and on ("`drop_last=False` by default … with `drop_last=True` you
    get 390") contrasts the two settings, so neither count is ruled out; but a flag set off on
    another split's loader ("val_dl = DataLoader(…, drop_last=False)", "- test loader:
    `drop_last=False`") is that loader's own setting, and contrasts nothing with a training
    loader that drops."""
    if not _says_drop(_DROPS_LAST_ONLY, prose, start, end, True):
        return False
    high = len(prose) if end is None else end
    training = not counts_other_loader(prose, start, high) and any(
        not other_loader_unit(prose, match.start(), match.end())
        for match in _DROPS_LAST_ONLY.finditer(prose, start, high)
        if not supposed_setting(prose, match.start(), match.end())
    )
    return not any(
        not supposed_setting(prose, match.start(), match.end())
        and not (training and other_loader_unit(prose, match.start(), match.end()))
        for pattern in (_FLAG_OFF, _KEPT_STATED)
        for match in pattern.finditer(prose, start, high)
    )


# Another split's loader, named in a flag's own line or sentence: "val_dl = DataLoader(…)",
# "the test loader", "evaluation keeps every sample" (the prose view may write "val dl")
_OTHER_LOADER = lazy_regex(
    r"(?<![A-Za-z])(?:val|valid|validation|test|testing|eval|evaluation|inference)(?![A-Za-z])",
    re.IGNORECASE,
)
_UNIT_END = lazy_regex(r"[.;!?](?=[ \t\n])|\n")


# A count of batches or steps: "→ 32 batches", "16 steps"
_BATCH_COUNT = lazy_regex(
    r"\d[ \t]*(?:full[ \t]+)?(?:mini-?)?(?:batch(?:es)?|steps?|iterations?|iters)\b", re.IGNORECASE
)


def counts_other_loader(prose: str, start: int = 0, end: int | None = None) -> bool:
    """Whether a line or sentence of ``prose[start:end]`` counts the batches of another split's
    loader ("validation: 2,000 clips give 32 batches"): the training readers know only the
    training loader's setting, so such a note keeps the flags' contrast for every count."""
    high = len(prose) if end is None else end
    return any(
        other_loader_unit(prose, match.start(), match.end())
        for match in _BATCH_COUNT.finditer(prose, start, high)
    )


def other_loader_unit(prose: str, start: int, end: int) -> bool:
    """Whether the line or sentence holding ``prose[start:end]`` names another split's loader
    (validation, test, evaluation): a setting there is that loader's, not the training one's."""
    low = max((m.end() for m in _UNIT_END.finditer(prose, max(0, start - 200), start)), default=0)
    following = _UNIT_END.search(prose, end, end + 200)
    high = following.start() if following else min(len(prose), end + 200)
    return _OTHER_LOADER.search(prose, low, high) is not None


# The note's own count keeps the partial batch: "⌈50,000 / 128⌉ = 391", "390 full batches plus
# a last partial batch of 80", "the last batch is kept". Beside a drop flag it contrasts the two
# settings ("… with `drop_last=True` it is 390"), so the flag does not set the note's count.
_KEPT_STATED = lazy_regex(
    r"\N{LEFT CEILING}|\\lceil\b"
    r"|\b(?:and|plus|\+)[ \t\n]+(?:one|a|an)[ \t\n]+(?:extra[ \t\n]+)?"
    r"(?:(?:last|final|partial|incomplete|smaller|short|shorter|leftover)[ \t\n,]+)+"
    r"(?:mini-?)?batch\b"
    r"|\b(?:partial|last|final|incomplete|leftover|smaller)[ \t\n]+(?:mini-?)?batch[ \t\n]+"
    r"(?:is|gets)[ \t\n]+(?:still[ \t\n]+)?(?:kept|retained|counted|used)\b",
    re.IGNORECASE,
)


def _blocks(document: LintDocument) -> list[tuple[int, int]]:
    """Paragraphs, list items and headings of the body, as (start, end) offsets."""
    return document.memo(
        "epoch-blocks", lambda: text_blocks(epoch_prose(document), document.body_offset)
    )


def _unique(quantities: Sequence[EpochQuantity]) -> EpochQuantity | None:
    values = {quantity.value for quantity in quantities}
    return quantities[0] if len(values) == 1 else None


_SCALED = lazy_regex(
    r"^[^\d]*\d[\d,]*(?:\.(?P<decimals>\d+))?\s*(?P<suffix>[kKmM]|thousand|million)\b"
)


def rounded_tolerance(text: str) -> Fraction:
    """Half the last shown unit of a size written with decimals and a scale ("1.28M": 5,000;
    "2.5k": 50), which stands for any size that rounds to it; 0 for a size written out, and
    for a whole "50k", which authors write for exactly 50,000."""
    match = _SCALED.match(text.strip())
    if match is None or not match["decimals"]:
        return Fraction(0)
    scale = 1_000 if match["suffix"].lower() in {"k", "thousand"} else 1_000_000
    decimals = len(match["decimals"] or "")
    return Fraction(scale, 2 * 10**decimals)


def exact_size(document: LintDocument, value: Fraction, text: str) -> Fraction | None:
    """The size of the data set the note names, where ``text`` ("1.28M") is that size rounded
    to the digits shown."""
    tolerance = rounded_tolerance(text)
    if not tolerance:
        return None
    size = known_size(document.text, document.body_offset, len(document.text))
    if size is None or abs(size.size - value) > tolerance:
        return None
    return Fraction(size.size)


@dataclass(frozen=True)
class Epoch:
    samples: EpochQuantity
    batch: EpochQuantity
    drops_last: bool
    drops_only: bool = False
    known: bool = False  # the size of a named data set, not stated in the note
    source: str = ""  # that data set and split: "MNIST training set"
    # Other sizes the trained part may have when the note splits off validation data.
    split_sizes: frozenset[Fraction] = frozenset()
    # The whole data set where a Keras ``validation_split`` trains on less (else 0).
    unsplit: Fraction = Fraction(0)
    # The note states the part its split trains on, so ``split_sizes`` is no guess.
    split_stated: bool = False

    @property
    def iterations(self) -> int:
        exact = self.samples.value / self.batch.value
        return math.floor(exact) if self.drops_only else math.ceil(exact)

    def accepts(
        self, count: Fraction, hedge: str | bool | None, epochs: set[Fraction], text: str = ""
    ) -> bool:
        """Whether ``count`` (written ``text``, hedged as ``hedge_of`` says; True for "about",
        False for none) is right."""
        if isinstance(hedge, bool):
            hedge = "about" if hedge else None
        exact = self.samples.value / self.batch.value
        allowed: set[Fraction] = set()
        for size in {self.samples.value, *self.split_sizes}:
            exact = size / self.batch.value
            if not self.drops_only:
                allowed.add(Fraction(math.ceil(exact)))
            if self.drops_only or self.drops_last:
                allowed.add(Fraction(math.floor(exact)))
        allowed |= {steps * epochs_ for steps in set(allowed) for epochs_ in epochs}
        if self.known:
            allowed.add(Fraction(math.floor(exact)))
            if any(abs(count - steps) <= steps / 100 for steps in allowed):
                return True
        return hedge_allows(hedge, count, text or format_number(count), allowed)

    def calculation(self) -> str:
        n, b = self.samples.text, self.batch.text
        if self.samples.value % self.batch.value == 0:
            return f"{n} / {b}"
        return f"⌊{n} / {b}⌋" if self.drops_only else f"⌈{n} / {b}⌉"

    def explain(self, grouped: bool = False) -> str:
        """ "with N samples at batch size B an epoch is N / B = K iterations" """
        grouped = grouped or self.samples.grouped or self.batch.grouped
        k = format_number(Fraction(self.iterations), grouped)
        partial = "" if self.samples.value % self.batch.value == 0 else ", the last one partial"
        if self.drops_only and partial:
            partial = ", the last partial batch dropped"
        samples = f"{self.samples.text} samples"
        if self.source:
            samples = f"the {self.samples.text} samples of the {self.source}"
        return (
            f"with {samples} at batch size {self.batch.text} an epoch is "
            f"{self.calculation()} = {k} iterations{partial}"
        )


def _scope_quantities(
    document: LintDocument, start: int, end: int, kind: str
) -> list[EpochQuantity]:
    """``quantities`` of one scope, found once per note (every count asks for the note's)."""
    found: dict[tuple[int, int, str], list[EpochQuantity]] = document.memo("epoch-quantities", dict)
    key = (start, end, kind)
    if key not in found:
        found[key] = quantities(epoch_prose(document), start, end, kind)
        if kind == "batch":  # "the last batch of 80 images" gives no batch size
            last = _last_batch_starts(document)
            found[key] = [quantity for quantity in found[key] if quantity.start not in last]
    return found[key]


# Accumulation said without the word: "sums the gradients of 4 batches", "the gradients from 8
# micro-batches" (one update's batches)
SUMMED_GRADIENTS = (
    r"\bgradients[ \t\n]+(?:of|from|over|across)[ \t\n]+(?:the[ \t\n]+)?(?:\d+|two|four|eight)"
    r"[ \t\n]+(?:micro-?|mini-?)?batches\b"
)
# Several devices or accumulated micro-batches: a stated batch size may be per device, and an
# epoch's steps then follow only from a batch named global or effective.
_SHARED_BATCH = lazy_regex(
    r"\bper[- ](?:GPU|TPU|device|replica|worker|core|node)\b|\bdata[- ]parallel|\b\d+\s+"
    r"(?:GPUs|TPUs|devices|replicas|workers|nodes)\b|\bmicro-?batch"
    # distributed training set up in code: each process loads its own batch
    r"|\bworld[ _]size\b|\bDistributed(?:Sampler|DataParallel)\b|\bDDP\b|\btorchrun\b"
    r"|\bnproc[ _]per[ _]node\b"
    r"|(?<!without\s)(?<!without\sgradient\s)(?<!no\s)(?<!no\sgradient\s)"
    r"(?<!\bgradient\s)(?:gradient\s+)?\baccumulat\w*"
    rf"|{SUMMED_GRADIENTS}",
    re.IGNORECASE,
)
_GLOBAL_BATCH = lazy_regex(
    rf"\b(?:global|effective|total)\s+(?:mini-?)?batch(?:[ _-]?size)?\s*(?:of|is|=|:)?\s*"
    rf"(?P<n>{NUMBER_PATTERN})",
    re.IGNORECASE,
)


# One device, said outright ("devices: 1", "on a single GPU"): a per-device batch is then the
# whole batch. Any count of several devices keeps the batch shared.
_ONE_DEVICE = lazy_regex(
    r"\b(?:devices|GPUs|TPUs|replicas|workers)[*_]*[ \t]*[:=][*_]*[ \t]*1\b(?![.,]\d)"
    r"|\b(?:1|one|a[ \t]+single)[ \t]+(?:GPU|TPU|device|replica|worker)\b(?!s)",
    re.IGNORECASE,
)
_SEVERAL_DEVICES = lazy_regex(
    r"\b(?:[2-9]|\d{2,}|two|four|eight)\s+(?:GPUs|TPUs|devices|replicas|workers|nodes)\b"
    r"|\b(?:devices|GPUs|TPUs|replicas|workers)[*_]*[ \t]*[:=][*_]*[ \t]*(?:[2-9]|\d{2,})"
    rf"|\bmicro-?batch|\baccumulat|{SUMMED_GRADIENTS}",
    re.IGNORECASE,
)


def _shares_batch(prose: str, start: int) -> bool:
    """Whether the stated batch may be one device's share of a larger one."""
    if _SHARED_BATCH.search(prose, start) is None:
        return False
    one = _ONE_DEVICE.search(prose, start) is not None
    return not one or _SEVERAL_DEVICES.search(prose, start) is not None


def epoch_for(document: LintDocument, offset: int) -> Epoch | None:
    """N and B for a number at ``offset``: unique in its block, or else in the whole note."""
    stage_trace.note_setup(stage_trace.EPOCHS)
    epoch = _epoch_for(document, offset)
    body = document.body_offset
    if epoch is not None and epoch.known and _keras_split(epoch_prose(document), body) is not None:
        # "model.fit(x, y, validation_split=0.1)" on MNIST trains on what the split leaves
        return with_split(document, epoch)
    if epoch is None or epoch.known:
        return epoch
    exact = exact_size(document, epoch.samples.value, epoch.samples.text)
    if exact is not None:
        # "ImageNet (1.28M images)": the rounded size of a named data set stands for its own
        return replace(epoch, samples=replace(epoch.samples, value=exact), known=True)
    prose = epoch_prose(document)
    epoch = with_own_division(prose, with_split(document, epoch), offset)
    if epoch.unsplit and unsplit_scenario(prose, offset):
        epoch = replace(epoch, split_sizes=epoch.split_sizes | {epoch.unsplit})
    setting = last_batch_setting(prose, document.body_offset, offset, offset)
    if setting is None and epoch.drops_only:
        sentence = _stretch(prose, document.body_offset, offset, offset, _OWN_SENTENCE_END)
        if _OTHER_SETTING.search(sentence):
            # "Without it: 74 batches" speaks of the setting other than the note's drop
            return replace(epoch, drops_last=True, drops_only=False)
    return with_last_batch(epoch, setting)


# A note that splits off part of the data: the trained part may be any size it states.
_SPLIT = lazy_regex(
    r"\bvalidation\b|\bvalidation_split\b|\bheld[- ]out\b|\bhold(?:s|ing)?[- ]?out\b"
    # "the training split has 50,000 images" names the data set, it splits nothing off
    r"|(?<!training )(?<!train )(?<!training\n)\bsplit\b"
    r"|\btest(?:ing)?[ _-]set\b|\bset aside\b|\bkept aside\b"
    # "a quarter is kept back for testing", "held back", "reserved for validation"
    r"|\b(?:kept|keeps?|keeping|held|holds?|holding|set|put)[ \t\n]+(?:back|apart)\b"
    r"|\breserv\w*[ \t\n]+for\b|\bfor[ \t\n]+(?:testing|validation|evaluation)\b",
    re.IGNORECASE,
)


# "split 80/20", "an 80:20 train/test split": two shares of a whole, written as a ratio.
RATIO_SPLIT = lazy_regex(r"(?<![\d.,/:])(?P<a>\d{1,2})[ \t]*[/:][ \t]*(?P<b>\d{1,2})(?![\d.,/:%])")
_SPLIT_NEAR = 40


def ratio_splits(prose: str, start: int) -> Iterator[tuple[Fraction, Fraction]]:
    """The two shares of each ratio of 100 that a split word stands beside."""
    for match in RATIO_SPLIT.finditer(prose, start):
        a, b = int(match["a"]), int(match["b"])
        near = (max(0, match.start() - _SPLIT_NEAR), match.end() + _SPLIT_NEAR)
        if a + b == 100 and _SPLIT.search(prose, *near):
            yield Fraction(a, 100), Fraction(b, 100)


_BLANK_LINE = lazy_regex(r"\n[ \t]*\n")
_HEADING = lazy_regex(r"^#{1,6}[ \t]", re.MULTILINE)


def _surrounding(prose: str, body: int, offset: int) -> list[tuple[int, int]]:
    """The run of lines around ``offset`` between blank lines, and its section between
    headings."""
    gaps = [match.end() for match in _BLANK_LINE.finditer(prose, body, offset)]
    after = _BLANK_LINE.search(prose, offset)
    run = (gaps[-1] if gaps else body, after.start() if after else len(prose))
    headings = [match.start() for match in _HEADING.finditer(prose, body, offset + 1)]
    following = _HEADING.search(prose, offset + 1)
    section = (headings[-1] if headings else body, following.start() if following else len(prose))
    return [run, section]


# "each fold trains on 8,000 samples", "the training folds hold 8,000", "8,000 images per
# training fold": the size already of the part a run trains on, not of the whole data set.
_FOLD_SIZE_BEFORE = lazy_regex(
    r"\b(?:each|every|one|a|the|per)[ \t\n]+(?:training[ \t\n]+|train[ \t\n]+)?folds?[ \t\n]+"
    r"(?:(?:is|are|gets?|then)[ \t\n]+)?"
    r"(?:trains?|trained|holds?|has|have|contains?|uses?|covers?|sees?|of)[ \t\n]+"
    r"(?:on[ \t\n]+)?(?:(?:only|just|about|the)[ \t\n]+)?\Z",
    re.IGNORECASE,
)
_FOLD_SIZE_AFTER = lazy_regex(
    r"[ \t\n]+(?:[a-z-]+[ \t\n]+){0,2}?(?:per|in[ \t\n]+each|for[ \t\n]+each)[ \t\n]+"
    r"(?:training[ \t\n]+|train[ \t\n]+)?fold\b",
    re.IGNORECASE,
)


# "each fold validates on 2,000 rows and trains on 8,000": the fold's verb later in its clause
_FOLD_TRAINS_ON = lazy_regex(
    r"\bfolds?\b[^.;:\n]{0,60}?\b(?:trains?|trained|fits?)[ \t\n]+on[ \t\n]+"
    r"(?:(?:only|just|about|the)[ \t\n]+)?"
    # "trains on 500 - 50 = 450": the rest worked out first
    r"(?:\d[\d,]*[ \t]*[-\N{MINUS SIGN}][ \t]*\d[\d,]*[ \t]*=[ \t]*)?\Z",
    re.IGNORECASE,
)


# "each fold validates on 2,000 rows": the held-out fold's size, no data set of a run
_FOLD_VALIDATES_ON = lazy_regex(
    r"\bfolds?\b[^.;:\n]{0,40}?\b(?:(?:validates?|validated|evaluates?|evaluated|tests?|tested)"
    r"[ \t\n]+on|holds?[ \t\n]+out|held[ \t\n]+out|leaves?[ \t\n]+out|sets?[ \t\n]+aside)"
    r"[ \t\n]+(?:(?:only|just|about|the)[ \t\n]+)?"
    # "each fold holds out 500 / 10 = 50 observations": the share worked out first
    r"(?:\d[\d,]*[ \t]*/[ \t]*\d+[ \t]*=[ \t]*)?\Z",
    re.IGNORECASE,
)


def held_out_fold(prose: str, quantity: EpochQuantity) -> bool:
    """Whether the note states ``quantity`` as the size a fold validates on."""
    return (
        _FOLD_VALIDATES_ON.search(prose, max(0, quantity.start - 100), quantity.start) is not None
    )


def _fold_sized(prose: str, quantity: EpochQuantity) -> bool:
    """Whether the note states ``quantity`` as the size a fold's run trains on."""
    before = prose[max(0, quantity.start - 60) : quantity.start]
    wider = prose[max(0, quantity.start - 100) : quantity.start]
    return bool(
        _FOLD_SIZE_BEFORE.search(before)
        or _FOLD_TRAINS_ON.search(wider)
        or _FOLD_SIZE_AFTER.match(prose, quantity.end)
    )


def with_split(document: LintDocument, epoch: Epoch) -> Epoch:
    """``epoch`` with the sizes the trained part may have when the note splits its data: a
    size it states between the batch and the data set, the data set less such a size, or the
    data set less a stated share ("10 %", ``validation_split=0.2``)."""
    prose = epoch_prose(document)
    start = document.body_offset
    total, batch = epoch.samples.value, epoch.batch.value
    folds = k_folds(prose, start)
    if folds is not None and _fold_sized(prose, epoch.samples):
        return epoch  # the note already gives the trained part
    if folds is not None and total % folds == 0 and total // folds >= batch:
        # k-fold cross-validation trains each run on k - 1 folds, never on the whole
        rest = total * (folds - 1) / folds
        shown_rest = format_number(rest, epoch.samples.grouped)
        trained = replace(epoch.samples, value=rest, text=shown_rest)
        # (a final refit on all the data is the whole again)
        refit = {total} if REFIT.search(prose, start) else set()
        return replace(epoch, samples=trained, split_sizes=frozenset({total / folds, *refit}))
    if not _SPLIT.search(prose, start):
        return epoch
    held = _held_out_of(prose, start, total)
    if held is not None and batch <= total - held:
        # "holding out 5,000 of the 60,000 images": the rest is trained on, never the whole (a
        # count of the held-out part's own batches stays allowed)
        rest = total - held
        shown_rest = format_number(rest, epoch.samples.grouped)
        trained = replace(epoch.samples, value=rest, text=shown_rest)
        held_part = frozenset({held} if held >= batch else set())
        return replace(epoch, samples=trained, split_sizes=held_part)
    # counts of steps and sizes of the last batch split nothing off
    other_roles = {q.start for q in _scope_quantities(document, start, len(prose), "iterations")}
    other_roles |= _last_batch_starts(document) | {epoch.batch.start}
    sizes: set[Fraction] = set()
    keras = _keras_split(prose, start)
    keras_part = total * (1 - keras) if keras is not None else None
    for a, b in ratio_splits(prose, start):  # "split 80/20": each part may be the trained one
        sizes |= {total * a, total * b}
    for number in find_numbers(prose, start, len(prose)):
        value = number.value
        if number.start in other_roles or value == batch:
            continue
        if value == keras_part:
            # Keras trains on what ``validation_split`` leaves, and the note states that part
            # (a count of the held-out part's own batches stays allowed: "validates on the
            # last 1,200 (38 batches)")
            trained = EpochQuantity(number.start, number.end, value, shown(number), number.grouped)
            held_part = frozenset({total - value} if total - value >= batch else set())
            return replace(epoch, samples=trained, split_sizes=held_part, split_stated=True)
        percent = prose[number.end : number.end + 2].lstrip().startswith("%")
        share = value / 100 if percent else value if 0 < value < 1 else None
        if share is not None and 0 < share < 1:
            sizes |= {total * (1 - share), total * share}
        elif batch <= value < total:
            sizes |= {value, total - value}
    if (
        keras is not None
        and keras_part is not None
        and batch <= math.floor(keras_part)
        and not _named_trained_part(prose, epoch.samples)
        and total / (1 - keras) not in {number.value for number in find_numbers(prose, start)}
    ):
        # Keras holds the share back before it batches: the whole is never an epoch's data
        kept = Fraction(math.floor(keras_part))
        trained = replace(
            epoch.samples, value=kept, text=format_number(kept, epoch.samples.grouped)
        )
        parts = {Fraction(math.ceil(keras_part)), total - keras_part}
        return replace(
            epoch,
            samples=trained,
            split_sizes=frozenset(size for size in parts if size >= batch),
            unsplit=total,
        )
    return replace(epoch, split_sizes=frozenset(size for size in sizes if size >= batch))


def _named_trained_part(prose: str, samples: EpochQuantity) -> bool:
    """Whether the words around a size make it the part trained on ("800 training rows"),
    which a split has already cut; the array handed to ``fit`` ("x_train has …") is whole."""
    near = prose[max(0, samples.start - 24) : samples.end + 24]
    return _TRAINED_PART.search(re.sub(r"\b[xX][ _]?train\w*", " ", near)) is not None


def _keras_split(prose: str, start: int) -> Fraction | None:
    """The one share a Keras ``fit`` call of the note's own holds back for validation; None
    if it names none, several, or also passes ``validation_data`` (which takes precedence)."""
    if _VALIDATION_DATA.search(prose, start):
        return None
    shares = {
        Fraction(match.group(1))
        for match in _KERAS_SPLIT.finditer(prose, start)
        if not supposed_setting(prose, match.start(), match.end())
    }
    share = shares.pop() if len(shares) == 1 else None
    return share if share is not None and 0 < share < 1 else None


_VALIDATION_DATA = lazy_regex(r"\bvalidation[ _]data`?[ \t]*=")


# "5-fold cross-validation", "k = 10 folds", "split into 4 folds": the number of folds.
_K_FOLD = GatedPattern(
    # ("4-fold validation": K-fold validation is the same scheme by its other name)
    r"\b(?P<a>\d{1,2})[ \t-]*fold[ \t\n]+(?:stratified[ \t\n]+)?(?:cross[ \t-]?)?"
    r"(?:validation|CV)\b"
    r"|\b(?:k[ \t]*=[ \t]*|into[ \t]+)(?P<b>\d{1,2})[ \t]+(?:equal[ \t]+)?folds\b"
    # scikit-learn's splitters: KFold(n_splits=5), StratifiedKFold(5)
    r"|\b(?:Stratified|Group|Repeated)?KFold\([ \t]*(?:n_splits[ \t]*=[ \t]*)?(?P<c>\d{1,2})\b",
    re.IGNORECASE,
)

# A model fitted again on all the data after the cross-validation.
REFIT = lazy_regex(
    r"\bre-?(?:train|fit)|\bfinal[ \t\n]+(?:model|fit|run)"
    # ("all 4 folds" counts the folds, it trains on no whole set)
    r"|\b(?:all|whole|full|entire)[ \t\n]+(?:of[ \t\n]+)?(?:the[ \t\n]+)?"
    r"(?:data|training|\d(?![\d,.]*[ \t\n]+(?:folds|runs)\b))",
    re.IGNORECASE,
)


# "7,200 steps across the four runs", "25,000 steps for the whole CV run": a count of every
# fold's run together
ACROSS_FOLDS = lazy_regex(
    r"[^.;:\n\d]{0,30}?\b(?:across|over|for|in|of)\b[^.;:\n\d]{0,24}?"
    r"\b(?:folds|runs|CV|cross-validation)\b",
    re.I,
)


def k_folds(prose: str, start: int) -> int | None:
    """The one number of folds a note's cross-validation states, not a supposed one."""
    found = {
        int(match["a"] or match["b"] or match["c"])
        for match in _K_FOLD.finditer(prose, start)
        if not supposed_setting(prose, match.start(), match.end())
    }
    folds = found.pop() if len(found) == 1 else None
    return folds if folds is not None and folds > 1 else None


# A part held out of the whole data set, both sizes stated: "holding out 5,000 of the 60,000
# images for validation", "after setting aside 10,000 of the 50,000 reviews as a test set",
# "5,000 of the 60,000 images are held out". The whole is then no training set.
_HOLD_VERB = (
    r"(?:hold(?:s|ing)?|held|set(?:s|ting)?|keep(?:s|ing)?|kept|reserv(?:e|es|ed|ing)"
    r"|carv(?:e|es|ed|ing)|withh(?:old|olds|olding|eld)|put(?:s|ting)?)"
)
_HELD_OUT_OF = lazy_regex(
    rf"\b{_HOLD_VERB}[ \t\n]+(?:out|aside|back|apart|off)?[ \t\n]*(?P<part>{NUMBER_PATTERN})"
    rf"[ \t\n]+(?:[\w-]+[ \t\n]+){{0,2}}?of[ \t\n]+(?:the|all|its|our|their)?[ \t\n]*"
    rf"(?P<total>{NUMBER_PATTERN})"
    rf"|(?P<part2>{NUMBER_PATTERN})[ \t\n]+of[ \t\n]+(?:the|all|its|our|their)?[ \t\n]*"
    rf"(?P<total2>{NUMBER_PATTERN})[ \t\n]+(?:[\w-]+[ \t\n]+){{0,4}}?(?:are|is|were|was|get)"
    rf"[ \t\n]+(?:held[ \t\n]+out|set[ \t\n]+aside|reserved|kept[ \t\n]+(?:aside|back)"
    rf"|withheld|carved[ \t\n]+off)\b",
    re.IGNORECASE,
)


def _held_out_of(prose: str, start: int, total: Fraction) -> Fraction | None:
    """The size of the part held out of a data set of ``total``, where the note states both."""
    held = set()
    for match in _HELD_OUT_OF.finditer(prose, start):
        part_group, total_group = ("part", "total") if match.group("part") else ("part2", "total2")
        part = next(find_numbers(prose, match.start(part_group), match.end(part_group)), None)
        whole = next(find_numbers(prose, match.start(total_group), match.end(total_group)), None)
        if part is None or whole is None or whole.value != total or not 0 < part.value < total:
            continue
        if supposed_setting(prose, match.start(), match.end()):
            continue  # "if we held out 5,000 of the 60,000": another scenario
        held.add(part.value)
    return held.pop() if len(held) == 1 else None


# Keras's ``fit(..., validation_split=0.2)`` holds back that share before it batches the rest
# (the epoch prose writes code's underscores as spaces).
_KERAS_SPLIT = lazy_regex(r"\bvalidation[ _]split`?[ \t]*=[ \t]*`?(0?\.\d+)\b")


# Words that mark the part of the data that is trained on: "the remaining 40,000 images".
_TRAINED_PART = lazy_regex(r"\b(?:training|train|remaining|rest|left|leaving)\b", re.IGNORECASE)


def _samples_of(prose: str, found: Sequence[EpochQuantity]) -> EpochQuantity | None:
    """The one data set size, or the one marked as the trained part among several."""
    unique = _unique(found)
    if unique is not None or not found:
        return unique
    marked = [
        quantity
        for quantity in found
        if _TRAINED_PART.search(prose, max(0, quantity.start - 15), quantity.end + 20)
    ]
    return _unique(marked) if len(marked) < len(found) else None


def _loose_samples(
    document: LintDocument,
    scope: tuple[int, int],
    taken: set[int],
    batch: EpochQuantity | None,
) -> EpochQuantity | None:
    """The data set size counted by a noun outside the known list ("2,400 floor plans"), for a
    scope where no known noun counts one; counts below the batch size ("3 annotators") are no
    data set."""
    least = batch.value if batch is not None else Fraction(0)
    prose = epoch_prose(document)
    found = [
        quantity
        for quantity in _scope_quantities(document, *scope, "loose")
        if quantity.start not in taken
        and quantity.value >= least
        # "15 full batches of 64 (960 drawings)": a loose noun may count the full batches too
        and not (batch and fills_full_batches(prose, document.body_offset, quantity, least))
    ]
    return _samples_of(prose, found)


_CLAUSE_START = lazy_regex(r"[,;:.!?\n](?!\d)")


def _clause_batch(
    document: LintDocument, prose: str, offset: int, batches: Sequence[EpochQuantity]
) -> EpochQuantity | None:
    """Several batch sizes, each paired with its count in one clause ("batch 200 → 400
    steps, batch 400 → 200 steps") or on one line ("- batch size 64: 468 steps"): the one in
    the count's own clause, else its own line."""
    if len(batches) < 2:
        return None
    start = max(
        (m.end() for m in _CLAUSE_START.finditer(prose, document.body_offset, offset)),
        default=document.body_offset,
    )
    line = max(document.body_offset, prose.rfind("\n", 0, offset) + 1)
    return _unique([batch for batch in batches if start <= batch.start < offset]) or _unique(
        [batch for batch in batches if line <= batch.start < offset]
    )


# Batches named full ("390 full batches cover 49,920 images", "49,920 images fill the complete
# batches"): the samples of the clause are their share, not the data set. Not "full-batch
# gradient descent", which trains on all of the data at once.
_FULL_BATCHES_CLAUSE = lazy_regex(
    r"\b(?:full|complete|whole)[ \t\n]+(?:mini-?)?batch(?:es)?\b"
    r"(?![ \t\n]+(?:gradient|GD|training|learning|mode|setting)\b)",
    re.IGNORECASE,
)


def fills_full_batches(prose: str, low: int, quantity: EpochQuantity, batch: Fraction) -> bool:
    """Whether a sample count fills the full batches only: a multiple of the batch size in a
    clause about full batches (the partial batch holds the rest of the data set)."""
    if quantity.value % batch or quantity.value <= batch:
        return False
    clause = _stretch(prose, low, quantity.start, quantity.end, _OWN_CLAUSE_END)
    opening = prose.rfind("(", low, quantity.start)
    if opening >= 0 and _ANNOTATION_OPENS.fullmatch(prose, opening + 1, quantity.start):
        # "15 full batches of 64 (960 samples)": a parenthesis annotates the clause before it
        clause += _stretch(prose, low, opening, opening, _OWN_CLAUSE_END)
        count = _COUNT_BEFORE.search(prose, max(low, opening - 24), opening)
        if count is not None and int(count["n"].replace(",", "")) * batch == quantity.value:
            return True  # "⌊50,000 / 128⌋ = 390 (49,920 images)": 390 batches' worth
    return (
        _FULL_BATCHES_CLAUSE.search(clause) is not None
        or _FULL_ONES.search(clause) is not None
        or _batches_times_size(prose, low, quantity.start, batch)
    )


# The count of batches a parenthesis annotates: "= 390 (49,920 images)"
_COUNT_BEFORE = lazy_regex(r"(?<![\d,.])(?P<n>\d{1,3}(?:,\d{3})+|\d+)[ \t*_]*$")
# What may open a parenthesis that annotates a clause with its count: "(960 samples)",
# "(that is 960 samples)", "(i.e. 960)", "(= 960)"
_ANNOTATION_OPENS = lazy_regex(r"[ \t]*(?:(?:that[ \t]+is|i\.e\.|=|so|or)[,:]?[ \t]*)?")


_TIMES_SIGN = rf"[{TIMES}x*\N{{MIDDLE DOT}}]"


def _batches_times_size(prose: str, low: int, start: int, batch: Fraction) -> bool:
    """Whether the count is written as a number of batches times the batch size: "15 x 64 =
    960 samples used" fills 15 full batches, it is no data set."""
    size = rf"{int(batch):,}|{int(batch)}"
    before = prose[max(low, start - 40) : start]
    return (
        re.search(
            rf"(?:\d[\d,]*[ \t]*{_TIMES_SIGN}[ \t]*(?:{size})|(?:{size})[ \t]*{_TIMES_SIGN}"
            rf"[ \t]*\d[\d,]*)[ \t]*=[ \t]*[*_]*\Z",
            before,
        )
        is not None
    )


# "16 batches: 15 full ones (960 samples)": "ones" stands for the batches of the clause
_FULL_ONES = lazy_regex(r"\b(?:full|complete|whole)[ \t\n]+ones\b", re.IGNORECASE)


def full_batch_shares(document: LintDocument, batch: Fraction) -> set[int]:
    """Starts of the note's sample counts that fill the full batches only."""
    prose = epoch_prose(document)
    low = document.body_offset
    return {
        quantity.start
        for quantity in _scope_quantities(document, low, len(prose), "samples")
        if fills_full_batches(prose, low, quantity, batch)
    }


# "the first 390 hold 128 samples each": the size of every full batch, not of the data set
_EACH = lazy_regex(r"[ \t]+(?:[\w-]+[ \t]+){0,2}(?:each|apiece)\b", re.IGNORECASE)


def each_holds(prose: str, end: int) -> bool:
    """Whether the count ending at ``end`` is what each of several holds ("128 images
    each"): a batch's size, not a data set's."""
    return _EACH.match(prose, end) is not None


_OTHER_SPLIT_COUNT = lazy_regex(
    r"[ \t]+(?:validation|val|test|testing|held[- ]out|dev|evaluation|eval)[ \t]+[A-Za-z]", re.I
)


def _scope_samples(
    document: LintDocument, scope: tuple[int, int], batch: EpochQuantity | None
) -> EpochQuantity | None:
    """The one data set size of a scope. A batch size, the size of the last batch or a
    left-over count below the batch is no data set: "32 samples per batch", "the last one
    holding 48 reviews", "the remaining 64 rows"."""
    prose = epoch_prose(document)
    batches = _scope_quantities(document, *scope, "batch")
    taken = {quantity.start for quantity in batches} | _last_batch_starts(document)
    if batch is not None:
        rests = _rest_counts(document)
        taken |= {start for start, value in rests.items() if value < batch.value}
        taken |= full_batch_shares(document, batch.value)
    stated = _scope_quantities(document, *scope, "samples")
    taken |= {q.start for q in stated if held_out_fold(prose, q)}
    # "45,000 training and 5,000 validation images": the held-out split's count, no data set
    taken |= {q.start for q in stated if _OTHER_SPLIT_COUNT.match(prose, q.end)}
    if batch is not None:
        taken |= {q.start for q in stated if q.value == batch.value and _EACH.match(prose, q.end)}
    samples = _samples_of(prose, [q for q in stated if q.start not in taken])
    if samples is None and not stated:
        samples = _loose_samples(document, scope, taken, batch)
    return samples


def _epoch_for(document: LintDocument, offset: int) -> Epoch | None:
    prose = epoch_prose(document)
    if _shares_batch(prose, document.body_offset):
        return _global_epoch(document, prose) or _device_epoch(document, prose, offset)
    scopes = [b for b in _blocks(document) if b[0] <= offset <= b[1]]
    # then the lines around it up to blank lines (a whole tight list), its section, the note
    scopes += [
        *_surrounding(prose, document.body_offset, offset),
        (document.body_offset, len(prose)),
    ]
    # Each size binds from the nearest scope that states one: the data set in the heading and
    # the batch in the count's own list item is one epoch.
    batch: EpochQuantity | None = None
    for start, end in scopes:
        batches = _scope_quantities(document, start, end, "batch")
        batch = _unique(batches) or _clause_batch(document, prose, offset, batches)
        if batch is not None:
            break
    samples = next(
        (found for scope in scopes if (found := _scope_samples(document, scope, batch))), None
    )
    if samples is not None and names_another_data_set(prose, scopes[0], samples.start):
        return None
    if samples is None or batch is None or not 0 < batch.value <= samples.value:
        return _known_epoch(document, prose) if samples is None else None
    drops = document.memo("epoch-drops-last", lambda: drops_last(document)[0])
    return Epoch(samples, batch, drops, _drops_only_around(document, offset))


def names_another_data_set(prose: str, block: tuple[int, int], samples: int) -> bool:
    """Whether the count's own block names a well-known data set while the size bound to it
    comes from a paragraph that does not name it: "CIFAR-10 at batch 64: … 49,266 steps"
    below a paragraph about 1.6M samples speaks of CIFAR-10, whose size the note does not
    write (but "CIFAR-10 has 50,000 images" below a heading about CIFAR-10 is its size)."""
    if block[0] <= samples < block[1]:
        return False
    named = known_size(prose, *block)
    if named is None:
        return False
    sized = known_size(prose, *paragraph_around(prose, samples, samples))
    return sized is None or _data_set_key(sized.name) != _data_set_key(named.name)


def paragraph_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (text between blank lines) that holds ``text[start:end]``."""
    after = text.find("\n\n", end)
    return text.rfind("\n\n", 0, start) + 1, len(text) if after < 0 else after


def _data_set_key(name: str) -> str:
    return name.lower().replace("-", "")


# A thematic break: the Extra section after ``***`` may discuss another loader setting.
_BREAK = lazy_regex(
    r"^[ \t]*(?:\*[ \t]*){3,}$|^[ \t]*(?:-[ \t]*){3,}$|^[ \t]*(?:_[ \t]*){3,}$", re.M
)


def _drops_only_around(document: LintDocument, offset: int) -> bool:
    """Whether code that always drops the last batch stands in the count's own part of the
    note (between thematic breaks) or in its question."""
    prose = epoch_prose(document)
    body = document.body_offset
    breaks = [match.start() for match in _BREAK.finditer(prose, body)]
    start = max((point for point in breaks if point <= offset), default=body)
    end = min((point for point in breaks if point > offset), default=len(prose))
    spans = [(start, end)]
    if document.question is not None:
        spans.append(document.question)
    return any(always_drops(prose, low, high) for low, high in spans)


_PRODUCT_RESULT = lazy_regex(
    rf"(?:[ \t]*[{TIMES}xX*\N{{MIDDLE DOT}}][ \t]*{NUMBER_PATTERN})+[ \t]*=[ \t]*"
    rf"(?P<result>{NUMBER_PATTERN})"
)


def _global_value(prose: str, match: re.Match[str]) -> Number | None:
    """The global batch a match names: its number, or the result of the product it starts
    ("the global batch is 8 x 16 = 128")."""
    number = next(find_numbers(prose, match.start("n"), match.end("n")), None)
    if number is None:
        return None
    product = _PRODUCT_RESULT.match(prose, number.end)
    if product is not None:
        return next(find_numbers(prose, product.start("result"), product.end("result")), None)
    if re.match(rf"[ \t]*[{TIMES}xX*\N{{MIDDLE DOT}}]", prose[number.end : number.end + 3]):
        return None  # a product without its result names no batch
    return number


def _global_epoch(document: LintDocument, prose: str) -> Epoch | None:
    """The epoch of a note about several devices: its samples and its one global batch."""
    start = document.body_offset
    batches = {
        number.value: number
        for match in _GLOBAL_BATCH.finditer(prose, start)
        if (number := _global_value(prose, match)) is not None
    }
    if len(batches) != 1:
        return None
    number = next(iter(batches.values()))
    # "effective batch = 4 x 8 x 4 = 128 sequences": the noun counts the batch, no data set
    shares = full_batch_shares(document, number.value) | {number.start}
    stated = _scope_quantities(document, start, len(prose), "samples")
    samples = _unique([quantity for quantity in stated if quantity.start not in shares])
    if samples is None:
        return None
    batch = EpochQuantity(number.start, number.end, number.value, shown(number), number.grouped)
    if not 0 < batch.value <= samples.value:
        return None
    drops = _says_drop(_DROPS_LAST, prose, start, None, True)
    return Epoch(samples, batch, drops, always_drops(prose, start, None))


# Data parallelism without a global batch: each device's share of the data and its own batch
# make each device's epoch ("every GPU gets 6,250 reviews per epoch. With a per-GPU batch size
# of 32, each process runs 196 steps").
_DEVICE = r"(?:GPUs?|TPUs?|devices?|replicas?|workers?|process(?:es)?|ranks?|cards?)"
_DEVICE_SHARE = lazy_regex(
    rf"\b(?:each|every|per)[ \t\n]+{_DEVICE}[ \t\n]+(?:then[ \t\n]+|only[ \t\n]+)?"
    rf"(?:gets|sees|receives|processes|handles|reads|loads|iterates[ \t\n]+over"
    rf"|trains[ \t\n]+on|is[ \t\n]+(?:given|assigned|fed)|works[ \t\n]+through)[ \t\n]+"
    rf"(?:only[ \t\n]+|just[ \t\n]+)?(?P<n>{NUMBER_PATTERN})[ \t\n]+"
    rf"(?:[\w-]+[ \t\n]+){{0,2}}?(?:{LOOSE_NOUN}|data)"
    rf"|(?P<n2>{NUMBER_PATTERN})[ \t\n]+(?:[\w-]+[ \t\n]+){{0,2}}?{LOOSE_NOUN}[ \t\n]+"
    rf"(?:per|on[ \t\n]+each|for[ \t\n]+each|to[ \t\n]+each)[ \t\n]+{_DEVICE}[ \t\n]+"
    rf"(?:per|each|every|in[ \t\n]+(?:one|an|each))[ \t\n]+epoch\b",
    re.IGNORECASE,
)
_DEVICE_BATCH = lazy_regex(
    rf"\bper[- ]{_DEVICE}[ \t\n]+(?:mini-?)?batch(?:[ _-]?size)?[ \t\n]*(?:of|is|=|:)?[ \t\n]*"
    rf"(?P<n>{NUMBER_PATTERN})"
    rf"|\b(?:mini-?)?batch(?:[ _-]?size)?[ \t\n]*(?:of|is|=|:)?[ \t\n]*(?P<n2>{NUMBER_PATTERN})"
    rf"[ \t\n]+(?:[\w-]+[ \t\n]+)?(?:per|on[ \t\n]+each|for[ \t\n]+each)[ \t\n]+{_DEVICE}\b",
    re.IGNORECASE,
)
# A count of the whole job, not of one device: "in total", "across all GPUs", "a single GPU".
_WHOLE_JOB = lazy_regex(
    r"\b(?:total|global|effective|combined|overall|altogether|all[ \t\n]+(?:the[ \t\n]+)?"
    r"(?:GPUs|devices|replicas|processes|workers|ranks)|(?:a[ \t\n]+single|one|1)[ \t\n]+"
    r"(?:GPU|device|process)|without[ \t\n]+(?:DDP|sharding|data[ -]parallel))\b"
    r"|\bmicro-?batch|\baccumulat|\bsum\b",
    re.IGNORECASE,
)


def _device_numbers(pattern: re.Pattern[str], prose: str, start: int) -> list[EpochQuantity]:
    found = []
    for match in pattern.finditer(prose, start):
        group = "n" if match.group("n") else "n2"
        number = next(find_numbers(prose, match.start(group), match.end(group)), None)
        if number is not None and number.start == match.start(group):
            found.append(
                EpochQuantity(number.start, number.end, number.value, shown(number), number.grouped)
            )
    return found


def _device_epoch(document: LintDocument, prose: str, offset: int) -> Epoch | None:
    """The epoch of one device where the note gives its share of the data and its own batch,
    and names no global batch: a count of that device's steps is ⌈share / batch⌉."""
    start = document.body_offset
    if _WHOLE_JOB.search(prose, start):
        return None
    share = _unique(_device_numbers(_DEVICE_SHARE, prose, start))
    batch = _unique(_device_numbers(_DEVICE_BATCH, prose, start))
    if share is None or batch is None or not 0 < batch.value <= share.value:
        return None
    if offset in (share.start, batch.start):
        return None
    drops = _says_drop(_DROPS_LAST, prose, start, None, True)
    return Epoch(share, batch, drops, always_drops(prose, start, None))


def note_quantity(
    document: LintDocument, kind: str, outside: tuple[int, int]
) -> EpochQuantity | None:
    """The one data set size or batch size ("samples", "batch") the note states outside a
    span (a table that gives the other one per row); None if it states none or several, or
    if the batch may be per device."""
    prose = epoch_prose(document)
    start = document.body_offset
    if _shares_batch(prose, start):
        return None
    found = [
        quantity
        for quantity in _scope_quantities(document, start, len(prose), kind)
        if not outside[0] <= quantity.start < outside[1]
    ]
    if kind == "samples":  # a batch size is no data set: "32 samples per batch"
        taken = {q.start for q in _scope_quantities(document, start, len(prose), "batch")}
        taken |= _last_batch_starts(document)
        found = [quantity for quantity in found if quantity.start not in taken]
    return _unique(found)


def drops_last(document: LintDocument) -> tuple[bool, bool]:
    """Whether the note lets the last partial batch go, and whether its code always does."""
    prose = epoch_prose(document)
    start = document.body_offset
    drops = _says_drop(_DROPS_LAST, prose, start, None, True)
    floored = FLOORED_COUNT.search(document.text, start) is not None
    return drops or floored or _inline_drop(document.text, start), always_drops(prose, start, None)


# Inline code the prose view leaves out that sets the drop: "`.batch(64, drop_remainder=True)`"
_INLINE_DROP = lazy_regex(r"`[^`\n]*?\bdrop_(?:last|remainder)[ \t]*=[ \t]*True\b[^`\n]*`")


def _inline_drop(text: str, start: int) -> bool:
    """Whether inline code in ``text`` sets the last batch to be dropped as the note's own
    setting (not in a clause that supposes it)."""
    return any(
        not supposed_setting(text, match.start(), match.end())
        and not _UNLESS_BEFORE.search(text[max(start, match.start() - 80) : match.start()])
        for match in _INLINE_DROP.finditer(text, start)
    )


# The note's own code floors the count: ``steps_per_epoch = len(x_train) // batch_size``.
FLOORED_COUNT = lazy_regex(
    r"\b\w*(?:steps|batches|iterations|updates)\w*[ \t]*=[^\n#=]*(?://|\bfloor\()", re.I
)


def _known_epoch(document: LintDocument, prose: str) -> Epoch | None:
    """A named data set of known size ("one epoch of MNIST") when the note counts no samples;
    its count is then accepted to 1%, since the note does not say which copy it means."""
    start = document.body_offset
    if _scope_quantities(document, start, len(prose), "samples"):
        return None
    batch = _unique(_scope_quantities(document, start, len(prose), "batch"))
    known = known_size(prose, start, len(prose))
    if batch is None or known is None or not 0 < batch.value <= known.size:
        return None
    samples = EpochQuantity(known.start, known.end, Fraction(known.size), f"{known.size:,}", True)
    only = always_drops(prose, start, None)
    drops = _says_drop(_DROPS_LAST, prose, start, None, True)
    return Epoch(samples, batch, drops, only, True, f"{known.name} {known.split} set")


def mentions_epoch(document: LintDocument, offset: int) -> bool:
    prose = epoch_prose(document)
    scopes = [b for b in _blocks(document) if b[0] <= offset <= b[1]]
    if document.question is not None:
        scopes.append(document.question)
    # "steps_per_epoch" speaks of an epoch too
    return any(_EPOCH_WORDS.search(prose, s, e) for s, e in scopes)


# An epoch by name, in a name ("steps_per_epoch") or as one pass over the data.
_EPOCH_WORDS = lazy_regex(
    r"(?:\b|_)epochs?\b|\b(?:one|a|each|every|single|full|complete)\s+pass\s+(?:over|through)\b"
    # "How many batches does the pipeline yield per pass?"
    r"|\b(?:per|each|every|one|a|single|full|complete)\s+pass\b(?!\s+(?:of|through|over)\s+"
    r"(?:the\s+)?(?:network|model|layer|image|input)s?\b)"
    # a data loader's length is the batches of one pass
    r"|\bDataLoader\b|\blen\(\s*\w*loader\s*\)"
    # "through the whole training set", "go through the 1,000 images once"
    r"|\b(?:whole|entire|full|complete)\s+(?:training\s+)?(?:data\s*set|training\s+set|corpus)\b"
    r"|\bonce\s+(?:through|over)\b|\b(?:through|over)\b[^.\n]{0,50}\bonce\b",
    re.IGNORECASE,
)


def ambiguous_batch(prose: str, quantity: EpochQuantity, samples: int = -1) -> bool:
    """ "batch size of 32 or 64" names no single batch size; "a batch size of 1 and 500
    examples" does (the number after "and" is the data set, at offset ``samples``)."""
    joined = re.compile(rf"[ \t]*(?:,|or|and|to|-|{EN_DASH})[ \t]*").match(prose, quantity.end)
    if joined is None:
        return False
    following = next(find_numbers(prose, joined.end(), joined.end() + 30), None)
    return following is not None and following.start == joined.end() != samples


# "the last batch holds only 16 samples", "a final partial batch of 96", "the last, smaller
# batch of 80", "the last one holding 48 (reviews)" once a batch was named just before
_LAST_BATCH = lazy_regex(
    # "15 full batches and one batch of 40": a batch added to the full ones is the last one
    # (``last_batches`` asks for the full batches named before it)
    rf"(?:(?P<lone>\b(?:and|plus)[ \t\n]+(?:one|a|an|1)[ \t\n]+(?:more[ \t\n]+)?"
    rf"(?:mini-?)?batch[ \t\n]+(?:of|with|holding|having))"
    rf"|\b(?:last|final|remaining|leftover|partial|incomplete"
    # "390 full batches plus one smaller batch of 80": a batch smaller than the others is the
    # last one where the sentence names the full ones or adds it to them (``_LEFTOVER_BATCH``)
    rf"|(?P<cmp>smaller|short|shorter|extra|trailing|tail|undersized))[ \t\n,]+"
    rf"(?:(?:partial|incomplete|smaller|short|shorter|remaining)[ \t\n,]+)?"
    # "573 steps (last batch: 41 images)": a label of the size, as in a table cell
    rf"(?:(?:mini-?)?batch[ \t]*[:=]"
    rf"|(?:mini-?)?batch[ \t\n]+(?:(?:then|only|therefore|thus)[ \t\n]+)?"
    rf"(?:holds?|holding|has|having|contains?|containing|gets|getting|is|of|with|carries"
    rf"|carrying|keeps|will[ \t\n]+(?:hold|have|contain))"
    # "the last one holding 48", "the last holds 112 captions": the noun left out, once a
    # batch was named just before; only a verb of holding ("the last one is 256" may be a size)
    # "the last of which holds 80" likewise
    rf"|(?P<one>(?:one[ \t\n]+)?)(?:of[ \t\n]+(?:which|them|these|those)[ \t\n]+)?"
    rf"(?:only[ \t\n]+)?(?:holds|has|contains|carries|holding"
    rf"|having|containing|carrying)))"
    rf"[ \t\n]+(?:(?:only|just|the|remaining)[ \t\n]+){{0,2}}(?P<n>{NUMBER_PATTERN})",
    re.IGNORECASE,
)


# What makes a smaller batch the last one: the full batches named before it in its sentence,
# or a word that adds it to them ("plus one smaller batch", "and a short batch of 12").
_LEFTOVER_BATCH = lazy_regex(
    r"\b(?:full|complete|whole)[ \t\n]+(?:mini-?)?batch"
    r"|(?:\bplus|\band|\bthen|\+|\bwith|\bleaving|\bleaves|\bleave)[ \t\n]+"
    r"(?:(?:one|a|an|1|only|just)[ \t\n]+)?$",
    re.IGNORECASE,
)
_FULL_BATCHES = lazy_regex(r"\b(?:full|complete|whole)[ \t\n]+(?:mini-?)?batches\b", re.I)
# "leaves 143 images for a final short batch", "the 4 leftover clips form a last, short batch":
# a count of the data put into the last batch is its size.
_INTO_LAST_BATCH = GatedPattern(
    rf"(?P<n>{NUMBER_PATTERN})[ \t\n]+(?:[a-z-]+[ \t\n]+){{0,3}}?"
    rf"(?:for|in|into|forms?|forming|make|makes|making|fill|fills|filling|go[ \t\n]+into"
    rf"|end[ \t\n]+up[ \t\n]+in)[ \t\n]+(?:a|an|the|one)[ \t\n]+"
    rf"(?:(?:last|final|partial|incomplete|smaller|short|shorter|leftover|extra|trailing)"
    rf"[ \t\n,]+)+(?:mini-?)?batch\b",
    re.IGNORECASE,
)


# "the last batch holds 50,000 - 390 * 128 = 80": the size worked out from the data set and the
# batch; the first number of the expression is no size, only its result is.
_WORKED_OUT = lazy_regex(
    rf"[ \t]*(?:[\N{{MINUS SIGN}}{EN_DASH}\N{{MULTIPLICATION SIGN}}/+-]|(?<!\*)\*(?!\*)|mod\b|%)"
    rf"(?=[ \t]*[\d(\N{{LEFT CEILING}}\N{{LEFT FLOOR}}])"
    rf"(?:[^=\n;:]{{0,60}}?=[ \t]*(?P<n>{NUMBER_PATTERN}))?",
    re.IGNORECASE,
)


def _stated_size(prose: str, number: Number) -> Number | None:
    """The size a last batch's number states: the number itself, the result of the expression
    it opens, or none where that expression is left unworked."""
    worked = _WORKED_OUT.match(prose, number.end)
    if worked is None:
        return number
    if worked.group("n") is None:
        return None
    result = next(find_numbers(prose, worked.start("n"), worked.end("n")), None)
    return result if result is not None and result.start == worked.start("n") else None


def last_batches(document: LintDocument) -> Iterator[EpochQuantity]:
    """The sizes the note gives its last batch of an epoch."""
    prose = epoch_prose(document)
    for match in _INTO_LAST_BATCH.finditer(prose, document.body_offset):
        if _BLOCK_BREAK.search(prose, match.start(), match.end()):
            continue
        number = next(find_numbers(prose, match.start("n"), match.end("n")), None)
        if number is not None and number.start == match.start("n"):
            yield EpochQuantity(
                number.start, number.end, number.value, shown(number), number.grouped
            )
    for match in _LAST_BATCH.finditer(prose, document.body_offset):
        before = prose[max(document.body_offset, match.start() - 100) : match.start()]
        elided = match.group("one") is not None
        if elided and not re.search(r"batch", before, re.IGNORECASE):
            continue  # "the last one" is a batch only right after batches are named
        sentence = before[max(before.rfind(". "), before.rfind("\n\n"), 0) :]
        if match.group("cmp") is not None and not _LEFTOVER_BATCH.search(sentence):
            continue  # "a smaller batch of 64 doubles the steps": another batch size
        if match.group("lone") is not None and not _FULL_BATCHES.search(sentence):
            continue  # "… and a batch of 64 halves it": another batch size
        for number in find_numbers(prose, match.start("n"), match.end("n")):
            if number.start != match.start("n"):
                continue
            size = _stated_size(prose, number)
            if size is not None:
                yield EpochQuantity(size.start, size.end, size.value, shown(size), size.grouped)


# A count of the data marked as what is left over: "the remaining 64 rows", "64 leftover rows",
# "the 16 images left over". Below a batch it is the last batch, not the data set; above, it
# may be the trained part of a split ("the remaining 40,000 images").
_REST_COUNT = lazy_regex(
    rf"\b(?:remaining|leftover|left-over|spare)[ \t\n]+(?P<a>{NUMBER_PATTERN})"
    rf"|(?P<b>{NUMBER_PATTERN})[ \t\n]+(?:(?:remaining|leftover|left-over|spare)[ \t\n]+"
    rf"|[a-z-]+[ \t\n]+(?:[a-z-]+[ \t\n]+)?(?:left[ \t\n]+over|remaining|left)\b)",
    re.IGNORECASE,
)


def _rest_counts(document: LintDocument) -> dict[int, Fraction]:
    """Start and value of each count marked as left over."""

    def find() -> dict[int, Fraction]:
        prose = epoch_prose(document)
        rests: dict[int, Fraction] = {}
        for match in _REST_COUNT.finditer(prose, document.body_offset):
            group = "a" if match.group("a") else "b"
            number = next(find_numbers(prose, match.start(group), match.end(group)), None)
            if number is not None and number.start == match.start(group):
                rests[number.start] = number.value
        return rests

    rests: dict[int, Fraction] = document.memo("epoch-rest-counts", find)
    return rests


def _last_batch_starts(document: LintDocument) -> set[int]:
    starts: set[int] = document.memo(
        "epoch-last-batches", lambda: {quantity.start for quantity in last_batches(document)}
    )
    return starts


def last_batch_sizes(epoch: Epoch) -> set[Fraction]:
    """What the last batch of an epoch may hold: the remainder, or a full batch."""
    sizes = set()
    for size in {epoch.samples.value, *epoch.split_sizes}:
        remainder = size % epoch.batch.value
        sizes.add(remainder if remainder else epoch.batch.value)
    return sizes


# An answer that opens with an ordered list: its first item's number is no count.
_ORDERED_LIST = lazy_regex(r"\s*(?:1|0)[.)][ \t]+\S[^\n]*\n[ \t]*(?:2|1)[.)][ \t]")


def opens_ordered_list(text: str, start: int) -> bool:
    """Whether ``text`` opens an ordered list at ``start`` ("1. …⏎2. …")."""
    return _ORDERED_LIST.match(text, start) is not None


# A labelled count that opens a calculation ("steps per epoch: 25,600 / 128 = 200",
# ``steps_per_epoch = 60000 // 32``): the number is an operand, the count its result if any.
# A dash after it is a range ("390-391"), no operator.
_OPERATOR = rf"(?://?|\N{{DIVISION SIGN}}|{TIMES}|(?<!\*)\*(?!\*)|[xX+])"
_OPERAND = lazy_regex(
    rf"[*_]*[ \t]*{_OPERATOR}[ \t]*[(\N{{LEFT CEILING}}\N{{LEFT FLOOR}}]*[ \t]*\d"
)
_OPERATION_RESULT = lazy_regex(
    rf"(?:[ \t]*[()\N{{RIGHT CEILING}}\N{{RIGHT FLOOR}}\N{{LEFT CEILING}}\N{{LEFT FLOOR}}]*[ \t]*"
    rf"(?:{_OPERATOR}|-|\N{{MINUS SIGN}})[ \t]*[()\N{{LEFT CEILING}}\N{{LEFT FLOOR}}]*[ \t]*"
    rf"{NUMBER_PATTERN})+[ \t]*[)\N{{RIGHT CEILING}}\N{{RIGHT FLOOR}}]*[ \t]*"
    rf"(?:=|\N{{ALMOST EQUAL TO}}|->|\N{{RIGHTWARDS ARROW}})[ \t]*[*_]*(?P<result>{NUMBER_PATTERN})"
)


def _progress_bar(prose: str, stated: EpochQuantity) -> bool:
    """ "781/781": a Keras progress bar, no division."""
    own = re.escape(prose[stated.start : stated.end])
    return re.match(rf"/{own}(?![\w/.,])", prose[stated.end : stated.end + 20]) is not None


def _counted_value(prose: str, stated: EpochQuantity) -> EpochQuantity | None:
    """The count a stated number gives: itself, the result of the calculation it opens, or
    None for a calculation without a result."""
    if _OPERAND.match(prose, stated.end) is None or _progress_bar(prose, stated):
        return stated
    match = _OPERATION_RESULT.match(prose, stated.end)
    if match is None:
        return None
    number = next(find_numbers(prose, match.start("result"), match.end("result")), None)
    if number is None or number.start != match.start("result"):
        return None
    return EpochQuantity(number.start, number.end, number.value, shown(number), number.grouped)


_BATCH_SIZES_AFTER = lazy_regex(r"[*_]*[ \t]+(?:mini-?)?batch[ \t_-]?sizes?\b", re.I)
_HOW_MANY = lazy_regex(r"\bhow many\b[^?]*\b(?:iterations|steps|updates|batches)\b", re.I)
_HOW_MANY_BATCHES = lazy_regex(r"\bhow many\s+(?:mini-?)?batches\b", re.I)
_BATCHES_AFTER = lazy_regex(r"[*_]*[ \t\n]+(?:mini-?)?batches\b", re.I)


def counts(document: LintDocument) -> Iterator[EpochQuantity]:
    """Numbers of iterations in a sentence about an epoch ("an epoch runs 50 iterations"), and
    the bare number that answers "How many iterations …?"."""
    prose = epoch_prose(document)
    seen: set[int] = set()
    question = document.question
    # "How many batches does the loop produce?" asks for one pass over the data: its answer's
    # counts of batches are an epoch's, even without the word.
    asks_batches = question is not None and _HOW_MANY_BATCHES.search(prose, *question) is not None
    for stated in quantities(prose, document.body_offset, len(prose), "iterations"):
        count = _counted_value(prose, stated)
        if count is None or count.start in seen:
            continue
        if _NOT_EPOCH_LENGTH.search(prose[max(0, stated.start - 40) : stated.start]):
            continue
        if WARM_UP_CLAUSE.search(prose, max(0, stated.start - 80), stated.start):
            continue  # "a 6 % warm-up is about 188 steps": a share of the run, not an epoch
        if _BATCH_SIZES_AFTER.match(prose, count.end):
            continue  # "at two batch sizes": how many sizes are compared, no count
        if mentions_epoch(document, count.start) or (
            asks_batches
            and count is stated
            and question is not None
            and count.start >= question[1]
            and _BATCHES_AFTER.match(prose, count.end)
        ):
            seen.add(count.start)
            yield count
    if question is None or not _HOW_MANY.search(prose, *question):
        return
    # "How many batches does the loader give?" asks for one pass even without the word epoch.
    if not asks_batches and not mentions_epoch(document, question[0]):
        return
    steps = words(data()["iterations"])
    answer = re.compile(
        rf"\s*[*_]*({NUMBER_PATTERN})[*_]*(?:[ \t]+(?:{steps})\b)?[*_]*(?=\s*[.:;,]|\s*$)", re.I
    )
    match = answer.match(document.answer_prose, question[1])
    if opens_ordered_list(document.answer_prose, question[1]):
        return  # "1. batch of 50: …" numbers a list item, it answers nothing
    if match is not None:
        for number in find_numbers(prose, match.start(1), match.end(1)):
            if number.start in seen:
                continue
            yield EpochQuantity(
                number.start, number.end, number.value, shown(number), number.grouped
            )


# --- what a count's own clause or sentence says (sealed batch 8) ---

# Clauses end at punctuation (not the comma of "50,000"), a blank line or a list item.
_OWN_CLAUSE_END = lazy_regex(
    r"[;:()]|,(?!\d{3})|[.!?](?=[ \t\n*_)]|$)|\n(?=[ \t]*(?:[-*+|#]|\d+\.|\n))"
)
_OWN_SENTENCE_END = lazy_regex(r"[.!?](?=[ \t\n*_)]|$)|\n(?=[ \t]*(?:[-*+|#]|\d+\.|\n))")
# "the partial batch is kept", "drop_last=False", "`drop_last` is left at its default"
_REST = r"(?:partial|last|final|incomplete|leftover|smaller|short|tail|remainder|rest)"
_KEEPS_LAST = lazy_regex(
    rf"\b{_REST}\b[^.;\n]{{0,40}}?\b(?:kept|retained|(?:not|never)[ \t\n]+dropped)\b"
    rf"|\b(?:keeps?|keeping|retains?|retaining)\b[^.;\n]{{0,30}}?\b{_REST}\b"
    rf"|{DROP_FLAG_IS}False\b"
    r"|\bdrop[_ ](?:last|remainder)`?[ \t\n]+(?:[\w`]+[ \t\n]+){0,4}default\b"
    r"|\bdefault[ \t\n]+`?drop[_ ](?:last|remainder)\b",
    re.IGNORECASE,
)
# "drop_last=True", "the last batch is dropped", "discarding the partial batch"
_DROPS_HERE = lazy_regex(
    rf"{DROP_FLAG_IS}True\b"
    rf"|\b{_REST}\b[^.;\n]{{0,40}}?(?<!not )(?<!never )\b(?:dropped|discarded|skipped)\b"
    r"|\b(?:drop|discard|skip)(?:s|ping)?[ \t\n]+(?:the[ \t\n]+|its[ \t\n]+)?"
    rf"{_REST}\b|{ONLY_FULL_BATCHES}",
    re.IGNORECASE,
)
# "without it", "otherwise": the clause speaks of the other setting, named elsewhere
_OTHER_SETTING = lazy_regex(r"\bwithout[ \t\n]+(?:it|that|this)\b|\botherwise\b|\belse\b", re.I)


def _stretch(prose: str, low: int, start: int, end: int, breaks: re.Pattern[str]) -> str:
    begin = low
    for match in breaks.finditer(prose, max(low, start - 300), start):
        begin = match.end()
    following = breaks.search(prose, end)
    return prose[begin : following.start() if following else len(prose)]


def last_batch_setting(prose: str, low: int, start: int, end: int) -> bool | None:
    """Whether the clause of a count (else its sentence) drops the last partial batch (True)
    or keeps it (False); None when it says neither, or both, so the note's setting holds."""
    clause = _stretch(prose, low, start, end, _OWN_CLAUSE_END)
    sentence = _stretch(prose, low, start, end, _OWN_SENTENCE_END)
    # the sentence's other clauses, except those with a number (they set their own count) and
    # those that suppose a setting ("had we set drop_last=True", "assuming drop_last=True"),
    # unless the count's own clause supposes too ("…, the loader would yield 312 batches")
    supposed = _SUPPOSED.search(clause) is not None
    others = " ".join(
        part
        for part in _OWN_CLAUSE_END.split(sentence)
        if not re.search(r"\d", part) and (supposed or not _SUPPOSED.search(part))
    )
    for text in (clause, f"{clause} {others}"):
        if _OTHER_SETTING.search(text):
            return None
        keeps = _KEEPS_LAST.search(text) is not None
        drops = _says_drop(_DROPS_HERE, text, 0)
        if keeps != drops:
            return drops
        if keeps:
            return None
    partial = _COUNTS_PARTIAL.search(sentence) or (
        _LAST_BATCH.search(sentence) and re.search(r"batch", sentence, re.IGNORECASE)
    )
    if partial and not _DROPS_HERE.search(sentence):
        return False  # "390 full batches and one last batch of 80": the sentence keeps it
    return None


# A sentence that counts the partial batch among the batches of its epoch.
_COUNTS_PARTIAL = lazy_regex(
    r"\b(?:and|plus|with|\+)[ \t\n]+(?:one|a|an)[ \t\n]+(?:extra[ \t\n]+)?"
    r"(?:(?:(?:last|final|partial|incomplete|smaller|short|shorter|leftover)[ \t\n,]+)+"
    r"(?:mini-?)?batch\b|(?:mini-?)?batch[ \t\n]+of[ \t\n]+(?:the[ \t\n]+)?"
    r"(?:remaining|leftover|last)\b)",
    re.IGNORECASE,
)


def with_last_batch(epoch: Epoch, setting: bool | None) -> Epoch:
    """The epoch under the last-batch setting of a count's own clause, if it names one."""
    if setting is None or epoch.known:
        return epoch
    return replace(epoch, drops_last=setting, drops_only=setting)


# "48,000 / 32 = 1,500 steps": a division just before a count defines its own epoch
_DIVISION_BEFORE = lazy_regex(
    rf"(?P<x>{NUMBER_PATTERN})[*_]*[ \t]*(?:/|//|\N{{DIVISION SIGN}})[ \t]*[*_]*"
    rf"(?P<y>{NUMBER_PATTERN})[*_]*[ \t]*[)\N{{RIGHT CEILING}}\N{{RIGHT FLOOR}}]?[ \t]*"
    rf"(?:=|\N{{ALMOST EQUAL TO}}|->|\N{{RIGHTWARDS ARROW}})[ \t]*[*_]*\Z"
)


def own_division(prose: str, start: int) -> tuple[EpochQuantity, EpochQuantity] | None:
    """The dividend and divisor of "N / B = count" right before a count, if any."""
    match = _DIVISION_BEFORE.search(prose[max(0, start - 60) : start])
    if match is None:
        return None
    offset = max(0, start - 60)
    found = []
    for group in ("x", "y"):
        number = next(
            find_numbers(prose, offset + match.start(group), offset + match.end(group)), None
        )
        if number is None or number.value <= 0:
            return None
        found.append(
            EpochQuantity(number.start, number.end, number.value, shown(number), number.grouped)
        )
    return found[0], found[1]


# "without validation_split it would be 625", "before the split": a count of the whole
_UNSPLIT_WORDS = lazy_regex(
    r"\bwithout\b|\bbefore[ \t\n]+(?:the[ \t\n]+)?split|\bno[ \t\n]+(?:validation|split)\b",
    re.IGNORECASE,
)


def unsplit_scenario(prose: str, start: int) -> bool:
    """Whether the sentence of a count at ``start`` speaks of the data before it is split."""
    sentence = _stretch(prose, 0, start, start, _OWN_SENTENCE_END)
    return bool(_UNSPLIT_WORDS.search(sentence) or _SUPPOSED.search(sentence))


def with_own_division(prose: str, epoch: Epoch, start: int) -> Epoch:
    """The epoch that a division right before the count defines, where it names other sizes
    than the ones bound from the note ("without accumulation: 48,000 / 32 = 1,500 steps")."""
    division = own_division(prose, start)
    if division is None or epoch.known:
        return epoch
    samples, batch = division
    if (samples.value, batch.value) == (epoch.samples.value, epoch.batch.value):
        return epoch
    if samples.value == epoch.unsplit and not unsplit_scenario(prose, start):
        return epoch  # "20,000 / 32 = 625" divides the whole that validation_split cuts
    if batch.value > samples.value:
        return epoch
    return replace(epoch, samples=samples, batch=batch, split_sizes=frozenset())


# --- hedged counts (issue #12, epoch precision) ---
#
# A count after a hedge is no exact claim: "roughly 500 steps" says the count rounds to 500 at
# the precision it is written with, "just under 470" that it is a little below 470, "fewer than
# 500" that it is below 500, "on the order of 500" only its order of magnitude. Each reading
# judges a hedged count by what its words allow (``hedge_allows``), never as an equality.
_HEDGE_WORDS: tuple[tuple[str, str], ...] = (
    # order of magnitude: anything within a factor of ten
    (
        "magnitude",
        r"(?:on|of)[ \t\n]+the[ \t\n]+order[ \t\n]+of|order[ \t\n]+of[ \t\n]+magnitude[ \t\n]+of"
        r"|in[ \t\n]+the[ \t\n]+(?:ballpark|range)[ \t\n]+of|ballpark(?:[ \t\n]+figure)?"
        r"(?:[ \t\n]+of)?|several",
    ),
    # a little below / above: close to the number, on its side
    (
        "near-below",
        r"(?:just|a[ \t\n]+(?:bit|little|tad)|slightly|marginally)[ \t\n]+"
        r"(?:under|below|less[ \t\n]+than|fewer[ \t\n]+than|short[ \t\n]+of)|shy[ \t\n]+of",
    ),
    (
        "near-above",
        r"(?:just|a[ \t\n]+(?:bit|little|tad)|slightly|marginally)[ \t\n]+"
        r"(?:over|above|more[ \t\n]+than|past|beyond)",
    ),
    # a bound: only its side matters
    (
        "below",
        r"under|below|(?:no|not)[ \t\n]+more[ \t\n]+than|fewer[ \t\n]+than|less[ \t\n]+than"
        r"|at[ \t\n]+most|up[ \t\n]+to|within|<(?!-)|\N{LESS-THAN OR EQUAL TO}",
    ),
    (
        "above",
        r"over|above|more[ \t\n]+than|(?:no|not)[ \t\n]+(?:fewer|less)[ \t\n]+than"
        r"|at[ \t\n]+least|upwards[ \t\n]+of|north[ \t\n]+of|(?<![-=])>"
        r"|\N{GREATER-THAN OR EQUAL TO}",
    ),
    # about: rounded to the precision the number is written with
    (
        "about",
        r"about|approximately|approx\.?|roughly|around|circa|ca\.|nearly|almost|close[ \t\n]+to"
        r"|some|more[ \t\n]+or[ \t\n]+less|in[ \t\n]+the[ \t\n]+region[ \t\n]+of"
        r"|something[ \t\n]+like|an?[ \t\n]+estimated|estimated|approaching|give[ \t\n]+or"
        r"[ \t\n]+take|~|\N{ALMOST EQUAL TO}|\N{ASYMPTOTICALLY EQUAL TO}|\N{TILDE OPERATOR}",
    ),
)
# "is", "of", "=" and markup may stand between the hedge and the number: "is roughly **500**".
_HEDGE_BEFORE = tuple(
    (
        kind,
        lazy_regex(
            rf"(?<![A-Za-z])(?:{source})(?:[ \t\n]+(?:an?|the))?[ \t\n*_`]*\Z", re.IGNORECASE
        ),
    )
    for kind, source in _HEDGE_WORDS
)
# Hedges after the number: "500 steps or so", "500-ish", "500-odd steps", "give or take".
_HEDGE_AFTER = lazy_regex(
    r"(?:-?ish\b|-odd\b|[*_`]*(?:[ \t]+[\w-]+){0,3}?[ \t,]+(?:or[ \t]+so|or[ \t]+thereabouts"
    r"|give[ \t]+or[ \t]+take|more[ \t]+or[ \t]+less)\b)",
    re.IGNORECASE,
)


def hedge_of(prose: str, start: int, end: int) -> str | None:
    """How the words around a count at ``start:end`` hedge it: "about", "near-below",
    "near-above", "below", "above", "magnitude", or None for an exact claim."""
    before = prose[max(0, start - 40) : start]
    for kind, pattern in _HEDGE_BEFORE:
        if pattern.search(before):
            return kind
    if _HEDGE_AFTER.match(prose, end, min(len(prose), end + 40)):
        return "about"
    return None


def _rounding_step(value: Fraction, text: str) -> Fraction:
    """Half the unit a written number is rounded to: 500 → 50, 470 → 5, 1,563 → ½."""
    digits = re.sub(r"[^\d.]", "", text).split(".")[0]
    if value != int(value) or not digits:
        return Fraction(1, 2)
    zeros = len(digits) - len(digits.rstrip("0"))
    return Fraction(10 ** min(zeros, max(0, len(digits) - 1)), 2)


def hedge_allows(hedge: str | None, count: Fraction, text: str, steps: Iterable[Fraction]) -> bool:
    """Whether a count hedged as ``hedge`` fits one of the right step counts: "about" and the
    near bounds to the rounding of the number as written (at most 10 %, at least 5 %), a bound
    on its side, an order of magnitude within a factor of ten; an exact claim only when it
    equals one."""
    for right in steps:
        if count == right:
            return True
        if hedge is None or right <= 0:
            continue
        # the rounding interval of the number as written, but never more than 10 % off: "about
        # 500" for 469, not "about 200" for 245; 5 % (or one step) for any written precision
        rounded = min(_rounding_step(count, text), right / 10)
        near = abs(count - right) <= max(rounded, right / 20, Fraction(1))
        if hedge == "magnitude" and right / 10 <= count <= right * 10:
            return True
        if hedge == "about" and near:
            return True
        if hedge == "near-below" and near and right <= count:
            return True
        if hedge == "near-above" and near and right >= count:
            return True
        if (hedge == "below" and right <= count) or (hedge == "above" and right >= count):
            return True
    return False


# --- what a count counts where gradients are accumulated (issue #12, epoch precision) ---
#
# With accumulation the note has two batches: the per-step (micro-)batch the loader yields and
# the effective batch of one optimizer update. The phrase readings bind the one effective
# batch to every count; a count of what the loader yields (loader batches, micro-batches,
# forward passes, ``len(loader)``) is counted in per-step batches, so those readings leave it
# to the statements and the solver, which give each count the batch of its noun.
_ACCUMULATES = lazy_regex(
    rf"\baccumulat\w*|\bmicro-?batch|\beffective[ \t\n]+batch|{SUMMED_GRADIENTS}", re.I
)
_LOADER_COUNT = lazy_regex(
    r"\b(?:(?:data[ \t_-]?)?loader|micro-?|forward|backward|fwd|bwd)\b"
    r"|\bmicro-?batch|\bforward[ \t\n/-]+(?:and[ \t\n]+backward[ \t\n]+)?pass|\bbatches[ \t\n]+"
    r"(?:loaded|read|drawn|yielded|fetched)\b|\b(?:yields?|loads?|draws?|fetches?)\b",
    re.IGNORECASE,
)
_COUNT_CLAUSE_END = lazy_regex(r"[.;!?\n]|,(?!\d{3})")


def counts_loader_batches(prose: str, body: int, start: int, end: int) -> bool:
    """Whether the note accumulates gradients and the count at ``start:end`` counts the
    loader's per-step batches by its own clause ("loader batches per epoch: 3,000", "3,000
    micro-batches", "the loader yields 3,000 batches"), not optimizer updates."""
    if _ACCUMULATES.search(prose, body) is None:
        return False
    low = max(
        (m.end() for m in _COUNT_CLAUSE_END.finditer(prose, max(body, start - 80), start)),
        default=max(body, start - 80),
    )
    following = _COUNT_CLAUSE_END.search(prose, end, end + 60)
    clause = prose[low : following.start() if following else min(len(prose), end + 60)]
    if re.search(r"\b(?:optimi[sz]er|updates?|weight[ \t\n]+updates?)\b", clause, re.I):
        return False
    return _LOADER_COUNT.search(clause) is not None
