"""Notes that ask the same thing twice, in one deck or across decks: exact copies and questions
that say the same in other words."""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, combinations
from math import comb, floor
from pathlib import Path
from random import Random
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from ankigen.diagnostics import Severity
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rule import LintConfig, Located, ProjectRule, Rule
from ankigen.lint.rules.quality import cloze_text_end
from ankigen.source import cloze
from ankigen.source.model import NoteType

if TYPE_CHECKING:  # imported where the candidate search runs: about 0.1 s of a run's start
    import numpy as np

THRESHOLD = 90
# fuzz.ratio >= t needs shorter/longer length >= t / (200 - t): longer strings are skipped.
_TITLE_WORDS = 3  # a shorter cloze title ("Softmax") names a topic, not what is asked
_CHUNK = 512  # rows per cdist call: bounds memory at 10,000s of notes
_SAME_WORD = 85  # two content words this similar are one word spelt differently ("dropuot")
_FUZZY_WORD = 5  # a shorter word must match exactly
_PER_WORD = 8  # _same_words allows at most one unmatched word in this many
# Word lengths that can reach _SAME_WORD - 1: the longer at most 116/84 times the shorter.
_WORD_SPAN = (200 - _SAME_WORD + 1) / (_SAME_WORD - 1)
_BLOCK = 4096  # units hashed per numpy step: bounds the memory at 100,000s of notes
_SUBSETS = 128  # subsets a unit yields per D (see _shared): more make fewer candidates
_REPORTED_PER_NOTE = 3  # findings per note at most: its most similar earlier notes
_CROWD = 128  # in a group of units sharing a subset, each is paired with this many before it
# Up to this many pairs in the length windows every pair is scored (a project's content/, a
# few hundred questions: milliseconds); beyond, only the candidates' (numpy, imported then).
_DIRECT_PAIRS = 100_000

# "Explain X", "Define X", "What do you understand by X", "What is the role of X": all ask
# "what is X".
_DEFINITION = lazy_regex(
    r"^\s*(?:explain|define|describe|what do you (?:mean|understand) by|what is meant by"
    r"|what (?:is|are) the (?:role|purpose) of|what are|what's)\b",
    re.IGNORECASE,
)
# Context that every card of these decks shares: it does not make a question different.
_FILLER = lazy_regex(
    r"\bin (?:deep|machine) learning\b|\bin (?:an? )?(?:deep |artificial )?neural networks?\b",
    re.IGNORECASE,
)
# Letters and digits of any alphabet ("что", "질문"), but not Chinese or Japanese characters,
# which _ideograph_pairs reads: two Russian questions that share only "Python" are not one.
_WORD = lazy_regex(r"(?:(?![\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])[^\W_])+")
_BRITISH = lazy_regex(r"is(e|es|ed|ing|ation|ations|er|ers)$")  # "normalise" -> "normalize"
_CLAUSE_BREAK = lazy_regex(
    r"[?;!]|\.(?=\s|$)|,\s*(?:and\s+|or\s+|but\s+)?(?=(?:how|why|what|which|when|where|who"
    r"|is|are|does|do|can|should)\b)",
    re.IGNORECASE,
)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOP = _word_set(
    "a an the is are was were be been being do does did has have had of in on at to for "
    "from by with as and or but can could should would will shall may might must you your "
    "we our us i me my so than"
)
# A clause with these leans on another clause ("how does it work"): not a question alone.
_ANAPHORA = _word_set(
    "it its they them their this that these those there then such each either both one other "
    "former latter same"
)
# A clause without one of these is context ("In TensorFlow 2, …"), not a question.
_ASKING = _word_set("what how why which when where who whom whose name list explain define")
# Words that say nothing about the topic ("and what is the catch?").
_GENERIC = _word_set(
    "what how why which when where who whom whose not no catch difference purpose role point "
    "idea use advantage disadvantage benefit drawback downside problem reason effect result "
    "example alternative fix solution intuition tradeoff trade off cost limitation meaning "
    "goal aim standard main usual common typical key best work happen mean matter "
    # "…, what is going on?", "…, what went wrong?", "…, what do you do next?": a diagnosis
    # asked of the scenario before it, not a topic.
    "going go goe went gone doing done wrong next now happening happened likely"
)


