"""Which words are known: an English dictionary (pyspellchecker's), the bundled technical
vocabulary (``data/technical_vocabulary.txt``) and the project's word list (``data/words.txt``).

A word is known in any of its inflections ("tokenized", "autoencoders"), behind a productive
prefix ("nonconvex", "unmodeled"), in British spelling ("regularisation") and with or without
accents ("naïve"); the rules that say so are kept narrow, so that slips such as "callled" or
"recoeds" stay unknown. ``is_dictionary_word`` answers for the bundled lists alone; the
spelling rule adds the canonical technical names and the words a project configures.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from importlib import resources

from spellchecker import SpellChecker

from ankigen.cache import derived_words

_POSSESSIVE = re.compile(r"['\u2019]s?\Z")
# British spellings to their American forms, which the dictionary knows (-ise, -our, -tre …).
_BRITISH = (
    (re.compile(r"is(?=(?:e|ed|es|er|ers|ing|ation|ations|able)\Z)"), "iz"),
    (re.compile(r"ys(?=(?:e|ed|es|er|ing)\Z)"), "yz"),
    (re.compile(r"our"), "or"),
    (re.compile(r"tre(?=s?\Z)"), "ter"),
    (re.compile(r"tred\Z"), "tered"),
    # Only after one vowel, itself after a consonant: "modelling", never "callled", "dealling".
    (re.compile(r"(?<=[^aeiou][aeiou])ll(?=(?:ed|ing|er|ers)\Z)"), "l"),
    (re.compile(r"ogue(?=s?\Z)"), "og"),
    (re.compile(r"ence(?=s?\Z)"), "ense"),
    (re.compile(r"mme(?=s?\Z)"), "m"),
)
# Prefixes that make new words of known ones, longest first.
_PREFIXES = (
    *("counter", "hyper", "inter", "intra", "micro", "multi", "over", "pseudo", "super"),
    *("under", "anti", "auto", "macro", "meta", "mini", "post", "semi", "non", "pre", "sub"),
    *("mis", "re", "un"),  # not "co", "de": "corespond" and the like are misspellings
)
# Endings of inflected forms, and the stems they may come from ("tokenizing" <- "tokenize").
_INFLECTIONS: tuple[tuple[str, Callable[[str], tuple[str, ...]]], ...] = (
    ("s", lambda stem: (stem,)),
    ("es", lambda stem: (stem,) if stem.endswith(("s", "x", "z", "ch", "sh", "o")) else ()),
    ("ies", lambda stem: (stem + "y",)),  # "ontologies" <- "ontology"
    ("d", lambda stem: _long(stem)),
    ("ed", lambda stem: _long(stem, *_undoubled(stem))),  # "overfitted" <- "overfit"
    ("ing", lambda stem: _long(stem, stem + "e", *_undoubled(stem))),
)
# A stem shorter than this takes no -ed or -ing: "skiped" is no form of the term "skip".
_SHORTEST_STEM = 5


def _long(*stems: str) -> tuple[str, ...]:
    return tuple(stem for stem in stems if len(stem) >= _SHORTEST_STEM)


def _undoubled(stem: str) -> tuple[str, ...]:
    """The stem without a doubled final consonant ("overfitt" -> "overfit"), if it has one."""
    return (stem[:-1],) if len(stem) > 2 and stem[-1] == stem[-2] else ()


@cache
def dictionary() -> SpellChecker:
    """pyspellchecker itself (about 0.25 s to build): only suggestions need its frequencies."""
    return SpellChecker(language="en", case_sensitive=False)


@cache
def english_words() -> frozenset[str]:
    """The dictionary's words (lower case): all that deciding whether a word is known needs.

    The word list is kept in the cache folder, so a run that finds every word known never
    builds the dictionary.
    """
    import spellchecker

    version = f"pyspellchecker {getattr(spellchecker, '__version__', '?')} en"
    return derived_words("english-words", version, lambda: dictionary().word_frequency.keys())


def _data_lines(name: str) -> tuple[str, ...]:
    text = resources.files("ankigen.lint").joinpath(f"data/{name}").read_text("utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@cache
def project_words() -> tuple[str, ...]:
    """The project's word list (``data/words.txt``), one term a line, as written in the file."""
    return _data_lines("words.txt")


