"""Forms in progress, one per maintainer and chat, timing out after 30 minutes of silence."""
from __future__ import annotations

import datetime as dt

from sqlmodel import delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Draft

TIMEOUT = dt.timedelta(minutes=30)


def expired(draft: Draft, now: dt.datetime) -> bool:
    return now - draft.updated_at >= TIMEOUT


async def get_draft(session: AsyncSession, *, chat_id: int, user_id: int) -> Draft | None:
    return (await session.exec(select(Draft).where(Draft.chat_id == chat_id, Draft.user_id == user_id))).first()


async def start_draft(
    session: AsyncSession, *, chat_id: int, user_id: int, kind: str, step: str, data: dict, language: str,
    now: dt.datetime,
) -> Draft:
    """A new form, replacing whatever form this maintainer had open in this chat."""
    await session.exec(delete(Draft).where(Draft.chat_id == chat_id, Draft.user_id == user_id))
    draft = Draft(chat_id=chat_id, user_id=user_id, kind=kind, step=step, data=data, language=language,
                  updated_at=now)
    session.add(draft)
    await session.flush()
    return draft


async def save_draft(session: AsyncSession, draft: Draft, *, step: str, data: dict, now: dt.datetime) -> None:
    # A new dict: SQLAlchemy does not notice changes made inside a JSON value.
    draft.step, draft.data, draft.updated_at = step, dict(data), now
    session.add(draft)
    await session.flush()


async def drop_draft(session: AsyncSession, draft: Draft) -> None:
    await session.delete(draft)
    await session.flush()


async def take_expired(session: AsyncSession, *, now: dt.datetime, limit: int = 100) -> list[Draft]:
    """Forms abandoned for TIMEOUT, removed from the store (the caller commits and tells their owners)."""
    rows = list((await session.exec(select(Draft).where(Draft.updated_at <= now - TIMEOUT)
                                    .order_by(Draft.updated_at).limit(limit))).all())
    for draft in rows:
        await session.delete(draft)
    await session.flush()
    return rows
