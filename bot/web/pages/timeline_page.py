"""GET /timeline: the events, newest first, narrowed by topic, year and month, a page at a time."""
from __future__ import annotations

import asyncio

from aiohttp import web

from bot.briefing.periods import timeline_years
from bot.briefing.timeline import TimelineFilter, timeline_page
from bot.briefing.topics import list_topics
from bot.web.keys import ENGINE
from bot.web.pages.language import page_language
from bot.web.pages.params import int_param, page_index
from bot.web.pages.templating import render
from storage.db import open_session

PAGE_SIZE = 20
YEARS = (1900, 2100)
YEARS_KEPT = 60.0  # seconds; as long as a reader's copy of the page is fresh (Cache-Control), so no staler


class KeptYears:
    """The years to pick from, read again at most once a YEARS_KEPT: reading them scans every event."""

    def __init__(self) -> None:
        self.years: list[int] = []
        self.read_at: float | None = None

    async def get(self, session, *, now: float) -> list[int]:
        if self.read_at is None or now - self.read_at >= YEARS_KEPT:
            self.years, self.read_at = await timeline_years(session), now
        return self.years


KEPT_YEARS = web.AppKey("timeline_years", KeptYears)


async def timeline(request: web.Request) -> web.Response:
    lang = page_language(request).lang
    async with open_session(request.app[ENGINE]) as session:
        topics = await list_topics(session, lang=lang)
        chosen, ignored = _filter(request, {tv.slug for tv in topics})
        found = await timeline_page(session, lang=lang, filter=chosen, page=page_index(request), page_size=PAGE_SIZE)
        years = await request.app[KEPT_YEARS].get(session, now=asyncio.get_running_loop().time())
    names = {tv.slug: tv.name for tv in topics}
    return render(request, "timeline.html", nav="timeline", found=found, topics=topics, topic_names=names,
                  years=years, ignored=ignored, chosen=chosen, filter_name=names.get(chosen.topic))


def _filter(request: web.Request, topic_slugs: set[str]) -> tuple[TimelineFilter, bool]:
    """The filter asked for; True too when some of it was not valid (and so left out)."""
    query = request.query
    topic = query.get("topic") or None
    year = int_param(request, "year", low=YEARS[0], high=YEARS[1])
    month = int_param(request, "month", low=1, high=12)
    ignored = bool(
        (topic and topic not in topic_slugs) or (query.get("year") and year is None)
        or (query.get("month") and (month is None or year is None)))
    return TimelineFilter(year=year, month=month if year else None,
                          topic=topic if topic in topic_slugs else None), ignored
