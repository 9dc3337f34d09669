"""What one replica tells the others (below handlers, jobs and the delivery engine, which all call it).

A notice is one line, "<kind>" or "<kind> <subject>". The running bus lives in
bot_data[BUS_KEY]; without one (SQLite, the console, unit tests) nothing is sent.
"""
from __future__ import annotations

from typing import Any

BUS_KEY = "change_bus"
CHAT = "chat"  # a chat's language, timezone or id changed: forget what is remembered of it
TOPICS = "topics"  # a topic was added or edited
MAINTAINERS = "maintainers"  # a maintainer was granted or revoked
SCHEDULES = "schedules"  # push schedules changed: the leader retargets its wake-up
OUTBOX = "outbox"  # new deliveries are committed: the leader's sender looks now


def tell_replicas(bot_data: dict[str, Any], kind: str, subject: int | str | None = None) -> None:
    bus = bot_data.get(BUS_KEY)
    if bus is not None:
        bus.publish(kind if subject is None else f"{kind} {subject}")


def parse(message: str) -> tuple[str, str | None]:
    kind, _, subject = message.partition(" ")
    return kind, subject or None
