"""``ankigen import apkg``: Anki packages -> notes, and the round trip back into Anki."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from ankigen.cli import main
from ankigen.pipeline.build import build
from ankigen.pipeline.check import check
from ankigen.render.notetypes import BASIC, CLOZE
from ankigen.source.load import load_note
from ankigen.tools.importers.apkg import EDITED, field_to_markdown, import_apkg
from ankigen.tools.importers.report import ImportError_
from tests.conftest import AnkiCollection

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
NASTY_GUID = "a'b\"c#:{}[]"

# --- a hand-written legacy package (collection.anki21) ------------------------------------


def _model(mid: int, name: str, fields: list[str], kind: int = 0, templates: int = 1) -> Any:
    return {
        "id": mid,
        "name": name,
        "type": kind,
        "flds": [{"name": f, "ord": i} for i, f in enumerate(fields)],
        "tmpls": [{"name": f"Card {i + 1}", "ord": i} for i in range(templates)],
    }


MODELS = {
    "1": _model(1, "Basic", ["Front", "Back"]),
    "2": _model(2, "Cloze", ["Text", "Back Extra"], kind=1),
    "3": _model(3, "Vocab", ["Word", "Meaning", "Example"]),
    "4": _model(4, "Q/A", ["Question", "Answer"]),
}


def make_apkg(path: Path, notes: list[tuple[str, int, str, list[str]]], media: Any = None) -> Path:
    """``notes``: (guid, model id, tags, fields); ``media``: {name: bytes}."""
    media = media or {}
    database = path.with_suffix(".sqlite")
    database.unlink(missing_ok=True)
    connection = sqlite3.connect(database)
    connection.executescript(
        "CREATE TABLE col (models TEXT, decks TEXT);"
        "CREATE TABLE notes (id INTEGER, guid TEXT, mid INTEGER, tags TEXT, flds TEXT);"
        "CREATE TABLE cards (id INTEGER, nid INTEGER, did INTEGER);"
    )
    decks = {"1": {"name": "Default"}, "7": {"name": "Languages::Spanish"}}
    connection.execute("INSERT INTO col VALUES (?, ?)", (json.dumps(MODELS), json.dumps(decks)))
    for number, (guid, mid, tags, fields) in enumerate(notes, start=1):
        connection.execute(
            "INSERT INTO notes VALUES (?, ?, ?, ?, ?)",
            (number, guid, mid, tags, "\x1f".join(fields)),
        )
        connection.execute("INSERT INTO cards VALUES (?, ?, 7)", (number, number))
    connection.commit()
    connection.close()
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(database, "collection.anki21")
        archive.writestr("media", json.dumps({str(i): n for i, n in enumerate(media)}))
        for i, data in enumerate(media.values()):
            archive.writestr(str(i), data)
    return path


NOTES = [
    (
        NASTY_GUID,
        1,
        " vocab a::b ",
        ["What is <b>x_1</b>&nbsp;in \\(a_1 &lt; b\\)?", 'It is <img src="dia gram.png">.'],
    ),
    ("cl0ze`$", 2, "", ["The {{c1::capital}} is {{c2::Paris::city}}.", "See \\[x^2\\]."]),
    ("vocab1", 3, "", ["perro", "dog", "El perro"]),
    ("qa1", 4, "", ["Two <i>fields</i>?", "Mapped to basic."]),
]


@pytest.fixture
def apkg(tmp_path: Path) -> Path:
    return make_apkg(tmp_path / "deck.apkg", NOTES, {"dia gram.png": PNG})


def _notes(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


# --- unit tests ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field_html", "markdown"),
    [
        ("<b>bold</b> and <i>it</i>", "**bold** and *it*"),
        ("<div>one</div><div>two</div>", "one\n\ntwo"),
        ("a<br>b", "a\\\nb"),
        ("x&nbsp;&amp;&nbsp;y", "x & y"),
        ("\\(a_1 &lt; b\\)", "$a_1 < b$"),
        ("\\[\\sum_i x_i\\]", "$$\\sum_i x_i$$"),
        ("costs $5", "costs \\$5"),
        ("{{c1::a_b::hint}} and \\(x = {{c2::2}}\\)", "{{c1::a\\_b::hint}} and $x = {{c2::2}}$"),
        ("<ul><li>a</li><li>b</li></ul>", "- a\n- b"),
        ('<a href="https://example.org">link</a>', "[link](https://example.org)"),
        ("<span style='color:red'>plain</span>", "plain"),
    ],
)
def test_field_html_to_markdown(field_html: str, markdown: str) -> None:
    assert field_to_markdown(field_html) == markdown


def test_images_are_linked_relatively_and_problems_reported() -> None:
    used: set[str] = set()
    problems: list[str] = []
    media = {"a b.png": PNG, "s.mp3": b""}
    html = (
        '<img src="a%20b.png"> <img src="gone.png"> <img src="https://x.org/i.png"> [sound:s.mp3]'
    )
    result = field_to_markdown(html, media, used, problems)
    assert result.startswith("![](media/a%20b.png) [image: gone.png] [image: https://x.org/i.png]")
    assert used == {"a b.png"}
    assert len(problems) == 3 and "sound" in problems[0]


def test_import_writes_valid_notes_media_tags_and_guids(apkg: Path, tmp_path: Path) -> None:
    deck = tmp_path / "content" / "imported"
    report = import_apkg(apkg, deck, force=False)
    notes = _notes(deck)
    assert sorted(notes) == [
        "the-capital-is-paris.md",
        "two-fields.md",
        "what-is-x-1-in-a-1-b.md",
    ]
    assert notes["what-is-x-1-in-a-1-b.md"] == (
        "---\nid: what-is-x-1-in-a-1-b\ntype: basic\ntags: ['a::b', 'vocab']\n"
        "guid: 'a''b\"c#:{}[]'\n---\n"
        "# What is **x\\_1** in $a_1 < b$?\n\nIt is ![](media/dia%20gram.png).\n"
    )
    assert notes["the-capital-is-paris.md"].endswith(
        "---\nThe {{c1::capital}} is {{c2::Paris::city}}.\n\n***\n\nSee $$x^2$$.\n"
    )
    assert (deck / "media" / "dia gram.png").read_bytes() == PNG
    assert 'name: "Languages::Spanish"' in (deck / "deck.yaml").read_text()
    assert deck / "media" / "dia gram.png" in report.written

    # The GUIDs round-trip exactly through ankigen's YAML loader.
    guids = {load_note(deck / name)[0].meta.guid for name in notes}  # type: ignore[union-attr]
    assert guids == {NASTY_GUID, "cl0ze`$", "qa1"}
    result = check([deck])
    assert result.ok, result.diagnostics

    # The unmappable note type is reported with its name and fields, never silently dropped.
    (warning,) = [w for w in report.warnings if "Vocab" in w]
    assert "fields: Word, Meaning, Example" in warning and "1 note(s) not imported" in warning


def test_rerun_gives_identical_bytes_and_skips_edited_notes(apkg: Path, tmp_path: Path) -> None:
    deck = tmp_path / "content" / "imported"
    import_apkg(apkg, deck, force=False)
    before = {p: p.read_bytes() for p in sorted(deck.rglob("*")) if p.is_file()}
    again = import_apkg(apkg, deck, force=False)
    assert again.written == [] and again.skipped == []
    assert {p: p.read_bytes() for p in sorted(deck.rglob("*")) if p.is_file()} == before

    edited = deck / "two-fields.md"
    edited.write_text(edited.read_text() + "\nMy own addition.\n")
    report = import_apkg(apkg, deck, force=False)
    assert report.skipped == [(edited, EDITED)] and report.written == []
    assert "My own addition." in edited.read_text()
    forced = import_apkg(apkg, deck, force=True)
    assert forced.written == [edited] and edited.read_bytes() == before[edited]


def test_ids_are_unique_and_stable(tmp_path: Path) -> None:
    package = make_apkg(
        tmp_path / "same.apkg",
        [("g1", 1, "", ["Same?", "one"]), ("g2", 1, "", ["Same?", "two"])],
    )
    deck = tmp_path / "content" / "d"
    import_apkg(package, deck, force=False)
    assert sorted(_notes(deck)) == ["same-2.md", "same.md"]
    # A hand-written note already holding an id is never taken over.
    other = tmp_path / "content" / "e"
    other.mkdir(parents=True)
    (other / "same.md").write_text("---\nid: same\n---\n# Mine\n\nyes\n")
    import_apkg(package, other, force=False)
    assert sorted(_notes(other)) == ["same-2.md", "same-3.md", "same.md"]
    assert "# Mine" in (other / "same.md").read_text()


def test_not_a_package(tmp_path: Path) -> None:
    bad = tmp_path / "bad.apkg"
    bad.write_bytes(b"nope")
    with pytest.raises(ImportError_, match="not an Anki package"):
        import_apkg(bad, tmp_path / "d", force=False)
    assert main(["import", "apkg", str(bad), "--deck", "d", "--out", str(tmp_path)]) == 1


# --- the round trip with the official anki package ------------------------------------------


def _export(col: Any, out: Path, legacy: bool) -> Path:
    from anki.collection import ExportAnkiPackageOptions

    options = ExportAnkiPackageOptions(
        with_scheduling=True, with_deck_configs=False, with_media=True, legacy=legacy
    )
    col.export_anki_package(out_path=str(out), options=options, limit=None)
    return out


def _learner_collection(tmp_path: Path) -> AnkiCollection:
    """A learner's collection: stock Basic and Cloze notes, an image, tags, math, reviews."""
    anki = AnkiCollection(tmp_path / "learner.anki2")
    col = anki.col
    image = tmp_path / "cell.png"
    image.write_bytes(PNG)
    stored = col.media.add_file(str(image))
    deck_id = col.decks.id("Biology")
    basic = col.new_note(col.models.by_name("Basic"))
    basic["Front"] = "What is the <b>powerhouse</b> of the cell?"
    basic["Back"] = f'The mitochondrion <img src="{stored}">'
    basic.tags = ["bio::cells"]
    col.add_note(basic, deck_id)
    cloze = col.new_note(col.models.by_name("Cloze"))
    cloze["Text"] = "Energy: \\(E = {{c1::mc^2}}\\) and {{c2::ATP}}"
    cloze["Back Extra"] = "Einstein"
    col.add_note(cloze, deck_id)
    for card_id in [*basic.card_ids(), *cloze.card_ids()]:
        card = col.get_card(card_id)
        card.start_timer()
        col.sched.answerCard(card, 3)
    return anki


