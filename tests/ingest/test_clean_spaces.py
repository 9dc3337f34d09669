"""Collapsing only the space runs that change gives the text collapsing every run gave."""
from __future__ import annotations

import random

from bot.ingest.clean import CHANGED_SPACE_RE, SPACE_RE


def test_changed_runs_collapse_like_all_runs():
    rng = random.Random(6)
    pieces = [" ", "  ", "\t", "\u00a0", "\u2003", "\u3000", "\n", "a", "ж", ".", "—"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert CHANGED_SPACE_RE.sub(" ", text) == SPACE_RE.sub(" ", text)
