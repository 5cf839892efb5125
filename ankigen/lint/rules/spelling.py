"""General spelling of prose words: the words ``ankigen.lint.words`` knows (an English
dictionary, the bundled technical vocabulary and word list), the canonical technical names,
and the project's ``[tool.ankigen.lint] words``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

from rapidfuzz import process
from rapidfuzz.distance import OSA
from spellchecker import SpellChecker

from ankigen.diagnostics import Severity
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.foreign_text import foreign_spans
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.length_index import LengthIndex
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules.citation_names import citation_name_spans, in_citation
from ankigen.lint.rules.names import (
    canonical_names,
    canonical_word_parts,
    class_typo_spans,
    context_name_typo,
    correct_names,
    english_as_near,
    misspelled_words,
    nearest_canonical,
    phrase_typo_spans,
    prose_tokens,
    written_name_typo,
)
from ankigen.lint.words import (
    bundled_terms,
    dictionary,
    english_words,
    is_known,
    project_words,
    usage_frequency,
)

__all__ = ["Spelling", "project_words", "speller"]

# Former names of what moved to ankigen.lint.words (tests/test_cache.py still uses them).
_dictionary = dictionary
_english_words = english_words

# A word starts with a letter; inner digits, underscores and apostrophes stay part of it so
# that `conv2d`, `max_pool` and "don't" are seen whole. Hyphens separate words.
_WORD = r"[^\W\d_](?:[\w'\u2019]*[^\W_])?"
_COMPOUND = lazy_regex(rf"{_WORD}(?:-{_WORD})*")
_PART = lazy_regex(_WORD)
# Prefixes that are not words alone but fine before a hyphen: "multi-label", "pre-activation".
_PREFIXES = frozenset(
    {"anti", "bi", "co", "cross", "de", "inter", "intra", "meta", "mid", "mini", "multi", "non"}
    | {"post", "pre", "pseudo", "quasi", "re", "self", "semi", "sub", "super", "tri", "un", "uni"}
)
# Suffixes that are not words alone but fine after a hyphen: "O(1)-ish", "noir-esque".
_SUFFIXES = frozenset({"ish", "esque"})
# Placeholder Latin is reported once, by placeholder-text (AG130), not word by word here.
_LOREM_IPSUM = frozenset(
    {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do"}
    | {"eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua"}
)
_ACRONYM = lazy_regex(r"[A-Z][A-Z0-9]+s?\Z")  # CNN, CNNs, GPUs
_POSSESSIVE = lazy_regex(r"['\u2019]s?\Z")


@dataclass(frozen=True)
class Unknown:
    """A word neither the dictionary nor the word lists know, and its likeliest correction."""

    word: str
    suggestion: str | None
    run_together: bool = False  # words glued to a capitalised word ("ofLong")

    @property
    def close(self) -> bool:
        """Whether the suggestion is one edit away (or the word is two run together): a slip
        rather than a name the lists lack."""
        if self.suggestion is None:
            return False
        joined = self.suggestion.replace(" ", "").lower()
        return OSA.distance(self.word.lower(), joined) <= 1

    @property
    def message(self) -> str:
        if self.run_together:
            return f"'{self.word}' is words run together: write '{self.suggestion}'"
        hint = f": did you mean '{self.suggestion}'?" if self.suggestion else ":"
        return (
            f"'{self.word}' is not a known word{hint} add it to [tool.ankigen.lint] words if "
            "it is a term"
        )


class Speller:
    """Decides about each distinct word once, and remembers."""

    def __init__(self, extra: frozenset[str], skipped: frozenset[str]) -> None:
        self.extra = extra  # lower-cased accepted terms
        self.skipped = skipped  # lower-cased words another rule reports
        self.verdicts: dict[str, Unknown | None] = {}
        self.clean: set[bytes] = set()  # prose tokens known to hold no unknown word

    @cached_property
    def choices(self) -> tuple[str, ...]:
        """Every known word a suggestion may be: the dictionary's and the accepted terms, in
        no particular order (``_near_word`` sorts the ones it finds; sorting all 160,000 would
        cost a cold lint about 40 ms)."""
        return tuple(english_words() | self.extra)

    @cached_property
    def choices_by_length(self) -> LengthIndex:
        """``choices`` by length: only words of about a word's length can be near it (made
        from the set: no tuple of them all is needed for that)."""
        return LengthIndex(english_words() | self.extra)

    def known(self, word: str) -> bool:
        """Whether a lower-case word is English, British English or an accepted term."""
        return is_known(word, self.extra)

    def problem(self, token: str) -> Unknown | None:
        """The unknown word in a prose token, or None when it is fine (cached per token)."""
        if token not in self.verdicts:
            self.verdicts[token] = self._judge(token)
        return self.verdicts[token]

    def _judge(self, token: str) -> Unknown | None:
        if (glued := self._glued_to_capital(token)) is not None:
            return glued
        if _exempt(token):
            return None
        word = _POSSESSIVE.sub("", token.replace("\u2019", "'")) or token
        lower = word.lower()
        if lower in self.skipped or self.known(lower) or self.known(token.lower()):
            return None
        if nearest_canonical(word) is not None:
            return None  # a technical name misspelled: name-typo (AG112) reports it
        return Unknown(word, self.suggest(lower))

    def _glued_to_capital(self, token: str) -> Unknown | None:
        """Words run into a capitalised word or a name: "ofLong", "learninginNatural",
        "thePyTorch". Not an identifier such as "isNull" or "toString" (the lower-case head
        must be a little word that never starts one, or no word at all but two run together),
        nor a name such as "fastText" or "iPhone"."""
        match = _GLUED_CAPITAL.fullmatch(_POSSESSIVE.sub("", token))
        if match is None or self.known(token.lower()):
            return None
        head, tail = match.groups()
        if not (tail[1:].islower() and self.known(tail.lower())) and tail not in canonical_names():
            return None
        if head in _GLUE_HEADS:
            return Unknown(token, f"{head} {tail}", run_together=True)
        if self.known(head) or head in self.skipped:
            return None
        split = self._best_split(head)
        if split is None or _GLUED_LITTLE_WORDS.isdisjoint(split.split()):
            return None
        return Unknown(token, f"{split} {tail}", run_together=True)

    @property
    def dictionary(self) -> SpellChecker:
        """pyspellchecker itself, built on first use: only suggestions need frequencies."""
        return dictionary()

    def suggest(self, word: str) -> str | None:
        """A technical name near ``word``, else a run-together split ("and maximum") or the
        likeliest dictionary word one or two edits away (transpositions count as one)."""
        name = _near_name(word)
        frequency = usage_frequency
        near = self.choices_by_length.within(len(word), _edits_allowed(word))
        best_near = _near_word(word, near, frequency)
        # A name unless an English word is as near ("netwokrs": networks, not NetworkX).
        if name is not None and not english_as_near(word, name):
            return name
        split = self._best_split(word)
        if split is not None and word.endswith("full") and self.known(word[:-1]):
            # The suffix -ful written with two l's ("usefull"): a slip of one word, not two
            # words run together ("use full").
            return word[:-1]
        if split is not None and (
            best_near is None or min(map(frequency, split.split())) >= frequency(best_near)
        ):
            return split
        return best_near

    def _split_part(self, word: str) -> bool:
        """A word that may stand alone in a split: a common short one ("of", "and"), or a
        known one of five letters or more ("gradient", "descent")."""
        if len(word) < 3:
            return word in _SHORT_WORDS
        if len(word) >= _LONG_PART:
            return self.known(word)
        return usage_frequency(word) >= _SPLIT_FREQUENCY

    def _best_split(self, word: str) -> str | None:
        """Two common words that run together, as in "andmaximum"; never rare pieces such as
        "sig" + "mod"."""
        frequency = usage_frequency
        best: tuple[float, str] | None = None
        for cut in range(1, len(word)):
            left, right = word[:cut], word[cut:]
            if self._split_part(left) and self._split_part(right):
                score = min(frequency(left) or _TERM_FREQUENCY, frequency(right) or _TERM_FREQUENCY)
                if best is None or score > best[0]:
                    best = (score, f"{left} {right}")
        return best[1] if best else None


# A lower-case run glued to a capitalised word or a name ("ofLong", "learninginNatural").
_GLUED_CAPITAL = lazy_regex(r"([a-z]{2,})([A-Z][A-Za-z]{2,})")
# Little words that are glued to the next word by a lost space but begin no identifier
# (unlike "is", "to", "on", "for", "from", "this", "with": isNull, toString, onClick,
# fromString, thisArg, withColumn).
_GLUE_HEADS = frozenset(
    {"about", "and", "between", "into", "its", "of", "onto", "than", "that", "the", "their"}
    | {"each", "these", "those", "through", "via", "which", "within", "without"}
)
# In a longer head, the lost space is before or after one of these ("learninginNatural"); a
# head of two content words ("readlinkSync", "microtaskQueue") is an identifier.
_GLUED_LITTLE_WORDS = frozenset(
    {"and", "as", "at", "by", "for", "from", "in", "into", "is", "of", "on", "or", "the", "to"}
    | {"with"}
)
# Words of one or two letters that may stand alone in a run-together split.
_SHORT_WORDS = frozenset(
    {"a", "i", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me"}
    | {"my", "no", "of", "on", "or", "so", "to", "up", "us", "we"}
)
# A piece of a split must be at least this common (pyspellchecker's relative frequency):
# "and" and "maximum" are; "sig" and "mod" are not.
_SPLIT_FREQUENCY = 2e-6
_TERM_FREQUENCY = 1e-7  # what a listed term the dictionary lacks counts as
_LONG_PART = 5  # from this length any known word may be part of a split


@cache
def _name_choices() -> dict[str, str]:
    """Lower-cased one-word canonical names and name parts, to their written form."""
    choices = {part: part for part in canonical_word_parts()}
    choices.update((name.lower(), name) for name in canonical_names() if " " not in name)
    return choices


def _edits_allowed(word: str) -> int:
    return 1 if len(word) < 8 else 2


def _near_name(word: str) -> str | None:
    """The nearest canonical name ("sigmod": "sigmoid"), if one is close enough."""
    if len(word) < 4:
        return None
    choices = _name_choices()
    found = process.extract(
        word, list(choices), scorer=OSA.distance, score_cutoff=_edits_allowed(word), limit=None
    )
    if not found:
        return None
    best = min(distance for _, distance, _ in found)
    return choices[min(choice for choice, distance, _ in found if distance == best)]


def _near_word(word: str, choices: Sequence[str], frequency: Callable[[str], float]) -> str | None:
    """The likeliest known word at the fewest edits (one or two); a term the dictionary lacks
    ("hyperparameter") counts as a rare word."""
    found = process.extract(
        word,
        choices,
        scorer=OSA.distance,
        score_cutoff=_edits_allowed(word),
        limit=None,
    )
    if not found:
        return None
    best = min(distance for _, distance, _ in found)
    nearest = sorted(choice for choice, distance, _ in found if distance == best)
    return max(nearest, key=lambda choice: _likelihood(word, choice, frequency))


# How much likelier a left-out letter is than another slip ("normaly" is "normally").
_OMISSION_WEIGHT = 4.0


def _likelihood(word: str, choice: str, frequency: Callable[[str], float]) -> float:
    """How likely ``choice`` is what the writer of ``word`` meant: its frequency, raised
    when ``word`` is ``choice`` with letters left out."""
    weight = _OMISSION_WEIGHT if _is_subsequence(word, choice) else 1.0
    return weight * (frequency(choice) or _TERM_FREQUENCY)


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return len(short) < len(long) and all(char in letters for char in short)


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
    accepted = set(bundled_terms()) | canonical_word_parts() | {word.lower() for word in words}
    accepted |= {word.lower() for name in correct_names(config) for word in name.split()}
    return Speller(frozenset(accepted), misspelled_words(config) | _LOREM_IPSUM)


def speller(config: LintConfig) -> Speller:
    return _speller(config.words, tuple(sorted(config.misspellings.items())))


# Two hyphens after a space, a quote or a bracket, right before the word: a long option.
_LONG_OPTION = lazy_regex(r"(?:^|(?<=[\s'\"(\[`]))--\Z")


def _in_code_context(prose: str, start: int, end: int) -> bool:
    """A word glued to a dotted path or a call (`model.fit`, `compile(`) is bare code, and so
    is a notebook's magic command (`%timeit`, a made-up `%timeme` among quiz choices)."""
    before = prose[start - 1 : start] or " "
    after = prose[end : end + 1] or " "
    if before in ".\\@#$%" or after in "(@":
        return True
    if _LONG_OPTION.search(prose, max(0, start - 3), start):
        return True  # "'--oneline'", "pass --no-cache": a command-line option, not a word
    return re.match(r"\.\w|\s*=[^=]", prose[end : end + 3]) is not None


