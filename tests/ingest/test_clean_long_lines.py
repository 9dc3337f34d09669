"""Judging a long line by the key of its start, skipping the "read more" search on prose that ends in a
full stop, and the quick looks before the stamp, teaser and ticker searches, give what the whole-line
versions gave (the previous code, kept here to compare with)."""
from __future__ import annotations

import random

from bench.ingest_data import SyntheticArticles
from bot.ingest import clean
from bot.ingest.clean import (
    READ_MORE_RE, SHORT_LINE, STAMP_END_RE, STAMP_START_RE, TAIL_CHARS, TEASER_RE, TICKER_RE, is_boilerplate, line_key,
    listed_key, strip_read_more,
)

# Case folding that changes length (ß, ﬁ, İ), non-word characters of every kind, boilerplate words, time stamps.
PIECES = ["а", "Б", "x", "Y", "ß", "ﬁ", "İ", "ı", "Σ", "ё", "7", "_", " ", "  ", ".", "...", "…", ",", "—", "-",
          "«", "»", "→", ">>", "]", "[", "©", "?", "!", ":", "\u0301", "12:30", "Поделиться", "Читать далее",
          "read more", "Последние новости", "share", "фото:", "cookie", "Баку", "ФОТО", "USD 1.70"]


def previous_strip_read_more(line: str) -> str:
    tail = line[-TAIL_CHARS:]
    match = READ_MORE_RE.search(tail)
    return line[: len(line) - len(tail) + match.start()].rstrip() if match else line


def random_lines(rng: random.Random, count: int):
    for _ in range(count):
        size = rng.choice([1, 3, 10, 40, 120, 400])
        yield "".join(rng.choice(PIECES) for _ in range(rng.randint(1, size))).strip() or "x"


def seed_lines():
    """Lines of scraped pages as the import benchmark writes them: paragraphs, navigation, news lists."""
    for number in range(200):
        yield from (line.strip() for line in SyntheticArticles(seed=3).text(number).splitlines() if line.strip())


def test_listed_key_is_the_key_or_none_when_too_long():
    rng = random.Random(16)
    found = []
    for line in list(random_lines(rng, 20000)) + list(seed_lines()):
        longest = rng.choice([clean.LONGEST_KEY, 5, 60])
        found.append(listed_key(line, longest=longest))
        assert found[-1] == line_key(line) if found[-1] is not None else len(line_key(line)) > longest
    assert found.count(None) > 1000


def test_boilerplate_judged_as_from_the_whole_line(monkeypatch):
    rng = random.Random(17)
    lines = list(random_lines(rng, 20000)) + list(seed_lines())
    titles = [""] + [line_key(rng.choice(lines)) for _ in range(30)]
    cases = [(line, rng.choice(titles)) for line in lines]
    judged = [is_boilerplate(line, title_key=title_key) for line, title_key in cases]
    monkeypatch.setattr(clean, "listed_key", lambda line, *, longest: line_key(line))  # the previous code
    assert judged == [is_boilerplate(line, title_key=title_key) for line, title_key in cases]
    assert any(judged) and not all(judged)


def test_read_more_stripped_as_before():
    rng = random.Random(18)
    lines = list(random_lines(rng, 20000)) + list(seed_lines())
    lines += [line + end for line in lines[:2000] for end in (" Читать далее...", ". Read more.", "...", " подробнее.")]
    for line in lines:
        assert strip_read_more(line) == previous_strip_read_more(line), line


def test_every_line_a_stamp_teaser_or_ticker_search_finds_is_still_furniture():
    """The searches are skipped only where they cannot match (prose ends in punctuation, a ticker has a
    digit): every line one of them matches is judged furniture, as when each line ran them all."""
    rng = random.Random(19)
    lines = list(random_lines(rng, 20000)) + list(seed_lines())
    lines += [line + end for line in lines[:3000] for end in (" ", "\u00a0")]  # other callers' unstripped lines

    def searched(line: str) -> bool:
        tail = line[-TAIL_CHARS:]
        return bool(STAMP_END_RE.search(tail) or STAMP_START_RE.match(line) or TEASER_RE.search(tail)
                    or (len(line) < SHORT_LINE and line[-1] not in ".!?…" and TICKER_RE.search(line)))

    found = [line for line in lines if searched(line)]
    assert len(found) > 1000
    assert [line for line in found if not is_boilerplate(line)] == []
