"""Maintainers' commands: registration, their menus at start-up, and the forms' timeout job.

Every handler here runs in GROUP, before the reader handlers, behind the gate
(owners and maintainers only); see maintainers_common.
"""
from __future__ import annotations

import datetime as dt

from apscheduler.triggers.interval import IntervalTrigger
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.handlers.maintainers_announce import announce_button, announce_command
from bot.handlers.maintainers_access import maintainers_command, menu_on_start, refresh_menus
from bot.handlers.maintainers_articles import addarticle_command
from bot.handlers.maintainers_cards import addtopic_command, editcard_command
from bot.handlers.maintainers_common import GROUP, gated
from bot.handlers.maintainers_events import addevent_command, delevent_command, editevent_command, undo_command
from bot.handlers.maintainers_feeds import feed_button, feeds_command
from bot.handlers.maintainers_forms import cancel_command, form_button, form_text, sweep_expired_forms
from bot.handlers.maintainers_stats import audit_command, stats_command
from bot.render import maint_callbacks
from bot.render.announce import ANNOUNCE_PATTERN
from bot.scheduling.scheduler import SCHEDULER_KEY

SWEEP_JOB_ID = "maintainer-forms-timeout"
SWEEP_EVERY = dt.timedelta(minutes=1)

COMMANDS = {
    "addevent": addevent_command, "editevent": editevent_command, "delevent": delevent_command,
    "undo": undo_command, "editcard": editcard_command, "addtopic": addtopic_command,
    "addarticle": addarticle_command, "feeds": feeds_command, "stats": stats_command, "audit": audit_command,
    "announce": announce_command,
}
# Reports show user ids, chats and feed URLs: in a group every member would read them.
REPORTS = ("stats", "audit", "feeds")


def register(app: Application) -> None:
    only_messages = filters.UpdateType.MESSAGE  # not edits, not channel posts
    for name, callback in COMMANDS.items():
        app.add_handler(CommandHandler(name, gated(callback, private_only=name in REPORTS), filters=only_messages),
                        group=GROUP)
    app.add_handler(CommandHandler("maintainers", gated(maintainers_command, owners_only=True),
                                   filters=only_messages), group=GROUP)
    app.add_handler(CommandHandler("cancel", cancel_command, filters=only_messages), group=GROUP)
    app.add_handler(CommandHandler("start", menu_on_start, filters=only_messages), group=GROUP)  # passes on
    # Feed and form buttons are only ever shown in private chats; an announcement's Send and Cancel
    # work where it was drafted (the draft belongs to that chat and person).
    app.add_handler(CallbackQueryHandler(gated(feed_button, private_only=True), pattern=r"^mD\|"), group=GROUP)
    app.add_handler(CallbackQueryHandler(gated(announce_button), pattern=ANNOUNCE_PATTERN), group=GROUP)
    app.add_handler(CallbackQueryHandler(gated(form_button, private_only=True), pattern=maint_callbacks.PATTERN),
                    group=GROUP)
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE & only_messages,
                                   form_text), group=GROUP)


async def on_startup(app: Application, *, menus: bool = True) -> None:
    """post_init, after the scheduler started: the maintainers' menus and the forms' timeout job."""
    if menus:
        await refresh_menus(app, readers=False)
    schedule_form_sweep(app)


def schedule_form_sweep(app: Application) -> None:
    """The forms' timeout job, on the leader's scheduler (none on the other replicas)."""
    scheduler = app.bot_data.get(SCHEDULER_KEY)
    if scheduler is not None:
        scheduler.add_job(sweep_expired_forms, IntervalTrigger(seconds=SWEEP_EVERY.total_seconds()),
                          args=[app], id=SWEEP_JOB_ID, name="time out abandoned maintainer forms",
                          max_instances=1, coalesce=True, misfire_grace_time=30, replace_existing=True)
