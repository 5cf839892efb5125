# ruff: noqa: RUF001
"""`ankigen import article`: classes found on the session-13 real documents.

Every document here is written for the test, on other topics than the real pages: a list that
numbers every item "1." (Markdown numbers it), with prompts that ask without a question mark;
numbered lines wrapped at the margin whose cut sentence ends on the wrapped line; Chinese items
filled at a column and continued, indented, on the next line.
"""

from __future__ import annotations

from tests.article_helpers import article_answers, article_fronts

_LAZY_NUMBERED = """Questions about rivers.

1. Why do rivers meander?

   Erosion on the outer bank and deposits on the inner bank.

1. The main sources of a river's water

   Rain, snowmelt and springs.

1. Estuary versus delta

   An estuary is a drowned valley mouth; a delta builds out into the sea.

1. How is discharge measured?

   Speed times cross-section area.

1. Oxbow lakes

## Mountains

1. How do fold mountains form?

   Plates push layers of rock together.

1. The tree line and what sets it

   Mainly the summer temperature.
"""


def test_a_list_numbered_one_one_one_gives_every_item() -> None:
    assert article_fronts(_LAZY_NUMBERED) == [
        "Why do rivers meander?",
        "The main sources of a river's water",
        "Estuary versus delta",
        "How is discharge measured?",
        "Oxbow lakes",
        "How do fold mountains form?",
        "The tree line and what sets it",
    ]
    answers = article_answers(_LAZY_NUMBERED)
    assert answers[1] == "Rain, snowmelt and springs."
    assert "Rain" not in answers[0]


_STEPS_UNDER_ONE = """1. How do you bake bread?

   1. Mix flour and water.
   1. Knead the dough.
   1. Bake it.

2. Why does dough rise?

   Yeast makes gas.

3. What is gluten?

   A protein network.
"""


def test_indented_steps_numbered_one_stay_in_their_answer() -> None:
    assert article_fronts(_STEPS_UNDER_ONE) == [
        "How do you bake bread?",
        "Why does dough rise?",
        "What is gluten?",
    ]


_WRAPPED_LINES = """# Chemistry drill

1. What is an isotope?
2. Explain the difference between an acid and a base in
water.
3. Explain the difference between ionic and covalent bonds
in salts.
4. Name two noble gases.
"""


def test_a_wrapped_line_that_ends_the_sentence_joins_its_item() -> None:
    assert article_fronts(_WRAPPED_LINES) == [
        "What is an isotope?",
        "Explain the difference between an acid and a base in water.",
        "Explain the difference between ionic and covalent bonds in salts.",
        "Name two noble gases.",
    ]


_TERM_AND_SENTENCE = """1. What does a catalyst do?
2. Enzymes
Proteins that speed reactions.
3. What is pH?
"""


def test_a_capitalised_sentence_under_a_term_is_not_a_wrap() -> None:
    fronts = article_fronts(_TERM_AND_SENTENCE)
    assert "Enzymes Proteins that speed reactions." not in fronts


_CHINESE_FILLED = """1. 为什么河流会弯曲，以及弯曲的河道在洪水时会发生什么变化，和
   人类应该如何应对？

   侵蚀和沉积。

1. 什么是三角洲？

   河口的沉积地貌。

1. 如何测量流量？

   流速乘以断面面积。
"""


def test_chinese_text_filled_at_a_column_continues_its_item() -> None:
    fronts = article_fronts(_CHINESE_FILLED)
    assert fronts[0].endswith("人类应该如何应对？")
    assert len(fronts) == 3


_FIRST_ITEMS_WITHOUT_MARKS = """Chemistry interview questions

1. What is a mole <br>
A. An amount of substance: 6.022e23 particles.

2. What is molarity <br>

3. Define an isotope <br>
A. Atoms of one element with different numbers of neutrons.

4. Why do ions form ? <br>
A. Atoms gain or lose electrons to fill their outer shell.

5. What is a buffer ? <br>
A. A solution that resists changes of pH.

6. Name a noble gas
A. Neon.
"""


def test_the_first_items_of_a_list_above_its_first_question_mark_are_questions() -> None:
    assert article_fronts(_FIRST_ITEMS_WITHOUT_MARKS)[:4] == [
        "What is a mole",
        "What is molarity",
        "Define an isotope",
        "Why do ions form ?",
    ]


