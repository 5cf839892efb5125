"""Names written wrongly: a dictionary of known misspellings (``data/misspellings.yaml``,
extendable from ``[tool.ankigen.lint] misspellings``), and near misses of the canonical names
in ``data/technical_names.txt`` found by edit distance, in prose and in the hand-written parts
of code (imports, installs, comments: ``python/code_words.py``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from ankigen.diagnostics import Fix, Severity
from ankigen.lint.data_files import Misspellings, data_lines, data_yaml
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.foreign_text import foreign_spans
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.length_index import LengthIndex
from ankigen.lint.prefilter import GatedPattern
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules.citation_names import citation_name_spans, in_citation
from ankigen.lint.rules.written_names import code_words, written_name
from ankigen.lint.words import (
    bundled_terms,
    common_words,
    is_dictionary_word,
    is_known,
    usage_frequency,
    web_words,
)

if TYPE_CHECKING:
    from ankigen.lint.rules.python.code_words import CodeText

# A name glued into a dotted path (`tf.keras`, `keras.layers.Dense`) is code without backticks.
_BEFORE = r"(?<![\w.])"
# After the name: no lower-case continuation (a plural "s" is fine, "ResNet50"/"MobileNetV2" too),
# and no dotted path.
_AFTER = r"(?![a-rt-z_]|s\w)(?!\w*\.[A-Za-z_])"
_FEW = 8  # up to this many entries, plain substring searches are the fastest first look


# ASCII punctuation that never occurs inside a word or a name: splitting prose at it (and at
# white space) gives every word and name whole. Apostrophes, hyphens and underscores stay.
_SEPARATORS = bytes.maketrans(b'!"#$%&()*+,./:;<=>?@[\\]^`{|}~', b" " * 29)


def prose_tokens(text: str, start: int) -> set[bytes]:
    """The distinct tokens of ``text[start:]`` (UTF-8): a fast first look at a note.

    Working on bytes is several times faster than on str, and tokens are only compared.
    """
    return set(text[start:].encode().translate(_SEPARATORS).split())


@dataclass(frozen=True)
class Misspelling:
    wrong: str
    right: str
    reason: str = ""
    case_sensitive: bool = True
    in_code: bool = False
    not_after: str = ""
    not_before: str = ""
    not_in_note: str = ""  # found anywhere in the note's prose: the words name something else

    @property
    def lookup_key(self) -> str:
        return self.wrong if self.case_sensitive else self.wrong.casefold()

    def regex(self) -> str:
        escaped = re.escape(self.wrong)
        return escaped if self.case_sensitive else f"(?i:{escaped})"

    def applies(self, text: str, start: int, end: int) -> bool:
        """Whether the match ``text[start:end]`` is this misspelling in its context."""
        if text[start:end] == self.right:
            return False
        if self.not_after and re.search(
            f"(?:{self.not_after})\\Z", text[max(0, start - 80) : start]
        ):
            return False
        if self.not_in_note and re.search(self.not_in_note, text):
            return False
        return not (self.not_before and re.match(self.not_before, text[end : end + 80]))

    def message(self, found: str) -> str:
        reason = f" ({self.reason})" if self.reason else ""
        return f"'{found}' is a misspelling of '{self.right}'{reason}: write '{self.right}'"


_CONTEXT_KEYS = frozenset({"not_after", "not_before", "not_in_note"})


def parse_entry(
    entry: Mapping[str, Any], contexts: Mapping[str, Mapping[str, Any]] | None = None
) -> Misspelling:
    """One entry of the data file; unknown keys are errors so that typos never go unnoticed."""
    allowed = {"wrong", "right", "reason", "case_sensitive", "in_code", "context"}
    if unknown := set(entry) - allowed:
        raise ValueError(f"misspellings entry {entry!r}: unknown keys {sorted(unknown)}")
    context = entry.get("context") or {}
    if isinstance(context, str):
        context = (contexts or {})[context]
    if unknown := set(context) - _CONTEXT_KEYS:
        raise ValueError(f"misspellings entry {entry!r}: unknown context {sorted(unknown)}")
    return Misspelling(
        wrong=str(entry["wrong"]),
        right=str(entry["right"]),
        reason=str(entry.get("reason", "")),
        case_sensitive=bool(entry.get("case_sensitive", True)),
        in_code=bool(entry.get("in_code", False)),
        not_after=str(context.get("not_after", "")),
        not_before=str(context.get("not_before", "")),
        not_in_note=str(context.get("not_in_note", "")),
    )


def load_data() -> Misspellings:
    """The data file as written, checked against its typed shape (the data test checks more)."""
    return data_yaml("misspellings.yaml", Misspellings)


@cache
def bundled_misspellings() -> tuple[Misspelling, ...]:
    data = load_data()
    contexts = data.get("contexts") or {}
    return tuple(parse_entry(entry, contexts) for entry in data["misspellings"])


class _Matcher:
    """All entries as one regular expression, with a fast look first.

    The regular expression is slow over long text, so a note is first split into tokens;
    tokens already seen to hold no misspelling are remembered, and only a note with a new
    suspicious token (or a several-word entry) is searched in full.
    """

    def __init__(self, entries: Iterable[Misspelling]) -> None:
        self.by_key = {entry.lookup_key: entry for entry in entries}
        # Longest first, so "tensor flow" wins over a shorter entry at the same place.
        ordered = sorted(self.by_key.values(), key=lambda entry: -len(entry.wrong))
        alternatives = "|".join(entry.regex() for entry in ordered) or r"(?!)"
        self.pattern = lazy_regex(f"{_BEFORE}(?:{alternatives}){_AFTER}")
        # Entries that span tokens ("tensor flow"): looked for in the lower-cased text.
        self.phrases = tuple(
            entry.wrong.casefold() for entry in ordered if len(prose_tokens(entry.wrong, 0)) != 1
        )
        self.clean: set[bytes] = set()

    def entry(self, found: str) -> Misspelling | None:
        return self.by_key.get(found) or self.by_key.get(found.casefold())

    def may_match(self, text: str, start: int) -> bool:
        """False when no entry can match: every token is clean and no phrase occurs."""
        if len(self.by_key) <= _FEW:  # a handful of substring searches beat splitting the text
            lowered = text[start:].casefold()
            return any(key.casefold() in lowered for key in self.by_key)
        for token in prose_tokens(text, start) - self.clean:
            if any(self._misspellings(token.decode(), 0)):
                return True
            self.clean.add(token)
        if self.phrases:
            lowered = text[start:].casefold()
            return any(phrase in lowered for phrase in self.phrases)
        return False

    def find(self, text: str, start: int) -> Iterator[tuple[re.Match[str], Misspelling]]:
        if self.may_match(text, start):
            yield from self._misspellings(text, start)

    def _misspellings(self, text: str, start: int) -> Iterator[tuple[re.Match[str], Misspelling]]:
        for match in self.pattern.finditer(text, start):
            entry = self.entry(match.group(0))
            if entry is not None and entry.applies(text, match.start(), match.end()):
                yield match, entry


@cache
def _matchers(extra: tuple[tuple[str, str], ...]) -> tuple[_Matcher, _Matcher]:
    """(prose matcher, code matcher) for the bundled entries plus the project's own."""
    project = (
        Misspelling(wrong, right, "listed in [tool.ankigen.lint] misspellings")
        for wrong, right in extra
    )
    entries = {entry.lookup_key: entry for entry in (*bundled_misspellings(), *project)}
    prose = _Matcher(entry for entry in entries.values() if not entry.in_code)
    code = _Matcher(entry for entry in entries.values() if entry.in_code)
    return prose, code


def matchers(config: LintConfig) -> tuple[_Matcher, _Matcher]:
    return _matchers(tuple(sorted(config.misspellings.items())))


def misspelled_words(config: LintConfig) -> frozenset[str]:
    """Lower-cased single-word keys: the spelling rule leaves these to this rule."""
    prose, code = matchers(config)
    return frozenset(key.casefold() for key in (*prose.by_key, *code.by_key) if " " not in key)


def correct_names(config: LintConfig) -> frozenset[str]:
    """Every correction: a name the spelling rule must accept."""
    prose, code = matchers(config)
    return frozenset(entry.right for entry in (*prose.by_key.values(), *code.by_key.values()))


# The label of an image ("![lstm](lstm.png)") names a file for screen readers: not prose that
# a learner reads, and often the file's own name. So are the attributes inside an HTML tag.
# A link's label is often the linked page's own title, copied as its site writes it.
# An address written without its scheme ("github.com/pytorch/vision") is a URL all the same:
# its path names an account or a repository as the site spells it. The common top-level
# domains only, so that "tf.keras/PyTorch" stays prose.
_TOP_LEVEL_DOMAINS = (
    "com|org|net|io|ai|dev|edu|gov|co|uk|de|fr|me|app|info|so|sh|page|site|blog|cc|tv|us|ca"
    "|in|jp|cn|ru|eu|ch|nl|xyz|tech"
)
_NOT_READ = GatedPattern(
    r"!\[(?P<label>[^\]\n]*)\]|(?P<tag></?[A-Za-z][^<>\n]*>)|\[(?P<link>[^\]\n]*)\]\("
    rf"|(?P<address>(?<![\w./-])(?:[\w-]+\.)+(?:{_TOP_LEVEL_DOMAINS})/[^\s)\]<>\"'`,;]*)"
)


def unread_spans(document: LintDocument) -> list[tuple[int, int]]:
    """Spans of the note's image and link labels, HTML tags and scheme-less addresses: text
    the learner does not read as prose."""

    def compute() -> list[tuple[int, int]]:
        text = document.text  # the prose view blanks the "](" that ends a label
        return [
            match.span(
                next(
                    name
                    for name in ("label", "tag", "link", "address")
                    if match.group(name) is not None
                )
            )
            for match in _NOT_READ.finditer(text, document.body_offset)
        ]

    return document.memo("unread-spans", compute)


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _in_url(text: str, start: int) -> bool:
    """Whether ``start`` lies in a URL or a link target: a fix must never change those."""
    word_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    before = text[word_start:start]
    return "://" in before or "](" in before or "mailto:" in before


