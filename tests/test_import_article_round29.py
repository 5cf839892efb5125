"""`ankigen import article`: classes found on the session-23 real documents (round 29).

Every document here is written for the test, on other topics than the real pages: Polish
questions and prompts written as headings ("Omów …", "Jakie …" without a mark, "…? Wyjaśnij
je"); rules drawn with long dashes ("⸻") between plain-text ``Q1.`` questions under emoji
section titles; a question number marked with a star (``2*.``); a Polish question about the
code under it; an answer label alone on the first line of a quotation; and the language of a
Polish article.
"""

from __future__ import annotations

from ankigen.lint.foreign_text import language_of
from tests.article_helpers import article_answers, article_fronts, parse_markdown_article

# --- Polish questions and prompts as headings ----------------------------------------------

_POLISH_HEADINGS = """# Pytania z baz danych

## Indeksy
#### Czym jest indeks złożony?
Indeks na kilku kolumnach naraz.

#### Kiedy indeks spowalnia zapis?
Gdy każdy zapis musi go uaktualnić.

#### Co to jest selektywność indeksu?
Udział różnych wartości w kolumnie.

#### Czym różni się DELETE od TRUNCATE?
TRUNCATE nie loguje pojedynczych wierszy.

#### Omów różnicę między indeksem klastrowym a zwykłym.
Klastrowy ustala kolejność wierszy w tabeli.

#### Jakie znasz poziomy izolacji transakcji
Read uncommitted, read committed, repeatable read, serializable.

## Normalizacja
#### Co to jest trzecia postać normalna? Wyjaśnij ją
Każdy atrybut zależy tylko od klucza.
"""


def test_polish_prompts_and_unmarked_questions_are_questions() -> None:
    article = parse_markdown_article(_POLISH_HEADINGS)
    assert [question.question for question in article.questions] == [
        "Czym jest indeks złożony?",
        "Kiedy indeks spowalnia zapis?",
        "Co to jest selektywność indeksu?",
        "Czym różni się DELETE od TRUNCATE?",
        "Omów różnicę między indeksem klastrowym a zwykłym.",
        "Jakie znasz poziomy izolacji transakcji",
        "Co to jest trzecia postać normalna? Wyjaśnij ją",
    ]
    assert not any("topic heading" in warning for warning in article.warnings)
    assert article.questions[6].answer.startswith("Każdy atrybut")


_POLISH_TOPIC = """# Notatki

#### Czym jest widok?
Zapisane zapytanie.

#### Typy proste w Javie
int, long, double.

#### Czym jest wyzwalacz?
Procedura wołana przy zmianie danych.
"""


def test_near_miss_a_polish_topic_heading_stays_a_topic() -> None:
    article = parse_markdown_article(_POLISH_TOPIC)
    assert any("'Typy proste w Javie' is a topic heading" in w for w in article.warnings)


_ENGLISH_CO_HEADING = """# Concurrency notes

#### What is a coroutine?
A function that can pause.

#### Co-routines versus threads
Cheaper to switch.

#### What is a thread?
A unit the OS schedules.
"""


def test_near_miss_an_english_co_prefix_is_no_polish_question() -> None:
    article = parse_markdown_article(_ENGLISH_CO_HEADING)
    assert any("'Co-routines versus threads' is a topic" in w for w in article.warnings)


# --- long-dash rules and emoji section titles over Q1. lines --------------------------------

_DASH_RULES = """
🔸 caching (basics)

Q1. what is a cache hit ratio?
- answer: the share of reads served from the cache.
- why: it sizes the cache.

⸻

Q2. what does ttl mean?
- answer: how long an entry lives.

⸻

🔸 queues (kafka)

Q1. what is a consumer group?
- answer: consumers sharing the partitions of a topic.

⸻

🔸 common traps

cache traps:
- stale reads after writes.
- a stampede when a hot key expires.
"""


def test_long_dash_rules_end_answers_and_emoji_titles_are_sections() -> None:
    article = parse_markdown_article(_DASH_RULES)
    assert [question.question for question in article.questions] == [
        "what is a cache hit ratio?",
        "what does ttl mean?",
        "what is a consumer group?",
    ]
    answers = [question.answer for question in article.questions]
    assert not any("⸻" in answer for answer in answers)
    assert "queues" not in answers[1]
    assert "stampede" not in answers[2] and "traps" not in answers[2]
    assert "topic::queues-kafka" in article.questions[2].tags


_EMOJI_IN_ANSWER = """# Tips

Q1. how do you warm a cache?

🔸 preload the hottest keys

at startup, from yesterday's access log.

Q2. what is write-through?
- every write goes to the cache and the store.
"""


def test_near_miss_an_emoji_line_without_section_titles_stays_in_the_answer() -> None:
    answers = article_answers(_EMOJI_IN_ANSWER)
    assert "preload the hottest keys" in answers[0]


_DASH_IN_TEXT = """# Quotes

### Who said that premature optimisation is the root of all evil?
— Donald Knuth, in a 1974 paper.

### What is Amdahl's law?
The speed-up is bounded by the serial part.
"""


def test_near_miss_a_dash_before_words_is_no_rule() -> None:
    assert article_answers(_DASH_IN_TEXT)[0].startswith("— Donald Knuth")


# --- a starred question number --------------------------------------------------------------

