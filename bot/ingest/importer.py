"""Import local files into the store; each file is stored whole or not at all.

Files are read, parsed and prepared (`files.prepare_file`) in this process or
in worker processes (`jobs`); the store writes happen here, BATCH_FILES files
per transaction. Should the database refuse a batch, it is rolled back and
its files stored one per transaction, so a failing file is reported alone
and never half-written. The report keeps counts, and the details only of
what was not simply new.
"""
from __future__ import annotations

import asyncio
import collections
import datetime as dt
import functools
import logging
import multiprocessing
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.ingest import worker_pool
from bot.ingest.files import MAX_FILE_BYTES, PreparedFile, Rejection, Skipped, prepare_file
from bot.ingest.refusals import Refusal
from bot.ingest.store import Incoming, IngestOutcome, rejected, store_many
from bot.ingest.tagging import TaggingRules
from storage import articles as queries
from storage.db import open_session

log = logging.getLogger(__name__)
PARALLEL_FROM_FILES = 200  # below this, starting worker processes costs more than it saves
# Files stored per transaction: a few statements per batch instead of a dozen per article. Bigger batches
# write each index page they share once per transaction: at 100,000 articles the importing process took
# 3.3 ms of CPU an article in batches of 50, 2.8 in batches of 200 and 2.6 in batches of 400.
BATCH_FILES, BATCH_ITEMS = 400, 800
CHUNK_FILES = 10  # files per task sent to a worker process
IN_FLIGHT_CHUNKS = 6  # tasks in flight per worker, and at least enough for two store batches (in_flight_chunks)


@dataclass
class ImportReport:
    files: int = 0
    new: int = 0
    updated: list[IngestOutcome] = field(default_factory=list)
    duplicates: list[IngestOutcome] = field(default_factory=list)
    rejected: list[IngestOutcome] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # links out of the folder, never read

    def add(self, outcome: IngestOutcome) -> None:
        if outcome.status == "new":
            self.new += 1
        else:
            {"updated": self.updated, "duplicate": self.duplicates, "rejected": self.rejected}[
                outcome.status].append(outcome)


async def store_files(
    engine: AsyncEngine, files: Sequence[PreparedFile], *, now: dt.datetime, topic_ids: Mapping[str, int] | None = None,
) -> list[list[IngestOutcome]]:
    """Store several prepared files in one transaction, each file's outcomes in a list.

    If the database refuses the batch, nothing of it stays and every file is
    tried again alone, so one bad file costs only itself.
    """
    items = [item for prepared in files for item in prepared.items if not isinstance(item, Rejection)]
    try:
        stored = []
        if items:
            async with open_session(engine) as session:
                stored = await store_many(session, [Incoming(item.article, item.origin) for item in items],
                                          now=now, topic_ids=topic_ids)
                await session.commit()
    except Exception as exc:  # noqa: BLE001 - reported per file; the transaction was rolled back
        if len(files) > 1:
            return [(await store_files(engine, [prepared], now=now, topic_ids=topic_ids))[0] for prepared in files]
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return [[rejected(files[0].path, Refusal.of("db_refused", detail=reason))]]
    by_item = {id(item): outcome for item, outcome in zip(items, stored)}
    return [
        [rejected(item.label, item.refusal, title=item.title) if isinstance(item, Rejection)
         else _relabel(by_item[id(item)], item.label) for item in prepared.items]
        for prepared in files
    ]


def _relabel(outcome: IngestOutcome, label: str) -> IngestOutcome:
    """Outcomes name the file (and entry) they came from, whatever the sighting's origin."""
    return replace(outcome, origin=label)


def default_jobs(file_count: int, cpus: int | None) -> int:
    if file_count < PARALLEL_FROM_FILES:
        return 1
    return max(1, min(cpus or 1, 4))


async def import_files(
    engine: AsyncEngine, paths: Iterable[Path], *, now: dt.datetime, rules: TaggingRules,
    max_bytes: int = MAX_FILE_BYTES, jobs: int = 1,
    on_file: Callable[[PreparedFile, list[IngestOutcome]], None] | None = None,
) -> ImportReport:
    """Import every file of `paths` (see the module docstring)."""
    report = ImportReport()
    work = functools.partial(prepare_file, now=now, rules=rules, max_bytes=max_bytes)
    async with open_session(engine) as session:
        topic_ids = await queries.topic_ids(session, slugs=[slug for slug, _ in rules.topics])
    batch: list[PreparedFile] = []

    async def flush() -> None:
        for prepared, outcomes in zip(batch, await store_files(engine, batch, now=now, topic_ids=topic_ids)):
            report.files += 1
            for outcome in outcomes:
                report.add(outcome)
            if on_file is not None:
                on_file(prepared, outcomes)
        batch.clear()

    async for prepared in prepared_files(paths, work, jobs):
        batch.append(prepared)
        if len(batch) >= BATCH_FILES or sum(len(p.items) for p in batch) >= BATCH_ITEMS:
            await flush()
    if batch:
        await flush()
    return report


async def prepared_files(paths: Iterable[Path], work: Callable[[Path], PreparedFile], jobs: int):
    """Prepared files in order: inline with one job, else from a pool of worker processes,
    a bounded number in flight so memory stays flat however many files there are.
    Should a worker die (killed, out of memory), the rest is prepared inline.
    `work` must live in an importable module: the workers do not run the main one.

    Files go to the workers CHUNK_FILES at a time (one pickled task and result per chunk, not
    per file), and enough of them are in flight (`in_flight_chunks`: more than two store batches)
    that the workers go on preparing while this process stores a batch."""
    if jobs <= 1:
        for path in paths:
            yield work(path)
            await asyncio.sleep(0)
        return
    loop = asyncio.get_running_loop()
    # "spawn": forking a process that runs database threads (aiosqlite) is unsafe.
    # (See worker_pool: the workers run at a lower priority, skip the main module and get `work` once.)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                             initializer=worker_pool.start_worker, initargs=(work,)) as pool:
        pending: collections.deque[tuple[list[Path], asyncio.Future | None]] = collections.deque()
        broken = False

        async def next_prepared() -> list[PreparedFile]:
            nonlocal broken
            chunk, future = pending.popleft()
            if future is not None and not broken:
                try:
                    return await future
                except BrokenProcessPool:
                    broken = True
                    log.warning("a worker process died; preparing the remaining files in this process")
            if future is not None and future.done() and not future.cancelled():
                future.exception()  # retrieved: no "never retrieved" warning
            return worker_pool.prepare_each(work, chunk)

        def submit(chunk: list[Path]) -> None:
            nonlocal broken
            future = None
            if not broken:
                try:
                    with worker_pool.main_module_left_out():
                        future = loop.run_in_executor(pool, worker_pool.prepare_chunk, chunk)
                except BrokenProcessPool:
                    broken = True
            pending.append((chunk, future))

        chunk: list[Path] = []
        for path in paths:
            chunk.append(path)
            if len(chunk) < CHUNK_FILES:
                continue
            submit(chunk)
            chunk = []
            if len(pending) >= in_flight_chunks(jobs):
                for prepared in await next_prepared():
                    yield prepared
        if chunk:
            submit(chunk)
        while pending:
            for prepared in await next_prepared():
                yield prepared


def in_flight_chunks(jobs: int) -> int:
    """Tasks kept in flight for `jobs` workers: over two store batches, so they go on while a batch is stored."""
    return max(jobs * IN_FLIGHT_CHUNKS, 2 * BATCH_FILES // CHUNK_FILES + 1)
