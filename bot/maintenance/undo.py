"""/undo: revert a maintainer's own latest change that is not undone yet, from the audit trail.

Each undo is itself audited and names the entry it reverted, so repeated
/undo steps further back. An entry changed by someone else since is not
reverted over their change: the maintainer is told the current version.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, or_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.maintenance import audit, events, topics
from bot.maintenance.articles import delete_article
from bot.maintenance.feeds import restore_feed
from bot.maintenance.feeds import snapshot as feed_snapshot
from bot.maintenance.validation import Refused
from storage import feeds as feed_store
from storage.models import AuditEntry, Event, Maintainer, Topic

UNDOABLE = {
    "event": ("create", "update", "hide"),
    "topic": ("create", "update"),
    "feed": ("add", "remove", "pause", "resume"),
    "article": ("create",),
    "maintainer": ("grant", "revoke"),
}


class CannotUndo(Refused):
    """Why the latest change cannot be reverted."""


@dataclass(frozen=True)
class Undone:
    entry_id: int
    action: str  # what was reverted: create, update, hide, ...
    entity: str
    key: str


async def last_change(session: AsyncSession, *, actor_id: int) -> AuditEntry | None:
    undone = select(AuditEntry.undoes).where(AuditEntry.undoes.is_not(None))
    undoable = or_(*(and_(AuditEntry.entity == entity, AuditEntry.action.in_(actions))
                     for entity, actions in UNDOABLE.items()))
    return (await session.exec(
        select(AuditEntry).where(AuditEntry.actor_id == actor_id, undoable, AuditEntry.id.not_in(undone))
        .order_by(AuditEntry.id.desc()).limit(1))).first()


async def undo_last(session: AsyncSession, *, actor_id: int, now: dt.datetime) -> Undone:
    """Revert `actor_id`'s latest undoable change (CannotUndo says why not); the caller commits."""
    entry = await last_change(session, actor_id=actor_id)
    if entry is None:
        raise CannotUndo("nothing")
    revert = {"event": _event, "topic": _topic, "feed": _feed, "article": _article, "maintainer": _maintainer}
    before, after = await revert[entry.entity](session, entry, actor_id, now)
    audit.record(session, actor_id=actor_id, action="undo", entity=entry.entity, key=entry.entity_key,
                 before=before, after=after, now=now, undoes=entry.id)
    return Undone(entry.id, entry.action, entry.entity, entry.entity_key)


def _unchanged_since(current: dict | None, entry: AuditEntry) -> None:
    """Nobody changed the entry since `entry` (versions aside: earlier undos bump them too)."""
    if current is None:
        raise CannotUndo("gone")
    if {k: v for k, v in current.items() if k != "version"} != {k: v for k, v in entry.after.items() if k != "version"}:
        raise CannotUndo("changed", version=current["version"])


async def _event(session, entry, actor_id, now):
    event = await session.get(Event, int(entry.entity_key))
    before = await events.snapshot(session, event) if event else None
    _unchanged_since(before, entry)
    await events.restore_event(session, event, entry.before, expected_version=event.version, actor_id=actor_id,
                               now=now)
    return before, await events.snapshot(session, event)


async def _topic(session, entry, actor_id, now):
    topic = (await session.exec(select(Topic).where(Topic.slug == entry.entity_key))).first()
    before = topics.snapshot(topic) if topic else None
    _unchanged_since(before, entry)
    await topics.restore_topic(session, topic, entry.before, expected_version=topic.version, actor_id=actor_id,
                               now=now)
    return before, topics.snapshot(topic)


async def _feed(session, entry, actor_id, now):
    feed = await feed_store.get_feed(session, url=entry.entity_key)
    if entry.after is None and feed is not None:
        raise CannotUndo("exists")
    if entry.after is not None and feed is None:
        raise CannotUndo("gone")
    before = feed_snapshot(feed) if feed else None
    await restore_feed(session, url=entry.entity_key, state=entry.before, now=now)
    feed = await feed_store.get_feed(session, url=entry.entity_key)
    return before, feed_snapshot(feed) if feed else None


async def _article(session, entry, actor_id, now):
    if not await delete_article(session, article_id=int(entry.entity_key)):
        raise CannotUndo("gone")
    return entry.after, None


async def _maintainer(session, entry, actor_id, now):
    row = await session.get(Maintainer, int(entry.entity_key))
    if entry.action == "grant":
        if row is None:
            raise CannotUndo("gone")
        await session.delete(row)
        await session.flush()
        return entry.after, None
    if row is not None:
        raise CannotUndo("exists")
    session.add(Maintainer(user_id=entry.before["user_id"], name=entry.before["name"],
                           added_by=entry.before["added_by"], added_at=now))
    await session.flush()
    return None, entry.before
