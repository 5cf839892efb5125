"""The codes of the structural checks (load, validate, render) with their names and meaning.

Lint rules (AG1xx) describe themselves in ``ankigen.lint.rules``; these checks are built into
loading and rendering and can never be switched off, because a deck built past them would be
broken in Anki.

Each check is a member of `CheckCode`, a ``StrEnum`` whose value is the code itself, so a
diagnostic's code stays a plain string everywhere it is printed, sorted or stored.
"""

from __future__ import annotations

from enum import StrEnum


class CheckCode(StrEnum):
    """A structural check: its code (the value), its kebab-case name and a one-line summary."""

    label: str
    summary: str

    def __new__(cls, code: str, label: str, summary: str) -> CheckCode:
        member = str.__new__(cls, code)
        member._value_ = code
        member.label = label
        member.summary = summary
        return member

    UNREADABLE_FILE = (
        "AG001",
        "unreadable-file",
        "a file or folder cannot be read (permissions, a broken or looping symlink), or its "
        "name or text is not valid UTF-8",
    )

    MISSING_DECK_YAML = (
        "AG002",
        "missing-deck-yaml",
        "a folder of notes has no deck.yaml",
    )

    MISSING_FRONT_MATTER = (
        "AG003",
        "missing-front-matter",
        "the note does not start with '---' front matter",
    )

    UNCLOSED_FRONT_MATTER = (
        "AG004",
        "unclosed-front-matter",
        "the front matter has no closing '---' line",
    )

    YAML_SYNTAX = (
        "AG005",
        "yaml-syntax",
        "the YAML cannot be parsed",
    )

    YAML_NOT_MAPPING = (
        "AG006",
        "yaml-not-mapping",
        "the YAML is not a mapping of keys to values",
    )

    DUPLICATE_YAML_KEY = (
        "AG007",
        "duplicate-yaml-key",
        "a YAML key appears twice",
    )

    YAML_ALIAS = (
        "AG008",
        "yaml-alias",
        "YAML anchors and aliases are not allowed",
    )

    YAML_TOO_LARGE = (
        "AG009",
        "yaml-too-large",
        "the YAML is nested too deeply or is too large",
    )

    UNKNOWN_KEY = (
        "AG010",
        "unknown-key",
        "a key that the format does not know (with a suggestion)",
    )

    MISSING_KEY = (
        "AG011",
        "missing-key",
        "a required key is missing",
    )

    INVALID_VALUE = (
        "AG012",
        "invalid-value",
        "a value of the wrong type or form",
    )

    INVALID_DECK_SLUG = (
        "AG013",
        "invalid-deck-slug",
        "the deck folder name is not a valid slug",
    )

    SKIPPED_FILE = (
        "AG014",
        "skipped-file",
        "a note the build would skip: '.MD' in capitals, a folder named '*.md', a note outside "
        "any deck folder",
    )

    DUPLICATE_ID = (
        "AG020",
        "duplicate-id",
        "two notes of a deck share an id",
    )

    UNKNOWN_SOURCE = (
        "AG021",
        "unknown-source",
        "a note cites a source that deck.yaml does not list",
    )

    DUPLICATE_DECK = (
        "AG023",
        "duplicate-deck",
        "two decks share a folder name or an Anki name (as Anki compares names: case, spaces "
        "around '::', Unicode normalisation)",
    )

    GUID_COLLISION = (
        "AG024",
        "guid-collision",
        "two notes would get the same Anki GUID",
    )

    MISSING_QUESTION = (
        "AG030",
        "missing-question",
        "a basic or code note has no '# question' heading",
    )

    TEXT_BEFORE_QUESTION = (
        "AG031",
        "text-before-question",
        "text stands before the question heading",
    )

    EMPTY_SIDE = (
        "AG032",
        "empty-side",
        "the question or the answer is empty",
    )

    CLOZE_MALFORMED = (
        "AG033",
        "cloze-malformed",
        "no cloze, an unclosed cloze, or a cloze number outside c1 to c500",
    )

    CODE_NOTE_WITHOUT_CODE = (
        "AG034",
        "code-note-without-code",
        "a code note has no fenced code block",
    )

    UNKNOWN_CODE_LANGUAGE = (
        "AG035",
        "unknown-code-language",
        "a code block's language is unknown (warning)",
    )

    CLOZE_OUTSIDE_TEXT = (
        "AG036",
        "cloze-outside-text",
        "a cloze in the title or the Extra field",
    )

    CLOZE_MARKER_LOST = (
        "AG037",
        "cloze-marker-lost",
        "a cloze marker inside a link URL or image path",
    )

    CLOZE_CROSSES_MATH = (
        "AG038",
        "cloze-crosses-math",
        "a cloze breaks math or code: it starts or ends inside it, takes TeX braces, glues "
        "a command to a letter, or leaves a card's side with math that does not pair",
    )

    BAD_IMAGE = (
        "AG040",
        "bad-image",
        "an image that is remote, missing or outside the content",
    )

    BAD_LINK = (
        "AG041",
        "bad-link",
        "a link with a scheme other than http, https or mailto",
    )

    UNSAFE_MATH = (
        "AG042",
        "unsafe-math",
        "a MathJax command outside the allow-list (links, styles, scripts, tooltips, CSS colours)",
    )

    RESERVED_CHARACTER = (
        "AG050",
        "reserved-character",
        "a private-use character ankigen reserves",
    )

    NUL_CHARACTER = (
        "AG051",
        "nul-character",
        "a NUL character in a note's text",
    )


# The checks by their code, for lookups by plain string (Python 3.11's Enum refuses
# ``"AG001" in CheckCode``).
_BY_CODE: dict[str, CheckCode] = {check.value: check for check in CheckCode}


def is_structural(code: str) -> bool:
    """Whether ``code`` is a structural check's (AG0xx) rather than a lint rule's."""
    return code in _BY_CODE


def check_label(code: str) -> str:
    """The kebab-case name of a structural code, or "" for any other code."""
    return _BY_CODE[code].label if code in _BY_CODE else ""
