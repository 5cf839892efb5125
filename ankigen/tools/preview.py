"""A static HTML preview of every card, rendered with the note types' real templates and CSS.

Layout of the output folder (see docs/preview.md):

    index.html                      decks and notes, filter by tag and text
    cards/<deck>/<note>.<n>.html    one page per card: front and back as Anki renders them
    cards/<deck>/<media>            the images the cards use, under their Anki names
    assets/                         the note types' CSS, and MathJax when one is available
    .ankigen-preview                marks the folder as ours, so a rebuild may replace it

Night mode follows the system's colour scheme until the reader picks one with the toggle.
SVG images that would vanish on the night card are returned as warnings and marked on the
pages (``preview_night.py``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

import click

from ankigen.diagnostics import Diagnostic, sorted_diagnostics
from ankigen.pipeline.check import CheckedDeck, CheckResult
from ankigen.render.anki_template import (
    RenderedCard,
    TemplateError,
    render_card,
    strip_html,
    without_clozes,
)
from ankigen.render.note import RenderedNote
from ankigen.render.notetypes import Kind
from ankigen.tools.preview_night import NightRisk, night_risks

MATHJAX_ENV = "ANKIGEN_MATHJAX"
MARKER = ".ankigen-preview"
_OWNED = ("index.html", "cards", "assets", MARKER)
# MathJax extensions Anki loads beyond those in the tex-chtml bundle (ts/mathjax/index.ts).
_MATHJAX_EXTENSIONS = ("action", "mathtools", "mhchem")
_MATHJAX_FONTS = Path("output/chtml/fonts/woff-v2")


class PreviewError(click.ClickException):
    """A problem the user can fix (output folder, MathJax path): a message, not a traceback."""


@dataclass(frozen=True)
class CardPage:
    ordinal: int  # Anki's card ord: template index, or cloze number - 1
    label: str  # c1, c2 … for clozes, else the template name
    file: str  # the page's name inside cards/<deck>/
    sides: RenderedCard


def _field_map(note: RenderedNote, deck_name: str, template_name: str) -> dict[str, str]:
    """The note's fields by name plus the special fields Anki adds (add_special_fields)."""
    fields = dict(zip(note.note_type.fields, note.fields, strict=True))
    specials = {
        "Tags": " ".join(note.tags),
        "Type": note.note_type.name,
        "Deck": deck_name,
        "Subdeck": deck_name.rsplit("::", 1)[-1],
        "Card": template_name,
        "CardFlag": "",
    }
    return {**specials, **fields}


def card_pages(note: RenderedNote, deck_name: str) -> list[CardPage]:
    """Every card of the note, front and back, as Anki's ``card.render_output()`` gives them."""
    spec = note.note_type
    note_id = note.note.meta.id
    try:
        if spec.kind is Kind.CLOZE:
            (template,) = spec.templates
            fields = _field_map(note, deck_name, template.name)
            return [
                CardPage(
                    number - 1,
                    f"c{number}",
                    f"{note_id}.c{number}.html",
                    render_card(template.front, template.back, fields, number - 1, is_cloze=True),
                )
                for number in note.cloze_numbers
            ]
        return [
            CardPage(
                ordinal,
                template.name,
                f"{note_id}.{ordinal + 1}.html",
                render_card(
                    template.front,
                    template.back,
                    _field_map(note, deck_name, template.name),
                    ordinal,
                    is_cloze=False,
                ),
            )
            for ordinal, template in enumerate(spec.templates)
        ]
    except TemplateError as error:
        raise PreviewError(f"{note.note.path}: cannot render the card: {error}") from None


# Text for the index
# ----------------------------------------

_SPACES = re.compile(r"\s+")


def plain_text(html: str) -> str:
    """What a reader sees of a field, without tags, cloze markers or hints."""
    return _SPACES.sub(" ", unescape(strip_html(without_clozes(html)))).strip()


def note_title(note: RenderedNote) -> str:
    if note.note_type.kind is Kind.CLOZE:
        title, text = note.fields[2], note.fields[0]
        return plain_text(title) or _shorten(plain_text(text))
    return plain_text(note.fields[0])


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# MathJax
# ----------------------------------------


