"""AG170/AG171 beyond their fixtures: the data they use, and the claims their messages make
about how ankigen renders Markdown (checked against the real renderer)."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from ankigen.lint.rules.markup import _scan_inline, html_elements
from ankigen.render.markdown import markdown
from tests.rule_harness import FixtureNote, fix_until_stable, lint_rule, write_notes


def test_html_element_data_is_sorted_unique_and_well_formed() -> None:
    text = resources.files("ankigen.lint").joinpath("data/html_elements.txt").read_text("utf-8")
    names = [line for line in text.splitlines() if not line.startswith("#")]
    assert names == sorted(set(names))
    assert all(re.fullmatch(r"[a-z][a-z0-9]*", name) for name in names)
    assert {"a", "b", "br", "code", "div", "img", "li", "p", "span", "sup", "table"} <= set(names)
    assert frozenset(names) == html_elements()
    # Words that are only placeholders or generics in prose must not be element names.
    assert not {"int", "string", "name", "path", "file", "t", "value"} & set(names)


INLINE_TEXTS = [
    "a $x$ b",
    "$5 and $10",
    "cost $5 and $x^2$",
    "a $x^2 $ b",
    "a $ x$ b",
    "a\\$x$ b $y$",
    "a \\\\$x$ b",
    "a $$x$$ and $$ y $$",
    "$$x^2 and $y$",
    "2$x$ and $x$3",
    "`$x$` and $y$",
    "``a ` $b$`` $c$",
    "$a$$b$",
    "$x\ny$",
    "$$",
    "$$$",
    "price $1.5M, $HOME, $x_1 + $y",
    "\\$x$ $y\\$ z$",
    "[$x$](https://example.org) $y$",
    "*$x$* and **$y^2$**",
]


def _parsed_math(text: str) -> list[str]:
    tokens = markdown().parse(text, {})
    return [
        child.content
        for token in tokens
        if token.type == "inline"
        for child in token.children or []
        if child.type.startswith("math")
    ]


@pytest.mark.parametrize("text", INLINE_TEXTS)
def test_dollar_scan_finds_exactly_the_math_that_markdown_renders(text: str) -> None:
    scan = _scan_inline(text)
    found = [text[start + size : end - size] for start, end, size in scan.math]
    assert found == _parsed_math(text)


def test_backslash_parenthesis_is_math_only_around_a_formula() -> None:
    # Session 32: Anki's one-backslash delimiters around TeX are math (AG171 warns); around
    # no TeX and no operator, Markdown's escaped brackets stand, as AG171's warning says.
    math = '<span class="math inline">\\(x^2\\)</span>'
    assert markdown().render("It is \\(x^2\\).").strip() == f"<p>It is {math}.</p>"
    assert markdown().render("It is \\(x\\).").strip() == "<p>It is (x).</p>"
    assert "\\(x^2\\)" in markdown().render("It is $x^2$.")


def test_html_is_shown_as_text_in_a_note() -> None:
    # AG170's premise: raw HTML is off, so a tag reaches the card escaped, as text.
    assert (
        markdown().render("a <b>b</b><br/>").strip() == "<p>a &lt;b&gt;b&lt;/b&gt;&lt;br/&gt;</p>"
    )


def test_fixes_render_as_the_markup_the_author_meant(tmp_path: Path) -> None:
    body = (
        "# What does <b>Adam</b> keep?\n\n"
        "A <i>running mean</i> of gradients<br>and of their <code>square</code>.<br/>\n"
        "Both decay.\n"
    )
    write_notes(tmp_path, [FixtureNote("note", body)])
    assert len(lint_rule(tmp_path, "AG170")) == 5
    fix_until_stable(tmp_path, "AG170")
    assert lint_rule(tmp_path, "AG170") == []
    fixed = (tmp_path / "content" / "deck" / "note.md").read_text(encoding="utf-8")
    html = markdown().render(fixed.split("---\n", 2)[2])
    assert "&lt;" not in html
    assert "<strong>Adam</strong>" in html and "<em>running mean</em>" in html
    assert "<code>square</code>" in html and html.count("<br />") == 2


def test_a_price_paragraph_and_a_formula_paragraph(tmp_path: Path) -> None:
    body = (
        "# What do the runs cost?\n\n"
        "About $3 per run and $40 per sweep; the loss is $\\mathcal{L} = -\\log p$.\n\n"
        "The bound is $O(n \\log n) for sorting.\n"
    )
    write_notes(tmp_path, [FixtureNote("note", body)])
    found = lint_rule(tmp_path, "AG171")
    assert [(d.line, d.column) for d in found] == [(9, 14)]
    assert "never closed" in found[0].message


@pytest.mark.parametrize(
    ("body", "fixed"),
    [
        ("A<br>B\n", "A\\\nB\n"),
        ("A<br>\n- item\n", "A\n- item\n"),
        ("- one<br>two\n- three\n", "- one\\\n  two\n- three\n"),
        ("1. one<br/>two<br/>\n   three\n", "1. one\\\n   two\\\n   three\n"),
        ("A<br><br>B\n", "A\n\nB\n"),
        ("A<br>\n***\n", "A\n***\n"),
        ("Text\n<br/>\nMore\n", "Text\n\nMore\n"),
        ("A <br> - B\n", "A <br> - B\n"),
        ("> quote<br>more\n", "> quote<br>more\n"),
        ("<code>a < b</code> and <code>a &amp; b</code>\n", "`a < b` and <code>a &amp; b</code>\n"),
    ],
)
def test_break_and_code_fixes_keep_the_block_structure(
    tmp_path: Path, body: str, fixed: str
) -> None:
    write_notes(tmp_path, [FixtureNote("note", "# Q\n\n" + body)])
    fix_until_stable(tmp_path, "AG170")
    text = (tmp_path / "content" / "deck" / "note.md").read_text(encoding="utf-8")
    assert text.split("---\n", 2)[2] == "# Q\n\n" + fixed
    # What the fix wrote renders without a literal backslash.
    assert "\\" not in markdown().render(fixed).replace("<br />", "")


# A lone '$' left open after other math on the paragraph, or before a function of a symbol.
LONE_DOLLARS = [
    "Lookup is $O(1)$ on average but $O(n) when all keys collide.",
    "The forward pass costs $O(nd)$ and the backward pass $O(nd) as well.",
    "Binary search needs $O(\\log n) comparisons.",
    "Insertion sort takes $O(n) steps on sorted input.",
]
# Prices, shell variables and closed math: nothing is left open.
CLOSED_DOLLARS = [
    "A run costs $3 and a sweep $40, and $n$ runs cost $3n$.",
    "Set $HOME first, then $x$ is read from the file.",
    "Merge sort takes $O(n \\log n)$ time and $O(n)$ extra memory.",
    "It costs $5 a month.",
]


def test_a_dollar_left_open_is_reported_where_it_shows_as_text(tmp_path: Path) -> None:
    notes = [
        FixtureNote(f"n{index}", f"# What does it cost?\n\n{text}\n")
        for index, text in enumerate(LONE_DOLLARS + CLOSED_DOLLARS)
    ]
    write_notes(tmp_path, notes)
    reported = sorted({d.path.stem for d in lint_rule(tmp_path, "AG171")})
    assert reported == [f"n{index}" for index in range(len(LONE_DOLLARS))]
    for text in LONE_DOLLARS:
        # the renderer agrees: the last '$' reaches the card as a dollar sign, not as math
        shown = re.sub(r"\\\(.*?\\\)", "", markdown().render(text))
        assert "$O(" in shown
