"""AG102's fallback: does ANY reading of the note's stated numbers explain a claimed count?

The readings of ``epochs`` and ``epoch_statements`` bind quantities by sentence grammar, and a
new phrasing leaves them silent. This pass binds nothing by grammar. Every number of the note
gets a set of candidate roles from a few words on each side (its noun, a label before it, a
keyword argument, its table column); a number with a role-less unit gets none. A claimed count
of steps (iterations, updates, batches, chunks) is then checked against every assignment of
the stated candidates to ``steps = ⌈N' / B'⌉``, where ``N'`` is a data set size, that size less
a validation share or a stated part, and ``B'`` a batch size, times an accumulation factor
and/or a device count; ⌊ ⌋ where the note drops the last batch, and multiples for stated
epochs. A claim is reported only when some assignment is complete and none gives it.

Inline math states quantities under any symbol: "$N = 50{,}000$" by its usual letter, and
"$G = 8$ GPUs", "batch size per GPU $b = 32$", "accumulation over $a = 4$ micro-batches" by
the words around the definition, read as if the number stood in the prose; prose gives "B"
and "N", and "E" for the epochs, as their usual letters too ("N = 9,000, B = 64, E = 12"), and
an aside after a number names it, not the next one ("B = 250 (batch size) and E = 7"). A
count whose own
clause names every fold ("the whole cross-validation is about 3,750 steps") is a total over
the k runs, as one followed by "across the folds" is.

A table row is a loader of its own: a column headed by a drop flag ("| `drop_last` |") sets
the row's rounding, a bare "total" column beside a steps column is the run's total, and where
the note speaks of folds without stating their number (walk-forward, expanding windows) only a
row that states its own fold's size is judged, on that size alone.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import cache, lru_cache
from itertools import product

from ankigen.lint.arith.datasets import known_size
from ankigen.lint.arith.epoch_accumulation import UPDATE_RHYTHM_AFTER, UPDATE_RHYTHM_BEFORE
from ankigen.lint.arith.epoch_repeats import repeat_factors, repeated_counts
from ankigen.lint.arith.epoch_shards import shards_by_sampler, unsharded_count
from ankigen.lint.arith.epochs import (
    ACROSS_FOLDS,
    DROP_FLAG_IS,
    FLOORED_COUNT,
    MEASURE_AFTER,
    NOT_SAMPLES,
    ONLY_FULL_BATCHES,
    RATIO_SPLIT,
    REFIT,
    SAMPLE_NOUNS,
    WARM_UP_CLAUSE,
    counts_other_loader,
    denied_drop,
    exact_size,
    hedge_allows,
    hedge_of,
    k_folds,
    names_another_data_set,
    other_loader_unit,
    paragraph_around,
    supposed_setting,
    with_resumed_runs,
)
from ankigen.lint.arith.inline import epoch_prose
from ankigen.lint.arith.vocabulary import data, shown, words
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.grounds import grounded
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import NUMBER_PATTERN, find_numbers, format_number
from ankigen.lint.prefilter import GatedPattern

SAMPLES, PART, BATCH, DEVICES, ACCUMULATION, EPOCHS, SHARE, CLAIM = (
    "samples",
    "held-out part",
    "batch",
    "devices",
    "accumulation",
    "epochs",
    "share",
    "claim",
)
# A claimed count labelled as a total over the run ("total steps: 3,600"): stated epochs
# multiply it; without them the run's length is not stated.
TOTAL = "total"
# The same said in words ("1,000 steps in total"): over the stated epochs where there are some,
# a plain count otherwise (a run of one pass).
RUN_TOTAL = "run total"
# A number whose words give it no role: it may still be any quantity, so a claim that it would
# explain as a data set or a batch is left alone ("60,000 training and 10,000 test images").
UNKNOWN = "unknown"
# More combinations than this is a note of many scenarios: stay silent rather than guess.
_MAX_COMBINATIONS = 400
_WINDOW = 48

# Only notes that speak of steps of some kind can hold a claim.
# ("batch_size=32" in inline code speaks of them too)
_TOPIC = lazy_regex(
    r"(?<![A-Za-z])(?:steps?|iterations?|iters|updates?|batch(?:es)?|mini-?batch(?:es)?"
    r"|chunks?|epochs?)(?![A-Za-z])",
    re.IGNORECASE,
)
# What the pass does not model: tokens and windows over sequences, samplers that pad or
# resample, repeated (endless) pipelines, folds, subsets: the count then follows other rules.
# A distributed sampler is modelled: it pads each replica's share to ⌈N / W⌉, and
# ⌈⌈N / W⌉ / B⌉ = ⌈N / (W·B)⌉, the devices reading.
_UNMODELLED = GatedPattern(
    r"\btokens?\b|\bseq(?:uence)?[ _-]?len|\bcontext[ _-](?:length|window)|\bsliding\b|\bstride"
    r"|(?<!distributed)(?<!distributed )sampler\b|\b(?:over|under|re)-?sampl|\baugment"
    r"|\bfolds?\b|\bsubset|\bbucket|\bpacking\b|\bpadd(?:ed|ing)\b|\bduplicat"
    r"|\bcurriculum|steps_per_execution|\bgradient[ _]checkpoint|\bpipeline[ _]parallel"
    # a cap on an epoch's batches (Lightning's share or count of them)
    r"|\blimit_(?:train|val|test|predict)_batches\b"
    # (but "the half batch", "half a batch" left over is the partial last batch)
    r"|\bhalf\b(?![ \t-]+(?:a[ \t]+|full[ \t]+|empty[ \t]+)?(?:micro-?|mini-?)?batch)"
    r"|\btwice\b|\bdoubl",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Stated:
    """A number of the note and the roles its surroundings allow."""

    start: int
    end: int
    value: Fraction
    text: str
    roles: frozenset[str]
    full: bool = False  # a claim of "full" (complete) batches only


@dataclass
class _Pool:
    """The candidates of each role, and the blocks (paragraphs, list items, table rows) of the
    note, so that each claim takes its own scenario's quantities first."""

    text: str
    blocks: list[int]  # block start offsets, sorted
    values: dict[str, list[Stated]] = field(default_factory=dict)
    device_shares: bool = False  # the note gives each device its own share of the data
    folds: int = 1  # the runs of a k-fold cross-validation: a total may span all of them

    def add(self, stated: Stated) -> None:
        for role in stated.roles:
            self.values.setdefault(role, []).append(stated)

    def block(self, offset: int) -> int:
        return bisect_right(self.blocks, offset)

    def _owned(self, stated: Stated, claim: Stated) -> bool:
        """Whether a number is the claim's block's own: before the claim or on its line (a
        later line of the block may set up another scenario: "With `batch_size=128`: …")."""
        if stated.start == claim.start or self.block(stated.start) != self.block(claim.start):
            return False
        return stated.start < claim.start or "\n" not in self.text[claim.end : stated.start]

    def of(self, role: str, claim: Stated) -> list[Stated]:
        """The candidates of a role, the claim itself left out (it cannot explain itself).
        The batch, devices and accumulation of a block that states its own batch ("- 4 GPUs:
        the global batch is 256, so 2,000 steps") are that scenario's, where it states them;
        the data set, the epochs and the splits are the note's (a block's "16 samples" may be
        a remainder)."""
        found = [s for s in self.values.get(role, []) if s.start != claim.start]
        if role not in (BATCH, DEVICES, ACCUMULATION):
            return found
        if not any(self._owned(s, claim) for s in self.values.get(BATCH, [])):
            return found
        # a block that states no devices or accumulation of its own ("Total optimization
        # steps = 1,125" in a log, "The run uses 2 GPUs." below it) takes the note's, unless
        # the note gives each device its own share of the data ("each replica receives
        # 3,125 samples"): that block's count is then one device's
        own_found = [s for s in found if self._owned(s, claim)]
        return own_found if own_found or self.device_shares else found


# --- roles from the words right after a number ---------------------------------------------

# A part given to the held-out use by a plain verb: "2,000 are kept for validation", "2,400 of
# them are used for testing", "1,000 go to the test set", "3,000 form the dev set". Only
# the held-out uses: "used for training" names the trained part, which stays a data set.
_HELD_USE = r"(?:validation|validating|val|test|testing|evaluation|evaluating|dev|held-out)\b"
_HELD_FOR = (
    r"(?:(?:kept|used|saved|put|set|reserved|retained|taken|held|moved|sent)[ \t]+"
    r"(?:(?:back|aside|apart|away|off)[ \t]+)?(?:for|as)"
    r"|go(?:es)?[ \t]+(?:in)?to|(?:form|forms|make[ \t]+up|makes[ \t]+up|become|becomes))"
    rf"[ \t]+(?:the[ \t]+|a[ \t]+|an[ \t]+)?(?:separate[ \t]+)?{_HELD_USE}"
)


@cache
def _after_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    nouns = words([*data()["samples"], *SAMPLE_NOUNS])
    between = (
        r"(?:(?!(?:of|per|in|on|at|by|for|with|and|or|to|from|into|the|a|an|each|every|is|are"
        r"|was|were|more|than|batch|batches|steps?|epochs?|x|by)\b)[A-Za-z][\w-]*[ \t]+){0,3}?"
    )
    per_unit = r"(?:per|each|every|a|an|in[ \t]+(?:each|every|one|a))"
    return (
        # "4 accumulated micro-batches", "4 accumulation steps", "accumulating 4 batches"
        (ACCUMULATION, lazy_regex(r"^[ \t]*(?:gradient[ \t]+)?accumulat", re.I)),
        (
            ACCUMULATION,
            lazy_regex(
                r"^[ \t]*(?:micro-?|mini-?)?(?:batches|steps)[ \t]+(?:per|for[ \t]+each|before"
                r"[ \t]+(?:each|an?|one))[ \t]+(?:optimi[sz]er[ \t]+|weight[ \t]+)?(?:update|step)",
                re.I,
            ),
        ),
        (
            DEVICES,
            lazy_regex(
                r"^[ \t]*(?:(?!(?:per|each|a|an|on|in|for)\b)[A-Za-z0-9-]+[ \t]+)?"
                r"(?:gpus?|devices?|replicas?|tpus?|tpu[ \t]+cores"
                r"|accelerators?|nodes?|ranks?|processes|workers?|cards?|cores?)\b",
                re.I,
            ),
        ),
        # "64-image batches", "a 128-sample mini-batch": a compound before "batch" sizes it
        (BATCH, lazy_regex(r"^-[A-Za-z]+(?:[ \t-][A-Za-z]+)?[ \t-](?:mini-?|micro-?)?batch", re.I)),
        # "64 images per batch", "32 per GPU", "16 samples at a time"
        (
            BATCH,
            lazy_regex(
                rf"^[ \t]*{between}(?:{nouns}[ \t]+)?(?:{per_unit}[ \t]+"
                r"(?:mini-?|micro-?)?(?:batch|step|iteration|update|gpu|device|replica|worker"
                r"|core|tpu|node|rank|forward|pass)\b|at[ \t]+a[ \t]+time\b)",
                re.I,
            ),
        ),
        (
            EPOCHS,
            lazy_regex(
                # "a 30-epoch run"
                r"^[ \t]*(?:more[ \t]+|full[ \t]+|training[ \t]+|total[ \t]+)?epochs?\b"
                r"|^-epochs?\b",
                re.I,
            ),
        ),
        (SHARE, lazy_regex(r"^[ \t]*%|^[ \t]*per[ \t]?cent\b", re.I)),
        # "2,000 validation images", "10,000 test clips": a held-out part
        (
            PART,
            lazy_regex(
                r"^[ \t]*(?:(?:held[ -]out|validation|val|test|dev|evaluation)[ \t]+)"
                rf"(?:{nouns})\b",
                re.I,
            ),
        ),
        # "the loop body runs 120 times per epoch": a count of the epoch's steps
        (
            CLAIM,
            lazy_regex(
                r"^[ \t]*times[ \t]+(?:per|each|every|an?|in[ \t]+(?:one|each|every|an?))"
                r"[ \t]+(?:single[ \t]+)?epoch\b",
                re.I,
            ),
        ),
        # "26 chunks", "40 pages": counted pieces, or the pieces a data set is made of
        (CLAIM, lazy_regex(r"^[ \t]*(?:chunks|pages|shards)\b", re.I)),
        # "10,000 reviews held out for validation", "500 images are set aside": the noun
        # names what the part holds, the verb after it makes it a held-out part
        (
            PART,
            lazy_regex(
                rf"^[ \t]*{between}(?:{nouns})[ \t]+(?:(?:are|were|is|get|gets)[ \t]+)?"
                r"(?:held[ -]out|set[ \t]+aside|reserved|kept[ \t]+(?:back|aside)|split[ \t]+off"
                # ("put 2,000 photos aside for validation", "leave 500 images out for testing")
                rf"|withheld|aside|apart|(?:out|back)[ \t]+(?:for|as)\b|{_HELD_FOR})\b",
                re.I,
            ),
        ),
        (SAMPLES, lazy_regex(rf"^[ \t]*[-]?{between}(?:{nouns})\b", re.I)),
        # "200k voxel grids, batch 8", "9,000 point clouds at batch 16": what the set-up
        # batches in the same breath is the data, whatever the things are called
        (
            SAMPLES,
            lazy_regex(
                rf"^[ \t]+(?:(?!{NOT_SAMPLES})[a-z-]+[ \t]+)?(?!{NOT_SAMPLES})[a-z]+s\b"
                r"(?=[ \t]*[,;(]?[ \t]*(?:at[ \t]+|with[ \t]+)?(?:an?[ \t]+)?(?:mini-?)?batch"
                r"(?:[ _]size)?[ \t]*(?:of|=|:)?[ \t]*\d)",
                re.I,
            ),
        ),
        # "2,000 are held out for testing": a stated part, which the trained part lacks
        (
            PART,
            lazy_regex(
                r"^[ \t]*(?:of[ \t]+(?:them|these|those|which|the[ \t]+\w+)[ \t]+"
                # "5,000 of the 45,000 images are held out": a part of a stated whole
                r"|of[ \t]+(?:the[ \t]+|all[ \t]+|its[ \t]+|our[ \t]+|their[ \t]+)?"
                r"\d[\d,.]*[kKmM]?(?:[ \t]+[A-Za-z-]+){0,3}?[ \t]+)?"
                r"(?:(?:are|were|is|get|gets)[ \t]+)?(?:held[ -]out|set[ \t]+aside|reserved"
                r"|kept[ \t]+(?:back|aside)|split[ \t]+off"
                rf"|go(?:es)?[ \t]+to[ \t]+(?:validation|test)|{_HELD_FOR})",
                re.I,
            ),
        ),
        (
            CLAIM,
            lazy_regex(
                r"^[ \t]*[*_)]*[ \t]*(?:(?:full|complete|whole|training|train|optimi[sz]er"
                r"|gradient|weight|parameter|sgd|backprop(?:agation)?|forward[-/ ]backward"
                r"|total|update|loader|data[ -]?loader|mini-?|more|separate|distinct"
                r"|individual)[ \t-]*)*"
                r"(?:steps?|iterations?|iters|updates?|batches|mini-?batches|minibatches"
                r"|chunks|pages|shards)\b",
                re.I,
            ),
        ),
    )


# --- roles from the words right before a number (labels, keyword arguments) ----------------

