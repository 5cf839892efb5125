"""A question label and an answer label in bold on one line: ``**Q:** … **A:** …``.

Flashcard pages and FAQ notes write each card on one line, the two labels bold and the text
after them plain: ``**Q:** Why shard a table? **A:** To spread its writes``, ``3. **Вопрос:** …
**Ответ:** …``, ``**Card 4:** Che cos'è …? **Risposta:** …``. With only the label in bold, no
reader saw a question in the line. The line is rewritten, in place, into the shape the bold-line
readers know, the question in bold with its answer after it on the same line (``**Q: Why shard a
table?** **A:** To spread its writes``; a card's label, ``**Card 4:**``, becomes ``Q:``), so that
the line keeps its number and its place.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_label_words import ANSWER_WORD, NUMBER_WORD, QUESTION_WORD
from ankigen.tools.importers.article_lines import TEXT

__all__ = ["join_inline_pairs"]

_BOLD = r"(?:\*\*|__)"
# The label's colon inside the bold ("**Q:**") or after it ("**Q**:"), a full-width one too.
_COLON = rf"(?:\s*[:\uff1a]\s*{_BOLD}|{_BOLD}\s*[:\uff1a])"
# "Q", "P" (Spanish "pregunta"), "Question 3", "Вопрос": the label of a question, with or
# without its number, kept on the rewritten line; "Card 4", "Flashcard 12", "Karte 2" number a
# card and become "Q" (the readers take "Q:" for a question whatever its last mark).
_QUESTION_LABEL = rf"(?:q|p|{QUESTION_WORD}|{NUMBER_WORD})(?:\s*#?\s*\d{{1,4}})?"
_CARD_LABEL = r"(?:flash\s*)?card|karte|tarjeta|carta|ficha|scheda"
_ANSWER_LABEL = (
    r"(?:a|r|ans|answer|respuesta|resposta|r\u00e9ponse|risposta|antwort|" + ANSWER_WORD + ")"
)
_PAIR = re.compile(
    rf"^(?P<lead>\s*(?:[-*+]\s+|\d{{1,4}}[.)]\s+)?){_BOLD}\s*(?:(?P<label>{_QUESTION_LABEL})|(?:{_CARD_LABEL})\s*#?\s*\d{{1,4}})"
    rf"{_COLON}\s*(?P<question>[^*_\s](?:(?!\*\*|__).)*?)\s+"
    rf"(?P<answer>{_BOLD}\s*{_ANSWER_LABEL}{_COLON}\s*\S.*)$",
    re.I,
)


def join_inline_pairs(lines: list[str], kinds: list[str]) -> None:
    """Rewrite each ``**Q:** question **A:** answer`` line as ``**Q: question** **A:** answer``."""
    for index, line in enumerate(lines):
        if kinds[index] != TEXT or (pair := _PAIR.match(line)) is None:
            continue
        lead, label, question = pair.group("lead", "label", "question")
        lines[index] = f"{lead}**{label or 'Q'}: {question}** {pair.group('answer')}"
