"""PUBLIC_URL: read, checked, refused in one line naming the key."""
from __future__ import annotations

import pytest

from bot.config import ConfigError, load_settings
from tests.test_cli import briefbot


def test_public_url_is_optional_and_loses_its_trailing_slash():
    assert load_settings(_env_file=None).public_url is None
    assert load_settings(_env_file=None, public_url="  ").public_url is None
    assert load_settings(_env_file=None, public_url="https://news.example.org/").public_url == \
        "https://news.example.org"
    assert load_settings(_env_file=None, public_url="http://127.0.0.1:8080").public_url == "http://127.0.0.1:8080"


@pytest.mark.parametrize(("value", "reason"), [
    ("news.example.org", "PUBLIC_URL: must be an http(s) URL"),
    ("ftp://news.example.org", "PUBLIC_URL: must be an http(s) URL"),
    ("https://news.example.org/?a=1", "PUBLIC_URL: must not have a query"),
    ("https://news.example.org:99999", "PUBLIC_URL: is not a valid URL"),
    ("https://news.example.org/brief", "PUBLIC_URL: must be the root address of a host"),
])
def test_a_bad_public_url_is_refused(value, reason):
    with pytest.raises(ConfigError, match=reason.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        load_settings(_env_file=None, public_url=value)


def test_doctor_says_where_the_pages_are(tmp_path):
    token = "123456:" + "A" * 35
    unset = briefbot(tmp_path, "doctor", TELEGRAM_BOT_TOKEN=token)
    assert "ok  PUBLIC_URL is not set: the web pages serve on WEB_LISTEN only" in unset.stdout
    public = briefbot(tmp_path, "doctor", TELEGRAM_BOT_TOKEN=token, PUBLIC_URL="https://news.example.org/")
    assert "ok  web pages at PUBLIC_URL=https://news.example.org (forward it to WEB_LISTEN)" in public.stdout
