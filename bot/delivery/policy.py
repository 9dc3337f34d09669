"""What the sender does with each answer from Telegram, in memory now and in the database
with the next batch of writes.

- sent: recorded with message_id and sent_at;
- 429: the chat (and, for a private chat, all sending) waits retry_after, then the row goes again;
- 5xx: retried after an exponential backoff, failed after max_attempts;
- connection refused, DNS, connect timeout: the request never reached Telegram; retried, no attempt spent;
- a request sent with no answer (timeout, reset) is in doubt: `uncertain` (in_doubt "skip") or
  retried like a 5xx (in_doubt "resend");
- several of these in a row (across chats) are an outage: all sending pauses and the engine
  probes the Bot API until it answers; the rows' attempts spent in the outage are given back;
- never sent at all (the engine stopped while it waited out a pause): back to pending;
- 403 (blocked, deactivated, kicked): failed, the chat becomes inactive, its other pending rows skipped;
- 400 with migrate_to_chat_id: the chat moves to the supergroup and the row is sent there;
- other 400s (chat not found, bad HTML): failed at once;
- 401/404 (token revoked): nothing is sent for a while; the row stays pending.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlmodel.ext.asyncio.session import AsyncSession

from bot import metrics
from bot.delivery.api import Flood, Forbidden, InDoubt, Migrated, Outcome, Sent, Transient, Unauthorized, Unreachable
from bot.delivery.limits import Pacer
from bot.delivery.queue import ChatQueues, Row
from storage import chats as chat_queries
from storage import deliveries as outbox
from storage.deliveries import FAILED, PENDING, SENT, UNCERTAIN

if TYPE_CHECKING:
    from bot.briefing.chat_migration import GroupMove

log = logging.getLogger(__name__)
OUTAGE_AFTER = 5  # failed requests in a row (across chats, none sent between) that pause all sending
IN_DOUBT_REASON = "sent but not answered: it may or may not have reached the chat"
UNAUTHORIZED_PAUSE = 60.0
MAX_MOVES = 2  # a supergroup is never migrated again; more moves mean something is wrong


@dataclass(frozen=True)
class Unsent:
    """The request was never made: the engine stopped while the row waited for its slot or a pause."""


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
    in_doubt: int = 0  # sent, no answer; recorded uncertain or retried as DELIVERY_IN_DOUBT says
    outages: int = 0
    uncertain_at_start: int = 0
    max_sending: int = 0  # most rows marked sending at one time (what a crash could leave uncertain)
    transactions: int = 0  # committed by the sender's loop: claims and outcomes
    wakes: int = 0  # times the sender's loop ran
    heap_trims: int = 0  # free heap given back to the system, once per drained push (bot/delivery/heap.py)


OUTCOME_NAMES = {PENDING: "retried"}  # sent, failed and uncertain keep their status's name


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

    def only_records(self) -> bool:
        """Nothing but outcomes to record (the usual case: sqlite_writes.py or pg_writes.py takes it)."""
        return not (self.moves or self.blocked or self.skips or self.repoints)

    def extend(self, later: "Writes") -> None:
        for name in ("records", "moves", "blocked", "skips", "repoints"):
            getattr(self, name).extend(getattr(later, name))

    async def apply(self, session: AsyncSession, now: dt.datetime) -> int:
        """Execute everything (not committing); returns how many pending rows were skipped."""
        skipped = 0
        if self.moves:  # rare (a group upgraded): the sending process loads the move's code only then
            from bot.delivery.chat_moves import move_group_and_tell
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

    def count_outcomes(self, skipped: int) -> None:
        """briefbot_deliveries_total, once these writes are committed (a failed transaction is applied again)."""
        for status, count in Counter(record["b_status"] for record in self.records).items():
            metrics.delivery_outcome(OUTCOME_NAMES.get(status, status), count)
        metrics.delivery_outcome("skipped", skipped)


class Settler:
    """Applies outcomes to the in-memory queues and the pacing, and queues the matching writes."""

    def __init__(self, *, queues: ChatQueues, pacer: Pacer, stats: Stats, max_attempts: int, backoff: Backoff,
                 resend_in_doubt: bool = False):
        self.queues, self.pacer, self.stats = queues, pacer, stats
        self.max_attempts, self.backoff = max_attempts, backoff
        self.resend_in_doubt = resend_in_doubt
        self.writes = Writes()
        self.failing: list[Row | None] = []  # failed requests in a row: the row if it spent an attempt
        self.outage = False  # sending paused until the engine's probe gets an answer
        self.confirmed = False  # ... and the probe failed too: errors meanwhile spend no attempts

    def settle(self, row: Row, result: Outcome | Unsent, now: float, wall: dt.datetime) -> None:
        if isinstance(result, Unsent):
            self.queues.finish(row, now, retry_at=now, sent=False)
            self._record(row, PENDING, refund=1)
            return
        if not isinstance(result, (Transient, Unreachable, InDoubt)):
            self.failing.clear()
        if isinstance(result, Sent):
            self.queues.finish(row, now)
            self.stats.sent += 1
            self._record(row, SENT, message_id=result.message_id, sent_at=wall)
        elif isinstance(result, Flood):
            self.stats.floods += 1
            metrics.telegram_429()
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
        elif isinstance(result, Unreachable):
            self._failed_request(row, result.error, now, wall, spent=False, reached=False)
        elif isinstance(result, InDoubt) and not self.resend_in_doubt:
            self.stats.in_doubt += 1
            self.queues.finish(row, now)
            self._note_failure(row, spent=False)
            log.warning("delivery %s to chat %s is in doubt (%s); not resent", row.id, row.chat_id, result.error)
            self._record(row, UNCERTAIN, error=f"{IN_DOUBT_REASON}: {result.error}")
        elif isinstance(result, (Transient, InDoubt)):
            self.stats.in_doubt += isinstance(result, InDoubt)
            self._failed_request(row, result.error, now, wall, spent=True, reached=True)
        elif isinstance(result, Unauthorized):
            log.error("Telegram rejected the bot token (%s); deliveries wait %.0f s", result.error, UNAUTHORIZED_PAUSE)
            self.pacer.pause(now + UNAUTHORIZED_PAUSE)
            self._retry(row, now, now + UNAUTHORIZED_PAUSE, wall, result.error)
        else:  # Rejected, or a chat that keeps migrating
            self.queues.finish(row, now)
            self._fail(row, result.error)

    def _failed_request(self, row: Row, error: str, now: float, wall: dt.datetime, *, spent: bool,
                        reached: bool) -> None:
        """No message came of the request: retried, an attempt spent only for an error of this message.
        A request that never `reached` Telegram is not counted in the row's `attempts` either."""
        spent = spent and not self.confirmed
        row.errors += spent
        self._note_failure(row, spent=spent)
        if row.errors >= self.max_attempts:
            self.queues.finish(row, now)
            self._fail(row, f"{error} (after {row.errors} attempts)")
        else:
            delay = self.backoff.delay(row.errors) if row.errors else self.backoff.base
            self._retry(row, now, now + delay, wall, error, refund=int(not reached))

    def _note_failure(self, row: Row, *, spent: bool) -> None:
        """Many failed requests in a row may be Telegram's outage: sending pauses while the engine
        probes the Bot API (`outage_confirmed` or `end_outage` follows)."""
        if self.confirmed:
            return
        self.failing.append(row if spent else None)
        if len(self.failing) >= OUTAGE_AFTER and not self.outage:
            self.outage = True
            self.pacer.pause(float("inf"))

    def outage_confirmed(self) -> None:
        """The probe failed too: the requests in a row failed for Telegram's outage, not for their messages."""
        self.confirmed = True
        if self.failing:
            self.stats.outages += 1
            log.warning("the Bot API is unreachable or failing (%d requests in a row); sending paused until "
                        "it answers, no attempts spent", len(self.failing))
        for failed in self.failing:
            if failed is not None and failed.errors > 0:
                failed.errors -= 1
        self.failing.clear()

    def end_outage(self) -> None:
        """The probe got an answer: sending resumes."""
        self.outage = self.confirmed = False
        self.failing.clear()
        self.pacer.resume()

    def _retry(self, row: Row, now: float, at: float, wall: dt.datetime, error: str, refund: int = 0) -> None:
        self.stats.retried += 1
        self.queues.finish(row, now, retry_at=at)
        self._record(row, PENDING, error=error, not_before=wall + dt.timedelta(seconds=at - now), refund=refund)

    def _fail(self, row: Row, error: str) -> None:
        self.stats.failed += 1
        log.warning("delivery %s to chat %s failed: %s", row.id, row.chat_id, error)
        self._record(row, FAILED, error=error)

    def _record(self, row: Row, status: str, *, message_id: int | None = None, sent_at: dt.datetime | None = None,
                error: str | None = None, not_before: dt.datetime | None = None, refund: int = 0) -> None:
        row.last_error = error or row.last_error
        self.writes.records.append(outbox.outcome(
            id=row.id, status=status, chat_id=row.chat_id, message_id=message_id, sent_at=sent_at,
            last_error=row.last_error, not_before=not_before, refund=refund))
