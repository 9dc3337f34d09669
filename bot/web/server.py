"""The one aiohttp server on WEB_LISTEN: health, readiness, metrics and, in webhook mode, the updates.

The public pages (bot/web/pages/) are registered here too. Later features add theirs with
`web_app.router.add_*` on what `build_web_app` returns;
handlers stay in their own modules beside this one, with no bot logic inside.
"""
from __future__ import annotations

import logging

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.briefing.search_cache import app_search_cache
from bot.config import Settings
from bot.web import health, metrics_view, webhook
from bot.web.miniapp import pages as mini_app
from bot.web.pages import digest_page, routes as pages
from bot.web.keys import ENGINE, PTB_APP, SEARCH_CACHE, SETTINGS
from bot.web.settings_checks import webhook_path

log = logging.getLogger(__name__)
RUNNER_KEY = "web_runner"  # in the Application's bot_data while the server runs beside polling


def build_web_app(app, settings: Settings, engine: AsyncEngine) -> web.Application:
    """The web application for the bot `app` (a telegram.ext.Application) over the store at `engine`."""
    web_app = web.Application()
    web_app[PTB_APP], web_app[SETTINGS], web_app[ENGINE] = app, settings, engine
    web_app[SEARCH_CACHE] = app_search_cache(app.bot_data)
    health.add_routes(web_app)
    metrics_view.add_routes(web_app)
    pages.add_routes(web_app, dossier=app.bot_data["dossier"])
    digest_page.add_routes(web_app)
    mini_app.add_routes(web_app)  # after every page: each is also served in the Mini App, under /app
    if settings.webhook_url:
        webhook.add_routes(web_app, webhook_path(settings.webhook_url))
    return web_app


async def start_web_server(web_app: web.Application, host: str, port: int) -> web.AppRunner:
    """Listen on host:port; OSError when the address is taken or not ours."""
    runner = web.AppRunner(web_app, access_log=None, shutdown_timeout=5.0)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except BaseException:
        await runner.cleanup()
        raise
    log.info("web server listening on %s:%s", host, port)
    return runner


def serve_beside_polling(app, settings: Settings, engine: AsyncEngine) -> None:
    """Run the server (health, readiness, metrics) from the bot's start to its stop, with long polling."""
    started, stopped = app.post_init, app.post_stop

    async def post_init(application) -> None:
        if started:
            await started(application)
        host, port = settings.listen_address
        runner = await start_web_server(build_web_app(application, settings, engine), host, port)
        application.bot_data[RUNNER_KEY] = runner

    async def post_stop(application) -> None:
        runner = application.bot_data.pop(RUNNER_KEY, None)
        if runner is not None:
            await runner.cleanup()
        if stopped:
            await stopped(application)

    app.post_init, app.post_stop = post_init, post_stop