class Spelling(Rule):
    """A prose word that is in neither the English dictionary nor the bundled word lists.

    Catches slips such as "andmaximum" (a missing space) or "recieve" without listing them
    one by one, and suggests a correction: a technical name first ("wordvec": word2vec),
    then a dictionary word or term by edit distance and frequency; a word is split in two
    only when both halves are common words. Words run into a capitalised word or a name are
    found too ("ofLong", "learninginNatural", "thePyTorch"), when the lower-case head is a
    little word that starts no identifier ("of", "the", "between": not "is", "to", "from",
    as in isNull, toString, fromString) or two words run together around one ("in", "of");
    so are two little words that web text glues so often that they look like a word
    ("ofthe", "withthe"), and two sentences with no space after the full stop
    ("overfits.The model", "slow!It"; never a dotted name such as torch.Tensor).

    Ordinary technical writing passes: the bundled vocabulary
    (`ankigen/lint/data/technical_vocabulary.txt`, thousands of machine-learning, statistics,
    data and programming terms such as idf, Gini, quantile, bytecode, coroutine, upsert), the
    canonical names and about 18,000 words common on the web that
    the dictionary lacks (`ankigen/lint/data/web_words.txt`, generated from wordfreq without
    its frequent misspellings: cyber, phonebook, Coursera) are known, with their
    inflections, prefixed forms ("nonconvex") and British spellings ("regularisation").

    Not checked: code, math, link labels and URLs, domains, e-mail addresses, file names and
    paths, HTML tags and entities, hashtags, notebook magic commands (%timeit), identifiers
    (snake_case, camelCase, dotted.names, words with digits), acronyms (CNN), CamelCase
    names (TensorFlow), the variables and terms of a formula written as text ("y = mx + b",
    "F(x)=tree1(x)"), the names of the note's code where the prose or a table writes them
    (an SQL alias or column, a variable, a function: "rnk" in the header of a results table
    below "... AS rnk"; a word only in a comment, a string or an output block is no name), a
    word quoted by itself (an example string such as "abcba"), and a capitalised name in
    mid-sentence that is near no known word or follows a lower-case word ("the Earley
    parser"), the surnames of a cited work's authors (before "et al.", a year or the work's
    quoted or italic title: "Mohamed, Rosca and Mnih (2020)"; AG112 reads the same spans),
    and the capitalised names of an eponym joined by a hyphen or an en dash in a sentence
    ("the Cramer-Rao bound"; in a title-cased line a near word stays a slip). A misspelled
    technical name is left to name-typo (AG112), unless an English word is as near and a
    likelier slip ("netwokrs": networks, not NetworkX), and so is a slip of a library named
    by an English word where the note shows that library ("Gymansium" beside Gym or
    CartPole). Add the project's own terms and names to its word list:

    ```toml
    [tool.ankigen.lint]
    words = ["Zvortinsky"]
    ```

    The comments of Python code are prose too, read more strictly: a word is reported there
    only when it has five letters or more and is one slip from a single known word
    ("# shuffel the items"), and never when it is a name of the note's code; abbreviations,
    API names, commented-out code and tool pragmas (noqa, type: ignore) are left alone.

    A deck whose deck.yaml sets another `language` ("de", "es") is not checked at all, and in
    an English deck a note or line that reads as Spanish, French, German, Italian or
    Portuguese (by its function words) is skipped. `ankigen import article` sets `language`
    when it creates the deck of an article written in one of those languages.

    A real word in the wrong place ("keeps keys producing") is beyond a dictionary. There is
    no automatic fix: a suggestion can be wrong, and an unknown word may be a real term.

    A word problem's made-up character is a name, not a slip: a capitalised word that acts in a
    sentence ("Zorbo flips", "Zorbo's coin", "Zorbo has") and occurs at least twice, never in
    lower case.

    A word that a mnemonic writes with bold letters inside it ("**S**e**n**sitive",
    "**N**egative") is not split at its markers into non-words; it is left unchecked.
    """

    code = "AG111"
    name = "spelling"
    severity = Severity.WARNING
    summary = "a prose word that is not in the dictionary, the technical vocabulary or word list"
    bad = "# What does pooling do?\n\nIt keeps the average andmaximum of each window.\n"
    good = "# What does pooling do?\n\nIt keeps the average and maximum of each window.\n"

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        if not document.deck.config.english:
            return  # the word lists are English: a German deck's words are not slips
        checker = speller(config)
        prose = document.spelling_prose
        # Fast look first: most notes have only tokens already seen to be fine.
        new_tokens = prose_tokens(prose, document.body_offset) - checker.clean
        dirty = False
        for token in new_tokens:
            if any(_findings(checker, token.decode(), 0)):
                dirty = True
            else:
                checker.clean.add(token)
        if dirty:
            # A misspelt word of a several-word name ("Huggign Face") is AG112's, as a
            # misspelt hyphenated name is: one typo, one finding, with the whole name as the
            # fix. (Whatever rules are selected: findings are cached per note and config.)
            names = [(start, end) for start, end, _, _ in phrase_typo_spans(document, config)]
            names += [(start, end) for start, end, _ in class_typo_spans(document, config)]
            for finding in _findings(checker, prose, document.body_offset):
                if any(start <= finding.start and finding.end <= end for start, end in names):
                    continue
                word = document.text[finding.start : finding.end]
                if word.lower() in _code_names(document) or word in _called_names(document):
                    continue  # "rnk" in a results table, after "... AS rnk" in the query
                if word[:1].isupper() and word in _story_characters(document):
                    continue  # "Bobo flips the coin twice": a puzzle's made-up name
                if context_name_typo(word, document.text) is not None:
                    continue  # "Gymansium" in a note on Gym environments: AG112's slip
                if written_name_typo(word, document, finding.start) is not None:
                    continue  # "Prohpet" under "# Prophet: …": AG112's slip
                if word[:1].isupper() and in_citation(
                    citation_name_spans(document), finding.start, finding.end
                ):
                    continue  # "Rosca, Figurnov and Mnih, "Monte Carlo …"": authors' surnames
                yield finding
        # The plain prose view: the spelling view blanks "word.Word" as a dotted name.
        yield from _missing_spaces(document.prose, document.body_offset, checker)
        yield from _comment_findings(document, checker)


