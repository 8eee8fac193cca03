"""Writing through the API: status reports, measure values and statistics,
with the pages' validation, personal-data guard and version checks, and the
errors in Swedish."""

from __future__ import annotations

from typing import Any

import pytest

from handlingskraft.conftest import World
from handlingskraft.datacollection.models import DataSet, DataValue, ValueState
from handlingskraft.datacollection.tests.conftest import make_data_set
from handlingskraft.followup.models import FollowUpRound, ReportingTask, StatusOption
from handlingskraft.followup.services import round_lock
from handlingskraft.indicators.models import MeasureValue
from handlingskraft.plans.models import MeasureKind

from .conftest import ApiAs, post_json

pytestmark = pytest.mark.django_db

IDENTITY_NUMBER = "19121212-1212"


def social_task(round: FollowUpRound) -> ReportingTask:
    return round.tasks.get(actor__name="Socialnämnden", activity__isnull=False)


def report_url(task: ReportingTask) -> str:
    return f"/api/internal/tasks/{task.pk}/reports"


def fields_of(response: Any) -> dict[str | None, str]:
    return {error["field"]: error["message"] for error in response.json()["errors"]}


# --- status reports --------------------------------------------------------------------


def test_a_reporter_saves_a_draft_and_then_submits(
    world: World, api_as: ApiAs, round: FollowUpRound, statuses: dict[str, StatusOption]
) -> None:
    client = api_as("reporter")
    task = social_task(round)
    draft = post_json(client, report_url(task), {"done": "Utbildning hölls.", "based_on": 0})
    assert draft.status_code == 201
    assert draft.json()["number"] == 1
    assert draft.json()["submitted"] is False
    submitted = post_json(
        client,
        report_url(task),
        {
            "status": statuses["ongoing"].pk,
            "done": "Utbildning hölls i mars.",
            "evidence_links": "https://example.se/protokoll",
            "based_on": 1,
            "submit": True,
        },
    )
    assert submitted.status_code == 201
    assert submitted.json()["status"] == "ongoing"
    task.refresh_from_db()
    assert task.state == "submitted"
    detail = client.get(f"/api/internal/tasks/{task.pk}").json()
    assert detail["current_report"]["done"] == "Utbildning hölls i mars."
    assert detail["report_number"] == 2
    assert client.get(report_url(task)).json()["count"] == 2


