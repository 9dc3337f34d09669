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
_SHORT = MAX_LEXEME_BYTES // 4  # characters that fit in the byte limit whatever they are
# "<position><weight>" for every position, made once: an article has hundreds of words.
_POSITIONS = {weight: [f"{n}{weight}" for n in range(MAX_POSITION + 1)] for weight in (TITLE, BODY)}


def _quoted(stem: str) -> str:
    # Stems are letters and digits (storage.stemming.WORD_RE); escaped all the same, for any caller's text.
    if "'" in stem or "\\" in stem:
        stem = stem.replace("\\", "\\\\").replace("'", "''")
    return f"'{stem}'"


def _fits(stem: str) -> bool:
    return len(stem) * 4 <= MAX_LEXEME_BYTES or len(stem.encode("utf-8")) <= MAX_LEXEME_BYTES


def _entry(stem: str, labels: list[str]) -> str:
    """One lexeme of the literal with its positions; '' for one too long to be a lexeme."""
    return f"{_quoted(stem)}:{','.join(labels)}" if _fits(stem) else ""


def vector_literal(parts: Iterable[tuple[str, str]]) -> str:
    """The tsvector of a document's parts, each (its stems joined by spaces, TITLE or BODY), numbered on in order."""
    positions: dict[str, list[str]] = {}
    number = 0  # the words so far
    for joined, weight in parts:
        words = joined.split()
        labels = _POSITIONS[weight][number + 1:number + 1 + len(words)]  # "<n><weight>" of each word
        labels += _POSITIONS[weight][MAX_POSITION:] * (len(words) - len(labels))  # the words past the last
        number += len(words)
        for stem, label in zip(words, labels):
            found = positions.get(stem)
            if found is None:
                positions[stem] = [label]
            else:
                found.append(label)
    # Stems of WORD_RE need neither escaping nor the length check: the usual case, one f-string each.
    return " ".join(filter(None, [
        f"'{stem}':{','.join(labels)}" if len(stem) <= _SHORT and stem.isalnum() else _entry(stem, labels)
        for stem, labels in positions.items()]))


def query_literal(terms: Iterable[str]) -> str:
    """The tsquery matching documents that hold every one of `terms` (stems).

    A term too long for a lexeme is in no document (see vector_literal), so the query is then the empty
    one, which matches nothing (PostgreSQL would refuse the term)."""
    terms = list(terms)
    if not all(map(_fits, terms)):
        return ""
    return " & ".join(map(_quoted, terms))
