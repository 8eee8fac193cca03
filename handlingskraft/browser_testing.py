"""Support for browser tests: Debian's Chromium driven by Playwright against
pytest-django's live server, and axe-core for WCAG 2.1 A and AA checks.

The fixtures are registered in handlingskraft/conftest.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from handlingskraft.accounts.models import User

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses that unless told the calls are safe (they are: one thread drives both).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
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
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOT_DIR = Path(__file__).resolve().parent.parent / "docs" / "bilder"


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(
            f"Webbläsartesterna behöver Chromium på {CHROMIUM}: installera Debians paket "
            "chromium (make browser) eller ange CHROMIUM_PATH."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium: Any, live_server: Any) -> Iterator[Any]:
    """A fresh browser tab (own cookies) on the live server, Swedish, desktop size."""
    context = chromium.new_context(
        base_url=live_server.url, locale="sv-SE", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def log_in_as(page: Any, user: User, base_url: str) -> None:
    """Give the browser tab a logged-in session for `user`, without the login form
    (the login form itself has its own browser test)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )


def axe_violations(page: Any) -> list[str]:
    """The WCAG 2.1 A/AA violations axe-core finds on the page, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    return [
        f"{violation['id']}: {violation['help']} – "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in results.response["violations"]
    ]


def screenshot(page: Any, name: str) -> Path | None:
    """Save a screenshot for the user guide (docs/bilder/NAME.png) when the run
    asks for them (`make screenshots`); an ordinary test run leaves docs alone."""
    if not os.environ.get("HANDLINGSKRAFT_SCREENSHOTS"):
        return None
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(target), full_page=False)
    return target
