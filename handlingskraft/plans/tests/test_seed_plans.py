"""The three seed plans hold their source documents faithfully, and survive an
export → import round trip unchanged."""

from __future__ import annotations

import pytest
import yaml

from handlingskraft.organizations.models import ActorKind
from handlingskraft.plans.models import Activity, ActivityStatus, Measure, Plan
from handlingskraft.plans.planfile import plan_export, plan_import
from handlingskraft.plans.seeds import SEED_PLAN_DIR

pytestmark = pytest.mark.django_db


def load(name: str) -> Plan:
    return plan_import(text=(SEED_PLAN_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def responsible(activity: Activity) -> list[str]:
    return [assignment.actor.name for assignment in activity.assignments.order_by("position")]


def test_botkyrka_has_four_goals_six_measures_eighteen_activities_and_nine_responsibilities():
    plan = load("botkyrka")
    assert plan.organization.municipality_code == "0127"
    assert plan.goals.count() == 4
    assert [goal.prerequisites.count() for goal in plan.goals.all()] == [3, 3, 5, 1]
    assert [goal.measures.count() for goal in plan.goals.all()] == [1, 2, 2, 1]
    assert [goal.activities.count() for goal in plan.goals.all()] == [6, 5, 3, 4]
    assert Measure.objects.filter(plan=plan).count() == 6
    assert Activity.objects.filter(plan=plan).count() == 18
    assert plan.responsibilities.count() == 9


def test_botkyrka_was_decided_by_kommunstyrelsen_with_its_review_cadence():
    plan = load("botkyrka")
    assert plan.decided_by is not None and plan.decided_by.name == "Kommunstyrelsen"
    assert plan.decided_on is not None and plan.decided_on.isoformat() == "2022-09-05"
    assert plan.annual_review is True
    assert plan.evaluation_interval_years == 2
    assert plan.next_revision_year == 2024
    assert plan.section_label == "målbild"


def test_botkyrka_goal_and_measure_texts_are_exact():
    plan = load("botkyrka")
    goal_three = plan.goals.get(number=3)
    assert goal_three.title == (
        "Botkyrka kommun verkar för att förvaltningarna samverkar bättre med varandra så att "
        "barn och unga som utsätts för hedersrelaterat våld och förtryck har tillgång till "
        "kunskapsbaserade insatser utifrån sina behov."
    )
    assert goal_three.prerequisites.last().text == (
        "Kommunen synliggör kontaktvägarna till Origo då den unge inte vill anförtro sig till "
        "någon i kommunen eller hälso-och sjukvården."
    )
    assert plan.goals.get(number=2).measures.last().statement == (
        "Andel förskolor som skapat rutiner för att upptäcka hedersrelaterat våld och förtryck "
        "samt könsstympning ökar."
    )
    assert set(Measure.objects.filter(plan=plan).values_list("direction", flat=True)) == {
        "increase"
    }


def test_botkyrka_activities_have_exactly_their_listed_actors_and_no_guessed_lead():
    plan = load("botkyrka")
    first, second = plan.goals.get(number=1).activities.all()[:2]
    assert first.description == (
        "Informera om HRV och könsstympning i introduktionen för dem som deltar i "
        "föräldrastödsprogram."
    )
    assert responsible(first) == ["Socialnämnden", "Kommunstyrelsen"]
    assert responsible(second) == [
        "Kommunstyrelsen",
        "Socialnämnden",
        "Utbildningsnämnden",
        "Kultur- och fritidsnämnden",
    ]
    housing = plan.goals.get(number=2).activities.first()
    assert responsible(housing)[-1] == "Bostadsbolagen"
    region = plan.goals.get(number=2).activities.all()[1]
    assert region.partner_note == "i samarbete med regionen"
    last = plan.goals.get(number=4).activities.last()
    assert responsible(last) == ["Kommunstyrelsen"]
    assert last.description.endswith("vilket innebär en nollmätning från år 2022")
    assert not plan.activities.filter(assignments__is_lead=True).exists()


def test_botkyrka_responsibilities_name_who_follows_them_up():
    plan = load("botkyrka")
    items = list(plan.responsibilities.select_related("actor", "followed_up_by"))
    assert [r.actor.name for r in items][:3] == [
        "Kommunstyrelsen",
        "Utbildningsnämnden",
        "Socialnämnden",
    ]
    followed = [r.followed_up_by.name if r.followed_up_by else None for r in items]
    assert followed == [
        "Kommunstyrelsen",
        "Kommunstyrelsen",
        "Socialnämnden",
        "Arbetsmarknads- och vuxenutbildningsnämnden",
        "Kultur- och fritidsnämnden",
        None,
        None,
        None,
        None,
    ]
    assert items[0].text.startswith("Våldspreventivt center har ett särskilt uppdrag")
    assert items[7].actor.name == "Botkyrka kvinnojour"


def test_botkyrka_actors_include_partners_the_working_group_and_the_centre():
    plan = load("botkyrka")
    kinds = dict(plan.organization.actors.values_list("name", "kind"))
    assert kinds["Botkyrkabyggen"] == ActorKind.MUNICIPAL_COMPANY
    assert kinds["Polisen"] == ActorKind.EXTERNAL_PARTNER
    assert kinds["Botkyrka kvinnojour"] == ActorKind.EXTERNAL_PARTNER
    assert kinds["Arbetsgruppen för handlingsplanen"] == ActorKind.WORKING_GROUP
    centre = plan.organization.actors.get(abbreviation="VPC")
    assert centre.name == "Våldspreventivt center"
    assert centre.serves is not None and centre.serves.name == "Kommunstyrelsen"


def test_haninge_has_seven_points_with_their_june_2023_statuses():
    plan = load("haninge")
    assert plan.organization.municipality_code == "0136"
    assert plan.goals.count() == 0
    points = list(plan.activities.order_by("position"))
    assert len(points) == 7
    assert [point.status for point in points] == [
        ActivityStatus.COMPLETED,
        ActivityStatus.COMPLETED,
        ActivityStatus.ONGOING,
        ActivityStatus.ONGOING,
        ActivityStatus.ONGOING,
        ActivityStatus.NOT_STARTED,
        ActivityStatus.COMPLETED,
    ]
    assert points[2].description == (
        "Säkerställ en samlad information till barn och unga om vilket stöd som finns att få "
        "gällande hedersrelaterat våld och förtryck."
    )
    assert points[2].status_note == (
        "Arbete pågår med att ta fram broschyrer och affischer riktade mot barn och unga."
    )
    assert points[5].description.startswith("Initiera ett arbete tillsammans med studieförbunden")
    assert {point.status_date.isoformat() for point in points if point.status_date} == {
        "2023-06-12"
    }
    assert plan.activity_label_plural == "uppdragspunkter"


def test_orebro_has_six_development_areas_with_descriptions():
    plan = load("orebro")
    assert plan.organization.municipality_code == "1880"
    assert plan.section_label_plural == "utvecklingsområden"
    assert list(plan.goals.values_list("title", flat=True)) == [
        "Insatser för utsatta",
        "Insatser för förövare",
        "Information",
        "Främjande och förebyggande",
        "Kvalitetsarbete",
        "Samordning",
    ]
    assert plan.goals.get(number=5).description == (
        "Arbetet ska kvalitetssäkras och metoder för uppföljning av insatser ska utvecklas. "
        "De kommunala insatserna ska svara mot mål, lagar, föreskrifter, allmänna råd samt "
        "invånarnas behov."
    )


@pytest.mark.parametrize("name", ["botkyrka", "haninge", "orebro"])
def test_export_then_import_of_a_seed_plan_is_identical(name: str):
    first = plan_export(plan=load(name))
    Plan.objects.all().delete()
    second = plan_export(plan=plan_import(text=first))
    assert second == first


@pytest.mark.parametrize("name", ["botkyrka", "haninge", "orebro"])
def test_importing_a_seed_plan_keeps_everything_in_the_file(name: str):
    source = (SEED_PLAN_DIR / f"{name}.yaml").read_text(encoding="utf-8")
    exported = plan_export(plan=plan_import(text=source))
    assert yaml.safe_load(exported) == yaml.safe_load(source)
