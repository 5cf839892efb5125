"""A reading of AG131's class: a sentence that tells the reader their acts on the page itself
are wanted ("Comments and upvotes are much appreciated", "Any feedback would mean a lot",
"Stars keep me going").

Read by its parts, not by a site's phrasing: a noun for what a reader does to a page (an
upvote, a like, a clap, a star, a comment, feedback, a share, a follow, a subscription) as
the subject, and a predicate that says it is wanted (appreciated, welcome, encouraged, means
a lot, helps me or the channel, keeps me going). "Likes are sparse implicit feedback" says
what likes are; a question about such acts (a recommender's likes) is answered by them.
"""

from __future__ import annotations

import re

from ankigen.lint.lazy_pattern import lazy_regex

_ACT = (
    r"(?:up-?votes?|likes?|claps?|stars?|comments?|feedback|shares?|follows?|subscriptions?|"
    r"reposts?|retweets?|reactions?)"
)
_WANTED = (
    r"(?:(?:are|is|would\s+be|will\s+be)\s+(?:always\s+|much\s+|very\s+|greatly\s+|really\s+|"
    r"highly\s+|hugely\s+|more\s+than\s+|most\s+)?(?:appreciated|welcome[d]?|encouraged)"
    r"|(?:would\s+)?means?\s+a\s+lot|(?:really\s+)?helps?\s+(?:me|us|the\s+channel|this\s+"
    r"(?:notebook|kernel|post|blog|channel|repo))|keeps?\s+me\s+(?:going|motivated|writing))\b"
)
WANTED_ACTS = lazy_regex(
    rf"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s))[ \t>*_-]*(?:(?:any|all|your|and)\s+)?{_ACT}"
    rf"(?:\s*(?:,|and|&|or|/)\s*(?:your\s+)?{_ACT})*"
    r"(?:\s+(?:on|for|to)\s+(?:the|this|my|our)\s+[\w-]+)?"  # "Stars on the repo keep me going"
    rf"\s+{_WANTED}",
    re.IGNORECASE | re.MULTILINE,
)
_ACT_WORD = lazy_regex(_ACT, re.IGNORECASE)


def wanted_acts(prose: str, start: int, question: str) -> list[tuple[int, int]]:
    """Spans of the sentences above from ``start`` on; none when ``question`` asks about such
    acts (a note on a site's likes or comments describes them)."""
    if _ACT_WORD.search(question):
        return []
    return [m.span() for m in WANTED_ACTS.finditer(prose, start)]
