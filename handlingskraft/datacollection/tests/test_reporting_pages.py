"""The report form: validation next to the fields, drafts, warnings that need
a comment, submitting, and a save that lost a race."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from handlingskraft.conftest import World
from handlingskraft.datacollection.categories import TOTAL
from handlingskraft.datacollection.forms import ValuesForm
from handlingskraft.datacollection.models import DataSet, DataValue, ValueState
from handlingskraft.datacollection.queries import report_states
from handlingskraft.datacollection.rules import COMMENT
from handlingskraft.plans.periods import Period

from .conftest import YEAR, approve, elements
from .pages import form_data, report_url

pytestmark = pytest.mark.django_db


def errors_of(response, field: str) -> list[str]:
    return [str(error) for error in response.context["form"].errors.get(field, [])]


def test_the_form_shows_one_fieldset_per_element_with_its_breakdown(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    response = client_as("reporter").get(report_url(data_set, world.social))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Barn som förts utomlands" in html and "Uppdelning på kön" in html
    assert 'inputmode="numeric"' in html


def test_counts_must_be_whole_non_negative_numbers(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    abroad, staff = elements(data_set)
    data = form_data(data_set, girls="tre", trained=-2)
    response = client_as("reporter").post(report_url(data_set, world.social), data)
    assert response.status_code == 200
    assert errors_of(response, ValuesForm.name(abroad.pk, "g:f")) == [
        "Skriv ett heltal, till exempel 0 eller 12."
    ]
    assert errors_of(response, ValuesForm.name(staff.pk, TOTAL)) == [
        "Antalet kan inte vara negativt."
    ]
    html = response.content.decode()
    assert "Något behöver rättas" in html
    assert f'id="id_{ValuesForm.name(abroad.pk, "g:f")}_error"' in html
    assert 'aria-invalid="true"' in html
    assert not DataValue.objects.exists()


def test_the_breakdown_must_add_up_to_the_total(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    abroad, _staff = elements(data_set)
    data = form_data(data_set, total=7)
    response = client_as("reporter").post(report_url(data_set, world.social), data)
    assert errors_of(response, ValuesForm.name(abroad.pk, TOTAL)) == [
        "Uppdelningen summerar till 5 men totalt är 7. Rätta så att de stämmer."
    ]


def test_a_draft_may_have_gaps_but_submitting_asks_for_every_count(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    client = client_as("reporter")
    url = report_url(data_set, world.social)
    data = form_data(data_set, boys="", total=3)
    assert client.post(url, data).status_code == 302
    assert report_states(data_set) == {(world.social.pk, YEAR): ValueState.DRAFT}
    response = client.post(url, form_data(data_set, boys="", total=3, based_on=1, action="submit"))
    abroad, _staff = elements(data_set)
    assert errors_of(response, ValuesForm.name(abroad.pk, "g:m")) == [
        "Fyll i ett antal. Skriv 0 om det inte finns något att räkna."
    ]
    # The draft is shown again as it was saved, gap included.
    page = client.get(url)
    assert page.context["form"].initial.get(ValuesForm.name(abroad.pk, "g:m")) is None
    assert page.context["form"].initial[ValuesForm.name(abroad.pk, "g:f")] == 3


def test_submitting_locks_the_form_until_the_coordinator_decides(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    client = client_as("reporter")
    url = report_url(data_set, world.social)
    response = client.post(url, form_data(data_set, action="submit"))
    assert response.status_code == 302
    page = client.get(url)
    assert "statistics/report_view.html" in [t.name for t in page.templates]
    assert "väntar på granskning" in page.content.decode()
    again = client.post(url, form_data(data_set, based_on=1), follow=True)
    assert "inskickad och kan inte ändras" in again.content.decode()
    assert DataValue.objects.filter(number=2).count() == 0


def test_an_implausible_change_warns_and_needs_a_comment_to_submit(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    approve(data_set, world.social, world.users["coordinator"], Period(2024), trained=10)
    _abroad, staff = elements(data_set)
    client = client_as("reporter")
    url = report_url(data_set, world.social)
    draft = client.post(url, form_data(data_set, trained=40), follow=True)
    html = draft.content.decode()
    assert "Kontrollera antalen" in html
    assert "Antalet har mer än fördubblats sedan förra perioden (10)." in html
    assert "Förra perioden (2024): 10" in html
    refused = client.post(url, form_data(data_set, trained=40, based_on=1, action="submit"))
    assert errors_of(refused, ValuesForm.name(staff.pk, COMMENT)) == [
        "Skriv en kommentar som förklarar ändringen innan du skickar in."
    ]
    explained = form_data(
        data_set, trained=40, based_on=1, action="submit", trained_comment="Ny webbutbildning."
    )
    assert client.post(url, explained).status_code == 302
    assert report_states(data_set)[(world.social.pk, YEAR)] == ValueState.SUBMITTED
    comment = DataValue.objects.get(element=staff, year=2025, number=2, category=TOTAL).comment
    assert comment == "Ny webbutbildning."


def test_personal_data_in_a_comment_is_refused_next_to_the_field(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    abroad, _staff = elements(data_set)
    data = form_data(data_set, comment="Flickan 121212-1212 fördes till ...")
    response = client_as("reporter").post(report_url(data_set, world.social), data)
    assert "personnummer" in errors_of(response, ValuesForm.name(abroad.pk, COMMENT))[0]


def test_the_second_of_two_concurrent_saves_gets_a_page_showing_both(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    url = report_url(data_set, world.social)
    coordinator, reporter = client_as("coordinator"), client_as("reporter")
    assert coordinator.post(url, form_data(data_set, girls=4)).status_code == 302
    response = reporter.post(url, form_data(data_set, girls=9))  # also loaded version 0
    assert response.status_code == 409
    html = response.content.decode()
    assert "Någon annan har sparat rapporten medan du fyllde i den" in html
    assert "Sparad version" in html and "Dina siffror" in html
    abroad, _staff = elements(data_set)
    form = response.context["form"]
    assert form.initial["based_on"] == 1
    assert form.initial[ValuesForm.name(abroad.pk, "g:f")] == 9
    assert DataValue.objects.filter(is_conflict=True, category="g:f").get().value == 9
    # Saving again from the conflict page is based on the saved version.
    assert reporter.post(url, form_data(data_set, girls=9, based_on=1)).status_code == 302


def test_the_working_group_member_reports_for_its_own_actor_only(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    client = client_as("working_group_member")
    assert client.get(report_url(data_set, world.school)).status_code == 200
    assert client.get(report_url(data_set, world.social)).status_code == 403


def test_a_period_the_data_set_does_not_collect_answers_404(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    client = client_as("reporter")
    assert client.get(report_url(data_set, world.social, Period(2025, 2))).status_code == 404
    assert client.get(report_url(data_set, world.social, Period(2019))).status_code == 404
    assert client.get(report_url(data_set, world.social, Period(2099))).status_code == 404
    bad = report_url(data_set, world.social).replace("/2025/", "/tjugo/")
    assert client.get(bad).status_code == 404
