"""Prose written in a language other than English, which the English word lists cannot judge.

A note in Spanish, French, German, Italian or Portuguese ("es un lenguaje de programación")
would otherwise give one unknown-word finding per word. Such text is told by its function
words: articles, prepositions and conjunctions that English does not use, several different
ones and many of them. One loan word ("de facto", "la carte") never makes a line foreign.

The whole note is judged first; in a note that is mostly English, each line on its own (a
bilingual note keeps its English lines checked).
"""

from __future__ import annotations

import re

from ankigen.lint.lazy_pattern import lazy_regex

__all__ = ["foreign_spans", "language_of"]

_WORD = lazy_regex(r"[^\W\d_]+")
_LINE = lazy_regex(r"[^\n]+")
# A line that opens with "¿" or "¡" (after heading marks or a short label such as "P7:").
_SPANISH_OPENING = lazy_regex(r"^(?:#{1,6}\s+)?(?:\S{1,6}\s+)?[\u00bf\u00a1]", re.M)

# Function words of Spanish, French, German, Italian, Portuguese, Vietnamese, Turkish, Polish,
# Indonesian and Hindi written in Latin letters that are not English words
# (not "die", "son", "sin", "von", "mit", "os", "em": English words, names or code too).
_FUNCTION_WORDS_BY_LANGUAGE = {
    "es": (
        "el la los las del de que en un una unos es por para con pero como cuando donde también "
        "más muy sus esta este estos estas entre sobre al lo se su cada otro otra otros puede "
        "pueden hay qué cuál cuáles cómo cuándo dónde porque sólo también mismo misma todos todas "
        "desde hasta según aunque mientras entonces siempre nunca ambos sino"
    ),
    "fr": "le les des du une est et dans pour avec qui sont mais sur cette aux",
    "de": (
        "der das und ist nicht ein eine dem sich für zu wird werden oder auch wenn zwischen im "
        "zur zum vom beim einer eines einem einen sind kann können wie welche welcher welches "
        "über nach bei durch ohne aus nur sehr diese dieser dieses ich wir sie"
    ),
    "it": (
        "il di che della delle degli sono nel nella gli dei dello alla alle allo sulla questo "
        "questa quale quali anche perché però è"
    ),
    "pt": (
        "uma não é são seu sua seus suas você qual quais ou pela pelo mais muito isso às ao aos "
        "essa esse dos têm"
    ),
    # Vietnamese, written in Latin letters with tone marks ("Tại sao không thể …").
    "vi": (
        "và của là không các được trong có một cho để này khi với những từ như thì đã sẽ bị "
        "nếu vào cũng mà hoặc người nhiều hơn phải rất"
    ),
    # Turkish: its question words ("nedir", "neden") and conjunctions; not "ve", which
    # English contractions give ("we've"), nor "de"/"da", shared with other lists. The dotless
    # i is written as an escape.
    "tr": (
        "bir bu için ile nedir nas\u0131l neden niçin hangi hangisi nelerdir midir m\u0131d\u0131r "
        "gibi daha çok olan olarak veya değil aras\u0131ndaki sonra önce göre kadar şu ise ama"
    ),
    # Polish: its particles, conjunctions and question words; not "to", "do", "na", "po", "co",
    # "od", "ten" (English words or abbreviations), "pod" (a Kubernetes pod) nor "ich" (German).
    "pl": (
        "si\u0119 jest s\u0105 nie oraz lub \u017ce przez dla jako je\u015bli kt\u00f3ry "
        "kt\u00f3ra kt\u00f3re kt\u00f3rych kt\u00f3rym tak\u017ce r\u00f3wnie\u017c bardzo "
        "mi\u0119dzy przy jego jej gdy aby \u017ceby czy jak jakie jaki jaka czym dlaczego "
        "gdzie kiedy mo\u017cna tylko mo\u017ce by\u0107 tego tym tej jednak zawsze "
        "wszystkie ka\u017cdy"
    ),
    # Indonesian (and Malay): its conjunctions, prepositions and question words; not "dan"
    # (a name), "di", "ke" nor "apa" (the APA style), which English text meets too.
    "id": (
        "yang dari untuk dengan ini itu adalah pada menjadi atau tidak dalam akan juga karena "
        "sebagai oleh bahwa dapat bisa sudah belum bagaimana mengapa kenapa berapa sangat "
        "lebih harus hanya antara setiap tersebut seperti agar sehingga"
    ),
    # Hindi written in Latin letters, as Indian interview notes are ("Closure vs context? → "
    # "Context stack se hat jata hai").
    "hi": (
        "hai hain kya nahi nahin mein aur bhi toh yeh woh kyun kaise karta karte karti hota "
        "hoti hote jata jati raha rahe rahi tha thi wala wali kuch uske iske usme isme ka ki "
        "ke ko se pe ek yahan wahan poora pura mera meri iska uska"
    ),
}
_WORDS_OF_LANGUAGE = {
    code: frozenset(words.split()) for code, words in _FUNCTION_WORDS_BY_LANGUAGE.items()
}
_FUNCTION_WORDS = frozenset(word for words in _WORDS_OF_LANGUAGE.values() for word in words)


