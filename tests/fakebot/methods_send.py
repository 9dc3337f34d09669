"""Bot API methods that send messages and media (run with ``state.lock`` held)."""

from __future__ import annotations

import copy
import mimetypes
from typing import Any

from .entities import format_text
from .errors import ApiError, bad_request, forbidden, too_many_requests
from .markup import validate_reply_markup
from .media import image_info, photo_size_plan
from .models import FakeChat, StoredMessage, is_present, json_copy
from .params import Params, UploadedFile
from .state import FakeState

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
PHOTO_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_MAX_BYTES = 50 * 1024 * 1024
CHAT_ACTIONS = frozenset({
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
})
_KIND_NAME = {"group": "group chat", "supergroup": "supergroup chat", "channel": "channel chat"}


class MessagingMethods:
    state: FakeState

    # -- shared helpers ------------------------------------------------------
    def _format(self, text: str, parse_mode: str | None, entities: Any, *, caption: bool = False) -> tuple[str, list]:
        plain, ents = format_text(
            text, parse_mode, entities, strict_html=self.state.strict_html, user_lookup=self.state.user_dict
        )
        if caption:
            if len(plain.encode("utf-16-le")) // 2 > CAPTION_LIMIT:
                raise bad_request("message caption is too long")
        else:
            if not plain:
                raise bad_request("message text is empty")
            if len(plain.encode("utf-16-le")) // 2 > TEXT_LIMIT:
                raise bad_request("message is too long")
        return plain, ents

    def _chat(self, p: Params) -> FakeChat:
        chat = self.state.resolve_chat(p.chat_ref())
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def _writable_chat(self, p: Params, *, what: str = "text messages") -> FakeChat:
        """Resolve chat_id for sending/editing and apply Telegram's access errors."""
        state = self.state
        chat = self._chat(p)
        if chat.migrated_to is not None:
            raise bad_request("group chat was upgraded to a supergroup chat",
                              {"migrate_to_chat_id": chat.migrated_to})
        if chat.type == "private":
            user = state.users[chat.id]
            if user.is_bot:
                raise forbidden("bot can't send messages to bots")
            if user.deactivated:
                raise forbidden("user is deactivated")
            if user.blocked:
                raise forbidden("bot was blocked by the user")
            if not user.started:
                if state.knows_user(user):
                    raise forbidden("bot can't initiate conversation with a user")
                raise bad_request("chat not found")
            return chat
        member = chat.members.get(state.bot.id)
        if member is None:
            raise bad_request("chat not found")
        status = member["status"]
        if status == "kicked" and chat.type != "channel":
            raise forbidden(f"bot was kicked from the {_KIND_NAME[chat.type]}")
        if not is_present(member):
            raise forbidden(f"bot is not a member of the {_KIND_NAME[chat.type]}")
        if chat.type == "channel" and not (
            status == "creator" or (status == "administrator" and member.get("can_post_messages"))
        ):
            raise bad_request("need administrator rights in the channel chat")
        if status == "restricted" and not member.get("can_send_messages", False):
            raise bad_request(f"not enough rights to send {what} to the chat")
        return chat

    def _thread_for(self, chat: FakeChat, p: Params) -> int | None:
        thread_id = p.int("message_thread_id")
        if thread_id in (None, 0):
            return None
        if chat.is_forum:
            if thread_id not in chat.topics and thread_id != 1:
                raise bad_request("message thread not found")
            return None if thread_id == 1 else thread_id
        if chat.type == "supergroup" and self.state.find_message(chat.id, thread_id):
            return thread_id
        raise bad_request("message thread not found")

    def _reply_to(self, chat: FakeChat, p: Params) -> StoredMessage | None:
        params = p.json("reply_parameters", what="reply parameters")
        if isinstance(params, dict):
            message_id = params.get("message_id")
            allow = bool(params.get("allow_sending_without_reply", False))
            if params.get("chat_id") not in (None, chat.id, str(chat.id)):
                other = self.state.resolve_chat(params["chat_id"])
                if other is None:
                    raise bad_request("chat not found")
                target = self.state.find_message(other.id, int(message_id or 0))
                if target is None and not allow:
                    raise bad_request("message to be replied not found")
                return target
        else:
            message_id = p.int("reply_to_message_id")
            allow = p.bool("allow_sending_without_reply")
        if not message_id:
            return None
        target = self.state.find_message(chat.id, int(message_id))
        if target is None and not allow:
            raise bad_request("message to be replied not found")
        return target

    def _check_rate(self, chat: FakeChat, p: Params) -> None:
        retry = self.state.rate.check(chat.id, chat.type, paid=p.bool("allow_paid_broadcast"))
        if retry is not None:
            raise too_many_requests(retry)

    def _send(self, chat: FakeChat, p: Params, method: str, fields: dict[str, Any],
              markup: dict[str, Any] | None, *, photo: bytes | None = None,
              document: bytes | None = None) -> dict[str, Any]:
        state = self.state
        thread_id = self._thread_for(chat, p)
        reply = self._reply_to(chat, p)
        self._check_rate(chat, p)
        extra: dict[str, Any] = {}
        if thread_id is not None:
            extra["message_thread_id"] = thread_id
            if chat.is_forum:
                extra["is_topic_message"] = True
        if reply is not None:
            extra["reply_to_message"] = state.reply_stub(reply)
        elif thread_id is not None and chat.is_forum:
            topic_msg = state.find_message(chat.id, thread_id)
            if topic_msg is not None:
                extra["reply_to_message"] = state.reply_stub(topic_msg)
        extra.update(fields)
        if markup and "inline_keyboard" in markup:
            extra["reply_markup"] = json_copy(markup)  # parsed JSON: copied without deepcopy's memo
        if p.bool("protect_content"):
            extra["has_protected_content"] = True
        if chat.type == "channel":
            msg = state.store_message(chat, extra, sender=None, sender_chat=chat, from_bot=True,
                                      method=method, params=p.loggable())
        else:
            msg = state.store_message(chat, extra, sender=state.bot, from_bot=True,
                                      method=method, params=p.loggable())
        msg.photo, msg.document = photo, document
        return msg.to_dict()

    def _markup(self, p: Params, chat_type: str | None, *, inline_only: bool = False) -> dict[str, Any] | None:
        return validate_reply_markup(p.get("reply_markup"), chat_type=chat_type, inline_only=inline_only)

    def _caption_fields(self, p: Params) -> dict[str, Any]:
        caption = p.str("caption")
        if not caption:
            return {}
        plain, ents = self._format(caption, p.str("parse_mode"), p.json("caption_entities"), caption=True)
        fields: dict[str, Any] = {"caption": plain} if plain else {}
        if ents:
            fields["caption_entities"] = ents
        if p.bool("show_caption_above_media"):
            fields["show_caption_above_media"] = True
        return fields

    def _upload(self, p: Params, name: str) -> tuple[bytes | None, Any]:
        """Return (bytes or None, source) for a file parameter, validating references."""
        source = p.input_file(name)
        if source is None:
            raise bad_request(f"there is no {name} in the request")
        if isinstance(source, UploadedFile):
            return source.data, source
        if source.startswith(("http://", "https://")):
            return None, source
        record = self.state.files.get(source)
        if record is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return record.data, record

    # -- methods -------------------------------------------------------------
    def api_sendMessage(self, p: Params) -> Any:
        text = p.str("text")
        if text is None:
            raise bad_request("message text is empty")
        plain, ents = self._format(text, p.str("parse_mode"), p.json("entities"))
        chat = self._writable_chat(p)
        markup = self._markup(p, chat.type)
        fields: dict[str, Any] = {"text": plain}
        if ents:
            fields["entities"] = ents
        return self._send(chat, p, "sendMessage", fields, markup)

    def api_sendPhoto(self, p: Params) -> Any:
        data, source = self._upload(p, "photo")
        caption = self._caption_fields(p)
        chat = self._writable_chat(p, what="photos")
        markup = self._markup(p, chat.type)
        state = self.state
        if data is None:  # remote URL: the fake cannot fetch it
            width = height = 1280
            ext = "jpg"
        else:
            if len(data) > PHOTO_MAX_BYTES:
                raise bad_request("file is too big")
            info = image_info(data)
            if info is None:
                raise bad_request("IMAGE_PROCESS_FAILED")
            fmt, width, height = info
            if width + height > 10000 or max(width, height) > 20 * max(1, min(width, height)):
                raise bad_request("PHOTO_INVALID_DIMENSIONS")
            ext = "jpg" if fmt == "jpeg" else fmt
        sizes = []
        plan = photo_size_plan(width, height)
        for idx, (w, h) in enumerate(plan):
            record = state.add_file(data, kind="photo", ext=ext)
            size = (len(data) if data else 0) if idx == len(plan) - 1 else max(1, (w * h) // 10)
            sizes.append({"file_id": record.file_id, "file_unique_id": record.file_unique_id,
                          "file_size": size, "width": w, "height": h})
        fields = {"photo": sizes, **caption}
        return self._send(chat, p, "sendPhoto", fields, markup, photo=data)

    def api_sendDocument(self, p: Params) -> Any:
        data, source = self._upload(p, "document")
        caption = self._caption_fields(p)
        chat = self._writable_chat(p, what="documents")
        markup = self._markup(p, chat.type)
        if data is not None and len(data) > DOCUMENT_MAX_BYTES:
            raise bad_request("file is too big")
        name = getattr(source, "filename", None) or getattr(source, "file_name", None) or "document"
        mime = getattr(source, "content_type", None) or mimetypes.guess_type(name)[0] \
            or "application/octet-stream"
        ext = name.rsplit(".", 1)[-1] if "." in name else "bin"
        record = self.state.add_file(data, kind="document", ext=ext, mime_type=mime, file_name=name)
        doc = {"file_name": name, "mime_type": mime, "file_id": record.file_id,
               "file_unique_id": record.file_unique_id, "file_size": len(data or b"")}
        return self._send(chat, p, "sendDocument", {"document": doc, **caption}, markup, document=data)

    def api_sendChatAction(self, p: Params) -> Any:
        action = p.str("action")
        if action not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        chat = self._writable_chat(p)
        self.state.chat_actions.append(
            {"chat_id": chat.id, "action": action, "message_thread_id": p.int("message_thread_id")}
        )
        return True

    def api_copyMessage(self, p: Params) -> Any:
        source_chat = self.state.resolve_chat(p.chat_ref("from_chat_id"))
        if source_chat is None:
            raise bad_request("chat not found")
        source = self.state.find_message(source_chat.id, p.int("message_id", 0))
        if source is None:
            raise bad_request("message to copy not found")
        chat = self._writable_chat(p)
        markup = self._markup(p, chat.type)
        fields = {k: copy.deepcopy(v) for k, v in source.data.items()
                  if k in ("text", "entities", "photo", "document", "caption", "caption_entities")}
        self._send(chat, p, "copyMessage", fields, markup, photo=source.photo, document=source.document)
        return {"message_id": self.state.messages[chat.id][-1].message_id}


__all__ = ["MessagingMethods", "ApiError"]
