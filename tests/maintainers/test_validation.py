"""What maintainers type, validated: dates, texts, topics, sources, slugs, keywords; the one-line forms."""
from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from bot.maintenance import one_line, validation
from bot.maintenance.validation import Invalid
from storage.seed_schema import EventSeed

TOPICS = ["charter", "amendment907", "tripp"]


def _seed(title: str, summary: str = "s") -> EventSeed:
    return EventSeed(slug="x", date="2026-01-01", title={"ru": title, "en": title},
                     summary={"ru": summary, "en": summary}, sources=["k"])


def test_limits_are_the_seed_schemas():
    _seed("t" * validation.TITLE_MAX, "s" * validation.SUMMARY_MAX)
    with pytest.raises(ValidationError):
        _seed("t" * (validation.TITLE_MAX + 1))
    with pytest.raises(ValidationError):
        _seed("t", "s" * (validation.SUMMARY_MAX + 1))


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("2026-03-01", dt.date(2026, 3, 1), "day"), (" 2026-3-1 ", dt.date(2026, 3, 1), "day"),
    ("2026-03", dt.date(2026, 3, 1), "month"), ("2026", dt.date(2026, 1, 1), "year"),
    ("2024-02-29", dt.date(2024, 2, 29), "day"),
])
def test_dates_at_three_precisions(text, value, precision):
    date = validation.parse_date(text)
    assert (date.value, date.precision) == (value, precision)


@pytest.mark.parametrize(("text", "key"), [
    ("2026-02-30", "date_impossible"), ("2025-02-29", "date_impossible"), ("2026-13", "date_impossible"),
    ("1899-12-31", "date_range"), ("2101", "date_range"), ("01.03.2026", "date_format"), ("", "date_format"),
])
def test_impossible_dates(text, key):
    with pytest.raises(Invalid) as caught:
        validation.parse_date(text)
    assert caught.value.key == key


def test_texts():
    assert validation.title("  A\n title  ") == "A title"
    assert validation.summary("One.\n\n\n  Two.  \n") == "One.\n\nTwo."
    for call, text, key in ((validation.title, "   ", "empty"), (validation.title, "x" * 201, "too_long"),
                            (validation.summary, "x" * 2001, "too_long")):
        with pytest.raises(Invalid) as caught:
            call(text)
        assert caught.value.key == key


def test_topics_and_sources():
    assert validation.topic_list("Charter, tripp charter", TOPICS) == ["charter", "tripp"]
    assert validation.topic_list("-", TOPICS) == []
    with pytest.raises(Invalid) as caught:
        validation.topic_list("charter nato", TOPICS)
    assert caught.value.values["topics"] == "nato"
    cited = validation.sources("https://www.apa.az/news/1 | APA | Title\nhttps://report.az/2")
    assert [(s.url, s.outlet, s.title) for s in cited] == [
        ("https://www.apa.az/news/1", "APA", "Title"), ("https://report.az/2", "report.az", None)]
    for bad in ("javascript:alert(1)", "https://", "apa.az/news", "https://exa mple.org", "http://intranet/x"):
        with pytest.raises(Invalid):
            validation.url(bad)
    with pytest.raises(Invalid) as caught:
        validation.source("https://apa.az | a | b | c")
    assert caught.value.key == "source_format"


def test_slugs_and_keywords():
    assert validation.topic_slug("/Energy", taken={"charter"}) == "energy"
    for text, key in (("charter", "slug_taken"), ("e", "slug"), ("1abc", "slug"), ("en-ergy", "slug")):
        with pytest.raises(Invalid) as caught:
            validation.topic_slug(text, taken={"charter"})
        assert caught.value.key == key
    assert validation.keywords("gas, газ; Azərbaycan qazı,  gas ") == {
        "ru": ["газ"], "en": ["gas"], "az": ["Azərbaycan qazı"]}
    with pytest.raises(Invalid) as caught:
        validation.keywords("energy, the")
    assert (caught.value.key, caught.value.values) == ("keyword", {"value": "the"})


def test_one_line_event_and_topic():
    data = one_line.parse_event("2026-03 | Vance in Baku | He came. | tripp | https://apa.az/1 | APA | Visit",
                                known_topics=TOPICS)
    assert (data.titles, data.untranslated, data.topics) == ({"en": "Vance in Baku"}, "ru", ("tripp",))
    assert [(s.outlet, s.title) for s in data.sources] == [("APA", "Visit")]
    assert data.text("title", "ru") == "Vance in Baku"  # shown to Russian readers until translated
    ru = one_line.parse_event("2026 | Вэнс в Баку | Визит. | - | https://apa.az/1, https://report.az/2",
                              known_topics=TOPICS)
    assert (ru.untranslated, len(ru.sources)) == ("en", 2)
    topic = one_line.parse_topic("energy | Энергетика | Energy | energy, газ", taken={"charter"})
    assert (topic.names, topic.taglines["en"]) == ({"ru": "Энергетика", "en": "Energy"}, "Energy")
    for line in ("2026 | T | S | -", "a | b | c | d | e | f | g | h"):
        with pytest.raises(Invalid) as caught:
            one_line.parse_event(line, known_topics=TOPICS)
        assert caught.value.key == "event_line"
