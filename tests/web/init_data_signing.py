"""Init data as Telegram signs it, for tests of the Mini App (the fake Bot API does not open Mini Apps)."""
from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlencode

from bot.web.init_data import sign


def make_init_data(bot_token: str, *, user_id: int, signed_at: dt.datetime, language_code: str = "en",
                   extra: dict[str, str] | None = None) -> str:
    """A query string like Telegram.WebApp.initData, signed with `bot_token`."""
    user = json.dumps({"id": user_id, "first_name": "Ann", "language_code": language_code}, separators=(",", ":"))
    fields = {"query_id": "AAHdF6IQAAAAAN0XohDhrOrc", "user": user, "auth_date": str(int(signed_at.timestamp())),
              **(extra or {})}
    return urlencode({**fields, "hash": sign(fields, bot_token)})
