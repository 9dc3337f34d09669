"""getMe, webhook/session, bot commands, chat info and files (run with the lock held)."""

from __future__ import annotations

import copy
import re
from typing import Any
from urllib.parse import urlsplit

from .errors import ApiError, bad_request
from .membership import change_member
from .methods_edit import EditingMethods
from .models import FakeChat, is_present
from .params import Params

COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
SCOPE_TYPES = frozenset({
    "default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat",
    "chat_administrators", "chat_member",
})
LANGUAGE_RE = re.compile(r"^[a-z]{2}$")
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})  # http:// is allowed only to these (tests)


class ApiMethods(EditingMethods):
    # -- bot & session -------------------------------------------------------
    def api_getMe(self, p: Params) -> Any:
        state = self.state
        me = state.bot.to_dict()
        me.update(
            can_join_groups=state.can_join_groups,
            can_read_all_group_messages=state.can_read_all_group_messages,
            supports_inline_queries=True,
            can_connect_to_business=False,
            has_main_web_app=False,
        )
        return me

    def api_logOut(self, p: Params) -> Any:
        return True

    def api_close(self, p: Params) -> Any:
        return True

    def api_setWebhook(self, p: Params) -> Any:
        url = p.str("url") or ""
        if url:
            parts = urlsplit(url)
            loopback = parts.hostname in LOOPBACK_HOSTS
            if parts.scheme != "https" and not (parts.scheme == "http" and loopback):
                raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = p.str("secret_token")
        if secret is not None and not SECRET_RE.match(secret):
            raise bad_request("bad webhook: secret token contains unallowed characters")
        max_connections = p.int("max_connections", 40) or 40
        if not 1 <= max_connections <= 100:
            raise bad_request("bad webhook: max_connections must be between 1 and 100")
        allowed = p.json("allowed_updates", what="allowed updates")
        if isinstance(allowed, list):
            self.state.allowed_updates = [str(a) for a in allowed]
        self.state.webhook = {"url": url, "secret_token": secret, "max_connections": max_connections,
                              "allowed_updates": allowed}
        if p.bool("drop_pending_updates"):
            self.state.updates.clear()
        self.state.on_update()  # updates waiting for getUpdates now go to the webhook
        return True

    def api_deleteWebhook(self, p: Params) -> Any:
        self.state.webhook = {"url": ""}
        if p.bool("drop_pending_updates"):
            self.state.updates.clear()
        return True

    def api_getWebhookInfo(self, p: Params) -> Any:
        state = self.state
        hook = state.webhook
        info: dict[str, Any] = {
            "url": hook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(state.updates) + state.webhook_pending(),
        }
        if hook.get("url"):
            info["max_connections"] = hook.get("max_connections", 40)
            info["ip_address"] = "127.0.0.1"
            if isinstance(hook.get("allowed_updates"), list):
                info["allowed_updates"] = hook["allowed_updates"]
        for key in ("last_error_date", "last_error_message"):
            if key in hook:
                info[key] = hook[key]
        return info

    # -- commands ------------------------------------------------------------
    def _scope_key(self, p: Params) -> tuple[Any, ...]:
        scope = p.json("scope", what="BotCommandScope") or {"type": "default"}
        if not isinstance(scope, dict) or scope.get("type") not in SCOPE_TYPES:
            raise bad_request("can't parse BotCommandScope: unsupported scope type")
        language = p.str("language_code") or ""
        if language and not LANGUAGE_RE.match(language):
            raise bad_request("invalid language code specified")
        kind = scope["type"]
        chat_id = user_id = None
        if kind in ("chat", "chat_administrators", "chat_member"):
            chat = self.state.resolve_chat(scope.get("chat_id"))
            if chat is None:
                raise bad_request("chat not found")
            if kind != "chat" and chat.type == "private":
                raise bad_request("can't use this scope in private chats")
            chat_id = chat.id
        if kind == "chat_member":
            try:
                user_id = int(scope.get("user_id"))
            except (TypeError, ValueError):
                raise bad_request("user not found") from None
            if user_id not in self.state.users:
                raise bad_request("user not found")
        return (kind, chat_id, user_id, language)

    def api_setMyCommands(self, p: Params) -> Any:
        commands = p.json("commands", [], what="bot commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        cleaned = []
        for item in commands:
            if not isinstance(item, dict) or not isinstance(item.get("command"), str):
                raise bad_request('can\'t parse BotCommand: Field "command" must be of type String')
            if not isinstance(item.get("description"), str):
                raise bad_request('can\'t parse BotCommand: Field "description" must be of type String')
            name, description = item["command"], item["description"]
            if not COMMAND_RE.match(name):
                raise bad_request("BOT_COMMAND_INVALID")
            if not description.strip():
                raise bad_request("command description must be non-empty")
            if len(description) > 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": name, "description": description})
        key = self._scope_key(p)
        if cleaned:
            self.state.commands[key] = cleaned
        else:
            self.state.commands.pop(key, None)
        return True

    def api_getMyCommands(self, p: Params) -> Any:
        return copy.deepcopy(self.state.commands.get(self._scope_key(p), []))

    def api_deleteMyCommands(self, p: Params) -> Any:
        self.state.commands.pop(self._scope_key(p), None)
        return True

    def _bot_text(self, p: Params, kind: str, field: str, limit: int) -> Any:
        value = p.str(field) or ""
        if len(value) > limit:
            raise bad_request(f"bot {kind} is too long")
        language = p.str("language_code") or ""
        if value:
            self.state.bot_texts[(kind, language)] = value
        else:
            self.state.bot_texts.pop((kind, language), None)
        return True

    def api_setMyName(self, p: Params) -> Any:
        return self._bot_text(p, "name", "name", 64)

    def api_setMyDescription(self, p: Params) -> Any:
        return self._bot_text(p, "description", "description", 512)

    def api_setMyShortDescription(self, p: Params) -> Any:
        return self._bot_text(p, "short_description", "short_description", 120)

    def api_getMyName(self, p: Params) -> Any:
        return {"name": self.state.bot_texts.get(("name", p.str("language_code") or ""), self.state.bot.first_name)}

    def api_getMyDescription(self, p: Params) -> Any:
        return {"description": self.state.bot_texts.get(("description", p.str("language_code") or ""), "")}

    def api_getMyShortDescription(self, p: Params) -> Any:
        key = ("short_description", p.str("language_code") or "")
        return {"short_description": self.state.bot_texts.get(key, "")}

    # -- chats ---------------------------------------------------------------
    def _known_chat(self, p: Params, *, public: bool = False) -> FakeChat:
        """A chat the bot has been in; with ``public``, also any chat with a username (Telegram
        resolves public groups and channels for everyone)."""
        chat = self._chat(p)
        if chat.type != "private" and self.state.bot.id not in chat.members and not (public and chat.username):
            raise bad_request("chat not found")
        return chat

    def api_getChat(self, p: Params) -> Any:
        chat = self._known_chat(p, public=True)
        info = chat.to_dict()
        info.update(
            accent_color_id=0,
            max_reaction_count=11,
            accepted_gift_types={"unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False,
                                 "premium_subscription": False, "gifts_from_channels": False},
        )
        if chat.description:
            info["description"] = chat.description
        if chat.type in ("group", "supergroup"):
            info["permissions"] = {"can_send_messages": True, "can_send_photos": True,
                                   "can_invite_users": True, "can_pin_messages": False}
        return info

    def api_getChatMember(self, p: Params) -> Any:
        chat = self._known_chat(p, public=True)
        user_id = p.int("user_id")
        user = self.state.users.get(user_id) if user_id is not None else None
        if user is None:
            raise bad_request("user not found")
        if (chat.type == "channel" and user.id != self.state.bot.id
                and chat.status_of(self.state.bot.id) not in ("creator", "administrator")):
            raise bad_request("member list is inaccessible")  # only a channel's admins see its members
        member = chat.members.get(user.id)
        return copy.deepcopy(member) if member else {"status": "left", "user": user.to_dict()}

    def api_getChatAdministrators(self, p: Params) -> Any:
        chat = self._known_chat(p)
        if chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
        admins = [m for m in chat.members.values() if m["status"] in ("creator", "administrator")]
        admins.sort(key=lambda m: m["status"] != "creator")
        return copy.deepcopy(admins)

    def api_getChatMemberCount(self, p: Params) -> Any:
        chat = self._known_chat(p)
        return sum(1 for m in chat.members.values() if is_present(m))

    def api_leaveChat(self, p: Params) -> Any:
        chat = self._known_chat(p)
        if chat.type == "private":
            raise bad_request("chat member status can't be changed in private chats")
        if not is_present(chat.members.get(self.state.bot.id)):
            raise ApiError(403, f"Forbidden: bot is not a member of the {chat.type} chat")
        change_member(self.state, chat, self.state.bot, "left", by=self.state.bot)
        return True

    def api_setChatMenuButton(self, p: Params) -> Any:
        button = p.json("menu_button", {"type": "default"}, what="menu button")
        if not isinstance(button, dict) or button.get("type") not in ("commands", "web_app", "default"):
            raise bad_request("can't parse MenuButton: unsupported type")
        if p.get("chat_id") is None:
            self.state.default_menu_button = button
        else:
            chat = self._known_chat(p)
            if chat.type != "private":
                raise bad_request("menu button can be set only in private chats")
            chat.menu_button = button
        return True

    def api_getChatMenuButton(self, p: Params) -> Any:
        if p.get("chat_id") is None:
            return copy.deepcopy(self.state.default_menu_button)
        chat = self._known_chat(p)
        return copy.deepcopy(chat.menu_button or self.state.default_menu_button)

    # -- files ---------------------------------------------------------------
    def api_getFile(self, p: Params) -> Any:
        record = self.state.files.get(p.str("file_id") or "")
        if record is None:
            raise bad_request("invalid file_id")
        result: dict[str, Any] = {"file_id": record.file_id, "file_unique_id": record.file_unique_id}
        if record.data is not None:
            result["file_size"] = len(record.data)
            result["file_path"] = record.file_path
        return result
