"""Telegram Mini App init data: checked as Telegram specifies, before the Mini App may write anything.

https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app:
secret_key = HMAC_SHA256(key="WebAppData", msg=bot_token); the hash is the hex
HMAC_SHA256(key=secret_key, msg=data_check_string), where data_check_string is every
received field but `hash`, as `key=value` lines sorted by key. A few lines of the
standard library, so no dependency (the PyPI packages for it are one-person projects).
No `telegram` import: the web layer and its tests use it alone.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from urllib.parse import parse_qsl

MAX_AGE = dt.timedelta(days=1)  # older init data is refused: a leaked string is not a key for ever
MAX_LENGTH = 8192  # far above what Telegram sends; anything longer is not init data


class InitDataError(ValueError):
    """Init data that is forged, tampered with, expired or malformed; the reason is for the log only."""


@dataclass(frozen=True)
class WebAppUser:
    id: int
    language_code: str | None
    first_name: str


def _secret_key(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def data_check_string(fields: dict[str, str]) -> str:
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields) if key != "hash")


def sign(fields: dict[str, str], bot_token: str) -> str:
    """The hash Telegram would put beside `fields` (for tests and the console)."""
    return hmac.new(_secret_key(bot_token), data_check_string(fields).encode(), hashlib.sha256).hexdigest()


def validate_init_data(raw: str, *, bot_token: str, now: dt.datetime, max_age: dt.timedelta = MAX_AGE
                       ) -> WebAppUser:
    """The user the init data `raw` (Telegram.WebApp.initData, a query string) was signed for."""
    if not bot_token:  # an empty key would let anyone sign
        raise InitDataError("no bot token to check it with")
    if not raw or len(raw) > MAX_LENGTH:
        raise InitDataError("missing or oversized")
    try:
        pairs = parse_qsl(raw, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise InitDataError("not a query string") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InitDataError("a field appears twice")
    received = fields.get("hash", "")
    if not received:
        raise InitDataError("no hash")
    if not hmac.compare_digest(sign(fields, bot_token), received.lower()):
        raise InitDataError("wrong hash")
    try:
        signed_at = dt.datetime.fromtimestamp(int(fields["auth_date"]), dt.timezone.utc)
        user = json.loads(fields["user"])
        result = WebAppUser(int(user["id"]), user.get("language_code"), str(user.get("first_name", "")))
    except (KeyError, ValueError, TypeError, OverflowError, OSError):
        raise InitDataError("signed, but without a usable auth_date or user") from None
    if now - signed_at > max_age or signed_at - now > dt.timedelta(minutes=5):
        raise InitDataError("expired")
    return result
