"""Rows the push tests need: articles as ingestion stores them, and subscribers."""
from __future__ import annotations

import datetime as dt
import itertools

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing import push_settings, subscriptions
from bot.briefing.chats import record_chat
from storage.models import Article, ArticleTopic, Chat, Topic

_serial = itertools.count(1)


async def add_article(session: AsyncSession, *, title: str, topics: dict[str, float], ingested_at: dt.datetime,
                      relevant: bool = True, outlet: str = "Report.az") -> Article:
    n = next(_serial)
    article = Article(title=title, outlet=outlet, url=f"https://example.org/{n}", url_key=f"example.org/{n}",
                      published_at=ingested_at - dt.timedelta(hours=1), language="ru", body=f"{title}. Текст.",
                      summary=f"Кратко: {title}.", content_hash=f"{n:064x}", simhash=n, band0=n, band1=n, band2=n,
                      band3=n, relevant=relevant, ingested_at=ingested_at)
    session.add(article)
    await session.flush()
    for slug, score in topics.items():
        topic_id = (await session.exec(select(Topic.id).where(Topic.slug == slug))).one()
        session.add(ArticleTopic(article_id=article.id, topic_id=topic_id, score=score))
    await session.flush()
    return article


async def add_subscriber(session: AsyncSession, *, chat_id: int, now: dt.datetime, topics=None,
                         timezone: str = "Asia/Baku", language: str = "en") -> Chat:
    """A private chat subscribed (to `topics`, or everything) with the default schedules."""
    chat = await record_chat(session, chat_id=chat_id, type="private", title="Reader", username=None,
                             language=language, timezone=timezone, now=now)
    await subscriptions.subscribe(session, chat_id=chat_id, topics=topics, now=now)
    await push_settings.restart_pushes(session, chat=chat, now=now)
    return chat
