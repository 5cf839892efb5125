"""Hostile notes never put script into a card: refused with a located error, or rendered inert.

Cards are checked as Anki renders them (official ``anki`` package, ``render_output()``), and
the HTML is parsed with the standard library so that attributes are checked by name and value,
not only by substring.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ankigen.diagnostics import Severity
from ankigen.lint.rule import LintConfig
from ankigen.pipeline.build import build
from tests.conftest import TEMPLATE_ERROR, AnkiCollection, write

# Tags that must never reach a card, whatever their attributes.
FORBIDDEN_TAGS = frozenset(
    {"script", "iframe", "frame", "object", "embed", "svg", "math", "base", "form", "meta", "link"}
)
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "background", "data"}
)
FORBIDDEN_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "livescript:")
# What ankigen's sanitiser allows plus what the note type templates and Anki's cloze add.
EXPECTED_TAGS = frozenset(
    {
        "a",
        "blockquote",
        "br",
        "code",
        "del",
        "div",
        "em",
        "h1",
        "h2",
        "h3",
        "hr",
        "img",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "span",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)


def _normalised_url(value: str) -> str:
    """The URL as a browser reads its scheme: whitespace and control characters ignored."""
    return "".join(ch for ch in value if ord(ch) > 0x20 and ord(ch) != 0x7F).lower()


class HtmlAudit(HTMLParser):
    """Collects every tag and every dangerous construct found in an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            text = value or ""
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={text!r} on <{tag}>")
            if name in URL_ATTRIBUTES and _normalised_url(text).startswith(FORBIDDEN_SCHEMES):
                self.problems.append(f"{name}={text!r} on <{tag}>")
            if name == "style" and re.search(r"expression|url\(|javascript", text, re.I):
                self.problems.append(f"style={text!r} on <{tag}>")


def audit(html: str) -> HtmlAudit:
    parser = HtmlAudit()
    parser.feed(html)
    parser.close()
    lowered = html.lower()
    for needle in ("<script", "<iframe", "<svg", "<object", "<embed"):
        if needle in lowered:
            parser.problems.append(f"substring {needle}")
    return parser


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" JaVa&#x09;ScRiPt&colon;alert(1)">x</a>',
        '<a href="&#x6A;avascript:alert(1)">x</a>',
        '<a href="vbscript:msgbox">x</a>',
        '<img src="data:text/html;base64,PHNjcmlwdD4=">',
        "<IFRAME SRC=x></IFRAME>",
        "<svg/onload=alert(1)>",
        '<div style="background:url(javascript:alert(1))">x</div>',
    ],
)
def test_the_audit_itself_catches_script(html: str) -> None:
    assert audit(html).problems


def test_the_audit_accepts_inert_html() -> None:
    inert = (
        '<p>&lt;script&gt;alert(1)&lt;/script&gt; <a href="https://example.org" '
        'title="x&quot; onmouseover=&quot;alert(1)">x</a></p>'
    )
    assert audit(inert).problems == []


