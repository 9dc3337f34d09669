"""The two bots bench.commands measures: the briefing bot and a bare python-telegram-bot echo.

Each runs in a process of its own by default, as in production: the fake Bot
API (standing in for Telegram's servers) and the measuring client then do not
share the bot's interpreter lock or event loop. `in_process` keeps the old
arrangement (bot, fake and client in one process) for comparison.

A bot process is `python -m bench.command_bots KIND API_URL TOKEN [DATABASE_URL]`.
It says "ready" once polling, answers "stats" with the number of SQL statements
its engine has run and the CPU seconds it has used so far, and stops at "stop"
or end of input.
"""
from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event
from telegram import Update
from telegram.ext import Application, MessageHandler, filters

from tests.fakebot import FakeBotApi
from tests.fakebot.fixtures import running_application

PROJECT = Path(__file__).resolve().parents[1]  # where `bench`, `bot` and `tests` are importable from


SIZED_REPLY = "/sized"  # the echo answers this with SEARCH_SIZED_REPLY


def _search_sized_reply() -> str:
    """HTML the size of the bench's /search replies (theirs: 2,300-3,900 characters, 22-59 tags; this one 3,800
    and 51: ten entries with dates, highlighted words and source links), with no search behind it."""
    entry = ("<b>12 марта 2026</b>\n<i>Визит и санкции: переговоры в Баку о транзите и энергетике</i>\n"
             "Стороны обсудили <b>санкции</b>, транзитный коридор через Каспий и энергетическую безопасность "
             "региона; по словам участников, <b>санкции</b> и условия торговли останутся темой следующей встречи "
             "министров в апреле. Эксперты называют итоги переговоров осторожно положительными.\n"
             'Источники: <a href="https://example.org/news/12">Новостное агентство, 12.03.2026</a>')
    return "\n\n".join(["<b>Поиск: «санкции»</b>", *[entry] * 10])


SEARCH_SIZED_REPLY = _search_sized_reply()


def echo_application(api_url: str, token: str) -> Application:
    """The bare echo the target is relative to: PTB's defaults, one handler. It answers SIZED_REPLY with
    SEARCH_SIZED_REPLY: what a reply of /search's size costs a bot that does nothing else."""
    app = Application.builder().token(token).base_url(api_url).build()

    async def reply(update: Update, _context) -> None:
        text = update.effective_message.text
        if text == SIZED_REPLY:
            await update.effective_message.reply_text(SEARCH_SIZED_REPLY, parse_mode="HTML")
        else:
            await update.effective_message.reply_text(text)

    app.add_handler(MessageHandler(filters.TEXT, reply))
    return app


@dataclass
class StatementCounter:
    count: int = 0

    def watch(self, engine) -> None:
        event.listen(engine.sync_engine, "before_cursor_execute", self._count)

    def _count(self, *_args) -> None:
        self.count += 1


@contextlib.asynccontextmanager
async def running_bot(kind: str, api_url: str, token: str, database_url: str | None,
                      counter: StatementCounter) -> AsyncIterator[Application]:
    if kind == "echo":
        async with running_application(echo_application(api_url, token)) as app:
            yield app
        return
    from bot.app import build_application
    from bot.config import Settings
    from storage.db import make_engine
    from storage.seed_files import read_dossier

    # One reader sends every measured command (about ten a second): the per-reader throttle, which would
    # drop most of them (bot/handlers/flood.py), is raised out of the way, as for the console.
    settings = Settings(_env_file=None, telegram_bot_token=token, telegram_api_url=api_url, database_url=database_url,
                        reader_burst=100, reader_per_second=100)
    engine = make_engine(database_url)
    counter.watch(engine)
    try:
        # As `briefbot run` builds it.
        app = build_application(settings, engine=engine, dossier=read_dossier().meta, alone_in_process=True)
        async with running_application(app):
            await app.post_init(app)  # as run_polling does: menus, scheduler and sender start with the bot
            try:
                yield app
            finally:
                await app.post_stop(app)
    finally:
        await engine.dispose()


@dataclass
class BotHandle:
    stats: object  # async () -> (SQL statements run, CPU seconds used) so far; in process: the whole process's CPU


@contextlib.asynccontextmanager
async def in_process(kind: str, fake: FakeBotApi, database_url: str | None) -> AsyncIterator[BotHandle]:
    counter = StatementCounter()

    async def stats() -> tuple[int, float]:
        return counter.count, time.process_time()

    async with running_bot(kind, fake.api_base_url, fake.token, database_url, counter):
        yield BotHandle(stats)


@contextlib.asynccontextmanager
async def own_process(kind: str, fake: FakeBotApi, database_url: str | None) -> AsyncIterator[BotHandle]:
    args = [kind, fake.api_base_url, fake.token] + ([database_url] if database_url else [])
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.command_bots", *args, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, env=os.environ | {"PYTHONPATH": str(PROJECT)})
    lock = asyncio.Lock()

    async def ask(line: str) -> str:
        async with lock:
            proc.stdin.write(f"{line}\n".encode())
            await proc.stdin.drain()
            answer = (await proc.stdout.readline()).decode().strip()
            if not answer:
                raise RuntimeError(f"the {kind} bot process ended (exit code {await proc.wait()})")
            return answer

    async def stats() -> tuple[int, float]:
        count, cpu = (await ask("stats")).split()
        return int(count), float(cpu)

    try:
        ready = (await asyncio.wait_for(proc.stdout.readline(), 60)).decode().strip()
        if ready != "ready":
            raise RuntimeError(f"the {kind} bot process did not start (exit code {await proc.wait()})")
        yield BotHandle(stats)
    finally:
        if proc.returncode is None:
            with contextlib.suppress(ConnectionError):
                proc.stdin.write(b"stop\n")
                await proc.stdin.drain()
            try:
                await asyncio.wait_for(proc.wait(), 30)
            except asyncio.TimeoutError:
                proc.kill()
                await proc.wait()


async def serve(kind: str, api_url: str, token: str, database_url: str | None) -> None:
    """Child side: run the bot until told to stop, answering questions on stdin."""
    counter = StatementCounter()
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    async with running_bot(kind, api_url, token, database_url, counter):
        print("ready", flush=True)
        while (line := (await reader.readline()).decode().strip()) not in ("", "stop"):
            print(f"{counter.count} {time.process_time()}" if line == "stats" else f"unknown: {line}", flush=True)


if __name__ == "__main__":
    asyncio.run(serve(*sys.argv[1:4], sys.argv[4] if len(sys.argv) > 4 else None))