# What joins a label to its number: "of", "is", "=", ":", "set to", an arrow; a hedge allowed.
_JOIN = (
    r"[ \t]*(?:\([A-Za-z]+\)[ \t]*)?[*_`]*[ \t]*"
    r"(?:(?:stays|remains|stay|remain|is[ \t]+kept)[ \t]+)?"
    r"(?:of|is|was|=|==|:|to|at|equals?|set[ \t]+to"
    r"|fixed[ \t]+at|of[ \t]+size|->|\N{RIGHTWARDS ARROW}|becomes|gives|returns)?[ \t]*[*_`]*"
    r"[ \t]*(?:about|approximately|around|~|\N{ALMOST EQUAL TO})?[ \t]*$"
)
# A data set's name in len(…): "train_ds", "dataset", "x_train", "train_data" (code reaches
# this pass with its underscores as spaces)
_DATA_NAME = r"[ \t]*(?:\w+[ _])*?(?:ds|\w*dataset|data|x[ _]train|images|samples)[ \t]*"
# The length of a data set, not of a loader: "print(len(train_ds))", "len(loader.dataset)"
_DATA_LENGTH = lazy_regex(rf"\blen\((?:\w+\.)*{_DATA_NAME}\)", re.I)
# "steps per epoch on each GPU ≈ …": the label names one device's count
_ON_EACH_DEVICE = (
    r"(?:[ \t]+(?:on|for|per|of)[ \t]+(?:each|every|one|a|the)?[ \t]*"
    r"(?:gpu|tpu|device|replica|worker|rank|process|node)s?)?"
)
_BEFORE = (
    (
        ACCUMULATION,
        r"(?:accumulat\w*|accum\w*)(?:[ \t]+\w+){0,3}?[ \t]+(?:over|across|for|every|of)[ \t]*$"
        rf"|(?:grad(?:ient)?[ \t_]+)?accum\w*(?:[ \t_]+(?:steps|factor|batches))?{_JOIN}"
        rf"|accumulate[ _]grad[ _]batches{_JOIN}|accumulat\w*[ \t]+$"
        # "adds up the gradients of 4 batches": the batches one update sums
        r"|\bgradients[ \t]+(?:of|from|over|across)[ \t]+(?:the[ \t]+)?$",
    ),
    (
        CLAIM,
        r"(?:steps|iterations|iters|batches|updates)[ \t_]*(?:per|/|each|every|in[ \t]+"
        rf"(?:one|an|each|a))[ \t_]*epoch{_ON_EACH_DEVICE}{_JOIN}"
        r"|(?:steps|updates|is[ \t]+updated|are[ \t]+updated)[ \t]+(?:only[ \t]+|just[ \t]+)?$"
        rf"|\blen\((?!{_DATA_NAME}\))[^)\n]*\)\)?[ \t]*"
        r"(?:#|=|==|->|\N{RIGHTWARDS ARROW}|:|is|returns|gives)?[ \t]*$"
        rf"|(?:number|num|n)[ \t_]+(?:of[ \t]+)?(?:steps|iterations|batches|updates){_JOIN}",
    ),
    (
        DEVICES,
        r"(?:num[ \t_]+(?:gpus|replicas)|n[ \t_]+gpus|gpus|devices|world[ \t_]+size"
        r"|nproc[ \t_]+per[ \t_]+node"
        rf"|replicas|number[ \t]+of[ \t]+(?:gpus|devices|replicas)){_JOIN}",
    ),
    (
        BATCH,
        r"(?:(?:global|effective|total|per[ -]\w+|train(?:ing)?|mini-?|micro-?)[ \t_]*)*"
        rf"(?:mini-?)?batch(?:[ \t_-]*size)?s?{_JOIN}"
        # "the default batch_size in model.fit is 32": the label names the API it belongs to
        r"|batch(?:[ \t_-]*size)?[ \t]+(?:in|of|for|used[ \t]+by)[ \t]+(?:the[ \t]+)?[\w.()]+[ \t]+"
        r"(?:is|was|=|:|defaults[ \t]+to)[ \t]*$"
        r"|(?:mini-?|micro-?)?batches[ \t]+(?:of|with)[ \t]*$"
        # "the rest are batched by 64", "grouped into batches of 32"
        r"|\bbatched[ \t]+(?:by|in[ \t]+(?:groups|batches|chunks)[ \t]+of)[ \t]*$"
        r"|\b(?:bs|(?-i:B)|chunk[ \t_]*size|chunksize|page[ \t_]*size|chunks|pages|groups"
        rf"|shards)(?:[ \t]+of)?{_JOIN}",
    ),
    (
        EPOCHS,
        rf"(?:num[ \t_]+|max[ \t_]+|number[ \t]+of[ \t]+)?(?:train[ \t_]+)?epochs{_JOIN}"
        # the usual symbol, as inline math has it (``_MATH_SYMBOLS``): "E = 7"
        rf"|(?-i:E)[ \t]*=[ \t]*$",
    ),
    (
        SHARE,
        rf"validation[ \t_]+split{_JOIN}"
        rf"|(?:validation|val|test|held[- ]out)[ \t]+(?:share|fraction|ratio|split){_JOIN}",
    ),
    (
        PART,
        r"(?:hold(?:s|ing)?|held|set(?:s|ting)?|keep(?:s|ing)?|kept|reserv\w*|split(?:s|ting)?)"
        r"[ \t]+(?:out|aside|back|off)(?:[ \t]+(?:the[ \t]+)?(?:last|first))?[ \t]*$"
        # "reserving 2,000 of the 12,000 clips": reserved or withheld needs no particle
        r"|(?:reserv(?:e|es|ed|ing)|withh(?:old|olds|olding|eld))[ \t]+$"
        # "the validation set takes 3,000", "the test split gets 1,500": a held-out part
        # that takes its share of the whole (a set "of 3,000" may be a separate one)
        r"|\b(?:validation|val|test|dev|evaluation|held[- ]out)[ \t]+(?:set|split|part|portion"
        r"|subset|share)[ \t]+(?:takes|gets|receives|keeps|claims)[ \t]+(?:the[ \t]+)?$",
    ),
    (
        SAMPLES,
        r"(?:data[ \t]?set|training[ \t]+set|train[ \t]+set|corpus|collection|table|split"
        r"|x[ \t_]+train|n[ \t_]+(?:samples|train)|num[ \t_]+samples|(?-i:N)"
        r"|(?<!batch )(?<!batch_)size|total)(?:[ \t]+size)?(?:[ \t]+(?:has|holds|contains|with"
        rf"|of))?{_JOIN}"
        # "len(train_ds) == 50_000": the length of a data set, not of a loader
        rf"|\blen\({_DATA_NAME}\)[ \t]*(?:#|=|==|->|\N{{RIGHTWARDS ARROW}}|:|is|returns)?[ \t]*$",
    ),
)
_BEFORE_PATTERNS = tuple(
    (role, lazy_regex(rf"(?<![\w-])(?:{source})", re.I)) for role, source in _BEFORE
)

# A claim is no claim when its clause hedges, negates or supposes it, or counts something else
# (a warm-up, an interval, a total of unstated length).
_VETO_BEFORE = lazy_regex(
    r"(?:\b(?:not|never|no|instead|rather|would|could|might|if|suppose|say|wrong|incorrect"
    r"|mistaken|naive(?:ly)?|roughly|nearly|almost|under|over|least|most|up[ \t]+to|than"
    r"|some|every|each|first|last|after|warm-?up|within|until|for|e\.g|such|like|only|just"
    r"|extra|another|additional|per|by)\b|n't|<|(?<![-=])>|[≤≥]|\+)[ \t*_`]*$",
    re.I,
)
_VETO_CLAUSE = lazy_regex(
    r"\b(?:not|never|wrong|incorrect|mistak\w*|instead|would|could|might|suppose|hypothetical|try"
    r"|or[ \t]+so|give[ \t]+or[ \t]+take|or[ \t]+thereabouts|for[ \t]+example|e\.g"
    r"|warm-?up|log(?:s|ged|ging)?|checkpoint|evaluat\w*|validat\w+[ \t]+steps)\b"
    # (a schedule's steps are its own, but a scheduler's total_steps counts the whole run)
    r"|\bschedul\w*\b(?!\.total[ _]steps\b)|n't\b",
    re.I,
)
# (a colon opens a new clause: "is 16: the last 40 samples don't fill a batch")
_CLAUSE_START = lazy_regex(r"[.;:!?](?=[ \t\n])|\n|\bbut\b|\bwhereas\b|\bwhile\b", re.I)
_TRAINED = lazy_regex(r"\b(?:train(?:ing)?|remaining|rest|left|leaving|after)\b", re.I)
# (the epoch prose writes code's underscores as spaces: "validation split=0.2")
_FIT_SPLIT = lazy_regex(r"\bvalidation[ _]split[ \t]*=[ \t]*$")
_FIT_DATA = lazy_regex(r"\bvalidation[ _]data`?[ \t]*=")
_ARRAY_NAME = lazy_regex(r"\b[xX][ _]train\b")
_SPLIT_WORDS = lazy_regex(r"valid|\bval\b|\btest|held|hold|\bdev\b|split|\btrain", re.I)

# Whether the last partial batch is dropped or kept, from the note as a whole.
_DROPS = lazy_regex(
    rf"drop[_ ](?:last|remainder)`?[ \t]*=[ \t]*`?True|{DROP_FLAG_IS}True\b"
    r"|\b(?:drops?|dropped|dropping|discard\w*"
    r"|skip\w*|throw\w*[ \t]+away)\b[^.\n]{0,40}\b(?:last|final|incomplete"
    r"|partial|remainder|leftover|remaining|tail|rest)\b|\b(?:last|final|incomplete|partial"
    r"|leftover|remaining|tail)\b[^.\n]{0,40}\b(?:dropped|discarded|skipped|ignored|lost)\b"
    # (a floor around a division only: "⌊5 % x 7,820⌋" rounds a warm-up share, no epoch)
    rf"|\bfloor\b|\N{{LEFT FLOOR}}(?=[^\N{{RIGHT FLOOR}}\n]{{0,60}}[/\N{{DIVISION SIGN}}])"
    rf"|{ONLY_FULL_BATCHES}",
    re.I,
)
# An explicit "kept" setting, or a second setting beside the dropping one ("it would be 390").
_KEEPS = lazy_regex(
    rf"drop[_ ](?:last|remainder)`?[ \t]*=[ \t]*`?False|{DROP_FLAG_IS}False\b"
    r"|\b(?:keeps?|keeping|kept)\b(?!"
    r"[ \t]+only[ \t]+(?:the[ \t]+)?(?:full|complete|whole)\b)|\bincluded\b"
    r"|\bretain\w*|\bceil|\N{LEFT CEILING}|\bround(?:ed|s)?[ \t]+up\b|\bwould\b|\botherwise\b"
    r"|\binstead\b|\bwithout\b|\bif\b|\bwhereas\b|\bversus\b|\bvs\b|\bunless\b|\bdefault\b",
    re.I,
)
_LINE = lazy_regex(r"[^\n]*")
_OPERAND = lazy_regex(
    # ("//" is Python's floor division: "steps = 2050 // 100")
    r"[ \t]*(?://|[/*\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}x+\N{MINUS SIGN}-]"
    r"|\bdivided\b|\btimes\b)[ \t]*\(?[ \t]*\d"
)
# A divisor or a factor: "8,000 / 32 = 250" (the 32 is the batch in a steps column, no count)
_OPERAND_BEFORE = lazy_regex(r"\d[ \t]*[/*\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}][ \t]*\Z")
_TABLE_ROW = lazy_regex(r"^[ \t]*\|.*\|[ \t]*$")
# A label may end with the epochs it counts over: "total updates over 10 epochs: 93,800".
_LIST_LABEL = lazy_regex(
    r"^[ \t]*(?:[-*+]|\d+[.)])?[ \t]*[*_`]*(?P<label>[A-Za-z][A-Za-z _/()'.-]{0,40}?"
    r"(?P<over>[ \t]+(?:over|for|in|across)[ \t]+\d{1,4}[ \t]+epochs)?)[*_`]*"
    # an aside between the label and its colon: "Iterations per epoch (per rank, ...): 626"
    r"(?P<aside>[ \t]*\([^()\n\d]{1,120}\))?"
    r"[ \t]*[:=][ \t]*[*_`]*[ \t]*"
    # the label may name the result of a calculation: "steps per rank: 30,000 / 25 = 1,200"
    r"(?:(?:\(?[\d,.]+\)?[ \t]*(?:[/*\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}x\N{MIDDLE DOT}"
    r"\N{MINUS SIGN}+-]|//)[ \t]*\(?)+[\d,.]+\)?[ \t]*"
    r"(?:=|\N{ALMOST EQUAL TO}|->|\N{RIGHTWARDS ARROW})[ \t]*)?$",
    re.M,
)


def _label_words(label: re.Match[str]) -> str:
    """A list label with its aside, if any ("Schedule length (total steps)")."""
    return label.group("label") + (label.group("aside") or "")


_INLINE_LABEL = lazy_regex(
    r"(?:^|[#\"'(:;,]|//)[ \t]*[*_`\"']*(?P<label>[A-Za-z][A-Za-z _/()'.-]{0,40}?)"
    r"[*_`\"']*[ \t]*(?:==|[:=])[ \t]*[*_`\"']*[ \t]*\Z"
)
# Code: keyword arguments and calls that state a quantity whatever the sentence around.
_KWARG = lazy_regex(r"\b(?P<name>[A-Za-z_]\w*)[ \t]*=[ \t]*(?P<value>\d[\d_]*(?:\.\d+)?)\b(?!\.\d)")
# A command line's flags: ``--batch-size 32``, ``--nproc_per_node=8``, ``--epochs 3``.
_CLI_FLAG = lazy_regex(
    r"(?<![\w-])--(?P<name>[A-Za-z][\w-]*)(?:=|[ \t]+)(?P<value>\d[\d_]*)\b(?!\.\d)"
)
_KWARG_ROLES = (
    (CLAIM, lazy_regex(r"^steps_per_epoch$")),
    # a scheduler's length: the run's optimizer steps (OneCycleLR, get_*_schedule_with_warmup)
    (TOTAL, lazy_regex(r"^(?:total_steps|num_training_steps)$")),
    (ACCUMULATION, lazy_regex(r"accum", re.I)),
    (BATCH, lazy_regex(r"batch_size$|^bs$|^chunksize$|^chunk_size$|^page_size$", re.I)),
    (EPOCHS, lazy_regex(r"epochs$", re.I)),
    # (DistributedSampler's num_replicas: the processes the data is sharded over)
    (
        DEVICES,
        lazy_regex(
            r"^(?:devices|gpus|num_gpus|n_gpus|world_size|nproc_per_node|num_replicas)$", re.I
        ),
    ),
    (SHARE, lazy_regex(r"^validation_split$|^test_size$|^val_size$", re.I)),
    (SAMPLES, lazy_regex(r"^(?:n_samples|num_samples|n_train|num_train)$", re.I)),
)
_RANDOM_SPLIT = lazy_regex(
    r"\brandom_split\([ \t]*[\w.]+[ \t]*,[ \t]*[\[(]"
    r"(?P<sizes>[ \t]*\d[\d_]*(?:[ \t]*,[ \t]*\d[\d_]*)+)[ \t]*[\])]"
)
_CALLS = (
    (BATCH, lazy_regex(r"\.batch\([ \t]*(?P<value>\d[\d_]*)")),
    # an input array's first dimension: "x_train.shape == (60000, 784)"
    (
        SAMPLES,
        lazy_regex(
            r"\b(?:[xX]|inputs?|features|images|data)(?:_?train)?\.shape[ \t]*(?:==|=|:|->|is)?"
            r"[ \t]*[(\[][ \t]*(?P<value>\d[\d_]*)[ \t]*,"
        ),
    ),
    (
        SAMPLES,
        lazy_regex(
            r"\b(?:randn|rand|zeros|ones|empty|arange|range|normal)\([ \t]*\(?[ \t]*"
            r"(?:size[ \t]*=[ \t]*)?\(?(?P<value>\d[\d_]*)"
        ),
    ),
)


# A line that does not continue the sentence ("**Steps:** …" under "**Epochs:** 10").
_HARD_BREAK = lazy_regex(r"\n(?![ \t]*[a-z(])|\n(?=[^\n]*[:=][ \t]*\d)")
# Where a paragraph or list item ends: the window of a number stops there.
_BLOCK_END = lazy_regex(r"\n[ \t]*(?:\n|[-*+|#>][ \t]|\d+[.)][ \t]|```)")


def _after_text(text: str, end: int) -> str:
    """The words after a number up to its paragraph's end, a soft line break read as a space."""
    after = text[end : min(len(text), end + _WINDOW)]
    stop = _BLOCK_END.search(after) or _HARD_BREAK.search(after)
    return (after[: stop.start()] if stop else after).replace("\n", " ")


_CLOSES_LINE = lazy_regex(r"[ \t]*[)\]]+[ \t,;]*(?:#[^\n]*)?(?:\n|\Z)")


def _after_roles(text: str, end: int) -> tuple[set[str], bool]:
    if _CLOSES_LINE.match(text, end):
        # "(60000, 784)" closing its line: the next line's words are not this number's
        return set(), False
    after = _after_text(text, end)
    for role, pattern in _after_patterns():
        match = pattern.match(after)
        if match is not None:
            full = role == CLAIM and bool(re.search(r"\b(?:full|complete)\b", match[0], re.I))
            if role == CLAIM and re.match(r"[ \t]*(?:chunks|pages|shards)\b", after, re.I):
                return {CLAIM, SAMPLES}, False
            return {role}, full
    return set(), False


