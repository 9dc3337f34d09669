"""What the web application holds, under typed keys."""
from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.briefing.search_cache import SearchCache
from bot.config import Settings

PTB_APP: web.AppKey[Any] = web.AppKey("ptb_app", object)  # the telegram.ext.Application
SETTINGS = web.AppKey("settings", Settings)
ENGINE = web.AppKey("engine", AsyncEngine)
SEARCH_CACHE = web.AppKey("search_cache", SearchCache)  # the bot's own, when the pages run beside it
