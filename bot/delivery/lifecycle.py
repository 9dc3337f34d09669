"""Start and stop the delivery engine with the bot (`post_init` / `post_stop` of the Application).

The running engine lives in app.bot_data["delivery"] (on the leader only); after committing
new outbox rows, call `wake_sender(bot_data)`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.chat_settings_cache import chat_moved
from bot.config import Settings
from bot.delivery.api import BotApi
from bot.delivery.engine import DeliveryEngine
from bot.delivery.limits import Limits
from bot.fleet.changes import OUTBOX, tell_replicas
from storage.types import utcnow

DELIVERY_KEY = "delivery"


def build_engine(settings: Settings, db: AsyncEngine, *, clock: Callable[[], dt.datetime] = utcnow) -> DeliveryEngine:
    """The engine for `settings`, with its own HTTP client (not the Application's rate-limited Bot)."""
    api = BotApi(api_url=settings.telegram_api_url, token=settings.telegram_bot_token or "",
                 timeout=settings.delivery_timeout, connections=max(10, min(settings.delivery_in_flight, 200)))
    return DeliveryEngine(db, api, Limits.from_settings(settings), clock=clock,
                          in_flight=settings.delivery_in_flight, max_attempts=settings.delivery_max_attempts,
                          resend_in_doubt=settings.delivery_in_doubt == "resend")


def wake_sender(bot_data) -> None:
    """New rows are committed: the sender looks now, this replica's or the leader's (a change notice)."""
    engine = bot_data.get(DELIVERY_KEY)
    if engine is not None:
        engine.wake()
    else:
        tell_replicas(bot_data, OUTBOX)


async def start_delivery(app) -> None:
    """post_init hook (idempotent)."""
    data = app.bot_data
    if data.get(DELIVERY_KEY) is not None:
        return
    engine = build_engine(data["settings"], data["engine"], clock=data.get("clock") or utcnow)
    engine.on_chat_moved = lambda move: chat_moved(data, old_id=move.old_id, chat=move.chat)
    await engine.start()
    data[DELIVERY_KEY] = engine


async def stop_delivery(app) -> None:
    """post_stop hook: requests under way finish and are recorded."""
    engine = app.bot_data.pop(DELIVERY_KEY, None)
    if engine is not None:
        await engine.stop()
