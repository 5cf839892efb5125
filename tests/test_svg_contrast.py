"""The night-mode SVG check: parsing that refuses hostile files, colours, styles, backgrounds."""

from __future__ import annotations

from typing import Any

import pytest

from ankigen.render import svg_contrast
from ankigen.render.svg_contrast import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_VISITS,
    NAMED_COLOURS,
    Paint,
    SvgRefused,
    contrast,
    inspect_svg,
    parse_paint,
    too_dark,
)
from tests.conftest import SAMPLE
from tests.svg_night_cases import FIXED, VANISHING, svg


@pytest.mark.parametrize("name", sorted(VANISHING))
def test_vanishing_cases(name: str) -> None:
    verdict = inspect_svg(VANISHING[name].encode())
    assert verdict.vanishes_at_night and verdict.dark == verdict.drawn > 0


@pytest.mark.parametrize("name", sorted(FIXED))
def test_fixed_cases(name: str) -> None:
    assert not inspect_svg(FIXED[name].encode()).vanishes_at_night


def test_the_sample_diagram_keeps_its_dark_arrows_visible_on_a_white_background() -> None:
    verdict = inspect_svg((SAMPLE / "img" / "pipeline.svg").read_bytes())
    assert verdict.background and verdict.dark == 1
    assert not verdict.vanishes_at_night


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + ']><svg xmlns="http://www.w3.org/2000/svg"><text>&i;</text></svg>'
)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (BILLION_LAUGHS, "declares entities"),
        (
            '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
            "declares entities",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg"><path</svg>', "not well-formed"),
        ("<html><body/></html>", "root element is not <svg>"),
        ("<svg>" + "<g>" * 200 + "</g>" * 200 + "</svg>", "too many or too deeply nested"),
        ("<svg>" + " " * MAX_BYTES + "</svg>", "larger than"),
    ],
)
def test_hostile_or_broken_files_are_refused_quickly(
    monkeypatch: pytest.MonkeyPatch, data: str, reason: str
) -> None:
    """Refused before the parser builds more than a nesting's depth of elements or holds more
    text than the file has: entities are never expanded, a huge file is never parsed."""
    built: list[Any] = []
    element = svg_contrast._Element

    def counted(*args: Any) -> Any:
        built.append(element(*args))
        return built[-1]

    monkeypatch.setattr(svg_contrast, "_Element", counted)
    with pytest.raises(SvgRefused, match=reason):
        inspect_svg(data.encode())
    assert len(built) <= MAX_DEPTH + 2
    assert sum(len(item.text) for item in built) <= len(data)


def test_a_public_doctype_is_read() -> None:
    data = (
        '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">' + svg('<path d="M0 0H9"/>')
    )
    assert inspect_svg(data.encode()).vanishes_at_night


@pytest.mark.parametrize(
    ("value", "dark"),
    [
        ("black", True),
        ("#000", True),
        ("#333333", True),
        ("rgb(20, 20, 20)", True),
        ("hsl(0, 0%, 10%)", True),
        ("navy", True),
        ("rgba(255, 255, 255, 0.1)", True),  # faint white is as good as nothing
        ("#777", False),
        ("gray", False),
        ("orange", False),
        ("#ffffff80", False),
        ("url(#gradient)", False),  # not judged
    ],
)
def test_which_colours_are_too_dark(value: str, dark: bool) -> None:
    paint = parse_paint(value, "black")
    assert paint is not None and too_dark(paint) is dark


def test_colour_helpers() -> None:
    assert len(NAMED_COLOURS) == 148 and NAMED_COLOURS["rebeccapurple"] == (0x66, 0x33, 0x99)
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert parse_paint("none", "black") is None and parse_paint("transparent", "red") is None
    assert parse_paint("currentColor", "white") == Paint((255, 255, 255))
    assert parse_paint("currentColor", "inherit") == Paint((0, 0, 0))


