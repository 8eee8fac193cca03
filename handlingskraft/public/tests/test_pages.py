"""What the public pages show, and that whatever is not published is a 404."""

from __future__ import annotations

import csv
import io

from django.test import Client
from django.urls import reverse

from handlingskraft.exports.models import FileFormat, FrozenReport
from handlingskraft.followup.models import FollowUpRound, RoundEvent
from handlingskraft.plans.models import Activity

from .conftest import PublicWorld


def get(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_plan_groups_its_activities_like_a_report_back(public_world: PublicWorld) -> None:
    world = public_world.world
    html = get(reverse("public:plan", args=[world.organization.slug, world.plan.slug]))
    completed = html.index('<h3 id="status-completed">')
    ongoing = html.index('<h3 id="status-ongoing">')
    assert completed < html.index("Utbilda personalen.") < ongoing
    assert ongoing < html.index("Informera föräldrar.")
    assert '<span class="status-symbol" aria-hidden="true">✓</span> Genomförda' in html
    assert (
        '<span class="status status--ongoing"><span class="status-symbol" aria-hidden="true">'
        "◐</span> Pågår</span>"
    ) in html
    assert "Enligt uppföljningen ”Årsuppföljning 2025”" in html
    assert "För att nå hit behöver följande vara på plats" in html
    assert "Kunskap finns om förebyggande arbete." in html


def test_nothing_unpublished_answers(public_world: PublicWorld) -> None:
    world = public_world.world
    org = world.organization.slug
    for url in (
        reverse("public:plan", args=[org, "hemlig-plan"]),
        reverse("public:measures", args=[org, "hemlig-plan"]),
        reverse("public:plan_json", args=[org, "hemlig-plan"]),
        reverse("public:round_list", args=[org, "hemlig-plan"]),
        reverse("public:round_detail", args=[org, world.plan.slug, public_world.hidden_round.pk]),
        reverse("public:statistics_detail", args=[org, public_world.hidden_data_set.pk]),
        reverse("public:plan", args=[world.other_organization.slug, world.other_plan.slug]),
        reverse("public:organization", args=["finns-inte"]),
        reverse("public:indicator_detail", args=["finns-inte"]),
    ):
        assert Client().get(url).status_code == 404, url


def test_a_round_of_another_plan_is_not_found_under_this_one(public_world: PublicWorld) -> None:
    world = public_world.world
    url = reverse(
        "public:round_detail", args=[world.organization.slug, "hemlig-plan", public_world.round.pk]
    )
    assert Client().get(url).status_code == 404


def test_the_statistics_are_protected(public_world: PublicWorld) -> None:
    world = public_world.world
    html = get(
        reverse(
            "public:statistics_detail", args=[world.organization.slug, public_world.data_set.pk]
        )
    )
    # Socialnämnden's 2 is a small count; Utbildningsnämnden's 10 and the total
    # are hidden so that the 2 cannot be worked out.
    assert (
        '<span aria-hidden="true">&lt;5</span><span class="visually-hidden">färre än 5</span>'
        in html
    )
    assert '<span aria-hidden="true">..</span>' in html


def test_the_csv_downloads_are_safe_in_a_spreadsheet(public_world: PublicWorld) -> None:
    world = public_world.world
    Activity.objects.filter(pk=public_world.second_activity.pk).update(
        description='=HYPERLINK("https://example.com")'
    )
    response = Client().get(
        reverse("public:activities_csv", args=[world.organization.slug, world.plan.slug])
    )
    assert response["Content-Disposition"] == 'attachment; filename="testkommun-plan-status.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:2] == ["Del av planen", "Aktivitet"]
    descriptions = [row[1] for row in rows[1:]]
    assert '\'=HYPERLINK("https://example.com")' in descriptions


def test_the_organisation_page_has_a_place_for_report_files(public_world: PublicWorld) -> None:
    html = get(reverse("public:organization", args=[public_world.world.organization.slug]))
    assert "<h2>Rapporter</h2>" in html
    assert "Ingen rapport är publicerad ännu." in html


def freeze(round: FollowUpRound, name: str) -> FrozenReport:
    approval = RoundEvent.objects.filter(round=round, action=RoundEvent.Action.LOCKED).first()
    assert approval is not None
    report = FrozenReport.of(
        b"%PDF-1.7 test",
        round=round,
        approval=approval,
        version=1,
        format=FileFormat.PDF,
        filename=name,
        created_by=round.created_by,
    )
    report.save()
    return report


def test_the_report_files_of_published_rounds_are_linked(public_world: PublicWorld) -> None:
    world = public_world.world
    shown = freeze(public_world.round, "arsuppfoljning-2025.pdf")
    hidden = freeze(public_world.hidden_round, "hemlig.pdf")
    shown_url = reverse("exports:published_report", args=[world.organization.slug, shown.pk])
    hidden_url = reverse("exports:published_report", args=[world.organization.slug, hidden.pk])
    for url in (
        reverse("public:organization", args=[world.organization.slug]),
        reverse("public:plan", args=[world.organization.slug, world.plan.slug]),
    ):
        html = get(url)
        assert f'<a href="{shown_url}">Rapport: Årsuppföljning 2025</a> (PDF' in html
        assert hidden_url not in html
    assert Client().get(shown_url).status_code == 200
    assert Client().get(hidden_url).status_code == 404


def test_the_accessibility_statement(db: None, settings: object) -> None:
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tillganglighet@kommun.example"  # type: ignore[attr-defined]
    html = get(reverse("public:accessibility"))
    assert "lagen (2018:1937) om tillgänglighet till digital offentlig service" in html
    assert (
        '<a href="mailto:tillganglighet@kommun.example">tillganglighet@kommun.example</a>' in html
    )
    assert "Myndigheten för digital förvaltning (DIGG)" in html
    assert 'href="https://www.digg.se/tdosanmalan"' in html
    assert "PDF/UA" in html
    assert "Redogörelsen uppdaterades senast den 22 november 2026." in html


def test_every_page_links_to_the_accessibility_statement(db: None, client: Client) -> None:
    statement = reverse("public:accessibility")
    assert statement in get(reverse("public:index"))
    assert statement in get(reverse("accounts:login"))


def test_each_activity_in_the_status_list_names_its_goal_and_actors_lead_first_said(
    public_world: PublicWorld,
) -> None:
    world = public_world.world
    html = get(reverse("public:plan", args=[world.organization.slug, world.plan.slug]))
    assert (
        "Målbild 1. Ansvariga: <strong>Socialnämnden</strong>"
        ' <span class="visually-hidden">(leder arbetet)</span>, Utbildningsnämnden\n'
    ) in html
    assert (
        "Målbild 1. Ansvariga: <strong>Utbildningsnämnden</strong>"
        ' <span class="visually-hidden">(leder arbetet)</span>\n'
    ) in html
