"""PostgreSQL search reads about a window of documents for a common word, whatever the planner's statistics say."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import event, text

import storage.search
from storage.db import make_engine, open_session
from storage.search import search

DOCUMENTS = 10_000


@pytest.fixture
async def pg_engine(request, db_templates):
    engine = make_engine(db_templates.clone("postgresql", False, request))
    yield engine
    await engine.dispose()


async def _fill(session) -> None:
    """DOCUMENTS search documents, every one with the word "трамп", never analysed (as right after a bulk load)."""
    await session.exec(text("ALTER TABLE search_article_docs SET (autovacuum_enabled = false)"))
    await session.exec(text(
        "INSERT INTO articles(id, title, published_at, date_flagged, language, body, summary, content_hash, simhash, "
        "band0, band1, band2, band3, relevant, ingested_at) "
        "SELECT g, 'Новость ' || g, now() - g * interval '1 minute', false, 'ru', '', '', md5(g::text), g, 0, 0, 0, 0, "
        "true, now() FROM generate_series(1, :n) AS g"), params={"n": DOCUMENTS})
    # Some mention the visit more than once, so the ranks differ.
    await session.exec(text(
        "INSERT INTO search_article_docs(ref_id, tsv) SELECT g, to_tsvector('russian', 'Трамп и визит номер ' || g "
        "|| repeat(' визит', g % 7)) FROM generate_series(1, :n) AS g"), params={"n": DOCUMENTS})
    await session.commit()


def _rows_read(plan: dict, table: str) -> int:
    """Rows the executed plan took from `table`, over every node and loop."""
    own = plan.get("Actual Rows", 0) * plan.get("Actual Loops", 0) if plan.get("Relation Name") == table else 0
    return own + sum(_rows_read(child, table) for child in plan.get("Plans", []))


async def test_a_common_word_reads_the_newest_documents_not_all_its_matches(pg_engine):
    statements = []
    event.listen(pg_engine.sync_engine, "before_cursor_execute",
                 lambda _c, _cur, statement, parameters, _ctx, _m: statements.append((statement, parameters)))
    async with open_session(pg_engine) as session:
        await _fill(session)
        await search(session, query="Трамп", kind="article", limit=5)
        statement, parameters = statements[-1]
        connection = await session.connection()
        result = await connection.exec_driver_sql("EXPLAIN (ANALYZE, FORMAT JSON) " + statement, parameters)
        plan = result.scalar_one()
    plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
    # The probe of the newest SEARCH_PROBE documents and then the newest SEARCH_WINDOW matches;
    # the planner, guessing the word rare, had read all DOCUMENTS matches through the GIN index.
    assert _rows_read(plan, "search_article_docs") <= storage.search.SEARCH_PROBE + storage.search.SEARCH_WINDOW + 1


@pytest.mark.parametrize("probe", [1, 10**6])  # a match in 1 of 1 newest: walk; 10^6 probed of a small table: index
async def test_both_ways_give_the_same_window(pg_engine, monkeypatch, probe):
    async with open_session(pg_engine) as session:
        await _fill(session)
        expected = [h.ref_id for h in await search(session, query="визит", kind="article", limit=20)]
        assert len(expected) == 20
        monkeypatch.setattr(storage.search, "SEARCH_WINDOW", 7)
        small_window = [h.ref_id for h in await search(session, query="визит", kind="article", limit=20)]
        assert len(small_window) == 7
        monkeypatch.setattr(storage.search, "SEARCH_PROBE", probe)
        assert [h.ref_id for h in await search(session, query="визит", kind="article", limit=20)] == small_window
        monkeypatch.setattr(storage.search, "SEARCH_WINDOW", 300)
        assert [h.ref_id for h in await search(session, query="визит", kind="article", limit=20)] == expected
