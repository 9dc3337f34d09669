"""Full-text search with morphology, on SQLite and PostgreSQL, with the same results on both."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from storage.db import make_engine, open_session
from storage.indexing import index_article
from storage.models import Article, Event
from storage.search import search

# (query, slug fragment of an event that must be found)
MORPHOLOGY = [
    ("поправку", "907"),          # поправка / поправки / поправкой in the texts
    ("хартии", "charter"),        # Хартия
    ("Хартией", "charter-signed"),
    ("подписана хартия", "charter-signed"),  # подписали Хартию
    ("амнистии 907", None),       # a word found nowhere: AND semantics, no hits
    ("waivers", "907-waiver"),    # English plural against "waiver"
    ("signing charter", "charter-signed"),
    ("партнёрстве", "charter"),   # ё folds to е
    ("representative", "hr-6534"),  # "House of Representatives"
]


def _article(title: str, body: str, day: int = 1) -> Article:
    return Article(title=title, outlet="Test", url=None, language="ru", body=body, summary="…",
                   published_at=dt.datetime(2026, 1, day, tzinfo=dt.timezone.utc), content_hash=f"h{day}",
                   simhash=day, band0=day, band1=0, band2=0, band3=0, relevant=True)


async def _slugs(session, query: str) -> list[str]:
    hits = await search(session, query=query, kind="event", limit=100)
    ids = [h.ref_id for h in hits]
    rows = {e.id: e.slug for e in (await session.exec(select(Event).where(Event.id.in_(ids)))).all()} if ids else {}
    return [rows[i] for i in ids]


@pytest.mark.parametrize(("query", "fragment"), MORPHOLOGY)
async def test_morphology(seeded_session, query, fragment):
    slugs = await _slugs(seeded_session, query)
    if fragment is None:
        assert slugs == []
    else:
        assert any(fragment in s for s in slugs), (query, slugs)


async def test_stop_words_only_finds_nothing(seeded_session):
    assert await search(seeded_session, query="и в на the of", kind="event") == []


async def test_hidden_events_are_not_found(seeded_session):
    event = (await seeded_session.exec(select(Event).where(Event.slug.contains("charter-signed")))).one()
    event.hidden = True
    seeded_session.add(event)
    await seeded_session.commit()
    assert all("charter-signed" not in s for s in await _slugs(seeded_session, "хартия"))


async def test_titles_rank_above_passing_mentions(seeded_session):
    slugs = await _slugs(seeded_session, "H.R.6534")
    assert slugs and "hr-6534" in slugs[0]


async def test_articles_are_searchable(session):
    article = Article(title="Хартия о стратегическом партнёрстве подписана", outlet="Test", url=None,
                      published_at=dt.datetime(2026, 2, 10, tzinfo=dt.timezone.utc), language="ru",
                      body="Вице-президент США подписал в Баку документ о партнёрстве.", summary="…",
                      content_hash="h", simhash=1, band0=1, band1=0, band2=0, band3=0, relevant=True)
    session.add(article)
    await session.flush()
    await index_article(session, article)
    await session.commit()
    for query in ("хартию", "партнерства", "вице-президента", "Баку"):
        hits = await search(session, query=query, kind="article")
        assert [h.ref_id for h in hits] == [article.id], query


QUERIES = ["хартия", "поправка 907", "Трамп", "Алиев Трамп письмо", "Вэнс", "Vance", "waiver", "TRIPP",
           "Davos", "Давос", "Конгресс", "Luna", "Шуша", "Shusha", "Ханкенди", "энергетическая безопасность",
           "energy security", "Federal Register", "Египет", "Egypt", "Пашинян", "нефть", "Israel", "Израиль",
           "terrorism", "терроризм", "lost years", "Novruz", "Новруз", "Independence Day", "день независимости"]


async def test_same_results_on_sqlite_and_postgresql(request, db_templates):
    results = {}
    for backend in ("sqlite", "postgresql"):
        engine = make_engine(db_templates.clone(backend, True, request))
        try:
            async with open_session(engine) as session:
                results[backend] = {q: sorted(await _slugs(session, q)) for q in QUERIES}
        finally:
            await engine.dispose()
    differences = {q: (results["sqlite"][q], results["postgresql"][q]) for q in QUERIES
                   if results["sqlite"][q] != results["postgresql"][q]}
    assert differences == {}
    assert sum(bool(v) for v in results["sqlite"].values()) >= 25  # the comparison is not vacuous


async def test_hidden_events_give_their_places_to_the_next_ones(seeded_session):
    """Hiding the best matches moves the rest up, with paging intact (only the page's candidates are looked up)."""
    before = [h.ref_id for h in await search(seeded_session, query="Азербайджан", kind="event", limit=12)]
    assert len(before) == 12
    for event in (await seeded_session.exec(select(Event).where(Event.id.in_(before[:3])))).all():
        event.hidden = True
        seeded_session.add(event)
    await seeded_session.commit()
    assert [h.ref_id for h in await search(seeded_session, query="Азербайджан", kind="event", limit=5)] == before[3:8]
    page = await search(seeded_session, query="Азербайджан", kind="event", limit=4, offset=2)
    assert [h.ref_id for h in page] == before[5:9]


async def test_only_the_newest_matches_are_ranked(session, monkeypatch):
    """A word found in most of a large archive ranks the newest SEARCH_WINDOW matches, not all of them."""
    import storage.search

    # The oldest mentions the word in its title (the best match); newer ones in passing.
    articles = [_article("Хартия", "Хартия.", 1)] + [
        _article(f"Новость {d}", f"Текст о многом, и о хартии. {d}", d) for d in range(2, 6)]
    for article in articles:
        session.add(article)
        await session.flush()
        await index_article(session, article)
    await session.commit()
    everything = [h.ref_id for h in await search(session, query="хартия", kind="article")]
    assert everything[0] == articles[0].id and len(everything) == 5
    monkeypatch.setattr(storage.search, "SEARCH_WINDOW", 3)
    newest = [h.ref_id for h in await search(session, query="хартия", kind="article")]
    assert sorted(newest) == sorted(a.id for a in articles[-3:])


async def test_equal_scores_at_the_page_boundary_go_newest_first(session):
    """Matches that score the same are all candidates for the page: the newest of them make it, and paging
    goes on through the rest (their ids run against their dates, so only the date can order them)."""
    def add(title: str, day: int) -> Article:
        return _article(title, "Текст о санкциях.", day)

    best = add("Санкции и визит", 1)  # the oldest, and the only one with the word in its title
    tied = [add("Новость", day) for day in (9, 2, 7, 4, 8)]  # the same text: the same score
    for article in [best, *tied]:
        session.add(article)
        await session.flush()
        await index_article(session, article)
    await session.commit()
    by_date = [a.id for a in sorted(tied, key=lambda a: a.published_at, reverse=True)]
    assert [h.ref_id for h in await search(session, query="санкции", kind="article", limit=3)] == [best.id, *by_date[:2]]
    page = await search(session, query="санкции", kind="article", limit=2, offset=3)
    assert [h.ref_id for h in page] == by_date[2:4]
    assert [h.ref_id for h in await search(session, query="санкции", kind="article", limit=9, offset=5)] == by_date[4:]


# Words PostgreSQL's own parser kept as one token (a host, a decimal number, an e-mail address), so a search
# for one of their words found the article on SQLite only.
JOINED_WORDS = ["gov", "state gov", "5 процента", "embassy", "press"]


@pytest.mark.parametrize("query", JOINED_WORDS)
async def test_both_databases_split_words_the_same_way(session, query):
    article = _article("Заявление Госдепартамента",
                       "Текст опубликован на state.gov: товарооборот вырос на 3.5 процента. "
                       "Вопросы принимает press@embassy.az.")
    session.add(article)
    await session.flush()
    await index_article(session, article)
    await session.commit()
    assert [h.ref_id for h in await search(session, query=query, kind="article")] == [article.id]


async def test_a_word_too_long_for_postgresql_finds_nothing_and_breaks_nothing(session):
    """PostgreSQL takes lexemes of up to 2,046 bytes: a longer word is left out of the document (as
    to_tsvector left it), and a query holding one finds nothing instead of failing."""
    giant = "ы" * 1500  # 3,000 bytes in UTF-8
    article = _article("Длинное слово", f"Начало {giant} конец.")
    session.add(article)
    await session.flush()
    await index_article(session, article)
    await session.commit()
    assert [h.ref_id for h in await search(session, query="начало конец", kind="article")] == [article.id]
    found = await search(session, query=f"начало {giant}", kind="article")
    if session.bind.dialect.name == "postgresql":
        assert found == []
    else:  # FTS5 keeps any length
        assert [h.ref_id for h in found] == [article.id]
