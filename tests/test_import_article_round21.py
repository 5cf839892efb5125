"""`ankigen import article`: classes found on the session-17 real documents.

Every document here is written for the test, on other topics than the real pages: HTML
toggles whose summary only numbers the question; ad units, scripts and a page head between
and after the questions; quiz buttons written as ``javascript:`` links; a Japanese answer
label under a prompt and its guidance line; a numbered list of one-line prompts followed by
bullet lists of questions under bold labels; code fenced inside an "Answer:" list item;
fill-in prompts ending in "we use:".
"""

from __future__ import annotations

from ankigen.tools.importers.article_fields import read_field_sections
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
