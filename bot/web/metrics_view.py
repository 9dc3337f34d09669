"""GET /metrics: the bot's metrics in Prometheus text format; gauges read from their sources at scrape time."""
from __future__ import annotations

import asyncio
import logging

from aiohttp import web

from bot import metrics
from bot.scheduling.scheduler import SCHEDULER_KEY
from bot.web.keys import ENGINE, PTB_APP
from storage.db import open_session
from storage.deliveries import PENDING, SENDING, count_by_status

log = logging.getLogger(__name__)
LIVE_STATUSES = (PENDING, SENDING)  # finished rows are counted by briefbot_deliveries_total instead
SCRAPE_QUERY_TIMEOUT = 3.0


def add_routes(web_app: web.Application) -> None:
    web_app.router.add_get("/metrics", serve_metrics)


async def serve_metrics(request: web.Request) -> web.Response:
    await _read_outbox(request.app)
    _read_scheduler(request.app[PTB_APP])
    body, content_type = metrics.exposition()
    return web.Response(body=body, headers={"Content-Type": content_type})


async def _read_outbox(web_app: web.Application) -> None:
    """Rows per live status: an index range each (ix_deliveries_status_id), cheap however many were sent."""
    async def count() -> dict[str, int]:
        async with open_session(web_app[ENGINE]) as session:
            return await count_by_status(session, statuses=LIVE_STATUSES)
    try:
        counts = await asyncio.wait_for(count(), SCRAPE_QUERY_TIMEOUT)
    except Exception as exc:  # noqa: BLE001 - a scrape never fails for the database; the gauge keeps its value
        log.warning("outbox rows not counted for /metrics: %s", exc)
        return
    for status in LIVE_STATUSES:
        metrics.OUTBOX_ROWS.labels(status).set(counts.get(status, 0))


def _read_scheduler(app) -> None:
    scheduler = app.bot_data.get(SCHEDULER_KEY)
    times = [job.next_run_time for job in scheduler.get_jobs() if job.next_run_time] if scheduler else []
    metrics.SCHEDULER_NEXT_RUN.set(min(times).timestamp() if times else 0)
