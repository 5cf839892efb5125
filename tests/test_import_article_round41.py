"""`ankigen import article`: classes found on the session-35 real documents (round 41).

Every document here is written for the test, on other topics than the real pages: an accordion
of `<details>` toggles whose answers are empty paragraphs nested in `<div>`s, toggles that ask by
a Korean polite request or carry a `#N` chip, an exam's numbered tasks written flush with their
`Lösung:` line (choices run on in one line, gaps to fill), a bilingual quiz whose label heading
and question lines carry two languages, and a test's time rules after its last question.
"""

from __future__ import annotations

from ankigen.tools.importers.article_html import html_to_markdown
from tests.article_helpers import article_answers, article_fronts

# --- an accordion whose answers are empty HTML paragraphs -------------------------------------

_ACCORDION = """# Travel desk interview

<details open>
  <summary><span class="title">Motivation</span> <span class="hint">open</span></summary>
  <div class="panel">

  <details>
    <summary><b>Why do you want to plan journeys for others?</b></summary>
    <div class="panel">
      <p></p>
    </div>
  </details>

  <details>
    <summary><b>Which trip taught you the most?</b></summary>
    <div class="panel">
      <p>A night train across the Alps that ran six hours late.</p>
    </div>
  </details>

  </div>
</details>
"""


def test_an_empty_paragraph_nested_in_markup_is_no_answer() -> None:
    assert article_fronts(_ACCORDION) == [
        "Why do you want to plan journeys for others?",
        "Which trip taught you the most?",
    ]
    answers = article_answers(_ACCORDION)
    assert answers[0].startswith("TODO")  # not the tags shown as code
    assert answers[1] == "A night train across the Alps that ran six hours late."


def test_an_empty_pair_named_in_a_sentence_stays_a_mention() -> None:
    # near miss: text before the pair on its line makes it a tag the author talks about
    assert html_to_markdown("Close it with <p></p> here") == "Close it with `<p></p>` here"
    assert html_to_markdown("<div>\n  <p></p>\n</div>") == ""


# --- toggles that ask by a Korean request, or wear a number chip ------------------------------

_KOREAN_TOGGLES = """# 여행사 면접

<details>
<summary><b>여행 일정을 짜 본 경험을 말씀해주세요.</b></summary>
<p></p>
</details>

<details>
<summary><code>#2</code> 가장 기억에 남는 여행지는 어디인가요?</summary>
<p>제주도의 오름입니다.</p>
</details>

<details>
<summary><b>여행 준비물</b></summary>
<p>여권, 충전기</p>
</details>
"""


def test_a_polite_request_asks_and_a_number_chip_is_the_number() -> None:
    # the third toggle only names a topic: no question
    assert article_fronts(_KOREAN_TOGGLES) == [
        "여행 일정을 짜 본 경험을 말씀해주세요.",
        "가장 기억에 남는 여행지는 어디인가요?",
    ]


def test_a_code_span_that_is_no_number_stays_in_the_front() -> None:
    text = (
        "# Q\n\n<details>\n<summary><code>len</code> 함수는 무엇을 하나요?</summary>\n\n"
        "길이를 돌려줍니다.\n</details>\n"
    )
    assert article_fronts(text) == ["`len` 함수는 무엇을 하나요?"]


# --- an exam's tasks written flush with their labelled answers --------------------------------

_FLUSH_EXAM = """Prüfung — Kochen

Leichte Aufgaben
1) Die Garzeit eines weichen Eis beträgt etwa:
A) 2 min B) 5 min C) 9 min D) 15 min
Lösung: B

2) Welches Öl verträgt die höchste Hitze?
A) Butter B) Olivenöl extra vergine C) Erdnussöl
Lösung: C

3) Wasser kocht auf Meereshöhe bei ____ Grad.
Lösung: 100

4) Erklären Sie in einem Satz, warum man Nudelwasser salzt.
Lösung (Beispiel): Salz würzt die Nudeln von innen, während sie quellen.
"""


