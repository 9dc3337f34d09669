"""The base template's Mini App flag and theme colours, and language negotiation, without a server."""
from __future__ import annotations

import subprocess
import sys

import pytest
from aiohttp.test_utils import make_mocked_request

from bot.config import load_settings
from bot.web.pages.language import from_accept_language
from bot.web.pages.routes import pages_app
from bot.web.pages.templating import is_safe_url, render
from storage.seed_files import read_dossier


def request(path: str = "/", **headers: str):
    web_app = pages_app(load_settings(_env_file=None, default_language="en"), None, read_dossier().meta)
    return make_mocked_request("GET", path, headers=headers, app=web_app)


def test_in_app_adds_telegrams_script_and_only_colour_values_of_the_theme():
    page = render(request(), "not_found.html", in_app=True,
                  theme={"bg_color": "#17212b", "text_color": "red;}</style><script>x</script>",
                         "link_color": "#6ab3f3"})
    html = page.body.decode()
    assert '<script src="https://telegram.org/js/telegram-web-app.js" async></script>' in html
    assert 'class="in-app"' in html and "--tg-bg-color:#17212b;--tg-link-color:#6ab3f3;" in html
    assert "<script>x" not in html and "red;" not in html
    plain = render(request(), "not_found.html").body.decode()
    assert "telegram-web-app.js" not in plain and "in-app" not in plain


@pytest.mark.parametrize(("header", "expected"), [
    ("ru-RU,ru;q=0.9,en;q=0.8", "ru"), ("en-US,en;q=0.9", "en"), ("de;q=1, en;q=0.1, ru;q=0.5", "ru"),
    ("fr", None), ("", None), ("ru;q=0, en;q=0", None), ("EN-gb", "en"), ("ru;q=x", None),
    (",".join(["de"] * 50) + ",en", None),  # past the items read
])
def test_accept_language(header, expected):
    assert from_accept_language(header) == expected


def test_default_language_when_nothing_else_says():
    page = render(request(**{"Accept-Language": "de"}), "not_found.html")
    assert page.headers["Content-Language"] == "en" and '<html lang="en">' in page.body.decode()


def test_the_pages_do_not_import_telegram():
    probe = "import sys, bot.web.pages.routes; print(sorted(m for m in sys.modules if m.startswith('telegram')))"
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


@pytest.mark.parametrize(("url", "safe"), [
    ("https://report.az/x", True), ("http://example.org", True), ("javascript:alert(1)", False),
    ("JAVASCRIPT:alert(1)", False), ("data:text/html,x", False), ("//evil.example", False), ("http://[oops", False),
    (None, False),
])
def test_only_http_links_become_links(url, safe):
    assert is_safe_url(url) is safe
