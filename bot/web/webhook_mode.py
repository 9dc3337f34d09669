"""`briefbot run` in webhook mode: the bot started as run_polling would, updates from the web server.

The webhook is set at every start (idempotent for Telegram) and never deleted at stop: the
other replicas behind the same URL still serve it.
"""
from __future__ import annotations

import asyncio
import logging
import signal

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update

from bot.config import Settings
from bot.fleet.shutdown import STOP_SERVING_KEY
from bot.web.server import build_web_app, start_web_server

log = logging.getLogger(__name__)
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


async def set_webhook(bot, settings: Settings) -> None:
    await bot.set_webhook(url=settings.webhook_url, secret_token=settings.webhook_secret,
                          allowed_updates=Update.ALL_TYPES, max_connections=settings.webhook_max_connections)
    log.info("webhook set: Telegram posts updates to %s", settings.webhook_url)


async def serve_webhook(app, settings: Settings, engine: AsyncEngine, *, stop: asyncio.Event | None = None) -> None:
    """Run until `stop` is set (by default: SIGINT or SIGTERM), then stop taking updates and shut down."""
    stop = stop or _stop_on_signals()
    # The fleet's stop signals (installed by post_init, bot/fleet/shutdown.py) end the wait through this.
    app.bot_data[STOP_SERVING_KEY] = stop.set
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        await app.start()
        host, port = settings.listen_address
        runner = await start_web_server(build_web_app(app, settings, engine), host, port)
        try:
            await set_webhook(app.bot, settings)
            await stop.wait()
        finally:
            await runner.cleanup()  # no new updates; those taken are handled by app.stop()
    finally:
        if app.running:
            await app.stop()
            if app.post_stop:
                await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop.set)
    return stop