# (an operand may carry a scale: "1.28M / 256 ≈ 5,000")
_EXPRESSION_BEFORE = lazy_regex(
    r"(?:[\d,.]+[kKmM]?[ \t]*(?:[/*\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}x\N{MIDDLE DOT}+"
    r"\N{MINUS SIGN}-]|//)[ \t]*)+[\d,.]+[kKmM]?[ \t]*"
    r"(?:=|\N{ALMOST EQUAL TO}|->|\N{RIGHTWARDS ARROW})[ \t]*$"
)
_LAST_BATCH_BEFORE = lazy_regex(
    r"\b(?:last|final|partial|smaller|incomplete|leftover|remaining|tail|short|trailing)\b"
    # ("the last quarter of the 40,000 images" takes a share of the whole)
    r"(?![ \t]+(?:quarter|half|third|fifth|tenth|share|part|portion|fraction)\b)"
    r"[^\d\n]{0,24}$",
    re.I,
)


def _before_text(text: str, start: int) -> str:
    """The words before a number back to its paragraph's start, line breaks as spaces."""
    before = text[max(0, start - _WINDOW) : start]
    stops = list(_BLOCK_END.finditer(before))
    return (before[stops[-1].end() :] if stops else before).replace("\n", " ")


# "15 full batches (960 samples) and one batch of 40": the batch added to the full ones
_ADDED_BATCH_BEFORE = lazy_regex(
    r"\b(?:full|complete|whole)[ \t]+(?:mini-?)?batches\b[^.;\n]{0,60}\b(?:and|plus)[ \t]+"
    r"(?:one|a|an|1)[ \t]+(?:more[ \t]+)?(?:mini-?)?batch[ \t]+(?:of|with|holding|having)[ \t]*$",
    re.I,
)


# A count said to be left out of an epoch: "80 images are skipped each epoch", "40 dropped"
_LEFT_OUT_AFTER = lazy_regex(
    r"[ \t]+(?:[a-z-]+[ \t]+)?(?:(?:are|is|get|gets)[ \t]+)?(?:skipped|dropped|discarded"
    r"|left[ \t]+out|unused|never[ \t]+seen)\b",
    re.I,
)


def _last_batch(text: str, start: int) -> bool:
    before = _before_text(text, start)
    return (
        _LAST_BATCH_BEFORE.search(before) is not None
        or _ADDED_BATCH_BEFORE.search(before) is not None
    )


# A data set the note's code builds or hands to a loader: "patches = PatchDataset(…)",
# "DataLoader(patches, batch_size=8)" (underscores may stand as spaces in this pass)
_BUILT_DATASET = lazy_regex(
    r"\b(?P<built>\w+)[ \t]*=[ \t]*\w*Dataset\("
    r"|\b(?:Data[ _]?Loader|DataLoader)\([ \t]*(?P<loaded>\w+)[ \t]*[,)]"
)
_LEN_BEFORE = lazy_regex(
    r"\blen\([ \t]*(?P<name>\w+)[ \t]*\)[ \t]*(?:#|=|==|->|\N{RIGHTWARDS ARROW}|:|is|returns)?"
    r"[ \t]*$"
)


@lru_cache(maxsize=64)
def _dataset_names(text: str) -> frozenset[str]:
    return frozenset(match["built"] or match["loaded"] for match in _BUILT_DATASET.finditer(text))


def _before_roles(text: str, start: int) -> set[str]:
    line_start = text.rfind("\n", 0, start) + 1
    before = _before_text(text, start)
    length = _LEN_BEFORE.search(before)
    if length is not None and length["name"] in _dataset_names(text):
        return {SAMPLES}  # "len(patches) == 6400": the size of the data set a loader reads
    # "the global batch is 4 x 64 = 256": the label names the result, not the operands (the
    # label then reaches back past the calculation, by the calculation's length)
    expression = _EXPRESSION_BEFORE.search(text, line_start, start)
    if expression is not None:
        before = _before_text(text, expression.start()) + " "
    before = _EXPRESSION_BEFORE.sub("", before)
    roles = {role for role, pattern in _BEFORE_PATTERNS if pattern.search(before)}
    label = _LIST_LABEL.match(text, line_start, start)
    if label is not None and label.group("over") is not None:
        # its epochs are the label's, no role of their own; a count over them is a total
        roles = _label_roles(_label_words(label))
        return roles | {TOTAL} if CLAIM in roles else roles
    if label is None and not roles:
        # a label after a comment sign, a quote or a colon: '# log: "Total steps = 2,250"'
        inline = _INLINE_LABEL.search(text, line_start, start)
        # (a code name as the label: "`global_step` = 2,500" reads as "global step")
        label_words = _after_aside(inline.group("label")).replace("_", " ") if inline else ""
        roles = _label_roles(label_words) if inline is not None else set()
    if label is not None:
        # the whole label names the number ("optimizer updates in total: 50,000"), not a
        # word of it read alone ("total")
        roles = _label_roles(_label_words(label)) or roles
    return roles


# A label of a batch size, a phase of a schedule (warm-up, decay, annealing, cool-down), a
# logging interval ("eval every"), not of an epoch's steps
_NOT_A_COUNT_LABEL = lazy_regex(
    r"batch(?:es)?[ _-]*size|\bwarm|\bdecay|\banneal|\bcool[ _-]?down|\bt_max\b"
    r"|\bevery(?:[ \t]+(?:\d[\d,]*|n|k))?[ \t]*$|\blog"
)


def _label_roles(label: str) -> set[str]:
    """The role a label, a list key or a table header names ("Steps per epoch", "images")."""
    low = label.lower()
    per_update = re.search(r"\bper[ _-]+(?:optimi[sz]er[ _-]+|weight[ _-]+)?(?:update|step)\b", low)
    if re.search(r"accum", low) or (per_update and re.search(r"batch|step", low)):
        return {ACCUMULATION}  # "micro-batches per update" is the accumulation factor
    if per_update:
        return {BATCH, GLOBAL}  # "samples per update" is the effective batch
    if re.search(
        r"\b(?:steps?|iterations?|iters|updates|batches|chunks|passes)\b|len\(", low
    ) and not _NOT_A_COUNT_LABEL.search(low):
        total = {TOTAL} if re.search(r"\btotal\b", low) else set()
        return {CLAIM} | total | _label_kind(low)
    if re.search(r"batch|chunk[ _]?size|\bbs\b", low):
        if re.search(r"global|effective|total|overall|combined", low):
            return {BATCH, GLOBAL}
        if re.search(r"per[ _-]*(?:gpu|device|replica|worker|process|rank|host)|local", low):
            return {BATCH, PER_DEVICE}
        return {BATCH}
    # ("n_hosts": the hosts of a multi-host run, each feeding its own batch)
    if re.search(r"\b(?:gpus?|devices?|replicas?|world|hosts)\b", low):
        return {DEVICES}
    if re.search(r"\bepochs?\b", low) and not re.search(r"(?:per|/)[ \t]*epoch", low):
        return {EPOCHS}
    if re.search(r"%|split|share|fraction", low):
        return {SHARE}
    nouns = words([*data()["samples"], *SAMPLE_NOUNS])
    if re.search(rf"\b(?:{nouns}|data[ _]?set|size|n)\b", low, re.I):
        # "frames held out (test)", "images set aside": the part the run does not train on
        if re.search(r"\bheld[ -]out\b|\bset[ \t]+aside\b|\breserved\b|\bwithheld\b", low):
            return {PART}
        return {SAMPLES}
    return set()


def _row_header(text: str, line_start: int) -> list[str] | None:
    """The header cells of the table whose row starts at ``line_start`` (the first line of
    the run of table lines above it), or None where that line is no table row or is the
    header itself."""
    line = _LINE.match(text, line_start)
    if line is None or not _TABLE_ROW.match(line.group(0)):
        return None
    header_start = line_start
    while header_start > 0:
        previous = text.rfind("\n", 0, header_start - 1) + 1
        if not _TABLE_ROW.match(text[previous : header_start - 1]):
            break
        header_start = previous
    if header_start == line_start:
        return None
    return text[header_start:].split("\n", 1)[0].strip().strip("|").split("|")


def _table_roles(text: str, start: int) -> set[str]:
    """A table cell's number takes the role its column header names."""
    line_start = text.rfind("\n", 0, start) + 1
    header = _row_header(text, line_start)
    column = text.count("|", line_start, start) - 1
    if header is None or not 0 <= column < len(header):
        return set()
    roles = _label_roles(header[column])
    # "| steps/epoch | total (x 40) |": a bare total right after a count of steps is their
    # total over the run ("| per-GPU batch | total |" totals the batch)
    if (
        not roles
        and column > 0
        and _TOTAL_COLUMN.match(header[column])
        and CLAIM in _label_roles(header[column - 1])
    ):
        return {CLAIM, TOTAL}
    return roles


# A column headed by a total and nothing it counts: "total", "total (x 40)", "overall"
_TOTAL_COLUMN = lazy_regex(
    r"^[ \t*_`]*(?:total|overall|in[ \t]+total)\b[^A-Za-z]*(?:epochs?\b[^A-Za-z]*)?$", re.I
)


_ORDINAL = lazy_regex(r"[ \t]*(?P<number>\d+)[.)][ \t]")


def _is_ordinal(text: str, start: int) -> bool:
    match = _ORDINAL.match(text, text.rfind("\n", 0, start) + 1)
    return match is not None and match.start("number") == start


_IN_NAME = lazy_regex(r"[A-Za-z]-")


# A count of the whole run: "1,000 steps in total", "a total of 1,000 steps".
_RUN_TOTAL_AFTER = lazy_regex(
    r"[^.;:\n\d]{0,40}?\b(?:in[ \t]+total|over[ \t]+the[ \t]+(?:whole|entire|full)[ \t]+"
    r"(?:run|training)|across[ \t]+all[ \t]+(?:the[ \t]+)?epochs"
    # "100 updates in 100 epochs", "2,000 steps over 5 epochs"
    rf"|(?:in|over|across|during|for)[ \t]+(?:the[ \t]+|all[ \t]+)?{NUMBER_PATTERN}[ \t]+epochs)\b",
    re.I,
)
_RUN_TOTAL_BEFORE = lazy_regex(r"\b(?:a[ \t]+)?total[ \t]+of[ \t]*$", re.I)


# "Three epochs over 12,800 images at batch 128 come to 300 iterations": the epochs are the
# subject whose count the sentence gives, so the count is the run's, not one epoch's.
_EPOCHS_SUBJECT = lazy_regex(
    rf"(?:^|[.;:!?][ \t]+|\n)[^.;:!?\n]*?\b{NUMBER_PATTERN}[ \t]+(?:full[ \t]+|training[ \t]+)?"
    r"epochs\b(?P<between>(?:[^.,;:!?\n]|[.,](?=\d))*?)"
    r"[ \t]+(?:gives?|takes?|comes?[ \t]+to|amounts?[ \t]+to"
    r"|adds?[ \t]+up[ \t]+to|makes?|means?|need|needs|requires?|yields?|lasts?|is|are|=|totals?)"
    r"[ \t]+(?:about[ \t]+|exactly[ \t]+|just[ \t]+|only[ \t]+)?\Z",
    re.I | re.M,
)
_ONE_EPOCH_WORDS = lazy_regex(
    r"\b(?:each|per|every|an[ \t]+epoch|one[ \t]+epoch|a[ \t]+single)\b", re.I
)


_EACH_AFTER = lazy_regex(r"[ \t]*(?:[\w-]+[ \t]+){0,2}?(?:each|apiece)\b", re.I)


def _epochs_subject(text: str, start: int, end: int) -> bool:
    line_start = max(text.rfind("\n", 0, start) + 1, start - 200)
    match = _EPOCHS_SUBJECT.search(text, line_start, start)
    if match is None or _ONE_EPOCH_WORDS.search(match["between"]):
        return False
    # "10 epochs … take 500 steps each" counts one epoch after all
    return _EACH_AFTER.match(text, end) is None and _PER_EPOCH_AFTER.match(text, end) is None


def _prose_numbers(document: LintDocument, text: str) -> Iterator[Stated]:
    for number in find_numbers(text, document.body_offset, len(text)):
        if number.value <= 0 or _is_ordinal(text, number.start):
            continue  # "2. batch of 64": the number of a list item
        if _IN_NAME.fullmatch(text, number.start - 2, number.start):
            continue  # "ImageNet-1k", "CIFAR-10", "ResNet-50": part of a name
        if (
            text[number.end : number.end + 1] in "x*\N{MULTIPLICATION SIGN}"
            and text[number.end + 1 : number.end + 2].isdigit()
        ):
            continue  # a shape "28x28"
        after, full = _after_roles(text, number.end)
        if PART in after and _WHOLE_OF.search(text, max(0, number.start - 24), number.start):
            after = {SAMPLES}  # "20% of the 10,000 images are held out": the whole set
        before = set() if _OPERAND.match(text, number.end) else _before_roles(text, number.start)
        if after and CLAIM not in after:
            before.discard(CLAIM)  # "steps per epoch = 90,000 images / …" names the images
        if SAMPLES in after:
            before.discard(EPOCHS)  # "10 epochs of 45,000 samples" counts samples
        # Both sides may name a role ("batches of 1,000 sentences"): the pool keeps both.
        roles = (after | before) or _table_roles(text, number.start)
        if _last_batch(text, number.start) or _LEFT_OUT_AFTER.match(text, number.end):
            roles -= {BATCH, SAMPLES}  # "the last batch of 80 images" is N mod B
        if SHARE in roles:
            percent = re.match(r"[ \t]*(?:%|per[ \t]?cent)", text[number.end : number.end + 9])
            value = number.value / 100 if percent else number.value
            if (
                0 < value < 1
                and _near(text, number.start, _SPLIT_WORDS)
                and not _schedule_share(text, number.start, number.end)
                and not _time_share(text, number.start, number.end)
            ):
                yield Stated(number.start, number.end, value, number.text, frozenset({SHARE}))
                continue
            roles.discard(SHARE)  # "a validation split of 20,000 images" is no share
        if BATCH in roles:
            roles |= _batch_kind(text, number.start, number.end)
        if CLAIM in roles:
            roles |= _claim_kind(text, number.start, number.end)
            if (
                _RUN_TOTAL_AFTER.match(text, number.end)
                or _RUN_TOTAL_BEFORE.search(text, max(0, number.start - 24), number.start)
                or _epochs_subject(text, number.start, number.end)
            ):
                roles.add(RUN_TOTAL)
        if UPDATE_RHYTHM_BEFORE.search(
            _before_text(text, number.start)
        ) and UPDATE_RHYTHM_AFTER.match(text, number.end):
            roles = {ACCUMULATION}  # "`optimizer.step()` once every 4 batches"
        if ACCUMULATION in roles:
            roles.discard(CLAIM)  # "accumulating 2 steps" counts no epoch
        if MEASURE_AFTER.match(text, number.end):
            roles.discard(CLAIM)  # "Steps/epoch: 10 yr of hourly data" measures the data
        if CLAIM in roles and (
            number.text[:1].isalpha()
            or _OPERAND.match(text, number.end)
            or _OPERAND_BEFORE.search(text, max(0, number.start - 4), number.start)
        ):
            # "one step" is a phrase, and "4,096 / 8 = 512" states its result after the "="
            roles = roles - {CLAIM}
        if roles:
            yield Stated(
                number.start, number.end, number.value, number.text, frozenset(roles), full
            )


