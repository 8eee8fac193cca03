"""The training pages: what each role sees, the forms and their messages,
disclosure control of participation counts outside the coordinator's view,
the co-organiser flag, and the training links on other apps' pages. Who may
open which page is in the access table (training/tests/access.py)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from handlingskraft.conftest import World, make_actor
from handlingskraft.indicators.models import MeasureValue
from handlingskraft.organizations.models import ActorKind
from handlingskraft.plans.versions import plan_revise
from handlingskraft.training.models import (
    CoverageMeasure,
    EmployeeSurveyResult,
    Participation,
    ProfessionalGroup,
    SurveyQuestion,
    Training,
    TrainingSettings,
)

from .conftest import group, make_training, name_coordinating_actor, participate, plan_line

pytestmark = pytest.mark.django_db


def url(name: str, world: World, **kwargs: Any) -> str:
    return reverse(name, kwargs={"org_slug": world.organization.slug, **kwargs})


def page(client: Client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def text_of(html: str) -> str:
    """The page's text with tags and repeated spaces removed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- trainings -----------------------------------------------------------------------


def test_a_coordinator_adds_a_training_linked_to_an_activity(
    world: World, client_as: Callable[[str], Client]
):
    response = client_as("coordinator").post(
        url("training:training_create", world),
        {
            "title": "Grundutbildning om HRV",
            "format": "web",
            "is_ongoing": "on",
            "organisers": [world.school.pk],
            "activities": [world.activity.pk],
        },
    )
    training = Training.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("training:training_detail", world, training_id=training.pk)
    assert list(training.activities.all()) == [world.activity]


def test_a_training_needs_a_first_day_unless_it_is_ongoing(
    world: World, client_as: Callable[[str], Client]
):
    response = client_as("coordinator").post(
        url("training:training_create", world), {"title": "Dag", "format": "in_person"}
    )
    assert response.status_code == 200
    assert (
        "Ange första dagen, eller kryssa i att utbildningen är pågående."
        in response.content.decode()
    )
    assert not Training.objects.exists()


def test_the_training_page_shows_facts_and_linked_activities(
    world: World, training: Training, client_as: Callable[[str], Client]
):
    training.activities.set([world.activity])
    html = page(
        client_as("reader"), url("training:training_detail", world, training_id=training.pk)
    )
    assert "<h1>Grundutbildning om HRV</h1>" in html
    assert "Informera föräldrar." in html
    assert "Webbaserad" in html
    assert "Rapportera deltagande" not in html  # readers report nothing


def test_a_reporter_is_offered_to_report_for_their_own_actor_only(
    world: World, training: Training, client_as: Callable[[str], Client]
):
    html = page(
        client_as("reporter"), url("training:training_detail", world, training_id=training.pk)
    )
    own = url(
        "training:participation_edit", world, training_id=training.pk, actor_id=world.social.pk
    )
    assert f'href="{own}"' in html
    assert "Rapportera deltagande för Socialnämnden" in html
    other = url(
        "training:participation_edit", world, training_id=training.pk, actor_id=world.school.pk
    )
    assert other not in html


# --- participation -------------------------------------------------------------------


def participation_url(world: World, training: Training, actor=None) -> str:
    actor = actor or world.social
    return url("training:participation_edit", world, training_id=training.pk, actor_id=actor.pk)