_STARRED = """# Browser questions

##### 1. What is the event loop?

##### 2*. What is a microtask? How does it differ from a task?

##### 3. What does requestAnimationFrame do?
"""


def test_a_starred_number_is_the_questions_number() -> None:
    article = parse_markdown_article(_STARRED)
    assert [question.question for question in article.questions][1] == (
        "What is a microtask? How does it differ from a task?"
    )
    assert not any("numbering jumps" in warning for warning in article.warnings)


# --- a Polish question about the code under it ----------------------------------------------

_POLISH_CODE = """# Pytania

#### Dlaczego w poniższym kodzie pętla nie kończy się:
```java
int i = 0;
while (i < 10) {
    System.out.println(i);
}
```
Zmienna i nigdy nie rośnie.

#### Czym jest JIT?
Kompilator uruchamiany w trakcie działania programu.
"""


def test_polish_question_about_the_code_below_is_warned_about() -> None:
    article = parse_markdown_article(_POLISH_CODE)
    assert any("question 1: it asks about the code block below" in w for w in article.warnings)


# --- an answer label alone on a quotation's first line --------------------------------------

_QUOTED_LABEL = """# Rust questions

#### 1. How do you declare a mutable binding?

> **Answer:**
> With `let mut`, for example:

```rust
let mut count = 0;
```

#### 2. What does the borrow checker enforce?

> **Answer:**
> One writer or many readers at a time.
"""


def test_a_label_alone_on_a_quotes_first_line_leaves_no_empty_quote_line() -> None:
    answers = article_answers(_QUOTED_LABEL)
    assert answers[0].startswith("> With `let mut`")
    assert "let mut count = 0;" in answers[0]
    assert answers[1].startswith("One writer or many readers")


# --- the language of a Polish article -------------------------------------------------------


def test_polish_article_is_polish() -> None:
    text = (
        "# Pytania rekrutacyjne\n\n#### Czym różni się proces od wątku?\n"
        "Proces ma własną pamięć, a wątki jednego procesu dzielą ją między sobą.\n\n"
        "#### Jakie są poziomy izolacji?\nCztery: od najsłabszego do serializable, "
        "który jest najbezpieczniejszy, ale także najwolniejszy.\n\n"
        "#### Dlaczego indeks przyspiesza odczyt?\nBo baza nie musi czytać całej tabeli, "
        "tylko drzewo, które można przejść szybko.\n"
    )
    assert language_of(text) == "pl"


def test_near_miss_english_about_pods_stays_english() -> None:
    text = (
        "# Kubernetes questions\n\nWhat is a pod? It is the smallest unit to deploy, and "
        "a pod can hold more than one container. Do pods share an IP? Yes, to talk over "
        "localhost. Our on-call bot is named Jak, and it restarts a pod when a probe fails."
    )
    assert language_of(text) == "en"


def test_front_of_a_real_shape_polish_question() -> None:
    fronts = article_fronts("# P\n\n#### Wyjaśnij jak działa pula połączeń.\nTreść.\n")
    assert fronts == ["Wyjaśnij jak działa pula połączeń."]


# --- elided articles in topic tags ----------------------------------------------------------

_ELIDED_SECTIONS = """# Révisions

## Questions d'entretien

### Qu'est-ce qu'un index ?
Une structure qui accélère la lecture.

## What's new in SQL

### What is a window function?
A function over a frame of rows.
"""


def test_an_elided_article_keeps_a_separator_in_the_topic_tag() -> None:
    article = parse_markdown_article(_ELIDED_SECTIONS)
    assert article.questions[0].tags[0] == "topic::d-entretien"


def test_near_miss_an_english_contraction_is_one_word_in_the_topic_tag() -> None:
    article = parse_markdown_article(_ELIDED_SECTIONS)
    assert article.questions[1].tags[0] == "topic::whats-new-in-sql"


# --- a follow-up label left at the end of a back --------------------------------------------

_FOLLOW_UP_TOGGLE = """## 네트워크

<details>
  <summary><h3>1. TCP와 UDP의 차이는 무엇인가요?</h3></summary>
  <details>
    <summary>답변</summary>
    <p>TCP는 연결을 맺고 순서를 보장하며, UDP는 연결 없이 보냅니다.</p>
    <details>
      <summary>꼬리 질문</summary>
      <ul>
      <li> 그럼 UDP는 언제 쓰나요?
        <details>
          <summary>답변</summary>
          <p>지연이 중요한 스트리밍이나 게임에서 씁니다.</p>
        </details>
      </li>
      </ul>
    </details>
  </details>
</details>
"""


def test_a_follow_up_label_with_its_questions_gone_leaves_the_back() -> None:
    article = parse_markdown_article(_FOLLOW_UP_TOGGLE)
    assert len(article.questions) == 2
    first = article.questions[0].answer
    assert first.startswith("TCP는 연결을")
    assert "꼬리 질문" not in first


_BOLD_LAST_LINE = """# Complexity

### What is the cost of sorting n items by comparison?
A comparison sort needs at least log2(n!) comparisons, so:

**O(n log n)**

### What is the cost of a hash lookup?
O(1) on average.
"""


def test_near_miss_a_bold_answer_on_the_last_line_stays() -> None:
    assert article_answers(_BOLD_LAST_LINE)[0].endswith("**O(n log n)**")