def is_foreign_function_word(word: str) -> bool:
    """Whether ``word`` is a function word of one of the languages read here ("el", "der")."""
    return word.lower() in _FUNCTION_WORDS


_MIN_WORDS = 5
_MIN_DISTINCT = 3
# A whole note reads foreign when a fifth of its words are such function words (Spanish or
# French prose runs near a third); a single line, shorter, when a tenth are.
_NOTE_SHARE = 0.2
_LINE_SHARE = 0.1
# A short line dense with them reads foreign on two ("Unterschiede zwischen A und B"): a quarter
# of its words, which English prose never reaches with words outside English.
_DENSE_SHARE = 0.25
_DENSE_DISTINCT = 2


def foreign_spans(prose: str, start: int = 0) -> list[tuple[int, int]]:
    """The spans of ``prose`` (from ``start``) written in another language: the whole text
    when it reads as one, else each line that does."""
    if _reads_foreign(prose[start:], _NOTE_SHARE, dense=False):
        return [(start, len(prose))]
    return [
        (line.start(), line.end())
        for line in _LINE.finditer(prose, start)
        if _reads_foreign(line.group(), _LINE_SHARE) or _vietnamese_line(line.group())
    ]


# Letters only Vietnamese writes: a vowel with both a hat or horn and a tone mark ("ả", "ờ",
# "ễ": the Latin Extended Additional block), the horned "ơ" and "ư", and "đ". A short label
# ("Trả lời dễ:") has too few function words to read foreign, but its letters say it.
_VIETNAMESE_WORD = lazy_regex(r"\w*[\u1ea0-\u1ef9\u01a0\u01a1\u01af\u01b0\u0110\u0111]\w*")
_VIETNAMESE_WORDS = 2
_VIETNAMESE_SHARE = 0.25


def _vietnamese_line(text: str) -> bool:
    """Whether a line is Vietnamese by its letters: two words or more, and a quarter of its
    words, written with letters no other language uses (one name, "Nguyễn", is not enough)."""
    marked = len(_VIETNAMESE_WORD.findall(text))
    return marked >= _VIETNAMESE_WORDS and marked >= _VIETNAMESE_SHARE * len(_WORD.findall(text))


# A Vietnamese quiz is terse ("Tuple được khai báo bằng?" over choices of code): too few
# function words for its language, but a fifth of its words, ten or more, in letters only
# Vietnamese writes; an English article naming a few people ("Nguyễn") stays far below.
_VIETNAMESE_ARTICLE_WORDS = 10
_VIETNAMESE_ARTICLE_SHARE = 0.2


def _vietnamese_throughout(text: str) -> bool:
    marked = len(_VIETNAMESE_WORD.findall(text))
    if marked < _VIETNAMESE_ARTICLE_WORDS:
        return False
    return marked >= _VIETNAMESE_ARTICLE_SHARE * len(_WORD.findall(text))


def _reads_foreign(text: str, share: float, *, dense: bool = True) -> bool:
    words = [word.lower() for word in _WORD.findall(text)]
    if len(words) < _MIN_WORDS:
        return False
    found = [word for word in words if word in _FUNCTION_WORDS]
    # "¿" and "¡" open Spanish questions and exclamations only: a text with a line that opens
    # with one is Spanish on the evidence a single line needs (terse answers under it).
    distinct = _MIN_DISTINCT
    if _SPANISH_OPENING.search(text):
        share, distinct = min(share, _LINE_SHARE), _MIN_DISTINCT - 1
    if dense and len(set(found)) >= _DENSE_DISTINCT and len(found) >= _DENSE_SHARE * len(words):
        return True
    return len(set(found)) >= distinct and len(found) >= share * len(words)


# Words that Spanish and Portuguese share ("de", "que", "para"): a Portuguese text uses them as
# often as a Spanish one, so they tell the two apart no more than they tell English from them.
_IBERIAN_SHARED = frozenset(
    [
        "de",
        "que",
        "para",
        "como",
        "se",
        "por",
        "entre",
        "sobre",
        "desde",
        "todos",
        "todas",
        "porque",
        # ... and words Spanish shares with Italian ("la", "un", "del", "con"): an Italian
        # formula sheet uses them as often as a Spanish one.
        "la",
        "un",
        "una",
        "del",
        "con",
        "lo",
        "al",
    ]
)

