"""`ankigen import article`: leftovers of the sixth round of real documents (issue #12).

Every document and line here is written for the test. Three classes: tags that a sentence
names instead of using (``tokens like <code>, </code>``) lost their text in the HTML
conversion; an empty ``>`` line was left where a block quote ends before an unquoted code
block; and a fence that its closing line does not close is kept as the page wrote it, so that
lint (AG172) reports it on the imported note.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.tools.importers.article import Article, import_article, parse_article
from ankigen.tools.importers.article_html import convert_text_lines, html_to_markdown, html_to_text
from tests.rule_harness import lint_rule


def _parse(text: str) -> Article:
    return parse_article(text, markdown=True, stem="article")


# --- 1. tags named in a sentence are kept, as inline code --------------------------------

_TOKEN_MARKERS = """# Code models

### 1. How can a tokenizer show where a snippet starts?

It can add markers such as <code>, </code> around each snippet, so the model sees the edges.

### 2. What does the empty pair <b></b> render as?

Nothing: an empty bold element draws no text.
"""


def test_tags_named_in_an_answer_and_a_question_keep_their_text() -> None:
    article = _parse(_TOKEN_MARKERS)
    first, second = article.questions
    assert "markers such as `<code>`, `</code>` around each snippet" in first.answer
    assert second.question == "What does the empty pair `<b></b>` render as?"


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        # an opening and a closing tag with nothing, spaces or spaced punctuation between
        ("wrap the word in <em></em> to stress it", "wrap the word in `<em></em>` to stress it"),
        ("use <code> </code> around it", "use `<code>` `</code>` around it"),
        ("pairs like <b> / </b> mark bold", "pairs like `<b>` / `</b>` mark bold"),
        ("the tags <i> and </i> mark italics", "the tags `<i>` and `</i>` mark italics"),
        ("<code>, </code> mark code", "`<code>`, `</code>` mark code"),
        # a closing tag without its opening one, inside a sentence
        ("a stray </span> ends nothing", "a stray `</span>` ends nothing"),
        ("close the list with a tag like </ul>.", "close the list with a tag like `</ul>`."),
        # an opening tag never closed, inside a sentence
        (
            "rows sit in <tbody>, headers in <thead>.",
            "rows sit in `<tbody>`, headers in `<thead>`.",
        ),
        # code that holds only a tag shows that tag; code with text in it stays HTML
        ("wrap it in <code><div></code> first", "wrap it in `<div>` first"),
        ("close with <kbd></p></kbd> here", "close with `</p>` here"),
        ('so <code><span class="k">def</span> f</code> is', "so `def f` is"),
        # '<' that starts no known tag is text, next to real HTML
        ("a <b>Map<K, V></b> holds pairs", "a **Map<K, V>** holds pairs"),
        ("if x <= y, <i>stop</i>", "if x <= y, *stop*"),
        ("a <widget>box</widget> and <b>bold</b>", "a <widget>box</widget> and **bold**"),
    ],
)
def test_no_text_of_a_line_with_html_is_lost(line: str, kept: str) -> None:
    assert convert_text_lines([line]) == [kept]


@pytest.mark.parametrize(
    ("fragment", "converted"),
    [
        # HTML, not mentions: an anchor with attributes, real content, a tag at the start
        ('<a name="q4"></a>Why cache?', "Why cache?"),
        ("<p></p>Caching keeps results.", "Caching keeps results."),
        ("put <code>:</code> between key and value", "put `:` between key and value"),
        ("<li>first item", "- first item"),
        ("the end of a paragraph.</p>", "the end of a paragraph."),
        ("<strong>Answer:</strong> yes", "**Answer:** yes"),
        ("before <p>after", "before\n\nafter"),
    ],
)
def test_tags_that_are_html_are_still_converted(fragment: str, converted: str) -> None:
    assert html_to_markdown(fragment) == converted


def test_a_mention_in_a_question_line_is_kept() -> None:
    assert html_to_text("What do <td> and <th> hold?") == "What do `<td>` and `<th>` hold?"


# --- 2. empty quote markers where the quote ends ----------------------------------------

_QUOTED_SQL = """# Query drill

1. Write the statement that lists the distinct cities.

<details><summary>Show Answer</summary>

>
```
select distinct city from shops;
```

</details>

2. Why index a join column?

> So the join reads only the matching rows.
>
> It trades write speed for read speed.
>
```
create index on orders (customer_id);
```

3. What does this print?

```
> 1
>
```
"""


def test_an_empty_quote_line_before_unquoted_code_goes() -> None:
    first, second, third = _parse(_QUOTED_SQL).questions
    assert first.answer == "```\nselect distinct city from shops;\n```"
    assert second.answer == (
        "> So the join reads only the matching rows.\n>\n> It trades write speed for read "
        "speed.\n\n```\ncreate index on orders (customer_id);\n```"
    )
    assert third.answer == "```\n> 1\n>\n```"  # inside code a '>' line is code


# --- 3. a fence its closing line does not close: kept, and reported -------------------

_SHORT_CLOSE = """# Table drill

### 1. How do you remove rows without a price?

````sql
DELETE FROM items WHERE price IS NULL;
```
Then check what is left:

````sql
SELECT COUNT(*) FROM items;
````

### 2. How do you empty a table?

```sql
TRUNCATE items;
```
"""


def test_a_fence_left_open_by_its_closing_line_is_kept_and_linted(tmp_path: Path) -> None:
    source = tmp_path / "drill.md"
    source.write_text(_SHORT_CLOSE, encoding="utf-8")
    deck = tmp_path / "content" / "drill"
    import_article(source, deck, force=False)
    note = (deck / "how-do-you-remove-rows-without-a-price.md").read_text(encoding="utf-8")
    assert "````sql\nDELETE FROM items WHERE price IS NULL;\n```\nThen check" in note
    found = lint_rule(tmp_path, "AG172")
    assert [diagnostic.path.stem for diagnostic in found] == [
        "how-do-you-remove-rows-without-a-price"
    ]
    assert "'````sql' on line" in found[0].message and "opens the next block" in found[0].message
