"""The /settings overview, its choice keyboards, and the line that says when the next push comes."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.briefing.push_settings import PushSettings, PushView
from bot.briefing.subscriptions import ALL
from bot.briefing.timezones import COMMON
from bot.briefing.views import TopicView
from bot.render.html import esc
from bot.render.i18n import CATALOGS, format_day_month, t
from bot.render.push_callbacks import SettingsRef, encode_push
from bot.render.reply import Button, Reply

TIME_CHOICES = ("07:00", "08:00", "09:00", "10:00", "12:00", "18:00", "20:00", "21:00")
LANGUAGE_NAMES = {"ru": "Русский", "en": "English"}


def _button(text: str, field: str = "", value: str = "") -> Button:
    return Button(text, encode_push(SettingsRef(field, value)))


def weekday_name(lang: str, weekday: int) -> str:
    return CATALOGS[lang].WEEKDAYS[weekday]


def local_moment(lang: str, moment: dt.datetime, timezone: str) -> str:
    """"Mon, 26 October, 09:00" in the chat's zone."""
    local = moment.astimezone(ZoneInfo(timezone))
    short = CATALOGS[lang].WEEKDAYS_SHORT[local.weekday()]
    return f"{short}, {format_day_month(lang, local.date())}, {local:%H:%M}"


def push_line(lang: str, push: PushView) -> str:
    if push.frequency == "off":
        return t(lang, "settings.off")
    if push.frequency == "weekly":
        return t(lang, "settings.weekly_at", day=weekday_name(lang, push.weekday or 0), time=push.time_local)
    return t(lang, "settings.daily_at", time=push.time_local)


def topics_line(lang: str, settings: PushSettings, names: dict[str, str]) -> str:
    if not settings.subscribed:
        return t(lang, "settings.not_subscribed")
    if settings.topics == (ALL,):
        return t(lang, "settings.all_topics")
    return ", ".join(esc(names.get(slug, slug)) for slug in settings.topics)


def next_push_line(lang: str, settings: PushSettings) -> str:
    if not settings.subscribed:
        return t(lang, "settings.next_none_unsubscribed")
    push = settings.next_push()
    if push is None:
        return t(lang, "settings.next_none_off")
    return t(lang, "settings.next", what=t(lang, f"settings.kind_{push.kind}"),
             when=esc(local_moment(lang, push.next_run_at, settings.timezone)), tz=esc(settings.timezone))


def settings_reply(lang: str, settings: PushSettings, topics: list[TopicView], changed: str | None = None) -> Reply:
    names = {tv.slug: tv.name for tv in topics}
    lines = [
        t(lang, "settings.title"),
        t(lang, "settings.topics", value=topics_line(lang, settings, names)),
        t(lang, "settings.digest", value=push_line(lang, settings.digest)),
        t(lang, "settings.onthisday", value=push_line(lang, settings.onthisday)),
        t(lang, "settings.tz", value=esc(settings.timezone)),
        t(lang, "settings.lang", value=LANGUAGE_NAMES[settings.language]),
    ]
    head = f"{changed}\n\n" if changed else ""
    text = head + "\n".join(lines) + "\n\n" + next_push_line(lang, settings) + "\n\n" + t(lang, "settings.hint")
    onthisday_on = settings.onthisday.frequency != "off"
    rows = [
        (_button(t(lang, "settings.button_digest"), "digest"), _button(t(lang, "settings.button_time"), "time")),
        (_button(t(lang, "settings.button_tz"), "tz"), _button(t(lang, "settings.button_topics"), "topics")),
        (_button(t(lang, "settings.button_onthisday_" + ("off" if onthisday_on else "on")), "onthisday",
                 "off" if onthisday_on else "on"),
         _button(LANGUAGE_NAMES["en" if lang == "ru" else "ru"], "lang", "en" if lang == "ru" else "ru")),
    ]
    if settings.digest.frequency == "weekly":
        rows[0] = rows[0] + (_button(t(lang, "settings.button_day"), "day"),)
    return Reply(text, tuple(rows))


def choices_reply(lang: str, field: str, settings: PushSettings, topics: list[TopicView]) -> Reply:
    """The choices for one setting, as buttons, with how to type any other value."""
    back = (_button(t(lang, "settings.button_back")),)
    if field == "digest":
        rows = [tuple(_button(t(lang, f"settings.freq_{f}"), "digest", f) for f in ("daily", "weekly", "off"))]
    elif field == "day":
        names = CATALOGS[lang].WEEKDAYS_SHORT
        rows = [tuple(_button(names[d], "day", str(d)) for d in range(0, 4)),
                tuple(_button(names[d], "day", str(d)) for d in range(4, 7))]
    elif field == "time":
        rows = [tuple(_button(h, "time", h) for h in TIME_CHOICES[:4]),
                tuple(_button(h, "time", h) for h in TIME_CHOICES[4:])]
    elif field == "tz":
        rows = [(_button(zone, "tz", zone),) for zone in COMMON]
    elif field == "topics":
        chosen = {tv.slug for tv in topics} if settings.topics == (ALL,) else set(settings.topics)
        rows = [(_button(("✓ " if tv.slug in chosen else "") + tv.name, "topic", tv.slug),) for tv in topics]
        rows.append((_button(t(lang, "settings.button_all_topics"), "topics", "all"),))
    else:
        return settings_reply(lang, settings, topics)
    return Reply(t(lang, f"settings.choose_{field}"), tuple(rows) + (back,))


def changed_line(lang: str, field: str, settings: PushSettings, topics: list[TopicView]) -> str:
    """What a change did, restated from the settings after it."""
    names = {tv.slug: tv.name for tv in topics}
    if field in ("digest", "day"):
        return t(lang, "settings.changed_digest", value=push_line(lang, settings.digest))
    if field == "time":
        return t(lang, "settings.changed_time", digest=push_line(lang, settings.digest),
                 onthisday=push_line(lang, settings.onthisday))
    if field == "onthisday":
        return t(lang, "settings.changed_onthisday", value=push_line(lang, settings.onthisday))
    if field == "tz":
        return t(lang, "settings.changed_tz", value=esc(settings.timezone))
    if field == "lang":
        return t(lang, "settings.changed_lang", value=LANGUAGE_NAMES[settings.language])
    return t(lang, "settings.changed_topics", value=topics_line(lang, settings, names))
