"""The note types ankigen writes: a public contract with every learner's collection.

Anki matches a note type by its id. The ids, field names, field order and template names
below must never change: doing so makes every existing note "conflicting" on import and forks
a copy of the note type. A different field list needs a new note type with a new id.
Styling and template markup may change; then bump ``revised`` so Anki takes the new version.
``tests/test_notetypes_frozen.py`` holds a snapshot of all of this.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ankigen.render.highlight import stylesheet
from ankigen.source.model import NoteType


class Kind(int, Enum):
    STANDARD = 0
    CLOZE = 1


@dataclass(frozen=True)
class Template:
    name: str
    front: str
    back: str


@dataclass(frozen=True)
class NoteTypeSpec:
    id: int
    name: str
    kind: Kind
    fields: tuple[str, ...]
    templates: tuple[Template, ...]
    revised: int  # Unix time of the last change to templates or CSS; Anki updates when newer

    @property
    def css(self) -> str:
        return CSS


_SOURCE = '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}'


def _question_answer(css_class: str) -> Template:
    question = f'<div class="ankigen {css_class}"><div class="question">{{{{Front}}}}</div>'
    answer = '<hr id="answer"><div class="answer">{{Back}}</div>'
    return Template("Card 1", question + "</div>", question + answer + _SOURCE + "</div>")


_CLOZE_TITLE = '{{#Title}}<div class="title">{{Title}}</div>{{/Title}}'
_CLOZE_FRONT = (
    f'<div class="ankigen cloze-note">{_CLOZE_TITLE}'
    '<div class="text">{{cloze:Text}}</div></div>'
)
_CLOZE_BACK = (
    f'<div class="ankigen cloze-note">{_CLOZE_TITLE}'
    '<div class="text">{{cloze:Text}}</div>'
    '{{#Extra}}<hr id="answer"><div class="extra">{{Extra}}</div>{{/Extra}}'
    f"{_SOURCE}</div>"
)

CSS = """\
.card {
  font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 20px;
  line-height: 1.45;
  text-align: left;
  color: #1d1d1f;
  background-color: #ffffff;
}
.ankigen { max-width: 46em; margin: 0 auto; padding: 0 0.5em; }
.ankigen .question { font-weight: 600; }
.ankigen .title { font-size: 0.8em; color: #6e6e73; margin-bottom: 0.6em; }
.ankigen .source { margin-top: 1.2em; font-size: 0.7em; color: #6e6e73; }
.ankigen .source a { color: inherit; }
.ankigen code { font-family: "JetBrains Mono", Menlo, Consolas, monospace; font-size: 0.85em; }
.ankigen :not(pre) > code { background: #f2f2f5; border-radius: 4px; padding: 0.05em 0.3em; }
.ankigen pre.ankigen-code {
  font-size: 0.8em; line-height: 1.4; padding: 0.7em 0.9em; border-radius: 6px;
  overflow-x: auto; white-space: pre;
}
.ankigen pre.ankigen-code code { background: none; padding: 0; font-size: 1em; }
.ankigen table { border-collapse: collapse; margin: 0.5em 0; }
.ankigen th, .ankigen td { border: 1px solid #d2d2d7; padding: 0.2em 0.6em; }
.ankigen img { max-width: 100%; height: auto; }
.cloze { font-weight: 700; color: #0a58ca; }
.cloze-inactive { color: inherit; }
.nightMode .card, .night_mode .card, .card.nightMode, .card.night_mode {
  color: #e8e8ed; background-color: #1e1e1e;
}
.nightMode .ankigen .title, .nightMode .ankigen .source,
.night_mode .ankigen .title, .night_mode .ankigen .source { color: #a1a1a6; }
.nightMode .ankigen :not(pre) > code, .night_mode .ankigen :not(pre) > code { background: #2c2c2e; }
.nightMode .ankigen th, .nightMode .ankigen td,
.night_mode .ankigen th, .night_mode .ankigen td { border-color: #48484a; }
.nightMode .cloze, .night_mode .cloze { color: #6cb6ff; }
""" + stylesheet()

BASIC = NoteTypeSpec(
    id=1607392319,
    name="ankigen Basic v1",
    kind=Kind.STANDARD,
    fields=("Front", "Back", "Source"),
    templates=(_question_answer("basic-note"),),
    revised=1795392000,
)

CODE = NoteTypeSpec(
    id=1607392320,
    name="ankigen Code v1",
    kind=Kind.STANDARD,
    fields=("Front", "Back", "Source"),
    templates=(_question_answer("code-note"),),
    revised=1795392000,
)

CLOZE = NoteTypeSpec(
    id=1607392321,
    name="ankigen Cloze v1",
    kind=Kind.CLOZE,
    fields=("Text", "Extra", "Title", "Source"),
    templates=(Template("Cloze", _CLOZE_FRONT, _CLOZE_BACK),),
    revised=1795392000,
)

ALL_NOTE_TYPES: tuple[NoteTypeSpec, ...] = (BASIC, CODE, CLOZE)
BY_NOTE_TYPE: dict[NoteType, NoteTypeSpec] = {
    NoteType.BASIC: BASIC,
    NoteType.CODE: CODE,
    NoteType.CLOZE: CLOZE,
}
