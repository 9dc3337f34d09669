"""Bounded HTTP GETs for feeds and article pages (httpx, never blocking the loop).

Bounded in time (httpx's per-operation timeouts and an overall deadline, so a
server dripping bytes cannot hold a poll forever) and in size (the declared
Content-Length, then the bytes actually received, decompressed, while
streaming). Redirects are followed (at most MAX_REDIRECTS). Every failure is a
FetchError with a short reason for people.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from bot.ingest.refusals import Refusal

USER_AGENT = "BriefingBot/0.1 (feed reader)"
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class FetchLimits:
    max_bytes: int = 5 * 1024 * 1024
    timeout: float = 20.0  # seconds per connect / read / write
    total: float = 60.0    # seconds for the whole response


FEED_LIMITS = FetchLimits()
PAGE_LIMITS = FetchLimits(max_bytes=5 * 1024 * 1024, timeout=15.0, total=30.0)


class FetchError(Exception):
    """`reason` in English; `refusal` (bot.ingest.refusals) when the raiser gives one to show translated."""

    def __init__(self, reason: str, *, refusal: Refusal | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.refusal = refusal


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def new_client(limits: FetchLimits = FEED_LIMITS) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=httpx.Timeout(limits.timeout),
        headers={"User-Agent": USER_AGENT},
    )


def check_url(url: str) -> str:
    """The URL stripped; FetchError unless it is an absolute http(s) URL."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(f"not an http(s) URL: {url!r}")
    return url


async def fetch(
    client: httpx.AsyncClient, url: str, *, limits: FetchLimits, headers: dict[str, str] | None = None
) -> Fetched:
    """GET `url` within `limits`; a 304 comes back with an empty body, 4xx/5xx raise."""
    url = check_url(url)
    try:
        async with asyncio.timeout(limits.total):
            return await _get(client, url, limits, headers or {})
    except TimeoutError:
        raise FetchError(f"no complete response within {limits.total:g} s") from None
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out ({type(exc).__name__} after {limits.timeout:g} s)") from None
    except httpx.TooManyRedirects:
        raise FetchError(f"more than {MAX_REDIRECTS} redirects") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__) from None


async def _get(client: httpx.AsyncClient, url: str, limits: FetchLimits, headers: dict[str, str]) -> Fetched:
    timeout = httpx.Timeout(limits.timeout)
    async with client.stream("GET", url, headers=headers, timeout=timeout) as response:
        if response.status_code >= 400:
            raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limits.max_bytes:
            raise FetchError(f"response too large ({int(declared)} bytes; the limit is {limits.max_bytes})")
        chunks, size = [], 0
        if response.status_code != 304:
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > limits.max_bytes:
                    raise FetchError(f"response too large (over {limits.max_bytes} bytes)")
                chunks.append(chunk)
        return Fetched(
            url=str(response.url), status=response.status_code, body=b"".join(chunks),
            etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"),
            content_type=response.headers.get("content-type", ""),
        )
