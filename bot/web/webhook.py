"""POST <path of WEBHOOK_URL>: Telegram's updates, checked, recorded once across the fleet, then queued.

As python-telegram-bot's own webhook handler does, a valid update goes on the Application's
`update_queue`: the Application takes it from there with its concurrent update processor,
exactly as updates from long polling. Telegram gets its 200 at once.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import hmac
import json
import logging

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.ext import ExtBot

from bot import metrics
from bot.web.keys import ENGINE, PTB_APP, SETTINGS
from storage.db import open_session
from storage.processed_updates import claim_update, prune_updates
from storage.types import utcnow

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram gives up on an update after some hours of failed tries; a day covers every redelivery.
RETENTION = dt.timedelta(days=1)
PRUNE_EVERY = dt.timedelta(minutes=1)


class Pruner:
    """Forgets old update_ids now and then, in the background, a batch at a time."""

    def __init__(self) -> None:
        self.last: dt.datetime | None = None
        self.task: asyncio.Task | None = None

    def maybe_prune(self, engine, now: dt.datetime) -> None:
        if (self.last and now - self.last < PRUNE_EVERY) or (self.task and not self.task.done()):
            return
        self.last = now
        self.task = asyncio.create_task(self._prune(engine, now - RETENTION))

    @staticmethod
    async def _prune(engine, before: dt.datetime) -> None:
        try:
            async with open_session(engine) as session:
                await prune_updates(session, before=before)
                await session.commit()
        except SQLAlchemyError as exc:
            log.warning("old update ids not pruned: %s", exc)


PRUNER = web.AppKey("update_pruner", Pruner)


def add_routes(web_app: web.Application, path: str) -> None:
    web_app[PRUNER] = Pruner()
    web_app.router.add_post(path, receive_update)


async def receive_update(request: web.Request) -> web.Response:
    web_app = request.app
    secret = web_app[SETTINGS].webhook_secret or ""
    given = request.headers.get(SECRET_HEADER, "")
    if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
        return web.Response(status=403, text="wrong or missing secret token\n")
    app = web_app[PTB_APP]
    update = await _parse(request, app.bot)
    if update is None:
        return web.Response(status=400, text="the body is not a Telegram update\n")
    now = utcnow()
    try:
        async with open_session(web_app[ENGINE]) as session:
            fresh = await claim_update(session, update_id=update.update_id, now=now)
            await session.commit()
    except (SQLAlchemyError, OSError) as exc:  # Telegram tries again later
        log.warning("update %s not taken, the database failed: %s", update.update_id, exc)
        return web.Response(status=503, text="database unavailable\n")
    web_app[PRUNER].maybe_prune(web_app[ENGINE], now)
    if not fresh:
        metrics.count_duplicate(metrics.update_kind(update))
        log.info("update %s was already taken; skipped", update.update_id)
        return web.Response(text="duplicate\n")
    if isinstance(app.bot, ExtBot):
        app.bot.insert_callback_data(update)
    await app.update_queue.put(update)
    return web.Response(text="ok\n")


async def _parse(request: web.Request, bot) -> Update | None:
    try:
        data = json.loads(await request.read())
    except ValueError:  # UnicodeDecodeError too
        return None
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        return None
    try:
        return Update.de_json(data, bot)
    except Exception:  # noqa: BLE001 - whatever the library cannot read is not an update
        return None
