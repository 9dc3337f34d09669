"""Load the curated dossier into the store, idempotently.

Each seeded row remembers the hash of the seed entry it came from. A re-run
creates what is new, updates what changed in `seeds/`, removes seed rows that
left `seeds/`, and never touches a row a maintainer added or edited.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from sqlmodel import delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.indexing import index_event
from storage.models import AuditEntry, Event, EventSource, EventTopic, Source, Topic, TopicSource
from storage.search import remove_document
from storage.seed_schema import LANGS, Dossier, EventSeed, SourceSeed, TopicSeed


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)  # "event x: why"

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


def seed_hash(entry: SourceSeed | TopicSeed | EventSeed) -> str:
    payload = json.dumps(entry.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def _maintainer_owned(row: Source | Topic | Event) -> bool:
    return row.origin != "seed" or row.edited_by is not None


async def load_dossier(session: AsyncSession, *, dossier: Dossier, now: dt.datetime) -> SeedReport:
    """Apply `dossier` to the store in the caller's transaction (the caller commits)."""
    report = SeedReport()
    sources = await _by_key(session, Source, Source.key)
    topics = await _by_key(session, Topic, Topic.slug)
    events = await _by_key(session, Event, Event.slug)

    for seed in dossier.sources:
        await _apply(session, report, "source", sources, seed.key, seed, _source_fields(seed), now)
    for seed in dossier.topics:
        row = await _apply(session, report, "topic", topics, seed.slug, seed, _topic_fields(seed), now)
        if row is not None:
            await replace_links(session, TopicSource, "topic_id", row.id, "source_id", [sources[k].id for k in seed.sources])
    for seed in dossier.events:
        row = await _apply(session, report, "event", events, seed.slug, seed, _event_fields(seed), now)
        if row is not None:
            await replace_links(session, EventTopic, "event_id", row.id, "topic_id", [topics[s].id for s in seed.topics])
            await replace_links(session, EventSource, "event_id", row.id, "source_id", [sources[k].id for k in seed.sources])
            await index_event(session, row)

    await _remove_dropped(session, report, "event", events, {e.slug for e in dossier.events}, now)
    await _remove_dropped(session, report, "topic", topics, {t.slug for t in dossier.topics}, now)
    await _remove_dropped(session, report, "source", sources, {s.key for s in dossier.sources}, now)
    return report


async def _by_key(session: AsyncSession, model, key_column) -> dict:
    rows = (await session.exec(select(model))).all()
    return {getattr(row, key_column.key): row for row in rows}


async def _apply(session, report, kind, rows, key, seed, fields, now):
    """Create or update one row; returns it when it was written (links to refresh)."""
    digest = seed_hash(seed)
    row = rows.get(key)
    if row is not None and _maintainer_owned(row):
        if row.seed_hash != digest:
            report.skipped.append(f"{kind} {key}: edited by a maintainer, seed change not applied")
        else:
            report.unchanged += 1
        return None
    if row is not None and row.seed_hash == digest:
        report.unchanged += 1
        return None
    before = _snapshot(row, fields) if row is not None else None
    if row is None:
        row = {"source": Source, "topic": Topic, "event": Event}[kind](origin="seed", created_at=now)
        rows[key] = row
        report.created.append(f"{kind} {key}")
    else:
        row.version += 1
        report.updated.append(f"{kind} {key}")
    for name, value in fields.items():
        setattr(row, name, value)
    row.seed_hash, row.updated_at = digest, now
    session.add(row)
    await session.flush()
    session.add(AuditEntry(at=now, action="seed", entity=kind, entity_key=key, before=before,
                           after=_snapshot(row, fields)))
    return row


async def _remove_dropped(session, report, kind, rows, keep: set[str], now) -> None:
    for key, row in list(rows.items()):
        if key in keep or row.origin != "seed":
            continue
        if row.edited_by is not None:
            report.skipped.append(f"{kind} {key}: left seeds/ but was edited by a maintainer, kept")
            continue
        if kind != "event" and await _still_used(session, kind, row.id):
            report.skipped.append(f"{kind} {key}: left seeds/ but maintainer entries still use it, kept")
            continue
        if kind == "event":
            await remove_document(session, kind="event", ref_id=row.id)
        await session.delete(row)
        await session.flush()
        session.add(AuditEntry(at=now, action="seed-remove", entity=kind, entity_key=key))
        report.removed.append(f"{kind} {key}")
        del rows[key]


async def _still_used(session, kind, row_id) -> bool:
    link, column = (EventTopic, EventTopic.topic_id) if kind == "topic" else (EventSource, EventSource.source_id)
    return (await session.exec(select(link).where(column == row_id).limit(1))).first() is not None


async def replace_links(session, link, owner_col: str, owner_id: int, target_col: str, target_ids: list[int]) -> None:
    """Make `owner_id`'s rows in the link table exactly `target_ids`, in order (`position`, where it has one)."""
    await session.exec(delete(link).where(getattr(link, owner_col) == owner_id))
    for position, target_id in enumerate(dict.fromkeys(target_ids)):
        values = {owner_col: owner_id, target_col: target_id}
        if "position" in link.model_fields:
            values["position"] = position
        session.add(link(**values))
    await session.flush()


def _snapshot(row, fields: dict) -> dict:
    return {name: _jsonable(getattr(row, name)) for name in fields}


def _jsonable(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _source_fields(seed: SourceSeed) -> dict:
    return {
        "key": seed.key, "outlet": seed.outlet, "title": seed.title,
        **{f"title_{lang}": seed.title_in(lang) for lang in LANGS}, "published": seed.published,
        "url": str(seed.url) if seed.url else None, "author": seed.author, "language": seed.language,
        "note": seed.note,
    }


def _topic_fields(seed: TopicSeed) -> dict:
    return {
        "slug": seed.slug, "position": seed.position,
        "name_ru": seed.name.ru, "name_en": seed.name.en,
        "tagline_ru": seed.tagline.ru, "tagline_en": seed.tagline.en,
        "card_ru": seed.card.ru, "card_en": seed.card.en, "as_of": seed.as_of,
        "key_events": list(seed.key_events), "keywords": seed.keywords.model_dump(),
    }


def _event_fields(seed: EventSeed) -> dict:
    return {
        "slug": seed.slug, "date": seed.date.value, "precision": seed.date.precision,
        "title_ru": seed.title.ru, "title_en": seed.title.en,
        "summary_ru": seed.summary.ru, "summary_en": seed.summary.en,
    }
