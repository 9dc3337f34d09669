"""The timeline chart as a PNG: stacked bars of events per month by topic, milestones marked."""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot
from matplotlib.figure import Figure  # noqa: E402

from bot.briefing.chart_data import ChartData  # noqa: E402

LABEL_CHARS = 38
# Titles, topic names and milestones are text, not TeX: with math parsing on, a title holding
# two "$" (prices, say) is read as a formula, and one that is not valid TeX fails the whole chart.
PLAIN = {"parse_math": False}


def render_chart(data: ChartData, *, title: str) -> bytes:
    """PNG bytes; CPU-bound, so callers run it in a worker thread."""
    figure = Figure(figsize=(11, 5.5), dpi=110)
    ax = figure.add_subplot()
    positions = list(range(len(data.months)))
    bottom = [0] * len(positions)
    for name, counts in data.series:
        ax.bar(positions, counts, bottom=bottom, label=name, width=0.8)
        bottom = [b + c for b, c in zip(bottom, counts)]
    index = {m: i for i, m in enumerate(data.months)}
    top = max(bottom or [1]) or 1
    for n, (date, label) in enumerate(data.milestones):
        x = index.get(date.replace(day=1))
        if x is None:
            continue
        ax.axvline(x, color="grey", linestyle=":", linewidth=1)
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"
        ax.annotate(short, (x, top * (1.02 + 0.09 * (n % 4))), fontsize=7, rotation=0,
                    ha="right" if x > len(positions) * 0.6 else "left", annotation_clip=False, **PLAIN)
    ticks = [i for i, m in enumerate(data.months) if m.month in (1, 4, 7, 10)]
    ax.set_xticks(ticks, [data.months[i].strftime("%Y-%m") for i in ticks], rotation=45, fontsize=8)
    ax.set_ylim(0, top * 1.45)
    ax.set_title(title, **PLAIN)
    for text in ax.legend(loc="upper left", fontsize=8).get_texts():
        text.set_parse_math(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
