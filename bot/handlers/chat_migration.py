"""A group upgraded to a supergroup (the migrate_to/migrate_from service messages).

Its settings, schedules and admins' links move to the supergroup at once, instead of at the next
push that Telegram refuses for the old id; a schedule clashing with the supergroup's own is
settled (the one changed last stays) and the admins are told through the outbox.
"""
from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes, MessageHandler, filters

from bot.chat_settings_cache import chat_moved
from bot.delivery.chat_moves import move_group_and_tell
from bot.delivery.lifecycle import wake_sender
from bot.handlers.common import db_session, now


async def group_migrated(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Move the group's settings and schedules to the supergroup; both service messages lead here."""
    message = update.effective_message
    if message.migrate_to_chat_id:
        old_id, new_id = message.chat_id, message.migrate_to_chat_id
    else:
        old_id, new_id = message.migrate_from_chat_id, message.chat_id
    async with db_session(context) as session:
        moved = await move_group_and_tell(session, old_id=old_id, new_id=new_id, now=now(context))
        await session.commit()
    chat_moved(context.bot_data, old_id=old_id, chat=moved.chat)
    if moved.clashes:
        wake_sender(context.bot_data)


def register(app) -> None:
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, group_migrated))
