"""Dates written in article text, and the date an article is filed under.

Recognised forms: "10 февраля 2026 (года)", "10 fevral 2026", "10.02.2026",
"February 10, 2026", "10 February 2026", "Feb. 10, 2026" and ISO "2026-02-10".
Dates after `now` (announcements) and before MIN_YEAR are ignored.

Which date an article gets (`resolve_published`), in order:
1. the date its source states (header line, page metadata, feed): "metadata";
2. a date in the first LEAD_CHARS of the raw text (a dateline or byline that
   cleaning may have removed), else of the cleaned text: "text";
3. the latest date mentioned anywhere in the cleaned text, as the article
   cannot be older than the events it reports: "text";
4. none: the import time `now`, with `flagged=True`: "import".
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

MIN_YEAR = 1990
LEAD_CHARS = 300
DATE_ONLY_HOUR = 12  # a date without a time becomes noon UTC: the same date from UTC-11 to UTC+11

RU_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август",
             "сентябр", "октябр", "ноябр", "декабр")
AZ_MONTHS = ("yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust",
             "sentyabr", "oktyabr", "noyabr", "dekabr")
EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july",
             "august", "september", "october", "november", "december")

_RU = r"(?P<ru>января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
_AZ = r"(?P<az>yanvar|fevral|mart|aprel|may|iyun|iyul|avqust|sentyabr|oktyabr|noyabr|dekabr)"
_EN = (r"(?i:(?P<en>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
       r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?")
DATE_RES = (
    re.compile(r"\b(?P<d>\d{1,2})\s+(?:" + _RU + "|" + _AZ + "|" + _EN + r")\s*,?\s+(?P<y>\d{4})\b",
               re.IGNORECASE),
    re.compile(r"\b(?=[JFMASONDjfmasond])" + _EN + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b"),
    re.compile(r"\b(?<!\d\.)(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?!\.?\d)"),
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
)

DateSource = Literal["metadata", "text", "import"]


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    start: int  # where in the text it was written


@dataclass(frozen=True)
class PublishedDate:
    date: dt.date
    at: dt.datetime  # timezone-aware; noon UTC when only the date is known
    source: DateSource
    flagged: bool  # True when no date was found and `at` is the import time


def _month(match: re.Match[str]) -> int:
    groups = match.groupdict()
    if groups.get("m"):
        return int(groups["m"])
    if groups.get("ru"):
        word = groups["ru"].casefold()
        return next(i for i, stem in enumerate(RU_MONTHS, 1) if word.startswith(stem))
    if groups.get("az"):
        return AZ_MONTHS.index(groups["az"].casefold()) + 1
    word = groups["en"].casefold().rstrip(".")
    return next(i for i, name in enumerate(EN_MONTHS, 1) if name.startswith(word[:3]))


def find_dates(text: str, *, now: dt.datetime | dt.date | None = None) -> list[FoundDate]:
    """Every valid date written in `text`, in order of appearance."""
    latest = now.date() if isinstance(now, dt.datetime) else now
    found = []
    for pattern in DATE_RES:
        for match in pattern.finditer(text):
            try:
                date = dt.date(int(match.group("y")), _month(match), int(match.group("d")))
            except ValueError:
                continue
            if date.year < MIN_YEAR or (latest is not None and date > latest):
                continue
            found.append(FoundDate(date, match.start()))
    return sorted(found, key=lambda item: item.start)


def date_from_text(text: str, *, now: dt.datetime, raw: str | None = None) -> dt.date | None:
    """The date an undated article was most likely written (steps 2-3 above)."""
    for lead in (raw, text):
        if lead:
            dated = find_dates(lead[:LEAD_CHARS], now=now)
            if dated:
                return dated[0].date
    mentioned = find_dates(text, now=now)
    return max(item.date for item in mentioned) if mentioned else None


def at_noon_utc(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, DATE_ONLY_HOUR, tzinfo=dt.timezone.utc)


def resolve_published(
    *,
    stated: dt.date | None,
    stated_at: dt.datetime | None,
    text: str,
    raw: str | None,
    now: dt.datetime,
) -> PublishedDate:
    """The date to file an article under (see the module docstring)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if stated_at is not None:
        if stated_at.tzinfo is None:
            stated_at = stated_at.replace(tzinfo=dt.timezone.utc)
        return PublishedDate(stated or stated_at.date(), stated_at, "metadata", False)
    if stated is not None:
        return PublishedDate(stated, at_noon_utc(stated), "metadata", False)
    found = date_from_text(text, now=now, raw=raw)
    if found is not None:
        return PublishedDate(found, at_noon_utc(found), "text", False)
    return PublishedDate(now.date(), now, "import", True)
