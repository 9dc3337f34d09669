"""Digests: the relevant articles ingested since a chat's previous digest, and new dossier events.

A digest covers the articles with `cursor < id <= end`, where `end` is the
newest article ingested at least SETTLE ago. An ingestion transaction is far
shorter than SETTLE, so every article with an id up to `end` is committed by
the time the digest reads it: advancing the cursor to `end` skips nothing, and
an article stored while a digest runs lands in the next one, never in both.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.articles import article_columns, article_of
from bot.briefing.events import view_columns, view_of
from bot.briefing.subscriptions import ALL
from bot.briefing.views import ArticleView, EventView
from storage.models import Article, ArticleTopic, Event, EventTopic, Topic

SETTLE = dt.timedelta(minutes=1)
MAX_ITEMS = 10  # articles in a digest message; the rest are a button away
MAX_NEW_EVENTS = 5
# Article ids one digest ranks: the newest of a longer window (a first digest, a long pause).
# The "more" button carries the window, so this also bounds what one press can make the bot load.
MAX_SPAN = 10_000


@dataclass(frozen=True)
class Window:
    """What one digest covers: articles after_id < id <= upto_id, events created in (since, until]."""

    after_id: int
    upto_id: int
    since: dt.datetime
    until: dt.datetime


@dataclass(frozen=True)
class DigestSection:
    topic: str | None  # None: relevant to the dossier but to none of its topics
    articles: tuple[ArticleView, ...]


@dataclass(frozen=True)
class Digest:
    window: Window
    sections: tuple[DigestSection, ...]
    total: int  # all matching articles in the window; those beyond the sections are "more"
    events: tuple[EventView, ...]
    more_events: int

    @property
    def shown(self) -> int:
        return sum(len(s.articles) for s in self.sections)

    @property
    def more(self) -> int:
        return self.total - self.shown

    @property
    def empty(self) -> bool:
        return self.total == 0 and not self.events


def ranked_span(win: Window) -> Window:
    """`win` narrowed to its newest MAX_SPAN article ids."""
    return replace(win, after_id=max(win.after_id, win.upto_id - MAX_SPAN))


def valid_span(after_id: int, upto_id: int) -> bool:
    """Whether a "more" button's ids could come from a digest; anything else was forged."""
    return 0 <= after_id <= upto_id and upto_id - after_id <= MAX_SPAN


async def window_end(session: AsyncSession, *, now: dt.datetime) -> int:
    """The newest article id a digest composed at `now` may include (0 when there is none)."""
    end = (await session.exec(select(func.max(Article.id)).where(Article.ingested_at <= now - SETTLE))).one()
    return int(end or 0)


def window(*, cursor: int | None, upto_id: int, last_run: dt.datetime | None, created: dt.datetime,
           now: dt.datetime) -> Window:
    """Runs at t1, t2 … cover events created in (t1 - SETTLE, t2 - SETTLE]: contiguous, no overlap."""
    since = (last_run or created) - SETTLE
    return Window(cursor or 0, max(upto_id, cursor or 0), since, now - SETTLE)


async def topic_ids(session: AsyncSession, *, topics: tuple[str, ...]) -> tuple[int, ...]:
    """Ids of the topics (empty for the whole dossier), for compact button data."""
    if topics == (ALL,):
        return ()
    rows = (await session.exec(select(Topic.id).where(Topic.slug.in_(topics)).order_by(Topic.id))).all()
    return tuple(rows)


async def topic_slugs(session: AsyncSession, *, ids: tuple[int, ...]) -> tuple[str, ...]:
    if not ids:
        return (ALL,)
    return tuple((await session.exec(select(Topic.slug).where(Topic.id.in_(ids)))).all())