@pytest.mark.parametrize(
    ("body", "root", "drawn", "dark", "background"),
    [
        # Partly dark: coloured boxes with black arrows.
        (
            '<rect width="50" height="50" fill="gold"/><path d="M0 0H9" stroke="#000"/>',
            "",
            2,
            1,
            False,
        ),
        # A style rule beats the attribute; style="" beats the rule.
        ('<style>path { fill: white }</style><path d="M0 0H9" fill="black"/>', "", 1, 0, False),
        (
            '<style>path { fill: white }</style><path style="fill:#111" d="M0 0H9"/>',
            "",
            1,
            1,
            False,
        ),
        # Rules inside @media blocks and complex selectors are not applied.
        (
            "<style>@media print { path { fill: white } } g path { fill: white }</style>"
            '<g><path d="M0 0H9"/></g>',
            "",
            1,
            1,
            False,
        ),
        # Inherited from a group; display:none and visibility:hidden draw nothing.
        (
            '<g fill="#eee"><path d="M0 0H9"/></g><path d="M0 0H9" display="none"/>'
            '<path d="M0 0H9" visibility="hidden"/>',
            "",
            1,
            0,
            False,
        ),
        # opacity fades the drawing towards the card.
        ('<g opacity="0.1"><path d="M0 0H9" fill="white"/></g>', "", 1, 1, False),
        # Not a background: too small, transformed, translucent, or drawn after something.
        ('<rect width="100" height="50" fill="white"/><path d="M0 0H9"/>', "", 2, 1, False),
        (
            '<rect width="100%" height="100%" fill="white" transform="scale(.5)"/><path d="M0 0"/>',
            "",
            2,
            1,
            False,
        ),
        (
            '<rect width="100%" height="100%" fill="white" fill-opacity="0.5"/><path d="M0 0"/>',
            "",
            2,
            1,
            False,
        ),
        ('<path d="M0 0"/><rect width="100%" height="100%" fill="white"/>', "", 2, 1, False),
        # A root background colour counts; a translucent one does not.
        ('<path d="M0 0"/>', ' style="background-color: #fff"', 1, 1, True),
        ('<path d="M0 0"/>', ' style="background: rgba(255,255,255,0.3)"', 1, 1, False),
        # Elements outside the SVG namespace (editor metadata) draw nothing.
        ('<foo:bar xmlns:foo="urn:x"><path d="M0 0"/></foo:bar><text> </text>', "", 0, 0, False),
    ],
)
def test_what_is_drawn_and_how(
    body: str, root: str, drawn: int, dark: int, background: bool
) -> None:
    verdict = inspect_svg(svg(body, root).encode())
    assert (verdict.drawn, verdict.dark, verdict.background) == (drawn, dark, background)


def test_an_svg_that_adapts_to_the_colour_scheme_is_not_reported() -> None:
    body = "<style>@media (prefers-color-scheme: dark) { path { stroke: white } }</style>"
    verdict = inspect_svg(svg(body + '<path d="M0 0H9" stroke="black"/>').encode())
    assert verdict.adapts and verdict.dark == 1 and not verdict.vanishes_at_night


def test_use_references_that_multiply_are_refused_quickly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each level draws the one below ten times: 10**8 shapes unless the walk is bounded. The
    walk's steps are counted; past the bound the count stops the test instead of running on."""
    levels = ['<path id="l0" d="M0 0H9"/>'] + [
        f'<g id="l{i}">' + f'<use href="#l{i - 1}"/>' * 10 + "</g>" for i in range(1, 9)
    ]
    data = svg("<defs>" + "".join(levels) + '</defs><use href="#l8"/>').encode()
    visit = svg_contrast._visit
    steps = 0

    def counted(*args: Any) -> None:
        nonlocal steps
        steps += 1
        assert steps <= MAX_VISITS + 2, "the walk went past MAX_VISITS elements"
        visit(*args)

    monkeypatch.setattr(svg_contrast, "_visit", counted)
    with pytest.raises(SvgRefused, match="expand to too many elements"):
        inspect_svg(data)
    assert MAX_VISITS < steps <= MAX_VISITS + 2  # refused at the bound, not before
    assert MAX_VISITS <= 1_000_000  # the bound itself stays a quick walk


def test_a_use_that_refers_to_itself_ends() -> None:
    data = svg('<g id="a"><path d="M0 0H9"/><use href="#a"/></g>').encode()
    assert inspect_svg(data).drawn > 1  # drawn up to the depth limit, then stopped
