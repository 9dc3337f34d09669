"""Formatted text: parse_mode handling, trimming, auto-detected entities, HTML rendering."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any, Callable

from .errors import bad_request
from .html_entities import HtmlParseError, parse_html, sort_entities, utf16_len

# entity types Telegram detects by itself; they are not rendered back as HTML tags
AUTO_TYPES = frozenset(
    {"mention", "hashtag", "cashtag", "bot_command", "url", "email", "phone_number",
     "bank_card_number"}
)
_BLOCKING = frozenset({"code", "pre", "text_link", "text_mention", "custom_emoji"})
_TLDS = "com|org|net|ru|io|me|info|dev|app|edu|gov|uk|de|fr|eu|co|tv|su|ua|by|kz|xyz|ai|рф"

# Each kind with a character its match must contain (a text without any skips that pattern's scan: the six
# scans were most of the fake's time on a 4,000-character reply) and its pattern. A url has a dot, or "://"
# (tg://user?id=1).
_AUTO_PATTERNS: list[tuple[str, tuple[str, ...], re.Pattern[str]]] = [
    ("email", ("@",), re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")),
    ("url", (".", "://"), re.compile(
        r"(?<![\w@/.])(?:(?:https?|tg)://[^\s<>\"]+|(?:www\.)?(?:[A-Za-z0-9-]+\.)+(?:" + _TLDS
        + r")\b(?::\d+)?(?:/[^\s<>\"]*)?)", re.IGNORECASE)),
    ("bot_command", ("/",), re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])")),
    ("mention", ("@",), re.compile(r"(?<![\w@])@[A-Za-z0-9_]{5,32}(?!\w)")),
    ("hashtag", ("#",), re.compile(r"(?<![\w#])#\w*[^\W\d_]\w*")),
    ("cashtag", ("$",), re.compile(r"(?<![\w$])\$[A-Z]{3,8}(?![\w])")),
]
_TRAILING_PUNCT = ".,;:!?)]'\""


def _u16_index(text: str) -> Sequence[int]:
    """Prefix table: UTF-16 offset of every code point index (plus the end)."""
    if utf16_len(text) == len(text):  # no astral characters: every code point is one UTF-16 unit
        return range(len(text) + 1)
    table = [0] * (len(text) + 1)
    acc = 0
    for idx, ch in enumerate(text):
        table[idx] = acc
        acc += 2 if ord(ch) > 0xFFFF else 1
    table[len(text)] = acc
    return table


def find_auto_entities(text: str, existing: list[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """Entities Telegram finds by itself (urls, @mentions, /commands, #hashtags, e-mails)."""
    u16 = _u16_index(text)
    taken: list[tuple[int, int]] = [
        (e["offset"], e["offset"] + e["length"]) for e in existing if e["type"] in _BLOCKING
    ]
    found: list[dict[str, Any]] = []
    for kind, marks, pattern in _AUTO_PATTERNS:
        if not any(mark in text for mark in marks):
            continue
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            if kind == "url":
                while end > start and text[end - 1] in _TRAILING_PUNCT:
                    end -= 1
            a, b = u16[start], u16[end]
            if b <= a or any(a < y and x < b for x, y in taken):
                continue
            taken.append((a, b))
            found.append({"type": kind, "offset": a, "length": b - a})
    return found


def trim_formatted(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip leading/trailing whitespace as Telegram does, clipping entities."""
    stripped_left = text.lstrip(" \t\r\n\v\f")
    left = utf16_len(text[: len(text) - len(stripped_left)])
    new_text = stripped_left.rstrip(" \t\r\n\v\f")
    total = utf16_len(new_text)
    result = []
    for entity in entities:
        start = max(entity["offset"] - left, 0)
        end = min(entity["offset"] + entity["length"] - left, total)
        if end > start:
            result.append({**entity, "offset": start, "length": end - start})
    return new_text, result


def format_text(
    text: str,
    parse_mode: str | None,
    explicit_entities: list[dict[str, Any]] | None,
    *,
    strict_html: bool = True,
    user_lookup: Callable[[int], dict[str, Any] | None] | None = None,
    auto_entities: bool = True,
) -> tuple[str, list[dict[str, Any]]]:
    """Apply parse_mode / entities like the Bot API does; raises ApiError(400)."""
    if parse_mode:
        mode = parse_mode.strip().lower()
        if mode == "html":
            try:
                plain, entities = parse_html(text, strict=strict_html, user_lookup=user_lookup)
            except HtmlParseError as exc:
                raise bad_request(f"can't parse entities: {exc}") from None
        elif mode in {"markdown", "markdownv2"}:
            raise bad_request(
                f"unsupported parse_mode {parse_mode!r}: the fake Bot API implements HTML only"
            )
        else:
            raise bad_request("unsupported parse_mode")
    else:
        plain = text
        entities = [dict(e) for e in (explicit_entities or []) if isinstance(e, dict)]
        total = utf16_len(plain)
        for entity in entities:
            if not isinstance(entity.get("type"), str) or not isinstance(entity.get("offset"), int) \
                    or not isinstance(entity.get("length"), int):
                raise bad_request("can't parse entities JSON object")
        entities = [
            e for e in entities if e["length"] > 0 and 0 <= e["offset"] < total
            and e["type"] not in AUTO_TYPES
        ]
    plain, entities = trim_formatted(plain, entities)
    if auto_entities:
        entities = entities + find_auto_entities(plain, entities)
    return plain, sort_entities(entities)


def _open_tag(entity: dict[str, Any]) -> str:
    kind = entity["type"]
    if kind == "text_link":
        return f'<a href="{html.escape(entity.get("url", ""), quote=True)}">'
    if kind == "text_mention":
        return f'<a href="tg://user?id={entity.get("user", {}).get("id", 0)}">'
    if kind == "pre":
        lang = entity.get("language")
        return f'<pre><code class="language-{html.escape(lang)}">' if lang else "<pre>"
    if kind == "custom_emoji":
        return f'<tg-emoji emoji-id="{entity.get("custom_emoji_id", "")}">'
    if kind == "expandable_blockquote":
        return "<blockquote expandable>"
    return "<" + _TAGS[kind] + ">"


def _close_tag(entity: dict[str, Any]) -> str:
    kind = entity["type"]
    if kind in ("text_link", "text_mention"):
        return "</a>"
    if kind == "pre":
        return "</code></pre>" if entity.get("language") else "</pre>"
    if kind == "custom_emoji":
        return "</tg-emoji>"
    if kind == "expandable_blockquote":
        return "</blockquote>"
    return "</" + _TAGS[kind] + ">"


_TAGS = {
    "bold": "b", "italic": "i", "underline": "u", "strikethrough": "s", "spoiler": "tg-spoiler",
    "code": "code", "blockquote": "blockquote",
}
_RENDERED = frozenset(_TAGS) | {"text_link", "text_mention", "pre", "custom_emoji",
                                "expandable_blockquote"}


def entities_to_html(text: str, entities: list[dict[str, Any]] | None) -> str:
    """Render text + entities back to canonical Telegram HTML (auto entities are plain)."""
    ents = sort_entities([e for e in (entities or []) if e.get("type") in _RENDERED and e["length"] > 0])
    starts: dict[int, list[dict[str, Any]]] = {}
    for entity in ents:
        starts.setdefault(entity["offset"], []).append(entity)
    out: list[str] = []
    stack: list[dict[str, Any]] = []
    pos = 0
    for ch in list(text) + [None]:
        if any(e["offset"] + e["length"] <= pos for e in stack):
            reopen = []
            while any(e["offset"] + e["length"] <= pos for e in stack):
                entity = stack.pop()
                out.append(_close_tag(entity))
                if entity["offset"] + entity["length"] > pos:
                    reopen.append(entity)
            for entity in reversed(reopen):
                out.append(_open_tag(entity))
                stack.append(entity)
        for entity in starts.get(pos, []):
            out.append(_open_tag(entity))
            stack.append(entity)
        if ch is None:
            break
        out.append(html.escape(ch, quote=False))
        pos += 2 if ord(ch) > 0xFFFF else 1
    while stack:
        out.append(_close_tag(stack.pop()))
    return "".join(out)
