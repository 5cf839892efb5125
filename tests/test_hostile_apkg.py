"""``import apkg`` on damaged and hostile packages: a located error (which member, row or key,
what is wrong, what to do), exit 1, no traceback, nothing written, and no member unpacked past
its cap (zip bombs are refused before or while they are streamed, never read whole)."""

from __future__ import annotations

import json
import os
import sqlite3
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest

from ankigen.cli import main
from ankigen.tools.importers import apkg
from ankigen.tools.importers.apkg import import_apkg
from ankigen.tools.importers.report import ImportError_
from tests.test_import_apkg import MODELS

DECKS = {"1": {"name": "Default"}, "7": {"name": "Spanish"}}
GOOD_NOTE = (1, "guid1", 1, "tag", "What is x?\x1fx is y.")
MODELS_JSON = json.dumps(MODELS)
DECKS_JSON = json.dumps(DECKS)


def make_package(
    path: Path,
    *,
    models: Any = MODELS_JSON,
    decks: Any = DECKS_JSON,
    col_rows: int = 1,
    notes: list[tuple[Any, ...]] | None = None,
    media_list: bytes = b"{}",
    members: dict[str, bytes] | None = None,
    collection: bytes | None = None,
) -> Path:
    """A legacy package with exactly the given (possibly malformed) parts."""
    database = path.with_suffix(".sqlite")
    connection = sqlite3.connect(database)
    connection.executescript(
        "CREATE TABLE col (models TEXT, decks TEXT);"
        "CREATE TABLE notes (id INTEGER, guid TEXT, mid INTEGER, tags TEXT, flds TEXT);"
        "CREATE TABLE cards (id INTEGER, nid INTEGER, did INTEGER);"
    )
    for _ in range(col_rows):
        connection.execute("INSERT INTO col VALUES (?, ?)", (models, decks))
    for row in [GOOD_NOTE] if notes is None else notes:
        connection.execute("INSERT INTO notes VALUES (?, ?, ?, ?, ?)", row)
        connection.execute("INSERT INTO cards VALUES (?, ?, 7)", (row[0], row[0]))
    connection.commit()
    connection.close()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if collection is None:
            archive.write(database, "collection.anki21")
        else:
            archive.writestr("collection.anki21", collection)
        archive.writestr("media", media_list)
        for name, data in (members or {}).items():
            archive.writestr(name, data)
    database.unlink()
    return path


def _models_with(**changes: Any) -> str:
    model = {**MODELS["1"], **changes}
    return json.dumps({"1": model})


CASES: list[tuple[str, dict[str, Any], str]] = [
    ("empty col", {"col_rows": 0}, "collection.anki21: table col: has 0 rows"),
    ("two col rows", {"col_rows": 2}, "collection.anki21: table col: has 2 rows"),
    ("NULL models", {"models": None}, "collection.anki21: col.models: is NULL, not JSON"),
    ("bad JSON models", {"models": "{"}, "collection.anki21: col.models: is not valid JSON"),
    (
        "models as array",
        {"models": "[]"},
        "collection.anki21: col.models: is JSON list, not an object",
    ),
    ("bad JSON decks", {"decks": "nope"}, "collection.anki21: col.decks: is not valid JSON"),
    (
        "fields not a list",
        {"models": _models_with(flds="Front")},
        "collection.anki21: col.models['1'].flds: expected a list of fields, found str 'Front'",
    ),
    (
        "text note type id",
        {"models": _models_with(id="one")},
        "collection.anki21: col.models['1'].id: expected a number, found str 'one'",
    ),
    (
        "NULL fields",
        {"notes": [(1, "g", 1, "", None)]},
        "collection.anki21: notes row 1 (id 1): flds (the fields): expected text, found NULL",
    ),
    (
        "NULL guid",
        {"notes": [(1, None, 1, "", "a\x1fb")]},
        "collection.anki21: notes row 1 (id 1): guid: expected text, found NULL",
    ),
    (
        "text mid",
        {"notes": [(1, "g", "abc", "", "a\x1fb")]},
        "collection.anki21: notes row 1 (id 1): mid (note type id): expected a number, found "
        "str 'abc'",
    ),
    (
        "NUL in a GUID",
        {"notes": [(1, "g\x00h", 1, "", "a\x1fb")]},
        "collection.anki21: notes row 1 (id 1): guid: contains a control character (such as NUL)",
    ),
    (
        "NUL in a field",
        {"notes": [(1, "g", 1, "", "a\x00\x1fb")]},
        "collection.anki21: notes row 1 (id 1): flds (the fields): contains a control "
        "character (such as NUL)",
    ),
    (
        "media list as array",
        {"media_list": b'["a.png"]'},
        "media: the media list is JSON list, not an object",
    ),
    (
        "NUL in a media name",
        {"media_list": b'{"0": "a\\u0000.png"}', "members": {"0": b"x"}},
        "media entry '0': contains a control character (such as NUL)",
    ),
    (
        "media name not text",
        {"media_list": b'{"0": 5}', "members": {"0": b"x"}},
        "media entry '0': expected text, found int 5",
    ),
    (
        "collection not SQLite",
        {"collection": b"not a database at all" * 100},
        "collection.anki21: table col: cannot be read (file is not a database)",
    ),
]


