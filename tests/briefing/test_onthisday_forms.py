"""/onthisday's three questions over the shipped dossier, on both databases, with today given explicitly."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.briefing.onthisday import CALENDAR_DAY, DATE, elapsed, on_calendar_day, on_date, on_this_day
from storage.models import Event

DECEMBER = dt.date(2026, 12, 5)
CHARTER = "2026-02-10-charter-signed-baku"
DELEGATION = "2026-01-04-congressional-delegation-baku"
REGISTER = "2025-08-15-907-waiver-federal-register"


def _event(slug: str, date: dt.date, precision: str = "day") -> Event:
    return Event(slug=slug, date=date, precision=precision, title_ru=slug, title_en=slug, summary_ru=slug,
                 summary_en=slug)


def _shown(result) -> list[tuple[str, int, int]]:
    return [(a.event.slug, a.years, a.months) for a in result.today]


async def test_a_calendar_day_lists_this_years_events_once_passed(seeded_session):
    charter = await on_calendar_day(seeded_session, month=2, day=10, today=DECEMBER, lang="en")
    assert charter.asked == CALENDAR_DAY and charter.as_of == DECEMBER
    assert _shown(charter) == [(CHARTER, 0, 9)]
    delegation = await on_calendar_day(seeded_session, month=1, day=4, today=DECEMBER, lang="ru")
    assert _shown(delegation) == [(DELEGATION, 0, 11)]


async def test_a_calendar_day_ahead_or_on_today(seeded_session):
    before = await on_calendar_day(seeded_session, month=2, day=10, today=dt.date(2026, 2, 9), lang="en")
    assert CHARTER not in {a.event.slug for a in before.today + before.upcoming}
    on_the_day = await on_calendar_day(seeded_session, month=2, day=10, today=dt.date(2026, 2, 10), lang="en")
    assert _shown(on_the_day) == [(CHARTER, 0, 0)]
    next_year = await on_calendar_day(seeded_session, month=2, day=10, today=dt.date(2027, 1, 20), lang="en")
    assert _shown(next_year) == [(CHARTER, 0, 11)]  # not yet a year ago


async def test_a_maintainers_new_event_is_found_this_year_first_then_oldest(seeded_session):
    seeded_session.add_all([_event("added-2026", dt.date(2026, 3, 1)), _event("added-2019", dt.date(2019, 3, 1)),
                            _event("added-2001", dt.date(2001, 3, 1)), _event("ahead", dt.date(2027, 3, 1))])
    await seeded_session.commit()
    found = await on_calendar_day(seeded_session, month=3, day=1, today=DECEMBER, lang="en")
    assert _shown(found) == [("added-2026", 0, 9), ("added-2001", 25, 9), ("added-2019", 7, 9)]


async def test_a_date_lists_its_own_events_then_earlier_years(seeded_session):
    seeded_session.add_all([_event("earlier", dt.date(2015, 8, 15)), _event("later", dt.date(2026, 8, 15))])
    await seeded_session.commit()
    register = await on_date(seeded_session, day=dt.date(2025, 8, 15), lang="en")
    assert register.asked == DATE and _shown(register) == [(REGISTER, 0, 0), ("earlier", 10, 0)]


async def test_the_plain_command_and_the_push_keep_to_earlier_years(seeded_session):
    signing_day = await on_this_day(seeded_session, day=dt.date(2026, 2, 10), lang="en")
    assert signing_day.today == () and CHARTER not in {a.event.slug for a in signing_day.upcoming}
    assert _shown(await on_this_day(seeded_session, day=dt.date(2027, 2, 10), lang="en")) == [(CHARTER, 1, 0)]


async def test_29_february_without_leap_day_events(seeded_session):
    result = await on_calendar_day(seeded_session, month=2, day=29, today=DECEMBER, lang="en")
    assert result.today == () and (result.day.month, result.day.day) == (2, 29)  # the reply is titled 29 February
    assert result.upcoming and all(a.on > dt.date(2026, 2, 28) for a in result.upcoming)


async def test_29_february(seeded_session):
    seeded_session.add_all([_event("leap-2024", dt.date(2024, 2, 29)), _event("leap-2020", dt.date(2020, 2, 29))])
    await seeded_session.commit()
    leap = await on_calendar_day(seeded_session, month=2, day=29, today=DECEMBER, lang="en")
    assert _shown(leap) == [("leap-2020", 6, 9), ("leap-2024", 2, 9)]
    in_a_leap_year = await on_calendar_day(seeded_session, month=2, day=29, today=dt.date(2028, 1, 10), lang="en")
    assert _shown(in_a_leap_year) == [("leap-2020", 7, 10), ("leap-2024", 3, 10)]
    # A common year's 28 February carries the leap days, as the daily push always did.
    push = await on_this_day(seeded_session, day=dt.date(2027, 2, 28), lang="en")
    assert _shown(push) == [("leap-2020", 7, 0), ("leap-2024", 3, 0)]
    assert (await on_this_day(seeded_session, day=dt.date(2027, 3, 1), lang="en")).today == ()
    dated = await on_date(seeded_session, day=dt.date(2024, 2, 29), lang="en")
    assert _shown(dated) == [("leap-2024", 0, 0), ("leap-2020", 4, 0)]


async def test_only_day_precision_events_fall_on_a_calendar_day(seeded_session):
    seeded_session.add_all([_event("a-month", dt.date(2026, 4, 1), "month"), _event("a-year", dt.date(2019, 4, 1), "year"),
                            _event("a-day", dt.date(2023, 4, 1))])
    await seeded_session.commit()
    april = await on_calendar_day(seeded_session, month=4, day=1, today=DECEMBER, lang="en")
    assert _shown(april) == [("a-day", 3, 8)]
    assert _shown(await on_date(seeded_session, day=dt.date(2026, 4, 1), lang="en")) == [("a-day", 3, 0)]


@pytest.mark.parametrize(("since", "until", "expected"), [
    (dt.date(2026, 2, 10), dt.date(2026, 12, 5), (0, 9)),
    (dt.date(2026, 2, 10), dt.date(2026, 2, 10), (0, 0)),
    (dt.date(2025, 12, 20), dt.date(2026, 12, 5), (0, 11)),
    (dt.date(1992, 10, 24), dt.date(2026, 8, 8), (33, 9)),
    (dt.date(2024, 2, 29), dt.date(2025, 2, 28), (1, 0)),  # a leap day's anniversary in a common year
    (dt.date(2024, 2, 29), dt.date(2028, 2, 28), (3, 11)),  # but not in a leap year, which has its own
    (dt.date(2026, 1, 31), dt.date(2026, 2, 28), (0, 1)),
])
def test_elapsed(since, until, expected):
    assert elapsed(since, until) == expected
