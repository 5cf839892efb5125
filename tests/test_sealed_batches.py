"""The sealed batches under tests/fixtures/sealed stay measurable: each archive opens and holds
one file per family of its kind (the four number families, or the fourteen prose and markup
families) and the correct notes. Only the member names are read, never the
notes (they are sealed: docs/evaluation.md, tests/fixtures/sealed/README.md)."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

SEALED = Path(__file__).parent / "fixtures" / "sealed"
NUMBER_FAMILIES = {"arithmetic", "conv-output", "epoch-iterations", "param-count", "correct"}
PROSE_FAMILIES = {
    "boilerplate",
    "cloze-math",
    "correct",
    "cross-card",
    "dangling-figure",
    "doubled-word",
    "link-only",
    "name-typo",
    "placeholder",
    "python-code",
    "raw-html",
    "removed-api",
    "spelling",
    "truncated-answer",
    "unbalanced-math",
}


@pytest.mark.parametrize("archive", sorted(SEALED.glob("*.tar.gz")), ids=lambda path: path.name)
def test_a_sealed_archive_holds_every_family(archive: Path) -> None:
    with tarfile.open(archive, "r:gz") as bundle:
        names = {Path(member.name) for member in bundle.getmembers() if member.isfile()}

    assert {name.parent for name in names} == {Path("all")}
    assert {name.stem for name in names} in (NUMBER_FAMILIES, PROSE_FAMILIES)
    assert all(name.suffix == ".yml" for name in names)


def test_the_readme_names_every_archive() -> None:
    readme = (SEALED / "README.md").read_text("utf-8")
    archives = sorted(path.name for path in SEALED.glob("*.tar.gz"))

    assert archives, "no sealed batch is stored"
    assert all(f"`{name}`" in readme for name in archives)