# A word problem's characters: a capitalised word that acts ("Bobo flips", "Bobo's coin",
# "Bobo has") inside a sentence, and is written capitalised each time the note uses it. A
# slip of a word is seldom repeated, and never the subject of its own verb twice over.
_ACTING = lazy_regex(
    r"(?<=[^.!?:\s]\s)([A-Z][a-z]{2,})(?:['\u2019]s\b|\s+(?:has|had|is|was|will|would|can|"
    r"could|wants|needs|gets|got|takes|took|picks|picked|flips|flipped|rolls|rolled|draws|drew|"
    r"says|said|wins|won|loses|lost|buys|bought|sells|sold|goes|went|and|or)\b)"
)
_CAPITALISED_WORD = lazy_regex(r"\b[A-Za-z][a-z]{2,}\b")


def _story_characters(document: LintDocument) -> frozenset[str]:
    """The capitalised words that act in the note's sentences and occur at least twice, never
    in lower case (one pass over the prose, computed once per note)."""

    def compute() -> frozenset[str]:
        prose = document.prose[document.body_offset :]
        acting = {match.group(1) for match in _ACTING.finditer(prose)}
        if not acting:
            return frozenset()
        counts: dict[str, int] = {}
        for match in _CAPITALISED_WORD.finditer(prose):
            counts[match.group(0)] = counts.get(match.group(0), 0) + 1
        return frozenset(
            word for word in acting if counts.get(word, 0) >= 2 and word.lower() not in counts
        )

    return document.memo("story-characters", compute)


