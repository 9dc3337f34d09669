"""`briefbot doctor`: what is wrong with this installation, and how to fix it, one line each."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass

from sqlalchemy import text

from bot.config import ConfigError, Settings, load_settings
from storage.db import make_engine
from storage.migrate import current_revision, head_revision
from storage.seed_files import SeedError, read_dossier


@dataclass(frozen=True)
class Check:
    ok: bool
    message: str


def run_doctor() -> int:
    checks = asyncio.run(diagnose())
    for check in checks:
        print(f"{'ok ' if check.ok else 'FAIL'} {check.message}")
    failed = sum(not c.ok for c in checks)
    print("All checks passed." if not failed else f"{failed} problem(s) found.")
    return 0 if not failed else 1


async def diagnose() -> list[Check]:
    try:
        settings = load_settings()
    except ConfigError as exc:
        return [Check(False, line) for line in str(exc).splitlines()]
    checks = [_token_check(settings), _updates_check(settings), _pages_check(settings)]
    checks += await _database_checks(settings)
    checks.append(_dossier_check(settings))
    return checks


def _token_check(settings: Settings) -> Check:
    if not settings.telegram_bot_token:
        return Check(False, "TELEGRAM_BOT_TOKEN is not set: get one from @BotFather (/newbot) and put it in .env, "
                            "or try the bot without Telegram with `briefbot console`.")
    return Check(True, f"TELEGRAM_BOT_TOKEN is set; Bot API at {settings.telegram_api_url}")


def _updates_check(settings: Settings) -> Check:
    """How updates arrive; the settings themselves were checked on load (a weak secret fails above)."""
    host, port = settings.listen_address
    if settings.webhook_url:
        return Check(True, f"webhook mode: Telegram posts updates to WEBHOOK_URL={settings.webhook_url} with "
                           f"WEBHOOK_SECRET; the web server listens on WEB_LISTEN={host}:{port}")
    if settings.serves_web:
        return Check(True, f"long polling (WEBHOOK_URL is not set); the web pages, /healthz, /readyz and "
                           f"/metrics on WEB_LISTEN={host}:{port}")
    return Check(True, "long polling (WEBHOOK_URL is not set); no web server (set WEB_LISTEN for /healthz, "
                       "/readyz and /metrics)")


def _pages_check(settings: Settings) -> Check:
    """Where readers find the web pages; without PUBLIC_URL the bot cannot link to them."""
    if settings.public_url:
        return Check(True, f"web pages at PUBLIC_URL={settings.public_url} (forward it to WEB_LISTEN); "
                           "the bot links to them")
    return Check(True, "PUBLIC_URL is not set: the web pages serve on WEB_LISTEN only and the bot shows no "
                       "web buttons")


async def _database_checks(settings: Settings) -> list[Check]:
    engine = make_engine(settings.database_url)
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        revision = await current_revision(engine)
        head = head_revision()
        checks = [Check(True, f"database reachable ({engine.url.render_as_string(hide_password=True)})")]
        if revision != head:
            checks.append(Check(False, f"database schema is at {revision or 'nothing'}, the code needs {head}: "
                                       "run `briefbot db upgrade`"))
            return checks
        checks.append(Check(True, f"database schema is up to date ({head})"))
        async with engine.connect() as conn:
            events = (await conn.execute(text("SELECT count(*) FROM events"))).scalar_one()
        checks.append(Check(events > 0, f"{events} timeline events loaded" if events
                            else "the dossier is not loaded: run `briefbot seed`"))
        return checks
    except Exception as exc:  # noqa: BLE001 - reported as a finding, not a crash
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return [Check(False, f"cannot reach the database at DATABASE_URL: {reason}")]
    finally:
        await engine.dispose()


def _dossier_check(settings: Settings) -> Check:
    try:
        dossier = read_dossier(settings.seeds_dir)
    except SeedError as exc:
        return Check(False, f"the dossier files are invalid: {exc}")
    return Check(True, f"dossier files valid: {len(dossier.topics)} topics, {len(dossier.events)} events")
