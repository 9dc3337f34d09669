"""Which replica leads: the one holding a PostgreSQL session-level advisory lock.

Every replica answers updates; the leader alone runs the push planner, the delivery sender
and the feed poller (`lead`, undone by `step_down`). The lock lives on a connection of its
own: PostgreSQL frees it when that session ends (the process killed, the connection
terminated, the network gone and noticed by keepalives), and another replica, trying every
`retry` seconds, takes over. The leader checks its connection every `heartbeat` seconds and
steps down at once when it closes or does not answer: it must stop sending before the server
frees the lock (see KEEPALIVES in bot/fleet/connection.py).

On SQLite (no DSN) the one process always leads.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import asyncpg

from bot.event_wait import wait_event
from bot.fleet.connection import connect

log = logging.getLogger(__name__)
# A fixed key of our own (any bigint): "bbleader" in ASCII, apart from the migration lock's.
LEADER_LOCK_KEY = 0x62626C6561646572
RETRY = 1.0
HEARTBEAT = 1.0
LOST_PAUSE = 2.5  # times `retry`, after losing the connection
CHECK_TIMEOUT = 2.0  # heartbeat + this stays well under the 6 s the server needs to free a lost lock


class Leadership:
    def __init__(self, dsn: str | None, *, lead: Callable[[], Awaitable[None]],
                 step_down: Callable[[], Awaitable[None]], on_change: list[Callable[[bool], None]] | None = None,
                 retry: float = RETRY, heartbeat: float = HEARTBEAT, check_timeout: float = CHECK_TIMEOUT) -> None:
        self.dsn = dsn
        self._lead, self._step_down = lead, step_down
        self.retry, self.heartbeat, self.check_timeout = retry, heartbeat, check_timeout
        # Called with True on gaining and False on losing leadership (e.g. the metrics gauge).
        self.on_change = on_change if on_change is not None else []
        self.is_leader = False
        self._conn: asyncpg.Connection | None = None
        self._wake = asyncio.Event()  # the lock's connection closed, or the replica stops
        self._stopping = False
        self._changing = False  # duties starting or stopping: let them finish
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        """The first attempt now (a lone replica leads once started), the next ones in the background."""
        if self.dsn is None or await self._try_acquire():
            await self._gain()
        if self.dsn is not None:
            self._task = asyncio.create_task(self._run(), name="leadership")

    async def stop(self) -> None:
        """Step down (the duties stop and record what they did), then release the lock."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            if not self._changing:  # waiting, or trying the lock: nothing half done to cut short
                self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        if self.is_leader:
            await self._lose("the replica is stopping")
        await self._close()

    async def _run(self) -> None:
        while not self._stopping:
            try:
                if not self.is_leader:
                    if await self._try_acquire():
                        await self._gain()
                        continue
                elif not await self._alive():
                    await self._lose("its connection to PostgreSQL was lost")
                    # A replica whose connection failed is the likelier one in trouble: it gives
                    # the others (trying every `retry` s) the first chance to take over.
                    await self._pause(LOST_PAUSE * self.retry)
                    continue
            except Exception:  # noqa: BLE001 - leadership must outlive a bug in a duty
                log.exception("leadership: a change of duties failed")
                if self.is_leader:
                    await self._lose("starting its duties failed")
            await self._pause(self.heartbeat if self.is_leader else self.retry)

    async def _pause(self, seconds: float) -> None:
        """Until `seconds` passed, the lock's connection closed or the replica stops."""
        self._wake.clear()
        if self._stopping:
            return
        await wait_event(self._wake, seconds)

    async def _try_acquire(self) -> bool:
        try:
            if self._conn is None or self._conn.is_closed():
                self._conn = await connect(self.dsn, purpose="leadership")
                self._conn.add_termination_listener(self._closed)
            return bool(await self._conn.fetchval("SELECT pg_try_advisory_lock($1)", LEADER_LOCK_KEY,
                                                  timeout=self.check_timeout))
        except (OSError, asyncio.TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            log.warning("leadership: cannot reach PostgreSQL (%s); trying again", type(exc).__name__)
            await self._close()
            return False

    def _closed(self, conn: asyncpg.Connection) -> None:
        if conn is self._conn:  # not one closed after stepping down
            self._wake.set()

    async def _alive(self) -> bool:
        if self._conn is None or self._conn.is_closed():
            return False
        try:
            await self._conn.fetchval("SELECT 1", timeout=self.check_timeout)
            return True
        except (OSError, asyncio.TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError):
            return False

    async def _gain(self) -> None:
        self.is_leader, self._changing = True, True
        log.info("leadership: this replica leads (push planner, delivery sender, feed poller)")
        self._changed()
        try:
            await self._lead()
        finally:
            self._changing = False

    async def _lose(self, why: str) -> None:
        self.is_leader, self._changing = False, True
        log.log(logging.INFO if self._stopping else logging.WARNING,
                "leadership: this replica no longer leads: %s", why)
        self._changed()
        try:
            await self._step_down()
        finally:
            self._changing = False
            # A connection that stopped answering may still hold the lock: end the session.
            await self._close()

    def _changed(self) -> None:
        for callback in self.on_change:
            try:
                callback(self.is_leader)
            except Exception:  # noqa: BLE001 - a gauge must not stop a change of duties
                log.exception("leadership: on_change callback failed")

    async def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None or conn.is_closed():
            return
        try:
            await asyncio.wait_for(conn.close(), self.check_timeout)
        except Exception:  # noqa: BLE001 - an unreachable server: drop the socket
            conn.terminate()
