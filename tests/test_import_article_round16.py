"""`ankigen import article`: classes found on the session-12 real documents.

Every document here is written for the test, on other topics than the real pages: a quiz whose
items open with a bare bold label ("__Practice Question__") and ask in the paragraph below it,
with engine settings under their own labels; a Sphinx FAQ of ``.. rubric::`` questions under
wiki headings with a ``.. code-block::`` answer.
"""

from __future__ import annotations

from tests.article_helpers import article_answers, article_fronts, parse_markdown_article

_LABELLED_QUIZ = """__Type__

Single choice

__Practice Question__

A bakery sells 40 loaves a day. How many does it sell in a week?

a) 240
b) 280

__Suggested Answers__

- a
- b - Correct

__Practice Question__

This item shows set-up before the asking paragraph.

Which gas do plants take in for photosynthesis?

a) Oxygen
b) Carbon dioxide

__Question Options__

shuffle=false

__Suggested Answers__

- b - Correct

__Practice Question__

Consider the scenario:

> A river floods every spring.

**What should the town build first?**

a) A levee
b) A stadium

__Explain Your Answer__

true

__Suggested Answers__

- a - Correct
"""


def test_a_bare_question_label_takes_the_paragraph_that_asks_as_its_front() -> None:
    article = parse_markdown_article(_LABELLED_QUIZ)
    assert [q.question for q in article.questions] == [
        "A bakery sells 40 loaves a day. How many does it sell in a week?",
        "Which gas do plants take in for photosynthesis?",
        "What should the town build first?",
    ]
    answers = [q.answer for q in article.questions]
    # The set-up stays with the item; the choices and the key are the answer.
    assert "This item shows set-up" in answers[1]
    assert "b - Correct" in answers[0]
    assert "A river floods every spring." in answers[2]


def test_quiz_engine_settings_are_not_part_of_any_answer() -> None:
    answers = "\n".join(article_answers(_LABELLED_QUIZ))
    assert "shuffle=false" not in answers
    assert "Question Options" not in answers
    assert "Explain Your Answer" not in answers
    assert "```" not in answers
    assert (
        parse_markdown_article(_LABELLED_QUIZ).title != "Type"
    )  # the engine's item type is no title


def test_a_single_bold_question_label_is_left_to_the_other_shapes() -> None:
    text = """# Notes

**Question**

### 1. What is a levee?

An embankment that holds a river back.

### 2. What is a weir?

A low dam that raises the water upstream.
"""
    assert article_fronts(text) == ["What is a levee?", "What is a weir?"]


_SPHINX_FAQ = """== Common questions ==

.. rubric:: How do I start the tide gauge logger?

Run it from the shell:

.. code-block:: bash

   tidelog --port 3
   tidelog --status

.. rubric:: Where are the readings stored?

In one CSV file per day, under ``data/``.

== Troubleshooting ==

.. rubric:: Why are some readings missing?

The gauge skips a reading while the float is stuck.
"""


def test_rubric_questions_under_wiki_headings_are_read() -> None:
    article = parse_markdown_article(_SPHINX_FAQ)
    assert [q.question for q in article.questions] == [
        "How do I start the tide gauge logger?",
        "Where are the readings stored?",
        "Why are some readings missing?",
    ]
    assert "```bash\ntidelog --port 3\ntidelog --status\n```" in article.questions[0].answer


def test_rst_shown_inside_a_fenced_block_is_left_as_written() -> None:
    text = """### 1. How does Sphinx mark a heading that is not a section?

With a directive:

```rst
.. rubric:: Further notes
```

### 2. How do you fence code in Sphinx?

```rst
.. code-block:: python

   print("hi")
```
"""
    answers = article_answers(text)
    assert ".. rubric:: Further notes" in answers[0]
    assert ".. code-block:: python" in answers[1]


_LISTS_THEN_PAIRS = """Warm-up questions
1. What does a thermostat measure
2. Where is the boiler's pressure gauge?
3. if the pilot light goes out, what happens.
4. How often is a boiler serviced?

==========================================

1. What is a heat exchanger?
Answer:
It moves heat from the flue gas into the water.

2. Describe what happens when the heating starts
Ans:
1. The pump starts
2. The burner lights
3. The water warms

3. Which valve stops the flow to one radiator?
It is the lockshield valve.

Q: Why does a radiator stay cold at the top?
A: Air is trapped in it: bleed it.

Q: What does a pressure relief valve do?
A: It opens above 3 bar so that the boiler cannot burst.

Q: Why fit a magnetic filter?
A: It catches the sludge before it blocks the pump.

Q: What is a combi boiler?
A: One that heats water only when a tap is opened, with no tank.
"""