# "… of the", "… of all": the number after it is the whole a part is taken from
_WHOLE_OF = lazy_regex(r"\bof[ \t]+(?:the[ \t]+|all[ \t]+|its[ \t]+|our[ \t]+|their[ \t]+)?$", re.I)
_DEVICE = r"(?:gpu|device|replica|worker|core|tpu|card|rank|accelerator|process)"
# "a per-GPU batch of 64"; "4 GPUs, each with a batch of 64"; "each GPU takes a batch of 64"
_PER_DEVICE_BEFORE = lazy_regex(
    rf"(?:(?:\bper[ -]{_DEVICE}|\blocal)[ \t_-]*"
    rf"|\b{_DEVICE}s?\b[ \t]*,?[ \t]*(?:and[ \t]+)?each[ \t]+\w+[ \t]+(?:a|its[ \t]+own)[ \t]+"
    rf"|\beach[ \t]+{_DEVICE}[ \t]+\w+[ \t]+(?:a|its[ \t]+own)[ \t]+)"
    r"(?:(?:train(?:ing)?|mini-?|micro-?)[ \t_-]*)?batch\w*(?:[ \t_-]*size)?[^\d\n]{0,12}$",
    re.I,
)
# "64 per GPU", "32 on each device", "64 images on each of the 4 GPUs"
_PER_DEVICE_AFTER = lazy_regex(
    rf"^[^\d\n]{{0,30}}?\b(?:(?:per|on[ \t]+each|each|for[ \t]+each|a)[ \t]+{_DEVICE}\b"
    r"|(?:on|to|for|at)[ \t]+each[ \t]+of[ \t]+(?:the|its|our|their)[ \t]+(?:\d+[ \t]+)?"
    rf"{_DEVICE}s\b)",
    re.I,
)
_GLOBAL_BEFORE = lazy_regex(
    r"\b(?:global|effective|total|overall|combined)[ \t_-]+(?:mini-?)?batch\w*(?:[ \t_-]*size)?"
    r"[^\d\n]{0,12}$",
    re.I,
)
PER_DEVICE, GLOBAL = "per-device", "global"
OPTIMIZER, LOADER = "optimizer-count", "loader-count"
# The noun right after a count: optimizer updates, or the loader's (micro-)batches.
_OPTIMIZER_NOUN = lazy_regex(
    r"^[ \t*_)]*(?:(?:optimi[sz]er|weight|parameter|gradient|sgd)[ \t-]+(?:steps?|updates?)"
    r"|updates?\b)",
    re.I,
)
_LOADER_NOUN = lazy_regex(
    r"^[ \t*_)]*(?:(?:loader|data[ -]?loader|forward[-/ ]backward|forward)[ \t-]+)?"
    r"(?:micro-?batches|batches|passes)\b",
    re.I,
)
# The same in a label before the count ("optimizer updates per epoch: 750"); Lightning's
# ``trainer.global_step`` and Hugging Face's ``state.global_step`` count optimizer steps too
_OPTIMIZER_LABEL = lazy_regex(r"optimi[sz](?:er|ation)|weight|update|\bglobal[ _]step\b", re.I)
_LOADER_LABEL = lazy_regex(r"loader|forward|micro|passes|\bbatches\b", re.I)


def _batch_kind(text: str, start: int, end: int) -> set[str]:
    """Whether a batch size is per device ("a per-GPU batch of 64", "32 per device") or the
    global one ("global batch 128", "effective batch of 256")."""
    line_start = text.rfind("\n", 0, start) + 1
    before = _EXPRESSION_BEFORE.sub("", text[max(line_start, start - _WINDOW) : start])
    if _GLOBAL_BEFORE.search(before):
        return {GLOBAL}
    if _PER_DEVICE_BEFORE.search(before) or _PER_DEVICE_AFTER.match(_after_text(text, end)):
        return {PER_DEVICE}
    return set()


def _claim_kind(text: str, start: int, end: int) -> set[str]:
    """Whether a count is of optimizer updates or of the loader's (micro-)batches, from the
    noun after it on its line, else from a label before it on its line."""
    after = text[end : text.find("\n", end) if "\n" in text[end:] else len(text)]
    if _OPTIMIZER_NOUN.match(after):
        return {OPTIMIZER}
    if _LOADER_NOUN.match(after):
        return {LOADER}
    line_start = text.rfind("\n", 0, start) + 1
    listed = _LIST_LABEL.match(text, line_start, start)
    if listed is not None:
        return _label_kind(_label_words(listed))
    label = _INLINE_LABEL.search(text, line_start, start)
    return _label_kind(_after_aside(label["label"])) if label else set()


def _after_aside(label: str) -> str:
    """An inline label without an aside it runs past: "(batch size) and E =" is labelled "and
    E", not "batch size" (the aside names the number before it)."""
    closing = label.rfind(")")
    return label[closing + 1 :] if closing > label.rfind("(") else label


def _label_kind(label: str) -> set[str]:
    if _OPTIMIZER_LABEL.search(label):
        return {OPTIMIZER}
    return {LOADER} if _LOADER_LABEL.search(label) else set()


# A phase of a learning-rate schedule: a share of it is a share of the steps, not of the data.
_SCHEDULE_PHASE = lazy_regex(r"\bwarm[ -]?ups?\b|\bdecay|\bcool[ -]?down|\banneal", re.I)
_SHARE_CLAUSE_BEFORE = lazy_regex(r"[^.;:!?\n]{0,40}\Z")
_SHARE_CLAUSE_AFTER = lazy_regex(r"[^.;:!?\n,]{0,24}")


def _schedule_share(text: str, start: int, end: int) -> bool:
    """Whether a share belongs to a schedule's phase: "linear warm-up over 10% of training"
    and "warm-up 6%" take a part of the steps, and hold no data out."""
    before = _SHARE_CLAUSE_BEFORE.search(text, max(0, start - 40), start)
    after = _SHARE_CLAUSE_AFTER.match(text, end)
    clause = (before.group() if before else "") + (after.group() if after else "")
    return _SCHEDULE_PHASE.search(clause) is not None


# A duration: "~5 min", "275 s", "110 ms/iter", "wall-clock"
_DURATION = lazy_regex(
    r"\d[ \t]*(?:ms|s|sec|secs|seconds?|min|mins|minutes?|h|hrs?|hours?)\b|\bwall[ -]?clock\b",
    re.I,
)


@cache
def _data_noun() -> re.Pattern[str]:
    return lazy_regex(words([*data()["samples"], *SAMPLE_NOUNS]), re.I)


_OF_THAT = lazy_regex(r"[ \t]*%?[ \t]*of[ \t]+(?:that|this|it)\b", re.I)


def _time_share(text: str, start: int, end: int) -> bool:
    """Whether a share is one of a duration: "+ val pass (~10% of that) → ~5 min", "add ~15%
    of that" below a line that works out the epoch's time, where the share's line names no
    data, holds nothing out."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if _data_noun().search(line) is not None:
        return False
    if _DURATION.search(line) is not None:
        return True
    previous = text[: max(0, line_start - 1)].rstrip("\n ").rsplit("\n", 1)[-1]
    return _OF_THAT.match(text, end) is not None and _DURATION.search(previous) is not None


def _near(text: str, start: int, pattern: re.Pattern[str]) -> bool:
    return pattern.search(text, max(0, start - _WINDOW), start + _WINDOW) is not None


def _code_numbers(document: LintDocument) -> Iterator[Stated]:
    """Keyword arguments and calls of code blocks (``batch_size=128``, ``.batch(64)``)."""
    text = document.text
    repeated = ".repeat(" in text
    for block in document.code_blocks:
        start = document.offset_of_line(block.first_line)
        end = start + len(block.code) + block.indent * block.code.count("\n")
        keywords = [*_KWARG.finditer(text, start, min(end, len(text)))]
        keywords += _CLI_FLAG.finditer(text, start, min(end, len(text)))
        for match in keywords:
            name = match.group("name").replace("-", "_")
            raw = match.group("value").replace("_", "")
            for role, pattern in _KWARG_ROLES:
                if pattern.search(name) and not (role == CLAIM and repeated):
                    value = Fraction(raw)
                    if role == SHARE and not 0 < value < 1:
                        break
                    roles = {CLAIM, TOTAL} if role == TOTAL else {role}
                    if role == BATCH:  # per_device_train_batch_size=16, local_batch_size=8
                        roles |= _label_roles(name.replace("_", " ")) & {PER_DEVICE, GLOBAL}
                    yield Stated(
                        match.start("value"), match.end("value"), value, raw, frozenset(roles)
                    )
                    break
        for match in _RANDOM_SPLIT.finditer(text, start, min(end, len(text))):
            # random_split(data, [45_000, 5_000]): the first part is trained on, the rest
            # held out (PyTorch's convention for a train/validation split)
            for index, part in enumerate(re.finditer(r"\d[\d_]*", match["sizes"])):
                raw = part[0].replace("_", "")
                at = match.start("sizes") + part.start()
                role = SAMPLES if index == 0 else PART
                yield Stated(at, at + len(part[0]), Fraction(raw), raw, frozenset({role}))
        yield from _call_numbers(text, start, min(end, len(text)))
    # the same calls in inline code of the prose: "`Dataset.range(1000).batch(32)` yields …"
    blocks = [
        (document.offset_of_line(b.first_line), document.offset_of_line(b.first_line) + len(b.code))
        for b in document.code_blocks
    ]
    for span in _INLINE_CODE.finditer(text, document.body_offset):
        if not any(low <= span.start() < high for low, high in blocks):
            yield from _call_numbers(text, span.start(), span.end())


_INLINE_CODE = lazy_regex(r"(?<!`)`[^`\n]+`(?!`)")


def _call_numbers(text: str, start: int, end: int) -> Iterator[Stated]:
    """The data set of ``range(1000)`` and the batch of ``.batch(32)`` in ``text[start:end]``."""
    for role, call in _CALLS:
        for match in call.finditer(text, start, end):
            raw = match.group("value").replace("_", "")
            yield Stated(
                match.start("value"), match.end("value"), Fraction(raw), raw, frozenset({role})
            )


_ASKS_COUNT = lazy_regex(
    r"\bhow[ \t]+many\b[^?\n]*\b(?:iterations?|steps?|updates?|batches|mini-?batches|chunks)\b",
    re.I,
)
_BARE_ANSWER = lazy_regex(
    r"[ \t*_`]*(?P<number>\d[\d,]*\d|\d)(?![\d,]\d)[ \t*_`]*"
    r"(?![ \t]*[/*x+=\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}\N{MINUS SIGN}-])"
    r"(?:[.;:,(]|$|[ \t]+[(\N{EM DASH}-])",
    re.M,
)


def _answer_claim(document: LintDocument, text: str) -> Stated | None:
    """The bare number that opens the answer to "How many steps …?" ("5,000.", "**781**")."""
    question = document.question
    if question is None or not _ASKS_COUNT.search(text, *question):
        return None
    body = text[question[1] :]
    first = len(body) - len(body.lstrip())
    match = _BARE_ANSWER.match(text, question[1] + first)
    if match is None:
        return None
    number = next(find_numbers(text, match.start("number"), match.end("number")), None)
    if number is None or number.end != match.end("number"):
        return None
    return Stated(number.start, number.end, number.value, number.text, frozenset({CLAIM}))


_COMMENT_NUMBER = lazy_regex(
    r"^(?P<code>[^#\n]*?)[ \t]*#[ \t]*(?:->|→|=|==)?[ \t]*(?P<value>\d[\d,_]*)\b"
    r"(?![.,]\d|[ \t]*[/*x+\N{MULTIPLICATION SIGN}-])"
)
# A comment that ends with the line's result after an arrow: "# batch_size = 64 -> 938"
_COMMENT_RESULT = lazy_regex(
    r"^(?P<code>[^#\n]*?)[ \t]*#[^\n]*?(?:->|\N{RIGHTWARDS ARROW}|=>)[ \t]*"
    r"(?P<value>\d[\d,_]*)(?![.,]?\d)[ \t]*(?:steps|batches|iterations|updates)?[ \t.]*$"
)
# An interactive session: the line after ">>> len(loader)" (or "In [3]: len(loader)") that
# holds only a number is what the call returned, like a comment on the call's line.
_PROMPT = lazy_regex(r"^[ \t]*(?:>>>|In[ \t]*\[\d+\]:)[ \t]*(?P<code>\S[^#\n]*?)[ \t]*$")
_ECHOED = lazy_regex(r"^[ \t]*(?:Out[ \t]*\[\d+\]:[ \t]*)?(?P<value>\d[\d,_]*)[ \t]*$")
_ASSIGNED = lazy_regex(
    r"^[ \t]*(?P<names>[\w.]+(?:[ \t]*,[ \t]*[\w.]+)*)[ \t]*=(?!=)[ \t]*(?P<values>[^#\n]*)"
)


# A print call alone on its line, no comment: a comment line after it shows the output.
_PRINT_LINE = lazy_regex(r"^[ \t]*print\([^#\n]*\)[ \t]*$")
# A print of several values and a comment with one number per value:
# "print(len(loader), sched.total_steps)  # 391 11730"
_PRINTED_VALUES = lazy_regex(
    r"^[ \t]*print\((?P<args>[^#\n]*)\)[ \t]*#[ \t]*(?:->|=>|\N{RIGHTWARDS ARROW}|prints?:?)?[ \t]*"
    r"(?P<values>\d[\d,_]*(?:[ \t]+\d[\d,_]*)+)[ \t]*$"
)


def _printed_values(line: str, start: int) -> list[Stated] | None:
    """Each number of a several-value print's comment, with the roles of its own argument;
    None when the line is no such print or the counts differ."""
    match = _PRINTED_VALUES.match(line)
    if match is None:
        return None
    args = [arg.strip() for arg in re.split(r",(?![^()]*\))", match["args"])]
    values = list(re.finditer(r"\d[\d,_]*", match["values"]))
    if len(args) != len(values):
        return None
    found = []
    for arg, value in zip(args, values, strict=True):
        roles = _api_roles(arg) or _label_roles(arg.replace("_", " ").replace(".", " "))
        raw = value[0].replace("_", "").replace(",", "")
        at = start + match.start("values") + value.start()
        if roles:
            found.append(Stated(at, at + len(value[0]), Fraction(raw), value[0], frozenset(roles)))
    return found


# A finished epoch's progress bar: Keras' "187/187 [=====…]", tqdm's "100%|████| 391/391".
# Keras 3 draws its bar with box-drawing characters: "1875/1875 ━━━━━━━━ 6s 3ms/step".
_PROGRESS_BAR = lazy_regex(
    # (also pasted into a code comment: "# 421/421 ━━━━━━━━ 4s 8ms/step")
    r"^[ \t]*(?:#[ \t]*)?(?P<value>\d[\d,]*)/(?P=value)[ \t]+(?:\[[=>.]{3,}\]|[\u2500-\u259f]{3,})"
    r"|\b100%[ \t]*\|[^|\n]*\|[ \t]*(?P<tqdm>\d[\d,]*)/(?P=tqdm)\b"
    # Keras' verbose=2 line, no bar: "469/469 - 3s - loss: 0.31"
    r"|^[ \t]*(?P<line>\d[\d,]*)/(?P=line)[ \t]+-[ \t]+\d+(?:\.\d+)?m?s\b"
)
# Old Keras counted samples in its bar: a bar of the data set's size is no count of steps.
PROGRESS = "progress bar"


# A progress bar's count quoted in prose: "each epoch shows `1406/1406`", in a note that names
# the bar (the same number twice, in code, so no fraction or date is read as one).
_QUOTED_BAR = lazy_regex(
    r"`[ \t]*(?P<value>\d[\d,]*)[ \t]*/[ \t]*(?P=value)[ \t]*`"
    # (or written bare where its clause names the bar: "the progress bar shows 26/26")
    r"|\bprogress[ \t-]*bars?\b[^.;:\n\d]{0,40}?(?<![\w/.,])(?P<bare>\d[\d,]*)/(?P=bare)(?![\w/])"
)
_NAMES_BAR = lazy_regex(r"\bprogress[ \t-]*bar|\bverbose\b", re.IGNORECASE)


def _quoted_progress_bars(document: LintDocument) -> Iterator[Stated]:
    text = document.text
    if not _NAMES_BAR.search(text, document.body_offset):
        return
    for match in _QUOTED_BAR.finditer(text, document.body_offset):
        group = "value" if match["value"] else "bare"
        raw = match[group]
        yield Stated(
            match.start(group),
            match.end(group),
            Fraction(raw.replace(",", "")),
            raw,
            frozenset({CLAIM, LOADER, PROGRESS}),
        )


def _progress_bar(line: str, start: int) -> Stated | None:
    match = _PROGRESS_BAR.search(line)
    if match is None:
        return None
    group = next(name for name in ("value", "tqdm", "line") if match[name])
    raw = match[group]
    return Stated(
        start + match.start(group),
        start + match.end(group),
        Fraction(raw.replace(",", "")),
        raw,
        frozenset({CLAIM, LOADER, PROGRESS}),
    )


# What the frameworks' own counters count, whatever the code around them is named:
# Lightning's estimated_stepping_batches is the run's optimizer steps (accumulation, devices
# and max_epochs included); tf.data's cardinality() of a batched data set and len() of a
# loader are one epoch's batches; a OneCycleLR's total_steps is the run's (epochs times
# steps_per_epoch, measured: scripts/epoch_facts.py), Keras's History.params["steps"] an
# epoch's batches.
_API_COUNTS = (
    (lazy_regex(r"\.estimated_stepping_batches\b"), frozenset({CLAIM, TOTAL, OPTIMIZER})),
    (lazy_regex(r"\bscheduler\.total_steps\b"), frozenset({CLAIM, TOTAL})),
    (lazy_regex(r"\.params\[[\"']steps[\"']\](?![ \t]*[*/+-])"), frozenset({CLAIM, LOADER})),
    (lazy_regex(r"\.cardinality\(\)|\bnum_batches\b"), frozenset({CLAIM, LOADER})),
)


def _api_roles(code: str) -> set[str]:
    """The roles of a number printed from a framework's counter (``_API_COUNTS``)."""
    for pattern, roles in _API_COUNTS:
        if pattern.search(code):
            return set(roles)
    return set()


