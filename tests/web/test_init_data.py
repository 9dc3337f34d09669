"""Init data validation as Telegram specifies it: signature, freshness and shape."""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from urllib.parse import parse_qsl, urlencode

import pytest

from bot.web.init_data import InitDataError, sign, validate_init_data
from tests.web.init_data_signing import make_init_data

TOKEN = "123456789:AAEgqk0HDC3WD5cdbnGMdd6L0TJ74FDp97Y"
NOW = dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.timezone.utc)


def fields_of(raw: str) -> dict[str, str]:
    return dict(parse_qsl(raw, keep_blank_values=True))


def test_valid_init_data_names_its_user():
    raw = make_init_data(TOKEN, user_id=42, signed_at=NOW - dt.timedelta(hours=1), language_code="ru")
    user = validate_init_data(raw, bot_token=TOKEN, now=NOW)
    assert (user.id, user.language_code, user.first_name) == (42, "ru", "Ann")


def test_the_hash_is_the_one_telegram_documents():
    """Computed here independently, straight from the spec's two HMACs."""
    raw = make_init_data(TOKEN, user_id=42, signed_at=NOW)
    fields = fields_of(raw)
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()) if k != "hash")
    secret = hmac.new(b"WebAppData", TOKEN.encode(), hashlib.sha256).digest()
    assert fields["hash"] == hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()


def test_signed_with_another_token_is_refused():
    raw = make_init_data("987654321:ZZEgqk0HDC3WD5cdbnGMdd6L0TJ74FDp97Y", user_id=42, signed_at=NOW)
    with pytest.raises(InitDataError, match="wrong hash"):
        validate_init_data(raw, bot_token=TOKEN, now=NOW)


def test_a_forged_hash_is_refused():
    fields = fields_of(make_init_data(TOKEN, user_id=42, signed_at=NOW))
    fields["hash"] = "0" * 64
    with pytest.raises(InitDataError, match="wrong hash"):
        validate_init_data(urlencode(fields), bot_token=TOKEN, now=NOW)


def test_a_tampered_user_is_refused():
    fields = fields_of(make_init_data(TOKEN, user_id=42, signed_at=NOW))
    fields["user"] = fields["user"].replace("42", "43")
    with pytest.raises(InitDataError, match="wrong hash"):
        validate_init_data(urlencode(fields), bot_token=TOKEN, now=NOW)


def test_an_added_field_breaks_the_signature():
    raw = make_init_data(TOKEN, user_id=42, signed_at=NOW) + "&chat_type=private"
    with pytest.raises(InitDataError, match="wrong hash"):
        validate_init_data(raw, bot_token=TOKEN, now=NOW)


def test_older_than_a_day_is_expired():
    raw = make_init_data(TOKEN, user_id=42, signed_at=NOW - dt.timedelta(days=1, seconds=1))
    with pytest.raises(InitDataError, match="expired"):
        validate_init_data(raw, bot_token=TOKEN, now=NOW)
    fresh = make_init_data(TOKEN, user_id=42, signed_at=NOW - dt.timedelta(hours=23, minutes=59))
    assert validate_init_data(fresh, bot_token=TOKEN, now=NOW).id == 42


def test_signed_in_the_future_is_refused():
    raw = make_init_data(TOKEN, user_id=42, signed_at=NOW + dt.timedelta(hours=1))
    with pytest.raises(InitDataError, match="expired"):
        validate_init_data(raw, bot_token=TOKEN, now=NOW)


def test_missing_hash_is_refused():
    fields = fields_of(make_init_data(TOKEN, user_id=42, signed_at=NOW))
    del fields["hash"]
    with pytest.raises(InitDataError, match="no hash"):
        validate_init_data(urlencode(fields), bot_token=TOKEN, now=NOW)


@pytest.mark.parametrize("raw", ["", "not init data", "a=1&a=2&hash=00", "x" * 9000, "=&&="])
def test_malformed_init_data_is_refused(raw):
    with pytest.raises(InitDataError):
        validate_init_data(raw, bot_token=TOKEN, now=NOW)


@pytest.mark.parametrize("user", ['"not json', '{"first_name":"Ann"}', '[1,2]', '{"id":"x"}'])
def test_signed_but_unusable_user_is_refused(user):
    """Correctly signed (by whoever holds the token) yet without a user id: still no access."""
    fields = {"user": user, "auth_date": str(int(NOW.timestamp()))}
    raw = urlencode({**fields, "hash": sign(fields, TOKEN)})
    with pytest.raises(InitDataError, match="usable"):
        validate_init_data(raw, bot_token=TOKEN, now=NOW)


def test_without_a_bot_token_nothing_is_valid():
    """Signed with an empty token, as anyone could: never accepted, even by a server missing its token."""
    raw = make_init_data("", user_id=42, signed_at=NOW)
    with pytest.raises(InitDataError, match="no bot token"):
        validate_init_data(raw, bot_token="", now=NOW)
