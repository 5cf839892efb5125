"""A reading of AG137's class: a sentence that hands part of its answer to another note of the
author's vault by a wiki link ("Proof via the hyperplane theorem, see [[Lecture 7 - Duality#
Proof]]", "The YAML layout is in [[dbt sources.yml]]").

A wiki link names another note of the same collection, which is another card or another part
of the source; Anki shows the brackets as text and cannot follow them. What makes it a
reference is the role of the link in its sentence: the place where something is ("is in",
"covered in", "see"), not a word of the claim. "See also [[Regularisation]]" under a written
answer offers a related note and stays silent, and a wiki link that is the whole answer is
AG136's.
"""

from __future__ import annotations

import re

from ankigen.lint.lazy_pattern import lazy_regex

# The place where the content is: a pointer verb, or a verb of setting out with "in".
_WHERE = (
    r"(?:see|cf\.?|refer\s+to|(?:details?|more|proofs?|derivations?)\s+(?:is\s+|are\s+)?"
    r"(?:in|at|under|on)|(?:is|are|lives?|sits?)\s+in|(?:covered|explained|derived|proved|"
    r"proven|shown|described|discussed|defined|written\s+up|worked\s+out|listed|detailed|"
    r"summari[sz]ed)\s+(?:in|at|under))"
)
WIKI_POINTER = lazy_regex(rf"\b{_WHERE}[ \t]*:?[ \t]*!?\[\[[^\[\]\n]+\]\]", re.IGNORECASE)


def wiki_pointers(text: str, start: int) -> list[re.Match[str]]:
    """The pointers to a wiki link from ``start`` on (offsets in ``text``)."""
    return list(WIKI_POINTER.finditer(text, start))
