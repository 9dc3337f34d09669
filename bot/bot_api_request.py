"""python-telegram-bot's HTTP layer over aiohttp, with JSON bodies.

PTB's default layer (httpx, every parameter a form field) costs about 1.5 ms of
CPU per Bot API call on this machine; aiohttp with a JSON body about a quarter
of that (bot/delivery/api.py measured the same for the sender). A command's
answer is a call or two that the reader waits on, so the bot uses this layer.
Uploads (the chart) go as multipart/form-data, as with httpx. Errors map to
PTB's as HTTPXRequest maps them: no answer in time -> TimedOut, any other
transport failure -> NetworkError; HTTP statuses are PTB's own business.
"""
from __future__ import annotations

import asyncio
import json

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AiohttpRequest(BaseRequest):
    """One pooled aiohttp session; timeouts in seconds as PTB's (None: wait for ever)."""

    def __init__(self, *, connections: int = 256, read_timeout: float | None = 5.0,
                 write_timeout: float | None = 5.0, connect_timeout: float | None = 5.0,
                 pool_timeout: float | None = 1.0, media_write_timeout: float | None = 20.0) -> None:
        self.connections = connections
        self._read, self._write, self._connect, self._pool = read_timeout, write_timeout, connect_timeout, pool_timeout
        self._media_write = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.connections, ttl_dns_cache=300),
                headers={"User-Agent": self.USER_AGENT}, raise_for_status=False)

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data is not None and request_data.contains_files
        read = self._read if isinstance(read_timeout, DefaultValue) else read_timeout
        write = (self._media_write if files else self._write) if isinstance(write_timeout, DefaultValue) \
            else write_timeout
        connect = self._connect if isinstance(connect_timeout, DefaultValue) else connect_timeout
        pool = self._pool if isinstance(pool_timeout, DefaultValue) else pool_timeout
        kwargs: dict = {"timeout": _timeout(read=read, write=write, connect=connect, pool=pool)}
        if files:
            kwargs["data"] = _form(request_data)
        elif request_data is not None and request_data.parameters:
            # `parameters` are JSON-ready values (PTB has turned objects into dicts already).
            kwargs["data"] = json.dumps(request_data.parameters, ensure_ascii=False).encode()
            kwargs["headers"] = {"Content-Type": "application/json"}
        try:
            async with self._session.request(method, url, **kwargs) as response:
                return response.status, await response.read()
        except asyncio.TimeoutError as exc:  # aiohttp's timeouts are asyncio's
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc


def _timeout(*, read: float | None, write: float | None, connect: float | None,
             pool: float | None) -> aiohttp.ClientTimeout:
    # aiohttp has no write timeout and counts the wait for a pooled connection in `connect`;
    # `total` bounds the whole call by the sum, so an upload that stalls still ends.
    parts = (read, write, connect, pool)
    total = None if any(p is None for p in parts) else sum(parts)
    waiting = None if connect is None or pool is None else connect + pool
    return aiohttp.ClientTimeout(total=total, connect=waiting, sock_connect=connect, sock_read=read)


def _form(request_data: RequestData) -> aiohttp.FormData:
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mime_type) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mime_type)
    return form
