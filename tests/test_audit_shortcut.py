"""The field audit's shortcut (``sanitize._plainly_safe``) answers only what the tag-by-tag
audit would answer: a field it passes has no problem, whatever the media, and on every field
rendered from the project's notes the two agree."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ankigen.pipeline.check import check
from ankigen.render.sanitize import _plainly_safe, tag_by_tag_problems, unsafe_html

ROOT = Path(__file__).resolve().parent.parent

# Pieces near the shortcut's edges: allowed and refused elements, upper case, attributes that
# only some elements may have, class values with characters outside the allowed set, quotes,
# unclosed and nested brackets, comments, entities.
PIECES = (
    "<p>",
    "</p>",
    "<P>",
    "<pre>",
    "<pr>",
    '<span class="k">',
    '<span class="k;x">',
    "<span class=k>",
    '<span class="a<b">',
    '<span  class="k">',
    "<br>",
    "<br />",
    "<br/>",
    "<img>",
    '<img src="x.png">',
    '<a href="javascript:alert(1)">',
    '<a href="https://example.org">',
    "<script>",
    "</script>",
    "<!-- x -->",
    '<td style="text-align: left">',
    '<td style="color: red">',
    '<p onclick="x">',
    '<ol start="2">',
    "<",
    ">",
    "<<p>",
    "&lt;",
    '"',
    "text ",
    "\n",
    "\\(x\\)",
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_a_field_the_shortcut_passes_has_no_problem(pieces: list[str]) -> None:
    fragment = "".join(pieces)
    if _plainly_safe(fragment):
        assert tag_by_tag_problems(fragment) == []
        assert tag_by_tag_problems(fragment, frozenset()) == []
    assert unsafe_html(fragment) == tag_by_tag_problems(fragment)


def test_the_shortcut_passes_a_plain_rendered_field_and_not_a_refused_one() -> None:
    field = '<p><strong>a</strong> <code>b</code></p>\n<pre class="x"><code><span class="k">c'
    assert _plainly_safe(field + "</span></code></pre>")
    assert not _plainly_safe(field + '<img src="x.png">')
    assert not _plainly_safe(field + "<!-- c -->")


def test_both_audits_agree_on_every_rendered_field_of_the_content() -> None:
    checked = check([ROOT / "content", ROOT / "examples"])
    fields = [(field, n) for deck in checked.decks for n in deck.notes for field in n.fields]
    assert len(fields) > 100
    for field, rendered in fields:
        media = frozenset(item.name for item in rendered.media)
        assert unsafe_html(field, media) == tag_by_tag_problems(field, media)
