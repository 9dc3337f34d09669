"""What every parser produces, and how an input is turned away."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.ingest.refusals import Refusal


class RejectedArticle(ValueError):
    """An input that cannot become an article: `refusal` says why (a code of bot.ingest.refusals
    with its parameters, or a free English text), `reason` in English."""

    def __init__(self, code_or_text: str, **params: str | int) -> None:
        self.refusal = Refusal.of(code_or_text, **params)
        self.reason = self.refusal.reason
        super().__init__(self.reason)


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
