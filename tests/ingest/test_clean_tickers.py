"""The quick look for a ticker's marks before TICKER_RE leaves out no line the regex would find."""
from __future__ import annotations

import random
import re
import sys

from bench.ingest_data import SyntheticArticles
from bot.ingest import clean
from bot.ingest.clean import CURRENCY_CODES, CURRENCY_SIGNS, DEGREES, TICKER_MARKS, WEATHER_WORDS, is_boilerplate


def test_what_ignorecase_takes_for_a_mark_s_letter_case_folds_to_it():
    """TICKER_RE matches a mark's letters case-insensitively; the quick look reads the case-folded line.
    So every character the regex takes for one of them must case-fold to what that letter does."""
    letters = set("".join((*CURRENCY_CODES, CURRENCY_SIGNS, DEGREES, *WEATHER_WORDS)))
    any_letter = re.compile("[" + "".join(map(re.escape, sorted(letters))) + "]", re.IGNORECASE)
    taken = set()
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or not any_letter.fullmatch(char):
            continue
        for letter in letters:
            if re.fullmatch(re.escape(letter), char, re.IGNORECASE):
                taken.add((char, letter))
                assert char.casefold() == letter.casefold(), (hex(code), letter)
    # Plain upper and lower case, and beyond: the long s, the Kelvin sign, an old Cyrillic es.
    assert {("u", "U"), ("К", "к"), ("ſ", "S"), ("\u212a", "K"), ("ᲃ", "с")} <= taken
    assert {mark.casefold() for mark in TICKER_MARKS} == set(TICKER_MARKS)


def lines(rng: random.Random) -> list[str]:
    synthetic = SyntheticArticles(seed=6)
    words = " ".join(synthetic.body(n)[1] for n in range(5)).split()
    tickers = ["USD 1.7000 EUR 1.9811", "€ 1,98", "Баку +12°C", "курс доллара 1,70", "КУРСЫ валют 3", "usd1.7",
               "Погода в Баку 14", "Weather Baku 20", "hava 12", "1.98 AZN", "1 TRY = 0.05", "₼ 1,70",
               "uſd 1.7", "ᲃ 1", "Kурс 2", "12 AZNx", "1,7 azn.", "CHF 0.9 JPY 150"]
    found = list(tickers)
    for _ in range(3000):
        line = " ".join(rng.sample(words, rng.randint(1, 9)))
        if rng.random() < 0.6:
            line = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} {line}"
        if rng.random() < 0.3:
            line = line + " " + rng.choice(tickers)
        if rng.random() < 0.3:
            line = rng.choice(tickers) + " " + line
        found.append(line)
    return found


def test_lines_are_told_as_without_the_quick_look(monkeypatch):
    rng = random.Random(8)
    sample = lines(rng)
    with_look = [is_boilerplate(line) for line in sample]
    monkeypatch.setattr(clean, "TICKER_MARKS", ("",))  # every line has "": TICKER_RE decides alone
    assert [is_boilerplate(line) for line in sample] == with_look
    assert all(with_look[:12])  # the plain tickers are furniture
