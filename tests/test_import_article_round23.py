"""`ankigen import article`: classes found on the session-19 real documents.

Every document here is written for the test, on other topics than the real pages: a lesson
page whose questions sit in a section of their own; question tables headed in German, Chinese
or Korean, their question cells in quotation marks; hint directives beside answer directives;
bullets that quote a question and point at its answer with an arrow; MkDocs question
admonitions whose title only names the exercise; a heading over a range of numbered bold
questions; a bold answer label alone over the answer; stars inside a formula of a question;
the deck language of German, French and Italian articles that name their tools in English;
AG112 on a term with the ending of the deck's own language ("Hessiana" in an Italian deck).
"""

from __future__ import annotations

from pathlib import Path

from ankigen.lint.foreign_text import language_of
from ankigen.tools.importers.article import import_article
from ankigen.tools.importers.article_lines import TEXT
from ankigen.tools.importers.article_range_headings import blank_range_headings
from tests.article_helpers import article_answers, article_fronts
from tests.rule_harness import FixtureNote, lint_rule, write_notes

# --- a lesson page with a section of questions ------------------------------------------------

_LESSON = """# Kapitel 4: Zwischenspeicher

## 1. Warum ein Zwischenspeicher?

Ein Zwischenspeicher hält häufig gelesene Daten nah an der Anwendung.

## 2. Verdrängung

| Strategie | Wirkung |
|---|---|
| LRU | entfernt den ältesten Zugriff |

```python
cache = {}
```

## 3. Ablauf beim Schreiben

1. Datenbank schreiben
2. Eintrag löschen

## Prüfungsfragen

**Question: Was entfernt LRU zuerst?**
Den Eintrag, dessen letzter Zugriff am längsten zurückliegt.

**Question: Warum löscht man nach dem Schreiben, statt zu überschreiben?**
Zwei Schreiber können sonst den älteren Wert zuletzt setzen.

## Weiterlesen

- [Ein Link](https://example.org)
"""


def test_only_the_question_section_of_a_lesson_page_is_read() -> None:
    assert article_fronts(_LESSON) == [
        "Was entfernt LRU zuerst?",
        "Warum löscht man nach dem Schreiben, statt zu überschreiben?",
    ]
    answers = article_answers(_LESSON)
    assert answers[1] == "Zwei Schreiber können sonst den älteren Wert zuletzt setzen."


def test_a_page_whose_other_sections_ask_too_is_read_whole() -> None:
    # Near miss: questions outside the "Questions" section ("1. **What is X?** …") keep the
    # whole page a page of questions.
    text = """# Storage review

## Basics

1. **What is a block device?** A device read and written in fixed-size blocks.
2. **What is an inode?** The record of a file's metadata.

## Practice questions

**Q: Which command lists block devices?**
`lsblk`.
"""
    assert article_fronts(text) == [
        "What is a block device?",
        "What is an inode?",
        "Which command lists block devices?",
    ]


def test_a_page_of_asking_headings_is_not_cut_to_its_question_section() -> None:
    # Near miss: most headings outside ask ("## What is a shard?"): they are questions.
    text = """# Sharding

## What is a shard?

A horizontal slice of a table.

## Why shard at all?

One machine no longer holds the data.

## Review questions

- **Which key spreads writes evenly?** A key with many distinct, evenly used values.
- **What is a hot shard?** One shard taking most of the traffic.
"""
    fronts = article_fronts(text)
    assert "What is a shard?" in fronts
    assert "Why shard at all?" in fronts


# --- question tables in other languages ---------------------------------------------------


def test_question_tables_headed_in_other_languages_are_questions() -> None:
    text = """# Vorbereitung

## Mögliche Fragen

| Frage | Antwort |
|---|---|
| "Warum Postgres?" | Transaktionen und Erweiterungen in einem System |
| „Wie wird gesichert?“ | Nächtliche Sicherung und WAL-Archiv |

## 常见问题

| 问题 | 答案 |
|------|------|
| 索引为什么变慢? | 写入时要同时更新索引 |
"""
    assert article_fronts(text) == [
        "Warum Postgres?",
        "Wie wird gesichert?",
        "索引为什么变慢?",
    ]
    assert article_answers(text)[1] == "Nächtliche Sicherung und WAL-Archiv"


def test_a_table_of_question_kinds_without_an_answer_column_stays_a_table() -> None:
    # Near miss: "Frage | Erwartung" lists kinds of test questions and what should happen.
    text = """# Testplan

## 1. What should a follow-up query return?

| Frage | Erwartung |
|---|---|
| Frage ohne Kontext | Meldung "nichts gefunden" |
| Frage in anderer Sprache | Treffer trotzdem |
"""
    assert article_fronts(text) == ["What should a follow-up query return?"]
    assert "| Frage ohne Kontext |" in article_answers(text)[0]


# --- directives, arrow bullets, admonitions ----------------------------------------------------


