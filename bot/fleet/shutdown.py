"""SIGTERM or SIGINT: the replica stops cleanly, well within 15 seconds, exit code 0.

It stops taking updates at once and steps down at once (the sender sends nothing new, its
requests under way finish within DELIVERY_TIMEOUT and are recorded, the lock is released for
another replica), while the handlers already running get HANDLERS_GRACE seconds to finish;
python-telegram-bot alone would wait for them without a bound.
"""
from __future__ import annotations

import asyncio
import logging
import signal

from bot.fleet.replica import stop_replica
from bot.handlers.flood import PerUserUpdateProcessor

log = logging.getLogger(__name__)
HANDLERS_GRACE = 8.0
STOP_SERVING_KEY = "stop_serving"  # bot_data: a callable that ends a server other than run_polling
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def install_stop_signals(app, *, grace: float = HANDLERS_GRACE) -> None:
    """From post_init, on the running loop: replaces python-telegram-bot's own stop signals."""
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, _stop, app, grace)


def _stop(app, grace: float) -> None:
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:  # a second signal changes nothing
        loop.remove_signal_handler(sig)
        loop.add_signal_handler(sig, lambda: None)
    log.info("stopping: no new updates; handlers under way get %.0f s", grace)
    app.bot_data["replica_stopped"] = asyncio.ensure_future(stop_replica(app))
    loop.call_later(grace, _cut_short, app)
    # Webhook mode serves in a loop of its own and says how to end it; run_polling goes on to stop
    # the updater and the Application, then post_stop.
    stop_serving = app.bot_data.get(STOP_SERVING_KEY)
    if stop_serving:
        stop_serving()
    else:
        app.stop_running()


def _cut_short(app) -> None:
    processor = app.update_processor
    if isinstance(processor, PerUserUpdateProcessor):
        cancelled = processor.cancel_running()
        if cancelled:
            log.warning("stopping: %d handlers still running after the grace period were cancelled", cancelled)
