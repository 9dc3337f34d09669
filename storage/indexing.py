"""What of each event and article goes into the full-text index."""
from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Article, Event
from storage.search import Part, index_document


def event_parts(event: Event) -> list[Part]:
    return [
        Part(event.title_ru, "ru", title=True),
        Part(event.title_en, "en", title=True),
        Part(event.summary_ru, "ru"),
        Part(event.summary_en, "en"),
    ]


def article_parts(article: Article) -> list[Part]:
    return [Part(article.title, article.language, title=True), Part(article.body, article.language)]


async def index_event(session: AsyncSession, event: Event) -> None:
    await index_document(session, kind="event", ref_id=event.id, parts=event_parts(event))


async def index_article(session: AsyncSession, article: Article) -> None:
    await index_document(session, kind="article", ref_id=article.id, parts=article_parts(article))
