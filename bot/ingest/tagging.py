"""Relevance and topics from keyword rules given as plain data.

Matching is on word stems (`storage.stemming`, the same stems full-text
search uses): a term matches where its stems appear consecutively in the
text's stem sequence (stop words are skipped on both sides, so "Хартия о
стратегическом партнерстве" matches "Хартии о стратегическом партнёрстве").
Three refinements:
- short all-capital words in a term (acronyms of up to 4 letters: "US",
  "США", "ABŞ") match only the same capitals, so "US" is not the pronoun;
- a term word also matches text words whose stem equals the term word itself,
  so "Алиев" (which Snowball stems to "ал") still matches "Алиева" ("алиев");
- Latin-script words get no Azerbaijani stemming, so a Latin term word of 4+
  letters also matches itself plus a common Azerbaijani case, possessive or
  plural ending (AZ_SUFFIXES): "Bakı" matches "Bakıda", "Azərbaycan"
  "Azərbaycanın", "Tramp" "Trampın" (while "Trump" does not match "trumpet").

Relevance: every group of `relevance_all_of` has a match in title or text.

Topics: each match weighs TITLE_WEIGHT in the title, LEAD_WEIGHT in the first
LEAD_TOKENS words of the text (news states its subject up front) and
BODY_WEIGHT further on; overlapping matches count once. A topic is assigned
when its weight reaches MIN_TOPIC_WEIGHT: one hit in the title or the lead,
or two anywhere. Its score is weight / (weight + SCORE_HALF), in [0, 1):
0.4 at the threshold, 0.5 for a title hit, ~0.8 for a dozen mentions.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.ingest.word_stems import word_stems
from storage.stemming import normalise

TITLE_WEIGHT = 3
LEAD_WEIGHT = 2
BODY_WEIGHT = 1
LEAD_TOKENS = 100
MIN_TOPIC_WEIGHT = 2
SCORE_HALF = 3
ACRONYM_MAX_LETTERS = 4
LATIN_MIN_LETTERS = 4
AZ_SUFFIXES = tuple(sorted({
    "a", "ə", "ı", "i", "u", "ü", "ya", "yə", "yı", "yi", "yu", "yü",
    "ın", "in", "un", "ün", "nın", "nin", "nun", "nün", "na", "nə", "nı", "ni", "nu", "nü",
    "da", "də", "ta", "tə", "dan", "dən", "tan", "tən", "nda", "ndə", "ndan", "ndən",
    "la", "lə", "sı", "si", "su", "sü", "sına", "sinə", "sını", "sini", "sının", "sinin",
    "lar", "lər", "ları", "ləri", "ların", "lərin", "dakı", "dəki", "dır", "dir",
}, key=len))


@dataclass(frozen=True)
class Term:
    text: str
    keys: tuple[frozenset[str], ...]  # per word, the text keys it accepts


@dataclass(frozen=True)
class TaggingRules:
    relevance_all_of: tuple[tuple[Term, ...], ...]
    topics: tuple[tuple[str, tuple[Term, ...]], ...]

    @functools.cached_property
    def first_keys(self) -> frozenset[str]:
        """Every key a term's first word accepts: the only positions a text's index needs."""
        terms = [term for group in self.relevance_all_of for term in group]
        terms += [term for _, topic_terms in self.topics for term in topic_terms]
        return frozenset(key for term in terms for key in term.keys[0])


@dataclass(frozen=True)
class TopicScore:
    slug: str
    score: float
    hits: int  # matches in title and text together


@dataclass(frozen=True)
class Tagging:
    relevant: bool
    topics: tuple[TopicScore, ...]  # assigned topics, best first


def _is_acronym(word: str) -> bool:
    return word.isalpha() and word.isupper() and len(word) <= ACRONYM_MAX_LETTERS


def _is_latin_word(word: str) -> bool:
    return (len(word) >= LATIN_MIN_LETTERS and not "\u0400" <= word[0] <= "\u04ff"
            and word.isalpha())


def _term_keys(word: str, stem: str) -> frozenset[str]:
    if _is_acronym(word):
        return frozenset({"=" + word})
    keys = {stem, normalise(word)}
    if _is_latin_word(word):
        keys.add("~" + normalise(word))
    return frozenset(keys)


def _text_keys(word: str, stem: str) -> tuple[str, ...]:
    keys = (stem, "=" + word) if word.isupper() else (stem,)
    if _is_latin_word(word):
        lowered = normalise(word)
        keys += ("~" + lowered,) + tuple(
            "~" + lowered[: -len(suffix)] for suffix in AZ_SUFFIXES
            if lowered.endswith(suffix) and len(lowered) - len(suffix) >= LATIN_MIN_LETTERS
        )
    return keys


def compile_term(text: str) -> Term:
    """A term ready for matching; ValueError if it has no searchable word."""
    words = word_stems(text)
    if not words:
        raise ValueError(f"keyword {text!r} has no searchable word (only stop words?)")
    return Term(text, tuple(_term_keys(word, stem) for word, stem in words))


def compile_rules(
    relevance_all_of: Iterable[Iterable[str]], topic_terms: Mapping[str, Iterable[str]]
) -> TaggingRules:
    """Rules as loaded from the dossier, compiled once for many articles."""
    return TaggingRules(
        relevance_all_of=tuple(tuple(compile_term(t) for t in group) for group in relevance_all_of),
        topics=tuple((slug, tuple(compile_term(t) for t in terms)) for slug, terms in topic_terms.items()),
    )


class _Index:
    """Where each key occurs in a text's word sequence."""

    def __init__(self, words: list[tuple[str, str]], wanted: frozenset[str]) -> None:
        """`wanted`: the keys looked up (`TaggingRules.first_keys`); others are not recorded."""
        self.words = words
        self.positions: dict[str, list[int]] = {}
        for position, (word, stem) in enumerate(words):
            plain = word[0] >= "\u0400" and not word.isupper()  # most words: Cyrillic, lower case
            if plain:
                if stem in wanted:
                    self.positions.setdefault(stem, []).append(position)
                continue
            for key in _text_keys(word, stem):
                if key in wanted:
                    self.positions.setdefault(key, []).append(position)

    def live(self, terms: tuple[Term, ...]) -> list[Term]:
        """The terms whose first word occurs here: the only ones with spans. Most terms of most articles
        are left out by one set comparison each, without a call to `spans`."""
        return [term for term in terms if not term.keys[0].isdisjoint(self.positions)]

    def spans(self, term: Term) -> list[tuple[int, int]]:
        found = [self.positions[key] for key in term.keys[0] if key in self.positions]
        if not found:
            return []
        starts = sorted({p for positions in found for p in positions})
        length = len(term.keys)
        return [
            (start, start + length) for start in starts
            if start + length <= len(self.words)
            and all(not term.keys[i].isdisjoint(_text_keys(*self.words[start + i]))
                    for i in range(1, length))
        ]


