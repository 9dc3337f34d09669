"""Keep HTML parsing bounded: markup that carries no text is cut before parsing,
and what remains must fit MAX_PARSE_BYTES.

lxml and trafilatura take about a second per megabyte of markup, on the event
loop's worker threads; a feed of large pages, or one hostile page, would hold
them for long. Scripts (JSON-LD kept: it holds the metadata), styles, inline
SVG and comments are dropped in one linear pass (no backtracking regex over
the whole page), so ordinary pages with heavy inline scripts still fit.
"""
from __future__ import annotations

import re
from typing import AnyStr

MAX_PARSE_BYTES = 2 * 1024 * 1024
PARSE_SECONDS = 20.0  # how long a caller waits for one page's extraction


def _patterns(kind: type) -> tuple[re.Pattern, dict[str, re.Pattern], object]:
    def c(text: str) -> re.Pattern:
        return re.compile(text.encode() if kind is bytes else text, re.I)
    opening = c(r"<(script|style|svg)\b|<!--")
    closing = {tag: c(rf"</{tag}\s*>") for tag in ("script", "style", "svg")}
    return opening, closing, c("application/ld\\+json")


_BY_KIND = {kind: _patterns(kind) for kind in (bytes, str)}


def trim_markup(html: AnyStr) -> AnyStr:
    """`html` without scripts (but JSON-LD), styles, SVG and comments; an unclosed one runs to the end."""
    opening, closing, json_ld = _BY_KIND[type(html)]
    end_comment, gt = ("-->", ">") if isinstance(html, str) else (b"-->", b">")
    kept, pos = [], 0
    while (found := opening.search(html, pos)) is not None:
        kept.append(html[pos:found.start()])
        if found.group(1) is None:  # a comment
            end = html.find(end_comment, found.end())
            pos = len(html) if end < 0 else end + 3
            continue
        tag_end = html.find(gt, found.end())
        if tag_end < 0:
            pos = len(html)
            break
        close = closing[found.group(1).lower() if isinstance(html, str) else found.group(1).decode().lower()]
        end_match = close.search(html, tag_end + 1)
        pos = len(html) if end_match is None else end_match.end()
        if json_ld.search(html, found.start(), tag_end):
            kept.append(html[found.start():pos])
    kept.append(html[pos:])
    return html[:0].join(kept)


def markup_size(html: str | bytes) -> int:
    return len(html) if isinstance(html, bytes) else len(html.encode("utf-8", "surrogatepass"))
