"""Telegram's ``parse_mode="HTML"`` parser, modelled on tdlib's ``parse_html``.

``parse_html(text)`` returns ``(plain_text, entities)`` with entity offsets and
lengths in UTF-16 code units, or raises :class:`HtmlParseError` with tdlib's
wording (the caller prefixes ``"Bad Request: can't parse entities: "``).

Telegram itself keeps an ``&`` that does not start a known entity as literal
text (``AT&T``, ``&nbsp;``). With ``strict=True`` (the fake's default) such an
``&`` in text content is rejected instead, so that a missing ``html.escape``
is caught by tests; pass ``strict=False`` for tdlib's exact behaviour.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from .html_build import close_entity

SUPPORTED_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins",
        "tg-spoiler", "tg-emoji", "span", "pre", "code", "blockquote",
    }
)
_SPACES = frozenset(" \t\r\n\v\f\0")
_PLAIN = re.compile(r"[^&<]+")
_END = "\0"

# entity-type priorities used by tdlib when sorting entities with equal ranges
TYPE_PRIORITY = {
    "mention": 50, "hashtag": 50, "cashtag": 50, "bot_command": 50, "url": 50,
    "email": 50, "phone_number": 50, "bank_card_number": 50,
    "bold": 90, "italic": 91, "underline": 92, "strikethrough": 93, "spoiler": 94,
    "custom_emoji": 99, "code": 20, "pre": 11, "text_link": 49, "text_mention": 49,
    "blockquote": 0, "expandable_blockquote": 0,
}


class HtmlParseError(ValueError):
    """The text is not valid Telegram HTML (message has tdlib's wording)."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def sort_entities(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(
        entities, key=lambda e: (e["offset"], -e["length"], TYPE_PRIORITY.get(e["type"], 50))
    )


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


def _is_space(ch: str) -> bool:
    return ch in _SPACES


def _decode_entity(t: str, pos: int) -> tuple[str | None, int]:
    """Decode ``&...;`` at ``t[pos]``; returns (char or None, position after it)."""
    end = pos + 1
    if t[end] == "#":
        end += 1
        value = 0
        if t[end] == "x":
            end += 1
            while t[end] in "0123456789abcdefABCDEF":
                value = value * 16 + int(t[end], 16)
                end += 1
                if value >= 0x10FFFF:
                    return None, pos
        else:
            while t[end].isascii() and t[end].isdigit():
                value = value * 10 + int(t[end])
                end += 1
                if value >= 0x10FFFF:
                    return None, pos
        if value == 0 or 0xD800 <= value <= 0xDFFF:
            return None, pos
        char = chr(value)
    else:
        while t[end].isascii() and t[end].isalpha():
            end += 1
        name = t[pos + 1 : end]
        char = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}.get(name)
        if char is None:
            return None, pos
    if t[end] == ";":
        end += 1
    return char, end


_NAMED_ENTITY = re.compile(r"&(#x[0-9a-fA-F]*|#[0-9]*|[A-Za-z][A-Za-z0-9]*);")


def _strict_ampersand_error(text: str, pos: int) -> HtmlParseError:
    offset = _byte_offset(text, pos)
    match = _NAMED_ENTITY.match(text, pos)
    if match:
        return HtmlParseError(
            f'Unsupported HTML entity "{match.group(0)}" at byte offset {offset}; '
            "only &lt; &gt; &amp; &quot; and numeric entities are supported"
        )
    return HtmlParseError(
        f"Character '&' is reserved and must be escaped as \"&amp;\" at byte offset {offset}"
    )


class _Open:
    __slots__ = ("tag", "arg", "offset", "out_len", "expandable")

    def __init__(self, tag: str, arg: str, offset: int, out_len: int, expandable: bool):
        self.tag, self.arg, self.offset, self.out_len = tag, arg, offset, out_len
        self.expandable = expandable