_STEPS_BEFORE_A_LIST = """Set-up steps:

1. Install the package
2. Open the notebook
3. Run the first cell

## Questions

4. Why does the cell fail ?
A. The kernel is not started.

5. What restarts the kernel ?
A. The restart button.
"""


def test_numbered_set_up_steps_under_another_heading_stay_preamble() -> None:
    fronts = article_fronts(_STEPS_BEFORE_A_LIST)
    assert "Install the package" not in fronts


_SPANISH_LABELS = """# Simulacro

## Sección 1: Química

### P1: ¿Qué es un mol?
**R:** Una cantidad de sustancia con 6,022e23 partículas.

### P2: ¿Para qué sirve `__slots__` en una clase?
**R:** Fija los atributos y ahorra memoria.

### P2: ¿Qué mide el pH?
**R:** La acidez de una disolución.
"""


def test_spanish_p_labels_and_r_answers_are_read_as_labels() -> None:
    assert article_fronts(_SPANISH_LABELS) == [
        "¿Qué es un mol?",
        "¿Para qué sirve `__slots__` en una clase?",
        "¿Qué mide el pH?",
    ]
    assert article_answers(_SPANISH_LABELS)[0] == (
        "Una cantidad de sustancia con 6,022e23 partículas."
    )


_CHINESE_LABELS = """## 问题1: 什么是过拟合？

模型记住了训练数据。

## 问题2：如何防止过拟合？

正则化和早停。
"""


def test_a_chinese_question_label_is_no_part_of_the_front() -> None:
    assert article_fronts(_CHINESE_LABELS) == ["什么是过拟合？", "如何防止过拟合？"]


_DUNDER_FRONTS = """### What does `__init__` do?
It sets up a new instance.

### Why is **`__repr__`** useful?
It shows an object for debugging.

### What is the P2 percentile?
The value below which 2 % of the data fall.
"""


def test_code_spans_in_a_front_keep_their_underscores() -> None:
    assert article_fronts(_DUNDER_FRONTS) == [
        "What does `__init__` do?",
        "Why is `__repr__` useful?",
        "What is the P2 percentile?",
    ]


_LABELLED_OVER_PARTS = """# Notes

## Question 1: Why do rivers meander?

#### 1. Erosion

The outer bank wears away.

#### 2. Deposits

The inner bank grows.

## Question 2: How do deltas form?

#### 1. Slow water

Silt settles where the river meets the sea.

#### 2. Shape

Fan or bird's foot.

#### 3. Examples

The Nile, the Mississippi.

## Question 3: Estuaries and their tides

#### 1. Mixing

Fresh and salt water meet.

#### 2. Tides

Twice a day.
"""


def test_labelled_questions_over_parts_numbered_again_under_each() -> None:
    assert article_fronts(_LABELLED_OVER_PARTS) == [
        "Why do rivers meander?",
        "How do deltas form?",
        "Estuaries and their tides",
    ]
    assert "The inner bank grows." in article_answers(_LABELLED_OVER_PARTS)[0]


_SECTIONS_OVER_QUESTIONS = """# Bank

## 1. Rivers

#### 1. What is a meander?

A bend.

#### 2. What is an oxbow lake?

A cut-off bend.

## 2. Coasts

#### 1. What is a spit?

A ridge of sand.

#### 2. What is a tombolo?

A spit joining an island.

## 3. Glaciers

#### 1. What is a cirque?

A hollow.

#### 2. What is a moraine?

Rock the ice left behind.
"""


def test_topic_sections_over_restarting_questions_stay_sections() -> None:
    fronts = article_fronts(_SECTIONS_OVER_QUESTIONS)
    assert fronts[:4] == [
        "What is a meander?",
        "What is an oxbow lake?",
        "What is a spit?",
        "What is a tombolo?",
    ]
    assert fronts[-2:] == ["What is a cirque?", "What is a moraine?"]
    assert "Rivers" not in fronts and "Coasts" not in fronts


_ANNOTATION_LIST = """### Q1. Which annotations mark a Spring test?

The usual ones are:

@SpringBootTest
@MockBean
@DataJpaTest

### Q2. How do you cache a Python function?

Decorate it:

@functools.cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
"""


