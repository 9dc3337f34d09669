"""Driver part 2: what users (and channels) do: messages, forwards, button presses, inline queries."""

from __future__ import annotations

import copy
import time
from typing import Any

from .entities import format_text
from .errors import FakeUsageError
from .markup import inline_rows
from .membership import change_member
from .models import CallbackQueryRecord, FakeChat, FakeUser, InlineQueryRecord, StoredMessage, is_present
from .state import FakeState

GROUP_ANONYMOUS_BOT_ID = 1087968824


class ActionsMixin:
    state: FakeState
    bot: FakeUser

    # ``self.chat(ref)`` is provided by WorldMixin

    # -- visibility ----------------------------------------------------------
    def _bot_receives(self, chat: FakeChat, data: dict[str, Any]) -> bool:
        """Telegram's delivery rules, including privacy mode in groups."""
        state = self.state
        if chat.type == "private":
            return True
        member = chat.members.get(self.bot.id)
        if not is_present(member):
            return False
        if chat.type == "channel" or member["status"] in ("creator", "administrator"):
            return True
        if state.can_read_all_group_messages:
            return True
        text = data.get("text") or data.get("caption") or ""
        for entity in data.get("entities", []):
            if entity["type"] == "bot_command" and entity["offset"] == 0:
                command = text[: entity["length"]]
                target = command.partition("@")[2]
                if not target or target.lower() == (self.bot.username or "").lower():
                    return True
        reply = data.get("reply_to_message")
        if reply and (reply.get("from") or {}).get("id") == self.bot.id and "forum_topic_created" not in reply:
            return True
        if self.bot.username and f"@{self.bot.username}".lower() in text.lower():
            return True
        return False

    def _deliver(self, chat: FakeChat, msg: StoredMessage, kind: str = "message") -> None:
        if self._bot_receives(chat, msg.data):
            self.state.enqueue_update(kind, msg.data)

    def _reply_fields(self, chat: FakeChat, reply_to: Any, message_thread_id: int | None) -> dict[str, Any]:
        state = self.state
        fields: dict[str, Any] = {}
        target = None
        if reply_to is not None:
            message_id = reply_to.message_id if isinstance(reply_to, StoredMessage) else int(reply_to)
            target = state.find_message(chat.id, message_id)
            if target is None:
                raise FakeUsageError(f"no message {message_id} in chat {chat.id} to reply to")
        if message_thread_id is not None:
            if chat.is_forum and message_thread_id not in chat.topics:
                raise FakeUsageError(f"no forum topic {message_thread_id} in chat {chat.id}")
            fields["message_thread_id"] = message_thread_id
            if chat.is_forum:
                fields["is_topic_message"] = True
                if target is None:
                    target = state.find_message(chat.id, message_thread_id)
        if target is not None:
            fields["reply_to_message"] = state.reply_stub(target)
        return fields

    def _sending_chat(self, user: FakeUser, chat: Any) -> FakeChat:
        state = self.state
        if chat is None or (isinstance(chat, FakeUser) and chat.id == user.id):
            target = state.private_chat(user)
            if user.blocked:  # writing to a blocked bot unblocks it, as in the apps
                user.blocked = False
                change_member(state, target, self.bot, "member", by=user)
            user.started = True
            return target
        target = self.chat(chat)
        if target.type == "channel":
            raise FakeUsageError("users cannot write to channels; use channel_post()")
        if target.type == "private" and target.id != user.id:
            raise FakeUsageError("a user can only write to their own private chat with the bot")
        if target.type != "private" and not is_present(target.members.get(user.id)):
            raise FakeUsageError(f"user {user.id} is not a member of chat {target.id}")
        if target.migrated_to is not None:
            raise FakeUsageError(f"chat {target.id} was migrated to {target.migrated_to}")
        return target

    # -- users act -----------------------------------------------------------
    def user_sends(self, user: FakeUser, text: str, chat: Any = None, *, reply_to: Any = None,
                   message_thread_id: int | None = None,
                   entities: list[dict[str, Any]] | None = None, anonymous: bool = False) -> StoredMessage:
        """The user writes ``text`` (private chat with the bot unless ``chat`` is given).

        Entities (bot_command for /cmd and /cmd@bot, urls, mentions, ...) are
        computed like Telegram does. The "message" update is queued only if the
        bot would receive it (privacy mode: in groups a non-admin bot gets
        commands, replies to it and mentions only). ``anonymous``: a group admin
        writing as the group, which Telegram sends from @GroupAnonymousBot with
        the group as ``sender_chat``."""
        state = self.state
        with state.lock:
            target = self._sending_chat(user, chat)
            plain, ents = format_text(text, None, entities)
            fields = self._reply_fields(target, reply_to, message_thread_id)
            fields["text"] = plain
            if ents:
                fields["entities"] = ents
            if anonymous:
                if target.type not in ("group", "supergroup") or target.status_of(user.id) not in (
                        "creator", "administrator"):
                    raise FakeUsageError("only a group's administrators can write anonymously")
                msg = state.store_message(target, fields, sender=self._group_anonymous_bot(), sender_chat=target,
                                          from_bot=False)
                self._deliver(target, msg)
                return msg
            msg = state.store_message(target, fields, sender=user, from_bot=False)
            self._deliver(target, msg)
            return msg

    def _group_anonymous_bot(self) -> FakeUser:
        """Telegram's @GroupAnonymousBot, the sender of anonymous admins' messages."""
        state = self.state
        user = state.users.get(GROUP_ANONYMOUS_BOT_ID)
        if user is None:
            user = FakeUser(id=GROUP_ANONYMOUS_BOT_ID, first_name="Group", username="GroupAnonymousBot", is_bot=True)
            state.users[user.id] = user
        return user

    def channel_post(self, channel: Any, text: str, *, entities: list[dict[str, Any]] | None = None,
                     author_signature: str | None = None, deliver: bool = True) -> StoredMessage:
        """A post in a channel; queued as a "channel_post" update if the bot is in the channel."""
        state = self.state
        with state.lock:
            target = self.chat(channel)
            if target.type != "channel":
                raise FakeUsageError("channel_post needs a channel")
            plain, ents = format_text(text, None, entities)
            fields: dict[str, Any] = {"text": plain}
            if ents:
                fields["entities"] = ents
            if author_signature:
                fields["author_signature"] = author_signature
            msg = state.store_message(target, fields, sender=None, sender_chat=target, from_bot=False)
            if deliver:
                self._deliver(target, msg, "channel_post")
            return msg

    def user_forwards(self, user: FakeUser, source: Any, *, text: str | None = None, to_chat: Any = None
                      ) -> StoredMessage:
        """The user forwards a message to the bot (or to ``to_chat``).

        ``source`` is a StoredMessage (e.g. from :meth:`channel_post`) or a channel
        together with ``text`` (a post is then created there silently). The copy
        carries ``forward_origin`` plus the legacy forward_from_chat/forward_from,
        forward_from_message_id and forward_date fields."""
        state = self.state
        with state.lock:
            if not isinstance(source, StoredMessage):
                if text is None:
                    raise FakeUsageError("forwarding from a chat needs text=")
                source = self.channel_post(source, text, deliver=False)
            target = self._sending_chat(user, to_chat)
            src = source.data
            origin_chat = src.get("sender_chat") if src["chat"]["type"] == "channel" else None
            fields: dict[str, Any] = {}
            if origin_chat is not None:
                origin: dict[str, Any] = {"type": "channel", "chat": copy.deepcopy(origin_chat),
                                          "message_id": source.message_id, "date": src["date"]}
                if src.get("author_signature"):
                    origin["author_signature"] = src["author_signature"]
                    fields["forward_signature"] = src["author_signature"]
                fields.update(forward_from_chat=copy.deepcopy(origin_chat),
                              forward_from_message_id=source.message_id)
            elif getattr(state.users.get((src.get("from") or {}).get("id")), "hides_forwards", False):
                sender = state.users[src["from"]["id"]]
                name = " ".join(filter(None, (sender.first_name, sender.last_name)))
                origin = {"type": "hidden_user", "sender_user_name": name, "date": src["date"]}
                fields["forward_sender_name"] = name
            else:
                sender = copy.deepcopy(src.get("from") or {})
                origin = {"type": "user", "sender_user": sender, "date": src["date"]}
                fields["forward_from"] = sender
            fields["forward_origin"] = origin
            fields["forward_date"] = src["date"]
            for key in ("text", "entities", "caption", "caption_entities", "photo", "document"):
                if key in src:
                    fields[key] = copy.deepcopy(src[key])
            msg = state.store_message(target, fields, sender=user, from_bot=False)
            msg.photo, msg.document = source.photo, source.document
            self._deliver(target, msg)
            return msg

    def press_button(self, user: FakeUser, message: Any, button: str, *, chat_instance: str | None = None
                     ) -> CallbackQueryRecord:
        """The user taps an inline button (matched by callback_data, then by text).

        Queues a "callback_query" update; the bot's answerCallbackQuery is
        recorded in the returned record (``.answered``, ``.answer``)."""
        state = self.state
        with state.lock:
            if isinstance(message, tuple):
                chat_ref, message_id = message
                message = state.find_message(self.chat(chat_ref).id, int(message_id), include_deleted=True)
            if not isinstance(message, StoredMessage):
                raise FakeUsageError("press_button needs a StoredMessage or (chat, message_id)")
            if message.deleted:
                raise FakeUsageError(f"message {message.message_id} was deleted")
            buttons = [b for row in inline_rows(message.reply_markup) for b in row]
            found = next((b for b in buttons if b.get("callback_data") == button), None) or next(
                (b for b in buttons if b.get("text") == button), None)
            if found is None:
                texts = [(b.get("text"), b.get("callback_data")) for b in buttons]
                raise FakeUsageError(f"no button {button!r} in message {message.message_id}; buttons: {texts}")
            if found.get("callback_data") is None:
                raise FakeUsageError(f"button {button!r} is not a callback button: {found}")
            return self._queue_callback(user, message, found["callback_data"], chat_instance)

    def press_data(self, user: FakeUser, message: StoredMessage, data: str, *, chat_instance: str | None = None
                   ) -> CallbackQueryRecord:
        """A callback query with `data` that no button of `message` carries (any more): a stale keyboard
        in the person's client, or a modified client. The Bot API warns bots of exactly this: "the
        message originated the query can contain no callback buttons with this data"."""
        with self.state.lock:
            if message.deleted:
                raise FakeUsageError(f"message {message.message_id} was deleted")
            if not message.from_bot:
                raise FakeUsageError("only the bot's own messages carry its callback buttons")
            if not 1 <= len(data.encode()) <= 64:
                raise FakeUsageError("callback data is 1-64 bytes")
            return self._queue_callback(user, message, data, chat_instance)

    def _queue_callback(self, user: FakeUser, message: StoredMessage, data: str, chat_instance: str | None
                        ) -> CallbackQueryRecord:
        """Queue the "callback_query" update of a press (the caller holds the state lock)."""
        state = self.state
        record = CallbackQueryRecord(
            id=state.new_query_id(), user=user, data=data, message=message,
            chat_instance=chat_instance or str((message.chat_id * 2654435761 + self.bot.id) % 10**19),
        )
        state.callback_queries[record.id] = record
        state.enqueue_update("callback_query", {
            "id": record.id, "from": user.to_dict(), "message": message.to_dict(),
            "chat_instance": record.chat_instance, "data": record.data,
        })
        return record

    def inline_query(self, user: FakeUser, query: str, offset: str = "", *, chat_type: str | None = "sender"
                     ) -> InlineQueryRecord:
        """The user types ``@bot query``; answerInlineQuery is recorded in the returned record."""
        state = self.state
        with state.lock:
            record = InlineQueryRecord(id=state.new_query_id(), user=user, query=query, offset=offset,
                                       created=time.monotonic())
            state.inline_queries[record.id] = record
            payload: dict[str, Any] = {"id": record.id, "from": user.to_dict(), "query": query, "offset": offset}
            if chat_type:
                payload["chat_type"] = chat_type
            state.enqueue_update("inline_query", payload)
            return record
