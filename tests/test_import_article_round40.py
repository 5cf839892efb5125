"""`ankigen import article`: classes found on the session-34 real documents (round 40).

Every document here is written for the test, on other topics than the real pages: answers kept
in a tooltip (a link to nowhere drawn as a symbol, its title holding the answer, broken over
lines), lettered choices written as plain lines under the question with the key after a blank
line, a question label over one answer bullet or as a bullet of its own beside the answer's,
and a glossary written as a definition list.
"""

from __future__ import annotations

from pathlib import Path

from ankigen.lint.foreign_text import language_of
from ankigen.tools.importers.article_html import convert_text_lines
from tests.article_helpers import (
    article_answers,
    article_fronts,
    import_into_drills,
    parse_markdown_article,
)

# --- answers in a tooltip --------------------------------------------------------------------

_TOOLTIPS = """# Astronomy questions

## Planets
- Which planet has the shortest year?
<a href="#" title="
Mercury, which goes round the Sun in 88 days.
">*</a>

- Why is Mars red?
<a href="#" title="
">*</a>

- Which planet spins on its side?
<a href="#" title="Uranus, tilted by about 98 degrees.">?</a>
"""


def test_a_tooltip_holds_the_answer_and_an_empty_one_holds_none() -> None:
    assert article_fronts(_TOOLTIPS) == [
        "Which planet has the shortest year?",
        "Why is Mars red?",
        "Which planet spins on its side?",
    ]
    answers = article_answers(_TOOLTIPS)
    assert answers[0] == "Mercury, which goes round the Sun in 88 days."
    assert answers[1].startswith("TODO")
    assert answers[2] == "Uranus, tilted by about 98 degrees."


def test_a_tag_broken_over_lines_is_read_as_one_tag() -> None:
    assert convert_text_lines(["<a", 'href="https://example.org/tides"', ">Tides</a>"]) == [
        "[Tides](https://example.org/tides)"
    ]


def test_a_link_with_words_keeps_its_text_and_a_comparison_is_no_tag() -> None:
    # a link to nowhere that says something is its words, not its title
    assert convert_text_lines(['<a href="#" title="more">Read on</a>']) == ['[Read on](# "more")']
    # "a <b then": no attribute follows the name, so the line is text and stays one line
    assert convert_text_lines(["if a <b then", "swap them"]) == ["if a <b then", "swap them"]


# --- lettered choices as plain lines, the key after a blank line ------------------------------

_PLAIN_LETTERED = """# Kiểm tra địa lý

### Câu 1

Sông nào dài nhất châu Phi?
A. Congo
B. Nil
C. Niger

**Đáp án: B**

---

### Câu 2

Đại dương nào sâu nhất?
A. Đại Tây Dương\\
B. Thái Bình Dương\\
C. Ấn Độ Dương

**Đáp án: B**
"""


def test_plain_lettered_choices_join_the_front_and_the_key_gives_the_back() -> None:
    assert article_fronts(_PLAIN_LETTERED) == [
        "Sông nào dài nhất châu Phi? (Congo / Nil / Niger)",
        "Đại dương nào sâu nhất? (Đại Tây Dương / Thái Bình Dương / Ấn Độ Dương)",
    ]
    assert article_answers(_PLAIN_LETTERED) == ["Nil", "Thái Bình Dương"]


_LETTERED_WITHOUT_KEY = (
    "# Tides\n\n### 1. Which body pulls the tides most?\n\n"
    "A. the Sun  \nB. the Moon  \n\n"  # two trailing spaces: hard line breaks
    "Both pull, the Moon about twice as hard.\n"
)


def test_lettered_lines_with_no_key_stay_in_the_answer() -> None:
    assert article_fronts(_LETTERED_WITHOUT_KEY) == ["Which body pulls the tides most?"]
    # the options keep their hard line breaks
    assert article_answers(_LETTERED_WITHOUT_KEY)[0].startswith("A. the Sun\\\nB. the Moon")


# --- a question label over one answer bullet, or as a bullet beside the answer's --------------

_LABEL_OVER_ONE_BULLET = """### 1. Cây và khí hậu
**Câu hỏi:** Vì sao rừng làm mát không khí?

- **Cách trả lời:** Lá cây thoát hơi nước, hơi nước mang nhiệt đi.

---

### 2. Đất
**Câu hỏi:** Đất sét khác đất cát thế nào?

- Hạt đất sét nhỏ, giữ nước lâu.

---

### 1. **Nước ngầm**
   - **Câu hỏi:** Nước ngầm nằm ở đâu?
   - **Gợi ý trả lời:** Trong các lớp đá và cát dưới mặt đất.

### 2. **Sông băng**
   - **Câu hỏi:** Sông băng di chuyển thế nào?
   - **Gợi ý trả lời:**
     - Trượt trên lớp nước mỏng ở đáy.
     - Chảy dẻo dưới sức nặng của chính nó.
"""