# Joins a unit's sorted words in a note's input: no word holds a line break (code spans end at
# one), so the words come back exactly.
_JOIN = "\n"


@dataclass(frozen=True, slots=True)
class _Unit:
    """Something a note asks: its question, one self-contained clause of it, a cloze text.

    Every unit of the project is held while they are compared, so a unit is small: its words
    a tuple of shared strings (the same words recur across notes), its key made only for the
    pairs that are scored."""

    note: int  # the note's index in path order
    kind: str  # "question", "part of the question", "title" or "cloze text": for the message
    words: tuple[str, ...]  # each once
    joined: str  # the words, sorted, joined by _JOIN: the note's input

    @property
    def key(self) -> str:
        """The content words, sorted: order does not make a question different."""
        return self.joined.replace(_JOIN, " ")


_BODY_DIGITS = 20  # hex digits of a body's digest that AG140 keeps
_INT, _TWO, _STR = frozenset({int}), frozenset({2}), frozenset({str})


class NearDuplicate(ProjectRule):
    """Two notes ask the same thing, or are the same note twice.

    Decks built from several articles repeat their questions ("What is data augmentation?"
    comes from both seed articles); learners then review one fact twice under two schedules.
    Compared across every deck are the questions of basic and code notes, and the cloze texts
    (markers removed) and titles of three or more words of cloze notes. Question words are
    kept ("why" is not "how"), and so are inline code, bare operators ("the >> operator") and
    calls ("or()"); function words, spelling variants ("normalise") and shared context ("in
    deep learning") are not. Two notes are reported when their sorted content
    words are at least 90% similar (rapidfuzz ``fuzz.ratio``; the threshold is fixed) and the
    words themselves agree (words of any alphabet: two Russian questions do not agree because
    both say "Python"): a word spelt differently ("dropuot") still matches, inline code only
    exactly (`'r'` is not `'r+'`), and in a
    question of under eight words no word may be added or replaced, since "too high" and "too
    low", or "ReLU" and "leaky ReLU", are different questions. A self-contained clause of a
    question counts on its own ("What is X, and why does it help?" also asks "What is X?").
    Identical note bodies are reported too. The later note by path is reported and names the
    earlier one (at most the three most similar earlier ones): merge the notes, or make the
    questions distinct.
    """

    code = "AG140"
    name = "near-duplicate"
    severity = Severity.WARNING
    summary = "two notes ask (nearly) the same question, in one deck or across decks"
    bad = "# What is data augmentation, and why does it help?\n\nMore varied training data.\n"
    good = "# How does data augmentation reduce overfitting?\n\nMore varied training data.\n"
    # ``_kept`` makes the compact form of an input (words interned once, not every string).
    compact_inputs = False

    def note_input(self, document: LintDocument, config: LintConfig) -> dict[str, Any]:
        """Where the note's front is, a digest of its body, and what it asks (its units)."""
        start, end = _front(document)
        body = " ".join(document.body.split())
        return {
            "front": [*document.position(start), *document.position(max(end, start))],
            # 80 bits tell 100,000 bodies apart (a clash is about 1 in 10^14) at a third of
            # the bytes: every note's input is kept for the whole run.
            "body": hashlib.sha256(body.encode()).hexdigest()[:_BODY_DIGITS],
            # One string per unit, not one per word: kept for every note of the project.
            "units": [[kind, _JOIN.join(sorted(words))] for kind, words in _units(document)],
        }

    def valid_input(self, data: Any) -> bool:
        try:
            front, body, units = data["front"], data["body"], data["units"]
            # Each unit a pair of strings, tested without a Python call per unit (this runs
            # on every note of a deck taken from its record): as unpacking ``kind, words``.
            return (
                len(data) == 3
                and len(front) == 4
                and set(map(type, front)) <= _INT
                and isinstance(body, str)
                and set(map(len, units)) <= _TWO
                and set(map(type, chain.from_iterable(units))) <= _STR
            )
        except (KeyError, TypeError, ValueError):
            return False

    def check_inputs(
        self, inputs: Iterable[tuple[str, Any]], config: LintConfig
    ) -> Iterator[tuple[Path, Located]]:
        # One note's input at a time (a run decodes each as it is read): only where it is, its
        # body's digest and its units are kept, never every note's decoded input at once.
        kept = _in_path_order(list(map(_kept, inputs)))
        exact = dict(_exact_pairs([note.body for note in kept]))  # later -> earlier
        for later, earlier in sorted(exact.items()):
            message = f"the note is identical to {_where(kept[earlier])}: delete one of the two"
            yield Path(kept[later].path), _located(kept[later], message)
        similar = _most_similar_earlier(_kept_best_pairs(kept))
        for (earlier, later), (score, kind) in sorted(similar.items(), key=_later_first):
            if exact.get(later) == earlier:
                continue
            message = (
                f"{kind} is {round(score)}% similar to {_where(kept[earlier])}: merge the "
                "notes or make the questions distinct"
            )
            yield Path(kept[later].path), _located(kept[later], message)


