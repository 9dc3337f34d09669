"""prepare(): a RawArticle to everything storage needs."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bot.ingest.feed_items import article_from_entry, parse_feed
from bot.ingest.fingerprint import band_keys, content_hash, is_near_duplicate
from bot.ingest.html_page import parse_html_page
from bot.ingest.pipeline import PreparedArticle, prepare
from bot.ingest.raw_article import RawArticle, RejectedArticle
from bot.ingest.scraped import parse_scraped
from tests.ingest.conftest import FIXTURES

EXPECTED = {
    # id: (published, date_source, outlet, topics)
    "000": (dt.date(2026, 2, 7), "metadata", "1news.az", set()),
    "001": (dt.date(2026, 1, 6), "metadata", "1news.az", {"amendment907"}),
    "002": (dt.date(2025, 7, 22), "text", None, {"amendment907"}),
    "003": (dt.date(2026, 2, 10), "metadata", "УНН", {"charter", "tripp"}),
    "004": (dt.date(2026, 2, 12), "metadata", "Day.Az", {"charter"}),
}


@pytest.fixture
def prepared(seed_raw, rules, now) -> dict[str, PreparedArticle]:
    return {key: prepare(raw, now=now, rules=rules) for key, raw in seed_raw.items()}


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_articles(prepared, seed_clean, seed):
    article = prepared[seed]
    published, source, outlet, topics = EXPECTED[seed]
    assert (article.published, article.date_source, article.date_flagged) == (published, source, False)
    assert article.published_at == dt.datetime.combine(published, dt.time(12), dt.timezone.utc)
    assert article.outlet == outlet
    assert article.language == "ru"
    assert article.body == seed_clean[seed]
    assert article.summary and len(article.summary) <= 400 and article.body.startswith(article.summary[:80])
    assert article.relevant
    assert {topic.slug for topic in article.topics} == topics
    assert article.simhash_bands == band_keys(article.simhash)
    assert article.content_hash == content_hash(article.body)
    assert article.url is None and article.canonical_url_key is None
    assert 0 < len(article.title) <= 500


def test_titles(prepared):
    assert prepared["001"].title == "Баку и Вашингтон перелистывают кризисную страницу отношений"
    # Without a title in the file, the lead sentence stands in for it.
    assert prepared["004"].title.startswith("На фоне происходящих в последнее время трансформаций")
    assert prepared["004"].title.endswith("…") and len(prepared["004"].title) <= 120


def test_prepared_article_is_frozen(prepared):
    with pytest.raises(dataclasses.FrozenInstanceError):
        prepared["000"].title = "x"  # type: ignore[misc]


def test_seed_articles_are_not_duplicates_of_each_other(prepared):
    items = list(prepared.values())
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            assert not is_near_duplicate(a.simhash, b.simhash)
            assert a.content_hash != b.content_hash


def test_undated_article_is_kept_with_import_time_and_flagged(rules, now):
    raw = RawArticle(body="Вице-президент США Джей Ди Вэнс прибыл в Баку. " * 5, title="Визит")
    article = prepare(raw, now=now, rules=rules)
    assert (article.published, article.published_at, article.date_source, article.date_flagged) == (
        now.date(), now, "import", True)


def test_canonical_url_key_from_html_page(rules, now):
    raw = parse_html_page((FIXTURES / "article_page.html").read_bytes(), url="https://example-news.az/p/123")
    article = prepare(raw, now=now, rules=rules)
    assert article.canonical_url_key == "example-news.az/politics/vance-aliyev-charter"
    assert article.url == "https://example-news.az/p/123"
    assert article.published_at == dt.datetime(2026, 2, 10, 18, 45, tzinfo=dt.timezone(dt.timedelta(hours=4)))
    assert article.relevant
    assert {t.slug for t in article.topics} == {"charter", "tripp"}  # the title names the charter
    assert article.body.startswith("Вице-президент США")  # the <h1> repeating the title is gone


def test_feed_entry(rules, now):
    feed = parse_feed((FIXTURES / "feed.atom").read_bytes())
    article = prepare(article_from_entry(feed.entries[0], feed_title=feed.title), now=now, rules=rules)
    assert article.language == "en"
    assert article.canonical_url_key == "caucasus-wire.example/2026/02/vance-aliyev-charter"
    assert article.outlet == "Caucasus Wire"
    assert article.relevant and [t.slug for t in article.topics] == ["charter"]
    assert article.summary == article.body


def test_azerbaijani_article(rules, now):
    raw = parse_scraped(
        " date 2026-02-10  Vens və Əliyev Xartiyanı imzalayıb | Report.az | Siyasət\n"
        "Azərbaycanca\nSon xəbərlər\n"
        "ABŞ-ın vitse-prezidenti Ceyms Devid Vens Bakıda Azərbaycan Prezidenti İlham Əliyevlə görüşüb. "
        "Görüşdə Strateji Tərəfdaşlıq Xartiyası imzalanıb.\n"
        "Tərəflər təhlükəsizlik, enerji və nəqliyyat sahələrində əməkdaşlığın genişləndirilməsini müzakirə ediblər.\n"
    )
    article = prepare(raw, now=now, rules=rules)
    assert article.language == "az"
    assert article.body.startswith("ABŞ-ın vitse-prezidenti")
    assert article.relevant and [t.slug for t in article.topics] == ["charter"]


def test_irrelevant_article(rules, now):
    raw = RawArticle(
        title="Сезон гриппа в Баку",
        body="В Баку отмечается широкое распространение гриппа. Министерство здравоохранения "
             "Азербайджана рекомендует вакцинацию и призывает граждан соблюдать меры предосторожности.",
    )
    article = prepare(raw, now=now, rules=rules)
    assert not article.relevant and article.topics == ()


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("Главная\nПолитика\nПоследние новости\nСегодня, 12:01\nПоделиться\n348", "no article text"),
        ("Вэнс прибыл в Баку с коротким визитом.", "too short after cleaning"),
    ],
)
def test_rejections(rules, now, body, reason):
    with pytest.raises(RejectedArticle, match=reason):
        prepare(RawArticle(body=body), now=now, rules=rules)