def _history(col: Any) -> tuple[int, list[tuple[int, int]]]:
    revlog = int(col.db.scalar("select count() from revlog"))
    return revlog, sorted((int(c), int(r)) for c, r in col.db.all("select id, reps from cards"))


def _counts(log: Any) -> tuple[int, int, int, int]:
    return (len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting))


def _change_note_types(col: Any) -> None:
    """What the learner does once in Browse → Notes → Change Note Type."""
    wanted = {"Front": "Front", "Back": "Back", "Text": "Text", "Extra": "Back Extra"}
    for old_name, new_id in [("Basic", BASIC.id), ("Cloze", CLOZE.id)]:
        old = col.models.by_name(old_name)
        new = col.models.get(new_id)
        info = col.models.change_notetype_info(old_notetype_id=old["id"], new_notetype_id=new_id)
        request = info.input
        old_fields = [f["name"] for f in old["flds"]]
        request.new_fields[:] = [
            old_fields.index(wanted[f["name"]]) if wanted.get(f["name"]) in old_fields else -1
            for f in new["flds"]
        ]
        request.note_ids.extend(col.models.nids(old["id"]))
        col.models.change_notetype_of_notes(request)


@pytest.mark.parametrize("legacy", [True, False], ids=["anki21", "anki21b"])
def test_round_trip_updates_learner_notes_after_change_note_type(
    tmp_path: Path, legacy: bool
) -> None:
    anki = _learner_collection(tmp_path)
    try:
        col = anki.col
        package = _export(col, tmp_path / "learner.apkg", legacy)
        with zipfile.ZipFile(package) as archive:
            assert ("collection.anki21b" in archive.namelist()) is not legacy
        original = {guid: note.mid for guid, note in anki.notes_by_guid().items()}
        history = _history(col)
        assert history[0] == 3

        content = tmp_path / "content"
        assert main(["import", "apkg", str(package), "--deck", "bio", "--out", str(content)]) == 0
        deck = content / "bio"
        assert sorted(p.name for p in deck.glob("*.md")) == [
            "energy-e-mc-2-and-atp.md",
            "what-is-the-powerhouse-of-the-cell.md",
        ]
        assert (
            "$E = {{c1::mc^2}}$ and {{c2::ATP}}" in (deck / "energy-e-mc-2-and-atp.md").read_text()
        )
        # Times are set explicitly (no git here: a file's mtime is its note's modification time).
        future, past = 4_000_000_000, 1_000_000_000  # 2096, 2001
        for note_file in deck.glob("*.md"):
            os.utime(note_file, (future, future))  # the build is newer than the learner's notes
        out = build([content], tmp_path / "build1")
        assert out.check.ok, out.check.diagnostics
        (built,) = out.outputs

        # (1) Straight import: Anki matches the GUIDs but refuses to update across note types.
        log = anki.import_package(built)
        assert _counts(log) == (0, 0, 0, 2)  # zero new, zero duplicates: both "conflicting"
        assert {guid: n.mid for guid, n in anki.notes_by_guid().items()} == original

        # (2) The one-time "Change Note Type" to the ankigen note types, then a newer build.
        _change_note_types(col)
        assert {n.mid for n in anki.notes_by_guid().values()} == {BASIC.id, CLOZE.id}
        touched = deck / "what-is-the-powerhouse-of-the-cell.md"
        touched.write_text(touched.read_text().replace("mitochondrion", "mitochondrion (pl. -ia)"))
        os.utime(touched, (future + 60, future + 60))  # edited later: newer than Anki's copy
        untouched = deck / "energy-e-mc-2-and-atp.md"
        os.utime(untouched, (past, past))  # unchanged: older than Anki's copy (no update)
        out = build([content], tmp_path / "build2")
        assert out.check.ok, out.check.diagnostics
        log = anki.import_package(out.outputs[0])
        assert _counts(log) == (0, 1, 1, 0)
        notes = anki.notes_by_guid()
        assert set(notes) == set(original)
        (updated,) = [n for n in notes.values() if n.mid == BASIC.id]
        assert "mitochondrion (pl. -ia)" in updated["Back"] and "<img" in updated["Back"]
        assert updated.tags == ["bio::cells"]
        assert _history(col) == history  # revlog rows and card reps unchanged
    finally:
        anki.close()


