"""A fake Telegram Bot API server for end-to-end tests of python-telegram-bot applications.

    from tests.fakebot import FakeBotApi

    with FakeBotApi() as fake:
        app = fake.application_builder().build()
        ...

See ``driver.FakeBotApi`` for the driver API.
"""

from .driver import DEFAULT_TOKEN, FakeBotApi
from .entities import entities_to_html, format_text
from .errors import ApiError, FakeUsageError, WaitTimeout
from .faults import Fault
from .html_entities import HtmlParseError, parse_html, utf16_len
from .models import (
    ApiCall, CallbackQueryRecord, FakeChat, FakeTopic, FakeUser, InlineQueryRecord, StoredMessage,
)
from .ratelimit import RateLimitConfig, RateLimiter

__all__ = [
    "DEFAULT_TOKEN", "FakeBotApi", "entities_to_html", "format_text", "ApiError", "FakeUsageError",
    "WaitTimeout", "Fault", "HtmlParseError", "parse_html", "utf16_len", "ApiCall",
    "CallbackQueryRecord", "FakeChat", "FakeTopic", "FakeUser", "InlineQueryRecord", "StoredMessage",
    "RateLimitConfig", "RateLimiter",
]
