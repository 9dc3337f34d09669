"""Parsing `/settings <field> <value>` and `/subscribe` topics into changes the service applies."""
from __future__ import annotations

import re

from bot.briefing.chats import LANGUAGES
from bot.briefing.push_settings import Change
from bot.briefing.subscriptions import ALL
from bot.briefing.timezones import resolve_timezone, suggest_timezones
from bot.handlers.arguments import quote_back
from bot.scheduling.next_run import WEEKDAYS

FIELDS = ("digest", "day", "time", "tz", "onthisday", "topics", "lang")
# Day names a reader may type, in either language: "mon", "monday", "пн", "понедельник".
DAY_NAMES = {
    **{name: i for i, name in enumerate(WEEKDAYS)},
    **{name: i for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                         "sunday"))},
    **{name: i for i, name in enumerate(("пн", "вт", "ср", "чт", "пт", "сб", "вс"))},
    **{name: i for i, name in enumerate(("понедельник", "вторник", "среда", "четверг", "пятница", "суббота",
                                         "воскресенье"))},
}
ON, OFF = ("on", "yes", "вкл", "да"), ("off", "no", "выкл", "нет")
TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


class SettingsError(ValueError):
    """What was wrong, as a catalog key with its values (the offending word is quoted back)."""

    def __init__(self, key: str, word: str = "", suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(key)
        self.key, self.word, self.suggestions = key, quote_back(word), suggestions


def parse_time(word: str) -> str:
    match = TIME.match(word)
    if not match:
        raise SettingsError("settings.bad_time", word)
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def parse_topics(words: list[str], known: list[str]) -> tuple[str, ...] | None:
    """Topic slugs from "charter,tripp" or "charter tripp"; None for "all"."""
    slugs = [w for w in re.split(r"[,\s]+", " ".join(words).lower()) if w]
    if not slugs:
        raise SettingsError("settings.bad_topics", "")
    if slugs in (["all"], ["все"], [ALL]):
        return None
    for slug in slugs:
        if slug not in known:
            raise SettingsError("settings.bad_topics", slug)
    return tuple(dict.fromkeys(slugs))


def parse_settings(args: list[str], known_topics: list[str]) -> Change:
    """One change from the words after /settings (there is at least one)."""
    field, values = args[0].lower(), args[1:]
    if field not in FIELDS:
        raise SettingsError("settings.bad_field", args[0])
    if field == "topics":
        return Change("topics", parse_topics(values, known_topics))
    if field == "time" and len(values) == 2 and values[0].lower() in ("digest", "onthisday"):
        return Change("time", parse_time(values[1]), kind=values[0].lower())
    if len(values) != 1:
        raise SettingsError(f"settings.usage_{field}", " ".join(values))
    value = values[0]
    lowered = value.lower()
    if field == "digest":
        if lowered not in ("daily", "weekly", "off"):
            raise SettingsError("settings.usage_digest", value)
        return Change("digest", lowered)
    if field == "day":
        if lowered not in DAY_NAMES:
            raise SettingsError("settings.usage_day", value)
        return Change("day", DAY_NAMES[lowered])
    if field == "time":
        return Change("time", parse_time(value))
    if field == "tz":
        zone = resolve_timezone(value)
        if zone is None:
            raise SettingsError("settings.bad_tz", value, tuple(suggest_timezones(value)))
        return Change("tz", zone)
    if field == "onthisday":
        if lowered not in ON + OFF:
            raise SettingsError("settings.usage_onthisday", value)
        return Change("onthisday", lowered in ON)
    if lowered not in LANGUAGES:
        raise SettingsError("settings.usage_lang", value)
    return Change("lang", lowered)
