"""Schema of the curated dossier in `seeds/`, validated on load.

The dossier is data: a new dossier is a new `seeds/` folder, not new code.
Layout:
  seeds/dossier.toml     title and the relevance rules for ingested articles
  seeds/sources.toml     [[source]] tables, referenced by key
  seeds/topics/*.toml    one topic card per file
  seeds/timeline/*.toml  [[event]] tables, any number of files
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

SLUG_RE = r"^[a-z0-9][a-z0-9-]{0,79}$"
TOPIC_SLUG_RE = r"^[a-z][a-z0-9]{1,31}$"  # also a bot command name: /charter
LANGS = ("ru", "en")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """The same text in every supported language."""

    ru: str = Field(min_length=1)
    en: str = Field(min_length=1)

    @field_validator("ru", "en")
    @classmethod
    def _stripped(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("must not be blank")
        return value

    def get(self, lang: str) -> str:
        return getattr(self, lang)


class PartialDate(Strict):
    """A date known to the day, the month or only the year."""

    value: dt.date
    precision: Literal["day", "month", "year"]

    @classmethod
    def parse(cls, raw: str | dt.date) -> "PartialDate":
        if isinstance(raw, dt.date):
            return cls(value=raw, precision="day")
        text = str(raw).strip()
        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
        if not m:
            raise ValueError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
        precision = "day" if m[3] else "month" if m[2] else "year"
        return cls(value=dt.date(year, month, day), precision=precision)


class SourceSeed(Strict):
    """A cited source. `title` is the original, in `language`; `title_ru`/`title_en` translate it
    for readers of the other languages (required for each reader language the original is not in)."""

    key: str = Field(pattern=SLUG_RE)
    outlet: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=500)
    title_ru: str | None = Field(default=None, min_length=1, max_length=500)
    title_en: str | None = Field(default=None, min_length=1, max_length=500)
    published: dt.date | None = None
    url: HttpUrl | None = None
    author: str | None = Field(default=None, max_length=200)
    language: Literal["ru", "en", "az"] = "ru"
    note: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _titled_for_every_reader(self) -> "SourceSeed":
        missing = [f"title_{lang}" for lang in LANGS if lang != self.language and getattr(self, f"title_{lang}") is None]
        if missing:
            raise ValueError(f"source {self.key}: the title is in {self.language!r}, add {', '.join(missing)}")
        return self

    def title_in(self, lang: str) -> str:
        """The title a reader of `lang` sees: the translation, or the original when it is in `lang`."""
        return getattr(self, f"title_{lang}") or self.title


class KeywordRules(Strict):
    """Terms that tag an article with a topic; matched on word stems.

    A term of several words matches when all its words occur in sequence.
    """

    ru: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)
    az: list[str] = Field(default_factory=list)

    def all_terms(self) -> list[str]:
        return [*self.ru, *self.en, *self.az]


class TopicSeed(Strict):
    slug: str = Field(pattern=TOPIC_SLUG_RE)
    position: int = 0
    name: Text
    tagline: Text  # one line, for /topics and menus
    card: Text  # what it is, where it stands now; plain text, paragraphs split by blank lines
    as_of: dt.date  # the date the card's "where it stands" describes (shown as "As of ...")
    key_events: list[str] = Field(default_factory=list)  # event slugs
    sources: list[str] = Field(min_length=1)  # source keys
    keywords: KeywordRules

    @model_validator(mode="after")
    def _has_keywords(self) -> "TopicSeed":
        if not self.keywords.all_terms():
            raise ValueError(f"topic {self.slug}: keywords must not be empty")
        return self


class EventSeed(Strict):
    slug: str = Field(pattern=SLUG_RE)
    date: PartialDate
    title: Text
    summary: Text
    topics: list[str] = Field(default_factory=list)
    sources: list[str] = Field(min_length=1)

    @field_validator("date", mode="before")
    @classmethod
    def _parse_date(cls, raw: object) -> object:
        if isinstance(raw, (str, dt.date)):
            return PartialDate.parse(raw)
        return raw

    @field_validator("title", "summary")
    @classmethod
    def _bounded(cls, value: Text, info) -> Text:
        limit = {"title": 200, "summary": 2000}[info.field_name]
        for lang in LANGS:
            if len(value.get(lang)) > limit:
                raise ValueError(f"{info.field_name} ({lang}) is longer than {limit} characters")
        return value


class RelevanceRules(Strict):
    """An article belongs to the dossier when it matches a term of every group."""

    all_of: list[list[str]] = Field(min_length=1)


class DossierMeta(Strict):
    slug: str = Field(pattern=SLUG_RE)
    title: Text
    description: Text
    relevance: RelevanceRules


class Dossier(Strict):
    meta: DossierMeta
    sources: list[SourceSeed]
    topics: list[TopicSeed]
    events: list[EventSeed]

    @model_validator(mode="after")
    def _references_resolve(self) -> "Dossier":
        problems: list[str] = []
        source_keys = _unique("source", [s.key for s in self.sources], problems)
        topic_slugs = _unique("topic", [t.slug for t in self.topics], problems)
        event_slugs = _unique("event", [e.slug for e in self.events], problems)
        for event in self.events:
            problems += [f"event {event.slug}: unknown topic {t!r}" for t in event.topics if t not in topic_slugs]
            problems += [f"event {event.slug}: unknown source {s!r}" for s in event.sources if s not in source_keys]
        for topic in self.topics:
            problems += [f"topic {topic.slug}: unknown source {s!r}" for s in topic.sources if s not in source_keys]
            problems += [f"topic {topic.slug}: unknown event {e!r}" for e in topic.key_events if e not in event_slugs]
        if problems:
            raise ValueError("; ".join(problems))
        return self


def _unique(kind: str, keys: list[str], problems: list[str]) -> set[str]:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            problems.append(f"duplicate {kind} {key!r}")
        seen.add(key)
    return seen
