"""The closing words of an article after its last answer, which are not part of that answer.

Interview documents end with a word to the reader: "Good luck!", "👉 These answers are now
structured …", "*This document is continuously updated …*", "#### Explore all 100 answers here
👉 [site](…)", often followed by a banner image. Written right after the last answer, they
would land on its card. The words vary, so a closing block is recognised by what it talks
about (the reader, the document, its answers, stars and follows) and by where it stands: a
short block of prose at the very end of the last answer, apart from it by a blank line or a
rule. Decoration around it (rules, ``<br>``, a banner image or link) goes with it. So does a
running footer: one line after the last answer that repeats the page's title ("Praktikum …
- Modul 4" under a lab report of that title, typo and all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ankigen.tools.importers.article_lines import TEXT

_SIGN_OFF = re.compile(
    r"^\W*(?:up\s+)?next\s*:|"  # "📌 Next: the following part of the series"
    # "Back to [Flashcards](index.md) · [Misc](…)": the page's way back to its index.
    r"^\W*(?:go\s+)?(?:back|return)\s+to\s*:?\s*\[|"
    r"\b(?:good\s+luck|best\s+of\s+luck|all\s+the\s+best|"
    r"happy\s+(?:learning|coding|studying|preparing|interviewing|hacking|reading)|"
    r"hope\s+(?:this|these|it|you)\b[^.!]*\b(?:help|useful|enjoy|found|like)|"
    r"thanks?\s+(?:you\s+)?for\s+(?:reading|visiting|stopping)|"
    r"feel\s+free\s+to\s+(?:contribute|reach|share|open|suggest|add|improve)|"
    # "If you have additional questions, send us an email": the page invites contact.
    r"if\s+you\s+have\s+(?:any\s+)?(?:additional|more|further|other|other\s+)?\s*questions\b[^.!]*"
    r"\b(?:email|e-mail|contact|write|reach|ask|send|message)\b|"
    r"(?:star|fork|bookmark)\s+(?:this|the|our|my)\s+(?:repo|repository|page|list)|"
    r"(?:give|leave)\s+(?:it\s+|this\s+|us\s+|me\s+)?a\s+(?:star|\u2b50)|"
    r"follow\s+(?:me|us)\b|subscribe\b|stay\s+tuned|to\s+be\s+continued|"
    r"coming\s+(?:up\s+)?next\b|"
    # "Now go ace it!", "Go build the future!", "You're ready for the interview."
    r"(?:^|[.!]\s+)(?:now\s+)?go\s+(?:build|ace|crush|nail|rock|conquer|get\s+(?:that|the|your))\b|"
    r"\byou(?:['\u2019]re|\s+are)\s+(?:now\s+)?(?:ready|all\s+set|prepared)\s+(?:for|to)\b|"
    r"in\s+the\s+next\s+(?:part|article|post|chapter|section|lesson|episode)\b|"
    r"if\s+you\s+(?:found|find|liked|like|enjoyed)\s+(?:this|these|it)\b|"
    r"(?:explore|find|see|read|check\s+out|get)\s+(?:all|the\s+rest|more)\b[^.!]*"
    r"\b(?:answers|questions)\b|"
    r"more\s+(?:questions|answers)\s+(?:are\s+)?(?:coming|to\s+come|will\s+be\s+added)|"
    r"(?:this|the)\s+(?:document|list|repo|repository|guide|page|article|cheat\s*sheet|"
    r"collection|file)\s+(?:is|was|will\s+be|has\s+been|gets)\s+(?:\w+\s+)?"
    r"(?:updated|maintained|expanded)|"
    r"these\s+(?:[a-z-]+\s+)?(?:answers|questions|notes|flashcards)\b|"  # "These concise answers …"
    r"each\s+(?:answer|question)\s+(?:provides|gives|has|is|includes|comes)\b|"
    r"for\s+(?:your\s+)?interview\s+(?:revision|prep(?:aration)?)\b|"
    # "Time Allocation: 2-3 minutes per question": the test's rules for whoever sits it.
    r"\btime\s+allocation\b|\b(?:minutes?|mins?)\s+(?:per|for\s+each)\s+question\b)",
    re.I,
)
_RULE = re.compile(r"^\s{0,3}(?:([-*_])(?:\s*\1){2,}|(?:<br\s*/?>\s*)+|<hr\s*/?>)\s*$", re.I)
_TAG = re.compile(r"<[^<>]*>")
# "[label](url)", "![alt](src)", or a reference-style "[label][ref-3]".
_IMAGE_OR_LINK = re.compile(r"!?\[[^\]]*\](?:\([^)]*\)|\[[^\]]+\])")
_BARE_LINK = re.compile(r"\[[^\]\n]*\]\(https?://[^)\s]+\)")
_BARE_URL = re.compile(r"<?https?://\S+?>?")
# "[ref-3]: https://…": a link reference definition, which Markdown never shows.
_LINK_DEFINITION = re.compile(r"\[[^\]\n]+\]:\s*\S+(?:\s+[\"'(].*)?")
# "Other resources:", "Further reading", "References:": a label over the page's links.
_RESOURCES_LABEL = re.compile(
    r"^(?:other|more|further|additional|useful)?\s*(?:resources|references|reading|links)"
    r"\s*:?$",
    re.I,
)
_MARKUP = re.compile(r"^\s*#{1,6}\s+|[*_`>#]+")
_MAX_CLOSING_CHARS = 400  # a closing word is a line or two, never a paragraph of content


@dataclass(frozen=True)
class _Block:
    start: int  # index into the answer's lines
    text: str  # the block's lines joined


def closing_start(lines: list[tuple[str, str]], title: str = "") -> int | None:
    """Where the closing words at the end of an answer start (an index into ``lines``)."""
    blocks = _blocks(lines)
    start: int | None = None
    for position in range(len(blocks) - 1, 0, -1):  # the first block is always the answer
        block = blocks[position]
        if _is_reference_list(block.text):
            start = block.start
            continue
        if _is_decoration(block.text):
            continue
        if not (_is_sign_off(block.text) or _repeats_title(block.text, title)):
            break
        start = block.start
    return start


def _blocks(lines: list[tuple[str, str]]) -> list[_Block]:
    """Runs of text lines between blank lines and rules; code and fences stay one block."""
    blocks: list[_Block] = []
    current: list[str] = []
    first = 0
    for index, (kind, line) in enumerate(lines):
        apart = kind == TEXT and (not line.strip() or _RULE.match(line) is not None)
        if apart:
            if current:
                blocks.append(_Block(first, "\n".join(current)))
                current = []
            continue
        if not current:
            first = index
        current.append(line if kind == TEXT else "\x00code")  # code is never closing words
    if current:
        blocks.append(_Block(first, "\n".join(current)))
    return blocks


def _is_decoration(text: str) -> bool:
    """Only tags, images and links: a banner or a badge, no words of its own."""
    return not _words(_IMAGE_OR_LINK.sub("", _TAG.sub("", text)))


def _is_reference_list(text: str) -> bool:
    """Two or more lines that are each one bare link ("[click](https://…)"), not list items:
    the pages the document was compiled from, listed after the last answer, not part of it."""
    rows = [row.strip() for row in text.split("\n")]
    if all(_LINK_DEFINITION.fullmatch(row) is not None for row in rows):
        return True  # the targets of the page's reference links: never part of an answer
    if all(_BARE_URL.fullmatch(row) is not None for row in rows):
        return True  # "https://…" alone after the last answer: the page's source
    return len(rows) >= 2 and all(_BARE_LINK.fullmatch(row) is not None for row in rows)


def _is_sign_off(text: str) -> bool:
    plain = _MARKUP.sub("", _TAG.sub("", text))
    if "\x00code" in text or len(plain) > _MAX_CLOSING_CHARS:  # tags (an SVG icon) are no words
        return False
    return _SIGN_OFF.search(plain) is not None or _RESOURCES_LABEL.match(plain.strip()) is not None


_FOOTER_LIKENESS = 0.85  # "Mikrokobtroler" for "Mikrokontroler": a slip, the same line


def _repeats_title(text: str, title: str) -> bool:
    """One line that says the page's title again: a footer, not the answer's last words."""
    plain = " ".join(_MARKUP.sub("", _TAG.sub("", text)).split()).lower()
    wanted = " ".join(title.split()).lower()
    if "\n" in text.strip() or not wanted or len(wanted.split()) < 2:
        return False
    return SequenceMatcher(None, plain, wanted).ratio() >= _FOOTER_LIKENESS


def _words(text: str) -> bool:
    return re.search(r"\w", text) is not None


def framed_line_start(lines: list[tuple[str, str]]) -> int | None:
    """Where an answer ends in one line framed by two rules ("---" / "! Move these up !" /
    "---"): a note the author left between two parts of the page, not the answer's last words
    (an index into ``lines``, at the first rule); None when the answer does not end so."""
    filled = [at for at, (_, line) in enumerate(lines) if line.strip()]
    if len(filled) < 4:  # the answer itself, then the rule, the line and the rule
        return None
    above, line, below = filled[-3:]
    framed = [lines[above], lines[line], lines[below]]
    if any(kind != TEXT for kind, _ in framed) or not (above + 1 == line == below - 1):
        return None
    text = framed[1][1].strip()
    if not (_RULE.match(framed[0][1]) and _RULE.match(framed[2][1])) or _RULE.match(text):
        return None
    if len(text) > _MAX_CLOSING_CHARS or _IMAGE_OR_LINK.fullmatch(text) or not _words(text):
        return None
    return above