# Notes that build: their hostile parts must end up as inert text.
BUILDS: dict[str, str] = {
    "raw-script": "# Q <script>alert(1)</script>\n\n<script>alert(1)</script>\n",
    "img-onerror": "# Q <img src=x onerror=alert(1)>\n\n<img src=x onerror=alert(1)>\n",
    "iframe": '# Q\n\n<iframe src="javascript:alert(1)"></iframe>\n',
    "svg-onload": (
        "# Q\n\n<svg onload=alert(1)><circle r=1 /></svg>\n\nText <svg/onload=alert(1)>\n"
    ),
    "html-block": (
        '# Q\n\n<div onclick="alert(1)">\n<a href="javascript:alert(1)">x</a>\n</div>\n\n'
        "<!-- <script>alert(1)</script> -->\n\n<style>*{background:url(javascript:x)}</style>\n"
    ),
    "inline-html": '# Q\n\nA <a href="javascript:alert(1)" onclick="alert(1)">link</a> b.\n',
    "entities": "# Q\n\n&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=y&#62;\n",
    "link-title": (
        '# Q\n\n[x](https://example.org "t\\" onmouseover=\\"alert(1)") '
        "[y](https://example.org 't\\' onclick=alert(1) x=\\'')\n"
    ),
    "image-alt": (
        '# Q\n\n![x" onerror="alert(1)](img/ok.png "a\\" onload=\\"alert(1)")\n\n'
        "![<script>alert(1)</script>](img/ok.png)\n"
    ),
    "fence-quote": '# Q\n\n```python" onmouseover="alert(1)\nx = 1\n```\n',
    "fence-tag": '# Q\n\n```"><script>alert(1)</script>\nx = 1\n```\n',
    "fence-extra": "# Q\n\n```python onmouseover=alert(1) <script>\nx = '<script>'\n```\n",
    "code-span": "# Q\n\n`<script>alert(1)</script>` and `<img src=x onerror=y>`\n",
    "math": "# Q\n\n$</script><script>alert(1)$ and $$<iframe src=x>$$\n",
    "control-char-link": "# Q\n\n[x](\x01javascript:alert(1)) and [y](java\nscript:alert(1))\n",
    "ok-links": '# Q\n\n<https://example.org/?a="b"> [m](mailto:a@example.org)\n',
    "cloze-hint": (
        "---\nid: cloze-hint\ntype: cloze\n---\n"
        "A {{c1::x::<img src=x onerror=alert(1)>}} b {{c2::<script>alert(1)</script>}} "
        '{{c3::y::" onmouseover="alert(1)}} {{c4::z::</span><script>alert(1)</script>}}\n'
    ),
    "cloze-code": (
        "---\nid: cloze-code\ntype: cloze\n---\n# T <svg onload=alert(1)>\n\n"
        "```python\nprint({{c1::x::<iframe src=javascript:alert(1)>}})\n```\n\n***\n\n"
        "<script>alert('extra')</script>\n"
    ),
}


def _note(name: str, text: str) -> str:
    return text if text.startswith("---") else f"---\nid: {name}\n---\n{text}"


HOSTILE_DECK = (
    'name: "Hostile"\n'
    # (a javascript: link there is an error: tests/test_deck_description.py)
    'description: "<script>alert(1)</script> <img src=x onerror=y>"\n'
    "sources:\n"
    "  evil:\n"
    '    title: "<script>alert(1)</script>"\n'
    "    author: '<img src=x onerror=alert(1)>'\n"
    "    publisher: '\" onmouseover=\"alert(1)'\n"
    "    url: 'https://example.org/\"onmouseover=\"alert(1)'\n"
)


def test_hostile_notes_that_build_render_inert_in_anki(
    tmp_path: Path, anki: AnkiCollection
) -> None:
    deck = tmp_path / "content" / "hostile"
    write(deck / "deck.yaml", HOSTILE_DECK)
    (deck / "img").mkdir()
    (deck / "img" / "ok.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really an image")
    for name, text in BUILDS.items():
        write(deck / f"{name}.md", _note(name, text))
    write(
        deck / "cited.md",
        "---\nid: cited\nsource: {doc: evil, question: 1}\n---\n# Q\n\nA\n",
    )

    # Only the structural checks matter here; style and spelling rules (AG1xx) are off.
    result = build([deck], tmp_path / "out", LintConfig(ignore=("AG1",)))
    errors = [d for d in result.lint.diagnostics if d.severity is Severity.ERROR]
    assert errors == []
    (package,) = result.outputs
    log = anki.import_package(package)
    assert len(log.new) == len(BUILDS) + 1

    col = anki.col
    card_ids = col.find_cards("")
    assert len(card_ids) == len(BUILDS) + 1 + 3  # the two cloze notes make 4 + 1 cards
    seen_tags: set[str] = set()
    for card_id in card_ids:
        card = col.get_card(card_id)
        note = card.note()
        output = card.render_output()
        for side in (output.question_text, output.answer_text):
            assert TEMPLATE_ERROR not in side
            found = audit(side)
            assert found.problems == [], (note.guid, side)
            seen_tags |= found.tags
        for field in note.fields:
            assert audit(field).problems == [], field
    assert seen_tags <= EXPECTED_TAGS, seen_tags - EXPECTED_TAGS

    # The hostile text is still there, as text a learner can read.
    notes = [col.get_note(nid) for nid in col.find_notes("")]
    (script_note,) = [
        n
        for n in notes
        if n.note_type()["name"] != "ankigen Cloze v1"
        and n["Front"] == "Q &lt;script&gt;alert(1)&lt;/script&gt;"
    ]
    answer = col.get_card(script_note.card_ids()[0]).render_output().answer_text
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in answer

    description = col.decks.by_name("Hostile")["desc"]
    assert description and audit(description).problems == []
    assert "&lt;script&gt;" in description


