"""Rate limiting for the bot's direct replies: Telegram's message limits apply to messages only.

python-telegram-bot's AIORateLimiter counts every call that names a chat against
that chat's limit, so checking an admin's rights (getChat, getChatMember ×2)
would use up a group's 20 messages a minute after a few button presses. Calls
that post or change nothing in a chat pass straight through; 429s on them are
still raised to the caller.
"""
from __future__ import annotations

from typing import Any

from telegram.ext import AIORateLimiter

MESSAGE_METHODS = ("send", "edit", "copy", "forward")  # sendMessage, editMessageText, copyMessage …


class ReplyRateLimiter(AIORateLimiter):
    async def process_request(self, callback, args: Any, kwargs: dict[str, Any], endpoint: str,
                              data: dict[str, Any], rate_limit_args: int | None):
        if not endpoint.startswith(MESSAGE_METHODS):
            return await callback(*args, **kwargs)
        return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
