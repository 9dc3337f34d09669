"""SQLite ranks searches like FTS5's bm25(), from document counts kept at indexing (storage.search_bm25)."""
from __future__ import annotations

import asyncio
import datetime as dt
import random

import pytest
from alembic import command
from sqlalchemy import text
from sqlmodel import select

from storage.db import make_engine, open_session
from storage.indexing import index_article, index_event
from storage.migrate import alembic_config, upgrade_async
from storage.models import Article, Event
from storage.search import BODY_WEIGHT, FTS_TABLES, SEARCH_WINDOW, TITLE_WEIGHT, Part, index_new_documents, \
    remove_document
from storage.search_bm25 import SIZES, STEMS, TERMS, scored_ctes
from tests.storage.migration_steps import table_names


TABLES = {STEMS, SIZES, *TERMS.values()}


@pytest.fixture
async def sqlite_engine(request, db_templates):
    engine = make_engine(db_templates.clone("sqlite", False, request))
    yield engine
    await engine.dispose()


def _corpus(rng: random.Random, documents: int) -> list[tuple[int, list[Part]]]:
    """Documents of stems: common words (in most documents: bm25's idf floor), rare ones, words repeated and
    next to each other, empty titles and bodies, lengths from 0 to 300 tokens."""
    words = [f"w{i}" for i in range(60)]
    weights = [1 / (i + 1) for i in range(60)]
    out = []
    for ref_id in range(1, documents + 1):
        def column(low: int, high: int) -> str:
            stems = rng.choices(words, weights, k=rng.randint(low, high))
            if stems and rng.random() < 0.3:
                stems.insert(rng.randrange(len(stems)), stems[0])  # the same stem twice in a row
            if rng.random() < 0.8:
                stems.append("common")
            return " ".join(stems)
        title = "" if rng.random() < 0.1 else column(0, 8)
        body = "" if rng.random() < 0.1 else column(0, 300)
        out.append((ref_id, [Part("", title=True, stems=title), Part("", stems=body)]))
    return out


QUERIES = [["w0"], ["common"], ["w3"], ["w59"], ["w1", "w2"], ["common", "w5"], ["w7", "w0", "common"], ["w20", "w30"]]


async def _ours_and_bm25(session, kind: str, terms: list[str], window: int = SEARCH_WINDOW):
    fts = FTS_TABLES[kind]
    params = {"match": " AND ".join(f'"{t}"' for t in terms), "window": window} | {
        f"t{i}": t for i, t in enumerate(terms)}
    scored = scored_ctes(fts=fts, kind=kind, terms=len(terms), title_weight=TITLE_WEIGHT, body_weight=BODY_WEIGHT)
    ours = dict((await session.exec(text(f"WITH {scored} SELECT id, score FROM scored"), params=params)).all())
    theirs = dict((await session.exec(text(
        f"SELECT rowid, -bm25({fts}, {TITLE_WEIGHT}, {BODY_WEIGHT}) FROM {fts} WHERE {fts} MATCH :match "
        "ORDER BY rowid DESC LIMIT :window"), params=params)).all())
    return ours, theirs


def _assert_equal_scores(ours: dict, theirs: dict) -> None:
    assert ours.keys() == theirs.keys()
    assert all(abs(ours[i] - theirs[i]) <= 1e-9 for i in ours), {i: (ours[i], theirs[i]) for i in ours}


async def test_scores_equal_fts5_bm25_on_a_varied_corpus(sqlite_engine):
    rng = random.Random(3)
    async with open_session(sqlite_engine) as session:
        await index_new_documents(session, kind="article", documents=_corpus(rng, 500))
        await session.commit()
        compared = 0
        for terms in QUERIES:
            for window in (SEARCH_WINDOW, 40):
                ours, theirs = await _ours_and_bm25(session, "article", terms, window)
                _assert_equal_scores(ours, theirs)
                compared += len(ours)
        # Removing and re-adding documents keeps the counts, so the scores, equal.
        for ref_id in range(1, 500, 3):
            await remove_document(session, kind="article", ref_id=ref_id)
        await index_new_documents(session, kind="article", documents=[
            (ref_id + 1000, parts) for ref_id, parts in _corpus(random.Random(4), 120)])
        await session.commit()
        for terms in QUERIES:
            _assert_equal_scores(*await _ours_and_bm25(session, "article", terms))
    assert compared > 2000