def test_skipped_notes_and_extra_cards_are_reported(tmp_path: Path) -> None:
    MODELS["5"] = _model(5, "Basic (and reversed card)", ["Front", "Back"], templates=2)
    try:
        package = make_apkg(
            tmp_path / "x.apkg",
            [("e1", 1, "", ["Empty back?", ""]), ("r1", 5, 'bad"tag ok', ["Fwd?", "Rev"])],
        )
        report = import_apkg(package, tmp_path / "content" / "x", force=False)
    finally:
        del MODELS["5"]
    assert [p.name for p in report.written] == ["deck.yaml", "fwd.md"]
    text = "\n".join(report.warnings)
    assert "'e1' (Basic): empty front or back: not imported" in text
    assert "makes 2 cards per note" in text
    assert "['bad\"tag'] are not valid ankigen tags" in text


def test_current_format_without_the_anki_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "new.apkg"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("collection.anki21b", b"zstd...")
    monkeypatch.setitem(sys.modules, "anki.collection", None)  # import fails
    with pytest.raises(ImportError_, match="needs the official `anki` package"):
        import_apkg(package, tmp_path / "d", force=False)


# --- Anki LaTeX, line breaks, nothing imported ----------------------------------------------


@pytest.mark.parametrize(
    ("field_html", "markdown"),
    [
        ("[$]x^2 &amp; y[/$]", "$x^2 & y$"),
        ("[$$]\\sum_i<br>x_i[/$$]", "$$\\sum_i x_i$$"),
        (
            "[latex]\\begin{align}a &amp;= b \\\\<br>c\\end{align}[/latex]",
            ("$$\\begin{align}a &= b \\\\ c\\end{align}$$"),
        ),
        ("[LaTeX]\\[E = mc^2\\][/LaTeX]", "$$E = mc^2$$"),
        ("[latex]\\frac{a}{b}[/latex]", "$$\\frac{a}{b}$$"),
        ("[latex]The area_x is $\\pi r^2$.[/latex]", "The area\\_x is $\\pi r^2$."),
        ("[latex]Hello[/latex]", "Hello"),
        ("{{c1::[$]E=mc^2[/$]}}", "{{c1::$E=mc^2$}}"),
        # A line break that ends a block is dropped (it would leave a lone backslash).
        ("first<br>second<br>", "first\\\nsecond"),
        ("<div>one<br></div><div>two</div>", "one\n\ntwo"),
        ("<b>bold<br></b>tail", "**bold**\\\ntail"),
        ("<ul><li>a<br></li><li>b</li></ul>", "- a\n- b"),
    ],
)
def test_anki_latex_and_line_breaks(field_html: str, markdown: str) -> None:
    problems: list[str] = []
    assert field_to_markdown(field_html, problems=problems) == markdown
    assert problems == []


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (
            "\\usepackage{tikz}<br>\\begin{tikzpicture}\\draw (0,0) -- (1,1);\\end{tikzpicture}",
            "needs LaTeX packages",
        ),
        (
            "\\begin{circuitikz}\\draw (0,0) to[R] (2,0);\\end{circuitikz}",
            "environment 'circuitikz'",
        ),
        ("\\begin{tabular}{ll}a &amp; b\\end{tabular}", "environment 'tabular'"),
        ("see \\textbf{this} and $y$", "mixes text and TeX commands"),
    ],
)
def test_latex_needing_latex_is_kept_as_a_block_with_a_warning(body: str, why: str) -> None:
    problems: list[str] = []
    markdown = field_to_markdown(f"Before [latex]{body}[/latex] after", problems=problems)
    before, block, after = markdown.split("\n\n")
    assert (before, after) == ("Before", "after")
    assert block.startswith("```latex\n") and block.endswith("\n```")
    assert "&amp;" not in block and "<br>" not in block
    (problem,) = problems
    assert why in problem and "kept as LaTeX source in a code block" in problem


