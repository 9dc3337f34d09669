"""/app: every public page again inside Telegram (its script, theme hook, links under /app), and My pushes."""
from __future__ import annotations

from tests.web.pages.pages_html import read, text_of


async def test_every_page_has_its_mini_app_twin(site):
    for path in ("", "/timeline", "/topics/charter", "/events/2026-02-10-charter-signed-baku", "/articles",
                 "/search?q=charter", "/chart"):
        public = await site.client.get(path or "/")
        in_app = await site.client.get("/app" + path)
        assert (public.status, in_app.status) == (200, 200), path
        public_html, app_html = await public.text(), await in_app.text()
        assert "telegram-web-app.js" not in public_html and 'class="in-app"' not in public_html, path
        assert "telegram-web-app.js" in app_html and 'class="in-app"' in app_html, path
        page_links = [link for link in read(app_html).links if link.startswith("/") and not link.startswith("/app")]
        assert page_links == [], (path, page_links)  # inside the Mini App, links stay inside it


async def test_the_start_page_offers_my_pushes(site):
    html = await (await site.client.get("/app?lang=en")).text()
    assert "/app/pushes?lang=en" in read(html).links and "/app/timeline?lang=en" in read(html).links


async def test_my_pushes_is_a_form_filled_by_its_script(site):
    response = await site.client.get("/app/pushes", headers={"Accept-Language": "en"})
    html = await response.text()
    assert response.status == 200 and 'data-api="/app/api/pushes"' in html
    text = text_of(html)
    for label in ("Topics", "Digest of new articles", "Day (weekly digest)", "On this day", "Time zone", "Language",
                  "Charter on Strategic Partnership", "Europe/Berlin", "Pacific/Auckland"):
        assert label in text, label
    assert "pushes." in html and "app." in html  # its script and stylesheet, under versioned names
    assert "/app/pushes" not in [link for link in read(await (await site.client.get("/timeline")).text()).links]


async def test_an_unknown_page_is_404_in_the_app_too(site):
    assert (await site.client.get("/app/events/no-such-event")).status == 404
    assert (await site.client.get("/app/nowhere")).status == 404
