"""The headline of a scraped page whose date line carries no title."""
from __future__ import annotations

import pytest

from bot.ingest.headline_line import find_headline
from bot.ingest.scraped import parse_scraped

HEADLINE = "Алиев и Вэнс подписали хартию о стратегическом партнерстве"
TICKER = "USD 1.7000 EUR 1.9811 RUB 0.0221"
WEATHER = "Баку +12°C"


def seed_text(folder, number: str) -> str:
    return next(folder.glob(f"{number}_*.txt")).read_text(encoding="utf-8")


def body_of(folder, number: str) -> str:
    """A seed article without its date line."""
    return seed_text(folder, number).split("\n", 1)[1].lstrip("\n")


@pytest.mark.parametrize("page", [
    # furniture before the headline, on the date line and below it
    " date 2026-02-10 {ticker}\n{weather}\n\nГлавная\nПолитика\n\n{headline}\n\n{body}",
    # furniture between the headline and the lead
    " date 2026-02-10 {weather}\n\n{headline}\n\nФото: Reuters\n\n{ticker}\n\n{body}",
    # repeated headline (h1 and share title), furniture after the text
    " date 2026-02-10 {ticker} {weather}\nМнение\n\n{headline}\n\nFirst News Media 15:35 - Сегодня\n{headline}\n\n"
    "{body}\n\nПоделиться\n125\nПоследние новости\nВ Баку открылась новая станция метро\n",
])
@pytest.mark.parametrize("seed", ["003", "004"])
def test_headline_below_a_furniture_date_line_is_the_title(shared_seeds_dir, page, seed):
    text = page.format(ticker=TICKER, weather=WEATHER, headline=HEADLINE, body=body_of(shared_seeds_dir, seed))
    article = parse_scraped(text)
    assert article.title == HEADLINE


def test_seed_articles_keep_their_titles_or_have_none(shared_seeds_dir):
    titles = {number: parse_scraped(seed_text(shared_seeds_dir, number)).title
              for number in ("000", "001", "002", "003", "004")}
    assert titles["001"] == "Баку и Вашингтон перелистывают кризисную страницу отношений"
    assert titles["000"].startswith("Визит Джей Ди Вэнса в Азербайджан")
    # 002 starts with its lead, 003 with a photo credit, 004 with the lead on the date line
    assert titles["002"] is None and titles["003"] is None and titles["004"] is None


def test_the_repeated_title_of_a_seed_page_is_found_in_its_body(shared_seeds_dir):
    assert find_headline(body_of(shared_seeds_dir, "001")) == "Баку и Вашингтон перелистывают кризисную страницу отношений"


def test_tickers_weather_and_menus_are_never_the_headline():
    text = f"{TICKER}\n\n{WEATHER}\n\nПогода в Баку 12 градусов\n\nГлавная\n\nВ мире\n\n" \
           "Президент подписал указ о новых мерах поддержки фермеров во всех регионах страны сегодня утром.\n"
    assert find_headline(text) is None
