"""Stored articles whose SimHash may be within reach of a batch's: one query for the batch.

Keyword-only and never committing, like `storage.articles` (which offers it too).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Article

# More candidates than this sharing a band means the bands carry no information
# (e.g. thousands of near-empty texts); the first ones are enough.
MAX_NEAR_CANDIDATES = 20_000
BAND_COLUMNS = (Article.band0, Article.band1, Article.band2, Article.band3)


async def near_duplicate_candidates(
    session: AsyncSession, *, probes: Sequence[Iterable[int]], limit: int = MAX_NEAR_CANDIDATES
) -> list[tuple[int, int]]:
    """(id, simhash) of articles whose band i takes a value of probes[i] for some i, oldest first.

    `probes` holds per band the values `fingerprint.band_probes` gives (the
    union of several articles' probes for a batch); the caller checks the
    Hamming distance of these candidates, about store size / 1000 per article.
    """
    # The values are written into the SQL (they are ints: int() below): as bound parameters of a
    # prepared statement, PostgreSQL switches after five runs to a generic plan that scans
    # the table instead of using the band indexes. The text is built here, not by SQLAlchemy,
    # which renders and coerces each of a batch's ~13,000 values one by one.
    # One SELECT per band, joined by UNION: each reads only its covering (bandN, simhash) index
    # (migration 0017); an OR of the four makes SQLite collect the ids and then read every
    # candidate's row for the fingerprint, past the body's overflow pages.
    selects = [
        f"SELECT id, simhash FROM articles WHERE {column.name} IN ({','.join(map(str, sorted(map(int, values))))})"
        for column, values in zip(BAND_COLUMNS, probes) if values
    ]
    if not selects:
        return []
    connection = await session.connection()  # plain rows: there may be thousands
    sql = f"{' UNION '.join(selects)} ORDER BY id LIMIT {int(limit)}"
    if connection.dialect.name != "postgresql":
        return [(row[0], row[1]) for row in (await connection.exec_driver_sql(sql)).all()]
    # PostgreSQL prices a batch's ~3,400 probes per band above scanning the table (in parallel
    # processes, at 3 ms of server CPU per article at 100,000 articles); the probes cost 0.2 ms.
    # The settings hold for this statement only (and a rollback undoes them anyway).
    saved = (await connection.exec_driver_sql(
        "SELECT current_setting('enable_seqscan'), current_setting('max_parallel_workers_per_gather'), "
        "set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)")).one()
    rows = (await connection.exec_driver_sql(sql)).all()
    await connection.exec_driver_sql(
        "SELECT set_config('enable_seqscan', $1, true), set_config('max_parallel_workers_per_gather', $2, true)",
        (saved[0], saved[1]))
    return [(row[0], row[1]) for row in rows]
