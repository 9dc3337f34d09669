"""Validation of reply_markup (inline keyboards) the way the Bot API rejects it."""

from __future__ import annotations

import json
import re
from typing import Any

from .errors import bad_request

INLINE_ACTIONS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
    "callback_game", "pay",
)
MAX_BUTTONS = 100
MAX_CALLBACK_DATA_BYTES = 64

_HTTP_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?::\d+)?(?:[/?#]\S*)?$", re.IGNORECASE)
_LOCAL_URL = re.compile(r"^https?://(?:localhost|\d+\.\d+\.\d+\.\d+)(?::\d+)?(?:[/?#]\S*)?$",
                        re.IGNORECASE)
_TG_URL = re.compile(r"^(?:tg|ton)://\S+$", re.IGNORECASE)


def is_valid_button_url(url: Any) -> bool:
    if not isinstance(url, str) or not url or len(url) > 2048:
        return False
    return bool(_HTTP_URL.match(url) or _LOCAL_URL.match(url) or _TG_URL.match(url))


def parse_markup(value: Any) -> dict[str, Any] | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise bad_request("can't parse reply keyboard markup JSON object") from None
    if not isinstance(value, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return value


def _validate_inline_button(button: Any, chat_type: str | None) -> None:
    if not isinstance(button, dict):
        raise bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    text = button.get("text")
    if not isinstance(text, str):
        raise bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
    if not text.strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [name for name in INLINE_ACTIONS if button.get(name) is not None]
    if not actions:
        raise bad_request("text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise bad_request(
            "can't parse inline keyboard button: exactly one of the optional fields must be used, "
            f"got {', '.join(actions)}"
        )
    action = actions[0]
    value = button[action]
    if action == "callback_data":
        if not isinstance(value, str) or not 1 <= len(value.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    elif action == "url":
        if not is_valid_button_url(value):
            raise bad_request("BUTTON_URL_INVALID")
    elif action in ("web_app", "login_url"):
        url = value.get("url") if isinstance(value, dict) else None
        if not is_valid_button_url(url) or (action == "web_app" and not url.lower().startswith("https://")):
            raise bad_request("BUTTON_URL_INVALID")
        if action == "web_app" and chat_type not in (None, "private"):
            raise bad_request("BUTTON_TYPE_INVALID")
    elif action in ("switch_inline_query", "switch_inline_query_current_chat"):
        if not isinstance(value, str):
            raise bad_request(f'can\'t parse inline keyboard button: Field "{action}" must be of type String')
    elif action == "copy_text":
        copied = value.get("text") if isinstance(value, dict) else None
        if not isinstance(copied, str) or not 1 <= len(copied) <= 256:
            raise bad_request("COPY_TEXT_INVALID")


def validate_reply_markup(
    value: Any, *, chat_type: str | None = None, inline_only: bool = False
) -> dict[str, Any] | None:
    """Parse and validate a reply_markup parameter; returns the parsed dict (or None)."""
    markup = parse_markup(value)
    if markup is None:
        return None
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request(
                'can\'t parse inline keyboard markup: Field "inline_keyboard" must be an Array of Arrays'
            )
        if sum(len(row) for row in rows) > MAX_BUTTONS or len(rows) > MAX_BUTTONS:
            raise bad_request("reply markup is too long")
        for row in rows:
            for button in row:
                _validate_inline_button(button, chat_type)
        return markup
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request('can\'t parse keyboard markup: Field "keyboard" must be an Array of Arrays')
        if sum(len(row) for row in rows) > 300:
            raise bad_request("reply markup is too long")
        for row in rows:
            for button in row:
                text = button if isinstance(button, str) else (
                    button.get("text") if isinstance(button, dict) else None)
                if not isinstance(text, str) or not text:
                    raise bad_request("can't parse keyboard button: Field \"text\" must be of type String")
        if chat_type == "channel":
            raise bad_request("reply keyboards are not supported in channels")
        return markup
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return markup
    raise bad_request("can't parse reply keyboard markup JSON object")


def inline_rows(markup: dict[str, Any] | None) -> list[list[dict[str, Any]]]:
    if not markup or "inline_keyboard" not in markup:
        return []
    return [list(row) for row in markup["inline_keyboard"]]


def button_value(button: dict[str, Any]) -> Any:
    """The action value of a button: callback_data, url, switch query, web_app url, ..."""
    for name in INLINE_ACTIONS:
        if button.get(name) is not None:
            value = button[name]
            if isinstance(value, dict) and "url" in value:
                return value["url"]
            if isinstance(value, dict) and name == "copy_text":
                return value.get("text")
            return value
    return None
