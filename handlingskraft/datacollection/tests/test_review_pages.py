"""The coordinator's pages: reviewing (approve and lock, or return with a
comment) and correcting an approved report with a reason."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from handlingskraft.conftest import World
from handlingskraft.datacollection.categories import TOTAL
from handlingskraft.datacollection.models import DataSet, ValueState
from handlingskraft.datacollection.queries import approved_values, report_states

from .conftest import YEAR, approve, elements, submit
from .pages import form_data, report_url, url

pytestmark = pytest.mark.django_db


def test_the_review_list_shows_what_waits(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    submit(data_set, world.social, world.users["reporter"])
    response = client_as("coordinator").get(url("review_list", data_set))
    assert response.status_code == 200
    assert [row["actor"] for row in response.context["waiting"]] == [world.social]
    assert "Socialnämnden, 2025" in response.content.decode()


def test_approving_locks_the_report(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    submit(data_set, world.social, world.users["reporter"])
    review = report_url(data_set, world.social, name="review")
    response = client_as("coordinator").post(review, {"action": "approve", "comment": ""})
    assert response.status_code == 302
    assert report_states(data_set) == {(world.social.pk, YEAR): ValueState.APPROVED}
    page = client_as("reporter").get(report_url(data_set, world.social))
    assert "godkänd och låst" in page.content.decode()


def test_returning_needs_a_comment_next_to_the_field(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    submit(data_set, world.social, world.users["reporter"])
    review = report_url(data_set, world.social, name="review")
    client = client_as("coordinator")
    refused = client.post(review, {"action": "return", "comment": ""})
    assert refused.context["form"].errors["comment"] == ["Skriv vad som behöver kompletteras."]
    client.post(review, {"action": "return", "comment": "Stämmer antalet pojkar?"})
    assert report_states(data_set)[(world.social.pk, YEAR)] == ValueState.DRAFT
    page = client_as("reporter").get(report_url(data_set, world.social))
    html = page.content.decode()
    assert "Skickad tillbaka för komplettering" in html and "Stämmer antalet pojkar?" in html


def test_a_correction_needs_a_reason_and_shows_in_the_history(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    approved = approve(data_set, world.social, world.users["coordinator"])
    correct = report_url(data_set, world.social, name="correct")
    client = client_as("coordinator")
    assert client.get(correct).status_code == 200
    data = form_data(data_set, girls=4, based_on=approved.number)
    refused = client.post(correct, {**data, "reason": ""})
    assert refused.context["form"].errors["reason"] == ["Ange skälet till rättelsen."]
    response = client.post(correct, {**data, "reason": "Ett barn räknades inte."}, follow=True)
    html = response.content.decode()
    assert "Rättelsen är sparad" in html
    assert "Skäl till rättelsen:" in html and "Ett barn räknades inte." in html
    abroad, _staff = elements(data_set)
    assert approved_values(data_set)[(world.social.pk, YEAR)][abroad.pk][TOTAL] == 6


def test_a_report_not_yet_approved_is_not_corrected_but_changed_in_the_form(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    submit(data_set, world.social, world.users["reporter"])
    response = client_as("coordinator").get(report_url(data_set, world.social, name="correct"))
    assert response.status_code == 302
    assert response.url == report_url(data_set, world.social, name="review")


def test_a_concurrent_correction_gets_the_conflict_page(
    world: World, data_set: DataSet, client_as: Callable[[str], Client]
):
    approved = approve(data_set, world.social, world.users["coordinator"])
    correct = report_url(data_set, world.social, name="correct")
    client = client_as("coordinator")
    first = form_data(data_set, girls=4, based_on=approved.number)
    assert client.post(correct, {**first, "reason": "Först."}).status_code == 302
    data = form_data(data_set, girls=5, based_on=approved.number)
    response = client.post(correct, {**data, "reason": "Sen."})
    assert response.status_code == 409
    assert "Dina siffror" in response.content.decode()
    assert response.context["form"].initial["reason"] == "Sen."
