"""Callback data for inline buttons: short, self-describing, within Telegram's 64 bytes.

Every button carries all it needs, so buttons keep working after a restart.
"""
from __future__ import annotations

from dataclasses import dataclass

MAX_CALLBACK_BYTES = 64
SEP = "|"


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
            return TimelineRef(int(fields[1]), _opt_int(fields[2]), _opt_int(fields[3]), fields[4] or None)
        if fields[0] == "tp" and len(fields) == 2 and fields[1]:
            return TopicRef(fields[1])
        if fields[0] == "la" and len(fields) == 3:
            return LatestRef(int(fields[1]), fields[2] or None)
    except ValueError:
        return None
    return None


def _opt_int(value: str) -> int | None:
    return int(value) if value else None