def test_a_hint_directive_is_no_part_of_the_answer() -> None:
    text = """# Couches

## Questions d'entretien

1. Où range-t-on un client SMTP ?

   :::indice
   Pense aux adaptateurs.
   :::

   :::reponse
   Dans l'infrastructure, derrière un port.
   :::
"""
    assert article_fronts(text) == ["Où range-t-on un client SMTP ?"]
    assert article_answers(text) == ["Dans l'infrastructure, derrière un port."]


def test_a_bullet_quoting_a_question_with_an_arrow_is_a_question() -> None:
    text = """# Leçon — files de messages

## Principe

Une file découple l'émetteur du récepteur.

## 🎤 Questions d'entretien

- « File vs topic ? » → un seul consommateur par message vs tous les abonnés.
- « Pourquoi un accusé de réception ? » → pour ne pas perdre un message
  quand le consommateur tombe.
"""
    assert article_fronts(text) == ["File vs topic ?", "Pourquoi un accusé de réception ?"]
    assert article_answers(text)[0] == "un seul consommateur par message vs tous les abonnés."


def test_an_arrow_between_plain_words_is_no_question() -> None:
    # Near miss: "- trace → span" names a relation; nothing is quoted or asked.
    text = """# Glossary

## 1. What does a trace hold?

- trace → spans
- span → events
"""
    assert article_fronts(text) == ["What does a trace hold?"]


def test_an_exercise_admonition_asks_in_its_body() -> None:
    text = """# Lathe basics

## Practice

??? question "1. Chuck vs collet"

    Why would you hold thin bar stock in a collet rather than a three-jaw chuck?

    ??? tip "Solution"
        A collet grips all round and does not mark or bend thin stock.
"""
    assert article_fronts(text) == [
        "Why would you hold thin bar stock in a collet rather than a three-jaw chuck?"
    ]
    assert article_answers(text) == [
        "A collet grips all round and does not mark or bend thin stock."
    ]


def test_an_admonition_whose_body_answers_keeps_its_title() -> None:
    # Near miss: the body is the answer (it does not ask): the title is the question.
    text = """# Lathe basics

??? question "Why centre-drill before drilling?"
    So that the drill starts on the axis and does not wander.

??? question "What does a live centre support?"
    The free end of long work.
"""
    assert article_fronts(text) == [
        "Why centre-drill before drilling?",
        "What does a live centre support?",
    ]


# --- numbered question runs, answer labels, formulas --------------------------------------------

_RANGES = """# Netzwerk-Fragen

### Q1. TCP와 UDP의 차이는?

**모범 답변**

TCP는 연결 지향, UDP는 비연결입니다.

### Q2 ~ Q3. 심화 문제

**Q2. 3-way handshake란?**

연결을 여는 세 번의 교환입니다.

**Q3. TIME_WAIT 상태는 왜 필요한가요?**

늦게 도착한 세그먼트를 흘려보내기 위해서입니다.
"""


def test_a_heading_over_a_range_of_questions_only_titles_them() -> None:
    assert article_fronts(_RANGES) == [
        "TCP와 UDP의 차이는?",
        "3-way handshake란?",
        "TIME_WAIT 상태는 왜 필요한가요?",
    ]


def test_a_bold_answer_label_alone_over_the_answer_goes() -> None:
    assert article_answers(_RANGES)[0] == "TCP는 연결 지향, UDP는 비연결입니다."
    english = """# Review

### 1. What is a checksum?

**Model answer**

A short value computed from the data to detect changes.
"""
    assert article_answers(english) == ["A short value computed from the data to detect changes."]


def test_a_range_heading_that_no_question_takes_up_stays() -> None:
    # Near miss: "## 2-3 years of experience" names a level; its questions are not numbered 2.
    lines = [
        "# Interview by level",
        "",
        "## 2-3 years of experience",
        "",
        "### What is a deadlock?",
        "",
        "Two tasks each wait for a lock the other holds.",
    ]
    kept = list(lines)
    blank_range_headings(lines, [TEXT] * len(lines))
    assert lines == kept


def test_stars_inside_a_formula_of_a_question_stay() -> None:
    text = """# Optimisation

## Q: What does the sign of $f''(x^*)$ say about $x^*$?
A: Positive: a local minimum; negative: a local maximum.

## Q: What is *strict* convexity?
A: The chord lies strictly above the graph.
"""
    fronts = article_fronts(text)
    assert fronts[0] == "What does the sign of $f''(x^*)$ say about $x^*$?"
    assert fronts[1] == "What is strict convexity?"


# --- the deck language -----------------------------------------------------------------------


