"""A response body decompressed in bounded steps, refused once it passes the cap.

httpx inflates each received chunk whole, so a few kilobytes of gzip can
become hundreds of megabytes in memory before any size check sees them. Here
the raw bytes are inflated with `max_length`, so no step produces more than
the bytes still allowed, and the body is refused as soon as it passes the cap.
"""
from __future__ import annotations

import zlib
from collections.abc import AsyncIterator

ACCEPT_ENCODING = "gzip, deflate"  # what this module can inflate
AUTO_HEADER = zlib.MAX_WBITS | 32  # a gzip or zlib header, whichever comes


class BodyTooLarge(Exception):
    pass


class UnsupportedEncoding(Exception):
    pass


class _Inflater:
    """One content coding's inflater; deflate without a zlib header is tried raw, as browsers do."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self.engine = zlib.decompressobj(AUTO_HEADER)
        self.started = False

    def inflate(self, data: bytes, limit: int) -> bytes:
        """Up to `limit` + 1 bytes of output for `data` (more means over the cap)."""
        try:
            out = self.engine.decompress(data, limit + 1)
        except zlib.error:
            if self.coding != "deflate" or self.started:
                raise
            self.engine = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self.engine.decompress(data, limit + 1)
        self.started = True
        if self.engine.unconsumed_tail:
            raise BodyTooLarge  # more output waits than the cap leaves room for
        return out

    def finish(self) -> None:
        if self.started and not self.engine.eof:
            raise zlib.error("the compressed stream ends early")


def _inflaters(content_encoding: str) -> list[_Inflater]:
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    unknown = [c for c in codings if c not in ("gzip", "x-gzip", "deflate")]
    if unknown:
        raise UnsupportedEncoding(", ".join(unknown))
    return [_Inflater(c) for c in reversed(codings)]  # the last coding applied is undone first


async def read_bounded(raw: AsyncIterator[bytes], *, content_encoding: str, max_bytes: int) -> bytes:
    """The decoded body of `raw` (BodyTooLarge past `max_bytes`, zlib.error if corrupt)."""
    inflaters = _inflaters(content_encoding)
    parts: list[bytes] = []
    size = 0
    async for chunk in raw:
        for inflater in inflaters:
            chunk = inflater.inflate(chunk, max_bytes - size if inflater is inflaters[-1] else max_bytes)
        size += len(chunk)
        if size > max_bytes:
            raise BodyTooLarge
        parts.append(chunk)
    for inflater in inflaters:
        inflater.finish()
    return b"".join(parts)