@dataclass(slots=True)
class _Kept:
    """What AG140 keeps of one note's input while it compares them."""

    path: str  # the run's own string (a ``Path`` a note would cost about 270 bytes more)
    front: tuple[int, int, int, int]  # line, column, end line, end column
    body: str  # the hex digits of its digest
    units: list[tuple[str, str]] | None  # kind, joined words; None once taken


def _path_order(path: str) -> str:
    """A key that sorts path strings as ``Path`` objects sort (part by part: "a/b/c.md"
    before "a/b-c.md"): the separator below every other character, and the root, a part of
    its own, before it."""
    if path.startswith("/"):
        return "/\0" + path[1:].replace("/", "\0")
    return path.replace("/", "\0")


def _in_path_order(kept: list[_Kept]) -> list[_Kept]:
    """``kept`` sorted by path as ``Path`` objects sort. A run hands the notes over in that
    order already (decks and their notes sorted), so the sort keys, a new string a note, are
    made only when it did not."""
    previous = ""
    for note in kept:
        key = _path_order(note.path)
        if key < previous:
            return sorted(kept, key=lambda note: _path_order(note.path))
        previous = key
    return kept


def _kept(item: tuple[str, Any]) -> _Kept:
    path, data = item
    line, column, end_line, end_column = data["front"]
    # The words are split and interned only if the notes are compared (``_best_pairs``).
    units = [(sys.intern(kind), words) for kind, words in data["units"]]
    return _Kept(path, (line, column, end_line, end_column), data["body"], units)


_Pairs = dict[tuple[int, int], tuple[float, str]]


def _kept_best_pairs(kept: Sequence[_Kept]) -> _Pairs:
    """``_best_pairs``, or what it gave the last time the notes asked the same: it is a
    function of every note's units in order alone (neither paths nor bodies enter it), so an
    edit that leaves every question as it was (an answer fixed, a tag added) needs no
    comparison and no numpy. Kept in the cache's derived data, keyed by a digest of the code
    (this module's constants included) and of every note's units; none without a cache."""
    from ankigen.cache.files import (
        code_fingerprint,
        derived_data,
        digest,
        keep_derived_data,
        keeps_derived_data,
    )

    if not keeps_derived_data():
        # --no-cache: no key to make (the code's fingerprint reads every source file of
        # ankigen, about 25 ms, which no other part of such a run needs).
        return _best_pairs(kept)
    parts = [code_fingerprint(), str((THRESHOLD, _DIRECT_PAIRS, _CROWD, _SUBSETS))]
    for note in kept:
        parts.append(str(len(note.units or ())))
        parts += [part for unit in note.units or () for part in unit]
    key = digest(*parts)
    kinds = {kind for note in kept for kind, _ in note.units or ()}
    stored = _decoded_pairs(derived_data(_STORED_PAIRS, key), len(kept), kinds)
    if stored is not None:
        return stored
    best = _best_pairs(kept)
    encoded = [[earlier, later, score, kind] for (earlier, later), (score, kind) in best.items()]
    keep_derived_data(_STORED_PAIRS, key, encoded)
    return best


_STORED_PAIRS = "AG140-similar-pairs"


