"""IANA timezone names: exact lookup, forgiving of case, and suggestions for a mistyped one."""
from __future__ import annotations

import difflib
from functools import lru_cache
from zoneinfo import available_timezones

SUGGESTIONS = 3
# Offered as buttons; any other IANA name can be typed.
COMMON = ("Asia/Baku", "Europe/Moscow", "Europe/Istanbul", "Europe/Berlin", "Europe/London",
          "America/New_York", "UTC")


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Lower-case name → canonical name, for every zone tzdata knows (legacy aliases left out)."""
    return {name.lower(): name for name in available_timezones() if "/" in name or name == "UTC"}


def all_timezones() -> list[str]:
    """Every canonical name, sorted: the Mini App's time zone picker."""
    return sorted(_names().values())


def resolve_timezone(text: str) -> str | None:
    """The canonical IANA name for `text` ("europe/berlin" → "Europe/Berlin"), or None."""
    return _names().get(text.strip().lower())


def suggest_timezones(text: str) -> list[str]:
    """Names close to `text`, matching the whole name or just the city ("Berln" → Europe/Berlin)."""
    wanted = text.strip().lower().replace(" ", "_")
    names = _names()
    by_city: dict[str, list[str]] = {}
    for lower, name in names.items():
        by_city.setdefault(lower.rsplit("/", 1)[-1], []).append(name)
    found = [names[n] for n in difflib.get_close_matches(wanted, list(names), n=SUGGESTIONS, cutoff=0.6)]
    for city in difflib.get_close_matches(wanted.rsplit("/", 1)[-1], list(by_city), n=SUGGESTIONS, cutoff=0.6):
        found += sorted(by_city[city])
    return list(dict.fromkeys(found))[:SUGGESTIONS]