class MisspelledName(Rule):
    """A known misspelling of a name: a model, library, data set or activation function.

    Names copied from the web are often misspelled ("GTP-3", "Tensorflow", "Relu", "XCeption");
    a learner who memorises the card learns the wrong name. The list of known misspellings
    ships with ankigen (`ankigen/lint/data/misspellings.yaml`); add your own in `pyproject.toml`:

    ```toml
    [tool.ankigen.lint]
    misspellings = {Kears = "Keras"}
    ```

    Code spans and blocks are not prose and are not checked (write the package as `keras`
    there), nor is a name inside a dotted path such as keras.layers.Dense, an image or link
    label, an HTML tag or an address written without its scheme ("github.com/pytorch/vision").
    A lower-case name capitalised as a sentence's first word
    ("Scikit-learn uses Gini by default.") follows English style and is accepted; in
    mid-sentence it is reported. A name written only in lower case ("numpy arrays",
    "pytorch", "relu") is a warning, not an error: it teaches no wrong name. Words that name
    another thing in the note's field are left alone there: "Fast API" in a note on V8 is
    the engine's fast path for C++ calls, not the Python framework FastAPI. `--fix` writes
    the correct spelling.
    """

    code = "AG110"
    name = "misspelled-name"
    summary = "a known misspelling of a name (GTP-3, Tensorflow, Relu)"
    fixable = True
    bad = "# Name a transformer language model.\n\nGTP-3, built with Tensorflow.\n"
    good = "# Name a transformer language model.\n\nGPT-3, built with `tensorflow`.\n"

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        prose, code = matchers(config)
        labels = unread_spans(document)
        found = [
            (match, entry)
            for match, entry in prose.find(document.prose, document.body_offset)
            if not _inside(match.start(), labels)
        ]
        found += (
            (match, entry)
            for match, entry in code.find(document.text, document.body_offset)
            if not _in_url(document.text, match.start())
        )
        for match, entry in sorted(found, key=lambda item: item[0].start()):
            start, end = match.span()
            written = match.group(0)
            if _capitalised_at_sentence_start(document.prose, match, entry.right):
                continue
            if _fence_tag(document.text, start) or _shouted(document.prose, start, end):
                continue
            if _part_of_a_longer_name(document.text, start, end, written):
                continue
            # "numpy", "pytorch", "relu" in prose: the right name in lower case is a slip of
            # style that teaches no wrong name, so a warning; "Tensorflow", "GTP-3" are errors.
            lower_case_only = written == entry.right.casefold() != entry.right
            if lower_case_only and _model_identifier(document.text, start, end):
                continue
            yield Finding(
                start,
                end,
                entry.message(written),
                Fix(start, end, entry.right),
                Severity.WARNING if lower_case_only else None,
            )


# A lower-case name that goes on with a variant ("resnet50", "vgg16_bn", "resnet-18") or
# stands as a value ("--arch resnet", "model=resnet", "timm/resnet"): a registry's, a
# command line's or a config's identifier, written as the library wants it.
_IDENTIFIER_AFTER = lazy_regex(r"[-_]?\d|_[a-z]")
_VALUE_BEFORE = lazy_regex(r"(?:[=/]|--[\w-]+[ \t]+|:[ \t]*[\"']?)[ \t]*[\"']?\Z")


def _model_identifier(text: str, start: int, end: int) -> bool:
    return bool(
        _IDENTIFIER_AFTER.match(text, end) or _VALUE_BEFORE.search(text[max(0, start - 40) : start])
    )


# "JsonCpp", "langchain-huggingface": the misspelt name is only the start or the end of
# another name (a C++ library, a package), spelt as its authors spell it.
_CAMEL_CONTINUATION = lazy_regex(r"[A-Z][a-z]")
_LOWER_CASE_WORD_AND_HYPHEN = lazy_regex(r"[a-z\d]-\Z")


def _part_of_a_longer_name(text: str, start: int, end: int, written: str) -> bool:
    if _CAMEL_CONTINUATION.match(text, end):
        return True
    before = text[max(0, start - 2) : start]
    return written.islower() and _LOWER_CASE_WORD_AND_HYPHEN.search(before) is not None


_FENCE_OPENING = lazy_regex(r"[ \t>]*(?:`{3,}|~{3,})[ \t]*$")


def _fence_tag(text: str, start: int) -> bool:
    """A word right after the backticks that open a fence ("```javascript") is its language
    tag, even where the fence is indented too deep to count as one."""
    line_start = text.rfind("\n", 0, start) + 1
    return _FENCE_OPENING.fullmatch(text, line_start, start) is not None


_CAPITAL_WORD = lazy_regex(r"[^\W\d_]{2,}")
_SHOUTING_NEIGHBOURS = 2  # capitalised words on each side, at least, of a shouted name


def _shouted(prose: str, start: int, end: int) -> bool:
    """A name in capitals inside a passage written all in capitals ("USE CHATGPT OR ANY
    OTHER TOOL"): the writer's capitals, not a misspelling of the name."""
    if not prose[start:end].isupper():
        return False
    line_start = prose.rfind("\n", 0, start) + 1
    line_end = prose.find("\n", end)
    before = _CAPITAL_WORD.findall(prose, line_start, start)[-_SHOUTING_NEIGHBOURS:]
    after = _CAPITAL_WORD.findall(prose, end, len(prose) if line_end < 0 else line_end)
    words = before + after[:_SHOUTING_NEIGHBOURS]
    return len(words) >= 2 * _SHOUTING_NEIGHBOURS - 1 and all(word.isupper() for word in words)


# What may stand before the first word of a sentence on its line: markup only.
_SENTENCE_LEAD = lazy_regex(r"[ \t>#*_|+-]*(?:\d+[.)][ \t]*)?[*_]*$")


def _capitalised_at_sentence_start(prose: str, match: re.Match[str], right: str) -> bool:
    """A lower-case name ("scikit-learn", "spaCy") capitalised as a sentence's first word:
    English style, even where the project itself keeps the lower case, so not an error."""
    written = match.group(0)
    if not right[:1].islower() or written != right[:1].upper() + right[1:]:
        return False
    line_start = prose.rfind("\n", 0, match.start()) + 1
    before = prose[line_start : match.start()]
    if _SENTENCE_LEAD.fullmatch(before):
        return True
    return re.search(r"[.!?:][*_)\"\u201d]*[ \t]+[*_(\"\u201c]*$", before) is not None


# --- AG112: near misses of canonical names -------------------------------------------------

_LETTERS = lazy_regex(r"[^\W\d_]+")
# Hyphens, dashes and white space: "GPT3", "GPT 3" and "GPT-3" are one name written three ways.
_JOINERS = lazy_regex(r"[\s\-\u2010-\u2015]+")
_DIGITS = lazy_regex(r"\d+")
_POSSESSIVE_END = lazy_regex(r"['\u2019]s?\Z")
# A prose chunk: everything between white space and punctuation that never occurs inside a
# name. Chunks with code characters in them (paths, identifiers, dotted names) are skipped.
_CHUNK = lazy_regex(r"[\w'\u2019.+\-/@#$\\]+")
_CODE_CHARACTERS = lazy_regex(r"[_/@#$\\.]")
# British spellings of American names: "BatchNormalisation", "KNeighboursClassifier".
_BRITISH = (
    (lazy_regex(r"is(?=(?:ation|ations|e|es|ed|er|ers|ing)\b)"), "iz"),
    # Only the words English spells "-our" ("neighbour", "colour"): "Pytourch" is no British
    # PyTorch.
    (
        lazy_regex(
            r"(?i:(?<=neighb)|(?<=behavi)|(?<=col)|(?<=fav)|(?<=flav)|(?<=harb)|(?<=hon))our"
        ),
        "or",
    ),
)
_ONE_TOKEN = lazy_regex(r"[^\W_]+(?:-[^\W_]+)*")
# A name with a site or file suffix ("Neptune.ai", "TensorFlow.js", "llama.cpp"): one prose
# token, searched whole, as a misspelling of the head keeps the suffix ("Nepture.ai").
_SUFFIXED_NAME = lazy_regex(r"[^\W_]+(?:-[^\W_]+)*\.[a-z]{2,3}")
_MIN_LETTERS = 4  # below this, one changed letter turns most names into another name
_SPACED_NAME = lazy_regex(r"[A-Za-z]{2,}(?: [A-Za-z]{2,})+")  # "Hugging Face", "Monte Carlo"


@cache
def lexicon() -> tuple[str, ...]:
    """The canonical names, as written in the data file (comment lines left out)."""
    return data_lines("technical_names.txt")


@cache
def canonical_names() -> frozenset[str]:
    """Every canonical spelling of a technical name."""
    return frozenset(lexicon())


@cache
def canonical_word_parts() -> frozenset[str]:
    """Lower-cased alphabetic parts of the names ("scikit-learn": "scikit", "learn")."""
    return frozenset(
        part.lower() for name in lexicon() for part in _LETTERS.findall(name) if len(part) > 1
    )


def _compact(word: str) -> str:
    return _JOINERS.sub("", word).casefold()


def allowed_distance(length: int) -> int:
    """Edits tolerated in a name of ``length`` characters: none below four, two from eight."""
    if length < _MIN_LETTERS:
        return 0
    return 1 if length < 8 else 2


@dataclass(frozen=True)
class Typo:
    """``found`` (a prefix of the token: a plural "s" stays out) is a typo of ``names``."""

    found: str
    names: tuple[str, ...]  # the nearest names; one unless several are equally near


