"""No link, style, remote fetch or script through Anki's MathJax, whatever the math delimiter.

The build refuses (AG042, located) every non-math command that Anki's MathJax would read: in
``$…$``, in ``\\(…\\)``/``\\[…\\]`` written in plain text (``\\\\(`` in Markdown), in clozes and
their hints, in entity-encoded text, and in math that Anki's cloze filter joins across tags.
The browser tests typeset cards in headless Chromium with MathJax 3 configured as Anki
configures it: first today's hostile HTML (the harness must see the link and the remote fetch),
then every card of a deck that builds, as the official ``anki`` package renders it.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ankigen.diagnostics import Severity
from ankigen.lint.rule import LintConfig
from ankigen.pipeline.build import build
from ankigen.pipeline.check import check
from ankigen.render.mathjax_safety import (
    ALLOWED,
    DANGEROUS,
    math_in,
    mathjax_strings,
    unsafe_commands,
    unsafe_in_field,
)
from tests.conftest import CONTENT, AnkiCollection, write

if TYPE_CHECKING:
    from playwright.sync_api import Browser

NO_STYLE_RULES = LintConfig(ignore=("AG1",))

# --- the scanner -----------------------------------------------------------------------------


def test_the_allow_list_holds_no_dangerous_command() -> None:
    assert not ALLOWED & (DANGEROUS - {"color", "textcolor"})
    assert {"frac", "sum", "mathbf", "alpha", "left", "right", "text", "begin"} <= ALLOWED


def test_every_command_of_the_project_content_is_allowed() -> None:
    result = check([CONTENT])
    assert [d for d in result.diagnostics if d.code == "AG042"] == []
    assert sum(len(deck.notes) for deck in result.decks) > 100


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>\\(\\href{javascript:x}{y}\\)</p>", ["href"]),
        ("<p>\\[\\style{background:url(http://e.test/a)}{y}\\]</p>", ["style"]),
        ("<p>&#92;(&#92;class{cloze}{y}&#92;)</p>", ["class"]),
        ("<p>a \\( x \\) \\mathtip{x}{y}</p>", []),  # outside the math: shown as text
        ("<p><code>\\(\\href{javascript:x}{y}\\)</code></p>", []),  # MathJax skips code
        ('<pre class="ankigen-code"><code>re.compile(r"\\(\\d+\\)")</code></pre>', []),
        ("<p>\\(\\hr<em>ef</em>{javascript:x}{y}\\)</p>", []),  # tags end MathJax's strings
        ("<p>\\(a<br>\\unicode{x41}\\)</p>", ["unicode"]),  # but <br> does not
        ("<p>\\(\\color{red} x \\textcolor{#c03030}{y}\\)</p>", []),
        ("<p>\\(\\color{red;background:url(x)} x\\)</p>", ["color"]),
        (
            "<p>\\(\\frac{a}{b} \\mmlToken{mi}[href='x']{y} \\bbox[red]{z}\\)</p>",
            ["mmlToken", "bbox"],
        ),
    ],
)
def test_the_scanner_reads_fields_as_mathjax_does(html: str, expected: list[str]) -> None:
    assert unsafe_in_field(html) == expected


def test_a_cloze_field_is_read_after_anki_strips_tags_inside_math() -> None:
    field = "{{c1::x}} \\(\\hr<em>ef</em>{javascript:alert(1)}{y}\\)"
    assert unsafe_in_field(field) == []
    assert unsafe_in_field(field, cloze_field=True) == ["href"]


def test_math_is_found_as_mathjax_finds_it() -> None:
    assert math_in("a \\(x\\) b \\[y\\] c") == ["x", "y"]
    assert math_in("\\(\\text{\\)}\\)") == ["\\text{\\)}"]  # a close inside braces does not end it
    assert math_in("\\( never closed") == []
    assert mathjax_strings("<p>a<b>b</b>c<br>d</p>") == ["a", "b", "c\nd"]
    assert unsafe_commands("\\frac{a}{b}\\,\\{x\\}\\\\ \\foo \\foo") == ["foo"]


# --- the build refuses ------------------------------------------------------------------------

BASIC = "---\nid: bad\n---\n# Q\n\n"
CLOZE = "---\nid: bad\ntype: cloze\n---\n"
# name: (note text, line, column, command)
REFUSED: dict[str, tuple[str, int, int, str]] = {
    "escaped-parens": (BASIC + "A \\\\(\\href{javascript:alert(1)}{x}\\\\) b\n", 6, 6, "href"),
    "escaped-brackets": (
        BASIC + "\\\\[\\style{background:url(https://evil.example/a.png)}{x}\\\\]\n",
        6,
        4,
        "style",
    ),
    "in-the-question": ("---\nid: bad\n---\n# \\\\(\\class{x}{y}\\\\)\n\nA\n", 4, 6, "class"),
    "entity-encoded": (BASIC + "&#92;(&#92;href{javascript:alert(1)}{x}&#92;)\n", 6, 12, "href"),
    "dollar-mmltoken": (BASIC + "$\\mmlToken{mi}[href='javascript:x']{y}$\n", 6, 2, "mmlToken"),
    "colour-with-css": (BASIC + "$\\color{red;background:url(x)}{y}$\n", 6, 2, "color"),
    "tooltip": (BASIC + "\\\\(\\mathtip{x}{a tip}\\\\)\n", 6, 4, "mathtip"),
    "toggle": (BASIC + "\\\\(\\toggle{x}{y}\\\\)\n", 6, 4, "toggle"),
    "unicode": (BASIC + "\\\\(\\unicode[Times]{x41}\\\\)\n", 6, 4, "unicode"),
    "cloze-text": (CLOZE + "{{c1::\\\\(\\href{javascript:alert(1)}{x}\\\\)}} b\n", 5, 10, "href"),
    "cloze-hint": (CLOZE + "{{c1::x::\\\\(\\cssId{a}{y}\\\\)}} b\n", 5, 13, "cssId"),
    "cloze-extra": (CLOZE + "{{c1::x}} b\n\n***\n\n\\\\(\\bbox[red]{y}\\\\)\n", 9, 4, "bbox"),
    "cloze-joined-across-tags": (
        CLOZE + "{{c1::x}} \\\\(\\hr*ef*{javascript:alert(1)}{y}\\\\)\n",
        5,
        14,
        "href",
    ),
}


@pytest.mark.parametrize(
    ("text", "line", "column", "command"), list(REFUSED.values()), ids=list(REFUSED)
)
def test_a_non_math_command_is_refused_with_a_located_error(
    deck_dir: Path, text: str, line: int, column: int, command: str
) -> None:
    write(deck_dir / "bad.md", text)
    out = deck_dir.parent.parent / "out"
    result = build([deck_dir], out, NO_STYLE_RULES)
    assert result.outputs == ()
    assert not out.exists() or list(out.iterdir()) == []
    errors = [d for d in result.lint.diagnostics if d.severity is Severity.ERROR]
    assert [(d.path.name, d.line, d.column, d.code) for d in errors] == [
        ("bad.md", line, column, "AG042")
    ]
    assert f"math command '\\{command}' is not allowed" in errors[0].message


# --- in the browser ---------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
MATHJAX_ENV = "ANKIGEN_MATHJAX"
# Anki's MathJax settings (ts/mathjax/index.ts): \(…\) and \[…\] only, no escapes,
# environments or references outside math, its three extra packages, textmacros off.
ANKI_MATHJAX = """<script>window.MathJax = {
  tex: {displayMath: [["\\\\[", "\\\\]"]], processEscapes: false, processEnvironments: false,
        processRefs: false, packages: {"[+]": ["noerrors", "mathtools", "mhchem"],
        "[-]": ["textmacros"]}},
  loader: {load: ["[tex]/noerrors", "[tex]/mathtools", "[tex]/mhchem"]}
};</script><script defer src="mathjax/tex-chtml.js"></script>"""
OBSERVE = """() => {
  const card = document.querySelector('#card');
  const all = [...card.querySelectorAll('*')];
  return {
    typeset: card.querySelectorAll('mjx-container').length,
    links: all.filter(e => e.hasAttribute('href')).map(e => e.getAttribute('href')),
    handlers: all.flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on'))
                                              .map(a => a.name)),
    scripts: card.querySelectorAll('script, iframe, object, embed').length,
    styled: all.filter(e => /url\\(/i.test(e.getAttribute('style') || '')).length,
  };
}"""


@dataclass(frozen=True)
class Typeset:
    typeset: int
    links: list[str]
    handlers: list[str]
    scripts: int
    styled: int
    remote: list[str]  # requests to anything but the local server

    @property
    def harmful(self) -> bool:
        return bool(self.links or self.handlers or self.scripts or self.styled or self.remote)


def _mathjax() -> Path:
    configured = os.environ.get(MATHJAX_ENV, "")
    script = Path(configured).expanduser() if configured else Path()
    if script.is_dir():
        script = script / "tex-chtml.js"
    if not configured or not script.is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{MATHJAX_ENV} must point at MathJax 3's es5/tex-chtml.js in CI")
        pytest.skip(f"{MATHJAX_ENV} is not set (npm install mathjax@3, see docs/preview.md)")
    return script


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A local folder served over HTTP with all of MathJax (Anki ships every extension, which
    MathJax's autoload fetches on first use)."""
    folder = tmp_path_factory.mktemp("mathjax-site")
    shutil.copytree(_mathjax().parent, folder / "mathjax")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} is missing: CI must run the browser tests")
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"], headless=True
        )
        yield launched
        launched.close()


