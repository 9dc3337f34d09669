"""One digest to 100,000 subscribers through the fake Bot API, with memory.

    .venv/bin/python -m bench.fanout [--chats 100000] [--pg auto|postgresql://...] [--in-flight 100]

The fake runs in a child process (bench/fake_process.py), the engine here, on a fresh
migrated SQLite file (and PostgreSQL with --pg). The digest is enqueued once per phase
(one row per chat, `bot.delivery.outbox.enqueue`), then the engine sends until the outbox
is empty:
(a) the fake's limits as Telegram's with allow_paid_broadcast (1000 messages/s overall),
    the engine configured for paid broadcast: achieved rate as a fraction of the limit
    (target >= 0.9), lost and duplicated deliveries (target 0), 429s received;
(b) the fake's limits off and no overall limit in the engine: the engine's own throughput
    (target >= 2,500 deliveries/s on 2 cores) and its CPU time per delivery;
(c) the engine process's peak resident memory (target < 120 MB);
(p) paced at Telegram's free 30 messages/s (the fake's limits on, `--paced-chats` chats): the
    engine's CPU per delivery (target <= 0.5 ms, as at 1000/s in (a) and unpaced in (b));
(h) the sender's HTTP client alone (`BotApi.send_message`: no engine, no database), at once and in
    (p)'s groups of 15 twice a second: the CPU per request that every delivery above includes, so the
    engine's own share is the difference.
CPU time per delivery hardly depends on the machine's load; throughput does, so the load
average is printed beside every phase. Prints figures; asserts nothing. Other processes on
the machine skew (b): rerun it.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from bench.fake_process import FakeProcess
from bot.delivery.api import BotApi, Sent
from bot.delivery.engine import DeliveryEngine
from bot.delivery.limits import Limits, answer_delay
from bot.delivery.outbox import DeliveryDraft, encode_buttons, enqueue, reply_markup
from bot.render.reply import Button
from storage.db import make_engine, open_session
from storage.deliveries import count_by_status
from storage.models import Chat

NOW = dt.datetime(2026, 8, 8, 5, 0, tzinfo=dt.timezone.utc)
PAID_LIMIT = 1000
# (h): requests at once and paced (as many as (p) sends), and the engine's group at 30/s (GROUP_SPAN 0.55 s)
HTTP_AT_ONCE, HTTP_PACED, HTTP_GROUP = 3_000, 600, 15
DIGEST_BUTTONS = ((Button("Ещё 7", callback="digest:more:1"),),)  # the digest's one button, as (a)-(p) enqueue it
BATCH = 500  # chats recorded and drafts enqueued per transaction, as the planner plans (bot/scheduling/pushes.py)


def digest_text() -> str:
    """About 2 KB of HTML, shaped like a real digest: ten items with outlet, date, summary and link."""
    items = "".join(
        f"<b>{i}. Переговоры по Хартии: раунд {i}</b>\nReuters, 8 авг. — Стороны обсудили транзит и "
        f"энергетику, поправку 907 и маршрут TRIPP. <a href=\"https://example.com/news/{i}\">Читать</a>\n\n"
        for i in range(1, 11))
    return f"<b>Дайджест: Азербайджан — США</b>\n\n{items}и ещё 7 материалов"


def memory() -> str:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    current = pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    return f"RSS {current:.0f} MB, peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def upgrade(url: str) -> None:
    """Alembic's upgrade, imported here: in the engine's process Alembic would be 11 MB it never uses."""
    from storage.migrate import upgrade as alembic_upgrade

    alembic_upgrade(url)


def migrate(url: str) -> None:
    """In a child process, as `briefbot db upgrade` is: Alembic's imports are not the engine's memory."""
    child = mp.get_context("spawn").Process(target=upgrade, args=(url,), name="migrate")
    child.start()
    child.join()
    if child.exitcode:
        raise SystemExit(f"migrating {url} failed")


async def record_chats(db, chat_ids: list[int]) -> None:
    """One Core executemany per batch (no ORM objects: the setup's memory is not the engine's)."""
    for start in range(0, len(chat_ids), BATCH):
        async with open_session(db) as session:
            await session.exec(insert(Chat.__table__), params=[
                {"id": chat_id, "type": "private", "language": "ru", "timezone": "Asia/Baku", "active": True,
                 "created_at": NOW, "updated_at": NOW} for chat_id in chat_ids[start:start + BATCH]])
            await session.commit()


async def enqueue_digest(db, chat_ids: list[int], tag: str) -> float:
    """Enqueue one digest per chat; returns rows per second."""
    text, buttons = digest_text(), DIGEST_BUTTONS
    started = time.perf_counter()
    for start in range(0, len(chat_ids), BATCH):
        drafts = [DeliveryDraft(f"digest:{tag}:{chat_id}:0", chat_id, "digest", text, buttons)
                  for chat_id in chat_ids[start:start + BATCH]]
        async with open_session(db) as session:
            await enqueue(session, drafts=drafts, now=NOW)
            await session.commit()
    return len(chat_ids) / (time.perf_counter() - started)


async def phase(name: str, db, fake: FakeProcess, limits: Limits, in_flight: int, tag: str,
                chat_ids: list[int] | None = None) -> float:
    """Sends one digest to every chat; returns the engine's CPU seconds per delivery."""
    chat_ids = fake.chat_ids if chat_ids is None else chat_ids
    rate = await enqueue_digest(db, chat_ids, tag)
    print(f"  enqueued {len(chat_ids):,} deliveries at {rate:,.0f}/s; {memory()}")
    engine = DeliveryEngine(db, BotApi(api_url=fake.api_url, token=fake.token, timeout=30,
                                       connections=in_flight), limits, in_flight=in_flight)
    started, cpu = time.perf_counter(), cpu_seconds()
    await engine.start()
    await engine.wait_idle(timeout=3600)
    elapsed, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    await engine.stop()
    stats = fake.stats(len(chat_ids))
    async with open_session(db) as session:
        statuses = await count_by_status(session)
    lost, duplicated = stats.lost, stats.duplicated
    span = stats.last - stats.first
    achieved = (stats.messages - 1) / span if span > 0 else float("nan")
    print(f"  {name} (load {load()}): {stats.messages:,} messages in {elapsed:.1f} s; at the fake {achieved:,.0f}/s "
          f"between the first and the last message, busiest second {stats.busiest_second:,}")
    if limits.per_second:
        print(f"    achieved rate / limit: {achieved / limits.per_second:.3f} (target >= 0.9)")
    print(f"    lost {lost}, duplicated {duplicated}, 429 answers {stats.throttled} (engine saw {engine.stats.floods}); "
          f"outbox {statuses}")
    print(f"    engine CPU {cpu:.1f} s = {cpu / max(1, stats.messages) * 1e3:.2f} ms per delivery "
          f"(capacity about {stats.messages / cpu:,.0f}/s on one core); most rows sending at once "
          f"{engine.stats.max_sending} (in-flight bound {in_flight}); {memory()}")
    print(f"    the sender's loop ran {engine.stats.wakes:,} times and committed {engine.stats.transactions:,} "
          f"transactions ({engine.stats.transactions / max(1, stats.messages):.2f} per delivery)")
    return cpu / max(1, stats.messages)


