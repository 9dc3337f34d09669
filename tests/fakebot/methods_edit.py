"""Edits, deletions, callback-query and inline-query answers (run with the lock held)."""

from __future__ import annotations

import copy
import time
from typing import Any

from .errors import bad_request
from .markup import validate_reply_markup
from .methods_send import MessagingMethods
from .models import FakeChat, StoredMessage
from .params import Params

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
INLINE_RESULT_TYPES = frozenset({
    "article", "photo", "gif", "mpeg4_gif", "video", "audio", "voice", "document", "location",
    "venue", "contact", "game", "sticker",
})


class EditingMethods(MessagingMethods):
    def _editable(self, p: Params) -> tuple[FakeChat, StoredMessage]:
        if p.get("inline_message_id") is not None:
            raise bad_request("message to edit not found")
        chat = self._writable_chat(p)
        message_id = p.int("message_id")
        if message_id is None:
            raise bad_request("message identifier is not specified")
        msg = self.state.find_message(chat.id, message_id)
        if msg is None:
            raise bad_request("message to edit not found")
        if not msg.from_bot:
            raise bad_request("message can't be edited")
        return chat, msg

    def _apply_edit(self, msg: StoredMessage, fields: dict[str, Any], drop: tuple[str, ...],
                    markup: dict[str, Any] | None) -> dict[str, Any]:
        new = copy.deepcopy(msg.data)
        for key in drop:
            new.pop(key, None)
        new.update(fields)
        new.pop("reply_markup", None)
        if markup and markup.get("inline_keyboard"):
            new["reply_markup"] = copy.deepcopy(markup)
        comparable = ("text", "entities", "caption", "caption_entities", "reply_markup")
        if all(new.get(k) == msg.data.get(k) for k in comparable):
            raise bad_request(NOT_MODIFIED)
        msg.edits.append(copy.deepcopy(msg.data))
        new["edit_date"] = int(time.time())
        msg.data = new
        return msg.to_dict()

    def api_editMessageText(self, p: Params) -> Any:
        text = p.str("text")
        if text is None:
            raise bad_request("message text is empty")
        plain, ents = self._format(text, p.str("parse_mode"), p.json("entities"))
        chat, msg = self._editable(p)
        markup = validate_reply_markup(p.get("reply_markup"), chat_type=chat.type, inline_only=True)
        if "text" not in msg.data:
            raise bad_request("there is no text in the message to edit")
        fields: dict[str, Any] = {"text": plain}
        if ents:
            fields["entities"] = ents
        return self._apply_edit(msg, fields, ("entities",), markup)

    def api_editMessageCaption(self, p: Params) -> Any:
        fields = self._caption_fields(p)
        chat, msg = self._editable(p)
        markup = validate_reply_markup(p.get("reply_markup"), chat_type=chat.type, inline_only=True)
        if "text" in msg.data:
            raise bad_request("there is no caption in the message to edit")
        return self._apply_edit(msg, fields, ("caption", "caption_entities"), markup)

    def api_editMessageReplyMarkup(self, p: Params) -> Any:
        chat, msg = self._editable(p)
        markup = validate_reply_markup(p.get("reply_markup"), chat_type=chat.type, inline_only=True)
        return self._apply_edit(msg, {}, (), markup)

    def _deletable(self, chat: FakeChat, message_id: int) -> StoredMessage:
        msg = self.state.find_message(chat.id, message_id)
        if msg is None:
            raise bad_request("message to delete not found")
        if chat.type != "private" and not msg.from_bot:
            member = chat.members.get(self.state.bot.id) or {}
            if not (member.get("status") == "creator" or member.get("can_delete_messages")):
                raise bad_request("message can't be deleted")
        return msg

    def api_deleteMessage(self, p: Params) -> Any:
        chat = self._chat(p)
        message_id = p.int("message_id")
        if message_id is None:
            raise bad_request("message identifier is not specified")
        self._deletable(chat, message_id).deleted = True
        return True

    def api_deleteMessages(self, p: Params) -> Any:
        chat = self._chat(p)
        ids = p.json("message_ids", [])
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise bad_request("message_ids must be a non-empty list of at most 100 identifiers")
        found = [m for m in (self.state.find_message(chat.id, int(i)) for i in ids) if m]
        if not found:
            raise bad_request("message to delete not found")
        for msg in found:
            msg.deleted = True
        return True

    def api_answerCallbackQuery(self, p: Params) -> Any:
        state = self.state
        record = state.callback_queries.get(p.str("callback_query_id") or "")
        ttl = state.callback_query_ttl
        if record is None or record.answered or (ttl is not None and time.monotonic() - record.created > ttl):
            raise bad_request(QUERY_TOO_OLD)
        text = p.str("text")
        if text is not None and len(text) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        record.answered = True
        record.answer = {
            "text": text,
            "show_alert": p.bool("show_alert"),
            "url": p.str("url"),
            "cache_time": p.int("cache_time", 0),
        }
        return True

    def _check_inline_content(self, content: Any) -> dict[str, Any]:
        if not isinstance(content, dict):
            raise bad_request("can't parse InputMessageContent: must be an Object")
        if "message_text" not in content:
            return dict(content)
        if not isinstance(content["message_text"], str):
            raise bad_request('can\'t parse InputTextMessageContent: Field "message_text" must be of type String')
        try:
            plain, ents = self._format(content["message_text"], content.get("parse_mode"), content.get("entities"))
        except Exception as exc:  # re-word the text-length errors like inline answers do
            description = str(exc)
            if "message text is empty" in description:
                raise bad_request("MESSAGE_EMPTY") from None
            if "message is too long" in description:
                raise bad_request("MESSAGE_TOO_LONG") from None
            raise
        return {**content, "parsed_text": plain, "parsed_entities": ents}

    def api_answerInlineQuery(self, p: Params) -> Any:
        state = self.state
        record = state.inline_queries.get(p.str("inline_query_id") or "")
        ttl = state.inline_query_ttl
        if record is None or record.answered or (ttl is not None and time.monotonic() - record.created > ttl):
            raise bad_request(QUERY_TOO_OLD)
        results = p.json("results", what="inline query results")
        if not isinstance(results, list):
            raise bad_request("can't parse inline query results JSON object")
        if len(results) > 50:
            raise bad_request("RESULTS_TOO_MUCH")
        seen: set[str] = set()
        checked = []
        for result in results:
            if not isinstance(result, dict):
                raise bad_request("can't parse InlineQueryResult: must be an Object")
            result_id = result.get("id")
            if not isinstance(result_id, str) or not 1 <= len(result_id.encode("utf-8")) <= 64:
                raise bad_request("RESULT_ID_INVALID")
            if result_id in seen:
                raise bad_request("RESULT_ID_DUPLICATE")
            seen.add(result_id)
            if result.get("type") not in INLINE_RESULT_TYPES:
                raise bad_request("RESULT_TYPE_INVALID")
            if result["type"] == "article":
                if not isinstance(result.get("title"), str) or not result["title"]:
                    raise bad_request('can\'t parse InlineQueryResultArticle: Field "title" must be of type String')
                if "input_message_content" not in result:
                    raise bad_request("can't parse InlineQueryResultArticle: Field "
                                      '"input_message_content" must be of type Object')
            item = dict(result)
            if "input_message_content" in result:
                item["input_message_content"] = self._check_inline_content(result["input_message_content"])
            if result.get("reply_markup") is not None:
                validate_reply_markup(result["reply_markup"], inline_only=True)
            checked.append(item)
        next_offset = p.str("next_offset") or ""
        if len(next_offset.encode("utf-8")) > 64:
            raise bad_request("NEXT_OFFSET_INVALID")
        record.answered = True
        record.answer = {
            "results": checked,
            "cache_time": p.int("cache_time", 300),
            "is_personal": p.bool("is_personal"),
            "next_offset": next_offset,
            "button": p.json("button"),
        }
        return True
