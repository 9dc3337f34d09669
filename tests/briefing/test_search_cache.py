"""Search results kept under the search generation: a repeat costs one small statement, a change shows at once."""
from __future__ import annotations

from sqlalchemy import text

import bot.briefing.search
from bot.briefing.search import search_dossier
from bot.briefing.search_cache import SearchCache
from bot.metrics import REGISTRY
from storage.db import make_engine, open_session


def test_a_newer_generation_empties_the_cache_and_an_older_one_changes_nothing():
    cache = SearchCache()
    cache.put("a", 3, "found at 3")
    assert cache.get("a", 3) == "found at 3"
    assert cache.get("a", 2) is None  # a reader that read the generation before the last change
    assert cache.get("a", 3) == "found at 3"
    cache.put("b", 2, "found at 2")  # may predate the change that made 3: not kept
    assert cache.get("b", 3) is None
    assert cache.get("a", 4) is None and len(cache) == 0
    cache.put("a", 3, "found at 3")  # finished after someone saw 4: dropped
    assert cache.get("a", 4) is None


def test_the_least_recently_used_search_goes_first():
    cache = SearchCache(entries=2)
    cache.put("a", 0, 1)
    cache.put("b", 0, 2)
    assert cache.get("a", 0) == 1  # now b is the oldest
    cache.put("c", 0, 3)
    assert (cache.get("a", 0), cache.get("b", 0), cache.get("c", 0)) == (1, None, 3)


def searches(answer: str) -> float:
    return REGISTRY.get_sample_value("briefbot_searches_total", {"answer": answer}) or 0.0


async def test_a_repeated_search_reads_only_the_generation(seeded_engine, statements):
    cache = SearchCache()
    cached, ranked = searches("cached"), searches("ranked")
    async with open_session(seeded_engine) as session, open_session(seeded_engine) as spare:
        first = await search_dossier(session, query="хартия", lang="ru", articles_session=spare, cache=cache)
        assert first.events
        statements.clear()
        again = await search_dossier(session, query="хартия", lang="ru", articles_session=spare, cache=cache)
        assert again == first
        assert len(statements) == 1 and "search_generation" in statements[0]
        assert (searches("cached"), searches("ranked")) == (cached + 1, ranked + 1)  # on /metrics
        in_english = await search_dossier(session, query="хартия", lang="en", cache=cache)
    assert in_english.events[0].id == first.events[0].id and in_english.events[0].title != first.events[0].title


async def test_a_new_search_reads_the_generation_in_its_ranking_statements(seeded_engine, statements):
    """A search the cache does not hold is ranked at once: no statement of its own to read the generation
    first (a third of a new search's statements, and a round trip before the two rankings can start)."""
    cache = SearchCache()
    async with open_session(seeded_engine) as session, open_session(seeded_engine) as spare:
        first = await search_dossier(session, query="хартия", lang="ru", articles_session=spare, cache=cache)
        assert first.events and len(statements) == 2
        assert all("search_generation" in statement for statement in statements)
        statements.clear()
        nothing = await search_dossier(session, query="словокоторогонет", lang="ru", articles_session=spare,
                                       cache=cache)
        assert nothing.empty and len(statements) == 2
        statements.clear()
        # Both are kept: the repeats read the generation only.
        for query in ("хартия", "словокоторогонет"):
            again = await search_dossier(session, query=query, lang="ru", articles_session=spare, cache=cache)
            assert again == (first if query == "хартия" else nothing)
        assert len(statements) == 2 and all(s.count("search_generation") == 1 and "rank" not in s
                                            for s in statements)


async def test_results_are_kept_under_the_older_generation_their_statements_saw(seeded_engine, seeded_db_url,
                                                                                  monkeypatch):
    """A change committed after the events were ranked and before the articles were is seen by the articles'
    statement only: the results are current as of the events' generation, and must not be served as
    current under the articles' newer one."""
    cache = SearchCache()
    other_process = make_engine(seeded_db_url)
    rank_events = bot.briefing.search.search_events

    async def events_then_a_change(session, **kwargs):
        found = await rank_events(session, **kwargs)
        async with open_session(other_process) as writer:
            await writer.exec(text("UPDATE events SET title_en = 'Renamed charter entry' WHERE id = :id"),
                              params={"id": found[0][0].id})
            await writer.commit()
        return found

    try:
        async with open_session(seeded_engine) as session:
            with monkeypatch.context() as patched:
                patched.setattr(bot.briefing.search, "search_events", events_then_a_change)
                before = await search_dossier(session, query="хартия", lang="en", cache=cache)
            assert before.events[0].title != "Renamed charter entry"  # ranked before the change
            after = await search_dossier(session, query="хартия", lang="en", cache=cache)
    finally:
        await other_process.dispose()
    assert [e.title for e in after.events if e.id == before.events[0].id] == ["Renamed charter entry"]


async def test_a_change_committed_by_another_process_shows_at_the_next_search(seeded_engine, seeded_db_url):
    cache = SearchCache()
    async with open_session(seeded_engine) as session:
        before = await search_dossier(session, query="хартия", lang="en", cache=cache)
    top = before.events[0]
    other_process = make_engine(seeded_db_url)  # its own pool and connections, as `briefbot` on the CLI or a replica
    try:
        async with open_session(other_process) as session:
            await session.exec(text("UPDATE events SET title_en = 'Renamed charter entry' WHERE id = :id"),
                               params={"id": top.id})
            await session.commit()
        async with open_session(seeded_engine) as session:
            renamed = await search_dossier(session, query="хартия", lang="en", cache=cache)
        assert [e.title for e in renamed.events if e.id == top.id] == ["Renamed charter entry"]
        async with open_session(other_process) as session:
            await session.exec(text("UPDATE events SET hidden = true WHERE id = :id"), params={"id": top.id})
            await session.commit()
    finally:
        await other_process.dispose()
    async with open_session(seeded_engine) as session:
        hidden = await search_dossier(session, query="хартия", lang="en", cache=cache)
    assert top.id not in [e.id for e in hidden.events]
