"""The bundled content: every seed question covered, in our own words, learnable, importable."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from ankigen.pipeline.build import build
from ankigen.pipeline.check import check
from ankigen.source.model import NoteType
from tests.conftest import CONTENT, SEEDS, TEMPLATE_ERROR, AnkiCollection

QUESTIONS = {"av-keras-2023": range(1, 12), "dl-interview-45": range(1, 46)}
SEED_FILES = ("000_6079d7e5c4495790.txt", "004_cf1324c00c01286d.txt")
COPY_RUN = 8  # words in a row that may not match the seed text
MAX_ANSWER_WORDS = 60
FENCE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", re.MULTILINE | re.DOTALL)
MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$", re.DOTALL)

RESULT = check([CONTENT])
NOTES = [note for deck in RESULT.decks for note in deck.notes]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _prose(body: str) -> str:
    return FENCE.sub(" ", body)


def test_content_is_valid() -> None:
    assert RESULT.ok, [d.format() for d in RESULT.diagnostics]
    assert [deck.deck.spec.config.name for deck in RESULT.decks] == [
        "Deep Learning Interview::Fundamentals",
        "Deep Learning Interview::Keras",
    ]


def test_every_seed_question_has_a_note() -> None:
    covered: dict[str, set[int]] = defaultdict(set)
    for note in NOTES:
        source = note.note.meta.source
        assert source is not None, f"{note.note.path.name} cites no source question"
        covered[source.doc].add(source.question)
    for doc, expected in QUESTIONS.items():
        assert sorted(covered[doc]) == list(expected), f"{doc}: missing questions"


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}")
def test_no_sentence_is_copied_from_the_seeds() -> None:
    seed_words = _words(" ".join((SEEDS / name).read_text(encoding="utf-8") for name in SEED_FILES))
    seed_runs = {tuple(seed_words[i : i + COPY_RUN]) for i in range(len(seed_words) - COPY_RUN + 1)}
    copied = []
    for note in NOTES:
        words = _words(_prose(note.note.body))
        for i in range(len(words) - COPY_RUN + 1):
            if tuple(words[i : i + COPY_RUN]) in seed_runs:
                copied.append(f"{note.note.path.name}: {' '.join(words[i : i + COPY_RUN])}")
    assert copied == []


def _answer_words(body: str, note_type: NoteType) -> int:
    text = MATH.sub(" x ", _prose(body))
    if note_type is NoteType.CLOZE:
        text = re.split(r"^(?:\*\*\*|---|___)\s*$", text, maxsplit=1, flags=re.MULTILINE)[0]
        text = re.sub(r"^# .*$", "", text, count=1, flags=re.MULTILINE)
    else:
        text = re.split(r"^# .*$", text, maxsplit=1, flags=re.MULTILINE)[-1]
    return len(re.findall(r"[A-Za-z0-9'\u2019]+", text))


def test_answers_are_short_enough_to_learn() -> None:
    long = {
        note.note.path.name: count
        for note in NOTES
        if (count := _answer_words(note.note.body, note.note.meta.type)) > MAX_ANSWER_WORDS
    }
    assert long == {}


def test_tags_cover_topic_and_difficulty() -> None:
    for note in NOTES:
        tags = note.note.meta.tags
        assert sum(tag.startswith("difficulty::") for tag in tags) == 1, note.note.path.name
        assert any(tag.startswith("topic::") for tag in tags), note.note.path.name


def test_code_questions_have_code_notes() -> None:
    code_questions = {
        (n.note.meta.source.doc, n.note.meta.source.question)
        for n in NOTES
        if n.note.meta.type is NoteType.CODE and n.note.meta.source
    }
    # Seed questions whose answers contain code: Keras Q7-Q11, TensorFlow elements Q26.
    expected = {("av-keras-2023", q) for q in (7, 8, 9, 10, 11)} | {("dl-interview-45", 26)}
    assert expected <= code_questions


def test_content_decks_import_into_real_anki(tmp_path: Path, anki: AnkiCollection) -> None:
    result = build([CONTENT], tmp_path / "out")
    assert result.check.ok
    expected_cards = sum(
        len(n.cloze_numbers) if n.note.meta.type is NoteType.CLOZE else 1 for n in NOTES
    )
    for package in result.outputs:
        log = anki.import_package(package)
        assert not (
            log.duplicate or log.conflicting or log.missing_notetype or log.empty_first_field
        )
    col = anki.col
    assert col.note_count() == len(NOTES)
    assert col.card_count() == expected_cards
    for card_id in col.find_cards(""):
        output = col.get_card(card_id).render_output()
        assert output.question_text.strip() and output.answer_text.strip()
        assert TEMPLATE_ERROR not in output.question_text + output.answer_text
    cloze_questions = [
        col.get_card(cid).render_output().question_text
        for cid in col.find_cards('"note:ankigen Cloze v1"')
    ]
    hidden = re.compile(r'<span class="cloze"[^>]*>\[[^<]*\]</span>')
    assert cloze_questions and all(hidden.search(q) for q in cloze_questions)
