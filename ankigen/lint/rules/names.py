"""Names written wrongly: a dictionary of known misspellings (``data/misspellings.yaml``),
extendable from ``[tool.ankigen.lint] misspellings``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ankigen.diagnostics import Fix
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.rule import LintConfig, Rule

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
        return not (self.not_before and re.match(self.not_before, text[end : end + 80]))

    def message(self, found: str) -> str:
        reason = f" ({self.reason})" if self.reason else ""
        return f"'{found}' is a misspelling of '{self.right}'{reason}: write '{self.right}'"


_CONTEXT_KEYS = frozenset({"not_after", "not_before"})


def parse_entry(
    entry: Mapping[str, Any], contexts: Mapping[str, Mapping[str, str]] | None = None
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
    )


def load_data() -> dict[str, Any]:
    """The data file as written (the data test checks it)."""
    text = resources.files("ankigen.lint").joinpath("data/misspellings.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


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
        self.pattern = re.compile(f"{_BEFORE}(?:{alternatives}){_AFTER}")
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
    there), nor is a name inside a dotted path such as keras.layers.Dense. `--fix` writes the
    correct spelling.
    """

    code = "AG110"
    name = "misspelled-name"
    summary = "a known misspelling of a name (GTP-3, Tensorflow, Relu)"
    fixable = True
    bad = "# Name a transformer language model.\n\nGTP-3, built with Tensorflow.\n"
    good = "# Name a transformer language model.\n\nGPT-3, built with `tensorflow`.\n"

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        prose, code = matchers(config)
        found = [*prose.find(document.prose, document.body_offset)]
        found += (
            (match, entry)
            for match, entry in code.find(document.text, document.body_offset)
            if not _in_url(document.text, match.start())
        )
        for match, entry in sorted(found, key=lambda item: item[0].start()):
            start, end = match.span()
            yield Finding(start, end, entry.message(match.group(0)), Fix(start, end, entry.right))


RULES: tuple[Rule, ...] = (MisspelledName(),)
