"""Reader commands only read: on PostgreSQL they run without a transaction, so each lookup is one round trip."""
from __future__ import annotations

import pytest
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_connection


@pytest.fixture
def transactions(monkeypatch) -> list[str]:
    """The isolation level of every transaction a statement made the bot's connections begin."""
    begun: list[str] = []
    stock = AsyncAdapt_asyncpg_connection._start_transaction

    async def counted(self):
        if self.isolation_level != "autocommit":
            begun.append(self.isolation_level)
        return await stock(self)

    monkeypatch.setattr(AsyncAdapt_asyncpg_connection, "_start_transaction", counted)
    return begun


async def test_reader_commands_begin_no_transaction(bot, transactions):
    if bot.engine.dialect.name == "sqlite":
        pytest.skip("SQLite begins no transaction for a read anyway (tests/storage/test_sqlite_driver.py)")
    user = bot.fake.create_user(language_code="en")
    assert (await bot.ask(user, "/lang en"))[0].plain.startswith("Done")  # writes the chat: a transaction
    assert transactions, "the write ran in a transaction"
    transactions.clear()
    timeline = (await bot.ask(user, "/timeline"))[0]
    assert "2026" in timeline.plain
    assert (await bot.ask(user, "/search charter"))[0].plain
    assert (await bot.ask(user, "/onthisday 02-10"))[0].plain
    assert (await bot.ask(user, "/topics"))[0].plain
    assert (await bot.ask(user, "/charter"))[0].plain
    assert (await bot.ask(user, "/latest"))[0].plain
    older = next(data for row in timeline.buttons for _, data in row if data.startswith("tl|"))
    assert "Page 2" in await bot.press(user, timeline, older)
    assert transactions == []
