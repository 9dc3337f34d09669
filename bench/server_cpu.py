"""CPU time of a local PostgreSQL server, for figures per unit of work that include the database's own."""
from __future__ import annotations

import os
from pathlib import Path


def server_cpu_seconds(server) -> float | None:
    """CPU time of a local PostgreSQL server (`--pg auto`): the postmaster and its processes, the
    ended ones included (their time is in the postmaster's children's); None for another server."""
    if server is None:
        return None
    postmaster = int((server.datadir / "postmaster.pid").read_text().split()[0])
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        pid, parent = int(stat.parent.name), int(fields[1])
        if pid == postmaster or parent == postmaster:
            total += sum(map(int, fields[11:13] if pid != postmaster else fields[11:15]))
    return total / ticks