async def _counts(session, kind: str) -> tuple[dict, dict]:
    """(our counts, FTS5's) for one kind: {stem: documents}, plus the kind's documents and tokens under None."""
    fts = FTS_TABLES[kind]
    ours = dict((await session.exec(text("SELECT stem, docs FROM search_stems WHERE kind = :kind"),
                                    params={"kind": kind})).all())
    size = (await session.exec(text("SELECT docs, tokens FROM search_sizes WHERE kind = :kind"),
                               params={"kind": kind})).first()
    rows = (await session.exec(text(f"SELECT count(*), coalesce(sum(length), 0) FROM {TERMS[kind]}"))).one()
    ours[None] = (*(size or (0, 0)), *rows)  # and the documents' own rows: one each, their lengths adding up
    await session.exec(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_{kind} USING fts5vocab(main, {fts}, 'row')"))
    theirs = dict((await session.exec(text(f"SELECT term, doc FROM temp.vocab_{kind}"))).all())
    theirs[None] = 2 * tuple((await session.exec(text(
        f"SELECT (SELECT count(*) FROM {fts}), (SELECT coalesce(sum(cnt), 0) FROM temp.vocab_{kind})"))).one())
    return ours, theirs


async def _assert_counts_match(session) -> None:
    for kind in FTS_TABLES:
        ours, theirs = await _counts(session, kind)
        assert ours == theirs, kind


def _article(title: str, body: str, day: int) -> Article:
    return Article(title=title, outlet="Test", url=None, language="ru", body=body, summary="…",
                   published_at=dt.datetime(2026, 1, day, tzinfo=dt.timezone.utc), content_hash=f"h{day}",
                   simhash=day, band0=day, band1=0, band2=0, band3=0, relevant=True)


async def test_counts_follow_added_edited_and_removed_events_and_articles(request, db_templates):
    engine = make_engine(db_templates.clone("sqlite", True, request))  # the dossier, indexed as it loaded
    try:
        async with open_session(engine) as session:
            await _assert_counts_match(session)
            assert (await _counts(session, "event"))[0][None][0] > 10
            article = _article("Хартия подписана", "Хартия, хартия и снова хартия: визит в Баку.", 2)
            session.add(article)
            await session.flush()
            await index_article(session, article)
            await _assert_counts_match(session)
            event = (await session.exec(select(Event).where(Event.slug.contains("charter-signed")))).one()
            event.title_ru, event.summary_en = "Совсем другой заголовок", "Entirely new words here"
            await index_event(session, event)
            await _assert_counts_match(session)
            article.body = "Другой текст."
            await index_article(session, article)
            await _assert_counts_match(session)
            await remove_document(session, kind="event", ref_id=event.id)
            await remove_document(session, kind="article", ref_id=article.id)
            await remove_document(session, kind="article", ref_id=article.id)  # gone already: nothing changes
            await _assert_counts_match(session)
            await session.commit()
    finally:
        await engine.dispose()


async def test_migration_fills_the_counts_from_the_fts_tables_and_goes_down_and_up(db_url):
    engine = make_engine(db_url)
    try:
        await asyncio.to_thread(command.downgrade, alembic_config(db_url), "0017")
        assert not TABLES & set(await table_names(engine))
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            rng = random.Random(5)
            async with engine.begin() as conn:
                for kind, fts in FTS_TABLES.items():
                    rows = [{"rowid": ref_id, "title": parts[0].stems, "body": parts[1].stems}
                            for ref_id, parts in _corpus(rng, 150)]
                    await conn.execute(text(f"INSERT INTO {fts}(rowid, title, body) VALUES (:rowid, :title, :body)"),
                                       rows)
        await upgrade_async(db_url)
        tables = set(await table_names(engine))
        if not sqlite:  # PostgreSQL ranks with ts_rank: the migration makes nothing there
            assert not TABLES & tables
            return
        async with open_session(engine) as session:
            await _assert_counts_match(session)
            assert (await _counts(session, "article"))[0][None][0] == 150
            for terms in QUERIES:
                _assert_equal_scores(*await _ours_and_bm25(session, "event", terms))
        await asyncio.to_thread(command.downgrade, alembic_config(db_url), "0017")
        assert not TABLES & set(await table_names(engine))
        await upgrade_async(db_url)
        async with open_session(engine) as session:
            await _assert_counts_match(session)
    finally:
        await engine.dispose()
