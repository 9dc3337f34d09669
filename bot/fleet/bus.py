"""Change notices between replicas: PostgreSQL NOTIFY out, LISTEN in, on a connection of its own.

A replica that changed something the others keep in memory (a chat's language, the topics,
who maintains) or that they must act on (new outbox rows, changed schedules) publishes one
short line; every other replica hears it and forgets or acts. Notices are sent in order, as
soon as the change is committed: before the reply reaches the person, so before their next
update can reach another replica. A replica's own notices come back to it and are ignored.

The connection is checked every HEARTBEAT seconds; after it was lost (notices may have been
missed meanwhile) `on_missed` runs once listening again: forget everything kept in memory.
The check counts the replicas listening (one such connection each, by its name in
pg_stat_activity) and tells `on_fleet_size`: limits that are the bot's, not a replica's, are shared.
On SQLite (no DSN) there are no other replicas and nothing is sent.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass

import asyncpg

from bot.fleet.connection import connect

log = logging.getLogger(__name__)
CHANNEL = "briefbot_changes"
PURPOSE = "change notices"  # the connection's name: one per replica, so they can be counted
FLEET_SIZE = ("SELECT count(*) FROM pg_stat_activity"
              " WHERE datname = current_database() AND application_name = 'briefbot ' || $1")
HEARTBEAT = 5.0
CHECK_TIMEOUT = 2.0
RETRY = 1.0
FIRST_CONNECT = 5.0  # start() waits this long for the first LISTEN, then goes on trying in the background


@dataclass(frozen=True)
class _Closed:
    """Queued by a connection's termination listener: that connection is gone."""

    conn: asyncpg.Connection


class ChangeBus:
    def __init__(self, dsn: str | None, *, on_message: Callable[[str], None], on_missed: Callable[[], None],
                 on_fleet_size: Callable[[int], None] | None = None) -> None:
        self.dsn = dsn
        self.on_message, self.on_missed, self.on_fleet_size = on_message, on_missed, on_fleet_size
        self.listening = asyncio.Event()
        self._queue: asyncio.Queue = asyncio.Queue()
        self._task: asyncio.Task | None = None
        self._conn: asyncpg.Connection | None = None

    def publish(self, message: str) -> None:
        """Queue `message` for the other replicas; never blocks, never fails."""
        if self.dsn is not None:
            self._queue.put_nowait(message)

    async def start(self) -> None:
        if self.dsn is None:
            return
        self._task = asyncio.create_task(self._run(), name="change-bus")
        try:
            await asyncio.wait_for(asyncio.shield(self.listening.wait()), FIRST_CONNECT)
        except asyncio.TimeoutError:
            log.warning("change notices: not listening yet; trying in the background")

    async def stop(self) -> None:
        """Send what is queued (briefly), then close."""
        if self._task is None:
            return
        if self.listening.is_set():
            try:
                await asyncio.wait_for(self._queue.join(), CHECK_TIMEOUT)
            except asyncio.TimeoutError:
                log.warning("change notices: %d not sent at stop", self._queue.qsize())
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
        self._task = None
        await self._drop()

    async def _run(self) -> None:
        missed = False
        while True:
            try:
                await self._listen()
                if missed:
                    self.on_missed()
                self.listening.set()
                await self._serve()
            except (OSError, asyncio.TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                log.warning("change notices: connection lost (%s); listening again", type(exc).__name__)
            self.listening.clear()
            missed = True
            await self._drop()
            await asyncio.sleep(RETRY)

    async def _listen(self) -> None:
        self._conn = await connect(self.dsn, purpose=PURPOSE)
        # asyncpg calls this on every close, the bus's own in _drop too, and maybe after _serve has already
        # failed on the lost connection: only a notice about the connection in use counts (see _serve).
        self._conn.add_termination_listener(lambda conn: self._queue.put_nowait(_Closed(conn)))
        await self._conn.add_listener(CHANNEL, self._heard)

    async def _serve(self) -> None:
        """Send queued notices in order; check the connection (and count the fleet) every HEARTBEAT."""
        loop = asyncio.get_running_loop()
        next_check = loop.time()  # at once: a replica that (re)joins learns the fleet's size now
        while True:
            try:  # asyncio.timeout, not wait_for: on 3.11 wait_for can lose a stop's cancellation
                async with asyncio.timeout(max(0.0, next_check - loop.time())):
                    message = await self._queue.get()
            except TimeoutError:
                await self._check()
                next_check = loop.time() + HEARTBEAT
                continue
            if isinstance(message, _Closed):
                self._queue.task_done()
                if message.conn is self._conn:
                    raise asyncpg.InterfaceError("the connection closed")
                continue  # an earlier connection's: acting on it would close this one, and so on for ever
            try:
                await self._conn.execute("SELECT pg_notify($1, $2)", CHANNEL, message, timeout=CHECK_TIMEOUT)
            except BaseException:
                self._requeue_first(message)
                raise
            self._queue.task_done()

    async def _check(self) -> None:
        replicas = await self._conn.fetchval(FLEET_SIZE, PURPOSE, timeout=CHECK_TIMEOUT)
        if self.on_fleet_size is not None:
            self.on_fleet_size(max(1, int(replicas)))

    def _requeue_first(self, message: str) -> None:
        """Put `message` back ahead of the rest: sent once listening again."""
        rest = []
        while not self._queue.empty():
            rest.append(self._queue.get_nowait())
            self._queue.task_done()
        self._queue.task_done()  # for `message` itself
        for item in [message, *rest]:
            if not isinstance(item, _Closed):
                self._queue.put_nowait(item)

    def _heard(self, connection, pid: int, _channel: str, payload: str) -> None:
        if pid == connection.get_server_pid():
            return  # our own notice
        try:
            self.on_message(payload)
        except Exception:  # noqa: BLE001 - one bad notice must not stop the listening
            log.exception("change notices: could not apply %r", payload)

    async def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None or conn.is_closed():
            return
        try:
            await asyncio.wait_for(conn.close(), CHECK_TIMEOUT)
        except Exception:  # noqa: BLE001 - an unreachable server: drop the socket
            conn.terminate()
