"""GET /chart: events per month by topic as inline SVG, each bar titled, milestones numbered and listed."""
from __future__ import annotations

import datetime as dt
import re

from aiohttp.test_utils import TestClient, TestServer

from bot.briefing.chart_data import ChartData
from bot.config import load_settings
from bot.web.pages.chart_svg import chart_shapes, trimmed
from bot.web.pages.routes import pages_app
from storage.seed_files import read_dossier


async def test_chart_is_inline_svg_with_a_title_on_each_bar(pages):
    html = await (await pages.get("/chart?lang=en")).text()
    assert re.search(r"<svg viewBox=\"0 0 720 \d+\" role=\"img\"", html) and "<img" not in html
    bars = re.findall(r"<rect [^>]*><title>([^<]*)</title></rect>", html)
    assert "Charter on Strategic Partnership, February 2026: 2" in bars
    assert all(re.fullmatch(r".+, \w+ \d{4}: \d+", bar) for bar in bars)
    marks = re.findall(r'<g class="mark"><title>(\d+)\. ([^<]*)</title>', html)
    assert ("12", "Vance and Aliyev sign the Charter on Strategic Partnership in Baku") in marks
    assert html.count('<ol class="milestones">') == 1 and len(re.findall(r"<li><time", html)) == len(marks)
    ru = await (await pages.get("/chart")).text()
    assert "Хартия о стратегическом партнерстве, февраль 2026: 2" in ru and "<h1>События по месяцам и темам</h1>" in ru


async def test_chart_of_an_empty_store(engine):
    settings = load_settings(_env_file=None)
    client = TestClient(TestServer(pages_app(settings, engine, read_dossier().meta)))
    await client.start_server()
    try:
        resp = await client.get("/chart?lang=en")
        assert resp.status == 200 and "No events to chart yet." in await resp.text()
        assert (await client.get("/timeline")).status == 200 and (await client.get("/")).status == 200
    finally:
        await client.close()


def test_bars_stack_to_the_months_total_and_leading_empty_months_go():
    months = tuple(dt.date(2024 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(1, 37))
    series = (("A", (0,) * 20 + (1, 2) + (0,) * 14), ("B", (0,) * 20 + (3, 0) + (0,) * 14))
    data = trimmed(ChartData(months, series, ((dt.date(2025, 9, 3), "M"),)))
    assert len(data.months) == 16 and data.months[0] == dt.date(2025, 9, 1)  # a year at least
    shapes = chart_shapes(data, bar_title=lambda topic, month, n: f"{topic} {month:%Y-%m} {n}",
                          tick_label=str)
    assert [b.title for b in shapes.bars] == ["A 2025-09 1", "A 2025-10 2", "B 2025-09 3"]
    september = [b for b in shapes.bars if "2025-09" in b.title]
    assert round(sum(b.height for b in september), 1) == round(shapes.baseline - min(b.y for b in september), 1)
    assert [m.number for m in shapes.milestones] == [1]
