"""Queries over stored articles: duplicate lookups, bulk inserts with topics and index, sightings.

Keyword-only and never committing: the caller owns the transaction, so
articles, their topics, search entries and sightings land together or not at
all. Lookups take a batch of keys and return only matching rows, never more
than a bounded number: memory does not grow with the store.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, text
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.indexing import article_parts, index_article
from storage.models import Article, ArticleLshBand, ArticleSighting, ArticleTopic, Topic
from storage.search import index_new_documents
from storage.simhash_candidates import MAX_NEAR_CANDIDATES, near_duplicate_candidates  # noqa: F401 - part of this API
from storage.simhash_candidates import rows_from_indexes

IN_CHUNK = 500  # values per IN list


@dataclass(frozen=True)
class Candidate:
    """Just enough of a stored article to tell whether another one repeats it."""

    id: int
    title: str
    content_hash: str
    simhash: int
    relevant: bool
    minhash: bytes | None


_CANDIDATE_COLUMNS = (Article.id, Article.title, Article.content_hash, Article.simhash, Article.relevant,
                      Article.minhash)


def _chunks(values: Iterable, size: int = IN_CHUNK) -> list[list]:
    ordered = sorted(set(values))
    return [ordered[i:i + size] for i in range(0, len(ordered), size)]


async def find_by_url_key(session: AsyncSession, *, url_key: str) -> Article | None:
    """The article stored under this normalised URL."""
    return (await session.exec(select(Article).where(Article.url_key == url_key))).first()


async def find_by_content_hash(session: AsyncSession, *, content_hash: str) -> Article | None:
    """The oldest stored article with exactly these words."""
    query = select(Article).where(Article.content_hash == content_hash).order_by(Article.id).limit(1)
    return (await session.exec(query)).first()


async def articles_by_url_keys(session: AsyncSession, *, url_keys: Iterable[str]) -> list[Article]:
    """Stored articles whose own normalised URL is one of `url_keys`."""
    found: list[Article] = []
    for chunk in _chunks(url_keys):
        found += (await session.exec(select(Article).where(Article.url_key.in_(chunk)))).all()
    return found


async def sighted_url_keys(session: AsyncSession, *, url_keys: Iterable[str]) -> dict[str, Candidate]:
    """For each of `url_keys` some article arrived from (as a duplicate too), that article."""
    found: dict[str, Candidate] = {}
    for chunk in _chunks(url_keys):
        rows = await session.exec(
            select(ArticleSighting.url_key, *_CANDIDATE_COLUMNS).join(Article, Article.id == ArticleSighting.article_id)
            .where(ArticleSighting.url_key.in_(chunk)).order_by(ArticleSighting.id)
        )
        for key, *columns in rows.all():
            found.setdefault(key, Candidate(*columns))
    return found


async def known_url_keys(session: AsyncSession, *, url_keys: Iterable[str]) -> set[str]:
    """Those of `url_keys` already stored, as an article's URL or a duplicate's."""
    known: set[str] = set()
    for chunk in _chunks(url_keys):
        known.update((await session.exec(select(Article.url_key).where(Article.url_key.in_(chunk)))).all())
        known.update((await session.exec(
            select(ArticleSighting.url_key).where(ArticleSighting.url_key.in_(chunk)))).all())
    return known


async def articles_by_content_hashes(session: AsyncSession, *, content_hashes: Iterable[str]) -> list[Candidate]:
    """Stored articles with exactly these words, oldest first."""
    found: list[Candidate] = []
    for chunk in _chunks(content_hashes):
        rows = await session.exec(select(*_CANDIDATE_COLUMNS).where(Article.content_hash.in_(chunk)).order_by(Article.id))
        found += [Candidate(*row) for row in rows.all()]
    return found


async def lsh_candidates(
    session: AsyncSession, *, band_keys: Iterable[int], limit: int = MAX_NEAR_CANDIDATES
) -> list[tuple[int, bytes, set[int]]]:
    """(id, MinHash signature, the shared keys) of stored articles sharing some of `band_keys`, oldest first."""
    keys = sorted({int(key) for key in band_keys})
    if not keys:
        return []
    connection = await session.connection()  # plain rows: cheaper than ORM objects
    # The keys go as one parameter (a batch has thousands), so the statement's text is always the same:
    # as an IN list, SQLAlchemy named and bound each key anew for every batch.
    if connection.dialect.name == "postgresql":  # as an array, the planner would scan the table for them
        rows = await rows_from_indexes(connection, f"{_LSH_SHARING} = ANY(CAST($1 AS bigint[]))", (keys,))
    else:
        rows = (await connection.exec_driver_sql(f"{_LSH_SHARING} IN (SELECT value FROM json_each(?))",
                                                 (json.dumps(keys),))).all()
    shared: dict[int, set[int]] = {}
    for article_id, key in rows:
        shared.setdefault(article_id, set()).add(key)
    found: list[tuple[int, bytes, set[int]]] = []
    for chunk in _chunks(sorted(shared)[:limit]):
        rows = await connection.execute(select(Article.id, Article.minhash).where(Article.id.in_(chunk)))
        found += [(row[0], row[1], shared[row[0]]) for row in rows.all() if row[1]]
    return sorted(found, key=lambda item: item[0])


_LSH_SHARING = f"SELECT article_id, band_key FROM {ArticleLshBand.__tablename__} WHERE band_key"


async def replace_lsh_bands(session: AsyncSession, *, bands: Mapping[int, Iterable[int]]) -> None:
    """Make the band keys of each article (id -> keys) exactly these."""
    if not bands:
        return
    for chunk in _chunks(bands):
        await session.exec(delete(ArticleLshBand).where(ArticleLshBand.article_id.in_(chunk)))
    rows = [{"band_key": key, "article_id": article_id} for article_id, keys in bands.items() for key in set(keys)]
    if rows:
        await session.exec(insert(ArticleLshBand), params=rows)


async def candidates_by_ids(session: AsyncSession, *, ids: Iterable[int]) -> list[Candidate]:
    found: list[Candidate] = []
    for chunk in _chunks(ids):
        found += [Candidate(*row) for row in (await session.exec(
            select(*_CANDIDATE_COLUMNS).where(Article.id.in_(chunk)))).all()]
    return found


async def insert_articles(
    session: AsyncSession, *, rows: Sequence[Mapping], topics: Sequence[Mapping[int, float]]
) -> list[int]:
    """Insert articles (column dicts, `lsh_bands` their MinHash band keys, `body_stems` optional) with their topics
    (topic id -> score) and search entries, in a few statements whatever their number; their ids, in order."""
    if not rows:
        return []
    columns = [{name: value for name, value in row.items() if name not in ("lsh_bands", "body_stems")} for row in rows]
    ids = await _insert_returning_ids(session, columns)
    await _insert_bands(session, [(article_id, key) for article_id, row in zip(ids, rows)
                                  for key in set(row.get("lsh_bands", ()))])
    links = [{"article_id": article_id, "topic_id": topic_id, "score": score}
             for article_id, scores in zip(ids, topics) for topic_id, score in scores.items()]
    if links:
        await session.exec(insert(ArticleTopic.__table__), params=links)
    await index_new_documents(session, kind="article", documents=[
        (article_id, article_parts(row["title"], row["body"], row.get("body_stems")))
        for article_id, row in zip(ids, rows)])
    return ids


async def _insert_bands(session: AsyncSession, bands: list[tuple[int, int]]) -> None:
    """Insert (article id, LSH band key) rows: an article has 16."""
    if not bands:
        return
    if session.bind.dialect.name == "postgresql":
        # Two arrays in one statement: a quarter less of the import's time for these rows than an executemany.
        await session.exec(_BANDS_FROM_ARRAYS, params={"ids": [b[0] for b in bands], "keys": [b[1] for b in bands]})
        return
    # The driver's executemany of plain tuples: a Core insert builds each row's parameters in Python
    # first, and an article has 16 rows.
    connection = await session.connection()
    await connection.exec_driver_sql(_BANDS_ROWS, bands)


_BANDS_ROWS = f"INSERT INTO {ArticleLshBand.__tablename__}(article_id, band_key) VALUES (?, ?)"
_BANDS_FROM_ARRAYS = text(f"INSERT INTO {ArticleLshBand.__tablename__}(article_id, band_key) "
                          "SELECT * FROM unnest(CAST(:ids AS integer[]), CAST(:keys AS bigint[]))")


async def _insert_returning_ids(session: AsyncSession, rows: Sequence[Mapping]) -> list[int]:
    """Insert article rows; their ids, in order.

    SQLite returns the ids of a multi-row INSERT in no promised order, so SQLAlchemy's
    `sort_by_parameter_order` sends it one INSERT per row there. A batch's new articles have
    distinct content hashes (a repeat is a duplicate, not inserted), so one multi-row INSERT
    returning (id, content_hash) says which id each row got."""
    hashes = [row["content_hash"] for row in rows]
    if len(set(hashes)) < len(hashes):
        result = await session.exec(insert(Article).returning(Article.id, sort_by_parameter_order=True), params=rows)
        return list(result.scalars().all())
    connection = await session.connection()
    result = await connection.execute(insert(Article.__table__).returning(Article.id, Article.content_hash), rows)
    by_hash = {content_hash: article_id for article_id, content_hash in result.all()}
    return [by_hash[content_hash] for content_hash in hashes]


async def replace_article(
    session: AsyncSession, *, article: Article, changes: Mapping[str, object], topics: Mapping[int, float]
) -> Article:
    """Update a stored article in place (an edited version): columns, topics and search entry."""
    for name, value in changes.items():
        setattr(article, name, value)
    session.add(article)
    await session.exec(delete(ArticleTopic).where(ArticleTopic.article_id == article.id))
    await session.flush()
    for topic_id, score in topics.items():
        session.add(ArticleTopic(article_id=article.id, topic_id=topic_id, score=score))
    await index_article(session, article)
    await session.flush()
    return article


async def add_sightings(session: AsyncSession, *, rows: Sequence[Mapping]) -> None:
    """Arrivals of articles (article_id, origin, url_key, duplicate, matched_by, seen_at)."""
    if rows:
        # Core insert (an executemany): the ORM bulk insert costs some microseconds a row more.
        await session.exec(insert(ArticleSighting.__table__), params=[{**row, "origin": row["origin"][:2000]} for row in rows])


async def topic_ids(session: AsyncSession, *, slugs: Iterable[str]) -> dict[str, int]:
    wanted = sorted(set(slugs))
    if not wanted:
        return {}
    rows = await session.exec(select(Topic.slug, Topic.id).where(Topic.slug.in_(wanted)))
    return {slug: topic_id for slug, topic_id in rows.all()}


async def article_topic_slugs(session: AsyncSession, *, article_id: int) -> list[str]:
    """The article's topics, best score first."""
    rows = await session.exec(
        select(Topic.slug).join(ArticleTopic, ArticleTopic.topic_id == Topic.id)
        .where(ArticleTopic.article_id == article_id).order_by(ArticleTopic.score.desc(), Topic.slug)
    )
    return list(rows.all())
