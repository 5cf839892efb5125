"""`ankigen import article`: classes found on the session-17 real documents.

Every document here is written for the test, on other topics than the real pages: HTML
toggles whose summary only numbers the question; ad units, scripts and a page head between
and after the questions; quiz buttons written as ``javascript:`` links; a Japanese answer
label under a prompt and its guidance line; a numbered list of one-line prompts followed by
bullet lists of questions under bold labels; code fenced inside an "Answer:" list item;
fill-in prompts ending in "we use:".
"""

from __future__ import annotations

from pathlib import Path

from ankigen.tools.importers.article import import_article
from ankigen.tools.importers.article_fields import read_field_sections
from ankigen.tools.importers.article_split_cards import read_typed_cards
from tests.article_helpers import article_answers, article_fronts, parse_markdown_article

_SUMMARY_LABELS = """# Rivers quiz

<details>
  <summary>Question 1</summary>
  <p>Which river flows through Cairo?</p>
  <ul>
    <li><a href="javascript:void(0);" onclick="pick(1)">The Nile</a></li>
    <li><a href="javascript:void(0);" onclick="pick(0)">The Congo</a></li>
  </ul>
  <p id="key1" style="display: none;"><strong>Correct Answer:</strong> The Nile</p>
</details>

<details>
  <summary>Question 2</summary>
  <p>Which river is the longest in Europe?</p>
  <ul>
    <li><a href="javascript:void(0);" onclick="pick(1)">The Volga</a></li>
    <li><a href="javascript:void(0);" onclick="pick(0)">The Rhine</a></li>
  </ul>
  <p id="key2" style="display: none;"><strong>Correct Answer:</strong> The Volga</p>
</details>

<script>
  function pick(right) {
    const box = document.getElementById(`key${right}`);
    box.style.display = "block";
  }
</script>
<head>
    <meta charset="UTF-8">
    <title>Rivers</title>
    <style>
        body { color: navy; }
    </style>
"""


def test_a_summary_that_only_numbers_the_question_gives_way_to_the_paragraph_below() -> None:
    assert article_fronts(_SUMMARY_LABELS) == [
        "Which river flows through Cairo?",
        "Which river is the longest in Europe?",
    ]


def test_quiz_buttons_keep_their_label_and_page_scripts_leave_no_text() -> None:
    answers = article_answers(_SUMMARY_LABELS)
    assert "- The Nile\n- The Congo" in answers[0]
    assert "The Volga" in answers[1]
    for answer in answers:
        assert "javascript" not in answer and ";)" not in answer
        assert "function" not in answer and "<script" not in answer
        assert "charset" not in answer and "navy" not in answer


_AD_UNITS = """# Common questions at a bakery interview

## The questions

<script async src="https://ads.example.net/loader.js?client=pub-1"
     crossorigin="anonymous"></script>
<ins class="adslot"
     style="display:block"
     data-slot="42"></ins>
<script>
     (slots = window.slots || []).push({});
</script>

### 1. 自己紹介をお願いします
経歴を短くまとめましょう。

- **回答例**\uff1a
  「パン職人として五年働き、発酵の管理を担当しました。」

### 2. なぜ当店を選びましたか\uff1f
お店について調べたことを伝えます。

- **回答例**\uff1a
  「天然酵母のパンに惹かれたからです。」

  <script async src="https://ads.example.net/loader.js?client=pub-1"
     crossorigin="anonymous"></script>
<ins class="adslot"
     data-slot="42"></ins>

### 3. 早朝の勤務はできますか\uff1f
勤務時間への姿勢を示します。

- **回答例**\uff1a
  「はい、四時からの勤務に慣れています。」
"""


def test_a_japanese_answer_label_under_a_guidance_line_is_no_choice_of_the_front() -> None:
    fronts = article_fronts(_AD_UNITS)
    assert fronts == [
        "自己紹介をお願いします",
        "なぜ当店を選びましたか\uff1f",
        "早朝の勤務はできますか\uff1f",
    ]
    assert "「パン職人として五年働き" in article_answers(_AD_UNITS)[0]


def test_ad_units_and_scripts_between_questions_leave_no_text() -> None:
    for answer in article_answers(_AD_UNITS):
        assert "script" not in answer and "adslot" not in answer and "data-slot" not in answer
        assert "```" not in answer  # no attribute line fenced as code