def typeset(browser: Browser, site: tuple[Path, str], name: str, html: str) -> Typeset:
    """Typeset ``html`` as a card with Anki's MathJax settings; what it became and fetched."""
    folder, base = site
    page_path = folder / f"{name}.html"
    page_path.write_text(
        f"<!doctype html><html><head>{ANKI_MATHJAX}</head>"
        f'<body><div id="card">{html}</div></body></html>',
        encoding="utf-8",
    )
    context = browser.new_context()
    remote: list[str] = []
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)

        def route(route: Any, request: Any) -> None:
            if request.url.startswith(base):
                route.continue_()
            else:
                remote.append(request.url)
                route.abort()

        page.route("**/*", route)
        page.goto(f"{base}/{page_path.name}")
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
        page.evaluate("() => MathJax.startup.promise.then(() => true)")
        page.wait_for_timeout(200)  # a background image is fetched once styles apply
        seen = page.evaluate(OBSERVE)
    finally:
        context.close()
    return Typeset(remote=remote, **seen)


# What the cards of today's hostile notes hold (the fields ankigen wrote before this check).
HOSTILE_HTML = {
    "link": "<p>A \\(\\href{javascript:alert(1)}{x}\\) b</p>",
    "remote-style": "<p>\\[\\style{background:url(http://evil.test/style.png)}{x}\\]</p>",
    "remote-bbox": "<p>\\(\\bbox[background-image:url(http://evil.test/bbox.png)]{x}\\)</p>",
    "remote-unicode": "<p>\\(\\unicode[Times; background:url(http://evil.test/u.png)]{x41}\\)</p>",
    "mmltoken-link": "<p>\\(\\mmlToken{mi}[href='javascript:alert(1)']{x}\\)</p>",
}


