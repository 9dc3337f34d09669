"""Scraped-text files: header line, outlet, and inputs that are not articles."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.ingest.raw_article import RejectedArticle
from bot.ingest.scraped import outlet_from_attribution, parse_scraped

EXPECTED_HEADERS = {
    # id: (date, title, outlet, section)
    "000": (dt.date(2026, 2, 7),
            "Визит Джей Ди Вэнса в Азербайджан: личная дипломатия Трампа и новый этап двусторонних отношений",
            "1news.az", "Новости"),
    "001": (dt.date(2026, 1, 6), "Баку и Вашингтон перелистывают кризисную страницу отношений",
            "1news.az", "Новости"),
    "002": (None, None, None, None),            # no date line at all
    "003": (dt.date(2026, 2, 10), None, "УНН", None),  # date then a photo credit; "..., пишет УНН."
    "004": (dt.date(2026, 2, 12), None, "Day.Az", None),  # date then text; "Как передает Day.Az, ..."
}


@pytest.mark.parametrize("seed", sorted(EXPECTED_HEADERS))
def test_seed_headers(seed_raw, seed):
    raw = seed_raw[seed]
    assert (raw.published, raw.title, raw.outlet, raw.section) == EXPECTED_HEADERS[seed]
    assert raw.url is None
    assert not raw.body.startswith(" date")


def test_header_text_after_date_becomes_body(seed_raw):
    assert seed_raw["003"].body.startswith("Фото: Reuters")
    assert seed_raw["004"].body.startswith("На фоне происходящих в последнее время трансформаций")
    assert seed_raw["002"].body.startswith("Азербайджано-американский политический диалог")


def test_date_only_header():
    raw = parse_scraped(" date 2026-02-10\nСоединенные Штаты и Азербайджан подписали хартию.")
    assert raw.published == dt.date(2026, 2, 10)
    assert raw.title is None
    assert raw.body == "Соединенные Штаты и Азербайджан подписали хартию."


def test_header_without_leading_space_and_two_parts():
    raw = parse_scraped("date 2026-02-10 Заголовок | Outlet\nТекст статьи.")
    assert (raw.published, raw.title, raw.outlet) == (dt.date(2026, 2, 10), "Заголовок", "Outlet")


def test_word_date_at_start_is_text():
    raw = parse_scraped("dateline: Baku. The text goes on.")
    assert raw.published is None
    assert raw.body == "dateline: Baku. The text goes on."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty input"),
        (b"   \n\n\t ", "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "NUL bytes"),
        (bytes(range(128, 256)), "not UTF-8"),
        ("\x01\x02\x03\x04 text \x05\x06\x07\x08", "control characters"),
        (" date 2026-02-30  Заголовок | Outlet | Раздел\nТекст.", "impossible date '2026-02-30'"),
        (" date 2026-13-01\nТекст.", "impossible date"),
        (" date 2026-2-3\nТекст.", "malformed date"),
        (" date\nТекст.", "date line without a date"),
        (" date 2026-02-10  Заголовок | Outlet | Раздел\n\n", "no text after the date line"),
    ],
)
def test_bad_input_is_rejected_with_a_reason(data, reason):
    with pytest.raises(RejectedArticle) as caught:
        parse_scraped(data)
    assert reason in caught.value.reason


def test_impossible_date_reason_is_readable():
    with pytest.raises(RejectedArticle) as caught:
        parse_scraped(" date 2026-02-30 Title | Outlet | Section\nBody.")
    assert caught.value.reason == (
        "impossible date '2026-02-30' in the date line (day is out of range for month)"
    )


def test_bytes_with_bom_and_crlf():
    raw = parse_scraped("\ufeff date 2026-02-10 T | O | S\r\nТекст.\r\n".encode("utf-8"))
    assert raw.published == dt.date(2026, 2, 10)
    assert raw.body == "Текст."


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Как передает Day.Az, об этом сказал Trend политолог.", "Day.Az"),
        ("Об этом сообщает Reuters, пишет УНН.", "УНН"),
        ("Как сообщает Report, визит начался.", "Report"),
        ("As reported by Reuters, the talks began.", "Reuters"),
        ("Об этом сообщает Reuters.", None),  # the source, not the outlet
        ("Он пишет письма.", None),
    ],
)
def test_outlet_from_attribution(text, outlet):
    assert outlet_from_attribution(text) == outlet