# A sentence run into the next one: a word, a full stop and a word that only opens sentences
# ("the model.The weights"). Not a dotted name: those go on with a name ("torch.Tensor").
_RUN_ON_SENTENCE = lazy_regex(
    r"(?<![\w./@:\\])(?P<word>[a-z]{3,})[.!?](?P<next>The|This|These|They|It|Its|We|In|However"
    r"|Then|When|If|Each|For|Both|Since|Because|Thus|Therefore|Hence)(?![\w.(])"
)


def _missing_spaces(prose: str, start: int, checker: Speller) -> Iterator[Finding]:
    """A full stop with no space before the next sentence ("overfits.The"), after a word."""
    for match in _RUN_ON_SENTENCE.finditer(prose, start):
        if checker.known(match.group("word")):
            begin, end = match.span()
            joined = match.group(0)
            cut = match.start("next") - begin
            message = (
                f"'{joined}' runs two sentences together: write '{joined[:cut]} {joined[cut:]}'"
            )
            yield Finding(begin, end, message)


# Comments that are instructions to tools, not prose: noqa, type: ignore, pylint, fmt.
_PRAGMA = lazy_regex(r"#\s*(?:noqa|type:|pylint|fmt:|pragma|mypy|isort|ruff|!|-\*-)", re.I)
# A token with code characters inside it (not only at its ends): commented-out code, a
# dotted name, a call, an assignment, a path.
_CODE_TOKEN = lazy_regex(r"\S*[\w)\]][._()\[\]{}=<>/\\:@$%*+|^~`]+[\w(\[\"']\S*|\S*[=`(){}\[\]]\S*")
_IDENTIFIER = lazy_regex(r"[A-Za-z_]\w*")


