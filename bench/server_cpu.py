"""CPU time of a local PostgreSQL server, for figures per unit of work that include the database's own."""
from __future__ import annotations

from bench.webhook_fleet import cpu_seconds


def server_cpu_seconds(server) -> float | None:
    """CPU time of a local PostgreSQL server (`--pg auto`): the postmaster and its processes, the
    ended ones included (their time is in the postmaster's children's); None for another server."""
    if server is None:
        return None
    postmaster = int((server.datadir / "postmaster.pid").read_text().split()[0])
    return cpu_seconds(postmaster, with_children=True)
