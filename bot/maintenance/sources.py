"""Sources that maintainers cite: an existing source with the same URL, else a new one."""
from __future__ import annotations

import datetime as dt
import hashlib

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.ingest.language import detect_language
from bot.maintenance.validation import SourceInput
from storage.models import Source


def source_key(url: str) -> str:
    """Maintainers' sources get keys of their own ("m-…"), derived from the URL."""
    return "m-" + hashlib.sha256(url.encode()).hexdigest()[:16]


async def source_ids(
    session: AsyncSession, *, sources: list[SourceInput], fallback_title: str, actor_id: int, now: dt.datetime,
) -> list[int]:
    """Ids of the cited sources in order, creating those not yet stored (the caller commits)."""
    ids = []
    for cited in sources:
        row = (await session.exec(select(Source).where(Source.url == cited.url).order_by(Source.id))).first()
        if row is None:
            title = cited.title or fallback_title
            row = Source(key=source_key(cited.url), outlet=cited.outlet, title=title, url=cited.url,
                         language=detect_language(title, default="en"), origin="maintainer", edited_by=actor_id,
                         created_at=now, updated_at=now)
            session.add(row)
            await session.flush()
        ids.append(row.id)
    return list(dict.fromkeys(ids))


async def source_keys_by_id(session: AsyncSession, *, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {row.id: row.key for row in (await session.exec(select(Source).where(Source.id.in_(ids)))).all()}