class _Lexicon:
    """The names indexed for near-miss search (rapidfuzz compares them all in C)."""

    def __init__(self, names: Iterable[str]) -> None:
        names = sorted(names)
        self.compact = frozenset(_compact(name) for name in names)
        # A name with dots is searched only when it is one word and a suffix ("Neptune.ai";
        # ``_chunks`` passes such tokens on). A name of words is searched run together, as
        # it is often written ("Hugginface" for Hugging Face), and suggested as its authors
        # write it.
        one_token = [
            name for name in names if _ONE_TOKEN.fullmatch(name) or _SUFFIXED_NAME.fullmatch(name)
        ]
        spaced = [name for name in names if _SPACED_NAME.fullmatch(name)]
        self.targets = (*one_token, *(name.replace(" ", "") for name in spaced))
        self.written = (*one_token, *spaced)
        self.keys = tuple(name.casefold() for name in self.targets)
        self.digits = tuple(_DIGITS.findall(key) for key in self.keys)

    def is_name(self, word: str) -> bool:
        return _compact(word) in self.compact

    def nearest(self, word: str) -> tuple[str, ...]:
        """The names within the allowed distance of ``word``, nearest first; ties all kept."""
        key = word.casefold()
        letters = sum(len(part) for part in _LETTERS.findall(key))
        if letters < _MIN_LETTERS or self.is_name(word):
            return ()
        digits = _DIGITS.findall(key)
        ranked = []
        for choice, distance, index in process.extract(
            key, self.keys, scorer=OSA.distance, score_cutoff=2, limit=None
        ):
            # Another number is another name (GPT-4, ResNet-101), never a typo; nor is the
            # singular of a plural name (the class SentenceTransformer of SentenceTransformers:
            # a CamelCase class; "Kera" for Keras stays a typo).
            singular = choice == key + "s" and any(letter.isupper() for letter in word[1:])
            if self.digits[index] != digits or singular:
                continue
            name = self.targets[index]
            if ("." in name) != ("." in word):
                continue  # "tensorflowjs" is a package, not TensorFlow.js missing its dot
            if not _within_reach(word, name, distance):
                continue
            # Typos seldom touch the first letter and often double one; then the casing as
            # written decides.
            rank = (distance, key[0] != choice[0], not _doubles_a_letter(key, choice))
            # Then the longer shared start ("Numpai": NumPy before Numba).
            shared = -_shared_start(key, choice)
            ranked.append((*rank, shared, OSA.distance(word, name), self.written[index]))
        ranked.sort()
        best = [entry[-1] for entry in ranked if entry[:-1] == ranked[0][:-1]] if ranked else []
        return tuple(best)


def _within_reach(word: str, name: str, distance: int) -> bool:
    """Whether ``word`` is a slip of ``name``: one slip of the hand (two in a long name), or
    a name's ending written by its sound ("Numpai" for NumPy)."""
    if distance <= allowed_distance(min(len(word), len(name))):
        return _is_slip(word, name, distance)
    return distance == 2 and _sounds_alike(word, name)


_SOUND_MIN = 5  # a shorter name has too little left to tell it from another name


def _sounds_alike(word: str, name: str) -> bool:
    """Two edits, both in the last letters of a name of five to seven letters, after a
    shared start of all but its last three letters ("Numpai", "Numpie" for NumPy,
    "Pandsas"): how a name heard, not read, is written. Letters only, about as long as the
    name, with the name's style (no inner capital it lacks, no lower case for an acronym)."""
    key, choice = word.casefold(), name.casefold()
    if len(choice) < _SOUND_MIN or abs(len(key) - len(choice)) > 1:
        return False
    if not (key.isalpha() and choice.isalpha()):
        return False
    if _has_inner_capital(word) and not _has_inner_capital(name):
        return False
    if word.islower() and not any(char.islower() for char in name):
        return False
    return _shared_start(key, choice) >= max(3, len(choice) - 3)


def _shared_start(one: str, other: str) -> int:
    """How many first letters two words share."""
    length = min(len(one), len(other))
    return next((index for index in range(length) if one[index] != other[index]), length)


def _doubles_a_letter(key: str, choice: str) -> bool:
    """Whether ``key`` is ``choice`` with one letter typed twice ("ResNett")."""
    return len(key) == len(choice) + 1 and any(
        key[index] == key[index - 1] and key[:index] + key[index + 1 :] == choice
        for index in range(1, len(key))
    )


_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# Letters written for one another by sound, not by a slip of the finger ("Numpi", "RMSProb").
_SOUND_ALIKE = frozenset(
    pair
    for one, other in (("i", "y"), ("c", "k"), ("s", "z"), ("b", "p"), ("d", "t"), ("f", "v"))
    for pair in ((one, other), (other, one))
)


@cache
def _keyboard_neighbours() -> dict[str, frozenset[str]]:
    """Keys that touch each letter key (rows are staggered by about half a key)."""
    position = {
        key: (row, column)
        for row, keys in enumerate(_KEYBOARD_ROWS)
        for column, key in enumerate(keys)
    }
    # (row, column) steps to the keys left and right, the two above and the two below.
    touching = {(0, -1), (0, 1), (-1, 0), (-1, 1), (1, -1), (1, 0)}
    return {
        key: frozenset(
            other
            for other, (other_row, other_column) in position.items()
            if (other_row - row, other_column - column) in touching
        )
        for key, (row, column) in position.items()
    }


def _has_inner_capital(word: str) -> bool:
    """A capital inside a word; one after a digit is how "X2Y" names are often written
    ("Word2Vec", "Seq2Seq"), and one after a hyphen starts the next word ("K-Means"): neither
    is a name styled on its own."""
    return any(char.isupper() and before.isalpha() for before, char in pairwise(word))


def _is_slip(word: str, name: str, distance: int) -> bool:
    """Whether ``word`` is a plausible slip of the hand for ``name``, not another name.

    Names are often made from other names by a prefix or suffix letter ("ujson", "YOLOX",
    "mBERT") or a different ending ("JupyterHub"), and a word styled with inner capitals
    ("LiteRT", "SIGMOD") was styled on purpose. Slips are swapped neighbours, or a letter
    added, dropped or changed inside the word.
    """
    key, choice = word.casefold(), name.casefold()
    if key[1:] == choice and key[0] == key[1]:
        return True  # the first letter typed twice ("KKeras", "PPyTorch"): no name does that
    if key[:-1] == choice and choice[-1:].isdigit():
        return False  # a size or variant letter after a version: "YOLOv8n", "GPT-4o"
    if word.islower() and key[-1:].isdigit() and choice[:-1] == key and choice[-1].isalpha():
        return False  # "conv1", "maxpool2": a model's own layer, not Conv1D or MaxPool2D
    swapped = distance == 1 and Levenshtein.distance(key, choice) == 2  # two letters swapped
    if _has_inner_capital(word) and not _has_inner_capital(name) and not swapped:
        return False  # "AdaGard" is a slip of Adagrad, styled as many write it
    if word.islower() and not any(char.islower() for char in name):
        return False  # "ujson", "httpx": a lower-case package named after an acronym
    if key.count("-") != choice.count("-"):
        return False
    if Levenshtein.distance(key, choice) > distance:  # letters swapped
        return distance == 1 or key[0] == choice[0]
    edits = list(Levenshtein.editops(key, choice))
    positions = sorted(edit.dest_pos for edit in edits)
    # A new first letter, or an "x" added at the end ("YOLOX", "WhisperX"), makes a new name;
    # a doubled "x" ("softmaxx") is a slip.
    added_x = key.endswith("x") and not key.endswith("xx") and len(key) > len(choice)
    if positions[0] == 0 or (added_x and choice == key[:-1]):
        return False
    if distance == 2:
        apart = positions[1] - positions[0] > 1
        return apart and positions[0] < len(choice) - 3 and not _other_compound(key, choice)
    last = edits[0].dest_pos == len(choice) - 1  # "LinearSVM" and LinearSVC: other names
    if edits[0].tag != "replace" or (len(choice) > 5 and not word.isupper() and not last):
        return True
    mine, theirs = key[edits[0].src_pos], choice[edits[0].dest_pos]
    return (
        mine in _keyboard_neighbours().get(theirs, ())
        or (mine, theirs) in _SOUND_ALIKE
        or _moved_double(key, choice, edits[0].src_pos, edits[0].dest_pos)
    )


def _other_compound(key: str, choice: str) -> bool:
    """Whether the word and the name share a first part and each ends in a different
    dictionary word ("Deepmask" and DeepWalk: deep + mask, deep + walk): another name made
    the same way, not a slip of the hand."""
    shared = _shared_start(key, choice)
    mine, theirs = key[shared:], choice[shared:]
    whole = len(mine) >= 3 and len(theirs) >= 3 and shared >= 3
    return whole and is_dictionary_word(mine) and is_dictionary_word(theirs)


def _moved_double(key: str, choice: str, mine: int, theirs: int) -> bool:
    """A doubled letter typed one place off ("ONXX" for ONNX, "DPPM" for DDPM): the
    letter written is its neighbour in the word, and the letter meant is doubled in the name."""
    return key[mine] in (key[mine - 1 : mine], key[mine + 1 : mine + 2]) and choice[theirs] in (
        choice[theirs - 1 : theirs],
        choice[theirs + 1 : theirs + 2],
    )


@cache
def _index() -> _Lexicon:
    return _Lexicon(lexicon())


def _is_name(word: str) -> bool:
    """A canonical name, also written with other joiners ("GPT3") or British ("-isation")."""
    index = _index()
    american = word
    for british, replacement in _BRITISH:
        american = british.sub(replacement, american)
    return index.is_name(word) or (american != word and index.is_name(american))


@cache
def _is_known(word: str) -> bool:
    """A canonical name or a dictionary word."""
    return _is_name(word) or is_dictionary_word(word)


def _plural_stems(word: str) -> tuple[str, ...]:
    """Singulars ``word`` may be the plural of ("LTSMs", "Lassoes"); "Kerass" is none."""
    if word.endswith("es") and len(word) > 3:
        return word[:-1], word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        return (word[:-1],)
    return ()


@cache
def name_typo(token: str) -> Typo | None:
    """The canonical names ``token`` is a typo of, or None for a name, a word or no near name.

    A possessive ("LTSM's") and a plural ("LTSMs") are looked at without their ending.
    """
    word = _POSSESSIVE_END.sub("", token) or token
    if word.lower() in common_words():  # most words: the fast answer
        return _acronym_swap(word)
    forms = (word, *_plural_stems(word))
    if any(_is_name(form) for form in forms):
        return _glued_name(word)
    if _is_numbered_name(word):
        return None
    return _letter_for_digit(word) or _nearest_in(_index(), word, forms)


# A canonical name with a depth or size number the list does not hold ("ResNeXt-50",
# "DenseNet-201"): the number names a variant of that name, not a slip of another name's.
_NUMBERED = lazy_regex(r"(?P<base>.*[A-Za-z])-?\d{1,4}")


def _is_numbered_name(word: str) -> bool:
    match = _NUMBERED.fullmatch(word)
    return match is not None and _is_name(match["base"])