def _comment_findings(document: LintDocument, checker: Speller) -> Iterator[Finding]:
    """Unknown words in the comments of the note's code: prose the learner reads in it.

    Commented-out code, tool pragmas, and every word that is also a name in the note's code
    ("# scale xs to [0, 1]" after ``xs = ...``) are left alone."""
    from ankigen.lint.rules.python.code_words import PYTHON_LANGUAGES, code_texts

    comments = [text for text in code_texts(document) if text.kind == "comment"]
    # The comments of other languages' code (shell, SQL, C, YAML), read the same way: "#
    # create the enviroment in .venv" above a shell command is a sentence too.
    other_blocks = [
        (
            document.offset_of_line(block.first_line),
            document.offset_of_line(block.first_line + block.code.count("\n") + 1),
        )
        for block in document.code_blocks
        if block.language and block.language.lower() not in PYTHON_LANGUAGES
    ]
    others = [
        (start, end)
        for start, end in document.comment_spans
        if any(first <= start < last for first, last in other_blocks)
    ]
    if not comments and not others:
        return
    identifiers = _code_identifiers(document)
    for comment in comments:
        if _PRAGMA.match(comment.text):
            continue
        for start, end, message in _comment_slips(checker, comment.text, identifiers):
            yield Finding(*comment.span(start, end), message)
    for start, end in others:
        text = document.text[start:end]
        if not _PRAGMA.match(text):
            for first, last, message in _comment_slips(checker, text, identifiers):
                yield Finding(start + first, start + last, message)