def _decoded_pairs(data: Any, notes: int, kinds: set[str]) -> _Pairs | None:
    """Stored ``_best_pairs`` (None when absent or malformed: the cache is never trusted)."""
    if not isinstance(data, list):
        return None
    pairs: _Pairs = {}
    try:
        for earlier, later, score, kind in data:
            if not (
                type(earlier) is int
                and type(later) is int
                and 0 <= earlier < later < notes
                and type(score) in (int, float)
                and THRESHOLD <= score <= 100
                and kind in kinds
            ):
                return None
            pairs[(earlier, later)] = (float(score), kind)
    except (TypeError, ValueError):
        return None
    return pairs


def _best_pairs(kept: Sequence[_Kept]) -> _Pairs:
    """(earlier, later) note indexes -> best score and what of the later note matched."""
    units: list[_Unit] = []
    for index, note in enumerate(kept):
        units.extend(
            _Unit(index, kind, tuple(dict.fromkeys(map(sys.intern, joined.split(_JOIN)))), joined)
            for kind, joined in note.units or ()
        )
        note.units = None  # held by the units now
    best: dict[tuple[int, int], tuple[float, str]] = {}
    for first, second, score in _similar_pairs(units):
        if first.note > second.note:
            first, second = second, first
        pair = (first.note, second.note)
        if score > best.get(pair, (0.0, ""))[0]:
            best[pair] = (score, second.kind)
    return best


def _most_similar_earlier(
    pairs: dict[tuple[int, int], tuple[float, str]],
) -> dict[tuple[int, int], tuple[float, str]]:
    """At most _REPORTED_PER_NOTE pairs per later note: its most similar earlier notes (the
    earliest among equals). A note that repeats a question asked a hundred times gets three
    findings, not a hundred."""
    by_later: dict[int, list[tuple[float, int, str]]] = {}
    for (earlier, later), (score, kind) in pairs.items():
        by_later.setdefault(later, []).append((-score, earlier, kind))
    kept: dict[tuple[int, int], tuple[float, str]] = {}
    for later, partners in by_later.items():
        for negative_score, earlier, kind in sorted(partners)[:_REPORTED_PER_NOTE]:
            kept[(earlier, later)] = (-negative_score, kind)
    return kept


def _later_first(item: tuple[tuple[int, int], tuple[float, str]]) -> tuple[int, int]:
    return item[0][1], item[0][0]


def _exact_pairs(bodies: Sequence[str]) -> Iterator[tuple[int, int]]:
    """(later, first) indexes of notes whose bodies are the same text, whitespace aside (each
    body given as a digest of that text)."""
    first_with: dict[str, int] = {}
    for index, body in enumerate(bodies):
        if body in first_with:
            yield index, first_with[body]
        else:
            first_with[body] = index


def _similar_pairs(units: list[_Unit]) -> Iterator[tuple[_Unit, _Unit, float]]:
    """Pairs of units of different notes whose keys score >= THRESHOLD and whose words match.

    Units are sorted by key length and pairs come in that order (the earlier unit first), as
    from comparing every unit with every later one within the length window (``_windows``).
    That is what a small project does (up to _DIRECT_PAIRS pairs); beyond, only the pairs
    that ``_candidates`` proves may pass ``_same_words`` are scored, so the work stays
    near-linear where comparing all pairs in the window grew with n². Both give the same pairs
    (tests/test_duplicates_speed.py).
    """
    units = sorted(units, key=lambda unit: len(unit.joined))  # as long as its key
    if len(units) < 2:
        return
    stops = _windows([len(unit.joined) for unit in units])
    if sum(stops) - len(units) * (len(units) + 1) // 2 <= _DIRECT_PAIRS:
        pairs: Iterable[tuple[int, int, int]] = _scored_window(units, stops)
    else:
        pairs = _scored_candidates(units, stops)
    for i, j, score in pairs:
        if score and _same_words(units[i], units[j]):
            yield units[i], units[j], float(score)


def _scored_window(units: Sequence[_Unit], stops: Sequence[int]) -> Iterator[tuple[int, int, int]]:
    """Every pair (i, j), i < j < stops[i], of different notes, in that order, with its score
    rounded as ``_scored_candidates`` rounds it (half up; 0 below THRESHOLD)."""
    keys = [unit.key for unit in units]
    for i, (key, stop) in enumerate(zip(keys, stops, strict=True)):
        note = units[i].note
        for j in range(i + 1, stop):
            if units[j].note != note:
                yield i, j, _rounded(fuzz.ratio(key, keys[j], score_cutoff=THRESHOLD))


