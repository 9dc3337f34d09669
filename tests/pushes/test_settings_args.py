"""Every /settings form, good and bad."""
from __future__ import annotations

import pytest

from bot.briefing.push_settings import Change
from bot.handlers.settings_args import SettingsError, parse_settings, parse_topics

TOPICS = ["charter", "amendment907", "tripp"]


@pytest.mark.parametrize("args, change", [
    (["digest", "weekly"], Change("digest", "weekly")),
    (["DIGEST", "Off"], Change("digest", "off")),
    (["day", "mon"], Change("day", 0)),
    (["day", "Sunday"], Change("day", 6)),
    (["day", "пт"], Change("day", 4)),
    (["time", "8:30"], Change("time", "08:30")),
    (["time", "23.59"], Change("time", "23:59")),
    (["time", "onthisday", "07:15"], Change("time", "07:15", kind="onthisday")),
    (["tz", "europe/berlin"], Change("tz", "Europe/Berlin")),
    (["tz", "UTC"], Change("tz", "UTC")),
    (["onthisday", "off"], Change("onthisday", False)),
    (["onthisday", "вкл"], Change("onthisday", True)),
    (["topics", "charter,tripp"], Change("topics", ("charter", "tripp"))),
    (["topics", "charter", "tripp", "charter"], Change("topics", ("charter", "tripp"))),
    (["topics", "all"], Change("topics", None)),
    (["lang", "EN"], Change("lang", "en")),
])
def test_good_forms(args, change):
    assert parse_settings(args, TOPICS) == change


@pytest.mark.parametrize("args, key, word", [
    (["colour", "red"], "settings.bad_field", "colour"),
    (["digest", "hourly"], "settings.usage_digest", "hourly"),
    (["digest"], "settings.usage_digest", ""),
    (["day", "someday"], "settings.usage_day", "someday"),
    (["time", "25:00"], "settings.bad_time", "25:00"),
    (["time", "9"], "settings.bad_time", "9"),
    (["time", "08:60"], "settings.bad_time", "08:60"),
    (["time", "08:30", "09:00"], "settings.usage_time", "08:30 09:00"),
    (["tz", "Mars/Olympus"], "settings.bad_tz", "Mars/Olympus"),
    (["onthisday", "maybe"], "settings.usage_onthisday", "maybe"),
    (["topics", "weather"], "settings.bad_topics", "weather"),
    (["topics"], "settings.bad_topics", ""),
    (["lang", "de"], "settings.usage_lang", "de"),
    (["x" * 5000], "settings.bad_field", "x" * 40 + "…"),
])
def test_bad_forms_name_what_was_wrong(args, key, word):
    with pytest.raises(SettingsError) as caught:
        parse_settings(args, TOPICS)
    assert (caught.value.key, caught.value.word) == (key, word)


def test_a_mistyped_zone_gets_suggestions():
    with pytest.raises(SettingsError) as caught:
        parse_settings(["tz", "Europe/Berln"], TOPICS)
    assert caught.value.suggestions[0] == "Europe/Berlin"


def test_topics_for_subscribe():
    assert parse_topics(["charter", "tripp"], TOPICS) == ("charter", "tripp")
    assert parse_topics(["all"], TOPICS) is None
