"""Telegram updates already taken by some replica, so a redelivered one is never processed twice."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime, utcnow


class ProcessedUpdate(SQLModel, table=True):
    """One row per update_id received on the webhook; kept a short while (Telegram retries for hours at most)."""

    __tablename__ = "processed_updates"
    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    received_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