def find_mathjax() -> Path | None:
    """tex-chtml.js from ANKIGEN_MATHJAX (the file or its es5 folder), else ./node_modules."""
    configured = os.environ.get(MATHJAX_ENV, "").strip()
    if configured:
        path = Path(configured).expanduser()
        script = path / "tex-chtml.js" if path.is_dir() else path
        if not script.is_file():
            raise PreviewError(
                f"{MATHJAX_ENV}={configured}: no such file; point it at MathJax 3's "
                "es5/tex-chtml.js (npm install mathjax@3) or unset it"
            )
        return script
    local = Path.cwd() / "node_modules" / "mathjax" / "es5" / "tex-chtml.js"
    return local if local.is_file() else None


def _copy_mathjax(script: Path, assets: Path) -> tuple[str, ...]:
    """Copy the bundle, its fonts and Anki's extra extensions; the extensions copied."""
    target = assets / "mathjax"
    target.mkdir(parents=True)
    shutil.copyfile(script, target / "tex-chtml.js")
    fonts = script.parent / _MATHJAX_FONTS
    if fonts.is_dir():
        shutil.copytree(fonts, target / _MATHJAX_FONTS)
    copied = []
    for name in _MATHJAX_EXTENSIONS:
        extension = Path("input/tex/extensions") / f"{name}.js"
        if (script.parent / extension).is_file():
            (target / extension).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(script.parent / extension, target / extension)
            copied.append(name)
    return tuple(copied)


def _mathjax_head(root: str, extensions: tuple[str, ...] | None) -> str:
    """Anki's MathJax configuration (ts/mathjax/index.ts), typesetting the page on load."""
    if extensions is None:
        return ""
    config = {
        "tex": {
            "displayMath": [["\\[", "\\]"]],
            "processEscapes": False,
            "processEnvironments": False,
            "processRefs": False,
            "packages": {"[+]": list(extensions)},
        },
        "loader": {"load": [f"[tex]/{name}" for name in extensions]},
    }
    return (
        f"<script>window.MathJax = {json.dumps(config)};</script>\n"
        f'<script defer src="{root}assets/mathjax/tex-chtml.js"></script>\n'
    )


_NO_MATHJAX = (
    '<p class="preview-note" id="no-mathjax">Math is shown as TeX: no MathJax was found. '
    f"Set {MATHJAX_ENV} to MathJax 3's <code>es5/tex-chtml.js</code> "
    "(<code>npm install mathjax@3</code>) and run <code>ankigen preview</code> again.</p>"
)


# Pages
# ----------------------------------------

_PAGE_CSS = """\
:root { color-scheme: light; }
body.preview { margin: 0; font: 15px/1.45 -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  background: #f5f5f7; color: #1d1d1f; }
body.preview.nightMode { color-scheme: dark; background: #111113; color: #e8e8ed; }
.preview-bar { display: flex; flex-wrap: wrap; gap: 0.6em 1em; align-items: center;
  padding: 0.7em 1.2em; background: #fff; border-bottom: 1px solid #d2d2d7;
  position: sticky; top: 0; z-index: 1; }
.nightMode .preview-bar { background: #1c1c1e; border-color: #3a3a3c; }
.preview-bar h1 { font-size: 1.1em; margin: 0 auto 0 0; }
.preview-bar input, .preview-bar select, .preview-bar button {
  font: inherit; padding: 0.25em 0.5em; }
.preview-main { max-width: 60em; margin: 0 auto; padding: 1em 1.2em 3em; }
.preview-note { background: #fff4ce; color: #5c4400; padding: 0.6em 0.9em; border-radius: 6px; }
.preview a { color: #0a58ca; }
.nightMode.preview a { color: #6cb6ff; }
.deck h2 { font-size: 1.2em; margin: 1.4em 0 0.4em; }
.deck h2 small, .note .meta { color: #6e6e73; font-weight: normal; font-size: 0.85em; }
.notes { list-style: none; padding: 0; margin: 0; }
.note { padding: 0.5em 0; border-bottom: 1px solid #e5e5ea; }
.nightMode .note { border-color: #2c2c2e; }
.note .title { font-weight: 600; }
.tag { display: inline-block; font-size: 0.8em; padding: 0 0.45em; margin: 0 0.2em;
  border-radius: 4px; background: #e8e8ed; color: inherit; border: 0; cursor: pointer; }
.nightMode .tag { background: #2c2c2e; }
.side-label { font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.06em;
  color: #6e6e73; margin: 1.4em 0 0.4em; }
:where(.side) > .card { padding: 20px; border-radius: 8px; border: 1px solid #d2d2d7;
  overflow-wrap: break-word; }
.nightMode :where(.side) > .card { border-color: #3a3a3c; }
.night-warning { background: #fde2e1; color: #7a1712; }
.night-risk { display: inline-block; font-size: 0.8em; padding: 0 0.45em; margin: 0 0.2em;
  border-radius: 4px; background: #fde2e1; color: #7a1712; }
.nightMode :where(.side.night-risk) > .card { outline: 2px dashed #ff6b61; outline-offset: 3px; }
[hidden] { display: none !important; }
"""

