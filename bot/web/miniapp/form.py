"""The Mini App's "My pushes" form: its JSON checked whole, before anything is written, into the same
changes /settings applies (bot.briefing.push_settings).

{"topics": "all" | ["charter", ...] | [], "digest": "daily"|"weekly"|"off", "day": 0-6 (Monday 0),
 "time": "HH:MM" (the digest's), "tz": IANA name, "onthisday": true|false, "onthisday_time": "HH:MM",
 "lang": "ru"|"en"}; a field left out stays as it is. No `telegram` import.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.briefing.chats import LANGUAGES
from bot.briefing.push_settings import Change, PushSettings
from bot.briefing.subscriptions import ALL
from bot.briefing.timezones import resolve_timezone

FIELDS = ("topics", "digest", "day", "time", "tz", "onthisday", "onthisday_time", "lang")
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
ECHO = 40  # characters of a bad value quoted back


@dataclass(frozen=True)
class FormError(ValueError):
    """What was wrong: the form field, a catalog key, and the offending value to quote."""

    field: str
    key: str
    value: str = ""


def _echo(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= ECHO else text[:ECHO] + "…"


def _topics(value: object, known: list[str]) -> tuple[str, ...] | None:
    if value == "all":
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FormError("topics", "miniapp.bad_topics", _echo(value))
    for slug in value:
        if slug not in known:
            raise FormError("topics", "miniapp.bad_topics", _echo(slug))
    chosen = tuple(slug for slug in known if slug in value)  # in the dossier's order, once each
    return None if chosen and set(chosen) == set(known) else chosen


def _value(field: str, value: object, known_topics: list[str]) -> object:
    if field == "topics":
        return _topics(value, known_topics)
    if field == "digest" and value in ("daily", "weekly", "off"):
        return value
    if field == "day" and isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    if field in ("time", "onthisday_time") and isinstance(value, str) and (match := TIME.match(value.strip())):
        return f"{int(match.group(1)):02d}:{match.group(2)}"
    if field == "tz" and isinstance(value, str) and (zone := resolve_timezone(value)):
        return zone
    if field == "onthisday" and isinstance(value, bool):
        return value
    if field == "lang" and value in LANGUAGES:
        return value
    raise FormError(field, "miniapp.bad_time" if field.endswith("time") else f"miniapp.bad_{field}", _echo(value))


def parse_form(body: object, known_topics: list[str]) -> dict[str, object]:
    """Each field of the form, checked; FormError names the first wrong one."""
    if not isinstance(body, dict):
        raise FormError("", "miniapp.bad_form")
    unknown = [name for name in body if name not in FIELDS]
    if unknown:
        raise FormError(str(unknown[0]), "miniapp.bad_form", _echo(unknown[0]))
    return {field: _value(field, body[field], known_topics) for field in FIELDS if field in body}


def changes_from(form: dict[str, object], current: PushSettings) -> list[Change]:
    """The changes that make `current` what the form says, only those that change something: an
    unchanged schedule keeps its next run (rescheduling from now could skip a push just due)."""
    changes: list[Change] = []
    if "topics" in form:
        wanted = (ALL,) if form["topics"] is None else form["topics"]
        if wanted != current.topics:
            changes.append(Change("topics", form["topics"]))
    digest = current.digest
    if "digest" in form and form["digest"] != digest.frequency:
        changes.append(Change("digest", form["digest"]))
    weekly = form.get("digest", digest.frequency) == "weekly"
    if "day" in form and weekly and form["day"] != digest.weekday:
        changes.append(Change("day", form["day"]))
    if "time" in form and form["time"] != digest.time_local:
        changes.append(Change("time", form["time"], kind="digest"))
    if "onthisday_time" in form and form["onthisday_time"] != current.onthisday.time_local:
        changes.append(Change("time", form["onthisday_time"], kind="onthisday"))
    if "tz" in form and form["tz"] != current.timezone:
        changes.append(Change("tz", form["tz"]))
    if "onthisday" in form and form["onthisday"] != (current.onthisday.frequency != "off"):
        changes.append(Change("onthisday", form["onthisday"]))
    if "lang" in form and form["lang"] != current.language:
        changes.append(Change("lang", form["lang"]))
    return changes
