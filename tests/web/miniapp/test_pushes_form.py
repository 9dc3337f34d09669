"""The My pushes form read into /settings changes: checked whole, and only what differs becomes a change."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.briefing.push_settings import Change, PushSettings, PushView
from bot.web.miniapp.form import FormError, changes_from, parse_form

TOPICS = ["charter", "amendment907", "tripp"]
AT = dt.datetime(2026, 8, 9, 5, 0, tzinfo=dt.timezone.utc)
CURRENT = PushSettings(1, "en", "Asia/Baku", ("*",), PushView("digest", "daily", None, "09:00", AT),
                       PushView("onthisday", "daily", None, "09:00", AT))


def test_the_form_as_loaded_changes_nothing():
    form = parse_form({"topics": "all", "digest": "daily", "time": "09:00", "tz": "Asia/Baku", "onthisday": True,
                       "onthisday_time": "09:00", "lang": "en"}, TOPICS)
    assert changes_from(form, CURRENT) == []


def test_every_topic_ticked_is_the_whole_dossier_and_none_is_no_pushes():
    assert parse_form({"topics": ["tripp", "charter", "amendment907"]}, TOPICS) == {"topics": None}
    assert parse_form({"topics": ["tripp", "charter", "tripp"]}, TOPICS) == {"topics": ("charter", "tripp")}
    assert changes_from(parse_form({"topics": []}, TOPICS), CURRENT) == [Change("topics", ())]


def test_values_are_normalised_as_by_settings():
    form = parse_form({"time": "7:05", "tz": "europe/berlin", "day": 4}, TOPICS)
    assert form == {"time": "07:05", "tz": "Europe/Berlin", "day": 4}


def test_a_day_counts_only_for_a_weekly_digest():
    assert changes_from(parse_form({"digest": "daily", "day": 3}, TOPICS), CURRENT) == []
    assert changes_from(parse_form({"digest": "weekly", "day": 3}, TOPICS), CURRENT) == [
        Change("digest", "weekly"), Change("day", 3)]


def test_each_time_changes_its_own_push():
    changes = changes_from(parse_form({"time": "07:30", "onthisday_time": "08:00"}, TOPICS), CURRENT)
    assert changes == [Change("time", "07:30", kind="digest"), Change("time", "08:00", kind="onthisday")]


@pytest.mark.parametrize("body, field", [
    ({"time": "24:00"}, "time"), ({"onthisday_time": "noon"}, "onthisday_time"), ({"day": True}, "day"),
    ({"day": "2"}, "day"), ({"onthisday": 1}, "onthisday"), ({"topics": "charter"}, "topics"),
    ({"topics": [1]}, "topics"), ({"tz": None}, "tz"), ({"lang": "EN "}, "lang"), ({"x": 1}, "x"), ("all", ""),
])
def test_a_wrong_value_names_its_field(body, field):
    with pytest.raises(FormError) as caught:
        parse_form(body, TOPICS)
    assert caught.value.field == field
