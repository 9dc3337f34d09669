"""The store bench.commands reads: the dossier plus synthetic events and articles, built once per file or database."""
from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, inspect, select

from bench.synthetic import load
from bot.config import normalise_database_url
from storage.db import make_engine, open_session
from storage.migrate import upgrade_async
from storage.models import Article, Event
from storage.seed_files import read_dossier
from storage.seed_loader import load_dossier


async def _built(engine, corpus: str) -> tuple[int, int] | None:
    """(synthetic events, synthetic articles) of a store an earlier run built, or None for an empty database."""
    async with engine.connect() as conn:
        tables = await conn.run_sync(lambda c: inspect(c).get_table_names())
    if "events" not in tables:
        return None
    async with open_session(engine) as session:
        if not (await session.exec(select(func.count()).select_from(Event))).scalar_one():
            return None
        events = (await session.exec(select(func.count()).where(Event.slug.like(f"synthetic-{corpus[0]}%")))).scalar_one()
        articles = (await session.exec(select(func.count()).where(
            Article.url_key.like(f"example.org/{corpus[0]}/%")))).scalar_one()
    return events, articles


async def ensure_store(url: str, *, events: int, articles: int, corpus: str) -> bool:
    """Build the store at `url` unless an earlier run left one of this size and corpus; True when built."""
    engine = make_engine(url)
    try:
        found = await _built(engine, corpus)
        if found == (events, articles):
            await upgrade_async(url)  # a store from before a new migration gets it
            return False
        if found is not None:
            raise SystemExit(f"{url.split('@')[-1]} holds other data ({corpus} synthetic events, articles: "
                             f"{found}); give an empty database")
        await upgrade_async(url)
        async with open_session(engine) as session:
            await load_dossier(session, dossier=read_dossier(), now=dt.datetime.now(dt.timezone.utc))
            await load(session, events=events, articles=articles, corpus=corpus)
            await session.commit()
        if engine.dialect.name == "postgresql":
            await _vacuum(engine)
        return True
    finally:
        await engine.dispose()


async def _vacuum(engine) -> None:
    """VACUUM ANALYZE, as autovacuum has done to a live database: the visibility map lets counts read an index
    alone (a timeline page's count of 10,000 events: 5.7 ms by the table, under 1 ms by ix_events_hidden_date).
    Autovacuum cannot set it while another transaction is open, such as another store's build on the server."""
    async with engine.connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.exec_driver_sql("VACUUM ANALYZE")


async def warm_store(url: str) -> str:
    """Read the store into the caches, as a running bot's store would be: the page cache of the machine these
    figures came from did not keep a store built or read an hour ago, and the first rounds over a cold store
    measured its disk. Returns what was done, for the report."""
    engine = make_engine(url)
    started = time.perf_counter()
    try:
        if engine.dialect.name == "sqlite":
            path = Path(engine.url.database)
            read = 0
            for part in (path, path.with_name(path.name + "-wal")):
                if part.exists():
                    with part.open("rb") as file:  # a bench's set-up, before anything is measured
                        while chunk := file.read(1 << 20):
                            read += len(chunk)
            return f"read {read / 2**30:.2f} GiB into the page cache in {time.perf_counter() - started:.1f} s"
        async with engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            try:
                await conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            except Exception as error:  # noqa: BLE001 - a bench goes on cold, and says so
                return f"not warmed (pg_prewarm: {type(error).__name__})"
            # Every table and index: into shared_buffers while they fit, the rest into the page cache.
            blocks = (await conn.exec_driver_sql(
                "SELECT coalesce(sum(pg_prewarm(c.oid::regclass, CASE WHEN pg_database_size(current_database())"
                " < pg_size_bytes(current_setting('shared_buffers')) THEN 'buffer' ELSE 'read' END)), 0)"
                " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE c.relkind IN ('r', 'i', 't', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
            )).scalar_one()
            return f"prewarmed {blocks * 8 / 2**20:.2f} GiB (pg_prewarm) in {time.perf_counter() - started:.1f} s"
    finally:
        await engine.dispose()


async def store_bytes(url: str) -> int:
    """The size of the store on disk: the SQLite file (with its write-ahead log), or the PostgreSQL database."""
    engine = make_engine(url)
    try:
        if engine.dialect.name == "sqlite":
            path = Path(engine.url.database)
            return sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())
        async with engine.connect() as conn:
            return (await conn.exec_driver_sql("SELECT pg_database_size(current_database())")).scalar_one()
    finally:
        await engine.dispose()


def add_store_options(parser: argparse.ArgumentParser) -> None:
    """The size of the store and where it lives: the options every bench over this store takes."""
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--store", type=Path, help="SQLite file to build once and reuse (default: a temporary one)")
    parser.add_argument("--pg", help="also run on PostgreSQL: a URL of an EMPTY (or earlier bench) database, or `auto`")
    parser.add_argument("--database-url", help="run on this database only (empty, or an earlier bench's)")


def on_each_database(args: argparse.Namespace, run: Callable[[str, str, argparse.Namespace], None]) -> None:
    """`run(label, url, args)` on --database-url alone, or on SQLite (the --store file or a temporary one)
    and then, with --pg, on PostgreSQL (`auto`: a throwaway local server)."""
    if args.database_url:
        url = normalise_database_url(args.database_url)
        run("SQLite" if url.startswith("sqlite") else "PostgreSQL", url, args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite", normalise_database_url(f"sqlite:///{args.store or Path(tmp) / 'bench.db'}"), args)
    if args.pg:
        server = None
        if args.pg == "auto":
            from tests.pg_server import start_server

            server = start_server()
        try:
            run("PostgreSQL", normalise_database_url(server.url("postgres") if server else args.pg), args)
        finally:
            if server is not None:
                server.stop()
