"""The pages' Jinja2 environment (autoescaped) and `render`: a page in the reader's language, with an ETag.

Every string a page shows comes from the catalogs (`t`) or the store; the
environment escapes all of it, so stored text can never become markup.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from bot.render.entries import highlight, one_line
from bot.render.i18n import CATALOGS, format_date, plural, t
from bot.web.keys import SETTINGS
from bot.web.pages.keys import DOSSIER
from bot.web.pages.language import PageLanguage, page_language
from bot.web.pages.static_files import StaticFiles

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
PAGE_CACHE = "public, max-age=60"  # a maintainer's edit shows within a minute; the ETag saves the body
TEMPLATES = web.AppKey("page_templates", Environment)
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{3,8}$")  # Telegram's themeParams are #rrggbb
IN_APP = web.RequestKey("in_app", bool)  # served inside the Mini App (under /app, bot/web/miniapp)
APP_PREFIX = "/app"


def make_environment(static: StaticFiles) -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["static_url"] = static.url
    env.filters["highlight"] = highlighted
    env.filters["one_line"] = one_line
    env.tests["safe_url"] = is_safe_url
    env.tests["css_colour"] = lambda value: isinstance(value, str) and bool(COLOUR_RE.match(value))
    return env


def highlighted(text: str, terms: Iterable[str] = ()) -> Markup:
    """`text` escaped, the words whose stems are among `terms` in <mark> (the bot's /search rule)."""
    return Markup(highlight(text, terms, tag="mark"))


def is_safe_url(url: object) -> bool:
    """Only http(s) links are shown as links: a stored `javascript:` URL (or one that does not parse) stays text."""
    try:
        return isinstance(url, str) and urlsplit(url).scheme in ("http", "https")
    except ValueError:  # "http://[oops" and the like
        return False


class Links:
    """URLs of the pages, keeping `?lang=` when the reader chose the language that way."""

    def __init__(self, language: PageLanguage, prefix: str = "") -> None:
        self._lang = language.lang if language.chosen else None
        self._prefix = prefix  # the Mini App's pages link to each other under /app

    def __call__(self, path: str, **params: object) -> str:
        query = {k: v for k, v in params.items() if v is not None and v != ""}
        if self._lang:
            query["lang"] = self._lang
        if self._prefix:  # "/" is the Mini App's start page, /app itself
            path = self._prefix + (path if path != "/" else "")
        return f"{path}?{urlencode(query)}" if query else path

    @staticmethod
    def switched(request: web.Request, lang: str) -> str:
        """This page in `lang`: the same query with another `lang`."""
        query = {k: v for k, v in request.query.items() if k != "lang"}
        query["lang"] = lang
        return f"{request.path}?{urlencode(query)}"


def page_context(request: web.Request) -> dict:
    """What every template gets: the language, its catalog and dates, links, the Mini App flag."""
    language = page_language(request)
    lang = language.lang
    in_app = bool(request.get(IN_APP))
    settings = request.app[SETTINGS]
    meta = request.app[DOSSIER]
    return {
        "site_title": getattr(meta.title, lang),
        "site_description": getattr(meta.description, lang),
        "lang": lang,
        "lang_chosen": language.chosen,  # forms carry it on, as links do
        "month_name": lambda month: CATALOGS[lang].MONTHS_STANDALONE[month - 1],
        "t": lambda key, **values: t(lang, key, **values),
        "plural": lambda key, n: plural(lang, key, n),
        "date": lambda value, precision="day": format_date(lang, value, precision),
        "href": Links(language, APP_PREFIX if in_app else ""),
        "other_lang": language.other,
        "other_lang_url": Links.switched(request, language.other),
        "public_url": settings.public_url,
        "page_url": (settings.public_url or f"{request.scheme}://{request.host}") + request.path_qs,
        "nav": None,  # the section of the menu the page belongs to
        "in_app": in_app,  # the Mini App (bot/web/miniapp): Telegram's script and theme colours
        "theme": {},
    }


def render(request: web.Request, name: str, *, status: int = 200, **values: object) -> web.Response:
    """The template `name` as the response; a 304 when the reader's copy (If-None-Match) is current."""
    context = page_context(request)
    context.update(values)
    body = request.app[TEMPLATES].get_template(name).render(context).encode()
    etag = f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'
    headers = {"ETag": etag, "Cache-Control": PAGE_CACHE, "Vary": "Accept-Language, Accept-Encoding",
               "Content-Language": context["lang"]}
    if status == 200 and etag in request.headers.get("If-None-Match", ""):
        return web.Response(status=304, headers=headers)
    response = web.Response(status=status, body=body, content_type="text/html", charset="utf-8", headers=headers)
    response.enable_compression()
    return response
