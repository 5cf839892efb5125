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
import json
import re
import sqlite3
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PageElement
from markdownify import MarkdownConverter

from ankigen.importers.anki_latex import ANKI_LATEX, latex_text
from ankigen.importers.anki_latex import convert as anki_latex_convert
from ankigen.importers.report import ImportError_, ImportReport
from ankigen.load import load_note
from ankigen.media import IMAGE_SUFFIXES
from ankigen.model import TAG_PATTERN
from ankigen.notetypes import BASIC, CLOZE, CODE
from ankigen.scaffold import candidate_ids, slugify

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


def _read_package(file: Path) -> _Package:
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError) as error:
        raise ImportError_(f"{file}: not an Anki package (.apkg is a zip file): {error}") from None
    with archive:
        names = set(archive.namelist())
        if "collection.anki21b" in names:
            return _read_with_anki(file)
        for member in ("collection.anki21", "collection.anki2"):
            if member in names:
                return _read_legacy(archive, member)
    raise ImportError_(f"{file}: no Anki collection inside (is it an .apkg?)")


def _read_legacy(archive: zipfile.ZipFile, member: str) -> _Package:
    media_map: dict[str, str] = {}
    if "media" in archive.namelist():
        try:
            raw = json.loads(archive.read("media").decode("utf-8") or "{}")
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise ImportError_(
                "the package's media list is not the legacy JSON one: export it again from "
                "Anki (File → Export, “Support older Anki versions”)"
            ) from None
        media_map = {str(name): str(number) for number, name in raw.items()}
    members = set(archive.namelist())
    # Read now: the archive is closed when this returns.
    media_bytes = {
        name: archive.read(number) for name, number in media_map.items() if number in members
    }
    with tempfile.TemporaryDirectory(prefix="ankigen-apkg-") as folder:
        database = Path(folder) / "collection.sqlite"
        database.write_bytes(archive.read(member))
        connection = sqlite3.connect(database)
        try:
            models_json, decks_json = connection.execute("SELECT models, decks FROM col").fetchone()
            rows = connection.execute(
                "SELECT id, guid, mid, tags, flds FROM notes ORDER BY id, guid"
            ).fetchall()
            deck_rows = connection.execute("SELECT did, count() FROM cards GROUP BY did").fetchall()
        except sqlite3.DatabaseError as error:
            raise ImportError_(f"the package's collection cannot be read: {error}") from None
        finally:
            connection.close()
    models = {}
    for model in json.loads(models_json).values():
        models[int(model["id"])] = _Model(
            int(model["id"]),
            str(model["name"]),
            int(model.get("type", 0)),
            tuple(str(f["name"]) for f in sorted(model["flds"], key=lambda f: int(f["ord"]))),
            len(model.get("tmpls", [])),
        )
    notes = [
        _Note(int(nid), str(guid), int(mid), tuple(str(tags).split()), tuple(flds.split("\x1f")))
        for nid, guid, mid, tags, flds in rows
    ]
    decks = {int(deck_id): str(deck["name"]) for deck_id, deck in json.loads(decks_json).items()}
    counts = Counter({decks.get(int(did), ""): int(n) for did, n in deck_rows})
    return _Package(models, notes, media_bytes, _main_deck(counts))


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
            media = {path.name: path.read_bytes() for path in media_dir.iterdir() if path.is_file()}
        finally:
            col.close()
    return _Package(models, notes, media, _main_deck(counts))


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
                for candidate in candidate_ids(slugify(item.question))
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
