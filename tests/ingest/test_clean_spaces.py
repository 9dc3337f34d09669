"""Collapsing only the space runs that change gives the text collapsing every run gave, and looking for
the characters first gives what the regexes give."""
from __future__ import annotations

import random
import re

from bot.ingest.clean import CHANGED_SPACE_RE, INVISIBLE_RE, INVISIBLES, ODD_SPACES, SPACE_RE, SPACES, spaced


def test_changed_runs_collapse_like_all_runs():
    rng = random.Random(6)
    pieces = [" ", "  ", "\t", "\u00a0", "\u2003", "\u3000", "\n", "a", "ж", ".", "—"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert CHANGED_SPACE_RE.sub(" ", text) == SPACE_RE.sub(" ", text)


def test_the_characters_looked_for_are_those_the_regexes_match():
    old_spaces = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]")  # the class as first written
    old_invisible = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
    for code in range(0x110000):
        char = chr(code)
        spaces = bool(re.fullmatch(SPACES, char))
        assert spaces == bool(old_spaces.fullmatch(char)) == (char == " " or char in ODD_SPACES)
        assert bool(INVISIBLE_RE.fullmatch(char)) == bool(old_invisible.fullmatch(char)) == (char in INVISIBLES)


def test_spaced_text_is_what_the_two_regexes_give():
    rng = random.Random(7)
    pieces = [" ", "  ", "\t", "\u00a0", "\u2003", "\u200a", "\u3000", "\n", "\r", "\r\n", "\u200b", "\u00ad",
              "\ufeff", "a", "ж", ".", "—"]
    plain = ["a", "ж", ".", " ", "\n"]
    for _ in range(20000):
        chosen = pieces if rng.random() < 0.5 else plain  # half with nothing to change, mostly
        text = "".join(rng.choice(chosen) for _ in range(rng.randint(0, 14)))
        assert spaced(text) == CHANGED_SPACE_RE.sub(" ", INVISIBLE_RE.sub("", text.replace("\r", "\n")))
