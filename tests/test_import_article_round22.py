"""`ankigen import article`: classes found on the session-18 real documents.

Every document here is written for the test, on other topics than the real pages: cards of a
spaced-repetition plugin (``front::back`` lines, and fronts parted from backs by a lone ``?``
line under a heading that only titles the card); question tables whose answer column is
described ("Expected answer"); "When they ask …:" advice headings; ``<hr>`` rules under every
question heading; a topic heading over a statement and its list; questions that differ only in
their code; the deck language of articles in other alphabets and of Portuguese articles.
"""

from __future__ import annotations

from pathlib import Path

from ankigen.lint.foreign_text import language_of
from ankigen.tools.importers.article import import_article
from tests.article_helpers import article_answers, article_fronts, parse_markdown_article

_TEXTS = Path(__file__).parent / "fixtures" / "import_round22"  # the Cyrillic texts

# --- one-line cards: "front::back" ----------------------------------------------------------

_COLON_CARDS = """---
#cards/networking

## Transport layer

Which transport protocol retransmits lost segments?::TCP, through acknowledgements and timers.
<!--SR:!2025-03-01,4,250-->

What does a UDP header lack that a TCP header has?:::Sequence and acknowledgement numbers.

## Naming

Which service turns a host name into an address?::DNS, the `resolver` asks it.
"""


def test_one_line_cards_are_questions_with_their_answers() -> None:
    assert article_fronts(_COLON_CARDS) == [
        "Which transport protocol retransmits lost segments?",
        "What does a UDP header lack that a TCP header has?",
        "Which service turns a host name into an address?",
    ]
    answers = article_answers(_COLON_CARDS)
    assert answers[0] == "TCP, through acknowledgements and timers."
    assert answers[1] == "Sequence and acknowledgement numbers."
    assert answers[2] == "DNS, the `resolver` asks it."
    assert all("SR:" not in answer and "#cards" not in answer for answer in answers)


def test_double_colons_of_code_and_prose_part_no_card() -> None:
    # Near misses: "std::vector" and a type signature join words on both sides or stand in
    # code; a single "a::b" line in an article is no deck.
    text = """# C++ notes

## 1. What does `std::vector::reserve` do?

It allocates room for n elements; std::vector keeps its size.

## 2. How is a Haskell function typed?

The signature reads like `length :: [a] -> Int`, written above the equations.

## 3. Where do ratios go?

Write them as width::height in the config, e.g. 16::9.
"""
    assert article_fronts(text) == [
        "What does `std::vector::reserve` do?",
        "How is a Haskell function typed?",
        "Where do ratios go?",
    ]
    assert "std::vector keeps its size" in article_answers(text)[0]


# --- cards of several lines: a lone "?" parts the sides ---------------------------------------

_QUESTION_MARK_CARDS = """#cards/storage

## 1. Two kinds of index
How does a clustered index differ from a secondary one?
?
**Answer:**
A clustered index orders the table's rows themselves.
A secondary index points at the rows.
<!--SR:!2025-04-02,3,250-->

## 2. Write-ahead log
Why is a change written to the log before the data page?
?
So that a crash can replay or undo it.
"""


def test_a_lone_question_mark_parts_front_and_back_and_the_title_gives_way() -> None:
    assert article_fronts(_QUESTION_MARK_CARDS) == [
        "How does a clustered index differ from a secondary one?",
        "Why is a change written to the log before the data page?",
    ]
    answers = article_answers(_QUESTION_MARK_CARDS)
    assert answers[0].startswith("A clustered index orders the table's rows themselves.")
    assert "**Answer:**" not in answers[0] and "?" not in answers[0].splitlines()[0]
    assert answers[1] == "So that a crash can replay or undo it."


def test_a_single_question_mark_line_is_no_deck() -> None:
    # Near miss: one "?" line in an ordinary article (a reader's shrug) parts nothing.
    text = """# Caching

## 1. What is a cache stampede?

Many clients miss the same key at once.
?
They all recompute it together.

## 2. How do you prevent it?

Lock the recomputation or serve a stale value.
"""
    assert article_fronts(text) == ["What is a cache stampede?", "How do you prevent it?"]
    assert "Many clients miss the same key at once." in article_answers(text)[0]


# --- question tables with a described answer column ------------------------------------------

