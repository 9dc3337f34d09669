"""Digests sent to channels and groups, kept so their "more" link can show the whole of them on the web."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, BigInteger, Column
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime, utcnow


class DigestPage(SQLModel, table=True):
    """What defines one digest as sent: its window, topics and language; `key` is the page's secret name."""

    __tablename__ = "digest_pages"
    key: str = Field(max_length=32, primary_key=True)  # secrets.token_urlsafe: unguessable, so pages stay unlisted
    after_id: int = Field(sa_type=BigInteger)  # articles after_id < id <= upto_id
    upto_id: int = Field(sa_type=BigInteger)
    since: dt.datetime = Field(sa_type=UTCDateTime)  # dossier events created in (since, until]
    until: dt.datetime = Field(sa_type=UTCDateTime)  # also the digest's date
    topics: list[str] = Field(sa_column=Column(JSON, nullable=False))  # slugs; ["*"]: the whole dossier
    language: str = Field(max_length=2)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
