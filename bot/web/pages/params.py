"""Query parameters read leniently: a value that is not valid counts as absent, never as an error."""
from __future__ import annotations

from aiohttp import web

MAX_PAGE = 100_000  # far past any real page; keeps the OFFSET a small number whatever is asked


def int_param(request: web.Request, name: str, *, low: int, high: int) -> int | None:
    """The parameter as a whole number within [low, high], else None."""
    raw = request.query.get(name, "").strip()
    if not raw or len(raw) > 12 or not raw.isascii() or not raw.lstrip("-").isdigit():
        return None
    value = int(raw)
    return value if low <= value <= high else None


def page_index(request: web.Request) -> int:
    """The zero-based page of `?page=` (1-based for readers); beyond the last, the service clamps it."""
    raw = request.query.get("page", "").strip()
    if raw.isascii() and raw.isdigit() and len(raw) > 6:
        return MAX_PAGE - 1  # a huge number: the last page, as any page past the end
    page = int_param(request, "page", low=1, high=MAX_PAGE)
    return (page or 1) - 1


def text_param(request: web.Request, name: str, *, limit: int) -> str:
    return request.query.get(name, "")[:limit]
