"""Command arguments: what is accepted, and the word quoted back when it is not."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.briefing.timeline import TimelineFilter
from bot.handlers.arguments import BadArgument, parse_day, parse_timeline

SLUGS = ["charter", "amendment907", "tripp"]
TODAY = dt.date(2026, 11, 21)


@pytest.mark.parametrize(("args", "expected"), [
    ([], TimelineFilter()),
    (["2025"], TimelineFilter(2025)),
    (["2025-08"], TimelineFilter(2025, 8)),
    (["charter"], TimelineFilter(topic="charter")),
    (["charter", "2025-08"], TimelineFilter(2025, 8, "charter")),
    (["2026", "TRIPP"], TimelineFilter(2026, None, "tripp")),
])
def test_timeline_filters(args, expected):
    assert parse_timeline(args, SLUGS).filter == expected


def test_timeline_chart():
    assert parse_timeline(["chart"], SLUGS).chart


@pytest.mark.parametrize("args", [["2025-13"], ["2025-00"], ["1776"], ["charter", "charter"], ["2025", "2026"],
                                  ["nonsense"], ["x" * 5000]])
def test_timeline_rejects(args):
    with pytest.raises(BadArgument) as info:
        parse_timeline(args, SLUGS)
    assert len(info.value.word) <= 41


@pytest.mark.parametrize(("args", "expected"), [
    ([], TODAY), (["02-10"], dt.date(2026, 2, 10)), (["2025-08-08"], dt.date(2025, 8, 8)),
    (["02-29"], dt.date(2024, 2, 29)),
])
def test_days(args, expected):
    assert parse_day(args, TODAY) == expected


@pytest.mark.parametrize("args", [["31-02"], ["02-30"], ["2026-02-30"], ["13-01"], ["tomorrow"], ["02", "10"],
                                  ["2026-1-1-1"]])
def test_days_rejected(args):
    with pytest.raises(BadArgument):
        parse_day(args, TODAY)
