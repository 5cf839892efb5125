"""One note's outcome (note, rendering, problems, lint findings) to and from a JSON cache entry.

Decoding checks the shape and type of everything it reads and re-checks the media files the
note uses; anything unexpected makes the entry a miss, never an error.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ankigen.diagnostics import (
    Diagnostic,
    Severity,
    diagnostic_from_json,
    diagnostic_to_json,
    json_int,
    json_str,
)
from ankigen.render.media import MediaFile
from ankigen.render.note import RenderedNote
from ankigen.render.notetypes import BY_NOTE_TYPE
from ankigen.source.files import Position, read_text
from ankigen.source.load import DeckSpec, Note
from ankigen.source.model import NoteFrontMatter

if TYPE_CHECKING:
    from ankigen.lint.rule import LintConfig
    from ankigen.lint.runner import NoteLint


@dataclass(frozen=True)
class NoteOutcome:
    note: Note | None
    rendered: RenderedNote | None
    diagnostics: tuple[Diagnostic, ...]  # loading and rendering (structural checks)
    findings: NoteLint | None  # what the lint rules take from it; None when not linted


def findings_of(
    note: Note | None, raw: bytes | None, spec: DeckSpec, config: LintConfig | None
) -> NoteLint | None:
    """What the lint rules take from a loaded note (None without a config)."""
    if config is None or note is None:
        return None
    from ankigen.lint.document import LintDocument
    from ankigen.lint.runner import note_lint

    text, _ = read_text(note.path, raw)
    if text is None:
        return None
    return note_lint(LintDocument(note.path, text, note, spec), config)


def _strs(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not set(map(type, value)) <= {str}:
        raise TypeError("expected a list of strings")
    return tuple(value)


def encode_outcome(
    outcome: NoteOutcome, config_key: str, previous: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The cache entry of an outcome; None for notes not worth caching (errors: the author is
    about to edit them, and an error may depend on other files, such as a missing image)."""
    note, rendered = outcome.note, outcome.rendered
    if note is None or rendered is None:
        return None
    if any(d.severity is Severity.ERROR for d in outcome.diagnostics):
        return None
    findings: dict[str, Any] = {}
    if previous is not None and isinstance(previous.get("findings"), dict):
        # Up to three other configs' findings stay (another --select, the pre-commit hook).
        others = sorted(key for key in previous["findings"] if key != config_key)[:3]
        findings = {key: previous["findings"][key] for key in others}
    if outcome.findings is not None:
        findings[config_key] = {
            "findings": [diagnostic_to_json(d) for d in outcome.findings.findings],
            "project": dict(sorted(outcome.findings.project.items())),
        }
    return {
        "diagnostics": [diagnostic_to_json(d) for d in outcome.diagnostics],
        "note": {
            # The model's own dump and validate: a new front-matter field round-trips with
            # no change here (tests/test_note_record.py checks every field).
            "meta": note.meta.model_dump(mode="json", by_alias=True),
            "body_line": note.body_line,
            "body_length": len(note.body),
            "id_position": list(note.id_position),
            "source_position": list(note.source_position),
        },
        "rendered": {
            "guid": rendered.guid,
            "fields": list(rendered.fields),
            "tags": list(rendered.tags),
            "media": [[str(m.source), m.name] for m in rendered.media],
            "cloze_numbers": list(rendered.cloze_numbers),
        },
        # Keyed by lint config, so that runs with other --select/--ignore share the rendering.
        "findings": dict(sorted(findings.items())),
    }


def media_unchanged(source: Path, name: str, content_root: Path) -> bool:
    try:
        if source.resolve() != source or not source.is_relative_to(content_root.resolve()):
            return False
        data = source.read_bytes()
    except OSError:
        return False
    return name == f"ankigen-{hashlib.sha256(data).hexdigest()[:20]}{source.suffix.lower()}"


def _decode_note(data: Any, path: Path, text: str) -> Note:
    body_length = json_int(data["body_length"])
    if not 0 <= body_length <= len(text):
        raise ValueError("body out of range")
    meta = NoteFrontMatter.model_validate(data["meta"])
    id_line, id_column = data["id_position"]
    source_line, source_column = data["source_position"]
    return Note(
        path=path,
        meta=meta,
        body=text[len(text) - body_length :],
        body_line=json_int(data["body_line"]),
        id_position=Position((json_int(id_line), json_int(id_column))),
        source_position=Position((json_int(source_line), json_int(source_column))),
    )


def lint_decoder() -> Callable[[Any, Path], NoteLint]:
    """``decode_lint`` with the rule registry imported once, for decoding many notes."""
    from ankigen.lint.registry import PROJECT_RULES
    from ankigen.lint.runner import NoteLint

    def decode(stored: Any, path: Path) -> NoteLint:
        project = stored["project"]
        if not isinstance(project, dict) or not project.keys() <= PROJECT_RULES.keys():
            raise ValueError("unknown project rule")
        if not all(PROJECT_RULES[code].valid_input(data) for code, data in project.items()):
            raise ValueError("malformed project input")
        findings = tuple(diagnostic_from_json(path, item) for item in stored["findings"])
        return NoteLint(findings, project)

    return decode


def encoded_lint_checker() -> Callable[[Any, Path], bytes]:
    """``check_encoded(stored, path)``: a note's ``NoteLint.encoded`` kept as text (a deck
    record holds it so) checked the way ``decode_lint`` checks a stored lint, and its bytes as
    they were: a note of an unchanged deck goes to the lint stage without being decoded into
    objects and encoded again. ValueError or TypeError when anything in it is malformed."""
    decode = lint_decoder()

    def check_encoded(stored: Any, path: Path) -> bytes:
        text = json_str(stored)
        findings, project = json.loads(text)
        for item in findings:  # a finding's own path, when not the note's, comes tenth
            if (
                not isinstance(item, list)
                or len(item) > 10
                or (len(item) == 10 and not isinstance(item[9], str))
            ):
                raise ValueError("malformed finding")
        decode({"findings": [item[:9] for item in findings], "project": project}, path)
        return text.encode("utf-8", "surrogatepass")

    return check_encoded


def decode_lint(stored: Any, path: Path) -> NoteLint:
    """A note's stored findings and project inputs; ValueError when one is malformed."""
    return lint_decoder()(stored, path)


def decode_outcome(
    entry: dict[str, Any], path: Path, text: str, spec: DeckSpec, config_key: str
) -> tuple[NoteOutcome, bool] | None:
    """The outcome stored in ``entry`` and whether it holds findings for ``config_key`` (always
    true without a config); None when the entry is malformed or its media changed."""
    try:
        note = _decode_note(entry["note"], path, text)
        data = entry["rendered"]
        media = []
        for source, name in data["media"]:
            item = MediaFile(Path(json_str(source)), json_str(name))
            if not media_unchanged(item.source, item.name, spec.folder.parent):
                return None
            media.append(item)
        rendered = RenderedNote(
            note=note,
            deck_slug=spec.slug,
            guid=json_str(data["guid"]),
            note_type=BY_NOTE_TYPE[note.meta.type],
            fields=_strs(data["fields"]),
            tags=_strs(data["tags"]),
            media=tuple(media),
            cloze_numbers=tuple(json_int(number) for number in data["cloze_numbers"]),
        )
        diagnostics = tuple(diagnostic_from_json(path, item) for item in entry["diagnostics"])
        findings = None
        stored = entry["findings"].get(config_key) if config_key else None
        if stored is not None:
            findings = decode_lint(stored, path)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):  # incl. ValidationError
        return None
    complete = not config_key or findings is not None
    return NoteOutcome(note, rendered, diagnostics, findings), complete
