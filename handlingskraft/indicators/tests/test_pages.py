"""The indicator pages: what they show, forms with errors next to the fields,
and the unit-survey flow through the pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from handlingskraft.conftest import World
from handlingskraft.followup.services import round_open
from handlingskraft.followup.tests.conftest import round_input
from handlingskraft.indicators.models import MeasureValue, UnitSurvey
from handlingskraft.organizations.models import Unit
from handlingskraft.plans.models import MeasureKind, MeasureTarget

from .conftest import enter, survey_of_plan

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "files"


def url(name: str, world: World, **kwargs: object) -> str:
    return reverse(f"indicators:{name}", kwargs={"org_slug": world.organization.slug, **kwargs})


def measure_url(world: World, name: str = "measure_detail") -> str:
    return url(name, world, measure_id=world.measure.pk)


def with_values(world: World) -> None:
    measure = world.measure
    measure.kind, measure.baseline_year, measure.baseline_value = MeasureKind.COUNT, 2021, 40
    measure.save()
    MeasureTarget.objects.create(measure=measure, year=2026, value=70)
    coordinator = world.users["coordinator"]
    enter(measure, coordinator, "2023", "38")
    enter(measure, coordinator, "2024", "45")
    enter(measure, coordinator, "2024", "47")
    enter(measure, coordinator, "2024", "25", gender="K")


def test_the_measure_page_shows_chart_table_assessment_targets_and_history(
    world: World, client_as: Callable[[str], Client]
):
    with_values(world)
    html = client_as("reader").get(measure_url(world)).content.decode()
    assert 'role="img"' in html and '<title id="matt-diagram-titel">' in html
    assert "Diagrammets uppgifter: Andelen skolor ökar. (antal)" in html
    assert '<th scope="row">2026</th>' in html  # a period with a target only
    assert "Senaste värdet (2024): <strong>47</strong> antal." in html
    assert '<span class="status-symbol" aria-hidden="true">+</span> Förbättrad' in html
    assert '<span class="status-symbol" aria-hidden="true">−</span> Försämrad' in html
    assert "Nollmätning 2021: 40" in html
    assert html.count("Ersatt av en senare rad") == 1
    assert "För in ett värde" not in html


def test_the_coordinator_is_offered_value_entry_and_a_survey_only_for_shares(
    world: World, client_as: Callable[[str], Client]
):
    html = client_as("coordinator").get(measure_url(world)).content.decode()
    assert "För in ett värde" in html and "Skicka en enhetsenkät" not in html
    world.measure.kind, world.measure.share_of = MeasureKind.SHARE, "preschool"
    world.measure.save()
    html = client_as("coordinator").get(measure_url(world)).content.decode()
    assert "Skicka en enhetsenkät" in html


def test_a_value_form_with_mistakes_shows_each_error_next_to_its_field(
    world: World, client_as: Callable[[str], Client]
):
    world.measure.kind = MeasureKind.SHARE
    world.measure.save()
    response = client_as("coordinator").post(
        measure_url(world, "value_create"),
        {"period": "2025T5", "gender": "T", "value": "120", "comment": "Se 19811218-9876."},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="error-summary" role="alert" id="fel">' in html
    assert 'id="id_period_error"' in html and "ett tertial, 2025T1" in html
    assert 'id="id_value_error"' in html and "mellan 0 och 100" in html
    assert 'id="id_comment_error"' in html and "personnummer" in html
    assert not MeasureValue.objects.exists()


def test_a_value_is_saved_with_a_decimal_comma_and_shown_on_the_measure_page(
    world: World, client_as: Callable[[str], Client]
):
    client = client_as("coordinator")
    response = client.post(
        measure_url(world, "value_create"),
        {"period": "2025t1", "gender": "K", "value": "12,5", "comment": "Från elevhälsan."},
    )
    assert response.status_code == 302 and response.url == measure_url(world)
    value = MeasureValue.objects.get()
    assert (value.year, value.tertial, value.gender, str(value.value)) == (2025, 1, "K", "12.5000")
    page = client.get(measure_url(world)).content.decode()
    assert "Värdet 12,5 för tertial 1 2025 är sparat." in page


def test_a_responsible_reporter_enters_values_while_a_round_is_open(
    world: World, client_as: Callable[[str], Client]
):
    reporter = client_as("reporter")
    assert reporter.get(measure_url(world, "value_create")).status_code == 403
    round_open(plan=world.plan, user=world.users["coordinator"], data=round_input())
    assert reporter.get(measure_url(world, "value_create")).status_code == 200
    response = reporter.post(
        measure_url(world, "value_create"), {"period": "2025", "gender": "T", "value": "3"}
    )
    assert response.status_code == 302
    assert MeasureValue.objects.get().entered_by == world.users["reporter"]
    assert client_as("reader").get(measure_url(world, "value_create")).status_code == 403


def test_a_survey_is_sent_answered_per_unit_and_closed_into_a_value_through_the_pages(
    world: World, client_as: Callable[[str], Client]
):
    world.measure.kind, world.measure.share_of = MeasureKind.SHARE, "preschool"
    world.measure.save()
    Unit.objects.create(actor=world.social, name="Förskolan Ekorren", kind="preschool")
    Unit.objects.create(actor=world.school, name="Förskolan Björken", kind="preschool")
    coordinator = client_as("coordinator")
    response = coordinator.post(
        measure_url(world, "survey_create"),
        {"period": "2025", "question": "Har förskolan rutiner?"},
    )
    survey = UnitSurvey.objects.get()
    assert response.status_code == 302 and response.url == url(
        "survey_detail", world, survey_id=survey.pk
    )

    reporter = client_as("reporter")
    answer_url = url("survey_answer", world, survey_id=survey.pk)
    page = reporter.get(answer_url).content.decode()
    assert "Förskolan Ekorren" in page and "Förskolan Björken" not in page
    own, other = survey.answers.get(actor=world.social), survey.answers.get(actor=world.school)
    response = reporter.post(
        answer_url,
        {f"svar-{own.pk}-answer": "yes", f"svar-{other.pk}-answer": "no"},
    )
    assert response.status_code == 302
    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.answer, own.answered_by, other.answer) == ("yes", world.users["reporter"], "")

    results = coordinator.get(url("survey_detail", world, survey_id=survey.pk)).content.decode()
    assert "<strong>100 %</strong> (1 av 1 som svarat)" in results
    assert "1 av 2 förskolor har svarat (50 %)" in results

    response = coordinator.post(url("survey_close", world, survey_id=survey.pk))
    assert response.status_code == 302 and response.url == measure_url(world)
    value = MeasureValue.objects.get()
    assert (value.value, value.source) == (100, "unit_survey")
    assert "1 av 2 förskolor svarade (täckning 50 %)" in value.comment
    closed = reporter.get(answer_url).content.decode()
    assert "Enkäten är stängd." in closed and "Spara svaren" not in closed


def test_a_reporter_sees_only_the_surveys_to_answer_in_the_list(
    world: World, survey: UnitSurvey, client_as: Callable[[str], Client]
):
    listing = client_as("reporter").get(url("survey_list", world)).content.decode()
    assert "Svara<span" in listing and "Resultat<span" not in listing
    listing = client_as("reader").get(url("survey_list", world)).content.decode()
    assert "Resultat<span" in listing and "Svara<span" not in listing


def test_closing_another_organisations_survey_answers_404(
    world: World, client_as: Callable[[str], Client]
):
    other = survey_of_plan(world.other_plan, world.users["outsider"])
    response = client_as("coordinator").post(url("survey_close", world, survey_id=other.pk))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.is_open


def test_the_kolada_upload_shows_what_was_imported(
    world: World, client_as: Callable[[str], Client]
):
    world.measure.kolada_kpi = "N00945"
    world.measure.save()
    text = (FILES / "kolada-N00945-0127.json").read_text().replace('"0127"', '"9901"')
    upload = SimpleUploadedFile("kolada.json", text.encode(), content_type="application/json")
    response = client_as("coordinator").post(url("kolada_import", world), {"file": upload})
    assert response.status_code == 200
    assert "13 värden importerades till 1 mått." in response.content.decode()
    assert MeasureValue.objects.count() == 13


def test_a_kolada_file_in_the_wrong_format_is_refused_next_to_the_field(
    world: World, client_as: Callable[[str], Client]
):
    upload = SimpleUploadedFile("kolada.json", b"[1, 2]", content_type="application/json")
    response = client_as("coordinator").post(url("kolada_import", world), {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_file_error"' in html and "Filen har inte Kolada-formatet" in html


def test_the_export_is_a_json_file_named_after_the_municipality_and_kpi(
    world: World, client_as: Callable[[str], Client]
):
    world.measure.kolada_kpi = "N00945"
    world.measure.save()
    enter(world.measure, world.users["coordinator"], "2024", "12.5")
    response = client_as("reader").get(url("kolada_export", world) + "?kpi=n00945")
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="kolada-9901-N00945.json"'
    assert response.json()["values"][0]["values"][0]["value"] == 12.5


def test_the_measure_list_shows_the_latest_value_with_its_verdict(
    world: World, client_as: Callable[[str], Client]
):
    with_values(world)
    html = client_as("reporter").get(url("measure_list", world)).content.decode()
    assert measure_url(world) in html
    assert '47<br><span class="note">2024</span>' in html
    assert "Förbättrad" in html


def test_the_link_include_for_plan_pages_points_at_the_measure_page(world: World):
    template = Template('{% include "indicators/_measure_link.html" %}')
    html = template.render(Context({"measure": world.measure, "org_slug": "testkommun"}))
    assert f'href="/testkommun/matt/{world.measure.pk}/"' in html
    assert "Värden över tid" in html
