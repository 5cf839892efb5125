"""General spelling of prose words: an English dictionary (pyspellchecker's) plus the project's
word list of domain terms (``data/words.txt`` and ``[tool.ankigen.lint] words``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources

from spellchecker import SpellChecker

from ankigen.cache import derived_words
from ankigen.diagnostics import Severity
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules.names import correct_names, misspelled_words, prose_tokens

# A word starts with a letter; inner digits, underscores and apostrophes stay part of it so
# that `conv2d`, `max_pool` and "don't" are seen whole. Hyphens separate words.
_WORD = r"[^\W\d_](?:[\w'\u2019]*[^\W_])?"
_COMPOUND = re.compile(rf"{_WORD}(?:-{_WORD})*")
_PART = re.compile(_WORD)
# Prefixes that are not words alone but fine before a hyphen: "multi-label", "pre-activation".
_PREFIXES = frozenset(
    {"anti", "bi", "co", "cross", "de", "inter", "intra", "meta", "mid", "mini", "multi", "non"}
    | {"post", "pre", "pseudo", "quasi", "re", "self", "semi", "sub", "super", "tri", "un", "uni"}
)
# Placeholder Latin is reported once, by placeholder-text (AG130), not word by word here.
_LOREM_IPSUM = frozenset(
    {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do"}
    | {"eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua"}
)
_POSSESSIVE = re.compile(r"['\u2019]s?\Z")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]+s?\Z")  # CNN, CNNs, GPUs
# British spellings to their American forms, which the dictionary knows (-ise, -our, -tre …).
_BRITISH = (
    (re.compile(r"is(?=(?:e|ed|es|er|ers|ing|ation|ations|able)\Z)"), "iz"),
    (re.compile(r"ys(?=(?:e|ed|es|er|ing)\Z)"), "yz"),
    (re.compile(r"our"), "or"),
    (re.compile(r"tre(?=s?\Z)"), "ter"),
    (re.compile(r"tred\Z"), "tered"),
    (re.compile(r"ll(?=(?:ed|ing|er|ers)\Z)"), "l"),
    (re.compile(r"ogue(?=s?\Z)"), "og"),
    (re.compile(r"ence(?=s?\Z)"), "ense"),
    (re.compile(r"mme(?=s?\Z)"), "m"),
    (re.compile(r"ae"), "e"),
    (re.compile(r"oe"), "e"),
)
# Endings of inflected forms, and the stems they may come from ("tokenizing" <- "tokenize").
_INFLECTIONS: tuple[tuple[str, Callable[[str], tuple[str, ...]]], ...] = (
    ("s", lambda stem: (stem,)),
    ("es", lambda stem: (stem,)),
    ("d", lambda stem: (stem,)),
    ("ed", lambda stem: (stem, stem[:-1])),  # "overfitted" <- "overfit"
    ("ing", lambda stem: (stem, stem + "e", stem[:-1])),
)


@cache
def _dictionary() -> SpellChecker:
    return SpellChecker(language="en", case_sensitive=False)


@cache
def _english_words() -> frozenset[str]:
    """The dictionary's words (lower case): all that deciding whether a word is known needs.

    Building pyspellchecker's dictionary takes about 0.25 s; its word list is kept in the cache
    folder, so a run that finds every word known never builds it (suggestions still do).
    """
    import spellchecker

    version = f"pyspellchecker {getattr(spellchecker, '__version__', '?')} en"
    return derived_words("english-words", version, lambda: _dictionary().word_frequency.keys())


@cache
def project_words() -> tuple[str, ...]:
    """The bundled word list, one term a line, as written in the file."""
    text = resources.files("ankigen.lint").joinpath("data/words.txt").read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class Speller:
    """Decides about each distinct word once, and remembers."""

    def __init__(self, extra: frozenset[str], skipped: frozenset[str]) -> None:
        self.words = _english_words()
        self.extra = extra  # lower-cased accepted terms
        self.skipped = skipped  # lower-cased words another rule reports
        self.verdicts: dict[str, str | None] = {}
        self.clean: set[bytes] = set()  # prose tokens known to hold no unknown word

    def known(self, word: str) -> bool:
        """Whether a lower-case word is English, British English or an accepted term."""
        if self._known(word) or any(self._known(variant) for variant in _american(word)):
            return True
        plain = _without_accents(word)  # "naïve", "façade": the dictionary has them plain
        return plain != word and self.known(plain)

    def _known(self, word: str) -> bool:
        # As ``word in SpellChecker`` decides it (case-insensitive), without building one.
        if word.lower() in self.words or word in self.extra:
            return True
        # Inflections of listed terms: "autoencoders", "tokenized", "backpropagating".
        return any(
            word.endswith(ending) and stem in self.extra
            for ending, stems in _INFLECTIONS
            for stem in stems(word[: -len(ending)])
        )

    def problem(self, token: str) -> str | None:
        """The message for a prose token, or None when it is fine (cached per token)."""
        if token not in self.verdicts:
            self.verdicts[token] = self._judge(token)
        return self.verdicts[token]

    def _judge(self, token: str) -> str | None:
        if _exempt(token):
            return None
        word = _POSSESSIVE.sub("", token.replace("\u2019", "'")) or token
        lower = word.lower()
        if lower in self.skipped or self.known(lower) or self.known(token.lower()):
            return None
        suggestion = self.suggest(lower)
        hint = f": did you mean '{suggestion}'?" if suggestion else ":"
        return (
            f"'{word}' is not a known word{hint} add it to [tool.ankigen.lint] words if it is "
            "a term"
        )

    @property
    def dictionary(self) -> SpellChecker:
        """pyspellchecker itself, built on first use: only suggestions need frequencies."""
        return _dictionary()

    def suggest(self, word: str) -> str | None:
        """A run-together split ("and maximum") or the likeliest near spelling."""
        split = self._best_split(word)
        frequency = self.dictionary.word_usage_frequency
        near = self.dictionary.known(self.dictionary.edit_distance_1(word))
        best_near = max(sorted(near), key=frequency, default=None)
        if split is not None and (
            best_near is None or min(map(frequency, split.split())) >= frequency(best_near)
        ):
            return split
        # Distance-2 candidates are not tried: for a long word they take seconds to generate.
        return best_near

    def _best_split(self, word: str) -> str | None:
        frequency = self.dictionary.word_usage_frequency
        best: tuple[float, str] | None = None
        for cut in range(1, len(word)):
            left, right = word[:cut], word[cut:]
            if (len(left) < 2 and left not in "ai") or len(right) < 2:
                continue
            if left in self.dictionary and right in self.dictionary:
                score = min(frequency(left), frequency(right))
                if best is None or score > best[0]:
                    best = (score, f"{left} {right}")
        return best[1] if best else None


def _without_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _american(word: str) -> set[str]:
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


def _exempt(token: str) -> bool:
    """Identifiers, acronyms and single letters are not checked."""
    if len(token) < 2 or any(char.isdigit() or char == "_" for char in token):
        return True
    if _ACRONYM.match(token):
        return True
    return any(char.isupper() for char in token[1:])  # CamelCase: ReLU, TensorFlow, iPhone


@cache
def _speller(words: tuple[str, ...], misspellings: tuple[tuple[str, str], ...]) -> Speller:
    config = LintConfig(words=words, misspellings=dict(misspellings))
    accepted = {word.lower() for word in (*project_words(), *words)}
    accepted |= {word.lower() for name in correct_names(config) for word in name.split()}
    return Speller(frozenset(accepted), misspelled_words(config) | _LOREM_IPSUM)


def speller(config: LintConfig) -> Speller:
    return _speller(config.words, tuple(sorted(config.misspellings.items())))


def _in_code_context(prose: str, start: int, end: int) -> bool:
    """A word glued to a dotted path or a call (`model.fit`, `compile(`) is bare code."""
    before = prose[start - 1 : start] or " "
    after = prose[end : end + 1] or " "
    if before in ".\\@#$" or after in "(@":
        return True
    return re.match(r"\.\w|\s*=[^=]", prose[end : end + 3]) is not None


class Spelling(Rule):
    """A prose word that is in neither the English dictionary nor the project's word list.

    Catches slips such as "andmaximum" (a missing space) or "recieve" without listing them
    one by one, and suggests a correction. British and American spellings are both accepted
    ("regularisation", "regularization"). Code, math, URLs, words with digits, acronyms
    (CNN) and CamelCase names (TensorFlow) are not checked. Add domain terms and proper nouns
    to the project's word list (the bundled one, `ankigen/lint/data/words.txt`, holds common
    machine-learning terms such as softmax, backpropagation and hyperparameter):

    ```toml
    [tool.ankigen.lint]
    words = ["Kolmogorov", "Vapnik"]
    ```

    A real word in the wrong place ("keeps keys producing") is beyond a dictionary. There is
    no automatic fix: a suggestion can be wrong, and an unknown word may be a real term.
    """

    code = "AG111"
    name = "spelling"
    severity = Severity.WARNING
    summary = "a prose word that is not in the dictionary or the project word list"
    bad = "# What does pooling do?\n\nIt keeps the average andmaximum of each window.\n"
    good = "# What does pooling do?\n\nIt keeps the average and maximum of each window.\n"

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        checker = speller(config)
        prose = document.prose
        # Fast look first: most notes have only tokens already seen to be fine.
        new_tokens = prose_tokens(prose, document.body_offset) - checker.clean
        dirty = False
        for token in new_tokens:
            if any(_findings(checker, token.decode(), 0)):
                dirty = True
            else:
                checker.clean.add(token)
        if dirty:
            yield from _findings(checker, prose, document.body_offset)


def _findings(checker: Speller, prose: str, start: int) -> Iterator[Finding]:
    for compound in _COMPOUND.finditer(prose, start):
        if not _in_code_context(prose, compound.start(), compound.end()):
            yield from _check_compound(checker, compound)


def _check_compound(checker: Speller, compound: re.Match[str]) -> Iterator[Finding]:
    """Each part of a hyphenated compound, unless the compound is a word ("zig-zags")."""
    text = compound.group(0)
    if "-" in text and checker.known(text.replace("-", "").lower()):
        return
    parts = list(_PART.finditer(text))
    for index, part in enumerate(parts):
        word = part.group(0)
        if index < len(parts) - 1 and word.lower() in _PREFIXES:
            continue
        message = checker.problem(word)
        if message is not None:
            yield Finding(compound.start() + part.start(), compound.start() + part.end(), message)


RULES: tuple[Rule, ...] = (Spelling(),)
