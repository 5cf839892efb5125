"""The preview site in a real headless Chromium (Debian's), driven by Playwright for Python.

The site is served from localhost by ``http.server``. Locally the tests skip when Chromium or
Playwright is missing; in CI (CI=true) that is a failure, since .ci/run installs both.
"""

from __future__ import annotations

import os
import shutil
import struct
import threading
import zlib
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ankigen.pipeline.check import check
from ankigen.tools.preview import MATHJAX_ENV, write_preview
from tests.conftest import SAMPLE, note_file, write

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SAMPLE_NOTES = {
    "diagram",
    "fill-in-code",
    "list-comprehension",
    "python-types",
    "softmax",
    "squares-code",
}


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}: CI must run the browser tests (.ci/run installs it)")
    pytest.skip(reason)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("preview") / "site"
    write_preview(check([SAMPLE]), site)
    handler = partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file() or shutil.which(str(CHROMIUM)) is None:
        _missing(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (pip install playwright)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


def _visible_notes(page: Page) -> set[str]:
    notes: list[str] = page.eval_on_selector_all(
        ".note:not([hidden])", "items => items.map(item => item.dataset.note.split('/')[1])"
    )
    return set(notes)


def test_index_lists_and_filters_every_note(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/index.html")
    assert _visible_notes(page) == SAMPLE_NOTES
    assert page.locator("#count").inner_text() == "6 of 6 notes"

    page.select_option("#tag-filter", "math")
    assert _visible_notes(page) == {"softmax"}
    assert page.locator('[data-note="sample/diagram"]').is_hidden()

    page.select_option("#tag-filter", "")
    page.fill("#search", "comprehension")
    assert _visible_notes(page) == {"list-comprehension"}
    page.fill("#search", "no such words anywhere")
    assert _visible_notes(page) == set()
    assert page.locator("#no-match").is_visible()

    page.fill("#search", "")
    page.locator('[data-note="sample/softmax"] .tag', has_text="math").click()
    assert _visible_notes(page) == {"softmax"}


def test_code_card_shows_highlighted_code(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/cards/sample/squares-code.1.html")
    keyword = page.locator("#back pre.ankigen-code span.k").first
    assert keyword.is_visible() and keyword.inner_text() == "for"
    number = page.locator("#back pre.ankigen-code span.mi").first
    colour = "element => getComputedStyle(element).color"
    assert keyword.evaluate(colour) != number.evaluate(colour)  # the Pygments CSS is applied
    assert page.locator("#front pre").count() == 0  # the code is the answer


def test_cloze_card_hides_then_shows_the_answer(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/cards/sample/python-types.c1.html")
    front = page.locator("#front .cloze")
    assert front.inner_text() == "[...]" and front.get_attribute("data-cloze") == "list"
    assert page.locator("#back .cloze").inner_text() == "list"
    assert page.locator("#front .cloze-inactive").inner_text() == "tuple"
    page.goto(f"{base_url}/cards/sample/python-types.c2.html")
    assert page.locator("#front .cloze").inner_text() == "[immutable sequence]"


def test_night_toggle_switches_the_card_colours(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/cards/sample/list-comprehension.1.html")
    background = "element => getComputedStyle(element).backgroundColor"
    card = page.locator("#front")
    assert card.evaluate(background) == "rgb(255, 255, 255)"
    page.click("#night-toggle")
    assert page.locator("body.nightMode.night_mode").count() == 1
    assert card.evaluate(background) == "rgb(30, 30, 30)"
    page.goto(f"{base_url}/cards/sample/diagram.1.html")  # the choice is remembered
    assert page.locator("#front").evaluate(background) == "rgb(30, 30, 30)"
    page.click("#night-toggle")
    assert page.locator("#front").evaluate(background) == "rgb(255, 255, 255)"


def test_mathjax_renders_the_math(page: Page, base_url: str) -> None:
    if not os.environ.get(MATHJAX_ENV):
        assert page.goto(f"{base_url}/cards/sample/softmax.c2.html") is not None
        assert page.locator("#no-mathjax").is_visible()
        pytest.skip(f"{MATHJAX_ENV} is not set: the preview shows TeX (checked), no MathJax")
    page.goto(f"{base_url}/cards/sample/softmax.c2.html")
    page.locator("#front mjx-container").first.wait_for(state="visible")
    assert page.locator("#front mjx-container").count() == 1
    assert "\\frac" not in page.locator("#front").inner_text()


def test_screenshot_of_a_card(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(f"{base_url}/cards/sample/fill-in-code.c1.html")
    shot = tmp_path / "fill-in-code.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 1000


# --- following the system's colour scheme ---------------------------------------------------

CARD_BACKGROUND = "element => getComputedStyle(element).backgroundColor"
NIGHT_CARD = "rgb(30, 30, 30)"
LIGHT_CARD = "rgb(255, 255, 255)"


@pytest.fixture
def scheme_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a fresh context (no stored choice) with the given emulated colour scheme."""
    context = browser.new_context(
        viewport={"width": 1000, "height": 800}, color_scheme=request.param
    )
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


def _night_state(page: Page) -> tuple[bool, bool, str, str]:
    body = page.locator("body")
    classes = (body.get_attribute("class") or "").split()
    return (
        "nightMode" in classes,
        "night_mode" in classes,
        str(body.get_attribute("data-night-source")),
        page.locator("#front").evaluate(CARD_BACKGROUND),
    )


@pytest.mark.parametrize("scheme_page", ["dark"], indirect=True)
def test_dark_system_scheme_turns_night_mode_on(scheme_page: Page, base_url: str) -> None:
    page = scheme_page
    page.goto(f"{base_url}/cards/sample/list-comprehension.1.html")
    assert _night_state(page) == (True, True, "system", NIGHT_CARD)
    colour = page.locator("#front .card, #front").first.evaluate(
        "element => getComputedStyle(element).color"
    )
    assert colour == "rgb(232, 232, 237)"  # the note type's night text colour
    assert page.locator("#night-toggle").inner_text() == "Light mode"

    # The toggle overrides the system and the choice is remembered on other pages.
    page.click("#night-toggle")
    assert _night_state(page) == (False, False, "choice", LIGHT_CARD)
    page.goto(f"{base_url}/cards/sample/diagram.1.html")
    assert _night_state(page) == (False, False, "choice", LIGHT_CARD)
    # The system is still dark here: the stored choice wins, also on a later change event.
    page.emulate_media(color_scheme="light")
    page.wait_for_function("!matchMedia('(prefers-color-scheme: dark)').matches")
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("matchMedia('(prefers-color-scheme: dark)').matches")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => done(null)))")
    assert _night_state(page) == (False, False, "choice", LIGHT_CARD)


@pytest.mark.parametrize("scheme_page", ["light"], indirect=True)
def test_light_system_scheme_and_a_live_switch(scheme_page: Page, base_url: str) -> None:
    page = scheme_page
    page.goto(f"{base_url}/index.html")
    assert page.locator("body.nightMode").count() == 0
    page.goto(f"{base_url}/cards/sample/list-comprehension.1.html")
    assert _night_state(page) == (False, False, "system", LIGHT_CARD)
    page.emulate_media(color_scheme="dark")  # the system switches while the page is open
    page.wait_for_function("document.body.classList.contains('nightMode')")
    assert _night_state(page) == (True, True, "system", NIGHT_CARD)
    page.click("#night-toggle")
    assert _night_state(page) == (False, False, "choice", LIGHT_CARD)


# --- SVG images in night mode: prediction against measured pixels ---------------------------


def _png_pixels(data: bytes) -> list[tuple[int, int, int]]:
    """The RGB pixels of an 8-bit RGB or RGBA PNG (what Chromium's screenshots are)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, chunks, header = 8, [], b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        offset += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour_type in (2, 6)
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                best = min(
                    (abs(estimate - left), 0, left),
                    (abs(estimate - up), 1, up),
                    (abs(estimate - corner), 2, corner),
                )[2]
                line[i] = (line[i] + best) & 0xFF
        pixels.extend((line[i], line[i + 1], line[i + 2]) for i in range(0, stride, channels))
        previous = line
    return pixels


def _contrast_range(pixels: list[tuple[int, int, int]]) -> float:
    """WCAG contrast between the lightest and the darkest pixel: 1.0 means one flat colour."""
    from ankigen.render.svg_contrast import contrast

    ranked = sorted(pixels, key=lambda p: 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2])
    return contrast(ranked[0], ranked[-1])


@pytest.fixture(scope="module")
def svg_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    from tests.svg_night_cases import FIXED, VANISHING

    content = tmp_path_factory.mktemp("night") / "content"
    deck = content / "svgs"
    write(deck / "deck.yaml", 'name: "SVGs"\ndescription: "night mode cases"\n')
    for name, text in {**VANISHING, **FIXED}.items():
        write(deck / "img" / f"{name}.svg", text)
        write(
            deck / f"{name}.md", note_file(name, f"# Case {name}?\n\n![{name}](img/{name}.svg)\n")
        )
    site = content.parent / "site"
    written = write_preview(check([content]), site)
    handler = partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", written.index
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.mark.parametrize("scheme_page", ["dark"], indirect=True)
def test_vanishing_svgs_have_no_contrast_on_the_night_card(
    scheme_page: Page, svg_site: tuple[str, Path]
) -> None:
    from ankigen.render.svg_contrast import inspect_svg
    from tests.svg_night_cases import FIXED, VANISHING

    url, _ = svg_site
    page = scheme_page
    measured = {}
    for name, text in {**VANISHING, **FIXED}.items():
        page.goto(f"{url}/cards/svgs/{name}.1.html")
        assert page.locator("#back").evaluate(CARD_BACKGROUND) == NIGHT_CARD
        image = page.locator("#back img")
        image.wait_for(state="visible")
        assert image.evaluate("img => img.complete && img.naturalWidth") == 240
        measured[name] = _contrast_range(_png_pixels(image.screenshot()))
        vanishes = inspect_svg(text.encode()).vanishes_at_night
        assert vanishes is (name in VANISHING), name
        # The page marks exactly the cards the check predicts.
        assert page.locator(".night-warning").count() == (1 if vanishes else 0), name
        assert page.locator("section.side.night-risk").count() == (1 if vanishes else 0), name
    for name in VANISHING:  # black on #1e1e1e is 1.26:1 at most
        assert measured[name] < 1.4, (name, measured[name])
    for name in FIXED:  # the drawing stands out from what surrounds it
        assert measured[name] > 4.0, (name, measured[name])


def test_the_index_marks_notes_whose_svg_vanishes(page: Page, svg_site: tuple[str, Path]) -> None:
    from tests.svg_night_cases import VANISHING

    url, _ = svg_site
    page.goto(f"{url}/index.html")
    marked: list[str] = page.eval_on_selector_all(
        ".note:has(.night-risk)", "items => items.map(item => item.dataset.note.split('/')[1])"
    )
    assert sorted(marked) == sorted(VANISHING)


@pytest.mark.parametrize("scheme_page", ["light"], indirect=True)
def test_the_same_svgs_show_on_the_light_card(
    scheme_page: Page, svg_site: tuple[str, Path]
) -> None:
    """The problem is night mode's: on the light card every vanishing case stands out."""
    from tests.svg_night_cases import VANISHING

    url, _ = svg_site
    for name in VANISHING:
        scheme_page.goto(f"{url}/cards/svgs/{name}.1.html")
        assert scheme_page.locator("#back").evaluate(CARD_BACKGROUND) == LIGHT_CARD
        shot = scheme_page.locator("#back img").screenshot()
        assert _contrast_range(_png_pixels(shot)) > 10, name
