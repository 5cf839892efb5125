"""`ankigen new`: write a new note that validates, with an id that is free in its deck.

The answer is left as a TODO on purpose: lint reports it (AG130), so a scaffold can never be
built into a package by accident.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from ankigen.diagnostics import Severity
from ankigen.pipeline.check import check
from ankigen.source.discover import DECK_FILE, SLUG
from ankigen.source.model import NoteType
from ankigen.source.project import load_decks
from ankigen.tools.transliteration import transliterate

MAX_ID = 64
FALLBACK_ID = "note"
# Dropped only when the id would be longer than MAX_ID: short ids read like the question.
# fmt: off
STOP_WORDS = frozenset({
    "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did",
    "has", "have", "had", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "and",
    "or", "but", "can", "could", "should", "would", "will", "shall", "may", "might", "must",
    "you", "your", "we", "our", "us", "i", "me", "my", "so", "than", "it", "its", "this", "that",
    "these", "those",
})
# fmt: on
# Letters that Unicode does not decompose into ASCII ones (NFKD leaves "ł" whole); the dotless
# i of Turkish ("aras\u0131ndaki") was dropped from ids ("arasndaki") until session 25.
_LATIN = str.maketrans(
    {"ß": "ss", "æ": "ae", "ø": "o", "ł": "l", "œ": "oe", "đ": "d", "þ": "th", "\u0131": "i"}
)

_BODIES = {
    NoteType.BASIC: "# {question}\n\nTODO: write the answer.\n",
    NoteType.CODE: (
        "# {question}\n\n"
        "TODO: write the answer and replace the code below.\n\n"
        "```python\n"
        "result = None\n"
        "```\n"
    ),
    NoteType.CLOZE: (
        "# {question}\n\n"
        "TODO: rewrite this sentence so that {{{{c1::the fact to recall}}}} is hidden.\n"
    ),
}


class ScaffoldError(Exception):
    """The note cannot be written; the message says why, for the user."""


def deck_name_from_slug(slug: str) -> str:
    """A readable deck name for a slug: ``dl-keras`` -> ``Dl Keras``."""
    return " ".join(word.capitalize() for word in slug.split("-") if word) or slug


def create_deck(folder: Path) -> Path:
    """Make ``folder`` a new deck with a minimal deck.yaml (its name from the folder's slug);
    return the deck.yaml. The folder must not exist yet."""
    if not SLUG.match(folder.name):
        raise ScaffoldError(
            f"cannot create deck '{folder.name}': a deck folder name is a slug of lowercase "
            "letters, digits and '-' (e.g. my-deck)"
        )
    config = folder / DECK_FILE
    name = deck_name_from_slug(folder.name)
    try:
        folder.mkdir(parents=True)
        config.write_text(f'name: "{name}"\ndescription: ""\n', encoding="utf-8", newline="\n")
    except OSError as error:
        raise ScaffoldError(f"cannot create deck {folder}: {error.strerror or error}") from None
    return config


def remove_new_deck(folder: Path) -> None:
    """Undo ``create_deck`` (when the note for it could not be written)."""
    (folder / DECK_FILE).unlink(missing_ok=True)
    folder.rmdir()


def new_note(deck_folder: Path, question: str, note_type: NoteType) -> Path:
    """Write ``<id>.md`` into ``deck_folder`` and return its path; never overwrites a file."""
    question = _one_line(question)
    deck_folder = deck_folder.resolve()  # "." has no name to check as a slug
    _require_deck(deck_folder)
    taken = _taken_ids(deck_folder)
    for note_id in candidate_ids(id_slug(question)):
        if note_id in taken:
            continue
        path = deck_folder / f"{note_id}.md"
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(note_text(note_id, question, note_type))
        except FileExistsError:  # created since we listed the folder
            continue
        except OSError as error:
            raise ScaffoldError(f"cannot write {path}: {error.strerror or error}") from None
        _validate_or_remove(path)
        return path
    raise AssertionError("candidate_ids() never ends")  # pragma: no cover


def note_text(note_id: str, question: str, note_type: NoteType) -> str:
    front_matter = f"---\nid: {note_id}\ntype: {note_type.value}\ntags: []\n---\n"
    return front_matter + _BODIES[note_type].format(question=question)


def slugify(question: str) -> str:
    """The question as an id: ASCII lowercase words joined by '-', at most MAX_ID characters."""
    words = _ascii_words(question)
    if len("-".join(words)) > MAX_ID:
        words = [word for word in words if word not in STOP_WORDS] or words
    return _shorten("-".join(words), MAX_ID) or FALLBACK_ID


def _ascii_words(question: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", question.lower().translate(_LATIN))
    text = decomposed.encode("ascii", "ignore").decode("ascii")  # "ü" -> "u"
    text = re.sub(r"(?<=\d)[,_](?=\d)", "", text)  # "10,000" -> "10000"
    text = re.sub("['`\u2019]", "", text)  # "what's" -> "whats", not "what-s"
    return re.findall(r"[a-z0-9]+", text)


def has_id_words(question: str) -> bool:
    """Whether the question gives an id any word (a Chinese one without Latin words gives
    none: its slug would be the bare fallback)."""
    return bool(_ascii_words(transliterate(question)))


def id_slug(question: str) -> str:
    """The question as a note id: its slug, a question in another script transliterated first
    ("Что такое стек?" -> "chto-takoe-stek"). Only ids are transliterated: the slugs of deck
    names, document keys and topic tags keep their earlier form."""
    return slugify(transliterate(question))


def candidate_ids(base: str) -> Iterator[str]:
    """``base``, then ``base-2``, ``base-3``… each shortened to fit MAX_ID."""
    yield base
    number = 2
    while True:
        suffix = f"-{number}"
        yield _shorten(base, MAX_ID - len(suffix)) + suffix
        number += 1


def _shorten(slug: str, limit: int) -> str:
    """``slug`` cut at the last '-' that fits ``limit`` (mid-word only for one long word)."""
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1].rfind("-")
    return slug[:cut] if cut > 0 else slug[:limit].rstrip("-")


def _one_line(question: str) -> str:
    question = question.strip()
    if not question:
        raise ScaffoldError("the question is empty: give the text of the card's front")
    if len(question.splitlines()) > 1:
        raise ScaffoldError("the question must be a single line (it becomes the note's heading)")
    return question


def _require_deck(folder: Path) -> None:
    if not folder.is_dir():
        raise ScaffoldError(
            f"deck folder {folder} does not exist: give a deck folder, or the name of a deck "
            "under the content folder"
        )
    if not (folder / DECK_FILE).is_file():
        raise ScaffoldError(
            f"{folder} is not a deck: it has no {DECK_FILE} (add one with name and description, "
            "see docs/format.md)"
        )
    if not SLUG.match(folder.name):
        raise ScaffoldError(
            f"deck folder name '{folder.name}' is not a valid slug: use lowercase letters, "
            "digits and '-'"
        )


def _taken_ids(folder: Path) -> set[str]:
    """Ids in use: every file name, and the id in every note's front matter."""
    # Lowercase: on case-insensitive file systems "Dropout.md" is "dropout.md".
    taken = {path.stem.lower() for path in folder.glob("*.md")}
    decks, _ = load_decks([folder])
    taken.update(note.id for deck in decks for note in deck.notes)
    return taken


def _validate_or_remove(path: Path) -> None:
    """Keep the note only if it validates: a question can hold Markdown that does not."""
    errors = [
        d
        for d in check([path.parent]).diagnostics
        if d.severity is Severity.ERROR and d.path.resolve() == path.resolve()
    ]
    if errors:
        path.unlink()
        problems = "; ".join(f"{d.code} {d.message}" for d in errors)
        raise ScaffoldError(
            f"the question would make an invalid note, so nothing was written: {problems}"
        )
