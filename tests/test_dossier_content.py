"""The shipped dossier after its fact check: tags where they belong, sources readable and dated, one name per thing."""
from __future__ import annotations

import re

import pytest

from storage.seed_files import read_dossier
from storage.seed_schema import LANGS

CYRILLIC = re.compile("[а-яё]", re.I)
# An event whose English text names a topic's subject belongs to that topic.
TOPIC_MARKERS = {"tripp": r"\bTRIPP\b", "amendment907": r"\bSection 907\b", "charter": r"\bCharter\b"}
CHARTER_EN = "Charter on Strategic Partnership"
OTHER_CHARTER_NAMES = re.compile(
    r"Strategic[- ]Partnership Charter|Charter of Strategic Partnership|Strategic Charter|Partnership Charter", re.I)


@pytest.fixture(scope="module")
def dossier():
    return read_dossier()


def _english_texts(dossier):
    """(where, text) for every English text a reader sees, sources' original titles aside."""
    yield "dossier title", dossier.meta.title.en
    yield "dossier description", dossier.meta.description.en
    for topic in dossier.topics:
        for field in ("name", "tagline", "card"):
            yield f"topic {topic.slug} {field}", getattr(topic, field).en
    for event in dossier.events:
        yield f"event {event.slug} title", event.title.en
        yield f"event {event.slug} summary", event.summary.en


def test_every_card_key_event_carries_the_cards_topic(dossier):
    events = {e.slug: e for e in dossier.events}
    missing = [f"{t.slug}: {slug}" for t in dossier.topics for slug in t.key_events if t.slug not in events[slug].topics]
    assert missing == []


def test_events_that_name_a_topic_carry_it(dossier):
    missing = [f"{e.slug} lacks {topic}" for e in dossier.events for topic, marker in TOPIC_MARKERS.items()
               if re.search(marker, f"{e.title.en} {e.summary.en}") and topic not in e.topics]
    assert missing == []


def test_every_source_has_a_title_for_each_reader_and_a_date(dossier):
    for source in dossier.sources:
        assert source.published is not None, source.key
        english, russian = source.title_in("en"), source.title_in("ru")
        assert english and not CYRILLIC.search(english), source.key
        assert russian and CYRILLIC.search(russian), source.key


def test_every_event_cites_a_source_written_after_it(dossier):
    """A source published before an event cannot carry it: at least one cited source must be no older."""
    published = {s.key: s.published for s in dossier.sources}
    stale = [e.slug for e in dossier.events if all(published[k] < e.date.value for k in e.sources)]
    assert stale == []


def test_the_charter_has_one_english_name(dossier):
    charter = next(t for t in dossier.topics if t.slug == "charter")
    assert charter.name.en == CHARTER_EN
    others = [where for where, text in _english_texts(dossier) if OTHER_CHARTER_NAMES.search(text.replace(CHARTER_EN, ""))]
    assert others == []


def test_forums_are_numbered_in_words(dossier):
    texts = [text for _, text in _english_texts(dossier)]
    texts += [t.get("ru") for e in dossier.events for t in (e.title, e.summary)]
    assert not [t for t in texts if re.search(r"\bI{1,3} (Shusha|Шушинск)", t)]
    assert any("Third Shusha Global Media Forum" in t for t in texts)


def test_every_card_says_as_of_when_and_no_earlier_than_its_sources(dossier):
    published = {s.key: s.published for s in dossier.sources}
    events = {e.slug: e for e in dossier.events}
    for topic in dossier.topics:
        assert topic.as_of is not None, topic.slug
        newest = max([published[k] for k in topic.sources if published[k]] + [events[s].date.value for s in topic.key_events])
        assert topic.as_of >= newest, topic.slug


def test_english_texts_stay_english(dossier):
    for source in dossier.sources:
        for lang in LANGS:
            assert source.title_in(lang).strip(), source.key
    assert [where for where, text in _english_texts(dossier) if re.search("[а-яё]{4,}", text, re.I)] == []
