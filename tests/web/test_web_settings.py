"""WEBHOOK_URL, WEBHOOK_SECRET, WEB_LISTEN, WEBHOOK_MAX_CONNECTIONS: read, checked, refused in one line."""
from __future__ import annotations

import pytest

from bot.config import ConfigError, load_settings
from tests.test_cli import briefbot

GOOD_SECRET = "A" * 16 + "b_c-" + "9" * 12
URL = "https://bot.example.org/telegram/hook"


def settings(**values):
    return load_settings(_env_file=None, **values)


def test_defaults_are_long_polling_and_the_loopback_address():
    plain = settings()
    assert plain.webhook_url is None and plain.webhook_secret is None and plain.web_listen is None
    assert plain.listen_address == ("127.0.0.1", 8080) and plain.webhook_max_connections == 40


def test_webhook_settings_are_read():
    hooked = settings(webhook_url=URL, webhook_secret=GOOD_SECRET, web_listen="0.0.0.0:9000",
                      webhook_max_connections=100)
    assert hooked.webhook_url == URL and hooked.listen_address == ("0.0.0.0", 9000)
    assert GOOD_SECRET not in repr(hooked)  # never in a log line


@pytest.mark.parametrize("url", ["http://127.0.0.1:8443/hook", "http://localhost/hook", "http://[::1]:80/h"])
def test_plain_http_is_allowed_for_loopback_only(url):
    assert settings(webhook_url=url, webhook_secret=GOOD_SECRET).webhook_url == url


@pytest.mark.parametrize(("values", "expected"), [
    ({"webhook_url": URL}, "WEBHOOK_SECRET: is required with WEBHOOK_URL"),
    ({"webhook_url": URL, "webhook_secret": "short-secret"}, "WEBHOOK_SECRET: is too weak (12 characters"),
    ({"webhook_url": URL, "webhook_secret": GOOD_SECRET + "!"}, "WEBHOOK_SECRET: may hold only A-Z"),
    ({"webhook_url": "http://bot.example.org/hook", "webhook_secret": GOOD_SECRET}, "WEBHOOK_URL: must start with https://"),
    ({"webhook_url": "bot.example.org/hook", "webhook_secret": GOOD_SECRET}, "WEBHOOK_URL: must be a URL"),
    ({"web_listen": "8080"}, "WEB_LISTEN: must be host:port"),
    ({"web_listen": "0.0.0.0:99999"}, "WEB_LISTEN: must be host:port"),
    ({"webhook_max_connections": 101}, "WEBHOOK_MAX_CONNECTIONS: "),
])
def test_each_bad_value_is_one_line_naming_its_key(values, expected):
    with pytest.raises(ConfigError) as caught:
        settings(**values)
    lines = str(caught.value).splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Configuration error: {expected}"), lines


@pytest.mark.parametrize(("secret", "named"), [(None, "is required with WEBHOOK_URL"), ("tiny", "is too weak")])
def test_run_refuses_a_missing_or_weak_secret_in_one_line(tmp_path, secret, named):
    env = {"TELEGRAM_BOT_TOKEN": "123456:" + "A" * 35, "WEBHOOK_URL": URL}
    if secret:
        env["WEBHOOK_SECRET"] = secret
    result = briefbot(tmp_path, "run", **env)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"Configuration error: WEBHOOK_SECRET: {named}")


def test_doctor_reports_the_mode_and_a_weak_secret(tmp_path):
    token = "123456:" + "A" * 35
    polling = briefbot(tmp_path, "doctor", TELEGRAM_BOT_TOKEN=token)
    assert "ok  long polling (WEBHOOK_URL is not set)" in polling.stdout
    hooked = briefbot(tmp_path, "doctor", TELEGRAM_BOT_TOKEN=token, WEBHOOK_URL=URL, WEBHOOK_SECRET=GOOD_SECRET,
                      WEB_LISTEN="0.0.0.0:9000")
    assert f"ok  webhook mode: Telegram posts updates to WEBHOOK_URL={URL}" in hooked.stdout
    assert "WEB_LISTEN=0.0.0.0:9000" in hooked.stdout and GOOD_SECRET not in hooked.stdout
    # Pages the bot links to at PUBLIC_URL need a server, even with polling and no WEB_LISTEN.
    pages = briefbot(tmp_path, "doctor", TELEGRAM_BOT_TOKEN=token, PUBLIC_URL="https://briefing.example.org")
    assert "the web pages, /healthz, /readyz and /metrics on WEB_LISTEN=127.0.0.1:8080" in pages.stdout
    weak = briefbot(tmp_path, "doctor", TELEGRAM_BOT_TOKEN=token, WEBHOOK_URL=URL, WEBHOOK_SECRET="weak")
    assert weak.returncode == 1 and "FAIL Configuration error: WEBHOOK_SECRET: is too weak" in weak.stdout


def test_the_web_server_runs_whenever_something_needs_it():
    token = {"telegram_bot_token": "123456:" + "A" * 35}
    assert not settings(**token).serves_web  # long polling alone: nothing listens
    assert settings(**token, web_listen="127.0.0.1:9000").serves_web
    assert settings(**token, public_url="https://briefing.example.org").serves_web  # the bot links there
    assert settings(**token, webhook_url=URL, webhook_secret=GOOD_SECRET).serves_web