_DESCRIBED_ANSWER_TABLE = """# Storage interview

| Question | Why it is asked | Expected answer |
|---|---|---|
| **What is a B-tree?** | Checks index basics | A balanced tree with wide nodes |
| **Explain write amplification** | Checks SSD wear | One write causing several on disk |
| **Difference between RAID 0 and RAID 1** | Checks redundancy basics | Striping versus mirroring |

## Tips

### **When they ask for a comparison:**
- Draw a small table.

### **When you are asked "Why would you pick X?":**
- Name the trade-off first.
"""


def test_rows_of_a_table_with_a_described_answer_column_are_questions() -> None:
    assert article_fronts(_DESCRIBED_ANSWER_TABLE) == [
        "What is a B-tree?",
        "Explain write amplification",
        "Difference between RAID 0 and RAID 1",
    ]
    answers = article_answers(_DESCRIBED_ANSWER_TABLE)
    assert answers[0] == "A balanced tree with wide nodes"  # the intent column is left out
    assert answers[2] == "Striping versus mirroring"
    assert all("Draw a small table" not in answer for answer in answers)


def test_tables_without_an_answer_column_stay_tables() -> None:
    # Near misses: "Answered?" names no answer, and a question column alone is no Q&A table.
    text = """# Review log

## 1. What did we review?

| Question | Answered? | Owner |
|---|---|---|
| Capacity plan | yes | Ana |
| Backup drill | no | Bo |
"""
    assert article_fronts(text) == ["What did we review?"]
    assert "| Capacity plan | yes | Ana |" in article_answers(text)[0]


def test_advice_headings_that_open_with_a_when_clause_are_no_questions() -> None:
    text = """# Networking interview

## 1. What is a subnet mask?

It marks which bits of an address name the network.

## 2. Why use VLANs?

To split one switch into separate broadcast domains.

## Answering tips

### When they ask for a definition:
- One sentence, then one example.

### When you are asked "How does X work?":
- Walk through it step by step.
"""
    assert article_fronts(text) == ["What is a subnet mask?", "Why use VLANs?"]


def test_a_question_heading_ending_in_a_colon_still_asks() -> None:
    # Near miss: "When do you …" asks (a verb after "When"); only "When they/you …:" sets a scene.
    text = """# Tuning

## When do you shard a table:

Once one machine cannot hold its write load.

## When should you add a replica?

When reads outgrow one machine.
"""
    assert article_fronts(text) == [
        "When do you shard a table",
        "When should you add a replica?",
    ]


# --- <hr> rules and statement paragraphs under topic headings --------------------------------

_RULED_PAGE = """---
title: Storage
---

### What is a log-structured merge tree?

<hr>

A write-optimised index that merges sorted runs in the background.

### Kinds of storage engines

<hr>

1. **B-tree engines**
    * update pages in place

2. **LSM engines**
    * append and compact

### Row store vs. column store

<hr>

**A row store** keeps each record together.

* fast single-row writes
* slow scans of one column
"""


def test_an_hr_rule_under_a_heading_is_no_prompt_and_a_statement_over_a_list_no_stem() -> None:
    assert article_fronts(_RULED_PAGE) == [
        "What is a log-structured merge tree?",
        "Kinds of storage engines",
        "Row store vs. column store",
    ]
    answers = article_answers(_RULED_PAGE)
    assert all("<hr>" not in answer for answer in answers)
    assert answers[1].startswith("1. **B-tree engines**")
    assert answers[2].startswith("**A row store** keeps each record together.")
    assert "* fast single-row writes" in answers[2]


def test_a_prompt_over_choices_under_a_topic_heading_is_still_the_front() -> None:
    # Near miss: a paragraph that asks, over its choices, is the question (session 15).
    text = """# Quiz

## Q1 - Engines

Which engine suits a write-heavy workload?

- A B-tree
- B LSM tree

<details>
<summary>Answer</summary>

**B** An LSM tree turns random writes into sequential ones.

</details>
"""
    assert article_fronts(text) == [
        "Engines: Which engine suits a write-heavy workload? (A B-tree / B LSM tree)"
    ]


# --- answered question headings, then a bare list of more questions --------------------------

_HEADINGS_THEN_BARE_LIST = """## Basics

### What is a message broker?

A server that stores messages between producers and consumers.

### Why use a dead-letter queue?

To park messages that keep failing, so the queue keeps moving.

## Delivery

### How does at-least-once delivery work?

The broker resends until the consumer acknowledges.

### What is back-pressure?

Slowing producers when consumers fall behind.

More to prepare:

10. What is a topic exchange?

11. How are partitions rebalanced?

12. Why order messages per key?

13. What does idempotence buy a consumer?

14. How long should messages be retained?
"""


