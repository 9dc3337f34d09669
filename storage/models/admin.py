"""Who may edit the dossier, and the trail of every change they make."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, BigInteger, Column
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
