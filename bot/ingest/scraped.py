"""Parse scraped-text files: an optional date header line, then the page text.

The header is ` date YYYY-MM-DD` (leading space optional), followed on the
same line either by `<title> | <outlet> | <section>` or by the first line of
the text itself (or nothing). Files without the header are all text. Without
a title in the header, the headline is the short standalone line before the
lead (`headline_line.find_headline`), if there is one.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bot.ingest.headline_line import find_headline
from bot.ingest.raw_article import RawArticle, RejectedArticle

DATE_LINE_RE = re.compile(r"^\s*date(?:\s+(?P<value>\S+))?(?P<rest>(?:\s.*)?)$")
ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

# Share of control characters (other than tab/newline) above which bytes that
# decoded as UTF-8 are still treated as binary.
MAX_CONTROL_SHARE = 0.01

# "Как передает Day.Az, ..." / "..., пишет УНН." name the outlet that published
# the text (as opposed to "сообщает Reuters", which names its source).
_NAME = r"(?P<name>[A-ZА-ЯЁ0-9][\w.\-]*(?:\s[A-ZА-ЯЁ][\w.\-]*){0,3})"
ATTRIBUTION_RES = (
    re.compile(r"\b[Кк]ак (?:передает|передаёт|сообщает|пишет) " + _NAME),
    re.compile(r",\s*пишет " + _NAME + r"\.(?:\s|$)"),
    re.compile(r"\b[Aa]s (?:reported by|reports) " + _NAME),
)
ATTRIBUTION_SEARCH_CHARS = 1500
# Control characters other than tab, newline, form feed and carriage return: a binary file has many.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def decode_text(data: bytes | str) -> str:
    """Bytes as text, or a rejection when they are empty or not text."""
    if isinstance(data, bytes):
        if b"\x00" in data:
            raise RejectedArticle("text_binary_nul")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise RejectedArticle("text_not_utf8", offset=exc.start) from None
    else:
        text = data.lstrip("\ufeff")
    if "\x00" in text:
        raise RejectedArticle("text_binary_nul")
    if not text.strip():
        raise RejectedArticle("text_empty")
    controls = len(CONTROL_RE.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise RejectedArticle("text_binary_controls", count=controls)
    return text


def parse_date_value(value: str) -> dt.date:
    """An ISO date from a header, or a rejection naming what is wrong with it."""
    match = ISO_DATE_RE.match(value)
    if not match:
        raise RejectedArticle("date_malformed", value=value)
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError as exc:
        raise RejectedArticle("date_impossible", value=value, detail=str(exc)) from None


def outlet_from_attribution(text: str) -> str | None:
    """The outlet a text credits itself to near its start ("Как передает Day.Az")."""
    head = text[:ATTRIBUTION_SEARCH_CHARS]
    for pattern in ATTRIBUTION_RES:
        match = pattern.search(head)
        if match:
            return match.group("name").rstrip(".-")
    return None


def _split_header_rest(rest: str) -> tuple[str | None, str | None, str | None, str]:
    """(title, outlet, section, leftover text) from what follows the date."""
    rest = rest.strip()
    parts = [part.strip() for part in rest.split(" | ")]
    if len(parts) >= 3:
        return " | ".join(parts[:-2]) or None, parts[-2] or None, parts[-1] or None, ""
    if len(parts) == 2:
        return parts[0] or None, parts[1] or None, None, ""
    return None, None, None, rest


def parse_scraped(data: bytes | str, *, url: str | None = None) -> RawArticle:
    """A scraped-text file as a RawArticle (raises RejectedArticle)."""
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    first_index = next(i for i, line in enumerate(lines) if line.strip())
    header = DATE_LINE_RE.match(lines[first_index])
    title = outlet = section = None
    published = None
    if header and header.group("value") is None and not header.group("rest").strip():
        raise RejectedArticle("date_line_without_date")
    if header and header.group("value") and header.group("value")[:1].isdigit():
        published = parse_date_value(header.group("value"))
        title, outlet, section, leftover = _split_header_rest(header.group("rest"))
        lines = [leftover] + lines[first_index + 1:]
    body = "\n".join(lines).strip()
    if not body:
        raise RejectedArticle("no_text_after_date")
    if title is None:  # the date line carried furniture or the lead: look for the headline below
        title = find_headline(body)
    if outlet is None:
        outlet = outlet_from_attribution(body)
    return RawArticle(body=body, title=title, published=published, outlet=outlet,
                      section=section, url=url)


def parse_scraped_file(path: Path) -> RawArticle:
    """Read and parse one scraped-text file."""
    return parse_scraped(Path(path).read_bytes())
