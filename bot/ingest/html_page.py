"""Parse a fetched HTML page into a RawArticle (offline: nothing is fetched).

Metadata comes from the page's own declarations, first found wins:
- title: og:title, twitter:title, JSON-LD headline, <h1>, <title>;
- date: article:published_time, JSON-LD datePublished, itemprop
  datePublished, other date meta tags, <time datetime>, then trafilatura's
  own guess (htmldate);
- outlet: og:site_name, JSON-LD publisher name, then the host name;
- canonical URL: <link rel="canonical">, og:url, then the given URL.
The text is trafilatura's main-content extraction; a page where it finds no
article text of MIN_TEXT_CHARS is rejected, and so is one whose markup,
scripts and styles cut, is larger than MAX_PARSE_BYTES (`html_limits`).
"""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

from bot.ingest.html_limits import MAX_PARSE_BYTES, PARSE_SECONDS, markup_size, trim_markup
from bot.ingest.raw_article import RawArticle, RejectedArticle

MIN_TEXT_CHARS = 200
DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished",
    "pubdate", "publishdate", "publish-date", "publish_date", "date",
    "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date",
)
TITLE_META = ("og:title", "twitter:title")
XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>")


def _meta(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """<meta> contents keyed by lower-cased property/name/itemprop, first wins."""
    out: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = (element.get("content") or "").strip()
        if key and content:
            out.setdefault(key.strip().casefold(), content)
    return out


def _json_ld(tree: lxml.html.HtmlElement) -> Iterator[dict]:
    """Every JSON-LD object on the page, @graph members included."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                if "@graph" in item:
                    stack.append(item["@graph"])


def parse_timestamp(value: str) -> tuple[dt.date, dt.datetime | None] | None:
    """(date, moment or None) from an ISO 8601 date or date-time string."""
    value = value.strip()
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        try:
            return dt.date.fromisoformat(value[:10]), None
        except ValueError:
            return None
    if len(value) <= 10:
        return moment.date(), None
    if moment.tzinfo is None:  # a local time of unknown zone: keep only the date
        return moment.date(), None
    return moment.date(), moment


def _first_text(tree: lxml.html.HtmlElement, xpath: str) -> str | None:
    for element in tree.xpath(xpath):
        text = " ".join(element.text_content().split())
        if text:
            return text
    return None


def _title(tree, meta, ld) -> str | None:
    for key in TITLE_META:
        if meta.get(key):
            return " ".join(meta[key].split())
    for item in ld:
        if isinstance(item.get("headline"), str) and item["headline"].strip():
            return " ".join(item["headline"].split())
    return _first_text(tree, "//h1") or _first_text(tree, "//title")


def _published(tree, meta, ld) -> tuple[dt.date, dt.datetime | None] | None:
    candidates: list[str] = []
    candidates += [meta[key] for key in DATE_META[:3] if key in meta]
    candidates += [item["datePublished"] for item in ld if isinstance(item.get("datePublished"), str)]
    candidates += [meta[key] for key in DATE_META[3:] if key in meta]
    candidates += tree.xpath("//time/@datetime")
    for value in candidates:
        parsed = parse_timestamp(value)
        if parsed:
            return parsed
    return None


def _outlet(meta, ld, url: str | None) -> str | None:
    if meta.get("og:site_name"):
        return meta["og:site_name"].strip()
    for item in ld:
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return publisher["name"].strip()
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _canonical(tree, meta, url: str | None) -> str | None:
    hrefs = tree.xpath('//link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]/@href')
    for candidate in [*hrefs, meta.get("og:url")]:
        if candidate and candidate.strip():
            return urljoin(url or "", candidate.strip())
    return url


def parse_html_page(html: bytes | str, *, url: str | None = None) -> RawArticle:
    """An HTML page as a RawArticle (raises RejectedArticle)."""
    if isinstance(html, bytes) and b"\x00" in html:
        raise RejectedArticle("html_binary")
    if not html.strip():
        raise RejectedArticle("html_empty")
    html = trim_markup(html)
    if markup_size(html) > MAX_PARSE_BYTES:
        raise RejectedArticle("html_too_large", size=f"{markup_size(html) / 1024 / 1024:.1f} MB",
                              limit=f"{MAX_PARSE_BYTES // 1024 // 1024} MB")
    if isinstance(html, str):  # lxml refuses text that still declares an encoding
        html = XML_DECLARATION_RE.sub("", html, count=1)
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise RejectedArticle("html_unreadable", detail=str(exc)) from None
    meta = _meta(tree)
    ld = list(_json_ld(tree))
    title = _title(tree, meta, ld)
    published = _published(tree, meta, ld)
    outlet = _outlet(meta, ld, url)
    canonical = _canonical(tree, meta, url)
    # Imported by the first page read (in a worker thread): trafilatura and its helpers hold about 25 MB,
    # which a process that never reads a page (most replicas) need not carry.
    import trafilatura

    document = trafilatura.bare_extraction(  # reuses (and prunes) the parsed tree
        tree, url=url, include_comments=False, include_tables=False,
        with_metadata=published is None,
    )
    text = (document.text or "").strip() if document is not None else ""
    if len(text) < MIN_TEXT_CHARS:
        raise RejectedArticle("html_no_text")
    if published is None and document.date:
        published = parse_timestamp(document.date)
    return RawArticle(
        body=text,
        title=title or (document.title if document.title else None),
        published=published[0] if published else None,
        published_at=published[1] if published else None,
        outlet=outlet,
        url=url or canonical,
        canonical_url=canonical,
    )


async def parse_html_page_soon(html: bytes | str, *, url: str | None = None,
                               seconds: float = PARSE_SECONDS) -> RawArticle:
    """parse_html_page in a worker thread, given up on (RejectedArticle) after `seconds`.

    A thread cannot be stopped: the size cap bounds how long it may go on alone."""
    try:
        return await asyncio.wait_for(asyncio.to_thread(parse_html_page, html, url=url), seconds)
    except TimeoutError:
        raise RejectedArticle(f"the page took longer than {seconds:g} s to read") from None
