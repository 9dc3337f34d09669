"""Articles beside the seeded dossier, as ingestion stores and indexes them, for the pages' tests."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from storage.db import open_session
from storage.indexing import index_article
from storage.models import Article
from tests.pushes.factories import add_article

HOSTILE_TITLE = '<script>alert("x")</script> Хартия & co'
ARTICLES = (
    ("Хартия о стратегическом партнёрстве подписана в Баку", {"charter": 0.9}),
    ("Текст хартии опубликован на сайте президента", {"charter": 0.8}),
    ("TRIPP: маршрут через Армению обсуждают в Вашингтоне", {"tripp": 0.7}),
    (HOSTILE_TITLE, {"charter": 0.5}),
)


async def add_articles(engine, *, extra: int = 0) -> None:
    """The four ARTICLES (the hostile one with a `javascript:` link) and `extra` plain ones, newest last."""
    start = dt.datetime(2026, 2, 11, tzinfo=dt.timezone.utc)
    async with open_session(engine) as session:
        titles = list(ARTICLES) + [(f"Обзор прессы номер {n}", {"tripp": 0.4}) for n in range(extra)]
        for n, (title, topics) in enumerate(titles):
            article = await add_article(session, title=title, topics=topics,
                                        ingested_at=start + dt.timedelta(hours=n))
            if title == HOSTILE_TITLE:
                await session.exec(update(Article).where(Article.id == article.id)
                                   .values(url="javascript:alert(1)"))
            await index_article(session, article)
        await session.commit()
