"""`json_rows(a, b, …)`: an aggregate of the matching rows as a JSON array of [a, b, …] arrays, on both databases.

It lets one statement return an event (or article) together with its topics
and sources, instead of one statement per kind of row. Neither database
promises an order inside the aggregate, so callers include a position and sort.
No rows give NULL on PostgreSQL and [] on SQLite: `rows_of` reads both as [].
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction


class json_rows(GenericFunction):  # noqa: N801 (an SQL function name)
    type = JSON()
    inherit_cache = True


@compiles(json_rows, "sqlite")
def _sqlite(element, compiler, **kw) -> str:
    return f"json_group_array(json_array({compiler.process(element.clauses, **kw)}))"


@compiles(json_rows, "postgresql")
def _postgresql(element, compiler, **kw) -> str:
    return f"json_agg(json_build_array({compiler.process(element.clauses, **kw)}))"


def rows_of(value) -> list[list]:
    return value or []


def date_of(value: str | None) -> dt.date | None:
    """A date inside JSON arrives as its ISO text."""
    return dt.date.fromisoformat(value[:10]) if value else None
