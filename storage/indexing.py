"""What of each event and article goes into the full-text index."""
from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Article, Event
from storage.search import Part, index_document


def event_parts(event: Event) -> list[Part]:
    return [
        Part(event.title_ru, title=True),
        Part(event.title_en, title=True),
        Part(event.summary_ru),
        Part(event.summary_en),
    ]


def article_parts(title: str, body: str, body_stems: str | None = None) -> list[Part]:
    """`body_stems`: the body's stems, when the caller has them (an import's workers)."""
    return [Part(title, title=True), Part(body, stems=body_stems)]


async def index_event(session: AsyncSession, event: Event) -> None:
    await index_document(session, kind="event", ref_id=event.id, parts=event_parts(event))


async def index_article(session: AsyncSession, article: Article) -> None:
    parts = article_parts(article.title, article.body)
    await index_document(session, kind="article", ref_id=article.id, parts=parts)
