"""The sources an answer names at its end ("Source: https://…", "Fuentes: [RFC 768](…)").

Authors end an answer with the pages it comes from: "Source:", "Sources:", "Reference:", the
Spanish "Fuentes:", the Portuguese "Fonte:", the German "Quelle:" … over one or more links.
On the card such a line is noise (AG131), but the pages are worth keeping: they leave the back
and go to the note's ``source`` field (``see:``), where the card shows them after the citation.
Only links to web pages leave; a label over text that is no link ("Source: the author's
notes") stays where it is.
"""

from __future__ import annotations

import itertools
import re

__all__ = ["cited_sources"]

# "Source:", "**Sources:**", "📚 References:", "Fuentes:", "Fonte:", "Quelle:", "Источник:".
_LABEL = re.compile(
    r"^\s*(?:[-*+]\s+)?[^\w\s]{0,3}\s*(?:\*\*|__|\*|_)?\s*"
    r"(?:sources?|references?|refs?|read\s+more|fuentes?|fontes?|quellen?|"
    r"\u0438\u0441\u0442\u043e\u0447\u043d\u0438\u043a(?:\u0438)?|"
    r"\u0434\u0436\u0435\u0440\u0435\u043b(?:\u043e|\u0430))"
    r"\s*(?:\*\*|__|\*|_)?\s*:\s*(?:\*\*|__|\*|_)?\s*(?P<rest>.+)$",
    re.I,
)
_LINK = re.compile(r"\[[^\]\n]*\]\((?P<url>https?://[^)\s]+)\)|<?(?P<bare>https?://[^\s<>)]+)>?")
# What may stand between the links of one line: separators and the words "and"/"y"/"e".
_BETWEEN = re.compile(
    r"^[\s,;|/\u00b7\u2022\-\u2013\u2014]*(?:(?:and|y|e|und|\u0438|\u0456)\s*)?$", re.I
)


def cited_sources(answer: str) -> tuple[str, tuple[str, ...]]:
    """The answer without its closing source lines, and the pages they link, in order."""
    lines = answer.rstrip("\n").split("\n")
    urls: list[str] = []
    end = len(lines)
    while end > 0:
        line = lines[end - 1]
        if not line.strip():
            end -= 1
            continue
        found = _links_of_label_line(line)
        if found is None:
            break
        urls[:0] = found
        end -= 1
    if not urls or not any(line.strip() for line in lines[:end]):
        return answer, ()  # no source line, or nothing else: the answer stays as it is
    return "\n".join(lines[:end]).rstrip(), tuple(dict.fromkeys(urls))


def _links_of_label_line(line: str) -> list[str] | None:
    """The links of a "Source: …" line made of links only, else None."""
    labelled = _LABEL.match(line)
    if labelled is None:
        return None
    rest = labelled.group("rest")
    links = list(_LINK.finditer(rest))
    if not links:
        return None
    gaps = [rest[: links[0].start()], rest[links[-1].end() :]]
    gaps += [rest[a.end() : b.start()] for a, b in itertools.pairwise(links)]
    if not all(_BETWEEN.match(gap.strip(" *_.")) for gap in gaps):
        return None
    return [link.group("url") or link.group("bare") for link in links]
