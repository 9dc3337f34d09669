"""Replies about a group's or channel's schedules: /schedule's confirmation, /schedules with buttons."""
from __future__ import annotations

from bot.render.callbacks import NUMBER, pack
from bot.render.channel_pages import describe
from bot.render.html import esc
from bot.render.i18n import t
from bot.render.reply import Button, Reply
from bot.render.settings import TIME_CHOICES, local_moment, weekday_name
from storage.chats import ScheduleClash
from storage.models import Chat, Schedule

PREFIX = "sc"
# Actions of a schedule's buttons: pause, resume, time choices, set time, delete (ask), delete (confirmed),
# preview, back to the chat's list.
ACTIONS = ("p", "r", "t", "T", "d", "y", "v", "l")


def schedule_data(schedule_id: int, action: str, value: str = "") -> str:
    return pack(PREFIX, schedule_id, action, value)


def parse_schedule_data(data: str) -> tuple[int, str, str] | None:
    parts = data.split("|")
    if len(parts) != 4 or parts[0] != PREFIX or not NUMBER.fullmatch(parts[1]) or parts[2] not in ACTIONS:
        return None
    if (parts[2] == "T") != bool(parts[3]):  # only "set time" carries a value (checked as a time when used)
        return None
    return int(parts[1]), parts[2], parts[3]


def timing_text(lang: str, schedule: Schedule) -> str:
    if schedule.frequency == "weekly":
        return t(lang, "settings.weekly_at", day=weekday_name(lang, schedule.weekday or 0), time=schedule.time_local)
    return t(lang, "settings.daily_at", time=schedule.time_local)


def schedule_line(lang: str, schedule: Schedule, topic_names: dict[str, str]) -> str:
    topics = (", ".join(esc(topic_names.get(s, s)) for s in schedule.topics) if schedule.topics
              else t(lang, "settings.all_topics"))
    line = t(lang, "schedule.line", kind=t(lang, f"schedule.kind_{schedule.kind}"), timing=timing_text(lang, schedule),
             tz=esc(schedule.timezone), topics=topics, language=(schedule.language or "").upper())
    if schedule.thread_id:
        line += t(lang, "schedule.thread", thread=schedule.thread_id)
    if schedule.paused:
        return line + "\n" + t(lang, "schedule.paused")
    if schedule.next_run_at:
        line += "\n" + t(lang, "schedule.next", when=esc(local_moment(lang, schedule.next_run_at, schedule.timezone)))
    return line


def saved_reply(lang: str, chat: Chat, schedule: Schedule, topic_names: dict[str, str], *, created: bool) -> Reply:
    head = t(lang, "schedule.created" if created else "schedule.updated",
             **describe(lang, type=chat.type, title=chat.title, username=chat.username))
    buttons = ((Button(t(lang, "schedule.button_all"), schedule_data(schedule.id, "l")),),)
    return Reply(f"{head}\n{schedule_line(lang, schedule, topic_names)}", buttons)


def schedules_reply(lang: str, chat: Chat, schedules: list[Schedule], topic_names: dict[str, str],
                    note: str | None = None) -> Reply:
    """The chat's schedules, numbered, with a row of buttons each."""
    head = t(lang, "schedule.list_title", **describe(lang, type=chat.type, title=chat.title, username=chat.username))
    if not schedules:
        return Reply((f"{note}\n\n" if note else "") + head + "\n" + t(lang, "schedule.none", chat_id=chat.id))
    lines, rows = [head], []
    for i, schedule in enumerate(schedules, start=1):
        lines.append(f"{i}. {schedule_line(lang, schedule, topic_names)}")
        toggle = ("r", "schedule.button_resume") if schedule.paused else ("p", "schedule.button_pause")
        rows.append((Button(f"{i}. {t(lang, toggle[1])}", schedule_data(schedule.id, toggle[0])),
                     Button(t(lang, "schedule.button_time"), schedule_data(schedule.id, "t")),
                     Button(t(lang, "schedule.button_delete"), schedule_data(schedule.id, "d")),
                     Button(t(lang, "schedule.button_preview"), schedule_data(schedule.id, "v"))))
    text = "\n\n".join(lines)
    return Reply((f"{note}\n\n" if note else "") + text, tuple(rows))


def time_choices_reply(lang: str, schedule: Schedule) -> Reply:
    rows = (tuple(Button(h, schedule_data(schedule.id, "T", h)) for h in TIME_CHOICES[:4]),
            tuple(Button(h, schedule_data(schedule.id, "T", h)) for h in TIME_CHOICES[4:]),
            (Button(t(lang, "settings.button_back"), schedule_data(schedule.id, "l")),))
    return Reply(t(lang, "schedule.choose_time", id=schedule.id), rows)


def confirm_delete_reply(lang: str, schedule: Schedule, topic_names: dict[str, str]) -> Reply:
    rows = ((Button(t(lang, "schedule.button_confirm_delete"), schedule_data(schedule.id, "y")),
             Button(t(lang, "settings.button_back"), schedule_data(schedule.id, "l"))),)
    return Reply(t(lang, "schedule.confirm_delete") + "\n" + schedule_line(lang, schedule, topic_names), rows)


def clash_notice(lang: str, chat: Chat, clash: ScheduleClash) -> str:
    """The group became `chat`, which had a schedule of the same kind: which one was kept."""
    topic = t(lang, "notice.migrated_topic", thread=clash.thread_id) if clash.thread_id else ""
    return t(lang, "notice.migrated_clash", title=esc(chat.title or "—"), push=t(lang, f"schedule.kind_{clash.kind}"),
             topic=topic, kept=_timing_in_zone(lang, clash.kept), dropped=_timing_in_zone(lang, clash.dropped))


def _timing_in_zone(lang: str, schedule: Schedule) -> str:
    return f"{timing_text(lang, schedule)}, {esc(schedule.timezone)}"
