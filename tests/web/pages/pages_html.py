"""Reading the pages' HTML in tests: the visible text, headings, links."""
from __future__ import annotations

import re
from html.parser import HTMLParser


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.headings: list[int] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    return reader


def text_of(html: str) -> str:
    """The visible text, whitespace collapsed."""
    return " ".join("".join(read(html).text).split())


def heading_levels(html: str) -> list[int]:
    return read(html).headings


def links_of(html: str) -> list[str]:
    return read(html).links
