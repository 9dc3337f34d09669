"""The chart renders text as text: "$" in a title, topic name or milestone is no TeX formula."""
from __future__ import annotations

import datetime as dt

from bot.briefing.chart_data import ChartData
from bot.render.chart import render_chart

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_dollar_signs_in_every_text_render():
    months = tuple(dt.date(2025, m, 1) for m in range(1, 13))
    data = ChartData(
        months=months,
        series=(("Aid $5bn \\frac{$", tuple(range(12))), ("$\\undefinedmacro$ topic", (1,) * 12)),
        milestones=((dt.date(2025, 3, 14), "Cut of $^_{ bn$ announced"), (dt.date(2025, 9, 2), "$x$")),
    )
    png = render_chart(data, title="Budget $1.5^{bn$ and $\\nope{$")
    assert png.startswith(PNG_SIGNATURE) and len(png) > 10_000
