"""Keep the bot token out of logs: every record's message, arguments and traceback are masked.

python-telegram-bot puts the token in its URLs (`.../bot<token>/getMe`), so a DEBUG line or
a network error's text would otherwise print it.
"""
from __future__ import annotations

import logging
from urllib.parse import quote

MASK = "<TOKEN>"


class TokenMask:
    """Replaces the token (plain or URL-encoded) in a text."""

    def __init__(self, token: str | None) -> None:
        forms = {token, quote(token, safe="")} if token else set()
        # Longest first, so an encoded form is not half-replaced by a shorter one.
        self.forms = sorted((f for f in forms if f), key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for form in self.forms:
            text = text.replace(form, MASK)
        return text


class TokenRedactingFilter(logging.Filter):
    """A handler filter: formats the record's message and traceback now, masked."""

    def __init__(self, token: str | None) -> None:
        super().__init__()
        self.mask = TokenMask(token)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.mask.forms:
            return True
        message = record.getMessage()
        record.msg, record.args = self.mask(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            # The formatter prints exc_text as it is when set, instead of formatting exc_info again.
            record.exc_text = self.mask(record.exc_text)
        if record.stack_info:
            record.stack_info = self.mask(record.stack_info)
        return True


def install_token_filter(token: str | None) -> None:
    """Attach the filter to every handler of the root logger (records from every logger pass there)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, TokenRedactingFilter) for f in handler.filters):
            handler.addFilter(TokenRedactingFilter(token))
