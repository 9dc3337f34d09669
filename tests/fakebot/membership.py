"""Chat membership changes and the my_chat_member / chat_member updates they produce."""

from __future__ import annotations

import time
from typing import Any

from .models import FakeChat, FakeUser, is_present, member_json
from .state import FakeState


def left_member(user: FakeUser) -> dict[str, Any]:
    return {"status": "left", "user": user.to_dict()}


def change_member(
    state: FakeState,
    chat: FakeChat,
    user: FakeUser,
    status: str,
    *,
    by: FakeUser | None = None,
    rights: dict[str, Any] | None = None,
    emit: bool = True,
    service_message: bool = True,
) -> dict[str, Any]:
    """Set ``user``'s status in ``chat``; emit (my_)chat_member updates like Telegram.

    For the bot itself a ``my_chat_member`` update is always queued (when
    ``emit``); for other users a ``chat_member`` update is queued only when the
    bot is an administrator of the chat (Telegram's rule; it is then delivered
    only if the bot asked for "chat_member" in allowed_updates). When the bot
    joins a group/supergroup a ``new_chat_members`` service message is queued
    too, and ``left_chat_member`` when it is removed.
    """
    with state.lock:
        old = chat.members.get(user.id) or left_member(user)
        new = member_json(user, status, chat.type, rights)
        chat.members[user.id] = new
        if not emit:
            return new
        actor = by or user
        payload = {
            "chat": chat.to_dict(),
            "from": actor.to_dict(),
            "date": int(time.time()),
            "old_chat_member": old,
            "new_chat_member": new,
        }
        is_bot = user.id == state.bot.id
        if is_bot:
            state.enqueue_update("my_chat_member", payload)
        elif chat.type != "private" and (chat.members.get(state.bot.id) or {}).get("status") in (
            "administrator", "creator"
        ):
            state.enqueue_update("chat_member", payload)
        if service_message and chat.type in ("group", "supergroup"):
            was, now = is_present(old), is_present(new)
            if not was and now and (is_bot or state.bot_is_member(chat)):
                msg = state.store_message(chat, {"new_chat_members": [user.to_dict()]},
                                          sender=actor, from_bot=False)
                if is_bot or _bot_sees_service(state, chat):
                    state.enqueue_update("message", msg.data)
            elif was and not now and not is_bot and _bot_sees_service(state, chat):
                msg = state.store_message(chat, {"left_chat_member": user.to_dict()},
                                          sender=actor, from_bot=False)
                state.enqueue_update("message", msg.data)
        return new


def _bot_sees_service(state: FakeState, chat: FakeChat) -> bool:
    return state.bot_is_member(chat)
