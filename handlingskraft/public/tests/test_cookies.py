"""Public pages set no cookies and load nothing from elsewhere: no session,
no CSRF token, no language cookie, for a visitor without cookies and for one
who arrives with the cookies of an earlier visit to the site."""

from __future__ import annotations

import re

from django.conf import settings
from django.test import Client
from django.urls import reverse

from .conftest import PublicWorld
from .test_crawl import crawl

# Any address in src or href that leaves the site (links to other sites are
# fine in <a>, but nothing may be loaded from them).
LOADED_FROM_ELSEWHERE = re.compile(
    r'<(?:script|link|img|iframe|source)[^>]*(?:src|href)="(?:https?:)?//'
)


def test_no_public_page_sets_a_cookie(public_world: PublicWorld) -> None:
    client = Client()
    pages = crawl(client, reverse("public:index"))
    assert len(pages) > 15
    for url, response in pages.items():
        assert not response.cookies, url
        assert "Set-Cookie" not in response, url
    assert not client.cookies


def test_a_visitor_with_old_cookies_gets_none_set_either(public_world: PublicWorld) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    for url in (
        reverse("public:index"),
        reverse("public:help", args=[public_world.world.organization.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url


def test_public_pages_carry_no_csrf_token_and_load_nothing_from_elsewhere(
    public_world: PublicWorld,
) -> None:
    pages = crawl(Client(), reverse("public:index"))
    for url, response in pages.items():
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        assert "csrfmiddlewaretoken" not in html, url
        assert not LOADED_FROM_ELSEWHERE.search(html), url
        assert 'method="post"' not in html, url


def test_the_content_security_policy_allows_only_our_own_scripts(public_world: PublicWorld) -> None:
    response = Client().get(reverse("public:index"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