_EPOCHS_FACTOR = lazy_regex(
    r"[ \t]*(?:len\([\w.]+\)[ \t]*\*[ \t]*(?P<epochs>\d[\d_]*)"
    r"|(?P<before>\d[\d_]*)[ \t]*\*[ \t]*len\([\w.]+\))[ \t]*(?:#|$)"
)


def _code_line_numbers(document: LintDocument) -> Iterator[Stated]:
    """Per code line: a number in a comment takes the role of what the line computes
    (``steps_per_epoch = n // b  # 225``, ``print(len(loader))  # 391``), and a tuple
    assignment names each of its values (``n_examples, batch_size = 10_000, 40``)."""
    text = document.text
    for block in document.code_blocks:
        lines = block.code.split("\n")
        for index, line in enumerate(lines):
            start = document.offset_of_line(block.first_line + index) + block.indent
            if text[start : start + len(line)] != line:
                continue
            bar = _progress_bar(line, start)
            if bar is not None:
                yield bar
                continue
            printed = _printed_values(line, start)
            if printed is not None:
                yield from printed
                continue
            comment = _COMMENT_NUMBER.match(line) or _COMMENT_RESULT.match(line)
            prompt = _PROMPT.match(lines[index - 1]) if index else None
            echoed = _ECHOED.match(line) if prompt is not None else None
            if prompt is not None and echoed is not None and "len(" in prompt["code"]:
                roles = _label_roles(prompt["code"].replace("_", " "))
                if roles:
                    value = echoed["value"]
                    yield Stated(
                        start + echoed.start("value"),
                        start + echoed.end("value"),
                        Fraction(value.replace("_", "").replace(",", "")),
                        value,
                        frozenset(roles),
                    )
                continue
            if comment is not None:
                code = comment["code"]
                if not code.strip() and index and _PRINT_LINE.match(lines[index - 1]):
                    code = lines[index - 1]  # "print(len(loader))⏎# 313": the printed output
                assigned = _ASSIGNED.match(code)
                label = assigned["names"] if assigned else code
                roles = _api_roles(code) or (
                    _label_roles(label.replace("_", " ")) if "len(" in label or assigned else set()
                )
                if _DATA_LENGTH.search(code):
                    roles = set()  # the printed size of a data set counts no steps
                raw = comment["value"].replace("_", "").replace(",", "")
                if roles:
                    at = start + comment.start("value")
                    yield Stated(
                        at,
                        start + comment.end("value"),
                        Fraction(raw),
                        comment["value"],
                        frozenset(roles),
                    )
            assigned = _ASSIGNED.match(line)
            epochs = _EPOCHS_FACTOR.match(assigned["values"]) if assigned else None
            if assigned is not None and epochs is not None:
                # "total_steps = len(loader) * 10": one epoch's batches times the epochs
                group = "epochs" if epochs["epochs"] else "before"
                at = start + assigned.start("values") + epochs.start(group)
                raw = epochs[group].replace("_", "")
                yield Stated(at, at + len(epochs[group]), Fraction(raw), raw, frozenset({EPOCHS}))
            if assigned is None or "," not in assigned["names"]:
                continue
            names = [name.strip() for name in assigned["names"].split(",")]
            values = list(re.finditer(r"\d[\d_]*", assigned["values"]))
            if len(names) != len(values):
                continue
            for name, value in zip(names, values, strict=True):
                roles = _label_roles(name.replace("_", " "))
                raw = value[0].replace("_", "")
                at = start + assigned.start("values") + value.start()
                if roles and roles != {CLAIM}:
                    yield Stated(at, at + len(value[0]), Fraction(raw), raw, frozenset(roles))


# The lone line between a code block and the block of its output: "Output:", "It prints:"
_OUTPUT_LABEL = lazy_regex(
    r"[ \t]*(?:\w+[ \t]+){0,2}(?:output|prints?|printed)\b[^\n]{0,20}:?[ \t]*", re.I
)
_LONE_NUMBER = lazy_regex(r"\s*(?P<value>\d[\d,_]*)\s*")


def _output_blocks(document: LintDocument) -> Iterator[Stated]:
    """A block that holds one number and follows a block ending in a ``print(...)`` (only
    blank lines or an "Output:" line between them) shows what it printed: the number takes
    the role of the printed expression, as a comment after the print would."""
    text = document.text
    blocks = document.code_blocks
    for code, output in itertools.pairwise(blocks):
        lone = _LONE_NUMBER.fullmatch(output.code)
        lines = [line for line in code.code.split("\n") if line.strip()]
        if lone is None or not lines or not _PRINT_LINE.match(lines[-1]):
            continue
        code_end = document.offset_of_line(code.first_line + code.code.count("\n") + 1)
        output_start = document.offset_of_line(output.first_line)
        # the closing fence, the lines between, the opening fence and an empty last piece
        between = [
            line.strip() for line in text[code_end:output_start].split("\n")[1:-2] if line.strip()
        ]
        if len(between) > 1 or not all(_OUTPUT_LABEL.fullmatch(line) for line in between):
            continue
        printed = lines[-1]
        roles = _api_roles(printed) or (
            _label_roles(printed.replace("_", " ")) if "len(" in printed else set()
        )
        if not roles or _DATA_LENGTH.search(printed):
            continue
        at = output_start + output.indent + lone.start("value")
        value = lone["value"]
        if text[at : at + len(value)] != value:
            continue
        yield Stated(
            at,
            at + len(value),
            Fraction(value.replace("_", "").replace(",", "")),
            value,
            frozenset(roles),
        )


def _unknown_numbers(document: LintDocument, text: str, taken: set[int]) -> Iterator[Stated]:
    """The whole numbers of the prose that no role was found for (percentages and shapes
    left out)."""
    for number in find_numbers(text, document.body_offset, len(text)):
        if number.start in taken or number.value < 2 or number.value != int(number.value):
            continue
        if re.match(r"[ \t]*(?:%|per[ \t]?cent)", text[number.end : number.end + 9]):
            continue
        yield Stated(number.start, number.end, number.value, number.text, frozenset({UNKNOWN}))


def _ratio_splits(document: LintDocument, text: str) -> Iterator[Stated]:
    """The two parts of a split written as a ratio of 100, each a share of the data set."""
    for match in RATIO_SPLIT.finditer(text, document.body_offset):
        a, b = int(match["a"]), int(match["b"])
        if a + b != 100 or not _near(text, match.start(), _SPLIT_WORDS):
            continue
        for name, value in (("a", a), ("b", b)):
            raw = match[name]
            yield Stated(
                match.start(name), match.end(name), Fraction(value, 100), raw, frozenset({SHARE})
            )


def stated_numbers(document: LintDocument) -> list[Stated]:
    """Every number of the note that may play a role, once per position."""
    text = epoch_prose(document)
    found: dict[int, Stated] = {}
    for stated in itertools.chain(_code_line_numbers(document), _output_blocks(document)):
        found.setdefault(stated.start, stated)
    for stated in _quoted_progress_bars(document):
        found.setdefault(stated.start, stated)
    answer = _answer_claim(document, text)
    if answer is not None:
        found[answer.start] = answer
    for stated in _code_numbers(document):
        found.setdefault(stated.start, stated)
    for stated in _ratio_splits(document, text):
        found.setdefault(stated.start, stated)
    for stated in _prose_numbers(document, text):
        found.setdefault(stated.start, stated)
    for stated in _math_symbols(document):
        found.setdefault(stated.start, stated)
    for stated in _unknown_numbers(document, text, set(found)):
        found[stated.start] = stated
    for nodes, per_node in _node_devices(document, text):
        # "2 nodes with 8 GPUs each": 16 devices, and neither count alone is the world size
        found[nodes.start] = Stated(
            nodes.start,
            nodes.end,
            nodes.value * per_node.value,
            nodes.text,
            frozenset({DEVICES}),
        )
        found.pop(per_node.start, None)
    return sorted(_without_data_lengths(document, found.values()), key=lambda s: s.start)


# "5 linear warm-up epochs", "warmup_epochs=5", "warm-up: 3 epochs": a schedule's first phase.
_WARM_UP_EPOCHS = lazy_regex(
    r"\b(?P<a>\d+)[ \t]+(?:\w+[ \t]+)?warm-?up[ \t]+epochs?\b"
    r"|\bwarm-?up[ \t]*(?:[=:][ \t]*|of[ \t]+|for[ \t]+)(?P<b>\d+)[ \t]+epochs?\b"
    r"|\bwarm_?up_epochs[ \t]*[=:][ \t]*(?P<c>\d+)\b",
    re.I,
)


def _schedule_phases(stated_epochs: set[Fraction], text: str) -> set[Fraction]:
    """The epochs of a schedule's phases: W warm-up epochs and the E - W after them."""
    warm = {Fraction(int(m["a"] or m["b"] or m["c"])) for m in _WARM_UP_EPOCHS.finditer(text)}
    return {w for w in warm if w >= 1} | {e - w for e in stated_epochs for w in warm if 0 < w < e}


# A quantity given its value by the usual symbol in inline math, which the prose view blanks:
# "$N = 50{,}000$" training examples, "$B = 128$" per batch, "$E = 30$" epochs.
_MATH_SYMBOLS = {"N": SAMPLES, "B": BATCH, "E": EPOCHS}
_MATH_SYMBOL = lazy_regex(
    r"(?<![\w$\\])\$[ \t]*(?P<symbol>[A-Za-z])(?:_\{?(?:\\text\{)?(?P<sub>\w+)\}?\}?)?"
    r"[ \t]*=[ \t]*(?P<r>\d{1,3}(?:(?:\{,\}|,)\d{3})+|\d+)[ \t]*\$(?!\$)"
)


_SYMBOL_ROLES = frozenset({SAMPLES, BATCH, DEVICES, ACCUMULATION, EPOCHS})


def _math_symbols(document: LintDocument) -> Iterator[Stated]:
    """The quantities inline math states: by their usual symbols (``_MATH_SYMBOLS``), or any
    symbol by the words around its definition, read as if the number stood in prose
    ("$G = 8$ GPUs", "batch size per GPU $b = 32$", "accumulation over $a = 4$ micro-batches").
    """
    prose = epoch_prose(document)
    for match in _MATH_SYMBOL.finditer(document.text, document.body_offset):
        value = Fraction(_digits(match["r"]))
        # (a usual symbol alone, or with the subscript of its role: "N_train", "E_epochs")
        usual = match["sub"] in (None, "train", "batch", "epoch", "epochs")
        role = _MATH_SYMBOLS.get(match["symbol"]) if usual else None
        if role is not None:
            yield Stated(match.start("r"), match.end("r"), value, match["r"], frozenset({role}))
            continue
        # the number alone put back into the prose in place of its math
        head = prose[: match.start()].rstrip(" \t") + f" {match['symbol']} = "
        text = head + str(value) + " " + prose[match.end() :].lstrip(" \t")
        start, end = len(head), len(head) + len(str(value))
        after, _ = _after_roles(text, end)
        # (the name before may read as if the symbol were not there: "accumulation over
        # $A = 4$ micro-batches" as "accumulation over 4 micro-batches")
        bare = prose[: match.start()].rstrip(" \t") + " "
        roles = (
            after
            or _before_roles(text, start)
            or _before_roles(
                bare + str(value) + " " + prose[match.end() :].lstrip(" \t"), len(bare)
            )
        ) & _SYMBOL_ROLES
        if BATCH in roles:
            roles |= _batch_kind(text, start, end)
        if len(roles & _SYMBOL_ROLES) == 1:
            yield Stated(match.start("r"), match.end("r"), value, match["r"], frozenset(roles))


# A name bound to a data set in code: "ecg = TensorDataset(…)", "train, val = random_split(…)"
_DATA_ASSIGNED = lazy_regex(
    r"^[ \t]*(?:>>>[ \t]*)?(?P<names>\w+(?:[ \t]*,[ \t]*\w+)*)[ \t]*=[ \t]*"
    r"(?:[\w.]*(?:Dataset|Subset)\("
    r"|(?:[\w.]*\.)?random_split\()",
    re.M,
)
# A line that only shows a length: "print(len(ecg))", ">>> len(loader.dataset)"
_LENGTH_OF = lazy_regex(
    r"[ \t]*(?:>>>[ \t]*|In[ \t]*\[\d+\]:[ \t]*)?(?:print\([ \t]*)?"
    r"(?P<length>len\([ \t]*(?P<name>[\w.]+)[ \t]*\))[ \t]*\)?[ \t]*"
)


def _without_data_lengths(document: LintDocument, found: Iterable[Stated]) -> Iterator[Stated]:
    """The stated numbers less the claims in code blocks that are a data set's printed length
    (``print(len(train_ds))  # 7300``, ``len(loader.dataset)``, ``len(ecg)`` where ``ecg``
    is bound to a data set): a size, no count of steps."""
    names = {
        name.strip()
        for block in document.code_blocks
        for match in _DATA_ASSIGNED.finditer(block.code)
        for name in match["names"].split(",")
    }
    spans = [
        (document.offset_of_line(b.first_line), document.offset_of_line(b.first_line) + len(b.code))
        for b in document.code_blocks
    ]
    for stated in found:
        in_code = any(low <= stated.start < high for low, high in spans)
        if CLAIM in stated.roles and in_code and _prints_data_length(document, stated, names):
            continue
        yield stated


def _prints_data_length(document: LintDocument, stated: Stated, names: set[str]) -> bool:
    """Whether the code line of a claim, or the print its output block follows, takes the
    length of a data set."""
    text = document.text
    line = _line(text, stated.start)
    if line.strip() == stated.text:  # an echoed or printed number: the line that showed it
        start = text.rfind("\n", 0, stated.start)
        line = _line(text, start - 1) if start > 0 else ""
        if not _LENGTH_OF.fullmatch(line.split("#", 1)[0]):  # an output block after the code
            before = text.rfind("print(", 0, stated.start)
            line = _line(text, before) if before >= 0 else ""
    shown = _LENGTH_OF.fullmatch(line.split("#", 1)[0])
    if shown is None:
        return False
    return _DATA_LENGTH.search(shown["length"]) is not None or shown["name"] in names


_DEVICE_NOUNS = r"(?:gpus?|devices?|accelerators?|tpus?|tpu[ \t]+cores|cards?)"
_NODE_NOUNS = r"(?:nodes?|machines?|hosts?|servers?|instances?)"
# "2 nodes with 8 GPUs each", "two machines of 4 GPUs", "2 nodes x 8 GPUs"; and
# "8 GPUs on each of 2 nodes", "8 GPUs per node on 2 nodes"
_NODES_OF_DEVICES = GatedPattern(
    rf"(?P<a>{NUMBER_PATTERN})[ \t]+{_NODE_NOUNS}[ \t,]*(?:(?:each[ \t]+)?(?:with|of|having)"
    rf"|[x*]|\N{{MULTIPLICATION SIGN}})[ \t]+(?:\w+[ \t]+)?(?P<b>{NUMBER_PATTERN})[ \t]+"
    rf"(?:[\w-]+[ \t]+)?{_DEVICE_NOUNS}\b"
    rf"|(?P<c>{NUMBER_PATTERN})[ \t]+(?:[\w-]+[ \t]+)?{_DEVICE_NOUNS}[ \t]+(?:on[ \t]+each[ \t]+of"
    rf"|per[ \t]+(?:node|machine|host|server)[ \t]+(?:on|across|over)|on[ \t]+all|on|across)"
    rf"[ \t]+(?:the[ \t]+|all[ \t]+)?(?P<d>{NUMBER_PATTERN})[ \t]+{_NODE_NOUNS}\b",
    re.I,
)


# Labels (table headers, list keys) of a node count and of the devices on each node
_NODES_LABEL = lazy_regex(
    rf"^[ \t*_`]*(?:number[ \t]+of[ \t]+|num[ \t_]+|#[ \t]*)?{_NODE_NOUNS}[ \t*_`]*$", re.I
)
_PER_NODE_LABEL = lazy_regex(
    rf"{_DEVICE_NOUNS}[ \t_]*(?:per|/|on[ \t]+each)[ \t_]*(?:node|machine|host|server)", re.I
)
_KEYED_LINE = lazy_regex(
    r"^[ \t]*(?:[-*+][ \t]+)?[*_`]*(?P<label>[A-Za-z#][\w /#-]{0,30}?)[*_`]*[ \t]*[:=][ \t]*"
    r"[*_`]*(?P<n>\d[\d,]*)\b",
    re.M,
)


