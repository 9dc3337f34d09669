"""Duplicate keys: URL normalisation, content hash, SimHash and its bands."""
from __future__ import annotations

import itertools
import random

import pytest

from bot.ingest.clean import clean_body
from bot.ingest.fingerprint import (
    CONTEXT_CASED,
    NEAR_DUPLICATE_DISTANCE,
    band_keys,
    band_probes,
    content_hash,
    hamming,
    is_near_duplicate,
    simhash,
    to_signed,
    to_unsigned,
    url_key,
)
from bot.ingest.scraped import parse_scraped
from storage.stemming import WORD_RE, normalise


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.1News.az/news/20260106-baku/?utm_source=tg&b=2&a=1&fbclid=x#top",
         "1news.az/news/20260106-baku?a=1&b=2"),
        ("http://1news.az:80/news/20260106-baku", "1news.az/news/20260106-baku"),
        ("HTTPS://WWW.EXAMPLE.COM:443/", "example.com"),
        ("https://example.com", "example.com"),
        ("example.com:8080/a//b/", "example.com:8080/a/b"),
        ("https://day.az/news/politics/1234.html?gclid=1&utm_medium=rss&yclid=2",
         "day.az/news/politics/1234.html"),
        ("https://ru.wikipedia.org/wiki/%d0%90%D0%B7", "ru.wikipedia.org/wiki/%D0%90%D0%B7"),
        ("https://ru.wikipedia.org/wiki/Аз", "ru.wikipedia.org/wiki/%D0%90%D0%B7"),
        ("https://example.com/search?q=Баку+США&page=2", "example.com/search?page=2&q=%D0%91%D0%B0%D0%BA%D1%83+%D0%A1%D0%A8%D0%90"),
        ("https://example.com/a?id=5&mc_cid=1&_ga=2&igshid=3&ref_src=twsrc", "example.com/a?id=5"),
        ("  https://example.com/a?empty=&x=1  ", "example.com/a?empty=&x=1"),
        ("https://www.example.com./a", "example.com/a"),
        ("http://[::1]:8000/x", "[::1]:8000/x"),
    ],
)
def test_url_key(url, key):
    assert url_key(url) == key


def test_url_key_equal_for_variants_of_one_page():
    variants = [
        "https://www.apa.az/ru/politics/123/",
        "http://apa.az/ru/politics/123?utm_campaign=x",
        "https://APA.az:443/ru/politics/123#comments",
    ]
    assert len({url_key(url) for url in variants}) == 1
    assert url_key("https://apa.az/ru/politics/123") != url_key("https://apa.az/ru/politics/124")
    assert url_key("https://apa.az/a?id=1") != url_key("https://apa.az/a?id=2")


def test_url_key_rejects_non_urls():
    with pytest.raises(ValueError):
        url_key("   ")


def test_content_hash_ignores_case_spacing_punctuation_and_yo():
    a = "Соединённые Штаты и Азербайджан подписали хартию.\n\nДокумент важен!"
    b = "  соединенные   штаты, и АЗЕРБАЙДЖАН подписали «хартию» документ важен "
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash(a + " Ещё слово.")
    assert len(content_hash(a)) == 64


def test_every_other_character_lower_cases_to_one_character_of_the_same_kind():
    """Why `content_hash` may lower-case a text's words instead of the text: outside CONTEXT_CASED, each
    character lower-cases alone to one character that is a word character just when it was one."""
    changed = []
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:  # surrogates are no characters of a str read from UTF-8
            continue
        char = chr(code)
        lowered = normalise(char)
        if len(lowered) != 1 or bool(WORD_RE.fullmatch(char)) != bool(WORD_RE.fullmatch(lowered)):
            changed.append(char)
    assert changed == ["\u0130"]  # and "Σ", one character, but "ς" or "σ" by its neighbours
    assert {normalise("ΟΔΟΣ."), normalise("ΟΔΟΣ.Α")} == {"οδος.", "οδοσ.α"}
    assert set(CONTEXT_CASED) == {"\u0130", "\u03a3"}


@pytest.mark.parametrize("text", [
    "Соединённые Штаты и Азербайджан подписали хартию.\n\nДокумент важен!",
    "İlham Əliyev və ABŞ-ın İSTANBUL görüşü",  # "İ" lower-cases to two characters, splitting the word
    "ΟΔΟΣ.ΚΑΙ ΟΔΟΣ ΚΑΙ ΟΔΟΣ",  # "Σ" lower-cases by what follows it
    "snake_case__words, 12:30, 3.5% — «ёлка» ЁЛКА Ёж",
    "",
])
def test_content_hash_from_the_text_s_words_is_the_text_s(text):
    assert content_hash(text, words=WORD_RE.findall(text)) == content_hash(text)


def test_content_hash_from_the_words_of_the_seed_articles(seed_clean):
    for body in seed_clean.values():
        assert content_hash(body, words=WORD_RE.findall(body)) == content_hash(body)


