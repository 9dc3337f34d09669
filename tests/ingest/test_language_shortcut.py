"""Telling Russian from the share of all characters decides as counting the letters first did:
Russian when there are letters and Cyrillic characters make up CYRILLIC_SHARE of them."""
from __future__ import annotations

import random

from bot.ingest import language


def test_russian_exactly_when_cyrillic_makes_the_share_of_the_letters():
    rng = random.Random(8)
    pieces = ["ж", "Ж", "\u0483", "\u0482", "a", "ə", "ş", " ", ".", "1", "²", "the ", "və ", "и "]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        letters = sum(map(str.isalpha, text))
        cyrillic = len(language.NON_CYRILLIC_RE.sub("", text))
        russian = bool(letters) and cyrillic >= language.CYRILLIC_SHARE * letters
        assert (language.detect_language(text, default="en") == "ru") == russian
