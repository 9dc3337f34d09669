"""The word before a dot, found backwards, is the one the regex finds."""
from __future__ import annotations

import random

from bot.ingest.sentences import WORD_BEFORE_RE, word_before


def test_word_before_equals_the_regex_search():
    rng = random.Random(4)
    alphabet = "ab Яё_.-–,1²\u0301 \u00a0»\n"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        for end in range(len(text) + 1):
            match = WORD_BEFORE_RE.search(text, 0, end)
            assert word_before(text, end) == (match.group(1) if match else "")
