"""Driver part 1: building the world (users, chats, membership) and injecting faults."""

from __future__ import annotations

from typing import Any, Iterable

from .errors import FakeUsageError
from .faults import Fault, normalise_methods
from .membership import change_member
from .models import STATUSES, FakeChat, FakeTopic, FakeUser, StoredMessage, is_present, member_json
from .state import FakeState

ChatRef = Any  # FakeChat | FakeUser | StoredMessage | int | "@username"


class WorldMixin:
    state: FakeState
    bot: FakeUser

    # -- references ----------------------------------------------------------
    def chat(self, ref: ChatRef) -> FakeChat:
        """The FakeChat for a FakeChat/FakeUser (private chat)/StoredMessage/id/@username."""
        state = self.state
        with state.lock:
            if isinstance(ref, FakeChat):
                return ref
            if isinstance(ref, FakeUser):
                return state.private_chat(ref)
            if isinstance(ref, StoredMessage):
                ref = ref.chat_id
            chat = state.resolve_chat(ref)
            if chat is None:
                raise FakeUsageError(f"unknown chat {ref!r}")
            return chat

    def _user(self, ref: Any) -> FakeUser:
        if isinstance(ref, FakeUser):
            return ref
        user = self.state.users.get(int(ref))
        if user is None:
            raise FakeUsageError(f"unknown user {ref!r}")
        return user

    # -- users ---------------------------------------------------------------
    def create_user(
        self,
        user_id: int | None = None,
        first_name: str = "Test",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        is_bot: bool = False,
        is_premium: bool = False,
        started: bool = True,
    ) -> FakeUser:
        """A Telegram user. ``started=False``: never opened the bot (sending to them fails)."""
        state = self.state
        with state.lock:
            uid = user_id if user_id is not None else state.new_user_id()
            if uid in state.users:
                raise FakeUsageError(f"user {uid} already exists")
            user = FakeUser(id=uid, first_name=first_name, last_name=last_name, username=username,
                            language_code=language_code, is_bot=is_bot, is_premium=is_premium,
                            started=started)
            state.users[uid] = user
            if not is_bot:
                state.private_chat(user)
            return user

    def block_bot(self, user: FakeUser, *, emit: bool = True) -> None:
        """The user blocks the bot: sends answer 403 "bot was blocked by the user"."""
        with self.state.lock:
            user.blocked = True
            change_member(self.state, self.state.private_chat(user), self.bot, "kicked", by=user, emit=emit)

    def unblock_bot(self, user: FakeUser, *, emit: bool = True) -> None:
        with self.state.lock:
            user.blocked = False
            user.started = True
            change_member(self.state, self.state.private_chat(user), self.bot, "member", by=user, emit=emit)

    def deactivate_user(self, user: FakeUser) -> None:
        """The account is deleted: sends answer 403 "user is deactivated"."""
        with self.state.lock:
            user.deactivated = True

    # -- chats ---------------------------------------------------------------
    def _populate(self, chat: FakeChat, creator: FakeUser | None, admins: Iterable[FakeUser],
                  members: Iterable[FakeUser], bot: str | None, bot_rights: dict[str, Any] | None) -> FakeChat:
        state = self.state
        with state.lock:
            if creator is not None:
                chat.members[creator.id] = member_json(creator, "creator", chat.type)
            for user in admins:
                chat.members.setdefault(user.id, member_json(user, "administrator", chat.type))
            for user in members:
                chat.members.setdefault(user.id, member_json(user, "member", chat.type))
            if bot is not None:
                chat.members[self.bot.id] = member_json(self.bot, bot, chat.type, bot_rights)
            state.add_chat(chat)
            # message 1 is the creation service message (and the General topic in forums)
            created = {"group": "group_chat_created", "supergroup": "supergroup_chat_created",
                       "channel": "channel_chat_created"}[chat.type]
            if chat.type == "channel":
                state.store_message(chat, {created: True}, sender=None, sender_chat=chat, from_bot=False)
            else:
                state.store_message(chat, {created: True}, sender=creator, from_bot=False)
            return chat

    def create_group(self, title: str = "Test group", *, members: Iterable[FakeUser] = (),
                     admins: Iterable[FakeUser] = (), creator: FakeUser | None = None,
                     bot: str | None = None, bot_rights: dict[str, Any] | None = None) -> FakeChat:
        """A basic group. ``bot="member"|"administrator"`` adds the bot silently (no update);
        use :meth:`add_bot` to add it with a my_chat_member update."""
        chat = FakeChat(id=self.state.new_group_id(), type="group", title=title)
        return self._populate(chat, creator, admins, members, bot, bot_rights)

    def create_supergroup(self, title: str = "Test supergroup", *, is_forum: bool = False,
                          username: str | None = None, members: Iterable[FakeUser] = (),
                          admins: Iterable[FakeUser] = (), creator: FakeUser | None = None,
                          bot: str | None = None, bot_rights: dict[str, Any] | None = None) -> FakeChat:
        chat = FakeChat(id=self.state.new_supergroup_id(), type="supergroup", title=title,
                        username=username, is_forum=is_forum)
        return self._populate(chat, creator, admins, members, bot, bot_rights)

    def create_channel(self, title: str = "Test channel", *, username: str | None = None,
                       members: Iterable[FakeUser] = (), admins: Iterable[FakeUser] = (),
                       creator: FakeUser | None = None, bot: str | None = None,
                       bot_rights: dict[str, Any] | None = None) -> FakeChat:
        """A channel; the bot can post only as creator/administrator with can_post_messages."""
        chat = FakeChat(id=self.state.new_supergroup_id(), type="channel", title=title, username=username)
        return self._populate(chat, creator, admins, members, bot, bot_rights)

    def create_forum_topic(self, chat: ChatRef, name: str, *, icon_color: int = 7322096,
                           by: FakeUser | None = None) -> FakeTopic:
        state = self.state
        with state.lock:
            chat = self.chat(chat)
            if not chat.is_forum:
                raise FakeUsageError("create_forum_topic needs a supergroup created with is_forum=True")
            msg = state.store_message(chat, {"forum_topic_created": {"name": name, "icon_color": icon_color}},
                                      sender=by or self.bot, from_bot=by is None)
            msg.data["message_thread_id"] = msg.message_id
            msg.data["is_topic_message"] = True
            topic = FakeTopic(chat_id=chat.id, message_thread_id=msg.message_id, name=name, icon_color=icon_color)
            chat.topics[topic.message_thread_id] = topic
            return topic

    def set_member_status(self, chat: ChatRef, user: FakeUser, status: str, *, by: FakeUser | None = None,
                          emit: bool = True, **rights: Any) -> dict[str, Any]:
        """Change a member's status ("creator"|"administrator"|"member"|"restricted"|"left"|"kicked").

        ``rights`` are ChatMember fields such as ``can_post_messages=False``. For the
        bot this queues a my_chat_member update (from ``by``)."""
        if status not in STATUSES:
            raise FakeUsageError(f"status must be one of {STATUSES}")
        chat = self.chat(chat)
        if by is None:
            by = self._chat_owner(chat) if user.id == self.bot.id else user
        return change_member(self.state, chat, user, status, by=by, rights=rights, emit=emit)

    def _chat_owner(self, chat: FakeChat) -> FakeUser:
        with self.state.lock:
            for wanted in ("creator", "administrator"):
                for uid, member in chat.members.items():
                    if member["status"] == wanted and uid != self.bot.id:
                        return self.state.users[uid]
        return self.create_user(first_name="Chat owner")

    def add_bot(self, chat: ChatRef, status: str = "member", *, by: FakeUser | None = None,
                emit: bool = True, **rights: Any) -> dict[str, Any]:
        """Add (or promote) the bot, queueing my_chat_member (+ new_chat_members in groups)."""
        return self.set_member_status(chat, self.bot, status, by=by, emit=emit, **rights)

    def remove_bot(self, chat: ChatRef, *, by: FakeUser | None = None, kicked: bool = True,
                   emit: bool = True) -> dict[str, Any]:
        """Kick the bot (403 "bot was kicked from the ... chat") or make it leave (kicked=False)."""
        return self.set_member_status(chat, self.bot, "kicked" if kicked else "left", by=by, emit=emit)

    def migrate_group(self, group: ChatRef, *, by: FakeUser | None = None, emit: bool = True) -> FakeChat:
        """Upgrade a basic group to a supergroup; the old id answers 400 with migrate_to_chat_id."""
        state = self.state
        with state.lock:
            old = self.chat(group)
            if old.type != "group" or old.migrated_to is not None:
                raise FakeUsageError("only a not yet migrated basic group can be migrated")
            new = FakeChat(id=state.new_supergroup_id(), type="supergroup", title=old.title,
                           migrated_from=old.id)
            for uid, member in old.members.items():
                new.members[uid] = member_json(state.users[uid], member["status"], "supergroup",
                                               {k: v for k, v in member.items() if k.startswith("can_")})
            state.add_chat(new)
            actor = by or self._chat_owner(old)
            to_msg = state.store_message(old, {"migrate_to_chat_id": new.id}, sender=actor, from_bot=False)
            old.migrated_to = new.id
            from_msg = state.store_message(new, {"migrate_from_chat_id": old.id}, sender=actor, from_bot=False)
            if emit and is_present(new.members.get(self.bot.id)):
                state.enqueue_update("message", to_msg.data)
                state.enqueue_update("message", from_msg.data)
            return new

    # -- faults --------------------------------------------------------------
    def fail_next(self, status: int = 500, description: str | None = None, *, method: Any = None,
                  chat: ChatRef | None = None, times: int | None = 1, parameters: dict[str, Any] | None = None,
                  delay: float = 0.0) -> Fault:
        """Answer the next ``times`` matching calls (None = all) with an error.

        ``description`` defaults to Telegram's text for 500/502/...; a 502 without
        a description gets nginx's HTML page, as the real one does."""
        return self.state.faults.add(Fault(
            status=status, description=description, parameters=parameters,
            methods=normalise_methods(method), chat_id=self._fault_chat(chat), times=times, delay=delay))

    def delay_next(self, seconds: float, *, method: Any = None, chat: ChatRef | None = None,
                   times: int | None = 1, deliver: bool = True) -> Fault:
        """Hold back the answer of matching calls (client sees a timeout if shorter).

        ``deliver=True``: the call is executed at once, only the answer is late;
        ``deliver=False``: nothing happens and the late answer is a 502."""
        return self.state.faults.add(Fault(
            status=None, methods=normalise_methods(method), chat_id=self._fault_chat(chat),
            times=times, delay=seconds, deliver=deliver))

    def flood_next(self, retry_after: int = 3, *, method: Any = None, chat: ChatRef | None = None,
                   times: int | None = 1) -> Fault:
        """Answer matching calls with 429 "Too Many Requests: retry after N"."""
        return self.fail_next(429, f"Too Many Requests: retry after {retry_after}", method=method,
                              chat=chat, times=times, parameters={"retry_after": retry_after})

    def clear_faults(self) -> None:
        self.state.faults.clear()

    def _fault_chat(self, chat: ChatRef | None) -> Any:
        if chat is None:
            return None
        if isinstance(chat, str) and chat.startswith("@"):
            return chat
        return self.chat(chat).id