_PROMPT_LISTS = """# Questions for a support engineer

## Screening

### The ten we always ask

1. **Cuéntame sobre tu último puesto** - they want two minutes on the role
2. **¿Por qué soporte técnico?** - motivation
3. **¿Qué horario prefieres?** - availability

### Variations

- ¿Qué sabes de nuestros clientes?
- ¿Cómo explicas un fallo a alguien sin formación técnica?

## Behavioural

**Pressure**
- Cuéntame de una noche de guardia difícil
- ¿Cómo priorizas tres incidencias a la vez?

**Teamwork**
- Describe a handover that went wrong
- ¿Cómo pides ayuda a otro equipo?
"""


def test_a_list_of_one_line_prompts_and_the_bullet_lists_after_it_are_all_questions() -> None:
    fronts = article_fronts(_PROMPT_LISTS)
    assert len(fronts) == 9
    assert fronts[0] == "Cuéntame sobre tu último puesto"
    assert "¿Qué sabes de nuestros clientes?" in fronts
    assert "Describe a handover that went wrong" in fronts


def test_a_bold_label_above_a_list_of_questions_is_no_answer_of_the_question_above() -> None:
    article = parse_markdown_article(_PROMPT_LISTS)
    for draft in article.questions:
        assert "**Pressure**" not in draft.answer and "**Teamwork**" not in draft.answer


_NESTED_FENCE = """# Streams in Java

1. **What does `distinct()` do?**
   - **Answer:** It drops repeated elements, as `equals()` decides. For example:
     ```java
     List<Integer> unique = values.stream().distinct().toList();
     ```

2. **What does `limit(n)` do?**
   - **Answer:** It keeps the first n elements and stops the stream there.
"""


def test_a_fence_nested_in_an_answer_item_moves_to_the_margin_with_the_item_text() -> None:
    answer = article_answers(_NESTED_FENCE)[0]
    assert answer.startswith("It drops repeated elements")
    assert "\n```java\nList<Integer> unique = values.stream().distinct().toList();\n```" in answer


def test_near_miss_an_answer_item_with_a_nested_list_keeps_the_list() -> None:
    text = """# Sorting

1. **Which sorts are stable?**
   - **Answer:** Two common ones:
     - merge sort
     - insertion sort

2. **Which sort is in place?**
   - **Answer:** Heap sort.
"""
    answer = article_answers(text)[0]
    assert "Two common ones:" in answer
    assert "- merge sort" in answer and "- insertion sort" in answer


_FILL_IN = """# Swing quiz

1. To show a window on screen, we use:

   <details><summary>Answer</summary> setVisible(true)</details>

2. Para cerrar la aplicación al cerrar la ventana, usamos:

   <details><summary>Respuesta</summary> EXIT_ON_CLOSE</details>

3. Which layout puts components in a grid?

   <details><summary>Answer</summary> GridLayout</details>
"""


def test_a_fill_in_prompt_keeps_the_colon_that_asks_for_its_end() -> None:
    fronts = article_fronts(_FILL_IN)
    assert fronts[0] == "To show a window on screen, we use:"
    assert fronts[1] == "Para cerrar la aplicación al cerrar la ventana, usamos:"


_FIELD_SECTIONS = """# prompt
Which of these sorting algorithms keeps equal keys in their order?

# options
- [x] merge sort
- [ ] heap sort
- [ ] quicksort with a random pivot

# hint
Think of how the halves are joined.

# explanation
A merge takes from the left half first when two keys are equal.
"""


def test_a_prompt_section_over_option_and_hint_sections_is_one_question() -> None:
    article = parse_markdown_article(_FIELD_SECTIONS)
    assert [draft.question for draft in article.questions] == [
        "Which of these sorting algorithms keeps equal keys in their order?"
    ]
    answer = article.questions[0].answer
    assert "**Options**" in answer and "merge sort" in answer
    assert "**Hint**" in answer and "**Explanation**" in answer
    assert "A merge takes from the left half first" in answer


def test_near_miss_a_question_heading_without_field_sections_is_left_alone() -> None:
    lines = [
        "## Question",
        "What is the height of a tree with one node?",
        "",
        "## Leaves",
        "A leaf is a node without children.",
    ]
    kept = list(lines)
    read_field_sections(lines, ["text"] * len(lines))
    assert lines == kept