def _comment_slips(
    checker: Speller, text: str, identifiers: frozenset[str]
) -> Iterator[tuple[int, int, str]]:
    """Offsets in ``text`` (and messages) of its words that are slips of one known word and
    no code name."""
    blanked = _CODE_TOKEN.sub(lambda m: " " * len(m.group(0)), text)
    for finding in _findings(checker, blanked, 1):
        word = text[finding.start : finding.end]
        if word in identifiers or word.lower() in identifiers or not _slip(checker, word):
            continue
        yield finding.start, finding.end, finding.message


_SHORTEST_COMMENT_SLIP = 5


def _slip(checker: Speller, word: str) -> bool:
    """A word one edit from a single known word: comments are full of abbreviations and of
    API names ("ndim", "tolist", "argmax"), which are no slips of anything."""
    unknown = checker.problem(word)
    if unknown is None or unknown.suggestion is None or " " in unknown.suggestion:
        return False
    return len(word) >= _SHORTEST_COMMENT_SLIP and unknown.close


def _code_identifiers(document: LintDocument) -> frozenset[str]:
    """Every name written in the note's code blocks outside comments (as written and lower)."""
    names: set[str] = set()
    commented = _comments_blanked(document)
    for block in document.code_blocks:
        first = document.offset_of_line(block.first_line)
        last = document.offset_of_line(block.first_line + block.code.count("\n") + 1)
        lines = commented[first:last].split("\n")  # an SQL or C comment's words are no names
        code = "\n".join(line.split("#", 1)[0] for line in lines)
        found = _IDENTIFIER.findall(code)
        names.update(found)
        names.update(name.lower() for name in found)
    return frozenset(names)


def _comments_blanked(document: LintDocument) -> str:
    """The note's text with the prose of every code comment blanked (same length)."""
    text = document.text
    pieces = []
    position = 0
    for start, end in document.comment_spans:
        pieces += [text[position:start], " " * (end - start)]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


# Blocks of text or program output, not code: their words are no names.
_NOT_CODE = frozenset(
    {"text", "txt", "plain", "plaintext", "output", "out", "console", "terminal", "markdown"}
    | {"md", "rst", "log", "none", "nohighlight", "csv", "tsv"}
)
_DASH_COMMENTS = frozenset(
    {"sql", "mysql", "postgresql", "postgres", "psql", "sqlite", "plsql", "tsql", "hive"}
)
_SLASH_COMMENTS = frozenset(
    {"js", "javascript", "ts", "typescript", "jsx", "tsx", "c", "cpp", "c++", "h", "hpp"}
    | {"java", "go", "golang", "rust", "rs", "kotlin", "kt", "swift", "scala", "cs", "csharp"}
    | {"dart", "php", "cuda"}
)
_STRINGS = r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
_NOT_NAMES = {
    "dash": lazy_regex(rf"{_STRINGS}|--[^\n]*|/\*[\s\S]*?(?:\*/|$)"),
    "slash": lazy_regex(rf"{_STRINGS}|//[^\n]*|/\*[\s\S]*?(?:\*/|$)"),
    "hash": lazy_regex(rf"{_STRINGS}|(?:^|(?<=[ \t]))#[^\n]*", re.MULTILINE),
}
# An unlabelled block is code when a line assigns, calls, imports, is an SQL statement or a
# shell command of a common tool ("git merge devel", "kubectl get pods").
_LOOKS_LIKE_CODE = lazy_regex(
    r"^[ \t]*(?:[\w.\[\]]+[ \t]*(?:[-+*/]?=|\()|import[ \t]|(?:select|with|create|insert|"
    r"update|delete)[ \t]+\w|(?:\$[ \t]*)?(?:git|kubectl|docker|helm|pip3?|npm|npx|yarn|"
    r"cargo|conda|brew|apt-get|apt|curl|wget|sudo|mkdir|cd|ls)[ \t]+[\w./~:-])",
    re.MULTILINE | re.IGNORECASE,
)
# An inline code span: "`fsmonitor`" names what the prose then writes bare ("With fsmonitor").
_INLINE_CODE = lazy_regex(r"(?<!`)`([^`\n]+)`(?!`)")


def _code_names(document: LintDocument) -> frozenset[str]:
    """The names of the note's code (lower case): every identifier of its code blocks outside
    comments and string literals, such as an SQL alias or column ("... AS rnk"), a variable
    or a function name, and of its inline code spans ("`fsmonitor`"). Where the note writes
    one in prose or in a table ("rnk" in the header of the query's results), it is that name,
    not a misspelling."""
    return document.memo("spelling-code-names", lambda: _names_of_code(document))


# "rshift() overloads >>": a name the prose writes as a call, with nothing or simple
# arguments between the brackets.
_PROSE_CALL = lazy_regex(r"(?<![\w.])([A-Za-z_]\w{2,})\((?:[\w ,.'\"]{0,40})\)")