# Letters typed for the digits they look like, next to a digit: "ResNet-5O", "CIFAR-1O",
# "DenseNet-12l".
_DIGIT_LOOKALIKES = lazy_regex(r"(?<=\d)[OlI]+|[OlI]+(?=\d)")
_AS_DIGITS = str.maketrans("OlI", "011")


def _letter_for_digit(word: str) -> Typo | None:
    """A name with a letter written for a digit ("ResNet-5O" for ResNet-50)."""
    if not _DIGITS.search(word):
        return None
    meant = _DIGIT_LOOKALIKES.sub(lambda match: match.group(0).translate(_AS_DIGITS), word)
    if meant == word or not _is_name(meant):
        return None
    return Typo(word, (_written_names().get(_compact(meant), meant),))


@cache
def _written_names() -> dict[str, str]:
    """Each name run together and lower-cased ("resnet50"), to how it is written."""
    names: dict[str, str] = {}
    for name in lexicon():
        names.setdefault(_compact(name), name)
    return names


_GLUED_PART = 4  # shorter first parts glue into code names ("kmeans", "ttest", "ngram")
_LIBRARY_PART = 6  # "scikitlearn": a library's name even in lower case


@cache
def _hyphenated_names() -> dict[str, str]:
    """Lower-case names of two words joined by a hyphen ("scikit-learn"), run together."""
    names = {}
    for name in lexicon():
        parts = name.split("-")
        lower = len(parts) == 2 and all(part.isalpha() and part.islower() for part in parts)
        if lower and min(map(len, parts)) >= _GLUED_PART:
            names[name.replace("-", "")] = name
    return names


def _glued_name(word: str) -> Typo | None:
    """A name of two words written as one: "Scikitlearn" for scikit-learn, "StableDiffusion"
    for Stable Diffusion.

    A hyphenated lower-case name with a short first part glues into class and code names
    ("LogSoftmax", "crossentropy"): only a library's long first part ("scikit",
    "imbalanced") makes any glued form a typo. A name of two English words ("Monte Carlo")
    glued with capitals is one; a brand glued on purpose ("HuggingFace", "KerasTuner") has a
    word of its own in it and is left to misspelled-name's list."""
    name = _hyphenated_names().get(word.casefold())
    if name is not None:
        library = len(name.split("-")[0]) >= _LIBRARY_PART
        if library or not (word.islower() or _has_inner_capital(word)):
            return Typo(word, (name,))
        return None
    name = _spaced_word_names().get(word.casefold())
    if name is not None and word == name.replace(" ", ""):
        return Typo(word, (name,))
    return None


@cache
def _spaced_word_names() -> dict[str, str]:
    """Names of two capitalised English words ("Monte Carlo", "Stable Diffusion"), run
    together and lower-cased."""
    names = {}
    for name in lexicon():
        parts = name.split(" ")
        if len(parts) != 2 or not all(
            part.isalpha() and part[0].isupper() and part[1:].islower() and len(part) >= 4
            for part in parts
        ):
            continue
        if all(is_dictionary_word(part.lower()) and not _index().is_name(part) for part in parts):
            names[name.replace(" ", "").casefold()] = name
    return names


def _nearest_in(index: _Lexicon, word: str, forms: tuple[str, ...]) -> Typo | None:
    for form in forms:
        if names := index.nearest(form):
            # The full dictionary look-up (inflections, British forms) only for near misses.
            if any(_is_word(form) for form in forms) or english_as_near(word, names[0]):
                return None
            return Typo(form, names)
    return None


_RARE_WORD = 1e-6  # pyspellchecker's relative frequency: "bret", not "blue"


def _acronym_swap(word: str) -> Typo | None:
    """An acronym name with two letters swapped that happens to spell a rare word: "BRET"
    for BERT. A common word in capitals ("BLUE", "DATA") is the word."""
    if not word.isupper() or len(word) < _MIN_LETTERS:
        return None
    if usage_frequency(word) >= _RARE_WORD:
        return None
    names = [name for name in _index().nearest(word) if name.isupper()]
    swapped = [
        name for name in names if Levenshtein.distance(word.casefold(), name.casefold()) == 2
    ]
    return Typo(word, tuple(swapped)) if swapped and OSA.distance(word, swapped[0]) == 1 else None


# Keras classes named by an English word. Left out of the lexicon (a slip of "dense" in prose
# is a spelling mistake, and so is one at the start of a sentence), they are names when
# capitalised inside a sentence: "a Flaten layer", "the Sequentail API" is a misspelled class.
_CLASS_WORDS = (
    "Activation",
    "Attention",
    "Bidirectional",
    "Concatenate",
    "Dense",
    "Embedding",
    "Flatten",
    "Masking",
    "Normalization",
    "Permute",
    "Rescaling",
    "Reshape",
    "Resizing",
    "Sequential",
)


@cache
def _class_index() -> _Lexicon:
    return _Lexicon(_CLASS_WORDS)


@cache
def class_typo(word: str) -> Typo | None:
    """The Keras class a capitalised word is a slip of ("Flaten": Flatten), if any."""
    if not (word[:1].isupper() and word[1:].islower()) or word.lower() in common_words():
        return None
    return _nearest_in(_class_index(), word, (word, *_plural_stems(word)))


# Markup and numbering that may stand before the first word of a line or sentence.
_LEAD = " \t*_~`\"'([>#|+-0123456789)"


def _opens_sentence(prose: str, start: int) -> bool:
    """Whether a word opens its line, heading, list item or sentence."""
    line_start = prose.rfind("\n", 0, start) + 1
    before = prose[line_start:start].rstrip(_LEAD)
    return not before or before[-1] in ".!?:"


def class_typo_spans(document: LintDocument, config: LintConfig) -> list[tuple[int, int, Typo]]:
    """Capitalised slips of Keras class names inside a sentence (computed once per note):
    the spelling rule leaves these words to this rule."""

    def compute() -> list[tuple[int, int, Typo]]:
        skipped = typo_finder(config).skipped
        found = []
        for offset, text in _document_chunks(document):
            typo = class_typo(text)
            if typo is None or text.casefold() in skipped:
                continue
            if not _opens_sentence(document.prose, offset):
                found.append((offset, offset + len(typo.found), typo))
        return found

    return document.memo("name-class-typos", compute)


# The endings other languages give a borrowed term ("Hessiana", "Tensoren", "clusters"): in a
# deck written in one of them, the term and such an ending is that language's word.
_INFLECTION = lazy_regex(r"(?:a|o|e|i|as|os|es|en|er|n|s)")


def _inflected(typo: Typo) -> bool:
    found = typo.found.casefold()
    return any(
        found.startswith(stem := name.casefold())
        and len(found) > len(stem)
        and _INFLECTION.fullmatch(found[len(stem) :]) is not None
        for name in typo.names
    )


def english_as_near(word: str, name: str) -> bool:
    """Whether a plain English word is as near ``word`` as ``name`` is: then "netwokrs" is a
    slip of "networks" (spelling reports it), not of NetworkX.

    When both are as near, the likelier slip decides: a letter left out, two letters
    swapped or one doubled ("kafak": Kafka, not kayak; "captue": capture, not Captum); when
    that ties too, the case does (see below).
    """
    key = word.casefold()
    target = name.casefold()
    distance = OSA.distance(key, target)
    near = _plain_words_by_length().within(len(key), distance)
    found = process.extract(key, near, scorer=OSA.distance, score_cutoff=distance, limit=None)
    if not found:
        return False
    if min(score for _, score, _ in found) < distance:
        return True
    name_slip = _typical_slip(key, target)
    english_slip = any(_typical_slip(key, choice) for choice, _, _ in found)
    if name_slip != english_slip:
        return english_slip
    # As near: a word written in the name's case is meant as the name ("tahn": tanh,
    # "Kears": Keras); a lower-case word near a capitalised name is English ("staas").
    return _has_capital(word) != _has_capital(name)


def _typical_slip(typo: str, meant: str) -> bool:
    """Whether ``typo`` is ``meant`` with one letter left out, two neighbours swapped or a
    letter typed twice: the commonest slips of the hand."""
    if len(typo) == len(meant) - 1:
        return any(meant[:cut] + meant[cut + 1 :] == typo for cut in range(len(meant)))
    if len(typo) == len(meant) + 1:
        return _doubles_a_letter(typo, meant)
    if len(typo) != len(meant):
        return False
    differ = [
        index for index, (one, other) in enumerate(zip(typo, meant, strict=True)) if one != other
    ]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and typo[differ[0]] == meant[differ[1]]
        and typo[differ[1]] == meant[differ[0]]
    )


def _sound_alike_letter(typo: str, meant: str) -> bool:
    """Whether ``typo`` is ``meant`` with one letter written as one that sounds alike
    ("Jupiter" for Jupyter)."""
    if len(typo) != len(meant):
        return False
    differ = [(one, other) for one, other in zip(typo, meant, strict=True) if one != other]
    return len(differ) == 1 and differ[0] in _SOUND_ALIKE


def _has_capital(word: str) -> bool:
    return any(char.isupper() for char in word)


@cache
def _plain_words() -> tuple[str, ...]:
    """Every plain English word (dictionary and web tier), less the canonical names."""
    names = {name.casefold() for name in lexicon()}
    return tuple(sorted(common_words() - names))


@cache
def _plain_words_by_length() -> LengthIndex:
    return LengthIndex(_plain_words())


@cache
def _terms_but_names() -> frozenset[str]:
    """The bundled terms less the canonical names, whose "inflections" are typos: "Kerass",
    "sigmoidd" and "Jupytre" (a British "-tre") are no words."""
    return bundled_terms() - {name.casefold() for name in lexicon()}


def _is_word(word: str) -> bool:
    """A dictionary word in any inflection or British spelling, but not by way of a name."""
    return is_known(word.lower(), _terms_but_names())


def nearest_canonical(word: str) -> str | None:
    """The canonical name that ``word`` is a typo of (the first if several are as near).

    None when ``word`` is a canonical name or a dictionary word, or no name is near enough.
    """
    typo = name_typo(word)
    return typo.names[0] if typo else None


