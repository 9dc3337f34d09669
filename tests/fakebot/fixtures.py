"""Pytest fixtures and helpers for tests that run a real PTB Application against the fake.

Import what you need into a test module (or a conftest)::

    from tests.fakebot.fixtures import fake_bot_api, running_application  # noqa: F401
"""

from __future__ import annotations

import contextlib
import datetime as dtm
from typing import Any, AsyncIterator, Iterator

import pytest

from .driver import FakeBotApi


@pytest.fixture
def fake_bot_api() -> Iterator[FakeBotApi]:
    """A started FakeBotApi (default settings: rate limits on, strict HTML, privacy mode on)."""
    with FakeBotApi() as fake:
        yield fake


@contextlib.asynccontextmanager
async def running_application(app: Any, *, poll_interval: float = 0.0, poll_timeout: float = 1.0,
                              **polling_kwargs: Any) -> AsyncIterator[Any]:
    """``async with app`` + ``updater.start_polling`` + ``app.start()``; stops everything on exit.

    ``poll_timeout`` is the getUpdates long-poll timeout (seconds): keep it short so a
    test never waits long on teardown."""
    async with app:
        await app.updater.start_polling(
            poll_interval=poll_interval, timeout=dtm.timedelta(seconds=poll_timeout), **polling_kwargs
        )
        await app.start()
        try:
            yield app
        finally:
            if app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()


def build_application(fake: FakeBotApi, *, read_timeout: float = 5.0, **builder_options: Any) -> Any:
    """An Application wired to ``fake`` (``builder_options``: ApplicationBuilder method -> value)."""
    builder = fake.application_builder().read_timeout(read_timeout).get_updates_read_timeout(read_timeout + 5)
    for name, value in builder_options.items():
        builder = getattr(builder, name)(value)
    return builder.build()
