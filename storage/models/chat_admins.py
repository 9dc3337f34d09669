"""Who administers which linked chat, as last verified with Telegram."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime, utcnow


class ChatAdmin(SQLModel, table=True):
    """A person linked to a group or channel; only `active` admins may change its schedules.

    `status` is "active" while Telegram says they are its creator or an administrator and
    "lost" once it says they are not; a lost admin's schedules stay, but they may not change them.
    """

    __tablename__ = "chat_admins"
    __table_args__ = (UniqueConstraint("chat_id", "user_id"),)
    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=BigInteger, foreign_key="chats.id", index=True, ondelete="CASCADE")
    user_id: int = Field(sa_type=BigInteger, index=True)
    status: str = Field(default="active", max_length=8)  # active | lost
    linked_via: str = Field(max_length=8)  # added (the bot) | link | forward | group | verify
    verified_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)  # last confirmed an admin
    checked_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)  # last asked Telegram
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
