"""Command menus per language and scope, registered with setMyCommands at start."""
from __future__ import annotations

from telegram import Bot, BotCommand, BotCommandScopeAllChatAdministrators, BotCommandScopeAllGroupChats
from telegram import BotCommandScopeAllPrivateChats, BotCommandScopeDefault

from bot.briefing.views import TopicView
from bot.render.i18n import CATALOGS, t

READER_COMMANDS = ("start", "help", "timeline", "topics", "onthisday", "search", "latest", "lang")
PUSH_COMMANDS = ("subscribe", "settings", "unsubscribe")  # private chats only
MAX_DESCRIPTION = 256


def reader_commands(lang: str, topics: list[TopicView], *, private: bool = False) -> list[BotCommand]:
    commands = [BotCommand(name, t(lang, f"cmd.{name}")) for name in READER_COMMANDS]
    commands[4:4] = [BotCommand(tv.slug, tv.name[:MAX_DESCRIPTION]) for tv in topics]
    if private:
        commands[-1:-1] = [BotCommand(name, t(lang, f"cmd.{name}")) for name in PUSH_COMMANDS]
    return commands


async def register_menus(bot: Bot, topics_by_lang: dict[str, list[TopicView]], default_language: str) -> None:
    """Reader commands for private chats, groups and chat admins, in each language."""
    scopes = ((BotCommandScopeAllPrivateChats(), True), (BotCommandScopeAllGroupChats(), False),
              (BotCommandScopeAllChatAdministrators(), False))
    for lang in CATALOGS:
        for scope, private in scopes:
            await bot.set_my_commands(reader_commands(lang, topics_by_lang[lang], private=private), scope=scope,
                                      language_code=lang)
    # Users whose Telegram language is neither get the default language's menu.
    await bot.set_my_commands(reader_commands(default_language, topics_by_lang[default_language], private=True),
                              scope=BotCommandScopeDefault())
