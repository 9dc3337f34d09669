"""Local files as articles: which files, what kind, their RawArticles, prepared.

Kinds: RSS/Atom feeds and HTML pages are recognised by their first bytes,
else by the extension (.xml .rss .atom; .html .htm .xhtml); everything else
is scraped text (`scraped.parse_scraped`). A file larger than the limit is
rejected from its size alone, without being read.

`prepare_file` is pure and picklable, so an import can run it in worker
processes; the store writes stay in the importing process.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.ingest.feed_items import FeedError, articles_from_feed, parse_feed
from bot.ingest.html_page import parse_html_page
from bot.ingest.pipeline import PreparedArticle, prepare
from bot.ingest.raw_article import RawArticle, RejectedArticle
from bot.ingest.refusals import Refusal
from bot.ingest.scraped import parse_scraped
from bot.ingest.tagging import TaggingRules

MAX_FILE_BYTES = 10 * 1024 * 1024
SNIFF_BYTES = 2048
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
Kind = Literal["feed", "html", "text"]


@dataclass(frozen=True)
class Rejection:
    """An input turned away, picklable (RejectedArticle is an exception)."""

    label: str
    refusal: Refusal
    title: str | None = None

    @property
    def reason(self) -> str:
        return self.refusal.reason


@dataclass(frozen=True)
class Item:
    """One article a file held, ready for the store, and where it came from."""

    label: str   # for people: the path, or the path and the feed entry
    origin: str  # for the sighting: the entry's URL, else the path
    article: PreparedArticle


@dataclass(frozen=True)
class PreparedFile:
    path: str
    items: tuple[Item | Rejection, ...]


@dataclass(frozen=True)
class Skipped:
    """A symbolic link in a folder that was not followed, and why (for the import's report)."""

    path: str
    reason: str


def iter_files(paths: Iterable[str | Path], *, skipped: list[Skipped] | None = None) -> Iterator[Path]:
    """The files named, and every file under the folders named (recursively, sorted,
    hidden files and folders left out, symbolic links to folders not followed).

    A symbolic link whose target lies outside the folder named is never read
    (a link to ../.env would publish the bot's token); it goes to `skipped`.
    Links to files inside the folder are read like the files themselves."""
    for path in map(Path, paths):
        if not path.is_dir():
            yield path
            continue
        root = path.resolve()
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in dirs:
                _check_link(Path(folder) / name, root, "a folder", skipped)
            for name in sorted(files):
                if not name.startswith(".") and _check_link(Path(folder) / name, root, "a file", skipped):
                    yield Path(folder) / name


def _check_link(path: Path, root: Path, what: str, skipped: list[Skipped] | None) -> bool:
    """False (and noted in `skipped`) for a symbolic link leading out of `root`."""
    if not path.is_symlink() or path.resolve().is_relative_to(root):
        return True
    if skipped is not None:
        skipped.append(Skipped(str(path), f"symbolic link to {what} outside the folder: not followed"))
    return False


def sniff_kind(path: Path, head: bytes) -> Kind:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<"):
        if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
            return "feed"
        if b"<html" in start or b"<!doctype html" in start or b"<body" in start:
            return "html"
    suffix = path.suffix.casefold()
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; RejectedArticle if it is missing, unreadable, empty or too large."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise RejectedArticle("file_too_large", size=_mb(size), limit=_mb(max_bytes))
        if not path.is_file():
            raise RejectedArticle("file_not_regular")
        with path.open("rb") as handle:
            # read(n) allocates n bytes first: the size stat() gave, not the limit (10 MB per file)
            data = handle.read(size + 1)
            if len(data) > size:  # it has grown since stat(): the rest, up to just past the limit
                data += handle.read(max_bytes + 1 - len(data))
    except OSError as exc:
        raise RejectedArticle("file_cannot_read", detail=str(exc.strerror or exc)) from None
    if len(data) > max_bytes:
        raise RejectedArticle("file_too_large_over", limit=_mb(max_bytes))
    if not data.strip():
        raise RejectedArticle("file_empty")
    return data


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def raw_articles(path: Path, data: bytes) -> list[tuple[str, str, RawArticle | RejectedArticle]]:
    """(label, origin, parsed article or rejection) for each article the file holds."""
    kind = sniff_kind(path, data[:SNIFF_BYTES])
    label = str(path)
    if kind == "text":
        return [(label, label, parse_scraped(data))]
    if kind == "html":
        return [(label, label, parse_html_page(data))]
    try:
        feed = parse_feed(data)
    except FeedError as exc:
        raise RejectedArticle("feed_invalid", detail=str(exc)) from None
    entries = articles_from_feed(feed)
    if not entries:
        raise RejectedArticle("feed_without_entries")
    out = []
    for number, entry in enumerate(entries, 1):
        entry_label = f"{label} [entry {number}]"
        origin = entry.url if isinstance(entry, RawArticle) and entry.url else f"{label}#entry-{number}"
        out.append((entry_label, origin, entry))
    return out


def prepare_file(path: str | Path, *, now: dt.datetime, rules: TaggingRules,
                 max_bytes: int = MAX_FILE_BYTES) -> PreparedFile:
    """Read, parse and prepare every article of one file; never raises for bad input."""
    path = Path(path)
    try:
        parsed = raw_articles(path, read_limited(path, max_bytes))
    except RejectedArticle as exc:
        return PreparedFile(str(path), (Rejection(str(path), exc.refusal),))
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the import
        return PreparedFile(str(path), (Rejection(str(path), Refusal.of("unreadable", detail=f"{type(exc).__name__}: {exc}")),))
    items: list[Item | Rejection] = []
    for label, origin, raw in parsed:
        if isinstance(raw, RejectedArticle):
            items.append(Rejection(label, raw.refusal))
            continue
        try:
            items.append(Item(label, origin, prepare(raw, now=now, rules=rules)))
        except RejectedArticle as exc:
            items.append(Rejection(label, exc.refusal, title=raw.title))
        except Exception as exc:  # noqa: BLE001
            items.append(Rejection(label, Refusal.of("unprocessable", detail=f"{type(exc).__name__}: {exc}"),
                                   raw.title))
    return PreparedFile(str(path), tuple(items))
