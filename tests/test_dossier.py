"""The shipped dossier: valid, bilingual, sourced, and carrying the brief's facts."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from storage.seed_files import read_dossier
from storage.seed_schema import LANGS


@pytest.fixture(scope="module")
def dossier():
    return read_dossier()


def _event(dossier, date: str, *, topic: str | None = None, text: str | None = None):
    found = [
        e for e in dossier.events
        if e.date.value.isoformat().startswith(date)
        and (topic is None or topic in e.topics)
        and (text is None or text.lower() in (e.title.en + " " + e.summary.en).lower())
    ]
    assert found, f"no event on {date} (topic={topic}, text={text})"
    return found


def test_topics_and_size(dossier):
    assert {t.slug for t in dossier.topics} >= {"charter", "amendment907", "tripp"}
    assert len(dossier.events) >= 25


def test_every_event_is_bilingual_and_sourced(dossier):
    sources = {s.key: s for s in dossier.sources}
    for event in dossier.events:
        for lang in LANGS:
            assert event.title.get(lang) and event.summary.get(lang), event.slug
            assert "\n\n" not in event.summary.get(lang).strip(), f"{event.slug}: summary must be one paragraph"
        assert event.sources and all(k in sources for k in event.sources), event.slug
    # Russian text is Russian, English text is English.
    for event in dossier.events:
        assert re.search("[а-яё]", event.summary.ru, re.I), event.slug
        assert not re.search("[а-яё]{4,}", event.summary.en, re.I), event.slug


def test_cards_name_their_sources_and_key_events(dossier):
    for topic in dossier.topics:
        assert topic.sources and topic.key_events, topic.slug
        for lang in LANGS:
            assert len(topic.card.get(lang)) > 300, topic.slug


def test_slugs_are_unique(dossier):
    slugs = [e.slug for e in dossier.events]
    assert len(slugs) == len(set(slugs))


@pytest.mark.parametrize(
    ("date", "topic", "text"),
    [
        ("1992-10-24", "amendment907", "907"),
        ("2001-10-24", "amendment907", "waive"),
        ("2002-01", "amendment907", "107-115"),
        ("2024-07-20", None, "Shusha"),
        ("2024-11-06", None, "letter"),
        ("2024-11-25", None, "call"),
        ("2025-01-20", None, "lost years"),
        ("2025-01-21", None, "inauguration"),
        ("2025-01-30", None, "condolence"),
        ("2025-03-13", None, "Euronews"),
        ("2025-04-10", None, "Novruz"),
        ("2025-05-28", None, "Independence Day"),
        ("2025-07-04", None, "Independence Day"),
        ("2025-07-19", "amendment907", "wars"),
        ("2025-07-22", None, "Truth Social"),
        ("2025-08-08", "amendment907", None),
        ("2025-08-08", "charter", None),
        ("2025-08-08", "tripp", "TRIPP"),
        ("2025-08-15", "amendment907", "Federal Register"),
        ("2025-10", None, "Egypt"),
        ("2025-12-10", "amendment907", "H.R.6534"),
        ("2026-01-04", "amendment907", "Mullin"),
        ("2026-01-05", "amendment907", "media"),
        ("2026-01", None, "Davos"),
        ("2026-01-30", "charter", "nearing completion"),
        ("2026-02-09", None, "Yerevan"),
        ("2026-02-10", "charter", "signed"),
    ],
)
def test_brief_facts_are_present(dossier, date, topic, text):
    _event(dossier, date, topic=topic, text=text)


def test_partial_dates_keep_their_precision(dossier):
    egypt = _event(dossier, "2025-10", text="Egypt")[0]
    assert egypt.date.precision == "month" and egypt.date.value == dt.date(2025, 10, 1)
    davos = _event(dossier, "2026-01", text="Davos")
    assert any(e.date.precision == "month" for e in davos)


def test_summit_event_carries_both_topics(dossier):
    summit = _event(dossier, "2025-08-08", topic="charter")
    assert any({"amendment907", "charter"} <= set(e.topics) for e in summit)