_PORTUGUESE_QUESTIONS = """# Perguntas de entrevista - Python

### 1. Qual a diferença entre lista e tupla?

| List | Tuple |
|------|-------|
| mutable, `append()` works | immutable, hashable |
| slower iteration | faster iteration, less memory |

### 2. Como funciona o GIL?

- Global Interpreter Lock in CPython
- Only one thread runs Python bytecode at a time
- Released during blocking I/O

### 3. O que é um decorator?

A callable that wraps a function and returns a new function.

```python
@cache
def fib(n): ...
```

### 4. Quando usar um generator em vez de uma lista?

- Large data sets, lazy evaluation, streaming pipelines
"""


def test_an_article_asking_in_another_language_gets_that_language(tmp_path: Path) -> None:
    source = tmp_path / "perguntas.md"
    source.write_text(_PORTUGUESE_QUESTIONS, encoding="utf-8")
    deck = tmp_path / "content" / "perguntas"
    import_article(source, deck, force=False)
    deck_file = (deck / "deck.yaml").read_text(encoding="utf-8")
    assert "language: " in deck_file and "language: en" not in deck_file


def test_near_miss_an_english_article_with_terse_answers_stays_english(tmp_path: Path) -> None:
    text = """# Python interview questions

### 1. What is the difference between a list and a tuple?

| List | Tuple |
|------|-------|
| mutable | immutable |

### 2. How does the GIL work?

- One global lock
- One thread runs bytecode at a time

### 3. When is a generator better than a list?

- Large data, read on demand
"""
    source = tmp_path / "questions.md"
    source.write_text(text, encoding="utf-8")
    deck = tmp_path / "content" / "questions"
    import_article(source, deck, force=False)
    assert "language:" not in (deck / "deck.yaml").read_text(encoding="utf-8")


_TITLED_SCENARIOS = """# Caching interview

**1. What is a cache hit ratio?**
The share of reads served from the cache.

**2. Scenario: Cache stampede after a deploy**

*Question:* Many requests miss the same cold key at once. How do you protect the database?

*Answer:* Let one request rebuild the key while the others wait or get the stale value.

**3. Scenario: Hot key on one shard**

*Question:* One key takes most of the traffic of its shard. What can you do?

*Answer:* Replicate the key to several shards or keep a local copy in each server.
"""


def test_a_bold_title_over_a_labelled_question_gives_way_to_the_question() -> None:
    article = parse_markdown_article(_TITLED_SCENARIOS)
    fronts = [draft.question for draft in article.questions]
    assert fronts[1] == (
        "Many requests miss the same cold key at once. How do you protect the database?"
    )
    assert fronts[2] == "One key takes most of the traffic of its shard. What can you do?"
    assert article.questions[1].answer.startswith("Let one request rebuild the key")


def test_near_miss_a_bold_title_over_a_plain_answer_keeps_its_title() -> None:
    text = """# Caching interview

**1. What is a cache hit ratio?**
The share of reads served from the cache.

**2. Scenario: Cache stampede after a deploy**
Let one request rebuild the key while the others wait.
"""
    assert article_fronts(text)[1] == "Scenario: Cache stampede after a deploy"


_TYPED_CARDS = """flashcard

# Idempotent request
A request that leaves the same state however often it is sent.

---

multiple_choice

# Which HTTP method is idempotent
- POST
* PUT (the right one)

---

order

# Put the TCP handshake in order
1. SYN
2. SYN-ACK
3. ACK
"""


def test_headings_under_card_type_words_are_cards() -> None:
    article = parse_markdown_article(_TYPED_CARDS)
    assert [draft.question for draft in article.questions] == [
        "Idempotent request",
        "Which HTTP method is idempotent",
        "Put the TCP handshake in order",
    ]
    assert all("multiple_choice" not in draft.answer for draft in article.questions)
    assert "* PUT (the right one)" in article.questions[1].answer


def test_near_miss_one_lower_case_word_over_a_heading_is_no_deck() -> None:
    lines = ["summary", "", "# Notes on TCP", "Three packets open a connection."]
    kept = list(lines)
    assert read_typed_cards(lines, ["text"] * len(lines)) == frozenset()
    assert lines == kept
