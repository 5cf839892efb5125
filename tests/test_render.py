"""Rendering: exact HTML for each Markdown feature, cloze markers surviving everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.render.note import RenderedNote, render_note
from ankigen.source.load import load_deck_config, load_note
from tests.conftest import note_file, write


def render(deck_dir: Path, body: str, note_type: str = "basic") -> RenderedNote:
    path = write(deck_dir / "n.md", note_file("n", body, f"type: {note_type}\n"))
    note, problems = load_note(path)
    deck, deck_problems = load_deck_config(deck_dir)
    assert note is not None and deck is not None, problems + deck_problems
    rendered, diagnostics = render_note(note, deck)
    assert rendered is not None, [d.format() for d in diagnostics]
    return rendered


@pytest.mark.parametrize(
    ("body", "expected_text"),
    [
        # plain, emphasis, hint
        ("A {{c1::list}} is mutable.", "<p>A {{c1::list}} is mutable.</p>"),
        ("{{c1::*very* **bold**}}", "<p>{{c1::<em>very</em> <strong>bold</strong>}}</p>"),
        ("{{c2::tuple::a hint}}", "<p>{{c2::tuple::a hint}}</p>"),
        ("*{{c1::inside emphasis}}*", "<p><em>{{c1::inside emphasis}}</em></p>"),
        # code spans: the cloze around or inside the span
        ("Call {{c1::`model.fit()`}}.", "<p>Call {{c1::<code>model.fit()</code>}}.</p>"),
        ("Call `model.{{c1::fit}}()`.", "<p>Call <code>model.{{c1::fit}}()</code>.</p>"),
        # math: around and inside, with '::' in the hint and braces inside
        ("{{c1::$e^{x}$}}", '<p>{{c1::<span class="math inline">\\(e^{x}\\)</span>}}</p>'),
        ("$E = {{c1::mc^2}}$", '<p><span class="math inline">\\(E = {{c1::mc^2}}\\)</span></p>'),
        (
            "{{c1::$\\frac{a}{b^{2} }$::ratio}}",
            '<p>{{c1::<span class="math inline">\\(\\frac{a}{b^{2} }\\)</span>::ratio}}</p>',
        ),
        # several clozes, nested
        ("{{c1::a {{c2::b}} c}}", "<p>{{c1::a {{c2::b}} c}}</p>"),
        # a brace pair outside any cloze cannot be read as a marker by Anki
        (
            "{{c1::x}} and `d = {1: {2: 3}}`",
            "<p>{{c1::x}} and <code>d = {1: {2: 3&#125;}</code></p>",
        ),
    ],
)
def test_cloze_markers_survive_rendering(deck_dir: Path, body: str, expected_text: str) -> None:
    assert render(deck_dir, body, "cloze").fields[0] == expected_text


def test_cloze_inside_fenced_code_is_highlighted_and_kept(deck_dir: Path) -> None:
    body = '```python\nopen("f", {{c1::"w"::mode}})\n```\n'
    text = render(deck_dir, body, "cloze").fields[0]
    assert text == (
        '<pre class="ankigen-code language-python"><code><span class="nb">open</span>'
        '<span class="p">(</span><span class="s2">"</span><span class="s2">f</span>'
        '<span class="s2">"</span><span class="p">,</span> {{c1::<span class="s2">"</span>'
        '<span class="s2">w</span><span class="s2">"</span>::mode}}<span class="p">)</span>'
        "</code></pre>"
    )


def test_cloze_fields_title_text_extra(deck_dir: Path) -> None:
    rendered = render(
        deck_dir, "# Title *here*\n\nA {{c1::b}} and {{c3::c}}.\n\n***\n\nMore.\n", "cloze"
    )
    text, extra, title, source = rendered.fields
    assert (text, extra, title, source) == (
        "<p>A {{c1::b}} and {{c3::c}}.</p>",
        "<p>More.</p>",
        "Title <em>here</em>",
        "",
    )
    assert rendered.cloze_numbers == (1, 3)


@pytest.mark.parametrize(
    ("body", "front", "back"),
    [
        ("# Q?\n\nA.", "Q?", "<p>A.</p>"),
        (
            "# What is $x^2$?\n\n$$\ny = x^2\n$$\n",
            'What is <span class="math inline">\\(x^2\\)</span>?',
            '<div class="math block">\n\\[y = x^2\\]\n</div>',
        ),
        ("# Q\n\nCosts $5 and $10.", "Q", "<p>Costs $5 and $10.</p>"),
        (
            "# Q\n\n<script>alert(1)</script> <b>x</b>",
            "Q",
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;x&lt;/b&gt;</p>",
        ),
        (
            "# Q\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n",
            "Q",
            '<table>\n<thead>\n<tr>\n<th>a</th>\n<th style="text-align:right">b</th>\n</tr>\n'
            '</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td style="text-align:right">2</td>\n</tr>\n'
            "</tbody>\n</table>",
        ),
        (
            '# Q\n\n[docs](https://example.org "t\\" onclick=\\"x")',
            "Q",
            '<p><a href="https://example.org" title="t&quot; onclick=&quot;x" '
            'rel="noopener noreferrer">docs</a></p>',
        ),
        ("# Q\n\n~~old~~ new", "Q", "<p><s>old</s> new</p>"),
    ],
)
def test_basic_fields(deck_dir: Path, body: str, front: str, back: str) -> None:
    rendered = render(deck_dir, body)
    assert rendered.fields[:2] == (front, back)


def test_code_note_is_highlighted_with_classes(deck_dir: Path) -> None:
    rendered = render(deck_dir, "# Q\n\n```python\nx = 1\n```\n", "code")
    assert rendered.fields[1] == (
        '<pre class="ankigen-code language-python"><code><span class="n">x</span> '
        '<span class="o">=</span> <span class="mi">1</span></code></pre>'
    )
    assert rendered.note_type.name == "ankigen Code v1"


@pytest.mark.parametrize("directive", ["{code-block}", "{code}", "{code-cell}", "{sourcecode}"])
def test_myst_code_directive_names_the_language(deck_dir: Path, directive: str) -> None:
    """ "```{code-block} python" (a MyST page) is highlighted as the Python fence is."""
    plain = render(deck_dir, "# Q\n\n```python\nx = 1\n```\n", "code").fields[1]
    myst = render(deck_dir, f"# Q\n\n```{directive} python\nx = 1\n```\n", "code").fields[1]
    assert myst == plain


def test_myst_directive_without_a_language_is_not_read_as_one(deck_dir: Path) -> None:
    """A directive that names no language ("```{note}") is no language either."""
    rendered = render(deck_dir, "# Q\n\n```{code-block}\nx = 1\n```\n")
    assert "language-python" not in rendered.fields[1]


def test_citation_and_tags_come_from_deck_yaml(tmp_path: Path) -> None:
    deck_dir = tmp_path / "content" / "cite"
    write(
        deck_dir / "deck.yaml",
        'name: D\ntags: [z-deck, a-deck]\nsources:\n  art:\n    title: "A & B"\n'
        '    author: Ann\n    publisher: Pub\n    url: "https://example.org/a?x=1&y=2"\n'
        "    date: 2023-02-22\n",
    )
    rendered = render(deck_dir, "# Q\n\nA.")
    assert rendered.fields[2] == ""
    write(
        deck_dir / "n.md",
        note_file("n", "# Q\n\nA.", "tags: [m]\nsource: {doc: art, question: 7}\n"),
    )
    note, _ = load_note(deck_dir / "n.md")
    deck, _ = load_deck_config(deck_dir)
    assert note is not None and deck is not None
    result, _ = render_note(note, deck)
    assert result is not None
    assert result.fields[2] == (
        '<a href="https://example.org/a?x=1&amp;y=2">A &amp; B</a>, Ann, Pub, 2023-02-22'
        " · question 7"
    )
    assert result.tags == ("a-deck", "m", "z-deck")
