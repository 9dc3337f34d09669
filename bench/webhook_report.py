"""The figures bench.webhook prints: one line per rate step, and the CPU an update costs."""
from __future__ import annotations

import math
import os
from dataclasses import dataclass

from bench.webhook_load import Offered, p50, percentile

TARGET_MS = 50
COMMANDS = {"/timeline": "  tl p99", "/onthisday": " otd p99", "/search": " srch p99"}  # p99 per command


@dataclass
class Step:
    rate: float
    offered: Offered
    latencies: list[float]  # per post, in order; inf: unanswered
    cpu: dict[str, float]  # process -> % of one core over the step
    machine: float  # % of all cores, every process on the machine

    @property
    def others(self) -> float:
        """% of all cores used by processes outside this bench (other work on the machine)."""
        return max(0.0, self.machine - sum(self.cpu.values()) / (os.cpu_count() or 1))

    @property
    def p99(self) -> float:
        return percentile(self.latencies, 0.99)

    def p99_of(self, name: str) -> float:
        return percentile([latency for latency, (_r, _t, command) in zip(self.latencies, self.offered.posts)
                           if command == name], 0.99)

    def line(self) -> str:
        unanswered = sum(1 for latency in self.latencies if latency == math.inf)
        by_command = "".join(f"{self.p99_of(name):>{len(column)}.1f}" for name, column in COMMANDS.items())
        cpu = "".join(f"{value:>7.0f}" for value in self.cpu.values())
        refused = f"  refused {self.offered.refused}" if self.offered.refused else ""
        late = f"  {self.offered.late_starts} posted late" if self.offered.late_starts else ""
        verdict = "ok" if self.p99 < TARGET_MS else "MISSED"
        return (f"{self.rate:>7.0f}{len(self.offered.posts):>8}{unanswered:>7}{p50(self.latencies):>8.1f}"
                f"{self.p99:>8.1f}{by_command}{percentile(self.offered.acks, 0.99):>9.1f}{cpu}"
                f"{self.machine:>9.0f}{self.others:>8.0f}  {verdict}{refused}{late}")


def header(names: list[str]) -> str:
    return (f"{'rate/s':>7}{'posted':>8}{'unans':>7}{'p50 ms':>8}{'p99 ms':>8}" + "".join(COMMANDS.values())
            + f"{'200 p99':>9}" + "".join(f"{name + '%':>7}" for name in names) + f"{'machine%':>9}{'others%':>8}")


def cpu_per_update(step: Step) -> str:
    """CPU ms per update of each process at `step`, and the rate at which they would use up every core."""
    parts: dict[str, float] = {}
    for name, percent in step.cpu.items():
        kind = "replicas" if name.startswith("r") else name
        parts[kind] = parts.get(kind, 0.0) + percent * 10 / step.rate  # % of a core -> ms per update
    bot = parts.get("replicas", 0.0) + parts.get("pg", 0.0)
    harness = sum(parts.values()) - bot
    cores = os.cpu_count() or 1
    return ("CPU per update: " + ", ".join(f"{kind} {ms:.1f} ms" for kind, ms in parts.items())
            + f"; {cores} idle cores would run out at about {cores * 1000 / bot:.0f} updates/s for the bot alone "
              f"(replicas + PostgreSQL), {cores * 1000 / (bot + harness):.0f}/s with the fake Bot API and the load "
              "generator beside it, as here")


def summary(replicas: int, fastest: Step | None, last: Step) -> str:
    """The fastest rate under target, the fastest the fleet kept up with, and the CPU an update cost there."""
    name = f"{replicas} replica{'s' if replicas > 1 else ' '}"
    if fastest:
        best = (f"{fastest.rate:g} updates/s answered with p99 < {TARGET_MS} ms (p99 {fastest.p99:.1f} ms, "
                f"machine {fastest.machine:.0f}% busy, {fastest.others:.0f}% by other work)")
    else:
        best = f"no rate answered with p99 < {TARGET_MS} ms"
    return (f"  {name}: {best}; at {last.rate:g}/s p99 {last.p99:.1f} ms, machine {last.machine:.0f}% busy "
            f"({last.others:.0f}% other work)\n    {cpu_per_update(last)}")
