"""The admin check: every hour, re-verify with Telegram the linked chats not checked for a day.

For each such chat: may the bot still post there? If not, its schedules are paused and its admins
told (once: when it stops being able to, not every day after); if it may again, the schedules paused
for that reason resume (an admin's own pause stays) and its admins are told. If it may, every linked person is
asked about again: admins stay (verified now), the others are marked lost and keep the chat's
schedules without being able to change them. The database says what is due (`ChatAdmin.checked_at`),
so restarts lose nothing; Telegram is asked outside any transaction, then the answers are written
in one short one. A chat Telegram does not answer about is tried again at the next tick.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Bot
from telegram.error import TelegramError

from bot.briefing.chat_rights import UNAVAILABLE, admin_languages, bot_lost_chat, bot_may_post_again
from bot.briefing.chats import get_chat
from bot.handlers.chat_access import probe_admin, probe_chat
from bot.handlers.chat_membership import tell_privately
from bot.render.channel_pages import lost_notice, resumed_notice
from storage.chat_admins import chat_links, chats_due_for_check, confirm_admin, mark_checked, mark_lost
from storage.db import open_session
from storage.types import utcnow

log = logging.getLogger(__name__)

JOB_ID = "check-chat-admins"
TICK = dt.timedelta(hours=1)
RECHECK_AFTER = dt.timedelta(days=1)
CHATS_PER_RUN = 100  # the rest stay due for the next tick


@dataclass(frozen=True)
class ChatCheck:
    chat_id: int
    bot_can_post: bool | None  # None: Telegram did not answer, nothing was changed
    paused: int = 0
    resumed: int = 0  # schedules paused for lost rights that run again
    confirmed: tuple[int, ...] = ()
    lost: tuple[int, ...] = ()


async def recheck_chat_admins(
    bot: Bot, engine: AsyncEngine, *, clock: Callable[[], dt.datetime], limit: int = CHATS_PER_RUN,
) -> list[ChatCheck]:
    """Re-verify every linked chat whose admins were last asked about more than RECHECK_AFTER ago."""
    async with open_session(engine) as session:
        due = await chats_due_for_check(session, checked_before=clock() - RECHECK_AFTER, limit=limit)
    results = []
    for chat_id in due:
        result = await recheck_chat(bot, engine, chat_id=chat_id, clock=clock)
        log.info("admin check %s: %s", chat_id, result)
        results.append(result)
    return results


async def recheck_chat(bot: Bot, engine: AsyncEngine, *, chat_id: int, clock: Callable[[], dt.datetime]) -> ChatCheck:
    async with open_session(engine) as session:
        user_ids = [link.user_id for link in await chat_links(session, chat_id=chat_id)]
    probe = await probe_chat(bot, chat_id)
    if probe.reason == UNAVAILABLE:
        return ChatCheck(chat_id, None)
    if not probe.can_post:
        return await _bot_cannot_post(bot, engine, chat_id=chat_id, present=probe.bot_present, now=clock())
    verdicts: dict[int, bool | None] = {}
    for user_id in user_ids:
        try:
            verdicts[user_id] = await probe_admin(bot, chat_id, user_id)
        except TelegramError as exc:  # asked again at the next tick
            log.warning("admin check %s, user %s: %s", chat_id, user_id, exc)
    now = clock()
    resumed, admins = 0, []
    async with open_session(engine) as session:
        chat = await get_chat(session, chat_id=chat_id)
        for user_id, is_admin in verdicts.items():
            if is_admin:
                await confirm_admin(session, chat_id=chat_id, user_id=user_id, via="verify", now=now)
            elif is_admin is False:
                await mark_lost(session, chat_id=chat_id, user_id=user_id, now=now)
        if chat is not None:
            if probe.chat is not None:
                chat.title, chat.username = probe.chat.title, probe.chat.username
            resumed = await bot_may_post_again(session, chat=chat, now=now)
            if resumed:  # told once: the schedules are running afterwards, nothing to resume tomorrow
                admins = await admin_languages(session, chat_id=chat_id, fallback=chat.language)
        await session.commit()
    for user_id, lang in admins:
        await tell_privately(bot, user_id, resumed_notice(lang, type=chat.type, title=chat.title,
                                                          username=chat.username, resumed=resumed))
    return ChatCheck(chat_id, True, confirmed=tuple(u for u, a in verdicts.items() if a),
                     lost=tuple(u for u, a in verdicts.items() if a is False), resumed=resumed)


async def _bot_cannot_post(bot: Bot, engine: AsyncEngine, *, chat_id: int, present: bool, now: dt.datetime) -> ChatCheck:
    """Pause the chat's schedules; tell its admins when this is news (it could post until now, or
    schedules were running). Its admins cannot be asked about, so their links stay as they are."""
    async with open_session(engine) as session:
        chat = await get_chat(session, chat_id=chat_id)
        await mark_checked(session, chat_id=chat_id, now=now)
        if chat is None:
            await session.commit()
            return ChatCheck(chat_id, False)
        was_active = chat.active
        paused = await bot_lost_chat(session, chat=chat, present=present, now=now)
        admins = await admin_languages(session, chat_id=chat_id, fallback=chat.language) if was_active or paused else []
        await session.commit()
    for user_id, lang in admins:
        await tell_privately(bot, user_id, lost_notice(lang, type=chat.type, title=chat.title, username=chat.username,
                                                       removed=not present, paused=paused))
    return ChatCheck(chat_id, False, paused=paused)


async def _run(app) -> list[ChatCheck]:
    return await recheck_chat_admins(app.bot, app.bot_data["engine"], clock=app.bot_data.get("clock") or utcnow)


def add_admin_check_job(scheduler: AsyncIOScheduler, app) -> None:
    """The hourly admin check for the Application `app` (its bot, engine and clock, read at each run)."""
    scheduler.add_job(
        _run, IntervalTrigger(seconds=TICK.total_seconds()), id=JOB_ID, name="re-verify chat admins",
        kwargs={"app": app},
        # One run at a time; missed ticks collapse into one (what is due is read from the database).
        max_instances=1, coalesce=True, misfire_grace_time=300, replace_existing=True,
    )
