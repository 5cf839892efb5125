"""Pipeline: the check (load, render, lint each note), its cache records, and the build."""
