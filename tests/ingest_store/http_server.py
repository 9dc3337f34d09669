"""A local HTTP server for the feed tests (aiohttp on 127.0.0.1, a free port)."""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from bot.ingest.host_policy import HostPolicy
from bot.ingest.http_fetch import FetchLimits

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Fetching refuses loopback addresses unless allow-listed: the tests' servers listen on 127.0.0.1.
LOCAL_HOSTS = HostPolicy.allowing(["127.0.0.1"])
NEVER = 3600.0  # seconds: longer than any test, cut short when the server stops
# Ceilings, not expectations: a local answer comes in milliseconds, but a busy machine may stall the
# event loop for seconds, and a fetch that times out then is a failure the code did not cause.
LIMITS = FetchLimits(max_bytes=256 * 1024, timeout=30.0, total=60.0)
# For the one case meant to time out: the server never answers, so the read always times out.
IMPATIENT = FetchLimits(max_bytes=256 * 1024, timeout=0.2, total=30.0)  # the per-read limit runs out first
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]


class LocalServer:
    """Routes set per test; every request is recorded with its headers."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[Seen] = []
        self._runner: web.AppRunner | None = None
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def seen(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, shutdown_timeout=0.1)  # slow handlers are cut short
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(Seen(request.path, dict(request.headers)))
        handler = self.routes.get(request.path)
        if handler is None:
            return web.Response(status=404, text="not found")
        return await handler(request)

    # Handlers -------------------------------------------------------------

    def content(self, path: str, body: bytes, *, content_type: str = "application/rss+xml",
                etag: str | None = None, last_modified: str | None = None) -> None:
        """`body` at `path`, answering 304 to a matching If-None-Match / If-Modified-Since."""
        async def handler(request: web.Request) -> web.StreamResponse:
            headers = {k: v for k, v in (("ETag", etag), ("Last-Modified", last_modified)) if v}
            if (etag and request.headers.get("If-None-Match") == etag) or (
                    last_modified and request.headers.get("If-Modified-Since") == last_modified):
                return web.Response(status=304, headers=headers)
            return web.Response(body=body, headers=headers, content_type=content_type.split(";")[0])
        self.routes[path] = handler

    def fixture(self, path: str, name: str, **kwargs) -> None:
        self.content(path, (FIXTURES / name).read_bytes(), **kwargs)

    def status(self, path: str, status: int, text: str = "") -> None:
        async def handler(request: web.Request) -> web.StreamResponse:
            return web.Response(status=status, text=text)
        self.routes[path] = handler

    def redirect(self, path: str, target: str, status: int = 301) -> None:
        async def handler(request: web.Request) -> web.StreamResponse:
            return web.Response(status=status, headers={"Location": target})
        self.routes[path] = handler

    def slow(self, path: str, seconds: float) -> None:
        async def handler(request: web.Request) -> web.StreamResponse:
            await asyncio.sleep(seconds)
            return web.Response(text="<rss/>", content_type="application/rss+xml")
        self.routes[path] = handler

    def silent(self, path: str) -> None:
        """Accept the request and never answer (the handler is cut short when the server stops)."""
        self.slow(path, NEVER)

    def endless(self, path: str, chunk: bytes = b"<!-- padding -->" * 4096) -> None:
        """A response without Content-Length that never ends (until the client gives up)."""
        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
            await response.prepare(request)
            try:
                while True:
                    await response.write(chunk)
                    await asyncio.sleep(0)
            except (ConnectionError, asyncio.CancelledError):
                pass
            return response
        self.routes[path] = handler
