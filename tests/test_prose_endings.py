"""Which last words leave a sentence open (ankigen/lint/rules/prose/endings.py), class by
class, each with the everyday phrases that end on the same word and are whole."""

from __future__ import annotations

import pytest

from ankigen.lint.rules.prose.endings import dangling_word
from ankigen.lint.rules.prose.text import words_of


def _reason(text: str) -> str | None:
    return dangling_word([word.lower() for word in words_of(text)], text, last=True)


OPEN = {
    "article": "Each token gets a vector from the",
    "possessive determiner": "The gradient is scaled by its",
    "conjunction": "It is fast whereas",
    "relative pronoun": "The optimiser keeps a running mean, which",
    "clause-opening that": "A write-ahead log guarantees that",
    "that after a noun": "A set of workers that",
    "subject pronoun": "The cache keeps the pages they",
    "preposition": "The losses are averaged over",
    "preposition per": "The service takes 200 calls per",
    "auxiliary": "After training the weights are",
    "auxiliary after an object pronoun": "Every write to it will",
    "examples announced": "Use a tree ensemble, especially",
    "like as such as": "Metrics like",
    "possessive": "The block adds its input to the layer's",
    "contraction": "Caching helps, but it's",
    "second item": "The encoder compresses the input and the other",
    "adjective before its noun": "It avoids allocating a new",
    "comparative without adjective": "Dropout makes the network less",
    "open participle": "Attention replaced recurrence, allowing",
    "clause with no verb": "Lists are mutable, whereas a tuple",
    "pair": "The rate is lowered according to",
}
WHOLE = {
    "demonstrative that": "Use a lock for that",
    "do that": "Never do that",
    "yes-no answer": "It does not",
    "as it is": "It leaves the weights as they are",
    "phrasal verb": "Users sign in",
    "and so on": "Repeat for each layer, and so on",
    "stranded in a free relative": "It depends on what you use it for",
    "stranded in a relative clause": "Batches of the records it iterates over",
    "like as a verb": "Pick whichever you like",
    "one or the other": "One or the other",
    "as a whole": "The model is judged as a whole",
    "contrasted possessive": "The thread's, not the process's",
    "combines both": "The join step combines both",
    "who after a preposition": "It depends on who",
    "since then": "It has been the default since then",
    "noun ending": "Gradient descent with momentum",
}


@pytest.mark.parametrize("text", OPEN.values(), ids=OPEN.keys())
def test_an_open_ending_is_reported(text: str) -> None:
    assert _reason(text) is not None


@pytest.mark.parametrize("text", WHOLE.values(), ids=WHOLE.keys())
def test_a_whole_ending_is_accepted(text: str) -> None:
    assert _reason(text) is None


def test_rare_endings_count_only_at_the_end_of_the_answer() -> None:
    words = [word.lower() for word in words_of("The losses are summed over")]
    assert dangling_word(words, "The losses are summed over", last=False) is None
    assert dangling_word(["keys", "and"], "keys and", last=False) is not None
