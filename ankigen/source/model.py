"""Pydantic models of the front matter and of deck.yaml: the edge where user data enters."""

from __future__ import annotations

import datetime
import re
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    field_validator,
    model_validator,
)

NOTE_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
SOURCE_KEY_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
# A BCP 47 language tag: a primary language subtag, then optional subtags ("en", "pt-BR").
LANGUAGE_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
TAG_PATTERN = r'^[^\s"]+$'

Tag = Annotated[
    StrictStr,
    Field(
        pattern=TAG_PATTERN,
        min_length=1,
        max_length=100,
        description="An Anki tag: no spaces or quotes; '::' makes a hierarchy.",
    ),
]


class NoteType(StrEnum):
    BASIC = "basic"
    CLOZE = "cloze"
    CODE = "code"


class SourceRef(BaseModel):
    """Which question of which source document a note comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    doc: StrictStr = Field(description="A key of the deck's 'sources' in deck.yaml.")
    question: StrictInt = Field(ge=1, description="The question's number in that document.")
    see: tuple[Annotated[str, Field(pattern=r"^https?://\S+$")], ...] = Field(
        default=(),
        description="Pages the answer names as its own sources in that document (its "
        "'Source:' line), shown after the citation.",
    )


class NoteFrontMatter(BaseModel):
    """The YAML front matter of one note file."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="ankigen note front matter")

    id: StrictStr = Field(
        pattern=NOTE_ID_PATTERN,
        max_length=64,
        description="The note's permanent identity within its deck: lowercase letters, digits "
        "and '-'. Never change it once published.",
    )
    type: NoteType = Field(default=NoteType.BASIC, description="basic, cloze or code.")
    tags: tuple[Tag, ...] = Field(default=(), description="Anki tags for this note.")
    source: SourceRef | None = Field(default=None, description="Where the note's facts come from.")
    guid: StrictStr | None = Field(
        default=None,
        pattern=r"^[!-~]{1,64}$",
        description="Only for notes imported from an existing Anki deck: keep the note's Anki "
        "GUID, so that building updates the learner's existing note. Normally omitted: the "
        "GUID then comes from the deck and the id.",
    )
    lint_ignore: tuple[Annotated[str, Field(pattern=r"^AG\d{3}$")], ...] = Field(
        default=(),
        alias="lint-ignore",
        description="Lint rule codes not reported for this file (e.g. [AG150]).",
    )


class Source(BaseModel):
    """A document that a deck's notes cite."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: StrictStr = Field(min_length=1)
    author: StrictStr | None = None
    publisher: StrictStr | None = None
    url: StrictStr | None = Field(default=None, pattern=r"^https?://\S+$")
    date: datetime.date | None = Field(default=None, description="Publication date, YYYY-MM-DD.")

    @model_validator(mode="after")
    def _needs_publisher_or_url(self) -> Source:
        if not self.publisher and not self.url:
            raise ValueError("a source needs a 'publisher' or a 'url' so learners can find it")
        return self


class DeckConfig(BaseModel):
    """The deck.yaml of one deck folder."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="ankigen deck.yaml")

    name: StrictStr = Field(
        min_length=1, description="The Anki deck name; '::' separates parent and subdeck."
    )
    description: StrictStr = Field(default="", description="Shown in Anki's deck overview.")
    tags: tuple[Tag, ...] = Field(default=(), description="Tags added to every note of the deck.")
    language: StrictStr = Field(
        default="en",
        json_schema_extra={"pattern": LANGUAGE_PATTERN},  # checked by _language_tag
        description="The language the notes are written in, as a BCP 47 tag ('en', 'de', "
        "'pt-BR'). The English spelling check (AG111) skips a deck in another language.",
    )
    sources: dict[Annotated[str, Field(pattern=SOURCE_KEY_PATTERN)], Source] = Field(
        default_factory=dict, description="The documents the notes cite, by a short key."
    )

    @field_validator("name")
    @classmethod
    def _name_parts_not_empty(cls, name: str) -> str:
        if any(not part.strip() for part in name.split("::")):
            raise ValueError("every part of a deck name between '::' must be non-empty")
        if re.search(r'["\n]', name):
            raise ValueError("a deck name must not contain quotes or line breaks")
        return name

    @field_validator("language")
    @classmethod
    def _language_tag(cls, language: str) -> str:
        if not re.match(LANGUAGE_PATTERN, language):
            raise ValueError(
                "write a BCP 47 language tag such as 'en', 'de' or 'pt-BR' "
                "(the lower-case language code first)"
            )
        return language

    @property
    def english(self) -> bool:
        """Whether the notes are in English, which the bundled word lists cover."""
        return self.language.split("-")[0] == "en"
