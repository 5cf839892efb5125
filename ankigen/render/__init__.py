"""Render: a note's Markdown to the HTML of its Anki fields, and the note types
that show them.
"""
