"""The years of the timeline: what a reader may pick to narrow it."""
from __future__ import annotations

from sqlalchemy import Integer, cast, extract
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Event


async def timeline_years(session: AsyncSession) -> list[int]:
    """The years with visible events, newest first."""
    year = cast(extract("year", Event.date), Integer)
    rows = (await session.exec(select(year).where(Event.hidden == False).distinct())).all()  # noqa: E712
    return sorted((int(y) for y in rows), reverse=True)
