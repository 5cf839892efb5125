"""Arithmetic for the lint rules: an exact expression evaluator (never ``eval``)."""
