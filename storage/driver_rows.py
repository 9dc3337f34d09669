"""Rows of a hot read-only SELECT run by the driver itself, on the connection SQLAlchemy holds.

A search with words the bot has not seen runs two ranking statements (bot/briefing/search.py). Through
SQLAlchemy's `execute` each cost 0.2-0.4 ms of the process's CPU beyond the driver's own work (cache key,
execution context, cursor adapter, result object), and the statement waited for it. Here the statement
is compiled once, as SQLAlchemy compiles it, and handed to the driver on the same connection:
- PostgreSQL: asyncpg's `fetch`, with its own cache of prepared statements: the same text, a
  server-side prepared statement and, after five runs, the same generic plan. Only on a connection in
  AUTOCOMMIT (storage.db.reading_session), where SQLAlchemy sends no BEGIN before a statement either,
  so there is no transaction of its to be in or out of;
- SQLite: one trip to the aiosqlite connection's thread, the one storage/sqlite_driver.py's cursor makes,
  on the same sqlite3 connection and so in whatever transaction it is in.
Only statements whose parameters need no conversion and whose columns' conversions need nothing but the
value (dates kept as text by SQLite, JSON, storage.types.UTCDateTime's): applied here as SQLAlchemy
applies them. Anything else goes through `AsyncConnection.execute`. Listeners of `before_cursor_execute`
and `after_cursor_execute` (the statement counters of tests and benches) still see the statement, with no
cursor or execution context, as there is none. A statement the driver fails is run again through
SQLAlchemy (a SELECT: running it twice changes nothing), so callers see SQLAlchemy's error, as from any
statement, and a connection found dead is dropped from the pool as SQLAlchemy drops one.
"""
from __future__ import annotations

import collections
import functools
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Select
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.sqlite_driver import in_connection_thread, run_statement

_Compiled = tuple[str, tuple[str, ...], dict[str, Any], type, tuple[Callable[[Any], Any] | None, ...] | None]


async def plain_rows(conn: AsyncConnection, statement: Select, params: dict[str, Any]) -> Sequence[Any]:
    """The rows of `statement`, each with its columns by name, as `conn.execute(statement, params).all()` gives."""
    rows = await _driver_rows(conn, statement, params)
    return (await conn.execute(statement, params)).all() if rows is None else rows


async def _driver_rows(conn: AsyncConnection, statement: Select, params: dict[str, Any]) -> list | None:
    """The rows as the driver returns them, converted; None for SQLAlchemy to run the statement (it cannot
    go to the driver, or the driver failed it: SQLAlchemy then raises its own error, see above)."""
    compiled = _driver_form(statement, conn.dialect) if _driver_may_run(conn) else None
    if compiled is None:
        return None
    sql, names, defaults, row_type, processors = compiled
    try:
        args = tuple(params[name] if name in params else defaults[name] for name in names)
    except KeyError:  # SQLAlchemy says which value is missing
        return None
    sync = conn.sync_connection
    if sync.dispatch.before_cursor_execute:
        sync.dispatch.before_cursor_execute(sync, None, sql, args, None, False)
    driver = (await conn.get_raw_connection()).driver_connection
    try:
        if conn.dialect.driver == "asyncpg":
            records = await driver.fetch(sql, *args)
        else:
            records = (await in_connection_thread(driver, run_statement, sql, args, False))[1]
    except Exception:  # noqa: BLE001 - SQLAlchemy runs it again and raises its own error
        return None
    if sync.dispatch.after_cursor_execute:
        sync.dispatch.after_cursor_execute(sync, None, sql, args, None, False)
    if processors is None:
        return [row_type(*record) for record in records]
    return [row_type(*(value if process is None else process(value) for process, value in zip(processors, record)))
            for record in records]


def _driver_may_run(conn: AsyncConnection) -> bool:
    if conn.dialect.driver == "aiosqlite":
        return True
    return (conn.dialect.driver == "asyncpg"
            and conn.sync_connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT")


@functools.lru_cache(maxsize=256)
def _driver_form(statement: Select, dialect: Dialect) -> _Compiled | None:
    """The SQL text SQLAlchemy would send, its parameters' names in order and the values the statement
    holds itself, a row class and each column's conversion (None when no column has one); None when it
    needs more of SQLAlchemy."""
    compiled = statement.compile(dialect=dialect)
    names = tuple(compiled.positiontup or ())
    defaults = {}
    for name, bind in compiled.binds.items():
        if (bind.type.dialect_impl(dialect).bind_processor(dialect) is not None or bind.callable is not None
                or bind.expanding or bind.literal_execute):
            return None
        if not bind.required:
            defaults[name] = bind.value  # as `.limit(5)`: the value is the statement's own
    processors = []
    for column in statement.selected_columns:
        try:  # a type that converts by the column's database type (numeric, say) needs to be told it: not here
            processors.append(column.type.dialect_impl(dialect).result_processor(dialect, None))
        except (TypeError, KeyError, NotImplementedError):
            return None
    try:  # columns named alike, or not as Python names, would be renamed: not here
        row_type = collections.namedtuple("Row", statement.selected_columns.keys())
    except ValueError:
        return None
    return compiled.string, names, defaults, row_type, tuple(processors) if any(processors) else None