def test_a_numbered_task_over_its_labelled_answer_is_a_question() -> None:
    assert article_fronts(_FLUSH_EXAM) == [
        "Die Garzeit eines weichen Eis beträgt etwa (2 min / 5 min / 9 min / 15 min)",
        "Welches Öl verträgt die höchste Hitze? (Butter / Olivenöl extra vergine / Erdnussöl)",
        "Wasser kocht auf Meereshöhe bei ____ Grad.",  # the gap stays a gap
        "Erklären Sie in einem Satz, warum man Nudelwasser salzt.",
    ]
    assert article_answers(_FLUSH_EXAM) == [
        "5 min",
        "Erdnussöl",
        "100",
        "Salz würzt die Nudeln von innen, während sie quellen.",
    ]


_STEPS_WITHOUT_LABELS = """# Bread

### How do you bake a simple loaf?

1) Mix flour, water, salt and yeast.
2) Knead for ten minutes.

Lösung comes from the oven's heat, not from the recipe.

### Why does dough rise?

Yeast gives off gas.
"""


def test_numbered_steps_without_an_answer_label_under_them_stay_steps() -> None:
    # near miss: "Lösung" without its colon, after a blank line, labels nothing
    assert article_fronts(_STEPS_WITHOUT_LABELS) == [
        "How do you bake a simple loaf?",
        "Why does dough rise?",
    ]


def test_letters_not_running_from_a_stay_text() -> None:
    text = (
        "# Q\n\n1) Welche Zahl ist prim?\nB) 4 C) 7\nLösung: C\n\n"
        "2) Welche Farbe hat Chlorophyll?\nLösung: Grün\n"
    )
    fronts = article_fronts(text)
    assert fronts[0] == "Welche Zahl ist prim?"  # no choices read: the letters skip A
    assert article_answers(text)[0].startswith("B) 4 C) 7")


# --- a bilingual quiz: label heading and question lines in two languages ----------------------

_BILINGUAL = """# Quiz / แบบทดสอบ

### Question 1 / คำถามที่ 1
**EN:** Which gas do plants take in?
**TH:** พืชดูดซับก๊าซใด?

- A) Oxygen / ออกซิเจน
- B) Carbon dioxide / คาร์บอนไดออกไซด์

### Question 2 / คำถามที่ 2
**EN:** Which organ pumps blood?
**TH:** อวัยวะใดสูบฉีดเลือด?

- A) Heart / หัวใจ
- B) Lung / ปอด

---

**Time allocation / การจัดสรรเวลา:**
- 2 minutes per question / 2 นาทีต่อคำถาม
"""


def test_a_question_in_two_tagged_languages_is_one_front_with_its_choices() -> None:
    assert article_fronts(_BILINGUAL) == [
        "Which gas do plants take in? / พืชดูดซับก๊าซใด? "
        "(A) Oxygen / ออกซิเจน; B) Carbon dioxide / คาร์บอนไดออกไซด์)",
        "Which organ pumps blood? / อวัยวะใดสูบฉีดเลือด? (A) Heart / หัวใจ; B) Lung / ปอด)",
    ]


def test_the_tests_time_rules_after_the_last_question_are_no_answer() -> None:
    answers = article_answers(_BILINGUAL)
    assert all(answer.startswith("TODO") for answer in answers)


def test_time_per_question_inside_an_answer_stays() -> None:
    # near miss: the answer's own words, not a block after it
    text = "# Exam tips\n\n## How long should a question take?\n\nAbout two minutes per question.\n"
    assert article_answers(text) == ["About two minutes per question."]


# --- plain group titles between an exam's numbered tasks --------------------------------------

_TITLED_GROUPS = """Prüfung — Wetter

Leichte Aufgaben (je 1 Punkt)
1) Nennen Sie die Einheit des Luftdrucks.
Lösung: Hektopascal

Schwere Aufgaben (kurz begründen)
2) Erklären Sie, warum Tau am Morgen entsteht.
Lösung: Die Luft kühlt nachts ab, bis sie Wasser nicht mehr halten kann.

3) Welche Wolken bringen Gewitter?
Lösung: Cumulonimbus.
Merke: Sie reichen oft bis zehn Kilometer hoch.
4) Was misst ein Hygrometer?
Lösung: Die Luftfeuchte.
"""


def test_a_plain_title_over_the_next_task_is_no_part_of_the_answer_above() -> None:
    answers = article_answers(_TITLED_GROUPS)
    assert answers[0] == "Hektopascal"  # "Schwere Aufgaben (…)" titles task 2
    # near miss: a sentence glued above the next task (no blank line, a full stop) stays
    assert "Merke: Sie reichen oft bis zehn Kilometer hoch." in answers[2]
