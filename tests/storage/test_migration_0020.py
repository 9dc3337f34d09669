"""0020 rewrites PostgreSQL's search documents from the Python stems; down, they are to_tsvector's again."""
from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import text
from sqlmodel import select

from storage.db import make_engine, open_session
from storage.indexing import article_parts, event_parts, index_article
from storage.migrate import alembic_config, upgrade_async
from storage.models import Article, Event
from storage.search import pg_vector, search
from tests.storage.test_search import _article

BODY = "Текст опубликован на state.gov, с комментарием пресс-службы."
ORPHAN = 999_999  # a document whose article is gone: left as it is


async def _documents(engine) -> dict[tuple[str, int], str]:
    async with engine.connect() as conn:
        rows = (await conn.execute(text(
            "SELECT 'event', ref_id, tsv::text FROM search_event_docs UNION ALL "
            "SELECT 'article', ref_id, tsv::text FROM search_article_docs"))).all()
    return {(kind, ref_id): tsv for kind, ref_id, tsv in rows}


async def _expected(engine) -> dict[tuple[str, int], str]:
    """What indexing writes today, as PostgreSQL prints it."""
    async with open_session(engine) as session:
        wanted = [(("event", e.id), pg_vector(event_parts(e))) for e in (await session.exec(select(Event))).all()]
        wanted += [(("article", a.id), pg_vector(article_parts(a.title, a.body)))
                   for a in (await session.exec(select(Article))).all()]
        return {key: (await session.exec(text("SELECT CAST(:v AS tsvector)::text"), params={"v": v})).scalar_one()
                for key, v in wanted}


async def _gin_indexes(engine) -> list[str]:
    async with engine.connect() as conn:
        return sorted((await conn.execute(text(
            "SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%USING gin (tsv)%'"))).scalars().all())


async def _finds(engine, query: str) -> list[int]:
    async with open_session(engine) as session:
        return [hit.ref_id for hit in await search(session, query=query, kind="article")]


async def test_search_documents_are_rewritten_from_the_stems_and_back(seeded_db_url):
    engine = make_engine(seeded_db_url)
    try:
        if engine.dialect.name != "postgresql":
            # Nothing to do on SQLite, whose index always held the Python stems: down and up work.
            await asyncio.to_thread(command.downgrade, alembic_config(seeded_db_url), "0019")
            await upgrade_async(seeded_db_url)
            return
        async with open_session(engine) as session:
            article = _article("Заявление", BODY, 5)
            session.add(article)
            await session.flush()
            await index_article(session, article)
            await session.exec(text("INSERT INTO search_article_docs(ref_id, tsv) "
                                    "VALUES (:id, to_tsvector('russian', 'Другое'))"), params={"id": ORPHAN})
            await session.commit()
            article_id = article.id
        expected = await _expected(engine)
        at_head = await _documents(engine)

        await asyncio.to_thread(command.downgrade, alembic_config(seeded_db_url), "0019")
        down = await _documents(engine)
        indexes_down = await _gin_indexes(engine)
        async with engine.connect() as conn:
            parsed = (await conn.execute(text(
                "SELECT setweight(to_tsvector('russian', 'Заявление'), 'A') || setweight(to_tsvector('russian', :b), 'B')"
                ), {"b": BODY})).scalar_one()

        await upgrade_async(seeded_db_url)
        up = await _documents(engine)
        indexes_up = await _gin_indexes(engine)
        found = await _finds(engine, "gov")
    finally:
        await engine.dispose()
    orphan = ("article", ORPHAN)
    assert len(expected) > 30  # the dossier's events and the article
    assert {key: tsv for key, tsv in at_head.items() if key != orphan} == expected
    # Down: PostgreSQL's parser made the documents again, "state.gov" one token of it.
    assert down[("article", article_id)] == str(parsed) and "'state.gov'" in down[("article", article_id)]
    assert all(down[key] != tsv for key, tsv in expected.items() if key[0] == "event")
    # Up: every document as indexing writes it today, the orphan as it was.
    assert up == at_head and up[orphan] == down[orphan] == "'друг':1"
    assert found == [article_id]
    assert indexes_down == indexes_up == ["ix_search_article_docs_tsv", "ix_search_event_docs_tsv"]