def _rounded(score: float) -> int:
    """A score as ``process.cpdist`` gives it in whole numbers: half up (90.5 -> 91)."""
    return floor(score + 0.5)


def _scored_candidates(units: Sequence[_Unit], stops: list[int]) -> list[tuple[int, int, int]]:
    """The candidate pairs (i, j) of different notes, in order, with their scores."""
    import numpy as np
    from rapidfuzz import process

    numbers: dict[int, int] = {}  # document -> number, to compare whole arrays
    note = np.array([numbers.setdefault(unit.note, len(numbers)) for unit in units])
    candidates = _candidates(units, stops)
    pairs = candidates[note[candidates[:, 0]] != note[candidates[:, 1]]].tolist()
    # The same call as on a whole matrix, pair by pair: the same rounding and cutoff.
    scores = process.cpdist(
        [units[i].key for i, _ in pairs],
        [units[j].key for _, j in pairs],
        scorer=fuzz.ratio,
        score_cutoff=THRESHOLD,
        dtype=np.uint8,
        workers=-1,
    )
    return [(i, j, score) for (i, j), score in zip(pairs, scores.tolist(), strict=True)]


def _windows(lengths: Sequence[int]) -> list[int]:
    """For each unit (by key length), the end of the units it is compared with.

    fuzz.ratio >= THRESHOLD needs the longer key's length b and the shorter's a to satisfy
    200 * a / (a + b) >= THRESHOLD, that is b <= a * (200 - THRESHOLD) / THRESHOLD. The bound
    is taken from the longest key of the unit's chunk of _CHUNK rows (a wider window, never a
    narrower one) and in whole numbers: a floating-point division left out pairs that score
    exactly the threshold (99 characters inside 121).
    """
    stops: list[int] = []
    for row in range(0, len(lengths), _CHUNK):
        end = min(row + _CHUNK, len(lengths))
        longest = int(lengths[end - 1]) * (200 - THRESHOLD) // THRESHOLD
        stops += [bisect.bisect_right(lengths, longest)] * (end - row)
    return stops


