"""The curated dossier: topics, timeline events, sources and their links.

Rows loaded from `seeds/` carry `origin="seed"` and the hash of the seed entry
they came from; a maintainer's edit sets `edited_by`, and from then on
`briefbot seed` leaves the row alone.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, BigInteger, Column, Index, Text, extract, literal
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime, utcnow


class Curated(SQLModel):
    """Provenance and bookkeeping shared by every curated row."""

    origin: str = Field(default="seed", max_length=16)  # seed | maintainer
    seed_hash: str | None = Field(default=None, max_length=64)
    edited_by: int | None = Field(default=None, sa_type=BigInteger)
    hidden: bool = Field(default=False)
    version: int = Field(default=1)  # optimistic locking for concurrent edits
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Source(Curated, table=True):
    __tablename__ = "sources"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=80, unique=True, index=True)
    outlet: str = Field(max_length=200)
    title: str = Field(max_length=500)  # as published, in `language`
    # The title readers of each language see; NULL (e.g. a maintainer's source) means the original.
    title_ru: str | None = Field(default=None, max_length=500)
    title_en: str | None = Field(default=None, max_length=500)
    published: dt.date | None = None
    url: str | None = Field(default=None, max_length=2000)
    author: str | None = Field(default=None, max_length=200)
    language: str = Field(default="ru", max_length=2)
    note: str | None = Field(default=None, max_length=500)


class Topic(Curated, table=True):
    __tablename__ = "topics"
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=32, unique=True, index=True)
    position: int = Field(default=0)
    name_ru: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    tagline_ru: str = Field(max_length=500)
    tagline_en: str = Field(max_length=500)
    card_ru: str = Field(sa_column=Column(Text, nullable=False))
    card_en: str = Field(sa_column=Column(Text, nullable=False))
    as_of: dt.date | None = None  # the card says where things stand as of this date
    key_events: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    keywords: dict[str, list[str]] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class Event(Curated, table=True):
    __tablename__ = "events"
    # Readers only see visible events, newest first: the timeline counts and pages along this index.
    __table_args__ = (Index("ix_events_hidden_date", "hidden", "date"),)
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=80, unique=True, index=True)
    date: dt.date = Field(index=True)  # first day of the period for month/year precision
    precision: str = Field(default="day", max_length=5)  # day | month | year
    title_ru: str = Field(max_length=200)
    title_en: str = Field(max_length=200)
    summary_ru: str = Field(sa_column=Column(Text, nullable=False))
    summary_en: str = Field(sa_column=Column(Text, nullable=False))
    # A maintainer wrote one language only: the other holds a copy awaiting translation.
    needs_translation: str | None = Field(default=None, max_length=2)


# Anniversaries look events up by calendar day, month * 100 + day (304 for 4 March), through an
# index on that expression: nothing to keep in step when a date is written. Queries must spell it
# exactly so (the factor inline, not a parameter) for either database to use the index; `hidden`
# and `date` (earlier years only) in the index make it SQLite's choice without table statistics.
_date = Event.__table__.c.date
EVENT_MONTH_DAY = extract("month", _date) * literal(100, literal_execute=True) + extract("day", _date)
Index("ix_events_month_day", EVENT_MONTH_DAY, Event.__table__.c.hidden, _date)


class EventTopic(SQLModel, table=True):
    __tablename__ = "event_topics"
    event_id: int = Field(foreign_key="events.id", primary_key=True, ondelete="CASCADE")
    topic_id: int = Field(foreign_key="topics.id", primary_key=True, ondelete="CASCADE", index=True)


class EventSource(SQLModel, table=True):
    __tablename__ = "event_sources"
    event_id: int = Field(foreign_key="events.id", primary_key=True, ondelete="CASCADE")
    source_id: int = Field(foreign_key="sources.id", primary_key=True, ondelete="CASCADE", index=True)
    position: int = Field(default=0)


class TopicSource(SQLModel, table=True):
    __tablename__ = "topic_sources"
    topic_id: int = Field(foreign_key="topics.id", primary_key=True, ondelete="CASCADE")
    source_id: int = Field(foreign_key="sources.id", primary_key=True, ondelete="CASCADE", index=True)
    position: int = Field(default=0)
