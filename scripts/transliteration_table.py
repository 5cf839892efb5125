"""Regenerate ankigen/data/transliteration.yaml: the frozen table that turns letters of
non-Latin scripts into ASCII for note ids (``ankigen.tools.transliteration``).

    python scripts/transliteration_table.py            # rewrite the data file
    python scripts/transliteration_table.py --check    # exit 1 if the committed file is out of date

Ids are permanent (a changed id makes Anki see a new note), so the table is generated ONCE from
a pinned release of anyascii (ISC licence) and committed: an upgrade of any package can never
change an id. anyascii is installed with pip into a throwaway venv under
``${XDG_CACHE_HOME:-~/.cache}/ankigen/transliteration/<pin>``; this script runs itself there with
``--dump`` to read the mapping, so the project's own environment never imports anyascii.

The table holds the characters of the blocks in BLOCKS whose anyascii form is not empty, and the
Hangul jamo from which every Hangul syllable is composed (initial x medial x final: 11,172
syllables from 68 strings; the dump checks that the composition equals anyascii on all of them).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import generated_data  # next to this script: run as `python scripts/...`

PIN: tuple[str, str] = ("anyascii", "0.3.3")
# (name, first code point, last code point): the scripts whose ids were Latin words only.
BLOCKS: tuple[tuple[str, int, int], ...] = (
    ("Greek", 0x0370, 0x03FF),
    ("Cyrillic", 0x0400, 0x052F),
    ("Armenian", 0x0530, 0x058F),
    ("Hebrew", 0x0590, 0x05FF),
    ("Arabic", 0x0600, 0x06FF),
    ("Devanagari", 0x0900, 0x097F),
    ("Bengali", 0x0980, 0x09FF),
    ("Thai", 0x0E00, 0x0E7F),
    ("Georgian", 0x10A0, 0x10FF),
)
HANGUL_INITIALS = range(0x1100, 0x1113)  # 19 leading consonants
HANGUL_MEDIALS = range(0x1161, 0x1176)  # 21 vowels
HANGUL_FINALS = range(0x11A8, 0x11C3)  # 27 trailing consonants (index 0 of a syllable: none)
HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3

# anyascii's licence, which asks that it travel with every copy of its data.
LICENCE = """anyascii: ISC License

Copyright (c) 2020-2025, Hunter WB <hunterwb.com>

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted, provided that the above
copyright notice and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE."""

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "ankigen" / "data" / "transliteration.yaml"
COMMAND = "python scripts/transliteration_table.py"


def _dump_here(output: Path) -> None:
    """Runs inside the throwaway venv: anyascii's form of every character of the table."""
    from anyascii import anyascii  # type: ignore[import-not-found]  # only in the venv

    characters = {
        chr(point): anyascii(chr(point))
        for _, first, last in BLOCKS
        for point in range(first, last + 1)
    }
    hangul = {
        "initials": [anyascii(chr(point)) for point in HANGUL_INITIALS],
        "medials": [anyascii(chr(point)) for point in HANGUL_MEDIALS],
        "finals": ["", *(anyascii(chr(point)) for point in HANGUL_FINALS)],
    }
    mismatches = [
        chr(point)
        for point in range(HANGUL_FIRST, HANGUL_LAST + 1)
        if compose(point, hangul).lower() != anyascii(chr(point)).lower()
    ]
    dump = {"characters": characters, "hangul": hangul, "hangul_mismatches": mismatches}
    output.write_text(json.dumps(dump, ensure_ascii=False), encoding="utf-8")


def compose(point: int, hangul: dict[str, list[str]]) -> str:
    """A Hangul syllable from its jamo (the Unicode composition, section 3.12)."""
    index = point - HANGUL_FIRST
    initial, rest = divmod(index, 21 * 28)
    medial, final = divmod(rest, 28)
    return hangul["initials"][initial] + hangul["medials"][medial] + hangul["finals"][final]


def _yaml_key(character: str) -> str:
    """A letter as itself; a mark, a format or control character as an escape (visible)."""
    if unicodedata.category(character)[0] in "MCZ":
        return f'"\\u{ord(character):04X}"'
    return json.dumps(character, ensure_ascii=False)


def render(dump: dict[str, object]) -> str:
    characters = dump["characters"]
    hangul = dump["hangul"]
    assert isinstance(characters, dict) and isinstance(hangul, dict)
    if dump["hangul_mismatches"]:
        raise SystemExit(f"Hangul composition differs from anyascii: {dump['hangul_mismatches']}")
    lines = [
        f"# Frozen transliteration for note ids. Generated by `{COMMAND}` from",
        f"# {PIN[0]} {PIN[1]}; do not edit. Ids are permanent: this file changes only when the",
        "# script is rerun on purpose, and every id it would change must be accounted for.",
        "#",
        *(f"# {line}".rstrip() for line in LICENCE.splitlines()),
        "characters:",
    ]
    for name, first, last in BLOCKS:
        lines.append(f"  # {name} U+{first:04X}-U+{last:04X}")
        for point in range(first, last + 1):
            ascii_form = characters[chr(point)]
            if ascii_form:
                lines.append(f"  {_yaml_key(chr(point))}: {json.dumps(ascii_form)}")
    lines.append(
        "# Hangul syllables are composed: initial + medial + final (the first final is none)."
    )
    lines.append("hangul:")
    for part in ("initials", "medials", "finals"):
        lines.append(f"  {part}: [{', '.join(json.dumps(form) for form in hangul[part])}]")
    return "\n".join(lines) + "\n"


def generate() -> str:
    python = generated_data.venv_python(
        generated_data.cache_folder("transliteration", f"{PIN[0]}-{PIN[1]}"),
        [f"{PIN[0]}=={PIN[1]}"],
    )
    with tempfile.TemporaryDirectory() as temporary:
        dump = Path(temporary) / "dump.json"
        command = [str(python), str(Path(__file__).resolve()), "--dump", str(dump)]
        subprocess.run(command, cwd=temporary, check=True)
        return render(json.loads(dump.read_text(encoding="utf-8")))


def main(argv: Sequence[str] | None = None) -> int:
    description = __doc__.split("\n\n")[0]
    return generated_data.main_for_venv_dump(
        argv, description, DEFAULT_OUTPUT, COMMAND, generate, _dump_here
    )


if __name__ == "__main__":
    sys.exit(main())