@cache
def technical_vocabulary() -> tuple[str, ...]:
    """The bundled technical vocabulary, as written in the file (comment lines left out)."""
    return _data_lines("technical_vocabulary.txt")


@cache
def bundled_terms() -> frozenset[str]:
    """Lower-cased terms of both bundled lists: words a general dictionary lacks."""
    return frozenset(word.lower() for word in (*project_words(), *technical_vocabulary()))


def without_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def american_variants(word: str) -> set[str]:
    """American spellings of a (possibly) British word: each change alone and all together."""
    variants = set()
    combined = word
    for pattern, replacement in _BRITISH:
        changed = pattern.sub(replacement, word)
        if changed != word:
            variants.add(changed)
        combined = pattern.sub(replacement, combined)
    variants.add(combined)
    variants.discard(word)
    return variants


# Misspellings that pyspellchecker's word list holds (it is built from real, imperfect text).
_NOT_WORDS = frozenset({"comming", "dependancy", "fourty", "programing", "occurance", "untill"})


def is_known(word: str, accepted: frozenset[str]) -> bool:
    """Whether a lower-case word is English, British English, or in ``accepted`` (lower-case
    terms, with their inflections)."""
    if word in _NOT_WORDS:
        return False
    if _listed(word, accepted) or any(_listed(v, accepted) for v in american_variants(word)):
        return True
    if _prefixed(word, accepted):
        return True
    plain = without_accents(word)  # "naïve", "façade": the dictionary has them plain
    return plain != word and is_known(plain, accepted)


# Behind a prefix, a known word must be this long ("un" + "modeled") and is surely meant
# from the second length on ("pre" + "allocation").
_SHORTEST_REST = 5
_SURE_REST = 8


def _prefixed(word: str, accepted: frozenset[str]) -> bool:
    """A known word of five letters or more behind a productive prefix: "unmodeled",
    "nonconvex", "reweighted", "subsampling", "multiclass"."""
    for prefix in _PREFIXES:
        rest = word[len(prefix) :]
        if not word.startswith(prefix) or len(rest) < _SHORTEST_REST:
            continue
        if _listed(rest, accepted) or any(_listed(v, accepted) for v in american_variants(rest)):
            # "recoeds" is "re" + "coeds", but far likelier a slip of "records".
            return len(rest) >= _SURE_REST or not _one_edit_from_english(word)
    return False


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_edit_from_english(word: str) -> bool:
    """Whether an English word is one edit (transpositions included) away from ``word``."""
    english = english_words()
    splits = [(word[:cut], word[cut:]) for cut in range(len(word) + 1)]
    edits = {left + right[1:] for left, right in splits if right}
    edits |= {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    edits |= {left + c + right[1:] for left, right in splits if right for c in _LETTERS}
    edits |= {left + c + right for left, right in splits for c in _LETTERS}
    edits.discard(word)
    return not edits.isdisjoint(english)


def _listed(word: str, accepted: frozenset[str]) -> bool:
    if word in english_words() or word in accepted:
        return True
    # Inflections of listed terms: "autoencoders", "tokenized", "backpropagating".
    return any(
        word.endswith(ending) and stem in accepted
        for ending, stems in _INFLECTIONS
        for stem in stems(word[: -len(ending)])
    )


@cache
def is_dictionary_word(word: str) -> bool:
    """Whether ``word`` (any case, possessive allowed) is an English word or a bundled
    technical term, in any inflection or British spelling: "quantiles", "Gini", "coroutine's"."""
    plain = _POSSESSIVE.sub("", word.replace("\u2019", "'")) or word
    return is_known(plain.lower(), bundled_terms())
