"""`ankigen preview`: cards rendered exactly as a real Anki collection renders them.

Anki's ``card.render_output()`` gives ``question_text`` / ``answer_text`` without the note type's
CSS (``card.question()`` is the same text behind a ``<style>…</style>`` prefix); the preview
links the CSS instead, so the card bodies are compared as they are, with nothing normalised.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest

from ankigen.cli import main
from ankigen.pipeline.build import build
from ankigen.pipeline.check import check
from ankigen.render.anki_template import (
    TemplateError,
    cloze_filter,
    cloze_numbers,
    encode_attribute,
    parse_template,
    render_card,
)
from ankigen.render.notetypes import BASIC, CLOZE
from ankigen.tools.preview import MARKER, MATHJAX_ENV, card_pages, plain_text
from tests.conftest import SAMPLE, AnkiCollection, note_file, write


def _anki_cards(anki: AnkiCollection, package: Path) -> dict[tuple[str, int], Any]:
    anki.import_package(package)
    col = anki.col
    cards = (col.get_card(card_id) for card_id in col.find_cards(""))
    return {(card.note().guid, card.ord): card.render_output() for card in cards}


def test_every_sample_card_matches_anki(tmp_path: Path, anki: AnkiCollection) -> None:
    built = build([SAMPLE], tmp_path / "out")
    (package,) = built.outputs
    rendered = _anki_cards(anki, package)
    ours = {
        (note.guid, page.ordinal): page.sides
        for checked in check([SAMPLE]).decks  # a build keeps no rendered notes
        for note in checked.notes
        for page in card_pages(note, checked.deck.spec.config.name)
    }
    assert set(ours) == set(rendered)
    assert len(ours) == 9
    for key, output in rendered.items():
        assert ours[key].question == output.question_text, key
        assert ours[key].answer == output.answer_text, key
    # The style block that card.question() adds is the only difference from the full side.
    card = anki.col.get_card(anki.col.find_cards("")[0])
    output = card.render_output()
    assert card.question() == f"<style>{output.css}</style>{output.question_text}"


# Field text a note can hold once Markdown is rendered, chosen to hit every branch of Anki's
# cloze renderer: nesting, hints with markup, math, entities, stray markers, Latin-1 and wider
# characters (the attribute encoder treats them differently), c10+ and unclosed clozes.
TRICKY_CLOZES = [
    "<p>A {{c1::list}} and a {{c2::tuple::immutable <em>sequence</em>}}.</p>",
    "{{c1::outer {{c2::inner::hint}} tail}} and {{c2::again}}",
    "{{c1::a {{c1::same}} b}} {{c3::x::}}",
    "Math \\(x = {{c1::<b>y</b>}}\\) and \\[{{c2::\\frac{a}{b} }}\\] \"q\" &amp; 's'",
    "Café {{c1::naïve \u03c3 → ∑ ☃ <br> &lt;tag&gt;}} 50% off; a/b=c",
    "Stray }} then {{c1::ok}} and {{c::not}} {{c70000::no}} {{c01::padded}}",
    "{{c12::twelve}} {{c1::one}} {{c2::never closed",
    "{{c1::a::b::c}} <code>{{c2::x}}</code>",
]


def _add_note(col: Any, notetype: str, fields: dict[str, str]) -> Any:
    note = col.new_note(col.models.by_name(notetype))
    for name, value in fields.items():
        note[name] = value
    col.add_note(note, col.decks.id("Edge"))
    return note


def test_cloze_renderer_matches_anki_on_tricky_fields(tmp_path: Path, anki: AnkiCollection) -> None:
    (package,) = build([SAMPLE], tmp_path / "out").outputs
    anki.import_package(package)
    col = anki.col
    checked = 0
    for text in TRICKY_CLOZES:
        fields = {"Text": text, "Extra": "<p>extra</p>", "Title": "", "Source": ""}
        note = _add_note(col, CLOZE.name, fields)
        template = CLOZE.templates[0]
        assert {n - 1 for n in cloze_numbers(text)} == {card.ord for card in note.cards()}
        for card in note.cards():
            output = card.render_output()
            mine = render_card(template.front, template.back, fields, card.ord, is_cloze=True)
            assert (mine.question, mine.answer) == (output.question_text, output.answer_text), text
            checked += 1
    assert checked == 14


def test_template_syntax_matches_anki(tmp_path: Path, anki: AnkiCollection) -> None:
    """Sections, negated sections, FrontSide, spaces in tags and the text filter."""
    col = anki.col
    model = col.models.new("syntax")
    for name in ("Front", "Back", "Note"):
        col.models.add_field(model, col.models.new_field(name))
    template = col.models.new_template("Card 1")
    front = "{{ Front }}{{#Note}}<i>{{Note}}</i>{{/Note}}{{^Note}}no note{{/Note}}{{text:Back}}"
    back = "{{FrontSide}}<hr id=answer>{{Back}}{{#c1}}[c1]{{/c1}}{{^ Back }}empty{{/Back}}"
    template["qfmt"], template["afmt"] = front, back
    col.models.add_template(model, template)
    col.models.add(model)
    for fields in (
        {"Front": "Q", "Back": "<b>A</b>", "Note": "n"},
        {"Front": "Q", "Back": "<b>A</b>", "Note": " <br> <div></div>"},
        {"Front": "Q", "Back": "", "Note": ""},
    ):
        note = _add_note(col, "syntax", fields)
        (card,) = note.cards()
        output = card.render_output()
        mine = render_card(front, back, fields, 0, is_cloze=False)
        assert (mine.question, mine.answer) == (output.question_text, output.answer_text)


def test_template_errors_are_reported() -> None:
    for bad in ("{{#A}}x", "{{/A}}", "{{#A}}{{/B}}", "{{Front"):
        with pytest.raises(TemplateError):
            parse_template(bad)
    with pytest.raises(TemplateError, match="no field 'Nope'"):
        render_card("{{Nope}}", "", {"Front": "x"}, 0, is_cloze=False)
    with pytest.raises(TemplateError, match="no cloze c2"):
        render_card("{{cloze:Text}}", "", {"Text": "{{c1::a}}"}, 1, is_cloze=True)


def test_cloze_helpers() -> None:
    sigma = "\u03c3"  # wider than Latin-1: kept as it is
    assert encode_attribute(f'a b"<é>{sigma}/') == f"a&#x20;b&quot;&lt;&#xE9;&gt;{sigma}&#x2F;"
    assert cloze_filter("{{c2::x}}", 1, question=True) == ""
    assert plain_text("<p>A {{c1::list::hint}} &amp; {{c2::more}}</p>") == "A list & more"


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_writes_a_page_per_card_with_media(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(MATHJAX_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "site"
    code, stdout, _ = _cli(["preview", str(SAMPLE), "--out", str(out)], capsys)
    assert code == 0
    assert "wrote site/index.html" in stdout
    index = (out / "index.html").read_text(encoding="utf-8")
    result = check([SAMPLE])
    (checked,) = result.decks
    pages = sorted(p.name for p in (out / "cards" / "sample").glob("*.html"))
    expected = sorted(
        page.file for note in checked.notes for page in card_pages(note, "ankigen Sample")
    )
    assert pages == expected and len(pages) == 9
    for note in checked.notes:
        assert f'data-note="sample/{note.note.meta.id}"' in index
        for page in card_pages(note, "ankigen Sample"):
            html = (out / "cards" / "sample" / page.file).read_text(encoding="utf-8")
            assert f'id="front">{page.sides.question}</div>' in html
            assert f'id="back">{page.sides.answer}</div>' in html
            assert f"assets/note-types/{note.note_type.id}.css" in html
    # Media are named by content: the first 20 hex digits of the file's SHA-256.
    digest = hashlib.sha256((SAMPLE / "img" / "pipeline.svg").read_bytes()).hexdigest()[:20]
    copied = out / "cards" / "sample" / f"ankigen-{digest}.svg"
    assert copied.read_bytes() == (SAMPLE / "img" / "pipeline.svg").read_bytes()
    assert (out / "assets" / "note-types" / f"{BASIC.id}.css").read_text() == BASIC.css
    assert 'id="no-mathjax"' in index and "assets/mathjax" not in index
    assert (out / MARKER).is_file()


def test_cli_copies_mathjax_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    es5 = tmp_path / "mathjax" / "es5"
    write(es5 / "tex-chtml.js", "/* MathJax */")
    write(es5 / "output" / "chtml" / "fonts" / "woff-v2" / "MathJax_Main-Regular.woff", "font")
    write(es5 / "input" / "tex" / "extensions" / "mhchem.js", "/* mhchem */")
    monkeypatch.setenv(MATHJAX_ENV, str(es5))
    out = tmp_path / "site"
    code, _, _ = _cli(["preview", str(SAMPLE), "--out", str(out)], capsys)
    assert code == 0
    copied = out / "assets" / "mathjax"
    assert (copied / "tex-chtml.js").read_text() == "/* MathJax */"
    assert (
        copied / "output" / "chtml" / "fonts" / "woff-v2" / "MathJax_Main-Regular.woff"
    ).is_file()
    assert (copied / "input" / "tex" / "extensions" / "mhchem.js").is_file()
    page = (out / "cards" / "sample" / "softmax.c1.html").read_text(encoding="utf-8")
    assert 'src="../../assets/mathjax/tex-chtml.js"' in page
    assert '"load": ["[tex]/mhchem"]' in page and 'id="no-mathjax"' not in page


def test_cli_errors_are_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MATHJAX_ENV, str(tmp_path / "missing.js"))
    code, _, err = _cli(["preview", str(SAMPLE), "--out", str(tmp_path / "a")], capsys)
    assert code == 1 and "missing.js: no such file" in err and "Traceback" not in err
    monkeypatch.delenv(MATHJAX_ENV)

    foreign = tmp_path / "foreign"
    write(foreign / "keep.txt", "mine")
    code, _, err = _cli(["preview", str(SAMPLE), "--out", str(foreign)], capsys)
    assert code == 1 and "was not written by 'ankigen preview'" in err
    assert (foreign / "keep.txt").read_text() == "mine"

    bad = tmp_path / "content" / "deck"
    write(bad / "deck.yaml", 'name: "Bad"\n')
    write(bad / "x.md", note_file("x", "no heading here\n"))
    code, stdout, _ = _cli(["preview", str(bad), "--out", str(tmp_path / "b")], capsys)
    assert code == 1 and "AG030" in stdout and not (tmp_path / "b").exists()


def test_rebuild_replaces_its_own_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(MATHJAX_ENV, raising=False)
    out = tmp_path / "site"
    assert _cli(["preview", str(SAMPLE), "--out", str(out)], capsys)[0] == 0
    stale = write(out / "cards" / "sample" / "gone.1.html", "old")
    assert _cli(["preview", str(SAMPLE), "--out", str(out)], capsys)[0] == 0
    assert not stale.exists()
    assert re.search(r"9 cards", (out / "index.html").read_text(encoding="utf-8"))


def test_cli_warns_where_an_svg_vanishes_in_night_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.svg_night_cases import FIXED, VANISHING
    from tests.test_svg_contrast import BILLION_LAUGHS

    monkeypatch.delenv(MATHJAX_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    deck = tmp_path / "content" / "d"
    write(deck / "deck.yaml", 'name: "D"\n')
    write(deck / "img" / "dark.svg", VANISHING["black-stroke"])
    write(deck / "img" / "fixed.svg", FIXED["white-rect"])
    write(deck / "img" / "laughs.svg", BILLION_LAUGHS)
    write(deck / "a.md", note_file("a", "# Which curve?\n\nSee\n  ![curve](img/dark.svg)\n"))
    write(deck / "b.md", note_file("b", "# Fixed?\n\n![curve](img/fixed.svg)\n"))
    write(deck / "c.md", note_file("c", "# Hostile?\n\n![x](<img/laughs.svg>)\n"))
    code, stdout, _ = _cli(["preview", "content", "--out", "site"], capsys)
    assert code == 0 and "wrote site/index.html" in stdout
    lines = [line for line in stdout.splitlines() if "night-mode" in line]
    assert len(lines) == 2
    assert lines[0].startswith(
        "content/d/a.md:7:3: night-mode image img/dark.svg vanishes in night mode: "
        "everything it draws is black or near-black"
    )
    assert '<rect width="100%" height="100%" fill="white"/>' in lines[0]
    assert lines[1].startswith(
        "content/d/c.md:6:1: night-mode image img/laughs.svg was not checked for night mode: "
        "it declares entities"
    )
    page = (tmp_path / "site" / "cards" / "d" / "a.1.html").read_text(encoding="utf-8")
    assert 'class="preview-note night-warning"' in page and "side night-risk" in page
    fixed = (tmp_path / "site" / "cards" / "d" / "b.1.html").read_text(encoding="utf-8")
    assert "night-warning" not in fixed and "night-risk" not in fixed
