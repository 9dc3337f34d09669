"""Topics by maintainers: a new topic with its keyword rules, and edits of a topic's card.

Like events, every write is versioned, audited and marks the row as a
maintainer's, so `briefbot seed` leaves it alone. Nothing here commits.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.maintenance import audit, validation
from bot.maintenance.versioned import NotFound, save_versioned
from storage.models import Topic
from storage.seed_schema import LANGS

TEXT_FIELDS = tuple(f"{name}_{lang}" for name in ("name", "tagline", "card") for lang in LANGS)
FIELDS = (*TEXT_FIELDS, "keywords")
SNAPSHOT_FIELDS = ("slug", *FIELDS, "hidden")


@dataclass(frozen=True)
class TopicInput:
    slug: str
    names: dict[str, str]
    taglines: dict[str, str]
    keywords: dict[str, list[str]]


def parse_field(field: str, text: str):
    """A card field's new value from what the maintainer typed (Invalid if unacceptable)."""
    if field.startswith("name_"):
        return validation.one_line_text(text, field="name", limit=validation.NAME_MAX)
    if field.startswith("tagline_"):
        return validation.one_line_text(text, field="tagline", limit=validation.TAGLINE_MAX)
    if field.startswith("card_"):
        return validation.long_text(text, field="card", limit=validation.CARD_MAX)
    return validation.keywords(text)


async def get_topic(session: AsyncSession, *, slug: str) -> Topic:
    topic = (await session.exec(select(Topic).where(Topic.slug == slug.lower()))).first()
    if topic is None:
        raise NotFound(slug)
    return topic


async def slugs_in_use(session: AsyncSession) -> set[str]:
    return set((await session.exec(select(Topic.slug))).all())


def snapshot(topic: Topic) -> dict:
    return {name: getattr(topic, name) for name in SNAPSHOT_FIELDS} | {"version": topic.version}


async def create_topic(session: AsyncSession, *, data: TopicInput, actor_id: int, now: dt.datetime) -> Topic:
    """A new visible topic, last in the menus, with an empty card to write with /editcard (audited)."""
    last = (await session.exec(select(func.max(Topic.position)))).one()
    topic = Topic(slug=data.slug, position=(last or 0) + 1, keywords=data.keywords, key_events=[],
                  origin="maintainer", edited_by=actor_id, created_at=now, updated_at=now,
                  **{f"name_{lang}": data.names[lang] for lang in LANGS},
                  **{f"tagline_{lang}": data.taglines[lang] for lang in LANGS},
                  **{f"card_{lang}": "" for lang in LANGS})
    session.add(topic)
    await session.flush()
    audit.record(session, actor_id=actor_id, action="create", entity="topic", key=topic.slug, before=None,
                 after=snapshot(topic), now=now)
    return topic


async def edit_topic(
    session: AsyncSession, *, slug: str, expected_version: int, field: str, value, actor_id: int, now: dt.datetime,
) -> Topic:
    """Set one card field; Conflict if the topic moved past `expected_version` (audited)."""
    topic = await get_topic(session, slug=slug)
    before = snapshot(topic)
    await save_versioned(session, topic, expected_version=expected_version, values={field: value},
                         actor_id=actor_id, now=now)
    audit.record(session, actor_id=actor_id, action="update", entity="topic", key=topic.slug, before=before,
                 after=snapshot(topic), now=now)
    return topic


async def restore_topic(
    session: AsyncSession, topic: Topic, state: dict | None, *, expected_version: int, actor_id: int,
    now: dt.datetime,
) -> None:
    """Put back an audited state (None: the topic did not exist, so it is hidden) — for /undo."""
    values = {"hidden": True} if state is None else {name: state[name] for name in (*FIELDS, "hidden")}
    await save_versioned(session, topic, expected_version=expected_version, values=values, actor_id=actor_id,
                         now=now)
