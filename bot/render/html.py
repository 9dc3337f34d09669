"""Telegram HTML: escaping stored text, links, and splitting long messages."""
from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

MAX_MESSAGE = 4096
MAX_CAPTION = 1024
_TAG_RE = re.compile(r"<[^>]+>")
_ENTITY_RE = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def link(text: str, url: str | None) -> str:
    """An <a> link when the URL is a safe http(s) one, else the escaped text."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{esc(url)}">{esc(text)}</a>'
    return esc(text)


def visible_length(markup: str) -> int:
    """Length as Telegram counts it: after entity parsing, in UTF-16 code units."""
    plain = _ENTITY_RE.sub("x", _TAG_RE.sub("", markup))
    return len(plain.encode("utf-16-le")) // 2


def split_message(markup: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split HTML at paragraph boundaries (blank lines) so each part fits `limit`.

    Paragraphs are rendered self-contained (tags open and close within one),
    so cutting between them never breaks markup. A single paragraph too long
    for one message is cut at line, then word boundaries, tags stripped.
    """
    if visible_length(markup) <= limit:  # most replies: one message
        return [markup]
    # A paragraph's tags and entities never span a blank line, so lengths add up: each is measured once.
    parts: list[str] = []
    current, current_length = "", 0
    for paragraph in markup.split("\n\n"):
        length = visible_length(paragraph)
        if current and current_length + 2 + length <= limit:
            current, current_length = f"{current}\n\n{paragraph}", current_length + 2 + length
            continue
        if current:
            parts.append(current)
        if length <= limit:
            current, current_length = paragraph, length
        else:
            pieces = _cut_long(paragraph, limit)
            parts.extend(pieces[:-1])
            current, current_length = pieces[-1], visible_length(pieces[-1])
    if current:
        parts.append(current)
    return parts or [""]


def _cut_long(paragraph: str, limit: int) -> list[str]:
    plain = html.unescape(_TAG_RE.sub("", paragraph))
    pieces, current = [], ""
    for word in re.split(r"(\s+)", plain):
        if len((current + word).encode("utf-16-le")) // 2 > limit and current:
            pieces.append(esc(current.rstrip()))
            current = word.lstrip()
        else:
            current += word
    if current:
        pieces.append(esc(current))
    # A single "word" longer than the limit is cut hard; it cannot be split nicely.
    out = []
    for piece in pieces:
        while visible_length(piece) > limit:
            out.append(esc(html.unescape(piece)[: limit // 2]))
            piece = esc(html.unescape(piece)[limit // 2:])
        out.append(piece)
    return out
