"""build_application(settings) -> the python-telegram-bot Application, with no work at import time."""
from __future__ import annotations

import gc
import os
import sys
import time

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Application, Defaults
from telegram.request import BaseRequest

from bot.bot_api_request import AiohttpRequest
from bot.briefing.topics import list_topics
from bot.config import Settings
from bot import metrics
from bot.fleet.replica import on_leadership_change, start_replica, stop_replica
from bot.reply_limits import ReplyRateLimiter
from bot.handlers import (
    channels, chat_membership, chat_migration, chat_schedules, digest_pages, errors, inline, maintainers,
)
from bot.handlers import flood, subscribers
from bot.handlers import settings as push_settings_handlers
from bot.handlers.common import Clock, spare_sessions
from bot.handlers.menus import register_menus, set_mini_app_menu_button
from bot.render.chart_cache import ChartCache
from bot.render.i18n import CATALOGS
from storage.db import open_session
from storage.seed_schema import DossierMeta
from storage.types import utcnow

CONCURRENT_UPDATES = 16
# Direct replies stay under Telegram's overall and per-group limits, and a 429
# (a user firing commands faster than one per second) is waited out in that chat and retried.
REPLY_MAX_RETRIES = 3


def file_url(api_url: str) -> str:
    """Telegram serves files under /file/bot<token>, beside the /bot<token> API."""
    head, _, _ = api_url.rstrip("/").rpartition("/bot")
    return f"{head}/file/bot" if head else api_url


def build_application(
    settings: Settings, *, engine: AsyncEngine, dossier: DossierMeta, clock: Clock = utcnow,
    request: BaseRequest | None = None, get_updates_request: BaseRequest | None = None,
    register_commands: bool = True, alone_in_process: bool = False,
    flood_clock: flood.MonotonicClock = time.monotonic,
) -> Application:
    """The bot: reader handlers over the store at `engine`; `request` swaps the HTTP layer (console).

    The default HTTP layer is aiohttp with JSON bodies (bot/bot_api_request.py), not PTB's httpx.
    `alone_in_process` is for a process that runs the bot alone (`briefbot run`): once started, its start-up
    heap is left out of collections (_freeze_heap) and its threads take turns sooner (SWITCH_INTERVAL).
    `flood_clock` (monotonic seconds) times the per-reader throttle; tests pass their own.
    """
    # python-telegram-bot 22.2+ warns on every 429 (RetryAfter) until time periods are timedeltas;
    # opt in now: nothing here reads them as numbers (the reply limiter reads the timedelta itself).
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    builder = (
        Application.builder()
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_api_url)
        .base_file_url(file_url(settings.telegram_api_url))
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .concurrent_updates(flood.PerUserUpdateProcessor(CONCURRENT_UPDATES))
        .rate_limiter(ReplyRateLimiter(max_retries=REPLY_MAX_RETRIES))
    )
    if request is None:  # the HTTP layer for Telegram itself (or a test server speaking its API)
        request, get_updates_request = AiohttpRequest(), AiohttpRequest(connections=1)
    builder = builder.request(request).get_updates_request(get_updates_request or request)
    # The delivery engine and scheduled jobs (feed polling) start with the bot and stop with it.
    start = _start_with_menus if register_commands else _start_without_menus
    if alone_in_process:
        start = _then_settle_process(start)
    builder = builder.post_init(start).post_stop(_stop_jobs)
    app = builder.build()
    app.bot_data.update(settings=settings, engine=engine, dossier=dossier, clock=clock, spare_sessions=spare_sessions(),
                        chart_cache=ChartCache())
    # First of all: a reader sending faster than READER_PER_SECOND is stopped here.
    flood.register(app, burst=settings.reader_burst, per_second=settings.reader_per_second, clock=flood_clock)
    maintainers.register(app)  # its own group, ahead of the readers' handlers
    # Before the reader handlers: those end with catch-alls for unknown commands and buttons.
    push_settings_handlers.register(app)
    digest_pages.register(app)
    channels.register(app)
    chat_schedules.register(app)
    chat_membership.register(app)
    chat_migration.register(app)
    subscribers.register(app)
    inline.register(app)
    errors.register(app)
    on_leadership_change(app, metrics.set_leader)  # briefbot_leader on /metrics
    return app


async def _start_with_menus(app: Application) -> None:
    await _register_menus(app)
    await _start_jobs(app)
    await maintainers.on_startup(app)


async def _start_without_menus(app: Application) -> None:
    await _start_jobs(app)
    await maintainers.on_startup(app, menus=False)


# The event loop shares the interpreter with aiosqlite's threads (one per SQLite connection): a thread
# whose statement is done waits for the interpreter's lock until the loop lets go of it, at the latest
# after the switch interval (5 ms by default). With 0.5 ms, /search's p99 on SQLite was 0.8-3 ms lower
# (bench.commands, four runs each way).
SWITCH_INTERVAL = 0.0005


def _then_settle_process(start):
    async def start_then_settle(app: Application) -> None:
        await start(app)
        _freeze_heap()
        sys.setswitchinterval(SWITCH_INTERVAL)
    return start_then_settle


def _freeze_heap() -> None:
    """Leave what start-up loaded (some 200,000 objects of libraries) out of the garbage collector's scans.

    Each full collection walked them all: about 100 ms on a small server, a stall
    for whoever's command was being answered, every few hundred commands.
    Objects made afterwards are collected as usual.
    """
    gc.collect()
    gc.freeze()


async def _start_jobs(app: Application) -> None:
    """The leader's jobs (sender, planner, feed poller) run on the replica that wins leadership."""
    await start_replica(app)


async def _stop_jobs(app: Application) -> None:
    await stop_replica(app)


async def _register_menus(app: Application) -> None:
    settings: Settings = app.bot_data["settings"]
    async with open_session(app.bot_data["engine"]) as session:
        topics = {lang: await list_topics(session, lang=lang) for lang in CATALOGS}
    await register_menus(app.bot, topics, settings.default_language)
    await set_mini_app_menu_button(app.bot, settings.public_url, settings.default_language)
