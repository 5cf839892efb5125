"""Images referenced by notes: resolved safely inside the content folder, named by content."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

IMAGE_SUFFIXES = frozenset({".gif", ".jpeg", ".jpg", ".png", ".svg", ".webp"})
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Longer paths than any real image needs; the file system would refuse most of them anyway.
MAX_IMAGE_PATH = 1024


@dataclass(frozen=True)
class MediaFile:
    source: Path  # the resolved file inside the content folder
    name: str  # its name in the package and in the learner's collection


def resolve_image(src: str, note_folder: Path, content_root: Path) -> MediaFile | str:
    """The media file for an image reference, or the reason it is refused."""
    if _SCHEME.match(src) or src.startswith("//"):
        return "remote or non-file image URL: images must be files inside the deck folder"
    relative = unquote(src.split("#", 1)[0].split("?", 1)[0])
    if "\0" in relative:
        return "image path contains a NUL character: remove it (or the '%00' that encodes it)"
    if len(relative) > MAX_IMAGE_PATH:
        return (
            f"image path is too long ({len(relative)} characters, at most {MAX_IMAGE_PATH}): "
            "use a shorter file name"
        )
    if not relative or relative.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", relative):
        return "absolute image path: use a path relative to the note file"
    try:
        # Symlinks are followed before the containment check, so none can lead outside.
        resolved = (note_folder / relative).resolve()
    except (OSError, RuntimeError, ValueError):
        return f"image path cannot be resolved: {relative}"
    if not resolved.is_relative_to(content_root.resolve()):
        return "image path leads outside the content folder (through '..' or a symlink)"
    try:
        if not resolved.is_file():
            return f"image file not found: {relative}"
        if resolved.suffix.lower() not in IMAGE_SUFFIXES:
            allowed = ", ".join(sorted(IMAGE_SUFFIXES))
            return f"unsupported image type '{resolved.suffix}': use one of {allowed}"
        digest = hashlib.sha256(resolved.read_bytes()).hexdigest()[:20]
    except OSError as error:  # unreadable, a name too long for the file system, a loop
        return f"image file cannot be read ({error.strerror}): {relative}"
    # Named by content: two different files called diagram.png never collide in a collection.
    return MediaFile(resolved, f"ankigen-{digest}{resolved.suffix.lower()}")
