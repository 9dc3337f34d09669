"""Rendered charts kept in memory: a chart costs about a quarter of a second of CPU, readers ask alike.

The key is what the picture is drawn from (the title and the chart's data), so any
change to the dossier that shows in the chart (a maintainer's edit, a new event, the
language) makes a new picture, and nothing else does: there is no version to keep in
step. Readers asking for one chart at the same moment share a single render.
"""
from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable

from bot.briefing.chart_data import ChartData

KEPT_CHARTS = 8  # a language or two, a few recent versions; about 100 kB each

Key = tuple[str, ChartData]


def render_chart(data: ChartData, *, title: str) -> bytes:
    """The chart drawn by matplotlib, imported here on the first chart (in the worker thread): the import costs
    about 60 MB and half a second, which a process that never draws one (every replica but a few) need not pay."""
    from bot.render.chart import render_chart as draw

    return draw(data, title=title)


class ChartCache:
    def __init__(self, *, size: int = KEPT_CHARTS,
                 render: Callable[..., bytes] = render_chart) -> None:
        self.size = size
        self.renders = 0  # how many charts were drawn (the rest came from memory)
        self._render = render
        self._charts: OrderedDict[Key, asyncio.Future[bytes]] = OrderedDict()

    async def png(self, data: ChartData, *, title: str) -> bytes:
        """The chart's PNG, drawn in a worker thread unless drawn (or being drawn) already."""
        key = (title, data)
        chart = self._charts.get(key)
        if chart is None:
            chart = asyncio.ensure_future(asyncio.to_thread(self._render, data, title=title))
            chart.add_done_callback(lambda done: self._forget_failed(key, done))
            self._charts[key] = chart
            self.renders += 1
            while len(self._charts) > self.size:
                self._charts.popitem(last=False)
        else:
            self._charts.move_to_end(key)
        return await asyncio.shield(chart)  # one reader giving up does not cancel the others' chart

    def _forget_failed(self, key: Key, done: asyncio.Future[bytes]) -> None:
        if (done.cancelled() or done.exception() is not None) and self._charts.get(key) is done:
            del self._charts[key]
