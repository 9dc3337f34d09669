"""PostgreSQL search reads about a window of documents for a common word, whatever the planner's statistics say."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import event, text

import storage.search
from bot.briefing.search import search_articles
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


async def _searched_plan(pg_engine, query: str, *, options: str = "ANALYZE") -> tuple[list, dict]:
    """On a filled store: the hits `search` finds for `query`, and the plan of the statement it ran, run
    again under EXPLAIN with `options`."""
    statements = []
    event.listen(pg_engine.sync_engine, "before_cursor_execute",
                 lambda _c, _cur, statement, parameters, _ctx, _m: statements.append((statement, parameters)))
    async with open_session(pg_engine) as session:
        await _fill(session)
        hits = await search(session, query=query, kind="article", limit=5)
        statement, parameters = statements[-1]
        connection = await session.connection()
        result = await connection.exec_driver_sql(f"EXPLAIN ({options}, FORMAT JSON) " + statement, parameters)
        plan = result.scalar_one()
    return hits, (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]


async def test_a_common_word_reads_the_newest_documents_not_all_its_matches(pg_engine):
    _, plan = await _searched_plan(pg_engine, "Трамп")
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


def _plan_nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _plan_nodes(child)


async def test_new_words_reuse_the_prepared_statement(pg_engine):
    """Readers' queries are mostly new: each must not cost a statement of its own (parse, plan and prepare,
    and a place in the connection's cache of prepared statements, pushing out the other commands')."""
    async with open_session(pg_engine) as session:
        await _fill(session)
        for query in ("Трамп", "визит", "номер", "Трамп визит", "новость номер", "визит номер"):
            await search(session, query=query, kind="article", limit=5)
        prepared = (await session.exec(
            text("SELECT statement FROM pg_prepared_statements WHERE statement LIKE :made"),
            params={"made": "%AS tsquery)%"})).all()  # a parameter: this statement's text does not match
    assert len(prepared) == 1, prepared


# Common words (the window is walked), one document's number (read through the index), no match.
@pytest.mark.parametrize("query", ["Трамп", "визит номер", "номер 4711", "слово которого нет"])
async def test_the_generic_plan_makes_the_tsquery_once_and_finds_the_same(pg_engine, query):
    """After a few runs of a prepared statement PostgreSQL may keep one generic plan, made without the query's
    value: the query's tsquery must then be made once, not for every row tested (3-4 ms a search), and find
    what the plan made for the value finds."""
    statements = []
    event.listen(pg_engine.sync_engine, "before_cursor_execute",
                 lambda _c, _cur, statement, parameters, _ctx, _m: statements.append((statement, parameters)))
    async with open_session(pg_engine) as session:
        await _fill(session)
        await search(session, query=query, kind="article", limit=5)
        statement, parameters = statements[-1]
        assert parameters, "the query's words go as parameters, not in the statement's text"
        connection = await session.connection()
        await connection.exec_driver_sql(f"PREPARE ranked AS {statement}")
        # EXECUTE takes no parameters: the values written in, as SQL strings (a tsquery quotes its words).
        arguments = ", ".join("'{}'".format(value.replace("'", "''")) if isinstance(value, str) else str(int(value))
                              for value in parameters)
        found = {}
        for mode in ("force_custom_plan", "force_generic_plan"):
            await connection.exec_driver_sql(f"SET plan_cache_mode = {mode}")
            found[mode] = (await connection.exec_driver_sql(f"EXECUTE ranked({arguments})")).all()
        plan = (await connection.exec_driver_sql(
            f"EXPLAIN (VERBOSE, FORMAT JSON) EXECUTE ranked({arguments})")).scalar_one()
    plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
    making = [node for node in _plan_nodes(plan) if "::tsquery" in json.dumps(node.get("Output", []))
              + json.dumps(node.get("Filter", "")) + json.dumps(node.get("Index Cond", ""))]
    assert len(making) == 1 and making[0].get("Subplan Name") == "CTE tsq", making
    assert found["force_generic_plan"] == found["force_custom_plan"]
    assert bool(found["force_generic_plan"]) == (query != "слово которого нет")


async def _ranked_ids(session, query: str, with_generation: bool) -> list[int]:
    """The ids `search` finds, or the bot's statement (the articles' columns and the generation) does."""
    if not with_generation:
        return [h.ref_id for h in await search(session, query=query, kind="article", limit=5)]
    articles, generation = await search_articles(session, query=query, limit=5)
    assert generation is not None
    return [a.id for a in articles]


@pytest.mark.parametrize("with_generation", [False, True], ids=["search", "the bot's statement"])
async def test_new_words_are_not_planned_each_time(pg_engine, with_generation):
    """Planning the search cost 0.5-1 ms of a 2-3 ms statement: after its first runs PostgreSQL must keep
    one generic plan for new words (it did not while the page's numbers were parameters, as it then
    guessed the generic plan dearer), and that plan finds what a plan made for the words finds."""
    async with open_session(pg_engine) as session:
        await _fill(session)
        queries = ["Трамп", "визит", "номер 4711", "Трамп визит", "визит Трамп", "визит номер", "номер 17",
                   "слово которого нет", "визит 4711", "Трамп номер 9"]
        first = [await _ranked_ids(session, q, with_generation) for q in queries]
        plans = (await session.exec(
            text("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE :made"),
            params={"made": "%AS tsquery)%"})).one()
        again = [await _ranked_ids(session, q, with_generation) for q in queries]
    # PostgreSQL plans the first five runs for their values, then compares the generic plan's cost with theirs.
    assert plans == (len(queries) - 5, 5)
    assert again == first
    assert [bool(ids) for ids in first] == [q != "слово которого нет" for q in queries]


async def test_the_index_way_sorts_ids_not_vectors(pg_engine, monkeypatch):
    """Read through the index, a word's matches are sorted newest first to keep the window: carrying each
    match's vector (a kilobyte or more) through that sort took up to half of an events search."""
    monkeypatch.setattr(storage.search, "SEARCH_PROBE", 10**6)  # more than the table holds: the index way
    hits, plan = await _searched_plan(pg_engine, "визит", options="ANALYZE, VERBOSE")
    sorts = [node for node in _plan_nodes(plan) if node["Node Type"] == "Sort"
             and any("ref_id + 0" in key for key in node.get("Sort Key", []))]
    assert [node["Actual Loops"] for node in sorts] == [1]  # the index way ran, and sorted once
    assert not any("tsv" in column for column in sorts[0]["Output"]), sorts[0]["Output"]
    # Then only the window's vectors are read, each by its row's address.
    by_address = [node for node in _plan_nodes(plan) if node["Node Type"] == "Tid Scan"]
    assert [(node["Relation Name"], node["Actual Loops"]) for node in by_address] == [
        ("search_article_docs", storage.search.SEARCH_WINDOW)]
    assert len(hits) == 5
