"""HTML parsing is bounded: markup without text is cut first, and what remains has a size cap."""
from __future__ import annotations

import random

import pytest

from bot.ingest import html_page
from bot.ingest.html_limits import MAX_PARSE_BYTES, trim_markup
from bot.ingest.html_page import parse_html_page, parse_html_page_soon
from bot.ingest.raw_article import RejectedArticle

WORDS = "caspian summit pipeline fishery shipping lane treaty border sturgeon oil gas port ferry customs".split()


def article(paragraphs: int, *, head: str = "", seed: int = 1) -> bytes:
    rnd = random.Random(seed)
    body = "".join("<p>" + " ".join(rnd.choice(WORDS) for _ in range(40)) + f" {i}.</p>\n" for i in range(paragraphs))
    return (f"<html><head><title>Summit</title>{head}</head><body><article><h1>Summit</h1>"
            f"<div>{body}</div></article></body></html>").encode()


def test_a_huge_page_is_refused_before_parsing(monkeypatch):
    page = article(15_000)  # ~4.5 MB of text paragraphs: ~5 s of lxml and trafilatura
    assert len(page) > 4 * 1024 * 1024

    def no_parsing(*args, **kwargs):
        raise AssertionError("the page was parsed")
    monkeypatch.setattr(html_page.lxml.html, "fromstring", no_parsing)
    with pytest.raises(RejectedArticle, match="page too large to read"):
        parse_html_page(page, url="https://news.example.com/a")


def test_heavy_inline_scripts_do_not_count_and_json_ld_is_kept():
    scripts = "".join(f"<script>var s{i} = '{'x' * 100_000}';</script>" for i in range(30))  # 3 MB
    styles = "<style>" + "a{color:red}" * 50_000 + "</style><!-- " + "c" * 100_000 + " -->"
    json_ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2026-02-10"}</script>'
    page = article(50, head=scripts + styles + json_ld)
    assert len(page) > MAX_PARSE_BYTES
    parsed = parse_html_page(page, url="https://news.example.com/a")
    assert parsed.published.isoformat() == "2026-02-10" and "caspian" in parsed.body and "var s1" not in parsed.body


@pytest.mark.parametrize(("markup", "kept"), [
    ("<p>a</p><SCRIPT src=x>alert(1)</Script ><p>b</p>", "<p>a</p><p>b</p>"),
    ("<p>a</p><!-- note --><style>p{}</style><svg><path/></svg><p>b</p>", "<p>a</p><p>b</p>"),
    ("<p>a</p><script>never closed <p>b</p>", "<p>a</p>"),
    ("<p>a</p><script never closed either", "<p>a</p>"),
    ("<p>a</p><!-- open comment", "<p>a</p>"),
    ("<p>scripts and styles</p><scripted>x</scripted>", "<p>scripts and styles</p><scripted>x</scripted>"),
])
def test_trimmed_markup(markup, kept):
    assert trim_markup(markup) == kept
    assert trim_markup(markup.encode()) == kept.encode()


def test_hostile_markup_is_trimmed_in_one_pass():
    for hostile in (b"<script " * 500_000, b"<script>" * 500_000, b"<!--" * 500_000, b"<svg>" * 500_000):
        assert trim_markup(hostile) == b""


async def test_a_slow_extraction_is_given_up(monkeypatch):
    import time

    def slow(html, *, url=None):
        time.sleep(0.5)
        return None
    monkeypatch.setattr(html_page, "parse_html_page", slow)
    with pytest.raises(RejectedArticle, match="longer than 0.1 s"):
        await parse_html_page_soon(b"<p>x</p>", seconds=0.1)
