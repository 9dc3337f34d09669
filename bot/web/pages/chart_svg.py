"""The timeline chart as shapes for an inline SVG: stacked bars of events per month by topic, milestones labelled.

The same picture as the bot's PNG (bot/render/chart.py), drawn by the browser: a few
kilobytes of markup, sharp at any width, and each bar says what it counts on hover.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from bot.briefing.chart_data import ChartData

WIDTH, HEIGHT = 960, 440
LEFT, RIGHT, TOP, BOTTOM = 36, 12, 118, 44  # room for the count axis, the milestone labels, the month ticks
BAR_SHARE = 0.78  # of each month's slot
LABEL_CHARS = 38
LABEL_ROWS = 5
# Distinguishable for the common kinds of colour blindness (Okabe and Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


@dataclass(frozen=True)
class Milestone:
    x: float
    label_y: float
    anchor: str  # start | end
    label: str
    title: str


@dataclass(frozen=True)
class ChartShapes:
    width: int
    height: int
    bars: tuple[Bar, ...]
    milestones: tuple[Milestone, ...]
    ticks: tuple[tuple[float, str], ...]  # x and month label along the bottom
    grid: tuple[tuple[float, int], ...]  # y and count along the left
    legend: tuple[tuple[str, str], ...]  # topic name and colour
    baseline: float
    plot_left: float
    plot_right: float


def chart_shapes(data: ChartData, *, bar_title: Callable[[str, dt.date, int], str],
                 tick_label: Callable[[dt.date], str]) -> ChartShapes:
    months = data.months
    slot = (WIDTH - LEFT - RIGHT) / max(len(months), 1)
    baseline = HEIGHT - BOTTOM
    totals = [sum(counts[i] for _, counts in data.series) for i in range(len(months))]
    top = max(totals or [1]) or 1
    scale = (baseline - TOP) / top
    bars, stacked = [], [0] * len(months)
    colours = {name: PALETTE[n % len(PALETTE)] for n, (name, _) in enumerate(data.series)}
    for name, counts in data.series:
        for i, count in enumerate(counts):
            if count:
                x = LEFT + i * slot + slot * (1 - BAR_SHARE) / 2
                y = baseline - (stacked[i] + count) * scale
                bars.append(Bar(round(x, 1), round(y, 1), round(slot * BAR_SHARE, 1), round(count * scale, 1),
                                colours[name], bar_title(name, months[i], count)))
                stacked[i] += count
    index = {m: i for i, m in enumerate(months)}
    milestones = []
    for n, (date, title) in enumerate(data.milestones):
        i = index.get(date.replace(day=1))
        if i is None:
            continue
        x = round(LEFT + (i + 0.5) * slot, 1)
        short = title if len(title) <= LABEL_CHARS else title[: LABEL_CHARS - 1].rstrip() + "…"
        milestones.append(Milestone(x, 16 + 20 * (n % LABEL_ROWS), "end" if i > len(months) * 0.6 else "start",
                                    short, title))
    ticks = tuple((round(LEFT + (i + 0.5) * slot, 1), tick_label(m)) for i, m in enumerate(months)
                  if m.month in (1, 4, 7, 10))
    step = max(1, -(-top // 4))  # about four grid lines, whole numbers
    grid = tuple((round(baseline - c * scale, 1), c) for c in range(0, top + 1, step))
    return ChartShapes(WIDTH, HEIGHT, tuple(bars), tuple(milestones), ticks, grid, tuple(colours.items()),
                       baseline, LEFT, WIDTH - RIGHT)
