"""Look up catalog text by language and key, with plural forms and dates."""
from __future__ import annotations

import datetime as dt
from types import ModuleType

from bot.render.locales import en, ru

CATALOGS: dict[str, ModuleType] = {"ru": ru, "en": en}


def t(lang: str, key: str, **values: object) -> str:
    """The catalog text for `key` in `lang`, formatted with `values` (already HTML-escaped)."""
    template = CATALOGS[lang].TEXTS[key]
    if isinstance(template, tuple):
        raise TypeError(f"{key} has plural forms; use plural()")
    return template.format(**values) if values else template


def plural(lang: str, key: str, n: int) -> str:
    forms = CATALOGS[lang].TEXTS[key]
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            form = forms[0]
        elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            form = forms[1]
        else:
            form = forms[2]
    else:
        form = forms[0] if n == 1 else forms[1]
    return form.format(n=n)


def format_date(lang: str, date: dt.date, precision: str = "day") -> str:
    """A date at its precision: "10 февраля 2026" / "October 2025" / "2001"."""
    catalog = CATALOGS[lang]
    if precision == "year":
        return str(date.year)
    if precision == "month":
        return f"{catalog.MONTHS_STANDALONE[date.month - 1]} {date.year}"
    return f"{date.day} {catalog.MONTHS[date.month - 1]} {date.year}"


def format_day_month(lang: str, date: dt.date) -> str:
    return f"{date.day} {CATALOGS[lang].MONTHS[date.month - 1]}"
