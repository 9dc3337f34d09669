"""Ingestion throughput and deduplication cost, with memory figures.

    .venv/bin/python -m bench.ingest [--articles 20000] [--store 100000] [--lookups 2000]
                                     [--base 100000] [--skip-dedup]
                                     [--jobs N] [--pg auto|postgresql://... [--pg-only]] [--keep DIR]

1. Import: writes `--articles` synthetic scraped-text files (2% of them copies
   of others under different boilerplate) and imports them into a migrated
   and seeded SQLite database already holding `--base` bulk-created articles
   (random fingerprints and LSH band keys) through `bot.ingest.importer` exactly
   as `briefbot import` does: parse, clean, date, summarise, fingerprint and
   tag (in worker processes), deduplicate, insert and index (`BATCH_FILES`,
   400 files, per transaction), with resident memory as the files go in, the machine's
   load, and the CPU time per article of the importing process and of the
   worker processes (independent of the load, unlike articles/s).
2. Dedup: bulk-creates a store of `--store` articles, then times the
   duplicate lookups (URL key, content hash, SimHash bands, MinHash LSH band keys) of `--lookups`
   new articles, one at a time (feeds, /addarticle) and in the importer's
   batches (`BATCH_FILES`), and their full store one transaction each, at a tenth of the
   size and at full size, with resident memory after each step. Lookups
   read only matching rows (for the bands about store size / 1000 per
   article), so memory stays flat and time grows slowly with the store.
With --pg the same runs on PostgreSQL (`auto`: a throwaway local server).
Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, insert
from sqlmodel import select

from bench.ingest_data import SyntheticArticles
from bench.server_cpu import server_cpu_seconds
from bot.ingest.importer import BATCH_FILES, default_jobs, import_files
from bot.ingest.pipeline import prepare
from bot.ingest.rules import load_rules, relevance_groups
from bot.ingest.scraped import parse_scraped
from bot.ingest.dedup import DuplicateIndex
from bot.ingest.minhash import BANDS
from bot.ingest.store import store_prepared
from storage.db import make_engine, open_session
from storage.migrate import upgrade_async
from storage.models import Article, ArticleLshBand
from storage.seed_files import read_dossier
from storage.seed_loader import load_dossier

NOW = dt.datetime(2026, 3, 1, 12, tzinfo=dt.timezone.utc)
BULK_BATCH = 5000


def load() -> str:
    """The machine's load averages (1, 5, 15 min): other work shares the cores."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"


def memory() -> str:
    """Resident set size now and the process's peak so far (MB)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1]) if Path("/proc/self/statm").exists() else 0
    current = pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return f"RSS {current:.0f} MB (peak {peak:.0f} MB)"


async def fresh_store(url: str):
    await upgrade_async(url)
    engine = make_engine(url)
    async with open_session(engine) as session:
        await load_dossier(session, dossier=read_dossier(), now=NOW)
        await session.commit()
    async with open_session(engine) as session:
        rules = await load_rules(session, relevance_all_of=relevance_groups())
    return engine, rules


def cpu_seconds() -> tuple[float, float]:
    """CPU time (user + system) of this process and of its ended children (the worker processes)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time(), children.ru_utime + children.ru_stime


