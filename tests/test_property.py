"""No input makes ankigen crash: every run ends with exit code 0 or 1 and located messages.

Generated notes and deck files (random YAML, Unicode, line endings, invalid UTF-8, deep
nesting) go through ``main(["validate", …])`` and ``main(["build", …])``.

The number of examples is bounded so the suite stays fast; raise it for a longer campaign:

    ANKIGEN_FUZZ_EXAMPLES=5000 python -m pytest tests/test_property.py
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ankigen.cli import main

DIAGNOSTIC = re.compile(r"^[^:]+:\d+:\d+: AG\d{3} .+")
EXAMPLES = int(os.environ.get("ANKIGEN_FUZZ_EXAMPLES", "100"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize="ANKIGEN_FUZZ_EXAMPLES" not in os.environ,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Characters that tend to break text handling: RTL and bidi overrides, zero-width characters,
# a BOM in the middle, NUL and other controls, lone surrogates are not encodable so excluded.
TRICKY = [
    "\u202e",
    "\u200f",
    "\u061c",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\x00",
    "\x01",
    "\x1b",
    "\x7f",
    "\u2028",
    "\u2029",
    "\x85",
    "\ue000",
    "\ue002",
    "\U0001f600",
    "\u0301",
    "\u05d0\u05d1",
    "\u0627\u0644",
    "\t",
    "}}",
    "{{c1::",
    "::",
    "$",
    "$$",
    "`",
    "```",
    "\\",
    "&amp;",
    "&#0;",
    "<",
    ">",
    '"',
    "'",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "!",
    "#",
    "|",
    "---",
    "***",
    "&a",
    "*a",
    "!!",
    "%",
]
text = st.lists(
    st.one_of(st.text(st.characters(codec="utf-8"), max_size=6), st.sampled_from(TRICKY)),
    max_size=8,
).map("".join)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    text,
    st.dates(),
    st.sampled_from(["basic", "cloze", "code", "ok-id", "a", "Bad Id", "c1", "yes", "~"]),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(text, st.sampled_from(["doc", "question"])), children, max_size=4
        ),
    ),
    max_leaves=12,
)
keys = st.one_of(
    st.sampled_from(["id", "type", "tags", "source", "lint-ignore", "name", "title"]), text
)
front_matter_data = st.dictionaries(keys, values, max_size=6)


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, default_flow_style=None, sort_keys=False)


raw_yaml_lines = st.lists(
    st.one_of(
        text,
        st.sampled_from(
            [
                "id: ok",
                "id: &a ok",
                "tags: *a",
                "type: cloze",
                "type: code",
                "tags: [a, b",
                "source: {doc: s, question: 1}",
                "? [a]\n: b",
                "x: !!python/object/apply:os.system ['true']",
                "x: !!binary AAA",
                "x: 2023-02-30",
                "<<: {id: merged}",
                "- list",
                "  indented: x",
                "id: ok\nid: again",
                "%YAML 1.1",
                "...",
                "--- !!map",
            ]
        ),
    ),
    max_size=6,
)
front_matter = st.one_of(front_matter_data.map(_dump), raw_yaml_lines.map("\n".join))

BODY_PIECES = [
    "# Question?",
    "# ",
    "#",
    "## Sub",
    "Answer text.",
    "",
    "{{c1::hidden}}",
    "{{c2::x::hint}}",
    "{{c0::zero}}",
    "{{c1::unclosed",
    "}}",
    "```python",
    "```",
    "```not-a-language",
    "~~~",
    "    indented code",
    "$x^2$",
    "$$\\frac{1}{2}$$",
    "$e^{x_{1}}$",
    "> quote",
    "- item",
    "1. item",
    "***",
    "---",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "[link](https://example.org)",
    "[bad](javascript:alert(1))",
    "![img](img/x.png)",
    "![img](../../../etc/passwd)",
    "<script>alert(1)</script>",
    "<div>",
    "<!-- comment -->",
    "&nbsp; &#x202e; &#0;",
    "[ref]: https://example.org",
    "[^1]",
    "\\",
]
body_lines = st.lists(st.one_of(text, st.sampled_from(BODY_PIECES)), max_size=12)
nesting = st.tuples(st.sampled_from(["> ", "- ", "1. ", "  ", "* ", "> - "]), st.integers(1, 60))


@st.composite
def bodies(draw: st.DrawFn) -> str:
    lines = draw(body_lines)
    if draw(st.booleans()):
        marker, depth = draw(nesting)
        lines.insert(draw(st.integers(0, len(lines))), marker * depth + "deep")
    return "\n".join(lines)


@st.composite
def note_files(draw: st.DrawFn) -> bytes:
    """A note file as bytes: usually well-formed, sometimes damaged on purpose."""
    fence_open = draw(st.sampled_from(["---", "---", "---", "--- ", "", "----", "..."]))
    fence_close = draw(st.sampled_from(["---", "---", "---", "...", "", "--- x"]))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    source = newline.join([fence_open, draw(front_matter), fence_close, draw(bodies())])
    data = source.encode("utf-8", "surrogatepass")
    damage = draw(
        st.sampled_from(["none", "none", "none", "bom", "nul", "invalid", "truncate", "empty"])
    )
    if damage == "bom":
        data = b"\xef\xbb\xbf" + data
    elif damage == "nul":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\x00" + data[at:]
    elif damage == "invalid":
        at = draw(st.integers(0, len(data)))
        data = (
            data[:at]
            + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80"]))
            + data[at:]
        )
    elif damage == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "empty":
        data = b""
    return data


deck_files = st.one_of(
    st.just(b'name: "Fuzz"\ndescription: "fuzzed notes"\n'),
    st.builds(
        lambda data, extra: (_dump(data) + extra).encode("utf-8", "surrogatepass"),
        st.dictionaries(
            st.sampled_from(["name", "description", "tags", "sources", "other"]),
            values,
            max_size=4,
        ),
        st.sampled_from(["", "x: &a 1\ny: *a\n", "date: 2023-02-30\n", "\x00"]),
    ),
)


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def _check_commands(deck_yaml: bytes, notes: list[bytes], commands: list[str]) -> None:
    """Run each command on a deck of these files: exit 0 or 1, and only located messages."""
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        deck = root / "content" / "fuzz"
        (deck / "img").mkdir(parents=True)
        (deck / "img" / "x.png").write_bytes(b"png")
        (deck / "deck.yaml").write_bytes(deck_yaml)
        for number, data in enumerate(notes):
            (deck / f"n{number}.md").write_bytes(data)
        with contextlib.chdir(root):
            for command in commands:
                argv = [command, "content/fuzz"]
                if command == "build":
                    argv += ["--out", "out"]
                code, out, err = _run(argv)
                assert code in (0, 1), (argv, code, out, err)
                assert "Traceback" not in out + err
                for line in out.splitlines():
                    if code == 1 or not line.startswith("wrote "):
                        assert DIAGNOSTIC.match(line), (argv, line)


def _check_both_commands(deck_yaml: bytes, notes: list[bytes]) -> None:
    _check_commands(deck_yaml, notes, ["validate", "build"])


@FUZZ
@given(note=note_files())
@example(note=b"")
@example(note=b"\xef\xbb\xbf---\r\nid: bom\r\n---\r\n# Q\r\n\r\nA\r\n")
@example(note=b"---\rid: cr\r---\r# Q\r\rA\r")
@example(note=b"---\nid: nul\n---\n# Q\x00\n\nA\x00\n")
@example(note=b"---\nid: bad\n---\n# Q\n\n\xff\xfe\n")
@example(note="---\nid: rtl\n---\n# \u202eQ\u200b\n\n\u05d0 \u200d\ufeff\n".encode())
@example(note=b"---\nid: deep\n---\n# Q\n\n" + b"> " * 500 + b"deep\n")
@example(note=b"---\nid: deep\n---\n# Q\n\n" + b"".join(b"  " * i + b"- x\n" for i in range(300)))
def test_any_note_gives_exit_0_or_1_with_located_messages(note: bytes) -> None:
    _check_both_commands(b'name: "Fuzz"\ndescription: "fuzzed notes"\n', [note])


@FUZZ
@given(deck_yaml=deck_files, note=note_files())
def test_any_deck_yaml_gives_exit_0_or_1_with_located_messages(
    deck_yaml: bytes, note: bytes
) -> None:
    _check_both_commands(deck_yaml, [note, b"---\nid: fixed\n---\n# Q\n\nA\n"])


@FUZZ
@given(data=front_matter_data, body=bodies(), kind=st.sampled_from(["basic", "cloze", "code"]))
def test_valid_front_matter_shapes_with_any_body(
    data: dict[str, object], body: str, kind: str
) -> None:
    meta = {"id": "note", "type": kind, **{k: v for k, v in data.items() if k != "id"}}
    note = f"---\n{_dump(meta)}---\n{body}\n".encode("utf-8", "surrogatepass")
    _check_both_commands(b'name: "Fuzz"\ndescription: "fuzzed notes"\n', [note])


def test_five_megabyte_file_completes() -> None:
    """Reading, YAML, Markdown, rendering and sanitising a 5 MB note finish (validate).

    ``build`` also runs the lint rules, which take about a minute on 5 MB of prose; that part
    runs in the long campaign only (``ANKIGEN_FUZZ_EXAMPLES`` set).
    """
    plain = "The network learns a function from the training data, and the validation " * 10
    rich = "Some *emphasis*, `code`, $x^2$ and [a link](https://example.org).\n\n"
    chunk = (plain + "\n\n") * 50 + rich
    body = chunk * (5 * 1024 * 1024 // len(chunk) + 1)
    note = f"---\nid: huge\n---\n# What does it learn?\n\n{body}".encode()
    assert len(note) >= 5 * 1024 * 1024
    commands = ["validate", "build"] if "ANKIGEN_FUZZ_EXAMPLES" in os.environ else ["validate"]
    _check_commands(b'name: "Big"\ndescription: "d"\n', [note], commands)


def test_ten_thousand_line_answer_completes() -> None:
    lines = "\n".join(f"- line {number} with **bold** and {{braces}}" for number in range(10_000))
    note = f"---\nid: long\n---\n# Q\n\n{lines}\n".encode()
    _check_both_commands(b'name: "Long"\ndescription: "d"\n', [note])


def test_ten_thousand_line_cloze_completes() -> None:
    lines = "\n".join(f"Line {number}: {{{{c1::hidden {number}}}}}." for number in range(10_000))
    note = f"---\nid: long\ntype: cloze\n---\n{lines}\n".encode()
    _check_both_commands(b'name: "Long"\ndescription: "d"\n', [note])


# Regressions: inputs the fuzzing found, with the exact message each now gives.
REGRESSIONS: list[tuple[bytes, str]] = [
    (
        # PyYAML's reader raised ReaderError from the loader's constructor (a traceback).
        b"---\nid: a\ntags: [x\x1f]\n---\n# Q\n\nA\n",
        "n0.md:3:9: AG005 character U+001F is not allowed in YAML: remove it",
    ),
    (
        # PyYAML let ValueError escape for an impossible date (a traceback).
        b"---\nid: a\nwhen: 2023-02-30\n---\n# Q\n\nA\n",
        "n0.md:3:7: AG005 invalid YAML value '2023-02-30': not a valid date (YYYY-MM-DD); "
        "correct it, or quote it to make it text",
    ),
    (
        # ...and AttributeError for an explicit timestamp tag on text (a traceback).
        b"---\nid: a\nwhen: !!timestamp soon\n---\n# Q\n\nA\n",
        "n0.md:3:7: AG005 invalid YAML value 'soon': not a valid date (YYYY-MM-DD); correct "
        "it, or quote it to make it text",
    ),
    (
        # A key holding U+2028 split the message over two output lines.
        b'---\nid: a\n"x\\u2028y": 1\n---\n# Q\n\nA\n',
        "n0.md:3:1: AG010 unknown key 'x\\u2028y': allowed keys: guid, id, lint-ignore, source, "
        "tags, type",
    ),
    (
        # A percent-encoded newline in an image path did the same.
        b"---\nid: a\n---\n# Q\n\n![x](img/a%0Ab.png)\n",
        "n0.md:6:6: AG040 image 'img/a%0Ab.png': image file not found: img/a\\nb.png",
    ),
]


def test_regressions_found_by_fuzzing() -> None:
    for note, expected in REGRESSIONS:
        with tempfile.TemporaryDirectory() as temporary:
            deck = Path(temporary) / "content" / "fuzz"
            deck.mkdir(parents=True)
            (deck / "deck.yaml").write_bytes(b'name: "Fuzz"\ndescription: "d"\n')
            (deck / "n0.md").write_bytes(note)
            with contextlib.chdir(deck):
                assert _run(["validate", "."])[:2] == (1, expected + "\n"), note