def parse_html(
    text: str,
    *,
    strict: bool = True,
    user_lookup: Callable[[int], dict[str, Any] | None] | None = None,
) -> tuple[str, list[dict[str, Any]]]:
    t = text + _END
    n = len(text)
    out: list[str] = []
    out_chars = 0
    u16 = 0
    entities: list[dict[str, Any]] = []
    stack: list[_Open] = []
    i = 0
    while i < n:
        c = t[i]
        if c != "&" and c != "<":
            # A run of plain text in one step: tdlib copies it as it is, and Python is slow per character.
            run = _PLAIN.match(text, i).group()
            out.append(run)
            out_chars += len(run)
            u16 += utf16_len(run)
            i += len(run)
            continue
        if c == "&":
            char, new_i = _decode_entity(t, i)
            if char is not None:
                out.append(char)
                out_chars += 1
                u16 += 2 if ord(char) > 0xFFFF else 1
                i = new_i
                continue
            if strict:
                raise _strict_ampersand_error(text, i)
        if c != "<":
            out.append(c)
            out_chars += 1
            u16 += 2 if ord(c) > 0xFFFF else 1
            i += 1
            continue

        begin = i
        i += 1
        if t[i] != "/":
            while not _is_space(t[i]) and t[i] != ">":
                i += 1
            if i >= n:
                raise HtmlParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
            tag = t[begin + 1 : i].lower()
            if tag not in SUPPORTED_TAGS:
                raise HtmlParseError(
                    f'Unsupported start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
                )
            arg, expandable = "", False
            while t[i] != ">":
                while i < n and _is_space(t[i]):
                    i += 1
                if t[i] == ">":
                    break
                attr_begin = i
                while not _is_space(t[i]) and t[i] not in "=>":
                    i += 1
                attr = t[attr_begin:i].lower()
                if not attr:
                    raise HtmlParseError(
                        f'Empty attribute name in the tag "{tag}" at byte offset '
                        f"{_byte_offset(text, begin)}"
                    )
                while i < n and _is_space(t[i]):
                    i += 1
                if t[i] != "=":
                    if tag == "blockquote" and attr == "expandable":
                        expandable = True
                        continue
                    raise HtmlParseError(
                        "Expected equal sign in declaration of an attribute of the tag "
                        f'"{tag}" at byte offset {_byte_offset(text, begin)}'
                    )
                i += 1
                while i < n and _is_space(t[i]):
                    i += 1
                if i >= n:
                    raise HtmlParseError(
                        f'Unclosed start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
                    )
                if t[i] not in "'\"":
                    token_begin = i
                    while t[i].isascii() and (t[i].isalnum() or t[i] in ".-"):
                        i += 1
                    value = t[token_begin:i].lower()
                    if not _is_space(t[i]) and t[i] != ">":
                        raise HtmlParseError(
                            "Unexpected end of name token at byte offset "
                            f"{_byte_offset(text, token_begin)}"
                        )
                else:
                    quote = t[i]
                    i += 1
                    chars: list[str] = []
                    while i < n and t[i] != quote:
                        if t[i] == "&":
                            char, new_i = _decode_entity(t, i)
                            if char is not None:
                                chars.append(char)
                                i = new_i
                                continue
                        chars.append(t[i])
                        i += 1
                    if i < n:
                        i += 1
                    value = "".join(chars)
                if i >= n:
                    raise HtmlParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
                if tag == "a" and attr == "href":
                    arg = value
                elif tag == "code" and attr == "class" and value.startswith("language-"):
                    arg = value[len("language-") :]
                elif tag == "span" and attr == "class" and value.startswith("tg-"):
                    arg = value[len("tg-") :]
                elif tag == "tg-emoji" and attr == "emoji-id":
                    arg = value
                elif tag == "blockquote" and attr == "expandable":
                    expandable = True
            if tag == "span" and arg != "spoiler":
                raise HtmlParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(text, begin)}'
                )
            if tag == "tg-emoji" and not (arg.isdigit() and int(arg) > 0):
                raise HtmlParseError("Invalid custom emoji identifier specified")
            stack.append(_Open(tag, arg, u16, out_chars, expandable))
            i += 1
            continue

        # end tag
        if not stack:
            raise HtmlParseError(f"Unexpected end tag at byte offset {_byte_offset(text, begin)}")
        while not _is_space(t[i]) and t[i] != ">":
            i += 1
        end_name = t[begin + 2 : i]
        while i < n and _is_space(t[i]):
            i += 1
        if t[i] != ">" or i >= n:
            raise HtmlParseError(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
        top = stack.pop()
        if end_name and end_name.lower() != top.tag:
            raise HtmlParseError(
                f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
                f'expected "</{top.tag}>", found "</{end_name}>"'
            )
        if u16 > top.offset:
            close_entity(top, u16, "".join(out)[top.out_len :], entities, user_lookup)
        i += 1

    if stack:
        raise HtmlParseError(f"Can't find end tag corresponding to start tag {stack[-1].tag}")
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    return "".join(out), sort_entities(entities)
