"""Helpers for the delivery tests: a sender wired to the fake, chats and drafts in the outbox."""
from __future__ import annotations

import datetime as dt
from contextlib import asynccontextmanager

from sqlmodel import select

from bot.delivery.api import BotApi
from bot.delivery.engine import DeliveryEngine
from bot.delivery.limits import Limits
from bot.delivery.outbox import DeliveryDraft, enqueue
from bot.delivery.policy import Backoff
from storage.db import open_session
from storage.models import Chat, Delivery, DeliveryPayload
from tests.fakebot import FakeBotApi

NOW = dt.datetime(2026, 8, 8, 5, 0, tzinfo=dt.timezone.utc)
TIME_SCALE = 0.1
SCALED = Limits(time_scale=TIME_SCALE)  # Telegram's limits, every window as short as the fake's
QUICK_BACKOFF = Backoff(base=0.05, cap=0.5)


@asynccontextmanager
async def running_sender(fake: FakeBotApi, db, *, limits: Limits = SCALED, timeout: float = 2.0,
                         max_attempts: int = 5, in_flight: int = 50, poll_interval: float = 5.0,
                         resend_in_doubt: bool = False, backoff: Backoff = QUICK_BACKOFF, now: dt.datetime = NOW,
                         **tuning):
    sender = DeliveryEngine(db, BotApi(api_url=fake.api_base_url, token=fake.token, timeout=timeout), limits,
                            clock=lambda: now, in_flight=in_flight, max_attempts=max_attempts, backoff=backoff,
                            poll_interval=poll_interval, resend_in_doubt=resend_in_doubt, **tuning)
    await sender.start()
    try:
        yield sender
    finally:
        await sender.stop()


async def record_chats(db, chats: list[tuple[int, str]], **fields) -> None:
    async with open_session(db) as session:
        session.add_all(Chat(id=chat_id, type=kind, created_at=NOW, updated_at=NOW, **fields) for chat_id, kind in chats)
        await session.commit()


async def push(db, drafts: list[DeliveryDraft]) -> int:
    async with open_session(db) as session:
        new = await enqueue(session, drafts=drafts, now=NOW)
        await session.commit()
    return new


def digest(chat_id: int, part: int = 0, text: str | None = None, **fields) -> DeliveryDraft:
    return DeliveryDraft(f"digest:1:{chat_id}:{part}", chat_id, "digest", text or f"<b>Digest</b> part {part}",
                         **fields)


class StoredDelivery:
    """An outbox row as stored now, with `payload`: the text and buttons it refers to."""

    def __init__(self, row: Delivery, payload: dict) -> None:
        self.row, self.payload = row, payload

    def __getattr__(self, name: str):
        return getattr(self.row, name)


async def stored_deliveries(db) -> list[StoredDelivery]:
    """Every outbox row with its payload, in id order."""
    async with open_session(db) as session:
        found = await session.exec(select(Delivery, DeliveryPayload.payload)
                                   .join(DeliveryPayload, DeliveryPayload.id == Delivery.payload_id)
                                   .order_by(Delivery.id))
        return [StoredDelivery(row, payload) for row, payload in found.all()]


async def deliveries(db) -> dict[str, StoredDelivery]:
    """Every outbox row by dedup_key, as stored now."""
    return {stored.dedup_key: stored for stored in await stored_deliveries(db)}


async def chat_row(db, chat_id: int) -> Chat | None:
    async with open_session(db) as session:
        return await session.get(Chat, chat_id)
