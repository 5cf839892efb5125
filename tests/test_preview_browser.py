"""The preview site in a real headless Chromium (Debian's), driven by Playwright for Python.

The site is served from localhost by ``http.server``. Locally the tests skip when Chromium or
Playwright is missing; in CI (CI=true) that is a failure, since .ci/run installs both.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ankigen.check import check
from ankigen.preview import MATHJAX_ENV, write_preview
from tests.conftest import SAMPLE

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