def test_one_bullet_under_a_labelled_question_is_its_answer_not_a_choice() -> None:
    fronts = article_fronts(_LABEL_OVER_ONE_BULLET)
    assert fronts[:2] == [
        "Vì sao rừng làm mát không khí?",
        "Đất sét khác đất cát thế nào?",
    ]
    answers = article_answers(_LABEL_OVER_ONE_BULLET)
    assert "thoát hơi nước" in answers[0]
    assert "TODO" not in answers[0]
    assert "giữ nước lâu" in answers[1]


def test_a_question_label_that_opens_a_bullet_asks_under_its_topic_heading() -> None:
    fronts = article_fronts(_LABEL_OVER_ONE_BULLET)
    assert fronts[2:] == ["Nước ngầm nằm ở đâu?", "Sông băng di chuyển thế nào?"]
    answers = article_answers(_LABEL_OVER_ONE_BULLET)
    assert "lớp đá và cát" in answers[2]
    assert "Trượt trên lớp nước mỏng" in answers[3]
    assert all("Câu hỏi" not in answer for answer in answers)


_TWO_CHOICES_UNDER_A_LABEL = """### 4. Tides
**Question:** Which pulls the tides harder?

- the Moon
- the Sun

Answer: the Moon.
"""


def test_two_bullets_under_a_labelled_question_are_still_its_choices() -> None:
    assert article_fronts(_TWO_CHOICES_UNDER_A_LABEL) == [
        "Which pulls the tides harder? (the Moon / the Sun)"
    ]


# --- a glossary written as a definition list ---------------------------------------------------

_GLOSSARY = """---
layout: page
---

## Glossary

{:toc}

estuary
:   Where a river meets the sea and fresh water mixes with salt water.

delta
: Land built of the silt a river drops at its mouth.

oxbow lake :

meander
: A loop of a river across its flood plain.

## Further reading

Rivers of the World, 2019.
"""


def test_each_term_of_a_definition_list_asks_for_its_definition() -> None:
    article = parse_markdown_article(_GLOSSARY)
    assert [q.question for q in article.questions] == ["estuary", "delta", "oxbow lake", "meander"]
    answers = article_answers(_GLOSSARY)
    assert answers[0] == "Where a river meets the sea and fresh water mixes with salt water."
    assert answers[1] == "Land built of the silt a river drops at its mouth."
    assert answers[2].startswith("TODO")  # a term left without a definition
    assert answers[3] == "A loop of a river across its flood plain."
    assert all("{:" not in answer for answer in answers)


_ONE_COLON_LINE = """# Notes

### 1. What does a lock protect?

Shared state.
: not a definition, one line of prose that opens with a colon

### 2. What is a deadlock?

Two threads waiting for each other.
"""


def test_one_line_opening_with_a_colon_is_no_definition_list() -> None:
    article = parse_markdown_article(_ONE_COLON_LINE)
    assert [q.question for q in article.questions] == [
        "What does a lock protect?",
        "What is a deadlock?",
    ]


# --- a terse Vietnamese quiz is a Vietnamese deck -----------------------------------------------

_TERSE_VIETNAMESE = """# Trắc nghiệm thiên văn

### Câu 1

Hành tinh nào gần Mặt Trời nhất?
A. Sao Thủy
B. Sao Kim

**Đáp án: A**

### Câu 2

Mặt Trăng quay quanh hành tinh nào?
A. Sao Hỏa
B. Trái Đất

**Đáp án: B**

### Câu 3

Ngôi sao gần Trái Đất nhất?
A. Mặt Trời
B. Sao Bắc Cực

**Đáp án: A**
"""


def test_a_terse_vietnamese_quiz_is_told_by_its_letters() -> None:
    # too few function words to read foreign, but a fifth of its words in Vietnamese letters
    assert language_of(_TERSE_VIETNAMESE) == "vi"
    english = (
        "The survey was led by Nguyễn Văn Thắng and Trần Thị Hương, who measured how fast the "
        "glaciers of the northern range retreat each summer and compared the figures with the "
        "records kept since the first expedition mapped the valley floor."
    )
    assert language_of(english) == "en"


def test_a_terse_vietnamese_quiz_imports_as_a_vietnamese_deck(tmp_path: Path) -> None:
    deck, _ = import_into_drills(tmp_path, "quiz.md", _TERSE_VIETNAMESE)
    assert "language: vi" in (deck / "deck.yaml").read_text(encoding="utf-8")
