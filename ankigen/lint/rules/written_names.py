"""Names a note writes itself, and the slips of them it makes elsewhere.

No name list covers every library, service and data set a learner writes about, but a note
often writes its subject's name right once (in the question, in code, in a table) and slips
once in the prose: "Prophet" in the question and "Prohpet" in the answer, `grpcio` in code and
"gprcio-tools" in a sentence. Two neighbouring letters swapped is the slip read here: the
likeliest typing slip, and no way in which names are made from other names (a letter added or
dropped is: "AdamW", "YOLOX").
"""

from __future__ import annotations

from collections.abc import Iterator

from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.words import is_known

# Words of five letters or more: a swap in a shorter word too often spells another name.
_WORD = lazy_regex(r"[^\W\d_][^\W_]{4,}")
_INLINE_CODE = lazy_regex(r"(`+)([^`\n]+?)\1")


def swapped(word: str, name: str) -> bool:
    """Whether swapping two neighbouring letters of ``word`` gives ``name`` (case aside)."""
    one, other = word.casefold(), name.casefold()
    if len(one) != len(other) or one == other:
        return False
    differ = [index for index, (a, b) in enumerate(zip(one, other, strict=True)) if a != b]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and one[differ[0]] == other[differ[1]]
        and one[differ[1]] == other[differ[0]]
    )


def _code_texts(document: LintDocument) -> Iterator[str]:
    for block in document.code_blocks:
        yield block.code
    for match in _INLINE_CODE.finditer(document.body):
        yield match.group(2)


def code_words(document: LintDocument) -> frozenset[str]:
    """The words the note writes in code (blocks and inline code): copied, not retyped."""

    def compute() -> frozenset[str]:
        words = {word.group(0) for text in _code_texts(document) for word in _WORD.finditer(text)}
        # An English word in code ("receive" of max_receive_message_length) is no name.
        return frozenset(word for word in words if not is_known(word.lower(), frozenset()))

    return document.memo("written-names-code", compute)


def capitalised_words(document: LintDocument) -> frozenset[str]:
    """The words the note writes with a capital and never in lower case: its names."""

    def compute() -> frozenset[str]:
        words = {match.group(0) for match in _WORD.finditer(document.body)}
        lower = {word.casefold() for word in words if word[:1].islower()}
        return frozenset(
            word for word in words if word[:1].isupper() and word.casefold() not in lower
        )

    return document.memo("written-names-capitalised", compute)


def written_name(word: str, document: LintDocument, *, mid_sentence: bool) -> str | None:
    """The name this note writes that ``word`` is a swapped-letters slip of, or None.

    A name written in code counts wherever the slip is; a capitalised name counts for a slip
    that is capitalised inside a sentence (at a sentence's start a capital says nothing).
    The caller rules out words and known names first.
    """
    if len(word) < 5:
        return None
    for name in sorted(code_words(document)):
        if swapped(word, name):
            return name
    if mid_sentence and word[:1].isupper():
        for name in sorted(capitalised_words(document)):
            if swapped(word, name):
                return name
    return None
