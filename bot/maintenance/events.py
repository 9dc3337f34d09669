"""Timeline entries by maintainers: create, edit one field, hide, restore; audited and indexed.

Every write keeps the entry's search document in step in the same
transaction (hidden entries have none) and marks the row as a maintainer's
(`edited_by`), so `briefbot seed` never overwrites it. Nothing here commits.
"""
from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.maintenance import audit, validation
from bot.maintenance.sources import source_ids
from bot.maintenance.validation import SourceInput
from bot.maintenance.versioned import NotFound, save_versioned
from storage.articles import topic_ids
from storage.indexing import index_event
from storage.models import Event, EventSource, EventTopic, Source, Topic
from storage.search import remove_document
from storage.seed_loader import replace_links
from storage.seed_schema import LANGS, PartialDate

TEXT_FIELDS = tuple(f"{name}_{lang}" for name in ("title", "summary") for lang in LANGS)
FIELDS = ("date", *TEXT_FIELDS, "topics", "sources")


@dataclass(frozen=True)
class EventInput:
    """A new entry as typed: texts in one language or both."""

    date: PartialDate
    titles: dict[str, str]
    summaries: dict[str, str]
    topics: tuple[str, ...] = ()
    sources: tuple[SourceInput, ...] = ()

    @property
    def untranslated(self) -> str | None:
        """The language left for translation when only one was written."""
        missing = [lang for lang in LANGS if lang not in self.titles]
        return missing[0] if missing else None

    def text(self, name: str, lang: str) -> str:
        """The text shown in `lang`: its own, or the written language's while awaiting translation."""
        texts = self.titles if name == "title" else self.summaries
        return texts.get(lang) or next(iter(texts.values()))


def parse_field(field: str, text: str, *, known_topics: list[str]):
    """A field's new value from what the maintainer typed (Invalid if unacceptable)."""
    if field == "date":
        return validation.parse_date(text)
    if field.startswith("title_"):
        return validation.title(text)
    if field.startswith("summary_"):
        return validation.summary(text)
    if field == "topics":
        return validation.topic_list(text, known_topics)
    return validation.sources(text)


async def get_event(session: AsyncSession, *, event_id: int) -> Event:
    event = await session.get(Event, event_id)
    if event is None:
        raise NotFound(event_id)
    return event


async def snapshot(session: AsyncSession, event: Event) -> dict:
    """The entry as the audit trail keeps it (enough to restore it)."""
    topics = (await session.exec(select(Topic.slug).join(EventTopic, EventTopic.topic_id == Topic.id)
                                 .where(EventTopic.event_id == event.id).order_by(Topic.position, Topic.slug))).all()
    sources = (await session.exec(select(Source.key).join(EventSource, EventSource.source_id == Source.id)
                                  .where(EventSource.event_id == event.id).order_by(EventSource.position))).all()
    values = {name: audit.jsonable(getattr(event, name)) for name in ("date", "precision", *TEXT_FIELDS)}
    return values | {"needs_translation": event.needs_translation, "hidden": event.hidden, "topics": list(topics),
                     "sources": list(sources), "version": event.version}


async def _reindex(session: AsyncSession, event: Event) -> None:
    if event.hidden:
        await remove_document(session, kind="event", ref_id=event.id)
    else:
        await index_event(session, event)


async def _link_topics(session: AsyncSession, event_id: int, slugs: list[str]) -> None:
    ids = await topic_ids(session, slugs=slugs)
    await replace_links(session, EventTopic, "event_id", event_id, "topic_id", [ids[s] for s in slugs if s in ids])


