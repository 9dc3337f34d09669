"""Chats the bot talks to, what they subscribe to, their schedules and the outbox."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, BigInteger, Column, ForeignKey, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import BigIntPK, UTCDateTime, utcnow


class Chat(SQLModel, table=True):
    __tablename__ = "chats"
    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))  # Telegram chat id
    type: str = Field(max_length=16)  # private | group | supergroup | channel
    title: str | None = Field(default=None, max_length=300)
    username: str | None = Field(default=None, max_length=64, index=True)
    language: str = Field(default="ru", max_length=2)
    timezone: str = Field(default="Asia/Baku", max_length=64)
    active: bool = Field(default=True, index=True)
    inactive_reason: str | None = Field(default=None, max_length=200)
    migrated_to: int | None = Field(default=None, sa_type=BigInteger)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Subscription(SQLModel, table=True):
    """A chat's interest: the whole dossier (topic_slug "*") or one topic."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("chat_id", "topic_slug"),)
    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=BigInteger, foreign_key="chats.id", index=True, ondelete="CASCADE")
    topic_slug: str = Field(default="*", max_length=32, index=True)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# Why a schedule is paused: an admin's pause stays until an admin resumes it; one for lost
# rights ends by itself when the bot may post in the chat again.
PAUSED_BY_ADMIN, PAUSED_BY_RIGHTS = "admin", "rights"


class Schedule(SQLModel, table=True):
    """A recurring push into a chat; `next_run_at` is the source of truth for triggering."""

    __tablename__ = "schedules"
    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=BigInteger, foreign_key="chats.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=16)  # digest | onthisday
    frequency: str = Field(default="daily", max_length=8)  # daily | weekly
    weekday: int | None = None  # 0 = Monday, for weekly
    time_local: str = Field(default="09:00", max_length=5)  # HH:MM in `timezone`
    timezone: str = Field(default="Asia/Baku", max_length=64)
    topics: list[str] | None = Field(default=None, sa_column=Column(JSON))  # None: the chat's subscription
    language: str | None = Field(default=None, max_length=2)
    thread_id: int | None = None  # forum topic in a supergroup
    paused: bool = Field(default=False)
    paused_reason: str | None = Field(default=None, max_length=16)  # PAUSED_BY_ADMIN | PAUSED_BY_RIGHTS
    next_run_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    last_run_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    cursor_article_id: int | None = None  # digests: the last article already included
    created_by: int | None = Field(default=None, sa_type=BigInteger)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class DeliveryPayload(SQLModel, table=True):
    """What deliveries send (text and buttons), stored once however many chats it goes to."""

    __tablename__ = "delivery_payloads"
    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    digest: str = Field(max_length=64, unique=True)  # sha256 of its canonical JSON (storage.deliveries)
    payload: dict = Field(sa_column=Column(JSON, nullable=False))  # {"text", "buttons"}
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Delivery(SQLModel, table=True):
    """One message to one chat in the outbox; `dedup_key` makes every push at-most-once."""

    __tablename__ = "deliveries"
    # The sender reads pending rows in id order: one index range, however many rows were sent before.
    __table_args__ = (Index("ix_deliveries_status_id", "status", "id"),)
    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    dedup_key: str = Field(max_length=200, unique=True)
    chat_id: int = Field(sa_type=BigInteger, index=True)
    thread_id: int | None = None
    kind: str = Field(max_length=16)  # digest | onthisday | announce
    schedule_id: int | None = Field(default=None, foreign_key="schedules.id", ondelete="SET NULL")
    # A fan-out's rows share one payload: each row stays small, so claiming and recording it rewrite
    # little (before, each of a digest's 100,000 rows held its 2 KB).
    payload_id: int = Field(sa_column=Column(
        BigInteger, ForeignKey("delivery_payloads.id", name="fk_deliveries_payload_id"), nullable=False))
    status: str = Field(default="pending", max_length=16)  # pending|sending|sent|failed|uncertain|skipped
    attempts: int = Field(default=0)
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    not_before: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    message_id: int | None = Field(default=None, sa_type=BigInteger)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    sent_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