def test_a_break_in_the_front_is_a_space_not_a_backslash(tmp_path: Path) -> None:
    package = make_apkg(tmp_path / "b.apkg", [("g", 1, "", ["Two<br>lines?", "a<br>b<br>"])])
    deck = tmp_path / "content" / "d"
    import_apkg(package, deck, force=False)
    assert _notes(deck)["two-lines.md"].endswith("---\n# Two lines?\n\na\\\nb\n")


def _nothing_written(tmp_path: Path, package: Path) -> str:
    out = tmp_path / "content"
    code = main(["import", "apkg", str(package), "--deck", "d", "--out", str(out)])
    assert code == 1
    assert not out.exists()  # not even the deck folder or deck.yaml
    with pytest.raises(ImportError_) as raised:
        import_apkg(package, out / "d", force=False)
    return str(raised.value)


def test_an_empty_package_fails_and_writes_nothing(tmp_path: Path) -> None:
    message = _nothing_written(tmp_path, make_apkg(tmp_path / "empty.apkg", []))
    assert "empty.apkg: the package holds no notes" in message


def test_only_unsupported_note_types_fail_and_write_nothing(tmp_path: Path) -> None:
    package = make_apkg(
        tmp_path / "vocab.apkg",
        [("v1", 3, "", ["perro", "dog", "El perro"]), ("e1", 1, "", ["Empty back?", ""])],
    )
    message = _nothing_written(tmp_path, package)
    assert "vocab.apkg: none of its 2 notes could be imported" in message
    assert "1 of note type 'Vocab', which cannot be mapped" in message
    assert "1 with an empty front or back" in message
    assert "Change Note Type" in message


def test_latex_needing_latex_in_a_front_is_inline_code(tmp_path: Path) -> None:
    package = make_apkg(
        tmp_path / "t.apkg",
        [("t", 1, "", ["Draws [latex]\\usepackage{tikz}<br>\\tikz[/latex]?", "a line"])],
    )
    deck = tmp_path / "content" / "d"
    report = import_apkg(package, deck, force=False)
    (text,) = _notes(deck).values()
    assert "\n# Draws `` [latex]\\usepackage{tikz} \\tikz[/latex] ``?\n" in text
    assert any("needs LaTeX packages" in warning for warning in report.warnings)
    assert check([deck]).ok
