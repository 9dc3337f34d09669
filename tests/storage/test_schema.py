"""The migrations build exactly the schema the models describe, on both databases."""
from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel, select

import storage.models  # noqa: F401
from storage.migrate import current_revision, head_revision
from storage.models import Chat, Delivery, DeliveryPayload
from storage.search import is_search_table


def _diff(connection):
    context = MigrationContext.configure(
        connection,
        opts={
            "compare_type": True,
            "include_object": lambda obj, name, type_, *_: not (
                type_ == "table" and is_search_table(name)
            ),
        },
    )
    return compare_metadata(context, SQLModel.metadata)


# SQLite's reflection cannot read an index on an expression, so Alembic skips ix_events_month_day there and
# warns; test_anniversaries_use_the_month_day_index (tests/briefing/test_statements.py) sees SQLite use it.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index ix_events_month_day")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index "
                            "'ix_events_month_day'")
async def test_migrations_match_models(engine):
    async with engine.connect() as conn:
        assert await conn.run_sync(_diff) == []
    assert await current_revision(engine) == head_revision()


async def test_sqlite_runs_in_wal_mode_with_busy_timeout(engine):
    if engine.dialect.name != "sqlite":
        return
    async with engine.connect() as conn:
        assert (await conn.exec_driver_sql("PRAGMA journal_mode")).scalar() == "wal"
        assert (await conn.exec_driver_sql("PRAGMA busy_timeout")).scalar() >= 5000
        assert (await conn.exec_driver_sql("PRAGMA foreign_keys")).scalar() == 1


async def test_chat_ids_are_64_bit_and_datetimes_stay_utc(session):
    big = -1_009_876_543_210_987  # supergroup/channel ids exceed 32 bits
    sent = dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=4)))
    session.add(Chat(id=big, type="channel", title="Briefing"))
    payload = DeliveryPayload(digest="x", payload={"text": "x"})
    session.add(payload)
    await session.flush()
    session.add(Delivery(dedup_key="k1", chat_id=big, kind="digest", payload_id=payload.id, sent_at=sent))
    await session.commit()
    chat = (await session.exec(select(Chat).where(Chat.id == big))).one()
    delivery = (await session.exec(select(Delivery))).one()
    assert chat.id == big
    assert delivery.sent_at == sent and delivery.sent_at.tzinfo is not None


async def test_every_table_has_a_primary_key(engine):
    async with engine.connect() as conn:
        def check(sync_conn):
            inspector = inspect(sync_conn)
            return {t: inspector.get_pk_constraint(t)["constrained_columns"] for t in inspector.get_table_names()
                    if not is_search_table(t)}
        pks = await conn.run_sync(check)
    assert all(pks.values()), pks


async def test_search_rowid_migration_keeps_the_index(tmp_path):
    """0005 moves SQLite's FTS rowids from id*8+kind to kind<<40|id without losing entries."""
    from sqlalchemy import text

    from storage.db import make_engine
    from storage.migrate import upgrade_async

    url = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    await upgrade_async(url, "0004")
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO search_fts(rowid, title, body) VALUES (41, 'харт', ''), (42, 'x', 'y')"))
        await upgrade_async(url, "0005")
        async with engine.connect() as conn:
            rows = (await conn.execute(text("SELECT rowid, title FROM search_fts ORDER BY rowid"))).all()
    finally:
        await engine.dispose()
    assert rows == [((1 << 40) | 5, "харт"), ((2 << 40) | 5, "x")]


async def test_search_table_per_kind_migration_keeps_the_index(tmp_path):
    """0010 moves SQLite's entries from one FTS table to one per kind, rowid = id; the downgrade moves them back."""
    from sqlalchemy import text

    from alembic import command

    from storage.db import make_engine
    from storage.migrate import alembic_config, upgrade_async

    url = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    await upgrade_async(url, "0009")
    engine = make_engine(url)
    shared = "SELECT rowid, title, body FROM search_fts ORDER BY rowid"
    try:
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO search_fts(rowid, title, body) VALUES "
                                    "((1 << 40) | 5, 'харт', 'подписа'), ((2 << 40) | 5, 'x', 'харт'), "
                                    "((2 << 40) | 9, 'y', 'z')"))
            before = (await conn.execute(text(shared))).all()
        await upgrade_async(url)
        async with engine.connect() as conn:
            events = (await conn.execute(text("SELECT rowid, title, body FROM search_events_fts"))).all()
            articles = (await conn.execute(text("SELECT rowid, title FROM search_articles_fts ORDER BY rowid"))).all()
            found = (await conn.execute(text("SELECT rowid FROM search_articles_fts "
                                             "WHERE search_articles_fts MATCH '\"харт\"'"))).all()
        await asyncio.to_thread(command.downgrade, alembic_config(url), "0009")
        async with engine.connect() as conn:
            after = (await conn.execute(text(shared))).all()
    finally:
        await engine.dispose()
    assert events == [(5, "харт", "подписа")]
    assert articles == [(5, "x"), (9, "y")]
    assert found == [(5,)]
    assert after == before


