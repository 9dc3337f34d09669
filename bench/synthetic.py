"""Synthetic events and articles for benchmarks, bulk-loaded into a migrated, seeded store."""
from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Article, ArticleTopic, Event, EventSource, EventTopic, Source, Topic
from storage.search import Part, index_new_documents

WORDS_RU = ("хартия поправка санкции визит переговоры делегация президент министр энергетика транзит маршрут "
            "безопасность сотрудничество соглашение конгресс законопроект инвестиции коридор саммит письмо "
            "звонок заявление форум интервью партнерство оборона терроризм разминирование экономика нефть газ").split()
WORDS_EN = ("charter amendment sanctions visit talks delegation president minister energy transit route security "
            "cooperation agreement congress bill investment corridor summit letter call statement forum interview "
            "partnership defence terrorism demining economy oil gas").split()
BATCH = 2000


def _sentence(rng: random.Random, words, n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


async def load(session: AsyncSession, *, events: int, articles: int, seed: int = 7) -> None:
    """Add `events` timeline events and `articles` relevant articles with topics and search entries."""
    rng = random.Random(seed)
    topic_ids = list((await session.exec(select(Topic.id))).scalars().all())
    source_id = (await session.exec(select(Source.id).limit(1))).scalar_one()
    now = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
    for start in range(0, events, BATCH):
        rows = []
        for i in range(start, min(start + BATCH, events)):
            date = dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(13_000))
            rows.append(dict(slug=f"synthetic-{i}", date=date, precision="day", title_ru=_sentence(rng, WORDS_RU, 6),
                             title_en=_sentence(rng, WORDS_EN, 6), summary_ru=_sentence(rng, WORDS_RU, 40),
                             summary_en=_sentence(rng, WORDS_EN, 40), origin="seed", hidden=False, version=1,
                             created_at=now, updated_at=now))
        ids = (await session.exec(insert(Event).returning(Event.id, sort_by_parameter_order=True), params=rows)).scalars().all()
        await session.exec(insert(EventTopic), params=[{"event_id": i, "topic_id": rng.choice(topic_ids)} for i in ids])
        await session.exec(insert(EventSource), params=[{"event_id": i, "source_id": source_id, "position": 0}
                                                         for i in ids])
        await index_new_documents(session, kind="event", documents=[
            (i, [Part(r["title_ru"], "ru", True), Part(r["title_en"], "en", True), Part(r["summary_ru"], "ru"),
                 Part(r["summary_en"], "en")]) for i, r in zip(ids, rows)])
    for start in range(0, articles, BATCH):
        rows = []
        for i in range(start, min(start + BATCH, articles)):
            body = " ".join(_sentence(rng, WORDS_RU, 12) for _ in range(8))
            published = now - dt.timedelta(minutes=rng.randrange(2_000_000))
            simhash = rng.getrandbits(63)
            rows.append(dict(title=_sentence(rng, WORDS_RU, 8), outlet="Synthetic", url=f"https://example.org/a/{i}",
                             url_key=f"example.org/a/{i}", published_at=published, date_flagged=False, language="ru",
                             body=body, summary=body[:300], content_hash=f"{i:064x}", simhash=simhash,
                             band0=simhash & 0xFFFF, band1=(simhash >> 16) & 0xFFFF, band2=(simhash >> 32) & 0xFFFF,
                             band3=(simhash >> 48) & 0xFFFF, relevant=True, ingested_at=published))
        ids = (await session.exec(insert(Article).returning(Article.id, sort_by_parameter_order=True), params=rows)).scalars().all()
        await session.exec(insert(ArticleTopic), params=[{"article_id": i, "topic_id": rng.choice(topic_ids),
                                                           "score": rng.random()} for i in ids])
        await index_new_documents(session, kind="article", documents=[
            (i, [Part(r["title"], "ru", True), Part(r["body"], "ru")]) for i, r in zip(ids, rows)])
