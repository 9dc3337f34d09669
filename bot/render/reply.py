"""A rendered reply: HTML text and inline buttons, independent of the Telegram library."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Button:
    text: str
    callback: str | None = None
    url: str | None = None
    switch_inline: str | None = None  # opens inline mode in a chat of the user's choice
    web_app: str | None = None  # opens this https URL as the Mini App (private chats only, Telegram's rule)


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[tuple[Button, ...], ...] = field(default_factory=tuple)
