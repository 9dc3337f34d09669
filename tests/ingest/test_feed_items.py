"""RSS and Atom feeds: parsing, malformed XML, entries as RawArticles."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.ingest.feed_items import FeedError, article_from_entry, articles_from_feed, html_fragment_text, parse_feed
from bot.ingest.raw_article import RawArticle, RejectedArticle
from tests.ingest.conftest import FIXTURES

BAKU = dt.timezone(dt.timedelta(hours=4))


def test_rss_feed():
    feed = parse_feed((FIXTURES / "feed.rss").read_bytes())
    assert (feed.title, feed.link, feed.warnings) == ("Example News & Analysis", "https://example-news.az/", ())
    first, second = articles_from_feed(feed)
    assert isinstance(first, RawArticle)
    assert first.title == "США и Азербайджан подписали Хартию о стратегическом партнерстве"
    assert first.url == "https://example-news.az/politics/charter/?utm_source=rss&utm_medium=feed"
    assert first.outlet == "Example News & Analysis"
    assert first.section == "Политика"
    # 01:30 in Baku is still 9 February in UTC: the outlet's own date is kept.
    assert first.published_at == dt.datetime(2026, 2, 10, 1, 30, tzinfo=BAKU)
    assert first.published == dt.date(2026, 2, 10)
    assert first.body == (  # the longer content:encoded, scripts dropped, paragraphs on their own lines
        "Вице-президент США Джей Ди Вэнс и президент Азербайджана Ильхам Алиев подписали в Баку Хартию "
        "о стратегическом партнерстве.\nДокумент охватывает сотрудничество в области безопасности, "
        "энергетики и цифровых технологий."
    )
    assert isinstance(second, RejectedArticle) and "has no text" in second.reason


def test_atom_feed():
    feed = parse_feed((FIXTURES / "feed.atom").read_bytes())
    assert feed.title == "Caucasus Wire"
    first, second = (article_from_entry(entry, feed_title=feed.title) for entry in feed.entries)
    assert first.title == "Vance & Aliyev sign strategic partnership charter"
    assert first.url == "https://caucasus-wire.example/2026/02/vance-aliyev-charter#comments"
    assert first.published_at == dt.datetime(2026, 2, 10, 14, tzinfo=BAKU)  # published, not updated
    assert first.body.startswith("US Vice President JD Vance")
    assert second.published_at == dt.datetime(2026, 2, 9, 23, 30, tzinfo=dt.timezone.utc)  # updated only
    assert second.body.startswith("The Trump Route for International Peace and Prosperity")


def test_malformed_xml_is_a_clear_error():
    with pytest.raises(FeedError, match=r"malformed feed XML \(SAXParseException: .*mismatched tag\)"):
        parse_feed((FIXTURES / "feed_broken.xml").read_bytes())


def test_malformed_xml_leniently():
    feed = parse_feed((FIXTURES / "feed_broken.xml").read_bytes(), strict=False)
    assert feed.title == "Broken feed"
    assert feed.warnings and "mismatched tag" in feed.warnings[0]


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty feed"), (b"<html><body><p>Hello</p></body></html>", "not an RSS or Atom feed")],
)
def test_not_a_feed(data, message):
    with pytest.raises(FeedError, match=message):
        parse_feed(data)


def test_html_fragment_text():
    assert html_fragment_text("<p>Один&nbsp;абзац.</p><p>Второй <b>абзац</b>.<br>Строка</p><style>x{}</style>") == (
        "Один абзац.\nВторой абзац.\nСтрока")


def test_entry_without_anything_is_rejected():
    with pytest.raises(RejectedArticle, match="without title or text"):
        article_from_entry({})
