"""The chats the bot knows: recorded on first contact, with language and timezone."""
from __future__ import annotations

import datetime as dt

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Chat
from storage.seed_schema import LANGS

LANGUAGES = LANGS  # the dossier's languages are the bot's


def pick_language(language_code: str | None, default: str) -> str:
    """ru or en from Telegram's language_code ("en-GB" counts as en), else the default."""
    code = (language_code or "").split("-")[0].lower()
    return code if code in LANGUAGES else default


async def get_chat(session: AsyncSession, *, chat_id: int) -> Chat | None:
    return await session.get(Chat, chat_id)


async def record_chat(
    session: AsyncSession, *, chat_id: int, type: str, title: str | None, username: str | None,
    language: str, timezone: str, now: dt.datetime,
) -> Chat:
    """Create the chat or refresh its names; a returning chat is active again (caller commits)."""
    chat = await session.get(Chat, chat_id)
    if chat is None:
        chat = Chat(id=chat_id, type=type, language=language, timezone=timezone, created_at=now)
    chat.title, chat.username, chat.updated_at = title, username, now
    chat.active, chat.inactive_reason = True, None
    session.add(chat)
    await session.flush()
    return chat


async def set_language(session: AsyncSession, *, chat: Chat, language: str, now: dt.datetime) -> Chat:
    chat.language, chat.updated_at = language, now
    session.add(chat)
    await session.flush()
    return chat
