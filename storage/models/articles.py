"""Ingested articles, their topics, the places they arrived from, and feeds."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Column, Index, LargeBinary, Text
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime, utcnow


class Feed(SQLModel, table=True):
    __tablename__ = "feeds"
    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(max_length=2000, unique=True)
    title: str | None = Field(default=None, max_length=500)
    interval_minutes: int = Field(default=15)
    fetch_full_text: bool = Field(default=False)
    status: str = Field(default="active", max_length=16, index=True)  # active | paused
    etag: str | None = Field(default=None, max_length=500)
    last_modified: str | None = Field(default=None, max_length=100)
    last_polled_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_success_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    error_count: int = Field(default=0)  # consecutive failed polls; reset by a successful one
    next_poll_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    items_count: int = Field(default=0)
    added_by: int | None = Field(default=None, sa_type=BigInteger)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Article(SQLModel, table=True):
    __tablename__ = "articles"
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=500)
    outlet: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)
    url_key: str | None = Field(default=None, max_length=2000, unique=True)  # normalised URL
    published_at: dt.datetime = Field(sa_type=UTCDateTime, index=True)
    date_flagged: bool = Field(default=False)  # no date found: published_at is the import time
    # Where the date came from: metadata (date line, page, feed) | text | import.
    date_source: str = Field(default="metadata", max_length=8, sa_column_kwargs={"server_default": "metadata"})
    language: str = Field(default="ru", max_length=2)
    body: str = Field(sa_column=Column(Text, nullable=False))
    summary: str = Field(sa_column=Column(Text, nullable=False))
    content_hash: str = Field(max_length=64, index=True)
    simhash: int = Field(sa_type=BigInteger)
    # SimHash split in four 16-bit bands: near duplicates share at least one. Each band's
    # index holds the fingerprint too (SIMHASH_BAND_INDEXES), so the lookup never reads the row.
    band0: int
    band1: int
    band2: int
    band3: int
    # MinHash signature (bot/ingest/minhash.py); its LSH band keys are in article_lsh_bands.
    minhash: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    relevant: bool = Field(default=False, index=True)
    feed_id: int | None = Field(default=None, foreign_key="feeds.id", ondelete="SET NULL")
    ingested_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


SIMHASH_BAND_INDEXES = tuple(
    Index(f"ix_articles_band{band}_simhash", getattr(Article.__table__.c, f"band{band}"), Article.__table__.c.simhash)
    for band in range(4)
)


class ArticleTopic(SQLModel, table=True):
    __tablename__ = "article_topics"
    article_id: int = Field(foreign_key="articles.id", primary_key=True, ondelete="CASCADE")
    topic_id: int = Field(foreign_key="topics.id", primary_key=True, ondelete="CASCADE", index=True)
    score: float = Field(default=0.0)


class ArticleLshBand(SQLModel, table=True):
    """One LSH band key of an article's MinHash: articles sharing a key are near-duplicate candidates."""

    __tablename__ = "article_lsh_bands"
    # SQLite: the primary key is the table, so a lookup by key is one B-tree search (20x fewer page reads).
    __table_args__ = {"sqlite_with_rowid": False}
    band_key: int = Field(sa_type=BigInteger, primary_key=True)
    article_id: int = Field(foreign_key="articles.id", primary_key=True, index=True, ondelete="CASCADE")


class ArticleSighting(SQLModel, table=True):
    """Each arrival of an article, the first and every later duplicate."""

    __tablename__ = "article_sightings"
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="articles.id", index=True, ondelete="CASCADE")
    origin: str = Field(max_length=2000)  # URL or file path it came from
    # Normalised URL of this arrival, so a syndicated copy seen again is known by its own URL.
    url_key: str | None = Field(default=None, max_length=2000, index=True)
    duplicate: bool = Field(default=False)
    matched_by: str | None = Field(default=None, max_length=8)  # url | text | near (None: first arrival)
    seen_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
