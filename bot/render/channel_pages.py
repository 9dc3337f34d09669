"""Replies for channel and group admins: /channels, a chat's card, /link, and private notices."""
from __future__ import annotations

import re

from bot.briefing.linked_chats import LinkedChat
from bot.render.html import esc
from bot.render.i18n import plural, t
from bot.render.reply import Button, Reply
from storage.models import Chat

# Buttons carry the chat id; the press is verified with Telegram again, so nothing is kept in memory.
CARD_PREFIX, LIST_DATA = "ch|", "ch|list"


def card_data(chat_id: int) -> str:
    return f"{CARD_PREFIX}{chat_id}"


def parse_card_data(data: str) -> int | str | None:
    """The chat id of a card button, LIST_DATA for the list, None when malformed."""
    if data == LIST_DATA:
        return LIST_DATA
    body = data.removeprefix(CARD_PREFIX)
    return int(body) if body != data and re.fullmatch(r"-?\d{1,16}", body) else None


def describe(lang: str, *, type: str, title: str | None, username: str | None) -> dict[str, str]:
    """Title, kind and ", @username" of a chat, escaped for the catalogs' templates."""
    return {"title": esc(title or "—"), "kind": t(lang, f"kind.{type}"),
            "username": f", @{esc(username)}" if username else ""}


def channels_reply(lang: str, chats: list[LinkedChat]) -> Reply:
    if not chats:
        return Reply(t(lang, "channels.empty"))
    lines = [t(lang, "channels.title")]
    for chat in chats:
        line = t(lang, "channels.line", number=chat.number,
                 **describe(lang, type=chat.type, title=chat.title, username=chat.username))
        lines.append(line if chat.can_post else f"{line}\n   {t(lang, 'channels.cannot_post_mark')}")
    lines.append(t(lang, "channels.footer", number=chats[0].number))
    buttons = tuple((Button(f"{c.number}. {(c.title or str(c.chat_id))[:48]}", card_data(c.chat_id)),) for c in chats)
    return Reply("\n\n".join(lines), buttons)


def chat_card_reply(lang: str, chat: Chat, *, number: int | None, schedules: tuple[int, int]) -> Reply:
    total, paused = schedules
    text = t(lang, "channels.card", chat_id=chat.id, schedules=plural(lang, "schedules_n", total), paused=paused,
             **describe(lang, type=chat.type, title=chat.title, username=chat.username))
    if number is not None:
        text += "\n\n" + t(lang, "channels.next_steps", number=number)
    return Reply(text, ((Button(t(lang, "button.all_chats"), LIST_DATA),),))


def linked_reply(lang: str, chat: Chat, *, number: int | None) -> Reply:
    text = t(lang, "link.done", **describe(lang, type=chat.type, title=chat.title, username=chat.username))
    if number is not None:
        text += "\n\n" + t(lang, "channels.next_steps", number=number)
    return Reply(text, ((Button(t(lang, "button.open_chat"), card_data(chat.id)),),))


def added_notice(lang: str, chat: Chat, *, number: int | None, paused: int, promoted: bool = False,
                 resumed: int = 0) -> str:
    """The bot was added (or, `promoted`, already there and now allowed to post); its adder is linked."""
    text = t(lang, "notice.can_post" if promoted else "notice.added",
             **describe(lang, type=chat.type, title=chat.title, username=chat.username))
    if number is not None:
        text += "\n\n" + t(lang, "channels.next_steps", number=number)
    if resumed:
        text += "\n\n" + t(lang, "notice.resumed_here", schedules=plural(lang, "schedules_n", resumed))
    if paused:
        text += "\n\n" + t(lang, "notice.still_paused", schedules=plural(lang, "schedules_n", paused))
    return text


def lost_notice(lang: str, *, type: str, title: str | None, username: str | None, removed: bool,
                paused: int) -> str:
    """The bot was removed from the chat (or may no longer post there); `paused` schedules were paused."""
    text = t(lang, "notice.removed" if removed else "notice.demoted",
             **describe(lang, type=type, title=title, username=username))
    if paused:
        text += " " + t(lang, "notice.paused_by_rights", schedules=plural(lang, "schedules_n", paused))
    return text


def resumed_notice(lang: str, *, type: str, title: str | None, username: str | None, resumed: int) -> str:
    """The bot may post in the chat again; `resumed` schedules paused for lost rights run again."""
    return t(lang, "notice.resumed", schedules=plural(lang, "schedules_n", resumed),
             **describe(lang, type=type, title=title, username=username))

