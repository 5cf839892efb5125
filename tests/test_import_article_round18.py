"""`ankigen import article`: classes found on the session-14 real documents.

Every document here is written for the test, on other topics than the real pages: quiz items
whose choices are followed by "Why …:" explanation lines; numbered questions labelled in
German, Spanish or Portuguese; "Q:" and "A:" alone on their lines over the text; bare question
lines with a blank line after each, grouped under level lines between rules.
"""

from __future__ import annotations

import pytest

from tests.article_helpers import article_answers, article_fronts

_QUIZ_WITH_REASONS = """Try these before the exam.

Q1) Which gas do plants take in for photosynthesis?
A) Oxygen
B) Carbon dioxide
C) Nitrogen
Correct: B
Why correct: leaves absorb carbon dioxide through their stomata.
Why A is wrong: oxygen is what they release.
Why C is wrong: nitrogen comes from the soil instead.

Q2) Where in the cell does photosynthesis happen?
A) Nucleus
B) Chloroplast
Correct: B
Why correct: chlorophyll sits in the chloroplasts.
Why A is wrong: the nucleus holds the genes.
"""


def test_quiz_reasons_stay_in_the_answer() -> None:
    assert article_fronts(_QUIZ_WITH_REASONS) == [
        "Which gas do plants take in for photosynthesis?",
        "Where in the cell does photosynthesis happen?",
    ]
    first = article_answers(_QUIZ_WITH_REASONS)[0]
    assert "B) Carbon dioxide" in first and "Why A is wrong: oxygen" in first


def test_a_list_of_asking_lines_still_splits() -> None:
    # Near miss: lines that ask are still questions; only "label: statement" lines explain.
    text = "Warm-up.\n\nWhat is a comet?\nWhy do comets have tails?\nHow old is the Moon?\n"
    assert article_fronts(text) == [
        "What is a comet?",
        "Why do comets have tails?",
        "How old is the Moon?",
    ]


@pytest.mark.parametrize(
    ("label", "answer_label"),
    [("Frage", "Antwort"), ("Pregunta", "Respuesta"), ("Pergunta", "Resposta")],
)
def test_numbered_questions_labelled_in_other_languages(label: str, answer_label: str) -> None:
    text = (
        f"{label} 1: Wie hoch ist der Mount Everest?\n\n{answer_label}: Etwa 8849 Meter.\n\n"
        f"{label} 2: Welcher Fluss ist der längste?\n\n{answer_label}: Der Nil.\n\n"
        f"{label} 3: Wo liegt die Atacama?\n\n{answer_label}: In Chile.\n"
    )
    assert article_fronts(text) == [
        "Wie hoch ist der Mount Everest?",
        "Welcher Fluss ist der längste?",
        "Wo liegt die Atacama?",
    ]
    assert article_answers(text)[1] == "Der Nil."


# The second "A:" keeps two trailing spaces (a hard line break after the label).
_LABELS_ON_THEIR_OWN_LINES = (
    "Q:\nWhat does a barometer measure?\n\nA:\nAir pressure.\n\n---\nQ:\n"
    "Name the instrument that measures wind speed.\n\nA:  \nAn anemometer.\n"
)


def test_q_and_a_labels_alone_on_their_lines() -> None:
    assert article_fronts(_LABELS_ON_THEIR_OWN_LINES) == [
        "What does a barometer measure?",
        "Name the instrument that measures wind speed.",
    ]
    assert article_answers(_LABELS_ON_THEIR_OWN_LINES) == ["Air pressure.", "An anemometer."]


_SPACED_QUESTION_LINES = """---
Level one
What is a glacier?

How do glaciers move?

What is a moraine?

Why are glaciers blue?
---
Level two
How do ice ages begin?

What is isostatic rebound?

Why do ice sheets calve?
---
"""


def test_question_lines_with_blank_lines_between() -> None:
    assert article_fronts(_SPACED_QUESTION_LINES) == [
        "What is a glacier?",
        "How do glaciers move?",
        "What is a moraine?",
        "Why are glaciers blue?",
        "How do ice ages begin?",
        "What is isostatic rebound?",
        "Why do ice sheets calve?",
    ]


