"""GET /chart: events per month by topic as an inline SVG, with the figures as a table beside it."""
from __future__ import annotations

import datetime as dt

from aiohttp import web

from bot.briefing.chart_data import chart_data
from bot.render.i18n import CATALOGS, t
from bot.web.keys import ENGINE
from bot.web.pages.chart_svg import chart_shapes, trimmed
from bot.web.pages.language import page_language
from bot.web.pages.templating import render
from storage.db import open_session


async def chart(request: web.Request) -> web.Response:
    lang = page_language(request).lang
    async with open_session(request.app[ENGINE]) as session:
        data = await chart_data(session, lang=lang, general_name=t(lang, "web.chart.general"))
    data = trimmed(data) if not data.empty else data

    def month_name(month: dt.date) -> str:
        return f"{CATALOGS[lang].MONTHS_STANDALONE[month.month - 1]} {month.year}"

    shapes = None if data.empty else chart_shapes(
        data, tick_label=lambda month: month.strftime("%Y-%m"),
        bar_title=lambda topic, month, count: t(lang, "web.chart.bar", topic=topic, month=month_name(month),
                                                count=count))
    rows = [(month_name(m), [counts[i] for _, counts in data.series]) for i, m in enumerate(data.months)]
    return render(request, "chart.html", nav="chart", data=data, shapes=shapes,
                  rows=[(name, counts, sum(counts)) for name, counts in rows if sum(counts)])
