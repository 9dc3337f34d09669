"""The frozen views that services return and renderers consume."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class SourceView:
    outlet: str
    title: str
    url: str | None
    published: dt.date | None


@dataclass(frozen=True)
class EventView:
    id: int
    slug: str
    date: dt.date
    precision: str  # day | month | year
    title: str
    summary: str
    topics: tuple[str, ...]
    sources: tuple[SourceView, ...]


@dataclass(frozen=True)
class ArticleView:
    id: int
    title: str
    outlet: str | None
    published: dt.datetime
    summary: str
    url: str | None
    topics: tuple[str, ...]


@dataclass(frozen=True)
class TopicView:
    slug: str
    name: str
    tagline: str
