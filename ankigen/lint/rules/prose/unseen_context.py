"""Context the learner cannot see on this card (AG137), read as a class.

A card is reviewed alone, so any reference to what stood around it in the author's source is
lost: a part of that source named by its role ("the intro of this article", "as in the caching
section"), cards or questions counted from this one ("the previous three answers", "the next
few cards"), a card that continues another ("Problem 2.4 (cont.)", "Exercise 5
continued") and an element of the page the card was copied from ("the toggle above", "my
other answer", "see the parent page"). The readings name the kind of reference, not an
author's sentence; a part of something named on the card ("the middle section of the
network", "the introduction of the Transformer paper") and an exercise cited as a source
("Exercise 4.2 of the book") stay silent.
"""

from __future__ import annotations

import re

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern

# The author's own source and its parts, by kind.
_OWN_SOURCE = (
    r"(?:post|article|blog|series|thread|deck|course|guide|tutorial|write-?up|notes|video|"
    r"lecture|page|newsletter|chapter|talk|workshop)"
)
_ROLE_PART = r"(?:intro|introduction|outro|conclusion|recap|appendix|preamble)"
# Where in a thing a section lies, which names the thing's part, not the source's.
_POSITION = (
    r"(?!(?:first|second|third|last|final|middle|early|earlier|later|lower|upper|top|bottom|"
    r"other|same|next|main|whole|critical|hidden|output|input)\s)"
)
# A part by its role, in a frame that reads it as a place ("in the intro", "as in the X
# section", "from the recap"), unless a thing named on the card owns it ("the section of
# the network", "the intro to PCA"): only "of this post", "of the series" and the like leave
# it the author's.
_PART_OF_THE_SOURCE = GatedPattern(
    r"\b(?:in|from|as\s+in|like\s+in|see|than\s+in|per|under|same\s+\w+\s+as\s+in|same\s+\w+\s+"
    r"as)\s+the\s+(?:"
    + _ROLE_PART
    + r"|"
    + _POSITION
    # the section named in words or by its title ("the caching section", "the Reservoir
    # Sampling section")
    + r"(?:(?-i:[a-z][\w-]*)\s+|(?-i:[A-Z][\w-]*)\s+){1,3}?section)\b"
    r"(?=\s*(?:[.,;:!?)]|$|(?:of|in)\s+(?:this|my|our|the|that)\s+" + _OWN_SOURCE + r"\b))",
    re.IGNORECASE,
)
# Cards counted from this one: "the previous three answers", "the next few cards", "the last
# couple of notes" (a countable group of cards, not of layers or steps).
_COUNTED_CARDS = lazy_regex(
    r"\bthe\s+(?:last|previous|preceding|prior|next|following|earlier|above)\s+(?:(?:two|three|"
    r"four|five|six|few|couple\s+of|several|\d+)\s+)?(?:flash)?(?:cards|questions|answers|notes|"
    r"q&as|exercises|problems)\b(?!\s+(?:of|in|on|from|for|about|drawn|dealt)\b)",
    re.IGNORECASE,
)
# A card that continues another: "Exercise 5 continued", "Part 2 (cont.)", "(continued)" at
# the end of a heading, "Continued from ..." anywhere.
_CONTINUED = GatedPattern(
    r"\b(?:exercise|problem|question|example|part|q|task|step)\s*\d+(?:\.\d+)*[a-z]?\s*"
    r"[(,:\u2013\u2014-]?\s*(?:continued|cont['\u2019]?d|cont\.)(?!\w)"
    r"|\((?:continued|cont['\u2019]?d|cont\.)\)"
    r"|\b(?:continued|continuing)\s+from\s+(?:the\s+|my\s+|our\s+)?(?:last|previous|earlier|"
    r"prior|above|part|card|question|exercise|problem|note|post)\b",
    re.IGNORECASE,
)


# Session 35: an element of the page the card was copied from ("the toggle above", "the comment
# below", "my other answer", "the accepted answer", "see the parent page").
_PAGE_ELEMENT = GatedPattern(
    r"\b(?:the|that|this|my|our|an?other)\s+(?:[\w-]+\s+)?(?:toggle|comment|reply|accordion|"
    r"sidebar|thread|dropdown)s?\s+(?:above|below|before|earlier|further\s+(?:up|down))\b"
    r"(?!\s+(?:the|a|an|it|this|that|each|every)\b)"
    r"|\b(?:as\s+per|per|see|from|in)\s+(?:the|my|our)\s+(?:other|previous|earlier|first|"
    r"accepted|top)\s+(?:answer|reply|comment|post)s?\b"
    # "the iframe reads it from the parent page" is a web page's parent, not the wiki's
    r"|\b(?:see|check|read)\s+(?:the\s+)?(?:parent|child|sibling)\s+(?:page|wiki\s+page)s?\b",
    re.IGNORECASE,
)


def unseen_context(prose: str, body_start: int, answer_start: int) -> list[re.Match[str]]:
    """The references to what stood around the card in its source; each pattern is one pass
    over the text. A part of the source is read in the answer only: a question may set its
    scene ("What does the paper argue in the conclusion?")."""
    found = list(_PART_OF_THE_SOURCE.finditer(prose, answer_start))
    found += _COUNTED_CARDS.finditer(prose, body_start)
    found += _CONTINUED.finditer(prose, body_start)
    found += _PAGE_ELEMENT.finditer(prose, answer_start)
    return found
