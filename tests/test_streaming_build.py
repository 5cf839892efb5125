"""A build writes and releases one deck at a time: each deck is handed over once, in order,
as soon as its notes are checked; its rendered notes are not kept; its cache pack is written
then; and a build that fails later leaves nothing behind."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ankigen.cache.files import CACHE_DIR, NoteCache
from ankigen.lint.rule import LintConfig
from ankigen.pipeline.build import build
from ankigen.pipeline.check import DeckChecked, check
from ankigen.source.discover import note_files
from ankigen.source.load import DeckSpec
from ankigen.source.project import load_deck_specs
from tests.conftest import write


def _deck(root: Path, slug: str, bodies: list[str]) -> Path:
    folder = root / "content" / slug
    write(folder / "deck.yaml", f"name: Deck {slug}\n")
    for number, body in enumerate(bodies):
        write(folder / f"n{number}.md", f"---\nid: {slug}-{number}\n---\n{body}")
    return folder


def _project(root: Path, last_body: str = "# Why do we use ReLU?\n\nIt keeps gradients.\n") -> Path:
    _deck(root, "alpha", ["# What is dropout?\n\nRandomly zeroing units in training.\n"])
    _deck(root, "beta", ["# What is a tensor?\n\nAn n-dimensional array.\n"])
    _deck(root, "gamma", [last_body])
    return root / "content"


def test_each_deck_is_handed_over_once_in_order_and_not_kept(tmp_path: Path) -> None:
    content = _project(tmp_path)
    seen: list[tuple[int, int, str, int]] = []

    def on_deck(done: DeckChecked) -> None:
        deck = done.checked
        seen.append((done.number, done.total, deck.deck.slug, len(deck.notes)))
        assert deck.notes[0].fields[0]  # rendered, while the deck is handed over
        assert not done.errors_so_far

    result = check([content], config=LintConfig(), on_deck=on_deck)
    assert seen == [(1, 3, "alpha", 1), (2, 3, "beta", 1), (3, 3, "gamma", 1)]
    assert [len(deck.notes) for deck in result.decks] == [0, 0, 0]  # released
    assert [len(deck.deck.notes) for deck in result.decks] == [1, 1, 1]  # what lint needs
    # Without a receiver, the check keeps the rendered notes as before.
    assert [len(deck.notes) for deck in check([content]).decks] == [1, 1, 1]


def test_a_deck_cache_pack_is_written_when_its_deck_is_done(tmp_path: Path) -> None:
    content = _project(tmp_path)
    store = NoteCache(tmp_path / "build" / CACHE_DIR)
    packs: list[int] = []

    def on_deck(done: DeckChecked) -> None:
        packs.append(len(list((tmp_path / "build" / CACHE_DIR / "notes").glob("*.json"))))

    check([content], config=LintConfig(), cache=store, on_deck=on_deck)
    # Not all at the end: each deck's entries are released once the deck is handed over (after
    # it, since writing its package may replace a forged entry).
    assert packs == [0, 1, 2]
    assert len(list((tmp_path / "build" / CACHE_DIR / "notes").glob("*.json"))) == 3


def test_a_build_refused_by_a_later_deck_leaves_nothing(tmp_path: Path) -> None:
    # The last deck has an error that only the lint rules find (a placeholder answer), after
    # the first two decks' packages were written to temporary files.
    content = _project(tmp_path, "# Why do we use ReLU?\n\nTODO\n")
    out = tmp_path / "out"
    result = build([content], out)
    assert not result.lint.ok
    assert [d.code for d in result.lint.diagnostics if d.severity == "error"] == ["AG130"]
    assert result.outputs == ()
    assert not out.exists()  # not even the folder the build would have made
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "keep.txt").write_text("mine")
    assert build([content], existing).outputs == ()
    assert sorted(p.name for p in existing.iterdir()) == ["keep.txt"]


def test_a_build_counts_notes_cards_and_media_of_every_deck(tmp_path: Path) -> None:
    content = _project(tmp_path)
    (content / "gamma" / "n0.md").write_text(
        "---\nid: gamma-0\ntype: cloze\n---\n# ReLU\n\nIt is {{c1::max(0, x)}}, {{c2::cheap}}.\n"
    )
    result = build([content], tmp_path / "out")
    assert result.lint.ok, result.lint.diagnostics
    assert result.counts == {"alpha": (1, 1), "beta": (1, 1), "gamma": (1, 2)}
    assert [p.name for p in result.outputs] == ["alpha.apkg", "beta.apkg", "gamma.apkg"]


def test_the_worker_pool_takes_notes_only_as_it_sends_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At most _HELD chunks per worker are sent and not yet read: a note's bytes are taken
    from the plan only shortly before its outcome is read (pool.map took every note at once)."""
    import ankigen.pipeline.check as checking

    bodies = [f"# What is fact number {n}?\n\nIt is fact {n}.\n" for n in range(30)]
    folder = _deck(tmp_path, "many", bodies)
    monkeypatch.setenv("ANKIGEN_JOBS", "2")
    monkeypatch.setattr(checking, "POOL_THRESHOLD", 4)
    monkeypatch.setattr(checking, "_CHUNK", 2)
    monkeypatch.setattr(checking, "_AHEAD", 1)
    monkeypatch.setattr(checking, "_HELD", 2)
    ((spec, _),), _ = load_deck_specs([folder])
    paths = note_files(folder)
    taken: list[Path] = []

    def tasks() -> Iterator[tuple[Path, bytes, DeckSpec, None]]:
        for path in paths:
            taken.append(path)
            yield path, path.read_bytes(), spec, None

    outcomes = checking._process_all(tasks(), len(paths))
    read = []
    for number, outcome in enumerate(outcomes, start=1):
        assert len(taken) <= number + 2 * 2 * 2  # jobs * _HELD * _CHUNK ahead at most
        read.append(outcome.note.path if outcome.note else None)
    assert read == paths  # in order, every one


def test_a_slow_chunk_does_not_hold_back_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outcomes are read in order, but the other workers go on while the head chunk is slow:
    the head's note waits here for a note far behind it, which is only ever processed if
    chunks are still sent while the head is unfinished (before, the pool stopped sending at
    jobs * _AHEAD chunks out and waited for the head, so the other worker idled)."""
    import ankigen.pipeline.check as checking

    monkeypatch.setenv("ANKIGEN_JOBS", "2")
    chunk, ahead = checking._CHUNK, checking._AHEAD
    # The first note runs before the pool; note 1 heads the first chunk. The later note is in
    # the chunk after 2 workers x _AHEAD + 1 chunks: beyond what the old pool ever sent early.
    later = 1 + chunk * (2 * ahead + 1)
    count = max(later + chunk, checking.POOL_THRESHOLD)
    signal = tmp_path / "later-note-done"

    def process_note(path: Path, *_: object) -> tuple[str, int]:
        index = int(path.name)
        if index == later:
            signal.touch()
        if index == 1:
            deadline = time.monotonic() + 60  # a failure, not a hang, if the pool blocks
            while not signal.exists():
                if time.monotonic() > deadline:
                    return "held back", index
                time.sleep(0.01)
        return "done", index

    monkeypatch.setattr(checking, "process_note", process_note)
    tasks = iter([(Path(str(index)), None, None, None) for index in range(count)])
    outcomes: list[object] = list(checking._process_all(tasks, count))  # type: ignore[arg-type]
    assert outcomes == [("done", index) for index in range(count)]
