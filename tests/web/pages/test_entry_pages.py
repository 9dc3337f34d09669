"""GET /events/<slug> and /topics/<slug>: the permalink with its sources and preview tags, the topic card."""
from __future__ import annotations

import re

from sqlalchemy import update

from storage.db import open_session
from storage.models import Event, Source
from tests.web.pages.pages_html import links_of, text_of

EVENT = "/events/2026-01-30-mfa-charter-nearing-completion"
SOURCE_URL = "https://report.az/en/foreign-politics/azerbaijan-us-near-completion-of-strategic-partnership-charter"


def meta(html: str, prop: str) -> str:
    found = re.search(rf'<meta property="{prop}" content="([^"]*)">', html)
    assert found, prop
    return found.group(1)


async def test_event_permalink_in_both_languages(pages):
    en = await (await pages.get(EVENT + "?lang=en")).text()
    assert "<h1>Azerbaijan&#39;s foreign ministry says work on the Charter is nearing completion</h1>" in en
    assert '<time datetime="2026-01-30">30 January 2026</time>' in en
    assert SOURCE_URL in links_of(en) and 'href="/topics/charter?lang=en"' in en
    assert "Report.az" in text_of(en)
    ru = await (await pages.get(EVENT)).text()
    assert "<h1>МИД Азербайджана: работа над Хартией о стратегическом партнерстве близится к завершению</h1>" in ru
    assert "30 января 2026" in ru and "Источники" in ru


async def test_event_page_has_open_graph_tags_for_a_telegram_preview(pages):
    en = await (await pages.get(EVENT + "?lang=en")).text()
    assert meta(en, "og:type") == "article"
    assert meta(en, "og:title") == "Azerbaijan&#39;s foreign ministry says work on the Charter is nearing completion"
    assert meta(en, "og:description").startswith("On 30 January 2026 Azerbaijan&#39;s Foreign Ministry said")
    assert len(meta(en, "og:description")) < 260
    assert meta(en, "og:url") == f"https://briefing.example.org{EVENT}?lang=en"  # PUBLIC_URL, not the host asked
    assert meta(en, "og:locale") == "en_US" and meta(en, "og:site_name").startswith("Azerbaijan")


async def test_stored_text_is_escaped_and_unsafe_links_are_not_links(pages, pages_engine):
    async with open_session(pages_engine) as session:
        await session.exec(update(Event).where(Event.slug == "2026-01-30-mfa-charter-nearing-completion")
                           .values(title_en='<img src=x onerror=alert(1)> "quoted" & co'))
        await session.exec(update(Source).where(Source.key == "report-az-2026-01-30-charter-near-completion")
                           .values(url="javascript:alert(1)"))
        await session.commit()
    html = await (await pages.get(EVENT + "?lang=en")).text()
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt; &#34;quoted&#34; &amp; co" in html
    assert "javascript:" not in html
    assert meta(html, "og:title") == "&lt;img src=x onerror=alert(1)&gt; &#34;quoted&#34; &amp; co"


async def test_hidden_events_have_no_page(pages, pages_engine):
    async with open_session(pages_engine) as session:
        await session.exec(update(Event).where(Event.slug == "2026-01-30-mfa-charter-nearing-completion")
                           .values(hidden=True))
        await session.commit()
    assert (await pages.get(EVENT)).status == 404


async def test_topic_card_page(pages):
    en = await (await pages.get("/topics/charter?lang=en")).text()
    assert "<h1>Charter on Strategic Partnership</h1>" in en
    assert "Key dates" in en and 'href="/events/2026-02-10-charter-signed-baku?lang=en"' in en
    assert 'href="/timeline?topic=charter&amp;lang=en"' in en and "As of " in text_of(en)
    ru = await (await pages.get("/topics/tripp")).text()
    assert "<h1>Маршрут TRIPP</h1>" in ru and "Ключевые даты" in ru
