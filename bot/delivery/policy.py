"""What the sender does with each answer from Telegram, in memory now and in the database
with the next batch of writes.

- sent: recorded with message_id and sent_at;
- 429: the chat (and, for a private chat, all sending) waits retry_after, then the row goes again;
- timeouts, connection errors, 5xx: retried after an exponential backoff, failed after
  max_attempts; several in a row pause all sending (Telegram is down, not one chat);
- 403 (blocked, deactivated, kicked): failed, the chat becomes inactive, its other pending rows skipped;
- 400 with migrate_to_chat_id: the chat moves to the supergroup and the row is sent there;
- other 400s (chat not found, bad HTML): failed at once;
- 401/404 (token revoked): nothing is sent for a while; the row stays pending.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.chat_migration import GroupMove
from bot.delivery.api import Flood, Forbidden, Migrated, Outcome, Sent, Transient, Unauthorized
from bot.delivery.chat_moves import move_group_and_tell
from bot.delivery.limits import Pacer
from bot.delivery.queue import ChatQueues, Row
from storage import chats as chat_queries
from storage import deliveries as outbox
from storage.deliveries import FAILED, PENDING, SENT

log = logging.getLogger(__name__)
OUTAGE_AFTER = 5  # transient errors in a row (across chats) that pause all sending
UNAUTHORIZED_PAUSE = 60.0
MAX_MOVES = 2  # a supergroup is never migrated again; more moves mean something is wrong


@dataclass(frozen=True)
class Backoff:
    base: float = 1.0
    cap: float = 60.0

    def delay(self, failures: int) -> float:
        return min(self.cap, self.base * 2 ** max(0, failures - 1))


@dataclass
class Stats:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    retried: int = 0
    floods: int = 0  # 429 answers received
    moved_chats: int = 0
    uncertain_at_start: int = 0
    max_sending: int = 0  # most rows marked sending at one time (what a crash could leave uncertain)


@dataclass
class Writes:
    """Database work for the next transaction, kept until it commits."""

    records: list[dict] = field(default_factory=list)
    moves: list[tuple[int, int]] = field(default_factory=list)
    blocked: list[tuple[int, str]] = field(default_factory=list)
    skips: list[tuple[list[int], str]] = field(default_factory=list)
    repoints: list[tuple[list[int], int]] = field(default_factory=list)
    moved: list[GroupMove] = field(default_factory=list)  # what the moves did, once applied

    def __bool__(self) -> bool:
        return bool(self.records or self.moves or self.blocked or self.skips or self.repoints)

    def extend(self, later: "Writes") -> None:
        for name in ("records", "moves", "blocked", "skips", "repoints"):
            getattr(self, name).extend(getattr(later, name))

    async def apply(self, session: AsyncSession, now: dt.datetime) -> int:
        """Execute everything (not committing); returns how many pending rows were skipped."""
        skipped = 0
        self.moved = []  # a retried transaction moves again (idempotent); only the last one counts
        for old, new in self.moves:
            self.moved.append(await move_group_and_tell(session, old_id=old, new_id=new, now=now))
        for ids, chat_id in self.repoints:
            await outbox.repoint_deliveries(session, ids=ids, chat_id=chat_id)
        for chat_id, reason in self.blocked:
            await chat_queries.deactivate_chat(session, chat_id=chat_id, reason=reason, now=now)
            skipped += await outbox.skip_pending_of_chat(session, chat_id=chat_id, reason=f"chat inactive: {reason}")
        for ids, reason in self.skips:
            await outbox.skip_deliveries(session, ids=ids, reason=reason)
            skipped += len(ids)
        await outbox.record_outcomes(session, outcomes=self.records)
        return skipped


class Settler:
    """Applies outcomes to the in-memory queues and the pacing, and queues the matching writes."""

    def __init__(self, *, queues: ChatQueues, pacer: Pacer, stats: Stats, max_attempts: int, backoff: Backoff):
        self.queues, self.pacer, self.stats = queues, pacer, stats
        self.max_attempts, self.backoff = max_attempts, backoff
        self.writes = Writes()
        self.errors_in_row = 0

    def settle(self, row: Row, result: Outcome, now: float, wall: dt.datetime) -> None:
        if isinstance(result, Sent):
            self.errors_in_row = 0
            self.queues.finish(row, now)
            self.stats.sent += 1
            self._record(row, SENT, message_id=result.message_id, sent_at=wall)
        elif isinstance(result, Flood):
            self.stats.floods += 1
            until = now + result.retry_after
            self.queues.hold_chat(row.chat_id, until)
            if row.chat_id > 0:  # we keep 1/s per private chat, so it is the overall limit
                self.pacer.pause(until)
            self._retry(row, now, until, wall, result.error)
        elif isinstance(result, Migrated) and row.moves < MAX_MOVES:
            row.moves += 1
            old = row.chat_id
            self.writes.moves.append((old, result.new_chat_id))
            self.stats.moved_chats += 1
            self.queues.finish(row, now, retry_at=now)
            self.queues.move_chat(old, result.new_chat_id, now)
            log.info("chat %s was upgraded to the supergroup %s; sending there", old, result.new_chat_id)
            self._record(row, PENDING, error=result.error)
        elif isinstance(result, Forbidden):
            self.queues.finish(row, now)
            self.queues.drop_chat(row.chat_id)
            self.writes.blocked.append((row.chat_id, result.error))
            self._fail(row, result.error)
        elif isinstance(result, Transient):
            self._transient(row, result.error, now, wall)
        elif isinstance(result, Unauthorized):
            log.error("Telegram rejected the bot token (%s); deliveries wait %.0f s", result.error, UNAUTHORIZED_PAUSE)
            self.pacer.pause(now + UNAUTHORIZED_PAUSE)
            self._retry(row, now, now + UNAUTHORIZED_PAUSE, wall, result.error)
        else:  # Rejected, or a chat that keeps migrating
            self.queues.finish(row, now)
            self._fail(row, result.error)

    def _transient(self, row: Row, error: str, now: float, wall: dt.datetime) -> None:
        row.errors += 1
        self.errors_in_row += 1
        if self.errors_in_row >= OUTAGE_AFTER:
            self.pacer.pause(now + self.backoff.delay(self.errors_in_row - OUTAGE_AFTER + 1))
        if row.errors >= self.max_attempts:
            self.queues.finish(row, now)
            self._fail(row, f"{error} (after {row.errors} attempts)")
        else:
            self._retry(row, now, now + self.backoff.delay(row.errors), wall, error)

    def _retry(self, row: Row, now: float, at: float, wall: dt.datetime, error: str) -> None:
        self.stats.retried += 1
        self.queues.finish(row, now, retry_at=at)
        self._record(row, PENDING, error=error, not_before=wall + dt.timedelta(seconds=at - now))

    def _fail(self, row: Row, error: str) -> None:
        self.stats.failed += 1
        log.warning("delivery %s to chat %s failed: %s", row.id, row.chat_id, error)
        self._record(row, FAILED, error=error)

    def _record(self, row: Row, status: str, *, message_id: int | None = None, sent_at: dt.datetime | None = None,
                error: str | None = None, not_before: dt.datetime | None = None) -> None:
        row.last_error = error or row.last_error
        self.writes.records.append(outbox.outcome(
            id=row.id, status=status, chat_id=row.chat_id, message_id=message_id, sent_at=sent_at,
            last_error=row.last_error, not_before=not_before))
