"""Highlighting stems only the words that can match (those beginning with a stem's letter), and marks
exactly what stemming every word would: checked against that plain rule on the whole shipped dossier."""
from __future__ import annotations

import random

import pytest

from bot.render.entries import highlight, highlight_snippet
from bot.render.html import esc
from storage.seed_files import read_dossier
from storage.stemming import WORD_RE, stem_word, stems


def every_word_stemmed(text: str, terms, tag: str = "b") -> str:
    """The rule itself: each word of the text stemmed, those with a wanted stem marked."""
    wanted, out, pos = set(terms), [], 0
    for match in WORD_RE.finditer(text):
        if stem_word(match.group()) in wanted:
            out += [esc(text[pos:match.start()]), f"<{tag}>{esc(match.group())}</{tag}>"]
            pos = match.end()
    return "".join(out) + esc(text[pos:])


def dossier_texts() -> list[str]:
    dossier = read_dossier()
    return [text for event in dossier.events for text in (*event.title.model_dump().values(),
                                                          *event.summary.model_dump().values()) if text]


def test_the_dossier_is_highlighted_as_stemming_every_word_would():
    rng = random.Random(907)
    texts = dossier_texts()
    assert len(texts) > 50
    for text in texts:
        words = WORD_RE.findall(text)
        for _ in range(3):  # queries of one to three of the text's own words, and a word it lacks
            terms = stems(" ".join(rng.sample(words, min(len(words), rng.randint(1, 3)))) + " отсутствующее")
            assert highlight(text, terms) == every_word_stemmed(text, terms)
            assert highlight(text, terms, tag="mark") == every_word_stemmed(text, terms, tag="mark")


@pytest.mark.parametrize("text, query, marked", [
    ("Ёлка и ёлки, ЕЛКИ", "елка", ["Ёлка", "ёлки", "ЕЛКИ"]),  # ё folded to е, any case
    ("Ельцин, Ёлкин", "ёлкин", ["Ёлкин"]),
    ("The dying, and one who died", "die", ["dying", "died"]),  # English stems that change the ending
    ("Clear skies; a sky", "sky", ["skies", "sky"]),
    ("Section 907, section 9070", "907", ["907"]),  # digits are kept whole
    ("İstanbul and istanbul", "istanbul", ["istanbul"]),
    ("ВАШИНГТОН и вашингтонский", "Вашингтон", ["ВАШИНГТОН"]),
])
def test_words_whose_stem_matches_are_marked(text, query, marked):
    terms = stems(query)
    assert highlight(text, terms) == every_word_stemmed(text, terms)
    assert [part.split("</b>")[0] for part in highlight(text, terms).split("<b>")[1:]] == marked


def test_a_snippet_starts_at_the_first_word_that_matches():
    text = "Вступление без нужных слов. " * 12 + "Здесь Хартия подписана в Баку. " + "Дальше текст. " * 10
    snippet = highlight_snippet(text, stems("хартии"))
    assert snippet.startswith("…Здесь <b>Хартия</b> подписана")


def test_only_words_beginning_with_a_stems_letter_are_stemmed(monkeypatch):
    """Counts, not timings: stemming each word of the summaries was most of a search reply's rendering."""
    import bot.render.entries as entries

    stemmed: list[str] = []

    def counting(word: str):
        stemmed.append(word)
        return stem_word(word)

    monkeypatch.setattr(entries, "stem_word", counting)
    text = " ".join(dossier_texts())
    terms = stems("хартия поправка")
    assert highlight(text, terms) == every_word_stemmed(text, terms)
    words = WORD_RE.findall(text)
    assert len(stemmed) == sum(1 for word in words if word[0].lower().replace("ё", "е") in "хп") < len(words) / 5


def test_every_character_that_folds_to_a_stems_letter_begins_a_candidate():
    """Whatever the script or case: each character whose lower case (ё as е) begins with a letter is
    found as the start of a word by the pattern for that letter (İ, the Kelvin sign, title-case digraphs)."""
    import sys
    from bot.render.entries import _candidates

    by_initial: dict[str, list[str]] = {}
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.lower() != char and WORD_RE.fullmatch(char):  # a character that is its own initial is one
            by_initial.setdefault(char.lower().replace("ё", "е")[:1], []).append(char)
    missed = []
    for initial, chars in by_initial.items():
        pattern = _candidates({initial + "x"})
        missed += [(initial, char) for char in chars if not pattern.fullmatch(char)]
    assert missed == []
