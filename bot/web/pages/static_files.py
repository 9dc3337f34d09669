"""Static files under versioned names (/static/site.<hash>.css): cached for a year, renamed when changed.

The files are few and small, so they are read once at start and served from memory.
"""
from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
PREFIX = "/static/"
FOREVER = "public, max-age=31536000, immutable"  # the name changes with the content


@dataclass(frozen=True)
class StaticFile:
    body: bytes
    content_type: str
    etag: str


class StaticFiles:
    def __init__(self, folder: Path = STATIC_DIR) -> None:
        self._urls: dict[str, str] = {}  # plain name -> versioned URL
        self._files: dict[str, StaticFile] = {}  # versioned name -> file
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            body = path.read_bytes()
            digest = hashlib.sha256(body).hexdigest()[:12]
            versioned = f"{path.stem}.{digest}{path.suffix}"
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if content_type.startswith("text/") or content_type.endswith(("javascript", "svg+xml")):
                content_type += "; charset=utf-8"
            self._urls[path.name] = PREFIX + versioned
            self._files[versioned] = StaticFile(body, content_type, f'"{digest}"')

    def url(self, name: str) -> str:
        """The versioned URL of the static file `name` (KeyError for a file that is not there)."""
        return self._urls[name]

    async def serve(self, request: web.Request) -> web.Response:
        found = self._files.get(request.match_info["name"])
        if found is None:
            raise web.HTTPNotFound(text="no such file\n")
        headers = {"Cache-Control": FOREVER, "ETag": found.etag}
        if found.etag in request.headers.get("If-None-Match", ""):
            return web.Response(status=304, headers=headers)
        response = web.Response(body=found.body, headers={**headers, "Content-Type": found.content_type})
        response.enable_compression()
        return response
