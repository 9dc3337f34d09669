"""Queries over the outbox (`deliveries`) for enqueuing and for the delivery engine.

Keyword-only and never committing: the caller owns the transaction. Statements are
Core and batched, so that the database keeps up with thousands of deliveries a second.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, Integer, String, Text, any_, bindparam, func, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.db import insert_unless_present
from storage.models import Chat, Delivery, DeliveryPayload
from storage.types import UTCDateTime, utcnow

PENDING, SENDING, SENT, FAILED, UNCERTAIN, SKIPPED = "pending", "sending", "sent", "failed", "uncertain", "skipped"

DELIVERIES = Delivery.__table__
PAYLOADS = DeliveryPayload.__table__
CHATS = Chat.__table__


@dataclass(frozen=True)
class OutboxRow:
    """A pending delivery with what the engine needs to know about its chat."""

    id: int
    chat_id: int
    thread_id: int | None
    payload_id: int  # see payloads_by_ids
    not_before: dt.datetime | None
    chat_active: bool | None  # None: the chat has no row in `chats`
    migrated_to: int | None


def payload_digest(payload: dict[str, Any]) -> str:
    """The sha256 of a payload's canonical JSON: equal payloads, one stored row."""
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


async def insert_new(session: AsyncSession, *, rows: Sequence[dict[str, Any]]) -> int:
    """INSERT ... ON CONFLICT (dedup_key) DO NOTHING; returns how many rows were new.

    Each row's "payload" is stored once in `delivery_payloads`, shared by every row with an equal one
    (a fan-out's rows, earlier pushes' too), and the row refers to it. One executemany for the rows:
    SQLAlchemy batches it into multi-row INSERTs ("insertmanyvalues")."""
    if not rows:
        return 0
    digests = [payload_digest(row["payload"]) for row in rows]
    payload_ids = await _store_payloads(session, dict(zip(digests, (row["payload"] for row in rows))),
                                        created_at=rows[0].get("created_at"))
    statement = insert_unless_present(session, DELIVERIES, unique=["dedup_key"]).returning(DELIVERIES.c.id)
    params = [{"status": PENDING, "attempts": 0, "thread_id": None, "schedule_id": None,
               **{key: value for key, value in row.items() if key != "payload"}, "payload_id": payload_ids[digest]}
              for row, digest in zip(rows, digests)]
    return len((await session.exec(statement, params=params)).all())


async def _store_payloads(session: AsyncSession, by_digest: dict[str, dict[str, Any]], *,
                          created_at: dt.datetime | None) -> dict[str, int]:
    """The ids of these payloads, each inserted unless already stored (by another push, or a
    concurrent transaction: ON CONFLICT waits for it). Inserted in digest order: two transactions
    inserting the same new payloads wait for each other in one order, never in a cycle."""
    p = PAYLOADS.c
    now = created_at or utcnow()
    await session.exec(insert_unless_present(session, PAYLOADS, unique=["digest"]),
                       params=[{"digest": digest, "payload": by_digest[digest], "created_at": now}
                               for digest in sorted(by_digest)])
    found = await session.exec(select(p.digest, p.id).where(p.digest.in_(list(by_digest))))
    return dict(found.all())