# Anki's night mode puts both classes on the ancestors of .card. Until the reader presses the
# toggle the page follows the system's colour scheme (live); a press is remembered and wins.
_NIGHT_SCRIPT = """\
<script>
(function () {
  var KEY = "ankigen-preview-night";
  var system = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function apply() {
    var choice = stored();
    var on = choice === null ? !!(system && system.matches) : choice === "1";
    document.body.classList.toggle("nightMode", on);
    document.body.classList.toggle("night_mode", on);
    document.body.dataset.nightSource = choice === null ? "system" : "choice";
    var button = document.getElementById("night-toggle");
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = on ? "Light mode" : "Night mode";
  }
  apply();
  if (system) {
    system.addEventListener("change", apply);
  }
  document.getElementById("night-toggle").addEventListener("click", function () {
    var on = !document.body.classList.contains("nightMode");
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) {}
    apply();
  });
})();
</script>
"""

_FILTER_SCRIPT = """\
<script>
(function () {
  var search = document.getElementById("search");
  var tagSelect = document.getElementById("tag-filter");
  var count = document.getElementById("count");
  var notes = Array.prototype.slice.call(document.querySelectorAll(".note"));
  function hasTag(note, wanted) {
    if (!wanted) return true;
    return note.dataset.tags.split(" ").some(function (tag) {
      return tag === wanted || tag.indexOf(wanted + "::") === 0;
    });
  }
  function update() {
    var words = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    notes.forEach(function (note) {
      var text = note.dataset.search;
      var visible = hasTag(note, tagSelect.value) && words.every(function (word) {
        return text.indexOf(word) >= 0;
      });
      note.hidden = !visible;
      if (visible) shown += 1;
    });
    document.querySelectorAll(".deck").forEach(function (deck) {
      deck.hidden = !deck.querySelector(".note:not([hidden])");
    });
    count.textContent = shown + " of " + notes.length + " notes";
    document.getElementById("no-match").hidden = shown > 0;
  }
  search.addEventListener("input", update);
  tagSelect.addEventListener("change", update);
  document.querySelectorAll(".note .tag").forEach(function (button) {
    button.addEventListener("click", function () {
      tagSelect.value = button.dataset.tag;
      update();
    });
  });
  update();
})();
</script>
"""


def _document(title: str, head: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n{head}</head>\n"
        f'<body class="preview">\n{body}{_NIGHT_SCRIPT}</body>\n</html>\n'
    )


def _night_button() -> str:
    return '<button type="button" id="night-toggle" aria-pressed="false">Night mode</button>'


def _all_tags(decks: tuple[CheckedDeck, ...]) -> list[str]:
    """Every tag and every parent of a hierarchical tag (a::b gives a and a::b)."""
    tags: set[str] = set()
    for checked in decks:
        for note in checked.notes:
            for tag in note.tags:
                parts = tag.split("::")
                tags.update("::".join(parts[: i + 1]) for i in range(len(parts)))
    return sorted(tags, key=str.lower)


