"""SQLite under asyncio with one trip to the connection's thread per statement.

aiosqlite runs each sqlite3 call in a thread of the connection's own and wakes
the event loop with the result. SQLAlchemy's adapter makes four such trips per
statement (open a cursor, execute, fetch the rows, close the cursor), and every
trip is two thread wake-ups: on a busy two-core machine they, not SQLite, were
most of a short query's time. Here one function run in that thread executes
the statement and reads everything SQLAlchemy needs (rows, description, row
count, last row id). A commit or rollback with no transaction open, which
sqlite3 would turn into a no-op in the thread, is not sent there at all.

Behaviour is the stock adapter's: the same thread, the same sqlite3 connection
with its transaction handling, the same errors; streaming (server-side) cursors
keep the stock class.
"""
from __future__ import annotations

import collections
import sqlite3
from collections.abc import Callable
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_


async def in_connection_thread(connection: aiosqlite.Connection, function: Callable[..., Any], *args: Any) -> Any:
    """`function(sqlite3_connection, *args)` run in the connection's own thread: one trip there and back.

    aiosqlite's `_execute` is how SQLAlchemy's adapter reaches that thread too (it queues on the thread's
    queue and waits for the answer); this is the one place here that calls it."""
    return await connection._execute(function, connection._conn, *args)


def run_statement(conn: sqlite3.Connection, operation: str, parameters: Any, many: bool) -> tuple:
    """In the connection's thread: the statement run to its end, with what the cursor would tell after it."""
    cursor = conn.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        else:
            cursor.execute(operation, () if parameters is None else parameters)
        rows = cursor.fetchall() if cursor.description else []
        return cursor.description, rows, cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


class OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    """A buffered cursor that exists only on this side: nothing to open or close in the thread."""

    __slots__ = ("_description", "_rowcount", "_lastrowid", "_arraysize")

    def __init__(self, adapt_connection: OneTripConnection) -> None:  # noqa: D107 (no super(): it opens a cursor)
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None
        self._rows = collections.deque()
        self._soft_closed_memoized = EMPTY_DICT
        self._description, self._rowcount, self._lastrowid, self._arraysize = None, -1, None, 1

    @property
    def description(self):
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self):
        return self._lastrowid

    @property
    def arraysize(self) -> int:
        return self._arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._arraysize = value

    async def _async_soft_close(self) -> None:
        return None  # the rows are all here already and nothing is open in the thread

    def setinputsizes(self, *inputsizes: Any) -> None:
        return None  # sqlite3 ignores them too

    async def _execute_async(self, operation: Any, parameters: Any) -> None:
        await self._trip(operation, parameters, many=False)

    async def _executemany_async(self, operation: Any, seq_of_parameters: Any) -> None:
        await self._trip(operation, seq_of_parameters, many=True)

    async def _trip(self, operation: Any, parameters: Any, *, many: bool) -> None:
        async with self._adapt_connection._execute_mutex:
            connection: aiosqlite.Connection = self._connection
            self._description, rows, self._rowcount, self._lastrowid = await in_connection_thread(
                connection, run_statement, operation, parameters, many)
            self._rows = collections.deque(rows)


class OneTripConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()
    _cursor_cls = OneTripCursor

    def _in_transaction(self) -> bool:
        try:
            return self._connection._conn.in_transaction
        except (ValueError, sqlite3.ProgrammingError):  # closed, or bound to its thread: let the thread say
            return True

    def rollback(self) -> None:
        if self._connection._connection and self._in_transaction():
            super().rollback()

    def commit(self) -> None:
        if self._connection._connection and self._in_transaction():
            super().commit()


class OneTripDBAPI(AsyncAdapt_aiosqlite_dbapi):
    """Passed to create_async_engine as `module`: SQLAlchemy's aiosqlite DBAPI handing out OneTripConnections."""

    def connect(self, *arg: Any, **kw: Any) -> OneTripConnection:
        stock = super().connect(*arg, **kw)
        return OneTripConnection(self, stock._connection)


def one_trip_dbapi() -> OneTripDBAPI:
    return OneTripDBAPI(aiosqlite, sqlite3)
