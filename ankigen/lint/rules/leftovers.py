"""Text left over from the source: placeholders, adverts, figures that are not there, and
answers that point at option letters the question never gave."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any, ClassVar

import yaml

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.rule import LintConfig, Rule


@cache
def _patterns(group: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    data: dict[str, list[dict[str, Any]]] = yaml.safe_load(
        resources.files("ankigen.lint").joinpath("data/leftovers.yaml").read_text("utf-8")
    )
    compiled = []
    for entry in data[group]:
        flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
        compiled.append((re.compile(entry["pattern"], flags), str(entry["message"])))
    return tuple(compiled)


def _search(document: LintDocument, group: str) -> Iterator[tuple[re.Match[str], str]]:
    for pattern, message in _patterns(group):
        for match in pattern.finditer(document.prose, document.body_offset):
            yield match, message


class _PhraseRule(Rule):
    """Reports every match of one phrase group of ``data/leftovers.yaml`` in the prose."""

    phrases: ClassVar[str]

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        for match, message in _search(document, self.phrases):
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
    """Adverts, calls to action and publication boilerplate copied from a web page.

    Course adverts, "click the following link", "enroll now", promo codes, sponsorship lines
    and "this article was published as part of …" are not facts to learn.
    """

    code = "AG131"
    name = "promotional-text"
    summary = "promotional or boilerplate text copied from a web page"
    bad = "# What is Keras?\n\nA deep-learning API. Enroll now in our course!\n"
    good = "# What is Keras?\n\nA high-level deep-learning API.\n"

    phrases = "promotional"


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
