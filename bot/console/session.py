"""Reads lines from the terminal and feeds them to the Application as Telegram updates."""
from __future__ import annotations

import asyncio
import itertools
import sys
import time
from collections.abc import Callable
from pathlib import Path

from telegram import Update
from telegram.ext import Application

from bot.console.transport import ConsoleTransport

HELP = "Type commands as in Telegram (/start, /timeline 2025, /search хартия), a number to press a button,\n" \
       "'@ words' for inline mode, or an empty line / Ctrl-D to quit.\n"


class ConsoleChat:
    """One private chat between the person at the terminal and the bot."""

    def __init__(self, language: str, write: Callable[[str], None] = print, picture_dir: Path = Path(".")) -> None:
        self.user = {"id": 1, "is_bot": False, "first_name": "Console", "language_code": language}
        self.chat = {"id": 1, "type": "private", "first_name": "Console"}
        self.transport = ConsoleTransport(self.chat, write, picture_dir)
        self.ids = itertools.count(1)
        self.last_message: dict | None = None

    def to_update(self, line: str) -> dict | None:
        line = line.strip()
        base = {"update_id": next(self.ids)}
        if line.isdigit() and self.transport.buttons:
            index = int(line) - 1
            if not 0 <= index < len(self.transport.buttons):
                return None
            message = {"message_id": 1, "date": int(time.time()), "chat": self.chat, "text": "…"}
            return base | {"callback_query": {"id": str(base["update_id"]), "from": self.user, "chat_instance": "1",
                                              "message": message, "data": self.transport.buttons[index]}}
        if line.startswith("@"):
            return base | {"inline_query": {"id": str(base["update_id"]), "from": self.user,
                                            "query": line[1:].strip(), "offset": ""}}
        message = {"message_id": next(self.ids), "date": int(time.time()), "chat": self.chat, "from": self.user,
                   "text": line}
        if line.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(line.split()[0])}]
        return base | {"message": message}


async def run_console(app: Application, chat: ConsoleChat, read_line: Callable[[], str] = sys.stdin.readline) -> None:
    chat.transport.write(HELP)
    async with app:
        while True:
            line = await asyncio.to_thread(read_line)  # the terminal must not block the loop
            if not line.strip():
                break
            raw = chat.to_update(line)
            if raw is None:
                chat.transport.write("(no such button)\n")
                continue
            await app.process_update(Update.de_json(raw, app.bot))