def test_submitting_needs_a_status_and_says_so_in_swedish(
    world: World, api_as: ApiAs, round: FollowUpRound
) -> None:
    response = post_json(
        api_as("reporter"), report_url(social_task(round)), {"based_on": 0, "submit": True}
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "Uppgifterna behöver rättas."
    assert fields_of(response) == {"status": "Välj en status innan du skickar in."}


def test_a_status_of_another_organisation_is_refused(
    world: World, api_as: ApiAs, round: FollowUpRound
) -> None:
    foreign = StatusOption.objects.create(
        organization=world.other_organization, label="Pågår", category="ongoing"
    )
    response = post_json(
        api_as("reporter"), report_url(social_task(round)), {"status": foreign.pk, "based_on": 0}
    )
    assert response.status_code == 422
    assert "status" in fields_of(response)


@pytest.mark.parametrize("field", ["done", "next_steps", "obstacles", "evidence_links"])
def test_every_report_text_goes_through_the_personal_data_guard(
    world: World, api_as: ApiAs, round: FollowUpRound, field: str
) -> None:
    task = social_task(round)
    # A web address, so that the link check passes and only the guard speaks.
    text = f"https://example.se/arende/{IDENTITY_NUMBER}"
    response = post_json(api_as("reporter"), report_url(task), {field: text, "based_on": 0})
    assert response.status_code == 422
    assert "personnummer" in fields_of(response)[field]
    assert not task.reports.exists()


def test_evidence_links_must_be_web_addresses(
    world: World, api_as: ApiAs, round: FollowUpRound
) -> None:
    response = post_json(
        api_as("reporter"),
        report_url(social_task(round)),
        {"evidence_links": "protokollet i pärmen", "based_on": 0},
    )
    assert response.status_code == 422
    assert "inte en webbadress" in fields_of(response)["evidence_links"]


def test_a_save_based_on_an_old_version_is_a_409_with_both_versions(
    world: World, api_as: ApiAs, round: FollowUpRound
) -> None:
    task = social_task(round)
    post_json(api_as("coordinator"), report_url(task), {"done": "Deras text", "based_on": 0})
    response = post_json(api_as("reporter"), report_url(task), {"done": "Min text", "based_on": 0})
    assert response.status_code == 409
    body = response.json()
    assert body["detail"] == "Någon annan har sparat rapporten medan du skrev."
    assert body["errors"] == []
    assert body["mine"]["done"] == "Min text"
    assert body["mine"]["is_conflict"] is True
    assert body["theirs"]["done"] == "Deras text"
    assert body["theirs"]["number"] == 1
    # Nothing is lost: the refused text is kept as a conflict row.
    assert task.reports.filter(is_conflict=True, done="Min text").exists()


def test_a_locked_round_refuses_reports(world: World, api_as: ApiAs, round: FollowUpRound) -> None:
    round_lock(round=round, user=world.users["coordinator"], allow_missing=True)
    response = post_json(api_as("reporter"), report_url(social_task(round)), {"based_on": 0})
    assert response.status_code == 422
    assert response.json()["detail"] == "Omgången är godkänd och låst; inget kan ändras."


def test_a_body_that_is_not_valid_is_explained_in_swedish(
    world: World, api_as: ApiAs, round: FollowUpRound
) -> None:
    client = api_as("reporter")
    response = post_json(client, report_url(social_task(round)), {"done": 5, "based_on": -1})
    assert response.status_code == 422
    assert response.json()["detail"] == "Uppgifterna i anropet behöver rättas."
    assert fields_of(response) == {
        "done": "Ange en text.",
        "based_on": "Värdet ska vara minst 0.",
    }
    broken = client.post(report_url(social_task(round)), "{", content_type="application/json")
    assert broken.status_code in {400, 422}
    assert set(broken.json()) == {"detail", "errors"}


# --- measure values ----------------------------------------------------------------------


def values_url(world: World) -> str:
    return f"/api/internal/measures/{world.measure.pk}/values"


def test_the_coordinator_enters_a_value(world: World, api_as: ApiAs) -> None:
    world.measure.kind = MeasureKind.SHARE
    world.measure.save()
    response = post_json(
        api_as("coordinator"),
        values_url(world),
        {"period": "2025T1", "value": "42.5", "comment": "Enkät bland skolorna."},
    )
    assert response.status_code == 201
    assert response.json()["value"] == 42.5
    assert response.json()["period"] == "2025T1"
    value = MeasureValue.objects.get()
    assert (value.year, value.tertial, value.entered_by) == (2025, 1, world.users["coordinator"])
    listed = api_as("reader").get(values_url(world)).json()
    assert listed["items"][0]["comment"] == "Enkät bland skolorna."
    assert listed["items"][0]["is_current"] is True


def test_a_value_is_checked_against_the_measures_kind_in_swedish(
    world: World, api_as: ApiAs
) -> None:
    world.measure.kind = MeasureKind.SHARE
    world.measure.save()
    response = post_json(api_as("coordinator"), values_url(world), {"period": "2025", "value": 120})
    assert response.status_code == 422
    assert fields_of(response) == {"value": "En andel anges i procent, mellan 0 och 100."}


def test_a_value_comment_goes_through_the_personal_data_guard(world: World, api_as: ApiAs) -> None:
    response = post_json(
        api_as("coordinator"),
        values_url(world),
        {"period": "2025", "value": 3, "comment": f"Avser {IDENTITY_NUMBER}"},
    )
    assert response.status_code == 422
    assert "personnummer" in fields_of(response)["comment"]
    assert not MeasureValue.objects.exists()


def test_a_badly_written_period_is_refused(world: World, api_as: ApiAs) -> None:
    response = post_json(
        api_as("coordinator"), values_url(world), {"period": "vår 2025", "value": 3}
    )
    assert response.status_code == 422
    assert fields_of(response) == {"period": "Värdet har fel form."}


def test_reporters_enter_values_only_while_a_round_is_open(world: World, api_as: ApiAs) -> None:
    response = post_json(api_as("reporter"), values_url(world), {"period": "2025", "value": 3})
    assert response.status_code == 403
    assert "medan en uppföljningsomgång" in response.json()["detail"]


# --- statistics ------------------------------------------------------------------------


def data_url(data_set: DataSet, world: World, period: str = "2025") -> str:
    return f"/api/internal/data-sets/{data_set.pk}/reports/{world.social.pk}/{period}"


def entries(data_set: DataSet, **totals: Any) -> list[dict[str, Any]]:
    abroad, trained = data_set.elements.order_by("position")
    return [
        {
            "element": abroad.pk,
            "values": {"total": 6, "g:f": 3, "g:m": 3, "g:x": 0},
            "comment": totals.get("comment", ""),
        },
        {"element": trained.pk, "values": {"total": totals.get("trained", 40)}},
    ]


def test_a_reporter_submits_counts_and_reads_them_back(world: World, api_as: ApiAs) -> None:
    data_set = make_data_set(world)
    client = api_as("reporter")
    response = post_json(
        client,
        data_url(data_set, world),
        {"based_on": 0, "submit": True, "elements": entries(data_set)},
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["state"], body["number"]) == (ValueState.SUBMITTED, 1)
    read = client.get(data_url(data_set, world)).json()
    abroad = data_set.elements.get(code="HRV-2")
    current = {row["element"]: row["values"] for row in read["current"]["elements"]}
    assert current[abroad.pk] == {"total": 6, "g:f": 3, "g:m": 3, "g:x": 0}


def test_counts_that_do_not_add_up_are_refused_with_the_fields(world: World, api_as: ApiAs) -> None:
    data_set = make_data_set(world)
    rows = entries(data_set)
    rows[0]["values"]["g:f"] = 5
    rows[1]["values"]["total"] = -1
    response = post_json(
        api_as("reporter"),
        data_url(data_set, world),
        {"based_on": 0, "submit": True, "elements": rows},
    )
    assert response.status_code == 422
    errors = fields_of(response)
    abroad, trained = data_set.elements.order_by("position")
    assert errors[f"elements.{abroad.pk}.values.total"].startswith("Uppdelningen summerar till 8")
    assert errors[f"elements.{trained.pk}.values.total"] == "Antalet kan inte vara negativt."
    assert not DataValue.objects.exists()


def test_unknown_elements_and_categories_are_refused(world: World, api_as: ApiAs) -> None:
    data_set = make_data_set(world)
    rows = entries(data_set)
    rows[1]["values"]["g:f"] = 1
    rows.append({"element": 999_999, "values": {"total": 1}})
    response = post_json(
        api_as("reporter"), data_url(data_set, world), {"based_on": 0, "elements": rows}
    )
    assert response.status_code == 422
    trained = data_set.elements.get(code="HRV-4")
    assert fields_of(response) == {
        f"elements.{trained.pk}.values.g:f": "Okänd kategori.",
        "elements.999999.element": "Aktören rapporterar inte den uppgiften i datamängden.",
    }


def test_a_count_comment_goes_through_the_personal_data_guard(world: World, api_as: ApiAs) -> None:
    data_set = make_data_set(world)
    response = post_json(
        api_as("reporter"),
        data_url(data_set, world),
        {"based_on": 0, "elements": entries(data_set, comment=f"Barnet {IDENTITY_NUMBER}")},
    )
    assert response.status_code == 422
    abroad = data_set.elements.get(code="HRV-2")
    assert "personnummer" in fields_of(response)[f"elements.{abroad.pk}.comment"]


def test_counts_saved_on_an_old_version_are_a_409_with_both_versions(
    world: World, api_as: ApiAs
) -> None:
    data_set = make_data_set(world)
    url = data_url(data_set, world)
    first = post_json(api_as("coordinator"), url, {"based_on": 0, "elements": entries(data_set)})
    assert first.status_code == 201
    response = post_json(
        api_as("reporter"), url, {"based_on": 0, "elements": entries(data_set, trained=41)}
    )
    assert response.status_code == 409
    body = response.json()
    assert body["detail"] == "Någon annan har sparat rapporten medan du fyllde i den."
    assert body["theirs"]["number"] == 1
    assert body["mine"]["is_conflict"] is True
    trained = data_set.elements.get(code="HRV-4")
    mine = {row["element"]: row["values"] for row in body["mine"]["elements"]}
    assert mine[trained.pk] == {"total": 41}


def test_a_reporter_cannot_save_counts_for_another_actor(world: World, api_as: ApiAs) -> None:
    data_set = make_data_set(world)
    url = f"/api/internal/data-sets/{data_set.pk}/reports/{world.school.pk}/2025"
    response = post_json(api_as("reporter"), url, {"based_on": 0, "elements": []})
    assert response.status_code == 403


def test_a_save_without_a_single_count_is_refused(world: World, api_as: ApiAs) -> None:
    data_set = make_data_set(world)
    abroad = data_set.elements.get(code="HRV-2")
    for elements in [[], [{"element": abroad.pk, "values": {"total": None}, "comment": "x"}]]:
        response = post_json(
            api_as("reporter"), data_url(data_set, world), {"based_on": 0, "elements": elements}
        )
        assert response.status_code == 422
        assert fields_of(response) == {"elements": "Fyll i minst ett antal."}