@pytest.mark.parametrize("name", list(HOSTILE_HTML))
def test_the_harness_sees_what_unchecked_math_does(
    browser: Browser, site: tuple[Path, str], name: str
) -> None:
    html = HOSTILE_HTML[name]
    seen = typeset(browser, site, f"hostile-{name}", html)
    assert seen.typeset == 1 and seen.harmful, seen
    assert unsafe_in_field(html)  # and the scanner refuses exactly this HTML


def test_anki_joins_cloze_math_across_tags_into_a_link(
    browser: Browser, site: tuple[Path, str], anki: AnkiCollection
) -> None:
    """Why cloze fields are read after Anki's cloze filter: Anki drops the tags inside math."""
    col = anki.col
    note = col.new_note(col.models.by_name("Cloze"))
    field = "{{c1::x}} \\(\\hr<em>ef</em>{javascript:alert(1)}{y}\\)"
    note["Text"] = field
    col.add_note(note, col.decks.id("Default"))
    answer = col.get_card(note.card_ids()[0]).render_output().answer_text
    assert "\\(\\href{javascript:alert(1)}{y}\\)" in answer
    assert "javascript:alert(1)" in typeset(browser, site, "anki-cloze-join", answer).links
    assert unsafe_in_field(field, cloze_field=True) == ["href"]


# Notes that build: their backslashes and delimiters must stay inert on the card.
BUILDS = {
    "code-span": "# Q\n\n`\\(\\href{javascript:alert(1)}{x}\\)` in code is shown, not typeset.\n",
    "regex-fence": '# Q\n\n```python\npattern = re.compile(r"\\(\\d+\\)")\n```\n',
    "split-by-emphasis": "# Q\n\n\\\\(\\hr*ef*{javascript:alert(1)}{x}\\\\)\n",
    "plain-math": "# Q\n\n\\\\(\\color{red}{x} + \\frac{a}{b}\\\\) and $\\sum_i \\mathbf{x}_i$\n",
    "cloze-math": (
        "---\nid: cloze-math\ntype: cloze\n---\n"
        "\\\\({{c1::\\alpha}} + \\textcolor{blue}{\\beta}\\\\) and {{c2::$\\sqrt{2}$::root}}\n"
    ),
}


def test_every_card_that_builds_typesets_without_links_styles_or_fetches(
    tmp_path: Path, browser: Browser, site: tuple[Path, str], anki: AnkiCollection
) -> None:
    deck = tmp_path / "content" / "inert"
    write(deck / "deck.yaml", 'name: "Inert"\n')
    for name, text in BUILDS.items():
        write(
            deck / f"{name}.md", text if text.startswith("---") else f"---\nid: {name}\n---\n{text}"
        )
    result = build([deck], tmp_path / "out", NO_STYLE_RULES)
    assert [d for d in result.lint.diagnostics if d.severity is Severity.ERROR] == []
    (package,) = result.outputs
    anki.import_package(package)
    col = anki.col
    typeset_math = 0
    for card_id in sorted(col.find_cards("")):
        output = col.get_card(card_id).render_output()
        for side, html in (("q", output.question_text), ("a", output.answer_text)):
            seen = typeset(browser, site, f"card-{card_id}-{side}", html)
            assert not seen.harmful, (html, seen)
            typeset_math += seen.typeset
    assert typeset_math >= 6  # MathJax did run on the math that is meant to be math
