"""Literal prefilters: skip a big pattern on a text that cannot hold a match.

A phrase pattern with dozens of alternatives costs a scan of the whole note for every search,
and most notes contain none of its words. ``requirements`` reads the pattern's parse tree and
returns what every match needs: for each top-level alternative, literal strings that must all
be in the text, each being one of a few spellings ("previous" or "prior", then " card" or
" note"). ``GatedPattern`` tests those substrings (in the text's ``fold``) first and runs the
pattern only when some alternative has all of them: the same matches, found faster.
"""

from __future__ import annotations

import importlib
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from ankigen.lint.pattern_store import code_digest, compile_pattern, remembered

# re's own parser (private but stable since Python 3.11; sre_parse is its deprecated alias).
_parser: Any = importlib.import_module("re._parser")
_constants: Any = importlib.import_module("re._constants")

# Strings kept when multiplying out a sequence of alternatives ("(?:pre|post)fix"), the
# largest character class read as alternatives ("[sz]"), and the largest read only as a clause
# (one of these characters is in the text: "[\u2191\u2193\U0001f446]", a caption's arrows).
_MAX_EXACT = 24
_MAX_CLASS = 4
_MAX_CLAUSE_CLASS = 12

# Characters beyond A-Z that IGNORECASE matches to an ASCII letter (re folds these too, and
# str.lower would not give the letter): mapped to it before lower-casing.
# tests/test_prefilter.py checks every code point against re itself.
_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_SPECIAL = ("\u0130", "\u0131", "\u017f", "\u212a")
# What ``fold`` makes of white space and digits, so that \s and \d can be part of a needle.
_ASCII_FOLDS = str.maketrans(
    {**dict.fromkeys("0123456789", "0"), **dict.fromkeys("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f", " ")}
)
_SPACE = re.compile(r"\s")  # str.isspace, as re's own \s
_DIGIT = re.compile(r"\d")  # str.isdecimal, as re's own \d
# Non-ASCII characters of these categories have no case: a needle may hold them ("\u00a7").
_CASELESS_CATEGORIES = frozenset({"Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc"})
# Words in nearly every note: a needle set with one of them rules out almost nothing.
_COMMON = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "i",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "we",
        "with",
        "you",
    ]
)


def fold(text: str) -> str:
    """``text`` lower-cased, every white space a space and every digit "0": whatever a
    pattern's literal or \\s or \\d matches, with or without IGNORECASE, is its fold here."""
    if text.isascii():
        return text.lower().translate(_ASCII_FOLDS)
    if any(char in text for char in _SPECIAL):
        text = text.translate(_TO_ASCII)
    return _DIGIT.sub("0", _SPACE.sub(" ", text.lower()))


Clause = frozenset[str]  # one of these needles is in the folded text
Requirement = tuple[Clause, ...]  # every clause holds


@dataclass(frozen=True)
class _Info:
    exact: frozenset[str] | None  # every string the node can match, when few and all known
    clauses: Requirement  # what every match holds (empty: nothing known)
    # A repetition of known strings ("\s+"): every match starts with one and ends with one.
    edges: frozenset[str] | None = None


_UNKNOWN = _Info(None, ())
_EMPTY = _Info(frozenset({""}), ())


def _minimal(needles: Iterable[str]) -> Clause | None:
    """The needles without any that contains another (the shorter one is enough); None when
    one is empty, since the empty string rules out nothing."""
    ordered = sorted(set(needles), key=len)
    if not ordered or ordered[0] == "":
        return None
    kept: list[str] = []
    for needle in ordered:
        if not any(shorter in needle for shorter in kept):
            kept.append(needle)
    return frozenset(kept)


def _strength(clause: Clause) -> tuple[int, int]:
    """How rare a text with one of the needles is: its shortest needle (a common word counts
    as none), then the fewer needles the better."""
    shortest = min(0 if needle.strip() in _COMMON else len(needle) for needle in clause)
    return shortest, -len(clause)


def caseless(char: str) -> bool:
    """Whether IGNORECASE matches ``char`` to itself only: a punctuation mark or a symbol, or
    any character without case ("\u2191", "\U0001f446", a variation selector)."""
    if unicodedata.category(char) in _CASELESS_CATEGORIES:
        return True
    return char.lower() == char == char.upper()


@cache  # a parse tree holds the same few characters thousands of times
def _char(code: int) -> str | None:
    """The fold of a literal character; None when other characters may match it."""
    char = chr(code)
    if char.isascii() or caseless(char):
        return fold(char)
    return None