_GERMAN_WITH_TOOLS = (
    "| Feature | Beschreibung |\n| Streaming Responses | Vercel AI SDK mit useChat und "
    "streamText |\n| Query Expansion | letzte User-Nachrichten kombiniert für Follow-up "
    "Queries |\n| Cross-Language Support | Threshold 0.25 statt 0.7 für DE-Fragen auf "
    "EN-Dokumente |\n| HNSW Index | vector_cosine_ops Index, schneller als Standard pgvector |\n"
    "| Multi-Tenant mit RLS | Row Level Security auf DB-Ebene, nicht gefordert aber "
    "production-ready |\nLanding Page zeigen, Architektur kurz erklären. Upload: PDF und TXT "
    "Dokument hochladen, Progress-Indikator. Chat: Frage stellen, Streaming-Antwort mit Source "
    "Citations. Supabase Dashboard: Chunks mit Embeddings zeigen. Risiko: API Rate Limit, "
    "Supabase Cold Start, PDF Parsing fehlschlägt, Backup TXT-Version bereithalten, Screenshots "
    "der App. Warum Claude Haiku? Schnell, günstig, optimiert für RAG mit niedriger Temperature. "
    "Wie skaliert das System? HNSW Index, Connection Pooling, Vercel Edge Functions.\n"
)
_ITALIAN_FORMULAS = (
    "## Q: Qual è la formulazione del problema di Newton?\nA: $x_{k+1} = x_k - f'(x_k)$\n"
    "## Q: Cos'è il metodo del gradiente con line search esatta?\nA: steepest descent con "
    "step $\\alpha_k$.\n## Q: Quali sono le condizioni KKT?\nA: stationarity, primal "
    "feasibility, dual feasibility, complementary slackness.\n## Q: Come si classifica un "
    "punto stazionario con la matrice Hessiana?\nA: definita positiva: minimo locale; "
    "indefinita: punto di sella.\n## Q: Per quali funzioni il metodo di Newton converge in "
    "una iterazione?\nA: per le funzioni quadratiche con Hessiana definita positiva.\n"
    "## Q: Qual è la relazione tra due direzioni consecutive del gradiente?\nA: sono "
    "ortogonali, effetto zig-zag.\n"
)


def test_articles_that_name_their_tools_in_english_keep_their_language() -> None:
    # Under a fifth of the words are function words: German or Italian all the same.
    assert language_of(_GERMAN_WITH_TOOLS * 3) == "de"
    # "la", "un", "del", "con" are Spanish too: Italian by "il", "di", "è", "sono".
    assert language_of(_ITALIAN_FORMULAS * 2) == "it"


def test_an_english_article_with_a_few_foreign_words_stays_english() -> None:
    # Near miss: "de facto", "et al.", "la carte", "Der Spiegel" in English prose.
    text = (
        "The de facto standard for caching is Redis, as Smith et al. showed. A la carte "
        "pricing is common. Der Spiegel ran a story on it. What is eviction? Removing "
        "entries when the cache is full. Why use a TTL? It bounds how stale an entry gets. "
        "How do you warm a cache? Replay recent reads before taking traffic. " * 3
    )
    assert language_of(text) == "en"


def test_import_sets_the_language_of_a_german_table_deck(tmp_path: Path) -> None:
    article = tmp_path / "vorbereitung.md"
    article.write_text(
        """# Vorbereitung

## Mögliche Fragen

| Frage | Antwort |
|---|---|
| "Warum Postgres?" | Transaktionen und Erweiterungen in einem System, für alle |
| "Was ist ein Index?" | Eine Struktur, die das Suchen beschleunigt, nicht das Schreiben |
| "Wie wird gesichert?" | Über eine nächtliche Sicherung und das WAL-Archiv, oft geübt |
| "Wer hat Zugriff?" | Nur die Dienste über eigene Rollen, keine Menschen ohne Ticket |
""",
        encoding="utf-8",
    )
    deck = tmp_path / "content" / "vorbereitung"
    import_article(article, deck, force=False)
    assert "language: de\n" in (deck / "deck.yaml").read_text(encoding="utf-8")


# --- AG112 in a deck written in another language --------------------------------------------


def _ag112(tmp_path: Path, body: str, language: str | None) -> list[str]:
    write_notes(tmp_path, [FixtureNote("note", body)])
    if language is not None:
        deck = tmp_path / "content" / "deck" / "deck.yaml"
        deck.write_text(deck.read_text(encoding="utf-8") + f"language: {language}\n")
    return [d.message for d in lint_rule(tmp_path, "AG112")]


def test_a_term_with_the_decks_own_ending_is_no_misspelling(tmp_path: Path) -> None:
    # "Hessiana" is the Italian form of "Hessian" in a deck written in Italian.
    body = "# Come si legge la matrice Hessiana?\n\nDefinita positiva: un minimo locale.\n"
    assert _ag112(tmp_path, body, "it") == []


def test_the_same_word_in_an_english_deck_is_still_reported(tmp_path: Path) -> None:
    # Near miss: in an English deck "Hessiana" is a slip of "Hessian".
    body = "# What does the Hessiana matrix tell?\n\nPositive definite: a local minimum.\n"
    assert any("Hessian" in message for message in _ag112(tmp_path, body, None))