def _candidates(units: Sequence[_Unit], windows: Sequence[int]) -> np.ndarray:
    """(i, j) index pairs, i < j < stops[i], sorted: a superset of the pairs that can match.

    Why it is a superset: words that ``_unmatched`` may take as one (equal, or
    ``_SAME_WORD`` similar) always share a class (``_word_classes``). ``_same_words`` lets
    each unit of a pair have at most D = (more words of the two) // _PER_WORD unmatched
    words, so each has at most D classes the other lacks, and they share at least one (no
    unit is all unmatched). Of each unit's classes, rarest first, the first K shared ones
    then lie within its first D + K: both units yield that K-subset of their first D + K
    classes, or, if they share fewer than K, the set they share, which is each one's
    classes but at most D of them. A unit yields these subsets (with D as a tag) for every
    D it can have with a partner in its length window; two units are a candidate pair when
    they yield the same subset, which needs many shared rare words.
    """
    import numpy as np

    stops = np.asarray(windows, dtype=np.int64)
    # Flat arrays, not a set per unit: this runs over every word of every note.
    words = [word for unit in units for word in unit.words]
    classes = _word_classes(sorted(set(words)))
    counts = np.array([len(unit.words) for unit in units], dtype=np.int64)
    pairs = _sorted_unique(
        np.repeat(np.arange(len(units)), counts) * len(classes)
        + np.fromiter(map(classes.__getitem__, words), dtype=np.int64, count=len(words))
    )  # (unit, class), each once
    del words
    owner, flat = pairs // len(classes), pairs % len(classes)
    del pairs
    frequency = np.bincount(flat, minlength=len(classes))
    flat = flat[np.lexsort((flat, frequency[flat], owner))]  # each unit's, rarest first
    sizes = np.bincount(owner, minlength=len(units))
    del owner
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    # D ranges from the unit's own words to the most a partner can have (one in its window).
    low = counts // _PER_WORD
    high = np.maximum(counts, np.maximum.accumulate(counts)[stops - 1]) // _PER_WORD
    # A subset's hash is the sum (mod 2**64) of random numbers for its classes and for D, so
    # all units' subsets are hashed at once; a collision only adds a candidate. The unit
    # goes in the low bits, so that one plain sort groups the units of each hash. Python's
    # own generator makes the numbers: importing numpy.random costs a run about 30 ms.
    size = len(classes) + int(high.max()) + 1
    random = np.frombuffer(Random(0).randbytes(8 * size), dtype=np.uint64)
    values = random[flat]
    bits = np.uint64(max(1, (len(units) - 1).bit_length()))
    hash_bits = ~((np.uint64(1) << bits) - np.uint64(1))
    plan: list[tuple[int, int, np.ndarray, list[np.ndarray]]] = []  # D, prefix, units, drops
    for missing in range(int(high.max()) + 1):
        shared = _shared(missing)
        chosen = np.flatnonzero((low <= missing) & (missing <= high))
        prefixes = np.minimum(sizes[chosen], missing + shared)
        for prefix in sorted(set(prefixes.tolist())):  # np.unique would import numpy.ma
            # Keep at most K, drop at most D, keep at least one.
            drops = [
                np.array(list(combinations(range(prefix), dropped)), dtype=np.intp).reshape(
                    comb(prefix, dropped), dropped
                )
                for dropped in range(max(0, prefix - shared), min(missing, prefix - 1) + 1)
            ]
            plan.append((missing, prefix, chosen[prefixes == prefix], drops))
    signatures = np.empty(
        sum(len(group) * sum(len(drop) for drop in drops) for _, _, group, drops in plan),
        dtype=np.uint64,
    )  # filled in place: no second copy
    filled = 0
    for missing, prefix, group, drops in plan:
        for block in range(0, len(group), _BLOCK):  # bounds the memory of one step
            owners = group[block : block + _BLOCK]
            matrix = values[starts[owners][:, None] + np.arange(prefix)]
            total = matrix.sum(axis=1) + random[len(classes) + missing]
            for drop in drops:
                signature = np.repeat(total[:, None], len(drop), axis=1)
                for column in drop.T:
                    signature -= matrix[:, column]
                signature &= hash_bits
                signature |= owners[:, None].astype(np.uint64)
                signatures[filled : filled + signature.size] = signature.ravel()
                filled += signature.size
    return _pairs_sharing(signatures, bits, stops)


def _shared(missing: int) -> int:
    """K for D = ``missing``: all classes (but D) up to D = 1, so that only near-copies share
    a subset; beyond, the largest K (at least 2) that keeps a unit's subsets, (D + K choose
    D), within _SUBSETS."""
    if missing <= 1:
        return 1 << 30
    shared = 2
    while comb(missing + shared + 1, missing) <= _SUBSETS:
        shared += 1
    return shared


def _pairs_sharing(signatures: np.ndarray, bits: np.uint64, stops: np.ndarray) -> np.ndarray:
    """The sorted (i, j) pairs, i < j < stops[i], of units with the same hash: signatures
    are hashes with the unit in the low ``bits``."""
    import numpy as np

    signatures.sort()  # hashes grouped, each group's units ascending
    hashes = signatures >> bits
    same = np.flatnonzero(hashes[1:] == hashes[:-1])  # positions k with k + 1 in a group
    del hashes
    if not len(same):
        return np.empty((0, 2), dtype=np.int64)
    unit = (np.uint64(1) << bits) - np.uint64(1)
    size = len(stops)
    runs = np.r_[0, np.flatnonzero(np.diff(same) != 1) + 1, len(same)]
    firsts, lasts = same[runs[:-1]], same[runs[1:] - 1] + 1  # each group's first, last
    # Most groups are two units: those at once, larger groups one by one.
    two = firsts[lasts == firsts + 1]
    codes = [
        (signatures[two] & unit).astype(np.int64) * size
        + (signatures[two + 1] & unit).astype(np.int64)
    ]
    # A larger group pairs each unit with the _CROWD units before it: notes that all ask the
    # same ("What does this snippet print?" a thousand times) would otherwise make n² pairs.
    larger = [
        members[earlier] * size + members[later]
        for start, end in zip(
            firsts[lasts > firsts + 1].tolist(), lasts[lasts > firsts + 1].tolist(), strict=True
        )
        for members in [(signatures[start : end + 1] & unit).tolist()]
        for later in range(1, len(members))
        for earlier in range(max(0, later - _CROWD), later)
    ]
    codes.append(np.array(larger, dtype=np.int64))
    code = _sorted_unique(np.concatenate(codes))  # one code per pair, in (i, j) order
    i, j = code // size, code % size
    pairs: np.ndarray = np.stack([i, j], axis=1)[(i < j) & (j < stops[i])]
    return pairs


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """np.unique, which is far slower for large integer arrays in some numpy versions."""
    import numpy as np

    values = np.sort(values)
    unique: np.ndarray = values[np.r_[True, values[1:] != values[:-1]]]
    return unique


