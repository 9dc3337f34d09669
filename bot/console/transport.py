"""A Bot API stand-in inside the process: answers the bot's calls and shows what it sends."""
from __future__ import annotations

import html
import itertools
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from telegram.request import BaseRequest, RequestData

BOT_USER = {"id": 1000, "is_bot": True, "first_name": "Briefing Bot", "username": "briefing_console_bot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True}


def html_to_text(markup: str) -> str:
    """Telegram HTML as terminal text: links keep their address, other tags drop."""
    text = re.sub(r'<a href="([^"]*)">(.*?)</a>', lambda m: f"{m[2]} ({html.unescape(m[1])})", markup, flags=re.S)
    text = re.sub(r"</?(b|strong)>", "*", text)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text)


class ConsoleTransport(BaseRequest):
    """Implements the handful of Bot API methods the reader handlers use."""

    def __init__(self, chat: dict, write: Callable[[str], None], picture_dir: Path) -> None:
        self.chat, self.write, self.picture_dir = chat, write, picture_dir
        self.message_ids = itertools.count(1)
        self.buttons: list[str] = []  # callback data of the last keyboard shown, pressable by number
        self.pictures = itertools.count(1)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    @property
    def read_timeout(self) -> float | None:
        return None

    async def do_request(self, url, method, request_data: RequestData | None = None, read_timeout=None,
                         write_timeout=None, connect_timeout=None, pool_timeout=None) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        if request_data and request_data.contains_files:
            params["_files"] = {k: v[1] for k, v in (request_data.multipart_data or {}).items()}
        handler = getattr(self, f"_{name}", None)
        result = handler(params) if handler else True
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _message(self, params: dict, **extra) -> dict:
        return {"message_id": extra.pop("message_id", None) or next(self.message_ids), "date": int(time.time()),
                "chat": self.chat, "from": BOT_USER, **extra}

    def _show(self, text: str, markup: dict | None, prefix: str = "") -> None:
        self.write(prefix + html_to_text(text))
        rows = (markup or {}).get("inline_keyboard", [])
        self.buttons = [b.get("callback_data", "") for row in rows for b in row]
        if rows:
            labels = [f"[{i}] {b['text']}{_address(b)}" for i, b in enumerate((b for row in rows for b in row), 1)]
            self.write("   ".join(labels) + "   (type a number to press)")
        self.write("")

    def _getMe(self, params):  # noqa: N802 - Bot API method names
        return BOT_USER

    def _sendMessage(self, params):  # noqa: N802
        self._show(params["text"], params.get("reply_markup"))
        return self._message(params, text=params["text"])

    def _editMessageText(self, params):  # noqa: N802
        self._show(params["text"], params.get("reply_markup"), prefix="(updated)\n")
        return self._message(params, message_id=params.get("message_id"), text=params["text"])

    def _sendPhoto(self, params):  # noqa: N802
        path = self.picture_dir / f"briefbot-chart-{next(self.pictures)}.png"
        data = next(iter(params.get("_files", {}).values()), None)
        if data:
            path.write_bytes(data)
            self.write(f"[picture saved to {path}]")
        self._show(params.get("caption", ""), params.get("reply_markup"))
        return self._message(params, photo=[{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}])

    def _answerCallbackQuery(self, params):  # noqa: N802
        if params.get("text"):
            self.write(f"[{params['text']}]")
        return True

    def _answerInlineQuery(self, params):  # noqa: N802
        for i, result in enumerate(params.get("results", []), 1):
            self.write(f"  {i}. {result.get('title')}")
        self.write("")
        return True


def _address(button: dict) -> str:
    """A link or Mini App button opens a page, not the bot: show where, to open in a browser."""
    url = button.get("url") or (button.get("web_app") or {}).get("url")
    return f" <{url}>" if url else ""
