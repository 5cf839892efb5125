"""The baseline: write already-rendered notes with plain genanki, nothing else.

    python benchmarks/raw_genanki.py dump CONTENT_DIR NOTES_JSON   # untimed, uses ankigen
    python benchmarks/raw_genanki.py write NOTES_JSON OUT_DIR      # timed: JSON -> genanki

``dump`` renders every note once with ankigen's library
(``ankigen.pipeline.check.check``) and stores the HTML fields, tags, GUIDs, note types and deck
names as JSON. ``write`` imports only ``json`` and ``genanki`` and writes one ``.apkg`` per deck
with ``Package.write_to_file``:
the least any genanki-based tool has to do for the same output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def dump(content: Path, target: Path) -> int:
    from ankigen.pipeline.check import check
    from ankigen.render.note import render_description
    from ankigen.source.identity import deck_id

    result = check([content])
    if not result.ok:
        print("raw_genanki.py: the content has errors", file=sys.stderr)
        return 1
    note_types: dict[int, dict[str, Any]] = {}
    decks = []
    for checked in result.decks:
        notes = []
        for rendered in checked.notes:
            spec = rendered.note_type
            note_types[spec.id] = {
                "id": spec.id,
                "name": spec.name,
                "fields": list(spec.fields),
                "templates": [
                    {"name": t.name, "qfmt": t.front, "afmt": t.back} for t in spec.templates
                ],
                "css": spec.css,
                "model_type": spec.kind.value,
            }
            notes.append(
                {
                    "note_type": spec.id,
                    "fields": list(rendered.fields),
                    "tags": list(rendered.tags),
                    "guid": rendered.guid,
                }
            )
        config = checked.deck.spec.config
        decks.append(
            {
                "slug": checked.deck.slug,
                "id": deck_id(checked.deck.slug),
                "name": config.name,
                "description": render_description(config.description),
                "notes": notes,
            }
        )
    data = {"note_types": list(note_types.values()), "decks": decks}
    target.write_text(json.dumps(data), encoding="utf-8")
    return 0


def write(source: Path, out_dir: Path) -> int:
    import genanki

    data = json.loads(source.read_text(encoding="utf-8"))
    models = {
        spec["id"]: genanki.Model(
            model_id=spec["id"],
            name=spec["name"],
            fields=[{"name": name} for name in spec["fields"]],
            templates=spec["templates"],
            css=spec["css"],
            model_type=spec["model_type"],
        )
        for spec in data["note_types"]
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    for item in data["decks"]:
        deck = genanki.Deck(deck_id=item["id"], name=item["name"], description=item["description"])
        for note in item["notes"]:
            deck.add_note(
                genanki.Note(
                    model=models[note["note_type"]],
                    fields=note["fields"],
                    tags=note["tags"],
                    guid=note["guid"],
                )
            )
        genanki.Package(deck).write_to_file(str(out_dir / f"{item['slug']}.apkg"))
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in {"dump", "write"}:
        print(__doc__, file=sys.stderr)
        return 2
    command, first, second = argv
    if command == "dump":
        return dump(Path(first), Path(second))
    return write(Path(first), Path(second))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
