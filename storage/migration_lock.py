"""One `db upgrade` at a time per database: two at once would both create the same tables.

PostgreSQL: a session advisory lock on the migration connection, taken before Alembic
reads the current revision, so the second upgrader waits and then finds the schema at head.
SQLite: an exclusive flock on `<database file>.lock` around the whole upgrade (and, with another
suffix, around a running bot: SQLite serves one process; see bot/fleet/sqlite_guard.py).
"""
from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection

# A fixed key of our own (any bigint): "briefbot" in ASCII, so no other lock picks it by chance.
MIGRATION_LOCK_KEY = 0x6272696566626F74


class SqliteFileBusy(Exception):
    """Another process holds the lock and the caller chose not to wait."""

    def __init__(self, lock_path: Path) -> None:
        super().__init__(str(lock_path))
        self.lock_path = lock_path


@contextmanager
def sqlite_file_lock(database_url: str, *, suffix: str = ".lock", wait: bool = True) -> Iterator[None]:
    """Exclusive on `<database file><suffix>`; no-op for URLs that are not an SQLite file (in-memory,
    PostgreSQL). Blocking unless `wait` is False: then SqliteFileBusy when another process holds it."""
    url = make_url(database_url)
    if not url.get_backend_name() == "sqlite" or not url.database or url.database == ":memory:":
        yield
        return
    lock_path = Path(url.database + suffix)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a") as handle:
        try:  # released when the file is closed, also if the process dies
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SqliteFileBusy(lock_path) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


async def lock_postgresql(connection: AsyncConnection) -> None:
    """Wait for the migration lock on this connection (PostgreSQL only); it holds until released."""
    if connection.dialect.name == "postgresql":
        await connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        await connection.commit()  # the lock is the session's, not the transaction's


async def unlock_postgresql(connection: AsyncConnection) -> None:
    if connection.dialect.name == "postgresql":
        await connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
        await connection.commit()
