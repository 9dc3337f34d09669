"""Word stems for full-text search and keyword rules, Russian and English.

Both databases' search indexes hold the stems computed here (FTS5 on SQLite,
tsvector literals on PostgreSQL: `storage.search`), so they find the same
things. As PostgreSQL's `russian` configuration does, ASCII words get the
English Snowball stemmer and other words the Russian one, and tokens with
digits are kept as they are; both languages' stop words are left out.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import snowballstemmer

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    stem: str


def normalise(text: str) -> str:
    """Lower-case and fold ё to е, as readers of Russian expect both to match."""
    return text.lower().replace("ё", "е")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    words: set[str] = set()
    for name in ("russian.stop", "english.stop"):
        text = resources.files("storage.data").joinpath(name).read_text(encoding="utf-8")
        words.update(normalise(line.strip()) for line in text.splitlines() if line.strip())
    return frozenset(words)


_local = threading.local()


def _stemmers() -> dict[str, object]:
    # Snowball stemmer objects are not thread-safe, and ingestion stems in worker threads.
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {"en": snowballstemmer.stemmer("english"),
                                      "ru": snowballstemmer.stemmer("russian")}
    return stemmers


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str | None:
    """The stem of one word, or None for a stop word."""
    word = normalise(word)
    if word in _stop_words():
        return None
    if any(ch.isdigit() for ch in word):
        return word
    lang = "en" if word.isascii() else "ru"
    return _stemmers()[lang].stemWord(word)


def tokens(text: str) -> list[Token]:
    """Every word of `text` with its position and stem (stop words left out)."""
    out = []
    for match in WORD_RE.finditer(text):
        stem = stem_word(match.group())
        if stem:
            out.append(Token(match.group(), match.start(), match.end(), stem))
    return out


def stems(text: str) -> list[str]:
    """The stems of `text` in order, stop words left out: `tokens` without a Token per word
    (every imported article is stemmed for its search entry, and for fingerprints and tags)."""
    return [stem for stem in map(stem_word, WORD_RE.findall(text)) if stem]
