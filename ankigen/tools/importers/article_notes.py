"""Writing the notes of an imported article, and its entry under ``sources`` in deck.yaml.

The notes are written deterministically: the same article gives the same bytes. A note file
that differs from what the import would write now was edited since the import: it is skipped
and reported (overwritten only with ``force``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ankigen.diagnostics import Severity
from ankigen.source.discover import DECK_FILE
from ankigen.source.load import load_deck_config, load_note
from ankigen.tools.importers.report import ImportError_, ImportReport
from ankigen.tools.scaffold import (
    FALLBACK_ID,
    candidate_ids,
    has_id_words,
    id_slug,
    slugify,
)

EDITED = "edited since the import (use --force to overwrite it)"


@dataclass(frozen=True)
class Draft:
    """One note to write: the question (its heading and id), the answer and the front matter."""

    number: int
    question: str
    answer: str
    note_type: str
    tags: tuple[str, ...]
    name: str = ""  # what the id is made of, when not the question ("### 7. Leaf size")
    see: tuple[str, ...] = ()  # the pages the answer named as its sources ("Source: …")


def note_id_base(question: str) -> str:
    """The question's slug as an id (another script transliterated); one of digits only
    ("06 (单选)…" keeps just its number) is prefixed, since YAML would read a bare number as an
    integer and the id must be a string."""
    return _not_a_number(id_slug(question))


def source_key(title: str) -> str:
    """The document's key under ``sources`` in deck.yaml: its title's slug, never
    transliterated, so the key an earlier import wrote stays the key of its notes."""
    return _not_a_number(slugify(title))


def _not_a_number(slug: str) -> str:
    return f"{FALLBACK_ID}-{slug}" if slug.isdigit() else slug


def write_notes(deck_folder: Path, key: str, drafts: list[Draft], force: bool) -> ImportReport:
    """Write the drafts' notes; a note edited since the last import is skipped unless ``force``."""
    report = ImportReport()
    taken = ids_of_other_notes(deck_folder, key)
    earlier = ids_by_front(deck_folder, key)
    for draft in drafts:
        # A question imported before keeps the id its note was written with, even when the id
        # would now be made otherwise (a transliterated script, a cleaner front).
        kept = earlier.get(draft.question, [])
        note_id = kept.pop(0) if kept and kept[0] not in taken else None
        if note_id is None:
            note_id = next(
                i
                for i in candidate_ids(_id_base(draft))
                if i not in taken and not _kept_for_another(i, earlier)
            )
        taken.add(note_id)
        path = deck_folder / f"{note_id}.md"
        wanted = note_text(note_id, key, draft)
        if path.exists():
            try:
                current = path.read_bytes()
            except OSError as error:
                raise ImportError_(f"cannot read {path}: {error.strerror or error}") from None
            if current == wanted.encode("utf-8"):
                continue
            if not force:
                report.skipped.append((path, EDITED))
                continue
        write_file(path, wanted)
        report.written.append(path)
    return report


def _id_base(draft: Draft) -> str:
    """The draft's id before a suffix: its question's slug; for a question with no word a slug
    can keep (Chinese or Japanese ideographs only) its number in the document, which says
    more than the bare fallback ("question-11", not "note-7")."""
    text = draft.name or draft.question
    return note_id_base(text) if has_id_words(text) else f"question-{draft.number}"


def note_text(note_id: str, key: str, draft: Draft) -> str:
    see = f", see: [{', '.join(_yaml_string(url) for url in draft.see)}]" if draft.see else ""
    return (
        f"---\nid: {note_id}\ntype: {draft.note_type}\ntags: [{', '.join(draft.tags)}]\n"
        f"source: {{doc: {key}, question: {draft.number}{see}}}\n---\n"
        f"# {draft.question}\n\n{draft.answer}\n"
    )


def write_file(path: Path, text: str) -> None:
    try:
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as error:
        raise ImportError_(f"cannot write {path}: {error.strerror or error}") from None


