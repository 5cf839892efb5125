"""What the prose rules share: words of a text, where the answer starts, and a paragraph as
the learner reads it (code, math, links and HTML reduced to plain words)."""

from __future__ import annotations

import re

from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.markup import html_elements
from ankigen.source.model import NoteType

CLOZE_MARKUP = lazy_regex(r"\{\{c\d+::|::[^}\n]*\}\}|\}\}")
_CLOZE = lazy_regex(r"\{\{c\d+::(.*?)(?:::[^}\n]*)?\}\}", re.DOTALL)


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def words_of(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*", text)


def answer_offset(document: LintDocument) -> int:
    """Where the answer begins: after the question heading, or at the body (cloze notes)."""
    question = document.question
    if document.note.meta.type is NoteType.CLOZE or question is None:
        return document.body_offset
    return question[1]


_INLINE_CODE = lazy_regex(r"(`+).+?\1|\$\$.+?\$\$|\$[^\s$](?:[^$\n]*[^\s$])?\$", re.DOTALL)
_IMAGE_MD = lazy_regex(r"!\[[^\]\n]*\]\([^)\n]*\)")
LINK_MD = lazy_regex(r"\[([^\]\n]*)\]\([^)\n]*\)")
# A bare URL stops at a space, a closing bracket or a quote ('"https://a.com"' keeps its quote).
URL = lazy_regex(r"<[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*>|\b(?:https?://|www\.)[^\s)>\]\"\u201d]+")
# A tag has a name and, if anything else, attributes with "=": "<fill in>" is not a tag.
HTML_TAG = lazy_regex(
    r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s+[^<>\n]*=[^<>\n]*)?\s*/?>|<!--.*?-->", re.DOTALL
)
_BLOCK_MARKERS = lazy_regex(r"^[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d+[.)])[ \t]+)?", re.MULTILINE)


def plain(text: str) -> str:
    """A paragraph as the learner reads it, code and math kept as one opaque word each."""
    text = _CLOZE.sub(lambda m: m.group(1), text)
    text = _INLINE_CODE.sub(" CODE ", text)
    text = _IMAGE_MD.sub(" IMAGE ", text)
    text = LINK_MD.sub(lambda m: m.group(1), text)
    text = URL.sub(" URL ", text)
    text = HTML_TAG.sub(_tag_or_token, text)
    return _BLOCK_MARKERS.sub("", text)


def _tag_or_token(match: re.Match[str]) -> str:
    """An HTML tag is markup, read as a space; a token written like one ("maps to <unk>",
    "<eos>") is a word of the sentence."""
    name = re.match(r"</?([a-zA-Z][a-zA-Z0-9-]*)", match.group(0))
    if name is None or name.group(1).lower() in html_elements():
        return " "
    return " TOKEN "


def stems(word: str) -> set[str]:
    """The word and its likely bare forms: logged -> log, turns -> turn, tuning -> tune."""
    forms = {word}
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            bare = word[: -len(suffix)]
            forms |= {bare, bare + "e"}
            if len(bare) > 2 and bare[-1] == bare[-2]:
                forms.add(bare[:-1])
    return forms
