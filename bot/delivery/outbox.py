"""The outbox: pushes become one `deliveries` row per recipient before anything is sent.

Composition code calls `enqueue` inside its own transaction, commits, then calls
`bot.delivery.lifecycle.wake_sender(bot_data)` (this replica's sender, or the leader's).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.render.reply import Button
from storage.deliveries import insert_new

KINDS = frozenset({"digest", "onthisday", "announce", "notice"})  # notice: one to an admin


@dataclass(frozen=True)
class DeliveryDraft:
    dedup_key: str  # unique per push x recipient x part, e.g. "digest:17:2026-08-08:0"
    chat_id: int
    kind: str  # digest | onthisday | announce
    text: str  # HTML within Telegram's 4096 visible characters; long pushes are split by the caller
    buttons: tuple[tuple[Button, ...], ...] = ()
    thread_id: int | None = None  # forum topic (message_thread_id)
    schedule_id: int | None = None


async def enqueue(session: AsyncSession, *, drafts: Sequence[DeliveryDraft], now: dt.datetime) -> int:
    """Insert one pending row per draft, skipping dedup_keys already present; returns how many
    were new. Does not commit. Parts of one chat go out in the order given here (id order)."""
    rows = []
    for draft in drafts:
        if draft.kind not in KINDS:
            raise ValueError(f"unknown delivery kind {draft.kind!r}")
        rows.append({
            "dedup_key": draft.dedup_key, "chat_id": draft.chat_id, "thread_id": draft.thread_id,
            "kind": draft.kind, "schedule_id": draft.schedule_id,
            "payload": {"text": draft.text, "buttons": encode_buttons(draft.buttons)},
            "created_at": now,
        })
    return await insert_new(session, rows=rows)


def encode_buttons(rows: tuple[tuple[Button, ...], ...]) -> list[list[dict[str, str]]]:
    """Buttons as stored in Delivery.payload: {"text", and one of "callback" | "url" | "switch_inline"}."""
    out = []
    for row in rows:
        encoded = []
        for button in row:
            if button.url:
                encoded.append({"text": button.text, "url": button.url})
            elif button.switch_inline is not None:
                encoded.append({"text": button.text, "switch_inline": button.switch_inline})
            else:
                encoded.append({"text": button.text, "callback": button.callback or ""})
        if encoded:
            out.append(encoded)
    return out


def reply_markup(buttons: list[list[dict[str, str]]] | None) -> dict[str, Any] | None:
    """The Bot API's InlineKeyboardMarkup for stored buttons (None when there are none)."""
    if not buttons:
        return None
    keyboard = []
    for row in buttons:
        keys = []
        for b in row:
            if "url" in b:
                keys.append({"text": b["text"], "url": b["url"]})
            elif "switch_inline" in b:
                keys.append({"text": b["text"], "switch_inline_query": b["switch_inline"]})
            else:
                keys.append({"text": b["text"], "callback_data": b["callback"]})
        keyboard.append(keys)
    return {"inline_keyboard": keyboard}