def _note_item(note: RenderedNote, slug: str, pages: list[CardPage], risks: list[NightRisk]) -> str:
    search = " ".join(
        [note.note.meta.id, *(plain_text(value) for value in note.fields), *note.tags]
    ).lower()
    links = " ".join(
        f'<a class="card-link" href="cards/{slug}/{page.file}">{escape(page.label)}</a>'
        for page in pages
    )
    tags = "".join(
        f'<button type="button" class="tag" data-tag="{escape(tag)}">{escape(tag)}</button>'
        for tag in note.tags
    )
    badge = (
        f'<span class="night-risk" title="{escape(_risk_names(risks))}">'
        "vanishes in night mode</span>"
        if risks
        else ""
    )
    return (
        f'<li class="note" data-note="{escape(slug)}/{escape(note.note.meta.id)}" '
        f'data-tags="{escape(" ".join(note.tags))}" data-search="{escape(search)}">'
        f'<a class="title" href="cards/{slug}/{pages[0].file}">{escape(note_title(note))}</a>'
        f'{badge}<div class="meta">{escape(note.note.meta.type.value)} · '
        f"{escape(note.note.path.name)} · cards: {links} {tags}</div></li>\n"
    )


def _risk_names(risks: list[NightRisk]) -> str:
    return ", ".join(sorted({risk.media.source.name for risk in risks}))


def _index_page(
    decks: tuple[CheckedDeck, ...],
    pages: dict[str, list[CardPage]],
    risks: dict[str, list[NightRisk]],
    mathjax: str,
) -> str:
    options = "".join(
        f'<option value="{escape(tag)}">{escape(tag)}</option>' for tag in _all_tags(decks)
    )
    bar = (
        '<header class="preview-bar"><h1>ankigen preview</h1>'
        '<input type="search" id="search" placeholder="Search text" aria-label="Search text">'
        '<select id="tag-filter" aria-label="Filter by tag">'
        f'<option value="">All tags</option>{options}</select>'
        f'<span id="count"></span>{_night_button()}</header>\n'
    )
    sections = []
    for checked in decks:
        slug = checked.deck.slug
        cards = sum(len(pages[f"{slug}/{n.note.meta.id}"]) for n in checked.notes)
        items = "".join(
            _note_item(note, slug, pages[_key(slug, note)], risks[_key(slug, note)])
            for note in checked.notes
        )
        sections.append(
            f'<section class="deck" data-deck="{escape(slug)}">'
            f"<h2>{escape(checked.deck.spec.config.name)} "
            f"<small>{len(checked.notes)} notes, {cards} cards</small></h2>\n"
            f'<ul class="notes">\n{items}</ul></section>\n'
        )
    body = (
        f'{bar}<main class="preview-main">\n{"" if mathjax else _NO_MATHJAX}'
        f'{"".join(sections)}<p id="no-match" hidden>No note matches.</p></main>\n'
        f"{_FILTER_SCRIPT}"
    )
    head = f'<link rel="stylesheet" href="assets/preview.css">\n{mathjax}'
    return _document("ankigen preview", head, body)


