"""Command arguments: what is accepted, and the word quoted back when it is not."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.briefing.timeline import TimelineFilter
from bot.handlers.arguments import BadArgument, DayArg, NoLeapDay, parse_day, parse_timeline

SLUGS = ["charter", "amendment907", "tripp"]


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
    ([], None), (["02-10"], DayArg(2, 10)), (["2025-08-08"], DayArg(8, 8, 2025)),
    (["02-29"], DayArg(2, 29)), (["2024-02-29"], DayArg(2, 29, 2024)),
])
def test_days(args, expected):
    assert parse_day(args) == expected


@pytest.mark.parametrize("args", [["31-02"], ["02-30"], ["2026-02-30"], ["13-01"], ["tomorrow"], ["02", "10"],
                                  ["2026-1-1-1"]])
def test_days_rejected(args):
    with pytest.raises(BadArgument) as info:
        parse_day(args)
    assert not isinstance(info.value, NoLeapDay)


@pytest.mark.parametrize("word", ["2025-02-29", "1900-02-29", "2026-2-29"])
def test_29_february_of_a_common_year_is_told_apart(word):
    with pytest.raises(NoLeapDay) as info:
        parse_day([word])
    assert info.value.word == word