async def bench_import(url: str, folder: Path, count: int, jobs: int | None, base: int, server=None) -> None:
    paths = SyntheticArticles(seed=1).write_files(folder, count)
    engine, rules = await fresh_store(url)
    if base:
        started = time.perf_counter()
        await bulk_articles(engine, 0, base, random.Random(4))
        print(f"import into a store of {base} articles (bulk-created in {time.perf_counter() - started:.0f} s)")
    workers = jobs or default_jobs(len(paths), os.cpu_count())
    print(f"import: {len(paths)} files ({sum(p.stat().st_size for p in paths) / 2**20:.0f} MB), "
          f"{workers} worker process(es) for parsing; before: {memory()}; load {load()}")
    done = [0]

    def checkpoint(*_) -> None:  # memory should level off, not climb with the files stored
        done[0] += 1
        if done[0] % max(1, len(paths) // 4) == 0:
            print(f"  {done[0]} files stored, {time.perf_counter() - started:.0f} s; {memory()}", flush=True)

    cpu_before, server_before = cpu_seconds(), server_cpu_seconds(server)
    started = time.perf_counter()
    report = await import_files(engine, paths, now=NOW, rules=rules, jobs=workers, on_file=checkpoint)
    seconds = time.perf_counter() - started
    own, workers_cpu = (after - before for after, before in zip(cpu_seconds(), cpu_before))
    server_after = server_cpu_seconds(server)
    async with open_session(engine) as session:
        relevant = (await session.exec(
            select(func.count()).select_from(Article).where(Article.relevant == True))).one()  # noqa: E712
    await engine.dispose()
    print(f"  {seconds:.1f} s: {len(paths) / seconds:.0f} articles/s end to end "
          f"({report.new} new, {len(report.duplicates)} duplicates, {len(report.rejected)} rejected; "
          f"{relevant} relevant); after: {memory()}; load {load()}")
    # Throughput depends on what else runs on the machine; CPU time per article does not.
    print(f"  CPU per article: {own / len(paths) * 1000:.2f} ms importing process (store, dedup, index) + "
          f"{workers_cpu / len(paths) * 1000:.2f} ms worker processes (parse, prepare)"
          f" = {(own + workers_cpu) / len(paths) * 1000:.2f} ms")
    if server_after is not None:
        print(f"  PostgreSQL server: {(server_after - server_before) / len(paths) * 1000:.2f} ms CPU per article")


async def bulk_articles(engine, start: int, count: int, rng: random.Random) -> None:
    """`count` stored articles with random fingerprints, inserted in big batches (no search entries)."""
    async with open_session(engine) as session:
        for offset in range(start, start + count, BULK_BATCH):
            rows = []
            for i in range(offset, min(offset + BULK_BATCH, start + count)):
                value = rng.getrandbits(64)
                bands = [(value >> shift) & 0xFFFF for shift in (48, 32, 16, 0)]
                rows.append(dict(
                    title=f"Stored article {i}", outlet="Bulk", url=f"https://bulk.example/{i}",
                    url_key=f"bulk.example/{i}", published_at=NOW, date_flagged=False, date_source="metadata",
                    language="ru", body=f"Текст статьи номер {i}.", summary=f"Статья {i}.",
                    content_hash=f"{rng.getrandbits(256):064x}", simhash=value - (1 << 64) if value >> 63 else value,
                    band0=bands[0], band1=bands[1], band2=bands[2], band3=bands[3], relevant=True, ingested_at=NOW,
                ))
            ids = (await session.exec(insert(Article).returning(Article.id, sort_by_parameter_order=True),
                                      params=rows)).scalars().all()
            # MinHash LSH band keys as a real store has them: BANDS per article, unrelated to the new ones.
            await session.exec(insert(ArticleLshBand), params=[
                {"band_key": rng.getrandbits(64) - (1 << 63), "article_id": article_id}
                for article_id in ids for _ in range(BANDS)])
        await session.commit()
    if engine.dialect.name == "postgresql":
        # Autovacuum analyzes a table that grew; a bulk load outruns it, and stale
        # statistics make the planner scan the table instead of OR-ing the band indexes.
        async with engine.begin() as conn:
            await conn.exec_driver_sql("ANALYZE articles")
            await conn.exec_driver_sql("ANALYZE article_lsh_bands")


async def bench_dedup(url: str, store_size: int, lookups: int) -> None:
    engine, rules = await fresh_store(url)
    synthetic = SyntheticArticles(seed=2)
    prepared = [prepare(parse_scraped(synthetic.text(i)), now=NOW, rules=rules) for i in range(lookups * 2)]
    rng, stored = random.Random(3), 0
    print(f"dedup: {lookups} new articles against a growing store; before: {memory()}")
    for size in (store_size // 10, store_size):
        started = time.perf_counter()
        await bulk_articles(engine, stored, size - stored, rng)
        print(f"  store of {size}: bulk-created {size - stored} articles in {time.perf_counter() - started:.1f} s")
        stored = size
        batch = prepared[:lookups] if size != store_size else prepared[lookups:]
        async with open_session(engine) as session:
            started = time.perf_counter()
            found = [(await DuplicateIndex.load(session, [p])).match(p) for p in batch]
            lookup_s = time.perf_counter() - started
            started = time.perf_counter()
            for start in range(0, len(batch), BATCH_FILES):
                chunk = batch[start:start + BATCH_FILES]
                index = await DuplicateIndex.load(session, chunk)
                found += [index.match(p) for p in chunk]
            batched_s = time.perf_counter() - started
        started = time.perf_counter()
        for p in batch:
            async with open_session(engine) as session:
                await store_prepared(session, p, origin="bench", now=NOW)
                await session.commit()
        store_s = time.perf_counter() - started
        stored += len(batch)
        hits = sum(f is not None for f in found)
        print(f"    duplicate lookups: {lookup_s / len(batch) * 1000:.2f} ms each one at a time, "
              f"{batched_s / len(batch) * 1000:.2f} ms each in batches of {BATCH_FILES} ({hits} hits)")
        print(f"    lookup + insert + index + commit, one transaction per article: {len(batch) / store_s:.0f} "
              f"articles/s; {memory()}")
    await engine.dispose()


def database_urls(args, folder: Path) -> list[tuple[str, str, object]]:
    urls = [] if args.pg_only else [("SQLite", f"sqlite+aiosqlite:///{folder / 'bench.db'}", None)]
    if args.pg:
        server = None
        if args.pg == "auto":
            from tests.pg_server import start_server

            server = start_server()
            urls.append(("PostgreSQL", server.url("postgres"), server))
        else:
            urls.append(("PostgreSQL", args.pg, None))
    return urls


async def main_async(args, folder: Path, url: str, server=None) -> None:
    await bench_import(url, folder / "files", args.articles, args.jobs, args.base, server)
    if args.skip_dedup:
        return
    dedup_url = url.replace("bench.db", "dedup.db") if url.startswith("sqlite") else url
    if not url.startswith("sqlite"):
        await _reset_pg(url)
    await bench_dedup(dedup_url, args.store, args.lookups)


async def _reset_pg(url: str) -> None:
    """A clean schema for the second run on PostgreSQL."""
    engine = make_engine(url)
    async with engine.begin() as conn:
        await conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        await conn.exec_driver_sql("CREATE SCHEMA public")
    await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--base", type=int, default=100_000,
                        help="articles in the store before the import (bulk-created; 0: an empty store)")
    parser.add_argument("--skip-dedup", action="store_true", help="the import only")
    parser.add_argument("--store", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: as `briefbot import`)")
    parser.add_argument("--pg", help="also run on PostgreSQL: a DSN of an EMPTY database, or `auto`")
    parser.add_argument("--pg-only", action="store_true", help="with --pg: PostgreSQL only, not SQLite first")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; {memory()}")
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for name, url, server in database_urls(args, folder):
            print(f"== {name}")
            try:
                asyncio.run(main_async(args, folder, url, server))
            finally:
                if server is not None:
                    server.stop()


if __name__ == "__main__":
    main()
