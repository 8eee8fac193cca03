"""The API's documentation page in a browser: it renders from our own static
files under the site's Content Security Policy, with no blocked script or
style and no request to another site."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_docs_page_renders_under_the_csp_from_local_files(
    browser_page: Any, live_server: Any
) -> None:
    page = browser_page
    problems: list[str] = []
    hosts: set[str] = set()
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', event =>"
        " window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));"
    )
    page.goto("/api/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Handlingskraft API" in page.locator(".swagger-ui .info .title").inner_text()
    page.get_by_text("/api/plans", exact=True).first.wait_for()
    page.get_by_role("button", name="GET /api/plans").first.click()
    page.get_by_text("Publicerade planversioner").first.wait_for()
    assert page.evaluate("() => window.cspViolations") == []
    assert problems == []
    assert hosts == {urlsplit(live_server.url).netloc}