def test_questions_and_one_line_answers_are_not_a_bare_list() -> None:
    # Near miss: a question, its one-line answer, the next question: not questions only.
    text = (
        "What is a glacier?\n\nA river of ice.\n\nWhat is a moraine?\n\nRock left by ice.\n\n"
        "What is a fjord?\n\nA drowned glacial valley.\n"
    )
    fronts = article_fronts(text) if _imports(text) else []
    assert "A river of ice." not in fronts and "Rock left by ice." not in fronts


def _imports(text: str) -> bool:
    try:
        article_fronts(text)
    except Exception:
        return False
    return True


_SECTION_NUMBERED_LINES = """Instrucciones: responde cada pregunta.

1)  Volcanes

1.1 Explica qué es el magma y dónde se forma.

1.2 ¿Cuál es la diferencia entre lava y magma?

2) Terremotos

2.1 Describe cómo se mide la magnitud de un sismo.

2.2 Imagina que vives cerca de una falla.
 Proporciona tres medidas para preparar tu casa.

2.3 ¿Qué es un tsunami y cómo se origina
en el fondo del mar?
"""


def test_bare_lines_numbered_inside_sections() -> None:
    assert article_fronts(_SECTION_NUMBERED_LINES) == [
        "Explica qué es el magma y dónde se forma.",
        "¿Cuál es la diferencia entre lava y magma?",
        "Describe cómo se mide la magnitud de un sismo.",
        "Imagina que vives cerca de una falla. Proporciona tres medidas para preparar tu casa.",
        "¿Qué es un tsunami y cómo se origina en el fondo del mar?",
    ]


def test_english_statement_lines_are_no_foreign_prompts() -> None:
    # Near miss: "Was …" and "Como …" only prompt in their own language's question shapes.
    text = (
        "Notes.\n\nWas introduced in 1998 by the team.\n\nComo is a lake in Italy.\n\n"
        "What is a delta?\n\nWhy do rivers flood?\n\nHow is silt carried?\n\n"
        "What is a levee?\n\nWhere do rivers end?\n\nWhy is the sea salty?\n"
    )
    fronts = article_fronts(text)
    assert "What is a delta?" in fronts and len(fronts) == 6
    assert not any(front.startswith(("Was ", "Como ")) for front in fronts)


_PROMPTS_UNDER_TOPICS = """## Soil
1. Humus
2. Differences between clay and loam
3. Soil horizons

## Weather
1. Fronts and pressure systems
2. Dew point

## Oceans
1. Thermohaline circulation
2. Tides and the Moon
3. Upwelling
"""


def test_numbered_prompts_filling_every_topic_section() -> None:
    assert article_fronts(_PROMPTS_UNDER_TOPICS) == [
        "Humus",
        "Differences between clay and loam",
        "Soil horizons",
        "Fronts and pressure systems",
        "Dew point",
        "Thermohaline circulation",
        "Tides and the Moon",
        "Upwelling",
    ]


def test_topic_lists_beside_prose_stay_answers() -> None:
    # Near miss: a section written in prose makes the lists the answers of their topics.
    text = _PROMPTS_UNDER_TOPICS.replace(
        "## Weather\n", "## Weather\nWeather is the state of the air at a place and time.\n"
    )
    assert article_fronts(text) == ["Soil", "Weather", "Oceans"]


def test_q_label_over_a_question_on_two_lines() -> None:
    text = (
        "Q:\nWhich sum does this formula give?\n$\\sum_{k=1}^{n} 2k$\n\nA:\n$n(n+1)$\n\n---\n"
        "Q:\nWhat is a prime?\n\nA:\nA number with exactly two divisors.\n"
    )
    assert article_fronts(text) == [
        "Which sum does this formula give? $\\sum_{k=1}^{n} 2k$",
        "What is a prime?",
    ]
    assert article_answers(text)[0] == "$n(n+1)$"