async def test_search_documents_per_kind_migration_on_postgresql(db_url):
    """0011 moves PostgreSQL's vectors into a table per kind, kept in the row; down and up again keeps them."""
    from alembic import command
    from sqlalchemy import text

    from storage.db import make_engine
    from storage.migrate import alembic_config, upgrade_async

    engine = make_engine(db_url)
    try:
        await asyncio.to_thread(command.downgrade, alembic_config(db_url), "0010")
        if engine.dialect.name == "postgresql":
            async with engine.begin() as conn:
                await conn.execute(text("INSERT INTO search_docs(kind, ref_id, tsv) VALUES "
                                        "('event', 5, to_tsvector('russian', 'Хартия подписана')), "
                                        "('article', 5, to_tsvector('russian', 'Текст хартии')), "
                                        "('article', 9, to_tsvector('russian', 'Другое'))"))
        await upgrade_async(db_url)
        async with engine.connect() as conn:
            tables = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
            if engine.dialect.name == "postgresql":
                found = {table: (await conn.execute(text(
                    f"SELECT ref_id FROM {table} WHERE tsv @@ plainto_tsquery('russian', 'хартия') ORDER BY ref_id"
                ))).scalars().all() for table in ("search_event_docs", "search_article_docs")}
                storage = (await conn.execute(text(
                    "SELECT attstorage FROM pg_attribute WHERE attrelid = 'search_article_docs'::regclass "
                    "AND attname = 'tsv'"))).scalar()
                counts = (await conn.execute(text(
                    "SELECT (SELECT count(*) FROM search_event_docs), (SELECT count(*) FROM search_article_docs)"
                ))).one()
    finally:
        await engine.dispose()
    if engine.dialect.name == "postgresql":
        assert "search_docs" not in tables and {"search_event_docs", "search_article_docs"} <= tables
        assert found == {"search_event_docs": [5], "search_article_docs": [5]}
        assert storage in ("m", b"m") and tuple(counts) == (1, 2)  # "char" comes back as bytes
    else:  # nothing to do on SQLite: its FTS5 tables are untouched
        assert {"search_events_fts", "search_articles_fts"} <= tables


async def test_minhash_migration_backfills_existing_articles(db_url):
    """0012 gives articles stored before it a MinHash signature and LSH band keys; the downgrade drops them."""
    from sqlalchemy import text

    from alembic import command

    from bot.ingest.minhash import BANDS, band_keys, signature
    from storage.db import make_engine
    from storage.migrate import alembic_config, upgrade_async

    body = "Соединенные Штаты и Азербайджан официально заключили соглашение о стратегическом партнерстве в Баку."
    engine = make_engine(db_url)
    try:
        await asyncio.to_thread(command.downgrade, alembic_config(db_url), "0011")
        async with engine.begin() as conn:
            await conn.execute(text(
                "INSERT INTO articles (id, title, published_at, date_flagged, date_source, language, body, summary, "
                "content_hash, simhash, band0, band1, band2, band3, relevant, ingested_at) VALUES (7, 't', "
                ":at, false, 'metadata', 'ru', :body, 's', 'h', 0, 0, 0, 0, 0, true, :at)"),
                {"body": body, "at": dt.datetime(2026, 2, 10, 12, tzinfo=dt.timezone.utc)})
        await upgrade_async(db_url)
        async with engine.connect() as conn:
            stored = (await conn.execute(text("SELECT minhash FROM articles WHERE id = 7"))).scalar_one()
            keys = {row[0] for row in (await conn.execute(text(
                "SELECT band_key FROM article_lsh_bands WHERE article_id = 7"))).all()}
        await asyncio.to_thread(command.downgrade, alembic_config(db_url), "0011")
        async with engine.connect() as conn:
            tables = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
            columns = {c["name"] for c in await conn.run_sync(lambda c: inspect(c).get_columns("articles"))}
    finally:
        await engine.dispose()
    assert bytes(stored) == signature(body) and keys == set(band_keys(signature(body))) and len(keys) == BANDS
    assert "article_lsh_bands" not in tables and "minhash" not in columns
