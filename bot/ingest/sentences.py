"""Split Russian, English and Azerbaijani prose into sentences.

A paragraph break always ends a sentence. Inside a paragraph a sentence ends
at `.`, `!`, `?` or `…` (plus any closing quotes or brackets) followed by
white space and something that can start a sentence: a capital letter, a
digit, an opening quote or a dash. It does not end:
- after an abbreviation from ABBREVIATIONS ("г.", "т.е.", "Дж.", "Mr."),
- after a single capital letter, an initial ("Дж. Д. Вэнс", "А. Гараев"),
- inside «…», “…” or "…" quotes that close within the same paragraph (a
  straight quote opens only at the start or after a space, bracket or dash).
"H.R.6534" and "1.5" never split because no space follows their dots;
"США." does end a sentence: it is neither an initial nor in the list.
"""
from __future__ import annotations

import re

ABBREVIATIONS = frozenset({
    # Russian
    "г", "гг", "т.е", "т.д", "т.п", "т.к", "т.н", "т.ч", "др", "пр", "им", "ул",
    "д", "стр", "см", "млн", "млрд", "тыс", "руб", "долл", "ст", "п", "пп",
    "напр", "проф", "акад", "ген", "гос", "зам", "рис", "табл", "вв", "н.э",
    "дж", "св", "с", "м", "обл", "р-н",
    # English
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "gen", "sen", "rep",
    "gov", "lt", "col", "inc", "ltd", "co", "corp", "u.s", "u.k", "e.g",
    "i.e", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
})
UPPER = "A-ZА-ЯЁƏÜÖÇŞĞİ"
BOUNDARY_RE = re.compile(r"[.!?…]+[»”\"')\]]*(?=\s+[«“„\"(\-–—\d" + UPPER + "])")
WORD_BEFORE_RE = re.compile(r"([\w.\-]+)$")
QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“", '"': '"'}
QUOTE_RE = re.compile(r'[«»“”„"]')
OPENS_STRAIGHT_QUOTE = " \t(«—–-:"  # a '"' after these (or first) opens a quote


def _quoted_spans(paragraph: str) -> list[tuple[int, int]]:
    """Spans of «…»/“…”/"…" quotes that close within the paragraph (outermost only)."""
    spans = []
    depth, opener, start = 0, "", 0
    for match in QUOTE_RE.finditer(paragraph):
        ch, index = match.group(), match.start()
        if depth == 0 and ch in QUOTE_PAIRS:
            if ch == '"' and index and paragraph[index - 1] not in OPENS_STRAIGHT_QUOTE:
                continue
            depth, opener, start = 1, ch, index
        elif depth and ch == opener and opener != QUOTE_PAIRS[opener]:
            depth += 1
        elif depth and ch == QUOTE_PAIRS[opener]:
            depth -= 1
            if depth == 0:
                spans.append((start, index))
    return spans


def word_before(paragraph: str, end: int) -> str:
    """What `WORD_BEFORE_RE` finds in paragraph[:end] (the run of word characters, dots and hyphens
    ending there), found from `end` backwards: the regex tried every start from the paragraph's."""
    if end and paragraph[end - 1] == "\n":  # `$` matches before a final line break too
        end -= 1
    start = end
    while start > 0 and (paragraph[start - 1].isalnum() or paragraph[start - 1] in "_.-"):
        start -= 1
    return paragraph[start:end]


def _is_abbreviation(paragraph: str, dot_index: int) -> bool:
    """Whether the `.` at dot_index closes an abbreviation or an initial."""
    word = word_before(paragraph, dot_index).lstrip("-")
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True
    return word.casefold() in ABBREVIATIONS


def split_paragraph(paragraph: str) -> list[str]:
    """The sentences of one paragraph."""
    quoted = _quoted_spans(paragraph)
    sentences, start = [], 0
    for match in BOUNDARY_RE.finditer(paragraph):
        end = match.end()
        if any(lo < end <= hi for lo, hi in quoted):
            continue
        if paragraph[match.start()] == "." and _is_abbreviation(paragraph, match.start()):
            continue
        sentence = paragraph[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = end
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def split_sentences(text: str, *, limit: int | None = None) -> list[str]:
    """The sentences of a text whose paragraphs are separated by line breaks
    (at least the first `limit` of them when a limit is given)."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if paragraph:
            out.extend(split_paragraph(paragraph))
            if limit is not None and len(out) >= limit:
                break
    return out
