"""Server time of the public pages at 10,000 events and 100,000 articles, next to a static 1 KB page.

    .venv/bin/python -m bench.web [--events 10000] [--articles 100000] [--rounds 300] [--store FILE]
                                  [--pg auto|postgresql://...] [--database-url URL]

Builds (or reuses) the same store as bench.commands (bench/command_store.py: the
dossier plus synthetic events and articles), serves the pages on a real aiohttp
server on a free port, plus a static 1 KB page on the same server, and requests
each one in turn with an aiohttp client (gzip accepted, no If-None-Match: every
answer is rendered in full). The server time runs from the request reaching the
handler until the response is prepared (a middleware); the round trip, from the
client's send until it has read the body. Requests alternate with the static page's,
so both see the same machine load. Each database is measured twice: every page rendered
(PAGE_CACHE_SECONDS=0) and as shipped, with rendered pages kept in memory (a page
requested again within the cache's seconds costs no query). Target: each page's p99 server time at most 3x
the static page's... as a goal to report against, not an assertion.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import tempfile
import time
from pathlib import Path

import aiohttp
from aiohttp import web
from sqlalchemy import select

from bench.command_store import add_store_options, ensure_store, on_each_database
from bench.commands import QUERIES
from bot.config import load_settings
from bot.web.pages.routes import pages_app
from storage.db import make_engine, open_session
from storage.models import Event, Topic
from storage.seed_files import read_dossier

STATIC_BODY = ("<!doctype html><html lang=en><title>static</title><p>" + "x" * 950 + "</p></html>").encode()
WARM_UP = 20
TIMES = web.AppKey("server_times", dict)
STATIC = "static 1 KB"  # its requests alternate with every page's; its figures pool them all


@web.middleware
async def timed(request: web.Request, handler):
    started = time.perf_counter()
    response = await handler(request)
    await response.prepare(request)  # rendering, compression and sending the head count as server time
    request.app[TIMES].setdefault(request["bench_name"], []).append(time.perf_counter() - started)
    return response


@web.middleware
async def named(request: web.Request, handler):
    request["bench_name"] = request.headers.get("X-Bench", request.path)
    return await handler(request)


async def static_page(_request: web.Request) -> web.Response:
    return web.Response(body=STATIC_BODY, content_type="text/html")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def targets(engine, rng: random.Random) -> dict[str, list[str]]:
    """Paths to request for each row: a few of each, picked once."""
    async with open_session(engine) as session:
        slugs = (await session.exec(select(Event.slug).order_by(Event.id))).scalars().all()
        topics = (await session.exec(select(Topic.slug))).scalars().all()
    return {
        STATIC: ["/static-1kb"],
        "/timeline": ["/timeline"],
        "/timeline filtered": [f"/timeline?topic={rng.choice(topics)}&year={rng.randint(1991, 2025)}&page=1"
                               for _ in range(20)] + [f"/timeline?page={rng.randint(2, 400)}" for _ in range(20)],
        "/search?q=": [f"/search?q={q}" for q in QUERIES],
        "/events/<slug>": [f"/events/{rng.choice(slugs)}" for _ in range(50)],
        "/": ["/"],
        "/articles": ["/articles"],
        "/chart": ["/chart"],
    }


async def measure(url: str, rounds: int, cache_seconds: float) -> list[tuple[str, float, float, float]]:
    engine = make_engine(url, pool_size=10) if not url.startswith("sqlite") else make_engine(url)
    rng = random.Random(11)
    settings = load_settings(_env_file=None, database_url=url, page_cache_seconds=cache_seconds)
    web_app = pages_app(settings, engine, read_dossier().meta)
    web_app.middlewares[:0] = [named, timed]  # outermost: a page served from the cache is timed too
    web_app[TIMES] = {}
    web_app.router.add_get("/static-1kb", static_page)
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    base = f"http://127.0.0.1:{port}"
    paths = await targets(engine, rng)
    trips: dict[str, list[float]] = {}
    counted = 0  # the static page's requests so far that were not warm-up
    try:
        async with aiohttp.ClientSession(headers={"Accept-Encoding": "gzip"}) as http:
            async def fetch(name: str, path: str) -> None:
                started = time.perf_counter()
                async with http.get(base + path, headers={"X-Bench": name}) as resp:
                    await resp.read()
                    assert resp.status == 200, (path, resp.status)
                trips.setdefault(name, []).append(time.perf_counter() - started)

            for name, options in paths.items():
                if name == STATIC:
                    continue
                for n in range(WARM_UP + rounds):
                    if n == WARM_UP:  # the warm-up rounds are not counted
                        for kept in (web_app[TIMES], trips):
                            kept.pop(name, None)
                            kept[STATIC] = kept.get(STATIC, [])[:counted]
                    await fetch(STATIC, "/static-1kb")
                    await fetch(name, rng.choice(options))
                counted = len(trips[STATIC])
    finally:
        await runner.cleanup()
        await engine.dispose()
    times = web_app[TIMES]
    return [(name, *percentiles(times[name]), percentiles(trips[name])[1]) for name in paths]


def percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[98] * 1000


def report(label: str, results: list[tuple[str, float, float, float]]) -> None:
    static_p99 = results[0][2]
    print(f"\n{label}")
    print(f"{'page':<20}{'p50 ms':>9}{'p99 ms':>9}{'p99/static':>12}{'trip p99':>10}  target: p99 <= 3x static")
    for name, p50, p99, trip in results:
        verdict = "" if name == STATIC else ("ok" if p99 <= 3 * static_p99 else "MISSED")
        print(f"{name:<20}{p50:>9.2f}{p99:>9.2f}{p99 / static_p99:>12.1f}{trip:>10.2f}  {verdict}")
    print("p50/p99: server time (handler start to response sent); trip p99: the client's round trip")


def run(label: str, url: str, args) -> None:
    started = time.perf_counter()
    built = asyncio.run(ensure_store(url, events=args.events, articles=args.articles, corpus="realistic"))
    print(f"{label}: dossier + {args.events:,} events + {args.articles:,} articles "
          f"{'loaded' if built else 'reused'} in {time.perf_counter() - started:.1f} s")
    shipped = load_settings(_env_file=None).page_cache_seconds
    for seconds, how in ((0, "every page rendered"), (shipped, f"pages kept {shipped:g} s, as shipped")):
        report(f"{label}, {how}, {args.rounds} requests per page", asyncio.run(measure(url, args.rounds, seconds)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_store_options(parser)
    on_each_database(parser.parse_args(), run)


if __name__ == "__main__":
    main()
