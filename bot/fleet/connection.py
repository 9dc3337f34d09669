"""A PostgreSQL connection of the fleet's own (leadership, change notices), outside the handlers' pool.

Plain asyncpg: a session-level advisory lock and LISTEN both belong to one server session,
which a pooled connection handed back and forth cannot promise.
"""
from __future__ import annotations

import asyncpg
from sqlalchemy.engine import URL, make_url

CONNECT_TIMEOUT = 5.0
# How soon the server notices a replica whose network is gone (and so frees its lock): the
# connection idles between heartbeats, so keepalive probes find it after 3 s idle + 3 probes
# 1 s apart; unanswered writes give up after 6 s (tcp_user_timeout). Ignored over Unix sockets,
# where the kernel reports a dead peer at once.
KEEPALIVES = {"tcp_keepalives_idle": "3", "tcp_keepalives_interval": "1", "tcp_keepalives_count": "3",
              "tcp_user_timeout": "6000"}


def asyncpg_dsn(database_url: str | URL) -> str | None:
    """The plain PostgreSQL DSN of an SQLAlchemy URL; None for any other database (SQLite)."""
    url = make_url(database_url) if isinstance(database_url, str) else database_url
    if url.get_backend_name() != "postgresql":
        return None
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


async def connect(dsn: str, *, purpose: str) -> asyncpg.Connection:
    """A connection named after its `purpose` (seen in pg_stat_activity.application_name)."""
    return await asyncpg.connect(dsn, timeout=CONNECT_TIMEOUT,
                                 server_settings={**KEEPALIVES, "application_name": f"briefbot {purpose}"})
