"""Settings: defaults, accepted spellings, and one clear line per invalid key."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.config import ConfigError, load_settings

KEYS = ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_URL", "DATABASE_URL", "BOT_OWNERS", "DEFAULT_TIMEZONE",
        "DEFAULT_LANGUAGE", "LOG_LEVEL", "SEEDS_DIR")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for key in KEYS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_defaults():
    settings = load_settings()
    assert settings.telegram_bot_token is None
    assert settings.telegram_api_url == "https://api.telegram.org/bot"
    assert settings.database_url == "sqlite+aiosqlite:///./briefbot.db"
    assert settings.bot_owners == ()
    assert (settings.default_timezone, settings.default_language, settings.log_level) == ("Asia/Baku", "ru", "INFO")


def test_reads_dotenv_and_normalises(tmp_path):
    (tmp_path / ".env").write_text(
        "TELEGRAM_BOT_TOKEN=123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw\n"
        "TELEGRAM_API_URL=http://127.0.0.1:8081/bot\n"
        "DATABASE_URL=postgresql://bot:secret@db:5432/briefbot\n"
        "BOT_OWNERS= 11, 22 ,33\n"
        "DEFAULT_TIMEZONE=Europe/Berlin\nDEFAULT_LANGUAGE=EN\nLOG_LEVEL=debug\n",
        encoding="utf-8",
    )
    settings = load_settings()
    assert settings.telegram_api_url == "http://127.0.0.1:8081/bot"
    assert settings.database_url == "postgresql+asyncpg://bot:secret@db:5432/briefbot"
    assert settings.bot_owners == (11, 22, 33)
    assert (settings.default_timezone, settings.default_language, settings.log_level) == ("Europe/Berlin", "en", "DEBUG")


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("TELEGRAM_BOT_TOKEN", "not-a-token", "TELEGRAM_BOT_TOKEN: does not look like a bot token"),
        ("TELEGRAM_API_URL", "api.telegram.org", "TELEGRAM_API_URL: must be an http(s) URL"),
        ("TELEGRAM_API_URL", "http://127.0.0.1:99999/bot", "TELEGRAM_API_URL: has an invalid port"),
        ("TELEGRAM_API_URL", "http://127.0.0.1:80a/bot", "TELEGRAM_API_URL: has an invalid port"),
        ("TELEGRAM_API_URL", "http://127.0.0.1:0/bot", "TELEGRAM_API_URL: has an invalid port"),
        ("TELEGRAM_API_URL", "http://:8081/bot", "TELEGRAM_API_URL: has no host name"),
        ("TELEGRAM_API_URL", "http://[::1/bot", "TELEGRAM_API_URL: is not a valid URL"),
        ("TELEGRAM_API_URL", "ftp://api.telegram.org/bot", "TELEGRAM_API_URL: must be an http(s) URL"),
        ("DATABASE_URL", "mysql://x/y", "DATABASE_URL: must start with sqlite:/// (a file) or postgresql://"),
        ("BOT_OWNERS", "12,alice", "BOT_OWNERS: must be comma-separated numeric Telegram user ids, got alice"),
        ("DEFAULT_TIMEZONE", "Mars/Olympus", "DEFAULT_TIMEZONE: 'Mars/Olympus' is not an IANA timezone name"),
        ("DEFAULT_LANGUAGE", "de", "DEFAULT_LANGUAGE: must be one of 'ru' or 'en'"),
        ("LOG_LEVEL", "loud", "LOG_LEVEL: must be one of 'DEBUG', 'INFO', 'WARNING', 'ERROR' or 'CRITICAL'"),
    ],
)
def test_each_invalid_key_gives_its_own_clear_line(monkeypatch, key, value, expected):
    monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError) as info:
        load_settings()
    lines = str(info.value).splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Configuration error: {expected}")


def test_cli_prints_one_line_not_a_traceback(tmp_path):
    env = {**os.environ, "DEFAULT_TIMEZONE": "Nowhere/City"}
    for key in KEYS[:-1]:
        if key != "DEFAULT_TIMEZONE":
            env.pop(key, None)
    result = subprocess.run([sys.executable, "-m", "bot", "db", "upgrade"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "Configuration error: DEFAULT_TIMEZONE: 'Nowhere/City' is not an IANA timezone name "
        "such as Asia/Baku or Europe/Berlin")