def _labelled_node_devices(text: str, body: int) -> Iterator[tuple[Stated, Stated]]:
    """(node count, devices per node) from a table's columns ("| Nodes | GPUs per node |")
    or from list keys ("- nodes: 2", "- GPUs per node: 8")."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    header: list[str] | None = None
    for index, line in enumerate(lines):
        if offsets[index] < body or not _TABLE_ROW.match(line):
            header = None
            continue
        cells = line.strip().strip("|").split("|")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            continue
        nodes = [i for i, h in enumerate(header) if _NODES_LABEL.match(h.strip())]
        per_node = [i for i, h in enumerate(header) if _PER_NODE_LABEL.search(h)]
        if len(nodes) != 1 or len(per_node) != 1:
            continue
        nodes_cell = _cell_number(line, offsets[index], nodes[0])
        per_cell = _cell_number(line, offsets[index], per_node[0])
        if nodes_cell is not None and per_cell is not None:
            yield nodes_cell, per_cell
    keyed = list(_KEYED_LINE.finditer(text, body))
    node_keys = [m for m in keyed if _NODES_LABEL.match(m["label"])]
    per_keys = [m for m in keyed if _PER_NODE_LABEL.search(m["label"])]
    if len(node_keys) == 1 and len(per_keys) == 1:
        node_count = _keyed_number(text, node_keys[0])
        per_count = _keyed_number(text, per_keys[0])
        if node_count is not None and per_count is not None:
            yield node_count, per_count


def _keyed_number(text: str, match: re.Match[str]) -> Stated | None:
    number = next(find_numbers(text, match.start("n"), match.end("n")), None)
    if number is None or number.value != int(number.value) or number.value < 1:
        return None
    return Stated(number.start, number.end, number.value, number.text, frozenset())


def _cell_number(line: str, offset: int, column: int) -> Stated | None:
    """The one whole number of a table row's cell."""
    bounds = [i for i, char in enumerate(line) if char == "|"]
    if column + 1 >= len(bounds):
        return None
    numbers = list(find_numbers(line, bounds[column] + 1, bounds[column + 1]))
    if len(numbers) != 1 or numbers[0].value != int(numbers[0].value) or numbers[0].value < 1:
        return None
    n = numbers[0]
    return Stated(offset + n.start, offset + n.end, n.value, n.text, frozenset())


def _node_devices(document: LintDocument, text: str) -> Iterator[tuple[Stated, Stated]]:
    """(node count, devices per node) pairs, each as the number the note writes."""
    yield from _labelled_node_devices(text, document.body_offset)
    for match in _NODES_OF_DEVICES.finditer(text, document.body_offset):
        nodes_group, per_group = ("a", "b") if match["a"] else ("d", "c")
        if nodes_group == "d" and not re.search(r"\beach\b|\bper\b", match[0], re.I):
            continue  # "8 GPUs across 2 nodes" may be 8 in all
        pair = []
        for group in (nodes_group, per_group):
            number = next(find_numbers(text, match.start(group), match.end(group)), None)
            if number is None or number.value != int(number.value) or number.value < 1:
                break
            pair.append(Stated(number.start, number.end, number.value, number.text, frozenset()))
        if len(pair) == 2:
            yield pair[0], pair[1]


# --- solving -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Reading:
    samples: Fraction
    batch: Fraction
    value: Fraction
    how: str
    epochs: Fraction = Fraction(1)


def _readings(
    pool: _Pool, claim: Stated, floor: bool, ceil: bool, lenient: bool = False
) -> list[_Reading] | None:
    """Every count an assignment of the candidates gives; None when no assignment is complete
    or there are too many to trust. ``lenient`` lets the numbers without a role stand for the
    data set or the batch too."""
    samples = {s.value for s in pool.of(SAMPLES, claim) if s.value == int(s.value)}
    batches = {(s.value, s.roles) for s in pool.of(BATCH, claim) if s.value == int(s.value)}
    if not samples or not batches:
        return None
    # A role-less number that repeats a value stated with a role ("32 x 8 = 256" beside "a
    # batch of 32 per GPU") is that quantity again, not a new one that could be anything.
    # (a named data set's own size, "MNIST", is no number the note wrote)
    known = {
        s.value
        for role, found in pool.values.items()
        if role != UNKNOWN
        for s in found
        if s.text[:1].isdigit()
    }
    unknown = [s for s in pool.of(UNKNOWN, claim) if s.value not in known] if lenient else []
    if lenient:
        samples |= {s.value for s in unknown}
        batches |= {(s.value, frozenset[str]()) for s in unknown}
    split_by_fit = [
        s
        for s in pool.of(SHARE, claim)
        if _FIT_SPLIT.search(pool.text, max(0, s.start - 24), s.start)
    ]
    # fit(validation_data=…) takes precedence: Keras then ignores validation_split
    ignored = split_by_fit if _FIT_DATA.search(pool.text) else []
    shares = {s.value for s in pool.of(SHARE, claim) if s not in ignored}
    parts = {s.value for s in pool.of(PART, claim)}
    # Where the note splits data off, a count follows from the trained part (the data set
    # less a share or a stated part) or from the part itself; the whole data set only where
    # its own words make it the trained part ("18,000 training images").
    trained = set(samples) if not shares and not parts else set(parts)
    # Keras' fit(validation_split=…) always holds out the arrays' last share
    fit_split = bool(split_by_fit) and not ignored
    for stated in pool.of(SAMPLES, claim) if not fit_split else []:
        near = (
            _before_text(pool.text, stated.start)[-24:]
            + " "
            + _after_text(pool.text, stated.end)[:24]
        )
        # "x_train holds 100,000 rows" names the array that fit() splits, no trained part
        if (shares or parts) and _TRAINED.search(_ARRAY_NAME.sub(" ", near)):
            trained.add(stated.value)
    trained |= _kept_after_share(pool, claim, shares)
    for size in samples:
        for share in shares:
            for kept in (size * (1 - share), size * share):
                trained |= {Fraction(math.floor(kept)), Fraction(math.ceil(kept))}
        trained |= {size - part for part in parts if 0 < part < size}
    factors = {s.value for s in pool.of(ACCUMULATION, claim) if s.value > 1}
    devices = {s.value for s in pool.of(DEVICES, claim) if s.value > 1}
    stated_epochs = {s.value for s in pool.of(EPOCHS, claim) if s.value == int(s.value)}
    epochs = {Fraction(1)} | with_resumed_runs(stated_epochs, pool.text)
    if claim.start >= 0:  # a claimed count may be one phase's; ``run_lengths`` asks for runs
        epochs |= _schedule_phases(stated_epochs, pool.text)
    trained |= {s.value for s in unknown}
    sizes = {size for size in trained if size > 0}
    # a total over every run of a k-fold cross-validation ("7,200 steps across the four runs")
    # is k times a run's steps, where the run trains on a size the note states itself
    stated_sizes = samples | parts | {s.value for s in unknown}
    over_folds = pool.folds > 1 and (
        ACROSS_FOLDS.match(pool.text, claim.end) is not None
        or _folds_row(pool.text, claim)
        or _folds_clause(pool.text, claim)
    )
    runs = {epoch * pool.folds for epoch in epochs} if over_folds else set()
    pairs = [(size, epoch) for size in sizes for epoch in epochs]
    pairs += [(size, run) for size in sizes & stated_sizes for run in runs]
    # The readings' order picks the message's reading among equals. Numbers hash the same in
    # every run, but a set of role names does not: the batches go in a fixed order, so the
    # set of step batches is built, and iterated, the same way whatever the hash seed.
    ordered = sorted(batches, key=lambda batch: (batch[0], sorted(batch[1])))
    effective = {b for batch in ordered for b in _effective(batch, claim, factors, devices)}
    if len(pairs) * len(effective) > _MAX_COMBINATIONS:
        return None
    found: list[_Reading] = []
    for (size, epoch), (batch, micro, factor) in product(pairs, effective):
        exact = size / batch
        steps: list[tuple[Fraction, str]] = [(exact, f"{_n(size)} / {_n(batch)}")]
        if ceil:
            steps.append((Fraction(math.ceil(exact)), f"⌈{_n(size)} / {_n(batch)}⌉"))
        if claim.full:  # "156 full batches" counts only the full ones
            steps = [
                (exact, steps[0][1]),
                (Fraction(math.floor(exact)), f"⌊{_n(size)} / {_n(batch)}⌋"),
            ]
        elif floor or factor > 1:  # a last, partial accumulation may be skipped
            steps.append((Fraction(math.floor(exact)), f"⌊{_n(size)} / {_n(batch)}⌋"))
        if factor > 1:  # optimizer updates counted over the loader's micro-batches
            loader = Fraction(math.ceil(size / micro))
            how = f"⌈{_n(size)} / {_n(micro)}⌉ / {_n(factor)}"
            steps += [(Fraction(math.ceil(loader / factor)), how)]
            steps += [(Fraction(math.floor(loader / factor)), how)]
        found += [_Reading(size, batch, value * epoch, how, epoch) for value, how in steps]
        if factor > 1 and epoch > 1:
            found += _run_accumulation(size, micro, factor, epoch)
    return found


def _kept_after_share(pool: _Pool, claim: Stated, shares: set[Fraction]) -> set[Fraction]:
    """Sample counts that another stated number less a share gives ("60,000 x 0.8 = 48,000
    training images"): the trained part already, which no split divides again."""
    stated = {s.value for found in pool.values.values() for s in found if s.value > 1}
    kept: set[Fraction] = set()
    for sample in pool.of(SAMPLES, claim):
        for size, share in product(stated - {sample.value}, shares):
            if sample.value in (math.floor(size * (1 - share)), math.ceil(size * (1 - share))):
                kept.add(sample.value)
    return kept


def _paragraph_names_own_data(text: str, pool: _Pool, claim: Stated) -> bool:
    """Whether the claim's paragraph names a well-known data set and every data set size of
    the note comes from a paragraph that does not name it: its counts are that data set's,
    whose size the note does not write, not those of another paragraph's size."""
    paragraph = paragraph_around(text, claim.start, claim.end)
    sizes = pool.of(SAMPLES, claim)
    return bool(sizes) and all(
        names_another_data_set(text, paragraph, size.start) for size in sizes
    )


# A table row whose label spans every fold: "| whole CV (5 folds) | 12,500 |", not "| per fold |"
_FOLDS_LABEL = lazy_regex(r"\b(?:folds|cross-validation|CV)\b", re.I)
_ONE_FOLD_LABEL = lazy_regex(r"\b(?:per|each|one|a)[ \t]+fold\b", re.I)


def _folds_row(text: str, claim: Stated) -> bool:
    """Whether the claim's table row is labelled as a total over all the folds."""
    line_start = text.rfind("\n", 0, claim.start) + 1
    label = text[line_start : claim.start]
    return (
        label.lstrip().startswith("|")
        and _FOLDS_LABEL.search(label) is not None
        and _ONE_FOLD_LABEL.search(label) is None
    )


# A clause that names the whole cross-validation before its count: "the whole
# cross-validation is about 3,750 steps", "all folds: 540 steps", "the CV run takes …"
_FOLDS_CLAUSE = lazy_regex(
    r"\b(?:all|every|the|whole|entire)[ \t]+(?:the[ \t]+)?(?:\d+[ \t]+)?(?:folds|runs"
    r"|cross-validation|CV)\b|\bcross-validation[ \t]+(?:run[ \t]+)?(?:takes|is|needs|runs)\b",
    re.I,
)
_FOLD_CLAUSE_START = lazy_regex(r".*(?:[.;:!?](?=\s)|\n)", re.S)


def _folds_clause(text: str, claim: Stated) -> bool:
    """Whether the claim's own clause names every fold of the cross-validation."""
    before = text[max(0, claim.start - 80) : claim.start]
    start = _FOLD_CLAUSE_START.match(before)
    clause = before[start.end() :] if start else before
    # (a fold's own count may stand earlier in the sentence: "750 per fold, and over all
    # folds 3,000 steps"; only the words after the last comma must not name one fold)
    last = clause[clause.rfind(",") + 1 :]
    return _FOLDS_CLAUSE.search(clause) is not None and _ONE_FOLD_LABEL.search(last) is None


def _run_accumulation(
    size: Fraction, micro: Fraction, factor: Fraction, epochs: Fraction
) -> list[_Reading]:
    """Optimizer updates of a loop whose accumulation counter runs across epochs (a global
    step counter, no flush at an epoch's end): the run's micro-batches over the factor."""
    loader = Fraction(math.ceil(size / micro))
    how = f"{_n(epochs)} \N{MULTIPLICATION SIGN} ⌈{_n(size)} / {_n(micro)}⌉ / {_n(factor)}"
    run = epochs * loader / factor
    return [
        _Reading(size, micro * factor, Fraction(rounded(run)), how, epochs)
        for rounded in (math.floor, math.ceil)
    ]


def _effective(
    batch: tuple[Fraction, frozenset[str]],
    claim: Stated,
    factors: set[Fraction],
    devices: set[Fraction],
) -> Iterator[tuple[Fraction, Fraction, Fraction]]:
    """(batch of one step, the loader's batch, accumulation factor) for a stated batch: a
    per-device batch times each device count, a global one as it is, a plain one both ways;
    times the accumulation factor for optimizer updates, as it is for the loader's batches."""
    value, roles = batch
    if PER_DEVICE in roles and devices:
        loaders = {value * device for device in devices}
    elif GLOBAL in roles:
        loaders = {value}
    else:
        loaders = {value} | {value * device for device in devices}
    if GLOBAL in roles:  # an effective batch of B x A: the loader's batch is B
        loaders |= {value / factor for factor in factors}
    for loader in loaders:
        # an effective batch's share per micro-batch (B / A) is the loader's batch, never the
        # batch of one optimizer update
        micro_of_effective = GLOBAL in roles and loader != value
        one_step = LOADER in claim.roles or not factors or GLOBAL in roles
        if one_step and not (micro_of_effective and OPTIMIZER in claim.roles):
            yield loader, loader, Fraction(1)
        if LOADER not in claim.roles:
            for factor in factors:
                yield loader * factor, loader, factor
            if OPTIMIZER not in claim.roles:
                yield loader, loader, Fraction(1)


def _n(value: Fraction) -> str:
    return format_number(value, value >= 10_000)


def _explains(reading: Fraction, claim: Stated, hedge: str | None) -> bool:
    """Whether a reading gives the claim: equal, rounded to the claim's decimals, or within
    what the claim's hedge allows ("roughly 500", "just under 470", ``hedge_allows``)."""
    if reading == claim.value:
        return True
    if reading != int(reading) and "." in claim.text:  # "390.6 batches": rounded to its decimals
        decimals = len(claim.text.split(".")[-1])
        if round(float(reading), decimals) == float(claim.value):
            return True
    return hedge_allows(hedge, claim.value, claim.text, [reading])


def _clause_vetoed(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 80) : start]
    clause = max((m.end() for m in _CLAUSE_START.finditer(before)), default=0)
    after = text[end : end + 60]
    stop = _CLAUSE_START.search(after)
    window = before[clause:] + " " + after[: stop.start() if stop else len(after)]
    return (
        _VETO_BEFORE.search(before[clause:]) is not None or _VETO_CLAUSE.search(window) is not None
    )


# An endless pipeline or generator: an epoch is as long as the note chooses, unless the line
# of the count shows the division that makes it one pass ("24,000 // 32  # 750").
_ENDLESS = lazy_regex(
    r"\.repeat\(|\brepeat(?:s|ed)?\b|\binfinite|\bendless|fit_generator|\bwhile[ \t]+True\b"
    r"|^[ \t]*yield\b|\bgenerators?\b",
    re.I | re.M,
)
# Unless the note says that an epoch is one pass over the data all the same.
_ONE_PASS = lazy_regex(
    r"\bwhere[ \t]+(?:an|each|the|one)[ \t]+epoch[ \t]+ends"
    r"|\bone[ \t]+(?:full[ \t]+)?pass[ \t]+over"
    r"|\bnever[ \t]+finish\w*[ \t]+an[ \t]+epoch|\bevery[ \t]+(?:sample|image|example)[ \t]+once",
    re.I,
)
_DIVISION = lazy_regex(r"/|÷|\bdivided\b|\bceil|\bover\b")


_EMPHASIS = lazy_regex(r"\*\*|__")
_COMPUTED_TOTAL = lazy_regex(r"=.*(?:[A-Za-z_]\w*[ \t]*[*+]|[*+][ \t]*[A-Za-z_])")
_DATASET_NAMES = lazy_regex(
    r"\b(?:(?:Fashion-?|K)?MNIST|CIFAR-?10{1,2}|SVHN|ImageNet|IMDB|STL-?10|COCO|SQuAD)\b", re.I
)


