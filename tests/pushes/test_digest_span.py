"""A digest ranks a bounded span of article ids, so its "more" button bounds what a press loads."""
from __future__ import annotations

import datetime as dt

from bot.briefing import digests
from tests.pushes.factories import add_article

T0 = dt.datetime(2026, 8, 8, 5, 0, tzinfo=dt.timezone.utc)


async def test_a_digest_ranks_only_the_newest_ids_of_a_long_window(seeded_session, monkeypatch):
    monkeypatch.setattr(digests, "MAX_SPAN", 3)
    start = await digests.window_end(seeded_session, now=T0)
    for i in range(6):
        await add_article(seeded_session, title=f"A{i}", topics={"tripp": 0.5},
                          ingested_at=T0 + dt.timedelta(minutes=i))
    now = T0 + dt.timedelta(days=1)
    upto = await digests.window_end(seeded_session, now=now)
    win = digests.window(cursor=start, upto_id=upto, last_run=T0, created=T0, now=now)
    digest = await digests.compose_digest(seeded_session, topics=("tripp",), win=win, lang="en", topic_order=())
    assert digest.total == 3 and digest.window.upto_id - digest.window.after_id == 3
    assert sorted(a.title for s in digest.sections for a in s.articles) == ["A3", "A4", "A5"]
    assert digests.valid_span(digest.window.after_id, digest.window.upto_id)
    assert not digests.valid_span(start, upto)
