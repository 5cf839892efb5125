"""A build that fails part-way leaves the previous packages untouched and no stray files."""

from __future__ import annotations

from pathlib import Path

import pytest

import ankigen.pipeline.build
from ankigen.package.compile import write_package
from ankigen.pipeline.build import build
from tests.conftest import SAMPLE, make_repo, write


def test_failure_inside_compile_keeps_previous_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path, SAMPLE, 1_700_000_000)
    write(repo / "content" / "second" / "deck.yaml", "name: Second\n")
    write(repo / "content" / "second" / "a.md", "---\nid: a\n---\n# Q\n\nA\n")
    out = tmp_path / "out"
    build([repo / "content"], out)
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    assert sorted(before) == ["sample.apkg", "second.apkg"]

    write(repo / "content" / "sample" / "more.md", "---\nid: more\n---\n# More\n\nYes\n")
    calls = []
    real_write = write_package

    def failing_write(deck_build: object, target: Path) -> None:
        calls.append(target)
        if len(calls) == 2:  # the first package is complete, the second dies half-way
            target.write_bytes(b"PK\x03\x04 half")
            raise RuntimeError("simulated crash")
        real_write(deck_build, target)  # type: ignore[arg-type]

    monkeypatch.setattr(ankigen.pipeline.build, "write_package", failing_write)
    with pytest.raises(RuntimeError, match="simulated crash"):
        build([repo / "content"], out)
    after = {path.name: path.read_bytes() for path in out.iterdir()}
    assert after == before  # both old packages intact, no temporary files left