def test_numbered_lists_above_q_and_a_pairs_are_questions_too() -> None:
    fronts = article_fronts(_LISTS_THEN_PAIRS)
    assert fronts == [
        "What does a thermostat measure",
        "Where is the boiler's pressure gauge?",
        "if the pilot light goes out, what happens.",
        "How often is a boiler serviced?",
        "What is a heat exchanger?",
        "Describe what happens when the heating starts",
        "Which valve stops the flow to one radiator?",
        "Why does a radiator stay cold at the top?",
        "What does a pressure relief valve do?",
        "Why fit a magnetic filter?",
        "What is a combi boiler?",
    ]
    answers = article_answers(_LISTS_THEN_PAIRS)
    # The steps of an answer stay in it; the row of "=" is in no answer.
    assert "1. The pump starts" in answers[5]
    assert not any("===" in answer for answer in answers)


def test_numbered_steps_above_the_pairs_without_a_question_stay_preamble() -> None:
    text = """Before you start
1. Install the kit
2. Create a work folder
3. Write your name on the sheet

Q: What is a fuse for?
A: It breaks the circuit when the current is too high.

Q: Why is earth wire green and yellow?
A: So that it is never mistaken for a live wire.
"""
    assert article_fronts(text) == [
        "What is a fuse for?",
        "Why is earth wire green and yellow?",
    ]


def test_bold_whose_marks_were_escaped_is_not_part_of_the_front() -> None:
    text = """1. **What is a tariff?**
   A tax on imported goods.

2. \\*\\*Explain a quota.\\*\\*
   A limit on how much of a good may be imported.

3. **What is a subsidy?**
   A payment that lowers a producer's costs.
"""
    assert article_fronts(text) == ["What is a tariff?", "Explain a quota.", "What is a subsidy?"]


def test_reference_style_citations_become_links_when_the_page_defines_them() -> None:
    text = """1. **What is a glacier?**
   A river of ice that moves under its own weight ([geo.example][1]).

2. **What is a moraine?**
   Rock a glacier has carried and left behind ([rocks.example][2], [missing][9]).

[1]: https://geo.example/glaciers "Glaciers"
[2]: https://rocks.example/moraines
"""
    answers = article_answers(text)
    assert "([geo.example](https://geo.example/glaciers))" in answers[0]
    assert "[rocks.example](https://rocks.example/moraines)" in answers[1]
    assert "[missing][9]" in answers[1]  # no definition: left as written


def test_a_topic_heading_among_unanswered_question_headings_is_kept_with_a_warning() -> None:
    text = """# About you

## What are your strengths?

## What are your weaknesses?

## Your manager's view of you

# Career

## Where do you see yourself in five years?
I hope to lead a small team.
"""
    article = parse_markdown_article(text)
    assert [q.question for q in article.questions] == [
        "What are your strengths?",
        "What are your weaknesses?",
        "Your manager's view of you",
        "Where do you see yourself in five years?",
    ]
    assert any("Your manager's view of you" in w and "topic heading" in w for w in article.warnings)


def test_a_closing_faq_heading_and_a_chinese_references_section_end_the_questions() -> None:
    faq = """## Basics

### Q: Can I water cacti weekly?
**A:** Only in summer.

### Q: Do cacti need sun?
**A:** Yes, several hours a day.

## Still have questions?

- Ask in the forum
"""
    assert article_fronts(faq) == ["Can I water cacti weekly?", "Do cacti need sun?"]
    chinese = """# 面试

## 你为什么学习化学 ?
因为我喜欢做实验。

## 你最喜欢哪个元素 ?

# 参考资料
[1] [https://chem.example/a](https://chem.example/a)
"""
    answers = article_answers(chinese)
    assert len(answers) == 2
    assert "chem.example" not in answers[1]


def test_group_titles_among_numbered_unanswered_questions_are_not_notes() -> None:
    text = """## Soil
## 1.1 What is loam?
## 1.2 Why does clay crack?

## Water
## 2.1 What is a water table?
## 2.2 How fast does sand drain?
"""
    assert article_fronts(text) == [
        "What is loam?",
        "Why does clay crack?",
        "What is a water table?",
        "How fast does sand drain?",
    ]


def test_an_answer_label_in_another_language_goes_like_answer() -> None:
    text = """<details>
<summary>1. ¿Qué es un volcán?</summary>

**Respuesta**: Una abertura de la corteza por la que sale magma.
</details>

<details>
<summary>2. Qu'est-ce qu'un geyser ?</summary>

**Réponse** : Une source qui projette de l'eau chaude par intervalles.
</details>
"""
    answers = article_answers(text)
    assert answers[0].startswith("Una abertura")
    assert answers[1].startswith("Une source")
