"""Validation of the web settings (WEBHOOK_URL, WEBHOOK_SECRET, WEB_LISTEN, PUBLIC_URL), one clear reason each."""
from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

# Telegram accepts 1-256 characters of these; fewer than 32 are guessable in practice.
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
MIN_SECRET_LENGTH = 32
DEFAULT_LISTEN = "127.0.0.1:8080"
MAKE_SECRET = "python -c 'import secrets; print(secrets.token_urlsafe(32))'"


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_webhook_url(value: str) -> str:
    """An https URL with a host (http only for a loopback host, e.g. a local test)."""
    value = value.strip()
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise ValueError("is not a valid URL, such as https://bot.example.org/telegram/webhook") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be a URL such as https://bot.example.org/telegram/webhook")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ValueError("must start with https:// (Telegram posts updates over HTTPS only)")
    if parts.fragment:
        raise ValueError("must not have a #fragment")
    return value


def check_public_url(value: str) -> str:
    """An http(s) address of a host's root (no path, query or fragment), without a trailing slash."""
    value = value.strip()
    example = "such as https://briefing.example.org"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise ValueError(f"is not a valid URL, {example}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"must be an http(s) URL {example}")
    if parts.query or parts.fragment:
        raise ValueError(f"must not have a query or #fragment, {example}")
    if parts.path.strip("/"):  # the pages link to /timeline, /events/... from the root of the host
        raise ValueError(f"must be the root address of a host (no path: the pages are served from /), {example}")
    return value.rstrip("/")


def webhook_path(url: str) -> str:
    """The path the web server answers updates on: the path of WEBHOOK_URL."""
    return urlsplit(url).path or "/"


def check_secret(value: str) -> str:
    if not SECRET_RE.match(value):
        raise ValueError("may hold only A-Z, a-z, 0-9, _ and - (1 to 256 characters, Telegram's rule); "
                         f"make one with {MAKE_SECRET}")
    if len(value) < MIN_SECRET_LENGTH:
        raise ValueError(f"is too weak ({len(value)} characters, at least {MIN_SECRET_LENGTH} needed); "
                         f"make one with {MAKE_SECRET}")
    return value


def parse_listen(value: str) -> tuple[str, int]:
    """`host:port` (`[::1]:8080` for IPv6) -> (host, port)."""
    host, sep, port = value.strip().rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ValueError("must be host:port, such as 127.0.0.1:8080 or 0.0.0.0:8080")
    return host, int(port)
