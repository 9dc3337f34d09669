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


async def page_of(session: AsyncSession, chosen, *, columns: tuple, id_column, order_by: tuple, page: int,
                  page_size: int) -> Slice:
    """Page `page` of the rows whose ids `chosen` selects, as `columns` (over the table of `id_column`).

    One statement returns the page and the total; only a page past the end (a
    button pressed after rows went away) needs the total first and a second try.
    """
    page = max(page, 0)
    rows = await _rows(session, chosen, columns, id_column, order_by, page, page_size)
    if rows:
        total = rows[0].total
    elif page == 0:
        total = 0
    else:
        total = (await session.exec(select(func.count()).select_from(chosen.subquery()))).one()
    pages = max(1, math.ceil(total / page_size))
    if not rows and total and page > pages - 1:
        page = pages - 1
        rows = await _rows(session, chosen, columns, id_column, order_by, page, page_size)
    return Slice(list(rows), min(page, pages - 1), pages, total)


async def _rows(session, chosen, columns, id_column, order_by, page, page_size) -> list:
    window = chosen.order_by(*order_by).offset(page * page_size).limit(page_size).subquery()
    total = select(func.count()).select_from(chosen.subquery()).scalar_subquery()
    statement = select(*columns, total.label("total")).join(window, window.c.id == id_column).order_by(*order_by)
    return (await session.exec(statement)).all()
