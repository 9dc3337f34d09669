"""GET /healthz (the process answers) and GET /readyz (the database answers, its schema at head)."""
from __future__ import annotations

import asyncio

from aiohttp import web

from bot.web.keys import ENGINE
from storage.migrate import current_revision, head_revision

READY_TIMEOUT = 5.0  # seconds for the database to answer before the replica is reported not ready
HEAD = web.AppKey("head_revision", str)


def add_routes(web_app: web.Application) -> None:
    web_app[HEAD] = head_revision()  # read once: it parses the migration scripts from disk
    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/readyz", readyz)


async def healthz(_request: web.Request) -> web.Response:
    return web.Response(text="ok\n")


async def readyz(request: web.Request) -> web.Response:
    problem = await not_ready_because(request.app)
    if problem:
        return web.Response(status=503, text=f"not ready: {problem}\n")
    return web.Response(text="ready\n")


async def not_ready_because(web_app: web.Application) -> str | None:
    head = web_app[HEAD]
    try:
        revision = await asyncio.wait_for(current_revision(web_app[ENGINE]), READY_TIMEOUT)
    except asyncio.TimeoutError:
        return f"the database did not answer within {READY_TIMEOUT:.0f} s"
    except Exception as exc:  # noqa: BLE001 - the reason is the answer
        text = str(exc).strip()
        return f"the database is unreachable: {text.splitlines()[0] if text else type(exc).__name__}"
    if revision != head:
        return f"the database schema is at {revision or 'nothing'}, the code needs {head}: run `briefbot db upgrade`"
    return None