def _class(items: list[tuple[Any, Any]]) -> _Info:
    folds: set[str | None] = set()
    for op, value in items:
        if op is _constants.LITERAL:
            folds.add(_char(value))
        elif op is _constants.RANGE and value[1] - value[0] < _MAX_CLASS:
            folds.update(_char(code) for code in range(value[0], value[1] + 1))
        elif op is _constants.RANGE and 0x30 <= value[0] <= value[1] <= 0x39:
            folds.add("0")  # digits, all "0" in the fold
        elif op is _constants.CATEGORY and value is _constants.CATEGORY_DIGIT:
            folds.add("0")
        elif op is _constants.CATEGORY and value is _constants.CATEGORY_SPACE:
            folds.add(" ")
        else:  # NEGATE, \w, a long range
            return _UNKNOWN
    if None in folds or len(folds) > _MAX_CLAUSE_CLASS:
        return _UNKNOWN
    known = frozenset(f for f in folds if f is not None)
    if len(known) > _MAX_CLASS:
        return _Info(None, (known,))  # too many to multiply out, but one of them is there
    return _Info(known, (known,))


def _repeat(low: int, high: int, body: _Info) -> _Info:
    if low == 0:
        if high == 1 and body.exact is not None:
            return _Info(body.exact | {""}, ())
        return _UNKNOWN
    if low == high and body.exact is not None and len(body.exact) ** low <= _MAX_EXACT:
        strings = frozenset({""})
        for _ in range(low):
            strings = frozenset(a + b for a in strings for b in body.exact)
        return _Info(strings, body.clauses)
    return _Info(None, body.clauses, body.exact)  # the body is there at least once


def _branch(alternatives: list[Any]) -> _Info:
    infos = [_sequence(alternative) for alternative in alternatives]
    exact = None
    if all(info.exact is not None for info in infos):
        union = frozenset(s for info in infos for s in info.exact or ())
        exact = union if len(union) <= _MAX_EXACT else None
    bests = [max(info.clauses, key=_strength, default=None) for info in infos]
    either = None if None in bests else _minimal(n for best in bests for n in best or ())
    return _Info(exact, () if either is None else (either,))


def _node(op: Any, value: Any) -> _Info:
    if op is _constants.LITERAL:
        char = _char(value)
        return _UNKNOWN if char is None else _Info(frozenset({char}), (frozenset({char}),))
    if op is _constants.IN:
        return _class(value)
    if op in (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT):
        return _EMPTY  # zero width
    if op is _constants.SUBPATTERN:
        return _sequence(value[3])
    if op is _constants.ATOMIC_GROUP:
        return _sequence(value)
    if op is _constants.BRANCH:
        return _branch(value[1])
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
        return _repeat(value[0], value[1], _sequence(value[2]))
    return _UNKNOWN  # any character, a negated literal, a back-reference, a conditional


def _sequence(items: Any) -> _Info:
    """A concatenation: runs of known strings multiplied out; every run and part is needed."""
    run = frozenset({""})  # the strings the items since the last unknown one can match
    whole = True  # every item so far had a known, small set of strings
    clauses: list[Clause | None] = []
    literal: list[str] = []  # literal characters not yet added to ``run`` (most items are)
    for op, value in _items(items):
        char = _char(value) if op is _constants.LITERAL else None
        if char is not None:
            literal.append(char)
            continue
        if literal:
            tail = "".join(literal)
            run, literal = frozenset(a + tail for a in run), []
        info = _node(op, value)
        if info.exact is not None:
            product = frozenset(a + b for a in run for b in info.exact)
            if len(product) <= _MAX_EXACT:
                run = product
                continue
            clauses.append(_minimal(run))
            run, whole = info.exact, False
            continue
        clauses += [*info.clauses]
        if info.edges is not None and len(run) * len(info.edges) <= _MAX_EXACT:
            # "the\s+red": the text holds "the " and the repetition ends as it began
            clauses.append(_minimal(a + b for a in run for b in info.edges))
            run = info.edges
        else:
            clauses.append(_minimal(run))
            run = frozenset({""})
        whole = False
    tail = "".join(literal)
    run = frozenset(a + tail for a in run)
    clauses.append(_minimal(run))
    kept = tuple(dict.fromkeys(c for c in clauses if c is not None))
    return _Info(run if whole else None, kept)


def _items(tree: Any) -> list[tuple[Any, Any]]:
    """The items of a parsed (sub)pattern."""
    items: list[tuple[Any, Any]] = tree.data if hasattr(tree, "data") else list(tree)
    return items


