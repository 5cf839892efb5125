"""``ankigen import apkg``: an Anki package -> one Markdown note per Anki note.

Legacy packages (``collection.anki21`` / ``collection.anki2``, SQLite) are read with
``zipfile`` and ``sqlite3``. The current format (``collection.anki21b``, zstd-compressed) is
opened with the official ``anki`` package when it is installed (an optional extra).

Field HTML becomes Markdown with markdownify; MathJax ``\\(…\\)`` / ``\\[…\\]`` becomes
``$…$`` / ``$$…$$``, and so does Anki's own LaTeX (``anki_latex.py``); a ``<br>`` becomes a
Markdown hard break, except where it ends a block or sits in a heading; cloze markers are
kept verbatim; images referenced by ``<img src>`` are
written to ``<deck>/media/`` and referenced relatively. Every note keeps its Anki GUID in its
front matter (``guid:``), so builds update the learner's existing notes (once those notes use
the matching ankigen note type: see docs/import.md). A package of which no note can be
imported is an error, raised before anything is written.
"""

from __future__ import annotations

import html
import io
import json
import lzma
import re
import sqlite3
import tempfile
import time
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import quote, unquote

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PageElement
from markdownify import MarkdownConverter

from ankigen.render.media import IMAGE_SUFFIXES
from ankigen.render.notetypes import BASIC, CLOZE, CODE
from ankigen.source.load import load_note
from ankigen.source.model import TAG_PATTERN
from ankigen.tools.importers.anki_latex import ANKI_LATEX, latex_text
from ankigen.tools.importers.anki_latex import convert as anki_latex_convert
from ankigen.tools.importers.report import ImportError_, ImportReport
from ankigen.tools.scaffold import candidate_ids, id_slug

MEDIA_FOLDER = "media"
EDITED = "edited since the import (use --force to overwrite it)"
_CLOZE_KINDS = 1
_CLOZE_MARKER = re.compile(r"\{\{c\d+::")
_MATH = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", re.DOTALL)
_PLACEHOLDER = "ankigenmathph{}x"
_PLACEHOLDER_RE = re.compile(r"ankigenmathph(\d+)x")
_SOUND = re.compile(r"\[sound:([^\]]+)\]")
_EXTRA_NAMES = ("Extra", "Back Extra")


@dataclass(frozen=True)
class _Model:
    id: int
    name: str
    kind: int  # 0 standard, 1 cloze
    fields: tuple[str, ...]
    templates: int


@dataclass(frozen=True)
class _Note:
    nid: int
    guid: str
    mid: int
    tags: tuple[str, ...]
    fields: tuple[str, ...]


@dataclass
class _Package:
    models: dict[int, _Model]
    notes: list[_Note]
    media: dict[str, bytes]  # file name in the collection -> its bytes
    deck_name: str | None


@dataclass
class _Converted:
    """One note ready to write, before its id is chosen."""

    guid: str
    kind: str  # "basic" | "cloze"
    question: str  # for the id
    body: str
    tags: tuple[str, ...]
    media: set[str] = field(default_factory=set)


# --- reading packages ---------------------------------------------------------------------

# Limits on what a package may unpack to: the collection is streamed to a temporary file, the
# media are held in memory, so both are capped before and while they are read (a "zip bomb"
# of a few kilobytes can declare gigabytes).
MAX_COLLECTION_BYTES = 2 << 30
MAX_MEDIA_FILE_BYTES = 100 << 20
MAX_MEDIA_BYTES = 1 << 30
MAX_MEDIA_LIST_BYTES = 16 << 20
# Above this size a member may not be compressed more than MAX_RATIO to 1 (deflate stops near
# 1,000:1 anyway; bzip2 and lzma members could go much further).
RATIO_FROM_BYTES = 16 << 20
MAX_RATIO = 200
_CHUNK = 1 << 20
MAX_QUERY_SECONDS = 120.0
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What zipfile and its decompressors raise for a damaged or unsupported member.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    NotImplementedError,
    RuntimeError,  # an encrypted member
    ValueError,
)


class _Damaged(Exception):
    """A package that is not what Anki writes: where in it, and what is wrong."""

    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where}: {what}")


def _read_package(file: Path) -> _Package:
    try:
        return _open_package(file)
    except _Damaged as damaged:
        raise ImportError_(
            f"{file}: {damaged}; nothing was written. The package is damaged or was not made "
            "by Anki: export the deck again (File → Export → Anki Deck Package)"
        ) from None


