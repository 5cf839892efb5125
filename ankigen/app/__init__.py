"""The application layer: what each command does, as functions returning typed outcomes.

``ankigen.cli`` parses arguments, calls one of these and prints the outcome; nothing here
prints or knows about click. Heavy modules (pydantic, the renderer, the rules, genanki) are
imported inside the functions that use them, so an up-to-date build stays light.
"""
