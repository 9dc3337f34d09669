"""Announcements: a maintainer's message to every active subscriber (or one topic's), through the outbox."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, func, or_, true
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.subscriptions import ALL
from bot.delivery.outbox import DeliveryDraft, enqueue
from storage.deliveries import FAILED, PENDING, SENDING, SENT, SKIPPED, UNCERTAIN
from storage.models import Chat, Delivery, Subscription

MAX_CHARS = 3500  # room for the heading within Telegram's 4096
BATCH = 1000  # recipients written per INSERT: not every subscriber's drafts and rows in memory at once


@dataclass(frozen=True)
class Recipient:
    chat_id: int
    language: str


@dataclass(frozen=True)
class Progress:
    total: int
    sent: int
    blocked: int  # the chat blocked the bot or is gone: now inactive
    failed: int  # everything else that will not be sent (including in-flight at a crash: uncertain)
    pending: int

    @property
    def done(self) -> bool:
        return self.pending == 0


def key_prefix(announcement_id: int) -> str:
    return f"announce:{announcement_id}:"


async def recipients(session: AsyncSession, *, topic: str | None) -> list[Recipient]:
    """Active private chats subscribed to the dossier (or, with `topic`, to that topic or everything)."""
    wanted = Subscription.topic_slug.in_((ALL, topic)) if topic else true()
    rows = (await session.exec(
        select(Chat.id, Chat.language).where(Chat.active == True, Chat.type == "private",  # noqa: E712
                                             Chat.id.in_(select(Subscription.chat_id).where(wanted)))
        .order_by(Chat.id))).all()
    return [Recipient(chat_id, language) for chat_id, language in rows]


async def enqueue_announcement(session: AsyncSession, *, announcement_id: int, parts_by_language: dict[str, list[str]],
                               to: list[Recipient], now: dt.datetime) -> int:
    """One outbox row per recipient and message part, BATCH recipients per INSERT (caller commits,
    then wakes the sender)."""
    written = 0
    for start in range(0, len(to), BATCH):
        drafts = [
            DeliveryDraft(dedup_key=f"{key_prefix(announcement_id)}{r.chat_id}:{i}", chat_id=r.chat_id,
                          kind="announce", text=part)
            for r in to[start:start + BATCH] for i, part in enumerate(parts_by_language[r.language])
        ]
        written += await enqueue(session, drafts=drafts, now=now)
    return written


async def progress(session: AsyncSession, *, announcement_id: int) -> Progress:
    """How far an announcement's deliveries got, counting recipients by their first message."""
    inactive = Chat.active == False  # noqa: E712
    status = Delivery.status
    query = (
        select(
            func.count(),
            func.sum(case((status == SENT, 1), else_=0)),
            func.sum(case((status.in_((FAILED, SKIPPED)) & inactive, 1), else_=0)),
            func.sum(case((or_(status == UNCERTAIN, status.in_((FAILED, SKIPPED)) & ~inactive), 1), else_=0)),
            func.sum(case((status.in_((PENDING, SENDING)), 1), else_=0)),
        )
        .select_from(Delivery).join(Chat, Chat.id == Delivery.chat_id, isouter=True)
        .where(Delivery.dedup_key.like(f"{key_prefix(announcement_id)}%:0"))
    )
    total, sent, blocked, failed, pending = (await session.exec(query)).one()
    return Progress(int(total or 0), int(sent or 0), int(blocked or 0), int(failed or 0), int(pending or 0))
