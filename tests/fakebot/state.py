"""The fake's world: users, chats, messages, pending updates, files, recorded calls.

Everything is guarded by one re-entrant lock, ``state.lock``; the HTTP thread
and the test thread(s) both go through it.
"""

from __future__ import annotations

import copy
import itertools
import secrets
import threading
import time
from typing import Any, Callable

from .faults import FaultRegistry
from .models import (
    ApiCall, CallbackQueryRecord, FakeChat, FakeUser, FileRecord, InlineQueryRecord,
    StoredMessage, is_present, member_json,
)
from .ratelimit import RateLimitConfig, RateLimiter

DEFAULT_UPDATE_TYPES_EXCLUDED = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class FakeState:
    def __init__(
        self,
        *,
        token: str,
        bot: FakeUser,
        can_join_groups: bool = True,
        can_read_all_group_messages: bool = False,
        strict_html: bool = True,
        rate_limits: RateLimitConfig | None = None,
    ) -> None:
        self.lock = threading.RLock()
        self.token = token
        self.bot = bot
        self.can_join_groups = can_join_groups
        self.can_read_all_group_messages = can_read_all_group_messages
        self.strict_html = strict_html
        self.callback_query_ttl: float | None = 15.0
        self.inline_query_ttl: float | None = 15.0
        self.rate = RateLimiter(rate_limits or RateLimitConfig())
        self.faults = FaultRegistry()
        self.users: dict[int, FakeUser] = {bot.id: bot}
        self.chats: dict[int, FakeChat] = {}
        self.messages: dict[int, list[StoredMessage]] = {}
        self.sent: list[StoredMessage] = []
        self.updates: list[dict[str, Any]] = []
        self.delivered_up_to = 0  # highest update_id handed out by getUpdates
        self.allowed_updates: list[str] = []
        self.webhook: dict[str, Any] = {"url": ""}
        # Webhook delivery (webhook.py): answer timeout, first pause before a retry, tries per update.
        self.webhook_timeout = 10.0
        self.webhook_retry_delay = 0.2
        self.webhook_max_attempts = 10
        self.webhook_posts: list[tuple[int, str | None]] = []  # (update_id, error or None) per POST
        self.lost_webhook_answers = 0  # so many next answers count as never received: posted again
        self.webhook_pending: Callable[[], int] = lambda: 0
        self.commands: dict[tuple[Any, ...], list[dict[str, str]]] = {}
        self.bot_texts: dict[tuple[str, str], str] = {}  # (kind, language) -> name/description
        self.default_menu_button: dict[str, Any] = {"type": "commands"}
        self.callback_queries: dict[str, CallbackQueryRecord] = {}
        self.inline_queries: dict[str, InlineQueryRecord] = {}
        self.files: dict[str, FileRecord] = {}
        self.files_by_path: dict[str, FileRecord] = {}
        self.chat_actions: list[dict[str, Any]] = []
        self.calls: list[ApiCall] = []
        self.expected_rejections: list[tuple[str, str]] = []  # (method, description part), lower case
        self._update_ids = itertools.count(100_000_001)
        self._user_ids = itertools.count(700_000_001)
        self._group_ids = itertools.count(4_100_000_001)
        self._channel_ids = itertools.count(2_100_000_001)
        self._call_seq = itertools.count(1)
        self._file_seq = itertools.count(1)
        self._query_seq = itertools.count(4_200_000_000_000_000_001)
        self.on_update: Callable[[], None] = lambda: None

    # -- ids -----------------------------------------------------------------
    def new_user_id(self) -> int:
        with self.lock:
            while True:
                uid = next(self._user_ids)
                if uid not in self.users:
                    return uid

    def new_group_id(self) -> int:
        return -next(self._group_ids)

    def new_supergroup_id(self) -> int:
        return -(1_000_000_000_000 + next(self._channel_ids))

    def new_query_id(self) -> str:
        return str(next(self._query_seq))

    def next_call_seq(self) -> int:
        return next(self._call_seq)

    # -- lookup --------------------------------------------------------------
    def resolve_chat(self, ref: Any) -> FakeChat | None:
        """Chat by id or '@username' (None if unknown)."""
        with self.lock:
            if isinstance(ref, str) and ref.startswith("@"):
                name = ref[1:].lower()
                for chat in self.chats.values():
                    if chat.username and chat.username.lower() == name and chat.type != "private":
                        return chat
                return None
            try:
                return self.chats.get(int(ref))
            except (TypeError, ValueError):
                return None

    def user_dict(self, user_id: int) -> dict[str, Any] | None:
        user = self.users.get(user_id)
        return user.to_dict() if user else None

    def private_chat(self, user: FakeUser) -> FakeChat:
        with self.lock:
            chat = self.chats.get(user.id)
            if chat is None:
                chat = FakeChat(id=user.id, type="private", first_name=user.first_name,
                                last_name=user.last_name, username=user.username)
                chat.members[user.id] = member_json(user, "member", "private")
                chat.members[self.bot.id] = member_json(self.bot, "member", "private")
                self.chats[user.id] = chat
                self.messages.setdefault(user.id, [])
            return chat

    def add_chat(self, chat: FakeChat) -> FakeChat:
        with self.lock:
            self.chats[chat.id] = chat
            self.messages.setdefault(chat.id, [])
            return chat

    def find_message(self, chat_id: int, message_id: int, *, include_deleted: bool = False) -> StoredMessage | None:
        with self.lock:
            for msg in reversed(self.messages.get(chat_id, [])):
                if msg.message_id == message_id:
                    return msg if include_deleted or not msg.deleted else None
            return None

    def bot_is_member(self, chat: FakeChat) -> bool:
        return is_present(chat.members.get(self.bot.id))

    def knows_user(self, user: FakeUser) -> bool:
        """Did the bot ever share a chat with the user (so it 'knows' them)?"""
        with self.lock:
            return any(
                user.id in chat.members and self.bot.id in chat.members
                for chat in self.chats.values() if chat.type != "private"
            )

    # -- messages ------------------------------------------------------------
    def store_message(
        self,
        chat: FakeChat,
        fields: dict[str, Any],
        *,
        sender: FakeUser | None,
        from_bot: bool,
        method: str | None = None,
        params: dict[str, Any] | None = None,
        sender_chat: FakeChat | None = None,
    ) -> StoredMessage:
        with self.lock:
            message_id = chat.next_message_id
            chat.next_message_id += 1
            data: dict[str, Any] = {"message_id": message_id}
            if sender is not None:
                data["from"] = sender.to_dict()
            if sender_chat is not None:
                data["sender_chat"] = sender_chat.to_dict()
            data["chat"] = chat.to_dict()
            data["date"] = int(time.time())
            data.update(fields)
            msg = StoredMessage(chat_id=chat.id, message_id=message_id, data=data,
                                from_bot=from_bot, method=method, params=params)
            self.messages.setdefault(chat.id, []).append(msg)
            if from_bot and method:
                self.sent.append(msg)
            return msg

    def reply_stub(self, msg: StoredMessage) -> dict[str, Any]:
        data = copy.deepcopy(msg.data)
        data.pop("reply_to_message", None)
        return data

    # -- files ---------------------------------------------------------------
    def add_file(self, data: bytes | None, *, kind: str, ext: str, mime_type: str | None = None,
                 file_name: str | None = None) -> FileRecord:
        with self.lock:
            seq = next(self._file_seq)
            prefix = {"photo": "AgACAgIAAxkDAAI", "document": "BQACAgIAAxkDAAI"}.get(kind, "CAACAgIAAxk")
            record = FileRecord(
                file_id=f"{prefix}{seq:06d}{secrets.token_urlsafe(24)}",
                file_unique_id=f"AQAD{seq:06d}{secrets.token_hex(3)}",
                data=data, file_path=f"{kind}s/file_{seq}.{ext}", kind=kind,
                mime_type=mime_type, file_name=file_name,
            )
            self.files[record.file_id] = record
            self.files_by_path[record.file_path] = record
            return record

    # -- updates -------------------------------------------------------------
    def enqueue_update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            update = {"update_id": next(self._update_ids), kind: copy.deepcopy(payload)}
            self.updates.append(update)
        self.on_update()
        return update

    def allowed_types(self) -> Callable[[str], bool]:
        allowed = set(self.allowed_updates)
        if allowed:
            return allowed.__contains__
        return lambda kind: kind not in DEFAULT_UPDATE_TYPES_EXCLUDED

    def confirm_updates(self, offset: int | None) -> None:
        """Forget updates as Telegram does for getUpdates(offset=...)."""
        if offset is None or offset == 0:
            return
        with self.lock:
            if offset < 0:
                self.updates = self.updates[offset:]
            else:
                self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def take_updates(self, limit: int) -> list[dict[str, Any]]:
        """Pending updates of allowed types (others are dropped), without confirming them."""
        with self.lock:
            allowed = self.allowed_types()
            kept = []
            for update in self.updates:
                kind = next(k for k in update if k != "update_id")
                if allowed(kind):
                    kept.append(update)
            self.updates = kept
            batch = copy.deepcopy(kept[:limit])
            if batch:
                self.delivered_up_to = max(self.delivered_up_to, batch[-1]["update_id"])
            return batch

    def undelivered_count(self) -> int:
        with self.lock:
            return sum(1 for u in self.updates if u["update_id"] > self.delivered_up_to)