def _as_written(name: str, found: str, misspelled: frozenset[str]) -> str:
    """A lower-case name at the start of a sentence keeps the capital the author wrote, unless
    the name is never capitalised (``misspelled``: AG110's keys, such as "Scikit-learn")."""
    capitalised = name[:1].upper() + name[1:]
    if found[:1].isupper() and name.islower() and capitalised.casefold() not in misspelled:
        return capitalised
    return name


# A name with a version glued to it: "Tensorflwo2", "Pytroch2.1", "Kears-3.0", "YOLOv8".
# The name ends in a small letter or is an acronym: a capital just before the number is part
# of the name ("EfficientNetB0"), unless it is a "V" ("MobileNetV2").
_VERSIONED = lazy_regex(r"(?P<name>[A-Z][A-Z-]*[A-Z]|[A-Za-z][A-Za-z-]*?[a-z])-?[vV]?\d+(?:\.\d+)*")


def _document_chunks(document: LintDocument) -> tuple[tuple[int, str], ...]:
    """``_chunks`` of the document's prose, found once for both name rules' passes."""
    return document.memo(
        "name-chunks", lambda: tuple(_chunks(document.prose, document.body_offset))
    )


_WITHOUT_IDEOGRAPHS = lazy_regex(
    r"[^\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\uac00-\ud7af]+"
)
# An en dash joins the names of a pair of people as a hyphen does ("Kullback\u2013Leibler",
# "Damerau\u2013Levenshtein"): read as a hyphen (one character for one, so offsets hold).
_NAME_DASH = lazy_regex(r"(?<=[^\W\d_])\u2013(?=[^\W\d_])")


def _chunks(prose: str, start: int) -> Iterator[tuple[int, str]]:
    """(offset, text) of each prose token that may be a name, hyphenated compounds whole."""
    for chunk in _CHUNK.finditer(_NAME_DASH.sub("-", prose), start):
        for offset, piece in _alternatives(chunk.start(), chunk.group(0)):
            # Trailing full stops and "++", quotes, and the underscores of _emphasis_ are not
            # part of a name.
            text = piece.rstrip(".+").strip("'\u2019-_")
            if "." in text and (versioned := _VERSIONED.fullmatch(text)) is not None:
                text = versioned.group("name")  # "Pytroch2.1": the name, not its version
            at = offset + piece.find(text)
            # "UNet等", "用PyTorch实现": Chinese or Japanese text glued to a name is not part
            # of it; each run of other letters is a token of its own.
            for run_start, run in _runs_without_ideographs(text):
                word = run.strip("'\u2019-_")
                if not word[:1].isalpha() or (
                    _CODE_CHARACTERS.search(word) and not _is_suffixed_name_shape(word)
                ):
                    continue  # a number, an identifier, a path, a dotted name
                yield at + run_start + run.find(word), word


def _runs_without_ideographs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, run) of each run of ``text`` without Chinese, Japanese or Korean characters."""
    if text.isascii():  # nearly every token: none of those characters, one run (or none)
        if text:
            yield 0, text
        return
    for run in _WITHOUT_IDEOGRAPHS.finditer(text):
        yield run.start(), run.group(0)


def _is_suffixed_name_shape(text: str) -> bool:
    """A word with a suffix that some name has ("Nepture.ai" as "Neptune.ai"), not a dotted
    code name ("np.array", "df.loc")."""
    if _SUFFIXED_NAME.fullmatch(text) is None:
        return False
    return text.rsplit(".", 1)[1] in _name_suffixes()


@cache
def _name_suffixes() -> frozenset[str]:
    """The suffixes of the lexicon's suffixed names: "ai", "js", "cpp"."""
    return frozenset(name.rsplit(".", 1)[1] for name in lexicon() if _SUFFIXED_NAME.fullmatch(name))


def _alternatives(offset: int, chunk: str) -> Iterator[tuple[int, str]]:
    """The names of "Keras/TensorFlow" one by one; a path ("data/raw.csv", "/usr") stays whole."""
    if "/" not in chunk or "." in chunk.rstrip(".") or chunk.startswith(("/", "~")):
        yield offset, chunk
        return
    for part in chunk.split("/"):
        yield offset, part
        offset += len(part) + 1


class _TypoFinder:
    """Verdicts per token for one configuration, remembered across notes."""

    def __init__(self, accepted: frozenset[str], reported_elsewhere: frozenset[str]) -> None:
        # The project's own words and AG110's keys (lower case): never reported here.
        self.skipped = accepted | reported_elsewhere
        self.reported_elsewhere = reported_elsewhere

    def typo(self, token: str) -> Typo | None:
        typo = name_typo(token)
        if typo is None and (versioned := _VERSIONED.fullmatch(token)) is not None:
            typo = name_typo(versioned.group("name"))  # "Tensorflwo2": the name, no version
        if typo is None:
            return None
        word = _POSSESSIVE_END.sub("", token) or token
        if word.casefold() in self.skipped or typo.found.casefold() in self.skipped:
            return None
        return typo

    def replacement(self, typo: Typo) -> str:
        return _as_written(typo.names[0], typo.found, self.reported_elsewhere)

    def typos(self, offset: int, text: str) -> Iterator[tuple[int, Typo]]:
        """The typos in a chunk: the whole compound, else the longest runs of its parts
        ("cross-Kullback-Liebler", "Tensorflwo-based")."""
        if (typo := self.typo(text)) is not None:
            yield offset, typo
            return
        if "-" not in text or _is_known(text):
            return
        parts = text.split("-")
        starts = [sum(len(part) + 1 for part in parts[:index]) for index in range(len(parts))]
        first = 0
        while first < len(parts):
            for last in range(len(parts), first, -1):
                if last - first == len(parts) or not parts[first] or not parts[last - 1]:
                    continue  # the whole was tried; no empty ends
                if (typo := self.typo("-".join(parts[first:last]))) is not None:
                    yield offset + starts[first], typo
                    first = last - 1
                    break
            first += 1


@cache
def _typo_finder(words: tuple[str, ...], misspellings: tuple[tuple[str, str], ...]) -> _TypoFinder:
    config = LintConfig(words=words, misspellings=dict(misspellings))
    accepted = frozenset(word.casefold() for word in words)
    return _TypoFinder(accepted, misspelled_words(config))


def typo_finder(config: LintConfig) -> _TypoFinder:
    return _typo_finder(config.words, tuple(sorted(config.misspellings.items())))


# --- one word of a several-word name misspelled: "Huggign Face", "Stable Difusion" ---------


@dataclass(frozen=True)
class _PhraseSlot:
    """A several-word name with one word left open: the open word must be a slip of
    ``part``, the others are written as in the name (any case)."""

    name: str
    part: str
    pattern: re.Pattern[str]
    anchor: str  # a lower-case word of the name that must occur: a cheap first look
    coined: bool  # a word of the name is no English word ("PyTorch", "Jupyter")


@cache
def _phrase_slots() -> tuple[_PhraseSlot, ...]:
    slots = []
    for name in lexicon():
        parts = name.split()
        if len(parts) < 2:
            continue
        for index, part in enumerate(parts):
            if allowed_distance(len(part)) == 0 or not part[:1].isalpha():
                continue  # too short to tell a slip from another word
            pieces = [
                r"(?P<typo>[^\W\d_][\w-]*)" if position == index else re.escape(other)
                for position, other in enumerate(parts)
            ]
            joined = r"\s+".join(pieces)
            if index < len(parts) - 1:
                joined += r"(?:'s|\u2019s|s)?"  # "Jupiter Notebooks", "Stable Difusion's"
            pattern = lazy_regex(rf"(?<![\w.-])(?i:{joined})(?![\w-])")
            others = [other.casefold() for position, other in enumerate(parts) if position != index]
            coined = any(word.casefold() not in common_words() for word in parts if word.isalpha())
            slots.append(_PhraseSlot(name, part, pattern, max(others, key=len), coined))
    return tuple(slots)


def _slip_of_part(word: str, part: str, finder: _TypoFinder, coined: bool) -> bool:
    """Whether ``word`` is a slip of the name's word ``part`` and no other name itself.

    An English word is a slip only in a name with a coined word ("PyTorch Lighting",
    "Jupiter Notebook"): no English phrase reads that way, while the slot of an all-English
    name ("Hugging Fade" for Hugging Face) may be an English phrase of its own. Even then the
    slip must be a common one (a letter left out, doubled or swapped, or a letter for one
    that sounds alike): "Keras tuned" and "Swin transformed" are other words, and a word
    that starts the other ("Notebooks") is an inflection.
    """
    key, target = word.casefold(), part.casefold()
    if key == target or key in finder.skipped or _DIGITS.findall(key) != _DIGITS.findall(target):
        return False
    distance = OSA.distance(key, target)
    if not 0 < distance <= allowed_distance(min(len(key), len(target))):
        return False
    if not _is_slip(word, part, distance):
        return False
    if _is_known(word) or _is_word(word):
        inflected = key.startswith(target) or target.startswith(key)
        common = _typical_slip(key, target) or _sound_alike_letter(key, target)
        if not coined or inflected or not common or _is_name(word):
            return False
    return finder.typo(word) is None  # a typo of a one-word name is reported as that


_WORD_DECOR = "!\"'()*,.:;?[]_`{}<>\u2019\u201c\u201d"


