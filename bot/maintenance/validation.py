"""Validating what maintainers type: dates, titles, summaries, topics, sources, keywords.

Every check raises Invalid with a catalog key (under "maint.invalid.") and the
values its text needs, so the handler can answer in the maintainer's language.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.ingest.http_fetch import FetchError, check_url
from bot.ingest.language import AZ_LETTERS, AZ_SCHWA
from bot.ingest.tagging import compile_term
from storage.seed_schema import TOPIC_SLUG_RE, PartialDate

# The seed schema's limits (storage.seed_schema.EventSeed), checked against it in the tests.
TITLE_MAX, SUMMARY_MAX = 200, 2000
NAME_MAX, TAGLINE_MAX, CARD_MAX = 200, 500, 3500  # a card must fit one message with its heading
OUTLET_MAX, SOURCE_TITLE_MAX, URL_MAX = 200, 500, 2000
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_SOURCES, MAX_KEYWORDS = 10, 60
DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


class Refused(ValueError):
    """What a maintainer asked cannot be done: `key` names the catalog text's tail, `values` fill it."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


class Invalid(Refused):
    """Input a maintainer must correct (texts under "maint.invalid.")."""


@dataclass(frozen=True)
class SourceInput:
    url: str
    outlet: str
    title: str | None  # None: the event's title in the source's place


def parse_date(text: str) -> PartialDate:
    """YYYY-MM-DD, YYYY-MM or YYYY: a date known to the day, the month or the year."""
    word = text.strip()
    m = DATE_RE.fullmatch(word)
    if not m:
        raise Invalid("date_format", value=word)
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Invalid("date_range", value=word, low=MIN_YEAR, high=MAX_YEAR)
    try:
        dt.date(year, month, day)
    except ValueError:
        raise Invalid("date_impossible", value=word) from None
    return PartialDate.parse(f"{year:04d}" + (f"-{month:02d}" if m[2] else "") + (f"-{day:02d}" if m[3] else ""))


def one_line_text(text: str, *, field: str, limit: int) -> str:
    """A title or name: one line, not blank, at most `limit` characters."""
    value = " ".join(text.split())
    if not value:
        raise Invalid("empty", field=field)
    if len(value) > limit:
        raise Invalid("too_long", field=field, length=len(value), limit=limit)
    return value


def long_text(text: str, *, field: str, limit: int) -> str:
    """A summary or card: paragraphs kept, not blank, at most `limit` characters."""
    value = "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip())
    if not value:
        raise Invalid("empty", field=field)
    if len(value) > limit:
        raise Invalid("too_long", field=field, length=len(value), limit=limit)
    return value


def title(text: str) -> str:
    return one_line_text(text, field="title", limit=TITLE_MAX)


def summary(text: str) -> str:
    return long_text(text, field="summary", limit=SUMMARY_MAX)


def topic_list(text: str, known: list[str]) -> list[str]:
    """Topic slugs separated by commas or spaces; "-" or nothing: none."""
    words = [w.lower() for w in re.split(r"[\s,;]+", text.strip()) if w and w != "-"]
    unknown = [w for w in words if w not in known]
    if unknown:
        raise Invalid("unknown_topics", topics=", ".join(unknown), known=", ".join(known))
    return list(dict.fromkeys(words))


def url(text: str) -> str:
    value = text.strip()
    if len(value) > URL_MAX or re.search(r"\s", value):
        raise Invalid("url", value=value[:80])
    try:
        value = check_url(value)
    except FetchError:
        raise Invalid("url", value=value[:80]) from None
    host = urlsplit(value).hostname or ""
    if "." not in host and host != "localhost":
        raise Invalid("url", value=value[:80])
    return value


def source(line: str) -> SourceInput:
    """`URL | outlet | title`; the outlet defaults to the site's name, the title to the event's."""
    parts = [p.strip() for p in line.split("|")]
    if len(parts) > 3:
        raise Invalid("source_format", value=line.strip()[:80])
    address = url(parts[0])
    host = (urlsplit(address).hostname or "").removeprefix("www.")
    outlet = one_line_text(parts[1], field="outlet", limit=OUTLET_MAX) if len(parts) > 1 and parts[1] else host
    name = one_line_text(parts[2], field="source_title", limit=SOURCE_TITLE_MAX) if len(parts) > 2 and parts[2] \
        else None
    return SourceInput(address, outlet, name)


def sources(text: str) -> list[SourceInput]:
    """One source per line (at least one, at most MAX_SOURCES)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise Invalid("no_sources")
    if len(lines) > MAX_SOURCES:
        raise Invalid("too_many_sources", limit=MAX_SOURCES)
    return [source(line) for line in lines]


def topic_slug(text: str, *, taken: set[str]) -> str:
    """A new topic's slug, which is also its command: /charter."""
    slug = text.strip().lower().lstrip("/")
    if not re.fullmatch(TOPIC_SLUG_RE, slug):
        raise Invalid("slug", value=text.strip()[:40])
    if slug in taken:
        raise Invalid("slug_taken", value=slug)
    return slug


def keywords(text: str) -> dict[str, list[str]]:
    """Comma-separated terms, sorted by script into the rules' languages."""
    terms = list(dict.fromkeys(" ".join(t.split()) for t in re.split(r"[,;\n]+", text) if t.strip()))
    if not terms:
        raise Invalid("empty", field="keywords")
    if len(terms) > MAX_KEYWORDS:
        raise Invalid("too_many_keywords", limit=MAX_KEYWORDS)
    rules: dict[str, list[str]] = {"ru": [], "en": [], "az": []}
    for term in terms:
        try:
            compile_term(term)
        except ValueError:
            raise Invalid("keyword", value=term[:40]) from None
        rules[_script(term)].append(term)
    return rules


def _script(term: str) -> str:
    if re.search(r"[а-яё]", term, re.IGNORECASE):
        return "ru"
    if any(letter in AZ_SCHWA + AZ_LETTERS for letter in term):
        return "az"
    return "en"
