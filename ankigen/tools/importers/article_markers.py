"""What decorates a question line but is not the question: difficulty markers and link junk.

``**What is X? 🟢**``, ``### 3. What is Y? [Medium]``, ``What is Z? ⭐⭐`` and
``What is W? [src](http://…)`` all ask one plain question; the markers become a
``difficulty::…`` tag, the links keep their label (a credit link such as "src" goes).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

EASY, MEDIUM, HARD = "easy", "medium", "hard"
_LEVEL_WORDS = {
    "easy": EASY,
    "beginner": EASY,
    "basic": EASY,
    "simple": EASY,
    "junior": EASY,
    "medium": MEDIUM,
    "intermediate": MEDIUM,
    "moderate": MEDIUM,
    "mid": MEDIUM,
    "hard": HARD,
    "advanced": HARD,
    "expert": HARD,
    "difficult": HARD,
    "senior": HARD,
}
# Colour codes most documents use without a legend. Others (🚀, 🔥…) are stripped untagged
# unless the document's legend ("👶 easy ⭐️ medium 🚀 expert") says what they mean.
_DEFAULT_EMOJI = {
    "🟢": EASY,
    "🟩": EASY,
    "💚": EASY,
    "🟡": MEDIUM,
    "🟨": MEDIUM,
    "💛": MEDIUM,
    "🟠": MEDIUM,
    "🟧": MEDIUM,
    "🔴": HARD,
    "🟥": HARD,
}
_STARS = "⭐★🌟"
_WORD = "|".join(sorted(_LEVEL_WORDS, key=len, reverse=True))
_EMOJI_CHARS = (
    "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2190-\u21ff\u2300-\u23ff"
    "\u2500-\u25ff\u2700-\u27bf\u2605\u2606\ufe0f\ufe0e\u200d\u20e3"
)
_EMOJI_RUN = re.compile(f"[{_EMOJI_CHARS}]+")
_BRACKETED_LEVEL = re.compile(
    rf"[(\[{{]\s*(?:difficulty|level)?\s*[:=-]?\s*({_WORD})\s*(?:level)?\s*[)\]}}]", re.I
)
_DASHED_LEVEL = re.compile(rf"(?:^|\s)[-\u2013\u2014|]\s*({_WORD})\s*$", re.I)
_BADGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_TRAILING = re.compile(
    rf"(?:\s*(?:[{_EMOJI_CHARS}]+[A-Za-z]?(?=\s|$)|{_BRACKETED_LEVEL.pattern}|"
    rf"!\[[^\]]*\]\([^)]*\)|(?<!\S)\*+(?=\s|$)))+$",  # "…? ***", never the "**" closing bold
    re.I,
)
_LEADING = re.compile(rf"^(?:(?:[{_EMOJI_CHARS}]+|{_BRACKETED_LEVEL.pattern})\s*)+", re.I)
_LEGEND_PAIR = re.compile(rf"([{_EMOJI_CHARS}]+)\s*[:=\-\u2013]?\s*\**({_WORD})\b", re.I)

# A link, also with a bracketed label: "[[src]](http://…)".
_LINK = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?[^)\s>]*>?(?:\s+\"[^\"]*\")?\s*\)")
_JUNK_LABEL = re.compile(
    r"^[\s\[]*(?:src\d*|source|sources|link|links|ref|refs|reference|references|credit|credits|via|"
    r"here|\d+|more|read more|answer)[\s\]]*$",
    re.I,
)
_BARE_URL = re.compile(r"<?\b(?:https?://|www\.)[^\s>)]+>?", re.I)
# Not after a name: "any()" and "zip()" are calls, not the husk of a removed credit link.
# Not a call's brackets: "fit()", "__iter__()" in full-width low lines (U+FF3F).
_EMPTY_SOURCE = re.compile(
    r"(?<![\w\]\uff3f])(?:[(\[]\s*(?:src|source|via|credit)?\s*[:\-]?\s*[)\]]|\(\s*\))", re.I
)
_SOURCE_TAIL = re.compile(
    r"\s*(?:[-\u2013\u2014|(]\s*(?:src|source|via|credit)\s*:?\s*\)?|"
    r"\b(?:src|source|via|credit)\s*:)\s*$",
    re.I,
)


def legend(lines: list[str]) -> dict[str, str]:
    """Emoji the document itself defines as difficulty levels ("👶 easy ⭐️ medium 🚀 expert")."""
    found: dict[str, str] = {}
    for line in lines:
        pairs = _LEGEND_PAIR.findall(line)
        if len(pairs) >= 2:
            for emoji, word in pairs:
                found.setdefault(_plain_emoji(emoji), _LEVEL_WORDS[word.lower()])
    return found


def _plain_emoji(text: str) -> str:
    return re.sub("[\ufe0f\ufe0e\u200d\\s]", "", text)


def strip_markers(text: str, known: Mapping[str, str]) -> tuple[str, str | None]:
    """The question without leading/trailing markers, and the difficulty they gave, if any."""
    levels: list[str] = []
    for pattern in (_TRAILING, _LEADING):
        match = pattern.search(text)
        if match is not None and match.group(0).strip():
            levels += _levels(match.group(0), known)
            text = text[: match.start()] + text[match.end() :]
    dashed = _DASHED_LEVEL.search(text)
    if dashed is not None and dashed.start() > 0:
        levels.append(_LEVEL_WORDS[dashed.group(1).lower()])
        text = text[: dashed.start()]
    return text.strip(), (levels[0] if levels else None)


def _levels(markers: str, known: Mapping[str, str]) -> list[str]:
    levels = [_LEVEL_WORDS[word.lower()] for word in _BRACKETED_LEVEL.findall(markers)]
    levels += [
        _LEVEL_WORDS[alt.strip().lower()]
        for alt in _BADGE.findall(markers)
        if alt.strip().lower() in _LEVEL_WORDS
    ]
    for run in _EMOJI_RUN.findall(_BADGE.sub("", markers)):
        emoji = _plain_emoji(run)
        if not emoji:
            continue
        if emoji in known:
            levels.append(known[emoji])
        elif emoji in _DEFAULT_EMOJI:
            levels.append(_DEFAULT_EMOJI[emoji])
        elif all(character in _STARS for character in emoji):
            levels.append((EASY, MEDIUM, HARD)[min(len(emoji), 3) - 1])
        elif emoji[0] in known:  # "⭐⭐" with a legend for "⭐"
            levels.append(known[emoji[0]])
    return levels


# "Beginner (Concepts)", "Intermediate level questions", "Advanced:": a heading that names a level.
_SECTION_LEVEL = re.compile(
    rf"^(?:level\s*[:\-]?\s*)?({_WORD})"
    r"(?:[\s\-]*level)?(?:[\s\-]*questions?)?(?=$|[\s:(\[\-\u2013\u2014])[\s:\-\u2013\u2014]*",
    re.I,
)


def section_difficulty(text: str, known: Mapping[str, str]) -> tuple[str, str | None]:
    """A section heading without its difficulty ("🟢 Beginner (Concepts)" -> "Concepts", easy)."""
    text, difficulty = strip_markers(text, known)
    named = _SECTION_LEVEL.match(text)
    if named is None:
        return text, difficulty
    rest = text[named.end() :].strip()
    separated = re.search(r"(?::|\s[-\u2013\u2014])\s*$", named.group(0)) is not None
    if rest and not rest.startswith(("(", "[")) and not separated:
        return text, difficulty  # "Advanced SQL Queries": a topic, not a level
    # "🟡 Beginner Level": the word names the level; a coloured dot only suggests one.
    return rest.strip("()[] "), _LEVEL_WORDS[named.group(1).lower()]


# "**Difficulty:** 🟡 Medium | **Tags:** `Bayes` | **Asked by:** Google": a line of metadata
# that opens an answer.
_METADATA_LINE = re.compile(
    r"^[*_\s]*(?:difficulty|level)[*_\s]*:[*_\s]*(?P<value>[^|]*?)[*_\s]*(?:\|.*)?$", re.I
)


def level_word(word: str) -> str | None:
    """The difficulty a level word names ("Advanced" -> hard), None for other words."""
    return _LEVEL_WORDS.get(word.strip(" *_").lower())


def metadata_difficulty(line: str, known: Mapping[str, str]) -> str | None:
    """The difficulty a metadata line gives ("**Difficulty:** 🟡 Medium | …" -> medium)."""
    match = _METADATA_LINE.match(line)
    if match is None:
        return None
    value, marked = strip_markers(match.group("value"), known)
    return marked or _LEVEL_WORDS.get(value.strip(" *_").lower())


# Letters of the Mathematical Alphanumeric Symbols block, used as bold or italic styling.
_STYLED_LETTERS = re.compile("[\U0001d400-\U0001d7ff]+")


def plain_letters(text: str) -> str:
    """Mathematical bold or italic letters used as styling (a bold "SQL") as plain letters."""
    return _STYLED_LETTERS.sub(lambda match: unicodedata.normalize("NFKC", match.group(0)), text)


# "What is X? - Google, Amazon Interview Question", "… (asked at Meta)": who asks it, no part
# of the question.
_ASKED_BY_TAIL = re.compile(
    r"\s+[-\u2013\u2014|]\s+(?:(?:asked\s+(?:at|by|in)\b[^?]{0,80})|"
    r"(?:[^?]{0,80}?\b)?interview\s+questions?)\s*$",
    re.I,
)


# "What is MLOps? (Big Tech)", "… (asked at Google)", "… [FAANG]": after the question.
_ASKED_BY_NOTE = re.compile(
    r"(?<=[?.!])\s*[(\[]\s*(?:big\s*tech|faang|maang|manga|asked\b[^()\[\]]{0,60}|"
    r"(?:(?:google|amazon|meta|facebook|microsoft|apple|netflix|uber|airbnb|linkedin)"
    r"[\s,/&]*(?:and\s+)?)+)\s*[)\]]\s*$",
    re.I,
)


# "Qu'est-ce que PYTHONPATH ? (1pt)", "… (0,5 pts)", "… [2 marks]", "… (10 Punkte)": what a
# graded test's question is worth, after it.
_SCORE_NOTE = re.compile(
    r"\s*[(\[]\s*\d{1,3}(?:[.,]\d{1,2})?\s*(?:pts?|points?|marks?|punkte?|puntos?|punti|pontos?)"
    r"\.?\s*[)\]]\s*$",
    re.I,
)


def without_asked_by(text: str) -> str:
    """The question without a trailing note of the companies that ask it, or of its score."""
    stripped = _ASKED_BY_NOTE.sub("", _ASKED_BY_TAIL.sub("", _SCORE_NOTE.sub("", text))).strip()
    return stripped or text


def without_link_junk(text: str) -> str:
    """Links keep their label; credit links ("src", "[1]") and bare URLs go, except an address
    inside the sentence that the question is about."""

    def label(match: re.Match[str]) -> str:
        text = match.group(1)
        return "" if not text.strip() or _JUNK_LABEL.match(text) else text

    text = _LINK.sub(label, text)
    text = _BARE_URL.sub(lambda url: url.group() if _mid_sentence(url) else "", text)
    text = _EMPTY_SOURCE.sub("", text)
    text = _SOURCE_TAIL.sub("", text)
    text = re.sub(r"\s+", " ", text).strip()
    if _COMPLETION.search(text):
        return text  # "… se conoce como:": the colon asks to finish the sentence
    return text.rstrip(":-\u2013\u2014|,").strip()


def _mid_sentence(url: re.Match[str]) -> bool:
    """ "What is www.example.com an example of?": a bare address with words on both sides is
    what the sentence is about, not a credit."""
    before, after = url.string[: url.start()], url.string[url.end() :]
    return bool(re.search(r"\w", before) and re.match(r"\s+[^\W\d_]", after))


# A statement cut before its last words, the colon asking for them: "The default port is:",
# "La nube no es más que:", "… puede dar lugar a:" (not "Key points:", "Explain the following:").
_COMPLETION = re.compile(
    r"\b(?:is|are|was|were|called|known\s+as|es|son|como|que|a|de|en|se\s+llama|é|são|"
    r"chamad[oa]|ist|sind|hei(?:ss|ß)t|"
    # "To change a label's text, we use:", "Para mudar o texto, usamos:"
    r"use|uses|used|usamos|usa|usan|utilizamos|utiliza|utilizan)\s*:$"
)
