"""Round-trip latency of reader commands through the fake Bot API, next to a bare echo bot.

    .venv/bin/python -m bench.commands [--events 10000] [--articles 100000] [--rounds 300]
                                       [--corpus realistic|uniform] [--store FILE]
                                       [--pg auto|postgresql://...] [--database-url URL] [--in-process]
                                       [--only timeline search onthisday button]

Loads the dossier plus synthetic events and articles (bench/synthetic.py: text
like the news the bot stores, or `uniform`, the worst case for search) into a
fresh database (SQLite in a temporary folder, or the --store file, built once and reused),
runs the real Application and a bare python-telegram-bot echo Application,
each in a process of its own, against two fake Bot API servers in this
process (the fake's limits off), and prints p50/p99 per command, the SQL
statements each command runs and the CPU time of the bot's process per round.
Rounds of each command alternate with echo rounds and every round starts 50 ms
per message sent after the previous one (20 messages/s, under the bot's 30
messages/s limit), so both bots see the same pacing and the same machine load.
The round trip runs from the user's message until the fake has accepted the
first message (or edit) of the reply, HTML parsing included; the client is
woken by the fake, not polling.
The row "echo, search size" is the echo answering with HTML the size of a /search reply
(bench/command_bots.py): the part of /search's round trip that any bot sending such a reply pays.
"/search" repeats eight queries (QUERIES), which after the warm-up the bot's search cache answers
(bot/briefing/search_cache.py); "/search new words" sends two words of the corpus that no earlier round
sent, as readers' own searches mostly are: each is ranked (and on PostgreSQL planned).
With --pg the same runs on PostgreSQL too (`auto`: a throwaway local server).
Target: every command's p99 at most 2x echo's p99, measured in the same run (the machine's
load average, from /proc/loadavg, is printed beside the figures). Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import random
import statistics
import time
from pathlib import Path

from bench.command_bots import SIZED_REPLY, BotHandle, in_process, own_process
from bench.command_store import add_store_options, ensure_store, on_each_database, store_bytes, warm_store
from bench.ingest_data import WORDS
from bench.synthetic import CORPORA, RU_EXTRA
from tests.fakebot import FakeBotApi

COMMANDS = ("timeline", "search", "onthisday", "button")  # what --only may choose; all by default
PACE = 0.05  # seconds between the starts of consecutive rounds, for both bots
WARM_UP = 20  # unmeasured rounds of each command before its measured ones
# Topic words, rare and common ones; "Трамп" and "Азербайджан США" are in most articles.
QUERIES = ["хартия", "поправка 907", "санкции визит", "energy security", "Трамп", "transit corridor", "TRIPP",
           "Азербайджан США"]


def new_queries(count: int, rng: random.Random) -> list[str]:
    """`count` different two-word queries from the corpus's Russian words, none of them in QUERIES.

    The eight QUERIES come back all through a run, so after the warm-up the search cache answers them;
    a reader's own words are usually new and are ranked (on PostgreSQL by the connection's prepared
    statement, under the one generic plan PostgreSQL keeps for it: storage/search.py).
    """
    words = sorted(set(WORDS + RU_EXTRA))
    chosen: dict[str, None] = {}
    while len(chosen) < count:
        first, second = rng.sample(words, 2)
        if f"{first} {second}" not in QUERIES:
            chosen[f"{first} {second}"] = None
    return list(chosen)


class Signalling(list):
    """A list of the fake's that wakes the client when the fake's thread appends to it (no polling)."""

    def __init__(self, items, loop: asyncio.AbstractEventLoop, changed: asyncio.Event) -> None:
        super().__init__(items)
        self.loop, self.changed = loop, changed

    def append(self, item) -> None:
        super().append(item)
        self.loop.call_soon_threadsafe(self.changed.set)


class Client:
    """One user talking to one bot through its fake; it learns of replies as the fake accepts them."""

    def __init__(self, fake: FakeBotApi, language: str) -> None:
        self.fake, self.user = fake, fake.create_user(language_code=language)
        self.changed = asyncio.Event()
        with fake.state.lock:
            fake.state.sent = Signalling(fake.state.sent, asyncio.get_running_loop(), self.changed)

    async def _until(self, done) -> None:
        while True:
            with self.fake.state.lock:
                if done():
                    return
                self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), 10)

    async def send(self, text: str) -> float:
        """Seconds from the user's message to the first part of the bot's reply."""
        before = len(self.fake.state.sent)
        start = time.perf_counter()
        self.fake.user_sends(self.user, text)
        await self._until(lambda: len(self.fake.state.sent) > before)
        return time.perf_counter() - start

    async def press(self, page, data: str) -> float:
        """Seconds from a button press to the edit of the pressed message."""
        with self.fake.state.lock:
            if not isinstance(page.edits, Signalling):
                page.edits = Signalling(page.edits, asyncio.get_running_loop(), self.changed)
            edits = len(page.edits)
        start = time.perf_counter()
        self.fake.press_button(self.user, page, data)
        await self._until(lambda: len(page.edits) > edits)
        return time.perf_counter() - start

    async def settle(self, quiet: float = 0.01) -> None:
        """Wait until the rest of a multi-part reply has arrived, so it is not taken for the next reply."""
        count = -1
        while count != len(self.fake.state.sent):
            count = len(self.fake.state.sent)
            await asyncio.sleep(quiet)


async def paced(start: float, messages: int = 1) -> None:
    """Wait out PACE per message sent since `start`: a reply in two parts is two messages against the limits."""
    await asyncio.sleep(max(0.0, start + PACE * max(1, messages) - time.perf_counter()))


async def alternate(echo: Client, bot: Client, rounds: int, step, echo_samples: list[float]) -> list[float]:
    """`rounds` rounds of `step(i) -> seconds` on the bot, each followed by an echo round."""
    out = []
    for i in range(rounds):
        start, before = time.perf_counter(), len(bot.fake.state.sent)
        out.append(await step(i))
        await bot.settle()
        await paced(start, len(bot.fake.state.sent) - before)
        start = time.perf_counter()
        echo_samples.append(await echo.send("hello"))
        await echo.settle()
        await paced(start)
    return out


def summary(name: str, samples: list[float], statements: float | None, cpu: float) -> tuple:
    ms = sorted(s * 1000 for s in samples)
    p99 = ms[min(len(ms) - 1, int(round(0.99 * (len(ms) - 1))))]
    return name, statistics.median(ms), p99, statements, cpu * 1000


async def measure(url: str, rounds: int, separate: bool, only: frozenset[str] = frozenset(COMMANDS)) -> list[tuple]:
    rng = random.Random(1)
    run = own_process if separate else in_process
    results, echo_samples, echo_warm_up = [], [], []
    with FakeBotApi(rate_limits=False) as echo_fake, FakeBotApi(rate_limits=False) as fake:
        async with run("echo", echo_fake, None) as echo_handle, run("briefing", fake, url) as handle:
            echo, bot = Client(echo_fake, "en"), Client(fake, "ru")
            # The fakes stand in for Telegram's servers and keep every message they accept; Python's full
            # collections over this process's heap stalled both bots' round trips for ~100 ms now and then.
            gc.collect()
            gc.freeze()
            for _ in range(WARM_UP):
                await echo.send("warm-up")
                await echo.settle()
            sized = []  # the reference for /search: what its reply's size alone costs, from the echo
            if "search" in only:
                await alternate(echo, echo, WARM_UP, lambda i: echo.send(SIZED_REPLY), [])
                before = await echo_handle.stats()
                sized = await alternate(echo, echo, rounds, lambda i: echo.send(SIZED_REPLY), [])
                sized_cpu = ((await echo_handle.stats())[1] - before[1]) / rounds  # with an echo round each
            echo_before = await echo_handle.stats()
            years = [str(rng.randrange(1990, 2027)) for _ in range(rounds + WARM_UP)]
            days = [f"{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}" for _ in range(rounds + WARM_UP)]
            queries = [rng.choice(QUERIES) for _ in range(rounds + WARM_UP)]
            fresh = new_queries(rounds + WARM_UP, rng)  # each sent once
            commands = {  # name: (what --only calls it, the i-th message)
                "/timeline [year]": ("timeline", lambda i: f"/timeline {years[i]}" if i % 2 else "/timeline"),
                "/search": ("search", lambda i: f"/search {queries[i]}"),
                "/search new words": ("search", lambda i: f"/search {fresh[i]}"),
                "/onthisday": ("onthisday", lambda i: f"/onthisday {days[i]}"),
            }
            for name, (command, text) in commands.items():
                if command not in only:
                    continue
                await alternate(echo, bot, WARM_UP, lambda i: bot.send(text(rounds + i)), echo_warm_up)
                results.append(await measured(handle, name, alternate(
                    echo, bot, rounds, lambda i: bot.send(text(i)), echo_samples), rounds))
            if "button" in only:
                await bot.send("/timeline")
                await bot.settle()
                page = next(m for m in reversed(fake.state.sent) if m.reply_markup)

                def press(i: int):
                    return bot.press(page, "tl|1|||" if i % 2 == 0 else "tl|0|||")  # older page, then back

                await alternate(echo, bot, WARM_UP, press, echo_warm_up)
                results.append(await measured(handle, "page button", alternate(echo, bot, rounds, press, echo_samples),
                                              rounds))
            echo_after = await echo_handle.stats()
            fake.assert_no_rejected_calls()
    echo_cpu = (echo_after[1] - echo_before[1]) / (len(echo_samples) + len(echo_warm_up))
    reference = [summary("echo, search size", sized, None, sized_cpu - echo_cpu)] if sized else []
    return [summary("echo (bare PTB)", echo_samples, None, echo_cpu), *reference] + results


async def measured(handle: BotHandle, name: str, rounds_done, rounds: int) -> tuple:
    statements, cpu = await handle.stats()
    samples = await rounds_done
    statements_after, cpu_after = await handle.stats()
    return summary(name, samples, (statements_after - statements) / rounds, (cpu_after - cpu) / rounds)


def load_average() -> str:
    """The machine's load, which the figures depend on (other processes share the cores)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def report(label: str, results: list[tuple], cpu_note: str) -> None:
    echo_p99 = results[0][2]
    print(f"\n{label}")
    print(f"{'command':<18}{'p50 ms':>9}{'p99 ms':>9}{'p99/echo':>10}{'SQL':>6}{'CPU ms':>8}"
          "  target: p99 <= 2x echo")
    for name, p50, p99, statements, cpu in results:
        verdict = "" if statements is None else ("ok" if p99 <= 2 * echo_p99 else "MISSED")
        per = "" if statements is None else f"{statements:.1f}"
        print(f"{name:<18}{p50:>9.1f}{p99:>9.1f}{p99 / echo_p99:>10.2f}{per:>6}{cpu:>8.1f}  {verdict}")
    print(f"SQL: statements per command; CPU: {cpu_note} per round; load average (1, 5, 15 min): {load_average()}")


