"""Command menus per language and scope, registered with setMyCommands at start.

Owners and maintainers get their own menu in their private chat with the bot
(BotCommandScopeChat): the reader commands plus theirs.
"""
from __future__ import annotations

from telegram import Bot, BotCommand, BotCommandScopeAllChatAdministrators, BotCommandScopeAllGroupChats
from telegram import BotCommandScopeAllPrivateChats, BotCommandScopeChat, BotCommandScopeDefault
from telegram import MenuButtonWebApp, WebAppInfo

from bot.briefing.views import TopicView
from bot.render.i18n import CATALOGS, t
from bot.render.web_links import app_url, opens_mini_app

READER_COMMANDS = ("start", "help", "timeline", "topics", "onthisday", "search", "latest", "lang")
PUSH_COMMANDS = ("subscribe", "settings", "unsubscribe")  # private chats only
# Admins manage chats from their private chat; inside a group its admins can /link it.
PRIVATE_ADMIN_COMMANDS = ("channels", "link", "schedule", "schedules", "preview")
GROUP_ADMIN_COMMANDS = ("link", "schedule", "schedules")
MAX_DESCRIPTION = 256
MAINTAINER_COMMANDS = ("addevent", "editevent", "delevent", "undo", "editcard", "addtopic", "addarticle", "feeds",
                       "announce", "stats", "audit", "cancel")
OWNER_COMMANDS = ("maintainers",)
MAX_COMMANDS = 100  # Telegram's limit per menu


def reader_commands(lang: str, topics: list[TopicView]) -> list[BotCommand]:
    commands = [BotCommand(name, t(lang, f"cmd.{name}")) for name in READER_COMMANDS]
    commands[4:4] = [BotCommand(tv.slug, tv.name[:MAX_DESCRIPTION]) for tv in topics]
    return commands


async def register_menus(bot: Bot, topics_by_lang: dict[str, list[TopicView]], default_language: str) -> None:
    """Reader commands everywhere, in each language; pushes, /channels and /link in private chats,
    /link for group admins."""
    scopes = ((BotCommandScopeAllPrivateChats(), PUSH_COMMANDS + PRIVATE_ADMIN_COMMANDS),
              (BotCommandScopeAllGroupChats(), ()), (BotCommandScopeAllChatAdministrators(), GROUP_ADMIN_COMMANDS))
    for lang in CATALOGS:
        commands = reader_commands(lang, topics_by_lang[lang])
        for scope, extra in scopes:
            admin = [BotCommand(name, t(lang, f"cmd.{name}")) for name in extra]
            await bot.set_my_commands(commands + admin, scope=scope, language_code=lang)
    # Users whose Telegram language is neither get the default language's menu.
    default = reader_commands(default_language, topics_by_lang[default_language])
    pushes = [BotCommand(name, t(default_language, f"cmd.{name}")) for name in PUSH_COMMANDS]
    await bot.set_my_commands(default + pushes, scope=BotCommandScopeDefault())


def maintainer_commands(lang: str, topics: list[TopicView], *, owner: bool) -> list[BotCommand]:
    names = MAINTAINER_COMMANDS + (OWNER_COMMANDS if owner else ())
    # Maintainers are readers and admins too: their own menu replaces the private chats' one.
    extra = [BotCommand(name, t(lang, f"cmd.{name}")) for name in PUSH_COMMANDS + PRIVATE_ADMIN_COMMANDS + names]
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


async def set_mini_app_menu_button(bot: Bot, public_url: str | None, default_language: str) -> None:
    """With PUBLIC_URL (https), the menu button beside the text field opens the Mini App in every private chat."""
    if public_url and opens_mini_app(public_url):
        button = MenuButtonWebApp(t(default_language, "miniapp.menu_button"), WebAppInfo(app_url(public_url)))
        await bot.set_chat_menu_button(menu_button=button)