_DISTRIBUTED_SAMPLER = lazy_regex(r"\bDistributed[ _]?Sampler\b", re.I)
_FOLD_WORD = lazy_regex(r"\bfolds?\b", re.I)
_BARE_SAMPLER = lazy_regex(r"(?<![A-Za-z])sampler\b")


def _unmodelled(note: str, folds: int | None = None) -> bool:
    """Whether the note speaks of what the pass does not model (``_UNMODELLED``). Where it
    names a DistributedSampler, a bare ``sampler`` is that sampler ("call
    ``sampler.set_epoch(epoch)``"), which the devices reading models; where it states one
    number of folds, its folds are that cross-validation, modelled as a held-out share."""
    if _DISTRIBUTED_SAMPLER.search(note):
        note = _BARE_SAMPLER.sub("loader", note)
    if folds is not None:
        note = _FOLD_WORD.sub("", note)
    return _UNMODELLED.search(note) is not None


# Where a claim's clause ends: "steps_per_epoch=100, epochs=50): … one pass over 50,000"
# divides nothing in the claim's own clause.
_CLAUSE_BREAK = lazy_regex(r"[,;:()\n]|[.!?](?=\s)")


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a claim: a code line's comment or a prose clause, not its line."""
    before = [m.end() for m in _CLAUSE_BREAK.finditer(text, max(0, start - 200), start)]
    after = _CLAUSE_BREAK.search(text, end)
    return text[
        before[-1] if before else max(0, start - 200) : after.start() if after else len(text)
    ]


def _line(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]


_SENTENCE_END = lazy_regex(r"[.!?](?=[ \t\n*_)]|$)|\n[ \t]*\n")


_DROP_FLAG = lazy_regex(rf"{DROP_FLAG_IS}(?P<on>True|False)\b")


def _block_drops(document: LintDocument, claim: Stated) -> bool:
    """Whether the claim stands in a code block whose own loader drops the last batch
    (``drop_last=True`` and never ``False`` there): its printed or commented count is of that
    loader, whatever other setting the prose discusses."""
    for block in document.code_blocks:
        start = document.offset_of_line(block.first_line)
        end = document.offset_of_line(block.first_line + block.code.count("\n") + 1)
        if start <= claim.start < end:
            flags = {match["on"] for match in _DROP_FLAG.finditer(document.text, start, end)}
            return flags == {"True"}
    return False


# A table column that sets the drop flag per row: "| `drop_last` |", "| drop remainder? |"
_DROP_COLUMN = lazy_regex(r"^[ \t`*]*drop[ _-]?(?:last|remainder)\b[ \t`*?]*$", re.I)
_ROW_FLAG = lazy_regex(r"^[ \t`*]*(?P<on>True|False|yes|no)[ \t`*]*$", re.I)


def _row_drops(text: str, claim: Stated) -> bool | None:
    """The drop flag a table row sets for its own count (a column headed ``drop_last`` whose
    cell is True or False: each row is a loader of its own), or None."""
    line_start = text.rfind("\n", 0, claim.start) + 1
    header = _row_header(text, line_start)
    if header is None:
        return None
    line_end = text.find("\n", line_start)
    row = text[line_start : len(text) if line_end < 0 else line_end]
    cells = row.strip().strip("|").split("|")
    for name, cell in zip(header, cells, strict=False):
        flag = _ROW_FLAG.match(cell) if _DROP_COLUMN.match(name) else None
        if flag is not None:
            return flag["on"].lower() in ("true", "yes")
    return None


def _keeps(note: str) -> bool:
    """Whether the note keeps the last batch somewhere, or supposes another setting, beside
    the drop it states: then a claim may count either way. A keep on another split's loader
    ("val_dl = DataLoader(…, drop_last=False)") is that loader's, where the note's training
    loader drops."""
    if not _stated_drop(note):
        return True
    training = not counts_other_loader(note) and any(
        not supposed_setting(note, m.start(), m.end())
        and not denied_drop(note, m)
        and not other_loader_unit(note, m.start(), m.end())
        for m in _DROPS.finditer(note)
    )
    return any(
        not (training and other_loader_unit(note, m.start(), m.end()))
        for m in _KEEPS.finditer(note)
    )


def _stated_drop(text: str) -> bool:
    """Whether ``text`` drops the last batch as its own setting, not only in a clause that
    supposes it ("or 312 with drop_remainder=True", "you could pass drop_last=True")."""
    return any(
        not supposed_setting(text, m.start(), m.end()) and not denied_drop(text, m)
        for m in _DROPS.finditer(text)
    )


# ``model.fit`` over arrays batches them itself and keeps the partial last batch (measured:
# scripts/epoch_facts.py); a tf.data pipeline or a generator sets its own batches.
_KERAS_FIT = lazy_regex(r"\bmodel\.fit\(|\bKeras\b")
_OWN_BATCHING = lazy_regex(
    r"drop_remainder|\btf\.data\b|\bDataset\b|\bgenerator\b|\bDataLoader\b|\bdrop_last\b"
    r"|\bPyDataset\b|\bSequence\b|\bsteps_per_epoch\b|\bTPU"
)


def keras_keeps_last_batch(note: str) -> bool:
    """Whether the note's run is Keras's ``fit`` over arrays, which never drops the last
    partial batch."""
    return _KERAS_FIT.search(note) is not None and _OWN_BATCHING.search(note) is None


def _rounding(text: str, claim: Stated, only_drops: bool, drops: bool) -> tuple[bool, bool]:
    """(⌊ ⌋ allowed, ⌈ ⌉ allowed) for a claim: only ⌊ ⌋ where its sentence drops the last batch
    and keeps none, or the note drops it and has no other count (one scenario); both where the
    note drops it elsewhere (a second setting); ⌈ ⌉ otherwise, the loaders' default."""
    start = max(
        (m.end() for m in _SENTENCE_END.finditer(text, max(0, claim.start - 300), claim.start)),
        default=max(0, claim.start - 300),
    )
    stop = _SENTENCE_END.search(text, claim.end)
    sentence = text[start : stop.start() if stop else len(text)]
    if only_drops or (_stated_drop(sentence) and not _KEEPS.search(sentence)):
        return True, False
    return drops, True


_SHARE_HOLDER = r"(?:gpu|replica|worker|process|device|rank|node|core|tpu|accelerator)"
# "each GPU sees 10,000 images", "a shard of 32,000 samples per process"
_DEVICE_SHARE = lazy_regex(
    rf"\b(?:each|every|per|one)[ \t-]+{_SHARE_HOLDER}s?\b[^.\n]{{0,40}}?\b(?:sees?|receives?|gets?"
    r"|processes|handles?|holds?|reads?|owns?|works[ \t]+on)\b"
    rf"|\bshards?\b|\bper[ \t-]+{_SHARE_HOLDER}[ \t]+share\b",
    re.I,
)
_FULL_BATCH = lazy_regex(
    r"\bfull[- ]batch\b(?![ \t]+of\b)(?![ \t]*(?:es\b|\d))|(?<!mini-)(?<!mini )(?<!micro-)"
    r"\bbatch[ \t]+gradient[ \t]+descent",
    re.I,
)


def _pool(document: LintDocument, text: str, stated: Sequence[Stated]) -> _Pool:
    starts = [m.start() + 1 for m in _BLOCK_END.finditer(text, document.body_offset)]
    pool = _Pool(text, starts, device_shares=_DEVICE_SHARE.search(text) is not None)
    for number in stated:
        pool.add(number)
        exact = exact_size(document, number.value, number.text) if SAMPLES in number.roles else None
        if exact is not None:  # "ImageNet (1.28M images)": the named data set's own size
            pool.add(Stated(number.start, number.end, exact, number.text, frozenset({SAMPLES})))
    if BATCH not in pool.values and _FULL_BATCH.search(text, document.body_offset):
        # full-batch gradient descent: one batch of the whole data set
        for whole in pool.values.get(SAMPLES, []):
            pool.add(replace(whole, roles=frozenset({BATCH, GLOBAL})))
    if SAMPLES not in pool.values:
        size = known_size(document.text, document.body_offset, len(document.text))
        if size is not None:  # "one epoch of MNIST at batch size 100"
            pool.add(
                Stated(size.start, size.end, Fraction(size.size), size.name, frozenset({SAMPLES}))
            )
    return pool


def _row_pool(pool: _Pool, claim: Stated) -> _Pool | None:
    """The pool of a table row that states its own data set size (one fold's, one split's):
    its count is judged on that size alone; None for a claim outside such a row."""
    if not _TABLE_ROW.match(_line(pool.text, claim.start)):
        return None
    own = [s for s in pool.values.get(SAMPLES, []) if _same_line(pool.text, s, claim)]
    if not own:
        return None
    values = {role: found for role, found in pool.values.items() if role not in (SHARE, PART)}
    return replace(pool, values={**values, SAMPLES: own})


def _same_line(text: str, stated: Stated, claim: Stated) -> bool:
    return (
        stated.start != claim.start
        and "\n" not in text[min(stated.start, claim.start) : max(stated.end, claim.end)]
    )


def solver_findings(
    document: LintDocument,
    reported: Iterable[Finding],
    covered: Sequence[tuple[int, int]],
) -> Iterator[Finding]:
    """Claims that no assignment of the stated quantities explains, on lines where the rule's
    readings reported nothing (``covered``: AG101's wrong calculations, left to it)."""
    text = epoch_prose(document)
    body = text[document.body_offset :]
    folds = k_folds(text, document.body_offset)
    raw = document.text[document.body_offset :]
    unmodelled = _unmodelled(raw, folds)
    # folds of no stated number (walk-forward, expanding windows) leave each a size of its
    # own: only a table row that states its fold's size, beside its count, is judged
    rows_only = unmodelled and folds is None and not _unmodelled(raw, 0)
    if not _TOPIC.search(body) or (unmodelled and not rows_only):
        return
    lines = {document.position(finding.start)[0] for finding in reported}
    stated = stated_numbers(document)
    if shards_by_sampler(document.text[document.body_offset :]):
        # a loader fed by a DistributedSampler batches one replica's share
        stated = [
            replace(s, roles=s.roles | {PER_DEVICE})
            if BATCH in s.roles and GLOBAL not in s.roles
            else s
            for s in stated
        ]
    math_results = _math_results(document)
    stated += [
        Stated(m.start("r"), m.end("r"), Fraction(_digits(m["r"])), m["r"], frozenset({CLAIM}))
        for m in math_results.values()
    ]
    code_totals = _code_totals(document)
    stated += [
        Stated(m.start("r"), m.end("r"), Fraction(_digits(m["r"])), m["r"], frozenset({CLAIM}))
        for m in code_totals.values()
    ]
    claims = [s for s in stated if CLAIM in s.roles]
    if not claims:
        return
    answer = _answer_claim(document, text)  # a bare number: its label is the question's
    pool = _pool(document, text, stated)
    if folds is not None and not REFIT.search(text, document.body_offset):
        # k-fold cross-validation holds one fold out of each run: a share of 1 / k (a final
        # refit on all the data would train on the whole again)
        pool.add(Stated(0, 0, Fraction(1, folds), f"1/{folds}", frozenset({SHARE})))
        pool.folds = folds
        # "5-fold", "n_splits=5", "four fifths": the folds counted, never data or a batch
        pool.values[UNKNOWN] = [
            s for s in pool.values.get(UNKNOWN, []) if s.value not in (folds, folds - 1)
        ]
    note = document.text[document.body_offset :]
    endless = _ENDLESS.search(note) is not None and _ONE_PASS.search(note) is None
    repeats = repeat_factors(note)
    # "CIFAR-10" and "CIFAR10" name one data set
    if len({m[0].lower().replace("-", "") for m in _DATASET_NAMES.finditer(note)}) > 1:
        return  # two data sets named: which one an epoch covers is not said
    # TPUs need static shapes, so their input pipelines drop the remainder.
    # (and a note whose code floors the count: "steps = len(x_train) // batch_size")
    drops = (
        any(not denied_drop(note, match) for match in _DROPS.finditer(note))
        or re.search(r"\bTPU", note) is not None
        or FLOORED_COUNT.search(note) is not None
    )
    keeps = _keeps(note)
    for claim in claims:
        if claim.value < 2 or (claim.value != int(claim.value) and "." not in claim.text):
            continue
        if TOTAL in claim.roles and not pool.of(EPOCHS, claim):
            continue  # a total over a run whose epochs are not stated
        if PROGRESS in claim.roles and claim.value in {s.value for s in pool.of(SAMPLES, claim)}:
            continue  # an old Keras bar counts samples
        if document.position(claim.start)[0] in lines:
            continue
        if any(start <= claim.start < end for start, end in covered):
            continue
        code_total = code_totals.get(claim.start)
        if code_total is not None:
            # (a product with the stated epochs is a run's total, whatever the clause says)
            calc = code_total.start("calc")
            yield from _epoch_factor_findings(document.text, pool, claim, calc, drops)
            continue
        if _clause_vetoed(text, claim.start, claim.end):
            continue
        judged = _row_pool(pool, claim) if rows_only else pool
        if judged is None:
            continue
        if _paragraph_names_own_data(text, pool, claim):
            continue  # "CIFAR-10 at batch 64: … 734 steps" below a paragraph about 1.6M samples
        if WARM_UP_CLAUSE.search(text, max(0, claim.start - 80), claim.start):
            continue  # a warm-up's steps, its clause wrapped at the margin
        calculation: re.Match[str] | None = _EXPRESSION_BEFORE.search(
            text, text.rfind("\n", 0, claim.start) + 1, claim.start
        )
        beside: set[Fraction] = set()
        math = math_results.get(claim.start)
        if math is not None:
            calculation = math
            beside = _trained_beside(pool, claim, math.start(), _math_numbers(math))
        elif calculation is not None:
            # the result of a written calculation: AG101 checks its arithmetic; this pass
            # judges only one that divides the whole set where its own paragraph names the
            # trained part ("trains on 16,000 …, so 20,000 / 32 = 625 steps")
            beside = _trained_beside(pool, claim, calculation.start())
        if calculation is not None and not beside:
            # or one that divides the whole set where the note shards it over processes
            unsharded = _unsharded(document, text, pool, claim, calculation, math is not None)
            if unsharded is not None:
                yield Finding(claim.start, claim.end, unsharded)
            elif math is None:
                # or a run's total written as epochs x one epoch's steps
                yield from _epoch_factor_findings(text, pool, claim, calculation.start(), drops)
            continue
        if endless and not _DIVISION.search(_clause(document.text, claim.start, claim.end)):
            continue  # steps_per_epoch of an endless pipeline is a choice
        line = _line(document.text, claim.start)
        code = line.split("#", 1)[0]
        assigned = _ASSIGNED.match(code)
        by_epochs = assigned is not None and _EPOCHS_FACTOR.match(assigned["values"]) is not None
        # (bold markers are no multiplication: "performs **782** steps")
        if _COMPUTED_TOTAL.search(_EMPHASIS.sub("", code)) and not by_epochs:
            # "max_steps = steps_per_epoch * 4  # 1248": a product of names; but
            # "len(loader) * 10" is the loader's batches over 10 epochs
            continue
        if by_epochs:
            claim = replace(claim, roles=claim.roles | {TOTAL})
        only_drops = drops and not keeps and len(claims) == 1
        floor, ceil = _rounding(text, claim, only_drops or _block_drops(document, claim), drops)
        row_drops = _row_drops(document.text, claim)  # (its cells as written, code and all)
        if row_drops is not None:
            floor, ceil = row_drops, not row_drops
        if PROGRESS in claim.roles and keras_keeps_last_batch(note):
            # Keras's fit over arrays keeps the partial last batch whatever the note says
            floor, ceil = False, True
        if "//" in line:  # the line's own code floors the division
            floor = True
            # and a comment that gives the floored line's result claims exactly that
            ceil = ceil and not (assigned is not None and "//" in code and "#" in line)
        one_epoch = PROGRESS in claim.roles or _says_per_epoch(text, claim)
        readings = _over_run(claim, _readings(judged, claim, floor, ceil), one_epoch)
        if not readings:
            continue
        hedge = hedge_of(text, claim.start, claim.end)
        if any(_explains(reading.value, claim, hedge) for reading in readings):
            continue
        if calculation is not None and not beside & {reading.samples for reading in readings}:
            continue  # the part the paragraph names is not one a reading trains on
        lenient = _over_run(claim, _readings(judged, claim, floor, ceil, lenient=True), one_epoch)
        if lenient is None or any(_explains(r.value, claim, hedge) for r in lenient):
            continue
        if any(
            _explains(value, claim, hedge)
            for r in readings
            for value in repeated_counts(r.samples, r.batch, repeats, r.epochs)
        ):
            continue  # "repeat: 2": the loader passes over the data twice an epoch
        # (a table row states its own scenario's data set and batch)
        row = _TABLE_ROW.match(line) is not None
        own = frozenset(n.value for n in find_numbers(line)) if row else frozenset()
        finding = Finding(claim.start, claim.end, _message(readings, claim, own))
        unrounded = _readings(judged, claim, floor=True, ceil=True)
        if (
            judged is pool
            and (answer is None or answer.start != claim.start)
            and _grounded(pool, claim, one_epoch)
            and not any(_explains(r.value, claim, hedge) for r in unrounded or [])
        ):
            finding = grounded(finding)
        yield finding


