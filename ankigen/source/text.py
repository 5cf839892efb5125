"""A note file's bytes as text: the one decoding every reader of a note uses (kept apart from
``source.files`` so that the up-to-date check can use it without importing YAML)."""

from __future__ import annotations


def decoded_text(raw: bytes) -> str | None:
    """UTF-8, a leading BOM dropped, line endings normalised; None when not UTF-8."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
