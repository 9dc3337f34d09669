"""Telling Russian from the share of all characters gives what counting letters first gave."""
from __future__ import annotations

import random

from bot.ingest import language
from bot.ingest.language import AZ_LETTERS, AZ_SCHWA, AZ_WORDS, EN_WORDS, NON_CYRILLIC_RE, SAMPLE_CHARS, WORD_RE


def letters_first(text: str, *, default: str = "ru") -> str:
    """`detect_language` before the shortcut, verbatim."""
    text = text[:SAMPLE_CHARS]
    letters = sum(map(str.isalpha, text))
    if not letters:
        return default
    cyrillic = len(NON_CYRILLIC_RE.sub("", text))
    if cyrillic >= language.CYRILLIC_SHARE * letters:
        return "ru"
    latin = letters - cyrillic
    schwa = sum(text.count(ch) for ch in AZ_SCHWA)
    special = sum(text.count(ch) for ch in AZ_LETTERS)
    words = [word.casefold() for word in WORD_RE.findall(text)] or [""]
    az_score = (3 * schwa + special) / max(latin, 1)
    az_score += sum(1 for word in words if word in AZ_WORDS) / len(words)
    en_score = sum(1 for word in words if word in EN_WORDS) / len(words)
    if az_score > en_score:
        return "az"
    if en_score > az_score:
        return "en"
    return default


def test_detection_equals_counting_letters_first():
    rng = random.Random(8)
    pieces = ["ж", "Ж", "\u0483", "\u0482", "a", "ə", "ş", " ", ".", "1", "²", "the ", "və ", "и "]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        for default in ("ru", "en"):
            assert language.detect_language(text, default=default) == letters_first(text, default=default)
