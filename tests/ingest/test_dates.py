"""Dates in article text, and the date an article is filed under."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.ingest.dates import date_from_text, find_dates, resolve_published

NOW = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Встреча прошла 10 февраля 2026 года в Баку.", dt.date(2026, 2, 10)),
        ("Опубликовано 10.02.2026, 15:35", dt.date(2026, 2, 10)),
        ("Published February 10, 2026 at noon", dt.date(2026, 2, 10)),
        ("Published Feb. 10, 2026", dt.date(2026, 2, 10)),
        ("on 10 February 2026 in Baku", dt.date(2026, 2, 10)),
        ("Updated 2026-02-10T15:35:00Z", dt.date(2026, 2, 10)),
        ("Görüş 10 fevral 2026-cı ildə keçirilib.", dt.date(2026, 2, 10)),
        ("3 мая 2025 года", dt.date(2025, 5, 3)),
        ("8 августа 2025 года в Белом доме", dt.date(2025, 8, 8)),
        ("31 March 2025", dt.date(2025, 3, 31)),
    ],
)
def test_find_dates_forms(text, date):
    assert [found.date for found in find_dates(text, now=NOW)] == [date]


@pytest.mark.parametrize(
    "text",
    ["30 февраля 2026 года", "31.04.2025", "2026-13-01", "в 1992 году", "10 марта 2026 года",  # after now
     "в 15:35", "12 / 12 / 2025", "1 января 1985 года", "версия 1.10.2025.4"],
)
def test_no_valid_date(text):
    assert find_dates(text, now=NOW) == []


def test_dateline_in_the_lead_wins_over_later_dates():
    text = "БАКУ, 10 февраля 2026. Стороны вспомнили встречу 8 августа 2025 года."
    assert date_from_text(text, now=NOW) == dt.date(2026, 2, 10)


def test_byline_removed_by_cleaning_is_still_found_in_the_raw_text():
    raw = "Главная\nАвтор: Редакция, 12.02.2026, 18:40\n" + "Текст. " * 100
    assert date_from_text("Текст. " * 100, now=NOW, raw=raw) == dt.date(2026, 2, 12)


def test_otherwise_the_latest_date_mentioned():
    lead = "Отношения двух стран заметно оживились за последний год. " * 8
    text = lead + "20 июля 2024 года ... 22 июля 2025 года ... 6 ноября 2024 года ... 5 мая 2026 года."
    assert date_from_text(text, now=NOW) == dt.date(2025, 7, 22)  # 5 May 2026 is after `now`


def test_seed_002_without_date_line_is_dated_from_its_text(seed_raw, seed_clean):
    published = resolve_published(stated=None, stated_at=None, text=seed_clean["002"],
                                  raw=seed_raw["002"].body, now=NOW)
    assert (published.date, published.source, published.flagged) == (dt.date(2025, 7, 22), "text", False)


def test_stated_date_comes_first():
    published = resolve_published(stated=dt.date(2026, 2, 7), stated_at=None, text="10 февраля 2026", raw=None, now=NOW)
    assert (published.date, published.source) == (dt.date(2026, 2, 7), "metadata")
    assert published.at == dt.datetime(2026, 2, 7, 12, tzinfo=dt.timezone.utc)


def test_stated_moment_keeps_its_offset():
    moment = dt.datetime(2026, 2, 10, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=4)))
    published = resolve_published(stated=None, stated_at=moment, text="", raw=None, now=NOW)
    assert (published.date, published.at) == (dt.date(2026, 2, 10), moment)


def test_no_date_anywhere_is_import_time_and_flagged():
    published = resolve_published(stated=None, stated_at=None, text="Без дат.", raw="Без дат.", now=NOW)
    assert (published.date, published.at, published.source, published.flagged) == (
        NOW.date(), NOW, "import", True)


def test_naive_now_is_refused():
    with pytest.raises(ValueError):
        resolve_published(stated=None, stated_at=None, text="", raw=None, now=dt.datetime(2026, 3, 1))
