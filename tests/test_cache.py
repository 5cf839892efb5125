"""The build cache: same results as without it, used only for the exact bytes it was made from,
damaged files ignored, and a rebuild with nothing changed answered without writing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from ankigen.cache.files import CACHE_DIR, NoteCache
from ankigen.cli import main
from ankigen.lint.rule import LintConfig
from ankigen.lint.runner import lint
from ankigen.pipeline.check import CheckResult, check
from tests.conftest import SAMPLE, write

CONFIG = LintConfig()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample deck as content/sample, with the current directory at its root."""
    shutil.copytree(SAMPLE, tmp_path / "content" / "sample")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _summary(result: CheckResult) -> object:
    """Everything a check and lint produce, in comparable form."""
    linted = lint(result, CONFIG)
    return (
        linted.diagnostics,
        [
            (n.guid, n.fields, n.tags, n.media, n.cloze_numbers, n.note.meta, n.note.body)
            for deck in result.decks
            for n in deck.notes
        ],
        [(d.deck.spec, [note.id_position for note in d.deck.notes]) for d in result.decks],
    )


def _cache(root: Path) -> NoteCache:
    return NoteCache(root / "build" / CACHE_DIR)


def test_cached_check_equals_uncached_and_reuses_every_note(project: Path) -> None:
    content = [project / "content"]
    expected = _summary(check(content, config=CONFIG))
    first = check(content, config=CONFIG, cache=_cache(project))
    assert _summary(first) == expected
    assert (first.reused, first.processed) == (0, 6)
    second = check(content, config=CONFIG, cache=_cache(project))
    assert _summary(second) == expected
    assert (second.reused, second.processed) == (6, 0)


def test_project_content_is_the_same_from_the_cache(tmp_path: Path) -> None:
    content = [Path(__file__).resolve().parent.parent / "content"]
    expected = _summary(check(content, config=CONFIG))
    check(content, config=CONFIG, cache=NoteCache(tmp_path))
    warm = check(content, config=CONFIG, cache=NoteCache(tmp_path))
    assert _summary(warm) == expected
    assert warm.processed == 0


def test_an_edited_note_is_the_only_miss(project: Path) -> None:
    content = [project / "content"]
    check(content, config=CONFIG, cache=_cache(project))
    note = project / "content" / "sample" / "python-types.md"
    note.write_text(note.read_text() + "\nLorem ipsum.\n")
    result = check(content, config=CONFIG, cache=_cache(project))
    assert (result.reused, result.processed) == (5, 1)
    assert _summary(result) == _summary(check(content, config=CONFIG))
    assert any(d.code == "AG130" for d in lint(result, CONFIG).diagnostics)


def test_deck_yaml_change_invalidates_its_notes(project: Path) -> None:
    content = [project / "content"]
    check(content, config=CONFIG, cache=_cache(project))
    deck = project / "content" / "sample" / "deck.yaml"
    deck.write_text(deck.read_text().replace("tags: [", "tags: [extra, "))
    result = check(content, config=CONFIG, cache=_cache(project))
    assert result.reused == 0
    assert all("extra" in n.tags for d in result.decks for n in d.notes)


def test_another_lint_config_reuses_rendering_but_not_findings(project: Path) -> None:
    content = [project / "content"]
    check(content, config=CONFIG, cache=_cache(project))
    only_spelling = LintConfig(select=("AG111",))
    result = check(content, config=only_spelling, cache=_cache(project))
    assert result.processed == 0
    uncached = check(content, config=only_spelling)
    assert lint(result, only_spelling).diagnostics == lint(uncached, only_spelling).diagnostics
    assert result.findings == uncached.findings


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not json at all",
        b'{"format": 1, "sha256": "0"}\n{}',
        b'{"format": 999, "sha256": "x"}\n{}',
    ],
    ids=["empty", "garbage", "bad checksum", "other format"],
)
def test_damaged_pack_files_are_ignored(project: Path, damage: bytes) -> None:
    content = [project / "content"]
    expected = _summary(check(content, config=CONFIG))
    check(content, config=CONFIG, cache=_cache(project))
    (pack,) = (project / "build" / CACHE_DIR / "notes").iterdir()
    pack.write_bytes(damage)
    damaged = check(content, config=CONFIG, cache=_cache(project))
    assert _summary(damaged) == expected
    assert damaged.reused == 0
    # That run rewrote a valid pack:
    again = check(content, config=CONFIG, cache=_cache(project))
    assert again.processed == 0


