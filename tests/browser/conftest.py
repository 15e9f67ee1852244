"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright, with axe-core injected.

Run with ``scripts/test-browser`` or ``.venv/bin/pytest -m browser tests/browser``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ViewportSize, sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.browser.journey import Journey

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run scripts/test-browser (it installs Debian's chromium "
            "as root) or `apt-get install -y chromium`; Playwright cannot download browsers here."
        )
    # Playwright's sync API keeps an asyncio loop running in this thread, so Django would refuse
    # the fixtures' ordinary synchronous ORM calls (personas, the database flush) while it is up.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def journey(browser: Browser, live_server: LiveServer) -> Iterator[Journey]:
    """A fresh browser context (no cookies) on the live server, at desktop width."""
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    try:
        yield Journey(context=context, base_url=live_server.url)
    finally:
        context.close()
