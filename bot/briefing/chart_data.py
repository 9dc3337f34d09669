"""Counts for the timeline chart: events per month by topic, and the milestones to label."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Event, EventTopic, Topic

MONTHS_SHOWN = 36  # the chart covers the latest three years of the timeline
GENERAL = ""  # events without a topic


@dataclass(frozen=True)
class ChartData:
    months: tuple[dt.date, ...]  # first day of each month, oldest first
    series: tuple[tuple[str, tuple[int, ...]], ...]  # (topic name, count per month)
    milestones: tuple[tuple[dt.date, str], ...]  # (date, title) of the topics' key events

    @property
    def empty(self) -> bool:
        return not self.months


def _month(date: dt.date) -> dt.date:
    return date.replace(day=1)


def _add_months(date: dt.date, n: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


async def chart_data(session: AsyncSession, *, lang: str, general_name: str) -> ChartData:
    last = (await session.exec(select(Event.date).where(Event.hidden == False)  # noqa: E712
                               .order_by(Event.date.desc()).limit(1))).first()
    if last is None:
        return ChartData((), (), ())
    end = _month(last)
    start = _add_months(end, -(MONTHS_SHOWN - 1))
    months = tuple(_add_months(start, i) for i in range(MONTHS_SHOWN))
    rows = (await session.exec(
        select(Event.id, Event.date, Topic.slug, getattr(Topic, f"name_{lang}"))
        .outerjoin(EventTopic, EventTopic.event_id == Event.id).outerjoin(Topic, Topic.id == EventTopic.topic_id)
        .where(Event.hidden == False, Event.date >= start)  # noqa: E712
    )).all()
    counts: dict[str, Counter] = {}
    names: dict[str, str] = {GENERAL: general_name}
    for _, date, slug, name in rows:
        key = slug or GENERAL
        names[key] = name or general_name
        counts.setdefault(key, Counter())[_month(date)] += 1
    topics = (await session.exec(select(Topic).where(Topic.hidden == False).order_by(Topic.position))).all()  # noqa: E712
    order = [t.slug for t in topics if t.slug in counts] + ([GENERAL] if GENERAL in counts else [])
    series = tuple((names[k], tuple(counts[k][m] for m in months)) for k in order)
    key_slugs = {slug for t in topics for slug in t.key_events}
    milestone_rows = (await session.exec(
        select(Event).where(Event.slug.in_(key_slugs), Event.hidden == False, Event.date >= start)  # noqa: E712
        .order_by(Event.date))).all() if key_slugs else []
    milestones = tuple((e.date, getattr(e, f"title_{lang}")) for e in milestone_rows)
    return ChartData(months, series, milestones)
