"""HTML pages: metadata, canonical URL and main text (offline)."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.ingest.clean import clean_body
from bot.ingest.html_page import parse_html_page, parse_timestamp
from bot.ingest.raw_article import RejectedArticle
from tests.ingest.conftest import FIXTURES

BAKU = dt.timezone(dt.timedelta(hours=4))


def test_article_page():
    raw = parse_html_page((FIXTURES / "article_page.html").read_bytes(),
                          url="https://example-news.az/p/123?utm_source=tg")
    assert raw.title == "Вэнс и Алиев подписали Хартию о стратегическом партнерстве"  # og:title
    assert raw.published == dt.date(2026, 2, 10)  # article:published_time beats JSON-LD
    assert raw.published_at == dt.datetime(2026, 2, 10, 18, 45, tzinfo=BAKU)
    assert raw.outlet == "Example News"
    assert raw.canonical_url == "https://www.example-news.az/politics/vance-aliyev-charter/?utm_source=rss"
    assert raw.url == "https://example-news.az/p/123?utm_source=tg"
    body = clean_body(raw.body, title=raw.title)
    assert body.startswith("Вице-президент США Джей Ди Вэнс и президент Азербайджана")
    assert body.endswith("отношения Баку и Вашингтона вступили в совершенно новую фазу.")
    for furniture in ("Главная", "Последние новости", "cookie", "Все права защищены", "Автор:", "12:01"):
        assert furniture not in body


PLAIN_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Charter signed in Baku - Caucasus Wire</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Caucasus Wire"},
  {"@type": "NewsArticle", "datePublished": "2026-02-10T10:00:00Z",
   "publisher": {"@type": "Organization", "name": "Caucasus Wire"}}]}
</script></head>
<body><div class="content"><h1>Charter signed in Baku</h1>
<p>US Vice President JD Vance and President Ilham Aliyev signed the Charter on Strategic Partnership in Baku
on Tuesday, opening what both sides called a new phase in relations between the two countries.</p>
<p>The document covers security cooperation, energy, transport links and digital infrastructure, and it
sets up a regular high-level political dialogue between Baku and Washington.</p>
</div></body></html>"""


def test_page_with_json_ld_only_and_no_canonical():
    raw = parse_html_page(PLAIN_PAGE, url="https://www.caucasus-wire.example/2026/02/charter")
    assert raw.title == "Charter signed in Baku"  # <h1> before <title>
    assert raw.published_at == dt.datetime(2026, 2, 10, 10, tzinfo=dt.timezone.utc)
    assert raw.outlet == "Caucasus Wire"
    assert raw.canonical_url == "https://www.caucasus-wire.example/2026/02/charter"
    assert raw.body.count("Vance") == 1


def test_time_element_and_host_as_outlet():
    page = PLAIN_PAGE.replace('"datePublished": "2026-02-10T10:00:00Z",', "").replace(
        '"publisher": {"@type": "Organization", "name": "Caucasus Wire"}', '"x": 1').replace(
        "<h1>", '<time datetime="2026-02-09">9 Feb</time><h1>')
    raw = parse_html_page(page, url="https://www.caucasus-wire.example/a")
    assert (raw.published, raw.published_at) == (dt.date(2026, 2, 9), None)
    assert raw.outlet == "caucasus-wire.example"


def test_page_without_article_is_rejected():
    with pytest.raises(RejectedArticle, match="no article text found in the HTML page"):
        parse_html_page((FIXTURES / "no_article_page.html").read_bytes(), url="https://example-news.az/")


@pytest.mark.parametrize(("data", "reason"), [(b"", "empty HTML page"), (b"\x00\x01\x02PK", "NUL bytes")])
def test_not_a_page(data, reason):
    with pytest.raises(RejectedArticle, match=reason):
        parse_html_page(data)


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("2026-02-10", (dt.date(2026, 2, 10), None)),
        ("2026-02-10T18:45:00+04:00", (dt.date(2026, 2, 10), dt.datetime(2026, 2, 10, 18, 45, tzinfo=BAKU))),
        ("2026-02-10T14:45:00Z", (dt.date(2026, 2, 10), dt.datetime(2026, 2, 10, 14, 45, tzinfo=dt.timezone.utc))),
        ("2026-02-10T18:45:00", (dt.date(2026, 2, 10), None)),  # no zone: only the date is trusted
        ("10 февраля", None),
    ],
)
def test_parse_timestamp(value, parsed):
    assert parse_timestamp(value) == parsed


def test_windows_1251_page_and_text_with_xml_declaration():
    page = (FIXTURES / "article_page.html").read_text(encoding="utf-8").replace("Azərbaycanca", "AZ")
    legacy = parse_html_page(page.replace('charset="utf-8"', 'charset="windows-1251"').encode("cp1251"))
    assert legacy.title == "Вэнс и Алиев подписали Хартию о стратегическом партнерстве"
    assert "Ильхам Алиев подписали в Баку" in legacy.body
    declared = parse_html_page('<?xml version="1.0" encoding="utf-8"?>\n' + page)
    assert declared.body == legacy.body
