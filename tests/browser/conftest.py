"""The pages in headless Chromium (Debian's `chromium`, driven by Playwright), served by a real aiohttp server.

No `playwright install`: the system browser is launched by path. Without one the tests
skip with the reason, except under CI (CI=true), where they fail.
"""
from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest
from aiohttp import web

from bot.config import load_settings
from bot.web.pages.routes import pages_app
from storage.db import make_engine
from storage.seed_files import read_dossier
from tests.conftest import skip_or_fail
from tests.web.pages.seeding import add_articles

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REPO = Path(__file__).resolve().parents[2]


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def artifacts_dir() -> Path:
    """Where screenshots go: ARTIFACTS_DIR, by default test-artifacts/ in the repository (ignored by git)."""
    folder = Path(os.environ.get("ARTIFACTS_DIR") or REPO / "test-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
async def site(request, db_templates):
    """The pages over a seeded SQLite store with a few articles, on a free port: its base URL."""
    url = db_templates.clone("sqlite", True, request)
    engine = make_engine(url)
    await add_articles(engine, extra=20)
    settings = load_settings(_env_file=None, database_url=url, default_language="ru")
    runner = web.AppRunner(pages_app(settings, engine, read_dossier().meta), access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()
    await engine.dispose()


@pytest.fixture
async def browser():
    path = chromium_path()
    if path is None:
        skip_or_fail("no Chromium found (apt-get install chromium, or set CHROMIUM to its path)")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        await launched.close()


@pytest.fixture
async def page(browser):
    """A fresh page 1280 px wide, its language Russian (the dossier's own)."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    opened = await context.new_page()
    yield opened
    await context.close()


async def screenshot(page, name: str) -> Path:
    """The whole page at 360 and 1280 px wide, saved as test artifacts; the viewport is restored."""
    folder = artifacts_dir()
    size = page.viewport_size
    for width in (360, 1280):
        await page.set_viewport_size({"width": width, "height": 800})
        await page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
    await page.set_viewport_size(size)
    return folder
