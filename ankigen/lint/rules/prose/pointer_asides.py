"""What a link-only answer says besides its pointer (AG136).

An author who answers with a pointer often adds where in the resource to look and why the
learner should go there: a video's timestamp ("start at 08:40"), a file inside a repository
("(file `models/matcher.py`)"), a book's title and chapter without a year ("Chip Huyen,
*Designing Machine Learning Systems*, chapter 8"), a part of the notes by its quoted title,
when to read it ("before Thursday's session") or why the answer is not written out ("I will
not repeat it here"). Session 26: a title written without quotes is a work's title when its
part follows it ("Deep Learning, chapter 7", "PRML, section 4.3"), and a page may be named by
the code it documents ("the documentation of `torch.nn.LSTM`"). None of these is content the
learner could recall; the readers here take them out of an answer's text before AG136 weighs
what is left.
"""

from __future__ import annotations

import re

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.prose.text import word_set, words_of

# How a cited work is written in the text once taken out: a resource word AG136 knows.
CITED_WORK = "SOURCE"

# "start at 08:40", "from 1:02:15", "around minute 14", "(12:30)": where in a video to look.
_TIMESTAMP = lazy_regex(
    r"(?:\b(?:start(?:ing)?|skip(?:ping)?|jump(?:ing)?|from|at|around|go)\s+(?:(?:at|to|from)\s+)?)?"
    r"\(?\b\d{1,2}:\d{2}(?::\d{2})?\b\)?(?!\s*(?:am|pm|a\.m|p\.m|utc|h\b))",
    re.IGNORECASE,
)
# "(file CODE)", "(see CODE)", "(line 42)": where in a repository or a page the answer is.
# ``CODE`` is how plain() writes a code span.
_LOCATOR = lazy_regex(
    r"\(\s*(?:in\s+|see\s+)?(?:the\s+)?(?:file|files|folder|directory|module|script|notebook|"
    r"cell|lines?|section|function)\s+(?:CODE|\d+(?:\s*[-\u2013]\s*\d+)?)(?:\s*,\s*"
    r"(?:lines?\s+)?\d+(?:\s*[-\u2013]\s*\d+)?)?\s*\)",
    re.IGNORECASE,
)
# A work's title in quotes or italics after its authors' names, then its part: "Chip Huyen,
# *Designing Machine Learning Systems*, chapter 8", 'Goodfellow et al., "Deep Learning", ch. 6'.
_NAMES = r"(?-i:[A-Z])[\w'\u2019.-]+(?:\s+(?:(?-i:[A-Z])[\w'\u2019.-]+|et\s+al\.?|and|&))*"
_TITLE = r"(?:\*{1,2}[^*\n]{3,120}\*{1,2}|_[^_\n]{3,120}_|[\"\u201c][^\"\u201d\n]{3,120}[\"\u201d])"
_PART = (
    r"(?:chapters?|ch\.?|sections?|sec\.?|parts?|pages?|pp?\.|lectures?|episodes?|units?|"
    r"modules?|appendix|\u00a7)\s*\d+(?:[.\u2013-]\d+)*[a-z]?"
)
# A title written without quotes or italics, known as one by the part that follows it: words
# that each start with a capital (small words between them), "Deep Learning, chapter 7",
# "Designing Data-Intensive Applications, ch. 3", "PRML, section 4.3".
_BARE_TITLE = (
    r"(?-i:[A-Z])[\w'\u2019-]*(?:[ \t]+(?:(?:of|and|the|for|in|on|with|to|a|an|&)[ \t]+)*"
    r"(?-i:[A-Z])[\w'\u2019-]*){0,7}"
)
_BOOK_CITATION = lazy_regex(
    rf"{_NAMES}\s*[,:]\s*{_TITLE}(?:\s*[,:(]\s*{_PART}\)?)?|{_TITLE}\s*[,:(]\s*{_PART}\)?"
    rf"|\b{_PART}\s+(?:of\s+)?{_TITLE}"
    rf"|(?:{_NAMES}\s*[,:]\s*)?{_BARE_TITLE}(?:\s+by\s+{_NAMES})?\s*[,:(]\s*{_PART}\)?"
    rf"|\b{_PART}\s+(?:of|in)\s+{_BARE_TITLE}",
    re.IGNORECASE,
)
# "the documentation of CODE", "the docs for CODE", "the API reference of CODE": a page named
# by the code it documents (``CODE`` is how plain() writes a code span).
_DOCS_OF_CODE = lazy_regex(
    r"\b(?:the\s+)?(?:official\s+)?(?:documentation|docs|docstring|api\s+(?:reference|docs)|"
    r"reference\s+(?:page|docs)|man\s+page|help\s+page)\s+(?:of|for|on)\s+(?:the\s+)?CODE\b",
    re.IGNORECASE,
)
# 'part "Occluding parts of the image"', 'the section *Views and copies*': a part of the
# resource named by its quoted title.
_NAMED_PART = lazy_regex(
    r"\b(?:the\s+)?(?:part|section|chapter|paragraph|subsection|heading|page|entry|tab|video|"
    r"episode|lesson|step)\s*[:,]?\s*" + _TITLE,
    re.IGNORECASE,
)

# Words of a clause that only says when or why to go there, not what the answer is: "read it
# before Thursday's session", "I will not repeat it here", "it lists every preset with
# examples".
ASIDE_WORDS = word_set(
    """before after next tomorrow tonight today class classes session sessions seminar
    seminars tutorial lab labs homework assignment monday tuesday wednesday thursday friday
    saturday sunday week weekend exam exams test tests quiz midterm not no point need
    won't don't wont dont repeat repeating rewrite rewriting copy copying pasting
    duplicate paste reproduce again exactly precisely just anyway lists list listing shows
    showing every each all whole entire full with examples example samples sample snippets
    demo demos options settings variants included includes including table tables
    part parts step steps official file files timestamp video"""
)


def without_pointer_asides(text: str) -> str:
    """``text`` (as plain() wrote it) without timestamps, locators in a repository, titled
    parts and book citations: what stays is what the answer itself says."""
    text = _LOCATOR.sub(" ", text)
    text = _TIMESTAMP.sub(" ", text)
    text = _BOOK_CITATION.sub(f" {CITED_WORK} ", text)
    text = _DOCS_OF_CODE.sub(f" {CITED_WORK} ", text)
    return _NAMED_PART.sub(" ", text)


def cites_a_book(text: str) -> bool:
    """Whether the text names a work by its title with its author or its part."""
    return _BOOK_CITATION.search(text) is not None


def only_aside_words(clause: str, also: frozenset[str]) -> bool:
    """Whether every word of the clause is an aside word or one of ``also``."""
    if "CODE" in clause:
        return False  # a code span or a formula (plain() writes both so) is content
    words = [word.lower().removesuffix("'s").removesuffix("\u2019s") for word in words_of(clause)]
    return bool(words) and all(word in ASIDE_WORDS or word in also for word in words)
