"""What a bot process loads before it does anything: every replica of a fleet pays for it in memory and start-up.

Libraries only some work needs are imported where that work starts, so a process that never does it
never holds them.
"""
from __future__ import annotations

import json
import subprocess
import sys

# (module, the work that loads it)
LOADED_ON_USE = [
    ("matplotlib", "the first /chart"),
    ("scipy", "nothing: MinHash permutations are drawn with numpy"),
    ("datasketch", "nothing: MinHash is computed with numpy"),
    ("trafilatura", "the first HTML page read"),
    ("feedparser", "the first feed read"),
]


def modules_after(statement: str) -> set[str]:
    code = f"import sys, json; {statement}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out))


def test_starting_the_bot_loads_no_library_that_only_some_work_needs():
    loaded = modules_after("import bot.cli.run")
    assert "bot.app" in loaded  # the bot itself is loaded
    assert [name for name, _ in LOADED_ON_USE if name in loaded] == []


def test_the_first_chart_loads_matplotlib_itself():
    loaded = modules_after("import asyncio, bot.cli.run; from bot.render.chart_cache import ChartCache; "
                           "from bot.briefing.chart_data import ChartData; "
                           "asyncio.run(ChartCache().png(ChartData(months=(), series=(), milestones=()), title='t'))")
    assert "matplotlib" in loaded


def test_the_first_page_and_feed_read_load_their_parsers_themselves():
    loaded = modules_after(
        "import bot.cli.run; from bot.ingest.html_page import parse_html_page; "
        "from bot.ingest.feed_items import parse_feed; "
        "parse_html_page('<html><head><title>T</title></head><body><article><p>' + 'Слово за словом. ' * 40 "
        "+ '</p></article></body></html>'); "
        "parse_feed(b'<?xml version=\\'1.0\\'?><rss version=\\'2.0\\'><channel><title>F</title></channel></rss>')")
    assert {"trafilatura", "feedparser"} <= loaded