def run(label: str, url: str, args) -> None:
    started = time.perf_counter()
    built = asyncio.run(ensure_store(url, events=args.events, articles=args.articles, corpus=args.corpus))
    print(f"{label}: dossier + {args.events:,} events + {args.articles:,} articles ({args.corpus} text) "
          f"{'loaded' if built else 'reused'} in {time.perf_counter() - started:.1f} s, "
          f"{asyncio.run(store_bytes(url)) / 2**30:.2f} GiB; {asyncio.run(warm_store(url))}")
    report(f"{label}, {args.rounds} rounds, bots {'in this process' if args.in_process else 'in own processes'}",
           asyncio.run(measure(url, args.rounds, not args.in_process, frozenset(args.only or COMMANDS))),
           "this whole process (fakes, client, both bots)" if args.in_process else "the bot's process")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_store_options(parser)
    parser.add_argument("--corpus", choices=CORPORA, default="realistic",
                        help="synthetic text: news-like (default) or uniform (every query word everywhere)")
    parser.add_argument("--in-process", action="store_true",
                        help="run the bots in this process, beside the fake and the client (the old arrangement)")
    parser.add_argument("--only", nargs="+", choices=COMMANDS, metavar="COMMAND",
                        help=f"measure only these ({', '.join(COMMANDS)}; the echo always)")
    on_each_database(parser.parse_args(), run)


if __name__ == "__main__":
    main()
