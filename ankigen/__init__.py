"""ankigen: compile a folder of Markdown flashcards into Anki decks that update safely."""

from __future__ import annotations

__version__ = "0.1.0"
