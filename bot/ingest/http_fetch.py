"""Bounded HTTP GETs for feeds and article pages (httpx, never blocking the loop).

Bounded in time (httpx's per-operation timeouts and an overall deadline, so a
server dripping bytes cannot hold a poll forever), in size (the declared
Content-Length, then the bytes received, inflated in bounded steps:
`bounded_body`) and in reach: the client connects only to hosts its
HostPolicy allows (`guarded_transport`), and redirects are followed here, at
most MAX_REDIRECTS, each to an http(s) URL whose host passes the same check.
Every failure is a FetchError: `reason` in detail for logs and the operator's
CLI, `kind` for chat replies, which name no host, address or port.
"""
from __future__ import annotations

import asyncio
import zlib
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

import httpx

from bot.ingest.bounded_body import ACCEPT_ENCODING, BodyTooLarge, UnsupportedEncoding, read_bounded
from bot.ingest.guarded_transport import guarded_transport
from bot.ingest.host_policy import STRICT, BlockedAddress, HostPolicy

USER_AGENT = "BriefingBot/0.1 (feed reader)"
MAX_REDIRECTS = 5
REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchLimits:
    max_bytes: int = 5 * 1024 * 1024
    timeout: float = 20.0  # seconds per connect / read / write
    total: float = 60.0    # seconds for the whole response


FEED_LIMITS = FetchLimits()
PAGE_LIMITS = FetchLimits(max_bytes=5 * 1024 * 1024, timeout=15.0, total=30.0)


class FetchError(Exception):
    def __init__(self, reason: str, kind: Literal["blocked", "failed"] = "failed") -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind  # "blocked": the address is not allowed; else it could not be fetched


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


def new_client(limits: FetchLimits = FEED_LIMITS, *, hosts: HostPolicy = STRICT) -> httpx.AsyncClient:
    """A client for `fetch`: public hosts only, unless `hosts` allows more."""
    return httpx.AsyncClient(
        transport=guarded_transport(hosts), follow_redirects=False, timeout=httpx.Timeout(limits.timeout),
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
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
            for _ in range(MAX_REDIRECTS + 1):
                fetched = await _get(client, url, limits, headers or {})
                if isinstance(fetched, Fetched):
                    return fetched
                url = fetched
            raise FetchError(f"more than {MAX_REDIRECTS} redirects")
    except BlockedAddress as exc:
        raise FetchError(f"address not allowed: {exc}", kind="blocked") from None
    except TimeoutError:
        raise FetchError(f"no complete response within {limits.total:g} s") from None
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out ({type(exc).__name__} after {limits.timeout:g} s)") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__) from None


async def _get(client: httpx.AsyncClient, url: str, limits: FetchLimits,
               headers: dict[str, str]) -> Fetched | str:
    """The response, or the next URL to ask when it is a redirect."""
    timeout = httpx.Timeout(limits.timeout)
    async with client.stream("GET", url, headers=headers, timeout=timeout) as response:
        if response.status_code in REDIRECTS and "location" in response.headers:
            try:
                return check_url(str(response.url.join(response.headers["location"])))
            except (FetchError, httpx.InvalidURL):
                raise FetchError("redirect to a URL that is not http(s)") from None
        if response.status_code >= 400:
            raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limits.max_bytes:
            raise FetchError(f"response too large ({int(declared)} bytes; the limit is {limits.max_bytes})")
        body = b""
        if response.status_code != 304:
            body = await _body(response, limits.max_bytes)
        return Fetched(
            url=str(response.url), status=response.status_code, body=body,
            etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"),
            content_type=response.headers.get("content-type", ""),
        )


async def _body(response: httpx.Response, max_bytes: int) -> bytes:
    try:
        return await read_bounded(response.aiter_raw(), max_bytes=max_bytes,
                                  content_encoding=response.headers.get("content-encoding", ""))
    except BodyTooLarge:
        raise FetchError(f"response too large (over {max_bytes} bytes)") from None
    except UnsupportedEncoding as exc:
        raise FetchError(f"unsupported content encoding: {exc}") from None
    except zlib.error:
        raise FetchError("corrupt compressed response") from None
