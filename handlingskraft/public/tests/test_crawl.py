"""Nothing unpublished or internal is reachable anonymously: every public page
is crawled from the public index, following every link that stays on the
public side, and nothing in the world's SECRETS (unpublished plans, versions
and rounds, internal comments, reports never approved, values no published
round covers) appears in any page or download, and no small count appears
unsuppressed."""

from __future__ import annotations

import json
import re
from collections import deque
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urljoin

from django.test import Client
from django.urls import reverse

from .conftest import SECRETS, PublicWorld

PUBLIC_PREFIX = "/offentligt/"
# A table cell holding a count from 1 to 4: disclosure control shows these as "<5".
SMALL_CELL = re.compile(r'<td class="number">\s*[1-4]\s*</td>')


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def crawl(client: Client, start: str) -> dict[str, Any]:
    """Every public address reachable from `start`, with its response."""
    seen: dict[str, Any] = {}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        seen[url] = response
        if not response["Content-Type"].startswith("text/html"):
            continue
        parser = Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            target = urldefrag(urljoin(url, href)).url
            if target.startswith(PUBLIC_PREFIX) and target not in seen:
                queue.append(target)
    return seen


def test_the_crawl_finds_no_secret_and_no_small_count(public_world: PublicWorld) -> None:
    client = Client()
    pages = crawl(client, reverse("public:index"))
    world = public_world.world
    org, plan = world.organization.slug, world.plan.slug
    expected = {
        reverse("public:index"),
        reverse("public:accessibility"),
        reverse("public:indicator_list"),
        reverse("public:indicator_detail", args=[public_world.indicator.code]),
        reverse("public:indicator_csv", args=[public_world.indicator.code]),
        reverse("public:organization", args=[org]),
        reverse("public:help", args=[org]),
        reverse("public:help_language", args=[org, "ar"]),
        reverse("public:statistics_list", args=[org]),
        reverse("public:statistics_detail", args=[org, public_world.data_set.pk]),
        reverse("public:plan", args=[org, plan]),
        reverse("public:measures", args=[org, plan]),
        reverse("public:round_list", args=[org, plan]),
        reverse("public:round_detail", args=[org, plan, public_world.round.pk]),
        reverse("public:plan_json", args=[org, plan]),
        reverse("public:activities_csv", args=[org, plan]),
        reverse("public:measures_csv", args=[org, plan]),
    }
    assert expected <= set(pages)
    for url, response in pages.items():
        text = response.content.decode("utf-8")
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} på {url}"
        assert not SMALL_CELL.search(text), url
        if response["Content-Type"].startswith("text/csv"):
            cells = {cell for line in text.splitlines() for cell in line.split(";")}
            assert not cells & {"1", "2", "3", "4"}, url


def test_the_crawl_reaches_the_published_content(public_world: PublicWorld) -> None:
    """The crawl is worth something: the published texts are on its pages."""
    pages = crawl(Client(), reverse("public:index"))
    everything = "\n".join(r.content.decode("utf-8") for r in pages.values())
    for published in (
        "Handlingsplan plan",
        "Arbetet med föräldrar pågår i alla stadsdelar.",
        "Personalen har utbildats.",
        "Årsuppföljning 2025",
        "Andelen skolor ökar.",
        "Ärenden som rör HRV",
        "Kvinnofridslinjen",
        "Orosanmälningar som rör HRV",
        "&lt;5",
    ):
        assert published in everything, published


def test_the_plan_json_hides_the_small_count(public_world: PublicWorld) -> None:
    world = public_world.world
    url = reverse("public:plan_json", args=[world.organization.slug, world.plan.slug])
    document = json.loads(Client().get(url).content)
    measures = document["plan"]["goals"][0]["measures"]
    counted = next(m for m in measures if m["kind"] == "count")
    assert counted["values"] == [
        {"period": "2024", "gender": "T", "value": None, "shown_as": "<5"},
        {"period": "2025", "gender": "T", "value": 12, "shown_as": "12"},
    ]
