"""Fixtures for the reader services' tests."""
from __future__ import annotations

import pytest
from sqlalchemy import event


@pytest.fixture
def statements(seeded_engine):
    """The SQL statements the engine runs from now on."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    event.listen(seeded_engine.sync_engine, "before_cursor_execute", record)
    yield seen
    event.remove(seeded_engine.sync_engine, "before_cursor_execute", record)
