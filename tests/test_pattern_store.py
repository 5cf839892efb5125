"""The store of compiled patterns gives the patterns re.compile gives, and ignores any file it
cannot trust (another Python, a damaged file, code _sre rejects)."""

from __future__ import annotations

import marshal
import multiprocessing
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from ankigen.lint import pattern_store
from ankigen.lint.pattern_store import PatternStore, compile_fresh, read_entries, store_path
from ankigen.lint.prefilter import GatedPattern, requirements
from tests.test_lazy_pattern import module_patterns
from tests.test_prefilter import _gated_patterns

_SAMPLES: list[tuple[str, int, list[str]]] = [
    (r"(?P<word>ep\w+)s?\b", re.IGNORECASE, ["Three Epochs, one epoch", "EPOCHAL shift"]),
    (r"(?i:batch)\s+(\d+)(?:,\d{3})*", 0, ["Batch 128 and batch 1,024", "no match"]),
    (r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?P<unit>ms|s)\b", 0, ["took 3.5 s, then 20ms", "v1.2 s"]),
    (r"^\s*[-*]\s+(.+)$", re.MULTILINE, ["- one\n* two\n+ three"]),
    (r"  a \s b  # spaced", re.VERBOSE, ["a b", "ab", "a\tb"]),
    (r"[ǅ-ǈ]|straße|\u212a", re.IGNORECASE, ["STRASSE", "Straße", "ǆ", "k"]),
    (r"(a)|(b)|(?P<c>c)", 0, ["abc", "cba"]),
    (r"(?=(ab|abc))", re.DOTALL, ["xxabcab"]),
]


def _behaves_alike(ours: re.Pattern[str], theirs: re.Pattern[str], texts: list[str]) -> None:
    assert (ours.pattern, ours.flags, ours.groups, ours.groupindex) == (
        theirs.pattern,
        theirs.flags,
        theirs.groups,
        theirs.groupindex,
    )
    for text in texts:
        assert [(m.span(), m.groups()) for m in ours.finditer(text)] == [
            (m.span(), m.groups()) for m in theirs.finditer(text)
        ]
        assert ours.sub("<\\g<0>>", text) == theirs.sub("<\\g<0>>", text)
        assert ours.split(text) == theirs.split(text)


@pytest.mark.parametrize(("source", "flags", "texts"), _SAMPLES)
def test_a_pattern_from_the_store_behaves_as_re_compiles(
    tmp_path: Path, source: str, flags: int, texts: list[str]
) -> None:
    path = tmp_path / "patterns.bin"
    first = PatternStore(path)
    fresh = first.compile(source, flags)
    first.save()
    second = PatternStore(path)
    assert (source, int(flags)) in second.entries  # read back, not compiled again
    stored = second.compile(source, flags)
    assert not second.added
    _behaves_alike(fresh, re.compile(source, flags), texts)
    _behaves_alike(stored, re.compile(source, flags), texts)


def test_every_module_level_pattern_round_trips_with_the_same_code(tmp_path: Path) -> None:
    """Every lazy pattern of the rules: stored, read back and built, it has the code, flags
    and groups of a fresh compile (the code is what _sre.compile is given: equal code is the
    same automaton)."""
    patterns = {(p.pattern, p._flags) for p in module_patterns()}
    assert len(patterns) > 1000
    path = tmp_path / "patterns.bin"
    writer = PatternStore(path)
    fresh = {key: compile_fresh(*key) for key in sorted(patterns)}
    for key in fresh:
        writer.compile(*key)
    writer.save()
    entries = read_entries(path)
    assert set(entries) == set(fresh)
    reader = PatternStore(path)
    for key, (compiled, entry) in fresh.items():
        assert entries[key] == entry
        stored = reader.compile(*key)
        assert (stored.pattern, stored.flags, stored.groups, stored.groupindex) == (
            compiled.pattern,
            compiled.flags,
            compiled.groups,
            compiled.groupindex,
        )
    assert not reader.added


def test_a_store_of_another_python_or_damaged_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "patterns.bin"
    store = PatternStore(path)
    store.compile(r"\bfoo+\b", 0)
    store.save()
    header, checksum, payload = marshal.loads(path.read_bytes())
    assert read_entries(path)

    path.write_bytes(marshal.dumps(((header[0], "2.7.18", *header[2:]), checksum, payload)))
    assert read_entries(path) == {}  # another Python
    path.write_bytes(marshal.dumps((header, checksum ^ 1, payload)))
    assert read_entries(path) == {}  # checksum wrong
    path.write_bytes(marshal.dumps((header, checksum, payload))[:-9])
    assert read_entries(path) == {}  # truncated
    path.write_bytes(b"not a store")
    assert read_entries(path) == {}
    assert read_entries(tmp_path / "missing.bin") == {}


def test_code_that_sre_rejects_falls_back_to_re(tmp_path: Path) -> None:
    store = PatternStore(tmp_path / "patterns.bin")
    source = r"(?P<n>\d+) items?"
    flags, code, groups, groupindex, indexgroup = compile_fresh(source, 0)[1]  # type: ignore[misc]
    store.entries[(source, 0)] = (flags, b"\xff" * len(code), groups, groupindex, indexgroup)
    compiled = store.compile(source, 0)
    _behaves_alike(compiled, re.compile(source), ["3 items", "1 item", "none"])
    assert store.added[(source, 0)][1] == code  # the damaged entry is replaced