def _open_package(file: Path) -> _Package:
    try:
        archive = zipfile.ZipFile(file)
    except (*_ZIP_ERRORS, OSError) as error:
        raise ImportError_(f"{file}: not an Anki package (.apkg is a zip file): {error}") from None
    with archive:
        names = set(archive.namelist())
        if "collection.anki21b" in names:
            return _read_with_anki(file)
        for member in ("collection.anki21", "collection.anki2"):
            if member in names:
                return _read_legacy(archive, member)
    raise ImportError_(f"{file}: no Anki collection inside (is it an .apkg?)")


def _check_size(info: zipfile.ZipInfo, limit: int) -> None:
    """Refuse a member whose declared size is over ``limit`` or compressed like a zip bomb."""
    if info.file_size > limit:
        raise _Damaged(
            info.filename, f"unpacks to {info.file_size:,} bytes, more than the {limit:,} accepted"
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
        raise _Damaged(
            info.filename,
            f"compressed {ratio:,.0f} to 1 (a zip bomb?); at most {MAX_RATIO} to 1 is accepted",
        )


def _copy_member(archive: zipfile.ZipFile, name: str, limit: int, sink: BinaryIO) -> None:
    """Stream one member into ``sink``, counting: a member never unpacks past ``limit``
    whatever its header says."""
    try:
        info = archive.getinfo(name)
        _check_size(info, limit)
        written = 0
        with archive.open(info) as source:
            while chunk := source.read(_CHUNK):
                written += len(chunk)
                if written > limit:
                    raise _Damaged(name, f"unpacks to more than the {limit:,} bytes accepted")
                sink.write(chunk)
    except _ZIP_ERRORS as error:
        raise _Damaged(name, f"cannot be unpacked: {error}") from None


def _read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    buffer = io.BytesIO()
    _copy_member(archive, name, limit, buffer)
    return buffer.getvalue()


def _text(value: object, where: str, *, empty: bool = True, controls: bool = False) -> str:
    """A text column or JSON string, refused when it is not text or holds a NUL (or, unless
    ``controls``, any control character: names and GUIDs end up in YAML and file names)."""
    if not isinstance(value, str):
        raise _Damaged(where, f"expected text, found {_kind(value)}")
    if "\0" in value or (not controls and _CONTROL.search(value)):
        raise _Damaged(where, "contains a control character (such as NUL)")
    if not empty and not value.strip():
        raise _Damaged(where, "is empty")
    return value


def _integer(value: object, where: str) -> int:
    """An id or number: an integer, or text of digits (SQLite keeps what it is given)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,19}", value.strip()):
        return int(value)
    raise _Damaged(where, f"expected a number, found {_kind(value)}")


def _kind(value: object) -> str:
    if value is None:
        return "NULL"
    shown = repr(value)
    return f"{type(value).__name__} {shown if len(shown) <= 30 else shown[:27] + '...'}"


def _json_object(value: object, where: str) -> dict[str, Any]:
    if value is None:
        raise _Damaged(where, "is NULL, not JSON")
    try:
        data = json.loads(value) if isinstance(value, (str, bytes)) else None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise _Damaged(where, f"is not valid JSON ({error})") from None
    if not isinstance(data, dict):
        raise _Damaged(where, f"is JSON {type(data).__name__}, not an object")
    return data


def _media_map(archive: zipfile.ZipFile) -> dict[str, str]:
    """{file name: member name} from the package's ``media`` list."""
    if "media" not in archive.namelist():
        return {}
    raw = _read_member(archive, "media", MAX_MEDIA_LIST_BYTES)
    try:
        data = json.loads(raw.decode("utf-8") or "{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ImportError_(
            "the package's media list is not the legacy JSON one: export it again from "
            "Anki (File → Export, “Support older Anki versions”)"
        ) from None
    if not isinstance(data, dict):
        raise _Damaged("media", f"the media list is JSON {type(data).__name__}, not an object")
    return {
        _text(name, f"media entry {number!r}", empty=False): str(number)
        for number, name in sorted(data.items())
    }


def _read_media(archive: zipfile.ZipFile) -> dict[str, bytes]:
    members = set(archive.namelist())
    media: dict[str, bytes] = {}
    total = 0
    for name, number in sorted(_media_map(archive).items()):
        if number not in members:
            continue
        data = _read_member(archive, number, MAX_MEDIA_FILE_BYTES)
        total += len(data)
        if total > MAX_MEDIA_BYTES:
            raise _Damaged(
                "media", f"the media files unpack to more than {MAX_MEDIA_BYTES:,} bytes"
            )
        media[name] = data
    return media


def _query(connection: sqlite3.Connection, sql: str, where: str) -> list[tuple[Any, ...]]:
    try:
        return connection.execute(sql).fetchall()
    except sqlite3.Error as error:
        raise _Damaged(where, f"cannot be read ({error})") from None


def _read_legacy(archive: zipfile.ZipFile, member: str) -> _Package:
    media = _read_media(archive)
    with tempfile.TemporaryDirectory(prefix="ankigen-apkg-") as folder:
        database = Path(folder) / "collection.sqlite"
        with database.open("wb") as sink:
            _copy_member(archive, member, MAX_COLLECTION_BYTES, sink)
        try:
            connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        except sqlite3.Error as error:
            raise _Damaged(member, f"is not an SQLite database ({error})") from None
        # A hostile database can make a query run forever (a view with a recursive query).
        deadline = time.monotonic() + MAX_QUERY_SECONDS
        connection.set_progress_handler(lambda: time.monotonic() > deadline, 100_000)
        try:
            col = _query(connection, "SELECT models, decks FROM col", f"{member}: table col")
            rows = _query(
                connection,
                "SELECT id, guid, mid, tags, flds FROM notes ORDER BY id, guid",
                f"{member}: table notes",
            )
            deck_rows = _query(
                connection, "SELECT did, count() FROM cards GROUP BY did", f"{member}: table cards"
            )
        finally:
            connection.close()
    if len(col) != 1:
        raise _Damaged(f"{member}: table col", f"has {len(col)} rows; Anki writes exactly one")
    models_json, decks_json = col[0]
    models = _models(_json_object(models_json, f"{member}: col.models"), f"{member}: col.models")
    notes = [_note(row, f"{member}: notes row {index}") for index, row in enumerate(rows, 1)]
    decks = _decks(_json_object(decks_json, f"{member}: col.decks"), f"{member}: col.decks")
    counts: Counter[str] = Counter()
    for did, count in deck_rows:
        counts[decks.get(_integer(did, f"{member}: cards.did"), "")] += _integer(count, "count")
    return _Package(models, notes, media, _main_deck(counts))


def _models(data: dict[str, Any], where: str) -> dict[int, _Model]:
    models = {}
    for key, model in sorted(data.items()):
        place = f"{where}[{key!r}]"
        if not isinstance(model, dict):
            raise _Damaged(place, f"expected a note type object, found {_kind(model)}")
        fields = model.get("flds")
        if not isinstance(fields, list) or not all(isinstance(f, dict) for f in fields):
            raise _Damaged(f"{place}.flds", f"expected a list of fields, found {_kind(fields)}")
        ordered = sorted(fields, key=lambda f: _integer(f.get("ord"), f"{place}.flds.ord"))
        templates = model.get("tmpls", [])
        if not isinstance(templates, list):
            raise _Damaged(f"{place}.tmpls", f"expected a list, found {_kind(templates)}")
        model_id = _integer(model.get("id"), f"{place}.id")
        models[model_id] = _Model(
            model_id,
            _text(model.get("name"), f"{place}.name"),
            _integer(model.get("type", 0), f"{place}.type"),
            tuple(_text(f.get("name"), f"{place}.flds.name") for f in ordered),
            len(templates),
        )
    return models


def _note(row: tuple[Any, ...], where: str) -> _Note:
    nid, guid, mid, tags, fields = row
    place = f"{where} (id {nid!r})"
    return _Note(
        _integer(nid, f"{place}: id"),
        _text(guid, f"{place}: guid", empty=False),
        _integer(mid, f"{place}: mid (note type id)"),
        tuple(_text("" if tags is None else tags, f"{place}: tags").split()),
        tuple(_text(fields, f"{place}: flds (the fields)", controls=True).split("\x1f")),
    )


def _decks(data: dict[str, Any], where: str) -> dict[int, str]:
    decks = {}
    for key, deck in data.items():
        place = f"{where}[{key!r}]"
        if not isinstance(deck, dict):
            raise _Damaged(place, f"expected a deck object, found {_kind(deck)}")
        decks[_integer(key, place)] = _text(deck.get("name"), f"{place}.name")
    return decks


def _main_deck(counts: Counter[str]) -> str | None:
    ranked = sorted(((-n, name) for name, n in counts.items() if name and name != "Default"))
    return ranked[0][1] if ranked else None


def _read_with_anki(file: Path) -> _Package:
    """A ``collection.anki21b`` package: imported into a scratch collection by Anki itself."""
    try:
        from anki.collection import (
            Collection,
            ImportAnkiPackageOptions,
            ImportAnkiPackageRequest,
        )
    except ImportError:
        raise ImportError_(
            f"{file} uses Anki's current package format (collection.anki21b, zstd), which "
            "needs the official `anki` package: `pip install anki`, or export the deck again "
            "from Anki with “Support older Anki versions” ticked"
        ) from None
    with tempfile.TemporaryDirectory(prefix="ankigen-apkg-") as folder:
        col: Any = Collection(str(Path(folder) / "scratch.anki2"))
        try:
            stock = {int(m["id"]) for m in col.models.all()}
            request = ImportAnkiPackageRequest(
                package_path=str(file.resolve()),
                options=ImportAnkiPackageOptions(
                    with_scheduling=False, with_deck_configs=False, merge_notetypes=False
                ),
            )
            try:
                col.import_anki_package(request)
            except Exception as error:  # the backend raises its own error types
                raise ImportError_(f"{file}: Anki cannot read this package: {error}") from None
            models = {}
            for model in col.models.all():
                model_id = int(model["id"])
                if model_id in stock:
                    continue
                models[model_id] = _Model(
                    model_id,
                    re.sub(r"-[0-9a-f]{5}$", "", str(model["name"])),  # Anki's uniqueness suffix
                    int(model.get("type", 0)),
                    tuple(str(f["name"]) for f in model["flds"]),
                    len(model.get("tmpls", [])),
                )
            notes = []
            for nid in sorted(col.find_notes("")):
                note = col.get_note(nid)
                notes.append(
                    _Note(int(nid), note.guid, int(note.mid), tuple(note.tags), tuple(note.fields))
                )
            counts: Counter[str] = Counter()
            for did, n in col.db.all("SELECT did, count() FROM cards GROUP BY did"):
                counts[str(col.decks.name(did))] += int(n)
            media_dir = Path(col.media.dir())
            media = _media_files(media_dir)
        finally:
            col.close()
    return _Package(models, notes, media, _main_deck(counts))


def _media_files(folder: Path) -> dict[str, bytes]:
    """The media Anki unpacked into a scratch collection, with the same caps as a legacy
    package's."""
    media: dict[str, bytes] = {}
    total = 0
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if size > MAX_MEDIA_FILE_BYTES or total > MAX_MEDIA_BYTES:
            raise _Damaged(
                f"media file {path.name}",
                f"the media are larger than accepted ({MAX_MEDIA_FILE_BYTES:,} bytes a file, "
                f"{MAX_MEDIA_BYTES:,} in all)",
            )
        media[path.name] = path.read_bytes()
    return media


# --- HTML -> Markdown ---------------------------------------------------------------------


_CONVERTER = MarkdownConverter(
    heading_style="ATX", bullets="-", newline_style="backslash", strong_em_symbol="*"
)


@dataclass
class _FieldContext:
    media: dict[str, bytes]
    used_media: set[str]
    problems: list[str]


def field_to_markdown(
    field_html: str,
    media: dict[str, bytes] | None = None,
    used_media: set[str] | None = None,
    problems: list[str] | None = None,
    *,
    one_line: bool = False,
) -> str:
    """One Anki field (HTML) as ankigen Markdown; images become ``media/<name>`` links.

    ``one_line``: for a heading (a front, a title), where a line break is a space.
    """
    context = _FieldContext(
        media or {},
        used_media if used_media is not None else set(),
        problems if problems is not None else [],
    )
    finished: list[str] = []  # Markdown that must not be escaped: math, fenced LaTeX

    def keep(markdown: str) -> str:
        finished.append(markdown)
        return _PLACEHOLDER.format(len(finished) - 1)

    def anki_latex(match: re.Match[str]) -> str:
        piece = anki_latex_convert(match)
        if piece.warning is not None:
            context.problems.append(piece.warning)
        if piece.block and one_line:  # a heading cannot hold a fenced block: inline code
            return html.escape(f"`` {' '.join(latex_text(match.group(0)).split())} ``")
        replaced = "".join(
            keep(text) if is_markdown else html.escape(text, quote=False)
            for text, is_markdown in piece.parts
        )
        return f"<p>{replaced}</p>" if piece.block else replaced

    def mathjax(match: re.Match[str]) -> str:
        inline, display = match.group(1), match.group(2)
        content = _plain_math(inline if inline is not None else display)
        return keep(f"${content}$" if inline is not None else f"$${content}$$")

    text = _MATH.sub(mathjax, ANKI_LATEX.sub(anki_latex, field_html))
    for sound in _SOUND.findall(text):
        context.problems.append(f"sound [sound:{sound}] is not supported: left as text")
    soup = BeautifulSoup(text, "html.parser")
    _link_images(soup, context)
    if one_line:
        for line_break in soup.find_all("br"):
            line_break.replace_with(" ")
    else:
        _drop_trailing_breaks(soup)
    markdown = _CONVERTER.convert_soup(soup)
    markdown = markdown.replace("\xa0", " ").replace("$", "\\$")
    markdown = "\n".join(line.rstrip() for line in markdown.splitlines())
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip()
    return _PLACEHOLDER_RE.sub(lambda m: finished[int(m.group(1))], markdown)


def _link_images(soup: BeautifulSoup, context: _FieldContext) -> None:
    for image in soup.find_all("img"):
        src = image.get("src")
        replacement = _image_target(str(src) if src is not None else "", context)
        if replacement is None:
            image.replace_with(f"[image: {src}]")
        else:
            image["src"] = replacement
            if image.has_attr("title"):
                del image["title"]


_BLOCKS = frozenset(
    {"div", "p", "li", "td", "th", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre"}
)


def _drop_trailing_breaks(soup: BeautifulSoup) -> None:
    """Remove ``<br>``s that end a block (Anki's editor leaves one at the end of a line).

    A browser shows no empty line for them, but Markdown would keep a lone ``\\`` there.
    """
    for line_break in soup.find_all("br"):
        _hoist_out_of_inline(line_break)
        if _ends_its_block(line_break):
            line_break.decompose()


def _hoist_out_of_inline(line_break: Tag) -> None:
    """``<b>a<br></b>c`` → ``<b>a</b><br>c``: markdownify cannot break inside emphasis."""
    parent = line_break.parent
    while (
        parent is not None
        and parent.name not in _BLOCKS
        and parent.name != "[document]"
        and not any(_shows(sibling) for sibling in line_break.next_siblings)
    ):
        parent.insert_after(line_break.extract())
        parent = line_break.parent


def _shows(node: PageElement) -> bool:
    """Whether a node after a line break puts something on the next line."""
    if isinstance(node, Tag):
        return node.name != "br"
    return isinstance(node, NavigableString) and bool(str(node).strip())


def _ends_its_block(element: Tag) -> bool:
    node: Tag | None = element
    while node is not None:
        if any(_shows(sibling) for sibling in node.next_siblings):
            return False
        parent = node.parent
        if parent is None or parent.name in _BLOCKS or parent.name == "[document]":
            return True
        node = parent
    return True


def _plain_math(content: str) -> str:
    content = re.sub(r"<br\s*/?>", " ", content, flags=re.IGNORECASE)
    content = re.sub(r"<[^>]+>", "", content)
    return html.unescape(content).replace("\xa0", " ").strip()


def _image_target(src: str, context: _FieldContext) -> str | None:
    """The relative link for an image, or None (with a problem) when it cannot be kept."""
    name = src if src in context.media else unquote(src)
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", src) or src.startswith("//"):
        context.problems.append(f"remote image {src} is not supported: left as text")
        return None
    if name not in context.media:
        context.problems.append(f"image {src} is not in the package: left as text")
        return None
    if Path(name).suffix.lower() not in IMAGE_SUFFIXES or "/" in name or name.startswith("."):
        context.problems.append(f"image {name} has an unsupported name or type: left as text")
        return None
    context.used_media.add(name)
    return f"{MEDIA_FOLDER}/{quote(name)}"


# --- note types ---------------------------------------------------------------------------


def _field(note: _Note, model: _Model, *names: str) -> str | None:
    for name in names:
        if name in model.fields:
            index = model.fields.index(name)
            return note.fields[index] if index < len(note.fields) else ""
    return None


def _mapping(model: _Model) -> tuple[str, dict[str, str]] | None:
    """(ankigen type, {role: field name}) for a note type, or None when it cannot be mapped."""
    fields = model.fields
    if model.id == CLOZE.id or (model.kind == _CLOZE_KINDS and "Text" in fields):
        extra = next((name for name in _EXTRA_NAMES if name in fields), None)
        roles = {"text": "Text"}
        if extra:
            roles["extra"] = extra
        if model.id == CLOZE.id or "Title" in fields:
            roles["title"] = "Title"
        return "cloze", roles
    if model.kind == _CLOZE_KINDS:
        return None
    if model.id in (BASIC.id, CODE.id) or ("Front" in fields and "Back" in fields):
        return "basic", {"front": "Front", "back": "Back"}
    if len(fields) == 2:
        return "basic", {"front": fields[0], "back": fields[1]}
    return None


# The ankigen note types' Source field is derived from `source:` at build time.
_DERIVED_FIELDS = {BASIC.id: {"Source"}, CODE.id: {"Source"}, CLOZE.id: {"Source"}}


def _convert(
    note: _Note, model: _Model, kind: str, roles: dict[str, str], package: _Package
) -> tuple[_Converted | None, list[str]]:
    problems: list[str] = []
    used: set[str] = set()

    def md(role: str, one_line: bool = False) -> str:
        value = _field(note, model, roles[role]) if role in roles else None
        return field_to_markdown(value or "", package.media, used, problems, one_line=one_line)

    mapped = set(roles.values()) | _DERIVED_FIELDS.get(model.id, set())
    for name, value in zip(model.fields, note.fields, strict=False):
        if name not in mapped and value.strip():
            problems.append(f"field {name!r} is not imported (no matching place in ankigen)")
    if kind == "basic":
        front = " ".join(md("front", one_line=True).split())
        back = md("back")
        if not front or not back:
            return None, [*problems, "empty front or back: not imported"]
        return _Converted(note.guid, kind, front, f"# {front}\n\n{back}\n", (), used), problems
    text = md("text")
    if not _CLOZE_MARKER.search(text):
        return None, [*problems, "no cloze deletion in Text: not imported"]
    title = " ".join(md("title", one_line=True).split())
    extra = md("extra")
    body = (f"# {title}\n\n" if title else "") + text + "\n"
    if extra:
        body += f"\n***\n\n{extra}\n"
    question = re.sub(r"\{\{c\d+::(.*?)(::[^}]*)?\}\}", r"\1", text, flags=re.DOTALL)
    return _Converted(note.guid, kind, title or question, body, (), used), problems


# --- writing ------------------------------------------------------------------------------


def _yaml_quote(value: str) -> str:
    """A single-quoted YAML scalar: only ' needs doubling, everything else is literal."""
    return "'" + value.replace("'", "''") + "'"


def note_text(note_id: str, kind: str, tags: tuple[str, ...], guid: str, body: str) -> str:
    tag_list = ", ".join(_yaml_quote(tag) for tag in tags)
    return (
        f"---\nid: {note_id}\ntype: {kind}\ntags: [{tag_list}]\nguid: {_yaml_quote(guid)}\n"
        f"---\n{body}"
    )


def _existing(deck_folder: Path) -> tuple[dict[str, str | None], dict[str, str]]:
    """({id: guid or None} of the notes already in the folder, {guid: id})."""
    ids: dict[str, str | None] = {}
    by_guid: dict[str, str] = {}
    if not deck_folder.is_dir():
        return ids, by_guid
    for path in sorted(deck_folder.glob("*.md")):
        note, _ = load_note(path)
        guid = note.meta.guid if note is not None else None
        ids[path.stem] = guid
        if guid:
            by_guid[guid] = path.stem
    return ids, by_guid


def _write(path: Path, data: bytes, force: bool, report: ImportReport) -> None:
    if path.exists():
        current = path.read_bytes()
        if current == data:
            return
        if not force:
            report.skipped.append((path, EDITED))
            return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    report.written.append(path)


def _deck_yaml(name: str, file: Path) -> str:
    return (
        f"name: {json.dumps(name, ensure_ascii=False)}\n"
        f"description: {json.dumps(f'Imported from the Anki package {file.name}.')}\n"
    )


def import_apkg(file: Path, deck_folder: Path, force: bool) -> ImportReport:
    """Write one note per Anki note of ``file`` into ``deck_folder`` (see the module doc)."""
    package = _read_package(file)
    report = ImportReport()
    unmapped: Counter[int] = Counter()
    converted: list[_Converted] = []
    for note in package.notes:
        model = package.models.get(note.mid)
        mapping = _mapping(model) if model is not None else None
        if model is None or mapping is None:
            unmapped[note.mid] += 1
            continue
        kind, roles = mapping
        item, problems = _convert(note, model, kind, roles, package)
        tags, bad_tags = _tags(note.tags)
        if bad_tags:
            problems.append(f"tags {bad_tags} are not valid ankigen tags: dropped")
        for problem in problems:
            report.warnings.append(f"note {note.guid!r} ({model.name}): {problem}")
        if item is not None:
            item.tags = tags
            converted.append(item)
    for mid, count in sorted(unmapped.items()):
        model = package.models.get(mid)
        described = (
            f"note type {model.name!r} (fields: {', '.join(model.fields)})"
            if model is not None
            else f"unknown note type id {mid}"
        )
        report.warnings.append(
            f"{described}: {count} note(s) not imported: only Basic-like note types "
            "(2 fields, or Front and Back) and Cloze note types (a Text field) can be mapped"
        )
    for model_id in sorted({n.mid for n in package.notes if n.mid not in unmapped}):
        model = package.models[model_id]
        if model.kind != _CLOZE_KINDS and model.templates > 1:
            report.warnings.append(
                f"note type {model.name!r} makes {model.templates} cards per note; ankigen "
                "basic notes make one, so the other cards are not part of the import"
            )

    if not converted:
        # Before anything is written: an empty deck folder would only hide the problem.
        raise ImportError_(_nothing_imported(file, package, unmapped))
    if not (deck_folder / "deck.yaml").exists():
        name = package.deck_name or deck_folder.name
        _write(deck_folder / "deck.yaml", _deck_yaml(name, file).encode(), force, report)
    existing_ids, existing_guid = _existing(deck_folder)
    used_ids: set[str] = set()
    media: set[str] = set()
    for item in converted:
        note_id = existing_guid.get(item.guid)
        if note_id is None or note_id in used_ids:
            note_id = next(
                candidate
                for candidate in candidate_ids(id_slug(item.question))
                if candidate not in used_ids and existing_ids.get(candidate, item.guid) == item.guid
            )
        used_ids.add(note_id)
        media |= item.media
        text = note_text(note_id, item.kind, item.tags, item.guid, item.body)
        _write(deck_folder / f"{note_id}.md", text.encode("utf-8"), force, report)
    for name in sorted(media):
        _write(deck_folder / MEDIA_FOLDER / name, package.media[name], force, report)
    return report


def _nothing_imported(file: Path, package: _Package, unmapped: Counter[int]) -> str:
    """Why no note of the package could be imported, and what to do about it."""
    if not package.notes:
        return (
            f"{file}: the package holds no notes, so nothing was imported and nothing written; "
            "export the deck again from Anki with its notes (File → Export → Anki Deck Package)"
        )
    reasons = []
    for mid, count in sorted(unmapped.items()):
        model = package.models.get(mid)
        name = repr(model.name) if model is not None else f"with the unknown id {mid}"
        reasons.append(f"{count} of note type {name}, which cannot be mapped")
    rest = len(package.notes) - sum(unmapped.values())
    if rest:
        reasons.append(f"{rest} with an empty front or back or a cloze note without a deletion")
    return (
        f"{file}: none of its {len(package.notes)} notes could be imported "
        f"({'; '.join(reasons)}), so nothing was written. ankigen maps Basic-like note types "
        "(2 fields, or Front and Back) and Cloze note types (a Text field): in Anki, change "
        "the notes to one of those (Browse → Notes → Change Note Type) and export again"
    )


def _tags(tags: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
    good = tuple(sorted({tag for tag in tags if re.match(TAG_PATTERN, tag)}))
    bad = sorted(tag for tag in tags if not re.match(TAG_PATTERN, tag))
    return good, bad
