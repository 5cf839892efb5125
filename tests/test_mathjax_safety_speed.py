"""mathjax_safety reads a cloze field's fronts only where they can differ from its back.

The old scanner rendered every card's front and back over the whole field: a note with 400
clozes in math took about 30 s. These tests check that the quick reading finds exactly the
commands the full one finds (on many random small fields, built from the pieces that matter:
delimiters, cloze markers, hints, tags, entities, braces and command fragments), and that a
large note is read in linear work: the text handed to the cloze filter and to the
MathJax string splitter grows four times for four times the clozes (sixteen times when every
cloze's front is read over the whole field).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest

from ankigen.render import anki_template, mathjax_safety
from ankigen.render.mathjax_safety import (
    _ANKI_MATH,
    _CHANGED_BY_CLOZES,
    math_in,
    mathjax_strings,
    unsafe_commands,
    unsafe_in_field,
)


def _every_view(html: str) -> list[str]:
    """The old reading: the field, and every card's front and back over the whole field."""
    if not any(
        needle in math.group(1)
        for math in _ANKI_MATH.finditer(html)
        for needle in _CHANGED_BY_CLOZES
    ):
        return [html]
    views = [html]
    for number in sorted(anki_template.cloze_numbers(html)):
        for question in (True, False):
            views.append(anki_template.cloze_filter(html, number, question=question))
    return views


def _reference(html: str) -> set[str]:
    return _reading(_every_view(html))


# Pieces of the TeX inside one '\\(…\\)': cloze markers and hints, command fragments that a
# cloze can join ('\\hr' + 'ef'), delimiters, braces, tags, a split entity ('&#9' + '2;' is a
# backslash) and a block cut.
_INSIDE = [
    "{{c1::", "{{c2::", "}}", "}}", "::", "\\hr", "ef", "x", "\\", "<b>", "</b>", "{", "}",
    "\\)", "\\(", "\\[", "\\]", "&#9", "2;", "\\style{s}", " ", "[", "</p><p>",
    "\\) and \\(", "<code>", "</code>", "{{c1::\\(\\hr}}", "<br>",
]  # fmt: skip
_BEFORE = ["", "a ", "<p>", "{{c3::y}} ", "<p>{{c3::\\(\\hr}}</p>"]
_AFTER = ["", " b", "}}", "</p>", "<p>\\(\\hr{{c4::ef}}\\)</p>"]


def _random_field(generator: random.Random) -> str:
    inside = "".join(generator.choice(_INSIDE) for _ in range(generator.randint(2, 12)))
    return f"{generator.choice(_BEFORE)}\\({inside}\\){generator.choice(_AFTER)}"


def _reading(views: list[str]) -> set[str]:
    return {
        name
        for view in views
        for string in mathjax_strings(view)
        for tex in math_in(string)
        for name in unsafe_commands(tex)
    }


def _raw_and_back(html: str) -> set[str]:
    numbers = sorted(anki_template.cloze_numbers(html))
    if len(_every_view(html)) == 1 or not numbers:
        return _reading([html])
    return _reading([html, anki_template.cloze_filter(html, numbers[0], question=False)])


@pytest.mark.parametrize("seed", range(6))
def test_the_quick_reading_finds_what_reading_every_card_finds(seed: int) -> None:
    generator = random.Random(seed)
    cards_matter = fronts_matter = 0
    for _ in range(2000):
        html = _random_field(generator)
        expected = _reference(html)
        assert set(unsafe_in_field(html, cloze_field=True)) == expected, html
        cards_matter += expected != _reading([html])
        fronts_matter += expected != _raw_and_back(html)
    # The sample must hold fields where only the cards show a command, and where only a
    # front does (the case the quick reading must not skip).
    assert cards_matter > 50 and fronts_matter > 3, (cards_matter, fronts_matter)


@pytest.mark.parametrize(
    "html",
    [
        # the '[' of '[...]' after a backslash opens display math on the front only
        "\\( { \\{{c1::x}} \\href{u}{t} \\]",
        # a tag before the cloze: the front joins '\hr' to '[', the back makes '\href'
        "\\(<b>\\hr</b>{{c1::ef}}\\)",
        # math Anki reads across blocks: the cut must not split it
        "<p>\\( a</p><p>{{c1::\\hr}}ef \\)</p><p>{{c2::\\(\\style{x}\\)}}</p>",
        "<p>{{c1::a::\\(\\cssId{i}{y}\\)}}</p><p>\\(x {{c2::y}}\\)</p>",
        # the back strips a '</code>' inside math, the front keeps it: the back skips the
        # rest of the field and only the front shows '\\href' in the next block
        "\\(a\\)<code>{{c1::\\(\\hr}}</code>\\)<p>\\(\\hr{{c4::ef}}\\)</p>",
    ],
)
def test_hand_made_edge_cases_agree(html: str) -> None:
    assert set(unsafe_in_field(html, cloze_field=True)) == _reference(html)


def _many_clozes(count: int, paragraphs: bool) -> str:
    items = [
        f"\\(x_{{{n}}} = {{{{c{n}::\\hat{{y}}_{{{n}}} }}}} + 1\\)" for n in range(1, count + 1)
    ]
    if paragraphs:
        return "".join(f"<p>Item {n}: {item}</p>" for n, item in enumerate(items, 1))
    return "<p>" + " and ".join(f"{{{{c{n}::b}}}} \\(a_{n} + {{{{c{n}::c}}}}\\)" for n in
                                range(1, count + 1)) + "</p>"  # fmt: skip


def _text_read(monkeypatch: pytest.MonkeyPatch, html: str) -> int:
    """The characters of the views handed to the cloze filter and the MathJax string
    splitter (the steps whose cost is their input's length) while ``html`` is read."""
    read = 0

    def metered(function: Callable[..., Any]) -> Callable[..., Any]:
        def counted(text: str, *args: Any, **kwargs: Any) -> Any:
            nonlocal read
            read += len(text)
            return function(text, *args, **kwargs)

        return counted

    with monkeypatch.context() as patch:
        patch.setattr(anki_template, "cloze_filter", metered(anki_template.cloze_filter))
        patch.setattr(mathjax_safety, "mathjax_strings", metered(mathjax_safety.mathjax_strings))
        assert unsafe_in_field(html, cloze_field=True) == []
    return read


@pytest.mark.parametrize("paragraphs", [True, False])
def test_a_note_with_hundreds_of_clozes_is_read_in_linear_work(
    monkeypatch: pytest.MonkeyPatch, paragraphs: bool
) -> None:
    few, many = _many_clozes(100, paragraphs), _many_clozes(400, paragraphs)
    read_few, read_many = _text_read(monkeypatch, few), _text_read(monkeypatch, many)
    # the old reading handed over every card's front and back: 800 times the field here
    assert read_many < 10 * len(many), (len(many), read_many)
    assert read_many < 5 * read_few, (read_few, read_many)


def test_quick_reading_still_finds_a_command_in_the_last_of_many_clozes() -> None:
    html = _many_clozes(300, True) + "<p>\\(a {{c301::\\hr}}ef\\)</p>"
    assert unsafe_in_field(html, cloze_field=True) == ["hr", "href"]