def _distinct(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping spans, preferring earlier then longer ones."""
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):
        if not chosen or start >= chosen[-1][1]:
            chosen.append((start, end))
    return chosen


def _matches(index: _Index, terms: tuple[Term, ...]) -> list[tuple[int, int]]:
    return _distinct([span for term in index.live(terms) for span in index.spans(term)])


def tag_with_rules(
    text: str, rules: TaggingRules, *, title: str | None = None, words: list[tuple[str, str]] | None = None,
) -> Tagging:
    """Relevance and topics of an article (see the module docstring); `words`: `word_stems(text)`,
    when the caller has it already."""
    body = _Index(word_stems(text) if words is None else words, rules.first_keys)
    head = _Index(word_stems(title or ""), rules.first_keys)
    relevant = all(
        any(body.spans(term) for term in body.live(group)) or any(head.spans(term) for term in head.live(group))
        for group in rules.relevance_all_of
    )
    topics = []
    for slug, terms in rules.topics:
        body_spans = _matches(body, terms)
        title_hits = len(_matches(head, terms))
        lead_hits = sum(1 for start, _ in body_spans if start < LEAD_TOKENS)
        weight = (TITLE_WEIGHT * title_hits + LEAD_WEIGHT * lead_hits
                  + BODY_WEIGHT * (len(body_spans) - lead_hits))
        if weight >= MIN_TOPIC_WEIGHT:
            score = round(weight / (weight + SCORE_HALF), 3)
            topics.append(TopicScore(slug, score, title_hits + len(body_spans)))
    topics.sort(key=lambda topic: (-topic.score, topic.slug))
    return Tagging(relevant=relevant, topics=tuple(topics))


def tag_article(
    text: str,
    relevance_all_of: list[list[str]],
    topic_terms: dict[str, list[str]],
    *,
    title: str | None = None,
) -> Tagging:
    """Relevance and topics of an article from plain keyword lists."""
    return tag_with_rules(text, compile_rules(relevance_all_of, topic_terms), title=title)
