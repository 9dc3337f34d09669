"""Stored articles whose SimHash may be within reach of a batch's: one query for the batch.

Keyword-only and never committing, like `storage.articles` (which offers it too).
"""
from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterable, Sequence

import numpy as np
from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Article
from storage.sqlite_driver import in_connection_thread

# More candidates than this sharing a band means the bands carry no information
# (e.g. thousands of near-empty texts); the first ones are enough.
MAX_NEAR_CANDIDATES = 20_000
BAND_COLUMNS = (Article.band0, Article.band1, Article.band2, Article.band3)


async def near_duplicate_candidates(
    session: AsyncSession, *, probes: Sequence[Iterable[int]], limit: int = MAX_NEAR_CANDIDATES
) -> tuple[np.ndarray, np.ndarray]:
    """The ids and the (signed) simhashes of articles whose band i takes a value of probes[i] for some i,
    as two int64 arrays, oldest first; at most `limit` (a caller looking up a batch gives
    MAX_NEAR_CANDIDATES for each of its articles).

    `probes` holds per band the values `fingerprint.band_probes` gives (the
    union of several articles' probes for a batch); the caller checks the
    Hamming distance of these candidates, about store size / 1000 per article.
    """
    bands = [(column.name, sorted(map(int, values))) for column, values in zip(BAND_COLUMNS, probes) if values]
    if not bands:
        return _arrays([])
    connection = await session.connection()  # plain rows: there may be thousands
    postgresql = connection.dialect.name == "postgresql"
    # The values go as one parameter per band, so the statement's text depends only on which bands have
    # probes: the drivers prepare it once and keep it. Written into the text, a batch's ~50,000 values made
    # a new statement each time (parsed anew, and kept by sqlite3's statement cache at about 3 MB each).
    # One SELECT per band, joined by UNION: each reads only its covering (bandN, simhash) index
    # (migration 0017); an OR of the four makes SQLite collect the ids and then read every
    # candidate's row for the fingerprint, past the body's overflow pages.
    selects = [
        f"SELECT id, simhash FROM articles WHERE {name} = ANY(CAST(${n} AS integer[]))" if postgresql
        else f"SELECT id, simhash FROM articles WHERE {name} IN (SELECT value FROM json_each(?))"
        for n, (name, _) in enumerate(bands, start=1)
    ]
    sql = f"{' UNION '.join(selects)} ORDER BY id LIMIT {f'${len(bands) + 1}' if postgresql else '?'}"
    if not postgresql:
        # A batch has tens of thousands of candidates, nearly all dropped at once by the caller: read
        # straight into arrays in aiosqlite's thread, not into a result row object each.
        params = (*(json.dumps(values) for _, values in bands), int(limit))
        driver = (await connection.get_raw_connection()).driver_connection
        return await in_connection_thread(driver, _sqlite_candidates, sql, params)
    # PostgreSQL prices a batch's thousands of probes per band above scanning the table (in parallel
    # processes, at 3 ms of server CPU per article at 100,000 articles); the probes cost 0.2 ms.
    return _arrays(await rows_from_indexes(connection, sql, (*(values for _, values in bands), int(limit))))


async def rows_from_indexes(connection: AsyncConnection, sql: str, params: tuple) -> Sequence[Row]:
    """On PostgreSQL, the rows of a lookup of thousands of values given as arrays, with sequential scans
    and parallel workers off for it: the planner prices such arrays above reading the whole table.

    The settings hold for this statement only (and a rollback undoes them anyway), and a generic plan
    made under them reads the indexes too."""
    saved = (await connection.exec_driver_sql(
        "SELECT current_setting('enable_seqscan'), current_setting('max_parallel_workers_per_gather'), "
        "set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)")).one()
    rows = (await connection.exec_driver_sql(sql, params)).all()
    await connection.exec_driver_sql(
        "SELECT set_config('enable_seqscan', $1, true), set_config('max_parallel_workers_per_gather', $2, true)",
        (saved[0], saved[1]))
    return rows


def _sqlite_candidates(connection: sqlite3.Connection, sql: str, params: tuple) -> tuple[np.ndarray, np.ndarray]:
    return _arrays(connection.execute(sql, params).fetchall())


def _arrays(rows: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """(ids, simhashes) of (id, simhash) rows."""
    flat = np.fromiter(itertools.chain.from_iterable(rows), dtype=np.int64, count=2 * len(rows))
    return flat[0::2], flat[1::2]
