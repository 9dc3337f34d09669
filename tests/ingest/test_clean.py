"""Cleaning: the article text without the page around it."""
from __future__ import annotations

import re

import pytest

from bot.ingest.clean import clean_body, is_boilerplate

FIRST_AND_LAST = {
    "000": ("Предстоящий визит вице-президента США Джей Ди Вэнс в Азербайджан - не просто протокольное событие",
            "может стать одним из ключевых факторов устойчивости и предсказуемости на Южном Кавказе."),
    "001": ("Первой официальной делегацией, принятой в Азербайджане на высшем уровне в 2026 году",
            "обладающих долгосрочной геополитической и экономической значимостью для обеих стран."),
    "002": ("Азербайджано-американский политический диалог последнего времени характеризуется заметным оживлением",
            "Именно поэтому его можно по праву считать историческим шагом на пути углубления "
            "политического диалога между Баку и Вашингтоном."),
    "003": ("Соединенные Штаты и Азербайджан официально заключили соглашение о стратегическом партнерстве в Баку",
            "Мы укрепим наше стратегическое партнерство с Азербайджаном – отмечал ранее Трамп, "
            "подчеркивая важность Кавказа для американских интересов."),
    "004": ("На фоне происходящих в последнее время трансформаций в системе международных отношений",
            'делают его будущие стратегические инициативы более эффективными и ценными на '
            'международном уровне", - подчеркнул А. Гараев.'),
}
PARAGRAPHS = {"000": 13, "001": 13, "002": 54, "003": 7, "004": 10}
BOILERPLATE_MARKERS = (
    "Azərbaycanca", "First News Media", "От редакции", "Поделиться", "Актуально", "Выбор редактора",
    "Новости для вас", "Последние новости", "Все новости", "1news TV", "ВИДЕО", "ФОТО", "Сегодня,",
    "Фото: Reuters", "Ильгар Велизаде", "Мнение\n", "Общество\n",
)
TIMESTAMP = re.compile(r"\b\d{1,2}:\d{2}\b|\d{2} / \d{2} / \d{4}")


@pytest.mark.parametrize("seed", sorted(FIRST_AND_LAST))
def test_seed_body_starts_and_ends_with_real_sentences(seed_clean, seed):
    first, last = FIRST_AND_LAST[seed]
    assert seed_clean[seed].startswith(first)
    assert seed_clean[seed].endswith(last)


@pytest.mark.parametrize("seed", sorted(FIRST_AND_LAST))
def test_seed_body_has_no_boilerplate(seed_clean, seed_raw, seed):
    body = seed_clean[seed]
    for marker in BOILERPLATE_MARKERS:
        assert marker not in body, marker
    assert not TIMESTAMP.search(body)
    assert not {"AZ", "348"} & set(body.split("\n"))
    if seed_raw[seed].title:
        assert seed_raw[seed].title not in body  # the repeated title lines are gone
    assert body.count("\n\n") + 1 == PARAGRAPHS[seed]
    assert "\n\n\n" not in body and body == body.strip()


def test_subheading_inside_the_article_is_kept(seed_clean):
    assert "\n\nРегиональная дипломатия и энергетические перспективы\n\n" in seed_clean["003"]


def test_long_quote_spanning_paragraphs_is_kept(seed_clean):
    assert "С наилучшими пожеланиями Вам и всему народу Азербайджана»." in seed_clean["002"]


ARTICLE = [
    "Вице-президент США Джей Ди Вэнс прибыл в Баку с официальным визитом, сообщили в администрации президента.",
    "В ходе визита стороны подпишут Хартию о стратегическом партнерстве между двумя странами.",
    "Ожидается, что документ охватит сотрудничество в области безопасности, энергетики и транспорта.",
]


def test_generic_page_furniture_is_removed():
    page = "\n".join([
        "Главная", "Политика", "Экономика", "RU", "EN", "Azərbaycanca",
        "Мы используем файлы cookie, чтобы сайт работал лучше. Продолжая, вы соглашаетесь.",
        "Вэнс прибыл в Баку", "Автор: Иван Петров", "10 февраля 2026, 12:01",
        "", ARTICLE[0], "", ARTICLE[1],
        "Читайте также: Алиев принял делегацию Конгресса США",
        "Подписывайтесь на наш Telegram-канал, чтобы первыми узнавать новости!",
        ARTICLE[2],
        "Share", "1.2K", "Читайте также",
        "Что ждет отношения Баку и Вашингтона после визита Вэнса?",
        "Последние новости", "В Баку ожидается снег", "12:01",
        "Курс маната на сегодня - ФОТО - ВИДЕО", "Вчера, 18:40",
        "© 2026 Example News. Все права защищены.",
    ])
    assert clean_body(page, title="Вэнс прибыл в Баку") == "\n\n".join(ARTICLE)


def test_english_page_furniture_is_removed():
    article = [
        "US Vice President JD Vance arrived in Baku on Monday for talks with President Ilham Aliyev.",
        "By the end of the visit the two sides are expected to sign a strategic partnership charter.",
    ]
    page = "\n".join(["Home", "World", "Latest news", "By John Smith", "Updated 14:05", *article,
                      "Share this", "Editor's choice", "Why the Caucasus matters to Washington?",
                      "This website uses cookies to improve your experience."])
    assert clean_body(page) == "\n\n".join(article)


def test_nothing_but_furniture_gives_empty_text():
    assert clean_body("Главная\nПолитика\nПоследние новости\nСегодня, 12:01\n348\nAZ") == ""
    assert clean_body("") == ""


@pytest.mark.parametrize(
    "line",
    ["Сегодня, 16:53", "First News Media15:35 - Сегодня", "12:01", "348", "Поделиться:", "Выбор редакции",
     "Фото: Reuters", "Румией26 / 12 / 2025, 17:22", "Сбил пешехода - виноват. Всегда? - ВИДЕОРЕПОРТАЖ",
     "Подписывайтесь на нас в Telegram", "Azərbaycanca", "AZ", "12:01 | Политика"],
)
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    ["Встреча началась в 15:00 по местному времени и продлилась более двух часов, сообщили источники.",
     "Фотографии с места событий опубликовал пресс-секретарь президента.",
     "Встреча началась в 15:00.",
     "Продолжая тему, министр отметил важность транспортных коридоров."],
)
def test_prose_lines_are_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_feed_summary_read_more_links():
    summary = ("Вице-президент США Джей Ди Вэнс и президент Азербайджана подписали хартию. Читать далее →\n"
               "The post Vance in Baku appeared first on Caucasus Wire.")
    assert clean_body(summary) == "Вице-президент США Джей Ди Вэнс и президент Азербайджана подписали хартию."
    assert clean_body("The deal was signed in Baku on Tuesday by both leaders. [Read more…]") == (
        "The deal was signed in Baku on Tuesday by both leaders.")


def test_currency_tickers_and_weather_widgets_are_furniture():
    for line in ("USD 1.7000 EUR 1.9811 RUB 0.0221", "$ 1,70 € 1,98", "1.70 AZN", "Баку +12°C", "-3° Гянджа",
                 "Погода в Баку 12", "Курс валют: USD 1.7"):
        assert is_boilerplate(line), line
    assert not is_boilerplate("Курс доллара к манату сегодня не изменился и составляет 1.7 AZN.")
    page = "USD 1.7000 EUR 1.9811\nБаку +12°C\n\n" + "Президент подписал указ о мерах поддержки фермеров в регионах страны.\n"
    assert clean_body(page) == "Президент подписал указ о мерах поддержки фермеров в регионах страны."