def test_a_bare_list_after_answered_headings_does_not_push_them_out() -> None:
    fronts = article_fronts(_HEADINGS_THEN_BARE_LIST)
    assert fronts[:4] == [
        "What is a message broker?",
        "Why use a dead-letter queue?",
        "How does at-least-once delivery work?",
        "What is back-pressure?",
    ]
    assert fronts[4:] == [
        "What is a topic exchange?",
        "How are partitions rebalanced?",
        "Why order messages per key?",
        "What does idempotence buy a consumer?",
        "How long should messages be retained?",
    ]
    answers = article_answers(_HEADINGS_THEN_BARE_LIST)
    assert answers[0] == "A server that stores messages between producers and consumers."
    assert answers[5].startswith("TODO")


def test_a_bare_list_after_fewer_answered_headings_is_still_the_list() -> None:
    # Near miss: two answered headings over a long list of bare questions: the list is the
    # article (a "further questions" page with an introduction), as before.
    text = """## What is a broker?

A server between producers and consumers.

## Why queue at all?

To absorb bursts.

1. What is a topic exchange?
2. How are partitions rebalanced?
3. Why order messages per key?
4. What does idempotence buy a consumer?
5. How long should messages be retained?
6. What is a consumer group?
"""
    fronts = article_fronts(text)
    assert "What is a topic exchange?" in fronts
    assert "What is a broker?" not in fronts


# --- questions that differ only in their code -------------------------------------------------


def test_questions_that_differ_only_in_code_are_not_asked_again() -> None:
    text = """# Files

1. What does the mode `'a'` do?
   - [x] Append
   - [ ] Truncate
2. What does the mode `'a+'` do?
   - [x] Append and read
   - [ ] Only read
"""
    article = parse_markdown_article(text)
    assert len(article.questions) == 2
    assert not any("asked again" in warning for warning in article.warnings)


def test_a_question_asked_twice_with_the_same_code_is_still_reported() -> None:
    # Near miss: the same words and the same code are the same question.
    text = """# Files

1. What does the mode `'w'` do?
   - [x] Truncate and write
2. What does the mode `'w'` do?
   - [x] Write after truncating
"""
    warnings = parse_markdown_article(text).warnings
    assert any("asked again" in warning for warning in warnings)


# --- the deck language ------------------------------------------------------------------------


def test_the_language_of_articles_in_other_alphabets() -> None:
    # "What is an index? An index speeds up finding rows in a table." in Russian, Ukrainian,
    # Korean, Chinese and Japanese.
    assert language_of(_text("index-ru.txt")) == "ru"
    assert language_of(_text("index-uk.txt")) == "uk"  # its own letters: i, yi, ye
    assert (
        language_of("인덱스란 무엇인가요? 테이블에서 행을 빠르게 찾게 해 주는 구조입니다.") == "ko"
    )
    assert language_of("什么是索引,索引可以加快在表中查找行的速度。") == "zh"
    assert language_of("インデックスとは何ですか。表の行を速く探すための仕組みです。") == "ja"


def test_an_english_article_with_a_few_foreign_names_stays_english() -> None:
    # Near miss: a Russian word ("matryoshka") and a Chinese name in English prose.
    assert language_of(_text("english-with-names.txt")) == "en"


def test_a_portuguese_article_is_not_taken_for_spanish() -> None:
    text = (
        "O que é um índice? Um índice é uma estrutura que acelera a busca de linhas, porque "
        "evita ler a tabela inteira. Quando usar um índice composto? Quando a consulta filtra "
        "por duas colunas ao mesmo tempo, como data e cliente."
    )
    assert language_of(text) == "pt"
    spanish = (
        "¿Qué es un índice? Es una estructura que acelera la búsqueda de filas, porque evita "
        "leer la tabla entera. ¿Cuándo usar un índice compuesto? Cuando la consulta filtra por "
        "dos columnas."
    )
    assert language_of(spanish) == "es"


def test_import_sets_the_language_of_a_russian_deck(tmp_path: Path) -> None:
    # "Questions", "What is an index?", "What is a transaction?" with their answers, in Russian.
    article = tmp_path / "voprosy.md"
    article.write_text(_text("voprosy.md"), encoding="utf-8")
    deck = tmp_path / "content" / "voprosy"
    import_article(article, deck, force=False)
    assert "language: ru\n" in (deck / "deck.yaml").read_text(encoding="utf-8")


def _text(name: str) -> str:
    return (_TEXTS / name).read_text(encoding="utf-8")