def requirements(pattern: str, flags: int = 0) -> tuple[Requirement, ...] | None:
    """What a match of ``pattern`` needs in the folded text: one requirement per top-level
    alternative (a match meets one of them), or None when some alternative needs nothing
    known."""
    items = _items(_parser.parse(pattern, flags))
    while len(items) == 1 and items[0][0] is _constants.SUBPATTERN:  # "(?:a|b)" as a whole
        items = _items(items[0][1][3])
    # One alternation among the items (re moves a prefix common to all alternatives out of
    # them, "\bthe x|\bthe y"): each alternative with the items around it.
    branches = [index for index, (op, _) in enumerate(items) if op is _constants.BRANCH]
    if len(branches) == 1:
        at = branches[0]
        alternatives = [
            _sequence([*items[:at], *_items(alternative), *items[at + 1 :]])
            for alternative in items[at][1][1]
        ]
    else:
        alternatives = [_sequence(items)]
    if any(not alternative.clauses for alternative in alternatives):
        return None
    # The rarest clause first: most texts fail there.
    return tuple(
        tuple(sorted(alternative.clauses, key=_strength, reverse=True))
        for alternative in alternatives
    )


@cache
def _requirements_kind() -> str | None:
    """The store's name for this module's requirements, with a digest of its source: a
    change to the code misses. None without a source file to read (no store then)."""
    try:
        return f"prefilter.requirements {code_digest(__file__)}"
    except OSError:
        return None


class GatedPattern:
    """A regular expression compiled on first use, run only on texts that meet one of its
    requirements. The whole text is searched for them, so ``pos`` and lookbehinds need no
    care."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.source = pattern
        self.flags = flags

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        compiled: re.Pattern[str] = compile_pattern(self.source, int(self.flags))
        return compiled

    @cached_property
    def requirements(self) -> tuple[Requirement, ...] | None:
        # Reading the parse tree costs about 1.4 ms a pattern: kept in the pattern store.
        source, flags, kind = self.source, self.flags, _requirements_kind()
        if kind is None:
            return requirements(source, flags)
        return remembered(kind, source, flags, lambda: requirements(source, flags))

    @cached_property
    def _openers(self) -> tuple[str, ...]:
        """Every needle of some alternative's first clause (its rarest), each once."""
        return tuple(sorted({needle for each in self.requirements or () for needle in each[0]}))

    def may_match(self, text: str) -> bool:
        needed = self.requirements
        if needed is None:
            return True
        folded = _folded(text)
        # Each needle of the first clauses tested once, not once per alternative holding it:
        # most texts fail every alternative there, and a set test per alternative is cheap.
        opened = {needle for needle in self._openers if needle in folded}
        if not opened:
            return False
        holds = folded.__contains__
        known: dict[Clause, bool] = {}  # alternatives share clauses ("previous or prior")
        for each in needed:
            if opened.isdisjoint(each[0]):
                continue
            for clause in each[1:]:
                met = known.get(clause)
                if met is None:
                    met = known[clause] = any(map(holds, clause))
                if not met:
                    break
            else:
                return True
        return False

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        if self.may_match(text):
            yield from self.pattern.finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        # (a match inside text[pos:endpos] holds its literals in the whole text too)
        return self.pattern.search(text, pos, endpos) if self.may_match(text) else None


class LiteralSet:
    """Which of many literal strings a text contains, in one pass of re: a look-ahead at every
    position takes the longest string starting there (the strings as a trie), and the strings
    inside it are there too. Beats a substring test per string when there are hundreds of
    strings, none of them frequent in the text (each occurrence is one match)."""

    def __init__(self, strings: Iterable[str]) -> None:
        kept = sorted(set(strings) - {""})
        scan = f"(?=({_trie(kept)}))"
        self._scan: re.Pattern[str] | None = compile_pattern(scan, re.DOTALL) if kept else None
        self._inside = {s: frozenset(t for t in kept if t in s) for s in kept}

    def found_in(self, text: str) -> set[str]:
        found: set[str] = set()
        if self._scan is not None:
            for longest in set(self._scan.findall(text)):
                found |= self._inside[longest]
        return found


def _trie(strings: list[str]) -> str:
    """A pattern matching any of ``strings``, the longest where several start alike; each
    position tries one branch per first character."""
    by_first: dict[str, list[str]] = {}
    for string in strings:
        by_first.setdefault(string[0], []).append(string[1:])
    branches = []
    for first, rests in by_first.items():
        longer = [rest for rest in rests if rest]
        tail = _trie(longer) if longer else ""
        optional = "?" if longer and len(longer) < len(rests) else ""
        branches.append(re.escape(first) + (f"{tail}{optional}" if tail else ""))
    return f"(?:{'|'.join(branches)})"


# The texts folded last: rules search the same few views of a note one after another.
_FOLDED: list[tuple[str, str]] = []
_FOLDED_KEPT = 4


def _folded(text: str) -> str:
    for original, folded in _FOLDED:
        if original is text:
            return folded
    folded = fold(text)
    _FOLDED.insert(0, (text, folded))
    del _FOLDED[_FOLDED_KEPT:]
    return folded
