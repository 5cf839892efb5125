"""Preview warnings for SVG images that would vanish on Anki's dark card background.

Not a lint rule on purpose: a rule's findings are cached per note file (keyed on its bytes),
and this check reads the image files, which the key does not cover. The preview reads every
image on every run, so it is always current.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ankigen.diagnostics import Diagnostic, Severity
from ankigen.pipeline.check import CheckedDeck
from ankigen.render.media import MediaFile, resolve_image
from ankigen.render.note import RenderedNote
from ankigen.render.svg_contrast import FIX, MIN_CONTRAST, SvgRefused, inspect_svg
from ankigen.source.files import read_text

CODE = "night-mode"
# ![alt](src "title") and ![alt](<src with spaces>): the forms render/note.py resolves.
_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>\n]*>|[^\s)]+)")


@dataclass(frozen=True)
class NightRisk:
    """One SVG of one note that will not read well in night mode."""

    media: MediaFile
    diagnostic: Diagnostic


def night_risks(checked: CheckedDeck, note: RenderedNote) -> list[NightRisk]:
    """The note's SVG images that vanish on the night card, or that cannot be checked."""
    risks = []
    for media in note.media:
        if media.source.suffix.lower() != ".svg":
            continue
        line, column, shown = _reference(note, media, checked.deck.spec.folder.parent)
        message = _problem(media, shown)
        if message is not None:
            diagnostic = Diagnostic(
                note.note.path, line, column, CODE, message, severity=Severity.WARNING
            )
            risks.append(NightRisk(media, diagnostic))
    return risks


def _problem(media: MediaFile, shown: str) -> str | None:
    try:
        verdict = inspect_svg(media.source.read_bytes())
    except SvgRefused as error:
        return f"image {shown} was not checked for night mode: {error}"
    except OSError as error:
        return f"image {shown} cannot be read: {error.strerror}"
    if not verdict.vanishes_at_night:
        return None
    if verdict.dark == verdict.drawn:
        what = f"image {shown} vanishes in night mode: everything it draws is"
    else:
        verb = "is" if verdict.dark == 1 else "are"
        what = (
            f"parts of image {shown} vanish in night mode: {verdict.dark} of its "
            f"{verdict.drawn} drawn shapes {verb}"
        )
    return (
        f"{what} black or near-black (contrast below {MIN_CONTRAST:g}:1 on the dark card) "
        f"and it has no opaque background; fix: {FIX}"
    )


def _reference(note: RenderedNote, media: MediaFile, content_root: Path) -> tuple[int, int, str]:
    """Line, column and path as written of the first image reference to ``media``."""
    text, _ = read_text(note.note.path)
    for number, line in enumerate((text or "").split("\n"), start=1):
        for found in _IMAGE.finditer(line):
            src = found.group(1).removeprefix("<").removesuffix(">")
            resolved = resolve_image(src, note.note.path.parent, content_root)
            if isinstance(resolved, MediaFile) and resolved.name == media.name:
                return number, found.start() + 1, src
    return note.note.body_line, 1, media.source.name  # a reference-style image
