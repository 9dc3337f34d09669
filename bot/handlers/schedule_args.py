"""Parsing `/schedule [<chat>] digest|onthisday [daily|weekly] [<day>] [HH:MM] [tz] [topics] [lang] [thread:N]`.

After the kind the words may come in any order; what is left out takes the
chat's defaults (daily, 09:00, the chat's zone and language, the whole dossier).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.briefing.chats import LANGUAGES
from bot.briefing.timezones import resolve_timezone, suggest_timezones
from bot.handlers.settings_args import DAY_NAMES, TIME, SettingsError, parse_time, parse_topics

KINDS = ("digest", "onthisday")
DEFAULT_TIME = "09:00"
THREAD = re.compile(r"^(?:thread|topic):(\d{1,10})$", re.IGNORECASE)


@dataclass(frozen=True)
class ScheduleArgs:
    kind: str
    frequency: str = "daily"
    weekday: int | None = None
    time_local: str = DEFAULT_TIME
    timezone: str | None = None  # None: the chat's
    topics: tuple[str, ...] | None = None  # None: the whole dossier
    language: str | None = None  # None: the chat's
    thread_id: int | None = None


def parse_schedule(words: list[str], known_topics: list[str]) -> ScheduleArgs:
    """The schedule described by `words` (the chat reference already taken off)."""
    if not words or words[0].lower() not in KINDS:
        raise SettingsError("schedule.usage", words[0] if words else "")
    values: dict[str, object] = {"kind": words[0].lower()}
    for word in words[1:]:
        lowered = word.lower()
        if lowered in ("daily", "weekly"):
            _once(values, "frequency", lowered, word)
        elif lowered in DAY_NAMES:
            _once(values, "weekday", DAY_NAMES[lowered], word)
        elif TIME.match(word):
            _once(values, "time_local", parse_time(word), word)
        elif lowered in LANGUAGES:
            _once(values, "language", lowered, word)
        elif THREAD.match(word):
            _once(values, "thread_id", int(THREAD.match(word).group(1)), word)
        elif "/" in word or lowered == "utc":
            zone = resolve_timezone(word)
            if zone is None:
                raise SettingsError("settings.bad_tz", word, tuple(suggest_timezones(word)))
            _once(values, "timezone", zone, word)
        elif lowered in ("all", "все") or any(part in known_topics for part in lowered.split(",")):
            _once(values, "topics", parse_topics([word], known_topics), word)
        else:
            raise SettingsError("schedule.bad_word", word)
    if "weekday" in values and values.get("frequency", "weekly") != "weekly":
        raise SettingsError("schedule.day_needs_weekly", str(values["weekday"]))
    if "weekday" in values:
        values["frequency"] = "weekly"
    if values.get("frequency") == "weekly" and "weekday" not in values:
        values["weekday"] = 0
    return ScheduleArgs(**values)


def _once(values: dict[str, object], key: str, value: object, word: str) -> None:
    if key in values:
        raise SettingsError("schedule.twice", word)
    values[key] = value
