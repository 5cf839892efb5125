"""Package: rendered notes into .apkg files (mod times, the write gate, updates)."""
