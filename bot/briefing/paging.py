"""One page of a query's rows, with the total, clamped to the pages that exist."""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from sqlalchemy import Integer, bindparam, func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession


@dataclass(frozen=True)
class Slice:
    rows: list
    page: int  # zero-based, clamped to the last page
    pages: int  # at least 1, even when there are no rows
    total: int


async def page_of(session: AsyncSession, chosen, *, columns: tuple, id_column, order_by: tuple, page: int,
                  page_size: int, params: dict | None = None) -> Slice:
    """Page `page` of the rows whose ids `chosen` selects, as `columns` (over the table of `id_column`).

    One statement returns the page and the total; only a page past the end (a
    button pressed after rows went away) needs the total first and a second try.
    `params` are the values of `chosen`'s bound parameters. The statement is made
    once per `chosen`, `columns`, `id_column` and `order_by` (the same objects:
    callers keep them), its page as parameters.
    """
    page, params = max(page, 0), params or {}
    statement = _page_statement(chosen, columns, id_column, order_by)
    rows = await _rows(session, statement, params, page, page_size)
    if rows:
        total = rows[0].total
    elif page == 0:
        total = 0
    else:
        total = (await session.exec(select(func.count()).select_from(chosen.subquery()), params=params)).one()
    pages = max(1, math.ceil(total / page_size))
    if not rows and total and page > pages - 1:
        page = pages - 1
        rows = await _rows(session, statement, params, page, page_size)
    return Slice(list(rows), min(page, pages - 1), pages, total)


@functools.lru_cache(maxsize=64)
def _page_statement(chosen, columns: tuple, id_column, order_by: tuple):
    window = (chosen.order_by(*order_by).offset(bindparam("page_offset", type_=Integer))
              .limit(bindparam("page_limit", type_=Integer)).subquery())
    total = select(func.count()).select_from(chosen.subquery()).scalar_subquery()
    return select(*columns, total.label("total")).join(window, window.c.id == id_column).order_by(*order_by)


async def _rows(session, statement, params: dict, page: int, page_size: int) -> list:
    bounds = {"page_offset": page * page_size, "page_limit": page_size}
    return (await session.exec(statement, params=params | bounds)).all()
