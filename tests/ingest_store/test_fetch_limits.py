"""Response bodies are inflated in bounded steps: a gzip bomb is refused with memory staying small."""
from __future__ import annotations

import gzip
import tracemalloc
import zlib

import pytest
from aiohttp import web

from bot.ingest.http_fetch import FetchError, FetchLimits, fetch, new_client
from tests.ingest_store.http_server import LOCAL_HOSTS

LIMITS = FetchLimits(max_bytes=5 * 1024 * 1024, timeout=5.0, total=20.0)
BOMB_BYTES = 50 * 1024 * 1024


def gzip_of_zeros(size: int) -> bytes:
    """`size` zero bytes, gzipped, made a megabyte at a time (the bomb is ~50 KB)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1024 * 1024)
    return b"".join([*(packer.compress(block) for _ in range(size // len(block))), packer.flush()])


def encoded(server, path: str, body: bytes, encoding: str) -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(body=body, headers={"Content-Encoding": encoding, "Content-Type": "text/html"})
    server.routes[path] = handler


async def test_a_gzip_bomb_is_refused_without_inflating_it(server):
    bomb = gzip_of_zeros(BOMB_BYTES)
    assert len(bomb) < 100 * 1024
    encoded(server, "/bomb", bomb, "gzip")
    tracemalloc.start()
    try:
        async with new_client(LIMITS, hosts=LOCAL_HOSTS) as client:
            with pytest.raises(FetchError, match="too large"):
                await fetch(client, server.url("/bomb"), limits=LIMITS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * LIMITS.max_bytes  # the cap and a step, never the 50 MB


async def test_compressed_pages_are_read(server):
    page = "<html><body><p>Баку и Вашингтон: хартия.</p></body></html>".encode() * 100
    deflater = zlib.compressobj(wbits=-zlib.MAX_WBITS)  # "deflate" as some servers send it: no zlib header
    encoded(server, "/gzip", gzip.compress(page), "gzip")
    encoded(server, "/zlib", zlib.compress(page), "deflate")
    encoded(server, "/raw", deflater.compress(page) + deflater.flush(), "deflate")
    encoded(server, "/br", page, "br")
    encoded(server, "/broken", gzip.compress(page)[:40] + b"garbage", "gzip")
    async with new_client(LIMITS, hosts=LOCAL_HOSTS) as client:
        for path in ("/gzip", "/zlib", "/raw"):
            assert (await fetch(client, server.url(path), limits=LIMITS)).body == page
        with pytest.raises(FetchError, match="unsupported content encoding: br"):
            await fetch(client, server.url("/br"), limits=LIMITS)
        with pytest.raises(FetchError, match="corrupt compressed response"):
            await fetch(client, server.url("/broken"), limits=LIMITS)
    assert server.seen("/gzip")[0].headers["Accept-Encoding"] == "gzip, deflate"


async def test_a_page_just_under_the_cap_is_read_whole(server):
    page = b"<p>" + b"x" * (LIMITS.max_bytes - 10) + b"</p>"
    encoded(server, "/big", gzip.compress(page), "gzip")
    async with new_client(LIMITS, hosts=LOCAL_HOSTS) as client:
        assert (await fetch(client, server.url("/big"), limits=LIMITS)).body == page