def _word_classes(vocabulary: list[str]) -> dict[str, int]:
    """Each word -> its class: connected by the word pairs ``_unmatched`` may take as one.

    Those score fuzz.ratio >= _SAME_WORD, the word asked about having 5+ letters. Linked
    here, with a point of margin, are pairs scoring >= _SAME_WORD - 1 of which the longer has
    5+ letters: more links make larger classes, never a missed pair.
    """
    import numpy as np
    from rapidfuzz import process

    words = sorted(vocabulary, key=len)
    lengths = [len(word) for word in words]
    parent = list(range(len(words)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # A word of 3 letters or fewer scores at most 75 with one of 5+: it has no link.
    for row in range(bisect.bisect_left(lengths, _FUZZY_WORD - 1), len(words), _CHUNK):
        rows = words[row : row + _CHUNK]
        stop = bisect.bisect_right(lengths, lengths[row + len(rows) - 1] * _WORD_SPAN)
        if lengths[stop - 1] < _FUZZY_WORD:
            continue  # short words match only themselves
        scores = process.cdist(
            rows,
            words[row:stop],
            scorer=fuzz.ratio,
            score_cutoff=_SAME_WORD - 1,
            dtype=np.uint8,
            workers=-1,
        )
        for i, j in zip(*np.nonzero(scores), strict=True):
            if j > i and lengths[row + int(j)] >= _FUZZY_WORD:
                parent[root(row + int(i))] = root(row + int(j))
    return {word: root(k) for k, word in enumerate(words)}


def _same_words(first: _Unit, second: _Unit) -> bool:
    """Whether the content words agree: the score alone cannot tell "too high" from "too low".

    A word may be added in one word of eight ("add random image augmentation"); words that
    differ on both sides (a substitution) are allowed only in one word of ten, so only in long
    texts. A word that turns the question round is never an addition: "from a sub class" is
    not "from a class", "in a different package" not "in the same package".
    """
    words, others = frozenset(first.words), frozenset(second.words)
    if (words ^ others) & _CONTRASTING:
        return False
    extra = _unmatched(words, others), _unmatched(others, words)
    longer = max(len(words), len(others))
    if min(extra) == 0:
        return max(extra) <= longer // _PER_WORD
    return sum(extra) <= longer // 10  # never more than longer // _PER_WORD: see _candidates


def _unmatched(words: frozenset[str], others: frozenset[str]) -> int:
    return sum(
        word not in others
        and (
            len(word) < 5
            # Code is exact: `'r'` and `'r+'`, `==` and `!=` are different things.
            or word.startswith("`")
            or not any(
                fuzz.ratio(word, other) >= _SAME_WORD and not _negated(word, other)
                for other in others
            )
        )
        for word in words
    )


# Words that make a question about something else when added: "a sub class", "a different
# package", "without a GPU" ("same" is an anaphora elsewhere, so it is dropped from both).
_CONTRASTING = _word_set("different sub super non not without except opposite inverse reverse")
# "supervised" and "unsupervised" are one prefix apart, not one word spelt two ways.
_NEGATING_PREFIX = lazy_regex(r"^(?:un|non|in|im|il|ir|dis|de|anti|sub|super|semi|multi|pre|post)")


def _negated(word: str, other: str) -> bool:
    """Whether one word is the other behind a prefix that changes its sense."""
    shorter, longer = sorted((word, other), key=len)
    if not longer.endswith(shorter):
        return False
    return _NEGATING_PREFIX.fullmatch(longer[: len(longer) - len(shorter)]) is not None


def _units(document: LintDocument) -> Iterator[tuple[str, frozenset[str]]]:
    """What a note asks: (kind, content words) of its question and clauses, or cloze parts."""
    if document.note.meta.type is NoteType.CLOZE:
        title, text = _cloze_parts(document)
        title_words = _words(title)
        if len(title_words) >= _TITLE_WORDS:
            yield from _unit("title", title_words)
        yield from _unit("cloze text", _words(text))
        return
    if document.question is None:
        return
    question = document.text[slice(*document.question)]
    yield from _unit("question", _words(question))
    clauses = [clause for clause in _CLAUSE_BREAK.split(question) if clause.strip()]
    for clause in clauses if len(clauses) > 1 else ():
        words = _words(clause)
        if words & _ANAPHORA or not words & _ASKING or not words - _GENERIC:
            continue
        yield from _unit("part of the question", words)


def _unit(kind: str, words: set[str]) -> Iterator[tuple[str, frozenset[str]]]:
    """The unit of a text's words (computed once by the caller, which tests them too)."""
    words = words - _ANAPHORA
    if words:
        yield kind, frozenset(words)


# Inline code is content even when it holds no word: `/` and `//` are not `==` and `is`.
_CODE_SPAN = lazy_regex(r"`([^`\n]+)`")
# So are an operator written bare ("the >> operator") and a call ("the or() function": "or"
# alone would be a function word): "Which function overloads >>?" does not ask about or().
_BARE_OPERATOR = lazy_regex(
    r"(?<![^\s(\"'])(?:[<>=!+\-*/%&|^~@]{2,3}|[<>=%&|^~@+/])(?=[\s)\"'?,.:;]|$)"
)
_CALL = lazy_regex(r"(?<![\w.`])([A-Za-z_]\w*)\(\)")


def _words(text: str) -> set[str]:
    """Content words, lower case, British spelling and plurals folded; each code span whole."""
    spans = {f"`{span.strip()}`" for span in _CODE_SPAN.findall(text)}
    prose = _CODE_SPAN.sub(" ", text)
    spans |= {f"`{token}`" for token in _BARE_OPERATOR.findall(prose)}
    spans |= {f"`{name}()`" for name in _CALL.findall(prose)}
    text = _FILLER.sub(" ", _DEFINITION.sub("what is ", text)).lower()
    words = set(map(_fold, _WORD.findall(text))) | spans | _ideograph_pairs(text)
    words.discard("")
    return words


# Chinese and Japanese write no spaces: pairs of neighbouring characters stand for its words,
# so "Python迭代器的定义" and "Python迭代器实现的方法" share "迭代" but are no longer both
# just "python".
_IDEOGRAPHS = lazy_regex(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _ideograph_pairs(text: str) -> set[str]:
    pairs: set[str] = set()
    for run in _IDEOGRAPHS.findall(text):
        pairs.update(run[i : i + 2] for i in range(max(1, len(run) - 1)))
    return pairs


@functools.lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    """A word folded (cached: texts share most of their words), or "" for a function word."""
    if word in _STOP:
        return ""
    word = _BRITISH.sub(r"iz\1", word) if "is" in word else word
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return "" if word in _STOP else word


def _cloze_parts(document: LintDocument) -> tuple[str, str]:
    """A cloze note's title and its text before the Extra separator, markers removed."""
    text = document.text[document.body_offset : cloze_text_end(document)]
    title = ""
    heading = re.search(r"^ {0,3}# +(.*?)\s*$", text, re.MULTILINE)
    if heading is not None:
        title = heading.group(1)
        text = text[: heading.start()] + text[heading.end() :]
    return title, cloze.strip_markers(cloze.protect(text).text)


def _front(document: LintDocument) -> tuple[int, int]:
    """The span to report: the question or title, else the first line of the body."""
    if document.question is not None:
        return document.question
    start = document.body_offset + len(document.body) - len(document.body.lstrip())
    end = document.text.find("\n", start)
    return start, len(document.text) if end < 0 else end


def _located(note: _Kept, message: str) -> Located:
    return Located(*note.front, message)


def _where(note: _Kept) -> str:
    path = Path(note.path)
    return f"{path.parent.name}/{path.name}:{note.front[0]}"


RULES: tuple[Rule, ...] = (NearDuplicate(),)