# Alphabets that say the language by themselves: a word in one of them counts for its
# language, and a Chinese or Japanese character counts as a word (they write no spaces).
_SCRIPT_UNIT = lazy_regex(
    r"[\u3040-\u30ff]|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
    r"|[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+|[\u0400-\u04ff]+|[\u0370-\u03ff]+"
    r"|[\u0590-\u05ff]+|[\u0600-\u06ff]+|[\u0900-\u097f]+|[\u0e00-\u0e7f]+|[^\W\d_]+"
)
_SCRIPTS = (
    ("ja", lazy_regex(r"[\u3040-\u30ff]")),  # kana: Japanese, even among Chinese characters
    ("zh", lazy_regex(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")),
    ("ko", lazy_regex(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")),
    ("ru", lazy_regex(r"[\u0400-\u04ff]")),
    ("el", lazy_regex(r"[\u0370-\u03ff]")),
    ("he", lazy_regex(r"[\u0590-\u05ff]")),
    ("ar", lazy_regex(r"[\u0600-\u06ff]")),
    ("hi", lazy_regex(r"[\u0900-\u097f]")),
    ("th", lazy_regex(r"[\u0e00-\u0e7f]")),
)
# Letters that Ukrainian writes and Russian does not (i, yi, ye and ghe with upturn).
_UKRAINIAN = lazy_regex(r"[\u0456\u0457\u0454\u0491\u0406\u0407\u0404\u0490]")


def language_of(text: str) -> str:
    """The language a whole text (an imported article) is written in: the language of its
    alphabet when most of its words are written in one that is not Latin (Cyrillic, Hangul,
    Chinese characters …), else the code of the language whose function words it uses most
    when it reads as another language, else "en"."""
    by_script = _language_of_script(text)
    if by_script is not None:
        return by_script
    if _vietnamese_throughout(text):
        return "vi"
    words = [word.lower() for word in _WORD.findall(text)]
    counts = {
        code: sum(word in found and word not in _IBERIAN_SHARED for word in words)
        for code, found in _WORDS_OF_LANGUAGE.items()
    }
    best = max(sorted(counts), key=lambda code: counts[code])
    if _reads_foreign(text, _NOTE_SHARE, dense=False) or _one_language_throughout(
        words, best, counts
    ):
        return best
    return "en"


# A whole article in German or French that names its tools in English ("RAG-Pipeline",
# "Embeddings") stays under a fifth of function words; it is still that language when one
# language's own function words run through it: many of them, many different ones, and far
# more than any other language's (Italian shares "la", "un", "del" with Spanish; English
# prose meets a stray "de" or "et al" at most).
_ARTICLE_MIN_WORDS = 20
_ARTICLE_SHARE = 0.05
_ARTICLE_DISTINCT = 6
_ARTICLE_LEAD = 1.5


def _one_language_throughout(words: list[str], best: str, counts: dict[str, int]) -> bool:
    found = counts[best]
    others = max((count for code, count in counts.items() if code != best), default=0)
    distinct = {word for word in words if word in _WORDS_OF_LANGUAGE[best]} - _IBERIAN_SHARED
    return (
        found >= _ARTICLE_MIN_WORDS
        and found >= _ARTICLE_SHARE * len(words)
        and len(distinct) >= _ARTICLE_DISTINCT
        and found >= _ARTICLE_LEAD * others
    )


def _language_of_script(text: str) -> str | None:
    """The language of the alphabet that at least half of the text's words are written in,
    when it is not the Latin one."""
    units = _SCRIPT_UNIT.findall(text)
    if len(units) < _MIN_WORDS:
        return None
    counts: dict[str, int] = {}
    for unit in units:
        code = next((code for code, script in _SCRIPTS if script.match(unit)), None)
        if code is not None:
            counts[code] = counts.get(code, 0) + 1
    if counts.get("ja") and counts.get("zh"):
        counts["ja"] += counts.pop("zh")  # kanji among kana: Japanese
    if not counts:
        return None
    code = max(sorted(counts), key=lambda found: counts[found])
    if 2 * counts[code] < len(units):
        return None
    # One Ukrainian letter in a hundred words is a Ukrainian text, not a quoted name.
    if code == "ru" and 100 * len(_UKRAINIAN.findall(text)) >= counts[code]:
        return "uk"
    return code