def test_a_list_of_annotation_names_is_not_fenced_as_python() -> None:
    answers = article_answers(_ANNOTATION_LIST)
    assert "```" not in answers[0]
    assert "@MockBean" in answers[0]
    assert "```python" in answers[1]


_QUIZ_WITH_KEY = """# Geography quiz

### Questions

1. Which river is the longest?
   - A) The Amazon
   - B) The Nile

2. Which desert is the largest hot desert?
   - A) The Sahara
   - B) The Gobi

3. Which ocean is the deepest?
   - A) The Pacific
   - B) The Indian

### Correct Answers
1. B) The Nile
2. A) The Sahara
3. A) The Pacific
"""


def test_an_answer_key_after_the_quiz_goes_on_each_question() -> None:
    answers = article_answers(_QUIZ_WITH_KEY)
    assert len(answers) == 3
    assert answers[0].endswith("**Answer:** B) The Nile")
    assert answers[2].endswith("**Answer:** A) The Pacific")
    assert "Correct Answers" not in answers[2]


_ANSWERS_HEADING_OVER_QUESTIONS = """# Practice

## Answers

1. What is the capital of Peru?
   Lima.
2. What is the capital of Chile?
   Santiago.
3. What is the capital of Bolivia?
   Sucre.
"""


def test_an_answers_heading_over_the_questions_themselves_is_no_key() -> None:
    assert len(article_fronts(_ANSWERS_HEADING_OVER_QUESTIONS)) == 3


_BOLD_BULLETS_UNDER_TOPICS = """# Geology notes

## 1. Rocks
- **Why do some rocks float?**
    * Pumice holds gas bubbles.

- **Igneous rock**
    - How does it form from magma?

## 2. Plates
- **What drives plate motion?**
    * Mantle convection and slab pull.

## 3. Quakes
- **Earthquake clusters along plate edges**

## 4. Time
- **How old is the Earth?**
    * About 4.5 billion years.

## 5. Maps
- **Contour lines and what they show**
"""


def test_bold_bullets_under_topic_headings_are_the_questions() -> None:
    assert article_fronts(_BOLD_BULLETS_UNDER_TOPICS) == [
        "Why do some rocks float?",
        "Igneous rock",
        "What drives plate motion?",
        "Earthquake clusters along plate edges",
        "How old is the Earth?",
        "Contour lines and what they show",
    ]


_BOLD_TERMS_IN_ANSWERS = """## 1. What is erosion?

- **Water** carries grains away.
- **Wind** lifts dust.

## 2. What is weathering?

- **Frost** splits rock.

## 3. Why do rivers meander?

- **Why?** The outer bank wears faster.
"""


def test_bold_terms_inside_answers_stay_answers() -> None:
    assert article_fronts(_BOLD_TERMS_IN_ANSWERS) == [
        "What is erosion?",
        "What is weathering?",
        "Why do rivers meander?",
    ]


_MARKDOWN_SYNTAX_ANSWERS = """### Q1: How do you write a link?
- Your Answer: `[label](https://example.org)` or `[label](page.md)` (Correct)

### Q2: Where does the docs link go?
- See [the guide](./guide.md) in the repository.
"""


def test_link_syntax_inside_code_spans_stays_as_written() -> None:
    answers = article_answers(_MARKDOWN_SYNTAX_ANSWERS)
    assert "`[label](page.md)`" in answers[0]
    assert "[the guide]" not in answers[1] and "the guide" in answers[1]


_NO_SPACE_AFTER_NUMBER = """# Drill

1. What is a prime number?
2. What is a composite number?
3.Explain the sieve of Eratosthenes.
4. What is a perfect square?
5. Version 3.10 added pattern matching: what is it?
"""


def test_an_item_whose_number_lacks_its_space_is_still_an_item() -> None:
    fronts = article_fronts(_NO_SPACE_AFTER_NUMBER)
    assert "Explain the sieve of Eratosthenes." in fronts
    assert len(fronts) == 5


def test_calls_written_with_full_width_low_lines_keep_their_brackets() -> None:
    fronts = article_fronts("1. What is X?\n2. Explain ＿len＿() and ＿str＿().\n3. What is Y?\n")
    assert fronts[1] == "Explain ＿len＿() and ＿str＿()."