def phrase_typos(
    prose: str, start: int, finder: _TypoFinder
) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, text, name) of each several-word name written with one word misspelled."""
    words = {word.strip(_WORD_DECOR) for word in prose[start:].casefold().split()}
    words |= {_POSSESSIVE_END.sub("", word).removesuffix("s") for word in words}  # "Notebooks"
    for slot in _phrase_slots():
        if slot.anchor not in words:
            continue
        for match in slot.pattern.finditer(prose, start):
            if _slip_of_part(match.group("typo"), slot.part, finder, slot.coined):
                yield match.start(), match.end(), match.group(0), slot.name


def phrase_typo_spans(
    document: LintDocument, config: LintConfig
) -> list[tuple[int, int, str, str]]:
    """The note's several-word names with a misspelled word (computed once per note): the
    spelling rule can leave those words to this rule."""
    return document.memo(
        "name-phrase-typos",
        lambda: list(phrase_typos(document.prose, document.body_offset, typo_finder(config))),
    )


def _phrase_message(text: str, name: str) -> str:
    return (
        f"'{' '.join(text.split())}' looks like a misspelling of '{name}'; if it is a name of "
        "its own, add the word to [tool.ankigen.lint] words"
    )


def _typo_message(typo: Typo) -> str:
    if len(typo.names) == 1:
        return (
            f"'{typo.found}' looks like a misspelling of '{typo.names[0]}'; if it is a name of "
            "its own, add it to [tool.ankigen.lint] words"
        )
    choices = ", ".join(f"'{name}'" for name in typo.names)
    return f"'{typo.found}' looks like a misspelling of one of {choices}"


def _misspelled_spans(document: LintDocument, config: LintConfig) -> list[tuple[int, int]]:
    prose, code = matchers(config)
    found = [*prose.find(document.prose, document.body_offset)]
    found += code.find(document.text, document.body_offset)
    return [match.span() for match, _ in found]


# --- a styled name written with other capitals: "GloVE", "TensorFLow" ---------------------

# Other casings in wide use that a project or a major library writes itself, so that they are
# no slip: the paper's RMSProp (Keras and PyTorch write RMSprop), PyTorch's
# MultiheadAttention (Keras: MultiHeadAttention), Hugging Face's ConvNext classes, GoogleNet
# as much writing has GoogLeNet; and LoRa, the radio protocol. (The data file holds one
# casing a name, so the others live here.)
_SEVERAL_CASINGS = frozenset({"RMSProp", "MultiheadAttention", "ConvNext", "GoogleNet", "LoRa"})


@cache
def _styled_names() -> dict[str, str]:
    """Lower-cased one-token names styled with a capital inside (GloVe, PyTorch, LightGBM),
    to the written form. A name without one ("Llama", "Adagrad", "scikit-learn") or an
    acronym has no inner style to get wrong, or is written otherwise by its own authors
    ("LLaMA", "AdaGrad")."""
    return {
        name.casefold(): name
        for name in lexicon()
        if _ONE_TOKEN.fullmatch(name)
        and not _DIGITS.search(name)
        and _has_inner_capital(name)
        and any(char.islower() for char in name)
    }


@lru_cache(maxsize=1 << 16)  # a pure function of the token; prose repeats its words
def case_variant(token: str) -> str | None:
    """The styled name that ``token`` writes with other inner capitals ("GloVE": GloVe).

    Only a word styled on purpose is compared (a capital inside it, not all capitals):
    "Pytorch" and "PYTORCH" are left to misspelled-name's list; names with digits
    ("Word2Vec", "word2vec") and the casings in ``_SEVERAL_CASINGS`` are accepted."""
    word = _POSSESSIVE_END.sub("", token) or token
    if word.isupper() or not _has_inner_capital(word) or word in _SEVERAL_CASINGS:
        return None
    name = _styled_names().get(word.casefold())
    if name is None or name == word or word in canonical_names():
        return None
    if name.endswith("BERT") and word == name[:-4] + "Bert":
        return None  # Hugging Face's classes: DistilBert, MobileBert
    # Another first letter is another use: a method in prose ("groupBy" for GroupBy), a
    # sentence's capital ("SpaCy").
    return name if word[0].isupper() == name[0].isupper() else None


# --- a one-word name split in two: "Open CV", "Mongo DB", "Py Torch" ----------------------

# Two words joined by a space or hyphen, looked at from every word (the look-ahead lets pairs
# overlap: "the Open CV library" gives "the Open", "Open CV", "CV library").
_WORD_PAIR = lazy_regex(
    r"(?<![\w.\-])(?=(?P<pair>(?P<first>[A-Za-z]{2,})[ \-](?P<second>[A-Za-z]{2,}))(?![\w\-]|\.\w))"
)


@cache
def _joined_names() -> dict[str, str]:
    """Lower-cased one-word names made of letters only, to their written form."""
    return {name.casefold(): name for name in lexicon() if name.isalpha()}


def _web_writes_joined(first: str, second: str, name: str) -> bool:
    """A name styled in one word with an inner capital ("GitHub", "LinkedIn", "PubMed")
    split at that capital ("Git Hub"), when the web writes it as one word too: its joined
    form is a common web word. A concept named by two words ("Data Frame", "Elastic Net") is
    not one, and stays the author's choice."""
    return (
        name == first + second
        and first[:1].isupper()
        and second[:1].isupper()
        and name.casefold() in web_words()
    )


def _fragment(part: str) -> bool:
    """A piece of a name that is no word of its own ("Mongo", "Jupyter", "Postgre").

    Not an English word ("Linear Regression" and "Elastic Net" are often two words on
    purpose; a split name the web writes joined is ``_web_writes_joined``'s), not an acronym
    or a name styled as one ("KL Divergence", "BCE Loss", "Leaky ReLU" name a function in
    prose) and not a lower-case name ("Log Softmax")."""
    if part.isupper() or _is_word(part):
        return False
    name = _joined_names().get(part.casefold())
    return name is None or (not name.islower() and sum(map(str.isupper, name)) < 2)


