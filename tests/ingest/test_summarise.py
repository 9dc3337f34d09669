"""Sentence splitting, extractive summaries and fallback headlines."""
from __future__ import annotations

import pytest

from bot.ingest.sentences import split_sentences
from bot.ingest.summarise import MAX_SUMMARY_CHARS, headline, shorten, summarise

SENTENCE_END = (".", "!", "?", "»", '"', "…")


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("В 1992 г. Конгресс США принял санкции. Они действовали долго.",
         ["В 1992 г. Конгресс США принял санкции.", "Они действовали долго."]),
        ("Вице-президент США Дж. Д. Вэнс прибыл в Баку. Его встретили.",
         ["Вице-президент США Дж. Д. Вэнс прибыл в Баку.", "Его встретили."]),
        ("Законопроект H.R.6534 внесён 10 декабря. Его внесла Анна Полина Луна.",
         ["Законопроект H.R.6534 внесён 10 декабря.", "Его внесла Анна Полина Луна."]),
        ("Речь о санкциях, т.е. Азербайджан их не признаёт. Далее текст.",
         ["Речь о санкциях, т.е. Азербайджан их не признаёт.", "Далее текст."]),
        ("Делегация прибыла из США. Визит продлится два дня.",
         ["Делегация прибыла из США.", "Визит продлится два дня."]),
        ("Он заявил: «Это важно. Очень важно». Затем уехал.",
         ["Он заявил: «Это важно. Очень важно».", "Затем уехал."]),
        ('"Визит важен. Он многое меняет", - сказал А. Гараев. Политолог добавил детали.',
         ['"Визит важен. Он многое меняет", - сказал А. Гараев.', "Политолог добавил детали."]),
        ("Он отметил. «Рад довести до Вас поздравления», - говорится в послании.",
         ["Он отметил.", "«Рад довести до Вас поздравления», - говорится в послании."]),
        ("Mr. Smith met Gen. Jones in Washington. They talked!\n\nA new paragraph",
         ["Mr. Smith met Gen. Jones in Washington.", "They talked!", "A new paragraph"]),
        ("Цена выросла на 1.5 процента. Это много?", ["Цена выросла на 1.5 процента.", "Это много?"]),
    ],
)
def test_split_sentences(text, sentences):
    assert split_sentences(text) == sentences


def test_unclosed_quote_does_not_swallow_the_paragraph():
    text = "Он сказал: «Решение примет народ. Это их президент. Посмотрим."
    assert len(split_sentences(text)) == 3


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_summaries(seed_clean, seed):
    body = seed_clean[seed]
    summary = summarise(body)
    first_sentence = split_sentences(body)[0]
    assert summary.startswith(first_sentence)
    assert 100 < len(summary) <= MAX_SUMMARY_CHARS
    assert summary.endswith(SENTENCE_END)
    for sentence in split_sentences(summary):
        assert sentence in body  # extractive: whole sentences of the article


def test_seed_summary_picks_follow_up_sentences(seed_clean):
    assert summarise(seed_clean["000"]) == (
        "Предстоящий визит вице-президента США Джей Ди Вэнс в Азербайджан - не просто протокольное событие, "
        "а важный маркер трансформации американо-азербайджанских отношений. По сути, речь идет о переходе "
        "от ситуативного взаимодействия к более структурированному политическому диалогу, в основе которого "
        "лежит личная дипломатия президента США Дональда Трампа."
    )
    assert summarise(seed_clean["004"]).count(". ") == 1  # two sentences


def test_overlong_first_sentence_is_cut_at_a_word_boundary():
    words = [f"слово{i}" for i in range(120)]
    text = " ".join(words) + ". Второе предложение."
    summary = summarise(text)
    assert len(summary) <= MAX_SUMMARY_CHARS
    assert summary.endswith("…")
    assert summary[:-1].split()[-1] in words  # the last word is whole


def test_sentences_that_do_not_fit_are_left_out():
    lead = "Первое предложение статьи о визите вице-президента США в Баку. "
    text = lead + "Второе предложение " + "очень " * 80 + "длинное. Третье короткое предложение о визите в Баку."
    summary = summarise(text)
    assert summary == lead + "Третье короткое предложение о визите в Баку."


def test_summary_of_nothing():
    assert summarise("") == ""


def test_shorten():
    assert shorten("короткий текст", 100) == "короткий текст"
    assert shorten("один два три четыре", 12) == "один два…"
    assert shorten("Сверхдлинноеслово", 8) == "Сверхдл…"


def test_headline_from_lead_sentence(seed_clean):
    assert headline("Визит Вэнса в Баку завершился. Потом было другое.") == "Визит Вэнса в Баку завершился"
    title = headline(seed_clean["002"])
    assert title.startswith("Азербайджано-американский политический диалог") and title.endswith("…")
    assert len(title) <= 120
