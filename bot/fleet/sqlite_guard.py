"""SQLite serves one process: a second `briefbot run` (or console) on the same file refuses to start.

Two would each run the sender: each start marks the other's in-flight pushes uncertain, and
together they exceed Telegram's overall limit. The guard is an exclusive flock on
`<database file>.run.lock`, held for the life of the process and released by the kernel
however it ends; `briefbot db upgrade` keeps its own lock file (storage/migration_lock.py).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from storage.migration_lock import SqliteFileBusy, sqlite_file_lock

RUN_LOCK_SUFFIX = ".run.lock"


class SqliteInUse(Exception):
    """Another process serves this SQLite database; str() is the line to print."""


@contextmanager
def sole_sqlite_process(database_url: str) -> Iterator[None]:
    """Held for the block; SqliteInUse at once when another process holds it. No-op off SQLite files."""
    try:
        with sqlite_file_lock(database_url, suffix=RUN_LOCK_SUFFIX, wait=False):
            yield
    except SqliteFileBusy as busy:
        database = str(busy.lock_path)[: -len(RUN_LOCK_SUFFIX)]
        raise SqliteInUse(
            f"Another briefbot process is already running on the SQLite database {database}: SQLite serves "
            "one process. Stop that one first, or run several replicas on PostgreSQL "
            "(DATABASE_URL=postgresql://user:password@host/briefbot).") from None
