"""Parsing command arguments into what the services take; errors carry the offending word."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from bot.briefing.timeline import TimelineFilter

MIN_YEAR, MAX_YEAR = 1900, 2100
ECHO_CHARS = 40  # how much of a bad argument to quote back


def quote_back(word: str) -> str:
    """As much of a user's word as a reply should repeat."""
    return word if len(word) <= ECHO_CHARS else word[:ECHO_CHARS] + "…"


class BadArgument(ValueError):
    def __init__(self, word: str) -> None:
        super().__init__(word)
        self.word = quote_back(word)


@dataclass(frozen=True)
class TimelineArgs:
    filter: TimelineFilter
    chart: bool = False


def parse_timeline(args: list[str], topic_slugs: list[str]) -> TimelineArgs:
    """`/timeline [chart] [topic] [YYYY | YYYY-MM]` in any order."""
    year = month = topic = None
    chart = False
    for raw in args:
        word = raw.strip().lower()
        if word == "chart" and not chart:
            chart = True
        elif word in topic_slugs and topic is None:
            topic = word
        elif (m := re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?", word)) and year is None:
            year, month = int(m[1]), int(m[2]) if m[2] else None
            if not MIN_YEAR <= year <= MAX_YEAR or (month is not None and not 1 <= month <= 12):
                raise BadArgument(raw)
        else:
            raise BadArgument(raw)
    return TimelineArgs(TimelineFilter(year, month, topic), chart)


@dataclass(frozen=True)
class DayArg:
    """`/onthisday MM-DD` (no year) or `/onthisday YYYY-MM-DD`."""
    month: int
    day: int
    year: int | None = None


class NoLeapDay(BadArgument):
    """29 February of a common year: a date people do type, so it gets its own answer."""


def parse_day(args: list[str]) -> DayArg | None:
    """`/onthisday [MM-DD | YYYY-MM-DD]`: None for no argument (today)."""
    if not args:
        return None
    word = " ".join(args).strip()
    if len(args) == 1 and (m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", word)):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        if (month, day) == (2, 29) and not calendar.isleap(year):
            raise NoLeapDay(word)
        try:
            dt.date(year, month, day)
        except ValueError:
            raise BadArgument(word) from None
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise BadArgument(word)
        return DayArg(month, day, year)
    if len(args) == 1 and (m := re.fullmatch(r"(\d{1,2})-(\d{1,2})", word)):
        month, day = int(m[1]), int(m[2])
        try:
            dt.date(2000, month, day)  # a leap year, so 02-29 is a real calendar day
        except ValueError:
            raise BadArgument(word) from None
        return DayArg(month, day)
    raise BadArgument(word)
