"""Callback data for inline buttons: short, self-describing, within Telegram's 64 bytes.

Every button carries all it needs, so buttons keep working after a restart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from storage.seed_schema import TOPIC_SLUG_RE

MAX_CALLBACK_BYTES = 64
SEP = "|"
# Button data comes from the person's client and may be forged: numbers are ASCII digits within a
# database integer, slugs look like slugs (whether the topic exists is the handler's question).
NUMBER = re.compile(r"[0-9]{1,18}")
SLUG = re.compile(TOPIC_SLUG_RE)
MAX_PAGE = 10_000


@dataclass(frozen=True)
class TimelineRef:
    page: int = 0
    year: int | None = None
    month: int | None = None
    topic: str | None = None


@dataclass(frozen=True)
class TopicRef:
    slug: str


@dataclass(frozen=True)
class LatestRef:
    page: int = 0
    topic: str | None = None


Ref = TimelineRef | TopicRef | LatestRef


def encode(ref: Ref) -> str:
    if isinstance(ref, TimelineRef):
        fields = ["tl", ref.page, ref.year or "", ref.month or "", ref.topic or ""]
    elif isinstance(ref, TopicRef):
        fields = ["tp", ref.slug]
    else:
        fields = ["la", ref.page, ref.topic or ""]
    return pack(*fields)


def pack(*fields: object) -> str:
    """Fields joined into callback data; every button of the bot is encoded through here."""
    data = SEP.join(str(f) for f in fields)
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data!r}")
    return data


def decode(data: str) -> Ref | None:
    """The reference a button carries, or None when it is malformed or from another version."""
    fields = data.split(SEP)
    try:
        if fields[0] == "tl" and len(fields) == 5:
            year, month = _opt_int(fields[2]), _opt_int(fields[3])
            if (year is not None and not 1000 <= year <= 9999) or (month is not None and (
                    year is None or not 1 <= month <= 12)):
                return None
            return TimelineRef(number(fields[1], high=MAX_PAGE), year, month, _opt_slug(fields[4]))
        if fields[0] == "tp" and len(fields) == 2:
            return TopicRef(slug(fields[1]))
        if fields[0] == "la" and len(fields) == 3:
            return LatestRef(number(fields[1], high=MAX_PAGE), _opt_slug(fields[2]))
    except ValueError:
        return None
    return None


def number(text: str, *, low: int = 0, high: int = 10**18 - 1) -> int:
    """A number field of button data; ValueError for anything else (signs, spaces, other digits)."""
    if not NUMBER.fullmatch(text) or not low <= int(text) <= high:
        raise ValueError(f"not a number in {low}..{high}: {text!r}")
    return int(text)


def slug(text: str) -> str:
    """A topic slug field of button data; ValueError when it cannot be one."""
    if not SLUG.fullmatch(text):
        raise ValueError(f"not a slug: {text!r}")
    return text


def _opt_int(value: str) -> int | None:
    return number(value) if value else None


def _opt_slug(value: str) -> str | None:
    return slug(value) if value else None
