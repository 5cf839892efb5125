"""Hostile YAML in front matter and deck.yaml: refused early, located, never executed."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from ankigen.cli import main
from ankigen.source.files import (
    MAX_FRONT_MATTER_BYTES,
    MAX_YAML_BYTES,
    MAX_YAML_DEPTH,
    parse_yaml,
)
from tests.conftest import MINIMAL_DECK, write

BODY = "# Q\n\nA\n"


def _validate(
    deck_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[int, list[str]]:
    monkeypatch.chdir(deck_dir)
    code = main(["validate", "."])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out.splitlines()


def _billion_laughs(levels: int, width: int = 10) -> str:
    lines = ['a0: &a0 "lol"']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


FRONT_MATTER_CASES: list[tuple[str, str, str]] = [
    (
        "python object tag",
        "id: bad\ntags: !!python/object/apply:os.system ['echo pwned']\n",
        "bad.md:3:7: AG005 YAML tag '!!python/object/apply:os.system' is not allowed: remove "
        "it; only plain text, numbers, dates, lists and mappings are read",
    ),
    (
        "python name tag",
        "id: bad\ntype: !!python/name:os.system ''\n",
        "bad.md:3:7: AG005 YAML tag '!!python/name:os.system' is not allowed: remove it; only "
        "plain text, numbers, dates, lists and mappings are read",
    ),
    (
        "local tag",
        "id: !custom bad\n",
        "bad.md:2:5: AG005 YAML tag '!custom' is not allowed: remove it; only plain text, "
        "numbers, dates, lists and mappings are read",
    ),
    (
        "alias of a missing anchor",
        "id: bad\ntags: *things\n",
        "bad.md:3:7: AG008 YAML alias '*things' is not allowed: write the value out in full "
        "(anchors and aliases are not supported)",
    ),
    (
        "anchor and alias",
        "id: &name bad\ntags: [*name]\n",
        "bad.md:2:5: AG008 YAML anchor '&name' is not allowed: remove it and write every value "
        "out in full (anchors and aliases are not supported)",
    ),
    (
        "merge key through an alias",
        "base: &base {id: bad}\n<<: *base\n",
        "bad.md:2:7: AG008 YAML anchor '&base' is not allowed: remove it and write every value "
        "out in full (anchors and aliases are not supported)",
    ),
    (
        "billion laughs",
        _billion_laughs(9),
        "bad.md:2:5: AG008 YAML anchor '&a0' is not allowed: remove it and write every value "
        "out in full (anchors and aliases are not supported)",
    ),
    (
        "too deep",
        "id: bad\ntags: " + "[" * (MAX_YAML_DEPTH + 5) + "]" * (MAX_YAML_DEPTH + 5) + "\n",
        f"bad.md:3:{7 + MAX_YAML_DEPTH - 1}: AG009 YAML nested more than {MAX_YAML_DEPTH} "
        "levels deep: flatten the lists and mappings",
    ),
    (
        "impossible date",
        "id: bad\nwhen: 2023-02-30\n",
        "bad.md:3:7: AG005 invalid YAML value '2023-02-30': not a valid date (YYYY-MM-DD); "
        "correct it, or quote it to make it text",
    ),
    (
        "explicit int tag on text",
        "id: bad\nsource: {doc: s, question: !!int many}\n",
        "bad.md:3:28: AG005 invalid YAML value 'many': not a valid integer; correct it, or "
        "quote it to make it text",
    ),
    (
        "explicit float tag on text",
        "id: bad\nx: !!float many\n",
        "bad.md:3:4: AG005 invalid YAML value 'many': not a valid number; correct it, or quote "
        "it to make it text",
    ),
    (
        "explicit timestamp tag on text",
        "id: bad\nx: !!timestamp soon\n",
        "bad.md:3:4: AG005 invalid YAML value 'soon': not a valid date (YYYY-MM-DD); correct "
        "it, or quote it to make it text",
    ),
    (
        "integer beyond Python's digit limit",
        "id: bad\nsource: {doc: s, question: 1" + "0" * 5000 + "}\n",
        "bad.md:3:28: AG005 invalid YAML value '1000000000000000000000000000000000000...': not "
        "a valid integer; correct it, or quote it to make it text",
    ),
]


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [(f, e) for _, f, e in FRONT_MATTER_CASES],
    ids=[name for name, _, _ in FRONT_MATTER_CASES],
)
def test_hostile_front_matter_is_refused_with_a_located_error(
    deck_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    front_matter: str,
    expected: str,
) -> None:
    write(deck_dir / "bad.md", f"---\n{front_matter}---\n{BODY}")
    assert _validate(deck_dir, capsys, monkeypatch) == (1, [expected])


def test_python_tags_are_never_executed(
    deck_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = deck_dir.parent.parent / "pwned"
    write(
        deck_dir / "bad.md",
        f"---\nid: bad\ntags: !!python/object/apply:os.system ['touch {marker}']\n---\n{BODY}",
    )
    write(
        deck_dir / "deck.yaml",
        MINIMAL_DECK + f"tags: !!python/object/apply:pathlib.Path.touch [!!python/object/apply"
        f":pathlib.Path ['{marker}']]\n",
    )
    code, lines = _validate(deck_dir, capsys, monkeypatch)
    assert code == 1
    assert [line.split(" ")[1] for line in lines] == ["AG005", "AG005"]
    assert not marker.exists()


def test_billion_laughs_is_refused_before_anything_walks_it() -> None:
    # 10**25 leaves: any walk that followed aliases would never finish; composing stops at
    # the first anchor.
    document, diagnostics = parse_yaml(_billion_laughs(25), Path("deck.yaml"))
    assert document is None
    assert [(d.line, d.column, d.code) for d in diagnostics] == [(1, 5, "AG008")]


def test_billion_laughs_in_deck_yaml(
    deck_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(deck_dir / "deck.yaml", MINIMAL_DECK + _billion_laughs(25))
    write(deck_dir / "good.md", f"---\nid: good\n---\n{BODY}")
    assert _validate(deck_dir, capsys, monkeypatch) == (
        1,
        [
            "deck.yaml:3:5: AG008 YAML anchor '&a0' is not allowed: remove it and write every "
            "value out in full (anchors and aliases are not supported)"
        ],
    )


def test_alias_in_deck_yaml_is_located(
    deck_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(deck_dir / "deck.yaml", "name: D\ndescription: x\ntags: [a]\nsources: *s\n")
    code, lines = _validate(deck_dir, capsys, monkeypatch)
    assert (code, lines) == (
        1,
        [
            "deck.yaml:4:10: AG008 YAML alias '*s' is not allowed: write the value out in full "
            "(anchors and aliases are not supported)"
        ],
    )


def test_alias_lookalikes_in_quoted_text_are_fine(
    deck_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        deck_dir / "deck.yaml",
        'name: "A & B *deck*"\ndescription: "&anchor *alias* <<: merge"\n',
    )
    write(deck_dir / "good.md", "---\nid: good\n---\n# *Q* & &amp;\n\n*A* &a\n")
    assert _validate(deck_dir, capsys, monkeypatch) == (0, [])


@pytest.mark.parametrize("depth", [MAX_YAML_DEPTH, MAX_YAML_DEPTH + 1, 100_000])
def test_nesting_limit(depth: int) -> None:
    text = "x: " + "[" * depth + "]" * depth + "\n"
    document, diagnostics = parse_yaml(text, Path("f.yaml"))
    codes = [d.code for d in diagnostics]
    # The top-level mapping is one level of nesting too.
    if depth + 1 <= MAX_YAML_DEPTH:
        assert document is not None and codes == []
    else:
        assert document is None and codes == ["AG009"]


def test_deep_block_nesting_is_refused() -> None:
    text = "".join(f"{'  ' * level}k{level}:\n" for level in range(200)) + "  " * 200 + "x\n"
    document, diagnostics = parse_yaml(text, Path("f.yaml"))
    assert document is None
    (diagnostic,) = diagnostics
    # Line n holds the mapping at nesting level n; the first one too deep is refused.
    assert (diagnostic.line, diagnostic.code) == (MAX_YAML_DEPTH + 1, "AG009")


def test_front_matter_size_limit(
    deck_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    filler = MAX_FRONT_MATTER_BYTES - len("id: ok\n") - len("# \n")
    write(deck_dir / "ok.md", f"---\nid: ok\n# {'x' * filler}\n---\n{BODY}")
    write(deck_dir / "big.md", f"---\nid: big\n# {'x' * MAX_FRONT_MATTER_BYTES}\n---\n{BODY}")
    assert _validate(deck_dir, capsys, monkeypatch) == (
        1,
        [
            "big.md:2:1: AG009 YAML is too large (64 KiB, at most 64 KiB): move long text into "
            "the Markdown body"
        ],
    )


def test_deck_yaml_size_limit(
    deck_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(deck_dir / "deck.yaml", MINIMAL_DECK + "# " + "x" * MAX_YAML_BYTES + "\n")
    write(deck_dir / "good.md", f"---\nid: good\n---\n{BODY}")
    assert _validate(deck_dir, capsys, monkeypatch) == (
        1,
        [
            "deck.yaml:1:1: AG009 YAML is too large (1024 KiB, at most 1024 KiB): move long "
            "text into the Markdown body"
        ],
    )


def test_impossible_date_in_deck_sources_is_located(
    deck_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        deck_dir / "deck.yaml",
        MINIMAL_DECK + "sources:\n  s:\n    title: T\n    publisher: P\n    date: 2023-13-01\n",
    )
    code, lines = _validate(deck_dir, capsys, monkeypatch)
    assert (code, lines) == (
        1,
        [
            "deck.yaml:7:11: AG005 invalid YAML value '2023-13-01': not a valid date "
            "(YYYY-MM-DD); correct it, or quote it to make it text"
        ],
    )


def test_standard_tags_still_work() -> None:
    document, diagnostics = parse_yaml("a: !!str 12\nb: !!int '7'\nc: 2024-02-29\n", Path("f"))
    assert diagnostics == []
    assert document is not None
    assert document.data == {"a": "12", "b": 7, "c": datetime.date(2024, 2, 29)}
