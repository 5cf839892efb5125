"""Rule families, one module each; ``registry.py`` lists them explicitly."""