def _called_names(document: LintDocument) -> frozenset[str]:
    """The functions the note's prose calls ("rshift()", "tolist(x)"): where the same note
    names one bare ("Answer: rshift"), it is that function, not a misspelling."""
    return document.memo(
        "spelling-called-names",
        lambda: frozenset(_PROSE_CALL.findall(document.prose, document.body_offset)),
    )


def _names_of_code(document: LintDocument) -> frozenset[str]:
    names: set[str] = set()
    for span in _INLINE_CODE.findall(document.text, document.body_offset):
        names.update(name.lower() for name in _IDENTIFIER.findall(span))
    for block in document.code_blocks:
        language = block.language.lower()
        if language in _NOT_CODE or (not language and not _LOOKS_LIKE_CODE.search(block.code)):
            continue
        kind = (
            "dash"
            if language in _DASH_COMMENTS
            else "slash"
            if language in _SLASH_COMMENTS
            else "hash"
        )
        code = _NOT_NAMES[kind].sub(" ", block.code)
        names.update(name.lower() for name in _IDENTIFIER.findall(code))
    return frozenset(names)


# Chinese and Japanese characters: the dictionary is English, so a word holding one is not
# checked ("迭代器", "函数或for循环中" is a run of Chinese text, not a misspelling).
_IDEOGRAPH = lazy_regex(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
# Letters of another alphabet (Cyrillic, Armenian, Hebrew, Arabic, the Indic scripts, Thai,
# Georgian): an English word list cannot judge "такое" or "ماذا", however short the note.
_OTHER_ALPHABET = lazy_regex(r"[\u0400-\u052f\u0530-\u06ff\u0900-\u0e7f\u10a0-\u10ff]")


# A note of which this share of the checked words is unknown, and at least this many, is
# written in another language (a terse Spanish answer with few function words): English
# notes misspell a word or two.
_FOREIGN_UNKNOWN_SHARE = 0.4
_FOREIGN_UNKNOWN_MIN = 6


def _findings(checker: Speller, prose: str, start: int) -> Iterator[Finding]:
    # Spanish or French prose is not misspelt English: the lists only know English.
    foreign = foreign_spans(prose, start)
    found: list[Finding] = []
    checked = 0
    for compound in _COMPOUND.finditer(prose, start):
        if _IDEOGRAPH.search(compound.group()) or _OTHER_ALPHABET.search(compound.group()):
            continue
        if any(begin <= compound.start() < end for begin, end in foreign):
            continue
        if not _in_code_context(prose, compound.start(), compound.end()):
            checked += 1
            found.extend(_check_compound(checker, compound, prose))
    unknown = len(found)
    if unknown >= _FOREIGN_UNKNOWN_MIN and unknown >= _FOREIGN_UNKNOWN_SHARE * checked:
        return
    yield from found


# Operators that make a formula of the words around them: "y = mx + b", "wx * 2" (with the
# Unicode times, dot, minus, divide, less-or-equal and greater-or-equal signs).
_LONGEST_VARIABLE = 4
_MINUS_BEFORE = lazy_regex(r"[\w)\]] +- +\Z")
_MINUS_AFTER = lazy_regex(r" +- +[\w(]")
# An arrow too: "better \u2192 bett" shows a stemmer's output, not a word of the text.
_OPERATORS = frozenset("=+*/^<>\u00d7\u00b7\u2212\u00f7\u2264\u2265\u2192")


# Operators that glue a term of any length into a formula written as text, with no space:
# "F(x)=tree1(x)+tree2(x)". Not "*" (emphasis), "/" ("and/or") nor "-" (hyphens).
_GLUING = frozenset("=+^<>\u00d7\u00b7\u2212\u00f7\u2264\u2265")


def _in_formula(prose: str, start: int, end: int) -> bool:
    """A short word next to an operator is a variable of a formula written as text; a minus
    counts between operands ("yhat - y"), never as a hyphen or a list bullet. A word of any
    length glued to an operator ("=dtree") is a term of a formula."""
    if prose[start - 1 : start] in _GLUING or prose[end : end + 1] in _GLUING:
        return True
    if end - start > _LONGEST_VARIABLE:
        return False
    before = prose[max(0, start - 6) : start]
    after = prose[end : end + 6]
    return (
        before.rstrip(" ")[-1:] in _OPERATORS
        or after.lstrip(" ")[:1] in _OPERATORS
        or _MINUS_BEFORE.search(before) is not None
        or _MINUS_AFTER.match(after) is not None
    )


_GREEK = lazy_regex("[\u0370-\u03ff]")
_LATIN = lazy_regex("[A-Za-z]")


def _check_compound(
    checker: Speller, compound: re.Match[str], prose: str = ""
) -> Iterator[Finding]:
    """Each part of a hyphenated compound, unless the compound is a word ("zig-zags")."""
    text = compound.group(0)
    if "-" in text and checker.known(text.replace("-", "").lower()):
        return
    if "-" in text and nearest_canonical(text) is not None:
        return  # a hyphenated name misspelled ('scikit-lern'): name-typo (AG112) reports it
    if _quoted_alone(prose, compound.start(), compound.end()):
        return
    if _GREEK.search(text) and _LATIN.search(text):
        return  # "\u03b1x", "\u03b2\u2081": Greek letters mixed in make it a formula's term
    parts = list(_PART.finditer(text))
    for index, part in enumerate(parts):
        word = part.group(0)
        if index < len(parts) - 1 and word.lower() in _PREFIXES:
            continue
        start = compound.start() + part.start()
        if word.lower() in _SUFFIXES and start > 0 and prose[start - 1 : start] == "-":
            continue  # "2010-ish", "O(1)-ish": the hyphen ties it to what stands before it
        unknown = checker.problem(word)
        start, end = compound.start() + part.start(), compound.start() + part.end()
        if unknown is None or _in_formula(prose, start, end):
            continue
        if _proper_noun(prose, start, word, unknown):
            continue
        yield Finding(start, end, unknown.message)


# Quotation marks, opening and closing, straight and curly (and guillemets).
_OPENING_QUOTES = frozenset("\"'\u201c\u2018\u00ab\u201e")
_CLOSING_QUOTES = frozenset("\"'\u201d\u2019\u00bb\u201c")


def _quoted_alone(prose: str, start: int, end: int) -> bool:
    """A word quoted by itself is mentioned, not used: an example string ("abcba" is a
    palindrome), a subword piece ("ing"), an input value."""
    return (
        start > 0
        and prose[start - 1] in _OPENING_QUOTES
        and prose[end : end + 1] in _CLOSING_QUOTES
    )


_PREVIOUS_WORD = lazy_regex(r"([^\W\d_]+)[\s*_]*\Z")


def _proper_noun(prose: str, start: int, word: str, unknown: Unknown) -> bool:
    """A capitalised word mid-sentence is a name ("tools such as Collibra"), not a slip,
    even one letter from a lower-case word when a lower-case word comes before it ("the
    Earley parser"); in a title-cased line ("Gradient Descnet") a near word is a slip."""
    if not word[0].isupper():
        return False
    if _in_eponym(prose, start, start + len(word)):
        return True
    if _sentence_start(prose, start):
        return False
    if not unknown.close:
        return True
    previous = _PREVIOUS_WORD.search(prose, max(0, start - 40), start)
    return previous is not None and previous.group(1).islower()


# Capitalised names joined by a hyphen or an en dash (U+2013): an eponym of two people
# ("Cramer-Rao bound", "Kullback-Leibler divergence", "Nadaraya-Watson estimator").
_EPONYM = lazy_regex(r"[^\W\d_]+(?:[-\u2013][^\W\d_]+)+")
_NEXT_WORD = lazy_regex(r"[\s*_]*([^\W\d_]+)")


def _in_eponym(prose: str, start: int, end: int) -> bool:
    """A capitalised word joined by a dash to another capitalised word, in a sentence of
    lower-case words (the word before or after the pair is lower case): the surnames of an
    eponym. A partner that is an ordinary word ("the Encoder-Decodr model") or a title-cased
    line ("Encoder-Decodr Models") leaves a slip a slip."""
    line_start = prose.rfind("\n", 0, start) + 1
    line_end = prose.find("\n", end)
    line_end = len(prose) if line_end < 0 else line_end
    for pair in _EPONYM.finditer(prose, line_start, line_end):
        if pair.start() > start:
            break
        if pair.end() < end:
            continue
        names = re.split("[-\u2013]", pair.group())
        if not all(name[0].isupper() for name in names):
            return False  # "Rao-like": a name and a word, not two names
        if not any(_surname(name) for name in names if name != prose[start:end]):
            return False  # "Encoder-Decodr": its partner is a word, so it is a slip of one
        previous = _PREVIOUS_WORD.search(prose, max(line_start, pair.start() - 40), pair.start())
        following = _NEXT_WORD.match(prose, pair.end(), line_end)
        return any(
            around is not None and around.group(1).islower() for around in (previous, following)
        )
    return False


def _surname(word: str) -> bool:
    """A capitalised word that reads as a person's name: a known name part ("Watson",
    "Gauss") or no English word at all ("Cramer", "Kullback")."""
    lower = word.lower()
    return lower in canonical_word_parts() or lower not in english_words()


# Markup and numbering that may stand before the first word of a line or sentence.
_LEAD = " \t*_~`\"'([>#|+-0123456789)"


def _sentence_start(prose: str, start: int) -> bool:
    """Whether a word opens its line, heading, list item or sentence."""
    line_start = prose.rfind("\n", 0, start) + 1
    before = prose[line_start:start].rstrip(_LEAD)
    return not before or before[-1] in ".!?:"


RULES: tuple[Rule, ...] = (Spelling(),)
