"""PostgreSQL's search documents and queries as literals written from the Python stems."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from storage.db import make_engine
from storage.tsvector_literals import BODY, MAX_POSITION, TITLE, query_literal, vector_literal


def test_positions_run_on_across_parts_with_the_part_weight():
    assert vector_literal([("харт подписа", TITLE), ("харт текст харт", BODY)]) == \
        "'харт':1A,3B,5B 'подписа':2A 'текст':4B"


def test_words_past_the_last_position_count_at_it():
    literal = vector_literal([(" ".join(["слов"] * (MAX_POSITION - 1) + ["конец", "хвост"]), BODY)])
    assert literal.endswith(f"'конец':{MAX_POSITION}B 'хвост':{MAX_POSITION}B")


def test_quotes_are_escaped_and_lexemes_too_long_left_out():
    assert vector_literal([("l'état c:\\temp " + "ы" * 1024 + " обычн", BODY)]) == \
        "'l''état':1B 'c:\\\\temp':2B 'обычн':4B"  # the 2,048-byte word took position 3 and is gone
    assert query_literal(["l'état", "мир"]) == "'l''état' & 'мир'"
    assert query_literal(["мир", "ы" * 1024]) == ""  # in no document: the query that matches nothing


def test_empty_parts_make_the_empty_vector():
    assert vector_literal([("", TITLE), ("", BODY)]) == ""


@pytest.fixture
async def pg_engine(request, db_templates):
    engine = make_engine(db_templates.clone("postgresql", False, request))
    yield engine
    await engine.dispose()


async def test_postgresql_reads_the_literals_as_written(pg_engine):
    vector = vector_literal([("l'état харт", TITLE), (" ".join(["харт"] * 300) + " " + "ы" * 1100, BODY)])
    async with pg_engine.connect() as conn:
        stored, matches, nothing = (await conn.execute(text(
            "SELECT CAST(:v AS tsvector), CAST(:v AS tsvector) @@ CAST(:q AS tsquery), "
            "CAST(:v AS tsvector) @@ CAST(:none AS tsquery)"),
            {"v": vector, "q": query_literal(["харт", "l'état"]), "none": query_literal(["ы" * 1100])})).one()
    lexemes = dict(entry.rsplit(":", 1) for entry in stored.split(" "))
    assert set(lexemes) == {"'l''état'", "'харт'"}  # the 2,200-byte word left out
    assert lexemes["'l''état'"] == "1A"
    # PostgreSQL keeps a lexeme's first 256 positions, as to_tsvector did.
    assert lexemes["'харт'"].split(",") == ["2A"] + [f"{n}B" for n in range(3, 258)]
    assert matches is True and nothing is False