async def ranked_articles(session: AsyncSession, *, topics: tuple[str, ...], win: Window) -> list[tuple[int, str | None]]:
    """(article id, its section's topic) for every matching article, most relevant first.

    An article sits under its best-scoring topic among the chat's; with the whole
    dossier, relevant articles that match no topic come under None.
    """
    everything = topics == (ALL,)
    win = ranked_span(win)
    query = (
        select(Article.id, Topic.slug, ArticleTopic.score, Topic.position)
        .join(ArticleTopic, ArticleTopic.article_id == Article.id, isouter=everything)
        .join(Topic, Topic.id == ArticleTopic.topic_id, isouter=everything)
        .where(Article.relevant == True, Article.id > win.after_id, Article.id <= win.upto_id)  # noqa: E712
    )
    if not everything:
        query = query.where(Topic.slug.in_(topics))
    best: dict[int, tuple[float, str | None]] = {}
    for article_id, slug, score, _ in (await session.exec(query)).all():
        current = best.get(article_id)
        score = float(score or 0.0)
        if current is None or score > current[0]:
            best[article_id] = (score, slug)
    # Most relevant first; among equals, the newest.
    order = sorted(best.items(), key=lambda item: (-item[1][0], -item[0]))
    return [(article_id, slug) for article_id, (_, slug) in order]


async def compose_digest(session: AsyncSession, *, topics: tuple[str, ...], win: Window, lang: str,
                         topic_order: tuple[str, ...], whole: bool = False) -> Digest:
    """The digest for a chat following `topics` over `win`; `topic_order` orders the sections.

    A message shows MAX_ITEMS articles and MAX_NEW_EVENTS events; `whole` (its web page) shows all."""
    win = ranked_span(win)  # the window its button carries
    ranked = await ranked_articles(session, topics=topics, win=win) if topics else []
    top = ranked if whole else ranked[:MAX_ITEMS]
    sections = await _sections(session, top, topic_order)
    events, more_events = await new_events(session, topics=topics, win=win, lang=lang,
                                           limit=None if whole else MAX_NEW_EVENTS)
    return Digest(win, sections, len(ranked), events, more_events)


async def digest_page(session: AsyncSession, *, topics: tuple[str, ...], win: Window, page: int,
                      topic_order: tuple[str, ...]) -> tuple[tuple[DigestSection, ...], int]:
    """Page `page` (0 is the digest itself) of a digest's articles, and how many pages there are."""
    ranked = await ranked_articles(session, topics=topics, win=win) if topics else []
    pages = max(1, -(-len(ranked) // MAX_ITEMS))
    chunk = ranked[page * MAX_ITEMS:(page + 1) * MAX_ITEMS] if 0 <= page < pages else []
    return await _sections(session, chunk, topic_order), pages


async def _sections(session: AsyncSession, ranked: list[tuple[int, str | None]],
                    topic_order: tuple[str, ...]) -> tuple[DigestSection, ...]:
    if not ranked:
        return ()
    rows = (await session.exec(select(*article_columns()).where(Article.id.in_([i for i, _ in ranked])))).all()
    by_id = {view.id: view for view in map(article_of, rows)}
    grouped: dict[str | None, list[ArticleView]] = {}
    for article_id, slug in ranked:
        grouped.setdefault(slug, []).append(by_id[article_id])
    position = {slug: i for i, slug in enumerate(topic_order)}
    keys = sorted(grouped, key=lambda slug: position.get(slug, len(position)) if slug else len(position) + 1)
    return tuple(DigestSection(slug, tuple(grouped[slug])) for slug in keys)


async def new_events(session: AsyncSession, *, topics: tuple[str, ...], win: Window, lang: str,
                     limit: int | None = MAX_NEW_EVENTS) -> tuple[tuple[EventView, ...], int]:
    """Visible events added to the dossier in the window (for the chat's topics), oldest date first."""
    if not topics:
        return (), 0
    query = select(Event.id).where(Event.hidden == False, Event.created_at > win.since,  # noqa: E712
                                   Event.created_at <= win.until)
    if topics != (ALL,):
        query = query.where(Event.id.in_(
            select(EventTopic.event_id).join(Topic, Topic.id == EventTopic.topic_id).where(Topic.slug.in_(topics))))
    ids = (await session.exec(query.order_by(Event.date, Event.id))).all()
    if not ids:
        return (), 0
    shown = ids if limit is None else ids[:limit]
    rows = (await session.exec(select(*view_columns(lang)).where(Event.id.in_(shown))
                               .order_by(Event.date, Event.id))).all()
    return tuple(map(view_of, rows)), len(ids) - len(shown)
