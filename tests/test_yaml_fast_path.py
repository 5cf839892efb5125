"""libyaml's parser (the fast path for valid YAML) gives exactly what PyYAML's Python parser
gives: the same data and the same position for every key and value."""

from __future__ import annotations

from pathlib import Path

import pytest

import ankigen.source.files
from ankigen.source.files import YamlDocument, parse_yaml, read_text, split_front_matter
from tests.conftest import CONTENT, SAMPLE

FRONT_MATTER_SHAPES = [
    "id: a\ntags: [x, 'y', \"z\"]\nsource: {doc: d, question: 3}\n",
    "id: b\ntags:\n  - one\n  - two::three\nsource:\n  doc: d\n  question: 4\n",
    'id: ü-ok\nnote: "naïve — 日本語"\nnested: {a: [1, {b: 2}]}\n',
    "name: D\ndescription: >-\n  folded\n  text\nsources:\n  s:\n    date: 2023-02-22\n",
]


def _both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[YamlDocument, YamlDocument]:
    assert ankigen.source.files._CParser is not None, "PyYAML without libyaml: nothing to compare"
    fast, problems = parse_yaml(text, Path("x.md"), 2)
    assert fast is not None and not problems
    with monkeypatch.context() as patch:
        patch.setattr(ankigen.source.files, "_CParser", None)
        slow, _ = parse_yaml(text, Path("x.md"), 2)
    assert slow is not None
    return fast, slow


@pytest.mark.parametrize("text", FRONT_MATTER_SHAPES)
def test_fast_and_slow_paths_agree(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = _both(text, monkeypatch)
    assert fast == slow


def test_fast_and_slow_paths_agree_on_all_bundled_front_matter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = sorted([*CONTENT.rglob("*.md"), *SAMPLE.rglob("*.md")])
    assert len(files) > 100
    for path in files:
        text, _ = read_text(path)
        assert text is not None
        split, _ = split_front_matter(text, path)
        assert split is not None
        fast, slow = _both(split[0], monkeypatch)
        assert fast == slow, path