async def create_event(session: AsyncSession, *, data: EventInput, actor_id: int, now: dt.datetime) -> Event:
    """A new visible entry, dated now for the digests' "new in the dossier" (audited)."""
    columns = {f"{name}_{lang}": data.text(name, lang) for name in ("title", "summary") for lang in LANGS}
    event = Event(slug=f"m-{data.date.value.isoformat()}-{secrets.token_hex(4)}", date=data.date.value,
                  precision=data.date.precision, needs_translation=data.untranslated, origin="maintainer",
                  edited_by=actor_id, created_at=now, updated_at=now, **columns)
    session.add(event)
    await session.flush()
    await _link_topics(session, event.id, list(data.topics))
    cited = await source_ids(session, sources=list(data.sources), fallback_title=data.text("title", "en"),
                             actor_id=actor_id, now=now)
    await replace_links(session, EventSource, "event_id", event.id, "source_id", cited)
    await _reindex(session, event)
    audit.record(session, actor_id=actor_id, action="create", entity="event", key=event.id, before=None,
                 after=await snapshot(session, event), now=now)
    return event


async def edit_event(
    session: AsyncSession, *, event_id: int, expected_version: int, field: str, value, actor_id: int,
    now: dt.datetime,
) -> Event:
    """Set one field (a value from parse_field); Conflict if the entry moved past `expected_version`."""
    event = await get_event(session, event_id=event_id)
    before = await snapshot(session, event)
    values: dict = {}
    if field == "date":
        values = {"date": value.value, "precision": value.precision}
    elif field in TEXT_FIELDS:
        values = {field: value}
        texts = {name: getattr(event, name) for name in TEXT_FIELDS} | values
        if event.needs_translation and _translated(texts, event.needs_translation):
            values["needs_translation"] = None
    await save_versioned(session, event, expected_version=expected_version, values=values, actor_id=actor_id,
                         now=now)
    if field == "topics":
        await _link_topics(session, event.id, value)
    elif field == "sources":
        title = event.title_en if event.needs_translation != "en" else event.title_ru
        cited = await source_ids(session, sources=value, fallback_title=title, actor_id=actor_id, now=now)
        await replace_links(session, EventSource, "event_id", event.id, "source_id", cited)
    await _reindex(session, event)
    audit.record(session, actor_id=actor_id, action="update", entity="event", key=event.id, before=before,
                 after=await snapshot(session, event), now=now)
    return event


def _translated(texts: dict[str, str], lang: str) -> bool:
    """Both texts in `lang` differ from the written language's: the translation is in."""
    other = next(code for code in LANGS if code != lang)
    return all(texts[f"{name}_{lang}"] != texts[f"{name}_{other}"] for name in ("title", "summary"))


async def hide_event(
    session: AsyncSession, *, event_id: int, expected_version: int | None, actor_id: int, now: dt.datetime,
) -> Event:
    """Soft delete: readers, search and digests no longer see the entry (audited)."""
    event = await get_event(session, event_id=event_id)
    before = await snapshot(session, event)
    version = event.version if expected_version is None else expected_version
    await save_versioned(session, event, expected_version=version, values={"hidden": True}, actor_id=actor_id,
                         now=now)
    await _reindex(session, event)
    audit.record(session, actor_id=actor_id, action="hide", entity="event", key=event.id, before=before,
                 after=await snapshot(session, event), now=now)
    return event


async def restore_event(
    session: AsyncSession, event: Event, state: dict | None, *, expected_version: int, actor_id: int,
    now: dt.datetime,
) -> None:
    """Put back an audited state (None: the entry did not exist, so it is hidden) — for /undo."""
    if state is None:
        values = {"hidden": True}
    else:
        values = {name: state[name] for name in ("precision", *TEXT_FIELDS, "needs_translation", "hidden")}
        values["date"] = dt.date.fromisoformat(state["date"])
    await save_versioned(session, event, expected_version=expected_version, values=values, actor_id=actor_id,
                         now=now)
    if state is not None:
        await _link_topics(session, event.id, state["topics"])
        rows = (await session.exec(select(Source.key, Source.id).where(Source.key.in_(state["sources"])))).all()
        ids = dict(rows)
        await replace_links(session, EventSource, "event_id", event.id, "source_id",
                            [ids[k] for k in state["sources"] if k in ids])
    await _reindex(session, event)
