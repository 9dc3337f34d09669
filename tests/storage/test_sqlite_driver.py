"""SQLite statements make one trip to aiosqlite's thread, and behave as with SQLAlchemy's stock adapter."""
from __future__ import annotations

import sqlite3

import aiosqlite
import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, exc, insert, select, text, update

from storage.db import make_engine, open_session

NOTES = Table("notes", MetaData(), Column("id", Integer, primary_key=True), Column("slug", String, unique=True),
              Column("position", Integer))


@pytest.fixture
async def sqlite_engine(tmp_path):
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'driver.db'}")
    async with engine.begin() as conn:
        await conn.run_sync(NOTES.metadata.create_all)
    yield engine
    await engine.dispose()


@pytest.fixture
def trips(monkeypatch) -> list[str]:
    """The name of every function sent to a connection's thread."""
    sent: list[str] = []
    stock = aiosqlite.Connection._execute

    async def counted(self, fn, *args, **kwargs):
        sent.append(getattr(fn, "__name__", repr(fn)))
        return await stock(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
    return sent


async def _warm(engine) -> None:
    """Open the pool's connection first: connecting and its pragmas are trips of their own."""
    async with open_session(engine) as session:
        await session.exec(text("SELECT 1"))


async def test_a_read_only_session_is_one_trip_per_statement(sqlite_engine, trips):
    await _warm(sqlite_engine)
    trips.clear()
    async with open_session(sqlite_engine) as session:
        assert (await session.exec(select(NOTES.c.slug))).all() == []
        assert (await session.exec(text("SELECT 1, 2"))).one() == (1, 2)
    # Stock: open a cursor, execute, fetch, close the cursor (x2), and a rollback on the way back to the pool.
    assert len(trips) == 2, trips


async def test_a_write_is_one_trip_and_its_commit_another(sqlite_engine, trips):
    await _warm(sqlite_engine)
    trips.clear()
    async with open_session(sqlite_engine) as session:
        await session.exec(insert(NOTES).values(slug="energy", position=1))
        await session.commit()
    assert len(trips) == 2, trips
    async with open_session(sqlite_engine) as session:
        assert (await session.exec(select(NOTES.c.slug))).scalars().all() == ["energy"]


async def test_cursor_results_rowcount_ids_and_bulk_inserts(sqlite_engine):
    async with open_session(sqlite_engine) as session:
        added = await session.exec(insert(NOTES).values(slug="energy", position=1))
        assert added.inserted_primary_key == (1,)  # the last row id came back
        await session.exec(insert(NOTES), params=[{"slug": f"t{i}", "position": i + 2} for i in range(5)])  # many
        changed = await session.exec(update(NOTES).where(NOTES.c.position > 2).values(slug=NOTES.c.slug + "x"))
        assert changed.rowcount == 4
        empty = await session.exec(text("SELECT slug, position FROM notes WHERE 0"))
        assert list(empty.keys()) == ["slug", "position"] and empty.all() == []  # a description with no rows
        await session.commit()
    async with open_session(sqlite_engine) as session:
        streamed = await session.stream(select(NOTES.c.slug).order_by(NOTES.c.position))  # server-side cursor: stock
        assert [slug async for slug in streamed.scalars()] == ["energy", "t0", "t1x", "t2x", "t3x", "t4x"]


async def test_errors_are_sqlalchemys_and_leave_the_connection_usable(sqlite_engine):
    async with open_session(sqlite_engine) as session:
        await session.exec(insert(NOTES).values(slug="energy", position=1))
        await session.commit()
    with pytest.raises(exc.IntegrityError) as raised:
        async with open_session(sqlite_engine) as session:
            await session.exec(insert(NOTES).values(slug="energy", position=2))
            await session.commit()
    assert isinstance(raised.value.orig, sqlite3.IntegrityError)
    with pytest.raises(exc.OperationalError):
        async with open_session(sqlite_engine) as session:
            await session.exec(text("SELECT * FROM no_such_table"))
    async with open_session(sqlite_engine) as session:
        assert (await session.exec(select(NOTES.c.position))).scalars().all() == [1]


async def test_an_uncommitted_write_is_rolled_back_however_it_was_made(sqlite_engine):
    """The rollback is skipped only when SQLite itself says no transaction is open."""
    async with open_session(sqlite_engine) as session:
        connection = await session.connection()
        driver = (await connection.get_raw_connection()).driver_connection
        await driver.execute(  # straight through aiosqlite: sqlite3 opens the transaction itself
            "INSERT INTO notes(slug, position) VALUES ('energy', 1)")
        assert driver._conn.in_transaction
    async with open_session(sqlite_engine) as session:
        assert (await session.exec(select(NOTES.c.slug))).all() == []
        await session.exec(insert(NOTES).values(slug="trade", position=1))
        await session.commit()  # the write lock was given back
