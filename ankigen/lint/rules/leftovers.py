"""Text left over from the source: placeholders, adverts, figures that are not there, and
answers that point at option letters the question never gave."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, ClassVar

import yaml

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.rule import LintConfig, Rule


def quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands inside double quotes opened and closed on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start]
    after = text[end : len(text) if line_end < 0 else line_end]
    straight = before.count('"') % 2 == 1 and '"' in after
    curly = before.count("\u201c") > before.count("\u201d") and "\u201d" in after
    return straight or curly


@dataclass(frozen=True)
class Phrase:
    """One entry of ``data/leftovers.yaml``: the pattern runs only on prose (lowercased) that
    contains one of its keywords; an entry without keywords always runs."""

    pattern: re.Pattern[str]
    message: str
    keywords: tuple[str, ...]

    def may_match(self, lowered: str) -> bool:
        return not self.keywords or any(keyword in lowered for keyword in self.keywords)


@cache
def load_phrases(group: str) -> tuple[Phrase, ...]:
    data: dict[str, list[dict[str, Any]]] = yaml.safe_load(
        resources.files("ankigen.lint").joinpath("data/leftovers.yaml").read_text("utf-8")
    )
    entries = []
    for entry in data[group]:
        flags = re.MULTILINE | (0 if entry.get("case_sensitive") else re.IGNORECASE)
        keywords = tuple(str(keyword) for keyword in entry.get("keywords", ()))
        entries.append(Phrase(re.compile(entry["pattern"], flags), str(entry["message"]), keywords))
    return tuple(entries)


def _search(
    document: LintDocument, group: str, *, once_per_line: bool = False
) -> Iterator[tuple[re.Match[str], str]]:
    """Every match of the group's entries, overlapping matches once (the first); with
    ``once_per_line``, also matches with the same message on one line ("Photo by X on
    Unsplash" is one credit)."""
    prose = document.prose
    # Substring tests are far cheaper than the patterns, and most notes contain no keyword.
    lowered = prose.lower()
    candidates = [phrase for phrase in load_phrases(group) if phrase.may_match(lowered)]
    found = sorted(
        (
            (match.start(), -match.end(), index, match, phrase.message)
            for index, phrase in enumerate(candidates)
            for match in phrase.pattern.finditer(prose, document.body_offset)
        ),
        key=lambda item: item[:3],
    )
    reached = -1
    reported: set[tuple[int, str]] = set()
    for start, _, _, match, message in found:
        key = (prose.rfind("\n", 0, start) if once_per_line else start, message)
        if quoted(prose, start, match.end()):
            continue  # a phrase quoted as an example is mentioned, not used
        if start >= reached and key not in reported:
            reached = match.end()
            reported.add(key)
            yield match, message


class _PhraseRule(Rule):
    """Reports every match of one phrase group of ``data/leftovers.yaml`` in the prose."""

    phrases: ClassVar[str]
    once_per_line: ClassVar[bool] = False

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        for match, message in _search(document, self.phrases, once_per_line=self.once_per_line):
            yield Finding(match.start(), match.end(), message)


class PlaceholderText(_PhraseRule):
    """Placeholder text such as *Lorem ipsum*, TODO or TBD never belongs on a card.

    Source articles sometimes ship with template text that nobody replaced; a card that shows
    it teaches nothing.
    """

    code = "AG130"
    name = "placeholder-text"
    summary = "placeholder text (Lorem ipsum, TODO, TBD) left in a note"
    bad = "# What is dropout?\n\nLorem ipsum dolor sit amet.\n"
    good = "# What is dropout?\n\nRandomly zeroing activations during training.\n"

    phrases = "placeholder"


class PromotionalText(_PhraseRule):
    """Boilerplate copied from a web page: publisher notices, image credits, calls to action,
    author bios and sign-offs.

    Each kind is matched in its many wordings, not as fixed strings: publication notices ("this
    article was published as part of …", "originally posted on …", "the media shown is not
    owned by …", "used at the author's discretion", copyright lines); image credits ("Image
    source: …", "Photo by … on Unsplash", "Source: <site>"); calls to action (subscribe, sign
    up, enrol, join the community, follow us, download the app, like and share, leave a comment
    below, promo codes, paywalls, related-article lists); author bios; and sign-offs ("Thanks
    for reading", "Hope you liked it", "Happy learning"). None is a fact to learn: delete the
    line. Credit a source once, in the deck's `sources` and the note's `source` field.
    """

    code = "AG131"
    name = "promotional-text"
    summary = "promotional or boilerplate text copied from a web page"
    bad = (
        "# What is Keras?\n\nA deep-learning API.\n\n*Image source: the Keras website. "
        "Subscribe to our newsletter!*\n"
    )
    good = "# What is Keras?\n\nA high-level deep-learning API.\n"

    phrases = "promotional"
    once_per_line = True


_IMAGE = re.compile(r"!\[[^\]]*\]\(")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$", re.MULTILINE)


class DanglingFigureReference(Rule):
    """A reference to an image, figure or table that the card does not contain.

    "As shown in the image above" made sense on the web page the text came from; on a card
    there is nothing above. Add the image to the note, or describe it in words.
    """

    code = "AG132"
    name = "dangling-figure-reference"
    summary = "refers to a figure, image or table that is not in the note"
    bad = "# What does a GAN's generator do?\n\nAs shown in the image above, it makes samples.\n"
    good = "# What does a GAN's generator do?\n\nIt turns random noise into fake samples.\n"

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        present: dict[str, bool] = {}  # searched only when a note refers to a figure or table
        for match, message in _search(document, "figure"):
            text = match.group(0).lower()
            kind = "table" if "table" in text else "figure"
            if kind not in present:
                pattern = _TABLE_ROW if kind == "table" else _IMAGE
                present[kind] = pattern.search(document.body) is not None
            if present[kind]:
                continue
            yield Finding(match.start(), match.end(), message.format(kind=kind))


# An answer that names an option letter: "b) Pooling", "Answer: (b)", "option c".
_OPTION_ANSWER = re.compile(
    r"(?:^[ \t]*(?:[-*+][ \t]+)?|\banswer(?: is)?:?[ \t]*|\boption[ \t]+)\(?([a-eA-E])\)(?=[ \t])"
    r"|\b(?:answer(?: is)?:?|option)[ \t]+\(?([a-eA-E])\b\)?",
    re.MULTILINE | re.IGNORECASE,
)


class UnlabeledOption(Rule):
    """An answer that names an option letter ("b) Pooling") when the options have no letters.

    Multiple-choice text often loses its labels when copied: the answer then points at
    nothing. Name the option itself, or label every option.
    """

    code = "AG133"
    name = "unlabeled-option"
    summary = "answer refers to an option letter that no option carries"
    bad = (
        "# Which does not prevent overfitting?\n\n- Dropout\n- Pooling\n- Early stopping\n\n"
        "b) Pooling\n"
    )
    good = "# Which does not prevent overfitting: dropout, pooling or early stopping?\n\nPooling.\n"

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        prose = document.prose
        matches = list(_OPTION_ANSWER.finditer(prose, document.body_offset))
        if not matches:  # the usual case: no need to look for labels
            return
        labels = {
            letter.lower()
            for letter in re.findall(r"^[ \t]*(?:[-*+][ \t]+)?\(?([a-eA-E])[).][ \t]", prose, re.M)
        }
        letters = [(m.group(1) or m.group(2)).lower() for m in matches]
        for match, letter in zip(matches, letters, strict=True):
            # Labelled options exist when other letters appear as labels too.
            if len(labels - {letter}) >= 1 and letter in labels:
                continue
            yield Finding(
                match.start(),
                match.end(),
                f"the answer names option '{letter})', but the options carry no such label: "
                "name the option itself, or label every option",
            )


RULES: tuple[Rule, ...] = (
    PlaceholderText(),
    PromotionalText(),
    DanglingFigureReference(),
    UnlabeledOption(),
)
