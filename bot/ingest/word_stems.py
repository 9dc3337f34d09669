"""Stem sequences of whole articles, fast.

The same stems as `storage.stemming.tokens` (stop words left out), without
building a Token object per word: ingestion stems every article several
times (fingerprint, tagging, summary).
"""
from __future__ import annotations

from storage.stemming import WORD_RE, stem_word, stems


def word_stems(text: str) -> list[tuple[str, str]]:
    """(word as written, stem) for every word of `text` that is not a stop word."""
    return stems_of_words(WORD_RE.findall(text))


def stems_of_words(found: list[str]) -> list[tuple[str, str]]:
    """`word_stems` of a text whose words (`WORD_RE.findall`) the caller has already."""
    return [(word, stem) for word, stem in zip(found, map(stem_word, found)) if stem]


stem_list = stems  # the stems of a text in order, stop words left out
