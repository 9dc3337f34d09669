"""Reply buttons as python-telegram-bot inline keyboards."""
from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

from bot.render.reply import Button


def to_markup(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup([[_button(b) for b in row] for row in rows if row])


def _button(button: Button) -> InlineKeyboardButton:
    if button.web_app:
        return InlineKeyboardButton(button.text, web_app=WebAppInfo(button.web_app))
    if button.url:
        return InlineKeyboardButton(button.text, url=button.url)
    if button.switch_inline is not None:
        return InlineKeyboardButton(button.text, switch_inline_query=button.switch_inline)
    return InlineKeyboardButton(button.text, callback_data=button.callback)
