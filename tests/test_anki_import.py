"""Built decks imported into a real Anki collection (official ``anki`` package)."""

from __future__ import annotations

from pathlib import Path

from ankigen.pipeline.build import build
from ankigen.render.notetypes import ALL_NOTE_TYPES
from tests.conftest import SAMPLE, TEMPLATE_ERROR, AnkiCollection


def test_sample_deck_imports_with_every_card_rendering(
    tmp_path: Path, anki: AnkiCollection
) -> None:
    result = build([SAMPLE], tmp_path / "out")
    assert result.check.ok, result.check.diagnostics
    (package,) = result.outputs
    log = anki.import_package(package)
    assert (len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting)) == (
        6,
        0,
        0,
        0,
    )
    assert not log.missing_notetype and not log.empty_first_field

    col = anki.col
    assert col.note_count() == 6
    # 3 single-card notes + cloze notes with c1,c2 / c1,c2,c3 / c1
    assert col.card_count() == 3 + 2 + 3 + 1
    assert [name for name in col.decks.all_names_and_ids() if name.name == "ankigen Sample"]

    kinds = {
        m["name"]: (m["type"], [f["name"] for f in m["flds"]], [t["name"] for t in m["tmpls"]])
        for m in col.models.all()
        if m["name"].startswith("ankigen")
    }
    assert kinds == {
        spec.name: (spec.kind.value, list(spec.fields), [t.name for t in spec.templates])
        for spec in ALL_NOTE_TYPES
    }

    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        output = card.render_output()
        for side in (output.question_text, output.answer_text):
            assert side.strip()
            assert TEMPLATE_ERROR not in side
        assert col.decks.name(card.did) == "ankigen Sample"


def test_fields_tags_and_cloze_cards_in_anki(tmp_path: Path, anki: AnkiCollection) -> None:
    (package,) = build([SAMPLE], tmp_path / "out").outputs
    anki.import_package(package)
    col = anki.col

    (note_id,) = col.find_notes('"note:ankigen Cloze v1" Title:*sequences*')
    note = col.get_note(note_id)
    assert note["Text"].startswith(
        "<p>A {{c1::list}} is mutable, while a {{c2::tuple::immutable sequence}}"
    )
    assert note["Extra"] == "<p>Both keep insertion order.</p>"
    assert sorted(note.tags) == ["ankigen-sample", "python"]
    cards = sorted((col.get_card(cid) for cid in note.card_ids()), key=lambda c: c.ord)
    assert [card.ord for card in cards] == [0, 1]
    first = cards[0].render_output()
    assert (
        '<span class="cloze" data-cloze="list" data-ordinal="1">[...]</span>' in first.question_text
    )
    assert "[immutable sequence]" in cards[1].render_output().question_text
    assert '<span class="cloze" data-ordinal="1">list</span>' in first.answer_text

    (code_id,) = col.find_notes('"note:ankigen Cloze v1" Title:"Fill in the missing argument"')
    question = col.get_card(col.get_note(code_id).card_ids()[0]).render_output().question_text
    assert "[mode]" in question and '<span class="k">with</span>' in question

    (basic_id,) = col.find_notes(
        '"note:ankigen Basic v1" "Front:What does a list comprehension build?"'
    )
    answer = col.get_card(col.get_note(basic_id).card_ids()[0]).render_output().answer_text
    assert "<strong>list</strong>" in answer and "question 5" in answer


def test_media_is_imported(tmp_path: Path, anki: AnkiCollection) -> None:
    (package,) = build([SAMPLE], tmp_path / "out").outputs
    anki.import_package(package)
    media = Path(anki.col.media.dir())
    names = [path.name for path in media.iterdir()]
    assert len(names) == 1 and names[0].startswith("ankigen-") and names[0].endswith(".svg")
    assert (media / names[0]).read_bytes() == (SAMPLE / "img" / "pipeline.svg").read_bytes()


def test_a_kept_guid_reaches_anki(tmp_path: Path, anki: AnkiCollection) -> None:
    deck = tmp_path / "content" / "kept"
    deck.mkdir(parents=True)
    (deck / "deck.yaml").write_text("name: Kept\n")
    (deck / "a.md").write_text("---\nid: a\nguid: 'f<3Q]x/1%K'\n---\n# Q?\n\nA.\n")
    (package,) = build([deck], tmp_path / "out").outputs
    anki.import_package(package)
    assert list(anki.notes_by_guid()) == ["f<3Q]x/1%K"]


def test_a_code_note_whose_block_has_no_language_shows_it_as_plain_text(
    tmp_path: Path, anki: AnkiCollection
) -> None:
    """A model summary or a log has no language to highlight: a code note with such a fence
    builds (no AG034) and Anki shows the block as preformatted text."""
    deck = tmp_path / "content" / "shapes"
    deck.mkdir(parents=True)
    (deck / "deck.yaml").write_text("name: Shapes\n")
    (deck / "a.md").write_text(
        "---\nid: summary\ntype: code\n---\n"
        "# What output shape does the first layer of this model print?\n\n"
        "```\n conv2d (Conv2D)   (None, 26, 26, 32)   320\n```\n"
    )
    (package,) = build([deck], tmp_path / "out").outputs  # none if the note had an error
    anki.import_package(package)
    (note,) = anki.notes_by_guid().values()
    card = anki.col.get_card(note.card_ids()[0])
    answer = card.render_output().answer_text
    assert "<pre" in answer and "(None, 26, 26, 32)" in answer
