"""Answers to input a maintainer must correct, in their language, with an example."""
from __future__ import annotations

from bot.maintenance.validation import Invalid
from bot.render.html import esc
from bot.render.i18n import t


def invalid_text(lang: str, exc: Invalid) -> str:
    """The catalog text for `exc`: user-typed values escaped, field names translated."""
    values = {name: esc(str(value)) for name, value in exc.values.items()}
    if "field" in values:
        values["field"] = t(lang, f"maint.what.{exc.values['field']}")
    return t(lang, f"maint.invalid.{exc.key}", **values)
