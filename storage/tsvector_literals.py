"""PostgreSQL search documents and queries written from the stems computed in Python.

A document's tsvector is sent as a literal (`'stem':1A,2A 'other':3B`) and the
query's tsquery as one too (`'stem' & 'other'`), so PostgreSQL parses neither
text: `to_tsvector` spent about 70 % of its time in its parser (0.6 ms of an
article's 1.3 ms of server time). The stems are `storage.stemming`'s, the same
SQLite's index holds, so both databases split and stem words the same way.
"""
from __future__ import annotations

from collections.abc import Iterable

# Limits of PostgreSQL's tsvector input: the highest position (later words count at it, as with
# to_tsvector), and the longest lexeme it accepts (longer ones are left out, as to_tsvector leaves them).
MAX_POSITION = 16383
MAX_LEXEME_BYTES = 2046
# A title's words weigh more in ts_rank ('A') than the body's ('B'), as with setweight() before.
TITLE, BODY = "A", "B"
# "<position><weight>" for every position, made once: an article has hundreds of words.
_POSITIONS = {weight: [f"{n}{weight}" for n in range(MAX_POSITION + 1)] for weight in (TITLE, BODY)}


def _quoted(stem: str) -> str:
    # Stems are letters and digits (storage.stemming.WORD_RE); escaped all the same, for any caller's text.
    if "'" in stem or "\\" in stem:
        stem = stem.replace("\\", "\\\\").replace("'", "''")
    return f"'{stem}'"


def _fits(stem: str) -> bool:
    return len(stem) * 4 <= MAX_LEXEME_BYTES or len(stem.encode("utf-8")) <= MAX_LEXEME_BYTES


def vector_literal(parts: Iterable[tuple[str, str]]) -> str:
    """The tsvector of a document's parts, each (its stems joined by spaces, TITLE or BODY), numbered on in order."""
    positions: dict[str, list[str]] = {}
    number = 0
    for joined, weight in parts:
        labels = _POSITIONS[weight]
        for stem in joined.split():
            number += 1
            label = labels[number if number < MAX_POSITION else MAX_POSITION]
            found = positions.get(stem)
            if found is None:
                positions[stem] = [label]
            else:
                found.append(label)
    return " ".join(f"{_quoted(stem)}:{','.join(labels)}" for stem, labels in positions.items() if _fits(stem))


def query_literal(terms: Iterable[str]) -> str:
    """The tsquery matching documents that hold every one of `terms` (stems).

    A term too long for a lexeme is in no document (see vector_literal), so the query is then the empty
    one, which matches nothing (PostgreSQL would refuse the term)."""
    terms = list(terms)
    if not all(map(_fits, terms)):
        return ""
    return " & ".join(map(_quoted, terms))
