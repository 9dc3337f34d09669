"""Command menus per language and scope, registered with setMyCommands at start.

Owners and maintainers get their own menu in their private chat with the bot
(BotCommandScopeChat): the reader commands plus theirs.
"""
from __future__ import annotations

from telegram import Bot, BotCommand, BotCommandScopeAllChatAdministrators, BotCommandScopeAllGroupChats
from telegram import BotCommandScopeAllPrivateChats, BotCommandScopeChat, BotCommandScopeDefault

from bot.briefing.views import TopicView
from bot.render.i18n import CATALOGS, t

READER_COMMANDS = ("start", "help", "timeline", "topics", "onthisday", "search", "latest", "lang")
MAX_DESCRIPTION = 256
MAINTAINER_COMMANDS = ("addevent", "editevent", "delevent", "undo", "editcard", "addtopic", "addarticle", "feeds",
                       "stats", "audit", "cancel")
OWNER_COMMANDS = ("maintainers",)
MAX_COMMANDS = 100  # Telegram's limit per menu


def reader_commands(lang: str, topics: list[TopicView]) -> list[BotCommand]:
    commands = [BotCommand(name, t(lang, f"cmd.{name}")) for name in READER_COMMANDS]
    commands[4:4] = [BotCommand(tv.slug, tv.name[:MAX_DESCRIPTION]) for tv in topics]
    return commands


async def register_menus(bot: Bot, topics_by_lang: dict[str, list[TopicView]], default_language: str) -> None:
    """Reader commands for private chats, groups and chat admins, in each language."""
    scopes = (BotCommandScopeAllPrivateChats(), BotCommandScopeAllGroupChats(), BotCommandScopeAllChatAdministrators())
    for lang in CATALOGS:
        commands = reader_commands(lang, topics_by_lang[lang])
        for scope in scopes:
            await bot.set_my_commands(commands, scope=scope, language_code=lang)
    # Users whose Telegram language is neither get the default language's menu.
    await bot.set_my_commands(reader_commands(default_language, topics_by_lang[default_language]),
                              scope=BotCommandScopeDefault())


def maintainer_commands(lang: str, topics: list[TopicView], *, owner: bool) -> list[BotCommand]:
    names = MAINTAINER_COMMANDS + (OWNER_COMMANDS if owner else ())
    extra = [BotCommand(name, t(lang, f"cmd.{name}")) for name in names]
    readers = reader_commands(lang, topics)
    return readers[:MAX_COMMANDS - len(extra)] + extra


async def set_maintainer_menu(bot: Bot, chat_id: int, topics_by_lang: dict[str, list[TopicView]],
                              default_language: str, *, owner: bool) -> None:
    """The maintainer's (or owner's) menu in their private chat, in each language."""
    scope = BotCommandScopeChat(chat_id)
    for lang in CATALOGS:
        await bot.set_my_commands(maintainer_commands(lang, topics_by_lang[lang], owner=owner), scope=scope,
                                  language_code=lang)
    await bot.set_my_commands(maintainer_commands(default_language, topics_by_lang[default_language], owner=owner),
                              scope=scope)


async def clear_maintainer_menu(bot: Bot, chat_id: int) -> None:
    """Back to the reader menu (a revoked maintainer)."""
    scope = BotCommandScopeChat(chat_id)
    for lang in CATALOGS:
        await bot.delete_my_commands(scope=scope, language_code=lang)
    await bot.delete_my_commands(scope=scope)
