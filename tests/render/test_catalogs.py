"""Every catalog key exists in every language, with the same placeholders."""
from __future__ import annotations

import re
import string

from bot.render.i18n import CATALOGS, format_date, plural, t
import datetime as dt


def _fields(template) -> set[str]:
    templates = template if isinstance(template, tuple) else (template,)
    return {f for tpl in templates for _, f, _, _ in string.Formatter().parse(tpl) if f}


def test_same_keys_everywhere():
    keys = {lang: set(cat.TEXTS) for lang, cat in CATALOGS.items()}
    assert keys["ru"] == keys["en"]


def test_same_placeholders_everywhere():
    for key, template in CATALOGS["en"].TEXTS.items():
        assert _fields(template) == _fields(CATALOGS["ru"].TEXTS[key]), key


def test_catalog_html_is_balanced():
    for lang, catalog in CATALOGS.items():
        for key, template in catalog.TEXTS.items():
            for tpl in template if isinstance(template, tuple) else (template,):
                opened = re.findall(r"<(b|i|code|u)>", tpl)
                closed = re.findall(r"</(b|i|code|u)>", tpl)
                assert sorted(opened) == sorted(closed), (lang, key)
                assert not re.search(r"<(?!/?(b|i|code|u)>)", tpl), (lang, key)


def test_russian_plurals():
    assert [plural("ru", "years_ago", n) for n in (1, 2, 5, 11, 21, 22, 34)] == [
        "1 год назад", "2 года назад", "5 лет назад", "11 лет назад", "21 год назад", "22 года назад",
        "34 года назад"]
    assert plural("en", "years_ago", 1) == "1 year ago" and plural("en", "years_ago", 3) == "3 years ago"


def test_dates_at_their_precision():
    day = dt.date(2026, 2, 10)
    assert format_date("ru", day) == "10 февраля 2026" and format_date("en", day) == "10 February 2026"
    assert format_date("ru", day, "month") == "февраль 2026" and format_date("en", day, "month") == "February 2026"
    assert format_date("ru", day, "year") == "2026"
    assert t("en", "lang.changed").startswith("Done")
