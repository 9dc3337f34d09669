"""Turning a closed HTML tag into a Telegram entity (links, pre/code merging, mentions)."""

from __future__ import annotations

import re
from typing import Any, Callable, Protocol


class OpenTag(Protocol):
    tag: str
    arg: str
    offset: int
    expandable: bool


def _check_link(url: str) -> str | None:
    """Return the normalised URL Telegram would keep for <a href>, or None to drop it."""
    url = url.strip()
    if not url or any(ch.isspace() for ch in url):
        return None
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):(//)?(.*)$", url)
    if match and (match.group(2) or match.group(1).lower() in {"mailto", "tel"}):
        scheme = match.group(1).lower()
        if scheme in {"tg", "ton", "tonsite", "mailto", "tel"}:
            return url
        if scheme not in {"http", "https"}:
            return None
        rest = match.group(3)
    elif match and not match.group(2) and not re.match(r"^\d", match.group(3)):
        return None  # "javascript:alert(1)" and the like
    else:
        scheme, rest = "http", url
    host, sep, path = rest.partition("/")
    if not host or not re.match(r"^[\w.-]+(:\d+)?$", host, re.UNICODE):
        return None
    return f"{scheme}://{host}/{path}" if sep else f"{scheme}://{host}/"


_TG_USER = re.compile(r"^tg://user\?id=(\d+)$")

_SIMPLE = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "u": "underline", "ins": "underline", "tg-spoiler": "spoiler", "span": "spoiler",
}


def close_entity(
    top: OpenTag,
    u16: int,
    inner_text: str,
    entities: list[dict[str, Any]],
    user_lookup: Callable[[int], dict[str, Any] | None] | None,
) -> None:
    offset, length = top.offset, u16 - top.offset
    base = {"offset": offset, "length": length}
    last = entities[-1] if entities else None
    same_range = last is not None and last["offset"] == offset and last["length"] == length
    if top.tag in _SIMPLE:
        entities.append({"type": _SIMPLE[top.tag], **base})
    elif top.tag == "blockquote":
        kind = "expandable_blockquote" if top.expandable else "blockquote"
        entities.append({"type": kind, **base})
    elif top.tag == "tg-emoji":
        entities.append({"type": "custom_emoji", **base, "custom_emoji_id": top.arg})
    elif top.tag == "a":
        url = top.arg or inner_text
        user = _TG_USER.match(url)
        if user:
            user_id = int(user.group(1))
            known = user_lookup(user_id) if user_lookup else None
            entities.append(
                {"type": "text_mention", **base,
                 "user": known or {"id": user_id, "is_bot": False, "first_name": ""}}
            )
        else:
            checked = _check_link(url)
            if checked is not None:
                entities.append({"type": "text_link", **base, "url": checked})
    elif top.tag == "pre":
        if same_range and last["type"] == "code" and last.get("language"):
            last["type"] = "pre"
        else:
            entities.append({"type": "pre", **base})
    elif top.tag == "code":
        if same_range and last["type"] == "pre" and top.arg:
            last["language"] = top.arg
        else:
            entity = {"type": "code", **base}
            if top.arg:
                entity["language"] = top.arg  # dropped at the end unless a <pre> wraps it
            entities.append(entity)