def test_writers_merge_and_a_write_is_whole(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "patterns.bin"
    one, two = PatternStore(path), PatternStore(path)
    one.compile("one", 0)
    two.compile("two", re.I)
    one.save()
    two.save()  # merges what one wrote meanwhile
    assert set(read_entries(path)) == {("one", 0), ("two", int(re.I))}
    assert [p.name for p in path.parent.iterdir()] == ["patterns.bin"]  # no temporary left


def test_a_store_past_its_size_keeps_the_patterns_of_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pattern_store, "MAX_ENTRIES", 3)
    path = tmp_path / "patterns.bin"
    old = PatternStore(path)
    for word in ("a", "b", "c"):
        old.compile(word, 0)
    old.save()
    new = PatternStore(path)
    new.compile("a", 0)
    new.compile("d", 0)
    new.save()
    assert set(read_entries(path)) == {("a", 0), ("d", 0)}


def test_where_the_store_lives(tmp_path: Path) -> None:
    assert store_path({"ANKIGEN_PATTERN_STORE": "off"}) is None
    here = store_path({"ANKIGEN_PATTERN_STORE": str(tmp_path)})
    assert here is not None and here.parent == tmp_path
    cached = store_path({"XDG_CACHE_HOME": str(tmp_path)})
    assert cached is not None and cached.parent == tmp_path / "ankigen"
    assert cached.name == here.name
    assert sys.implementation.cache_tag in cached.name and f"{sys.hexversion:x}" in cached.name


def test_an_unwritable_store_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder would be")
    store = PatternStore(blocker / "patterns.bin")
    assert store.compile("x+", 0).fullmatch("xxx")
    store.save()  # cannot create the folder: nothing written, nothing raised
    assert blocker.read_text() == "a file where the folder would be"


def test_facts_are_kept_by_kind_pattern_and_flags(tmp_path: Path) -> None:
    path = tmp_path / "patterns.bin"
    first = PatternStore(path)
    needles = (frozenset({"previous", "prior"}), frozenset({"card"}))
    assert first.remembered(("needles v1", "p", 0), lambda: needles) == needles
    unstorable = object()
    assert first.remembered(("needles v1", "q", 0), lambda: unstorable) is unstorable
    first.save()
    second = PatternStore(path)
    assert second.facts == {("needles v1", "p", 0): needles}  # the object is not marshalled
    assert second.remembered(("needles v1", "p", 0), _never) == needles
    assert second.remembered(("needles v2", "p", 0), lambda: None) is None  # new code misses


def _never() -> object:
    raise AssertionError("computed again")


def test_the_prefilter_reads_the_same_requirements_from_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every gated pattern of the rules: its requirements computed, stored and read back are
    the requirements ``prefilter.requirements`` computes."""
    gated = [pattern for _, pattern in _gated_patterns()]
    assert gated
    path = tmp_path / "patterns.bin"
    for store in (PatternStore(path), PatternStore(path)):
        monkeypatch.setattr(pattern_store, "_store", store)
        for pattern in gated:
            again = GatedPattern(pattern.source, pattern.flags)
            assert again.requirements == requirements(pattern.source, pattern.flags)
        store.save()
    assert len(store.facts) == len({(p.source, int(p.flags)) for p in gated})
    assert not store.added_facts  # the second store read every one back


def _compile_in_worker(source: str) -> bool:
    return pattern_store.compile_pattern(source, 0).fullmatch("ab") is not None


def test_a_forked_worker_saves_what_it_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build's workers end through os._exit (no atexit handlers): the store is saved by
    a multiprocessing finaliser there."""
    monkeypatch.setenv("ANKIGEN_PATTERN_STORE", str(tmp_path))
    monkeypatch.setattr(pattern_store, "_store", None)
    pattern_store.compile_pattern("parent", 0)  # the store is opened before the fork
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        assert pool.submit(_compile_in_worker, "a+b").result()
    path = store_path({"ANKIGEN_PATTERN_STORE": str(tmp_path)})
    assert path is not None
    assert ("a+b", 0) in read_entries(path)
    monkeypatch.setattr(pattern_store, "_store", None)  # the parent's store is not saved here


def test_a_python_whose_re_internals_differ_compiles_with_re(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store reads re's private compiler: where it is not what this module expects, the
    pattern still compiles, through re's public compiler, and nothing is stored."""

    def changed_internals(source: str, flags: int) -> None:
        raise AttributeError("module 're._compiler' has no attribute '_code'")

    monkeypatch.setattr(pattern_store, "compile_fresh", changed_internals)
    store = PatternStore(tmp_path / "store")
    compiled = store.compile(r"(?P<n>\d+) epochs", re.IGNORECASE)
    assert compiled.search("ran 12 EPOCHS").group("n") == "12"
    assert compiled.flags & re.IGNORECASE
    store.save()
    assert not (tmp_path / "store").exists()
    with pytest.raises(re.error):
        store.compile("(unclosed", 0)
