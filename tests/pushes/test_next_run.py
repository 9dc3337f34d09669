"""Next-run computation: local wall-clock times across timezones and daylight-saving changes."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.scheduling.next_run import Timing, local_date, next_run_at

UTC = dt.timezone.utc
BERLIN = "Europe/Berlin"


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def runs(timing: Timing, after: dt.datetime, count: int) -> list[dt.datetime]:
    out = []
    for _ in range(count):
        after = next_run_at(timing, after=after)
        out.append(after)
    return out


def test_daily_in_baku_is_four_hours_ahead_of_utc():
    assert next_run_at(Timing("daily", "09:00", "Asia/Baku"), after=utc(2026, 8, 8, 4, 0)) == utc(2026, 8, 8, 5, 0)
    # Strictly after: a run at exactly 05:00 UTC is the next day's.
    assert next_run_at(Timing("daily", "09:00", "Asia/Baku"), after=utc(2026, 8, 8, 5, 0)) == utc(2026, 8, 9, 5, 0)


def test_berlin_march_change_keeps_nine_oclock_local():
    timing = Timing("daily", "09:00", BERLIN)
    got = runs(timing, utc(2026, 3, 27, 12, 0), 3)
    assert got == [utc(2026, 3, 28, 8, 0), utc(2026, 3, 29, 7, 0), utc(2026, 3, 30, 7, 0)]
    assert [g.astimezone(ZoneInfo(BERLIN)).hour for g in got] == [9, 9, 9]


def test_berlin_october_change_keeps_nine_oclock_local():
    got = runs(Timing("daily", "09:00", BERLIN), utc(2026, 10, 23, 12, 0), 3)
    assert got == [utc(2026, 10, 24, 7, 0), utc(2026, 10, 25, 8, 0), utc(2026, 10, 26, 8, 0)]


def test_time_repeated_when_clocks_go_back_runs_once():
    got = runs(Timing("daily", "02:30", BERLIN), utc(2026, 10, 24, 12, 0), 2)
    # 02:30 happens twice on 25 October (CEST, then CET): only the first counts.
    assert got == [utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30)]
    assert [local_date(g, BERLIN) for g in got] == [dt.date(2026, 10, 25), dt.date(2026, 10, 26)]


def test_time_skipped_when_clocks_go_forward_still_runs_that_day():
    got = runs(Timing("daily", "02:30", BERLIN), utc(2026, 3, 28, 12, 0), 2)
    assert [local_date(g, BERLIN) for g in got] == [dt.date(2026, 3, 29), dt.date(2026, 3, 30)]
    assert got[0] == utc(2026, 3, 29, 1, 30)  # 03:30 CEST, an hour after the missing 02:30


def test_weekly_on_the_chosen_day_across_the_change():
    timing = Timing("weekly", "09:00", BERLIN, weekday=0)
    got = runs(timing, utc(2026, 10, 14, 12, 0), 3)
    assert [g.astimezone(ZoneInfo(BERLIN)).strftime("%a %d %H:%M") for g in got] == [
        "Mon 19 09:00", "Mon 26 09:00", "Mon 02 09:00"]


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Kolkata", "Pacific/Chatham", "UTC"])
def test_any_zone_fires_at_its_local_time(zone):
    got = runs(Timing("daily", "08:45", zone), utc(2026, 11, 1, 0, 0), 3)
    assert all(g.astimezone(ZoneInfo(zone)).strftime("%H:%M") == "08:45" for g in got)
    assert len({local_date(g, zone) for g in got}) == 3


def test_off_never_runs():
    assert next_run_at(Timing("off", "09:00", BERLIN), after=utc(2026, 1, 1)) is None