# The roles a number can play in a count; the others only qualify one (global, per device,
# a total over the run).
_BASE_ROLES = frozenset({SAMPLES, PART, BATCH, DEVICES, ACCUMULATION, EPOCHS, SHARE, CLAIM})
# Quantities that make the solver choose: the trained part (a share or a held-out part),
# micro-batches or optimizer steps.
_CHOOSING = (PART, SHARE, ACCUMULATION)


# A note that splits its data in words the roles above do not read ("2,000 go to a dev
# split", "training uses whatever is left"): which part trains is then a guess, so a count no
# reading explains is no error. Both a held-out use and a verb of splitting are asked for, as
# "the remaining 40 samples" alone is a partial batch's remainder.
_HELD_OUT_USE = lazy_regex(
    r"\b(?:validat(?:e|es|ed|ing|ion)|val|test(?:ing)?|dev|evaluation|held[- ]?out|holdout)\b",
    re.I,
)
_SPLITS_OFF = lazy_regex(
    r"\b(?:held|hold(?:s|ing)?)[ -]?out\b|\bhold(?:s|ing)?\b[^.;\n]{1,30}?\bout\b|\bholdout\b"
    r"|\b(?:set|put|kept|keep(?:s|ing)?|moved?|sets?)[ \t]+(?:aside|apart|back)\b"
    r"|\breserv\w*|\bwithh(?:eld|old\w*)|\bsplit(?:s|ting)?\b|\bvalidation_split\b"
    r"|\bthe[ \t]+(?:rest|remainder|others)\b|\bremaining\b|\bleft[ \t]+over\b"
    r"|\bwhat(?:'s|[ \t]+is|[ \t]+remains)[ \t]*(?:left)?\b",
    re.I,
)


def _splits_unread(pool: _Pool) -> bool:
    """Whether the note's words split its data off though no share or part was read."""
    if pool.values.get(SHARE) or pool.values.get(PART):
        return False
    return bool(_HELD_OUT_USE.search(pool.text) and _SPLITS_OFF.search(pool.text))


def _grounded(pool: _Pool, claim: Stated, one_epoch: bool) -> bool:
    """Whether a count no reading explains is wrong by the note's words alone: the claim's
    own words label it, the note states one data set and one batch (and at most one number of
    epochs, which the claim's words say it counts over or not), each number's words give it
    that role only, and nothing leaves the solver a choice of assignment (a split, devices,
    accumulation, folds, a warm-up's phases, a documented data set's size). Devices leave
    no choice where the batch's own words say it is per device or global, and the note states
    one number of them. The caller also asks that neither rounding explains the claim (no
    loader default decided it)."""
    if claim.roles & _BASE_ROLES != {CLAIM} or pool.folds != 1 or pool.device_shares:
        return False
    if _splits_unread(pool):
        return False  # which part of a split trains is not read: a guess
    others = {
        role: [s for s in pool.values.get(role, []) if s.start != claim.start]
        for role in (*_CHOOSING, SAMPLES, BATCH, EPOCHS, DEVICES)
    }
    if any(others[role] for role in _CHOOSING):
        return False
    kinds = ({PER_DEVICE}, {GLOBAL}) if others[DEVICES] else (frozenset(),)
    if any(s.roles - {BATCH} not in kinds for s in others[BATCH]):
        return False  # a batch per device or over all: the words do not say which
    devices = (DEVICES, 1 if others[DEVICES] else 0)
    singles = ((SAMPLES, 1), (BATCH, 1), (EPOCHS, 1 if others[EPOCHS] else 0), devices)
    for role, most in singles:
        values = {s.value for s in others[role]}
        if len(values) != most or any(
            s.roles & _BASE_ROLES != {role} or not s.text[:1].isdigit() for s in others[role]
        ):
            return False
    if others[EPOCHS]:
        stated = {s.value for s in others[EPOCHS]}
        if with_resumed_runs(stated, pool.text) != stated or _schedule_phases(stated, pool.text):
            return False  # a resumed run or a warm-up's phases: several epoch counts
        if not one_epoch and not claim.roles & {TOTAL, RUN_TOTAL}:
            return False  # one epoch's count or the run's: the claim's words do not say
    return True


# "30 x 175 = 5,250": exactly two factors before the result
_TWO_FACTORS = lazy_regex(
    rf"(?P<a>{NUMBER_PATTERN})[ \t]*[*\N{{MULTIPLICATION SIGN}}x\N{{MIDDLE DOT}}][ \t]*"
    rf"(?P<b>{NUMBER_PATTERN})[ \t]*(?:=|\N{{ALMOST EQUAL TO}})[ \t]*$"
)
# Inline code that assigns a run's steps as a product: "`total_steps = 30 x 175 = 5,250`",
# "`max_steps = 10 * 782  # 7820`". The prose view blanks it, so its numbers are read here.
_CODE_TOTAL = lazy_regex(
    r"(?<!`)`[ \t]*\w*(?:steps|iters|iterations|updates)\w*[ \t]*=[ \t]*"
    rf"(?P<calc>{NUMBER_PATTERN}[ \t]*[*\N{{MULTIPLICATION SIGN}}x\N{{MIDDLE DOT}}][ \t]*"
    rf"{NUMBER_PATTERN}[ \t]*(?:=|\N{{ALMOST EQUAL TO}}|\#)[ \t]*)"
    rf"(?P<r>{NUMBER_PATTERN})[ \t]*`(?!`)",
    re.I,
)


# The same product in a code block's comment: "# total iterations = 45_000 * 30 = 1_350_000".
_COMMENT_TOTAL = lazy_regex(
    r"^[ \t]*#[ \t]*(?:[A-Za-z_]+[ \t]+){0,2}\w*(?:steps|iters|iterations|updates)[ \t]*"
    rf"=[ \t]*(?P<calc>{NUMBER_PATTERN}[ \t]*[*\N{{MULTIPLICATION SIGN}}x][ \t]*"
    rf"{NUMBER_PATTERN}[ \t]*=[ \t]*)(?P<r>{NUMBER_PATTERN})[ \t]*$",
    re.I | re.M,
)


def _code_totals(document: LintDocument) -> dict[int, re.Match[str]]:
    """Each inline-code or commented product of a run's steps, by its result's offset."""
    found = list(_CODE_TOTAL.finditer(document.text, document.body_offset))
    for block in document.code_blocks:
        start = document.offset_of_line(block.first_line)
        end = min(
            len(document.text), start + len(block.code) + block.indent * block.code.count("\n")
        )
        found += _COMMENT_TOTAL.finditer(document.text, start, end)
    return {match.start("r"): match for match in found}


def _epoch_factor_findings(
    text: str, pool: _Pool, claim: Stated, start: int, drops: bool
) -> Iterator[Finding]:
    """The steps factor of "epochs x steps = total" (written from ``start`` up to the claim),
    judged as one epoch's count where the other factor is the note's one stated number of
    epochs: the product's right arithmetic hides a wrong count of one epoch."""
    written = _TWO_FACTORS.search(text.replace("#", "="), start, claim.start)
    epochs = {s.value for s in pool.of(EPOCHS, claim)}
    if written is None or len(epochs) != 1:
        return
    factors = [
        number
        for group in ("a", "b")
        for number in find_numbers(text, written.start(group), written.end(group))
    ]
    if len(factors) != 2 or factors[0].value * factors[1].value != claim.value:
        return
    steps = [number for number in factors if number.value not in epochs]
    if len(steps) != 1 or steps[0].value < 2:
        return
    number = steps[0]
    if hedge_of(text, start, claim.start) is not None:
        return
    factor = Stated(number.start, number.end, number.value, shown(number), frozenset({CLAIM}))
    # (a drop named anywhere allows both roundings: the factor's own words set none)
    floor, ceil = _rounding(text, factor, False, drops)
    readings = _over_run(factor, _readings(pool, factor, floor, ceil), True)
    if not readings or any(_explains(r.value, factor, None) for r in readings):
        return
    lenient = _over_run(factor, _readings(pool, factor, floor, ceil, lenient=True), True)
    if lenient is None or any(_explains(r.value, factor, None) for r in lenient):
        return
    yield Finding(factor.start, factor.end, _message(readings, factor))


_KEEP_FLAG = lazy_regex(rf"drop[_ ](?:last|remainder)`?[ \t]*=[ \t]*`?False|{DROP_FLAG_IS}False\b")


def _keeps_only(note: str) -> bool:
    """Whether the note sets its loader to keep the last partial batch (``drop_last=False``
    as its own setting) and drops it nowhere: an epoch is then ⌈N / B⌉ batches only."""
    kept = any(not supposed_setting(note, m.start(), m.end()) for m in _KEEP_FLAG.finditer(note))
    return (
        kept
        and not _stated_drop(note)
        and re.search(r"\bTPU", note) is None
        and FLOORED_COUNT.search(note) is None
    )


def run_lengths(document: LintDocument) -> tuple[set[Fraction], set[Fraction]] | None:
    """(steps of one epoch, steps of the whole run) by every reading of the note's stated
    quantities; None where the note is no single modelled run (see ``solver_findings``)."""
    text = epoch_prose(document)
    body = text[document.body_offset :]
    note = document.text[document.body_offset :]
    if not _TOPIC.search(body) or _unmodelled(note, k_folds(text, document.body_offset)):
        return None
    if len({m[0].lower().replace("-", "") for m in _DATASET_NAMES.finditer(note)}) > 1:
        return None
    pool = _pool(document, text, stated_numbers(document))
    run = Stated(-1, -1, Fraction(0), "", frozenset({CLAIM, RUN_TOTAL}))
    readings = _readings(pool, run, floor=not _keeps_only(note), ceil=True)
    if not readings:
        return None
    epoch = {r.value for r in readings if r.epochs == 1}
    over_run = _over_run(run, readings) or []
    return epoch, {r.value for r in over_run}


# A count said to be one epoch's: "391 steps per epoch", "each epoch is 391 steps".
_PER_EPOCH_AFTER = lazy_regex(
    r"[^.;:\n\d]{0,30}?\b(?:per|each|every|an?|one|in[ \t]+(?:one|each|every|an?))[ \t]+"
    r"(?:single[ \t]+|training[ \t]+)?epoch\b(?![ \t]+of[ \t]+\d)",
    re.I,
)
_PER_EPOCH_BEFORE = lazy_regex(
    r"\b(?:per|each|every|one|an?)[ \t]+(?:single[ \t]+|training[ \t]+)?epoch\b[^.,;\n\d]{0,30}$"
    r"|/[ \t]*epoch\b[^.;\n\d]{0,12}$",
    re.I,
)


def _unsharded(
    document: LintDocument,
    text: str,
    pool: _Pool,
    claim: Stated,
    calculation: re.Match[str],
    in_math: bool,
) -> str | None:
    """``unsharded_count`` for the written calculation before a claim."""
    stop = calculation.start("r") if in_math else claim.start
    terms = calculation.string[calculation.start() : stop].replace("{,}", ",")
    return unsharded_count(
        document.text[document.body_offset :],
        text,
        (claim.start, claim.end, claim.value),
        [number.value for number in find_numbers(terms)],
        [s.value for s in pool.of(SAMPLES, claim)],
        [s.value for s in pool.of(DEVICES, claim)],
        [s.value for s in pool.of(BATCH, claim) if GLOBAL in s.roles],
    )


def _trained_beside(
    pool: _Pool, claim: Stated, calculation: int, in_math: frozenset[Fraction] = frozenset()
) -> set[Fraction]:
    """The sizes of data its paragraph states besides the data set a written calculation
    divides, in a note that splits its data (a held-out share or part, or folds); empty
    otherwise. ``in_math``: the numbers of a calculation written in LaTeX, which the prose
    view blanks."""
    if not pool.values.get(SHARE) and not pool.values.get(PART):
        return set()
    sizes = pool.values.get(SAMPLES, [])
    # the calculation's numbers, whatever role their own words gave them, that size the data
    written = set(in_math) | {
        s.value
        for found in pool.values.values()
        for s in found
        if calculation <= s.start < claim.start
    }
    divided = written & {s.value for s in sizes}
    if not divided:
        return set()
    own = pool.block(claim.start)
    return {
        s.value
        for s in sizes
        if pool.block(s.start) == own and s.start < calculation and s.value not in divided
    }


# A count given as the result of a LaTeX calculation, its noun after the math:
# "$\lceil 9000 / 32 \rceil = 282$ steps per epoch"
_MATH_RESULT = lazy_regex(
    r"(?<!\$)\$(?!\$)[^$\n]*?[/\\](?:[^$\n]*?)=[ \t]*(?P<r>\d{1,3}(?:(?:\{,\}|,)\d{3})+|\d+)"
    r"[ \t]*\$[ \t]*(?:\*\*)?[ \t]*(?:training[ \t]+)?(?:steps|iterations|batches|updates)\b"
)


def _digits(written: str) -> str:
    return written.replace("{,}", "").replace(",", "")


def _math_results(document: LintDocument) -> dict[int, re.Match[str]]:
    """Each LaTeX calculation whose result counts steps, by the result's offset."""
    found = _MATH_RESULT.finditer(document.text, document.body_offset)
    return {match.start("r"): match for match in found}


def _math_numbers(match: re.Match[str]) -> frozenset[Fraction]:
    """The numbers of a LaTeX calculation before its result."""
    terms = match.string[match.start() : match.start("r")].replace("{,}", ",")
    return frozenset(number.value for number in find_numbers(terms))


def _says_per_epoch(text: str, claim: Stated) -> bool:
    """Whether the claim's own words make it one epoch's count, which no epochs multiply."""
    line_start = text.rfind("\n", 0, claim.start) + 1
    return (
        _PER_EPOCH_AFTER.match(text, claim.end) is not None
        or _PER_EPOCH_BEFORE.search(text, max(line_start, claim.start - 40), claim.start)
        is not None
    )


def _over_run(
    claim: Stated, readings: list[_Reading] | None, one_epoch: bool = False
) -> list[_Reading] | None:
    """A total over the run ("total steps: 750" beside "epochs: 3") is judged over the stated
    epochs only: one epoch's count is no total of several. "… in total" with no epochs stated
    is a run of one pass. A count of one epoch ("391 steps per epoch", a progress bar) is
    judged over one epoch only."""
    if readings is not None and one_epoch and not claim.roles & {TOTAL, RUN_TOTAL}:
        return [reading for reading in readings if reading.epochs == 1] or None
    if readings is None or not claim.roles & {TOTAL, RUN_TOTAL}:
        return readings
    over_epochs = [reading for reading in readings if reading.epochs > 1]
    if over_epochs or TOTAL in claim.roles:
        return over_epochs or None
    return readings


def _message(
    readings: Sequence[_Reading], claim: Stated, own: frozenset[Fraction] = frozenset()
) -> str:
    # The reading of the largest trained part, rounded as the note's loaders round.
    rounded = [r for r in readings if r.how.startswith(("⌈", "⌊"))] or list(readings)
    # a total over the run is shown over the stated epochs, a count per epoch over one
    over_run = [r for r in rounded if (r.epochs > 1) == bool(claim.roles & {TOTAL, RUN_TOTAL})]
    # (the data set and batch the claim's own table row states, first; among equals the first
    # reading, in the fixed order ``_readings`` builds them in)
    first = max(over_run or rounded, key=lambda r: ({r.samples, r.batch} <= own, r.samples))
    how = first.how
    if first.epochs > 1:
        how = f"{how} \N{MULTIPLICATION SIGN} {_n(first.epochs)}"
    return (
        f"no reading of the stated sizes gives {claim.text} steps: {how} = "
        f"{_n(first.value)} (data set {_n(first.samples)}, batch {_n(first.batch)}; also tried "
        "validation splits, accumulation, devices and stated epochs): correct the count"
    )
