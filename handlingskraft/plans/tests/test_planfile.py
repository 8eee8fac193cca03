"""The plan file format: invalid files are refused with errors that name their
place, in Swedish, and write nothing; valid files import and export again."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.models import Activity, Plan
from handlingskraft.plans.planfile import PlanFileError, plan_export, plan_import

VALID: dict[str, Any] = {
    "format": "handlingskraft-plan/1",
    "organization": {"name": "Testkommun", "slug": "testkommun", "municipality_code": "9901"},
    "actors": [
        {"name": "Socialnämnden", "kind": "committee"},
        {"name": "Socialförvaltningen", "kind": "administration", "serves": "Socialnämnden"},
        {"name": "Polisen", "kind": "external_partner"},
    ],
    "title": "Handlingsplan mot våld",
    "slug": "handlingsplan",
    "decided_by": "Socialnämnden",
    "decided_on": "2022-09-05",
    "status": "adopted",
    "goals": [
        {
            "number": 1,
            "title": "Vi förebygger våld",
            "prerequisites": ["Kunskap finns."],
            "measures": [
                {
                    "statement": "Andelen skolor ökar.",
                    "direction": "increase",
                    "baseline": {"year": 2022, "value": 0.35},
                }
            ],
            "activities": [
                {
                    "description": "Informera föräldrar.",
                    "responsible": ["Socialnämnden", "Polisen"],
                    "lead": "Socialnämnden",
                    "starts_on": "2023-01-01",
                    "due_on": "2023-12-31",
                }
            ],
        },
        {"number": 2, "title": "Vi upptäcker våld"},
    ],
}


def as_text(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def changed(change: Any) -> str:
    data = copy.deepcopy(VALID)
    change(data)
    return as_text(data)


def database_counts() -> tuple[int, ...]:
    return (Organization.objects.count(), Actor.objects.count(), Plan.objects.count())


def refused(text: str) -> list[str]:
    before = database_counts()
    with pytest.raises(PlanFileError) as caught:
        plan_import(text=text)
    assert database_counts() == before, "a refused file must write nothing"
    return caught.value.errors


pytestmark = pytest.mark.django_db


def test_a_valid_file_imports_with_its_structure() -> None:
    plan = plan_import(text=as_text(VALID))
    activity = Activity.objects.get(plan=plan)
    assert plan.organization.municipality_code == "9901"
    assert plan.decided_by is not None and plan.decided_by.name == "Socialnämnden"
    assert [a.name for a in activity.responsible_actors.order_by("assignments__position")] == [
        "Socialnämnden",
        "Polisen",
    ]
    assert activity.lead is not None and activity.lead.name == "Socialnämnden"
    assert Actor.objects.get(name="Socialförvaltningen").serves == plan.decided_by


def test_bad_yaml_is_refused_with_its_line() -> None:
    errors = refused("title: [oavslutad\nslug: x\n")
    assert len(errors) == 1
    assert errors[0].startswith("Filen är inte giltig YAML (rad ")


def test_an_empty_file_is_refused() -> None:
    assert refused("") == ["Filen är tom."]


def test_a_list_at_the_top_is_refused() -> None:
    assert refused("- a\n- b\n") == ["filen: ska vara en samling fält"]


def test_a_missing_title_is_named() -> None:
    assert refused(changed(lambda d: d.pop("title"))) == ["filen: fältet ”title” saknas"]


def test_an_unknown_field_is_named() -> None:
    errors = refused(changed(lambda d: d["goals"][0].update(titel="stavfel")))
    assert errors == ["goals[1]: okänt fält ”titel”"]


def test_an_unknown_actor_is_named_at_its_place() -> None:
    errors = refused(
        changed(lambda d: d["goals"][0]["activities"][0]["responsible"].append("Skolan"))
    )
    assert errors == [
        "goals[1].activities[1].responsible[3]: ”Skolan” finns inte bland aktörerna under actors"
    ]


def test_a_lead_who_is_not_responsible_is_refused() -> None:
    errors = refused(changed(lambda d: d["goals"][0]["activities"][0].update(lead="Skolan")))
    assert errors == ["goals[1].activities[1].lead: ”Skolan” är inte en av de ansvariga aktörerna"]


def test_a_lead_among_declared_actors_but_not_responsible_is_refused() -> None:
    def change(data: dict[str, Any]) -> None:
        data["goals"][0]["activities"][0]["lead"] = "Socialförvaltningen"

    assert refused(changed(change)) == [
        "goals[1].activities[1].lead: ”Socialförvaltningen” är inte en av de ansvariga aktörerna"
    ]


def test_duplicate_goal_numbers_are_refused() -> None:
    errors = refused(changed(lambda d: d["goals"][1].update(number=1)))
    assert errors == ["goals[2].number: numret 1 används redan av en annan målbild"]


def test_an_impossible_date_is_refused() -> None:
    errors = refused(changed(lambda d: d.update(decided_on="2022-02-30")))
    assert errors == ["decided_on: ”2022-02-30” är inte ett giltigt datum"]


def test_a_date_in_another_form_is_refused() -> None:
    errors = refused(changed(lambda d: d.update(decided_on="5 september 2022")))
    assert errors == ["decided_on: ska vara ett datum på formen ÅÅÅÅ-MM-DD"]


def test_an_unquoted_municipality_code_gets_a_hint() -> None:
    text = changed(lambda d: None).replace("'9901'", "0127")
    assert refused(text) == [
        "organization.municipality_code: kommunkoden ska skrivas inom citattecken, "
        "till exempel ”0127”"
    ]


def test_an_unknown_direction_lists_the_allowed_values() -> None:
    errors = refused(changed(lambda d: d["goals"][0]["measures"][0].update(direction="upp")))
    assert errors == [
        "goals[1].measures[1].direction: ”upp” är inte ett tillåtet värde "
        "(tillåtna: increase, decrease, keep)"
    ]


def test_a_duplicate_key_is_refused_with_its_line() -> None:
    text = as_text(VALID) + "title: En annan titel\n"
    errors = refused(text)
    assert len(errors) == 1
    assert errors[0].startswith("Rad ")
    assert errors[0].endswith(": fältet ”title” förekommer två gånger.")


def test_a_due_date_before_the_start_is_refused() -> None:
    errors = refused(changed(lambda d: d["goals"][0]["activities"][0].update(due_on="2022-12-31")))
    assert errors == ["goals[1].activities[1].due_on: datumet ligger före starts_on"]


def test_a_personal_identity_number_in_free_text_is_refused() -> None:
    errors = refused(
        changed(lambda d: d["goals"][0].update(description="Gäller 19811218-9876 särskilt."))
    )
    assert len(errors) == 1
    assert errors[0].startswith("goals[1].description: Texten innehåller något som ser ut som")


def test_a_coordination_number_is_refused_as_well() -> None:
    errors = refused(changed(lambda d: d.update(purpose="Samordningsnummer 811278-9873.")))
    assert len(errors) == 1
    assert errors[0].startswith("purpose: Texten innehåller")


def test_an_actor_declared_twice_is_refused() -> None:
    errors = refused(
        changed(lambda d: d["actors"].append({"name": "Polisen", "kind": "committee"}))
    )
    assert errors == ["actors[4].name: aktören ”Polisen” finns redan i listan"]


def test_an_actor_named_twice_as_responsible_is_refused() -> None:
    errors = refused(
        changed(lambda d: d["goals"][0]["activities"][0]["responsible"].append("Polisen"))
    )
    assert errors == ["goals[1].activities[1].responsible[3]: ”Polisen” står redan som ansvarig"]


def test_a_wrong_format_version_is_refused() -> None:
    errors = refused(changed(lambda d: d.update(format="handlingskraft-plan/9")))
    assert errors == ["format: ska vara ”handlingskraft-plan/1”"]


def test_several_errors_are_all_reported_at_once() -> None:
    def change(data: dict[str, Any]) -> None:
        data["goals"][1]["number"] = 1
        data["goals"][0]["activities"][0]["lead"] = "Socialförvaltningen"

    assert len(refused(changed(change))) == 2


def test_a_plan_that_already_exists_is_refused() -> None:
    plan_import(text=as_text(VALID))
    assert refused(as_text(VALID)) == ["slug: planen ”handlingsplan” finns redan hos Testkommun"]


def test_a_municipality_code_of_another_organisation_is_refused() -> None:
    plan_import(text=as_text(VALID))
    text = changed(lambda d: d["organization"].update(name="Annan kommun", slug="annan"))
    assert refused(text) == [
        "organization.municipality_code: kommunkoden 9901 tillhör redan Testkommun"
    ]


def test_an_actor_of_another_kind_than_in_the_database_is_refused() -> None:
    plan_import(text=as_text(VALID))

    def change(data: dict[str, Any]) -> None:
        data["slug"] = "ny-plan"
        data["actors"][2]["kind"] = "committee"

    assert refused(changed(change)) == [
        "actors[3].kind: ”Polisen” finns redan med en annan typ (external_partner)"
    ]


def test_a_second_plan_reuses_the_organisation_and_its_actors() -> None:
    plan_import(text=as_text(VALID))
    plan_import(text=changed(lambda d: d.update(slug="andra-planen")))
    assert Organization.objects.count() == 1
    assert Actor.objects.count() == 3
    assert Plan.objects.count() == 2


def test_export_then_import_gives_the_same_file() -> None:
    first = plan_export(plan=plan_import(text=as_text(VALID)))
    Plan.objects.all().delete()
    second = plan_export(plan=plan_import(text=first))
    assert second == first
    assert yaml.safe_load(first)["goals"][0]["measures"][0]["baseline"] == {
        "year": 2022,
        "value": 0.35,
    }


def test_multi_paragraph_text_is_exported_as_a_literal_block() -> None:
    text = changed(lambda d: d.update(purpose="Första stycket.\n\nAndra stycket."))
    exported = plan_export(plan=plan_import(text=text))
    assert "purpose: |-\n  Första stycket.\n\n  Andra stycket.\n" in exported


def test_the_history_records_a_change_to_a_plan() -> None:
    plan = plan_import(text=as_text(VALID))
    plan.title = "Reviderad handlingsplan"
    plan.save()
    titles = [record.title for record in plan.history.order_by("history_date")]
    assert titles == ["Handlingsplan mot våld", "Reviderad handlingsplan"]
    latest = plan.history.latest()
    delta = latest.diff_against(latest.prev_record)
    assert [change.field for change in delta.changes] == ["title"]


def with_followed_up_measure(data: dict[str, Any]) -> None:
    data["goals"][0]["measures"][0].update(
        kind="share",
        share_of="preschool",
        kolada_kpi="N00945",
        targets=[
            {"year": 2024, "value": 50},
            {"year": 2025, "tertial": 1, "value": 55.5},
            {"year": 2025, "value": 60},
        ],
    )


def test_a_measures_kind_share_kolada_id_and_targets_round_trip() -> None:
    first = plan_export(plan=plan_import(text=changed(with_followed_up_measure)))
    Plan.objects.all().delete()
    second = plan_export(plan=plan_import(text=first))
    assert second == first
    measure = yaml.safe_load(first)["goals"][0]["measures"][0]
    assert (measure["kind"], measure["share_of"], measure["kolada_kpi"]) == (
        "share",
        "preschool",
        "N00945",
    )
    assert measure["targets"] == [
        {"year": 2024, "value": 50},
        {"year": 2025, "tertial": 1, "value": 55.5},
        {"year": 2025, "value": 60},
    ]


def test_a_kolada_id_in_another_form_is_refused_with_an_example() -> None:
    errors = refused(changed(lambda d: d["goals"][0]["measures"][0].update(kolada_kpi="945")))
    assert errors == [
        "goals[1].measures[1].kolada_kpi: "
        "ska vara ett nyckeltals id i Kolada, till exempel ”N00945”"
    ]


def test_what_a_share_is_of_is_refused_on_a_measure_that_is_no_share() -> None:
    errors = refused(
        changed(lambda d: d["goals"][0]["measures"][0].update(kind="count", share_of="school"))
    )
    assert errors == ["goals[1].measures[1].share_of: anges bara när kind är share (en andel)"]


def test_two_targets_for_the_same_period_are_refused() -> None:
    def change(data: dict[str, Any]) -> None:
        data["goals"][0]["measures"][0]["targets"] = [
            {"year": 2025, "value": 1},
            {"year": 2025, "value": 2},
        ]

    assert refused(changed(change)) == [
        "goals[1].measures[1].targets[2]: det finns redan ett mål för samma period"
    ]
