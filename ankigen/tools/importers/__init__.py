"""Importers: existing content (articles, Anki packages) -> ankigen notes."""