def ids_of_other_notes(deck_folder: Path, key: str) -> set[str]:
    """Ids taken by notes that are not from this article (the import never touches those)."""
    taken: set[str] = set()
    for path in sorted(deck_folder.glob("*.md")):
        if path.name.startswith((".", "_")):
            continue
        note, _ = load_note(path)
        # A note that cites no source or another one was not written by this import (one that
        # does not load might be: it is compared, and skipped as edited).
        if note is not None and (note.meta.source is None or note.meta.source.doc != key):
            taken.update({path.stem.lower(), note.meta.id})
    return taken


_FRONT = re.compile(r"\A---\n.*?\n---\n# ([^\n]*)", re.DOTALL)


def ids_by_front(deck_folder: Path, key: str) -> dict[str, list[str]]:
    """The ids of the notes an earlier import of this article wrote, by their front."""
    found: dict[str, list[str]] = {}
    for path in sorted(deck_folder.glob("*.md")):
        if path.name.startswith((".", "_")):
            continue
        note, _ = load_note(path)
        if note is None or note.meta.source is None or note.meta.source.doc != key:
            continue
        front = _FRONT.match(path.read_text(encoding="utf-8"))
        if front is not None and path.stem == note.meta.id:
            found.setdefault(front.group(1).strip(), []).append(note.meta.id)
    return found


def _kept_for_another(note_id: str, earlier: dict[str, list[str]]) -> bool:
    """Whether an earlier note of another question still holds ``note_id``."""
    return any(note_id in ids for ids in earlier.values())


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _source_entry(key: str, title: str, file_name: str, indent: str) -> list[str]:
    return [
        f"{indent}{key}:",
        f"{indent}  title: {_yaml_string(title)}",
        f"{indent}  publisher: {_yaml_string(f'imported from {file_name}')}",
    ]


def ensure_source(
    deck_folder: Path, key: str, title: str, file_name: str, language: str = "en"
) -> Path | None:
    """Create deck.yaml (with the article's ``language`` when it is not English), or add the
    article to its sources; the path when it was written."""
    path = deck_folder / DECK_FILE
    if not path.exists():
        name = re.sub(r"\s*::\s*", " - ", re.sub(r'["\n]', "", title)).strip() or deck_folder.name
        lines = [
            f"name: {_yaml_string(name)}",
            f"description: {_yaml_string(f'Draft notes imported from {file_name}: review them.')}",
            *([f"language: {language}"] if language != "en" else []),
            "sources:",
            *_source_entry(key, title, file_name, "  "),
        ]
        write_file(path, "\n".join(lines) + "\n")
        return path
    spec, diagnostics = load_deck_config(deck_folder)
    if spec is None or any(d.severity is Severity.ERROR for d in diagnostics):
        raise ImportError_(f"{path} is not valid: fix it first (ankigen validate {deck_folder})")
    if key in spec.config.sources:
        return None
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines()
    at = next((i for i, line in enumerate(lines) if re.match(r"^sources\s*:", line)), None)
    if at is None:
        lines += ["sources:", *_source_entry(key, title, file_name, "  ")]
    elif re.match(r"^sources\s*:\s*(?:\{\s*\})?\s*(?:#.*)?$", lines[at]):
        children = [
            line for line in lines[at + 1 :] if line.strip() and not line.lstrip().startswith("#")
        ]
        child = children[0] if children and children[0].startswith(" ") else "  "
        indent = " " * (len(child) - len(child.lstrip()))
        lines[at : at + 1] = ["sources:", *_source_entry(key, title, file_name, indent)]
    else:
        raise ImportError_(
            f"cannot add source '{key}' to {path}: write 'sources' as a block mapping, or add "
            f"'{key}' (title, publisher) under it by hand"
        )
    write_file(path, "\n".join(lines) + "\n")
    spec, diagnostics = load_deck_config(deck_folder)
    if spec is None or key not in spec.config.sources:
        write_file(path, original)
        raise ImportError_(f"cannot add source '{key}' to {path}: add it by hand")
    return path


def language_hint(deck_folder: Path, language: str, file_name: str) -> str | None:
    """A warning when an article in another language goes into an existing English deck."""
    spec, _ = load_deck_config(deck_folder)
    if language == "en" or spec is None or not spec.config.english:
        return None
    return (
        f"{file_name} reads as language '{language}': set 'language: {language}' in "
        f"{deck_folder / DECK_FILE} so the English spelling check (AG111) skips the deck"
    )
