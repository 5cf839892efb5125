"""Source: find, read and validate the note files (text, front matter, decks, ids)."""
