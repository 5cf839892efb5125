"""AG172 (unclosed-fence) on shapes written for it: fences whose closing line fails to close
them, and the near misses that are fine (closed fences, deliberate nested examples, a fence
that ends with the note)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rule_harness import FixtureNote, body_position, lint_rule, write_notes

T3 = "```"
T4 = "````"

# (name, body, body line of the finding or None, words the message holds)
SHAPES: list[tuple[str, str, int | None, tuple[str, ...]]] = [
    (
        "four backticks closed by three, prose after",
        f"# How do you list tables?\n\n{T4}sql\nSHOW TABLES;\n{T3}\n\nThen pick one.\n",
        5,
        ("at least as many backticks", "write '````' on line 9", "rest of the note"),
    ),
    (
        "tildes closed by backticks",
        "# How do you print?\n\n~~~python\nprint(1)\n```\n\nIt prints 1.\n",
        5,
        ("closes only with tildes", "write '~~~'"),
    ),
    (
        "backticks closed by tildes",
        "# How do you print?\n\n```python\nprint(1)\n~~~\n\nIt prints 1.\n",
        5,
        ("closes only with backticks",),
    ),
    (
        "a closing line with an info string, then prose",
        "# How do you sort?\n\n```python\nsorted(xs)\n```python\n\nIt returns a list.\n",
        5,
        ("opens a code block inside", "never closed"),
    ),
    (
        "five tildes closed by four",
        "# How do you run it?\n\n~~~~~bash\nmake run\n~~~~\n\nIt builds first.\n",
        5,
        ("at least as many tildes",),
    ),
    (
        "the near miss is the note's last line",
        f"# How do you count rows?\n\n{T4}sql\nSELECT COUNT(*) FROM t;\n{T3}\n",
        5,
        ("does not close",),
    ),
    (
        "closed later: the next block's opening line shows the first was meant to be closed",
        f"# How do you delete rows?\n\n{T4}sql\nDELETE FROM t;\n{T3}\nCheck it:\n\n"
        f"{T4}sql\nSELECT * FROM t;\n{T4}\n\nNo rows are left.\n",
        5,
        ("'````sql' on line 12 opens the next block", "lines 8 to 13 show as code"),
    ),
    (
        "two blocks after a short close, the last one open to the end",
        f"# How do you join?\n\n{T4}\nA JOIN B\n{T3}\n\nThen:\n\n{T3}\nA JOIN C\n{T3}\n",
        5,
        ("does not close",),
    ),
    (
        "the same opening line twice without a close between",
        "# How do you add?\n\n```python\na + b\n\n```python\nsum(xs)\n```\n\nBoth add.\n",
        6,
        ("opens a code block inside", "before line 10"),
    ),
    (
        "a shorter close, then a shorter block with a language",
        f"# How do you loop?\n\n{T4}\nfor x in xs:\n    f(x)\n{T3}\nOr:\n{T3}python\n"
        f"list(map(f, xs))\n{T3}\n",
        6,
        ("'```python' on line 12 opens the next block",),
    ),
    (
        "in a list item, closed by too few backticks",
        f"# What are the steps?\n\n1. Build:\n   {T4}sh\n   make\n   {T3}\n2. Test.\n",
        6,
        ("does not close",),
    ),
    (
        "in a list item, the closing line outside the item",
        "# What are the steps?\n\n1. Build:\n   ```sh\n   make\n```\n\nThen test it.\n",
        6,
        ("outside the list item", "indent it"),
    ),
    (
        "in a quote, the closing line without '>'",
        "# What does it print?\n\n> ```python\n> print(2)\n```\n\nIt prints 2.\n",
        5,
        ("outside the list item or quote",),
    ),
    (
        "in a quote, a blank line and then the closing line without '>'",
        "# What does it print?\n\n> ```python\n> print(2)\n\n```\n\nIt prints 2.\n",
        6,
        ("quote it",),
    ),
    (
        "a cloze note with a short close",
        f"The {{{{c1::mean}}}} of a column:\n\n{T4}sql\nSELECT AVG(x) FROM t;\n{T3}\n\n"
        "***\n\nAVG skips NULLs.\n",
        5,
        ("does not close",),
    ),
    # near misses: the card shows what the author meant
    ("a closed fence", "# How?\n\n```python\nx = 1\n```\n\nDone.\n", None, ()),
    ("a closed tilde fence", "# How?\n\n~~~\nx = 1\n~~~\n\nDone.\n", None, ()),
    ("a longer closing line", "# How?\n\n```\nx = 1\n`````\n\nDone.\n", None, ()),
    (
        "a Markdown example inside a longer fence",
        f"# How do you show code in Markdown?\n\n{T4}markdown\n{T3}python\nx = 1\n{T3}\n"
        f"{T4}\n\nFour backticks hold three.\n",
        None,
        (),
    ),
    (
        "a prompt with a JSON block inside Python code",
        f'# How do you ask for JSON?\n\n{T4}python\nPROMPT = """\nAnswer as:\n{T3}json\n'
        f'{{"a": 1}}\n{T3}\n"""\n{T4}\n',
        None,
        (),
    ),
    (
        "a nested example, the outer fence ending with the note",
        f"# How do you show code in Markdown?\n\n{T4}markdown\n{T3}python\nx = 1\n{T3}\n",
        None,
        (),
    ),
    (
        "tildes around a backtick example",
        "# How do you fence code?\n\n~~~markdown\n```\ncode\n```\n~~~\n\nLike this.\n",
        None,
        (),
    ),
    (
        "a fence left open as the last block",
        "# How do you print?\n\n```python\nprint(1)\n",
        None,
        (),
    ),
    (
        "three backticks inside a line are a code span, not a fence",
        "# What is a fence?\n\n```text\nwrite ```js``` inline\n```\n\nDone.\n",
        None,
        (),
    ),
    (
        "an indented fence-like line inside Python code",
        '# How do you build Markdown?\n\n```python\ns = """\n    ```\n"""\n```\n',
        None,
        (),
    ),
    (
        "a list item fence closed at its own indentation",
        "# Steps?\n\n1. Build:\n   ```sh\n   make\n   ```\n2. Test.\n",
        None,
        (),
    ),
    (
        "a fence left open at the end of a list item, a new block with a language after it",
        "# Steps?\n\n1. Build:\n   ```sh\n   make\n\n```python\nrun()\n```\n",
        None,
        (),
    ),
    (
        "two closed blocks of different lengths",
        f"# Two ways?\n\n{T4}sql\nSELECT 1;\n{T4}\n\n{T3}sql\nSELECT 2;\n{T3}\n",
        None,
        (),
    ),
    (
        "an example of a fence with a language inside a longer tilde fence",
        "# How do you tag a block?\n\n~~~~\n~~~python\nx\n~~~\n~~~~\n",
        None,
        (),
    ),
]


@pytest.mark.parametrize(("name", "body", "line", "words"), SHAPES, ids=[s[0] for s in SHAPES])
def test_fence_shapes(
    tmp_path: Path, name: str, body: str, line: int | None, words: tuple[str, ...]
) -> None:
    note = FixtureNote("note", body, "cloze" if "{{c1::" in body else "basic")
    write_notes(tmp_path, [note])
    found = lint_rule(tmp_path, "AG172")
    if line is None:
        assert found == [], [d.format() for d in found]
        return
    assert len(found) == 1, [d.format() for d in found]
    assert body_position(note, found[0])[0] == line, found[0].format()
    for word in words:
        assert word in found[0].message, (word, found[0].message)


def test_enough_shapes() -> None:
    wrong = [shape for shape in SHAPES if shape[2] is not None]
    fine = [shape for shape in SHAPES if shape[2] is None]
    assert len(wrong) >= 10 and len(fine) >= 10
