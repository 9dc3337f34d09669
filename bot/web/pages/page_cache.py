"""Rendered public pages kept in memory for a few seconds, so a popular page costs no query.

The pages already tell browsers and proxies they may keep a copy for a minute (PAGE_CACHE), so
keeping one here for less than that shows nothing staler than a reader may already see. Only
responses marked with that public header are kept (never the Mini App's API, a digest or
/metrics); a reader's forced reload (`Cache-Control: no-cache`) renders the page afresh. The
cache is bounded in entries and bytes: hostile query strings can only push older pages out.
"""
from __future__ import annotations

import gzip
import time
from collections import OrderedDict
from dataclasses import dataclass

from aiohttp import web
from multidict import CIMultiDict

from bot.web.pages.language import page_language
from bot.web.pages.templating import PAGE_CACHE

MAX_ENTRIES = 2_000
MAX_BYTES = 32 * 1024 * 1024
KEPT_STATUSES = (200, 404)


@dataclass(frozen=True)
class KeptPage:
    expires: float
    status: int
    body: bytes
    gzipped: bytes  # compressed once when kept: compressing on every answer would cost more than the rest
    headers: CIMultiDict


class PageCache:
    def __init__(self, seconds: float, *, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES,
                 clock=time.monotonic) -> None:
        self.seconds, self.max_entries, self.max_bytes = seconds, max_entries, max_bytes
        self._clock = clock
        self._pages: OrderedDict[tuple, KeptPage] = OrderedDict()
        self._bytes = 0

    def get(self, key: tuple) -> KeptPage | None:
        page = self._pages.get(key)
        if page is None:
            return None
        if page.expires <= self._clock():
            self._drop(key)
            return None
        self._pages.move_to_end(key)
        return page

    def put(self, key: tuple, status: int, body: bytes, headers: CIMultiDict) -> None:
        if len(body) > self.max_bytes // 8:  # one huge page must not empty the cache
            return
        if key in self._pages:
            self._drop(key)
        page = KeptPage(self._clock() + self.seconds, status, body, gzip.compress(body, 6, mtime=0), headers)
        self._pages[key] = page
        self._bytes += _size(page)
        while len(self._pages) > self.max_entries or self._bytes > self.max_bytes:
            self._drop(next(iter(self._pages)))

    def _drop(self, key: tuple) -> None:
        self._bytes -= _size(self._pages.pop(key))

    def __len__(self) -> int:
        return len(self._pages)


def _size(page: KeptPage) -> int:
    return len(page.body) + len(page.gzipped)


PAGES = web.AppKey("page_cache", PageCache)
_PASSED_ON = ("ETag", "Cache-Control", "Vary", "Content-Language", "Content-Type")


def _key(request: web.Request) -> tuple:
    # The language is part of the key: the same path differs by Accept-Language.
    return request.path_qs, page_language(request).lang


def _reply(request: web.Request, page: KeptPage) -> web.Response:
    if page.status == 200 and page.headers.get("ETag", "\0") in request.headers.get("If-None-Match", ""):
        return web.Response(status=304, headers={k: v for k, v in page.headers.items() if k != "Content-Type"})
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        headers = CIMultiDict(page.headers)
        headers["Content-Encoding"] = "gzip"
        return web.Response(status=page.status, body=page.gzipped, headers=headers)
    return web.Response(status=page.status, body=page.body, headers=page.headers)


@web.middleware
async def serve_kept_pages(request: web.Request, handler):
    cache = request.app.get(PAGES)
    if cache is None or request.method != "GET" or not cache.seconds:
        return await handler(request)
    key = _key(request)
    fresh_asked = "no-cache" in request.headers.get("Cache-Control", "")
    page = None if fresh_asked else cache.get(key)
    if page is not None:
        return _reply(request, page)
    response = await handler(request)
    if (isinstance(response, web.Response) and response.status in KEPT_STATUSES
            and response.headers.get("Cache-Control") == PAGE_CACHE and isinstance(response.body, bytes)):
        headers = CIMultiDict((k, v) for k, v in response.headers.items() if k in _PASSED_ON)
        cache.put(key, response.status, response.body, headers)
    return response
