"""Letters of non-Latin scripts in ASCII, so that a Russian, Greek, Hindi, Korean or Arabic
question gives a readable note id ("Что такое стек?" -> "chto-takoe-stek").

The table (``ankigen/data/transliteration.yaml``) is frozen in the repository, generated once from
a pinned anyascii release by ``scripts/transliteration_table.py``: ids are permanent, so no
package upgrade may change them. Latin letters are not in the table (their ids are untouched);
scripts without a table, such as CJK ideographs, pass through unchanged.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from ankigen.lint.data_files import Transliteration, data_yaml

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_MEDIALS_TIMES_FINALS = 21 * 28
_LATIN_END = 0x0250  # Basic Latin to Latin Extended-B: the letters ids were always made of


@cache
def _table() -> dict[int, str]:
    """The translate table: the listed characters, and every Hangul syllable composed."""
    data = data_yaml("transliteration.yaml", Transliteration, package="ankigen")
    table = {ord(character): ascii_form for character, ascii_form in data["characters"].items()}
    jamo = data["hangul"]
    for point in range(_HANGUL_FIRST, _HANGUL_LAST + 1):
        initial, rest = divmod(point - _HANGUL_FIRST, _MEDIALS_TIMES_FINALS)
        medial, final = divmod(rest, 28)
        table[point] = jamo["initials"][initial] + jamo["medials"][medial] + jamo["finals"][final]
    return table


def transliterate(text: str) -> str:
    """``text`` with the table's letters in ASCII, when they are most of its letters.

    An English question that names a Greek letter or a Russian word ("What does β do?") keeps
    the id it always had: only a question written mostly in a script of the table (counted in
    the ASCII letters it gives) is transliterated. Looked up on the composed form ("й" is one
    letter, "y"); a character the table lacks passes through.
    """
    if text.isascii():
        return text
    table = _table()
    composed = unicodedata.normalize("NFC", text)
    latin = sum(1 for character in composed if character.isalpha() and ord(character) < _LATIN_END)
    other = sum(len(table.get(ord(character), "")) for character in composed if character.isalpha())
    return composed.translate(table) if other > latin else text