# Notes refused before anything is written: (front matter extra, body, line, column, code).
REFUSED: dict[str, tuple[str, int, int, str]] = {
    "javascript-link": ("[x](javascript:alert(1))", 6, 5, "AG041"),
    "mixed-case": ("[x](JaVaScRiPt:alert(1))", 6, 5, "AG041"),
    "entity-first-letter": ("[x](&#106;avascript:alert(1))", 6, 1, "AG041"),
    "hex-entity": ("[x](&#x6A;&#x61;vascript:alert(1))", 6, 1, "AG041"),
    "entity-colon": ("[x](javascript&colon;alert(1))", 6, 1, "AG041"),
    "tab-entity-in-scheme": ("[x](java&#9;script:alert(1))", 6, 1, "AG041"),
    "tab-in-scheme": ("[x](<java\tscript:alert(1)>)", 6, 1, "AG041"),
    "newline-escape": ("[x](java%0ascript:alert(1))", 6, 5, "AG041"),
    "nul-in-scheme": ("[x](java\x00script:alert(1))", 6, 1, "AG041"),
    "leading-space": ("[x](< javascript:alert(1)>)", 6, 7, "AG041"),
    "data-html": ("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", 6, 5, "AG041"),
    "data-html-case": ("[x](DATA:Text/HTML,<script>alert(1)</script>)", 6, 1, "AG041"),
    "vbscript": ("[x](vbscript:msgbox(1))", 6, 5, "AG041"),
    "file": ("[x](file:///etc/passwd)", 6, 5, "AG041"),
    "relative-html": ("[x](evil.html)", 6, 5, "AG041"),
    "autolink": ("<javascript:alert(1)>", 6, 2, "AG041"),
    "autolink-upper": ("<VBSCRIPT:msgbox(1)>", 6, 2, "AG041"),
    "reference-link": ("[x][r]\n\n[r]: javascript:alert(1)", 6, 1, "AG041"),
    "link-in-heading": ("ok\n\n## [h](javascript:alert(1))", 8, 8, "AG041"),
    "image-javascript": ("![x](javascript:alert(1))", 6, 6, "AG040"),
    "image-data-html": ("![x](data:text/html,<script>alert(1)</script>)", 6, 1, "AG040"),
    "image-data-svg": (
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        6,
        6,
        "AG040",
    ),
    "image-remote": ("![x](https://evil.example/x.png)", 6, 6, "AG040"),
    "image-scheme-relative": ("![x](//evil.example/x.png)", 6, 6, "AG040"),
}


@pytest.mark.parametrize(
    ("answer", "line", "column", "code"),
    list(REFUSED.values()),
    ids=list(REFUSED),
)
def test_hostile_links_are_refused_with_a_located_error(
    deck_dir: Path, answer: str, line: int, column: int, code: str
) -> None:
    write(deck_dir / "bad.md", f"---\nid: bad\n---\n# Q\n\n{answer}\n")
    out = deck_dir.parent.parent / "out"
    result = build([deck_dir], out)
    assert result.outputs == ()
    assert not out.exists() or list(out.iterdir()) == []
    # A NUL character is also refused on its own (AG051); here only the link matters.
    found = [d for d in result.check.diagnostics if d.code != "AG051"]
    located = [(d.path.name, d.line, d.column, d.code) for d in found]
    assert located == [("bad.md", line, column, code)]
    (diagnostic,) = found
    assert re.fullmatch(r"(link|image) '.*'[^:]*: .+", diagnostic.message, re.S)


def test_hostile_link_in_a_cloze_is_refused(deck_dir: Path) -> None:
    write(
        deck_dir / "bad.md",
        "---\nid: bad\ntype: cloze\n---\n{{c1::[x](javascript:alert(1))}} and "
        "[{{c2::y}}](JAVASCRIPT:alert(1))\n",
    )
    result = build([deck_dir], deck_dir.parent.parent / "out")
    assert result.outputs == ()
    codes = sorted({(d.line, d.code) for d in result.check.diagnostics})
    assert codes == [(5, "AG041")]