def test_malformed_entries_with_a_valid_checksum_are_misses(project: Path) -> None:
    """Entries are checked field by field: a wrong type is a miss, never a crash."""
    import hashlib
    import json

    content = [project / "content"]
    expected = _summary(check(content, config=CONFIG))
    check(content, config=CONFIG, cache=_cache(project))
    (pack,) = (project / "build" / CACHE_DIR / "notes").iterdir()
    entries = json.loads(pack.read_bytes().partition(b"\n")[2])
    for number, entry in enumerate(entries.values()):
        if number % 3 == 0:
            entry["rendered"]["fields"] = [1, 2]
        elif number % 3 == 1:
            entry["note"]["body_line"] = "three"
        else:
            del entry["diagnostics"]
    body = json.dumps(entries).encode()
    header = json.dumps({"format": 1, "sha256": hashlib.sha256(body).hexdigest()}).encode()
    pack.write_bytes(header + b"\n" + body)
    malformed = check(content, config=CONFIG, cache=_cache(project))
    assert _summary(malformed) == expected
    assert malformed.reused == 0


def test_a_changed_image_is_a_miss(tmp_path: Path) -> None:
    deck = tmp_path / "content" / "d"
    write(deck / "deck.yaml", "name: D\n")
    write(deck / "a.md", "---\nid: a\n---\n# Which picture?\n\n![chart](chart.png)\n")
    (deck / "chart.png").write_bytes(b"\x89PNG first")
    content = [tmp_path / "content"]
    first = check(content, config=CONFIG, cache=NoteCache(tmp_path / "cache"))
    (deck / "chart.png").write_bytes(b"\x89PNG second")
    second = check(content, config=CONFIG, cache=NoteCache(tmp_path / "cache"))
    assert second.processed == 1
    (old,) = first.decks[0].notes[0].media
    (new,) = second.decks[0].notes[0].media
    assert old.name != new.name


def test_no_cache_writes_no_cache(project: Path) -> None:
    assert main(["build", "--no-cache"]) == 0
    assert main(["lint", "--no-cache"]) == 0
    assert not (project / "build" / CACHE_DIR).exists()


def test_rebuild_with_nothing_changed_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build"]) == 0
    package = project / "build" / "sample.apkg"
    first = capsys.readouterr().out
    assert first == "wrote build/sample.apkg: 6 notes, 9 cards\n"
    written = (package.read_bytes(), package.stat().st_mtime_ns)
    assert main(["build"]) == 0
    assert capsys.readouterr().out == "up to date build/sample.apkg: 6 notes, 9 cards\n"
    assert (package.read_bytes(), package.stat().st_mtime_ns) == written