@pytest.mark.parametrize(
    ("parts", "expected"), [(p, e) for _, p, e in CASES], ids=[name for name, _, _ in CASES]
)
def test_malformed_package_is_a_located_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], parts: dict[str, Any], expected: str
) -> None:
    package = make_package(tmp_path / "bad.apkg", **parts)
    out = tmp_path / "content"
    assert main(["import", "apkg", str(package), "--deck", "d", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    error = " ".join(captured.err.split())
    assert f"{package}: {expected}" in error
    assert "nothing was written" in error and "export the deck again" in error
    assert not out.exists()


def test_a_zip_bomb_collection_is_refused_before_it_is_unpacked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 64 MiB of zeros compress to about 64 KiB: a 1,000-to-1 member.
    bomb = make_package(tmp_path / "bomb.apkg", collection=bytes(64 << 20))
    out = tmp_path / "content"
    tracemalloc.start()
    try:
        code = main(["import", "apkg", str(bomb), "--deck", "d", "--out", str(out)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == 1
    error = " ".join(capsys.readouterr().err.split())
    assert "collection.anki21: compressed 1,0" in error and "(a zip bomb?)" in error
    assert peak < 16 << 20  # never read into memory
    assert not out.exists()


def test_a_member_larger_than_its_cap_is_refused_while_streaming(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Incompressible media: only the size cap can catch it. The cap is lowered for the test
    # (the real one is 100 MiB a file), and the header's size is made to lie, so the count
    # made while streaming is what refuses it.
    monkeypatch.setattr(apkg, "MAX_MEDIA_FILE_BYTES", 1 << 20)
    package = make_package(
        tmp_path / "big.apkg",
        media_list=b'{"0": "a.png"}',
        members={"0": os.urandom(2 << 20)},
    )
    real_check = apkg._check_size
    monkeypatch.setattr(apkg, "_check_size", lambda info, limit: None)  # a lying header
    with pytest.raises(ImportError_, match=r"0: unpacks to more than the 1,048,576 bytes"):
        import_apkg(package, tmp_path / "content" / "d", force=False)
    monkeypatch.setattr(apkg, "_check_size", real_check)
    with pytest.raises(ImportError_, match=r"0: unpacks to 2,097,152 bytes, more than the 1,04"):
        import_apkg(package, tmp_path / "content" / "d", force=False)
    assert not (tmp_path / "content").exists()


def test_a_query_that_never_ends_is_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hostile collection whose ``col`` is a view over an endless recursive query."""
    database = tmp_path / "endless.db"
    connection = sqlite3.connect(database)
    connection.executescript(
        "CREATE VIEW col AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
        "SELECT i AS models, i AS decks FROM n WHERE i < 0;"
        "CREATE TABLE notes (id INTEGER, guid TEXT, mid INTEGER, tags TEXT, flds TEXT);"
        "CREATE TABLE cards (id INTEGER, nid INTEGER, did INTEGER);"
    )
    connection.close()
    package = make_package(tmp_path / "loop.apkg", collection=database.read_bytes())
    monkeypatch.setattr(apkg, "MAX_QUERY_SECONDS", 0.5)
    with pytest.raises(ImportError_, match=r"table col: cannot be read \(interrupted\)"):
        import_apkg(package, tmp_path / "content" / "d", force=False)


def test_a_valid_package_still_imports(tmp_path: Path) -> None:
    """The builder makes good packages too, so the cases above differ only in their fault."""
    report = import_apkg(make_package(tmp_path / "ok.apkg"), tmp_path / "c" / "d", force=False)
    assert [path.name for path in report.written] == ["deck.yaml", "what-is-x.md"]
