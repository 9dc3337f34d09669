"""Charts are drawn once per (title, data): concurrent askers share a render, a change draws anew."""
from __future__ import annotations

import asyncio
import datetime as dt
import threading

import pytest

from bot.briefing.chart_data import ChartData
from bot.render.chart_cache import ChartCache


def data(count: int) -> ChartData:
    return ChartData((dt.date(2025, 1, 1),), (("Topic", (count,)),), ())


class Renderer:
    def __init__(self) -> None:
        self.calls = 0
        self.release = threading.Event()
        self.release.set()

    def __call__(self, chart: ChartData, *, title: str) -> bytes:
        self.calls += 1
        self.release.wait(5)
        return f"{title}:{chart.series[0][1][0]}".encode()


async def test_thirty_askers_at_once_share_one_render():
    renderer = Renderer()
    renderer.release.clear()
    cache = ChartCache(render=renderer)
    asking = [asyncio.create_task(cache.png(data(1), title="T")) for _ in range(30)]
    await asyncio.sleep(0.05)
    renderer.release.set()
    assert set(await asyncio.gather(*asking)) == {b"T:1"}
    assert renderer.calls == 1 and cache.renders == 1
    assert await cache.png(data(1), title="T") == b"T:1" and renderer.calls == 1


async def test_other_data_or_title_draws_anew_and_old_charts_make_room():
    renderer = Renderer()
    cache = ChartCache(size=2, render=renderer)
    await cache.png(data(1), title="T")
    assert await cache.png(data(2), title="T") == b"T:2"
    assert await cache.png(data(1), title="Other") == b"Other:1"
    assert renderer.calls == 3
    await cache.png(data(1), title="T")  # the oldest was let go
    assert renderer.calls == 4


async def test_a_failed_render_is_not_kept():
    calls = []

    def failing_once(chart: ChartData, *, title: str) -> bytes:
        calls.append(title)
        if len(calls) == 1:
            raise ValueError("broken")
        return b"png"

    cache = ChartCache(render=failing_once)
    with pytest.raises(ValueError):
        await cache.png(data(1), title="T")
    assert await cache.png(data(1), title="T") == b"png" and len(calls) == 2
