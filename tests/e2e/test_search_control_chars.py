"""/search with a NUL or other control characters is answered like the query without them."""
from __future__ import annotations


async def test_search_with_a_nul_is_answered_as_without_it(bot):
    user = bot.fake.create_user(language_code="en")
    clean = (await bot.ask(user, "/search waivers"))[0]
    assert "waiver" in clean.plain.lower()
    dirty = (await bot.ask(user, "/search \x00waivers\x07"))[0]
    assert dirty.plain == clean.plain
    nothing = (await bot.ask(user, "/search wai\x00vers"))[0]
    assert "\x00" not in nothing.plain and "wai vers" in nothing.plain
