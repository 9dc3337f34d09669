"""The sender's settings: Telegram's limits by default, one clear line for a bad value."""
from __future__ import annotations

import pytest

from bot.config import ConfigError, load_settings
from bot.delivery.lifecycle import build_engine
from bot.delivery.limits import Limits

KEYS = ("DELIVERY_RATE", "DELIVERY_PAID_BROADCAST", "DELIVERY_CHAT_INTERVAL", "DELIVERY_GROUP_PER_MINUTE",
        "DELIVERY_MAX_ATTEMPTS", "DELIVERY_TIMEOUT", "DELIVERY_IN_FLIGHT", "DELIVERY_IN_DOUBT")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for key in KEYS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_defaults_are_telegrams_limits():
    settings = load_settings()
    assert Limits.from_settings(settings) == Limits(per_second=30, chat_interval=1.0, group_per_minute=20,
                                                    paid_broadcast=False)
    assert (settings.delivery_max_attempts, settings.delivery_timeout, settings.delivery_in_flight) == (5, 10.0, 100)
    assert settings.delivery_in_doubt == "skip" and not build_engine(settings, db=None).settler.resend_in_doubt


def test_in_doubt_resend_from_the_environment(monkeypatch):
    monkeypatch.setenv("DELIVERY_IN_DOUBT", " Resend ")
    assert build_engine(load_settings(), db=None).settler.resend_in_doubt


def test_paid_broadcast_from_the_environment(monkeypatch):
    monkeypatch.setenv("DELIVERY_PAID_BROADCAST", "true")
    monkeypatch.setenv("DELIVERY_RATE", "1000")
    monkeypatch.setenv("DELIVERY_IN_FLIGHT", "250")
    settings = load_settings(telegram_api_url="http://127.0.0.1:8081/bot")
    sender = build_engine(settings, db=None)
    assert sender.limits == Limits(per_second=1000, paid_broadcast=True)
    assert sender.in_flight == 250 and sender.api.url == "http://127.0.0.1:8081/bot/sendMessage"


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("DELIVERY_RATE", "5000", "DELIVERY_RATE: Input should be less than or equal to 1000"),
    ("DELIVERY_RATE", "0", "DELIVERY_RATE: Input should be greater than 0"),
    ("DELIVERY_PAID_BROADCAST", "maybe", "DELIVERY_PAID_BROADCAST: Input should be a valid boolean"),
    ("DELIVERY_GROUP_PER_MINUTE", "fast", "DELIVERY_GROUP_PER_MINUTE: Input should be a valid integer"),
    ("DELIVERY_IN_FLIGHT", "0", "DELIVERY_IN_FLIGHT: Input should be greater than or equal to 1"),
    ("DELIVERY_IN_DOUBT", "twice", "DELIVERY_IN_DOUBT: must be one of 'skip' or 'resend'"),
])
def test_a_bad_value_gives_one_clear_line(monkeypatch, key, value, expected):
    monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError) as info:
        load_settings()
    [line] = str(info.value).splitlines()
    assert line.startswith(f"Configuration error: {expected}")