def split_names(prose: str, start: int) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, text, name) of each one-word name written as two words, where one part
    is no word of its own ("Mongo DB", "Jupyter Lab", "Keras Tuner", "Postgre SQL").

    Splits into words and acronyms ("Open CV", "Chat GPT") are too often a class or function
    named in prose to be told apart in general: misspelled-name (AG110) lists those."""
    names = _joined_names()
    for match in _WORD_PAIR.finditer(prose, start):
        first, second = match.group("first"), match.group("second")
        name = names.get((first + second).casefold())
        if name is None or (first.islower() and second.islower()):
            continue
        if _fragment(first) or _fragment(second) or _web_writes_joined(first, second, name):
            yield match.start("pair"), match.end("pair"), match.group("pair"), name


# --- names in code: imported modules and comments -----------------------------------------

# Import names of the packages a card's snippet most often imports: the targets a misspelled
# module name is compared with ("tensorfow", "sklaern", "matplotllib").
_IMPORT_TARGETS = frozenset(
    {"catboost", "datasets", "gensim", "keras", "lightgbm", "matplotlib", "nltk", "numpy"}
    | {"pandas", "plotly", "scipy", "seaborn", "sklearn", "spacy", "statsmodels", "tensorflow"}
    | {"torch", "torchaudio", "torchtext", "torchvision", "transformers", "xgboost", "skimage"}
)
# Other real top-level modules near a target, never taken for its typo.
_OTHER_MODULES = frozenset(
    {"cupy", "flax", "optax", "scapy", "sympy", "numba", "pandera", "torchx", "keras_nlp"}
    | {"keras_cv", "tensorflow_hub", "tensorboard", "torchdata", "torchmetrics", "dataset"}
)


@cache
def _known_modules() -> frozenset[str]:
    import sys

    from_names = {name.casefold() for name in lexicon() if name.isidentifier()}
    return frozenset(sys.stdlib_module_names) | _IMPORT_TARGETS | _OTHER_MODULES | from_names


# Distribution names that differ from the import name ("pip install scikit-learn").
_DISTRIBUTIONS = frozenset({"scikit-learn", "opencv-python", "tensorflow-cpu", "scikit-image"})


# A canonical name that is written as a distribution is ("bitsandbytes", "LightGBM"): what
# "pip install" may name besides the import targets (session 35).
_DISTRIBUTION_SHAPE = lazy_regex(r"[A-Za-z][A-Za-z-]{4,}")


@cache
def _lexicon_packages() -> frozenset[str]:
    return frozenset(
        name.casefold() for name in lexicon() if _DISTRIBUTION_SHAPE.fullmatch(name) is not None
    )


@cache
def module_typo(module: str, package: bool = False) -> str | None:
    """The import name (or, for ``package``, the pip name) that ``module`` is a slip of
    ("tensorfow": tensorflow; "scikit-lern": scikit-learn), if any."""
    key = module.casefold()
    if key in _known_modules() or len(key) < _MIN_LETTERS or _is_known(module):
        return None
    if _DIGITS.findall(key) or "_" in key or "." in key:
        return None  # "keras2", "scipy_": another module, not a slip
    targets = _IMPORT_TARGETS | _DISTRIBUTIONS | _lexicon_packages() if package else _IMPORT_TARGETS
    if package and key in targets:
        return None
    near = []
    for target in sorted(targets):
        distance = OSA.distance(key, target)
        if 0 < distance <= allowed_distance(min(len(key), len(target))) and _is_slip(
            key, target, distance
        ):
            near.append((distance, target))
    if not near or (len(near) > 1 and near[0][0] == near[1][0]):
        return None
    return min(near)[1]


def _inner_class_typo(text: str, offset: int, chunk: str, finder: _TypoFinder) -> Typo | None:
    """A capitalised slip of a Keras class inside a sentence of ``text`` (see class_typo)."""
    typo = class_typo(chunk)
    if typo is None or chunk.casefold() in finder.skipped or _opens_sentence(text, offset):
        return None
    return typo


# Shell blocks, where "pip install" lines are written ("```bash", "```console", "```sh").
_SHELL_LANGUAGES = frozenset({"bash", "console", "sh", "shell", "shell-session", "zsh"})
_PROMPT = lazy_regex(r"^[ \t]*(?:\([\w.-]+\)[ \t]*)?[$%>](?=[ \t])", re.MULTILINE)


def _shell_packages(document: LintDocument) -> Iterator[CodeText]:
    """The packages that "pip install" lines of shell blocks install (Python blocks and
    inline code are read by ``code_texts``)."""
    from ankigen.lint.rules.python.code_words import CodeText, _installed
    from ankigen.lint.rules.python.positions import BlockMap

    for block in document.code_blocks:
        if block.language.lower() not in _SHELL_LANGUAGES or "install" not in block.code:
            continue
        mapping = BlockMap.of(document, block)
        # A prompt ("$ ", "(venv) $ ") is blanked, keeping every position.
        code = _PROMPT.sub(lambda match: " " * len(match.group(0)), mapping.clean)
        for start, name in _installed(code):
            offsets = tuple(mapping.offset_of(start + index) for index in range(len(name)))
            yield CodeText("package", name, (*offsets, offsets[-1] + 1))


# A model id of the Hugging Face Hub, "organisation/model-name", in prose, inline code or a
# code block ("mistralai/Mitsral-7B-Instruct-v0.2"): the model name is typed by hand and
# names a model. A hyphen in the name and no file extension tell it from a path
# ("data/train.csv"); an address ("huggingface.co/…") is a URL, not read (session 35).
_HUB_ID = lazy_regex(
    r"(?<![\w/.:@~$-])[A-Za-z0-9][\w.-]{1,38}/(?P<model>[A-Za-z][\w.]*-[\w.-]{1,94})(?![\w/])"
)
_FILE_EXTENSION = lazy_regex(r"\.[A-Za-z]{1,5}$")
_HUB_WORD = lazy_regex(r"[A-Za-z]{5,}")


def _hub_id_typos(document: LintDocument, finder: _TypoFinder) -> Iterator[Finding]:
    """Slips of a name inside the model part of Hub ids: each run of five letters or more."""
    text = document.text
    if "/" not in text or "-" not in text:
        return
    unread = unread_spans(document)
    for match in _HUB_ID.finditer(text, document.body_offset):
        model = match.group("model")
        start = match.start("model")
        if _FILE_EXTENSION.search(model) or _in_url(text, match.start()) or _inside(start, unread):
            continue
        for word in _HUB_WORD.finditer(model):
            typo = finder.typo(word.group(0))
            if typo is None or typo.found != word.group(0):
                continue
            begin, end = start + word.start(), start + word.end()
            fix = Fix(begin, end, finder.replacement(typo)) if len(typo.names) == 1 else None
            yield Finding(begin, end, _typo_message(typo), fix)


def _code_typos(document: LintDocument, finder: _TypoFinder) -> Iterator[Finding]:
    """Misspelled modules in imports and misspelled names in comments of Python code."""
    from ankigen.lint.rules.python.code_words import code_texts

    texts = code_texts(document)
    imported = frozenset(text.text for text in texts if text.kind == "name")
    for text in (*texts, *_shell_packages(document)):
        if text.kind == "read":
            yield from _read_typo(text, imported, finder)
            continue
        if text.kind in ("module", "package"):
            if (target := module_typo(text.text, text.kind == "package")) is not None:
                start, end = text.span(0, len(text.text))
                message = f"the {text.kind} '{text.text}' looks like a misspelling of '{target}'"
                yield Finding(start, end, message, Fix(start, end, target))
            continue
        if text.kind == "name":
            # Class-like names only: functions and variables ("insort", "data_frames") are
            # named freely.
            if not text.text[:1].isupper() or "_" in text.text:
                continue
            if (typo := finder.typo(text.text)) is not None and typo.found == text.text:
                start, end = text.span(0, len(text.text))
                fix = Fix(start, end, typo.names[0]) if len(typo.names) == 1 else None
                yield Finding(start, end, _typo_message(typo), fix)
            continue
        for offset, chunk in _chunks(text.text, 0):
            typos = list(finder.typos(offset, chunk))
            if not typos and (typo := _inner_class_typo(text.text, offset, chunk, finder)):
                typos = [(offset, typo)]  # "# a Dnese layer"
            for start, typo in typos:
                begin, end = text.span(start, start + len(typo.found))
                fix = None
                if len(typo.names) == 1 and end - begin == len(typo.found):
                    fix = Fix(begin, end, finder.replacement(typo))
                yield Finding(begin, end, _typo_message(typo), fix)


def _read_typo(text: CodeText, imported: frozenset[str], finder: _TypoFinder) -> Iterator[Finding]:
    """A class-like name the code reads one slip away from a name the note imports
    (``AutoTokenzier`` after ``from transformers import AutoTokenizer``) or from a canonical
    name (``Sequentail``)."""
    from ankigen.lint.rules.python.names import one_slip_or_key

    start, end = text.span(0, len(text.text))
    near = sorted(
        name
        for name in imported
        if name != text.text and len(name) >= 5 and one_slip_or_key(text.text, name)
    )
    if len(near) == 1:
        message = f"'{text.text}' looks like a misspelling of '{near[0]}', imported above"
        yield Finding(start, end, message, Fix(start, end, near[0]))
    elif not near and (typo := finder.typo(text.text)) is not None and typo.found == text.text:
        fix = Fix(start, end, typo.names[0]) if len(typo.names) == 1 else None
        yield Finding(start, end, _typo_message(typo), fix)


def _case_finding(config: LintConfig, offset: int, text: str) -> Finding | None:
    """A styled name written with other capitals ("GloVE"), unless the project lists it."""
    name = case_variant(text)
    if name is None:
        return None
    word = _POSSESSIVE_END.sub("", text) or text
    if word in config.words:
        return None
    end = offset + len(word)
    message = f"'{word}' is written '{name}' by its authors: write '{name}'"
    return Finding(offset, end, message, Fix(offset, end, name))


class NameTypo(Rule):
    """A word one slip away from the name of a library, model, layer or data set: "LTSM", "Pytroch".

    A typo in a technical name is easy to miss on review and is then learned as the name.
    Misspelled-name (AG110) knows particular misspellings; this rule compares every prose word
    with the canonical names bundled with ankigen (`ankigen/lint/data/technical_names.txt`:
    libraries, layers, architectures, optimizers, activations, losses, metrics, algorithms, data
    sets and tools). A word is reported when it is neither a canonical name nor a dictionary
    word and one slip of the hand turns it into a name — two neighbouring letters swapped, a
    letter dropped, doubled or added, a neighbouring key struck — or two slips for a name of
    eight letters or more: "Sigmod" for sigmoid, "Kears" for Keras, "XGBoots" for XGBoost,
    "Tensorflwo" for TensorFlow. In a name of several words ("Hugging Face", "Monte Carlo")
    one word slipped while the others are written right is reported with the whole name:
    "Huggign Face", "Monte Calro".

    An English word wins over a name it is as near as ("cafe" is no typo of Caffe; "netwokrs"
    is left to spelling, AG111, as a slip of "networks") unless the name is the likelier slip
    (two letters swapped, one left out or doubled: "kafak" for Kafka) or, as likely, the
    word is written in the name's case ("tahn" for tanh, "Kears" for Keras).

    The same holds for company names ("Gogle", "NVIDA"), for an acronym whose swapped letters
    spell a rare word ("BRET" for BERT; not "BLUE" for BLEU), and, when capitalised inside a
    sentence, for Keras classes named by an English word ("a Flaten layer", "the Sequentail
    API"; in lower case or opening a sentence such a slip is spelling's). A one-word name
    split in two where one part is no word of its own is reported too ("Jupyter Lab", "Keras
    Tuner"), and so is a name styled with an inner capital split at it (see below); "Leaky
    ReLU" or "Linear Regression" are left alone.

    Code is read where it is written by hand and never run: a misspelled module in an import
    (`import tensorfow`, in a code block or inline code), a package in `pip install` (also in
    a shell block, after a prompt such as `$`), a class
    imported by name (`from sklearn.ensemble import RandomForrestClassifier`), inline code that
    is one class-like name (`MaxPoolig2D`), names in the comments of Python code, and a
    class-like name the code reads without binding it that is one slip from a name the note
    imports (`AutoTokenzier` after `from transformers import AutoTokenizer`) or from a
    canonical name. A package that `pip install` names is compared with every canonical name
    written as a distribution is ("bitsandbyts": bitsandbytes), and the model part of a Hugging
    Face Hub id (`mistralai/Mitsral-7B-Instruct`, in prose, inline code or a code block) run by
    run of five letters or more ("Mitsral": Mistral); a path with a file extension
    (`data/train-split.csv`) or an address is no id.

    Names are made from other names, so these are never taken for typos: another number
    ("GPT-4", "ResNet-101"), a letter before a name or an "x" after it ("mBERT", "YOLOX"), a
    different first letter, a different last letter of an acronym ("LinearSVM"), inner
    capitals on a plain word ("LiteRT"), other hyphens or spaces ("GPT3"), British spelling
    ("BatchNormalisation"). Case alone ("Tensorflow", "relu") is misspelled-name's business,
    with one exception: a name its authors style with a capital inside (GloVe, PyPI, MySQL,
    LangChain) written with other inner capitals ("GloVE", "PyPi", "MySql", "LangCHain").
    Casings that a project or a major library writes itself stay accepted: RMSProp and
    RMSprop, AdaGrad and Adagrad, FastText and fastText, LLaMA and Llama, Hugging Face's
    DistilBert, PyTorch's MultiheadAttention; so do a method in prose ("groupBy") and a
    name with digits ("Word2Vec").

    Two slips are also enough in a name of five to seven letters when both fall in its last
    letters after a shared start, the way a name heard is written: "Numpai" for NumPy,
    "Pandsas" for pandas. A lower-case library name of two hyphenated words run together
    ("Scikitlearn", "scikitlearn") is reported, while a class keeps its inner capitals
    ("LogSoftmax", "KMeans") and a short first part glues into code names ("kmeans"). The
    letter O typed for a zero next to a digit is reported where the zero gives a name:
    "ResNet-5O", "CIFAR-1O". A British spelling of a class ("BatchNormalisation") stays the
    author's choice, and CamelCase words that are no name ("GradientDescent") are left alone.

    Library names that are English words too (Gymnasium, Spark, Arrow, Whisper, Flask,
    Prophet, Darts, Airflow) are not in the name list, but where a note shows the library
    (``env.step()``, CartPole or Gym for Gymnasium; PySpark or an RDD for Spark; forecasting,
    ARIMA or statsmodels for Prophet) a slip of the capitalised name is reported here:
    "Gymansium", "Sprak", "Prohpet" (in a table cell too).

    No list holds every name, but a note often writes its subject's name right once and
    slips once: a word that is no English word or known name and whose two neighbouring
    letters swapped give a name the note writes in code ("gprcio-tools" beside `grpcio`), or a
    capitalised word inside a sentence that gives a word the note writes only with a capital
    ("Tmeporal" under "# Temporal: …"), is reported with that name. A word the note also
    writes in lower case is a word, not a name ("a Wramup" beside "warmup" is spelling's).

    A version glued to a name is left out of the comparison ("Tensorflwo2", "Pytroch2.1":
    the name is misspelled; "ResNet50", "MobileNetV2" are right), and a name of several
    words is also compared run together ("Hugginface" for Hugging Face).
    Names shorter than four letters are not compared: one letter turns most of them into
    another name. The authors of a cited work are people, not slips of a name: surnames before
    "et al.", a year or a quoted or italic title ("Blei et al. (2017)", "Mohamed, Rosca and
    Mnih, "Monte Carlo …"", "(Kingma and Ba, 2015)") are left alone.

    Otherwise code, URLs, link targets and labels, math, image labels and HTML tags are not
    checked. In a deck whose `language` is not English, a name with an ending of that
    language ("Hessiana" for Hessian in Italian, "Tensoren" in German) is its word, not a slip.
    `--fix` writes the name when exactly one is nearest. A word that really is a name
    of its own belongs in the project's word list:

    ```toml
    [tool.ankigen.lint]
    words = ["Kerasify"]
    ```

    A name styled in one word with an inner capital and split at that capital ("Git Hub",
    "Linked In", "Pub Med") is reported when the web writes it joined too (its joined form is a
    common web word); a concept named in two words ("Data Frame", "Elastic Net") stays the
    author's choice. Iceberg is read as a name beside the other open table formats (a lakehouse,
    Delta Lake, Hudi).
    """

    code = "AG112"
    name = "name-typo"
    severity = Severity.WARNING
    summary = "a word one slip away from a technical name (LTSM, Pytroch, Sigmod)"
    fixable = True
    bad = "# Which layer keeps long-range context?\n\nAn LTSM layer trained with Adma.\n"
    good = "# Which layer keeps long-range context?\n\nAn LSTM layer trained with Adam.\n"

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        reported: set[int] = set()
        for finding in self._prose_and_code(document, config):
            reported.add(finding.start)
            yield finding
        # a Hub id in prose may be read already, part by part ("distilbret-base")
        for finding in _hub_id_typos(document, typo_finder(config)):
            if finding.start not in reported:
                yield finding

    def _prose_and_code(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        finder = typo_finder(config)
        taken: list[tuple[int, int]] | None = None  # what AG110 reports: never reported twice
        labels = unread_spans(document)
        context_names = _names_in_context(document.text)
        # A word of Spanish or French prose ("debería") is no slip of an English name.
        foreign = foreign_spans(document.prose, document.body_offset)
        for offset, text in _document_chunks(document):
            if _inside(offset, labels) or any(begin <= offset < end for begin, end in foreign):
                continue
            if (variant := _case_finding(config, offset, text)) is not None:
                if taken is None:
                    taken = _misspelled_spans(document, config)
                if not any(variant.start < stop and begin < variant.end for begin, stop in taken):
                    yield variant
                continue
            found_typo = False
            for start, typo in finder.typos(offset, text):
                found_typo = True
                if not document.deck.config.english and _inflected(typo):
                    continue  # "Hessiana" in an Italian deck: the language's form of "Hessian"
                if _word_beside_acronym(typo):
                    continue  # "Arama" (Turkish "search") is no slip of ARMA
                end = start + len(typo.found)
                if in_citation(citation_name_spans(document), start, end):
                    continue  # "Blei et al. (2017)": an author's surname, no slip of BLEU
                if taken is None:
                    taken = _misspelled_spans(document, config)
                if any(start < taken_end and taken_start < end for taken_start, taken_end in taken):
                    continue
                fix = None
                if len(typo.names) == 1:
                    fix = Fix(start, end, finder.replacement(typo))
                yield Finding(start, end, _typo_message(typo), fix)
            if (
                not found_typo
                and context_names
                and not in_citation(citation_name_spans(document), offset, offset + len(text))
                and (meant := _context_typo(text, context_names))
            ):
                typo = Typo(text, (meant,))
                fix = Fix(offset, offset + len(text), meant)
                yield Finding(offset, offset + len(text), _typo_message(typo), fix)
            elif not found_typo and not in_citation(
                citation_name_spans(document), offset, offset + len(text)
            ):
                yield from _written_name_typos(document, offset, text, finder.skipped)
        for start, end, text, name in phrase_typo_spans(document, config):
            if not _inside(start, labels):
                yield Finding(start, end, _phrase_message(text, name), Fix(start, end, name))
        for start, end, typo in class_typo_spans(document, config):
            if not _inside(start, labels):
                yield Finding(start, end, _typo_message(typo), Fix(start, end, typo.names[0]))
        for start, end, text, name in split_names(document.prose, document.body_offset):
            if taken is None:
                taken = _misspelled_spans(document, config)
            if not _inside(start, labels) and not any(
                start < taken_end and taken_start < end for taken_start, taken_end in taken
            ):
                message = f"'{text}' is one name: write '{name}'"
                yield Finding(start, end, message, Fix(start, end, name))
        yield from _code_typos(document, finder)


def _written_name_typos(
    document: LintDocument, offset: int, text: str, skipped: frozenset[str]
) -> Iterator[Finding]:
    """Slips of a name the note writes right elsewhere ("Prohpet" under "# Prophet: …"), part
    by part of a hyphenated word ("gprcio-tools" beside `grpcio`); not the project's words."""
    mid_sentence = not _opens_sentence(document.prose, offset)
    at = offset
    for part in text.split("-"):
        meant = _written_slip(part, document, mid_sentence=mid_sentence)
        if meant is not None and part.casefold() not in skipped:
            message = (
                f"'{part}' looks like a misspelling of '{meant}', as this note writes it "
                "elsewhere; if it is a name of its own, add it to [tool.ankigen.lint] words"
            )
            yield Finding(at, at + len(part), message, Fix(at, at + len(part), meant))
        at += len(part) + 1
        mid_sentence = True


def _written_slip(word: str, document: LintDocument, *, mid_sentence: bool) -> str | None:
    """The name of this note that ``word`` (no word, no known name, not in its code) is a slip
    of."""
    if len(word) < 5 or _is_known(word) or _is_word(word) or word in code_words(document):
        return None
    return written_name(word, document, mid_sentence=mid_sentence)


def _word_beside_acronym(typo: Typo) -> bool:
    """A word in sentence case one letter longer or shorter than an acronym ("Arama" beside
    ARMA, "Bleu" is the same length and stays a slip): a slip of an acronym keeps its capitals
    ("ARAM", "LTSM"), so a capitalised word of another length is a word of its own, mostly of
    another language."""
    found = typo.found
    return (
        found[:1].isupper()
        and found[1:].islower()
        and all(name.isupper() and len(name) != len(found) for name in typo.names)
    )


# The signs of a note on time-series forecasting, where Prophet and Darts are libraries.
_FORECASTING = GatedPattern(
    r"\bforecast(?:s|ing|ers?)?\b|\btime[- ]series\b|\bseasonality\b|\b(?:S?ARIMAX?|ETS)\b"
    r"|fbprophet|\bstatsmodels\b|\bsktime\b|\bpmdarima\b|NeuralProphet",
    re.IGNORECASE,
)
# Names that are English words too, left out of the name list (a slip in them is mostly plain
# English), each with the signs that a note uses it in its technical sense: there, a slip of the
# capitalised name is a name typo ("Gymansium" next to env.step()).
_CONTEXT_NAMES: tuple[tuple[str, GatedPattern], ...] = (
    (
        "Gymnasium",
        GatedPattern(
            r"\bgym(?:nasium)?\.|\bGym\b|\benv\.(?:step|reset)\b|CartPole|LunarLander"
            r"|\breinforcement learning\b|\bRL\b|\bMDP\b"
        ),
    ),
    ("Spark", GatedPattern(r"PySpark|SparkSession|\bRDDs?\b|\bspark\.|Databricks")),
    ("Arrow", GatedPattern(r"pyarrow|\bParquet\b|Apache Arrow|\bpa\.(?:table|Table)\b")),
    ("Whisper", GatedPattern(r"\bspeech\b|transcri(?:be|ption)|\bASR\b|\bopenai\b", re.I)),
    ("Flask", GatedPattern(r"@app\.route|\bDjango\b|\bFastAPI\b|\bWSGI\b")),
    (
        "Chroma",
        GatedPattern(r"\bchromadb\b|\bvector (?:store|database|db|index)|\bembeddings?\b", re.I),
    ),
    ("Lightning", GatedPattern(r"LightningModule|\bPyTorch\b|\bTrainer\b|\bpl\.")),
    ("Neptune", GatedPattern(r"neptune\.ai|experiment tracking|\bMLflow\b|Weights & Biases")),
    # forecasting libraries: Meta's Prophet, Unit8's Darts
    ("Prophet", _FORECASTING),
    ("Darts", _FORECASTING),
    (
        "Airflow",
        GatedPattern(
            r"\bDAGs?\b|Apache Airflow|\bairflow\.|\bOperators?\b|\bscheduler\b|\bLuigi\b"
        ),
    ),
    # the open table formats: a lakehouse's Iceberg beside Delta Lake and Hudi
    (
        "Iceberg",
        GatedPattern(
            r"\blakehouse|\btable formats?\b|Delta Lake|\bHudi\b|pyiceberg|Apache Iceberg"
        ),
    ),
)


def _names_in_context(text: str) -> tuple[str, ...]:
    """The English-word names that the note uses in their technical sense."""
    return tuple(name for name, cue in _CONTEXT_NAMES if cue.search(text))


def _context_typo(word: str, names: tuple[str, ...]) -> str | None:
    """The name among ``names`` that ``word`` (capitalised, no word or name of its own) is a
    slip of."""
    if not word[:1].isupper() or _is_known(word) or _is_word(word):
        return None
    for name in names:
        distance = OSA.distance(word.casefold(), name.casefold())
        if 0 < distance <= allowed_distance(len(name)) and _is_slip(word, name, distance):
            return name
    return None


def context_name_typo(word: str, text: str) -> str | None:
    """The English-word name ("Gymnasium") that ``word`` is a slip of where the note ``text``
    uses that name in its technical sense: AG112 reports it, so the spelling rule need not."""
    names = _names_in_context(text)
    return _context_typo(word, names) if names else None


def written_name_typo(word: str, document: LintDocument, start: int) -> str | None:
    """The name the note writes elsewhere that ``word`` at ``start`` is a slip of: AG112
    reports it, so the spelling rule need not."""
    mid_sentence = not _opens_sentence(document.prose, start)
    return _written_slip(word, document, mid_sentence=mid_sentence)


RULES: tuple[Rule, ...] = (MisspelledName(), NameTypo())
