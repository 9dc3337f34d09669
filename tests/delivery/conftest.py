"""The delivery engine against the fake Bot API with Telegram's limits on, ten times faster."""
from __future__ import annotations

import pytest

from tests.delivery.helpers import TIME_SCALE
from tests.fakebot import FakeBotApi


@pytest.fixture
def fake():
    with FakeBotApi() as fake:
        fake.rate_limits.time_scale = TIME_SCALE
        yield fake