def _card_page(
    note: RenderedNote,
    deck_name: str,
    page: CardPage,
    siblings: list[CardPage],
    risks: list[NightRisk],
    mathjax: str,
) -> str:
    number = page.ordinal + 1
    current = ' aria-current="page"'
    others = " ".join(
        f'<a href="{p.file}"{current if p is page else ""}>{escape(p.label)}</a>' for p in siblings
    )
    tags = " ".join(f'<span class="tag">{escape(tag)}</span>' for tag in note.tags)
    bar = (
        '<header class="preview-bar"><a href="../../index.html">← All notes</a>'
        f"<h1>{escape(deck_name)} · {escape(note.note.meta.id)} · {escape(page.label)}</h1>"
        f"<span>cards: {others}</span>{_night_button()}</header>\n"
    )
    sides = "".join(
        f'<section class="side{_risky(html, risks)}" data-side="{side}">'
        f'<h2 class="side-label">{label}</h2>'
        f'<div class="card card{number}" id="{side}">{html}</div></section>\n'
        for side, label, html in (
            ("front", "Front", page.sides.question),
            ("back", "Back", page.sides.answer),
        )
    )
    meta = (
        f'<p class="meta">{escape(note.note_type.name)} · {escape(note.note.path.name)} · '
        f"{tags}</p>\n"
    )
    warnings = "".join(
        f'<p class="preview-note night-warning" data-media="{escape(risk.media.name)}">'
        f"{escape(risk.diagnostic.message)}</p>\n"
        for risk in risks
    )
    body = (
        f'{bar}<main class="preview-main">\n{"" if mathjax else _NO_MATHJAX}{meta}{warnings}'
        f"{sides}</main>\n"
    )
    head = (
        '<link rel="stylesheet" href="../../assets/preview.css">\n'
        f'<link rel="stylesheet" href="../../assets/note-types/{note.note_type.id}.css">\n'
        f"{mathjax}"
    )
    return _document(f"{note_title(note)} ({page.label})", head, body)


def _risky(side_html: str, risks: list[NightRisk]) -> str:
    """The class that marks a card side showing an image that vanishes in night mode."""
    return " night-risk" if any(risk.media.name in side_html for risk in risks) else ""


# Writing
# ----------------------------------------


@dataclass(frozen=True)
class Preview:
    index: Path  # the site's index.html
    warnings: list[Diagnostic]  # located, sorted: SVG images that vanish in night mode


def _key(slug: str, note: RenderedNote) -> str:
    return f"{slug}/{note.note.meta.id}"


def _prepare(out_dir: Path) -> None:
    """Clear what an earlier preview wrote; refuse a folder with other content."""
    if out_dir.exists() and not out_dir.is_dir():
        raise PreviewError(f"{out_dir} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise PreviewError(
            f"{out_dir} is not empty and was not written by 'ankigen preview': "
            "choose another --out folder"
        )
    for name in _OWNED:
        path = out_dir / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MARKER).write_text("written by ankigen preview; the folder is replaced on rebuild\n")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_preview(result: CheckResult, out_dir: Path) -> Preview:
    """Write the preview site for every deck of ``result``: its index.html and warnings."""
    script = find_mathjax()
    all_pages = {
        _key(checked.deck.slug, note): card_pages(note, checked.deck.spec.config.name)
        for checked in result.decks
        for note in checked.notes
    }
    risks = {
        _key(checked.deck.slug, note): night_risks(checked, note)
        for checked in result.decks
        for note in checked.notes
    }
    try:
        _prepare(out_dir)
        assets = out_dir / "assets"
        extensions = None if script is None else _copy_mathjax(script, assets)
        _write(assets / "preview.css", _PAGE_CSS)
        for spec in {note.note_type for checked in result.decks for note in checked.notes}:
            _write(assets / "note-types" / f"{spec.id}.css", spec.css)
        for checked in result.decks:
            _write_deck(checked, out_dir, all_pages, risks, extensions)
        index = out_dir / "index.html"
        _write(index, _index_page(result.decks, all_pages, risks, _mathjax_head("", extensions)))
    except OSError as error:
        raise PreviewError(f"cannot write the preview: {error}") from None
    warnings = [risk.diagnostic for found in risks.values() for risk in found]
    return Preview(index, sorted_diagnostics(warnings))


def _write_deck(
    checked: CheckedDeck,
    out_dir: Path,
    all_pages: dict[str, list[CardPage]],
    risks: dict[str, list[NightRisk]],
    extensions: tuple[str, ...] | None,
) -> None:
    folder = out_dir / "cards" / checked.deck.slug
    folder.mkdir(parents=True, exist_ok=True)
    mathjax = _mathjax_head("../../", extensions)
    name = checked.deck.spec.config.name
    for note in checked.notes:
        for media in note.media:
            shutil.copyfile(media.source, folder / media.name)
        key = _key(checked.deck.slug, note)
        pages = all_pages[key]
        for page in pages:
            _write(folder / page.file, _card_page(note, name, page, pages, risks[key], mathjax))