def test_rebuild_after_any_input_changes_writes_the_same_as_a_cold_build(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = project / "build" / "sample.apkg"
    note = project / "content" / "sample" / "python-types.md"
    assert main(["build"]) == 0
    # A touched file has a new modification time, which is the note's mod time in Anki.
    os.utime(note, (note.stat().st_atime, note.stat().st_mtime + 10))
    assert main(["build"]) == 0
    assert "wrote build/sample.apkg" in capsys.readouterr().out
    warm = package.read_bytes()
    assert main(["build", "--no-cache", "--out", "cold"]) == 0
    assert (project / "cold" / "sample.apkg").read_bytes() == warm


@pytest.mark.parametrize("tamper", ["delete", "modify"])
def test_a_damaged_package_is_rebuilt(
    project: Path, capsys: pytest.CaptureFixture[str], tamper: str
) -> None:
    package = project / "build" / "sample.apkg"
    assert main(["build"]) == 0
    good = package.read_bytes()
    if tamper == "delete":
        package.unlink()
    else:
        package.write_bytes(good[:-1] + b"!")
    capsys.readouterr()
    assert main(["build"]) == 0
    assert capsys.readouterr().out == "wrote build/sample.apkg: 6 notes, 9 cards\n"
    assert package.read_bytes() == good


def test_only_changed_decks_are_rewritten(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = project / "content" / "other"
    write(other / "deck.yaml", "name: Other\n")
    write(other / "sky.md", "---\nid: sky\n---\n# Why is the sky blue?\n\nRayleigh scattering.\n")
    note = write(other / "sea.md", "---\nid: sea\n---\n# Why is the sea salty?\n\nRivers.\n")
    assert main(["build"]) == 0
    capsys.readouterr()
    sample = project / "build" / "sample.apkg"
    before = sample.stat().st_mtime_ns
    note.write_text(note.read_text().replace("Rivers.", "Rivers carry salts.", 1))
    assert main(["build"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "wrote build/other.apkg: 2 notes, 2 cards",
        "up to date build/sample.apkg: 6 notes, 9 cards",
    ]
    assert sample.stat().st_mtime_ns == before


def test_only_the_notes_of_written_packages_get_the_last_audit(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The last gate audits every note of each package it writes, and only those: a kept
    package was written from the same fields by a build that audited them."""
    from ankigen.package import output_gate
    from ankigen.pipeline import build as build_module

    other = project / "content" / "other"
    write(other / "deck.yaml", "name: Other\n")
    note = write(other / "sea.md", "---\nid: sea\n---\n# Why is the sea salty?\n\nRivers.\n")
    assert main(["build"]) == 0
    audited: list[str] = []

    def counting_audit(rendered: Any) -> None:
        audited.append(rendered.note.meta.id)
        output_gate.audit(rendered)

    monkeypatch.setattr(build_module, "audit", counting_audit)
    note.write_text(note.read_text().replace("Rivers.", "Rivers carry salts.", 1))
    assert main(["build"]) == 0
    assert audited == ["sea"]  # the sample deck's package is kept: none of its six notes
    (project / "build" / "sample.apkg").unlink()
    audited.clear()
    assert main(["build"]) == 0
    assert len(audited) == 6 and "sea" not in audited


def test_lint_replays_its_stored_outcome_until_a_file_changes(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = project / "content" / "sample" / "python-types.md"
    assert main(["lint", "--format", "concise"]) == 0
    first = capsys.readouterr()
    assert main(["lint", "--format", "concise"]) == 0
    assert capsys.readouterr() == first
    note.write_text(note.read_text() + "\nLorem ipsum dolor.\n")
    main(["lint", "--format", "concise"])
    assert "AG130" in capsys.readouterr().out


def test_a_symlinked_note_is_followed_by_the_up_to_date_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "content" / "d" / "deck.yaml", "name: D\n")
    target = write(tmp_path / "elsewhere" / "a.md", "---\nid: a\n---\n# Why?\n\nBecause.\n")
    (tmp_path / "content" / "d" / "a.md").symlink_to(target)
    assert main(["build"]) == 0
    assert main(["build"]) == 0
    assert "up to date" in capsys.readouterr().out
    target.write_text(target.read_text().replace("Because.", "Because it is."))
    assert main(["build"]) == 0
    assert capsys.readouterr().out == "wrote build/d.apkg: 1 notes, 1 cards\n"
    later = target.stat().st_mtime + 1000  # only the time of the target changes
    os.utime(target, (later, later))
    assert main(["build"]) == 0
    assert capsys.readouterr().out == "wrote build/d.apkg: 1 notes, 1 cards\n"


def _marking_chunk(chunk: Any) -> Any:
    """The pool's job, leaving a mark named after the process it ran in (module level: the
    pool pickles it by name)."""
    import ankigen.pipeline.check

    (Path(os.environ["ANKIGEN_TEST_MARKS"]) / str(os.getpid())).touch()
    return [ankigen.pipeline.check.process_note(*task) for task in chunk]


def test_worker_processes_give_the_same_result(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import ankigen.pipeline.check

    content = [Path(__file__).resolve().parent.parent / "content"]
    monkeypatch.setenv("ANKIGEN_JOBS", "1")
    alone = _summary(check(content, config=CONFIG))
    monkeypatch.setattr(ankigen.pipeline.check, "POOL_THRESHOLD", 4)
    monkeypatch.setenv("ANKIGEN_JOBS", "2")
    workers = tmp_path / "workers"
    workers.mkdir()
    monkeypatch.setenv("ANKIGEN_TEST_MARKS", str(workers))
    monkeypatch.setattr(ankigen.pipeline.check, "_process_chunk", _marking_chunk)
    pooled = check(content, config=CONFIG, cache=NoteCache(tmp_path / "cache"))
    assert _summary(pooled) == alone
    assert pooled.processed > 100  # all of them went through the pool
    marks = {int(mark.name) for mark in workers.iterdir()}
    assert len(marks) == 2 and os.getpid() not in marks
    warm = check(content, config=CONFIG, cache=NoteCache(tmp_path / "cache"))
    assert _summary(warm) == alone
    assert warm.processed == 0


def test_damaged_stored_outcomes_are_ignored(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build"]) == 0
    assert main(["lint"]) == 0
    results = sorted((project / "build" / CACHE_DIR / "results").iterdir())
    assert results
    for path in results:
        path.write_bytes(path.read_bytes()[:-5])  # truncated: the checksum no longer matches
    package = project / "build" / "sample.apkg"
    good = package.read_bytes()
    capsys.readouterr()
    # Nothing vouches for the package any more: it is written again, the same bytes.
    assert main(["build"]) == 0
    assert capsys.readouterr().out == "wrote build/sample.apkg: 6 notes, 9 cards\n"
    assert package.read_bytes() == good
    assert main(["build"]) == 0  # the outcome was stored again
    assert capsys.readouterr().out == "up to date build/sample.apkg: 6 notes, 9 cards\n"
    assert main(["lint"]) == 0


def test_a_new_ankigen_version_invalidates_every_entry(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ankigen.cache.files

    content = [project / "content"]
    check(content, config=CONFIG, cache=_cache(project))
    monkeypatch.setattr(ankigen.cache.files, "code_fingerprint", lambda: "another version")
    result = check(content, config=CONFIG, cache=_cache(project))
    assert (result.reused, result.processed) == (0, 6)


def test_the_spelling_word_list_is_kept_and_damage_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ankigen.cache.files
    from ankigen.lint.rules import spelling

    expected = frozenset(spelling._dictionary().word_frequency.keys())
    monkeypatch.setattr(ankigen.cache.files, "_derived_folder", tmp_path)
    for damage in (None, b"garbage", b'{"format": 1, "sha256": "0"}\n["qwxz"]'):
        if damage is not None:
            (stored,) = (tmp_path / "derived").iterdir()
            stored.write_bytes(damage)
        spelling._english_words.cache_clear()
        assert spelling._english_words() == expected
    spelling._english_words.cache_clear()

    def unavailable() -> None:
        raise AssertionError("the stored word list should have been used")

    monkeypatch.setattr(spelling, "_dictionary", unavailable)
    assert spelling._english_words() == expected  # read back from the valid file
    spelling._english_words.cache_clear()


def test_in_git_a_commit_is_what_moves_the_cached_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With git, note times are commit times: the up-to-date check and the kept packages must
    follow commits (even one that changes no bytes), and match a build without the cache."""
    from tests.conftest import git, make_repo

    repo = make_repo(tmp_path, SAMPLE, date=1_700_000_000)
    monkeypatch.chdir(repo)
    package = repo / "build" / "sample.apkg"

    def cold() -> bytes:
        assert main(["build", "--no-cache", "--out", str(tmp_path / "cold")]) == 0
        return (tmp_path / "cold" / "sample.apkg").read_bytes()

    assert main(["build"]) == 0
    assert package.read_bytes() == cold()
    note = repo / "content" / "sample" / "python-types.md"
    note.write_text(note.read_text() + "\nEdited.\n")
    git(repo, "commit", "-qam", "edit", date=1_700_000_100)
    capsys.readouterr()
    assert main(["build"]) == 0
    assert capsys.readouterr().out == "wrote build/sample.apkg: 6 notes, 9 cards\n"
    assert package.read_bytes() == cold()
    # Same bytes, newer commit time (an amended commit): the package must still change.
    before = package.read_bytes()
    git(repo, "commit", "-q", "--amend", "--no-edit", date=1_700_000_200)
    assert main(["build"]) == 0
    assert package.read_bytes() != before
    assert package.read_bytes() == cold()
