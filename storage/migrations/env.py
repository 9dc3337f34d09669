"""Alembic environment: async engines for both databases, URL from Settings unless given."""
from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables)
from storage.db import make_engine
from storage.migration_lock import lock_postgresql, sqlite_file_lock, unlock_postgresql
from storage.search import is_search_table

config = context.config
target_metadata = SQLModel.metadata


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from bot.config import load_settings

    return load_settings().database_url


def _include_object(obj, name, type_, reflected, compare_to) -> bool:
    # The full-text tables are managed by hand (FTS5 / tsvector), not by the models.
    return not (type_ == "table" and is_search_table(name))


def _configure(**kwargs) -> None:
    url = _url()
    context.configure(
        target_metadata=target_metadata,
        include_object=_include_object,
        render_as_batch=url.startswith("sqlite"),  # SQLite cannot ALTER most things in place
        compare_type=True,
        **kwargs,
    )


def run_migrations_offline() -> None:
    _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def _run_sync(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async() -> None:
    engine = make_engine(_url())
    try:
        async with engine.connect() as connection:
            await lock_postgresql(connection)
            await connection.run_sync(_run_sync)
            await connection.commit()
            # On an error the lock goes with the connection, closed by dispose() below.
            await unlock_postgresql(connection)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    with sqlite_file_lock(_url()):
        asyncio.run(_run_async())
