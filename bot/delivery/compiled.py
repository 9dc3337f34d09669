"""A statement compiled once for a dialect, with its values in the driver's own order and form.

The sender's usual transaction runs on the driver's connection (bot/delivery/sqlite_writes.py,
bot/delivery/pg_writes.py), not through a session: the same SQL as SQLAlchemy compiles it, and the
values processed as SQLAlchemy would process them (same stored values).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class Compiled:
    """A statement compiled once for the dialect, and its positional values from the named ones given
    (`given`); the statement's own literal values are processed once, here."""

    def __init__(self, statement, dialect, given: Sequence[str]) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql: str = compiled.string
        literal = compiled.construct_params({name: None for name in given})
        self._steps: list[tuple[str | None, Any, Any]] = []  # (name given, its processor) or (None, None, value)
        for name in compiled.positiontup:
            process = compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
            if name in given:
                self._steps.append((name, process, None))
            else:
                self._steps.append((None, None, literal[name] if process is None else process(literal[name])))

    def values(self, named: dict[str, Any]) -> tuple:
        return tuple(value if name is None else named[name] if process is None else process(named[name])
                     for name, process, value in self._steps)
