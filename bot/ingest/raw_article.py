"""What every parser produces, and how an input is turned away."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


class RejectedArticle(ValueError):
    """An input that cannot become an article; `reason` says why, for people."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class RawArticle:
    """An article as a parser found it, before cleaning.

    `published` is the date the source states (None when it states none);
    `published_at` is the exact moment when the source gives a time too
    (timezone-aware). `url` is where it came from, `canonical_url` what the
    page itself declares canonical.
    """

    body: str
    title: str | None = None
    published: dt.date | None = None
    published_at: dt.datetime | None = None
    outlet: str | None = None
    section: str | None = None
    url: str | None = None
    canonical_url: str | None = None