def test_simhash_is_signed_64_bit_and_stable(seed_clean):
    values = [simhash(body) for body in seed_clean.values()]
    assert all(-(2**63) <= value < 2**63 for value in values)
    assert any(value < 0 for value in values + [to_signed(2**64 - 1)])
    assert simhash(seed_clean["001"]) == simhash(seed_clean["001"])
    assert simhash("") == 0


def test_seed_articles_are_distinct(seed_clean):
    fingerprints = {key: simhash(body) for key, body in seed_clean.items()}
    for a, b in itertools.combinations(sorted(fingerprints), 2):
        distance = hamming(fingerprints[a], fingerprints[b])
        assert distance > 2 * NEAR_DUPLICATE_DISTANCE, (a, b, distance)
        assert not is_near_duplicate(fingerprints[a], fingerprints[b])
    assert len({content_hash(body) for body in seed_clean.values()}) == 5


def _republished_001(body: str) -> str:
    """Seed 001 as another site would carry it: other furniture, a re-worded lead."""
    paragraphs = body.split("\n\n")
    lead = paragraphs[0].replace(
        "Первой официальной делегацией, принятой в Азербайджане на высшем уровне в 2026 году, "
        "стала двухпартийная делегация Конгресса США из штата Оклахома",
        "Первой официальной делегацией, которую в 2026 году приняли в Азербайджане на высшем уровне, "
        "стала двухпартийная делегация Конгресса США из Оклахомы",
    ).replace("также вошли", "вошли")
    assert lead != paragraphs[0]
    return "\n".join([
        " date 2026-01-07  Баку и Вашингтон: кризисная страница перевёрнута | Example News | Политика",
        "Главная", "Политика", "Экономика", "EN", "RU", "Мы используем файлы cookie.",
        "Баку и Вашингтон: кризисная страница перевёрнута", "Автор: Ильгар Велизаде · 7 января 2026, 10:12",
        "", lead, "", *(paragraph + "\n" for paragraph in paragraphs[1:]),
        "Подписывайтесь на нас в Telegram!", "Поделиться", "1.2K", "Читайте также",
        "Алиев: отношения с США выходят на новый уровень?", "Вчера, 18:40",
        "Последние новости", "В Баку ожидается снег", "12:01", "Курс маната на сегодня - ФОТО", "11:40",
        "© 2026 Example News",
    ])


def test_republished_copy_with_other_furniture_and_edited_lead_is_a_near_duplicate(seed_clean):
    original = seed_clean["001"]
    copy = parse_scraped(_republished_001(original))
    copy_body = clean_body(copy.body, title=copy.title)
    assert copy_body != original and content_hash(copy_body) != content_hash(original)
    a, b = simhash(original), simhash(copy_body)
    assert is_near_duplicate(a, b)
    # ...and a store finds it through the band index.
    probes, keys = band_probes(a), band_keys(b)
    assert any(keys[band] in probes[band] for band in range(4))
    # It stays distinct from the other seed articles.
    for other in ("000", "002", "003", "004"):
        assert not is_near_duplicate(simhash(seed_clean[other]), b)


def test_hamming():
    assert hamming(0, 0) == 0
    assert hamming(0, -1) == 64
    assert hamming(to_signed(2**63), 0) == 1
    assert hamming(0b1011, 0b0001) == 2
    assert is_near_duplicate(0, 0b1111111) and not is_near_duplicate(0, 0b11111111)


def test_band_keys_split_the_fingerprint():
    value = to_signed(0x0123_4567_89AB_CDEF)
    assert band_keys(value) == (0x0123, 0x4567, 0x89AB, 0xCDEF)
    assert band_keys(-1) == (0xFFFF,) * 4
    joined = 0
    for band in band_keys(value):
        joined = (joined << 16) | band
    assert joined == to_unsigned(value)


def test_within_three_bits_one_band_is_equal():
    rng = random.Random(7)
    for _ in range(500):
        a = to_signed(rng.getrandbits(64))
        b = a
        for bit in rng.sample(range(64), rng.randint(0, 3)):
            b ^= 1 << bit
        b = to_signed(b)
        assert any(x == y for x, y in zip(band_keys(a), band_keys(b)))


def test_band_probes_find_everything_within_the_threshold():
    rng = random.Random(11)
    assert [len(values) for values in band_probes(12345)] == [17] * 4
    assert [len(values) for values in band_probes(12345, max_distance=3)] == [1] * 4
    for _ in range(500):
        a = rng.getrandbits(64)
        b = a
        for bit in rng.sample(range(64), rng.randint(0, NEAR_DUPLICATE_DISTANCE)):
            b ^= 1 << bit
        probes, keys = band_probes(to_signed(a)), band_keys(to_signed(b))
        assert any(keys[band] in probes[band] for band in range(4))
