"""`load_dossier`: idempotent, updates seed changes, never overwrites maintainers' work."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from storage.models import AuditEntry, Event, EventSource, EventTopic, Source, Topic
from storage.search import search
from storage.seed_files import SeedError, read_dossier
from storage.seed_loader import load_dossier
from tests.fixtures.mini_dossier import EVENTS, SOURCES, TOPIC, write_mini_dossier

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.timezone.utc)


async def _load(session, folder):
    report = await load_dossier(session, dossier=read_dossier(folder), now=NOW)
    await session.commit()
    return report


async def test_first_load_creates_everything_with_links(session, tmp_path):
    report = await _load(session, write_mini_dossier(tmp_path))
    assert sorted(report.created) == [
        "event 2025-10-egypt", "event 2026-02-10-signing", "source src-a", "source src-b", "topic charter"]
    signing = (await session.exec(select(Event).where(Event.slug == "2026-02-10-signing"))).one()
    egypt = (await session.exec(select(Event).where(Event.slug == "2025-10-egypt"))).one()
    assert (signing.date, signing.precision) == (dt.date(2026, 2, 10), "day")
    assert (egypt.date, egypt.precision) == (dt.date(2025, 10, 1), "month")
    links = (await session.exec(select(EventSource).where(EventSource.event_id == signing.id))).all()
    assert len(links) == 2
    assert len((await session.exec(select(EventTopic))).all()) == 1
    hits = await search(session, query="хартии", kind="event")
    assert [h.ref_id for h in hits] == [signing.id]


async def test_second_load_changes_nothing_and_says_so(session, tmp_path):
    folder = write_mini_dossier(tmp_path)
    await _load(session, folder)
    audit_rows = len((await session.exec(select(AuditEntry))).all())
    report = await _load(session, folder)
    assert not report.changed
    assert report.unchanged == 5 and report.skipped == []
    assert len((await session.exec(select(AuditEntry))).all()) == audit_rows


async def test_changed_seed_entry_is_updated_and_reindexed(session, tmp_path):
    folder = write_mini_dossier(tmp_path)
    await _load(session, folder)
    write_mini_dossier(tmp_path, events=EVENTS.replace("Встреча в Египте", "Саммит в Египте"))
    report = await _load(session, folder)
    assert report.updated == ["event 2025-10-egypt"] and report.unchanged == 4
    egypt = (await session.exec(select(Event).where(Event.slug == "2025-10-egypt"))).one()
    assert egypt.title_ru == "Саммит в Египте" and egypt.version == 2
    assert [h.ref_id for h in await search(session, query="саммит", kind="event")] == [egypt.id]
    assert await search(session, query="встреча египет", kind="event") == []


async def test_maintainer_edit_survives_reseed_and_is_reported(session, tmp_path):
    folder = write_mini_dossier(tmp_path)
    await _load(session, folder)
    egypt = (await session.exec(select(Event).where(Event.slug == "2025-10-egypt"))).one()
    egypt.title_en, egypt.edited_by = "Edited by a maintainer", 4242
    session.add(egypt)
    await session.commit()

    assert not (await _load(session, folder)).changed  # seed unchanged: nothing to report
    write_mini_dossier(tmp_path, events=EVENTS.replace("Meeting in Egypt", "Egypt summit"))
    report = await _load(session, folder)
    assert not report.changed
    assert report.skipped == ["event 2025-10-egypt: edited by a maintainer, seed change not applied"]
    await session.refresh(egypt)
    assert egypt.title_en == "Edited by a maintainer"


async def test_entries_left_out_of_seeds_are_removed_but_maintainer_ones_kept(session, tmp_path):
    folder = write_mini_dossier(tmp_path)
    await _load(session, folder)
    session.add(Event(slug="maintainer-event", date=dt.date(2026, 3, 1), title_ru="т", title_en="t",
                      summary_ru="с", summary_en="s", origin="maintainer", edited_by=7))
    await session.commit()
    only_signing = EVENTS.split("[[event]]\nslug = \"2025-10-egypt\"")[0]
    write_mini_dossier(tmp_path, events=only_signing)
    report = await _load(session, folder)
    assert report.removed == ["event 2025-10-egypt"]
    slugs = set((await session.exec(select(Event.slug))).all())
    assert slugs == {"2026-02-10-signing", "maintainer-event"}
    assert await search(session, query="Шейх", kind="event") == []


async def test_a_failed_load_leaves_nothing_half_written(session, tmp_path):
    folder = write_mini_dossier(tmp_path)
    dossier = read_dossier(folder)
    # Bypass validation: the last event names a source that does not exist, so the
    # load fails after sources and topics were already written in the transaction.
    bad_event = dossier.events[-1].model_copy(update={"sources": ["missing"]})
    broken = dossier.model_copy(update={"events": [*dossier.events[:-1], bad_event]})
    with pytest.raises(KeyError):
        await load_dossier(session, dossier=broken, now=NOW)
        await session.commit()
    await session.rollback()
    assert (await session.exec(select(Source))).all() == []
    assert (await session.exec(select(Topic))).all() == []


def test_invalid_files_name_the_file_and_field(tmp_path):
    folder = write_mini_dossier(tmp_path, events=EVENTS.replace('date = "2025-10"', 'date = "2025-13"'))
    with pytest.raises(SeedError, match=r"events\.toml \[2025-10-egypt\]: date"):
        read_dossier(folder)
    write_mini_dossier(tmp_path, events=EVENTS.replace('topics = ["charter"]', 'topics = ["nope"]'))
    with pytest.raises(SeedError, match="unknown topic 'nope'"):
        read_dossier(folder)


async def test_sources_carry_a_title_per_reader_language_and_cards_their_date(session, tmp_path):
    await _load(session, write_mini_dossier(tmp_path))
    sources = {s.key: s for s in (await session.exec(select(Source))).all()}
    assert (sources["src-a"].title, sources["src-a"].title_ru, sources["src-a"].title_en) == (
        "Первая статья", "Первая статья", "The first article")
    assert (sources["src-b"].title_ru, sources["src-b"].title_en) == ("Вторая статья", "Second article")
    charter = (await session.exec(select(Topic))).one()
    assert charter.as_of == dt.date(2026, 2, 12)


async def test_maintainer_edited_source_keeps_its_titles_on_reseed(session, tmp_path):
    folder = write_mini_dossier(tmp_path)
    await _load(session, folder)
    src = (await session.exec(select(Source).where(Source.key == "src-a"))).one()
    src.title_en, src.edited_by = "A maintainer's title", 4242
    session.add(src)
    await session.commit()
    write_mini_dossier(tmp_path, sources=SOURCES.replace("The first article", "First article, retitled"))
    report = await _load(session, folder)
    assert report.skipped == ["source src-a: edited by a maintainer, seed change not applied"]
    await session.refresh(src)
    assert src.title_en == "A maintainer's title"


def test_a_source_needs_a_title_for_readers_of_other_languages_and_a_card_its_date(tmp_path):
    write_mini_dossier(tmp_path, sources=SOURCES.replace('title_en = "The first article"\n', ""))
    with pytest.raises(SeedError, match="src-a: the title is in 'ru', add title_en"):
        read_dossier(tmp_path)
    write_mini_dossier(tmp_path, topic=TOPIC.replace("as_of = 2026-02-12\n", ""))
    with pytest.raises(SeedError, match="as_of"):
        read_dossier(tmp_path)
