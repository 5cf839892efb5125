"""Notes that ask the same thing twice, in one deck or across decks: exact copies and questions
that say the same in other words."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from ankigen import cloze
from ankigen.diagnostics import Severity
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.rule import LintConfig, ProjectRule, Rule
from ankigen.lint.rules.quality import cloze_text_end
from ankigen.model import NoteType

THRESHOLD = 90
# fuzz.ratio >= t needs shorter/longer length >= t / (200 - t): longer strings are skipped.
_LENGTH_RATIO = THRESHOLD / (200 - THRESHOLD)
_TITLE_WORDS = 3  # a shorter cloze title ("Softmax") names a topic, not what is asked
_CHUNK = 512  # rows per cdist call: bounds memory at 10,000s of notes
_SAME_WORD = 85  # two content words this similar are one word spelt differently ("dropuot")

# "Explain X", "Define X", "What do you understand by X", "What is the role of X": all ask
# "what is X".
_DEFINITION = re.compile(
    r"^\s*(?:explain|define|describe|what do you (?:mean|understand) by|what is meant by"
    r"|what (?:is|are) the (?:role|purpose) of|what are|what's)\b",
    re.IGNORECASE,
)
# Context that every card of these decks shares: it does not make a question different.
_FILLER = re.compile(
    r"\bin (?:deep|machine) learning\b|\bin (?:an? )?(?:deep |artificial )?neural networks?\b",
    re.IGNORECASE,
)
_BRITISH = re.compile(r"is(e|es|ed|ing|ation|ations|er|ers)$")  # "normalise" -> "normalize"
_CLAUSE_BREAK = re.compile(
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
    "goal aim standard main usual common typical key best work happen mean matter"
)


@dataclass(frozen=True)
class _Unit:
    """Something a note asks: its question, one self-contained clause of it, a cloze text."""

    document: LintDocument
    kind: str  # "question", "part of the question", "title" or "cloze text": for the message
    words: frozenset[str]
    key: str  # the content words, sorted: order does not make a question different


class NearDuplicate(ProjectRule):
    """Two notes ask the same thing, or are the same note twice.

    Decks built from several articles repeat their questions ("What is data augmentation?"
    comes from both seed articles); learners then review one fact twice under two schedules.
    Compared across every deck are the questions of basic and code notes, and the cloze texts
    (markers removed) and titles of three or more words of cloze notes. Question words are
    kept ("why" is not "how"); function words, spelling variants ("normalise") and shared
    context ("in deep learning") are not. Two notes are reported when their sorted content
    words are at least 90% similar (rapidfuzz ``fuzz.ratio``; the threshold is fixed) and the
    words themselves agree: a word spelt differently ("dropuot") still matches, but in a
    question of under eight words no word may be added or replaced, since "too high" and "too
    low", or "ReLU" and "leaky ReLU", are different questions. A self-contained clause of a
    question counts on its own ("What is X, and why does it help?" also asks "What is X?").
    Identical note bodies are reported too. The later note by path is reported and names the
    earlier one: merge the notes, or make the questions distinct.
    """

    code = "AG140"
    name = "near-duplicate"
    severity = Severity.WARNING
    summary = "two notes ask (nearly) the same question, in one deck or across decks"
    bad = "# What is data augmentation, and why does it help?\n\nMore varied training data.\n"
    good = "# How does data augmentation reduce overfitting?\n\nMore varied training data.\n"

    def check_project(
        self, documents: Sequence[LintDocument], config: LintConfig
    ) -> Iterator[tuple[LintDocument, Finding]]:
        ordered = sorted(documents, key=lambda document: document.path)
        exact = dict(_exact_pairs(ordered))  # later index -> earlier index
        for later, earlier in sorted(exact.items()):
            message = f"the note is identical to {_where(ordered[earlier])}: delete one of the two"
            yield ordered[later], Finding(*_front(ordered[later]), message)
        similar = _best_pairs(ordered)
        for (earlier, later), (score, kind) in sorted(similar.items(), key=_later_first):
            if exact.get(later) == earlier:
                continue
            message = (
                f"{kind} is {round(score)}% similar to {_where(ordered[earlier])}: merge the "
                "notes or make the questions distinct"
            )
            yield ordered[later], Finding(*_front(ordered[later]), message)


def _best_pairs(ordered: Sequence[LintDocument]) -> dict[tuple[int, int], tuple[float, str]]:
    """(earlier, later) note indexes -> best score and what of the later note matched."""
    rank = {id(document): index for index, document in enumerate(ordered)}
    best: dict[tuple[int, int], tuple[float, str]] = {}
    for first, second, score in _similar_pairs([u for d in ordered for u in _units(d)]):
        if rank[id(first.document)] > rank[id(second.document)]:
            first, second = second, first
        pair = (rank[id(first.document)], rank[id(second.document)])
        if score > best.get(pair, (0.0, ""))[0]:
            best[pair] = (score, second.kind)
    return best


def _later_first(item: tuple[tuple[int, int], tuple[float, str]]) -> tuple[int, int]:
    return item[0][1], item[0][0]


def _exact_pairs(documents: Sequence[LintDocument]) -> Iterator[tuple[int, int]]:
    """(later, first) indexes of notes whose bodies are the same text, whitespace aside."""
    first_with: dict[str, int] = {}
    for index, document in enumerate(documents):
        body = " ".join(document.body.split())
        if body in first_with:
            yield index, first_with[body]
        else:
            first_with[body] = index


def _similar_pairs(units: list[_Unit]) -> Iterator[tuple[_Unit, _Unit, float]]:
    """Pairs of units of different notes whose keys score >= THRESHOLD and whose words match.

    Units sorted by key length; each chunk of rows is compared (``process.cdist``) only with
    the units long enough to reach the threshold, so the work stays far below n².
    """
    units = sorted(units, key=lambda unit: len(unit.key))
    keys = [unit.key for unit in units]
    lengths = [len(key) for key in keys]
    for row in range(0, len(units), _CHUNK):
        rows = keys[row : row + _CHUNK]
        stop = bisect.bisect_right(lengths, lengths[row + len(rows) - 1] / _LENGTH_RATIO)
        scores = process.cdist(
            rows,
            keys[row:stop],
            scorer=fuzz.ratio,
            score_cutoff=THRESHOLD,
            dtype=np.uint8,
            workers=-1,
        )
        for i, j in zip(*np.nonzero(scores), strict=True):
            first, second = units[row + int(i)], units[row + int(j)]
            if j > i and first.document is not second.document and _same_words(first, second):
                yield first, second, float(scores[i, j])


def _same_words(first: _Unit, second: _Unit) -> bool:
    """Whether the content words agree: the score alone cannot tell "too high" from "too low".

    A word may be added in one word of eight ("add random image augmentation"); words that
    differ on both sides (a substitution) are allowed only in one word of ten, so only in long
    texts.
    """
    extra = _unmatched(first.words, second.words), _unmatched(second.words, first.words)
    longer = max(len(first.words), len(second.words))
    if min(extra) == 0:
        return max(extra) <= longer // 8
    return sum(extra) <= longer // 10


def _unmatched(words: frozenset[str], others: frozenset[str]) -> int:
    return sum(
        word not in others
        and (len(word) < 5 or not any(fuzz.ratio(word, other) >= _SAME_WORD for other in others))
        for word in words
    )


def _units(document: LintDocument) -> Iterator[_Unit]:
    if document.note.meta.type is NoteType.CLOZE:
        title, text = _cloze_parts(document)
        if len(_words(title)) >= _TITLE_WORDS:
            yield from _unit(document, "title", title)
        yield from _unit(document, "cloze text", text)
        return
    if document.question is None:
        return
    question = document.text[slice(*document.question)]
    yield from _unit(document, "question", question)
    clauses = [clause for clause in _CLAUSE_BREAK.split(question) if clause.strip()]
    for clause in clauses if len(clauses) > 1 else ():
        words = _words(clause)
        if words & _ANAPHORA or not words & _ASKING or not words - _GENERIC:
            continue
        yield from _unit(document, "part of the question", clause)


def _unit(document: LintDocument, kind: str, text: str) -> Iterator[_Unit]:
    words = _words(text) - _ANAPHORA
    if words:
        yield _Unit(document, kind, frozenset(words), " ".join(sorted(words)))


def _words(text: str) -> set[str]:
    """Content words, lower case, British spelling and plurals folded."""
    text = _FILLER.sub(" ", _DEFINITION.sub("what is ", text)).lower()
    words = set()
    for word in re.findall(r"[a-z0-9]+", text):
        if word in _STOP:
            continue
        word = _BRITISH.sub(r"iz\1", word) if "is" in word else word
        if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        if word not in _STOP:
            words.add(word)
    return words


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


def _where(document: LintDocument) -> str:
    line, _ = document.position(_front(document)[0])
    return f"{document.path.parent.name}/{document.path.name}:{line}"


RULES: tuple[Rule, ...] = (NearDuplicate(),)
