"""`briefbot run` (long polling, or a webhook when WEBHOOK_URL is set) and `briefbot console` (the terminal)."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from telegram import Update
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.app import build_application
from bot.cli.api_wait import wait_until_reachable
from bot.cli.preflight import ready_engine
from bot.config import Settings
from bot.fleet.replica import stop_replica
from bot.fleet.shutdown import install_stop_signals
from bot.fleet.sqlite_guard import SqliteInUse, sole_sqlite_process
from bot.log_redaction import TokenMask
from bot.web.server import serve_beside_polling
from bot.web.webhook_mode import serve_webhook
from storage.db import make_engine
from storage.seed_files import SeedError, read_dossier

NO_TOKEN = (
    "TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather in Telegram (send /newbot), then put\n"
    "TELEGRAM_BOT_TOKEN=<the token> in .env (see .env.example) and run `make run` again.\n"
    "To try the bot without Telegram: `make console` (or `.venv/bin/briefbot console`)."
)


def _preflight(settings: Settings):
    """The dossier's description and a schema check; a clear line and None when not ready."""
    try:
        meta = read_dossier(settings.seeds_dir).meta
    except SeedError as exc:
        print(f"The dossier is invalid: {exc}", file=sys.stderr)
        return None

    async def schema_ready() -> bool:
        async with ready_engine(settings.database_url) as engine:
            return engine is not None

    return meta if asyncio.run(schema_ready()) else None


def run_bot(settings: Settings) -> int:
    if not settings.telegram_bot_token:
        print(NO_TOKEN, file=sys.stderr)
        return 1
    try:
        with sole_sqlite_process(settings.database_url):
            return _run_bot(settings)
    except SqliteInUse as exc:
        print(exc, file=sys.stderr)
        return 1


def _run_bot(settings: Settings) -> int:
    meta = _preflight(settings)
    if meta is None:
        return 1
    if not wait_until_reachable(settings.telegram_api_url, settings.telegram_bot_token):
        return 0  # stopped while waiting
    engine = make_engine(settings.database_url)
    app = build_application(settings, engine=engine, dossier=meta, alone_in_process=True)
    _stop_cleanly(app)
    app.post_shutdown = _dispose(engine)
    try:
        _serve(app, settings, engine)
    except InvalidToken:
        print("Telegram rejected TELEGRAM_BOT_TOKEN: check it with @BotFather (/token) and update .env.",
              file=sys.stderr)
        return 1
    except NetworkError as exc:
        # The error's text may hold the request URL, which holds the token.
        reason = TokenMask(settings.telegram_bot_token)(str(exc))
        print(f"Could not reach the Bot API at TELEGRAM_API_URL={settings.telegram_api_url}: {reason}",
              file=sys.stderr)
        return 1
    except TelegramError as exc:  # setWebhook refused (a URL Telegram cannot reach, say)
        reason = TokenMask(settings.telegram_bot_token)(str(exc))
        print(f"Telegram refused the webhook WEBHOOK_URL={settings.webhook_url}: {reason}", file=sys.stderr)
        return 1
    except OSError as exc:  # the web server's address is taken or not this machine's
        if not settings.serves_web:
            raise
        print(f"Cannot listen on WEB_LISTEN={settings.web_listen or '127.0.0.1:8080'}: {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    return 0


def _stop_cleanly(app) -> None:
    """Our own stop signals (bounded, see bot/fleet/shutdown.py), installed before the jobs start."""
    start = app.post_init

    async def post_init(app) -> None:
        install_stop_signals(app)
        await start(app)
    app.post_init = post_init


def _serve(app, settings: Settings, engine) -> None:
    """Webhook mode when WEBHOOK_URL is set, else long polling (with the web server when WEB_LISTEN or
    PUBLIC_URL is set)."""
    if settings.webhook_url:
        asyncio.run(serve_webhook(app, settings, engine))
        return
    if settings.serves_web:
        serve_beside_polling(app, settings, engine)
    app.run_polling(allowed_updates=Update.ALL_TYPES)


def _dispose(engine):
    async def post_shutdown(app) -> None:
        await stop_replica(app)  # done already unless stopped during start-up
        await engine.dispose()
    return post_shutdown


def run_console(settings: Settings, language: str | None) -> int:
    from bot.console.session import ConsoleChat, run_console as console_loop

    meta = _preflight(settings)
    if meta is None:
        return 1
    # The console never reaches Telegram; a well-formed placeholder token satisfies the library.
    # Its one operator types (and pastes scripts) faster than a reader may: no per-reader throttle.
    local = settings.model_copy(update={"telegram_bot_token": "1000:console-placeholder-token-0000000000",
                                        "reader_burst": 100.0, "reader_per_second": 100.0})
    chat = ConsoleChat(language or settings.default_language, picture_dir=Path.cwd())

    async def main() -> None:
        engine = make_engine(settings.database_url)
        try:
            app = build_application(local, engine=engine, dossier=meta, request=chat.transport,
                                    register_commands=False)
            await console_loop(app, chat)
        finally:
            await engine.dispose()

    try:
        with sole_sqlite_process(settings.database_url):  # a running bot would not see its changes
            asyncio.run(main())
    except SqliteInUse as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0
