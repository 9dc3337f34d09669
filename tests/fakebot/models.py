"""Plain data objects of the fake: users, chats, stored messages, recorded calls."""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field
from typing import Any

from .entities import entities_to_html
from .markup import button_value, inline_rows


def json_copy(value: Any) -> Any:
    """A deep copy of JSON-shaped data (dicts, lists, scalars); anything else goes through copy.deepcopy.

    A message's answer is copied on every send, and a digest's has a hundred entities: with
    copy.deepcopy's bookkeeping (a memo of every object) the fake took 0.49-0.69 ms of CPU per
    sendMessage under bench/fanout.py's load, on the cores the sender measured there shares; 0.36-0.51
    with this."""
    if isinstance(value, dict):
        return {key: json_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_copy(item) for item in value]
    if value is None or isinstance(value, (str, int, float)):  # bool is an int
        return value
    return copy.deepcopy(value)


@dataclass(eq=False)
class FakeUser:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False
    is_premium: bool = False
    # state of the private chat with the bot
    started: bool = True
    blocked: bool = False
    deactivated: bool = False
    hides_forwards: bool = False  # privacy "Forwarded messages: Nobody": forwards name them, without the id

    @property
    def chat_id(self) -> int:
        return self.id

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code and not self.is_bot:
            data["language_code"] = self.language_code
        if self.is_premium:
            data["is_premium"] = True
        return data


@dataclass(eq=False)
class FakeTopic:
    chat_id: int
    message_thread_id: int
    name: str
    icon_color: int = 7322096


@dataclass(eq=False)
class FakeChat:
    id: int
    type: str  # private | group | supergroup | channel
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    is_forum: bool = False
    description: str | None = None
    members: dict[int, dict[str, Any]] = field(default_factory=dict)  # user_id -> ChatMember JSON
    topics: dict[int, FakeTopic] = field(default_factory=dict)
    migrated_to: int | None = None
    migrated_from: int | None = None
    menu_button: dict[str, Any] | None = None
    next_message_id: int = 1

    @property
    def chat_id(self) -> int:
        return self.id

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name", "last_name"):
            value = getattr(self, key)
            if value:
                data[key] = value
        if self.is_forum:
            data["is_forum"] = True
        return data

    def status_of(self, user_id: int) -> str | None:
        member = self.members.get(user_id)
        return member["status"] if member else None


_ADMIN_DEFAULTS = {
    "can_be_edited": False, "is_anonymous": False, "can_manage_chat": True,
    "can_delete_messages": True, "can_manage_video_chats": True, "can_restrict_members": True,
    "can_promote_members": False, "can_change_info": True, "can_invite_users": True,
    "can_post_stories": True, "can_edit_stories": True, "can_delete_stories": True,
}
_RESTRICTED_FIELDS = (
    "can_send_messages", "can_send_audios", "can_send_documents", "can_send_photos",
    "can_send_videos", "can_send_video_notes", "can_send_voice_notes", "can_send_polls",
    "can_send_other_messages", "can_add_web_page_previews", "can_change_info", "can_invite_users",
    "can_pin_messages", "can_manage_topics", "can_edit_tag", "can_react_to_messages",
)
STATUSES = ("creator", "administrator", "member", "restricted", "left", "kicked")


def member_json(user: FakeUser, status: str, chat_type: str, rights: dict[str, Any] | None = None) -> dict[str, Any]:
    """A ChatMember object as Telegram returns it."""
    rights = dict(rights or {})
    base: dict[str, Any] = {"status": status, "user": user.to_dict()}
    if status == "creator":
        base["is_anonymous"] = bool(rights.pop("is_anonymous", False))
    elif status == "administrator":
        fields = dict(_ADMIN_DEFAULTS)
        if chat_type == "channel":
            fields.update(can_post_messages=True, can_edit_messages=True)
        elif chat_type == "supergroup":
            fields.update(can_pin_messages=True, can_manage_topics=False)
        else:
            fields.update(can_pin_messages=True)
        fields.update(rights)
        base.update(fields)
    elif status == "restricted":
        fields = {name: False for name in _RESTRICTED_FIELDS}
        fields.update(is_member=True, until_date=0)
        fields.update(rights)
        base.update(fields)
    elif status == "kicked":
        base["until_date"] = int(rights.pop("until_date", 0))
    elif status not in ("member", "left"):
        raise ValueError(f"unknown chat member status {status!r}")
    return base


