"""One page of a query's rows, with the total, clamped to the pages that exist."""
from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession


@dataclass(frozen=True)
class Slice:
    rows: list
    page: int  # zero-based, clamped to the last page
    pages: int  # at least 1, even when there are no rows
    total: int


async def page_of(session: AsyncSession, query, *, order_by: tuple, page: int, page_size: int) -> Slice:
    total = (await session.exec(select(func.count()).select_from(query.subquery()))).one()
    pages = max(1, math.ceil(total / page_size))
    page = min(max(page, 0), pages - 1)
    rows = (await session.exec(query.order_by(*order_by).offset(page * page_size).limit(page_size))).all()
    return Slice(list(rows), page, pages, total)
