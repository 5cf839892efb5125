"""The codes of the structural checks (load, validate, render) with their names and meaning.

Lint rules (AG1xx) describe themselves in ``ankigen.lint.rules``; these checks are built into
loading and rendering and can never be switched off, because a deck built past them would be
broken in Anki.
"""

from __future__ import annotations

from typing import NamedTuple


class CheckCode(NamedTuple):
    name: str
    summary: str


CHECK_CODES: dict[str, CheckCode] = {
    "AG001": CheckCode(
        "unreadable-file",
        "a file or folder cannot be read (permissions, a broken or looping symlink), or its "
        "name or text is not valid UTF-8",
    ),
    "AG002": CheckCode("missing-deck-yaml", "a folder of notes has no deck.yaml"),
    "AG003": CheckCode("missing-front-matter", "the note does not start with '---' front matter"),
    "AG004": CheckCode("unclosed-front-matter", "the front matter has no closing '---' line"),
    "AG005": CheckCode("yaml-syntax", "the YAML cannot be parsed"),
    "AG006": CheckCode("yaml-not-mapping", "the YAML is not a mapping of keys to values"),
    "AG007": CheckCode("duplicate-yaml-key", "a YAML key appears twice"),
    "AG008": CheckCode("yaml-alias", "YAML anchors and aliases are not allowed"),
    "AG009": CheckCode("yaml-too-large", "the YAML is nested too deeply or is too large"),
    "AG010": CheckCode("unknown-key", "a key that the format does not know (with a suggestion)"),
    "AG011": CheckCode("missing-key", "a required key is missing"),
    "AG012": CheckCode("invalid-value", "a value of the wrong type or form"),
    "AG013": CheckCode("invalid-deck-slug", "the deck folder name is not a valid slug"),
    "AG014": CheckCode(
        "skipped-file",
        "a note the build would skip: '.MD' in capitals, a folder named '*.md', a note outside "
        "any deck folder",
    ),
    "AG020": CheckCode("duplicate-id", "two notes of a deck share an id"),
    "AG021": CheckCode("unknown-source", "a note cites a source that deck.yaml does not list"),
    "AG023": CheckCode(
        "duplicate-deck",
        "two decks share a folder name or an Anki name (as Anki compares names: case, spaces "
        "around '::', Unicode normalisation)",
    ),
    "AG024": CheckCode("guid-collision", "two notes would get the same Anki GUID"),
    "AG030": CheckCode("missing-question", "a basic or code note has no '# question' heading"),
    "AG031": CheckCode("text-before-question", "text stands before the question heading"),
    "AG032": CheckCode("empty-side", "the question or the answer is empty"),
    "AG033": CheckCode(
        "cloze-malformed", "no cloze, an unclosed cloze, or a cloze number outside c1 to c500"
    ),
    "AG034": CheckCode("code-note-without-code", "a code note has no fenced code block"),
    "AG035": CheckCode("unknown-code-language", "a code block's language is unknown (warning)"),
    "AG036": CheckCode("cloze-outside-text", "a cloze in the title or the Extra field"),
    "AG037": CheckCode("cloze-marker-lost", "a cloze marker inside a link URL or image path"),
    "AG038": CheckCode(
        "cloze-crosses-math",
        "a cloze breaks math or code: it starts or ends inside it, takes TeX braces or glues "
        "a command to a letter",
    ),
    "AG040": CheckCode("bad-image", "an image that is remote, missing or outside the content"),
    "AG041": CheckCode("bad-link", "a link with a scheme other than http, https or mailto"),
    "AG042": CheckCode(
        "unsafe-math",
        "a MathJax command outside the allow-list (links, styles, scripts, tooltips, CSS colours)",
    ),
    "AG050": CheckCode("reserved-character", "a private-use character ankigen reserves"),
    "AG051": CheckCode("nul-character", "a NUL character in a note's text"),
}