def is_present(member: dict[str, Any] | None) -> bool:
    """True for creator/administrator/member and restricted members still in the chat."""
    if not member:
        return False
    status = member["status"]
    return status in ("creator", "administrator", "member") or (
        status == "restricted" and member.get("is_member", False)
    )


@dataclass(eq=False)
class StoredMessage:
    """A message as the fake keeps it; ``data`` is the Telegram JSON (current version)."""

    chat_id: int
    message_id: int
    data: dict[str, Any]
    from_bot: bool
    method: str | None = None
    params: dict[str, Any] | None = None
    photo: bytes | None = None  # uploaded bytes of sendPhoto (None for URL/file_id sends)
    document: bytes | None = None
    deleted: bool = False
    edits: list[dict[str, Any]] = field(default_factory=list)  # previous versions of data
    sent_at: float = field(default_factory=time.time)

    @property
    def text(self) -> str | None:
        return self.data.get("text")

    @property
    def caption(self) -> str | None:
        return self.data.get("caption")

    @property
    def plain(self) -> str:
        """Text or caption as plain text ('' if neither)."""
        return self.data.get("text", self.data.get("caption", "")) or ""

    @property
    def entities(self) -> list[dict[str, Any]]:
        if "text" in self.data:
            return list(self.data.get("entities", []))
        return list(self.data.get("caption_entities", []))

    @property
    def html(self) -> str:
        """Text/caption re-rendered as canonical Telegram HTML."""
        return entities_to_html(self.plain, self.entities)

    @property
    def reply_markup(self) -> dict[str, Any] | None:
        return self.data.get("reply_markup")

    @property
    def buttons(self) -> list[list[tuple[str, Any]]]:
        """Inline keyboard as rows of (text, callback_data / url / ...)."""
        return [[(b.get("text"), button_value(b)) for b in row] for row in inline_rows(self.reply_markup)]

    @property
    def button_texts(self) -> list[str]:
        return [text for row in self.buttons for text, _ in row]

    @property
    def message_thread_id(self) -> int | None:
        return self.data.get("message_thread_id")

    @property
    def reply_to_message_id(self) -> int | None:
        reply = self.data.get("reply_to_message")
        return reply.get("message_id") if reply else None

    @property
    def photo_sizes(self) -> list[dict[str, Any]]:
        return list(self.data.get("photo", []))

    @property
    def date(self) -> int:
        return self.data["date"]

    @property
    def edit_date(self) -> int | None:
        return self.data.get("edit_date")

    def to_dict(self) -> dict[str, Any]:
        return json_copy(self.data)

    def __repr__(self) -> str:
        who = "bot" if self.from_bot else "user"
        flag = " deleted" if self.deleted else ""
        return f"<StoredMessage chat={self.chat_id} id={self.message_id} {who}{flag} {self.plain[:60]!r}>"


@dataclass(eq=False)
class ApiCall:
    """One HTTP request of the bot to the fake."""

    seq: int
    method: str
    params: dict[str, Any]
    status: int | None = None  # HTTP status of the answer (None while in flight)
    response: dict[str, Any] | None = None
    injected: bool = False  # answered by an injected fault
    started: float = field(default_factory=time.time)
    duration: float | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def description(self) -> str | None:
        return (self.response or {}).get("description")

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")

    def __repr__(self) -> str:
        extra = f" {self.description!r}" if self.description else ""
        return f"<ApiCall #{self.seq} {self.method} -> {self.status}{extra}>"


@dataclass(eq=False)
class CallbackQueryRecord:
    id: str
    user: FakeUser
    data: str | None
    message: StoredMessage | None
    chat_instance: str
    created: float = field(default_factory=time.monotonic)
    answered: bool = False
    answer: dict[str, Any] | None = None


@dataclass(eq=False)
class InlineQueryRecord:
    id: str
    user: FakeUser
    query: str
    offset: str
    created: float = field(default_factory=time.monotonic)
    answered: bool = False
    answer: dict[str, Any] | None = None

    @property
    def results(self) -> list[dict[str, Any]]:
        return list((self.answer or {}).get("results", []))


@dataclass(eq=False)
class FileRecord:
    file_id: str
    file_unique_id: str
    data: bytes | None
    file_path: str
    kind: str = "document"
    mime_type: str | None = None
    file_name: str | None = None
