"""Extractive summaries and fallback headlines from cleaned article text.

The summary always opens with the lead sentence (news puts the essentials
first). Up to two more sentences are chosen from the next few by term
frequency: the mean document frequency of their word stems, discounted by
distance from the lead, so sentences about what the article keeps returning
to win over asides. Sentences that introduce a quote (ending in ":") or lean
on the one before ("Это...", "При этом...") are passed over unless they
follow the lead directly. Chosen sentences keep their order and the total
stays within `max_chars`; a lead sentence longer than that is cut at a word
boundary and ends with "…".
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from bot.ingest.sentences import split_sentences
from bot.ingest.word_stems import stem_list

MAX_SUMMARY_CHARS = 400
MAX_SENTENCES = 3
CANDIDATE_SENTENCES = 6  # look this far past the lead for the other sentences
MIN_SENTENCE_CHARS = 40
POSITION_DECAY = 0.15  # each step away from the lead costs this share of the score
MAX_HEADLINE_CHARS = 120
# Openings that only make sense right after the previous sentence.
DEPENDENT_OPENINGS = (
    "это ", "эта ", "этот ", "эти ", "он ", "она ", "они ", "оно ", "его ", "ее ",
    "её ", "их ", "при этом", "тогда ", "также ", "кроме того", "в то же время",
    "однако", "но ", "и ", "а ", "поэтому", "таким образом", "в этом ", "в этой ",
    "в тот ", "в то время", "в свою очередь", "там ", "такой ", "такая ", "такие ",
    "this ", "these ", "it ", "he ", "she ", "they ",
    "his ", "her ", "their ", "however", "but ", "and ", "also ", "bu ", "o ", "onlar",
)
ELLIPSIS = "…"


def shorten(text: str, max_chars: int) -> str:
    """`text` cut at a word boundary to at most `max_chars`, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - len(ELLIPSIS) + 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    else:  # a single enormous word: nothing better than a hard cut
        cut = cut[:-1]
    return cut.rstrip(" ,;:—–-") + ELLIPSIS


def _dependent(sentence: str) -> bool:
    return sentence.casefold().startswith(DEPENDENT_OPENINGS)


def _score(sentence: str, index: int, frequencies: Counter[str]) -> float:
    """Mean document frequency of the sentence's stems, fading with distance from the lead."""
    sentence_stems = stem_list(sentence)
    if not sentence_stems:
        return 0.0
    mean = sum(frequencies[stem] for stem in sentence_stems) / len(sentence_stems)
    return mean / (1 + POSITION_DECAY * (index - 1))


def summarise(text: str, *, max_chars: int = MAX_SUMMARY_CHARS, stems: Sequence[str] | None = None) -> str:
    """Two or three sentences of `text` (fewer if they do not fit), or ''.

    `stems`: `stem_list(text)`, when the caller has it already."""
    sentences = split_sentences(text, limit=CANDIDATE_SENTENCES + 1)
    if not sentences:
        return ""
    lead = " ".join(sentences[0].split())
    if len(lead) > max_chars:
        return shorten(lead, max_chars)
    frequencies = Counter(stem_list(text) if stems is None else stems)
    candidates = [
        (index, " ".join(sentence.split()))
        for index, sentence in enumerate(sentences[1:CANDIDATE_SENTENCES + 1], start=1)
    ]
    candidates = [
        (index, sentence) for index, sentence in candidates
        if len(sentence) >= MIN_SENTENCE_CHARS and not sentence.endswith(":")
        and (index == 1 or not _dependent(sentence))
    ]
    ranked = sorted(candidates, key=lambda pair: (-_score(pair[1], pair[0], frequencies), pair[0]))
    chosen = {0: lead}
    used = len(lead)
    for index, sentence in ranked:
        if len(chosen) == MAX_SENTENCES:
            break
        if used + 1 + len(sentence) <= max_chars:
            chosen[index] = sentence
            used += 1 + len(sentence)
    return " ".join(chosen[index] for index in sorted(chosen))


def headline(text: str, *, max_chars: int = MAX_HEADLINE_CHARS) -> str:
    """A title for an article that came without one: its lead sentence, shortened."""
    sentences = split_sentences(text, limit=1)
    if not sentences:
        return ""
    lead = sentences[0].rstrip()
    if len(lead) <= max_chars and lead.endswith("."):
        lead = lead[:-1]
    return shorten(lead, max_chars)
