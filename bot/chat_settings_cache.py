"""The chats' language and timezone kept in memory (app.bot_data) in front of the database.

Below handlers and the delivery engine, which both change chats: every change of a chat's
settings, or of its id (a group upgraded to a supergroup), goes through here, and the other
replicas are told to forget the chat (bot/fleet/changes.py).
"""
from __future__ import annotations

from typing import Any

from bot.fleet.changes import CHAT, tell_replicas
from storage.models import Chat

CACHE_KEY = "chat_settings"


def known_chats(bot_data: dict[str, Any]) -> dict[int, tuple[str, str] | None]:
    """chat id -> (language, timezone); None: looked up and not recorded."""
    return bot_data.setdefault(CACHE_KEY, {})


def remember_chat_settings(bot_data: dict[str, Any], chat: Chat) -> None:
    known_chats(bot_data)[chat.id] = (chat.language, chat.timezone)
    tell_replicas(bot_data, CHAT, chat.id)


def forget_chat(bot_data: dict[str, Any], chat_id: int) -> None:
    """Another replica changed the chat: look it up again at its next update."""
    known_chats(bot_data).pop(chat_id, None)


def chat_moved(bot_data: dict[str, Any], *, old_id: int, chat: Chat | None) -> None:
    """The group `old_id` is the supergroup `chat` now: a "not recorded" the supergroup got
    before the move must not hide the settings it has now."""
    known = known_chats(bot_data)
    known.pop(old_id, None)
    tell_replicas(bot_data, CHAT, old_id)
    if chat is not None:
        remember_chat_settings(bot_data, chat)
