"""Round-trip latency of reader commands through the fake Bot API, next to a bare echo bot.

    .venv/bin/python -m bench.commands [--events 10000] [--articles 100000] [--rounds 300]
                                       [--database-url postgresql://...]

Loads the dossier plus synthetic events and articles into a fresh database
(SQLite in a temporary folder unless --database-url is given), runs the real
Application and a bare python-telegram-bot echo Application against two fake
Bot API servers (the fake's limits off, requests paced at 20/s: this measures the
bot, not Telegram's limits), and prints p50/p99 per command. Targets: p99 under 50 ms and within 3x of echo.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

from telegram import Update
from telegram.ext import Application, MessageHandler, filters

from bench.synthetic import load
from bot.app import build_application
from bot.config import Settings, normalise_database_url
from storage.db import make_engine, open_session
from storage.migrate import upgrade_async
from storage.seed_files import read_dossier
from storage.seed_loader import load_dossier
from tests.fakebot import FakeBotApi
from tests.fakebot.fixtures import running_application

POLL = 0.0002  # how often the client checks for the reply; far below the figures measured
# Requests are paced at 20/s for both bots: the bot keeps under Telegram's 30 messages/s
# overall (AIORateLimiter), and back-to-back requests would measure that queue, not latency.
PACE = 0.05
QUERIES = ["хартия", "поправка 907", "санкции визит", "energy security", "Трамп", "transit corridor", "TRIPP"]


async def prepare(url: str, events: int, articles: int) -> None:
    await upgrade_async(url)
    engine = make_engine(url)
    try:
        async with open_session(engine) as session:
            now = dt.datetime.now(dt.timezone.utc)
            await load_dossier(session, dossier=read_dossier(), now=now)
            await load(session, events=events, articles=articles)
            await session.commit()
    finally:
        await engine.dispose()


async def settle(fake: FakeBotApi, user, quiet: float = 0.02) -> None:
    """Wait until the rest of a multi-part reply has arrived, so it is not taken for the next reply."""
    count = -1
    while count != len(fake.messages(user)):
        count = len(fake.messages(user))
        await asyncio.sleep(quiet)


async def round_trips(fake: FakeBotApi, user, texts: list[str]) -> list[float]:
    """Seconds from the user's message to the first part of the bot's reply."""
    out = []
    for text in texts:
        start = time.perf_counter()
        sent = fake.user_sends(user, text)
        await fake.wait_for(lambda s=sent: fake.messages(user, after=s) or None, timeout=10, interval=POLL)
        out.append(time.perf_counter() - start)
        await settle(fake, user)
        await asyncio.sleep(max(0.0, start + PACE - time.perf_counter()))
    return out


async def button_round_trips(fake: FakeBotApi, user, rounds: int) -> list[float]:
    await settle(fake, user)
    sent = fake.user_sends(user, "/timeline")
    page = await fake.wait_for(lambda: next((m for m in fake.messages(user, after=sent) if m.buttons), None))
    out = []
    for i in range(rounds):
        data = "tl|1|||" if i % 2 == 0 else "tl|0|||"  # older page, then back
        edits = len(page.edits)
        start = time.perf_counter()
        fake.press_button(user, page, data)
        await fake.wait_for(lambda: len(page.edits) > edits or None, timeout=10, interval=POLL)
        out.append(time.perf_counter() - start)
        await asyncio.sleep(max(0.0, start + PACE - time.perf_counter()))
    return out


def summary(name: str, samples: list[float]) -> tuple[str, float, float]:
    ms = sorted(s * 1000 for s in samples)
    p99 = ms[min(len(ms) - 1, int(round(0.99 * (len(ms) - 1))))]
    return name, statistics.median(ms), p99


async def measure(url: str, rounds: int) -> list[tuple[str, float, float]]:
    rng = random.Random(1)
    results = []
    with FakeBotApi(rate_limits=False) as echo_fake:
        echo = Application.builder().token(echo_fake.token).base_url(echo_fake.api_base_url).build()

        async def reply(update: Update, _context) -> None:
            await update.effective_message.reply_text(update.effective_message.text)

        echo.add_handler(MessageHandler(filters.TEXT, reply))
        async with running_application(echo):
            user = echo_fake.create_user(language_code="en")
            await round_trips(echo_fake, user, ["warm-up"] * 20)
            results.append(summary("echo (bare PTB)", await round_trips(echo_fake, user, ["hello"] * rounds)))

    with FakeBotApi(rate_limits=False) as fake:
        settings = Settings(_env_file=None, telegram_bot_token=fake.token, telegram_api_url=fake.api_base_url,
                            database_url=url)
        engine = make_engine(url)
        app = build_application(settings, engine=engine, dossier=read_dossier().meta)
        try:
            async with running_application(app):
                user = fake.create_user(language_code="ru")
                await round_trips(fake, user, ["/timeline", "/search хартия", "/onthisday"] * 10)
                years = [str(rng.randrange(1990, 2027)) for _ in range(rounds)]
                results.append(summary("/timeline [year]", await round_trips(
                    fake, user, [f"/timeline {y}" if i % 2 else "/timeline" for i, y in enumerate(years)])))
                results.append(summary("/search", await round_trips(
                    fake, user, [f"/search {rng.choice(QUERIES)}" for _ in range(rounds)])))
                days = [f"{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}" for _ in range(rounds)]
                results.append(summary("/onthisday", await round_trips(fake, user, [f"/onthisday {d}" for d in days])))
                results.append(summary("page button", await button_round_trips(fake, user, rounds)))
        finally:
            await engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--database-url", help="PostgreSQL URL of an EMPTY database (default: SQLite in a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = normalise_database_url(args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}")
        started = time.perf_counter()
        asyncio.run(prepare(url, args.events, args.articles))
        print(f"store: dossier + {args.events:,} events + {args.articles:,} articles loaded in "
              f"{time.perf_counter() - started:.1f} s ({url.split(':')[0]})")
        results = asyncio.run(measure(url, args.rounds))
    echo_p99 = results[0][2]
    print(f"\n{'command':<18}{'p50 ms':>9}{'p99 ms':>9}{'p99/echo':>10}  target: p99 < 50 ms and < 3x echo")
    for name, p50, p99 in results:
        verdict = "" if name.startswith("echo") else ("ok" if p99 < 50 and p99 < 3 * echo_p99 else "MISSED")
        print(f"{name:<18}{p50:>9.1f}{p99:>9.1f}{p99 / echo_p99:>10.2f}  {verdict}")


if __name__ == "__main__":
    main()