async def http_client_alone(fake: FakeProcess, chat_ids: list[int], in_flight: int) -> tuple[float, float]:
    """CPU per request of BotApi.send_message by itself (the fake's limits off): `in_flight` at a time,
    then in groups of HTTP_GROUP every HTTP_GROUP / 30 seconds, as the engine sends at 30/s (with the
    answers gathering as the engine lets them then: `answer_delay`)."""
    api = BotApi(api_url=fake.api_url, token=fake.token, timeout=30, connections=in_flight)
    text, markup = digest_text(), reply_markup(encode_buttons(DIGEST_BUTTONS))  # as the engine sends a digest
    chats = itertools.cycle(chat_ids)

    async def send_many(count: int) -> None:
        outcomes = await asyncio.gather(*(api.send_message(chat_id=next(chats), text=text, reply_markup=markup)
                                          for _ in range(count)))
        refused = [outcome for outcome in outcomes if not isinstance(outcome, Sent)]
        if refused:
            raise SystemExit(f"the fake refused a request: {refused[0]}")

    await api.start()
    try:
        await send_many(in_flight)  # connections opened, code warm
        rounds, started = max(1, HTTP_AT_ONCE // in_flight), cpu_seconds()
        for _ in range(rounds):
            await send_many(in_flight)
        at_once = (cpu_seconds() - started) / (rounds * in_flight)
        api.answer_delay = answer_delay(Limits(), in_flight)
        await api.start()  # the open pool takes the delay the engine uses at 30/s
        groups, gap = HTTP_PACED // HTTP_GROUP, HTTP_GROUP / Limits().per_second
        begin, started = time.monotonic(), cpu_seconds()
        for group in range(groups):
            await asyncio.sleep(max(0.0, begin + group * gap - time.monotonic()))
            await send_many(HTTP_GROUP)
        paced = (cpu_seconds() - started) / (groups * HTTP_GROUP)
    finally:
        await api.close()
    return at_once, paced


async def run(url: str, args) -> None:
    migrate(url)
    db = make_engine(url)
    try:
        with FakeProcess(users=args.chats) as fake:
            await record_chats(db, fake.chat_ids)
            print(f"  {len(fake.chat_ids):,} chats recorded; {memory()}")
            fake.set_limits(enabled=True, paid_per_second=PAID_LIMIT)
            paid = await phase("(a) paid broadcast, Telegram's limits", db, fake,
                               Limits(per_second=PAID_LIMIT, paid_broadcast=True), args.in_flight, "a")
            fake.set_limits(enabled=False)
            await phase("(b) no limits", db, fake, Limits(per_second=None), args.in_flight_unlimited, "b")
            if args.paced_chats:
                fake.set_limits(enabled=True)
                paced = await phase(f"(p) paced at Telegram's {Limits().per_second:g}/s", db, fake, Limits(),
                                    args.in_flight, "p", fake.chat_ids[:args.paced_chats])
                print(f"  paced CPU per delivery (load {load()}): at {Limits().per_second:g}/s {paced * 1e3:.2f} ms, "
                      f"at {PAID_LIMIT}/s {paid * 1e3:.2f} ms (target <= 0.5 ms at both)")
            if args.http_alone:
                fake.set_limits(enabled=False)
                at_once, grouped = await http_client_alone(fake, fake.chat_ids, args.in_flight)
                print(f"  (h) the HTTP client alone (load {load()}): {at_once * 1e3:.2f} ms CPU per request "
                      f"{args.in_flight} at a time, {grouped * 1e3:.2f} ms in groups of {HTTP_GROUP} at "
                      f"{Limits().per_second:g}/s: part of every figure above")
    finally:
        await db.dispose()
    print(f"  (c) peak resident memory of the engine process: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (target < 120 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chats", type=int, default=100_000)
    parser.add_argument("--in-flight", type=int, default=100, help="DELIVERY_IN_FLIGHT for (a)")
    parser.add_argument("--in-flight-unlimited", type=int, default=200, help="DELIVERY_IN_FLIGHT for (b)")
    parser.add_argument("--paced-chats", type=int, default=600,
                        help="deliveries for (p), at 30/s (0: skip it)")
    parser.add_argument("--no-http-alone", dest="http_alone", action="store_false",
                        help="skip (h), the HTTP client measured alone")
    parser.add_argument("--pg", help="run on PostgreSQL instead: a DSN of an EMPTY database, or `auto`")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {load()}; {memory()}")
    server = None
    with tempfile.TemporaryDirectory(prefix="bench-fanout-") as tmp:
        if args.pg == "auto":
            from tests.pg_server import start_server

            server = start_server()
            url, name = server.url("postgres"), "PostgreSQL"
        elif args.pg:
            from bot.config import normalise_database_url

            url, name = normalise_database_url(args.pg), "PostgreSQL"
        else:
            url, name = f"sqlite+aiosqlite:///{Path(tmp) / 'fanout.db'}", "SQLite"
        print(f"== {name}")
        try:
            asyncio.run(run(url, args))
        finally:
            if server is not None:
                server.stop()


if __name__ == "__main__":
    main()
