"""Addresses of the web pages under PUBLIC_URL, and the buttons that open them.

A page has one public address (`/timeline`, `/events/<slug>`, `/digests/<key>`) and, inside
Telegram, the same page in the Mini App under `/app` (`/app/timeline`). Telegram allows
`web_app` buttons only in private chats; elsewhere the button is a plain link.
"""
from __future__ import annotations

from urllib.parse import quote

from bot.render.i18n import t
from bot.render.reply import Button

APP_PREFIX = "/app"
TIMELINE_PATH = "/timeline"
PUSHES_PATH = "/pushes"  # the Mini App's form for the chat's pushes (APP_PREFIX + PUSHES_PATH)


def page_url(public_url: str, path: str) -> str:
    """`path` (starting with /) under PUBLIC_URL, whatever slash PUBLIC_URL ends with."""
    return public_url.rstrip("/") + path


def app_url(public_url: str, path: str = "") -> str:
    """The Mini App's address of the page at `path` ("" for its start page)."""
    return page_url(public_url, APP_PREFIX + path)


def digest_path(key: str) -> str:
    return f"/digests/{quote(key, safe='')}"


def event_path(slug: str) -> str:
    return f"/events/{quote(slug, safe='')}"


def topic_path(slug: str) -> str:
    return f"/topics/{quote(slug, safe='')}"


def opens_mini_app(public_url: str) -> bool:
    """Telegram opens Mini Apps over https only (an http PUBLIC_URL, e.g. a local test, gets plain links)."""
    return public_url.lower().startswith("https://")


def open_button(lang: str, public_url: str, path: str, *, private: bool) -> Button:
    """"Open": the page in the Mini App in a private chat, its public address anywhere else."""
    text = t(lang, "miniapp.button_open")
    if private and opens_mini_app(public_url):
        return Button(text, web_app=app_url(public_url, path))
    return Button(text, url=page_url(public_url, path))
