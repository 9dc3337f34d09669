"""Synthetic events and articles for benchmarks, bulk-loaded into a migrated, seeded store.

Two corpora of the same size:
- `realistic` (the default) reads like the news the bot stores: the ingestion
  benchmark's Russian vocabulary (Zipf-skewed, with function words) and an
  English counterpart for the events' English texts; most texts name the two
  countries and some a topic's terms; articles run 6-10 paragraphs (about 400
  words). Then "хартия" is in about one article in five, "визит" in most, and
  "Азербайджан" in about two in three.
- `uniform` is the earlier corpus: 30 words drawn uniformly, about 100 per
  article, so every query word is in nearly every document: the worst case
  for full-text ranking.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import random

from sqlalchemy import insert, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bench.ingest_data import COMMON, RELEVANT, TOPIC_TERMS, WORDS
from storage.models import Article, ArticleTopic, Event, EventSource, EventTopic, Source, Topic
from storage.search import Part, index_new_documents
from storage.stemming import stems

CORPORA = ("realistic", "uniform")
# Dossier words the ingestion vocabulary lacks, among its rarer words.
RU_EXTRA = "санкции помощь военный ограничения отмена указ конгресс законопроект сенат палата мирный".split()
EN_COMMON = "the of and to in on for with by at as from that is was will be has its their this also".split()
EN_WORDS = ("development cooperation region security energy transport project agreement talks visit delegation "
            "minister president government parliament economy investment trade market company programme statement "
            "meeting summit forum dialogue partner interest issue decision process stage period level relations "
            "policy position situation role task opportunity prospect initiative route corridor transit pipeline "
            "oil gas supplies export import growth decline share volume border peace settlement conflict treaty "
            "signing document memorandum commission group expert analyst source agency report interview comment "
            "assessment forecast results capital city province country state union organisation council committee "
            "department service defence army exercises technology digital cybersecurity infrastructure education "
            "culture tourism sport health ecology climate water agriculture sanctions aid military restrictions "
            "waiver decree congress bill senate house peace").split()
EN_RELEVANT = ("Azerbaijan", "Baku", "Ilham Aliyev", "United States", "Washington", "Donald Trump", "State Department")
EN_TOPIC_TERMS = ("Strategic Partnership Charter", "Section 907", "Freedom Support Act", "Trump Route", "TRIPP",
                  "Zangezur corridor")
UNIFORM_RU = ("хартия поправка санкции визит переговоры делегация президент министр энергетика транзит маршрут "
              "безопасность сотрудничество соглашение конгресс законопроект инвестиции коридор саммит письмо "
              "звонок заявление форум интервью партнерство оборона терроризм разминирование экономика нефть газ").split()
UNIFORM_EN = ("charter amendment sanctions visit talks delegation president minister energy transit route security "
              "cooperation agreement congress bill investment corridor summit letter call statement forum interview "
              "partnership defence terrorism demining economy oil gas").split()
BATCH = 2000
NOW = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)


class Writer:
    """Sentences in one language: Zipf-skewed words, a function word every fourth, names and topic terms."""

    def __init__(self, words, common, relevant, topic_terms, conjunction: str) -> None:
        self.words, self.common, self.relevant, self.topic_terms = words, common, relevant, topic_terms
        self.conjunction = conjunction
        # Cumulative, as random.choices would make them from weights on every call (same draws).
        self.cum_weights = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(words))))

    def sentence(self, rng: random.Random, low: int = 10, high: int = 18, topic_share: float = 0.05) -> str:
        words = rng.choices(self.words, cum_weights=self.cum_weights, k=rng.randint(low, high))
        for i in range(0, len(words), 4):
            words.insert(i, rng.choice(self.common))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(self.relevant))
        if rng.random() < topic_share:
            words.insert(rng.randrange(len(words)), rng.choice(self.topic_terms))
        return " ".join(words).capitalize() + "."

    def lead(self, rng: random.Random) -> str:
        """Who: a name from each country, as news leads open."""
        return f"{rng.choice(self.relevant[:3])} {self.conjunction} {rng.choice(self.relevant[3:])}"


RU = Writer(WORDS + RU_EXTRA, COMMON, RELEVANT, TOPIC_TERMS, "и")
EN = Writer(EN_WORDS, EN_COMMON, EN_RELEVANT, EN_TOPIC_TERMS, "and")


def _uniform(rng: random.Random, words, n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


def event_texts(rng: random.Random, corpus: str) -> dict[str, str]:
    if corpus == "uniform":
        return dict(title_ru=_uniform(rng, UNIFORM_RU, 6), title_en=_uniform(rng, UNIFORM_EN, 6),
                    summary_ru=_uniform(rng, UNIFORM_RU, 40), summary_en=_uniform(rng, UNIFORM_EN, 40))
    out = {}
    for lang, writer in (("ru", RU), ("en", EN)):
        title = writer.sentence(rng, 5, 8, topic_share=0.3)[:-1]
        summary = " ".join(writer.sentence(rng, 8, 14, topic_share=0.15) for _ in range(rng.randint(2, 4)))
        out[f"title_{lang}"], out[f"summary_{lang}"] = title[:200], f"{writer.lead(rng)}: {summary[0].lower()}{summary[1:]}"
    return out


def article_texts(rng: random.Random, corpus: str) -> tuple[str, str, str]:
    """(title, body, summary) of one article."""
    if corpus == "uniform":
        body = " ".join(_uniform(rng, UNIFORM_RU, 12) for _ in range(8))
        return _uniform(rng, UNIFORM_RU, 8), body, body[:300]
    paragraphs = [" ".join(RU.sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(6, 10))]
    paragraphs[0] = f"{RU.lead(rng)} {paragraphs[0][0].lower()}{paragraphs[0][1:]}"
    summary = paragraphs[0][:400].rsplit(" ", 1)[0] if len(paragraphs[0]) > 400 else paragraphs[0]
    return RU.sentence(rng, 5, 8, topic_share=0.2)[:-1], "\n\n".join(paragraphs), summary


def _event_batch(rng: random.Random, corpus: str, start: int, stop: int, topic_ids: list[int]):
    """Rows, topic picks and stemmed search parts of events start..stop (the random stream of the old loader)."""
    rows = []
    for i in range(start, stop):
        date = dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(13_000))
        rows.append(dict(slug=f"synthetic-{corpus[0]}{i}", date=date, precision="day", **event_texts(rng, corpus),
                         origin="seed", hidden=False, version=1, created_at=NOW, updated_at=NOW))
    topics = [rng.choice(topic_ids) for _ in rows]
    parts = [[_part(r["title_ru"], True), _part(r["title_en"], True), _part(r["summary_ru"]), _part(r["summary_en"])]
             for r in rows]
    return rows, topics, parts


def _article_batch(rng: random.Random, corpus: str, start: int, stop: int, topic_ids: list[int]):
    rows = []
    for i in range(start, stop):
        title, body, summary = article_texts(rng, corpus)
        published = NOW - dt.timedelta(minutes=rng.randrange(2_000_000))
        simhash = rng.getrandbits(63)
        rows.append(dict(title=title, outlet="Synthetic", url=f"https://example.org/{corpus[0]}/{i}",
                         url_key=f"example.org/{corpus[0]}/{i}", published_at=published, date_flagged=False,
                         language="ru", body=body, summary=summary, content_hash=f"{i:064x}", simhash=simhash,
                         band0=simhash & 0xFFFF, band1=(simhash >> 16) & 0xFFFF, band2=(simhash >> 32) & 0xFFFF,
                         band3=(simhash >> 48) & 0xFFFF, relevant=True, ingested_at=published))
    topics = [(rng.choice(topic_ids), rng.random()) for _ in rows]
    return rows, topics, [[_part(r["title"], True), _part(r["body"])] for r in rows]


def _part(text: str, title: bool = False) -> Part:
    return Part(text, title, stems=" ".join(stems(text)))


async def _batches(make, rng: random.Random, corpus: str, total: int, topic_ids: list[int]):
    """The batches of `make`, each made in a worker thread while the previous one is written: the database
    (SQLite's C code, or the PostgreSQL server) works while Python writes and stems the next texts."""
    starts = range(0, total, BATCH)
    pending = None
    for start in starts:
        batch = await (pending or asyncio.to_thread(make, rng, corpus, start, min(start + BATCH, total), topic_ids))
        following = start + BATCH
        pending = (asyncio.ensure_future(asyncio.to_thread(
            make, rng, corpus, following, min(following + BATCH, total), topic_ids)) if following < total else None)
        yield batch


async def load(session: AsyncSession, *, events: int, articles: int, corpus: str = "realistic", seed: int = 7) -> None:
    """Add `events` timeline events and `articles` relevant articles with topics and search entries."""
    rng = random.Random(seed)
    topic_ids = list((await session.exec(select(Topic.id))).scalars().all())
    source_id = (await session.exec(select(Source.id).limit(1))).scalar_one()
    async for rows, topics, parts in _batches(_event_batch, rng, corpus, events, topic_ids):
        ids = (await session.exec(insert(Event).returning(Event.id, sort_by_parameter_order=True), params=rows)).scalars().all()
        await session.exec(insert(EventTopic), params=[{"event_id": i, "topic_id": t} for i, t in zip(ids, topics)])
        await session.exec(insert(EventSource), params=[{"event_id": i, "source_id": source_id, "position": 0}
                                                         for i in ids])
        await index_new_documents(session, kind="event", documents=list(zip(ids, parts)))
    async for rows, topics, parts in _batches(_article_batch, rng, corpus, articles, topic_ids):
        ids = (await session.exec(insert(Article).returning(Article.id, sort_by_parameter_order=True), params=rows)).scalars().all()
        await session.exec(insert(ArticleTopic), params=[{"article_id": i, "topic_id": t, "score": score}
                                                          for i, (t, score) in zip(ids, topics)])
        await index_new_documents(session, kind="article", documents=list(zip(ids, parts)))
