"""The audit trail: who changed what, when, before and after (the seed loader's style)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import AuditEntry, Chat, Maintainer

MAX_ENTRIES = 50


def jsonable(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def record(
    session: AsyncSession, *, actor_id: int | None, action: str, entity: str, key: object,
    before: dict | None, after: dict | None, now: dt.datetime, undoes: int | None = None,
) -> AuditEntry:
    """Add one entry to the caller's transaction."""
    entry = AuditEntry(at=now, actor_id=actor_id, action=action, entity=entity, entity_key=str(key)[:200],
                       before=before, after=after, undoes=undoes)
    session.add(entry)
    return entry


@dataclass(frozen=True)
class AuditLine:
    id: int
    at: dt.datetime
    actor_id: int | None
    actor_name: str | None
    action: str
    entity: str
    key: str
    changes: tuple[tuple[str, object, object], ...]  # (field, before, after) of the fields that differ


def changes(before: dict | None, after: dict | None) -> tuple[tuple[str, object, object], ...]:
    before, after = before or {}, after or {}
    names = [n for n in dict.fromkeys([*before, *after]) if n != "version"]
    return tuple((n, before.get(n), after.get(n)) for n in names if before.get(n) != after.get(n))


async def latest(session: AsyncSession, *, limit: int) -> list[AuditLine]:
    """The newest `limit` entries (at most MAX_ENTRIES), newest first, with the actors' names."""
    rows = (await session.exec(select(AuditEntry).order_by(AuditEntry.id.desc())
                               .limit(max(1, min(limit, MAX_ENTRIES))))).all()
    names = await actor_names(session, ids={r.actor_id for r in rows if r.actor_id is not None})
    return [AuditLine(r.id, r.at, r.actor_id, names.get(r.actor_id), r.action, r.entity, r.entity_key,
                      changes(r.before, r.after)) for r in rows]


async def actor_names(session: AsyncSession, *, ids: set[int]) -> dict[int, str]:
    """Names as maintainers were granted, else as their private chats are recorded."""
    if not ids:
        return {}
    found = {c.id: c.title for c in (await session.exec(select(Chat).where(Chat.id.in_(ids)))).all() if c.title}
    found |= {m.user_id: m.name for m in (await session.exec(
        select(Maintainer).where(Maintainer.user_id.in_(ids)))).all() if m.name}
    return found
