"""The Mini App's "My pushes" API: GET and POST /app/api/pushes, authenticated by Telegram's init data.

The init data (header X-Telegram-Init-Data) names the user; their private chat with the bot
(chat id = user id) is the chat whose settings are read and written, through the same
services as /settings. Forged or expired init data: 401 in the page's language, nothing read or written; a wrong
value: 400 with the reason in the user's language, nothing written.
"""
from __future__ import annotations

import html
import json
import logging
import re

from aiohttp import web
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing import push_settings, subscriptions
from bot.briefing.chats import get_chat, pick_language, record_chat
from bot.briefing.push_settings import PushSettings
from bot.briefing.topics import list_topics
from bot.chat_settings_cache import remember_chat_settings
from bot.render.i18n import t
from bot.render.settings import next_push_line
from bot.scheduling.push_jobs import reschedule_pushes
from bot.web.init_data import InitDataError, WebAppUser, validate_init_data
from bot.web.keys import ENGINE, PTB_APP, SETTINGS
from bot.web.miniapp.form import FormError, changes_from, parse_form
from bot.web.pages.language import page_language
from storage.db import open_session
from storage.models import Chat

log = logging.getLogger(__name__)
PATH = "/app/api/pushes"
INIT_DATA_HEADER = "X-Telegram-Init-Data"
MAX_BODY = 16 * 1024
NO_STORE = {"Cache-Control": "no-store"}  # one person's settings: no cache keeps them


def add_routes(web_app: web.Application) -> None:
    web_app.router.add_get(PATH, get_pushes)
    web_app.router.add_post(PATH, post_pushes)


def _now(request: web.Request):
    return request.app[PTB_APP].bot_data["clock"]()  # the bot's clock: tests set it


def authenticated(request: web.Request) -> WebAppUser:
    """The user the request's init data was signed for; 401 for anything else."""
    settings = request.app[SETTINGS]
    raw = request.headers.get(INIT_DATA_HEADER, "")
    try:
        return validate_init_data(raw, bot_token=settings.telegram_bot_token or "", now=_now(request))
    except InitDataError as exc:
        log.info("Mini App request refused: init data %s", exc)
        # No user to ask: the page's language (its script sends it as Accept-Language), as the page said it.
        lang = page_language(request).lang
        raise web.HTTPUnauthorized(text=json.dumps({"error": t(lang, "miniapp.unauthorized")}),
                                   content_type="application/json") from None


async def _chat_of(session: AsyncSession, request: web.Request, user: WebAppUser) -> Chat:
    """The user's private chat, recorded now if the Mini App is their first contact."""
    settings = request.app[SETTINGS]
    return await get_chat(session, chat_id=user.id) or await record_chat(
        session, chat_id=user.id, type="private", title=user.first_name or None, username=None,
        language=pick_language(user.language_code, settings.default_language), timezone=settings.default_timezone,
        now=_now(request))


def plain(text: str) -> str:
    """Catalog HTML as text for the page (which sets it with textContent)."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


async def _state(session: AsyncSession, current: PushSettings) -> dict:
    lang = current.language
    topics = await list_topics(session, lang=lang)
    chosen = [tv.slug for tv in topics] if current.topics == (subscriptions.ALL,) else list(current.topics)
    digest, onthisday = current.digest, current.onthisday
    return {
        "language": lang, "timezone": current.timezone,
        "topics": [{"slug": tv.slug, "name": tv.name, "chosen": tv.slug in chosen} for tv in topics],
        "digest": digest.frequency, "day": digest.weekday if digest.weekday is not None else 0,
        "time": digest.time_local, "onthisday": onthisday.frequency != "off", "onthisday_time": onthisday.time_local,
        "next": plain(next_push_line(lang, current)),
    }


async def get_pushes(request: web.Request) -> web.Response:
    """The chat's settings as the form shows them, and when the next push comes."""
    user = authenticated(request)
    async with open_session(request.app[ENGINE]) as session:
        chat = await _chat_of(session, request, user)
        current = await push_settings.load_settings(session, chat=chat, now=_now(request))
        state = await _state(session, current)
        await session.commit()
    return web.json_response(state, headers=NO_STORE)


async def post_pushes(request: web.Request) -> web.Response:
    """Apply the form as one transaction: every value checked first, then all of it or nothing."""
    user = authenticated(request)
    ptb_app = request.app[PTB_APP]
    try:
        body = json.loads(await request.content.read(MAX_BODY + 1) or b"null")
    except (ValueError, RecursionError):  # not JSON, or nested beyond reason: the form's 400 below
        body = None
    async with open_session(request.app[ENGINE]) as session:
        chat = await get_chat(session, chat_id=user.id)
        lang = chat.language if chat else pick_language(user.language_code, request.app[SETTINGS].default_language)
        try:
            form = parse_form(body, [tv.slug for tv in await list_topics(session, lang=lang)])
        except FormError as exc:
            message = plain(t(lang, exc.key, value=html.escape(exc.value)))
            return web.json_response({"error": message, "field": exc.field}, status=400, headers=NO_STORE)
        chat = chat or await _chat_of(session, request, user)
        now = _now(request)
        current = await push_settings.load_settings(session, chat=chat, now=now)
        was_subscribed = current.subscribed
        for change in changes_from(form, current):
            current = await push_settings.apply_change(session, chat=chat, change=change, now=now)
        if current.subscribed and not was_subscribed:  # as /subscribe: what arrives from now on
            await push_settings.restart_pushes(session, chat=chat, now=now)
        state = await _state(session, current)
        await session.commit()
    remember_chat_settings(ptb_app.bot_data, chat)
    await reschedule_pushes(ptb_app)
    return web.json_response(state, headers=NO_STORE)