def form_data(
    world: World, version: str, rows: list[dict[str, Any]], initial: int = 0
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "based_on": version,
        "rad-TOTAL_FORMS": str(len(rows)),
        "rad-INITIAL_FORMS": str(initial),
        "rad-MIN_NUM_FORMS": "0",
        "rad-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"rad-{index}-{key}"] = value
    return data


def version_on(html: str) -> str:
    match = re.search(r'name="based_on" value="([0-9a-f]*)"', html)
    assert match is not None
    return match.group(1)


def test_a_reporter_reports_participation_for_their_actor(
    world: World, training: Training, client_as: Callable[[str], Client]
):
    client = client_as("reporter")
    address = participation_url(world, training)
    html = page(client, address)
    socialtjanst = group(world.organization, "Socialtjänst")
    data = form_data(
        world,
        version_on(html),
        [
            {"year": "2024", "group": socialtjanst.pk, "participants": "12", "staff": "40"},
            {"year": "", "group": "", "participants": "", "staff": ""},
        ],
    )
    response = client.post(address, data)
    assert response.status_code == 302
    saved = Participation.objects.get()
    assert (saved.actor, saved.year, saved.participants, saved.staff) == (
        world.social,
        2024,
        12,
        40,
    )


def test_more_participants_than_staff_is_refused_next_to_the_field(
    world: World, training: Training, client_as: Callable[[str], Client]
):
    client = client_as("reporter")
    address = participation_url(world, training)
    socialtjanst = group(world.organization, "Socialtjänst")
    data = form_data(
        world,
        version_on(page(client, address)),
        [{"year": "2024", "group": socialtjanst.pk, "participants": "12", "staff": "10"}],
    )
    response = client.post(address, data)
    html = response.content.decode()
    assert response.status_code == 200
    message = "Deltagarna kan inte vara fler än personalen i gruppen (10)."
    assert re.search(
        r'<div class="field-errors" id="id_rad-0-participants_error">\s*<p>'
        r'<span class="visually-hidden">Fel: </span>' + re.escape(message),
        html,
    )
    assert 'aria-invalid="true"' in html
    assert f"Rad 1, Deltagare: {message}" in html
    assert not Participation.objects.exists()


def test_a_save_over_someone_elses_change_shows_the_current_figures(
    world: World, training: Training, client_as: Callable[[str], Client]
):
    client = client_as("reporter")
    address = participation_url(world, training)
    stale = version_on(page(client, address))
    participate(training, world.social, "Socialtjänst", participants=7, staff=40)
    socialtjanst = group(world.organization, "Socialtjänst")
    data = form_data(
        world,
        stale,
        [{"year": "2024", "group": socialtjanst.pk, "participants": "9", "staff": "40"}],
    )
    html = client.post(address, data).content.decode()
    assert "Någon annan har ändrat deltagandet medan du skrev." in html
    assert 'name="rad-0-participants" value="7"' in html
    assert Participation.objects.get().participants == 7


def test_a_row_is_removed_by_ticking_it(
    world: World, training: Training, client_as: Callable[[str], Client]
):
    row = participate(training, world.social, "Socialtjänst", participants=7, staff=40)
    client = client_as("coordinator")
    address = participation_url(world, training)
    data = form_data(
        world,
        version_on(page(client, address)),
        [
            {
                "year": "2024",
                "group": row.group_id,
                "participants": "7",
                "staff": "40",
                "DELETE": "on",
            }
        ],
        initial=1,
    )
    assert client.post(address, data).status_code == 302
    assert not Participation.objects.exists()


# --- disclosure control --------------------------------------------------------------


@pytest.fixture
def small_numbers(world: World, training: Training) -> Training:
    """Socialnämnden: 3 trained (a small count), Utbildningsnämnden: 20."""
    participate(training, world.social, "Socialtjänst", participants=3, staff=40)
    participate(training, world.school, "Skola", participants=20, staff=100)
    return training


def test_the_coordinator_sees_participation_as_reported(
    world: World, small_numbers: Training, client_as: Callable[[str], Client]
):
    html = page(
        client_as("coordinator"),
        url("training:training_detail", world, training_id=small_numbers.pk),
    )
    assert '<td class="number">3</td>' in html
    assert "Rapporterat per enhet" in html
    assert "Visa tabellerna som andra ser dem" in html


@pytest.mark.parametrize("persona", ["reader", "reporter", "working_group_member"])
def test_everyone_else_sees_small_counts_suppressed(
    world: World, small_numbers: Training, client_as: Callable[[str], Client], persona: str
):
    html = page(
        client_as(persona), url("training:training_detail", world, training_id=small_numbers.pk)
    )
    assert '<td class="number">3</td>' not in html
    assert "&lt;5" in html
    assert "färre än 5" in html
    assert "Rapporterat per enhet" not in html
    # The total would give the small count away, so it is hidden too.
    assert '<td class="number">23</td>' not in html


def test_the_coordinator_can_preview_the_protected_tables(
    world: World, small_numbers: Training, client_as: Callable[[str], Client]
):
    address = url("training:training_detail", world, training_id=small_numbers.pk) + "?visa=skyddad"
    html = page(client_as("coordinator"), address)
    assert "&lt;5" in html
    assert "Rapporterat per enhet" not in html


def test_the_training_list_hides_a_total_built_on_hidden_counts(
    world: World, small_numbers: Training, client_as: Callable[[str], Client]
):
    coordinator = text_of(page(client_as("coordinator"), url("training:training_list", world)))
    reader = page(client_as("reader"), url("training:training_list", world))
    assert " 23 " in coordinator
    assert '<td class="number">23</td>' not in reader
    assert "dolt för att skydda små tal" in reader


def test_coverage_is_hidden_where_it_is_built_on_a_hidden_count(
    world: World, small_numbers: Training, client_as: Callable[[str], Client]
):
    plan_line(world.social, "Socialtjänst", {2024: (40, 50)}, trainings=[small_numbers])
    plan_line(world.school, "Skola", {2024: (100, 20)}, trainings=[small_numbers])
    coordinator = text_of(page(client_as("coordinator"), url("training:coverage", world)))
    assert "7,5 %" in coordinator
    assert "20 % 20 av 100" in coordinator.replace(",0", "")
    reader = text_of(page(client_as("reader"), url("training:coverage", world)))
    assert "7,5 %" not in reader
    assert "20 % 20 av 100" in reader.replace(",0", "")


# --- the co-organiser rule -----------------------------------------------------------


@pytest.fixture
def centre(world: World):
    centre = make_actor(world.organization, "Våldspreventivt center", ActorKind.ADMINISTRATION)
    name_coordinating_actor(world.organization, centre)
    return centre


def home(client: Client, world: World) -> str:
    return page(
        client, reverse("plans:organization_home", kwargs={"org_slug": world.organization.slug})
    )


def test_a_training_with_two_administrations_and_no_centre_is_flagged(
    world: World, centre, small_numbers: Training, client_as: Callable[[str], Client]
):
    client = client_as("reader")
    detail = page(client, url("training:training_detail", world, training_id=small_numbers.pk))
    assert "Samordnande aktör saknas bland arrangörerna" in detail
    assert "Deltagarna kommer från 2 förvaltningar, men Våldspreventivt center" in detail
    start = text_of(home(client, world))
    assert "1 utbildning saknar Våldspreventivt center bland arrangörerna" in start
    assert "Grundutbildning om HRV" in start


def test_the_flag_goes_when_the_centre_organises(
    world: World, centre, small_numbers: Training, client_as: Callable[[str], Client]
):
    small_numbers.organisers.add(centre)
    client = client_as("reader")
    detail = page(client, url("training:training_detail", world, training_id=small_numbers.pk))
    assert "Samordnande aktör saknas" not in detail
    assert "Följer regeln" in detail
    assert "bland arrangörerna" not in text_of(home(client, world))


def test_one_administration_is_not_flagged(
    world: World, centre, training: Training, client_as: Callable[[str], Client]
):
    participate(training, world.social, "Socialtjänst", participants=30, staff=40)
    detail = page(
        client_as("reader"), url("training:training_detail", world, training_id=training.pk)
    )
    assert "Samordnande aktör saknas" not in detail
    assert "Samordnande aktör saknas" not in home(client_as("reader"), world)


def test_without_a_coordinating_actor_no_training_is_flagged(
    world: World, small_numbers: Training, client_as: Callable[[str], Client]
):
    assert "Samordnande aktör saknas" not in page(
        client_as("coordinator"), url("training:training_list", world)
    )
    assert "Samordnande aktör saknas" not in home(client_as("coordinator"), world)


# --- the competence plan and the settings --------------------------------------------


def test_a_coordinator_adds_a_plan_line_with_years(
    world: World, training: Training, client_as: Callable[[str], Client]
):
    client = client_as("coordinator")
    response = client.post(
        url("training:line_create", world),
        {
            "actor": world.school.pk,
            "group": group(world.organization, "Skola").pk,
            "trainings": [training.pk],
            "ar-TOTAL_FORMS": "2",
            "ar-INITIAL_FORMS": "0",
            "ar-MIN_NUM_FORMS": "0",
            "ar-MAX_NUM_FORMS": "1000",
            "ar-0-year": "2024",
            "ar-0-staff": "120",
            "ar-0-target_share": "50",
        },
    )
    assert response.status_code == 302
    html = text_of(page(client_as("reader"), url("training:competence_plan", world)))
    assert "Utbildningsnämnden: Skola" in html
    assert "120 personal" in html
    assert "mål 50 %" in html


def test_the_settings_page_names_the_coordinating_actor_and_renames_a_group(
    world: World, client_as: Callable[[str], Client]
):
    client = client_as("coordinator")
    html = page(client, url("training:settings", world))
    data: dict[str, Any] = {"coordinating_actor": world.school.pk, "survey_baseline_year": "2022"}
    for prefix in ("amne", "grupp"):
        rows = re.findall(rf'name="{prefix}-(\d+)-pk" value="(\d+)"', html)
        names = re.findall(rf'name="{prefix}-(\d+)-name"[^>]*value="([^"]*)"', html)
        data.update(
            {f"{prefix}-TOTAL_FORMS": str(len(rows) + 1), f"{prefix}-INITIAL_FORMS": str(len(rows))}
        )
        data.update({f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
        for index, pk in rows:
            data[f"{prefix}-{index}-pk"] = pk
            data[f"{prefix}-{index}-is_active"] = "on"
        for index, name in names:
            data[f"{prefix}-{index}-name"] = name
    data["grupp-1-name"] = "Grundskola"
    response = client.post(url("training:settings", world), data)
    assert response.status_code == 302
    assert TrainingSettings.objects.get().coordinating_actor == world.school
    assert ProfessionalGroup.objects.filter(name="Grundskola").exists()
    assert not ProfessionalGroup.objects.filter(name="Skola").exists()


def test_a_measure_is_set_to_compute_from_the_competence_plan(
    world: World, training: Training, client_as: Callable[[str], Client]
):
    plan_line(world.social, "Socialtjänst", {2024: (40, 50)}, trainings=[training])
    participate(training, world.social, "Socialtjänst", participants=30, staff=40)
    client = client_as("coordinator")
    assert "Andelen skolor ökar." in page(client, url("training:measure_feeds", world))
    response = client.post(
        url("training:measure_feeds", world), {f"matt-{world.measure.pk}": "actors"}
    )
    assert response.status_code == 302
    assert CoverageMeasure.objects.get().basis == "actors"
    value = MeasureValue.objects.get()
    assert (value.year, value.value, value.source) == (2024, Decimal("100.0"), "competence_plan")
    measure_page = page(
        client,
        reverse(
            "indicators:measure_detail",
            kwargs={"org_slug": world.organization.slug, "measure_id": world.measure.pk},
        ),
    )
    assert "Kompetensförsörjningsplanen" in measure_page


# --- the employee survey -------------------------------------------------------------


def test_survey_results_are_imported_and_compared_with_the_baseline(
    world: World, client_as: Callable[[str], Client]
):
    content = (
        "år;aktör;fråga;andel;svarande\n"
        "2022;;Erbjuden utbildning i HRV;31,5;1250\n"
        "2024;;Erbjuden utbildning i HRV;58;1302\n"
        "2024;Socialnämnden;Utsatt för våld i arbetet;25;4\n"
    ).encode()
    client = client_as("coordinator")
    upload = SimpleUploadedFile("enkat.csv", content, content_type="text/csv")
    response = client.post(url("training:survey_import", world), {"file": upload})
    assert response.status_code == 302
    assert EmployeeSurveyResult.objects.count() == 3
    coordinator = text_of(page(client, url("training:survey_results", world)))
    assert "31,5 %" in coordinator and "58 %" in coordinator
    assert "+26,5 procentenheter" in coordinator
    assert "25 %" in coordinator
    reader = text_of(page(client_as("reader"), url("training:survey_results", world)))
    assert "+26,5 procentenheter" in reader
    assert "25 %" not in reader  # four respondents: too few to show


def test_a_file_with_errors_names_each_row(world: World, client_as: Callable[[str], Client]):
    upload = SimpleUploadedFile(
        "enkat.csv", "år;aktör;fråga;andel;svarande\n2022;;Vet ej;10;\n".encode()
    )
    response = client_as("coordinator").post(url("training:survey_import", world), {"file": upload})
    assert response.status_code == 200
    assert "Rad 2: frågan ”Vet ej” finns inte." in response.content.decode()


def test_a_coordinator_enters_one_result(world: World, client_as: Callable[[str], Client]):
    response = client_as("coordinator").post(
        url("training:survey_result_create", world),
        {"year": "2022", "question": SurveyQuestion.EXPOSED_AT_WORK, "actor": "", "share": "12,4"},
    )
    assert response.status_code == 302
    result = EmployeeSurveyResult.objects.get()
    assert (result.actor, result.share) == (None, Decimal("12.4"))


# --- other apps' pages ---------------------------------------------------------------


def test_the_activity_list_shows_each_activitys_trainings(
    world: World, training: Training, client_as: Callable[[str], Client]
):
    training.activities.set([world.activity])
    make_training(
        world.organization,
        "Erfarenhetsträff",
        format="in_person",
        starts_on=datetime.date(2024, 3, 1),
        is_ongoing=False,
    )
    address = reverse(
        "plans:activity_list",
        kwargs={"org_slug": world.organization.slug, "plan_slug": world.plan.slug},
    )
    html = page(client_as("reporter"), address)
    detail = url("training:training_detail", world, training_id=training.pk)
    assert f'<a href="{detail}">Grundutbildning om HRV</a>' in html
    assert "Erfarenhetsträff" not in html


def test_another_organisations_training_is_not_shown_on_the_activity_list(
    world: World, client_as: Callable[[str], Client]
):
    theirs = make_training(world.other_organization, "Deras utbildning")
    theirs.activities.set([world.activity])  # a link that should never have been made
    address = reverse(
        "plans:activity_list",
        kwargs={"org_slug": world.organization.slug, "plan_slug": world.plan.slug},
    )
    assert "Deras utbildning" not in page(client_as("coordinator"), address)


def test_the_organisation_menu_links_to_training(world: World, client_as: Callable[[str], Client]):
    assert f'href="{url("training:training_list", world)}"' in home(client_as("reporter"), world)


def test_a_training_stays_linked_to_its_activity_in_a_revised_plan(
    world: World, training: Training, client_as: Callable[[str], Client]
):
    training.activities.set([world.activity])
    revision = plan_revise(plan=world.plan, user=world.users["coordinator"])
    address = reverse(
        "plans:activity_list",
        kwargs={"org_slug": world.organization.slug, "plan_slug": world.plan.slug},
    )
    html = page(client_as("reader"), f"{address}?version={revision.version}")
    assert "Grundutbildning om HRV" in html
    form = page(
        client_as("coordinator"), url("training:training_edit", world, training_id=training.pk)
    )
    copied = revision.activities.get()
    assert re.search(rf'value="{copied.pk}"[^>]*checked', form)
