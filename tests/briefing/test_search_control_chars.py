"""Control characters in a search query are not words: PostgreSQL refused a NUL outright."""
from __future__ import annotations

from bot.briefing.search import printable, search_dossier


def test_printable_turns_control_and_format_characters_into_spaces():
    assert printable("хар\x00тия\u200b\tx\x7f") == "хар тия  x "
    assert printable("Хартия 907") == "Хартия 907"


async def test_search_with_nul_finds_what_the_clean_query_finds(seeded_session):
    clean = await search_dossier(seeded_session, query="хартия", lang="ru")
    dirty = await search_dossier(seeded_session, query="\x00хартия\x00\x01", lang="ru")
    assert clean.events and [e.slug for e in dirty.events] == [e.slug for e in clean.events]
    assert dirty.query == "хартия"
    nothing = await search_dossier(seeded_session, query="\x00\x00", lang="ru")
    assert nothing.terms == () and nothing.empty
