"""Who may edit the dossier, the trail of every change they make, and their forms in progress."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, BigInteger, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import BigIntPK, UTCDateTime, utcnow


class Maintainer(SQLModel, table=True):
    __tablename__ = "maintainers"
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    name: str | None = Field(default=None, max_length=200)
    added_by: int | None = Field(default=None, sa_type=BigInteger)
    added_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_log"
    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True))
    at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor_id: int | None = Field(default=None, sa_type=BigInteger, index=True)  # None: the CLI
    action: str = Field(max_length=32)  # create | update | hide | undo | seed ...
    entity: str = Field(max_length=32)  # event | topic | source | feed | article | maintainer
    entity_key: str = Field(max_length=200)
    before: dict | None = Field(default=None, sa_column=Column(JSON))
    after: dict | None = Field(default=None, sa_column=Column(JSON))
    # An undo names the entry it reverted, so the next /undo steps further back.
    undoes: int | None = Field(default=None, sa_type=BigInteger, index=True)


class Draft(SQLModel, table=True):
    """A maintainer's form in progress (/addevent, /addtopic, one field's edit): one per user and chat.

    Kept in the database so a restart loses nothing; `updated_at` (the bot's
    clock) decides when an abandoned form times out.
    """

    __tablename__ = "drafts"
    # Ids are never reused (SQLite would reuse a deleted row's), so a replaced form's buttons stay stale.
    __table_args__ = (UniqueConstraint("chat_id", "user_id"), {"sqlite_autoincrement": True})
    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=BigInteger)
    user_id: int = Field(sa_type=BigInteger)
    kind: str = Field(max_length=16)  # addevent | addtopic | edit
    step: str = Field(max_length=32)
    data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    language: str = Field(default="ru", max_length=2)  # the maintainer's, for the timeout notice
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
