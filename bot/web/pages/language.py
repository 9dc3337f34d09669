"""The page's language: `?lang=`, then the browser's Accept-Language, then DEFAULT_LANGUAGE."""
from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from bot.web.keys import SETTINGS

LANGUAGES = ("ru", "en")
# A page's own language (a digest's), taken before Accept-Language.
OWN_LANGUAGE = web.RequestKey("page_language", str)
MAX_ACCEPT_ITEMS = 20  # a header longer than this is not read further


@dataclass(frozen=True)
class PageLanguage:
    lang: str
    chosen: bool  # asked for with ?lang=, so the page's links keep it

    @property
    def other(self) -> str:
        return "en" if self.lang == "ru" else "ru"


def page_language(request: web.Request) -> PageLanguage:
    asked = request.query.get("lang", "").strip().lower()
    if asked in LANGUAGES:
        return PageLanguage(asked, True)
    if request.get(OWN_LANGUAGE) in LANGUAGES:
        return PageLanguage(request[OWN_LANGUAGE], False)
    preferred = from_accept_language(request.headers.get("Accept-Language", ""))
    return PageLanguage(preferred or request.app[SETTINGS].default_language, False)


def from_accept_language(header: str) -> str | None:
    """The supported language the header likes best ("en-GB" counts as en); None if it names neither."""
    best, best_q = None, 0.0
    for position, item in enumerate(header.split(",")[:MAX_ACCEPT_ITEMS]):
        tag, _, params = item.strip().partition(";")
        code = tag.strip().split("-")[0].lower()
        if code not in LANGUAGES:
            continue
        q = _quality(params)
        if q > best_q:  # the earlier one wins a tie
            best, best_q = code, q
    return best


def _quality(params: str) -> float:
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                q = float(value)
            except ValueError:
                return 0.0
            return q if 0.0 <= q <= 1.0 else 0.0
    return 1.0
