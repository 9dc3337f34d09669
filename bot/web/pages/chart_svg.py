"""The timeline chart as shapes for an inline SVG: stacked bars of events per month by topic, milestones labelled.

The same picture as the bot's PNG (bot/render/chart.py), drawn by the browser: a few
kilobytes of markup, sharp at any width, and each bar says what it counts on hover.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from bot.briefing.chart_data import ChartData

WIDTH, PLOT_HEIGHT = 720, 240  # about the width it is shown at, so 12 px text reads as 12 px
LEFT, RIGHT, BOTTOM = 30, 8, 30  # room for the count axis and the month ticks
MARKS_TOP = 12  # above the numbered milestone marks
BAR_SHARE = 0.78  # of each month's slot
MARK_STEP = 22  # milestones of one month are numbered one above the other
MIN_MONTHS = 12  # months without events before the first one are left out, down to a year
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
    number: int  # the label in the chart; the list below the chart says what each is
    x: float
    y: float  # the centre of its numbered mark
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


def trimmed(data: ChartData) -> ChartData:
    """The chart without the empty months before its first event (keeping at least MIN_MONTHS)."""
    totals = [sum(counts[i] for _, counts in data.series) for i in range(len(data.months))]
    first = next((i for i, total in enumerate(totals) if total), 0)
    start = max(0, min(first, len(data.months) - MIN_MONTHS))
    return ChartData(data.months[start:], tuple((name, counts[start:]) for name, counts in data.series),
                     tuple(m for m in data.milestones if m[0] >= data.months[start]))


def chart_shapes(data: ChartData, *, bar_title: Callable[[str, dt.date, int], str],
                 tick_label: Callable[[dt.date], str]) -> ChartShapes:
    """Shapes for `data` as `trimmed` leaves it; milestones numbered from 1 in the order of `data.milestones`."""
    months = data.months
    slot = (WIDTH - LEFT - RIGHT) / max(len(months), 1)
    index = {m: i for i, m in enumerate(months)}
    per_month = Counter(index.get(date.replace(day=1)) for date, _ in data.milestones)
    per_month.pop(None, None)
    top = MARKS_TOP + MARK_STEP * max(per_month.values(), default=0)  # a row for each milestone of the busiest month
    height = top + PLOT_HEIGHT + BOTTOM
    baseline = height - BOTTOM
    totals = [sum(counts[i] for _, counts in data.series) for i in range(len(months))]
    most = max(totals or [1]) or 1
    scale = PLOT_HEIGHT / most
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
    milestones, in_month = [], Counter()
    for number, (date, title) in enumerate(data.milestones, start=1):
        i = index.get(date.replace(day=1))
        if i is None:
            continue
        in_month[i] += 1  # the first of a month nearest the bars, the later ones above it
        milestones.append(Milestone(number, round(LEFT + (i + 0.5) * slot, 1),
                                    top + MARK_STEP / 2 - in_month[i] * MARK_STEP, title))
    ticks = tuple((round(LEFT + (i + 0.5) * slot, 1), tick_label(m)) for i, m in enumerate(months)
                  if m.month in (1, 4, 7, 10))
    step = max(1, -(-most // 4))  # about four grid lines, whole numbers
    grid = tuple((round(baseline - c * scale, 1), c) for c in range(0, most + 1, step))
    return ChartShapes(WIDTH, height, tuple(bars), tuple(milestones), ticks, grid, tuple(colours.items()),
                       baseline, LEFT, WIDTH - RIGHT)
