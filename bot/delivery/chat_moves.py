"""A group became a supergroup: move it, and queue a private notice to its admins per clashing schedule.

Shared by the delivery engine (a 400 with migrate_to_chat_id) and the handler of the migration
service message; the notices go through the outbox in the same transaction, so none is lost or doubled.
"""
from __future__ import annotations

import datetime as dt

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.chat_migration import GroupMove, move_group
from bot.delivery.outbox import DeliveryDraft, enqueue
from bot.render.schedule_pages import clash_notice


async def move_group_and_tell(session: AsyncSession, *, old_id: int, new_id: int, now: dt.datetime) -> GroupMove:
    """Not committing: the caller commits, then wakes the delivery engine."""
    moved = await move_group(session, old_id=old_id, new_id=new_id, now=now)
    drafts = [
        DeliveryDraft(dedup_key=f"moved:{old_id}:{new_id}:{clash.kind}:{clash.thread_id or 0}:{user_id}",
                      chat_id=user_id, kind="notice", text=clash_notice(lang, moved.chat, clash))
        for clash in moved.clashes for user_id, lang in moved.admins
    ]
    await enqueue(session, drafts=drafts, now=now)
    return moved