async def payloads_by_ids(session: AsyncSession, *, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Stored payloads by id (the sender reads each distinct one once, not once per row)."""
    p = PAYLOADS.c
    return dict((await session.exec(select(p.id, p.payload).where(p.id.in_(list(ids))))).all())


def _outbox_select():
    d, c = DELIVERIES.c, CHATS.c
    return (select(d.id, d.chat_id, d.thread_id, d.payload_id, d.not_before, c.active, c.migrated_to)
            .select_from(DELIVERIES.outerjoin(CHATS, c.id == d.chat_id)))


def _rows(result) -> list[OutboxRow]:
    return [OutboxRow(*row) for row in result.all()]


async def pending_after(session: AsyncSession, *, after_id: int, limit: int) -> list[OutboxRow]:
    """The next pending deliveries in id order."""
    d = DELIVERIES.c
    statement = _outbox_select().where(d.status == PENDING, d.id > after_id).order_by(d.id).limit(limit)
    return _rows(await session.exec(statement))


async def pending_ids_up_to(session: AsyncSession, *, after_id: int, up_to: int, limit: int) -> list[int]:
    """Ids of pending deliveries in (after_id, up_to]: rows committed late or set back to pending."""
    d = DELIVERIES.c
    statement = (select(d.id).where(d.status == PENDING, d.id > after_id, d.id <= up_to)
                 .order_by(d.id).limit(limit))
    return list((await session.exec(statement)).scalars())


async def pending_by_ids(session: AsyncSession, *, ids: Sequence[int]) -> list[OutboxRow]:
    d = DELIVERIES.c
    statement = _outbox_select().where(d.status == PENDING, d.id.in_(list(ids))).order_by(d.id)
    return _rows(await session.exec(statement))


def _claiming(among):
    """Pending rows whose id is `among` become sending, one attempt more; returns the ids claimed."""
    return (update(DELIVERIES).where(among, DELIVERIES.c.status == PENDING)
            .values(status=SENDING, attempts=DELIVERIES.c.attempts + 1).returning(DELIVERIES.c.id))


# Built once: the sender claims a few rows many times a second.
_CLAIM = _claiming(DELIVERIES.c.id.in_(bindparam("ids", expanding=True)))
# One statement text however many rows, for the sender's transaction run on the driver's connection
# (bot/delivery/sqlite_writes.py, pg_writes.py): SQLite takes the ids as one JSON array, PostgreSQL as
# one array parameter.
_IDS = func.json_each(bindparam("ids_json", type_=String())).table_valued("value")
CLAIM_JSON_IDS = _claiming(DELIVERIES.c.id.in_(select(_IDS.c.value)))
CLAIM_ARRAY_IDS = _claiming(DELIVERIES.c.id == any_(bindparam("ids", type_=ARRAY(BigInteger()))))


async def claim(session: AsyncSession, *, ids: Sequence[int]) -> set[int]:
    """Mark pending rows as sending (one attempt more); returns the ids actually claimed,
    so a row somebody else sent, skipped or claimed meanwhile is never sent again."""
    if not ids:
        return set()
    return set((await session.exec(_CLAIM, params={"ids": list(ids)})).scalars())


RECORD = (
    update(DELIVERIES)
    .where(DELIVERIES.c.id == bindparam("b_id", type_=BigInteger()), DELIVERIES.c.status == SENDING)
    .values(status=bindparam("b_status", type_=String()), chat_id=bindparam("b_chat_id", type_=BigInteger()),
            message_id=bindparam("b_message_id", type_=BigInteger()),
            sent_at=bindparam("b_sent_at", type_=UTCDateTime()),
            last_error=bindparam("b_last_error", type_=Text()),
            not_before=bindparam("b_not_before", type_=UTCDateTime()),
            attempts=DELIVERIES.c.attempts - bindparam("b_refund", type_=Integer()))
)
RECORD_KEYS = ("b_id", "b_status", "b_chat_id", "b_message_id", "b_sent_at", "b_last_error", "b_not_before",
               "b_refund")


def outcome(*, id: int, status: str, chat_id: int, message_id: int | None = None, sent_at: dt.datetime | None = None,
            last_error: str | None = None, not_before: dt.datetime | None = None, refund: int = 0) -> dict[str, Any]:
    """One row's outcome for `record_outcomes`; status is sent | failed | uncertain | pending (a retry).
    `refund` 1: the claim's attempt is given back, the request never reached Telegram."""
    return {"b_id": id, "b_status": status, "b_chat_id": chat_id, "b_message_id": message_id, "b_sent_at": sent_at,
            "b_last_error": last_error[:1000] if last_error else None, "b_not_before": not_before,
            "b_refund": refund}


async def record_outcomes(session: AsyncSession, *, outcomes: Sequence[dict[str, Any]]) -> None:
    """Write the outcome of rows this engine marked sending (one executemany)."""
    if outcomes:
        await session.exec(RECORD, params=list(outcomes))


async def recover_in_flight(session: AsyncSession, *, reason: str) -> int:
    """At start-up: rows left in `sending` by a crash may or may not have reached Telegram.
    They become `uncertain` and are never resent; returns how many there were."""
    d = DELIVERIES.c
    result = await session.exec(update(DELIVERIES).where(d.status == SENDING)
                                   .values(status=UNCERTAIN, last_error=reason))
    return result.rowcount or 0


async def skip_pending_of_chat(session: AsyncSession, *, chat_id: int, reason: str) -> int:
    d = DELIVERIES.c
    result = await session.exec(update(DELIVERIES).where(d.chat_id == chat_id, d.status == PENDING)
                                   .values(status=SKIPPED, last_error=reason))
    return result.rowcount or 0


async def repoint_deliveries(session: AsyncSession, *, ids: Sequence[int], chat_id: int) -> None:
    """Rows loaded for a chat that has since moved (group -> supergroup) go to its new id."""
    if ids:
        d = DELIVERIES.c
        await session.exec(update(DELIVERIES).where(d.id.in_(list(ids))).values(chat_id=chat_id))


async def count_by_status(session: AsyncSession, *, statuses: Sequence[str] | None = None) -> dict[str, int]:
    """Rows per status; given `statuses`, only those (an index range each, cheap however many were sent)."""
    d = DELIVERIES.c
    query = select(d.status, func.count()).group_by(d.status)
    rows = await session.exec(query if statuses is None else query.where(d.status.in_(list(statuses))))
    return {status: count for status, count in rows.all()}



async def skip_deliveries(session: AsyncSession, *, ids: Sequence[int], reason: str) -> None:
    """Pending rows that must not be sent (their chat is inactive)."""
    if ids:
        d = DELIVERIES.c
        await session.exec(update(DELIVERIES).where(d.id.in_(list(ids)), d.status == PENDING)
                              .values(status=SKIPPED, last_error=reason))
