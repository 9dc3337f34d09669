"""When a schedule next fires: APScheduler's cron trigger in the schedule's own timezone.

The trigger handles daylight-saving changes; two corrections make it right for
a push that must come once a day (or week) at a wall-clock time:
- a time that occurs twice when clocks go back fires only at its first occurrence;
- a time skipped when clocks go forward fires at the same offset after the jump
  (09:00 never falls in a gap, 02:30 on the March change comes at 03:30).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FREQUENCIES = ("daily", "weekly", "off")
_EPSILON = dt.timedelta(microseconds=1)


@dataclass(frozen=True)
class Timing:
    """What decides a schedule's run times."""

    frequency: str  # daily | weekly | off
    time_local: str  # HH:MM
    timezone: str  # IANA name
    weekday: int | None = None  # 0 = Monday, for weekly


def trigger_for(timing: Timing) -> CronTrigger:
    hour, minute = (int(part) for part in timing.time_local.split(":"))
    day_of_week = WEEKDAYS[timing.weekday or 0] if timing.frequency == "weekly" else "*"
    return CronTrigger(hour=hour, minute=minute, day_of_week=day_of_week, timezone=ZoneInfo(timing.timezone))


def next_run_at(timing: Timing, *, after: dt.datetime) -> dt.datetime | None:
    """The first run strictly after `after` (UTC), or None when the schedule is off."""
    if timing.frequency == "off":
        return None
    zone = ZoneInfo(timing.timezone)
    trigger = trigger_for(timing)
    # Arithmetic in UTC: adding to a local time that occurs twice would land on its first occurrence.
    fire = _utc(trigger.get_next_fire_time(None, after.astimezone(dt.timezone.utc) + _EPSILON))
    while fire is not None and _repeated_wall_time(fire, zone):
        fire = _utc(trigger.get_next_fire_time(fire, fire + _EPSILON))
    return fire


def _utc(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.astimezone(dt.timezone.utc) if moment is not None else None


def _repeated_wall_time(fire: dt.datetime, zone: ZoneInfo) -> bool:
    """True for the second occurrence of a wall-clock time repeated when clocks go back."""
    local = fire.astimezone(zone)
    naive = local.replace(tzinfo=None)
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    return first.utcoffset() != second.utcoffset() and local.utcoffset() == second.utcoffset()


def local_date(moment: dt.datetime, timezone: str) -> dt.date:
    return moment.astimezone(ZoneInfo(timezone)).date()
