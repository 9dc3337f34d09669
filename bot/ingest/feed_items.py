"""Parse RSS/Atom feed bytes (feedparser) and turn entries into RawArticles.

feedparser never raises: it sets `bozo` and carries on leniently. Here a
feed whose XML is broken is an error (FeedError with the parser's message)
unless `strict=False`, in which case whatever entries feedparser recovered are
kept and the problem is reported in `ParsedFeed.warnings`. Benign bozo
conditions (a declared encoding that had to be overridden, a text/plain
content type) only ever produce warnings.
"""
from __future__ import annotations

import calendar
import datetime as dt
import email.utils
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any


from bot.ingest.raw_article import RawArticle, RejectedArticle

BENIGN_BOZO = ("CharacterEncodingOverride", "NonXMLContentType")
BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "section", "article", "tr", "table", "figure", "figcaption", "hr",
})
SKIP_TAGS = frozenset({"script", "style", "noscript", "iframe", "svg"})


class FeedError(ValueError):
    """Feed bytes that are not a usable RSS/Atom feed."""


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    link: str | None
    entries: tuple[Any, ...]  # feedparser entries, for `article_from_entry`
    warnings: tuple[str, ...] = ()


def parse_feed(data: bytes, *, strict: bool = True) -> ParsedFeed:
    """Feed bytes parsed; FeedError if they are not a feed (see module docstring)."""
    if not data or not data.strip():
        raise FeedError("empty feed document")
    import feedparser  # by the first feed read: about 10 MB that a process polling no feed need not hold

    parsed = feedparser.parse(data)
    warnings: list[str] = []
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        message = f"{type(problem).__name__}: {problem}"
        if type(problem).__name__ in BENIGN_BOZO:
            warnings.append(message)
        elif strict or not parsed.entries:
            raise FeedError(f"malformed feed XML ({message})")
        else:
            warnings.append(message)
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not an RSS or Atom feed")
    feed = parsed.get("feed", {})
    return ParsedFeed(
        title=_clean_inline(feed.get("title")),
        link=feed.get("link"),
        entries=tuple(parsed.entries),
        warnings=tuple(warnings),
    )


class _TextExtractor(HTMLParser):
    """Text of an HTML fragment, block elements on lines of their own."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIP_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed summary or content)."""
    extractor = _TextExtractor()
    extractor.feed(fragment)
    extractor.close()
    lines = (" ".join(line.split()) for line in "".join(extractor.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _clean_inline(value: str | None) -> str | None:
    if not value:
        return None
    return " ".join(html_fragment_text(value).split()) or None


def _stated_moment(value: str) -> dt.datetime | None:
    """A feed date string with the offset it was written in, if it has one."""
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        try:
            moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    return moment if moment.tzinfo is not None else None


def _entry_moment(entry: Any) -> dt.datetime | None:
    """When the entry was published (else updated), in the feed's own offset
    so that its date is the one the outlet printed; feedparser's UTC reading
    when the string is unusual."""
    for key in ("published", "updated", "created"):
        if entry.get(key):
            moment = _stated_moment(entry[key])
            if moment is None and entry.get(key + "_parsed"):
                moment = dt.datetime.fromtimestamp(calendar.timegm(entry[key + "_parsed"]), tz=dt.timezone.utc)
            if moment is not None:
                return moment
    return None


def _entry_text(entry: Any) -> str:
    """The longest of the entry's content blocks and summary, as text."""
    fragments = [block.get("value", "") for block in entry.get("content", [])]
    fragments.append(entry.get("summary", ""))
    texts = [html_fragment_text(fragment) for fragment in fragments if fragment]
    return max(texts, key=len, default="")


def article_from_entry(entry: Any, *, feed_title: str | None = None) -> RawArticle:
    """One feed entry as a RawArticle (raises RejectedArticle)."""
    title = _clean_inline(entry.get("title"))
    body = _entry_text(entry)
    if not body and not title:
        raise RejectedArticle("feed_entry_empty")
    if not body:
        raise RejectedArticle("feed_entry_title_only", title=title)
    moment = _entry_moment(entry)
    tags = [tag.get("term") for tag in entry.get("tags", []) if tag.get("term")]
    return RawArticle(
        body=body,
        title=title,
        published=moment.date() if moment else None,
        published_at=moment,
        outlet=feed_title,
        section=tags[0] if tags else None,
        url=entry.get("link") or None,
    )


def articles_from_feed(feed: ParsedFeed) -> list[RawArticle | RejectedArticle]:
    """Every entry of a parsed feed as a RawArticle, or the reason it was not."""
    out: list[RawArticle | RejectedArticle] = []
    for entry in feed.entries:
        try:
            out.append(article_from_entry(entry, feed_title=feed.title))
        except RejectedArticle as rejected:
            out.append(rejected)
    return out
